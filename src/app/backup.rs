//! Backups and erasure as the app uses them: automatic backup generations (when the vault
//! locks, at the first unlock of a day and before an assessment is completed), the backups
//! folder chosen in Settings, the list of generations, a restore from a file, and the erasure
//! of a household with its tombstone.
//!
//! An automatic backup never stops the practitioner's work: when one fails, the work is already
//! saved in the vault, and the session keeps a notice ([`words::BACKUP_FAILED`]) that the
//! interface shows.

use super::{AppError, Saved, Session};
use crate::assessment::Id;
use crate::limits;
use crate::vault::{self, BackupGeneration, Tombstone, VaultError};
use crate::words;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The Settings section about backups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupsView {
    /// The folder automatic generations are written to now.
    pub folder: String,
    /// Whether that folder is the default one beside the vault.
    pub default_folder: bool,
    /// The generations in it, newest first.
    pub generations: Vec<BackupGenerationView>,
    /// How many generations are kept ([`limits::GENERATIONS_KEPT`]).
    pub kept: usize,
    /// The notice of the last automatic backup that failed in this session, if any.
    pub notice: Option<&'static str>,
}

/// One generation as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupGenerationView {
    /// Its file name (no personal data).
    pub file_name: String,
    /// The full path, to restore from.
    pub path: String,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Its size in bytes.
    pub size: u64,
}

impl From<BackupGeneration> for BackupGenerationView {
    fn from(g: BackupGeneration) -> Self {
        BackupGenerationView {
            file_name: g.file_name,
            path: g.path.display().to_string(),
            made_at: g.made_at,
            size: g.size,
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// Where the vault that was replaced is kept (never deleted by the app).
    pub kept_at: Option<String>,
    /// Said with it ([`words::RESTORE_KEPT`]).
    pub kept_text: &'static str,
}

/// When an automatic backup is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupMoment {
    /// The vault is locking.
    Lock,
    /// The first unlock of a day (made only if the newest generation is older than a day).
    Daily,
    /// An assessment is about to be completed.
    BeforeCompleting,
}

/// The request to erase a household.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// The household.
    pub household_id: Id,
    /// Its name as typed by the user, to confirm.
    pub confirm_name: String,
    /// The reason's code (one of [`words::ERASE_REASONS`]).
    pub reason: String,
    /// A note on the reason; it must name no one of the household (needed for "other").
    #[serde(default)]
    pub note: String,
}

/// One erased household as History lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureLine {
    /// The tombstone.
    #[serde(flatten)]
    pub tombstone: Tombstone,
    /// Its reason in words.
    pub reason_text: &'static str,
}

/// One reason an erasure may be given, as the danger zone offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EraseReason {
    /// The stable code.
    pub code: &'static str,
    /// Its words.
    pub text: &'static str,
}

/// What the danger zone and the list of erased households show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasuresView {
    /// What erasing does ([`words::ERASE_WARNING`]).
    pub warning: &'static str,
    /// The reasons offered, in order.
    pub reasons: Vec<EraseReason>,
    /// The tombstones of erased households, oldest first.
    pub erased: Vec<ErasureLine>,
}

fn invalid(message: &str) -> AppError {
    AppError::Invalid {
        message: message.to_string(),
    }
}

impl Session {
    /// The folder automatic backups go to: the one chosen in Settings, else `backups` beside
    /// the vault file.
    pub fn backups_folder(&self) -> PathBuf {
        self.vault
            .settings()
            .ok()
            .and_then(|s| s.backup_dir)
            .filter(|d| !d.trim().is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| self.vault.backups_dir())
    }

    /// The backups section of Settings.
    pub fn backups(&self) -> Result<BackupsView, AppError> {
        let folder = self.backups_folder();
        // A folder that cannot be read (a stick pulled out) lists nothing; the notice says why.
        let mut generations: Vec<BackupGenerationView> = vault::generations_in(&folder)
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        generations.reverse();
        Ok(BackupsView {
            default_folder: folder == self.vault.backups_dir(),
            folder: folder.display().to_string(),
            generations,
            kept: limits::GENERATIONS_KEPT,
            notice: self.backup_notice,
        })
    }

    /// Make an automatic backup generation at `moment`. For [`BackupMoment::Daily`] it is made
    /// only when the newest generation is older than [`limits::BACKUP_DAILY_HOURS`] (or there
    /// is none). Returns the new file, `None` when none was due; a failure is kept as the
    /// session's notice and returned as an error the caller may ignore: nothing of the work is
    /// lost by it.
    pub fn auto_backup(&mut self, moment: BackupMoment) -> Result<Option<PathBuf>, AppError> {
        let folder = self.backups_folder();
        if moment == BackupMoment::Daily {
            let newest = vault::generations_in(&folder)
                .ok()
                .and_then(|g| g.last().map(|g| g.made_at));
            let now = self.vault.clock().now();
            if newest.is_some_and(|t| now - t < Duration::hours(limits::BACKUP_DAILY_HOURS)) {
                return Ok(None);
            }
        }
        match self.vault.backup_generation_in(&folder) {
            Ok(p) => {
                self.backup_notice = None;
                Ok(Some(p))
            }
            Err(e) => {
                self.backup_notice = Some(words::BACKUP_FAILED);
                Err(e.into())
            }
        }
    }

