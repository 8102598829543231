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
