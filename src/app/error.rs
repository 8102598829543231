//! Why a use case was refused, and how the interface is told: a stable `code` it branches on
//! and a `message` in plain words saying what happened and what to do next.
//!
//! Every code and every message lives here, beside the errors; the shell only serialises an
//! [`ErrorReport`] (`{ "code": ..., "message": ... }`, pinned by the tests below) and `ntk` prints
//! the same message. Nothing else leaves the core: no SQL, no file paths, no `Debug` output.
//! The codes are listed in `docs/ipc.md`.

use crate::assessment::{Id, ModelError};
use crate::export::ExportError;
use crate::toolkit::ToolkitError;
use crate::vault::VaultError;
use serde::Serialize;

/// Why a use case was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The store refused or failed.
    #[error(transparent)]
    Vault(VaultError),
    /// The change breaks a rule of the model (for example the assessment is locked).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A toolkit definition file is not valid; the message has one fault per line.
    #[error(transparent)]
    Definition(#[from] ToolkitError),
    /// A review can only be started from a completed assessment.
    #[error("only a completed assessment can be reviewed; complete assessment {id} first")]
    NotCompleted {
        /// The assessment that is not completed.
        id: Id,
    },
    /// The request itself is not acceptable; the message says what to change.
    #[error("{message}")]
    Invalid {
        /// What is wrong, in plain words.
        message: String,
    },
    /// The summary sheet could not be made or written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// There is no session: the vault is locked.
    #[error("the vault is locked")]
    Locked,
    /// The user closed a dialog, so nothing was done.
    #[error("the dialog was closed; nothing was saved")]
    Cancelled,
    /// The screen is in the Family view, where only its own commands run.
    #[error("the family view is on")]
    InFamilyView,
    /// A Family view command was asked for while the Family view is off.
    #[error("the family view is not on")]
    NotInFamilyView,
}

impl From<VaultError> for AppError {
    /// A rule of the model that the vault enforced inside its transaction is the model's error,
    /// wherever it was found.
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::Model(m) => AppError::Model(m),
            e => AppError::Vault(e),
        }
    }
}

/// An error as the interface receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// A stable code the interface branches on.
    pub code: &'static str,
    /// What happened and what to do next, in plain words.
    pub message: String,
}

impl ErrorReport {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        ErrorReport {
            code,
            message: message.into(),
        }
    }

    /// Something went wrong that the user cannot fix by changing their input.
    fn internal(what: &str) -> Self {
        Self::new(
            "internal",
            format!("{what} Your saved work is safe. Try again; if it keeps happening, restart the app."),
        )
    }
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl AppError {
    /// The stable code the interface branches on.
    pub fn code(&self) -> &'static str {
        ErrorReport::from(self).code
    }

    /// What to tell the user: what happened and what to do next.
    pub fn user_message(&self) -> String {
        ErrorReport::from(self).message
    }
}

impl From<AppError> for ErrorReport {
    fn from(e: AppError) -> Self {
        ErrorReport::from(&e)
    }
}

impl From<VaultError> for ErrorReport {
    fn from(e: VaultError) -> Self {
        ErrorReport::from(&e)
    }
}

