//! Keyed rating ids (issue 13, "Less in clear"): a rating row's id, in clear, is an HMAC under the
//! vault's sealed id key, so it cannot be recomputed from the assessment id and the published
//! item list. Older vaults (the committed fixtures `v1.ntk` and `v2.ntk`, made with unkeyed ids)
//! are moved to keyed ids at unlock in one audited transaction; the ids then stay the same
//! through every rotation of the data key; removing or replacing the id key's row is reported.

use super::common::*;
use ntk_core::assessment::{Assessment, Household, Id, Subject};
use ntk_core::vault::crypto::sha256_hex;
use ntk_core::vault::{KdfProfile, Vault};
use ntk_core::SeededEntropy;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const FIXTURE_PASSPHRASE: &str = "fixture passphrase v1";

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/vault/v{version}.ntk"))
}

/// The rating id as it was before the id key: a plain SHA-256 anyone can recompute.
fn unkeyed_id(assessment: &Id, item: &str, subject: &Subject) -> String {
    let subject = match subject {
        Subject::Household => "household".to_string(),
        Subject::Child(c) => format!("child:{c}"),
    };
    sha256_hex(&[
        b"rating\0",
        assessment.as_str().as_bytes(),
        b"\0",
        item.as_bytes(),
        b"\0",
        subject.as_bytes(),
    ])[..32]
        .to_string()
}

/// Every unkeyed id the ratings of `assessments` would have.
fn unkeyed_ids(assessments: &[Assessment]) -> BTreeSet<String> {
    assessments
        .iter()
        .flat_map(|a| {
            a.ratings
                .iter()
                .map(|r| unkeyed_id(&a.id, &r.item, &r.subject))
        })
        .collect()
}

/// The rating rows as stored: (id, assessment id, position, revision; 0 in a version 1 file,
/// which has no revisions).
fn rating_rows(path: &Path) -> Vec<(String, String, i64, i64)> {
    let c = Connection::open(path).unwrap();
    let has_rev: bool = c
        .query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('ratings') WHERE name = 'rev'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let rev = if has_rev { "rev" } else { "0" };
    let mut st = c
        .prepare(&format!(
            "SELECT id, assessment_id, position, {rev} FROM ratings \
             ORDER BY assessment_id, position"
        ))
        .unwrap();
    let v = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    v
}

fn ids_of(rows: &[(String, String, i64, i64)]) -> BTreeSet<String> {
    rows.iter().map(|r| r.0.clone()).collect()
}

fn meta_body(path: &Path, key: &str) -> Option<Vec<u8>> {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT body FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .ok()
}

fn all_assessments(v: &Vault) -> Vec<Assessment> {
    v.list_households()
        .unwrap()
        .iter()
        .flat_map(|h| v.assessments(&h.id).unwrap())
        .collect()
}

