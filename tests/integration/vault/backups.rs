//! Automatic backup generations and restore through the app's session, against real files:
//! made before completing, on lock and once a day; kept to the documented number; a good
//! backup restored with the replaced vault kept aside; a damaged one refused with the live
//! vault unchanged.

use super::common::PASS;
use chrono::{DateTime, Duration, TimeZone, Utc};
use ntk_core::app::{BackupMoment, Session};
use ntk_core::assessment::Id;
use ntk_core::vault::{self, KdfProfile, VaultEnv};
use ntk_core::{limits, Clock, SeededEntropy};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// A clock the test moves: one millisecond forward at each reading, plus what the test adds.
#[derive(Clone)]
struct MovableClock(Arc<AtomicI64>);

impl MovableClock {
    fn new() -> Self {
        let t = Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap();
        MovableClock(Arc::new(AtomicI64::new(t.timestamp_millis())))
    }
    fn advance(&self, d: Duration) {
        self.0.fetch_add(d.num_milliseconds(), Ordering::SeqCst);
    }
}

impl Clock for MovableClock {
    fn now(&self) -> DateTime<Utc> {
        let ms = self.0.fetch_add(1, Ordering::SeqCst);
        Utc.timestamp_millis_opt(ms).unwrap()
    }
}

fn env(clock: &MovableClock, seed: u64) -> VaultEnv {
    VaultEnv {
        clock: Box::new(clock.clone()),
        rng: Box::new(SeededEntropy::new(seed)),
    }
}

fn demo(dir: &Path, clock: &MovableClock) -> (Session, Id, PathBuf) {
    let path = dir.join("vault.ntk");
    let (mut s, _) =
        Session::create(&path, PASS, KdfProfile::TestOnlyCheap, env(clock, 3)).unwrap();
    let id = s.load_demo().unwrap();
    (s, id, path)
}

fn generations(dir: &Path) -> Vec<PathBuf> {
    vault::generations_in(dir)
        .unwrap()
        .into_iter()
        .map(|g| g.path)
        .collect()
}

#[test]
fn a_generation_is_made_before_completing_and_on_lock() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, id, path) = demo(dir.path(), &clock);
    let backups = dir.path().join("backups");
    assert!(generations(&backups).is_empty());

    let latest = s.latest_assessment(&id).unwrap();
    s.amend(&latest, "A date was wrong").unwrap();
    s.complete(&latest).unwrap();
    let after_complete = generations(&backups);
    assert_eq!(after_complete.len(), 1);
    // The generation holds the vault as it was just before completing: amending, not completed.
    let copy = dir.path().join("copy.ntk");
    std::fs::copy(&after_complete[0], &copy).unwrap();
    let c = Session::unlock(&copy, PASS, env(&clock, 4)).unwrap();
    assert_eq!(
        c.assessment_view(&latest).unwrap().assessment.status,
        ntk_core::assessment::Status::Amending
    );
    drop(c);

    assert_eq!(s.lock(), None);
    let after_lock = generations(&backups);
    assert_eq!(after_lock.len(), 2);
    let s = Session::unlock(&after_lock[1], PASS, env(&clock, 5)).unwrap();
    assert!(s.verify().unwrap().is_ok());
    assert_eq!(
        s.assessment_view(&latest).unwrap().assessment.status,
        ntk_core::assessment::Status::Completed
    );
    let _ = path;
}

#[test]
fn a_daily_generation_is_made_only_when_the_newest_is_a_day_old() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, _id, _path) = demo(dir.path(), &clock);
    let backups = dir.path().join("backups");
    // None yet: the first unlock of the day makes one.
    assert!(s.auto_backup(BackupMoment::Daily).unwrap().is_some());
    assert_eq!(generations(&backups).len(), 1);
    // Later the same day: none.
    clock.advance(Duration::hours(limits::BACKUP_DAILY_HOURS - 1));
    assert!(s.auto_backup(BackupMoment::Daily).unwrap().is_none());
    assert_eq!(generations(&backups).len(), 1);
    // A day after the newest: one more.
    clock.advance(Duration::hours(2));
    assert!(s.auto_backup(BackupMoment::Daily).unwrap().is_some());
    assert_eq!(generations(&backups).len(), 2);
}

