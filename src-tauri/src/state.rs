//! What the shell keeps between commands: the vault (locked is `None`), when the user was last
//! active, where the vault lives and whether this is the demo.
//!
//! Every command reaches the vault through [`AppState::with_vault`], which also counts the call
//! as user activity, so the idle timer of the auto-lock only runs while nothing happens.

use crate::error::ErrorDto;
use ntk_core::app::AppError;
use ntk_core::vault::Vault;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The auto-lock setting used until the vault's settings have been read.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// The state shared by every command.
pub struct AppState {
    /// The unlocked vault, or `None` while locked. Dropping the vault zeroizes its keys.
    pub vault: Mutex<Option<Vault>>,
    /// When the user last did something.
    pub last_activity: Mutex<Instant>,
    /// The settings' auto-lock minutes, cached so the idle check never decrypts anything.
    pub auto_lock_minutes: Mutex<u32>,
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

impl AppState {
    /// A locked state for the vault at `path`.
    pub fn new(path: PathBuf, demo: bool, idle_override: Option<Duration>) -> Self {
        AppState {
            vault: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            auto_lock_minutes: Mutex::new(DEFAULT_AUTO_LOCK_MINUTES),
            path,
            demo,
            idle_override,
        }
    }

    /// Record user activity now.
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    /// How long the backend waits without activity before it locks: the setting plus one
    /// minute (the interface locks first, after saving; this is the backstop), or the test
    /// override.
    pub fn idle_limit(&self) -> Duration {
        self.idle_override.unwrap_or_else(|| {
            Duration::from_secs(u64::from(*lock(&self.auto_lock_minutes)) * 60 + 60)
        })
    }

    /// Whether the user has been idle for longer than [`AppState::idle_limit`].
    pub fn idle_expired(&self) -> bool {
        lock(&self.last_activity).elapsed() >= self.idle_limit()
    }

    /// Put an unlocked vault in place and remember its auto-lock setting.
    pub fn set_unlocked(&self, vault: Vault) {
        if let Ok(s) = vault.settings() {
            *lock(&self.auto_lock_minutes) = s.auto_lock_minutes.max(1);
        }
        *lock(&self.vault) = Some(vault);
        self.touch();
    }

    /// Remember a new auto-lock setting.
    pub fn set_auto_lock_minutes(&self, minutes: u32) {
        *lock(&self.auto_lock_minutes) = minutes.max(1);
    }

    /// Drop the vault (its keys are zeroized on drop). Returns whether it was unlocked.
    pub fn lock_vault(&self) -> bool {
        let taken = lock(&self.vault).take();
        taken.is_some()
    }

    /// Whether the vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        lock(&self.vault).is_some()
    }

    /// Run one core call on the unlocked vault, counting it as activity; `locked` if it is not.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, AppError>,
    ) -> Result<T, ErrorDto> {
        self.touch();
        let mut guard = lock(&self.vault);
        let vault = guard.as_mut().ok_or_else(ErrorDto::locked)?;
        f(vault).map_err(ErrorDto::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_limit_is_the_setting_plus_a_minute_unless_overridden() {
        let s = AppState::new(PathBuf::from("x"), false, None);
        *lock(&s.auto_lock_minutes) = 2;
        assert_eq!(s.idle_limit(), Duration::from_secs(180));
        let t = AppState::new(PathBuf::from("x"), false, Some(Duration::from_secs(3)));
        assert_eq!(t.idle_limit(), Duration::from_secs(3));
    }

    #[test]
    fn a_locked_state_refuses_vault_calls_with_the_locked_code() {
        let s = AppState::new(PathBuf::from("x"), false, None);
        let err = s.with_vault(|_| Ok(())).unwrap_err();
        assert_eq!(err.code, "locked");
        assert!(!s.is_unlocked());
        assert!(!s.lock_vault());
    }

    #[test]
    fn idle_expires_only_after_the_limit() {
        let s = AppState::new(PathBuf::from("x"), false, Some(Duration::from_millis(50)));
        s.touch();
        assert!(!s.idle_expired());
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.idle_expired());
        s.touch();
        assert!(!s.idle_expired());
    }
}