    /// Lock: make the lock's backup generation, then close the vault (the keys are zeroized as
    /// the session is dropped). Returns the notice to show if the backup failed.
    pub fn lock(mut self) -> Option<&'static str> {
        self.auto_backup(BackupMoment::Lock)
            .err()
            .map(|_| words::BACKUP_FAILED)
    }

    /// The notice of the last automatic backup that failed in this session, if any.
    pub fn backup_notice(&self) -> Option<&'static str> {
        self.backup_notice
    }

    /// Check a backups folder chosen in Settings: empty means the default one beside the vault;
    /// otherwise it must exist and be writable.
    pub(super) fn check_backup_dir(dir: Option<&str>) -> Result<(), AppError> {
        match dir.map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(()),
            Some(d) => vault::check_backup_dir(Path::new(d))
                .map_err(|_| invalid(words::BACKUP_DIR_UNUSABLE)),
        }
    }

    /// Restore the backup `file` over this vault: it is checked first on a copy (a wrong
    /// passphrase, a damaged or altered file is refused and nothing changes); then the current
    /// file is kept aside in `backups/before-restore-*.ntk` beside the vault and the backup
    /// opened in its place with `passphrase`.
    pub fn restore_backup(
        &mut self,
        file: &Path,
        passphrase: impl crate::secret::IntoSecret,
    ) -> Result<Restored, AppError> {
        let kept = self
            .vault
            .restore_in_place(file, passphrase)
            .map_err(|e| match e {
                VaultError::NoVault { .. } | VaultError::AlreadyExists { .. } => invalid(
                    "Choose a backup file: that one is not there, or it is the vault itself. Nothing was restored.",
                ),
                e => e.into(),
            })?;
        self.integrity = super::integrity::IntegrityState::at_unlock(&self.vault);
        self.auto_lock_minutes = self
            .vault
            .settings()
            .map(|s| limits::auto_lock_in_range(s.auto_lock_minutes))
            .unwrap_or(limits::AUTO_LOCK_DEFAULT_MINUTES);
        Ok(Restored {
            kept_at: kept.map(|p| p.display().to_string()),
            kept_text: words::RESTORE_KEPT,
        })
    }

    /// Erase a household and everything of it, after checking the confirmation (its name typed
    /// exactly), the reason (one of [`words::ERASE_REASONS`]) and the note (at most
    /// [`limits::ERASE_NOTE_MAX_CHARS`], naming no one of the household, needed for "other").
    /// What stays is a [`Tombstone`], listed by [`Session::erasures`].
    pub fn erase_household(&mut self, req: EraseRequest) -> Result<Saved, AppError> {
        // The names the confirmation and the note are checked against. A household that does
        // not open can still be erased, confirmed by its id.
        let (name, mut names, postcode) = match self.vault.household(&req.household_id) {
            Ok(h) => {
                let names: Vec<String> = std::iter::once(h.name.clone())
                    .chain(h.carers.iter().map(|c| c.name.clone()))
                    .chain(h.children.iter().map(|c| c.name.clone()))
                    .collect();
                (h.name, names, h.address.postcode)
            }
            Err(VaultError::Tampered { .. } | VaultError::Corrupt { .. }) => {
                (req.household_id.to_string(), Vec::new(), String::new())
            }
            Err(e) => return Err(e.into()),
        };
        if req.confirm_name.trim() != name.trim() {
            return Err(invalid(words::ERASE_CONFIRM_MISMATCH));
        }
        if words::erase_reason_text(&req.reason).is_none() {
            return Err(invalid(words::ERASE_REASON_MISSING));
        }
        let note = crate::text::strip_bidi(&req.note);
        let note = note.trim();
        if note.chars().count() > limits::ERASE_NOTE_MAX_CHARS {
            return Err(AppError::Invalid {
                message: format!(
                    "The note can be at most {} characters. Nothing was erased.",
                    limits::ERASE_NOTE_MAX_CHARS
                ),
            });
        }
        if req.reason == "other" && note.is_empty() {
            return Err(invalid(words::ERASE_NOTE_NEEDED));
        }
        let lower = note.to_lowercase();
        names.push(postcode);
        let named = names
            .iter()
            .flat_map(|n| n.split_whitespace())
            .filter(|part| part.chars().count() >= 3)
            .any(|part| lower.contains(&part.to_lowercase()));
        if named {
            return Err(invalid(words::ERASE_NOTE_NAMES));
        }
        let tomb_id = Id::generate(self.vault.entropy()).to_string();
        let note = (!note.is_empty()).then_some(note);
        self.vault
            .erase_household(&req.household_id, &req.reason, note, tomb_id)?;
        Ok(Saved {
            saved_at: self.vault.clock().now(),
        })
    }

    /// The danger zone's words and reasons, and the erased households.
    pub fn erasures_view(&self) -> Result<ErasuresView, AppError> {
        Ok(ErasuresView {
            warning: words::ERASE_WARNING,
            reasons: words::ERASE_REASONS
                .iter()
                .filter_map(|&code| {
                    words::erase_reason_text(code).map(|text| EraseReason { code, text })
                })
                .collect(),
            erased: self.erasures()?,
        })
    }

    /// Every erased household's tombstone, oldest first, with its reason in words.
    pub fn erasures(&self) -> Result<Vec<ErasureLine>, AppError> {
        Ok(self
            .vault
            .tombstones()?
            .into_iter()
            .map(|t| ErasureLine {
                reason_text: words::erase_reason_text(&t.reason).unwrap_or(words::ERASE_OTHER),
                tombstone: t,
            })
            .collect())
    }
}
