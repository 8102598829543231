//! The encrypted local store: one SQLite file holding households, assessments, ratings,
//! definitions, settings and an audit trail, each record sealed with AES-256-GCM under a data
//! key that only a passphrase (or the recovery key) can unwrap.
//!
//! It exists so that a lost laptop leaks nothing and a crash loses nothing: every call that
//! changes data is one SQLite transaction (write-ahead log, full sync) that is committed before
//! the call returns, and that appends a sealed, hash-chained audit entry in the same
//! transaction. Records that fail to open are quarantined and reported, never deleted, and never
//! stop the others from loading.
//!
//! ```no_run
//! use ntk_core::vault::{KdfProfile, Vault, VaultEnv};
//! let path = std::path::Path::new("/tmp/example.ntk");
//! let (vault, recovery_key) =
//!     Vault::create(path, "a long passphrase", KdfProfile::Standard, VaultEnv::system())?;
//! println!("write this down: {recovery_key}");
//! drop(vault);
//! let vault = Vault::unlock(path, "a long passphrase", VaultEnv::system())?;
//! assert!(vault.verify()?.is_ok());
//! # Ok::<(), ntk_core::vault::VaultError>(())
//! ```

mod backup;
pub mod crypto;
pub mod header;
mod json;
mod records;
mod schema;

pub use backup::GENERATIONS_KEPT;
pub use crypto::{unlock_delay, RecoveryKey, MIN_PASSPHRASE_CHARS};
pub use json::{ImportReport, EXPORT_FORMAT, EXPORT_FORMAT_VERSION};
pub use schema::SCHEMA_VERSION;

use crate::assessment::{Id, ModelError, Practitioner, Status};
use crate::toolkit::{Contact, ToolkitDefinition};
use crate::{Clock, Entropy, SystemClock, SystemEntropy};
use chrono::{DateTime, NaiveDate, Utc};
use crypto::{DataKey, KdfParams};
use header::{Header, Slot, SALT_LEN};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Everything that can go wrong with the vault. The kinds a caller must tell apart (wrong
/// passphrase, tampered record, corrupt file, newer version, disk full...) are separate variants.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// The vault is locked (used by callers holding an optional vault).
    #[error("the vault is locked; unlock it with your passphrase to continue")]
    Locked,
    /// There is no vault file at the path.
    #[error("there is no vault at {path}; create one first, or check the path")]
    NoVault {
        /// The path looked at.
        path: String,
    },
    /// A record asked for is not in the vault.
    #[error("no {what} with id {id} is in the vault")]
    NotFound {
        /// What was looked for ("household", "assessment", "definition").
        what: &'static str,
        /// Its id or hash.
        id: String,
    },
    /// The passphrase does not open the vault.
    #[error("the passphrase is not right; check it and try again (after five wrong attempts each try waits longer)")]
    WrongPassphrase,
    /// The recovery key does not open the vault.
    #[error("the recovery key is not right; check each group of four characters and try again")]
    WrongRecoveryKey,
    /// A new passphrase is too short.
    #[error("the passphrase must be at least {min} characters long; choose a longer one")]
    PassphraseTooShort {
        /// The minimum length in characters.
        min: usize,
    },
    /// A record failed its authenticity check: it was changed outside the app.
    #[error("the {table} record {id} has been changed outside the app and cannot be trusted; it is quarantined, the rest of the vault is usable; restore it from a backup")]
    Tampered {
        /// The table.
        table: String,
        /// The record id.
        id: String,
    },
    /// The file is damaged or is not a vault.
    #[error("the vault file is damaged or is not a vault ({detail}); restore it from a backup")]
    Corrupt {
        /// What was found.
        detail: String,
    },
    /// The file was written by a newer version of the app.
    #[error("the vault was written by a newer version of the app (format {found}; this version reads up to {supported}); update the app to open it")]
    NewerVersion {
        /// The version found.
        found: i64,
        /// The highest version this build reads.
        supported: i64,
    },
    /// The disk is full; the change was not saved.
    #[error("the disk is full, so the change was not saved; free some space and try again")]
    DiskFull,
    /// A vault (or another file) already exists where one was to be created.
    #[error("a file already exists at {path}; choose another place or remove it first")]
    AlreadyExists {
        /// The path.
        path: String,
    },
    /// The change breaks a rule of the assessment model.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// An assessment refers to a toolkit definition that is not stored.
    #[error(
        "the toolkit definition {hash} is not stored in the vault; store the definition first"
    )]
    UnknownDefinition {
        /// The definition's content hash.
        hash: String,
    },
    /// Imported data is not in the documented form.
    #[error("the import was refused and nothing was changed: {detail}")]
    InvalidImport {
        /// What is wrong, with the JSON path where known.
        detail: String,
    },
    /// A backup did not pass verification, so nothing was replaced.
    #[error("the backup was not restored because it failed verification ({}); nothing was replaced", problems.join("; "))]
    RestoreRefused {
        /// The problems found.
        problems: Vec<String>,
    },
    /// A file operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The database reported an error not covered above.
    #[error("the vault database failed while {context}: {source}")]
    Database {
        /// What was being done.
        context: &'static str,
        /// The cause.
        source: rusqlite::Error,
    },
}

