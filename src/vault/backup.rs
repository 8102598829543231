//! Backups and restore. A backup is SQLite's online backup of the vault file, which is already
//! encrypted, so a backup needs no key of its own and leaks nothing. Files are written to a
//! temporary name, flushed and renamed, so a backup is either complete or absent; a restore
//! opens and verifies every record of the backup before it replaces anything.

use super::open::{remove_with_sidecars, sidecar, sync_dir};
use super::{db_err, io_err, Vault, VaultEnv, VaultError};
use std::path::{Path, PathBuf};

/// How many generations [`Vault::backup_generation`] keeps.
pub const GENERATIONS_KEPT: usize = 5;

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
        let dir = self.backups_dir();
        let stamp = self
            .env
            .clock
            .now()
            .format("%Y%m%dT%H%M%S%.3fZ")
            .to_string();
        std::fs::create_dir_all(&dir)
            .and_then(|_| crate::hardening::private_dir(&dir))
            .map_err(io_err(format!("cannot create {}", dir.display())))?;
        let mut out = dir.join(format!("vault-{stamp}.ntk"));
        let mut n = 1;
        while out.exists() {
            out = dir.join(format!("vault-{stamp}-{n}.ntk"));
            n += 1;
        }
        self.backup_to(&out)?;
        let mut gens: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(io_err(format!("cannot list {}", dir.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("vault-") && n.ends_with(".ntk"))
            })
            .collect();
        gens.sort();
        while gens.len() > GENERATIONS_KEPT {
            let old = gens.remove(0);
            std::fs::remove_file(&old).map_err(io_err(format!(
                "cannot remove the old backup {}",
                old.display()
            )))?;
        }
        Ok(out)
    }

    /// Restore `backup` to `target`. The backup is copied aside, unlocked with `passphrase`
    /// and verified (every record opens, the audit chain holds) before anything is replaced.
    /// A vault already at `target` is kept in its `backups` folder as `before-restore-*.ntk`.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: impl crate::secret::IntoSecret,
        env: VaultEnv,
    ) -> Result<(), VaultError> {
        let passphrase = passphrase.into_secret();
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
        // The same lock as an open vault: nothing is replaced under a running app or `ntk`.
        let _lock = super::lock::acquire(target)?;
        let stamp = env.clock.now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
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
            let v = Vault::unlock(&tmp, &passphrase, env);
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
        if let Err(e) = checked {
            remove_with_sidecars(&tmp);
            return Err(e);
        }
        if target.exists() {
            let keep_dir = target
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join("backups");
            std::fs::create_dir_all(&keep_dir)
                .and_then(|_| crate::hardening::private_dir(&keep_dir))
                .map_err(io_err(format!("cannot create {}", keep_dir.display())))?;
            let kept = keep_dir.join(format!("before-restore-{stamp}.ntk"));
            for suffix in ["", "-wal", "-shm"] {
                let from = sidecar(target, suffix);
                if from.exists() {
                    std::fs::rename(&from, sidecar(&kept, suffix)).map_err(io_err(format!(
                        "cannot move the current vault aside to {}",
                        kept.display()
                    )))?;
                }
            }
        }
        std::fs::rename(&tmp, target).map_err(io_err(format!(
            "cannot move the restored vault into place at {}",
            target.display()
        )))?;
        if let Some(dir) = target.parent() {
            sync_dir(dir);
        }
        Ok(())
    }
}
