//! The app's use cases, reached through one entry point: a [`Session`] over an unlocked vault.
//!
//! The desktop shell and the `ntk` tool both need the same steps: start an assessment with the
//! active definition, start a review of a completed one, save a rating, patch the free-text
//! parts, complete and amend, show an assessment with its summary and comparison, store a
//! household with fresh ids, draw the summary sheet. Each is one method of [`Session`], so the
//! shell's commands are one call plus error mapping and the CLI gives the same result for the same
//! input. The session takes its time and randomness from the vault's [`VaultEnv`], which the
//! caller passes in, like everywhere else in the core.
//!
//! The shapes that cross the IPC boundary are the core's own types (serde), listed in
//! `docs/ipc.md`; the few request and result envelopes the commands need live in [`ipc`]. Errors
//! carry a stable code and a message for the user ([`ErrorReport`]), decided here.

mod backup;
mod chronology;
mod conflict;
mod error;
mod handover;
mod history;
mod integrity;
pub mod ipc;
mod report;

pub use backup::{
    BackupGenerationView, BackupMoment, BackupsView, EraseReason, EraseRequest, ErasureLine,
    ErasuresView, Restored,
};
pub use chronology::{
    ChildChoice, ChronologyImported, ChronologyView, EntryView, ImpactOption, SheetOptions,
};
pub use conflict::ConflictReview;
pub use error::{AppError, ErrorReport};
pub use handover::{HandoverImported, ReceivedItem};
pub use history::{HistoryLine, HistoryView};
pub use integrity::{IntegrityProblem, IntegrityView};
pub use report::{ReportPreview, ReportRow};

use crate::assessment::{
    Assessment, AssessmentKind, ChildNote, Decision, DefinitionRef, Household, Id, Rating,
    ReviewAnswer, Status, Target, Visit,
};
use crate::limits;
use crate::secret::IntoSecret;
use crate::summary::{self, Comparison, PreviousRating, Summary, SustainedImprovement, Trend};
use crate::toolkit::{self, Contact, ToolkitDefinition};
use crate::vault::{
    HouseholdSummary, KdfProfile, RecoveryKey, RekeyProgress, Settings, Vault, VaultEnv,
    VaultError, VerifyReport,
};
use crate::words::{self, AssessmentText, ReviewText};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Everything the interface shows for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentView {
    /// The assessment.
    pub assessment: Assessment,
    /// Its household as stored now.
    pub household: Household,
    /// The definition it was completed against (the stored copy, never a newer one).
    pub definition: ToolkitDefinition,
    /// That definition's content hash.
    pub definition_hash: String,
    /// The derived profile and prompts.
    pub summary: Summary,
    /// For a review: the assessment it reviews.
    pub previous: Option<Assessment>,
    /// For a review: how each item moved since the previous assessment.
    pub comparison: Option<Comparison>,
    /// Improvements held across two or more reviews.
    pub sustained: Vec<SustainedImprovement>,
    /// Every text a rule produces for this view, ready to show ([`words::assessment_text`]).
    pub text: AssessmentText,
    /// For a review: each item as rated in the assessment reviewed, shown beside the item while
    /// re-rating ([`summary::previous_ratings`]).
    pub previous_ratings: Vec<PreviousRating>,
    /// The levels over every completed assessment of the household up to this one, and this
    /// one if it is in progress, in date order ([`Session::series`]).
    pub trend: Trend,
    /// The words of the review parts: progress, targets, trend headings
    /// ([`words::review_text`]).
    pub review_text: ReviewText,
    /// The contacts a front door is chosen from ([`Session::contacts_for`]).
    pub contacts: Vec<Contact>,
    /// Whether the DASH risk checklist record is offered ([`summary::dash_offered`]).
    pub dash_offered: bool,
    /// Where each guidance entry of the definition is shown ([`crate::guidance`]).
    pub guidance: crate::guidance::PlacedGuidance,
    /// For a review whose earlier assessment does not open: the notice to show in place of
    /// the comparison ([`words::PREVIOUS_UNREADABLE`]). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_unreadable: Option<&'static str>,
}

/// A stored toolkit definition as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefinitionInfo {
    /// Content hash (the key it is stored under).
    pub hash: String,
    /// The definition's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its title.
    pub title: String,
    /// Whether new assessments use it.
    pub active: bool,
}

