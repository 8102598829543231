//! The rating-save workload of the vault benchmark, shared by `benches/vault.rs` and the program
//! that runs the same saves on ntk-core at an earlier commit (`bench/earlier`, built by
//! `scripts/bench-earlier.sh`). It uses only calls that ntk-core has had since before padded
//! records, so that it compiles against both.
//!
//! The data is generated from a fixed seed: both builds store the same households and save the
//! same ratings, so their records have the same sizes (before padding).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ntk_core::assessment::*;
use ntk_core::toolkit::{self, Scope, ToolkitDefinition};
use ntk_core::vault::{KdfProfile, Vault, VaultEnv};
use ntk_core::{Entropy, SeededEntropy, SystemClock};
use std::path::Path;

pub const PASS: &str = "benchmark passphrase";

/// `NTK_BENCH_HOUSEHOLDS`, default 5000.
pub fn households() -> usize {
    std::env::var("NTK_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000)
}

pub fn env() -> VaultEnv {
    VaultEnv {
        clock: Box::new(SystemClock),
        rng: Box::new(ntk_core::SystemEntropy),
    }
}

pub fn text(rng: &mut dyn Entropy, words: usize) -> String {
    const W: &[&str] = &[
        "kitchen",
        "school",
        "bedtime",
        "clean",
        "clothes",
        "nursery",
        "visit",
        "meal",
        "late",
        "appointment",
        "warm",
        "play",
        "tired",
        "shoes",
        "dentist",
        "homework",
    ];
    let mut b = vec![0u8; words];
    rng.fill(&mut b);
    b.iter()
        .map(|&x| W[x as usize % W.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn household(rng: &mut dyn Entropy, i: usize) -> Household {
    let now = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap();
    Household {
        id: Id::generate(rng),
        name: format!("Household {i} {}", text(rng, 1)),
        reference: format!("REF-{i:06}"),
        address: Address {
            lines: vec![format!("{} Long Street", i % 300), "Townton".into()],
            postcode: format!("NG{} {}AB", i % 20, i % 9),
        },
        language: "English".into(),
        interpreter_needed: false,
        agencies: Vec::new(),
        carers: vec![Carer {
            id: Id::generate(rng),
            name: format!("Carer {i}"),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: "07700 900000".into(),
        }],
        children: (0..2)
            .map(|c| Child {
                id: Id::generate(rng),
                name: format!("Child {i}-{c}"),
                birth: Birth::Born(
                    NaiveDate::from_ymd_opt(2015 + (i % 8) as i32, 1 + (i % 12) as u32, 10)
                        .unwrap(),
                ),
                gender: String::new(),
                setting: "Primary school".into(),
                additional_needs: String::new(),
                language: "English".into(),
                young_carer: false,
            })
            .collect(),
        created_at: now,
        updated_at: now,
    }
}

pub fn assessment(
    rng: &mut dyn Entropy,
    h: &Household,
    def: &ToolkitDefinition,
    complete: bool,
) -> Assessment {
    let now = h.created_at + Duration::days(1);
    let dref = DefinitionRef {
        id: def.id.clone(),
        version: def.version.clone(),
        hash: toolkit::content_hash(def),
    };
    let mut a = Assessment::new_draft(
        Id::generate(rng),
        h.id.clone(),
        AssessmentKind::Initial,
        dref,
        Practitioner {
            name: "Bench".into(),
            ..Default::default()
        },
        now,
    );
    for (_, item) in def.items() {
        let subjects: Vec<Subject> = match item.scope {
            Scope::Household => vec![Subject::Household],
            Scope::Child => h
                .children
                .iter()
                .map(|c| Subject::Child(c.id.clone()))
                .collect(),
        };
        for s in subjects {
            let mut r = Rating::new(item.number.clone(), s);
            r.level = Some(2);
            r.carer_level = Some(1);
            r.evidence = text(rng, 30);
            r.impact = text(rng, 15);
            a.ratings.push(r);
        }
    }
    a.analysis = text(rng, 60);
    a.decision.review_date = NaiveDate::from_ymd_opt(2026, 4, 1);
    if complete {
        a.complete("Bench", now).unwrap();
    }
    a
}

/// The stored content: `n` households with two children and a completed assessment each (as
/// the JSON form `Vault::import_json` reads), and a draft assessment of the last household,
/// whose ratings the measured saves write.
pub struct Workload {
    pub def: ToolkitDefinition,
    pub doc: serde_json::Value,
    pub draft: Assessment,
}

pub fn workload(n: usize) -> Workload {
    let def = toolkit::bundled_default();
    let mut rng = SeededEntropy::new(42);
    let mut entries = Vec::new();
    let mut last = None;
    for i in 0..n {
        let h = household(&mut rng, i);
        let a = assessment(&mut rng, &h, &def, true);
        entries.push(serde_json::json!({ "household": h, "assessments": [a] }));
        last = Some(h);
    }
    let doc = serde_json::json!({
        "format": "ntk-vault-export", "format_version": 1, "exported_at": Utc::now(),
        "definitions": [{ "hash": toolkit::content_hash(&def), "definition": def }],
        "households": entries,
    });
    let last = last.unwrap();
    let mut draft = assessment(&mut rng, &last, &def, false);
    draft.created_at += Duration::days(30);
    Workload { def, doc, draft }
}

/// A new vault at `path` (Standard key derivation profile) holding the workload.
pub fn vault(path: &Path, w: &Workload) -> Vault {
    let (mut vault, _rk) = Vault::create(path, PASS, KdfProfile::Standard, env()).unwrap();
    vault.import_json(&w.doc).unwrap();
    vault.save_assessment(&w.draft).unwrap();
    vault
}

/// The rating written by measured save number `i` (warm-up saves included): the draft's
/// ratings in turn, each with evidence that differs from the stored one.
pub fn sample_rating(draft: &Assessment, i: usize) -> Rating {
    let mut r = draft.ratings[i % draft.ratings.len()].clone();
    r.evidence = format!("sample {i}: {}", r.evidence);
    r
}

/// The serving mode of a save program (the protocol of `bench/sqlcipher`): builds a vault of
/// `households` households in a new folder under `NTK_BENCH_DIR` (default: the current folder),
/// prints `READY`, then makes one save per line it reads and prints that save's time in ms;
/// when its input ends it removes its files. `bench/earlier` runs this on an earlier core and
/// the vault benchmark runs itself in this mode for the current core, so that before and after
/// are measured by the same code, each in its own process.
pub fn serve(households: usize) {
    use std::io::{BufRead, Write};
    use std::time::Instant;
    let base = std::env::var_os("NTK_BENCH_DIR").unwrap_or_else(|| ".".into());
    let dir = Path::new(&base).join(format!("vault-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let w = workload(households);
    let mut vault = vault(&dir.join("vault.ntk"), &w);
    let mut out = std::io::stdout().lock();
    writeln!(out, "READY").expect("stdout");
    out.flush().expect("stdout");
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        if line.is_err() {
            break;
        }
        let r = sample_rating(&w.draft, i);
        let t = Instant::now();
        vault.save_rating(&w.draft.id, r).expect("save");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        writeln!(out, "{ms:.6}").expect("stdout");
        out.flush().expect("stdout");
    }
    drop(vault);
    let _ = std::fs::remove_dir_all(&dir);
}
