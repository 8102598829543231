//! Tamper tests: a single changed byte in any sealed record, or two records' ciphertexts
//! swapped, is detected as tampering, quarantined, and does not stop the rest from opening.

use super::common::*;
use ntk_core::vault::{Vault, VaultError};
use ntk_core::{Entropy, SeededEntropy};
use rusqlite::Connection;
use std::path::Path;

const TABLES: &[(&str, &str)] = &[
    ("households", "id"),
    ("assessments", "id"),
    ("ratings", "id"),
    ("definitions", "hash"),
    ("meta", "key"),
    ("audit", "CAST(seq AS TEXT)"),
];

fn rows(path: &Path, table: &str, key: &str) -> Vec<(String, Vec<u8>)> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare(&format!("SELECT {key}, body FROM {table}"))
        .unwrap();
    let v = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    v
}

fn set_body(path: &Path, table: &str, key: &str, id: &str, body: &[u8]) {
    let c = Connection::open(path).unwrap();
    let n = c
        .execute(
            &format!("UPDATE {table} SET body = ?1 WHERE {key} = ?2"),
            rusqlite::params![body, id],
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn flipping_any_byte_of_any_sealed_record_is_detected_and_isolated() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, as_) = filled_vault(dir.path(), 3, "");
    drop(v);
    let mut rng = SeededEntropy::new(0x7a3);
    let mut checked = 0;
    for &(table, key) in TABLES {
        let all = rows(&path, table, key);
        assert!(!all.is_empty(), "{table} has rows");
        for (id, body) in all {
            let mut pick = [0u8; 4];
            rng.fill(&mut pick);
            let at = u32::from_le_bytes(pick) as usize % body.len();
            let mut bad = body.clone();
            bad[at] ^= 1 << (pick[0] % 8);
            set_body(&path, table, key, &id, &bad);

            let v = unlock(&path);
            let report = v.verify().unwrap();
            assert!(
                report
                    .problems
                    .iter()
                    .any(|p| p.table == table && p.id == id),
                "{table} {id} byte {at}: {:?}",
                report.problems
            );
            assert!(v
                .quarantined()
                .iter()
                .any(|q| q.table == table && q.id == id));
            // Everything else still opens.
            for h in &hs {
                if table == "households" && h.id.0 == id {
                    assert!(matches!(
                        v.household(&h.id),
                        Err(VaultError::Tampered { ref table, id: ref i }) if table == "households" && *i == id
                    ));
                } else {
                    assert_eq!(&v.household(&h.id).unwrap(), h);
                }
            }
            for a in &as_ {
                match v.assessment(&a.id) {
                    Ok(back) if table == "ratings" && back.id == a.id => {
                        assert!(back.ratings.len() + 1 >= a.ratings.len());
                    }
                    Ok(back) => assert_eq!(&back, a),
                    Err(VaultError::Tampered { .. }) => {
                        assert!(table == "assessments" && a.id.0 == id)
                    }
                    Err(e) => panic!("{e}"),
                }
            }
            let expected = if table == "households" {
                hs.len() - 1
            } else {
                hs.len()
            };
            assert_eq!(v.list_households().unwrap().len(), expected);
            drop(v);
            set_body(&path, table, key, &id, &body);
            checked += 1;
        }
    }
    assert!(checked > 10);
    assert!(
        unlock(&path).verify().unwrap().is_ok(),
        "restoring each byte heals the vault"
    );
}

