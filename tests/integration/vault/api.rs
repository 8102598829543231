//! The repository API, keys and error kinds against real files.

use super::common::*;
use chrono::{Duration, NaiveDate};
use ntk_core::assessment::{ModelError, Rating, Status, Subject};
use ntk_core::vault::{self, KdfProfile, Settings, Vault, VaultError};
use ntk_core::SeededEntropy;

#[test]
fn households_and_assessments_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, as_) = filled_vault(dir.path(), 3, "");
    for (h, a) in hs.iter().zip(&as_) {
        assert_eq!(&v.household(&h.id).unwrap(), h);
        assert_eq!(&v.assessment(&a.id).unwrap(), a);
        assert_eq!(v.assessments(&h.id).unwrap(), vec![a.clone()]);
    }
    drop(v);
    let v = unlock(&path);
    assert_eq!(v.assessment(&as_[1].id).unwrap(), as_[1]);
    let list = v.list_households().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].children.len(), 2);
    assert_eq!(
        list[0].latest_assessment,
        Some((as_[0].id.clone(), Status::Completed))
    );
    assert_eq!(list[0].review_due, NaiveDate::from_ymd_opt(2026, 6, 1));
    assert!(v.verify().unwrap().is_ok());
}

#[test]
fn search_by_name_child_carer_date_of_birth_and_postcode() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, _p) = new_vault(dir.path());
    let mut rng = SeededEntropy::new(3);
    let mut a = household(&mut rng, "Ashworth", "");
    a.children[0].name = "Poppy Ashworth".into();
    a.carers[0].name = "Dana Quill".into();
    a.address.postcode = "NG7 2RD".into();
    a.children[1].birth =
        ntk_core::assessment::Birth::Born(NaiveDate::from_ymd_opt(2019, 11, 4).unwrap());
    let b = household(&mut rng, "Brennan", "");
    v.save_household(&a).unwrap();
    v.save_household(&b).unwrap();
    let ids = |q: &str| -> Vec<String> {
        v.search_households(q)
            .unwrap()
            .into_iter()
            .map(|s| s.id.0)
            .collect()
    };
    let only_a = vec![a.id.0.clone()];
    assert_eq!(ids("ashworth"), only_a);
    assert_eq!(ids("POPPY"), only_a);
    assert_eq!(ids("quill"), only_a);
    assert_eq!(ids("2019-11-04"), only_a);
    assert_eq!(ids("04/11/2019"), only_a);
    assert_eq!(ids("ng72rd"), only_a);
    assert_eq!(ids("ng7 2rd"), only_a);
    assert_eq!(ids("nobody").len(), 0);
    assert_eq!(ids("").len(), 2);
}

#[test]
fn reviews_due_lists_households_whose_review_date_has_come() {
    let dir = tempfile::tempdir().unwrap();
    let (v, _p, hs, _as) = filled_vault(dir.path(), 2, "");
    assert!(v
        .reviews_due(NaiveDate::from_ymd_opt(2026, 5, 31).unwrap())
        .unwrap()
        .is_empty());
    let due = v
        .reviews_due(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
        .unwrap();
    assert_eq!(due.len(), hs.len());
}

#[test]
fn save_rating_updates_one_rating_and_respects_the_lifecycle() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, path) = new_vault(dir.path());
    let def = definition();
    v.store_definition(&def).unwrap();
    let mut rng = SeededEntropy::new(4);
    let h = household(&mut rng, "Cole", "");
    v.save_household(&h).unwrap();
    let mut a = assessment(&mut rng, &h, &def, "");
    let first = a.ratings.remove(0);
    v.save_assessment(&a).unwrap();

    let mut r = first.clone();
    r.evidence = "Fridge empty on both visits".into();
    v.save_rating(&a.id, r.clone()).unwrap();
    r.level = Some(2);
    v.save_rating(&a.id, r.clone()).unwrap();
    drop(v);
    let mut v = unlock(&path);
    let back = v.assessment(&a.id).unwrap();
    assert_eq!(back.ratings.len(), a.ratings.len() + 1);
    assert_eq!(back.rating(&r.item, &r.subject), Some(&r));

    // A rating for an item the definition does not have is refused.
    let bad = Rating::new("99.9", first.subject.clone());
    assert!(matches!(
        v.save_rating(&a.id, bad),
        Err(VaultError::Model(ModelError::UnknownItem { .. }))
    ));
    // Completed: no more ratings, no content changes; an amendment reopens it.
    let mut done = v.assessment(&a.id).unwrap();
    done.complete("Tester", chrono::Utc::now()).unwrap();
    v.save_assessment(&done).unwrap();
    assert!(matches!(
        v.save_rating(&a.id, r.clone()),
        Err(VaultError::Model(ModelError::Locked))
    ));
    let mut changed = done.clone();
    changed.analysis = "rewritten after completion".into();
    assert!(matches!(
        v.save_assessment(&changed),
        Err(VaultError::Model(ModelError::Locked))
    ));
    let mut amend = done.clone();
    amend
        .start_amendment("Tester", "wrong date", chrono::Utc::now())
        .unwrap();
    v.save_assessment(&amend).unwrap();
    v.save_rating(&a.id, r).unwrap();
    assert_eq!(v.assessment(&a.id).unwrap().status, Status::Amending);
}

