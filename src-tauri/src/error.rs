//! The one error type that crosses the IPC boundary: `{ "code": ..., "message": ... }`.
//!
//! The interface branches only on `code` (the list is in `docs/ipc.md`); `message` is plain
//! words for the user saying what happened and what to do next. Nothing else leaves Rust: no
//! SQL, no file paths, no `Debug` output. Each core error variant maps to exactly one code,
//! pinned by the tests below.

use ntk_core::app::AppError;
use ntk_core::assessment::ModelError;
use ntk_core::export::ExportError;
use ntk_core::toolkit::ToolkitError;
use ntk_core::vault::VaultError;
use serde::Serialize;

/// An error as the interface receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDto {
    /// A stable code the interface branches on.
    pub code: &'static str,
    /// What happened and what to do next, in plain words.
    pub message: String,
}

impl ErrorDto {
    /// An error with a code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ErrorDto {
            code,
            message: message.into(),
        }
    }

    /// The vault is locked.
    pub fn locked() -> Self {
        Self::new(
            "locked",
            "The vault is locked. Enter your passphrase to carry on.",
        )
    }

    /// Something went wrong that the user cannot fix by changing their input.
    pub fn internal(what: &str) -> Self {
        Self::new(
            "internal",
            format!("{what} Your saved work is safe. Try again; if it keeps happening, restart the app."),
        )
    }
}

impl std::fmt::Display for ErrorDto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

fn model(e: &ModelError) -> ErrorDto {
    match e {
        ModelError::Locked => ErrorDto::new(
            "assessment_locked",
            "This assessment is completed and locked. Amend it, giving a reason, to change it.",
        ),
        // The model's messages name items, levels and states, never paths or SQL.
        other => ErrorDto::new("invalid", format!("{}.", capitalise(&other.to_string()))),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl From<VaultError> for ErrorDto {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::Locked => ErrorDto::locked(),
            VaultError::NotFound { .. } => ErrorDto::new(
                "not_found",
                "That record is not in the vault. It may have been removed; go back to the list.",
            ),
            VaultError::WrongPassphrase => ErrorDto::new(
                "wrong_passphrase",
                "That passphrase is not right. Check caps lock and try again, or use your recovery key.",
            ),
            VaultError::WrongRecoveryKey => ErrorDto::new(
                "wrong_recovery_key",
                "That recovery key is not right. Check each group against the one you wrote down.",
            ),
            VaultError::PassphraseTooShort { min } => ErrorDto::new(
                "weak_passphrase",
                format!("The passphrase is too short. Use at least {min} characters; a few unrelated words work well."),
            ),
            VaultError::Tampered { .. } => ErrorDto::new(
                "tampered",
                "Part of the vault has been changed outside the app and cannot be trusted. Restore a backup and tell your information governance lead.",
            ),
            VaultError::Corrupt { .. } => ErrorDto::new(
                "corrupt",
                "The vault file is damaged and cannot be opened. Restore the latest backup.",
            ),
            VaultError::NewerVersion { .. } => ErrorDto::new(
                "newer_version",
                "The vault was written by a newer version of the app. Install the latest version to open it.",
            ),
            VaultError::DiskFull => ErrorDto::new(
                "disk_full",
                "The disk is full, so the last change was not saved. Free some space, then try again.",
            ),
            VaultError::NoVault { .. } => ErrorDto::new(
                "no_vault",
                "There is no vault on this computer yet. Set one up to start.",
            ),
            VaultError::UnknownDefinition { .. } => ErrorDto::new(
                "not_found",
                "The toolkit definition this needs is not stored. Load the definition file in Settings.",
            ),
            VaultError::InvalidImport { detail } => ErrorDto::new(
                "invalid",
                format!("The import was refused and nothing was changed: {detail}."),
            ),
            VaultError::AlreadyExists { .. } => ErrorDto::new(
                "invalid",
                "A vault already exists on this computer. Unlock it instead of creating a new one.",
            ),
            VaultError::Model(m) => model(&m),
            _ => ErrorDto::internal("The vault could not complete that."),
        }
    }
}

impl From<ExportError> for ErrorDto {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Write { source, .. } | ExportError::FolderNotWritable { source, .. }
                if source.kind() == std::io::ErrorKind::StorageFull =>
            {
                ErrorDto::new(
                    "disk_full",
                    "The disk is full, so the sheet was not saved. Free some space or choose another place.",
                )
            }
            ExportError::NoFileName { .. }
            | ExportError::FolderMissing { .. }
            | ExportError::FolderNotWritable { .. }
            | ExportError::Write { .. } => ErrorDto::new(
                "invalid",
                "The summary sheet could not be saved there; nothing was written. Choose another folder you can write to.",
            ),
            _ => ErrorDto::internal("The summary sheet could not be made."),
        }
    }
}

impl From<AppError> for ErrorDto {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Vault(v) => v.into(),
            AppError::Model(m) => model(&m),
            AppError::Definition(ToolkitError::Invalid { faults }) => ErrorDto::new(
                "definition_invalid",
                faults
                    .iter()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            AppError::Definition(_) => {
                ErrorDto::internal("The toolkit definition could not be read.")
            }
            AppError::NotCompleted { .. } => ErrorDto::new(
                "invalid",
                "Only a completed assessment can be reviewed. Complete this one first.",
            ),
            AppError::Invalid { message } => ErrorDto::new("invalid", message),
            AppError::Export(e) => e.into(),
            _ => ErrorDto::internal("That could not be done."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ntk_core::assessment::Id;
    use ntk_core::toolkit::Fault;

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
            (
                VaultError::PassphraseTooShort { min: 10 },
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
                "internal",
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
        let json = serde_json::to_value(ErrorDto::new("invalid", "Say what.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "invalid", "message": "Say what." })
        );
    }

    #[test]
    fn every_vault_error_has_its_code() {
        for (e, code) in vault_cases() {
            let shown = format!("{e:?}");
            assert_eq!(ErrorDto::from(e).code, code, "for {shown}");
        }
    }

    #[test]
    fn messages_never_carry_paths_sql_or_debug_output() {
        for (e, _) in vault_cases() {
            let dto = ErrorDto::from(e);
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
            assert_eq!(ErrorDto::from(e).code, code, "for {shown}");
        }
    }

    #[test]
    fn a_definition_error_lists_one_fault_per_line() {
        let dto = ErrorDto::from(AppError::Definition(ToolkitError::Invalid {
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
        let dto = ErrorDto::from(AppError::Model(ModelError::MissingReason));
        assert_eq!(dto.message, "An amendment needs a reason.");
    }
}