#[test]
fn swapping_two_ciphertexts_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, as_) = filled_vault(dir.path(), 2, "");
    drop(v);
    for &(table, key) in &[TABLES[0], TABLES[1], TABLES[2], TABLES[5]] {
        let all = rows(&path, table, key);
        let (a, b) = (&all[0], &all[1]);
        set_body(&path, table, key, &a.0, &b.1);
        set_body(&path, table, key, &b.0, &a.1);
        let v = unlock(&path);
        let report = v.verify().unwrap();
        for id in [&a.0, &b.0] {
            assert!(
                report
                    .problems
                    .iter()
                    .any(|p| p.table == table && &p.id == id),
                "{table}: {:?}",
                report.problems
            );
        }
        drop(v);
        set_body(&path, table, key, &a.0, &a.1);
        set_body(&path, table, key, &b.0, &b.1);
    }
    // Moving a rating row to another assessment (same ciphertext, changed link) is detected.
    let c = Connection::open(&path).unwrap();
    c.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let rid: String = c
        .query_row(
            "SELECT id FROM ratings WHERE assessment_id = ?1 LIMIT 1",
            [as_[0].id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    c.execute(
        "UPDATE ratings SET assessment_id = ?1 WHERE id = ?2",
        [as_[1].id.as_str(), &rid],
    )
    .unwrap();
    drop(c);
    let v = unlock(&path);
    assert!(v.verify().unwrap().problems.iter().any(|p| p.id == rid));
    assert_eq!(v.assessment(&as_[1].id).unwrap(), as_[1]);
    assert_eq!(v.household(&hs[0].id).unwrap(), hs[0]);
    drop(v);
    // Nothing was deleted: the moved row is still in the file.
    let n: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM ratings WHERE id = ?1", [&rid], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1);
    let _ = Vault::unlock(&path, PASS, env(3)).unwrap();
}

#[test]
fn a_record_that_does_not_open_is_kept_aside_when_replaced_and_saving_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, as_) = filled_vault(dir.path(), 2, "");
    drop(v);
    // Damage one rating, the settings and the audit head.
    let c = Connection::open(&path).unwrap();
    let rid: String = c
        .query_row(
            "SELECT id FROM ratings WHERE assessment_id = ?1 LIMIT 1",
            [as_[0].id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    for (table, key, id) in [
        ("ratings", "id", rid.as_str()),
        ("meta", "key", "settings"),
        ("meta", "key", "audit_head"),
    ] {
        let body: Vec<u8> = c
            .query_row(
                &format!("SELECT body FROM {table} WHERE {key} = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap();
        let mut bad = body.clone();
        let last = bad.len() - 1;
        bad[last] ^= 0x55;
        drop(body);
        c.execute(
            &format!("UPDATE {table} SET body = ?1 WHERE {key} = ?2"),
            rusqlite::params![bad, id],
        )
        .unwrap();
    }
    drop(c);
    let mut v = unlock(&path);
    // Saving still works: a new household and an amendment of the damaged assessment.
    let mut rng = SeededEntropy::new(5);
    v.save_household(&household(&mut rng, "After", "")).unwrap();
    let mut a = v.assessment(&as_[0].id).unwrap();
    assert_eq!(a.ratings.len() + 1, as_[0].ratings.len());
    a.start_amendment("Tester", "re-rate a damaged item", chrono::Utc::now())
        .unwrap();
    v.save_assessment(&a).unwrap();
    v.save_settings(&ntk_core::vault::Settings::default())
        .unwrap();
    // The damaged rows were not lost: they are in the quarantine table and reported.
    let q = v.quarantined();
    for (t, id) in [
        ("ratings", rid.as_str()),
        ("meta", "settings"),
        ("meta", "audit_head"),
    ] {
        assert!(
            q.iter().any(|r| r.table == t && r.id == id),
            "{t} {id}: {q:?}"
        );
    }
    let report = v.verify().unwrap();
    assert!(report.problems.iter().any(|p| p.id == rid));
    assert_eq!(v.household(&hs[1].id).unwrap(), hs[1]);
    drop(v);
    let kept: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM quarantine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 3);
}

// ---- The attacks of issue 13: rollback, deletion, a cut trail, a changed header ----------------

use super::attacks::{self, Tampered};
use ntk_core::vault::VerifyProblem;

/// `verify` on the tampered vault reports a problem in `t.table` whose words contain `says`.
fn verify_finds(t: &Tampered, says: &str) -> Vec<VerifyProblem> {
    let v = unlock(&t.path);
    let report = v.verify().unwrap();
    assert!(!report.is_ok(), "{}: verify said ok", t.name);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.table == t.table && p.detail.contains(says)),
        "{}: no {} problem saying {says:?} in {:?}",
        t.name,
        t.table,
        report.problems
    );
    report.problems
}

