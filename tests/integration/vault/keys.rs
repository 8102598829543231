//! The key lifecycle: a passphrase change, a recovery and a new recovery key each rotate the data
//! key, so the header of an older copy of the file, opened with the secret of that time, opens
//! nothing written after; a new recovery key retires the old one; a mistyped recovery key is
//! reported as a typo.

use super::common::*;
use ntk_core::app::{AppError, Session};
use ntk_core::vault::{header::Header, RekeyProgress, Vault, VaultError};
use ntk_core::SeededEntropy;
use rusqlite::Connection;
use std::path::Path;

fn header_bytes(path: &Path) -> Vec<u8> {
    let c = Connection::open(path).unwrap();
    c.query_row("SELECT body FROM header WHERE id = 1", [], |r| r.get(0))
        .unwrap()
}

fn put_header(path: &Path, bytes: &[u8]) {
    let c = Connection::open(path).unwrap();
    c.execute("UPDATE header SET body = ?1 WHERE id = 1", [bytes])
        .unwrap();
}

fn bodies(path: &Path, table: &str) -> Vec<Vec<u8>> {
    let c = Connection::open(path).unwrap();
    let mut st = c
        .prepare(&format!("SELECT body FROM {table} ORDER BY rowid"))
        .unwrap();
    let v = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    v
}

/// True when the old header, opened with `secret` of that time, reaches the household `id`.
fn old_header_reads(
    path: &Path,
    old_header: &[u8],
    pass: &str,
    h: &ntk_core::assessment::Id,
) -> bool {
    put_header(path, old_header);
    match Vault::unlock(path, pass, env(50)) {
        Err(_) => false,
        Ok(v) => v.household(h).is_ok(),
    }
}

#[test]
fn a_passphrase_change_rotates_the_data_key_and_an_old_header_opens_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, rk, path) = new_vault(dir.path());
    let mut rng = SeededEntropy::new(21);
    let before = household(&mut rng, "Ash", "");
    v.save_household(&before).unwrap();
    drop(v);
    let old_header = header_bytes(&path);
    let old_bodies = bodies(&path, "households");

    let mut v = unlock(&path);
    let mut seen: Vec<RekeyProgress> = Vec::new();
    let issued = v
        .change_passphrase(PASS, "a brand new passphrase", &mut |p| seen.push(p))
        .unwrap();
    assert!(issued.is_none());
    // Progress runs from nothing to every record, never backwards.
    let total = seen.last().unwrap().total;
    assert!(total >= 5, "{seen:?}");
    assert_eq!(seen.first().unwrap().done, 0);
    assert_eq!(seen.last().unwrap().done, total);
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let after = household(&mut rng, "Birch", "");
    v.save_household(&after).unwrap();
    assert!(v.verify().unwrap().is_ok());
    drop(v);

    // Every record was re-sealed: no stored body is the same as before.
    let new_bodies = bodies(&path, "households");
    assert!(old_bodies.iter().all(|b| !new_bodies.contains(b)));
    // The new passphrase opens everything; the old one no longer opens the file.
    let v = Vault::unlock(&path, "a brand new passphrase", env(40)).unwrap();
    assert_eq!(v.household(&before.id).unwrap(), before);
    assert_eq!(v.household(&after.id).unwrap(), after);
    drop(v);
    assert!(matches!(
        Vault::unlock(&path, PASS, env(41)),
        Err(VaultError::WrongPassphrase)
    ));
    // An attacker keeps the old header and splices it onto today's file: with the old
    // passphrase it opens, perhaps, but reads neither the record written after the change nor
    // the ones re-sealed by it.
    let new_header = header_bytes(&path);
    assert!(!old_header_reads(&path, &old_header, PASS, &after.id));
    assert!(!old_header_reads(&path, &old_header, PASS, &before.id));
    put_header(&path, &new_header);
    // The recovery key made at the start still works after the rotation.
    let v = Vault::recover(&path, rk.to_string(), "recovered again ok", env(42)).unwrap();
    assert_eq!(v.household(&after.id).unwrap(), after);
}

