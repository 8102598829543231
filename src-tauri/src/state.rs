//! What the shell keeps between commands: the session (locked is `None`), when the user was last
//! active, where the vault lives and whether this is the demo.
//!
//! Every command reaches the session through [`AppState::with_session`], which also counts the
//! call as user activity, so the idle timer of the auto-lock only runs while nothing happens.

use ntk_core::app::{AppError, ErrorReport, Session};
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
}

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
        }
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

    /// Drop the session (its keys are zeroized on drop). Returns whether it was unlocked.
    pub fn lock_session(&self) -> bool {
        let taken = lock(&self.session).take();
        taken.is_some()
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
}