/// One line of a household's list of assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentListItem {
    /// Identifier.
    pub id: Id,
    /// Initial or review (the same shape as [`Assessment::kind`]).
    pub kind: AssessmentKind,
    /// Lifecycle state.
    pub status: Status,
    /// First visit, else creation date.
    pub started_on: NaiveDate,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// For a review, the assessment it reviews.
    pub previous: Option<Id>,
    /// The kind in words ([`words::kind_text`]).
    pub kind_text: &'static str,
    /// The status in words ([`words::status_text`]).
    pub status_text: &'static str,
}

/// One line of the households list: the stored summary and its latest status in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdListItem {
    /// The household as the vault lists it.
    #[serde(flatten)]
    pub summary: HouseholdSummary,
    /// The latest assessment's status in words ([`words::status_text`]).
    pub latest_status_text: Option<&'static str>,
}

impl From<HouseholdSummary> for HouseholdListItem {
    fn from(summary: HouseholdSummary) -> Self {
        HouseholdListItem {
            latest_status_text: summary
                .latest_assessment
                .as_ref()
                .map(|(_, status)| words::status_text(*status)),
            summary,
        }
    }
}

/// When a change was committed (the time stamped on the record and its audit entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The commit time.
    pub saved_at: DateTime<Utc>,
}

/// A partial change to the free-text and structured parts of an assessment. Absent fields are
/// left as they are; ratings have their own call ([`Session::save_rating`]).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentPatch {
    /// Replaces the visits.
    #[serde(default)]
    pub visits: Option<Vec<Visit>>,
    /// Replaces the background factors.
    #[serde(default)]
    pub background: Option<String>,
    /// Replaces the poverty context.
    #[serde(default)]
    pub poverty_context: Option<String>,
    /// Replaces the family's strengths.
    #[serde(default)]
    pub strengths: Option<String>,
    /// Replaces the carer's view.
    #[serde(default)]
    pub carer_view: Option<String>,
    /// Replaces the children's views.
    #[serde(default)]
    pub child_views: Option<Vec<ChildNote>>,
    /// Replaces the background events.
    #[serde(default)]
    pub background_events: Option<Vec<crate::assessment::BackgroundEvent>>,
    /// Replaces the analysis.
    #[serde(default)]
    pub analysis: Option<String>,
    /// Replaces the practitioner-only notes.
    #[serde(default)]
    pub practitioner_notes: Option<String>,
    /// Replaces the decision.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Replaces a review's answers to the review questions.
    #[serde(default)]
    pub review_answers: Option<Vec<ReviewAnswer>>,
    /// Replaces the priorities and targets (all items).
    #[serde(default)]
    pub targets: Option<Vec<Target>>,
}

impl AssessmentPatch {
    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == AssessmentPatch::default()
    }

    fn apply(self, a: &mut Assessment) {
        if let Some(v) = self.visits {
            a.visits = v;
        }
        if let Some(v) = self.background {
            a.background = v;
        }
        if let Some(v) = self.poverty_context {
            a.poverty_context = v;
        }
        if let Some(v) = self.strengths {
            a.strengths = v;
        }
        if let Some(v) = self.carer_view {
            a.carer_view = v;
        }
        if let Some(v) = self.child_views {
            a.child_views = v;
        }
        if let Some(v) = self.background_events {
            a.background_events = v;
        }
        if let Some(v) = self.analysis {
            a.analysis = v;
        }
        if let Some(v) = self.practitioner_notes {
            a.practitioner_notes = v;
        }
        if let Some(v) = self.decision {
            a.decision = v;
        }
        if let Some(v) = self.review_answers {
            a.review_answers = v;
        }
        if let Some(v) = self.targets {
            a.targets = v;
        }
    }
}

/// A summary sheet ready to be written: its bytes and a suggested file name (which carries no
/// personal data: the sheet may be saved where others can see file names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetFile {
    /// Suggested file name, e.g. `neglect-toolkit-summary-2026-03-02-1a2b3c4d.pdf`.
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Characters no bundled font has (printed as a white square), in code point order.
    pub missing_characters: Vec<char>,
    /// The warning to show about them ([`words::missing_characters_text`]); `None` when every
    /// character printed.
    pub warning: Option<String>,
}