fn actions(v: &Vault) -> Vec<String> {
    v.audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// A vault made with `seed` holding one household and one draft assessment rating every item.
fn draft_vault(dir: &Path, seed: u64, h: &Household, a: &Assessment) -> (Vault, PathBuf) {
    let path = dir.join(format!("vault-{seed}.ntk"));
    let (mut v, _rk) = Vault::create(&path, PASS, KdfProfile::TestOnlyCheap, env(seed)).unwrap();
    v.store_definition(&definition()).unwrap();
    v.save_household(h).unwrap();
    v.save_assessment(a).unwrap();
    (v, path)
}

fn draft(seed: u64) -> (Household, Assessment) {
    let mut rng = SeededEntropy::new(seed);
    let h = household(&mut rng, "Keyed", "");
    let a = assessment(&mut rng, &h, &definition(), "");
    (h, a)
}

#[test]
fn the_same_rating_gets_different_ids_in_two_vaults_and_never_the_unkeyed_hash() {
    let dir = tempfile::tempdir().unwrap();
    let (h, a) = draft(0x1d5);
    let (v1, p1) = draft_vault(dir.path(), 11, &h, &a);
    let (v2, p2) = draft_vault(dir.path(), 12, &h, &a);
    drop((v1, v2));
    let (r1, r2) = (rating_rows(&p1), rating_rows(&p2));
    assert_eq!(r1.len(), a.ratings.len());
    assert_eq!(r2.len(), a.ratings.len());
    let (ids1, ids2) = (ids_of(&r1), ids_of(&r2));
    assert_eq!(ids1.len(), a.ratings.len(), "one id per rating");
    assert!(ids1.is_disjoint(&ids2), "the id key differs between vaults");
    let unkeyed = unkeyed_ids(std::slice::from_ref(&a));
    assert_eq!(unkeyed.len(), a.ratings.len());
    assert!(ids1.is_disjoint(&unkeyed) && ids2.is_disjoint(&unkeyed));
    for id in ids1.iter().chain(&ids2) {
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    }
    // Each reads back as saved, and saving a rating again finds its row.
    let mut v = Vault::unlock(&p1, PASS, env(13)).unwrap();
    assert_eq!(v.assessment(&a.id).unwrap().ratings, a.ratings);
    let mut r = a.ratings[3].clone();
    r.evidence = "seen again".into();
    v.save_rating(&a.id, r.clone()).unwrap();
    assert_eq!(v.assessment(&a.id).unwrap().ratings[3], r);
    assert!(v.verify().unwrap().is_ok());
    drop(v);
    let after = rating_rows(&p1);
    assert_eq!(ids_of(&after), ids1, "no row added, none renamed");
    assert_eq!(after.iter().filter(|x| x.3 == 2).count(), 1);
}

#[test]
fn an_old_vault_is_moved_to_keyed_ids_at_unlock_with_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    // The vault made with keyed ids from the same fixed data, for comparison.
    let keyed_copy = dir.path().join("v3.ntk");
    std::fs::copy(fixture(3), &keyed_copy).unwrap();
    let keyed = Vault::unlock(&keyed_copy, FIXTURE_PASSPHRASE, env(1)).unwrap();
    let want: Vec<Assessment> = all_assessments(&keyed);
    let mut want_doc = keyed.export_json().unwrap();
    want_doc["exported_at"] = serde_json::Value::Null;
    drop(keyed);
    for version in [1, 2] {
        let path = dir.path().join(format!("v{version}.ntk"));
        std::fs::copy(fixture(version), &path).unwrap();
        assert!(meta_body(&path, "id_key").is_none(), "v{version}");
        let before = rating_rows(&path);
        assert!(before.len() > 20, "v{version}: {}", before.len());
        let v = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(2)).unwrap();
        let got = all_assessments(&v);
        // Every rating still loads, with the same content.
        assert_eq!(got, want, "v{version}");
        let mut doc = v.export_json().unwrap();
        doc["exported_at"] = serde_json::Value::Null;
        assert_eq!(doc, want_doc, "v{version}");
        // The fixture had the unkeyed ids; the rows now have keyed ones, in the same places.
        let unkeyed = unkeyed_ids(&got);
        assert_eq!(
            ids_of(&before),
            unkeyed,
            "v{version} was made with unkeyed ids"
        );
        let after = rating_rows(&path);
        assert_eq!(after.len(), before.len());
        assert!(ids_of(&after).is_disjoint(&unkeyed), "v{version}");
        let places = |rows: &[(String, String, i64, i64)]| {
            rows.iter()
                .map(|r| (r.1.clone(), r.2, r.3))
                .collect::<Vec<_>>()
        };
        assert_eq!(places(&after), places(&before), "v{version}");
        assert!(meta_body(&path, "id_key").is_some());
        // Audited: the old ids deleted, the new ones and the id key written; verify is clean.
        let entry = v.audit_log().unwrap().pop().unwrap();
        assert_eq!(entry.action, "upgrade_rating_ids");
        let deleted: BTreeSet<String> = entry
            .writes
            .iter()
            .filter(|w| w.table == "ratings" && w.sealed.is_none())
            .map(|w| w.id.clone())
            .collect();
        let written: BTreeSet<String> = entry
            .writes
            .iter()
            .filter(|w| w.table == "ratings" && w.sealed.is_some())
            .map(|w| w.id.clone())
            .collect();
        assert_eq!(deleted, unkeyed);
        assert_eq!(written, ids_of(&after));
        assert!(entry
            .writes
            .iter()
            .any(|w| w.table == "meta" && w.id == "id_key" && w.sealed.is_some()));
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "v{version}: {:?}", report.problems);
        assert!(v.quick_check().unwrap().is_empty(), "v{version}");
        let trail = actions(&v);
        drop(v);
        // Opened again: nothing more is moved, the ids stay.
        let v = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(3)).unwrap();
        assert_eq!(actions(&v), trail);
        assert_eq!(ids_of(&rating_rows(&path)), ids_of(&after));
        assert!(v.verify().unwrap().is_ok());
    }
}

