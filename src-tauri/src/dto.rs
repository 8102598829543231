//! The shapes that cross the IPC boundary (see `docs/ipc.md`), with `From` conversions from the
//! core's types. Domain types are not shaped by the IPC: what the interface needs in another
//! form is converted here, and only here.

use chrono::{DateTime, NaiveDate, Utc};
use ntk_core::app::{AssessmentListItem, AssessmentPatch, AssessmentView, DefinitionInfo};
use ntk_core::assessment::{Assessment, Household, Id, Practitioner, Rating, Status};
use ntk_core::summary::{Comparison, Summary, SustainedImprovement};
use ntk_core::toolkit::{Contact, ToolkitDefinition};
use ntk_core::vault::{HouseholdSummary, Settings};
use ntk_core::words::{status_text, AssessmentText};
use serde::{Deserialize, Serialize};

/// An empty object, `{}`.
#[derive(Debug, Default, Serialize)]
pub struct Empty {}

/// `{ saved_at }`: when a change was committed.
#[derive(Debug, Serialize)]
pub struct Saved {
    /// The commit time.
    pub saved_at: DateTime<Utc>,
}

/// `app_status` result.
#[derive(Debug, Serialize)]
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
}

/// `create_vault` and `unlock` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassphraseInput {
    /// The passphrase.
    pub passphrase: String,
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
    pub recovery_key: String,
    /// The passphrase to set.
    pub new_passphrase: String,
}

/// `change_passphrase` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassphraseInput {
    /// The current passphrase.
    pub old: String,
    /// The new one.
    pub new: String,
}

/// The settings as the interface sees them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsDto {
    /// The practitioner using this computer.
    pub practitioner: Practitioner,
    /// The partnership's contacts.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Minutes of inactivity before the app locks.
    pub auto_lock_minutes: u32,
    /// Content hash of the definition new assessments use.
    #[serde(default)]
    pub active_definition: Option<String>,
}

impl From<Settings> for SettingsDto {
    fn from(s: Settings) -> Self {
        SettingsDto {
            practitioner: s.practitioner,
            contacts: s.contacts,
            auto_lock_minutes: s.auto_lock_minutes,
            active_definition: s.active_definition,
        }
    }
}

impl From<SettingsDto> for Settings {
    fn from(s: SettingsDto) -> Self {
        Settings {
            practitioner: s.practitioner,
            contacts: s.contacts,
            auto_lock_minutes: s.auto_lock_minutes,
            active_definition: s.active_definition,
        }
    }
}

/// A stored definition in the settings list.
#[derive(Debug, Serialize)]
pub struct DefinitionDto {
    /// Content hash.
    pub hash: String,
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Whether new assessments use it.
    pub active: bool,
}

impl From<DefinitionInfo> for DefinitionDto {
    fn from(d: DefinitionInfo) -> Self {
        DefinitionDto {
            hash: d.hash,
            id: d.id,
            version: d.version,
            title: d.title,
            active: d.active,
        }
    }
}

/// `import_definition` result.
#[derive(Debug, Serialize)]
pub struct ImportedDefinition {
    /// Content hash.
    pub hash: String,
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
}

impl From<DefinitionInfo> for ImportedDefinition {
    fn from(d: DefinitionInfo) -> Self {
        ImportedDefinition {
            hash: d.hash,
            id: d.id,
            version: d.version,
            title: d.title,
        }
    }
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

/// A household in a list.
#[derive(Debug, Serialize)]
pub struct HouseholdSummaryDto {
    /// Id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Postcode.
    pub postcode: String,
    /// The children's names.
    pub children: Vec<String>,
    /// The latest assessment and its state.
    pub latest_assessment: Option<(Id, Status)>,
    /// The latest assessment's state in words.
    pub latest_status_text: Option<&'static str>,
    /// When a review is due.
    pub review_due: Option<NaiveDate>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<HouseholdSummary> for HouseholdSummaryDto {
    fn from(h: HouseholdSummary) -> Self {
        HouseholdSummaryDto {
            id: h.id,
            name: h.name,
            postcode: h.postcode,
            children: h.children,
            latest_status_text: h.latest_assessment.as_ref().map(|(_, s)| status_text(*s)),
            latest_assessment: h.latest_assessment,
            review_due: h.review_due,
            updated_at: h.updated_at,
        }
    }
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

/// An assessment in a household's list.
#[derive(Debug, Serialize)]
pub struct AssessmentListItemDto {
    /// Id.
    pub id: Id,
    /// `initial` or `review`.
    pub kind: &'static str,
    /// Lifecycle state.
    pub status: Status,
    /// First visit, else creation date.
    pub started_on: NaiveDate,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// The assessment a review reviews.
    pub previous: Option<Id>,
    /// The kind in words.
    pub kind_text: &'static str,
    /// The status in words.
    pub status_text: &'static str,
}

impl From<AssessmentListItem> for AssessmentListItemDto {
    fn from(a: AssessmentListItem) -> Self {
        AssessmentListItemDto {
            id: a.id,
            kind: a.kind,
            status: a.status,
            started_on: a.started_on,
            updated_at: a.updated_at,
            previous: a.previous,
            kind_text: a.kind_text,
            status_text: a.status_text,
        }
    }
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

/// `export_pdf` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportInput {
    /// The assessment to export.
    pub assessment_id: Id,
}

/// `export_pdf` result.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// Where the sheet was written (the user chose it).
    pub path: String,
}

/// An assessment with everything the interface shows beside it.
#[derive(Debug, Serialize)]
pub struct AssessmentViewDto {
    /// The assessment.
    pub assessment: Assessment,
    /// Its household.
    pub household: Household,
    /// The definition it was completed against.
    pub definition: ToolkitDefinition,
    /// That definition's content hash.
    pub definition_hash: String,
    /// Profile and prompts.
    pub summary: Summary,
    /// For a review: the assessment reviewed.
    pub previous: Option<Assessment>,
    /// For a review: the comparison.
    pub comparison: Option<Comparison>,
    /// Improvements held across reviews.
    pub sustained: Vec<SustainedImprovement>,
    /// Every text a rule produces, ready to show.
    pub text: AssessmentText,
}

impl From<AssessmentView> for AssessmentViewDto {
    fn from(v: AssessmentView) -> Self {
        AssessmentViewDto {
            assessment: v.assessment,
            household: v.household,
            definition: v.definition,
            definition_hash: v.definition_hash,
            summary: v.summary,
            previous: v.previous,
            comparison: v.comparison,
            sustained: v.sustained,
            text: v.text,
        }
    }
}