/// The creation time to print on a summary sheet: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// common convention for reproducible output) when it is set to a valid time, else `now`. Both
/// the app and `ntk` read it the same way, so the same vault gives the same bytes from either.
pub fn sheet_time(now: DateTime<Utc>, source_date_epoch: Option<&str>) -> DateTime<Utc> {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or(now)
}

/// The unlocked vault and every use case the shell and `ntk` reach. Dropping it zeroizes the keys.
pub struct Session {
    vault: Vault,
    /// The auto-lock setting, kept in clear memory so the idle check never decrypts anything.
    auto_lock_minutes: u32,
    /// What the integrity checks of this session found.
    integrity: integrity::IntegrityState,
    /// The notice of the last automatic backup that failed in this session.
    backup_notice: Option<&'static str>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("vault", &self.vault)
            .finish()
    }
}

impl Session {
    // ---- Opening and keys ------------------------------------------------------------------

    fn over(vault: Vault) -> Session {
        let integrity = integrity::IntegrityState::at_unlock(&vault);
        // The households list is served from memory from here on. A build that fails is tried
        // again by the first list, which then reports the error.
        let _ = vault.rebuild_index();
        let mut s = Session {
            vault,
            auto_lock_minutes: limits::AUTO_LOCK_DEFAULT_MINUTES,
            integrity,
            backup_notice: None,
        };
        s.auto_lock_minutes = s
            .settings()
            .map(|st| st.auto_lock_minutes)
            .unwrap_or(limits::AUTO_LOCK_DEFAULT_MINUTES);
        s
    }

    /// Create a new vault at `path` (which must not exist), make the bundled definition active,
    /// and return the session with the recovery key, to be shown to the user once.
    pub fn create(
        path: &Path,
        passphrase: impl IntoSecret,
        profile: KdfProfile,
        env: VaultEnv,
    ) -> Result<(Session, RecoveryKey), AppError> {
        let (vault, key) = Vault::create(path, passphrase, profile, env)?;
        let mut s = Session::over(vault);
        s.active_definition()?;
        Ok((s, key))
    }

    /// Unlock the vault at `path` with the passphrase.
    pub fn unlock(
        path: &Path,
        passphrase: impl IntoSecret,
        env: VaultEnv,
    ) -> Result<Session, AppError> {
        Ok(Session::over(Vault::unlock(path, passphrase, env)?))
    }

    /// Unlock with the recovery key and set a new passphrase.
    pub fn recover(
        path: &Path,
        recovery_key: impl IntoSecret,
        new_passphrase: impl IntoSecret,
        env: VaultEnv,
    ) -> Result<Session, AppError> {
        Ok(Session::over(Vault::recover(
            path,
            recovery_key,
            new_passphrase,
            env,
        )?))
    }

    /// Change the passphrase. The data key rotates: every record is re-sealed in one
    /// transaction, and `progress` is told how far it has gone. Returns a new recovery key only
    /// when the vault's old header could not keep the current one (see
    /// [`Vault::change_passphrase`]); it is to be shown once.
    pub fn change_passphrase(
        &mut self,
        old: impl IntoSecret,
        new: impl IntoSecret,
        progress: &mut dyn FnMut(RekeyProgress),
    ) -> Result<Option<RecoveryKey>, AppError> {
        Ok(self.vault.change_passphrase(old, new, progress)?)
    }

    /// Issue a new recovery key, confirmed with the passphrase. The data key rotates and the
    /// old recovery key stops working; the new one is to be shown once.
    pub fn new_recovery_key(
        &mut self,
        passphrase: impl IntoSecret,
        progress: &mut dyn FnMut(RekeyProgress),
    ) -> Result<RecoveryKey, AppError> {
        Ok(self.vault.new_recovery_key(passphrase, progress)?)
    }

    /// Check that `passphrase` is this vault's passphrase, changing nothing (leaving the Family
    /// view asks for it). The key is derived from it as an unlock does, with the same growing
    /// wait after repeated failures; `wrong_passphrase` if it does not open the vault.
    pub fn verify_passphrase(&self, passphrase: impl IntoSecret) -> Result<(), AppError> {
        // A second, read-only use of the file: the copy opened here writes nothing and is
        // dropped at once (its key zeroized), so its clock and random source are never used.
        let checked = Vault::unlock(self.vault.path(), passphrase, VaultEnv::system())?;
        drop(checked);
        Ok(())
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        self.vault.path()
    }