/// Turn a database error into a [`VaultError`], telling disk full and corruption apart.
pub(crate) fn db_err(context: &'static str) -> impl Fn(rusqlite::Error) -> VaultError {
    move |e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => VaultError::DiskFull,
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            VaultError::Corrupt {
                detail: format!("{context}: {e}"),
            }
        }
        _ => VaultError::Database { context, source: e },
    }
}

/// Turn an I/O error into a [`VaultError`], telling a full disk apart.
pub(crate) fn io_err(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
    let context = context.into();
    move |e| {
        if e.kind() == std::io::ErrorKind::StorageFull {
            VaultError::DiskFull
        } else {
            VaultError::Io { context, source: e }
        }
    }
}

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

/// The clock and random source the vault uses (passed in so tests are deterministic).
pub struct VaultEnv {
    /// The clock for timestamps.
    pub clock: Box<dyn Clock + Send>,
    /// The random source for keys, salts and nonces.
    pub rng: Box<dyn Entropy + Send>,
}

impl VaultEnv {
    /// The real clock and the operating system's random source.
    pub fn system() -> Self {
        VaultEnv {
            clock: Box::new(SystemClock),
            rng: Box::new(SystemEntropy),
        }
    }
}

/// The practitioner's settings, stored sealed in the vault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Who is using the app (named in the audit trail and on summary sheets).
    pub practitioner: Practitioner,
    /// Local contacts shown beside "call 999".
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Minutes of inactivity before the app locks.
    #[serde(default = "default_auto_lock")]
    pub auto_lock_minutes: u32,
    /// The content hash of the definition used for new assessments.
    #[serde(default)]
    pub active_definition: Option<String>,
}

fn default_auto_lock() -> u32 {
    crate::limits::AUTO_LOCK_DEFAULT_MINUTES
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            practitioner: Practitioner::default(),
            contacts: Vec::new(),
            auto_lock_minutes: default_auto_lock(),
            active_definition: None,
        }
    }
}

/// One line of the households list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdSummary {
    /// The household's id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its postcode.
    pub postcode: String,
    /// Names of its children.
    pub children: Vec<String>,
    /// The most recently started assessment and its status.
    pub latest_assessment: Option<(Id, Status)>,
    /// The review date set by the latest assessment's decision.
    pub review_due: Option<NaiveDate>,
    /// When the household was last changed.
    pub updated_at: DateTime<Utc>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// Position in the trail, from 1.
    pub seq: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the practitioner's name in settings at the time).
    pub who: String,
    /// What was done, e.g. `save_rating`.
    pub action: String,
    /// The table changed.
    pub table: String,
    /// The record changed.
    pub record_id: String,
    /// SHA-256 (hex) of the previous entry's sealed content; zeros for the first.
    pub prev_hash: String,
}

/// A record that failed to open and is being kept aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarantinedRecord {
    /// The table.
    pub table: String,
    /// The record id.
    pub id: String,
    /// Why it did not open.
    pub reason: String,
}

