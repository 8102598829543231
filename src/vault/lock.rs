//! One writer at a time: while a vault is open, the program holding it keeps an exclusive OS
//! advisory lock on `<vault>.lock` beside it, and writes into that file what kind of program it
//! is, so a second program is refused with a message naming the first ("in use by the Neglect
//! Toolkit app", "in use by ntk"). Restoring a backup takes the same lock on the target.
//!
//! Within one process the lock is shared: every handle this process opens on the same file
//! (a second read-only check of the passphrase, the tests' two handles) counts as the same
//! writer, and SQLite's own transactions keep them apart. The lock goes when the last handle
//! of the process is dropped, or when the process ends, however it ends.

use super::open::sidecar;
use super::{io_err, VaultError};
use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// The kind of program that holds a vault open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Program {
    /// The desktop app.
    App,
    /// The `ntk` command-line tool.
    Ntk,
}

impl Program {
    fn tag(self) -> &'static str {
        match self {
            Program::App => "app",
            Program::Ntk => "ntk",
        }
    }
}

/// What this process is, written into the lock file (0: not said).
static PROGRAM: AtomicU8 = AtomicU8::new(0);

/// Say which kind of program this process is (at start, before any vault is opened).
pub fn set_program(p: Program) {
    PROGRAM.store(
        match p {
            Program::App => 1,
            Program::Ntk => 2,
        },
        Ordering::SeqCst,
    );
}

fn this_program() -> &'static str {
    match PROGRAM.load(Ordering::SeqCst) {
        1 => Program::App.tag(),
        2 => Program::Ntk.tag(),
        _ => "program",
    }
}

/// The words for the program that holds a lock, from what it wrote in the lock file.
fn holder_words(content: &str) -> &'static str {
    match content.split_whitespace().next() {
        Some("app") => "the Neglect Toolkit app",
        Some("ntk") => "ntk (the command-line tool)",
        _ => "another program",
    }
}

struct Held {
    // Keeping the file open keeps the lock; closing it (on drop) releases it.
    _file: File,
}

/// An exclusive hold on a vault file for this process. Cheap to clone; released when the last
/// clone is dropped.
#[derive(Clone)]
pub(crate) struct VaultLock(#[allow(dead_code)] Arc<Held>);

fn held() -> &'static Mutex<HashMap<PathBuf, Weak<Held>>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, Weak<Held>>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

/// How long a held lock is waited for before the vault is reported in use.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(1000);
/// How often it is tried meanwhile.
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(25);

/// The lock file of a vault: `<vault>.lock`.
pub fn lock_path(vault: &Path) -> PathBuf {
    sidecar(vault, ".lock")
}

/// The same name for the same file however it was written (relative, `..`), so a process
/// shares its own lock.
fn key_for(lock: &Path) -> PathBuf {
    let dir = lock
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    match (dir.canonicalize(), lock.file_name()) {
        (Ok(d), Some(n)) => d.join(n),
        _ => lock.to_path_buf(),
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Take the exclusive lock of the vault at `vault` for this process, or say who holds it.
pub(crate) fn acquire(vault: &Path) -> Result<VaultLock, VaultError> {
    let path = lock_path(vault);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(VaultError::NoVault {
                path: vault.display().to_string(),
            });
        }
    }
    let key = key_for(&path);
    let mut map = held().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(h) = map.get(&key).and_then(Weak::upgrade) {
        return Ok(VaultLock(h));
    }
    let mut file = open_lock_file(&path).map_err(io_err(format!(
        "cannot open the lock file {}",
        path.display()
    )))?;
    // A lock being let go (a program closing, or a copy of the file handle that a starting
    // child process holds for an instant) is waited for briefly before refusing.
    let mut waited = std::time::Duration::ZERO;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if waited < LOCK_PATIENCE => {
                std::thread::sleep(LOCK_RETRY);
                waited += LOCK_RETRY;
            }
            Err(TryLockError::WouldBlock) => {
                let mut content = String::new();
                let _ = file.read_to_string(&mut content);
                return Err(VaultError::InUse {
                    by: holder_words(&content),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(io_err(format!("cannot lock {}", path.display()))(e));
            }
        }
    }
    // Say who holds it; a failure here only makes the refusal less specific.
    let _ = file
        .set_len(0)
        .and_then(|_| file.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(file, "{} {}", this_program(), std::process::id()))
        .and_then(|_| file.flush());
    let h = Arc::new(Held { _file: file });
    map.retain(|_, w| w.strong_count() > 0);
    map.insert(key, Arc::downgrade(&h));
    Ok(VaultLock(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_named_from_the_lock_file() {
        assert_eq!(holder_words("app 42\n"), "the Neglect Toolkit app");
        assert_eq!(holder_words("ntk 7\n"), "ntk (the command-line tool)");
        assert_eq!(holder_words(""), "another program");
    }

    #[test]
    fn one_process_shares_its_lock_and_releases_it_with_the_last_handle() {
        let dir = tempfile::tempdir().unwrap();
        let v = dir.path().join("v.ntk");
        let a = acquire(&v).unwrap();
        let b = acquire(&dir.path().join(".").join("v.ntk")).unwrap();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        // Another open file description (as another process has) is refused while held.
        let other = open_lock_file(&lock_path(&v)).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(a);
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(b);
        other.try_lock().unwrap();
    }
}