    // ---- Administration (the CLI's vault commands) ---------------------------------------------

    /// Check every record and the audit chain.
    pub fn verify(&self) -> Result<VerifyReport, AppError> {
        Ok(self.vault.verify()?)
    }

    /// Copy the encrypted vault to `out` while it is in use.
    pub fn backup_to(&self, out: &Path) -> Result<(), AppError> {
        Ok(self.vault.backup_to(out)?)
    }

    /// Every household and assessment in the documented JSON form.
    pub fn export_json(&self) -> Result<serde_json::Value, AppError> {
        Ok(self.vault.export_json()?)
    }

    /// Import households and assessments from the documented JSON form (all or nothing). Every
    /// household's dates are checked first ([`crate::assessment::check_dates`] on today's date), so
    /// a born child with a date of birth in the future is refused and nothing is imported.
    pub fn import_json(
        &mut self,
        doc: &serde_json::Value,
    ) -> Result<crate::vault::ImportReport, AppError> {
        let today = self
            .vault
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .date_naive();
        let households = doc.get("households").and_then(|h| h.as_array());
        for (i, entry) in households.into_iter().flatten().enumerate() {
            // A household that does not parse is reported by the import itself, with its path.
            let Some(h) = entry
                .get("household")
                .and_then(|h| serde_json::from_value::<Household>(h.clone()).ok())
            else {
                continue;
            };
            crate::assessment::check_dates(&h, today)
                .and_then(|()| crate::assessment::check_agencies(&h))
                .map_err(|e| AppError::Invalid {
                    message: format!("Nothing was imported. $.households[{i}].household: {e}."),
                })?;
        }
        Ok(self.vault.import_json(doc)?)
    }

    /// Add the fictional demo household: its completed initial assessment and two reviews,
    /// against the active definition (the bundled default is stored and made active first if
    /// nothing is active). Returns the household's id.
    pub fn load_demo(&mut self) -> Result<Id, AppError> {
        let hash = self.active_definition()?;
        let stored = self.vault.definition(&hash)?;
        let bundled = toolkit::bundled_default();
        // The demo's ratings are written for the bundled definition; if another one is active,
        // the demo uses the bundled one (stored beside it) rather than failing validation.
        let def = if stored.id == bundled.id {
            stored
        } else {
            self.vault.store_definition(&bundled)?;
            bundled
        };
        let now = self.vault.clock().now();
        let demo = crate::demo::demo(&def, now, self.vault.entropy());
        self.vault.save_household(&demo.household)?;
        self.vault.save_assessment(&demo.initial)?;
        self.vault.save_assessment(&demo.review)?;
        self.vault.save_assessment(&demo.second_review)?;
        let chronology = crate::demo::chronology(&demo.household, now, self.vault.entropy());
        let received =
            crate::demo::received_conflict(&demo.household, &chronology, now, self.vault.entropy());
        self.vault
            .change_chronology(&demo.household.id, "load_demo", None, |c| {
                *c = chronology;
                Ok(())
            })?;
        // The MASH's version of the household, waiting to be reviewed field by field.
        self.vault.store_received_record(&received, "load_demo")?;
        Ok(demo.household.id)
    }

    // ---- Settings and definitions ------------------------------------------------------------

    /// The settings, with the auto-lock time brought into the allowed range.
    pub fn settings(&self) -> Result<Settings, AppError> {
        let mut s = self.vault.settings()?;
        s.auto_lock_minutes = limits::auto_lock_in_range(s.auto_lock_minutes);
        Ok(s)
    }

    /// The auto-lock time in minutes, as last read or saved (the default if the settings could
    /// not be read). Reading it decrypts nothing.
    pub fn auto_lock_minutes(&self) -> u32 {
        self.auto_lock_minutes
    }

    /// Save the settings. The auto-lock time must be within [`limits`]; a named active
    /// definition must be stored.
    pub fn save_settings(&mut self, settings: Settings) -> Result<Saved, AppError> {
        let settings = crate::text::without_bidi_controls(settings);
        if !limits::auto_lock_allowed(settings.auto_lock_minutes) {
            return Err(AppError::Invalid {
                message: limits::auto_lock_message(),
            });
        }
        if let Some(hash) = &settings.active_definition {
            self.vault.definition(hash)?;
        }
        Session::check_backup_dir(settings.backup_dir.as_deref())?;
        let mut settings = settings;
        settings.backup_dir = settings
            .backup_dir
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        let saved_at = self.vault.save_settings(&settings)?;
        self.auto_lock_minutes = settings.auto_lock_minutes;
        Ok(Saved { saved_at })
    }