#[test]
fn missing_records_and_definitions_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, _p) = new_vault(dir.path());
    let mut rng = SeededEntropy::new(6);
    let h = household(&mut rng, "Dale", "");
    assert!(matches!(
        v.household(&h.id),
        Err(VaultError::NotFound {
            what: "household",
            ..
        })
    ));
    let a = assessment(&mut rng, &h, &definition(), "");
    assert!(matches!(
        v.save_assessment(&a),
        Err(VaultError::NotFound { .. })
    ));
    v.save_household(&h).unwrap();
    assert!(matches!(
        v.save_assessment(&a),
        Err(VaultError::UnknownDefinition { .. })
    ));
    assert!(matches!(
        v.assessment(&a.id),
        Err(VaultError::NotFound { .. })
    ));
}

#[test]
fn settings_and_definitions_are_kept_and_the_audit_names_the_practitioner() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, path) = new_vault(dir.path());
    assert_eq!(v.settings().unwrap().auto_lock_minutes, 5);
    let def = definition();
    let hash = v.store_definition(&def).unwrap();
    assert_eq!(v.store_definition(&def).unwrap(), hash);
    let mut s = Settings::default();
    s.practitioner.name = "Jo Health-Visitor".into();
    s.auto_lock_minutes = 12;
    s.active_definition = Some(hash.clone());
    v.save_settings(&s).unwrap();
    let mut rng = SeededEntropy::new(7);
    v.save_household(&household(&mut rng, "Eve", "")).unwrap();
    drop(v);
    let v = unlock(&path);
    assert_eq!(v.settings().unwrap(), s);
    assert_eq!(v.definition(&hash).unwrap(), def);
    assert_eq!(v.definitions().unwrap().len(), 1);
    let log = v.audit_log().unwrap();
    let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create_vault",
            "store_definition",
            "save_settings",
            "save_household"
        ]
    );
    assert_eq!(log.last().unwrap().who, "Jo Health-Visitor");
    assert!(log.windows(2).all(|w| w[0].seq + 1 == w[1].seq));
}

#[test]
fn wrong_passphrase_recovery_and_passphrase_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, rk, path) = new_vault(dir.path());
    let mut rng = SeededEntropy::new(8);
    let h = household(&mut rng, "Fox", "");
    v.save_household(&h).unwrap();
    let rk_text = rk.to_string();
    drop(v);

    assert!(matches!(
        Vault::unlock(&path, "not the passphrase", env(2)),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(matches!(
        Vault::recover(
            &path,
            "0000-0000-0000-0000-0000-0000-0000-0000",
            "a new passphrase",
            env(3)
        ),
        Err(VaultError::WrongRecoveryKey)
    ));
    assert!(matches!(
        Vault::recover(&path, &rk_text, "short", env(3)),
        Err(VaultError::PassphraseTooShort { min }) if min == ntk_core::limits::PASSPHRASE_MIN_CHARS
    ));
    let v = Vault::recover(
        &path,
        rk_text.to_lowercase(),
        "recovered passphrase",
        env(3),
    )
    .unwrap();
    assert_eq!(v.household(&h.id).unwrap(), h);
    drop(v);
    assert!(matches!(
        Vault::unlock(&path, PASS, env(4)),
        Err(VaultError::WrongPassphrase)
    ));
    let mut v = Vault::unlock(&path, "recovered passphrase", env(4)).unwrap();
    assert!(matches!(
        v.change_passphrase("recovered passphrase", "tiny", &mut |_| {}),
        Err(VaultError::PassphraseTooShort { .. })
    ));
    let issued = v
        .change_passphrase("recovered passphrase", "changed passphrase", &mut |_| {})
        .unwrap();
    assert!(issued.is_none(), "the recovery key is kept");
    drop(v);
    let v = Vault::unlock(&path, "changed passphrase", env(5)).unwrap();
    assert_eq!(v.household(&h.id).unwrap(), h);
    assert!(v.verify().unwrap().is_ok());
    drop(v);
    // The recovery key still works after a passphrase change.
    Vault::recover(&path, &rk_text, "third passphrase!", env(6)).unwrap();
}

#[test]
fn creating_refuses_short_passphrases_and_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.ntk");
    let one_short = "x".repeat(ntk_core::limits::PASSPHRASE_MIN_CHARS - 1);
    assert!(matches!(
        Vault::create(&path, &one_short, KdfProfile::TestOnlyCheap, env(1)),
        Err(VaultError::PassphraseTooShort { min }) if min == ntk_core::limits::PASSPHRASE_MIN_CHARS
    ));
    assert!(!vault::exists(&path));
    Vault::create(&path, PASS, KdfProfile::TestOnlyCheap, env(1)).unwrap();
    assert!(vault::exists(&path));
    assert!(matches!(
        Vault::create(&path, PASS, KdfProfile::TestOnlyCheap, env(1)),
        Err(VaultError::AlreadyExists { .. })
    ));
    assert!(matches!(
        Vault::unlock(&dir.path().join("missing.ntk"), PASS, env(1)),
        Err(VaultError::NoVault { .. })
    ));
}