fn model(e: &ModelError) -> ErrorReport {
    match e {
        ModelError::Locked => ErrorReport::new(
            "assessment_locked",
            "This assessment is completed and locked. Amend it, giving a reason, to change it.",
        ),
        // The model's messages name items, levels and states, never paths or SQL.
        other => ErrorReport::new("invalid", format!("{}.", capitalise(&other.to_string()))),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl From<&VaultError> for ErrorReport {
    fn from(e: &VaultError) -> Self {
        match e {
            VaultError::Locked => ErrorReport::from(&AppError::Locked),
            VaultError::NotFound { .. } => ErrorReport::new(
                "not_found",
                "That record is not in the vault. It may have been removed; go back to the list.",
            ),
            VaultError::WrongPassphrase => ErrorReport::new(
                "wrong_passphrase",
                "That passphrase is not right. Check caps lock and try again, or use your recovery key.",
            ),
            VaultError::WrongRecoveryKey => ErrorReport::new(
                "wrong_recovery_key",
                "That recovery key is not right. Check each group against the one you wrote down.",
            ),
            VaultError::InUse { by } => ErrorReport::new(
                "in_use",
                format!("The vault is in use by {by}. Close it there, then try again."),
            ),
            VaultError::RecoveryKeyTypo => ErrorReport::new(
                "recovery_key_typo",
                "That recovery key has a typing mistake. Compare each group of four characters with the one you wrote down; the last group is a check.",
            ),
            VaultError::PassphraseTooShort { min } => ErrorReport::new(
                "weak_passphrase",
                crate::limits::passphrase_too_short_message(*min),
            ),
            VaultError::Tampered { .. } => ErrorReport::new(
                "tampered",
                "Part of the vault has been changed outside the app and cannot be trusted. Restore a backup and tell your information governance lead.",
            ),
            VaultError::Corrupt { .. } => ErrorReport::new(
                "corrupt",
                "The vault file is damaged and cannot be opened. Restore the latest backup.",
            ),
            VaultError::NewerVersion { .. } => ErrorReport::new(
                "newer_version",
                "The vault was written by a newer version of the app. Install the latest version to open it.",
            ),
            VaultError::DiskFull => ErrorReport::new(
                "disk_full",
                "The disk is full, so the last change was not saved. Free some space, then try again.",
            ),
            VaultError::NoVault { .. } => ErrorReport::new(
                "no_vault",
                "There is no vault on this computer yet. Set one up to start.",
            ),
            VaultError::UnknownDefinition { .. } => ErrorReport::new(
                "not_found",
                "The toolkit definition this needs is not stored. Load the definition file in Settings.",
            ),
            VaultError::InvalidImport { detail } => ErrorReport::new(
                "invalid",
                format!("The import was refused and nothing was changed: {detail}."),
            ),
            VaultError::AlreadyExists { .. } => ErrorReport::new(
                "invalid",
                "A vault already exists on this computer. Unlock it instead of creating a new one.",
            ),
            VaultError::RestoreRefused { .. } => ErrorReport::new(
                "backup_refused",
                "That backup did not pass its check (it is damaged, altered or not a vault), so nothing was restored and your vault is as it was. Choose another backup.",
            ),
            VaultError::Model(m) => model(m),
            _ => ErrorReport::internal("The vault could not complete that."),
        }
    }
}

impl From<&ExportError> for ErrorReport {
    fn from(e: &ExportError) -> Self {
        match e {
            ExportError::Write { source, .. } | ExportError::FolderNotWritable { source, .. }
                if source.kind() == std::io::ErrorKind::StorageFull =>
            {
                ErrorReport::new(
                    "disk_full",
                    "The disk is full, so the sheet was not saved. Free some space or choose another place.",
                )
            }
            ExportError::NoFileName { .. }
            | ExportError::FolderMissing { .. }
            | ExportError::FolderNotWritable { .. }
            | ExportError::Write { .. } => ErrorReport::new(
                "invalid",
                "The summary sheet could not be saved there; nothing was written. Choose another folder you can write to.",
            ),
            _ => ErrorReport::internal("The summary sheet could not be made."),
        }
    }
}

impl From<&AppError> for ErrorReport {
    fn from(e: &AppError) -> Self {
        match e {
            AppError::Vault(v) => v.into(),
            AppError::Model(m) => model(m),
            AppError::Definition(ToolkitError::Invalid { faults }) => ErrorReport::new(
                "definition_invalid",
                faults
                    .iter()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            AppError::Definition(_) => {
                ErrorReport::internal("The toolkit definition could not be read.")
            }
            AppError::NotCompleted { .. } => ErrorReport::new(
                "invalid",
                "Only a completed assessment can be reviewed. Complete this one first.",
            ),
            AppError::Invalid { message } => ErrorReport::new("invalid", message.clone()),
            AppError::Locked => ErrorReport::new(
                "locked",
                "The vault is locked. Enter your passphrase to carry on.",
            ),
            AppError::Cancelled => ErrorReport::new("cancelled", "Nothing was saved."),
            AppError::InFamilyView => ErrorReport::new(
                "family_view",
                "The screen is in the family view. Leave the family view with the passphrase first.",
            ),
            AppError::NotInFamilyView => ErrorReport::new(
                "invalid",
                "The family view is not on. Open an assessment and choose \"Show the family view\".",
            ),
            AppError::Export(e) => e.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toolkit::Fault;

    fn io() -> std::io::Error {
        std::io::Error::other("/home/someone/secret/path.ntk")
    }

    /// Every vault error variant and the code the interface receives for it.
    fn vault_cases() -> Vec<(VaultError, &'static str)> {
        vec![
            (VaultError::Locked, "locked"),
            (
                VaultError::NoVault {
                    path: "/p/vault.ntk".into(),
                },
                "no_vault",
            ),
            (
                VaultError::NotFound {
                    what: "household",
                    id: "ab12".into(),
                },
                "not_found",
            ),
            (VaultError::WrongPassphrase, "wrong_passphrase"),
            (VaultError::WrongRecoveryKey, "wrong_recovery_key"),
            (VaultError::RecoveryKeyTypo, "recovery_key_typo"),
            (
                VaultError::InUse {
                    by: "the Neglect Toolkit app",
                },
                "in_use",
            ),
            (
                VaultError::PassphraseTooShort { min: 12 },
                "weak_passphrase",
            ),
            (
                VaultError::Tampered {
                    table: "ratings".into(),
                    id: "ab12".into(),
                },
                "tampered",
            ),
            (
                VaultError::Corrupt {
                    detail: "SELECT * FROM ratings".into(),
                },
                "corrupt",
            ),
            (
                VaultError::NewerVersion {
                    found: 9,
                    supported: 1,
                },
                "newer_version",
            ),
            (VaultError::DiskFull, "disk_full"),
            (
                VaultError::AlreadyExists {
                    path: "/p/vault.ntk".into(),
                },
                "invalid",
            ),
            (VaultError::Model(ModelError::Locked), "assessment_locked"),
            (VaultError::Model(ModelError::MissingReason), "invalid"),
            (
                VaultError::UnknownDefinition {
                    hash: "ff00".into(),
                },
                "not_found",
            ),
            (
                VaultError::InvalidImport {
                    detail: "$.households[0]: missing name".into(),
                },
                "invalid",
            ),
            (
                VaultError::RestoreRefused {
                    problems: vec!["ratings ab12".into()],
                },
                "backup_refused",
            ),
            (
                VaultError::Io {
                    context: "writing /p/vault.ntk".into(),
                    source: io(),
                },
                "internal",
            ),
            (
                VaultError::Database {
                    context: "saving a rating",
                    source: rusqlite::Error::InvalidQuery,
                },
                "internal",
            ),
        ]
    }

    #[test]
    fn the_json_shape_is_code_and_message_only() {
        let json = serde_json::to_value(ErrorReport::new("invalid", "Say what.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "invalid", "message": "Say what." })
        );
    }

    #[test]
    fn every_vault_error_has_its_code() {
        for (e, code) in vault_cases() {
            let shown = format!("{e:?}");
            assert_eq!(ErrorReport::from(e).code, code, "for {shown}");
        }
    }

    #[test]
    fn messages_never_carry_paths_sql_or_debug_output() {
        for (e, _) in vault_cases() {
            let dto = ErrorReport::from(e);
            for leak in [
                "/p/",
                "/home/",
                "SELECT",
                "rusqlite",
                "InvalidQuery",
                "{",
                "ab12",
            ] {
                assert!(
                    !dto.message.contains(leak),
                    "{} leaks {leak:?}: {}",
                    dto.code,
                    dto.message
                );
            }
            assert!(
                dto.message.ends_with('.'),
                "not a sentence: {}",
                dto.message
            );
            assert!(dto.message.chars().next().is_some_and(char::is_uppercase));
        }
    }

    #[test]
    fn every_app_error_has_its_code() {
        let cases: Vec<(AppError, &str)> = vec![
            (
                AppError::Vault(VaultError::WrongPassphrase),
                "wrong_passphrase",
            ),
            (AppError::Model(ModelError::Locked), "assessment_locked"),
            (
                AppError::Model(ModelError::UnknownItem { item: "9.9".into() }),
                "invalid",
            ),
            (
                AppError::Definition(ToolkitError::Invalid {
                    faults: vec![
                        Fault::new("$.areas[0].title", "must not be empty"),
                        Fault::new("$.scale.levels", "needs at least two levels"),
                    ],
                }),
                "definition_invalid",
            ),
            (
                AppError::Definition(ToolkitError::Io {
                    path: "/x".into(),
                    source: io(),
                }),
                "internal",
            ),
            (
                AppError::NotCompleted {
                    id: Id("ab12".into()),
                },
                "invalid",
            ),
            (
                AppError::Invalid {
                    message: "The household needs a name.".into(),
                },
                "invalid",
            ),
            (
                AppError::Export(ExportError::Font {
                    name: "DejaVuSans.ttf",
                }),
                "internal",
            ),
            (
                AppError::Export(ExportError::FolderMissing {
                    folder: "/home/x".into(),
                }),
                "invalid",
            ),
            (
                AppError::Export(ExportError::Write {
                    path: "/home/x/s.pdf".into(),
                    source: std::io::Error::from(std::io::ErrorKind::StorageFull),
                }),
                "disk_full",
            ),
        ];
        for (e, code) in cases {
            let shown = format!("{e:?}");
            assert_eq!(ErrorReport::from(e).code, code, "for {shown}");
        }
    }

    #[test]
    fn a_definition_error_lists_one_fault_per_line() {
        let dto = ErrorReport::from(AppError::Definition(ToolkitError::Invalid {
            faults: vec![
                Fault::new("$.areas[0].title", "must not be empty"),
                Fault::new("$.scale.levels", "needs at least two levels"),
            ],
        }));
        let lines: Vec<&str> = dto.message.lines().collect();
        assert_eq!(lines.len(), 2, "{}", dto.message);
        assert!(lines[0].contains("$.areas[0].title"));
        assert!(lines[1].contains("$.scale.levels"));
    }

    #[test]
    fn a_model_message_reads_as_a_sentence_start() {
        let dto = ErrorReport::from(AppError::Model(ModelError::MissingReason));
        assert_eq!(dto.message, "An amendment needs a reason.");
    }
}
