//! Backups and restore. A backup is SQLite's online backup of the vault file, which is already
//! encrypted, so a backup needs no key of its own and leaks nothing. Files are written to a
//! temporary name, flushed and renamed, so a backup is either complete or absent; a restore
//! opens and verifies every record of the backup before it replaces anything.

use super::open::{remove_with_sidecars, sidecar, sync_dir};
use super::{db_err, io_err, Vault, VaultEnv, VaultError};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many generations [`Vault::backup_generation`] keeps (the number lives in
/// [`crate::limits`]).
pub use crate::limits::GENERATIONS_KEPT;

/// The time format in a generation's file name (`vault-<stamp>.ntk`).
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// One backup generation in a backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupGeneration {
    /// The file.
    pub path: PathBuf,
    /// Its name.
    pub file_name: String,
    /// When it was made (read from its name).
    pub made_at: DateTime<Utc>,
    /// Its size in bytes.
    pub size: u64,
}

/// When the generation named `name` was made, or `None` if the name is not a generation's.
fn generation_time(name: &str) -> Option<DateTime<Utc>> {
    let stem = name.strip_prefix("vault-")?.strip_suffix(".ntk")?;
    // A second generation in the same millisecond carries `-<n>` after the stamp.
    let stamp = stem.split('-').next()?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// The backup generations in `dir`, oldest first (none if the folder does not exist).
pub fn generations_in(dir: &Path) -> Result<Vec<BackupGeneration>, VaultError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(format!("cannot list {}", dir.display()))(e)),
    };
    let mut gens: Vec<BackupGeneration> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file_name = e.file_name().to_str()?.to_string();
            let made_at = generation_time(&file_name)?;
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some(BackupGeneration {
                path: e.path(),
                file_name,
                made_at,
                size: meta.len(),
            })
        })
        .collect();
    gens.sort_by(|a, b| (a.made_at, &a.file_name).cmp(&(b.made_at, &b.file_name)));
    Ok(gens)
}

/// Check that `dir` can hold backups: it exists, is a folder and a file can be written in it.
pub fn check_backup_dir(dir: &Path) -> Result<(), std::io::Error> {
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "not an existing folder",
        ));
    }
    let probe = dir.join(".ntk-write-check");
    std::fs::write(&probe, b"ok")?;
    std::fs::remove_file(&probe)
}

fn partial_name(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    out.with_file_name(format!(".{name}.partial"))
}

fn flush(path: &Path) -> Result<(), VaultError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io_err(format!("cannot flush {} to disk", path.display())))
}

impl Vault {
    /// Write a consistent copy of the vault to `out` (replacing it), atomically.
    pub fn backup_to(&self, out: &Path) -> Result<(), VaultError> {
        if out == self.path {
            return Err(VaultError::AlreadyExists {
                path: out.display().to_string(),
            });
        }
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_err(format!(
                "cannot create the folder {}",
                dir.display()
            )))?;
        }
        let tmp = partial_name(out);
        remove_with_sidecars(&tmp);
        let result = (|| {
            self.conn
                .backup(rusqlite::MAIN_DB, &tmp, None)
                .map_err(db_err("writing the backup"))?;
            flush(&tmp)?;
            crate::hardening::private_file(&tmp)
                .map_err(io_err(format!("cannot make {} private", tmp.display())))?;
            std::fs::rename(&tmp, out).map_err(io_err(format!(
                "cannot move the backup into place at {}",
                out.display()
            )))?;
            if let Some(dir) = out.parent() {
                sync_dir(dir);
            }
            Ok(())
        })();
        if result.is_err() {
            remove_with_sidecars(&tmp);
        }
        result
    }

    /// The folder of backup generations: `backups` beside the vault file.
    pub fn backups_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("backups")
    }

    /// Write a new backup generation into [`Vault::backups_dir`] and keep only the newest
    /// [`GENERATIONS_KEPT`]. Returns the new backup's path.
    pub fn backup_generation(&self) -> Result<PathBuf, VaultError> {
        self.backup_generation_in(&self.backups_dir())
    }

    /// Write a new backup generation into `dir` and keep only the newest
    /// [`GENERATIONS_KEPT`] there (older ones are removed). Returns the new backup's path.
    pub fn backup_generation_in(&self, dir: &Path) -> Result<PathBuf, VaultError> {
        let stamp = self.env.clock.now().format(STAMP).to_string();
        std::fs::create_dir_all(dir)
            .and_then(|_| crate::hardening::private_dir(dir))
            .map_err(io_err(format!("cannot create {}", dir.display())))?;
        let mut out = dir.join(format!("vault-{stamp}.ntk"));
        let mut n = 1;
        while out.exists() {
            out = dir.join(format!("vault-{stamp}-{n}.ntk"));
            n += 1;
        }
        self.backup_to(&out)?;
        let mut gens = generations_in(dir)?;
        while gens.len() > GENERATIONS_KEPT {
            let old = gens.remove(0);
            std::fs::remove_file(&old.path).map_err(io_err(format!(
                "cannot remove the old backup {}",
                old.path.display()
            )))?;
        }
        Ok(out)
    }

    /// Restore `backup` to `target`. The backup is copied aside, unlocked with `passphrase`
    /// and verified (every record opens, the audit chain holds) before anything is replaced.
    /// A vault already at `target` is kept in its `backups` folder as `before-restore-*.ntk`
    /// (never removed by the app); its path is returned.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: impl crate::secret::IntoSecret,
        env: VaultEnv,
    ) -> Result<Option<PathBuf>, VaultError> {
        let passphrase = passphrase.into_secret();
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_err(format!(
                "cannot create the folder {}",
                dir.display()
            )))?;
        }
        // The same lock as an open vault: nothing is replaced under a running app or `ntk`.
        let _lock = super::lock::acquire(target)?;
        let stamp = env.clock.now().format(STAMP).to_string();
        let checked = check_restore(backup, target, &passphrase, env)?;
        swap_in(&checked, target, &stamp)
    }

    /// Restore `backup` over this open vault: the backup is checked on a copy first (a wrong
    /// passphrase, a damaged or altered file is refused and nothing changes), then this vault
    /// is closed, its file kept aside as `backups/before-restore-*.ntk`, the backup put in its
    /// place and opened with `passphrase`. Returns the path of the file kept aside. This
    /// process already holds the vault's lock, so the reopened vault shares it.
    pub fn restore_in_place(
        &mut self,
        backup: &Path,
        passphrase: impl crate::secret::IntoSecret,
    ) -> Result<Option<PathBuf>, VaultError> {
        let passphrase = passphrase.into_secret();
        let target = self.path.clone();
        if backup == target {
            return Err(VaultError::AlreadyExists {
                path: backup.display().to_string(),
            });
        }
        let stamp = self.env.clock.now().format(STAMP).to_string();
        let checked = check_restore(backup, &target, &passphrase, VaultEnv::system())?;
        // Close this vault's file (the connection is swapped for an empty one in memory).
        let closed = rusqlite::Connection::open_in_memory()
            .map_err(db_err("closing the vault for a restore"));
        let closed = match closed {
            Ok(c) => c,
            Err(e) => {
                remove_with_sidecars(&checked);
                return Err(e);
            }
        };
        let live = std::mem::replace(&mut self.conn, closed);
        if let Err((conn, e)) = live.close() {
            self.conn = conn;
            remove_with_sidecars(&checked);
            return Err(db_err("closing the vault for a restore")(e));
        }
        let swapped = swap_in(&checked, &target, &stamp);
        let env = std::mem::replace(&mut self.env, VaultEnv::system());
        // Reopen whatever is at the target now: the backup, or (if the swap failed) the vault
        // as it was.
        let reopened = Vault::unlock(&target, &passphrase, env)?;
        *self = reopened;
        swapped
    }
}