fn quick_check_finds(t: &Tampered, table: &str) {
    let v = unlock(&t.path);
    let quick = v.quick_check().unwrap();
    assert!(
        quick.iter().any(|p| p.table == table),
        "{}: the quick check missed it: {quick:?}",
        t.name
    );
}

#[test]
fn a_household_replaced_with_an_older_sealed_version_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::household_rolled_back(dir.path());
    verify_finds(&t, "not the version the audit trail recorded last");
}

#[test]
fn a_household_row_with_a_newer_revision_number_but_old_bytes_does_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::household_rolled_back(dir.path());
    // Only the bytes put back, the revision number left as it was: the revision is bound into
    // the sealed record, so it does not open at all.
    Connection::open(&t.path)
        .unwrap()
        .execute("UPDATE households SET rev = rev + 1", [])
        .unwrap();
    verify_finds(&t, "does not open");
}

#[test]
fn a_completed_assessment_rolled_back_to_its_draft_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::completed_assessment_back_to_draft(dir.path());
    let problems = verify_finds(&t, "not the version the audit trail recorded last");
    assert!(
        problems.iter().any(|p| p.table == "ratings"),
        "{problems:?}"
    );
}

#[test]
fn one_rating_row_deleted_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::one_rating_deleted(dir.path());
    verify_finds(&t, "is missing");
    quick_check_finds(&t, "ratings");
}

#[test]
fn every_household_assessment_and_rating_deleted_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::everything_deleted(dir.path());
    let problems = verify_finds(&t, "is missing");
    for table in ["assessments", "ratings"] {
        assert!(problems.iter().any(|p| p.table == table), "{table}");
    }
    quick_check_finds(&t, "households");
    quick_check_finds(&t, "ratings");
}

#[test]
fn the_whole_audit_trail_and_its_head_deleted_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::audit_trail_deleted(dir.path());
    verify_finds(&t, "the audit trail is empty");
    quick_check_finds(&t, "audit chain");
}

#[test]
fn the_last_audit_entry_and_head_rolled_back_together_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::last_entry_and_head_rolled_back(dir.path());
    verify_finds(&t, "not the version the audit trail recorded last");
}

#[test]
fn one_byte_of_the_recovery_slot_flipped_is_found_at_unlock_and_by_verify() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::recovery_slot_flipped(dir.path());
    verify_finds(&t, "recovery key");
    quick_check_finds(&t, "header");
}

#[test]
fn an_untouched_vault_passes_both_checks_after_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, hs, as_) = filled_vault(dir.path(), 2, "");
    let mut a = as_[0].clone();
    a.start_amendment(
        "Tester",
        "a date was wrong",
        start() + chrono::Duration::hours(1),
    )
    .unwrap();
    v.save_opening(&a).unwrap();
    a.complete("Tester", start() + chrono::Duration::hours(2))
        .unwrap();
    v.save_assessment(&a).unwrap();
    let mut h = hs[1].clone();
    h.name = "Renamed".into();
    v.save_household(&h).unwrap();
    v.change_passphrase(PASS, "another long passphrase", &mut |_| {})
        .unwrap();
    let actions: Vec<String> = v
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for want in [
        "complete_assessment",
        "amend_assessment",
        "change_passphrase",
    ] {
        assert!(actions.iter().any(|a| a == want), "{want} in {actions:?}");
    }
    let amend = v
        .audit_log()
        .unwrap()
        .into_iter()
        .find(|e| e.action == "amend_assessment")
        .unwrap();
    assert_eq!(amend.reason.as_deref(), Some("a date was wrong"));
    assert!(v.quick_check().unwrap().is_empty());
    let report = v.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    drop(v);
    let v = Vault::unlock(&path, "another long passphrase", env(5)).unwrap();
    assert!(v.verify().unwrap().is_ok());
}