#[test]
fn recovery_rotates_the_data_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, rk, path) = new_vault(dir.path());
    let h = household(&mut SeededEntropy::new(22), "Cedar", "");
    v.save_household(&h).unwrap();
    drop(v);
    let old_header = header_bytes(&path);
    let v = Vault::recover(&path, rk.to_string(), "after recovery pass", env(43)).unwrap();
    assert_eq!(v.household(&h.id).unwrap(), h);
    assert!(v.verify().unwrap().is_ok());
    let actions: Vec<String> = v
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.last().unwrap(), "recover_with_recovery_key");
    drop(v);
    // The old header with the old passphrase reads nothing any more.
    assert!(!old_header_reads(&path, &old_header, PASS, &h.id));
}

#[test]
fn a_new_recovery_key_works_and_the_old_one_stops() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, old_rk, path) = new_vault(dir.path());
    let h = household(&mut SeededEntropy::new(23), "Dogwood", "");
    v.save_household(&h).unwrap();
    drop(v);
    let mut s = Session::unlock(&path, PASS, env(44)).unwrap();
    assert_eq!(
        s.new_recovery_key("not the passphrase", &mut |_| {})
            .err()
            .unwrap()
            .code(),
        "wrong_passphrase"
    );
    let new_rk = s.new_recovery_key(PASS, &mut |_| {}).unwrap();
    assert_ne!(new_rk.to_string(), old_rk.to_string());
    drop(s);
    // The passphrase is unchanged.
    drop(Vault::unlock(&path, PASS, env(45)).unwrap());
    assert!(matches!(
        Vault::recover(&path, old_rk.to_string(), "some new passphrase", env(46)),
        Err(VaultError::WrongRecoveryKey)
    ));
    let v = Vault::recover(&path, new_rk.to_string(), "some new passphrase", env(47)).unwrap();
    assert_eq!(v.household(&h.id).unwrap(), h);
}

#[test]
fn verify_stays_clean_through_every_rotation_and_still_finds_a_flipped_recovery_slot() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, hs, as_) = filled_vault(dir.path(), 2, "");
    // Rows past their first revision, an amended assessment and a chronology, so that the
    // rotation has every kind of sealed row to carry over.
    let mut h = hs[0].clone();
    h.name = "Renamed before the rotation".into();
    v.save_household(&h).unwrap();
    let mut a = as_[1].clone();
    a.start_amendment(
        "Tester",
        "a date was wrong",
        start() + chrono::Duration::hours(1),
    )
    .unwrap();
    v.save_opening(&a).unwrap();
    v.change_chronology(&hs[1].id, "edit_chronology", None, |_| Ok(()))
        .unwrap();
    assert!(v.verify().unwrap().is_ok());
    let clean = |v: &Vault, when: &str| {
        assert!(
            v.quick_check().unwrap().is_empty(),
            "{when}: {:?}",
            v.quick_check()
        );
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "{when}: {:?}", report.problems);
    };

    v.change_passphrase(PASS, "rotated passphrase one", &mut |_| {})
        .unwrap();
    clean(&v, "after a passphrase change");
    let rk = v
        .new_recovery_key("rotated passphrase one", &mut |_| {})
        .unwrap();
    clean(&v, "after a new recovery key");
    // A change after the rotation is checked against the rotated rows as usual.
    h.name = "Renamed after the rotation".into();
    v.save_household(&h).unwrap();
    clean(&v, "after a change following the rotation");
    drop(v);
    let v = Vault::unlock(&path, "rotated passphrase one", env(70)).unwrap();
    clean(&v, "reopened after the rotations");
    assert_eq!(v.household(&h.id).unwrap(), h);
    drop(v);
    let v = Vault::recover(&path, rk.to_string(), "third passphrase here", env(71)).unwrap();
    clean(&v, "after a recovery");
    drop(v);

    // One byte of the (rotated) recovery slot flipped is still found, at unlock and by verify.
    let mut header = header_bytes(&path);
    let at = header.len() - 5;
    header[at] ^= 0x10;
    put_header(&path, &header);
    let v = Vault::unlock(&path, "third passphrase here", env(72)).unwrap();
    assert!(
        v.quick_check().unwrap().iter().any(|p| p.table == "header"),
        "{:?}",
        v.quick_check()
    );
    let report = v.verify().unwrap();
    assert!(
        report.problems.iter().any(|p| p.table == "header"),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_mistyped_recovery_key_is_a_typo_not_a_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let (v, rk, path) = new_vault(dir.path());
    drop(v);
    let good = rk.to_string();
    let first = good.chars().next().unwrap();
    let typo = format!("{}{}", if first == 'X' { 'Y' } else { 'X' }, &good[1..]);
    let e = Session::recover(&path, &typo, "a new passphrase!", env(48)).unwrap_err();
    assert_eq!(e.code(), "recovery_key_typo");
    assert!(
        e.user_message().contains("typing mistake"),
        "{}",
        e.user_message()
    );
    assert!(matches!(e, AppError::Vault(VaultError::RecoveryKeyTypo)));
    let short = Session::recover(&path, &good[..20], "a new passphrase!", env(48)).unwrap_err();
    assert_eq!(short.code(), "recovery_key_typo");
    // A well-formed key that is not this vault's is a wrong key.
    let other = ntk_core::vault::RecoveryKey::generate(&mut SeededEntropy::new(77)).to_string();
    let e = Session::recover(&path, &other, "a new passphrase!", env(49)).unwrap_err();
    assert_eq!(e.code(), "wrong_recovery_key");
    // Nothing changed: the passphrase still opens it.
    drop(Vault::unlock(&path, PASS, env(50)).unwrap());
}

