//! What a copy of the file shows without the key: sealed bodies padded to size buckets, so that
//! name lengths and family sizes do not show in the stored lengths.

use super::common::*;
use ntk_core::assessment::Household;
use ntk_core::vault::Vault;
use ntk_core::SeededEntropy;
use rusqlite::Connection;
use std::path::Path;

fn body_len(path: &Path, table: &str, id: &str) -> usize {
    let c = Connection::open(path).unwrap();
    c.query_row(
        &format!("SELECT length(body) FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get::<_, i64>(0),
    )
    .unwrap() as usize
}

/// The stored length of a sealed body: format byte, nonce, padded plaintext, tag.
fn is_bucket(len: usize) -> bool {
    let padded = len - 1 - 12 - 16;
    padded >= 512 && (padded.is_power_of_two() || padded.is_multiple_of(16 * 1024))
}

#[test]
fn households_whose_names_and_families_differ_store_bodies_of_one_length() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, path) = new_vault(dir.path());
    let mut rng = SeededEntropy::new(0x51a);
    let short: Household = household(&mut rng, "Jo", "");
    let mut long = household(&mut rng, &"Bartholomew-".repeat(20), "");
    long.children.truncate(1);
    assert!(long.name.len() >= short.name.len() + 200);
    for h in [&short, &long] {
        v.save_household(h).unwrap();
    }
    drop(v);
    let lens: Vec<usize> = [&short, &long]
        .iter()
        .map(|h| body_len(&path, "households", h.id.as_str()))
        .collect();
    assert_eq!(
        lens[0], lens[1],
        "a 240-character longer name and one child fewer show: {lens:?}"
    );
    assert!(is_bucket(lens[0]), "{lens:?}");
    // And they read back as saved.
    let v = unlock(&path);
    assert_eq!(v.household(&long.id).unwrap().name, long.name);
    assert_eq!(v.household(&long.id).unwrap().children.len(), 1);
}

#[test]
fn every_sealed_body_written_is_padded_to_a_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, _hs, _as) = filled_vault(dir.path(), 2, "");
    drop(v);
    let c = Connection::open(&path).unwrap();
    let mut checked = 0;
    for table in [
        "households",
        "assessments",
        "ratings",
        "meta",
        "audit",
        "definitions",
    ] {
        let mut st = c
            .prepare(&format!("SELECT length(body) FROM {table}"))
            .unwrap();
        let lens: Vec<i64> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!lens.is_empty(), "{table} has rows");
        for len in lens {
            assert!(is_bucket(len as usize), "{table}: a body of {len} bytes");
            checked += 1;
        }
    }
    assert!(checked > 20);
}

fn columns(path: &Path, table: &str) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap();
    let v = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    v
}

/// A vault made before the change (the committed fixtures) loses its clear save times when it
/// is opened, reads the same, verifies clean, and takes new saves.
#[test]
fn save_times_leave_the_clear_columns_of_an_older_vault() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault");
    for version in [1, 2] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.ntk");
        std::fs::copy(fixtures.join(format!("v{version}.ntk")), &path).unwrap();
        assert!(columns(&path, "households").contains(&"updated_at".to_string()));
        let mut v = Vault::unlock(&path, "fixture passphrase v1", env(1)).unwrap();
        for (table, gone) in [
            ("households", "updated_at"),
            ("assessments", "updated_at"),
            ("ratings", "updated_at"),
            ("chronology", "updated_at"),
            ("audit", "at"),
        ] {
            let cols = columns(&path, table);
            assert!(
                !cols.contains(&gone.to_string()),
                "v{version} {table}: {cols:?}"
            );
            assert!(cols.contains(&"body".to_string()));
        }
        assert!(columns(&path, "assessments").contains(&"created_at".to_string()));
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "v{version}: {:?}", report.problems);
        let mut hs = v.list_households().unwrap();
        assert_eq!(hs.len(), 2);
        let id = hs.remove(0).id;
        let mut h = v.household(&id).unwrap();
        let before = h.updated_at;
        h.name.push_str(" renamed");
        h.updated_at = before + chrono::Duration::days(1);
        v.save_household(&h).unwrap();
        drop(v);
        let v = Vault::unlock(&path, "fixture passphrase v1", env(2)).unwrap();
        let back = v.household(&id).unwrap();
        assert_eq!(back.updated_at, before + chrono::Duration::days(1));
        assert!(back.name.ends_with(" renamed"));
        assert!(v.verify().unwrap().is_ok());
    }
}