    /// The hash of the definition new assessments use: the one chosen in settings, else the
    /// bundled default (stored on first use and made active).
    pub fn active_definition(&mut self) -> Result<String, AppError> {
        let mut settings = self.vault.settings()?;
        if let Some(hash) = settings.active_definition.clone() {
            return Ok(hash);
        }
        let hash = self.vault.store_definition(&toolkit::bundled_default())?;
        settings.active_definition = Some(hash.clone());
        self.vault.save_settings(&settings)?;
        Ok(hash)
    }

    /// Parse, validate and store a partnership's definition file; it does not become active.
    pub fn import_definition(&mut self, json: &str) -> Result<DefinitionInfo, AppError> {
        let def = toolkit::parse(json.as_bytes())?;
        let hash = self.vault.store_definition(&def)?;
        let active = self.vault.settings()?.active_definition.as_deref() == Some(hash.as_str());
        Ok(DefinitionInfo {
            hash,
            id: def.id,
            version: def.version,
            title: def.title,
            active,
        })
    }

    /// The "How to use the toolkit" page, drawn from the active definition's guidance
    /// ([`crate::guidance::help_page`]).
    pub fn help(&mut self) -> Result<crate::guidance::HelpPage, AppError> {
        let hash = self.active_definition()?;
        let def = self.vault.definition(&hash)?;
        Ok(crate::guidance::help_page(&def))
    }

    /// Every stored definition, marking the active one (the bundled default is stored first if
    /// nothing is active yet, so the list is never empty).
    pub fn list_definitions(&mut self) -> Result<Vec<DefinitionInfo>, AppError> {
        let active = self.active_definition()?;
        Ok(self
            .vault
            .definitions()?
            .into_iter()
            .map(|(hash, def)| DefinitionInfo {
                active: hash == active,
                hash,
                id: def.id,
                version: def.version,
                title: def.title,
            })
            .collect())
    }

    /// Make a stored definition the one new assessments use.
    pub fn set_active_definition(&mut self, hash: &str) -> Result<(), AppError> {
        self.vault.definition(hash)?;
        let mut settings = self.vault.settings()?;
        settings.active_definition = Some(hash.to_string());
        self.vault.save_settings(&settings)?;
        Ok(())
    }

    // ---- Households --------------------------------------------------------------------------

    /// Households whose name, children, date of birth or postcode match `query` (surrounding
    /// spaces ignored); every household for an empty query.
    pub fn households(&self, query: &str) -> Result<Vec<HouseholdListItem>, AppError> {
        let q = query.trim();
        let found = if q.is_empty() {
            self.vault.list_households()?
        } else {
            self.vault.search_households(q)?
        };
        Ok(found.into_iter().map(Into::into).collect())
    }

