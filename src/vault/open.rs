//! Getting into a vault and changing how it is opened: creating a new file, unlocking it with
//! the passphrase or the recovery key, changing the passphrase, and the key header with its key
//! derivation profile. Everything before the first record is read, and the file handling
//! (temporary names, renames, folder syncs) that goes with it, lives here.

use super::crypto::{self, DataKey, KdfParams};
use super::header::{self, Header, RecoverySlot, Slot, SALT_LEN};
use super::ids::IdKey;
use super::lock::VaultLock;
use super::settings::Settings;
use super::writer::Writer;
use super::{db_err, io_err, schema, unlock_delay, RecoveryKey, Vault, VaultEnv, VaultError};
use super::{MIN_PASSPHRASE_CHARS, SCHEMA_VERSION};
use crate::secret::ExposeSecret;
use crate::Entropy;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// How expensive the passphrase key derivation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfProfile {
    /// The product: Argon2id, 192 MiB, 3 passes.
    Standard,
    /// FOR TESTS ONLY: Argon2id with 64 KiB and one pass, so tests run fast. It gives no real
    /// protection against guessing; the product never uses it.
    TestOnlyCheap,
}

impl KdfProfile {
    fn params(self) -> KdfParams {
        match self {
            KdfProfile::Standard => KdfParams::STANDARD,
            KdfProfile::TestOnlyCheap => KdfParams::TEST_ONLY_CHEAP,
        }
    }
}

/// Whether a vault file exists at `path`.
pub fn exists(path: &Path) -> bool {
    path.is_file()
}

/// The app's vault: `vault.ntk` in the desktop app's data folder.
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("app.neglecttoolkit.desktop")
        .join("vault.ntk")
}

/// Failed unlock attempts in this process (reset by a successful unlock).
static FAILED_ATTEMPTS: AtomicU32 = AtomicU32::new(0);

fn wait_before_attempt() {
    let d = unlock_delay(FAILED_ATTEMPTS.load(Ordering::SeqCst));
    if !d.is_zero() {
        std::thread::sleep(d);
    }
}

pub(super) fn check_new_passphrase(p: &str) -> Result<(), VaultError> {
    if p.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

fn open_connection(path: &Path, create: bool) -> Result<Connection, VaultError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(db_err("opening the file"))?;
    schema::configure(&conn).map_err(|e| match db_err("opening the file")(e) {
        VaultError::Database { source, .. } => VaultError::Corrupt {
            detail: source.to_string(),
        },
        other => other,
    })?;
    Ok(conn)
}

/// Refuse newer files and files that are not vaults; migrate older ones.
fn prepare_schema(conn: &mut Connection, path: &Path) -> Result<(), VaultError> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(db_err("reading the format version"))?;
    if version > SCHEMA_VERSION {
        return Err(VaultError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(VaultError::Corrupt {
            detail: format!("{} has no vault format version", path.display()),
        });
    }
    if version < SCHEMA_VERSION {
        // Keep a copy of the vault as it was before its format is upgraded.
        let dir = path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("backups");
        std::fs::create_dir_all(&dir)
            .map_err(io_err(format!("cannot create {}", dir.display())))?;
        conn.backup(
            rusqlite::MAIN_DB,
            dir.join(format!("before-upgrade-from-v{version}.ntk")),
            None,
        )
        .map_err(db_err("backing up before upgrading the vault format"))?;
        schema::migrations()
            .to_latest(conn)
            .map_err(|e| VaultError::Corrupt {
                detail: format!("upgrading the vault format failed: {e}"),
            })?;
    }
    Ok(())
}

fn read_header(conn: &Connection) -> Result<Header, VaultError> {
    let bytes: Vec<u8> = conn
        .query_row("SELECT body FROM header WHERE id = 1", [], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => VaultError::Corrupt {
                detail: "the key header is missing".into(),
            },
            e => db_err("reading the key header")(e),
        })?;
    Header::parse(&bytes).map_err(|e| match e {
        header::HeaderError::NewerVersion(v) => VaultError::NewerVersion {
            found: i64::from(v),
            supported: i64::from(header::HEADER_VERSION),
        },
        e => VaultError::Corrupt {
            detail: e.to_string(),
        },
    })
}

pub(super) fn new_passphrase_slot(
    passphrase: &str,
    kdf: KdfParams,
    key: &DataKey,
    rng: &mut dyn Entropy,
) -> Result<Slot, VaultError> {
    let mut salt = [0u8; SALT_LEN];
    rng.fill(&mut salt);
    let wk = crypto::derive_from_passphrase(passphrase, kdf, &salt).map_err(|e| {
        VaultError::Corrupt {
            detail: e.to_string(),
        }
    })?;
    let (nonce, ct) = crypto::wrap(&wk, key, rng, &Header::passphrase_aad(&kdf, &salt));
    let mut wrapped = [0u8; header::WRAPPED_LEN];
    wrapped.copy_from_slice(&ct);
    Ok(Slot {
        salt,
        nonce,
        wrapped,
    })
}

