//! What the shell keeps between commands: the session (locked is `None`), when the user was last
//! active, where the vault lives and whether this is the demo.
//!
//! Every command reaches the session through [`AppState::with_session`], which also counts the
//! call as user activity, so the idle timer of the auto-lock only runs while nothing happens.
//!
//! The Family view is a mode of the backend, not of the page: while it is on
//! ([`AppState::family_view`]), [`AppState::gate`] refuses every command but
//! [`FAMILY_VIEW_COMMANDS`], whatever the page asks, so no page state, reload or devtools call can
//! reach other data. The shell's invoke handler (`lib.rs`) asks the gate before any command runs.
//! The mode outlives a lock: after unlocking, the app is still in the Family view. Only
//! `leave_family_view`, with the passphrase, ends it.

use ntk_core::app::{AppError, ErrorReport, Session};
use ntk_core::assessment::Id;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

/// The state shared by every command.
pub struct AppState {
    /// The unlocked session, or `None` while locked. Dropping it zeroizes the keys.
    pub session: Mutex<Option<Session>>,
    /// When the user last did something.
    pub last_activity: Mutex<Instant>,
    /// The vault file.
    pub path: PathBuf,
    /// Whether the app runs on the demo vault.
    pub demo: bool,
    /// Test-only: lock after this many idle seconds instead of the setting plus a minute
    /// (from `NTK_AUTOLOCK_SECONDS`).
    pub idle_override: Option<Duration>,
    /// The assessment shown in the Family view, or `None` when the Family view is off. Kept
    /// through a lock.
    family: Mutex<Option<Id>>,
    /// The notice of an automatic backup that failed when the vault last locked, shown by the
    /// next `get_backups`.
    backup_notice: Mutex<Option<&'static str>>,
}

/// The only commands the window may call while the Family view is on: what its page needs to
/// draw itself, keep the idle timer, lock and unlock, and leave with the passphrase.
pub const FAMILY_VIEW_COMMANDS: &[&str] = &[
    "app_status",
    "get_limits",
    "get_family_view",
    "activity",
    "lock",
    "unlock",
    "leave_family_view",
];

/// Lock a mutex, carrying on with its data if another thread panicked while holding it: every
/// change to the vault is already committed, so the data is still consistent.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long the backend waits without activity before it locks: the setting plus one minute (the
/// interface locks first, after saving; this is the backstop).
pub fn backstop(auto_lock_minutes: u32) -> Duration {
    Duration::from_secs(u64::from(auto_lock_minutes) * 60 + 60)
}

impl AppState {
    /// A locked state for the vault at `path`.
    pub fn new(path: PathBuf, demo: bool, idle_override: Option<Duration>) -> Self {
        AppState {
            session: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            path,
            demo,
            idle_override,
            family: Mutex::new(None),
            backup_notice: Mutex::new(None),
        }
    }

    /// The assessment shown in the Family view, if it is on.
    pub fn family_view(&self) -> Option<Id> {
        lock(&self.family).clone()
    }

    /// Refuse `command` with the `family_view` code if the Family view is on and the command is
    /// not one of [`FAMILY_VIEW_COMMANDS`]. The one gate every command passes.
    pub fn gate(&self, command: &str) -> Result<(), ErrorReport> {
        if lock(&self.family).is_some() && !FAMILY_VIEW_COMMANDS.contains(&command) {
            return Err(AppError::InFamilyView.into());
        }
        Ok(())
    }

    /// Turn the Family view on for assessment `id`, if `f` (the core call that computes what the
    /// family may see) succeeds on the unlocked session. The mode is set while the session is
    /// held, so no other command runs between the two.
    pub fn enter_family_view<T>(
        &self,
        id: &Id,
        f: impl FnOnce(&mut Session, &Id) -> Result<T, AppError>,
    ) -> Result<T, ErrorReport> {
        self.touch();
        let mut guard = lock(&self.session);
        let session = guard.as_mut().ok_or(AppError::Locked)?;
        let shown = f(session, id)?;
        *lock(&self.family) = Some(id.clone());
        Ok(shown)
    }

