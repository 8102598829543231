//! Format stability: `tests/fixtures/vault/v1.ntk`, a vault made by the first version of the
//! format, must open in every later version with the same content.
//!
//! The fixture is made by `fixture_generator_matches_the_committed_fixture`, which builds the
//! same vault from fixed data (fixed clock, seeded randomness) and compares it with the
//! committed file's content. To write the fixture anew (only when the format version changes,
//! as a new file `v<N>.ntk`, never replacing an old one):
//! `NTK_WRITE_VAULT_FIXTURE=1 cargo test -p ntk-core --test integration vault::fixture`.

use super::common::*;
use ntk_core::vault::{KdfProfile, Settings, Vault};
use ntk_core::SeededEntropy;
use std::path::{Path, PathBuf};

/// The passphrase of the fixture (also in `tests/fixtures/vault/README.md`).
const FIXTURE_PASSPHRASE: &str = "fixture passphrase v1";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault")
}

fn fixture_path() -> PathBuf {
    fixture_dir().join("v1.ntk")
}

/// Build the fixture's content at `path`.
fn generate(path: &Path) {
    let (mut v, _rk) = Vault::create(
        path,
        FIXTURE_PASSPHRASE,
        KdfProfile::TestOnlyCheap,
        env(2026),
    )
    .unwrap();
    let def = ntk_core::toolkit::load(&fixture_dir().join("definition.json")).unwrap();
    let hash = v.store_definition(&def).unwrap();
    let mut s = Settings::default();
    s.practitioner.name = "Fixture Practitioner".into();
    s.active_definition = Some(hash);
    v.save_settings(&s).unwrap();
    let mut rng = SeededEntropy::new(2026);
    for i in 0..2 {
        let h = household(&mut rng, &format!("Fixture{i}"), "fixture ");
        v.save_household(&h).unwrap();
        let mut a = assessment(&mut rng, &h, &def, "fixture ");
        if i == 0 {
            a.complete("Fixture Practitioner", start()).unwrap();
        }
        let last = a.ratings.pop().unwrap();
        v.save_assessment(&a).unwrap();
        let mut late = last;
        late.evidence = "saved on its own".into();
        if i == 1 {
            v.save_rating(&a.id, late).unwrap();
        }
    }
}

fn open_copy(src: &Path, dir: &Path) -> Vault {
    std::fs::create_dir_all(dir).unwrap();
    let copy = dir.join("copy.ntk");
    std::fs::copy(src, &copy).unwrap();
    Vault::unlock(&copy, FIXTURE_PASSPHRASE, env(1)).unwrap()
}

fn content(v: &Vault) -> serde_json::Value {
    let mut doc = v.export_json().unwrap();
    doc["exported_at"] = serde_json::Value::Null;
    serde_json::json!({
        "export": doc,
        "settings": serde_json::to_value(v.settings().unwrap()).unwrap(),
        "audit": v.audit_log().unwrap().iter().map(|e| e.action.clone()).collect::<Vec<_>>(),
    })
}

#[test]
fn committed_fixture_opens_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let v = open_copy(&fixture_path(), dir.path());
    let report = v.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(v.list_households().unwrap().len(), 2);
    assert_eq!(
        v.settings().unwrap().practitioner.name,
        "Fixture Practitioner"
    );
    assert!(report.records_checked > 10);
}

#[test]
fn fixture_generator_matches_the_committed_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.ntk");
    generate(&fresh);
    if std::env::var("NTK_WRITE_VAULT_FIXTURE").as_deref() == Ok("1") {
        let target = fixture_path();
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&target);
        std::fs::copy(&fresh, &target).unwrap();
    }
    let made = open_copy(&fresh, &dir.path().join("a"));
    let committed = open_copy(&fixture_path(), &dir.path().join("b"));
    assert_eq!(content(&made), content(&committed));
}
