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
//!
//! Where to find each job:
//! - `open.rs`: creating, unlocking, recovering; the key header and the key derivation profile.
//! - `keys.rs`: rotating the data key (changing the passphrase, after recovery, issuing a new
//!   recovery key).
//! - `writer.rs`: the write transaction every change goes through.
//! - `ids.rs`: the id key and the keyed rating ids, and moving an older vault's ratings to them.
//! - `records.rs`: opening sealed rows, and the quarantine of rows that do not open.
//! - `settings.rs`, `households.rs`, `assessments.rs`, `chronology.rs`: the repository of each
//!   kind of record (ratings are stored with their assessment).
//! - `index.rs`: the households index the list and search read, built at unlock, kept up to
//!   date by every committed change, zeroized when the vault is dropped.
//! - `audit.rs`: the hash-chained audit trail, [`Vault::audit_log`] and [`Vault::verify`].
//! - `lock.rs`: one writer: the exclusive lock on `<vault>.lock` while a vault is open.
//! - `integrity.rs`: what ties rows, trail and header together (each entry's hashes of what it
//!   wrote, the header's sealed hash, the row counts), the quick check run at unlock
//!   ([`Vault::quick_check`]) and the baseline given to a vault made before them.
//! - `backup.rs`, `json.rs`: backups and restore; the portable JSON form.
//! - `erase.rs`: erasing a household, leaving a tombstone with no personal data.
//! - `crypto.rs`, `header.rs`, `schema.rs`: sealing and keys; the key header's bytes; the
//!   tables, migrations and pragmas.

mod assessments;
mod audit;
mod backup;
mod chronology;
pub mod crypto;
mod erase;
mod handover;
pub mod header;
mod households;
mod ids;
mod index;
mod integrity;
mod json;
mod keys;
mod lock;
mod open;
mod records;
mod schema;
mod settings;
mod writer;

pub use audit::{AuditEntry, AuditWrite, VerifyProblem, VerifyReport};
pub use backup::{check_backup_dir, generations_in, BackupGeneration, GENERATIONS_KEPT};
pub use crypto::{unlock_delay, RecoveryKey, RecoveryKeyError, MIN_PASSPHRASE_CHARS};
pub use erase::Tombstone;
pub use households::HouseholdSummary;
pub use index::IndexStats;
pub use json::{ImportReport, EXPORT_FORMAT, EXPORT_FORMAT_VERSION};
pub use keys::RekeyProgress;
pub use lock::{lock_path, set_program, Program};
pub use open::{default_path, exists, KdfProfile};
pub use records::QuarantinedRecord;
pub use schema::SCHEMA_VERSION;
pub use settings::Settings;

use crate::assessment::ModelError;
use crate::toolkit::ToolkitDefinition;
use crate::{Clock, Entropy, SystemClock, SystemEntropy};
use crypto::DataKey;
use header::Header;
use ids::IdKey;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
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
    /// Another program holds the vault open (its lock file says which kind).
    #[error("the vault is in use by {by}; close it there first, then try again")]
    InUse {
        /// The program, in words ("the Neglect Toolkit app", "ntk (the command-line tool)").
        by: &'static str,
    },
    /// The recovery key has a typing mistake (a character outside its alphabet, the wrong
    /// length, or a check group that does not match); no attempt was made with it.
    #[error("the recovery key has a typing mistake; compare each group of four characters with the one you wrote down")]
    RecoveryKeyTypo,
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

/// An unlocked vault. Dropping it zeroizes the data key and the id key.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    key: DataKey,
    /// The key rating ids are made with (`ids.rs`), zeroized with the data key.
    ids: IdKey,
    header: Header,
    env: VaultEnv,
    who: String,
    quarantine: Mutex<Vec<QuarantinedRecord>>,
    definitions: Mutex<HashMap<String, std::sync::Arc<ToolkitDefinition>>>,
    /// The households list and its search text, in memory while unlocked (`index.rs`).
    index: Mutex<index::HouseholdIndex>,
    /// This process's exclusive hold on the file, released with the last handle.
    _lock: lock::VaultLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Vault {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Vault>();
    }
}