/// Copy `backup` beside `target`, unlock the copy with `passphrase` and verify it. Returns the
/// checked copy; on any failure the copy is removed and nothing else is touched.
fn check_restore(
    backup: &Path,
    target: &Path,
    passphrase: &crate::secret::SecretString,
    env: VaultEnv,
) -> Result<PathBuf, VaultError> {
    if !backup.is_file() {
        return Err(VaultError::NoVault {
            path: backup.display().to_string(),
        });
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err(format!(
            "cannot create the folder {}",
            dir.display()
        )))?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "vault.ntk".into());
    let tmp = target.with_file_name(format!(".{name}.restoring"));
    remove_with_sidecars(&tmp);
    let checked = (|| {
        std::fs::copy(backup, &tmp).map_err(io_err(format!(
            "cannot copy the backup {}",
            backup.display()
        )))?;
        let v = Vault::unlock(&tmp, passphrase, env);
        // The copy is opened only to check it: its lock file goes with it.
        let _ = std::fs::remove_file(super::lock::lock_path(&tmp));
        let v = v?;
        let report = v.verify()?;
        drop(v);
        if !report.is_ok() {
            return Err(VaultError::RestoreRefused {
                problems: report.problems.iter().map(|p| p.to_string()).collect(),
            });
        }
        flush(&tmp)
    })();
    match checked {
        Ok(()) => Ok(tmp),
        Err(e) => {
            remove_with_sidecars(&tmp);
            Err(match e {
                // A file that is not a vault, or whose records were altered, is a refused backup.
                VaultError::Corrupt { detail } => VaultError::RestoreRefused {
                    problems: vec![detail],
                },
                VaultError::Tampered { table, id } => VaultError::RestoreRefused {
                    problems: vec![format!("the {table} record {id} was changed")],
                },
                e => e,
            })
        }
    }
}

/// Keep the vault at `target` aside (in `backups/before-restore-<stamp>.ntk` beside it) and
/// move the checked copy into its place. Returns where the old vault was kept.
fn swap_in(checked: &Path, target: &Path, stamp: &str) -> Result<Option<PathBuf>, VaultError> {
    let mut kept = None;
    if target.exists() {
        let keep_dir = target
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("backups");
        let moved = (|| {
            std::fs::create_dir_all(&keep_dir)
                .and_then(|_| crate::hardening::private_dir(&keep_dir))
                .map_err(io_err(format!("cannot create {}", keep_dir.display())))?;
            let mut aside = keep_dir.join(format!("before-restore-{stamp}.ntk"));
            let mut n = 1;
            while aside.exists() {
                aside = keep_dir.join(format!("before-restore-{stamp}-{n}.ntk"));
                n += 1;
            }
            for suffix in ["", "-wal", "-shm"] {
                let from = sidecar(target, suffix);
                if from.exists() {
                    std::fs::rename(&from, sidecar(&aside, suffix)).map_err(io_err(format!(
                        "cannot move the current vault aside to {}",
                        aside.display()
                    )))?;
                }
            }
            Ok(aside)
        })();
        match moved {
            Ok(a) => kept = Some(a),
            Err(e) => {
                remove_with_sidecars(checked);
                return Err(e);
            }
        }
    }
    std::fs::rename(checked, target).map_err(io_err(format!(
        "cannot move the restored vault into place at {}",
        target.display()
    )))?;
    if let Some(dir) = target.parent() {
        sync_dir(dir);
    }
    Ok(kept)
}
