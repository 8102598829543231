//! Vault benchmarks (criterion, run with `cargo bench -p ntk-core --bench vault`).
//!
//! With 5,000 households stored (two children and a completed assessment each) it measures:
//! the durable save of one rating (criterion's distribution, and p50/p99 of an own sample of
//! 500 saves), the same workload on plain rusqlite without encryption (same schema shape, same
//! pragmas, same audit writes) and the ratio; unlocking the session on that vault (Standard key
//! derivation profile, the quick integrity check and the households index build); the index's
//! build time and memory; listing and searching all households through the session, served by
//! the index. Figures are printed, never asserted; lines starting `FIGURE` are read by
//! `scripts/bench.sh` for its table.
//!
//! `NTK_BENCH_HOUSEHOLDS` changes the number of households (default 5000).

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use ntk_core::app::Session;
use ntk_core::assessment::*;
use ntk_core::toolkit::{self, Scope, ToolkitDefinition};
use ntk_core::vault::{KdfProfile, Vault, VaultEnv};
use ntk_core::{Entropy, SeededEntropy, SystemClock};
use rusqlite::{params, Connection, OptionalExtension};
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

const PASS: &str = "benchmark passphrase";
const SAMPLE: usize = 500;

fn households() -> usize {
    std::env::var("NTK_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000)
}

fn env() -> VaultEnv {
    VaultEnv {
        clock: Box::new(SystemClock),
        rng: Box::new(ntk_core::SystemEntropy),
    }
}

fn text(rng: &mut dyn Entropy, words: usize) -> String {
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

fn household(rng: &mut dyn Entropy, i: usize) -> Household {
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

fn assessment(
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

struct Fixture {
    _dir: tempfile::TempDir,
    vault: Vault,
    plain: Plain,
    draft: Assessment,
    path: std::path::PathBuf,
}

fn setup() -> Fixture {
    let dir = tempfile::tempdir_in(std::env::var_os("NTK_BENCH_DIR").unwrap_or_else(|| ".".into()))
        .unwrap();
    let def = toolkit::bundled_default();
    let mut rng = SeededEntropy::new(42);
    let n = households();
    let t = Instant::now();
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
    let path = dir.path().join("vault.ntk");
    let (mut vault, _rk) = Vault::create(&path, PASS, KdfProfile::Standard, env()).unwrap();
    vault.import_json(&doc).unwrap();
    let last = last.unwrap();
    let mut draft = assessment(&mut rng, &last, &def, false);
    draft.created_at += Duration::days(30);
    vault.save_assessment(&draft).unwrap();
    let plain = Plain::create(&dir.path().join("plain.db"), &doc, &draft, def.clone());
    eprintln!(
        "setup: {n} households in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Fixture {
        _dir: dir,
        vault,
        plain,
        draft,
        path,
    }
}

/// The same workload on plain rusqlite: same tables, same pragmas, JSON bodies in clear, the
/// same reads, validation and audit writes per rating.
struct Plain {
    conn: Connection,
    def: ToolkitDefinition,
    seq: u64,
}

impl Plain {
    fn create(
        path: &Path,
        doc: &serde_json::Value,
        draft: &Assessment,
        def: ToolkitDefinition,
    ) -> Plain {
        let mut conn = Connection::open(path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;
             PRAGMA temp_store = MEMORY;
             CREATE TABLE meta (key TEXT PRIMARY KEY, body BLOB NOT NULL) STRICT;
             CREATE TABLE households (id TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
             CREATE TABLE assessments (id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id),
                 created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
             CREATE INDEX assessments_by_household ON assessments(household_id, created_at);
             CREATE TABLE ratings (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL REFERENCES assessments(id),
                 position INTEGER NOT NULL, updated_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;
             CREATE INDEX ratings_by_assessment ON ratings(assessment_id, position);
             CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body BLOB NOT NULL) STRICT;",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let mut all = vec![];
        for e in doc["households"].as_array().unwrap() {
            let h: Household = serde_json::from_value(e["household"].clone()).unwrap();
            let a: Vec<Assessment> = serde_json::from_value(e["assessments"].clone()).unwrap();
            all.push((h, a));
        }
        all.last_mut().unwrap().1.push(draft.clone());
        for (h, as_) in &all {
            tx.execute(
                "INSERT INTO households VALUES (?1, 0, ?2)",
                params![h.id.as_str(), serde_json::to_vec(h).unwrap()],
            )
            .unwrap();
            for a in as_ {
                let mut shell = a.clone();
                shell.ratings.clear();
                tx.execute(
                    "INSERT INTO assessments VALUES (?1, ?2, 0, 0, ?3)",
                    params![
                        a.id.as_str(),
                        h.id.as_str(),
                        serde_json::to_vec(&shell).unwrap()
                    ],
                )
                .unwrap();
                for (p, r) in a.ratings.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO ratings VALUES (?1, ?2, ?3, 0, ?4)",
                        params![
                            format!("{}:{}:{:?}", a.id, r.item, r.subject),
                            a.id.as_str(),
                            p as i64,
                            serde_json::to_vec(
                                &serde_json::json!({"rating": r, "saved_at": Utc::now()})
                            )
                            .unwrap()
                        ],
                    )
                    .unwrap();
                }
            }
        }
        tx.commit().unwrap();
        Plain { conn, def, seq: 0 }
    }

    fn save_rating(&mut self, assessment: &Id, r: &Rating) {
        let (hid, body): (String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT household_id, body FROM assessments WHERE id = ?1",
                [assessment.as_str()],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .unwrap();
        let mut a: Assessment = serde_json::from_slice(&body).unwrap();
        let hb: Vec<u8> = self
            .conn
            .query_row("SELECT body FROM households WHERE id = ?1", [&hid], |x| {
                x.get(0)
            })
            .unwrap();
        let h: Household = serde_json::from_slice(&hb).unwrap();
        a.ensure_editable().unwrap();
        a.ratings = vec![r.clone()];
        validate(&a, &h, &self.def).unwrap();
        let now = Utc::now();
        let tx = self.conn.unchecked_transaction().unwrap();
        tx.execute(
            "INSERT INTO ratings(id, assessment_id, position, updated_at, body) VALUES (?1, ?2,
               (SELECT COALESCE(MAX(position) + 1, 0) FROM ratings WHERE assessment_id = ?2), ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
            params![
                format!("{}:{}:{:?}", assessment, r.item, r.subject),
                assessment.as_str(),
                now.timestamp_millis(),
                serde_json::to_vec(&serde_json::json!({"rating": r, "saved_at": now})).unwrap()
            ],
        )
        .unwrap();
        let head: Option<Vec<u8>> = tx
            .query_row("SELECT body FROM meta WHERE key = 'audit_head'", [], |x| {
                x.get(0)
            })
            .optional()
            .unwrap();
        let prev =
            head.map(|b| serde_json::from_slice::<serde_json::Value>(&b).unwrap()["hash"].clone());
        self.seq += 1;
        let entry = serde_json::to_vec(&serde_json::json!({
            "seq": self.seq, "at": now, "who": "Bench", "action": "save_rating",
            "table": "ratings", "record_id": "x", "prev_hash": prev,
        }))
        .unwrap();
        tx.execute(
            "INSERT INTO audit VALUES (?1, ?2, ?3)",
            params![self.seq as i64, now.timestamp_millis(), entry],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO meta VALUES ('audit_head', ?1) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
            [serde_json::to_vec(&serde_json::json!({"seq": self.seq, "hash": "0".repeat(64)})).unwrap()],
        )
        .unwrap();
        tx.commit().unwrap();
    }
}

/// Saves made by each store before the measured ones (filling caches, settling the log).
const WARM_UP: usize = 20;

/// The SQLCipher program (`bench/sqlcipher`, path in `NTK_SQLCIPHER_BIN`) in its serving mode:
/// it builds the same workload, then makes one save per line it reads and prints its time.
struct SqlCipher {
    child: std::process::Child,
    to: Option<std::process::ChildStdin>,
    from: std::io::BufReader<std::process::ChildStdout>,
}

impl SqlCipher {
    fn spawn() -> Option<SqlCipher> {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let bin = std::env::var_os("NTK_SQLCIPHER_BIN")?;
        let mut child = Command::new(bin)
            .arg(households().to_string())
            .env("NTK_BENCH_SERVE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("starting the SQLCipher program");
        let to = child.stdin.take().unwrap();
        let mut from = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        from.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "READY", "the SQLCipher program did not start");
        Some(SqlCipher {
            child,
            to: Some(to),
            from,
        })
    }

    fn save(&mut self) -> f64 {
        use std::io::{BufRead, Write};
        let to = self.to.as_mut().unwrap();
        writeln!(to, "save").unwrap();
        to.flush().unwrap();
        let mut line = String::new();
        self.from.read_line(&mut line).unwrap();
        line.trim()
            .parse()
            .expect("a time in ms from the SQLCipher program")
    }
}

impl Drop for SqlCipher {
    fn drop(&mut self) {
        // Closing its input ends the program, which removes its files.
        self.to = None;
        let _ = self.child.wait();
    }
}

fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

/// The median of `n` timings of `f`, in milliseconds.
fn median_ms(n: usize, mut f: impl FnMut()) -> f64 {
    let mut v: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn benches(c: &mut Criterion) {
    let mut fx = setup();
    let draft = fx.draft.clone();
    let ratings = draft.ratings.clone();

    // The three stores' saves alternate, one of each in turn, so that all three meet the disk
    // in the same state (its sync time changes from one minute to the next on a shared machine).
    let mut sqlcipher = SqlCipher::spawn();
    let (mut vt, mut pt, mut st) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..SAMPLE + WARM_UP {
        let mut r = ratings[i % ratings.len()].clone();
        r.evidence = format!("sample {i}: {}", r.evidence);
        let t = Instant::now();
        fx.vault.save_rating(&draft.id, r.clone()).unwrap();
        let v = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        fx.plain.save_rating(&draft.id, &r);
        let p = t.elapsed().as_secs_f64() * 1000.0;
        let s = sqlcipher.as_mut().map(SqlCipher::save);
        if i >= WARM_UP {
            vt.push(v);
            pt.push(p);
            st.extend(s);
        }
    }
    let (v50, v99) = percentiles(vt);
    let (p50, p99) = percentiles(pt);
    if !st.is_empty() {
        let (s50, s99) = percentiles(st);
        println!("SQLCIPHER save_rating durable, alternating with the vault: p50 {s50:.3} ms, p99 {s99:.3} ms ({SAMPLE} saves)");
        println!("SQLCIPHER_SAVE_P50_MS={s50:.3} SQLCIPHER_SAVE_P99_MS={s99:.3}");
        println!("FIGURE sqlcipher_save_p50_ms {s50:.3}");
        println!("FIGURE sqlcipher_save_p99_ms {s99:.3}");
    }
    drop(sqlcipher);
    println!("VAULT save_rating durable: p50 {v50:.3} ms, p99 {v99:.3} ms ({SAMPLE} saves)");
    println!("PLAIN save_rating durable: p50 {p50:.3} ms, p99 {p99:.3} ms ({SAMPLE} saves)");
    println!(
        "RATIO vault/plain: p50 {:.2}x, p99 {:.2}x",
        v50 / p50,
        v99 / p99
    );
    println!("VAULT_SAVE_P50_MS={v50:.3} VAULT_SAVE_P99_MS={v99:.3}");
    println!("FIGURE save_p50_ms {v50:.3}");
    println!("FIGURE save_p99_ms {v99:.3}");
    println!("FIGURE plain_save_p50_ms {p50:.3}");
    println!("FIGURE plain_save_p99_ms {p99:.3}");

    // The session as the app meets it: unlock (Argon2id, the quick check, the index build),
    // then list and search, served by the index.
    let unlock_ms = median_ms(5, || {
        black_box(Session::unlock(&fx.path, PASS, env()).unwrap());
    });
    let session = Session::unlock(&fx.path, PASS, env()).unwrap();
    let n = session.households("").unwrap().len();
    let list_ms = median_ms(51, || {
        black_box(session.households("").unwrap());
    });
    let found = session.households("child 4999").unwrap().len();
    let search_ms = median_ms(51, || {
        black_box(session.households("child 4999").unwrap());
    });
    let search_wide_ms = median_ms(51, || {
        black_box(session.households("ng7 3").unwrap());
    });
    drop(session);
    let build_ms = median_ms(11, || {
        black_box(fx.vault.rebuild_index().unwrap());
    });
    let stats = fx.vault.index_stats().unwrap();
    println!(
        "SESSION unlock {unlock_ms:.0} ms; list {n} households {list_ms:.2} ms; search ({found} found) \
         {search_ms:.2} ms, (\"ng7 3\") {search_wide_ms:.2} ms; index build {build_ms:.1} ms, \
         {} bytes for {} households",
        stats.bytes, stats.households
    );
    println!("FIGURE unlock_ms {unlock_ms:.1}");
    println!("FIGURE list_ms {list_ms:.3}");
    println!("FIGURE search_ms {search_ms:.3}");
    println!("FIGURE search_wide_ms {search_wide_ms:.3}");
    println!("FIGURE index_build_ms {build_ms:.2}");
    println!("FIGURE index_bytes {}", stats.bytes);
    println!("FIGURE index_households {}", stats.households);

    let mut g = c.benchmark_group("vault");
    g.sample_size(100);
    let mut i = 0usize;
    g.bench_function("save_rating_durable", |b| {
        b.iter(|| {
            i += 1;
            let mut r = ratings[i % ratings.len()].clone();
            r.evidence = format!("criterion {i}");
            fx.vault.save_rating(&draft.id, r).unwrap();
        })
    });
    g.bench_function("plain_rusqlite_save_rating_durable", |b| {
        b.iter(|| {
            i += 1;
            let mut r = ratings[i % ratings.len()].clone();
            r.evidence = format!("criterion {i}");
            fx.plain.save_rating(&draft.id, &r);
        })
    });
    g.sample_size(20);
    g.bench_function("list_households_indexed", |b| {
        b.iter(|| black_box(fx.vault.list_households().unwrap()))
    });
    g.bench_function("search_households_indexed", |b| {
        b.iter(|| black_box(fx.vault.search_households("ng7 3").unwrap()))
    });
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| black_box(fx.vault.rebuild_index().unwrap()))
    });
    g.finish();
}

criterion_group!(vault, benches);
criterion_main!(vault);
