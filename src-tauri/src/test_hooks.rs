//! Environment variables that only the end-to-end tests use: a folder exports are written to
//! instead of a save dialog, a file to import instead of an open dialog, and a short idle time
//! before the app locks itself. They are read only when the app is built with the `test-hooks`
//! feature (`cargo test -p ntk-app` turns it on through the crate's dev-dependency on itself);
//! release builds never enable it, so their names are not even in the release binary
//! (`scripts/check-release-hooks.sh` looks for them).

use std::path::PathBuf;

/// The folder exports are written to instead of asking (the e2e tests' `NTK_EXPORT_DIR`).
pub fn export_dir() -> Option<PathBuf> {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var_os("NTK_EXPORT_DIR").map(PathBuf::from)
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        None
    }
}

/// The file to import instead of asking (the e2e tests' `NTK_IMPORT_FILE`).
pub fn import_file() -> Option<PathBuf> {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var_os("NTK_IMPORT_FILE").map(PathBuf::from)
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        None
    }
}

/// The idle time in seconds before the app locks itself, as given (the e2e tests'
/// `NTK_AUTOLOCK_SECONDS`; [`crate::idle_override`] reads it).
pub fn autolock_seconds() -> Option<String> {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var("NTK_AUTOLOCK_SECONDS").ok()
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    /// The crate's own tests are built with the hooks (its dev-dependency on itself), so the
    /// end-to-end test, which needs them, never runs an app that ignores them.
    #[test]
    fn tests_are_built_with_the_hooks_on() {
        // The only test that touches these variables.
        std::env::set_var("NTK_AUTOLOCK_SECONDS", "5");
        std::env::set_var("NTK_EXPORT_DIR", "/tmp/ntk-exports");
        assert_eq!(super::autolock_seconds().as_deref(), Some("5"));
        assert_eq!(
            super::export_dir(),
            Some(std::path::PathBuf::from("/tmp/ntk-exports"))
        );
        assert_eq!(
            crate::idle_override(super::autolock_seconds()).map(|d| d.as_secs()),
            Some(5)
        );
    }
}
