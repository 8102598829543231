//! Process and file hardening shared by the app and `ntk`: core dumps off at start (a dump of an
//! unlocked session would hold the data key and decrypted records), and private permissions on
//! what the vault writes (owner-only files, owner-only data folder). On platforms without Unix
//! permissions these do nothing.

use std::path::Path;

/// Turn core dumps off for this process (RLIMIT_CORE = 0 on Unix). Call first thing at start.
pub fn disable_core_dumps() {
    #[cfg(unix)]
    {
        let none = rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        // Best effort: a platform that refuses leaves the limit as it was.
        let _ = rustix::process::setrlimit(rustix::process::Resource::Core, none);
    }
}

/// Make a file readable and writable by its owner only (0600). Missing files are skipped.
pub fn private_file(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Make a folder usable by its owner only (0700).
pub fn private_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn core_dumps_are_off_after_the_call() {
        disable_core_dumps();
        let l = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!(l.current, Some(0));
    }

    #[test]
    fn files_and_folders_become_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"x").unwrap();
        private_file(&f).unwrap();
        private_dir(dir.path()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&f), 0o600);
        assert_eq!(mode(dir.path()), 0o700);
        private_file(&dir.path().join("absent")).unwrap();
    }
}
