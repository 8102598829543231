//! The request and result envelopes of the interface's commands (`docs/ipc.md`).
//!
//! Everything else that crosses the boundary is a core type as it is (households, ratings,
//! [`super::AssessmentView`], settings, [`crate::limits::Limits`], [`super::ErrorReport`]). These
//! envelopes only name a command's arguments: every command takes no argument or one named
//! `input`, an object with snake_case fields. Unknown fields are refused, so a misspelt field
//! is an error rather than silently ignored.

use super::AssessmentPatch;
use crate::assessment::{Id, Rating};
use crate::secret::SecretString;
use serde::{Deserialize, Serialize};

/// An empty object, `{}`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Empty {}

/// `app_status` result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppStatus {
    /// Whether a vault file exists (otherwise the interface shows first-run set-up).
    pub vault_exists: bool,
    /// Whether it is unlocked.
    pub unlocked: bool,
    /// Whether this is the demo.
    pub demo: bool,
    /// The demo vault's passphrase, shown on the unlock screen in demo mode only.
    pub demo_passphrase: Option<&'static str>,
    /// The app's version.
    pub version: &'static str,
    /// Whether the Family view is on (it stays on through a lock: after unlocking, the
    /// interface shows the Family view again).
    pub family_view: bool,
}

/// `create_vault` and `unlock` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassphraseInput {
    /// The passphrase.
    pub passphrase: SecretString,
}

/// `restore_backup` input: the backup's passphrase, and the generation to restore (absent: the
/// file is picked in the native open dialog).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreBackupInput {
    /// The passphrase the backup was made under.
    pub passphrase: SecretString,
    /// A generation listed by `get_backups` (its `path`); absent to pick a file.
    #[serde(default)]
    pub path: Option<String>,
}

/// `create_vault` result: the recovery key, shown once.
#[derive(Serialize)]
pub struct Created {
    /// The recovery key in groups a person can write down.
    pub recovery_key: String,
}

/// `recover` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoverInput {
    /// The recovery key as typed.
    pub recovery_key: SecretString,
    /// The passphrase to set.
    pub new_passphrase: SecretString,
}

/// `change_passphrase` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassphraseInput {
    /// The current passphrase.
    pub old: SecretString,
    /// The new one.
    pub new: SecretString,
}

/// `change_passphrase` result: a new recovery key only when the vault had to be given one (its
/// header predates keeping the recovery key through a rotation); to be shown once.
#[derive(Debug, Serialize)]
pub struct PassphraseChanged {
    /// The new recovery key, if one was issued.
    pub recovery_key: Option<String>,
}

/// `import_definition` input: the file's text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonInput {
    /// The definition file's text.
    pub json: String,
}

/// `set_active_definition` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashInput {
    /// The definition's content hash.
    pub hash: String,
}

/// `list_households` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryInput {
    /// Search text; empty lists every household.
    #[serde(default)]
    pub query: String,
}

/// `{ id }` input (household or assessment).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdInput {
    /// The record's id.
    pub id: Id,
}

/// `{ household_id }` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdIdInput {
    /// The household.
    pub household_id: Id,
}

/// `start_review` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousIdInput {
    /// The completed assessment to review.
    pub previous_id: Id,
}

/// `save_rating` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveRatingInput {
    /// The assessment.
    pub assessment_id: Id,
    /// The rating (replaces the one for its item and subject).
    pub rating: Rating,
}

/// `update_assessment` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAssessmentInput {
    /// The assessment.
    pub assessment_id: Id,
    /// The fields to replace.
    pub patch: AssessmentPatch,
}

/// `amend_assessment` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendInput {
    /// The completed assessment.
    pub id: Id,
    /// Why it is being amended.
    pub reason: String,
}

/// `discard_assessment` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscardInput {
    /// The draft.
    pub id: Id,
    /// Why it is discarded (kept in the audit trail).
    pub reason: String,
}

/// `export_pdf` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportInput {
    /// The assessment to export.
    pub assessment_id: Id,
    /// Print only the chronology entries on or after this date (all of them when absent).
    #[serde(default)]
    pub chronology_since: Option<chrono::NaiveDate>,
}

impl ExportInput {
    /// The choices this export makes about the sheet.
    pub fn sheet_options(&self) -> super::SheetOptions {
        super::SheetOptions {
            chronology_since: self.chronology_since,
        }
    }
}

/// `enter_family_view` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyViewInput {
    /// The assessment to show the family.
    pub assessment_id: Id,
}

/// `export_pdf` result.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// Where the sheet was written (the user chose it).
    pub path: String,
    /// The characters that could not be printed, worded for the user
    /// ([`crate::words::missing_characters_text`]); `null` when every character printed.
    pub warning: Option<String>,
}

impl Exported {
    /// The result of writing an export to `path`, with its warning, if any.
    pub fn new(path: &std::path::Path, warning: Option<String>) -> Self {
        Exported {
            path: path.display().to_string(),
            warning,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_refuse_unknown_fields() {
        let err = serde_json::from_str::<IdInput>(r#"{"id":"ab","extra":1}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
        let ok: QueryInput = serde_json::from_str("{}").unwrap();
        assert_eq!(ok.query, "");
    }
}

pub use super::chronology::{ChronologyEntryInput, ChronologyFileInput, ChronologyRemoveInput};

/// `export_handover` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoverExportInput {
    /// The household.
    pub household_id: Id,
    /// The recipients' public keys (`age1...`).
    pub recipients: Vec<String>,
}

/// `merge_handover` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeHandoverInput {
    /// The household.
    pub household_id: Id,
    /// The keys of the fields (from `review_conflict`) that take the incoming value; every
    /// other keeps the stored one.
    #[serde(default)]
    pub take_incoming: Vec<String>,
}

/// `preview_usage_report` and `save_usage_report` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsageReportInput {
    /// The agency type the report states (e.g. "health"); "not stated" when empty.
    #[serde(default)]
    pub agency_type: String,
}

/// `resolve_handover` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveHandoverInput {
    /// The household.
    pub household_id: Id,
    /// Take the incoming version (true) or keep the stored one (false).
    pub keep_incoming: bool,
}