#[test]
fn standard_profile_vault_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.ntk");
    let (v, _rk) = Vault::create(&path, PASS, KdfProfile::Standard, env(1)).unwrap();
    drop(v);
    let v = Vault::unlock(&path, PASS, env(2)).unwrap();
    assert!(v.verify().unwrap().is_ok());
}

#[test]
fn newer_truncated_foreign_and_weakened_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (v, _p, _hs, _as) = filled_vault(dir.path(), 20, "");
    let path = v.path().to_path_buf();
    drop(v);
    let original = std::fs::read(&path).unwrap();

    let newer = dir.path().join("newer.ntk");
    std::fs::copy(&path, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    match Vault::unlock(&newer, PASS, env(1)) {
        Err(VaultError::NewerVersion {
            found: 99,
            supported,
        }) => assert_eq!(supported, vault::SCHEMA_VERSION),
        other => panic!("expected NewerVersion, got {other:?}"),
    }

    let truncated = dir.path().join("truncated.ntk");
    std::fs::write(&truncated, &original[..original.len() / 3]).unwrap();
    let r = Vault::unlock(&truncated, PASS, env(1)).and_then(|v| v.verify().map(|r| r.is_ok()));
    assert!(
        matches!(r, Err(VaultError::Corrupt { .. }) | Ok(false)),
        "a truncated file must be reported, got {r:?}"
    );

    let foreign = dir.path().join("foreign.ntk");
    std::fs::write(
        &foreign,
        b"this is a text file, not a vault at all, but long enough for a header........",
    )
    .unwrap();
    assert!(matches!(
        Vault::unlock(&foreign, PASS, env(1)),
        Err(VaultError::Corrupt { .. })
    ));

    let empty_db = dir.path().join("empty.ntk");
    rusqlite::Connection::open(&empty_db)
        .unwrap()
        .execute_batch("CREATE TABLE x(y)")
        .unwrap();
    assert!(matches!(
        Vault::unlock(&empty_db, PASS, env(1)),
        Err(VaultError::Corrupt { .. })
    ));

    // A header whose key derivation costs were lowered is refused rather than used.
    let weak = dir.path().join("weak.ntk");
    std::fs::copy(&path, &weak).unwrap();
    let c = rusqlite::Connection::open(&weak).unwrap();
    let mut h: Vec<u8> = c
        .query_row("SELECT body FROM header", [], |r| r.get(0))
        .unwrap();
    h[10..14].copy_from_slice(&1024u32.to_be_bytes());
    c.execute("UPDATE header SET body = ?1", [h]).unwrap();
    drop(c);
    assert!(matches!(
        Vault::unlock(&weak, PASS, env(1)),
        Err(VaultError::Corrupt { .. })
    ));
}

#[test]
fn backup_generations_and_verified_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, hs, _as) = filled_vault(dir.path(), 2, "");
    let out = dir.path().join("copies").join("b1.ntk");
    v.backup_to(&out).unwrap();
    let mut gens = Vec::new();
    for _ in 0..7 {
        gens.push(v.backup_generation().unwrap());
    }
    let kept: Vec<_> = std::fs::read_dir(v.backups_dir()).unwrap().collect();
    assert_eq!(kept.len(), vault::GENERATIONS_KEPT);
    assert!(gens[6].exists() && !gens[0].exists());

    // A change after the backup is undone by restoring it; the replaced vault is kept.
    let mut rng = SeededEntropy::new(9);
    let later = household(&mut rng, "Later", "");
    v.save_household(&later).unwrap();
    drop(v);
    Vault::restore(&out, &path, PASS, env(10)).unwrap();
    let v = unlock(&path);
    assert_eq!(v.list_households().unwrap().len(), hs.len());
    assert!(matches!(
        v.household(&later.id),
        Err(VaultError::NotFound { .. })
    ));
    assert!(v.verify().unwrap().is_ok());
    drop(v);
    let before: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("before-restore-")
        })
        .collect();
    assert_eq!(before.len(), 1);

    // A damaged backup is refused and the vault is left as it was.
    let bad = dir.path().join("bad.ntk");
    std::fs::copy(&out, &bad).unwrap();
    let c = rusqlite::Connection::open(&bad).unwrap();
    c.execute("UPDATE households SET body = CAST(substr(body, 1, 20) || x'00' || substr(body, 22) AS BLOB) WHERE rowid = 1", [])
        .unwrap();
    drop(c);
    let before_bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Vault::restore(&bad, &path, PASS, env(11)),
        Err(VaultError::RestoreRefused { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before_bytes);
}

