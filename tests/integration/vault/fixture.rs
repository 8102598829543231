//! Format stability: `tests/fixtures/vault/v1.ntk`, `v2.ntk` and `v3.ntk`, vaults made by the
//! first three versions of the format, must open in every later version with the same content. A
//! version 1 vault is upgraded when it is opened: it gets the integrity baseline, and from then
//! on tampering is found as in a new vault. Versions 1 and 2 have unkeyed rating ids, moved to
//! keyed ids when they are opened (`vault::ids`); version 3 was made with keyed ones.
//!
//! The newest fixture is made by `fixture_generator_matches_the_committed_fixture`, which builds
//! the same vault from fixed data (fixed clock, seeded randomness) and compares it with the
//! committed file's content. To write the fixture anew (only when the format version changes,
//! as a new file `v<N>.ntk`, never replacing an old one, after changing `NEWEST`):
//! `NTK_WRITE_VAULT_FIXTURE=1 cargo test -p ntk-core --test integration vault::fixture`.

use super::common::*;
use ntk_core::vault::{KdfProfile, Settings, Vault};
use ntk_core::SeededEntropy;
use std::path::{Path, PathBuf};

/// The passphrase of the fixtures (also in `tests/fixtures/vault/README.md`).
const FIXTURE_PASSPHRASE: &str = "fixture passphrase v1";

/// The newest fixture, the one the generator makes.
const NEWEST: u32 = 3;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault")
}

fn fixture_path(version: u32) -> PathBuf {
    fixture_dir().join(format!("v{version}.ntk"))
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

/// What the vault holds, as the user sees it.
fn content(v: &Vault) -> serde_json::Value {
    let mut doc = v.export_json().unwrap();
    doc["exported_at"] = serde_json::Value::Null;
    serde_json::json!({
        "export": doc,
        "settings": serde_json::to_value(v.settings().unwrap()).unwrap(),
    })
}

fn audit_actions(v: &Vault) -> Vec<String> {
    v.audit_log()
        .unwrap()
        .iter()
        .map(|e| e.action.clone())
        .collect()
}

#[test]
fn committed_fixtures_open_and_verify() {
    for version in 1..=NEWEST {
        let dir = tempfile::tempdir().unwrap();
        let v = open_copy(&fixture_path(version), dir.path());
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "v{version}: {:?}", report.problems);
        assert!(v.quick_check().unwrap().is_empty(), "v{version}");
        assert_eq!(v.list_households().unwrap().len(), 2);
        assert_eq!(
            v.settings().unwrap().practitioner.name,
            "Fixture Practitioner"
        );
        assert!(report.records_checked > 10);
    }
}

#[test]
fn a_version_1_vault_is_upgraded_with_the_same_content_and_then_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let old = open_copy(&fixture_path(1), &dir.path().join("old"));
    let new = open_copy(&fixture_path(NEWEST), &dir.path().join("new"));
    assert_eq!(content(&old), content(&new));
    let actions = audit_actions(&old);
    assert_eq!(
        actions[actions.len() - 2..],
        ["upgrade_integrity", "upgrade_rating_ids"]
    );
    let mut log = old.audit_log().unwrap();
    log.pop();
    let baseline = log.pop().unwrap();
    // Every household, assessment, rating, definition and setting is listed.
    assert!(baseline.writes.len() > 10, "{}", baseline.writes.len());
    let path = old.path().to_path_buf();
    drop(old);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, ntk_core::vault::SCHEMA_VERSION);
    // Opened again, no second baseline is written.
    let again = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(3)).unwrap();
    assert_eq!(audit_actions(&again), actions);
    drop(again);
    // After the upgrade, a rating deleted outside the app is found.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "DELETE FROM ratings WHERE rowid = (SELECT MIN(rowid) FROM ratings)",
            [],
        )
        .unwrap();
    let v = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(4)).unwrap();
    assert!(!v.quick_check().unwrap().is_empty());
    let report = v.verify().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.table == "ratings" && p.detail.contains("missing")),
        "{:?}",
        report.problems
    );
}

#[test]
fn fixture_generator_matches_the_committed_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.ntk");
    generate(&fresh);
    if std::env::var("NTK_WRITE_VAULT_FIXTURE").as_deref() == Ok("1") {
        let target = fixture_path(NEWEST);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&target);
        std::fs::copy(&fresh, &target).unwrap();
    }
    let made = open_copy(&fresh, &dir.path().join("a"));
    let committed = open_copy(&fixture_path(NEWEST), &dir.path().join("b"));
    assert_eq!(content(&made), content(&committed));
    assert_eq!(audit_actions(&made), audit_actions(&committed));
}
