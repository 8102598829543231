//! Two `Vault` handles on one file (two unlocks of the same path), taking turns to write: a
//! change made through one is never lost or overruled by a check the other made on what it
//! read earlier, because each save reads and checks what it changes inside its own write
//! transaction.

use super::common::*;
use chrono::Duration;
use ntk_core::app::{AppError, Session};
use ntk_core::assessment::{Assessment, Household, ModelError, Rating, Status};
use ntk_core::vault::{Vault, VaultError};
use ntk_core::SeededEntropy;
use std::path::{Path, PathBuf};

/// A vault holding one household and a draft assessment with `held_back` ratings left out
/// (they are returned, to be saved later); the handle that created it; and the path.
fn draft_vault(
    dir: &Path,
    held_back: usize,
) -> (Vault, PathBuf, Household, Assessment, Vec<Rating>) {
    let (mut v, _rk, path) = new_vault(dir);
    let def = definition();
    v.store_definition(&def).unwrap();
    let mut rng = SeededEntropy::new(21);
    let h = household(&mut rng, "Ennis", "");
    v.save_household(&h).unwrap();
    let mut a = assessment(&mut rng, &h, &def, "");
    let rest = a.ratings.split_off(a.ratings.len() - held_back);
    v.save_assessment(&a).unwrap();
    (v, path, h, a, rest)
}

/// A second handle on the same file, with its own random source.
fn second_handle(path: &Path) -> Vault {
    Vault::unlock(path, PASS, env(1234)).unwrap()
}

#[test]
fn a_rating_saved_after_another_handle_completed_the_assessment_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, path, _h, a, held_back) = draft_vault(dir.path(), 2);
    let mut second = second_handle(&path);
    let mut session = Session::unlock(&path, PASS, env(4321)).unwrap();
    assert_eq!(second.assessment(&a.id).unwrap().status, Status::Draft);

    // The second handle saves a rating while the assessment is a draft...
    let mut early = a.ratings[0].clone();
    early.evidence = "Saved through the second handle before completion".into();
    second.save_rating(&a.id, early.clone()).unwrap();

    // ...then the first handle reads it (with that rating) and completes it.
    let mut done = first.assessment(&a.id).unwrap();
    assert_eq!(done.rating(&early.item, &early.subject), Some(&early));
    done.complete("Tester", start() + Duration::hours(1))
        .unwrap();
    first.save_assessment(&done).unwrap();
    let entries_after_completion = first.audit_log().unwrap().len();

    // The second handle last saw a draft; its next ratings are refused as locked, through the
    // session and through the vault alike.
    let err = session
        .save_rating(&a.id, held_back[0].clone())
        .unwrap_err();
    assert!(
        matches!(err, AppError::Model(ModelError::Locked)),
        "{err:?}"
    );
    let err = second.save_rating(&a.id, held_back[1].clone()).unwrap_err();
    assert!(
        matches!(err, VaultError::Model(ModelError::Locked)),
        "{err:?}"
    );

    // Nothing is lost and nothing slipped in: every handle, and a fresh unlock, reads the
    // assessment exactly as it was completed, and the refused saves left no audit entry.
    let third = unlock(&path);
    for v in [&first, &second, &third] {
        let back = v.assessment(&a.id).unwrap();
        assert_eq!(back.status, Status::Completed);
        assert_eq!(back.history, done.history);
        assert_eq!(back.ratings, done.ratings);
        assert_eq!(back.rating(&early.item, &early.subject), Some(&early));
        for r in &held_back {
            assert!(back.rating(&r.item, &r.subject).is_none());
        }
        assert_eq!(v.audit_log().unwrap().len(), entries_after_completion);
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    }
}

#[test]
fn ratings_saved_in_turn_through_two_handles_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, path, _h, a, held_back) = draft_vault(dir.path(), 2);
    let mut second = second_handle(&path);
    let (mut one, mut two) = (held_back[0].clone(), held_back[1].clone());

    first.save_rating(&a.id, one.clone()).unwrap();
    second.save_rating(&a.id, two.clone()).unwrap();
    // And once more each, changing what they saved, still in turn.
    one.evidence = "Changed through the first handle".into();
    first.save_rating(&a.id, one.clone()).unwrap();
    two.evidence = "Changed through the second handle".into();
    second.save_rating(&a.id, two.clone()).unwrap();

    let third = unlock(&path);
    for v in [&first, &second, &third] {
        let back = v.assessment(&a.id).unwrap();
        assert_eq!(back.ratings.len(), a.ratings.len() + 2);
        assert_eq!(back.rating(&one.item, &one.subject), Some(&one));
        assert_eq!(back.rating(&two.item, &two.subject), Some(&two));
        for r in &a.ratings {
            assert_eq!(back.rating(&r.item, &r.subject), Some(r));
        }
        let saves = v
            .audit_log()
            .unwrap()
            .iter()
            .filter(|e| e.action == "save_rating")
            .count();
        assert_eq!(saves, 4);
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    }
}

#[test]
fn an_assessment_completed_while_a_rating_save_waits_for_the_lock_refuses_that_rating() {
    let dir = tempfile::tempdir().unwrap();
    let (first, path, _h, a, held_back) = draft_vault(dir.path(), 1);

    // The sealed row of the same assessment, completed, made in a copy of the vault (same
    // data key), to be written into the original while a save is waiting.
    let copy = dir.path().join("copy.ntk");
    first.backup_to(&copy).unwrap();
    let mut in_copy = Vault::unlock(&copy, PASS, env(77)).unwrap();
    let mut done = in_copy.assessment(&a.id).unwrap();
    done.complete("Tester", start() + Duration::hours(1))
        .unwrap();
    in_copy.save_assessment(&done).unwrap();
    drop(in_copy);
    let (completed_rev, completed_row): (i64, Vec<u8>) = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row(
            "SELECT rev, body FROM assessments WHERE id = ?1",
            [a.id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();

    // Another writer holds the write lock; a rating save starts and has to wait for it.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut second = second_handle(&path);
    let (id, rating) = (a.id.clone(), held_back[0].clone());
    let waiting = std::thread::spawn(move || second.save_rating(&id, rating));
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!waiting.is_finished(), "the save should wait for the lock");

    // The other writer completes the assessment and commits; the waiting save must see that.
    other
        .execute(
            "UPDATE assessments SET body = ?1, rev = ?2 WHERE id = ?3",
            rusqlite::params![completed_row, completed_rev, a.id.as_str()],
        )
        .unwrap();
    other.execute_batch("COMMIT").unwrap();
    let result = waiting.join().unwrap();
    assert!(
        matches!(result, Err(VaultError::Model(ModelError::Locked))),
        "{result:?}"
    );

    let back = unlock(&path).assessment(&a.id).unwrap();
    assert_eq!(back.status, Status::Completed);
    assert!(back
        .rating(&held_back[0].item, &held_back[0].subject)
        .is_none());
    assert_eq!(back.ratings, done.ratings);
}