    /// Households with a review due today (the local date) or earlier.
    pub fn reviews_due(&self) -> Result<Vec<HouseholdListItem>, AppError> {
        let today = self
            .vault
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .date_naive();
        Ok(self
            .vault
            .reviews_due(today)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// One household.
    pub fn household(&self, id: &Id) -> Result<Household, AppError> {
        Ok(self.vault.household(id)?)
    }

    /// Store a household, giving fresh ids to a new household, carer or child (an empty id means
    /// new) and setting its timestamps. Returns the household as stored.
    pub fn save_household(&mut self, h: Household) -> Result<Household, AppError> {
        let mut h = crate::text::without_bidi_controls(h);
        let now = self.vault.clock().now();
        if h.name.trim().is_empty() {
            return Err(AppError::Invalid {
                message: "The household needs a name, for example \"Smith family\".".into(),
            });
        }
        if h.children.iter().any(|c| c.name.trim().is_empty()) {
            return Err(AppError::Invalid {
                message: "Every child needs a name.".into(),
            });
        }
        if h.carers.iter().any(|c| c.name.trim().is_empty()) {
            return Err(AppError::Invalid {
                message: "Every carer needs a name.".into(),
            });
        }
        crate::assessment::check_dates(&h, now.with_timezone(&chrono::Local).date_naive())?;
        crate::assessment::check_agencies(&h)?;
        if h.id.as_str().is_empty() {
            h.id = Id::generate(self.vault.entropy());
            h.created_at = now;
        } else {
            // Keep the creation time as stored; the caller cannot rewrite history.
            h.created_at = self.vault.household(&h.id)?.created_at;
        }
        for c in h.carers.iter_mut().filter(|c| c.id.as_str().is_empty()) {
            c.id = Id::generate(self.vault.entropy());
        }
        for c in h.children.iter_mut().filter(|c| c.id.as_str().is_empty()) {
            c.id = Id::generate(self.vault.entropy());
        }
        h.updated_at = now;
        self.vault.save_household(&h)?;
        Ok(h)
    }

    // ---- Assessments -------------------------------------------------------------------------

    /// The assessments of a household, oldest first, as list lines.
    pub fn assessments(&self, household_id: &Id) -> Result<Vec<AssessmentListItem>, AppError> {
        Ok(self
            .vault
            .assessments(household_id)?
            .into_iter()
            .map(|a| AssessmentListItem {
                status: a.status,
                started_on: a.started_on(),
                updated_at: a.updated_at,
                previous: a.previous().cloned(),
                kind_text: words::kind_text(&a.kind),
                status_text: words::status_text(a.status),
                kind: a.kind,
                id: a.id,
            })
            .collect())
    }

    /// The most recently started assessment of a household.
    pub fn latest_assessment(&self, household_id: &Id) -> Result<Id, AppError> {
        self.vault
            .assessments(household_id)?
            .pop()
            .map(|a| a.id)
            .ok_or_else(|| AppError::Invalid {
                message: "This household has no assessment yet. Start a toolkit first.".into(),
            })
    }

    /// Refuse to open a toolkit while the household has another in progress (see
    /// [`crate::assessment::check_one_in_progress`]). Checked again inside the write.
    fn ensure_none_in_progress(&self, household_id: &Id, opening: &Id) -> Result<(), AppError> {
        let stored = self.vault.assessments(household_id)?;
        Ok(crate::assessment::check_one_in_progress(&stored, opening)?)
    }

    /// Start an initial assessment of a household with the active definition and the
    /// practitioner from settings. Refused while the household has a toolkit in progress.
    pub fn new_assessment(&mut self, household_id: &Id) -> Result<AssessmentView, AppError> {
        self.vault.household(household_id)?;
        self.ensure_none_in_progress(household_id, &Id(String::new()))?;
        let hash = self.active_definition()?;
        let def = self.vault.definition(&hash)?;
        let now = self.vault.clock().now();
        let a = Assessment::new_draft(
            Id::generate(self.vault.entropy()),
            household_id.clone(),
            AssessmentKind::Initial,
            DefinitionRef {
                id: def.id.clone(),
                version: def.version.clone(),
                hash,
            },
            self.vault.settings()?.practitioner,
            now,
        );
        self.vault.save_opening(&a)?;
        self.assessment_view(&a.id)
    }

    /// Start a review of a completed assessment: same household and definition, no ratings yet,
    /// linked to the one reviewed, with the reviewed assessment's open targets carried in
    /// ([`Assessment::open_targets`]) for progress to be recorded. Refused while the household
    /// has a toolkit in progress.
    pub fn start_review(&mut self, previous_id: &Id) -> Result<AssessmentView, AppError> {
        let prev = self.vault.assessment(previous_id)?;
        if prev.status != Status::Completed {
            return Err(AppError::NotCompleted { id: prev.id });
        }
        self.ensure_none_in_progress(&prev.household_id, &Id(String::new()))?;
        let now = self.vault.clock().now();
        let a = Assessment::new_draft(
            Id::generate(self.vault.entropy()),
            prev.household_id.clone(),
            AssessmentKind::Review {
                previous: prev.id.clone(),
            },
            prev.definition.clone(),
            self.vault.settings()?.practitioner,
            now,
        );
        let mut a = a;
        // A target about a child who has since left the household stays with the assessment
        // it was set in.
        let household = self.vault.household(&prev.household_id)?;
        a.targets = prev
            .open_targets()
            .into_iter()
            .filter(|t| match &t.subject {
                crate::assessment::Subject::Child(id) => {
                    household.children.iter().any(|c| &c.id == id)
                }
                crate::assessment::Subject::Household => true,
            })
            .collect();
        self.vault.save_opening(&a)?;
        self.assessment_view(&a.id)
    }

    /// Save one rating (the hot path). Refused while the assessment is completed.
    pub fn save_rating(&mut self, assessment_id: &Id, rating: Rating) -> Result<Saved, AppError> {
        let rating = crate::text::without_bidi_controls(rating);
        // The vault reads and checks the assessment once, inside its write transaction.
        let saved_at = self.vault.save_rating(assessment_id, rating)?;
        Ok(Saved { saved_at })
    }

    /// Apply a patch to an editable assessment.
    pub fn update_assessment(
        &mut self,
        assessment_id: &Id,
        patch: AssessmentPatch,
    ) -> Result<Saved, AppError> {
        let mut a = self.vault.assessment(assessment_id)?;
        a.ensure_editable()?;
        if patch.is_empty() {
            return Ok(Saved {
                saved_at: a.updated_at,
            });
        }
        if let Some(d) = &patch.decision {
            if d.front_door != a.decision.front_door {
                let def = self.vault.definition(&a.definition.hash)?;
                crate::assessment::check_front_door(d, &self.contacts_for(&def)?)?;
            }
        }
        patch.apply(&mut a);
        let mut a = crate::text::without_bidi_controls(a);
        a.updated_at = self.vault.clock().now();
        self.vault.save_assessment(&a)?;
        Ok(Saved {
            saved_at: a.updated_at,
        })
    }

    /// Complete (lock) an assessment, recording who did it and keeping a copy of the household
    /// as it is now, from which its summary sheet is drawn from then on (see
    /// [`Session::summary_sheet`]). Completing again after an amendment takes a fresh copy.
    ///
    /// A backup generation is made first ([`BackupMoment::BeforeCompleting`]); if it fails the
    /// assessment is still completed and the session keeps the notice.
    pub fn complete(&mut self, id: &Id) -> Result<AssessmentView, AppError> {
        let mut a = self.vault.assessment(id)?;
        if a.status != Status::Completed {
            // A failed backup never blocks completing; its notice is kept for the interface.
            let _ = self.auto_backup(BackupMoment::BeforeCompleting);
        }
        let by = self.vault.settings()?.practitioner.name;
        a.complete(&by, self.vault.clock().now())?;
        a.household_snapshot = Some(self.vault.household(&a.household_id)?);
        self.vault.save_assessment(&a)?;
        self.assessment_view(id)
    }

    /// Reopen a completed assessment to amend it, with a reason kept in its history. Refused
    /// while another toolkit of the household is in progress.
    pub fn amend(&mut self, id: &Id, reason: &str) -> Result<AssessmentView, AppError> {
        let reason = &crate::text::strip_bidi(reason);
        let mut a = self.vault.assessment(id)?;
        let by = self.vault.settings()?.practitioner.name;
        a.start_amendment(&by, reason, self.vault.clock().now())?;
        self.ensure_none_in_progress(&a.household_id, id)?;
        self.vault.save_opening(&a)?;
        self.assessment_view(id)
    }

    /// Discard a draft (initial or review) that should not go on, with a reason kept in the
    /// audit trail. The draft and its ratings are deleted; a completed or amending assessment is
    /// never discarded, and the assessment a review reviews is untouched.
    pub fn discard(&mut self, id: &Id, reason: &str) -> Result<Saved, AppError> {
        let reason = &crate::text::strip_bidi(reason);
        let saved_at = self.vault.discard_assessment(id, reason)?;
        Ok(Saved { saved_at })
    }

    /// The assessments a trend runs over, oldest first: every completed (or amending)
    /// assessment of the household, and `current` whatever its state, ordered by the day each
    /// started (then when it was created), ending with `current`.
    fn series(&self, current: &Assessment) -> Result<Vec<Assessment>, AppError> {
        let mut all: Vec<Assessment> = self
            .vault
            .assessments(&current.household_id)?
            .into_iter()
            .filter(|a| a.id != current.id && a.status != Status::Draft)
            .chain([current.clone()])
            .collect();
        all.sort_by_key(|a| (a.started_on(), a.created_at));
        if let Some(at) = all.iter().position(|a| a.id == current.id) {
            all.truncate(at + 1);
        }
        Ok(all)
    }

    /// An assessment with its household, the stored definition it used, its summary and, for a
    /// review, the previous assessment, the comparison, the review prompts (worse, drift) and
    /// the previous ratings; the trend and sustained improvements over the series
    /// ([`Session::series`]).
    pub fn assessment_view(&self, id: &Id) -> Result<AssessmentView, AppError> {
        let assessment = self.vault.assessment(id)?;
        let household = self.vault.household(&assessment.household_id)?;
        self.view_with(assessment, household)
    }

    /// [`Session::assessment_view`] with the household given (the stored one, or the copy kept
    /// when the assessment was completed).
    fn view_with(
        &self,
        assessment: Assessment,
        household: Household,
    ) -> Result<AssessmentView, AppError> {
        let v = &self.vault;
        let definition = v.definition(&assessment.definition.hash)?;
        let mut summary = summary::summarise(&assessment, &household, &definition);
        // A damaged (or missing) earlier assessment must not block the review: it is shown
        // without the comparison, with a notice. The record is quarantined and listed.
        let mut previous_unreadable = None;
        let previous = match assessment.previous() {
            Some(p) if p != &assessment.id => match v.assessment(p) {
                Ok(a) => Some(a),
                Err(
                    VaultError::Tampered { .. }
                    | VaultError::Corrupt { .. }
                    | VaultError::NotFound { .. },
                ) => {
                    previous_unreadable = Some(words::PREVIOUS_UNREADABLE);
                    None
                }
                Err(e) => return Err(e.into()),
            },
            _ => None,
        };
        let comparison = previous
            .as_ref()
            .map(|p| summary::compare(p, &assessment, &household, &definition));
        if let Some(p) = &previous {
            summary.prompts.extend(summary::review_prompts(
                p,
                &assessment,
                &household,
                &definition,
            ));
        }
        let previous_ratings = previous
            .as_ref()
            .map(|p| summary::previous_ratings(p, &household, &definition))
            .unwrap_or_default();
        let series = self.series(&assessment)?;
        let refs: Vec<&Assessment> = series.iter().collect();
        let sustained = summary::sustained_improvements(&refs, &household, &definition);
        let trend = summary::trend(&refs, &household, &definition);
        let text =
            words::assessment_text(&assessment, &household, &definition, &summary, &sustained);
        let review_text = words::review_text(&assessment, &household, &definition, &trend);
        let contacts = self.contacts_for(&definition)?;
        let dash_offered = summary::dash_offered(&assessment, &definition, &summary);
        let guidance = crate::guidance::placed_guidance(&assessment, &household, &definition);
        Ok(AssessmentView {
            guidance,
            contacts,
            dash_offered,
            definition_hash: assessment.definition.hash.clone(),
            assessment,
            household,
            definition,
            summary,
            previous,
            comparison,
            sustained,
            text,
            previous_ratings,
            trend,
            review_text,
            previous_unreadable,
        })
    }

    /// What the family may see of an assessment (see [`crate::family`]): computed from the
    /// assessment, its household and the stored definition it was completed with.
    pub fn family_view(&self, assessment_id: &Id) -> Result<crate::family::FamilyView, AppError> {
        let a = self.vault.assessment(assessment_id)?;
        let h = self.vault.household(&a.household_id)?;
        let def = self.vault.definition(&a.definition.hash)?;
        Ok(crate::family::family_view(&a, &h, &def))
    }

    /// The contacts printed on a sheet and shown beside "call 999": the practitioner's own from
    /// settings, else the definition's.
    pub fn contacts_for(&self, definition: &ToolkitDefinition) -> Result<Vec<Contact>, AppError> {
        let own = self.vault.settings()?.contacts;
        Ok(if own.is_empty() {
            definition.contacts.clone()
        } else {
            own
        })
    }

    /// Draw the summary sheet of an assessment as it stands, created at `at` (see
    /// [`sheet_time`]), with the household's whole chronology ([`Session::summary_sheet_with`]
    /// chooses).
    pub fn summary_sheet(&self, id: &Id, at: DateTime<Utc>) -> Result<SheetFile, AppError> {
        self.summary_sheet_with(id, at, &SheetOptions::default())
    }
}

/// The suggested file name of a summary sheet (it names no one).
fn sheet_file_name(id: &Id, at: DateTime<Utc>) -> String {
    let short: String = id.as_str().chars().take(8).collect();
    format!(
        "neglect-toolkit-summary-{}-{short}.pdf",
        at.format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests;