#[test]
fn an_upgrade_that_fails_half_way_changes_nothing_and_is_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.ntk");
    std::fs::copy(fixture(2), &path).unwrap();
    // Make the database refuse to move the last rating, after the others were moved.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse_last BEFORE UPDATE OF id ON ratings
             WHEN old.rowid = (SELECT MAX(rowid) FROM ratings)
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
        )
        .unwrap();
    let before = rating_rows(&path);
    let v = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(2)).unwrap();
    // Nothing changed: the same rows, no id key, no entry for it; the vault reads as before.
    assert_eq!(rating_rows(&path), before);
    assert!(meta_body(&path, "id_key").is_none());
    assert!(!actions(&v).iter().any(|a| a == "upgrade_rating_ids"));
    let got = all_assessments(&v);
    assert_eq!(
        got.iter().map(|a| a.ratings.len()).sum::<usize>(),
        before.len()
    );
    assert_eq!(ids_of(&before), unkeyed_ids(&got));
    assert!(v.quarantined().is_empty(), "{:?}", v.quarantined());
    let report = v.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(v.quick_check().unwrap().is_empty());
    drop(v);
    // Once the database lets it, the next unlock moves them.
    Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TRIGGER refuse_last;")
        .unwrap();
    let v = Vault::unlock(&path, FIXTURE_PASSPHRASE, env(3)).unwrap();
    assert_eq!(actions(&v).last().unwrap(), "upgrade_rating_ids");
    assert_eq!(all_assessments(&v), got);
    assert!(ids_of(&rating_rows(&path)).is_disjoint(&ids_of(&before)));
    assert!(v.verify().unwrap().is_ok());
}

#[test]
fn rating_ids_stay_the_same_through_every_rotation_of_the_data_key() {
    let dir = tempfile::tempdir().unwrap();
    let (h, a) = draft(0x2e7);
    let path = dir.path().join("vault.ntk");
    let (mut v, first_rk) = Vault::create(&path, PASS, KdfProfile::TestOnlyCheap, env(21)).unwrap();
    v.store_definition(&definition()).unwrap();
    v.save_household(&h).unwrap();
    v.save_assessment(&a).unwrap();
    let ids = ids_of(&rating_rows(&path));
    let id_key = meta_body(&path, "id_key").unwrap();
    let new_pass = "another long passphrase";
    v.change_passphrase(PASS, new_pass, &mut |_| {}).unwrap();
    // The id key's row was re-sealed under the new data key, and the ids did not move.
    assert_ne!(meta_body(&path, "id_key").unwrap(), id_key);
    assert_eq!(ids_of(&rating_rows(&path)), ids);
    assert!(v.verify().unwrap().is_ok());
    drop(v);
    let mut v = Vault::unlock(&path, new_pass, env(22)).unwrap();
    let mut r = a.ratings[0].clone();
    r.evidence = "after the passphrase change".into();
    v.save_rating(&a.id, r.clone()).unwrap();
    assert_eq!(ids_of(&rating_rows(&path)), ids, "the same row was saved");
    let rk = v
        .new_recovery_key(new_pass, &mut |_| {})
        .unwrap()
        .to_string();
    assert_eq!(ids_of(&rating_rows(&path)), ids);
    drop(v);
    let third = "a third long passphrase";
    let mut v = Vault::recover(&path, &rk, third, env(23)).unwrap();
    assert_eq!(ids_of(&rating_rows(&path)), ids);
    assert_eq!(v.assessment(&a.id).unwrap().ratings[0], r);
    let mut r2 = a.ratings[1].clone();
    r2.evidence = "after recovery".into();
    v.save_rating(&a.id, r2.clone()).unwrap();
    assert_eq!(ids_of(&rating_rows(&path)), ids);
    let report = v.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    drop(v);
    let v = Vault::unlock(&path, third, env(24)).unwrap();
    let back = v.assessment(&a.id).unwrap();
    assert_eq!(back.ratings[0], r);
    assert_eq!(back.ratings[1], r2);
    assert_eq!(back.ratings.len(), a.ratings.len());
    assert!(v.quick_check().unwrap().is_empty());
    drop(v);
    // The recovery key of the creation was replaced by the new one.
    assert!(Vault::recover(
        &path,
        first_rk.to_string(),
        "yet another passphrase",
        env(25)
    )
    .is_err());
}