#[test]
fn new_vaults_get_version_2_and_a_cheap_test_vault_stays_cheap_in_tests() {
    let dir = tempfile::tempdir().unwrap();
    let (v, _rk, path) = new_vault(dir.path());
    drop(v);
    let h = Header::parse(&header_bytes(&path)).unwrap();
    assert_eq!(h.to_bytes()[9], 2, "a new vault has a version 2 header");
    // In a test build the cheap profile of a cheap vault is carried over (and only then).
    let mut v = unlock(&path);
    v.change_passphrase(PASS, "another passphrase", &mut |_| {})
        .unwrap();
    drop(v);
    let h = Header::parse(&header_bytes(&path)).unwrap();
    assert_eq!(h.kdf, ntk_core::vault::crypto::KdfParams::TEST_ONLY_CHEAP);
}

#[test]
fn a_version_1_vault_gets_a_new_recovery_key_when_its_data_key_rotates() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v1.ntk");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault/v1.ntk"),
        &copy,
    )
    .unwrap();
    assert_eq!(header_bytes(&copy)[9], 1);
    let mut v = Vault::unlock(&copy, "fixture passphrase v1", env(60)).unwrap();
    let households = v.list_households().unwrap().len();
    let issued = v
        .change_passphrase(
            "fixture passphrase v1",
            "fixture passphrase v2",
            &mut |_| {},
        )
        .unwrap()
        .expect("a version 1 header cannot keep its recovery key through a rotation");
    assert!(v.verify().unwrap().is_ok());
    drop(v);
    assert_eq!(header_bytes(&copy)[9], 2);
    let v = Vault::recover(&copy, issued.to_string(), "fixture passphrase v3", env(61)).unwrap();
    assert_eq!(v.list_households().unwrap().len(), households);
}

#[cfg(unix)]
#[test]
fn vault_backup_and_sheet_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let (v, _rk, path) = new_vault(dir.path());
    assert_eq!(mode(&path), 0o600);
    let out = v.backup_generation().unwrap();
    assert_eq!(mode(&out), 0o600);
    assert_eq!(mode(&v.backups_dir()), 0o700);
    let sheet = dir.path().join("sheet.pdf");
    ntk_core::export::write_atomic(&sheet, b"%PDF-").unwrap();
    assert_eq!(mode(&sheet), 0o600);
    drop(v);
    // A vault made before files were private is tightened when it is next opened.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(unlock(&path));
    assert_eq!(mode(&path), 0o600);
}