#[test]
fn the_chosen_folder_keeps_the_documented_number_oldest_removed() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, _id, _path) = demo(dir.path(), &clock);
    let stick = dir.path().join("usb-stick");
    std::fs::create_dir(&stick).unwrap();
    let mut settings = s.settings().unwrap();
    settings.backup_dir = Some(stick.display().to_string());
    s.save_settings(settings).unwrap();
    let mut made = Vec::new();
    for _ in 0..limits::GENERATIONS_KEPT + 3 {
        clock.advance(Duration::minutes(1));
        made.push(s.auto_backup(BackupMoment::Lock).unwrap().unwrap());
    }
    let kept = generations(&stick);
    assert_eq!(kept.len(), limits::GENERATIONS_KEPT);
    assert_eq!(kept, made[3..].to_vec());
    assert!(!made[0].exists() && !made[2].exists());
    assert!(!dir.path().join("backups").exists());
    let view = s.backups().unwrap();
    assert_eq!(view.generations.len(), limits::GENERATIONS_KEPT);
    assert!(!view.default_folder);
    // Newest first, with a size.
    assert!(view.generations[0].made_at > view.generations[1].made_at);
    assert!(view.generations.iter().all(|g| g.size > 0));
}

#[test]
fn a_folder_that_is_not_there_or_not_writable_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, _id, _path) = demo(dir.path(), &clock);
    let mut settings = s.settings().unwrap();
    settings.backup_dir = Some(dir.path().join("nowhere").display().to_string());
    let e = s.save_settings(settings.clone()).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert_eq!(e.user_message(), ntk_core::words::BACKUP_DIR_UNUSABLE);
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    settings.backup_dir = Some(file.display().to_string());
    assert!(s.save_settings(settings.clone()).is_err());
    assert_eq!(s.settings().unwrap().backup_dir, None);
    // Empty means the default folder.
    settings.backup_dir = Some("  ".into());
    s.save_settings(settings).unwrap();
    assert_eq!(s.settings().unwrap().backup_dir, None);
    assert!(s.backups().unwrap().default_folder);
}

#[test]
fn a_failed_automatic_backup_never_blocks_completing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, id, _path) = demo(dir.path(), &clock);
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let mut settings = s.settings().unwrap();
    settings.backup_dir = Some(stick.display().to_string());
    s.save_settings(settings).unwrap();
    // The stick is pulled out and something else sits at its path.
    std::fs::remove_dir(&stick).unwrap();
    std::fs::write(&stick, b"not a folder").unwrap();
    let latest = s.latest_assessment(&id).unwrap();
    s.amend(&latest, "A date was wrong").unwrap();
    let view = s.complete(&latest).unwrap();
    assert_eq!(
        view.assessment.status,
        ntk_core::assessment::Status::Completed
    );
    assert_eq!(s.backup_notice(), Some(ntk_core::words::BACKUP_FAILED));
    assert_eq!(
        s.backups().unwrap().notice,
        Some(ntk_core::words::BACKUP_FAILED)
    );
    assert_eq!(s.lock(), Some(ntk_core::words::BACKUP_FAILED));
}

#[test]
fn restore_from_the_app_verifies_then_keeps_the_current_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let clock = MovableClock::new();
    let (mut s, id, path) = demo(dir.path(), &clock);
    let good = s.auto_backup(BackupMoment::Lock).unwrap().unwrap();
    let mut h = s.household(&id).unwrap();
    h.name = "Renamed after the backup".into();
    s.save_household(h).unwrap();

    // A damaged copy of the backup: one byte of a sealed household changed.
    let bad = dir.path().join("bad.ntk");
    std::fs::copy(&good, &bad).unwrap();
    let c = rusqlite::Connection::open(&bad).unwrap();
    c.execute(
        "UPDATE households SET body = CAST(substr(body, 1, 20) || x'00' || substr(body, 22) AS BLOB)",
        [],
    )
    .unwrap();
    drop(c);
    let not_a_vault = dir.path().join("notes.ntk");
    std::fs::write(&not_a_vault, b"these are not the droids").unwrap();

    let before = std::fs::read(&path).unwrap();
    for (file, pass, code) in [
        (&bad, PASS, "backup_refused"),
        (&not_a_vault, PASS, "backup_refused"),
        (&good, "not the passphrase at all", "wrong_passphrase"),
    ] {
        let e = s.restore_backup(file, pass).unwrap_err();
        assert_eq!(e.code(), code, "{}", file.display());
        // Nothing changed: the session still works on the live vault, with the later name.
        assert_eq!(s.household(&id).unwrap().name, "Renamed after the backup");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let aside = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("before-restore-"))
            .collect()
    };
    assert!(aside(&dir.path().join("backups")).is_empty());

    let done = s.restore_backup(&good, PASS).unwrap();
    assert_ne!(s.household(&id).unwrap().name, "Renamed after the backup");
    assert!(s.verify().unwrap().is_ok());
    let kept = PathBuf::from(done.kept_at.unwrap());
    assert!(kept.exists());
    assert_eq!(aside(&dir.path().join("backups")).len(), 1);
    // The file kept aside is the vault as it was, with the later name, and is not a generation.
    let k = Session::unlock(&kept, PASS, env(&clock, 8)).unwrap();
    assert_eq!(k.household(&id).unwrap().name, "Renamed after the backup");
    assert!(!generations(&dir.path().join("backups")).contains(&kept));
}