/// What the quick check and `verify` say about the id key's row.
fn id_key_problems(path: &Path) -> (Vec<String>, Vec<String>) {
    let v = unlock(path);
    let quick = v
        .quick_check()
        .unwrap()
        .into_iter()
        .filter(|p| p.table == "meta" && p.id == "id_key")
        .map(|p| p.detail)
        .collect();
    let full = v
        .verify()
        .unwrap()
        .problems
        .into_iter()
        .filter(|p| p.table == "meta" && p.id == "id_key")
        .map(|p| p.detail)
        .collect();
    (quick, full)
}

#[test]
fn removing_or_replacing_the_id_key_row_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, _hs, as_) = filled_vault(dir.path(), 2, "");
    drop(v);
    let (quick, full) = id_key_problems(&path);
    assert!(quick.is_empty() && full.is_empty(), "{quick:?} {full:?}");
    let original = meta_body(&path, "id_key").unwrap();
    let set = |body: Option<&[u8]>| {
        let c = Connection::open(&path).unwrap();
        c.execute("DELETE FROM meta WHERE key = 'id_key'", [])
            .unwrap();
        if let Some(b) = body {
            c.execute("INSERT INTO meta(key, body) VALUES ('id_key', ?1)", [b])
                .unwrap();
        }
    };

    // Removed: reported, and not made again at unlock.
    set(None);
    let (quick, full) = id_key_problems(&path);
    assert!(quick.iter().any(|d| d.contains("missing")), "{quick:?}");
    assert!(full.iter().any(|d| d.contains("missing")), "{full:?}");
    assert!(meta_body(&path, "id_key").is_none());
    {
        let v = unlock(&path);
        assert!(!actions(&v).iter().any(|a| a == "upgrade_rating_ids"));
        // The ratings still read (the key can still be derived: no rotation since).
        assert_eq!(v.assessment(&as_[0].id).unwrap().ratings, as_[0].ratings);
    }

    // Replaced with another vault's id key.
    let other_dir = tempfile::tempdir().unwrap();
    let other = other_dir.path().join("other.ntk");
    drop(Vault::create(&other, PASS, KdfProfile::TestOnlyCheap, env(77)).unwrap());
    set(Some(&meta_body(&other, "id_key").unwrap()));
    let (quick, full) = id_key_problems(&path);
    assert!(
        quick.iter().any(|d| d.contains("does not open")),
        "{quick:?}"
    );
    assert!(!full.is_empty(), "{full:?}");

    // Replaced with another of its own sealed rows (the settings).
    set(Some(&meta_body(&path, "settings").unwrap()));
    let (quick, full) = id_key_problems(&path);
    assert!(
        quick.iter().any(|d| d.contains("does not open")),
        "{quick:?}"
    );
    assert!(!full.is_empty(), "{full:?}");

    // Put back as it was: clean again.
    set(Some(&original));
    let (quick, full) = id_key_problems(&path);
    assert!(quick.is_empty() && full.is_empty(), "{quick:?} {full:?}");
    assert!(unlock(&path).verify().unwrap().is_ok());
}