pub(super) fn sync_dir(dir: &Path) {
    // Making the rename durable; not every platform can open a directory, so failure is ignored.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

pub(super) fn remove_with_sidecars(path: &Path) {
    for p in [
        path.to_path_buf(),
        sidecar(path, "-wal"),
        sidecar(path, "-shm"),
        sidecar(path, "-journal"),
    ] {
        let _ = std::fs::remove_file(p);
    }
}

impl Vault {
    fn assemble(
        conn: Connection,
        path: &Path,
        key: DataKey,
        header: Header,
        env: VaultEnv,
        lock: VaultLock,
    ) -> Vault {
        let mut v = Vault {
            conn,
            path: path.to_path_buf(),
            key,
            ids: IdKey::unkeyed(),
            header,
            env,
            who: String::new(),
            quarantine: Mutex::new(Vec::new()),
            definitions: Mutex::new(HashMap::new()),
            index: Default::default(),
            _lock: lock,
        };
        v.who = v
            .settings()
            .map(|s| s.practitioner.name)
            .unwrap_or_default();
        // A vault made before the trail recorded what each change wrote gets its baseline now.
        // If that cannot be written, the quick check and `verify` report what is missing.
        let _ = v.ensure_integrity_baseline();
        // A vault made before the id key gets one, its ratings moved to keyed ids. If that
        // fails nothing changed, and this session keeps the ids the rows have.
        let _ = v.ensure_id_key();
        v
    }

    /// Create a new vault at `path` (which must not exist) and return it unlocked with its
    /// recovery key, to be shown to the user once.
    pub fn create(
        path: &Path,
        passphrase: impl crate::secret::IntoSecret,
        profile: KdfProfile,
        mut env: VaultEnv,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        let passphrase = passphrase.into_secret();
        let passphrase = passphrase.expose_secret();
        check_new_passphrase(passphrase)?;
        if path.exists() {
            return Err(VaultError::AlreadyExists {
                path: path.display().to_string(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_err(format!(
                "cannot create the folder {}",
                dir.display()
            )))?;
        }
        let lock = super::lock::acquire(path)?;
        let tmp = sidecar(path, ".creating");
        remove_with_sidecars(&tmp);
        let result = Self::create_at(&tmp, passphrase, profile, &mut env);
        let (conn, key, header, recovery) = match result {
            Ok(x) => x,
            Err(e) => {
                remove_with_sidecars(&tmp);
                return Err(e);
            }
        };
        drop(conn);
        for p in [tmp.clone(), sidecar(&tmp, "-wal"), sidecar(&tmp, "-shm")] {
            crate::hardening::private_file(&p)
                .map_err(io_err(format!("cannot make {} private", p.display())))?;
        }
        let finish = || -> Result<Connection, VaultError> {
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(io_err("cannot flush the new vault to disk"))?;
            if path.exists() {
                return Err(VaultError::AlreadyExists {
                    path: path.display().to_string(),
                });
            }
            std::fs::rename(&tmp, path).map_err(io_err("cannot move the new vault into place"))?;
            if let Some(dir) = path.parent() {
                sync_dir(dir);
            }
            open_connection(path, false)
        };
        match finish() {
            Ok(conn) => Ok((
                Vault::assemble(conn, path, key, header, env, lock),
                recovery,
            )),
            Err(e) => {
                remove_with_sidecars(&tmp);
                Err(e)
            }
        }
    }

    fn create_at(
        tmp: &Path,
        passphrase: &str,
        profile: KdfProfile,
        env: &mut VaultEnv,
    ) -> Result<(Connection, DataKey, Header, RecoveryKey), VaultError> {
        let mut conn = open_connection(tmp, true)?;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| VaultError::Corrupt {
                detail: format!("creating the tables failed: {e}"),
            })?;
        let rng = &mut *env.rng;
        let key = DataKey::generate(rng);
        let kdf = profile.params();
        let passphrase_slot = new_passphrase_slot(passphrase, kdf, &key, rng)?;
        let recovery = RecoveryKey::generate(rng);
        let header = Header {
            kdf,
            passphrase: passphrase_slot,
            recovery: super::keys::recovery_slot(&crypto::recovery_public(&recovery), &key, rng),
        };
        let now = env.clock.now();
        {
            let ids = IdKey::derive(&key);
            let mut w = Writer::begin(&conn, &key, &ids, rng, now, "")?;
            w.put_header(&header)?;
            w.put_id_key(&ids)?;
            w.put_settings(&Settings::default())?;
            w.audit("create_vault", "header", "1")?;
            w.commit()?;
        }
        // Leave the write-ahead log folded into the file before it is renamed.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(db_err("finishing the new vault"))?;
        Ok((conn, key, header, recovery))
    }

    fn open_for_unlock(path: &Path) -> Result<(Connection, Header, VaultLock), VaultError> {
        if !exists(path) {
            return Err(VaultError::NoVault {
                path: path.display().to_string(),
            });
        }
        let lock = super::lock::acquire(path)?;
        // Owner-only, also for a vault made before files were made private (best effort).
        for p in [
            path.to_path_buf(),
            sidecar(path, "-wal"),
            sidecar(path, "-shm"),
        ] {
            let _ = crate::hardening::private_file(&p);
        }
        let mut conn = open_connection(path, false)?;
        prepare_schema(&mut conn, path)?;
        let header = read_header(&conn)?;
        Ok((conn, header, lock))
    }

    /// Open the vault at `path` with its passphrase.
    pub fn unlock(
        path: &Path,
        passphrase: impl crate::secret::IntoSecret,
        env: VaultEnv,
    ) -> Result<Vault, VaultError> {
        let passphrase = passphrase.into_secret();
        let passphrase = passphrase.expose_secret();
        wait_before_attempt();
        let (conn, header, lock) = Self::open_for_unlock(path)?;
        let slot = &header.passphrase;
        let wk =
            crypto::derive_from_passphrase(passphrase, header.kdf, &slot.salt).map_err(|e| {
                VaultError::Corrupt {
                    detail: e.to_string(),
                }
            })?;
        let aad = Header::passphrase_aad(&header.kdf, &slot.salt);
        match crypto::unwrap(&wk, &slot.nonce, &slot.wrapped, &aad) {
            Ok(key) => {
                FAILED_ATTEMPTS.store(0, Ordering::SeqCst);
                Ok(Vault::assemble(conn, path, key, header, env, lock))
            }
            Err(_) => {
                FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
                Err(VaultError::WrongPassphrase)
            }
        }
    }

    /// Open the vault with its recovery key and set a new passphrase. The data key is rotated
    /// (every record re-sealed) and the same recovery key keeps working. A recovery key with a
    /// typing mistake is refused as such ([`VaultError::RecoveryKeyTypo`]) before any attempt.
    pub fn recover(
        path: &Path,
        recovery_key: impl crate::secret::IntoSecret,
        new_passphrase: impl crate::secret::IntoSecret,
        env: VaultEnv,
    ) -> Result<Vault, VaultError> {
        let (recovery_key, new_passphrase) =
            (recovery_key.into_secret(), new_passphrase.into_secret());
        let (recovery_key, new_passphrase) =
            (recovery_key.expose_secret(), new_passphrase.expose_secret());
        check_new_passphrase(new_passphrase)?;
        let rk = RecoveryKey::read(recovery_key).map_err(|_| VaultError::RecoveryKeyTypo)?;
        wait_before_attempt();
        let (conn, header, lock) = Self::open_for_unlock(path)?;
        let wrong = || {
            FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
            VaultError::WrongRecoveryKey
        };
        let key = match &header.recovery {
            RecoverySlot::Symmetric(slot) => {
                let wk = crypto::derive_from_recovery(&rk, &slot.salt);
                crypto::unwrap(
                    &wk,
                    &slot.nonce,
                    &slot.wrapped,
                    &Header::recovery_aad(&slot.salt),
                )
            }
            RecoverySlot::Public(slot) => crypto::unwrap_with_recovery(
                &rk,
                &slot.ephemeral,
                &slot.nonce,
                &slot.wrapped,
                &Header::public_recovery_aad(&slot.public),
            ),
        }
        .map_err(|_| wrong())?;
        FAILED_ATTEMPTS.store(0, Ordering::SeqCst);
        let mut v = Vault::assemble(conn, path, key, header, env, lock);
        v.rekey(
            new_passphrase,
            super::keys::RecoveryPlan::Use(&rk),
            "recover_with_recovery_key",
            &mut |_| {},
        )?;
        Ok(v)
    }

    /// Check `passphrase` against the passphrase slot (with the growing wait after failures).
    pub(super) fn check_passphrase(&self, passphrase: &str) -> Result<(), VaultError> {
        wait_before_attempt();
        let slot = &self.header.passphrase;
        let wk = crypto::derive_from_passphrase(passphrase, self.header.kdf, &slot.salt).map_err(
            |e| VaultError::Corrupt {
                detail: e.to_string(),
            },
        )?;
        let aad = Header::passphrase_aad(&self.header.kdf, &slot.salt);
        if crypto::unwrap(&wk, &slot.nonce, &slot.wrapped, &aad).is_err() {
            FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
            return Err(VaultError::WrongPassphrase);
        }
        FAILED_ATTEMPTS.store(0, Ordering::SeqCst);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_is_in_the_app_data_folder() {
        let p = default_path();
        assert!(p.ends_with("app.neglecttoolkit.desktop/vault.ntk"));
    }
}