// ---- What the user sees: the integrity view, the quarantine kept, a review that still opens ----

use ntk_core::app::Session;
use ntk_core::vault::KdfProfile;

#[test]
fn a_damaged_earlier_assessment_leaves_the_review_usable_and_is_listed_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.ntk");
    let (mut s, _rk) = Session::create(&path, PASS, KdfProfile::TestOnlyCheap, env(1)).unwrap();
    let hid = s.load_demo().unwrap();
    let list = s.assessments(&hid).unwrap();
    let review = list.iter().find(|a| a.previous.is_some()).unwrap();
    let (review_id, initial_id) = (review.id.clone(), review.previous.clone().unwrap());
    assert!(s.assessment_view(&review_id).unwrap().comparison.is_some());
    assert!(s.integrity().ok);
    drop(s);
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE assessments SET body = CAST(substr(body, 1, 40) || x'00' || substr(body, 42) AS BLOB) WHERE id = ?1",
            [initial_id.as_str()],
        )
        .unwrap();

    let mut s = Session::unlock(&path, PASS, env(2)).unwrap();
    let view = s.assessment_view(&review_id).unwrap();
    assert!(view.previous.is_none() && view.comparison.is_none());
    assert_eq!(
        view.previous_unreadable,
        Some(ntk_core::words::PREVIOUS_UNREADABLE)
    );
    // The review can still be worked on: reopened, and completed again.
    s.amend(&review_id, "a date was typed wrong").unwrap();
    assert_eq!(
        s.complete(&review_id).unwrap().previous_unreadable,
        Some(ntk_core::words::PREVIOUS_UNREADABLE)
    );
    let found = s.check_integrity().unwrap();
    assert!(!found.ok && found.fully_checked);
    assert_eq!(found.headline, ntk_core::words::INTEGRITY_HEAD);
    assert!(found
        .problems
        .iter()
        .any(|p| p.record == initial_id.as_str() && p.area == ntk_core::words::AREA_ASSESSMENT));
    drop(s);

    // After a restart, before any check has run, the record is still listed.
    let s = Session::unlock(&path, PASS, env(3)).unwrap();
    let view = s.integrity();
    assert!(!view.ok && !view.fully_checked);
    assert!(view
        .quarantined
        .iter()
        .any(|q| q.table == "assessments" && q.id == initial_id.as_str()));
}

#[test]
fn the_quick_check_at_unlock_shows_a_changed_header_before_any_full_check() {
    let dir = tempfile::tempdir().unwrap();
    let t = attacks::recovery_slot_flipped(dir.path());
    let mut s = Session::unlock(&t.path, PASS, env(2)).unwrap();
    let quick = s.integrity();
    assert!(!quick.ok && !quick.fully_checked);
    assert!(quick
        .problems
        .iter()
        .any(|p| p.area == ntk_core::words::AREA_HEADER));
    assert_eq!(quick.action, ntk_core::words::INTEGRITY_ACTION);
    let full = s.check_integrity().unwrap();
    assert!(!full.ok && full.fully_checked);
}

#[test]
fn every_tampering_of_issue_13_is_shown_in_the_app_after_the_full_check() {
    let dir = tempfile::tempdir().unwrap();
    for t in attacks::all(dir.path()) {
        let mut s = Session::unlock(&t.path, PASS, env(2)).unwrap();
        let view = s.check_integrity().unwrap();
        assert!(!view.ok, "{}", t.name);
        assert_eq!(view.headline, ntk_core::words::INTEGRITY_HEAD, "{}", t.name);
        assert!(!view.problems.is_empty(), "{}", t.name);
    }
}