#[test]
fn export_and_import_round_trip_into_another_vault() {
    let dir = tempfile::tempdir().unwrap();
    let (v, _p, hs, as_) = filled_vault(dir.path().join("a").as_path(), 3, "");
    let doc = v.export_json().unwrap();
    assert_eq!(doc["format"], vault::EXPORT_FORMAT);
    assert_eq!(doc["households"].as_array().unwrap().len(), 3);

    let (mut w, _rk, _p) = new_vault(&dir.path().join("b"));
    let report = w.import_json(&doc).unwrap();
    assert_eq!(report.households_added, 3);
    assert_eq!(report.assessments_added, 3);
    assert_eq!(report.definitions_added, 1);
    for (h, a) in hs.iter().zip(&as_) {
        assert_eq!(&w.household(&h.id).unwrap(), h);
        assert_eq!(&w.assessment(&a.id).unwrap(), a);
    }
    let again = w.import_json(&doc).unwrap();
    assert_eq!(again.households_unchanged, 3);
    assert_eq!(again.assessments_unchanged, 3);
    let mut exported_again = w.export_json().unwrap();
    exported_again["exported_at"] = doc["exported_at"].clone();
    assert_eq!(exported_again, doc);

    // Invalid input is refused as a whole, naming where.
    let mut bad = doc.clone();
    bad["households"][1]["assessments"][0]["ratings"][0]["item"] = "42.42".into();
    bad["households"][0]["household"]["name"] = "Changed".into();
    let before = w.list_households().unwrap();
    match w.import_json(&bad) {
        Err(VaultError::InvalidImport { detail }) => assert!(
            detail.contains("$.households[1].assessments[0]"),
            "{detail}"
        ),
        other => panic!("expected InvalidImport, got {other:?}"),
    }
    assert_eq!(w.list_households().unwrap(), before);
    let mut typo = doc.clone();
    typo["households"][0]["household"]["nmae"] = "x".into();
    assert!(matches!(
        w.import_json(&typo),
        Err(VaultError::InvalidImport { .. })
    ));
}

#[test]
fn audit_chain_detects_a_removed_or_reordered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, _hs, _as) = filled_vault(dir.path(), 2, "");
    let n = v.audit_log().unwrap().len();
    assert!(n >= 5);
    drop(v);
    for sql in [
        "DELETE FROM audit WHERE seq = 3".to_string(),
        format!("DELETE FROM audit WHERE seq = {n}"),
        "DELETE FROM meta WHERE key = 'audit_head'".to_string(),
    ] {
        let copy = dir.path().join("copy.ntk");
        let _ = std::fs::remove_file(&copy);
        std::fs::copy(&path, &copy).unwrap();
        rusqlite::Connection::open(&copy)
            .unwrap()
            .execute_batch(&sql)
            .unwrap();
        let v = Vault::unlock(&copy, PASS, env(1)).unwrap();
        let report = v.verify().unwrap();
        assert!(
            report.problems.iter().any(|p| p.table == "audit chain"),
            "{sql}: {:?}",
            report.problems
        );
    }
}

#[test]
fn a_review_links_to_its_previous_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _p, hs, as_) = filled_vault(dir.path(), 1, "");
    let def = definition();
    let mut rng = SeededEntropy::new(12);
    let mut review = assessment(&mut rng, &hs[0], &def, "");
    review.kind = ntk_core::assessment::AssessmentKind::Review {
        previous: as_[0].id.clone(),
    };
    review.created_at = as_[0].created_at + Duration::days(90);
    review.updated_at = review.created_at;
    review.ratings[0] = Rating {
        level: Some(1),
        ..review.ratings[0].clone()
    };
    v.save_assessment(&review).unwrap();
    let all = v.assessments(&hs[0].id).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].previous(), Some(&as_[0].id));
    let s = &v.list_households().unwrap()[0];
    assert_eq!(
        s.latest_assessment,
        Some((review.id.clone(), Status::Draft))
    );
    assert!(matches!(review.ratings[0].subject, Subject::Child(_)));
}
