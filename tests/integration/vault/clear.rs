//! What a copy of the file shows without the key: sealed bodies padded to size buckets, so that
//! name lengths and family sizes do not show in the stored lengths.

use super::common::*;
use ntk_core::assessment::Household;
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
