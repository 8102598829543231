//! Builders shared by the vault tests: a cheap-KDF vault in a temporary folder, and a household
//! and assessment that use every text field (with a marker so leak tests can look for them).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ntk_core::assessment::*;
use ntk_core::toolkit::{self, Scope, ToolkitDefinition};
use ntk_core::vault::{KdfProfile, RecoveryKey, Vault, VaultEnv};
use ntk_core::{Clock, Entropy, SeededEntropy};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

pub const PASS: &str = "correct horse battery staple";

/// A clock that moves one second forward each time it is read.
pub struct TickClock(Arc<AtomicI64>);

impl Clock for TickClock {
    fn now(&self) -> DateTime<Utc> {
        let s = self.0.fetch_add(1, Ordering::SeqCst);
        Utc.timestamp_opt(s, 0).unwrap()
    }
}

pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

pub fn env(seed: u64) -> VaultEnv {
    VaultEnv {
        clock: Box::new(TickClock(Arc::new(AtomicI64::new(start().timestamp())))),
        rng: Box::new(SeededEntropy::new(seed)),
    }
}

pub fn new_vault(dir: &Path) -> (Vault, RecoveryKey, PathBuf) {
    let path = dir.join("vault.ntk");
    let (v, rk) = Vault::create(&path, PASS, KdfProfile::TestOnlyCheap, env(1)).unwrap();
    (v, rk, path)
}

pub fn unlock(path: &Path) -> Vault {
    Vault::unlock(path, PASS, env(99)).unwrap()
}

pub fn definition() -> ToolkitDefinition {
    toolkit::bundled_default()
}

pub fn def_ref(def: &ToolkitDefinition) -> DefinitionRef {
    DefinitionRef {
        id: def.id.clone(),
        version: def.version.clone(),
        hash: toolkit::content_hash(def),
    }
}

/// A household with two children and a carer; every text field carries `mark`.
pub fn household(rng: &mut dyn Entropy, name: &str, mark: &str) -> Household {
    let t = |f: &str| format!("{mark}{f}");
    Household {
        id: Id::generate(rng),
        name: format!("{name} {}", t("name")),
        reference: t("reference"),
        address: Address {
            lines: vec![t("line1"), t("line2")],
            postcode: format!("NG{} 4AB", name.len()),
        },
        language: t("language"),
        interpreter_needed: true,
        agencies: Vec::new(),
        carers: vec![Carer {
            id: Id::generate(rng),
            name: t("carer"),
            relationship: t("relationship"),
            parental_responsibility: true,
            phone: t("phone"),
        }],
        children: (0..2)
            .map(|i| Child {
                id: Id::generate(rng),
                name: format!("{}{i}", t("child")),
                birth: Birth::Born(NaiveDate::from_ymd_opt(2018 + i, 5, 17).unwrap()),
                gender: t("gender"),
                setting: t("setting"),
                additional_needs: t("needs"),
                language: t("childlanguage"),
            })
            .collect(),
        created_at: start(),
        updated_at: start(),
    }
}

/// A draft assessment rating every item for every child (or the household); every text field
/// carries `mark`.
pub fn assessment(
    rng: &mut dyn Entropy,
    h: &Household,
    def: &ToolkitDefinition,
    mark: &str,
) -> Assessment {
    let t = |f: &str| format!("{mark}{f}");
    let practitioner = Practitioner {
        name: t("practitioner"),
        role: t("role"),
        agency: t("agency"),
        phone: t("pphone"),
        email: t("email"),
    };
    let mut a = Assessment::new_draft(
        Id::generate(rng),
        h.id.clone(),
        AssessmentKind::Initial,
        def_ref(def),
        practitioner,
        start(),
    );
    a.visits.push(Visit {
        id: Id::generate(rng),
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        present: vec![t("present")],
        children_seen: h
            .children
            .iter()
            .map(|c| ChildSeen {
                child_id: c.id.clone(),
                seen: true,
                seen_alone: false,
            })
            .collect(),
        notes: t("visitnotes"),
    });
    let mut n = 0u8;
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
            n += 1;
            let mut r = Rating::new(item.number.clone(), s);
            r.level = Some(1 + n % def.max_level());
            r.carer_level = Some(1 + (n + 1) % def.max_level());
            r.evidence = t("evidence");
            r.impact = t("impact");
            r.strengths = t("strengths");
            r.child_view = t("childview");
            a.ratings.push(r);
        }
    }
    a.background = t("background");
    a.poverty_context = t("poverty");
    a.strengths = t("strengthsall");
    a.carer_view = t("carerview");
    a.child_views = h
        .children
        .iter()
        .map(|c| ChildNote {
            child_id: c.id.clone(),
            text: t("childnote"),
        })
        .collect();
    a.analysis = t("analysis");
    a.practitioner_notes = t("pnotes");
    a.decision = Decision {
        options: def
            .decision_options
            .first()
            .map(|d| vec![d.code.clone()])
            .unwrap_or_default(),
        lead_consulted: Some(LeadConsultation {
            name: t("lead"),
            date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            advice: String::new(),
        }),
        next_steps: t("nextsteps"),
        review_date: Some(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
        ..Decision::default()
    };
    a.updated_at = start() + Duration::seconds(1);
    a
}

/// A vault holding the default definition and `n` households, each with a completed assessment.
pub fn filled_vault(
    dir: &Path,
    n: usize,
    mark: &str,
) -> (Vault, PathBuf, Vec<Household>, Vec<Assessment>) {
    let (mut v, _rk, path) = new_vault(dir);
    let def = definition();
    v.store_definition(&def).unwrap();
    let mut rng = SeededEntropy::new(5);
    let (mut hs, mut as_) = (Vec::new(), Vec::new());
    for i in 0..n {
        let h = household(&mut rng, &format!("Family{i}"), mark);
        v.save_household(&h).unwrap();
        let mut a = assessment(&mut rng, &h, &def, mark);
        a.complete("Tester", start() + Duration::seconds(2))
            .unwrap();
        v.save_assessment(&a).unwrap();
        hs.push(h);
        as_.push(a);
    }
    (v, path, hs, as_)
}