/// One problem found by [`Vault::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyProblem {
    /// The table (or `audit chain`, `database`).
    pub table: String,
    /// The record id, if any.
    pub id: String,
    /// What is wrong.
    pub detail: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.id.is_empty() {
            write!(f, "{}: {}", self.table, self.detail)
        } else {
            write!(f, "{} {}: {}", self.table, self.id, self.detail)
        }
    }
}

/// The result of [`Vault::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// How many sealed records were opened.
    pub records_checked: usize,
    /// How many audit entries were checked.
    pub audit_entries: usize,
    /// Everything found wrong.
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    /// True when every record opens and the audit chain holds.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
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

fn check_new_passphrase(p: &str) -> Result<(), VaultError> {
    if p.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

/// An unlocked vault. Dropping it zeroizes the data key.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    key: DataKey,
    header: Header,
    env: VaultEnv,
    who: String,
    quarantine: Mutex<Vec<QuarantinedRecord>>,
    definitions: Mutex<HashMap<String, ToolkitDefinition>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
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

fn new_passphrase_slot(
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

fn sync_dir(dir: &Path) {
    // Making the rename durable; not every platform can open a directory, so failure is ignored.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_with_sidecars(path: &Path) {
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
    ) -> Vault {
        let mut v = Vault {
            conn,
            path: path.to_path_buf(),
            key,
            header,
            env,
            who: String::new(),
            quarantine: Mutex::new(Vec::new()),
            definitions: Mutex::new(HashMap::new()),
        };
        v.who = v
            .settings()
            .map(|s| s.practitioner.name)
            .unwrap_or_default();
        v
    }

    /// Create a new vault at `path` (which must not exist) and return it unlocked with its
    /// recovery key, to be shown to the user once.
    pub fn create(
        path: &Path,
        passphrase: &str,
        profile: KdfProfile,
        mut env: VaultEnv,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
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
            Ok(conn) => Ok((Vault::assemble(conn, path, key, header, env), recovery)),
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
        let mut rsalt = [0u8; SALT_LEN];
        rng.fill(&mut rsalt);
        let rk = crypto::derive_from_recovery(&recovery, &rsalt);
        let (rnonce, rct) = crypto::wrap(&rk, &key, rng, &Header::recovery_aad(&rsalt));
        let mut rwrapped = [0u8; header::WRAPPED_LEN];
        rwrapped.copy_from_slice(&rct);
        let header = Header {
            kdf,
            passphrase: passphrase_slot,
            recovery: Slot {
                salt: rsalt,
                nonce: rnonce,
                wrapped: rwrapped,
            },
        };
        let now = env.clock.now();
        {
            let mut w = records::Writer::begin(&conn, &key, rng, now, "")?;
            w.put_header(&header)?;
            w.put_settings(&Settings::default())?;
            w.audit("create_vault", "header", "1")?;
            w.commit()?;
        }
        // Leave the write-ahead log folded into the file before it is renamed.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(db_err("finishing the new vault"))?;
        Ok((conn, key, header, recovery))
    }

    fn open_for_unlock(path: &Path) -> Result<(Connection, Header), VaultError> {
        if !exists(path) {
            return Err(VaultError::NoVault {
                path: path.display().to_string(),
            });
        }
        let mut conn = open_connection(path, false)?;
        prepare_schema(&mut conn, path)?;
        let header = read_header(&conn)?;
        Ok((conn, header))
    }

    /// Open the vault at `path` with its passphrase.
    pub fn unlock(path: &Path, passphrase: &str, env: VaultEnv) -> Result<Vault, VaultError> {
        wait_before_attempt();
        let (conn, header) = Self::open_for_unlock(path)?;
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
                Ok(Vault::assemble(conn, path, key, header, env))
            }
            Err(_) => {
                FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
                Err(VaultError::WrongPassphrase)
            }
        }
    }

    /// Open the vault with its recovery key and set a new passphrase.
    pub fn recover(
        path: &Path,
        recovery_key: &str,
        new_passphrase: &str,
        mut env: VaultEnv,
    ) -> Result<Vault, VaultError> {
        check_new_passphrase(new_passphrase)?;
        wait_before_attempt();
        let (conn, mut header) = Self::open_for_unlock(path)?;
        let wrong = || {
            FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
            VaultError::WrongRecoveryKey
        };
        let rk = RecoveryKey::parse(recovery_key).ok_or_else(wrong)?;
        let slot = &header.recovery;
        let wk = crypto::derive_from_recovery(&rk, &slot.salt);
        let key = crypto::unwrap(
            &wk,
            &slot.nonce,
            &slot.wrapped,
            &Header::recovery_aad(&slot.salt),
        )
        .map_err(|_| wrong())?;
        FAILED_ATTEMPTS.store(0, Ordering::SeqCst);
        header.passphrase = new_passphrase_slot(new_passphrase, header.kdf, &key, &mut *env.rng)?;
        let mut v = Vault::assemble(conn, path, key, header, env);
        v.write_header("recover_with_recovery_key")?;
        Ok(v)
    }

    /// Change the passphrase: the data key is re-wrapped, no record is rewritten.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<(), VaultError> {
        check_new_passphrase(new)?;
        wait_before_attempt();
        let slot = &self.header.passphrase;
        let wk = crypto::derive_from_passphrase(old, self.header.kdf, &slot.salt).map_err(|e| {
            VaultError::Corrupt {
                detail: e.to_string(),
            }
        })?;
        let aad = Header::passphrase_aad(&self.header.kdf, &slot.salt);
        if crypto::unwrap(&wk, &slot.nonce, &slot.wrapped, &aad).is_err() {
            FAILED_ATTEMPTS.fetch_add(1, Ordering::SeqCst);
            return Err(VaultError::WrongPassphrase);
        }
        FAILED_ATTEMPTS.store(0, Ordering::SeqCst);
        let old_slot = self.header.passphrase.clone();
        self.header.passphrase =
            new_passphrase_slot(new, self.header.kdf, &self.key, &mut *self.env.rng)?;
        if let Err(e) = self.write_header("change_passphrase") {
            self.header.passphrase = old_slot;
            return Err(e);
        }
        Ok(())
    }

    fn write_header(&mut self, action: &str) -> Result<(), VaultError> {
        let header = self.header.clone();
        let mut w = self.writer()?;
        w.put_header(&header)?;
        w.audit(action, "header", "1")?;
        w.commit()
    }

    /// The file this vault lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The clock this vault stamps its records and audit entries with.
    pub fn clock(&self) -> &dyn Clock {
        &*self.env.clock
    }

    /// The random source this vault draws keys, nonces and ids from.
    pub fn entropy(&mut self) -> &mut dyn Entropy {
        &mut *self.env.rng
    }

    /// Records that failed to open since the vault was unlocked (see [`Vault::verify`] for a
    /// full check).
    pub fn quarantined(&self) -> Vec<QuarantinedRecord> {
        let mut all = self.kept_aside().unwrap_or_default();
        if let Ok(q) = self.quarantine.lock() {
            for r in q.iter() {
                if !all.iter().any(|a| a.table == r.table && a.id == r.id) {
                    all.push(r.clone());
                }
            }
        }
        all
    }

    pub(crate) fn note_quarantine(&self, table: &str, id: &str, reason: &str) {
        if let Ok(mut q) = self.quarantine.lock() {
            if !q.iter().any(|r| r.table == table && r.id == id) {
                q.push(QuarantinedRecord {
                    table: table.to_string(),
                    id: id.to_string(),
                    reason: reason.to_string(),
                });
            }
        }
    }

    pub(crate) fn writer(&mut self) -> Result<records::Writer<'_>, VaultError> {
        let now = self.env.clock.now();
        records::Writer::begin(&self.conn, &self.key, &mut *self.env.rng, now, &self.who)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Vault>();
    }

    #[test]
    fn default_path_is_in_the_app_data_folder() {
        let p = default_path();
        assert!(p.ends_with("app.neglecttoolkit.desktop/vault.ntk"));
    }
}