    /// Run `f` on the unlocked session with the assessment shown in the Family view; `invalid`
    /// if the Family view is off.
    pub fn with_family_view<T>(
        &self,
        f: impl FnOnce(&mut Session, &Id) -> Result<T, AppError>,
    ) -> Result<T, ErrorReport> {
        let id = self.family_view().ok_or(AppError::NotInFamilyView)?;
        self.with_session(|s| f(s, &id))
    }

    /// Turn the Family view off if `check` (the passphrase check) succeeds on the unlocked
    /// session; otherwise the Family view stays on and the check's error is returned.
    pub fn leave_family_view(
        &self,
        check: impl FnOnce(&mut Session) -> Result<(), AppError>,
    ) -> Result<(), ErrorReport> {
        self.with_session(check)?;
        *lock(&self.family) = None;
        Ok(())
    }

    /// Record user activity now.
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    /// Whether the session is open and the user has been idle for longer than its auto-lock time
    /// plus a minute (or the test override). A session busy with a command is not idle.
    pub fn idle_expired(&self) -> bool {
        let guard = match self.session.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::WouldBlock) => return false,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
        };
        let Some(minutes) = guard.as_ref().map(Session::auto_lock_minutes) else {
            return false;
        };
        drop(guard);
        let limit = self.idle_override.unwrap_or_else(|| backstop(minutes));
        lock(&self.last_activity).elapsed() >= limit
    }

    /// Put an unlocked session in place.
    pub fn set_unlocked(&self, session: Session) {
        *lock(&self.session) = Some(session);
        self.touch();
    }

    /// Lock: the session makes its lock backup generation and is dropped (its keys are
    /// zeroized on drop). A failed backup leaves a notice for the next `get_backups`. Returns
    /// whether it was unlocked.
    pub fn lock_session(&self) -> bool {
        let taken = lock(&self.session).take();
        let was = taken.is_some();
        if let Some(notice) = taken.and_then(|s| s.lock()) {
            *lock(&self.backup_notice) = Some(notice);
        }
        was
    }

    /// The notice of a backup that failed at the last lock, once.
    pub fn take_backup_notice(&self) -> Option<&'static str> {
        lock(&self.backup_notice).take()
    }

    /// Whether the vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        lock(&self.session).is_some()
    }

    /// Run one core call on the unlocked session, counting it as activity; `locked` if it is not.
    pub fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<T, AppError>,
    ) -> Result<T, ErrorReport> {
        self.touch();
        let mut guard = lock(&self.session);
        let session = guard.as_mut().ok_or(AppError::Locked)?;
        f(session).map_err(ErrorReport::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backstop_is_the_setting_plus_a_minute() {
        assert_eq!(backstop(2), Duration::from_secs(180));
    }

    #[test]
    fn a_locked_state_refuses_session_calls_with_the_locked_code() {
        let s = AppState::new(PathBuf::from("x"), false, None);
        let err = s.with_session(|_| Ok(())).unwrap_err();
        assert_eq!(err.code, "locked");
        assert!(!s.is_unlocked());
        assert!(!s.lock_session());
        assert!(!s.idle_expired(), "a locked state has nothing to lock");
    }

    #[test]
    fn an_open_session_expires_only_after_the_limit_and_activity_restarts_it() {
        use ntk_core::vault::{KdfProfile, VaultEnv};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.ntk");
        let (session, _key) = Session::create(
            &path,
            "a long enough passphrase",
            KdfProfile::TestOnlyCheap,
            VaultEnv::system(),
        )
        .unwrap();
        let s = AppState::new(path, false, Some(Duration::from_millis(50)));
        s.set_unlocked(session);
        assert!(!s.idle_expired());
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.idle_expired());
        s.touch();
        assert!(!s.idle_expired());
        {
            let _busy = lock(&s.session);
            std::thread::sleep(Duration::from_millis(80));
            assert!(
                !s.idle_expired(),
                "a session busy with a command is not idle"
            );
        }
        assert!(s.lock_session());
        assert!(!s.is_unlocked());
    }

    #[test]
    fn the_family_view_gate_refuses_everything_else_until_the_passphrase_is_given() {
        use ntk_core::vault::{KdfProfile, VaultEnv};
        const PASSPHRASE: &str = "a long enough passphrase";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.ntk");
        let (mut session, _key) = Session::create(
            &path,
            PASSPHRASE,
            KdfProfile::TestOnlyCheap,
            VaultEnv::system(),
        )
        .unwrap();
        let household = session.load_demo().unwrap();
        let assessment = session.assessments(&household).unwrap()[0].id.clone();
        let s = AppState::new(path.clone(), false, None);
        s.set_unlocked(session);

        // Off: every command passes the gate; there is no family view to get.
        for command in ["get_assessment", "list_households", "export_pdf", "lock"] {
            assert!(
                s.gate(command).is_ok(),
                "{command} refused with the mode off"
            );
        }
        assert_eq!(s.family_view(), None);
        let err = s.with_family_view(|_, _| Ok(())).unwrap_err();
        assert_eq!(err.code, "invalid");

        // On: only the Family view's own commands pass.
        let shown = s
            .enter_family_view(&assessment, |s, id| s.family_view(id))
            .unwrap();
        assert_eq!(shown.household_name, "Example family (fictional)");
        assert_eq!(s.family_view(), Some(assessment.clone()));
        for command in [
            "get_assessment",
            "list_households",
            "get_household",
            "get_settings",
            "save_settings",
            "save_rating",
            "update_assessment",
            "export_pdf",
            "enter_family_view",
            "create_vault",
            "recover",
            "change_passphrase",
            "new_recovery_key",
            "no_such_command",
        ] {
            let err = s.gate(command).unwrap_err();
            assert_eq!(err.code, "family_view", "{command} was let through");
            assert!(err.message.contains("passphrase"), "{}", err.message);
        }
        for command in FAMILY_VIEW_COMMANDS {
            assert!(s.gate(command).is_ok(), "{command} refused in the mode");
        }
        let again = s.with_family_view(|s, id| s.family_view(id)).unwrap();
        assert_eq!(again, shown);

        // Locking keeps the mode; unlocking returns to it.
        assert!(s.lock_session());
        assert_eq!(s.family_view(), Some(assessment.clone()));
        assert!(s.gate("get_assessment").is_err());
        assert_eq!(
            s.with_family_view(|s, id| s.family_view(id))
                .unwrap_err()
                .code,
            "locked"
        );
        s.set_unlocked(Session::unlock(&path, PASSPHRASE, VaultEnv::system()).unwrap());
        assert_eq!(s.family_view(), Some(assessment.clone()));

        // A wrong passphrase leaves the mode on; the right one ends it.
        let err = s
            .leave_family_view(|s| s.verify_passphrase("not the passphrase"))
            .unwrap_err();
        assert_eq!(err.code, "wrong_passphrase");
        assert_eq!(s.family_view(), Some(assessment));
        assert!(s.gate("get_assessment").is_err());
        s.leave_family_view(|s| s.verify_passphrase(PASSPHRASE))
            .unwrap();
        assert_eq!(s.family_view(), None);
        assert!(s.gate("get_assessment").is_ok());
        assert!(
            s.is_unlocked(),
            "leaving the family view keeps the vault open"
        );
    }

    #[test]
    fn the_refusal_crosses_as_code_and_message() {
        let json = serde_json::to_value(ErrorReport::from(AppError::InFamilyView)).unwrap();
        assert_eq!(json["code"], "family_view");
        assert!(json["message"]
            .as_str()
            .unwrap()
            .starts_with("The screen is in the family view"));
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
