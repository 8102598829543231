//! The tamperings of an attacker with a minute alone with the file (issue 13), each made on a
//! fresh vault with plain SQL, outside the app. Each returns the vault's path and what `verify`
//! must name. The tamper tests check `verify` and the quick check; the CLI test checks that
//! `ntk vault verify` fails on each.

use super::common::*;
use chrono::Duration;
use ntk_core::SeededEntropy;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// One tampering made on a vault: its name, the vault, and the table `verify` must name.
pub struct Tampered {
    pub name: &'static str,
    pub path: PathBuf,
    pub table: &'static str,
}

/// The stored revision and sealed bytes of a row.
fn row(path: &Path, table: &str, id: &str) -> (i64, Vec<u8>) {
    Connection::open(path)
        .unwrap()
        .query_row(
            &format!("SELECT rev, body FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// Put back a row's earlier revision and sealed bytes.
fn put_back(path: &Path, table: &str, id: &str, (rev, body): &(i64, Vec<u8>)) {
    let n = Connection::open(path)
        .unwrap()
        .execute(
            &format!("UPDATE {table} SET rev = ?1, body = ?2 WHERE id = ?3"),
            params![rev, body, id],
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn sql(path: &Path, batch: &str) {
    Connection::open(path)
        .unwrap()
        .execute_batch(batch)
        .unwrap();
}

/// A household row replaced with an older sealed version of itself (its revision too).
pub fn household_rolled_back(dir: &Path) -> Tampered {
    let (mut v, path, hs, _) = filled_vault(dir, 2, "");
    let old = row(&path, "households", hs[0].id.as_str());
    let mut h = hs[0].clone();
    h.name = "Renamed".into();
    v.save_household(&h).unwrap();
    drop(v);
    put_back(&path, "households", hs[0].id.as_str(), &old);
    Tampered {
        name: "household rolled back",
        path,
        table: "households",
    }
}

/// A completed assessment rolled back to its draft, ratings and all.
pub fn completed_assessment_back_to_draft(dir: &Path) -> Tampered {
    let (mut v, _rk, path) = new_vault(dir);
    let def = definition();
    v.store_definition(&def).unwrap();
    let mut rng = SeededEntropy::new(21);
    let h = household(&mut rng, "Drafted", "");
    v.save_household(&h).unwrap();
    let mut a = assessment(&mut rng, &h, &def, "");
    v.save_assessment(&a).unwrap();
    let draft = row(&path, "assessments", a.id.as_str());
    let ratings: Vec<(String, i64, Vec<u8>)> = {
        let c = Connection::open(&path).unwrap();
        let mut st = c
            .prepare("SELECT id, rev, body FROM ratings WHERE assessment_id = ?1")
            .unwrap();
        let v = st
            .query_map([a.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        v
    };
    a.complete("Tester", start() + Duration::seconds(5))
        .unwrap();
    v.save_assessment(&a).unwrap();
    drop(v);
    put_back(&path, "assessments", a.id.as_str(), &draft);
    for (id, rev, body) in &ratings {
        put_back(&path, "ratings", id, &(*rev, body.clone()));
    }
    // The rolled-back copy opens: the file alone cannot tell it from the real one.
    assert_eq!(
        unlock(&path).assessment(&a.id).unwrap().status,
        ntk_core::assessment::Status::Draft
    );
    Tampered {
        name: "completed assessment back to draft",
        path,
        table: "assessments",
    }
}

/// One rating row deleted.
pub fn one_rating_deleted(dir: &Path) -> Tampered {
    let (v, path, _, _) = filled_vault(dir, 2, "");
    drop(v);
    sql(
        &path,
        "DELETE FROM ratings WHERE rowid = (SELECT MIN(rowid) FROM ratings)",
    );
    Tampered {
        name: "one rating deleted",
        path,
        table: "ratings",
    }
}

/// Every household, assessment and rating deleted.
pub fn everything_deleted(dir: &Path) -> Tampered {
    let (v, path, _, _) = filled_vault(dir, 2, "");
    drop(v);
    sql(
        &path,
        "DELETE FROM ratings; DELETE FROM assessments; DELETE FROM households;",
    );
    Tampered {
        name: "every household, assessment and rating deleted",
        path,
        table: "households",
    }
}

/// The whole audit trail and its head deleted.
pub fn audit_trail_deleted(dir: &Path) -> Tampered {
    let (v, path, _, _) = filled_vault(dir, 2, "");
    drop(v);
    sql(
        &path,
        "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';",
    );
    Tampered {
        name: "audit trail and head deleted",
        path,
        table: "audit chain",
    }
}

/// The last audit entry and the head rolled back together, to hide the last change.
pub fn last_entry_and_head_rolled_back(dir: &Path) -> Tampered {
    let (mut v, path, hs, _) = filled_vault(dir, 2, "");
    let head: Vec<u8> = Connection::open(&path)
        .unwrap()
        .query_row("SELECT body FROM meta WHERE key = 'audit_head'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut h = hs[1].clone();
    h.name = "Changed last".into();
    v.save_household(&h).unwrap();
    drop(v);
    let c = Connection::open(&path).unwrap();
    c.execute(
        "DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)",
        [],
    )
    .unwrap();
    c.execute(
        "UPDATE meta SET body = ?1 WHERE key = 'audit_head'",
        params![head],
    )
    .unwrap();
    Tampered {
        name: "last audit entry and head rolled back",
        path,
        table: "households",
    }
}

/// The byte offset of the recovery slot's wrapped key in the header (see `header.rs`).
const RECOVERY_WRAPPED_AT: usize = 8 + 2 + 12 + 16 + 12 + 48 + 16 + 12;

/// One byte of the header's recovery slot flipped: the passphrase still opens the vault, but
/// the recovery key no longer would.
pub fn recovery_slot_flipped(dir: &Path) -> Tampered {
    let (v, path, _, _) = filled_vault(dir, 1, "");
    drop(v);
    let c = Connection::open(&path).unwrap();
    let mut header: Vec<u8> = c
        .query_row("SELECT body FROM header WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    header[RECOVERY_WRAPPED_AT + 5] ^= 0x10;
    c.execute("UPDATE header SET body = ?1 WHERE id = 1", params![header])
        .unwrap();
    Tampered {
        name: "recovery slot byte flipped",
        path,
        table: "header",
    }
}

/// Every tampering of the list, each in its own folder under `dir`.
pub fn all(dir: &Path) -> Vec<Tampered> {
    let makers: [fn(&Path) -> Tampered; 7] = [
        household_rolled_back,
        completed_assessment_back_to_draft,
        one_rating_deleted,
        everything_deleted,
        audit_trail_deleted,
        last_entry_and_head_rolled_back,
        recovery_slot_flipped,
    ];
    makers
        .iter()
        .enumerate()
        .map(|(i, make)| {
            let d = dir.join(format!("t{i}"));
            std::fs::create_dir_all(&d).unwrap();
            make(&d)
        })
        .collect()
}
