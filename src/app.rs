//! The app's use cases as single calls over an unlocked [`Vault`].
//!
//! The desktop shell and the `ntk` tool both need the same steps: start an assessment with the
//! active definition, start a review of a completed one, save a rating, patch the free-text
//! parts, complete and amend, show an assessment with its summary and comparison, store a
//! household with fresh ids. Keeping them here, in the core, means the shell's commands stay a
//! few lines each (state, one call, error mapping) and the rules are tested without a window.
//! Time and randomness are passed in, like everywhere else in the core.

use crate::assessment::{
    Assessment, AssessmentKind, ChildNote, Decision, DefinitionRef, Household, Id, ModelError,
    Rating, Status, Visit,
};
use crate::export::{self, ExportError, SheetInput};
use crate::summary::{self, Comparison, Summary, SustainedImprovement};
use crate::toolkit::{self, ToolkitDefinition, ToolkitError};
use crate::vault::{Vault, VaultError};
use crate::{Clock, Entropy};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// Why a use case was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The store refused or failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
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
}

/// Everything the interface shows for one assessment.
#[derive(Debug, Clone, PartialEq)]
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
}

/// A stored toolkit definition as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentListItem {
    /// Identifier.
    pub id: Id,
    /// Initial or review.
    pub kind: &'static str,
    /// Lifecycle state.
    pub status: Status,
    /// First visit, else creation date.
    pub started_on: NaiveDate,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// For a review, the assessment it reviews.
    pub previous: Option<Id>,
}

/// A partial change to the free-text and structured parts of an assessment. Absent fields are
/// left as they are; ratings have their own call ([`save_rating`]).
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
    /// Replaces the analysis.
    #[serde(default)]
    pub analysis: Option<String>,
    /// Replaces the practitioner-only notes.
    #[serde(default)]
    pub practitioner_notes: Option<String>,
    /// Replaces the decision.
    #[serde(default)]
    pub decision: Option<Decision>,
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
        if let Some(v) = self.analysis {
            a.analysis = v;
        }
        if let Some(v) = self.practitioner_notes {
            a.practitioner_notes = v;
        }
        if let Some(v) = self.decision {
            a.decision = v;
        }
    }
}

/// The hash of the definition new assessments use: the one chosen in settings, else the bundled
/// default (stored on first use and made active).
pub fn active_definition(v: &mut Vault) -> Result<String, AppError> {
    let mut settings = v.settings()?;
    if let Some(hash) = settings.active_definition.clone() {
        return Ok(hash);
    }
    let hash = v.store_definition(&toolkit::bundled_default())?;
    settings.active_definition = Some(hash.clone());
    v.save_settings(&settings)?;
    Ok(hash)
}

/// Parse, validate and store a partnership's definition file; it does not become active.
pub fn import_definition(v: &mut Vault, json: &str) -> Result<DefinitionInfo, AppError> {
    let def = toolkit::parse(json.as_bytes())?;
    let hash = v.store_definition(&def)?;
    let active = v.settings()?.active_definition.as_deref() == Some(hash.as_str());
    Ok(DefinitionInfo {
        hash,
        id: def.id,
        version: def.version,
        title: def.title,
        active,
    })
}

/// Every stored definition, marking the active one (the bundled default is stored first if
/// nothing is active yet, so the list is never empty).
pub fn list_definitions(v: &mut Vault) -> Result<Vec<DefinitionInfo>, AppError> {
    let active = active_definition(v)?;
    Ok(v.definitions()?
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
pub fn set_active_definition(v: &mut Vault, hash: &str) -> Result<(), AppError> {
    v.definition(hash)?;
    let mut settings = v.settings()?;
    settings.active_definition = Some(hash.to_string());
    v.save_settings(&settings)?;
    Ok(())
}

/// Store a household, giving fresh ids to a new household, carer or child (an empty id means
/// new) and setting its timestamps. Returns the household as stored.
pub fn save_household(
    v: &mut Vault,
    mut h: Household,
    clock: &dyn Clock,
    rng: &mut dyn Entropy,
) -> Result<Household, AppError> {
    let now = clock.now();
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
    if h.id.as_str().is_empty() {
        h.id = Id::generate(rng);
        h.created_at = now;
    } else {
        // Keep the creation time as stored; the caller cannot rewrite history.
        h.created_at = v.household(&h.id)?.created_at;
    }
    for c in h.carers.iter_mut().filter(|c| c.id.as_str().is_empty()) {
        c.id = Id::generate(rng);
    }
    for c in h.children.iter_mut().filter(|c| c.id.as_str().is_empty()) {
        c.id = Id::generate(rng);
    }
    h.updated_at = now;
    v.save_household(&h)?;
    Ok(h)
}

/// The assessments of a household, oldest first, as list lines.
pub fn list_assessments(v: &Vault, household_id: &Id) -> Result<Vec<AssessmentListItem>, AppError> {
    Ok(v.assessments(household_id)?
        .into_iter()
        .map(|a| AssessmentListItem {
            kind: match a.kind {
                AssessmentKind::Initial => "initial",
                AssessmentKind::Review { .. } => "review",
            },
            status: a.status,
            started_on: a.started_on(),
            updated_at: a.updated_at,
            previous: a.previous().cloned(),
            id: a.id,
        })
        .collect())
}

fn practitioner_name(v: &Vault) -> Result<String, AppError> {
    Ok(v.settings()?.practitioner.name)
}

/// Start an initial assessment of a household with the active definition and the practitioner
/// from settings.
pub fn new_assessment(
    v: &mut Vault,
    household_id: &Id,
    clock: &dyn Clock,
    rng: &mut dyn Entropy,
) -> Result<AssessmentView, AppError> {
    v.household(household_id)?;
    let hash = active_definition(v)?;
    let def = v.definition(&hash)?;
    let a = Assessment::new_draft(
        Id::generate(rng),
        household_id.clone(),
        AssessmentKind::Initial,
        DefinitionRef {
            id: def.id.clone(),
            version: def.version.clone(),
            hash,
        },
        v.settings()?.practitioner,
        clock.now(),
    );
    v.save_assessment(&a)?;
    assessment_view(v, &a.id)
}

/// Start a review of a completed assessment: same household and definition, no ratings yet,
/// linked to the one reviewed.
pub fn start_review(
    v: &mut Vault,
    previous_id: &Id,
    clock: &dyn Clock,
    rng: &mut dyn Entropy,
) -> Result<AssessmentView, AppError> {
    let prev = v.assessment(previous_id)?;
    if prev.status != Status::Completed {
        return Err(AppError::NotCompleted { id: prev.id });
    }
    let a = Assessment::new_draft(
        Id::generate(rng),
        prev.household_id.clone(),
        AssessmentKind::Review {
            previous: prev.id.clone(),
        },
        prev.definition.clone(),
        v.settings()?.practitioner,
        clock.now(),
    );
    v.save_assessment(&a)?;
    assessment_view(v, &a.id)
}

/// Save one rating (the hot path). Refused while the assessment is completed.
pub fn save_rating(v: &mut Vault, assessment_id: &Id, rating: Rating) -> Result<(), AppError> {
    // The vault reads and checks the assessment once, inside its write transaction.
    v.save_rating(assessment_id, rating).map_err(|e| match e {
        VaultError::Model(m) => AppError::Model(m),
        e => AppError::Vault(e),
    })
}

/// Apply a patch to an editable assessment.
pub fn update_assessment(
    v: &mut Vault,
    assessment_id: &Id,
    patch: AssessmentPatch,
    clock: &dyn Clock,
) -> Result<(), AppError> {
    let mut a = v.assessment(assessment_id)?;
    a.ensure_editable()?;
    if patch.is_empty() {
        return Ok(());
    }
    patch.apply(&mut a);
    a.updated_at = clock.now();
    v.save_assessment(&a)?;
    Ok(())
}

/// Complete (lock) an assessment, recording who did it.
pub fn complete(v: &mut Vault, id: &Id, clock: &dyn Clock) -> Result<AssessmentView, AppError> {
    let mut a = v.assessment(id)?;
    a.complete(&practitioner_name(v)?, clock.now())?;
    v.save_assessment(&a)?;
    assessment_view(v, id)
}

/// Reopen a completed assessment to amend it, with a reason kept in its history.
pub fn amend(
    v: &mut Vault,
    id: &Id,
    reason: &str,
    clock: &dyn Clock,
) -> Result<AssessmentView, AppError> {
    let mut a = v.assessment(id)?;
    a.start_amendment(&practitioner_name(v)?, reason, clock.now())?;
    v.save_assessment(&a)?;
    assessment_view(v, id)
}

/// An assessment with its household, the stored definition it used, its summary and, for a
/// review, the previous assessment, the comparison and sustained improvements.
pub fn assessment_view(v: &Vault, id: &Id) -> Result<AssessmentView, AppError> {
    let assessment = v.assessment(id)?;
    let household = v.household(&assessment.household_id)?;
    let definition = v.definition(&assessment.definition.hash)?;
    let summary = summary::summarise(&assessment, &household, &definition);
    // The chain of reviews back to the initial assessment, oldest first.
    let mut chain = vec![assessment.clone()];
    while let Some(prev) = chain.last().and_then(|a| a.previous().cloned()) {
        if chain.iter().any(|a| a.id == prev) || chain.len() > 1000 {
            break; // a loop in stored data must not hang the app
        }
        chain.push(v.assessment(&prev)?);
    }
    chain.reverse();
    let previous = (chain.len() > 1).then(|| chain[chain.len() - 2].clone());
    let comparison = previous
        .as_ref()
        .map(|p| summary::compare(p, &assessment, &household, &definition));
    let refs: Vec<&Assessment> = chain.iter().collect();
    let sustained = summary::sustained_improvements(&refs, &household, &definition);
    Ok(AssessmentView {
        definition_hash: assessment.definition.hash.clone(),
        assessment,
        household,
        definition,
        summary,
        previous,
        comparison,
        sustained,
    })
}

/// A summary sheet ready to be written: its bytes and a suggested file name (which carries no
/// personal data: the sheet may be saved where others can see file names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetFile {
    /// Suggested file name, e.g. `neglect-toolkit-summary-2026-03-02-1a2b3c4d.pdf`.
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
}

/// Draw the summary sheet of an assessment as it stands, with the contacts from settings.
pub fn export_pdf_bytes(v: &Vault, id: &Id, clock: &dyn Clock) -> Result<SheetFile, AppError> {
    let view = assessment_view(v, id)?;
    let contacts = v.settings()?.contacts;
    let now = clock.now();
    let bytes = export::summary_sheet(&SheetInput {
        household: &view.household,
        assessment: &view.assessment,
        summary: &view.summary,
        definition: &view.definition,
        comparison: view.comparison.as_ref(),
        previous: view.previous.as_ref(),
        sustained: Some(&view.sustained),
        contacts: &contacts,
        created_at: now,
    })?;
    let short: String = id.as_str().chars().take(8).collect();
    Ok(SheetFile {
        file_name: format!(
            "neglect-toolkit-summary-{}-{short}.pdf",
            now.format("%Y-%m-%d")
        ),
        bytes,
    })
}

/// Fill a new vault with the demo household: the bundled definition (made active), the
/// household, its completed initial assessment and the review of it.
pub fn load_demo(v: &mut Vault, clock: &dyn Clock, rng: &mut dyn Entropy) -> Result<(), AppError> {
    let def = toolkit::bundled_default();
    let hash = active_definition(v)?;
    let stored = v.definition(&hash)?;
    let def = if stored.id == def.id { stored } else { def };
    let demo = crate::demo::demo(&def, clock.now(), rng);
    v.save_household(&demo.household)?;
    v.save_assessment(&demo.initial)?;
    v.save_assessment(&demo.review)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Birth, Carer, Child, Subject};
    use crate::vault::{KdfProfile, VaultEnv};
    use crate::{FixedClock, SeededEntropy};
    use chrono::TimeZone;

    struct Fixture {
        _dir: tempfile::TempDir,
        vault: Vault,
        clock: FixedClock,
        rng: SeededEntropy,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _key) = Vault::create(
            &dir.path().join("vault.ntk"),
            "a long enough passphrase",
            KdfProfile::TestOnlyCheap,
            VaultEnv::system(),
        )
        .unwrap();
        Fixture {
            _dir: dir,
            vault,
            clock: FixedClock(Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()),
            rng: SeededEntropy::new(42),
        }
    }

    fn new_household() -> Household {
        let t = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        let child = |name: &str, y| Child {
            id: Id(String::new()),
            name: name.into(),
            birth: Birth::Born(NaiveDate::from_ymd_opt(y, 5, 1).unwrap()),
            gender: String::new(),
            setting: String::new(),
            additional_needs: String::new(),
            language: String::new(),
        };
        Household {
            id: Id(String::new()),
            name: "Test family".into(),
            reference: String::new(),
            address: Default::default(),
            language: String::new(),
            interpreter_needed: false,
            carers: vec![Carer {
                id: Id(String::new()),
                name: "Pat Test".into(),
                relationship: "Mother".into(),
                parental_responsibility: true,
                phone: String::new(),
            }],
            children: vec![child("Ava", 2019), child("Ben", 2021)],
            created_at: t,
            updated_at: t,
        }
    }

    fn with_household(f: &mut Fixture) -> Household {
        save_household(&mut f.vault, new_household(), &f.clock, &mut f.rng).unwrap()
    }

    fn rating(h: &Household, item: &str, level: u8) -> Rating {
        let mut r = Rating::new(item, Subject::Child(h.children[0].id.clone()));
        r.level = Some(level);
        r.carer_level = Some(1);
        r.impact = "Often hungry at school".into();
        r
    }

    #[test]
    fn save_household_assigns_ids_and_timestamps_to_new_records() {
        let mut f = fixture();
        let h = with_household(&mut f);
        assert_eq!(h.id.as_str().len(), 32);
        assert!(h.children.iter().all(|c| c.id.as_str().len() == 32));
        assert_ne!(h.children[0].id, h.children[1].id);
        assert_eq!(h.carers[0].id.as_str().len(), 32);
        assert_eq!(h.created_at, f.clock.0);
        assert_eq!(f.vault.household(&h.id).unwrap(), h);

        // Updating keeps the ids and the creation time, and gives a new child an id.
        let mut edited = h.clone();
        edited.created_at = Utc.with_ymd_and_hms(1999, 1, 1, 0, 0, 0).unwrap();
        edited.children.push(Child {
            id: Id(String::new()),
            ..h.children[0].clone()
        });
        f.clock = FixedClock(f.clock.0 + chrono::Duration::hours(1));
        let stored = save_household(&mut f.vault, edited, &f.clock, &mut f.rng).unwrap();
        assert_eq!(stored.id, h.id);
        assert_eq!(stored.created_at, h.created_at);
        assert_eq!(stored.updated_at, f.clock.0);
        assert_eq!(stored.children.len(), 3);
        assert!(!stored.children[2].id.as_str().is_empty());
    }

    #[test]
    fn save_household_refuses_a_missing_name() {
        let mut f = fixture();
        let mut h = new_household();
        h.name = "  ".into();
        let err = save_household(&mut f.vault, h, &f.clock, &mut f.rng).unwrap_err();
        assert!(matches!(err, AppError::Invalid { .. }), "{err:?}");
        let mut h = new_household();
        h.children[1].name.clear();
        let err = save_household(&mut f.vault, h, &f.clock, &mut f.rng).unwrap_err();
        assert!(matches!(err, AppError::Invalid { .. }), "{err:?}");
    }

    #[test]
    fn a_new_assessment_uses_the_active_definition_and_the_practitioner() {
        let mut f = fixture();
        let mut s = f.vault.settings().unwrap();
        s.practitioner.name = "Sam Okafor".into();
        f.vault.save_settings(&s).unwrap();
        let h = with_household(&mut f);
        let view = new_assessment(&mut f.vault, &h.id, &f.clock, &mut f.rng).unwrap();
        let def = toolkit::bundled_default();
        assert_eq!(view.definition_hash, toolkit::content_hash(&def));
        assert_eq!(view.definition, def);
        assert_eq!(view.assessment.practitioner.name, "Sam Okafor");
        assert_eq!(view.assessment.kind, AssessmentKind::Initial);
        assert_eq!(view.household, h);
        assert!(view.previous.is_none() && view.comparison.is_none());
        assert_eq!(
            f.vault.settings().unwrap().active_definition,
            Some(view.definition_hash.clone())
        );
    }

    #[test]
    fn ratings_and_patches_are_saved_until_completed_then_refused() {
        let mut f = fixture();
        let h = with_household(&mut f);
        let id = new_assessment(&mut f.vault, &h.id, &f.clock, &mut f.rng)
            .unwrap()
            .assessment
            .id;
        save_rating(&mut f.vault, &id, rating(&h, "1.1", 3)).unwrap();
        let patch = AssessmentPatch {
            analysis: Some("Needs support with meals".into()),
            ..Default::default()
        };
        update_assessment(&mut f.vault, &id, patch, &f.clock).unwrap();
        let stored = f.vault.assessment(&id).unwrap();
        assert_eq!(stored.ratings[0].level, Some(3));
        assert_eq!(stored.analysis, "Needs support with meals");
        assert_eq!(stored.background, "", "an absent field must stay as it was");

        let done = complete(&mut f.vault, &id, &f.clock).unwrap();
        assert_eq!(done.assessment.status, Status::Completed);
        let err = save_rating(&mut f.vault, &id, rating(&h, "1.1", 1)).unwrap_err();
        assert!(
            matches!(err, AppError::Model(ModelError::Locked)),
            "{err:?}"
        );
        let patch = AssessmentPatch {
            analysis: Some("changed".into()),
            ..Default::default()
        };
        let err = update_assessment(&mut f.vault, &id, patch, &f.clock).unwrap_err();
        assert!(
            matches!(err, AppError::Model(ModelError::Locked)),
            "{err:?}"
        );

        // Amending needs a reason, and reopens it.
        let err = amend(&mut f.vault, &id, " ", &f.clock).unwrap_err();
        assert!(
            matches!(err, AppError::Model(ModelError::MissingReason)),
            "{err:?}"
        );
        let amended = amend(&mut f.vault, &id, "Wrong child rated", &f.clock).unwrap();
        assert_eq!(amended.assessment.status, Status::Amending);
        save_rating(&mut f.vault, &id, rating(&h, "1.1", 2)).unwrap();
        assert_eq!(f.vault.assessment(&id).unwrap().ratings[0].level, Some(2));
    }

    #[test]
    fn a_review_starts_only_from_a_completed_assessment_and_is_compared() {
        let mut f = fixture();
        let h = with_household(&mut f);
        let first = new_assessment(&mut f.vault, &h.id, &f.clock, &mut f.rng)
            .unwrap()
            .assessment
            .id;
        save_rating(&mut f.vault, &first, rating(&h, "1.1", 3)).unwrap();
        let err = start_review(&mut f.vault, &first, &f.clock, &mut f.rng).unwrap_err();
        assert!(matches!(err, AppError::NotCompleted { .. }), "{err:?}");

        complete(&mut f.vault, &first, &f.clock).unwrap();
        f.clock = FixedClock(f.clock.0 + chrono::Duration::days(42));
        let review = start_review(&mut f.vault, &first, &f.clock, &mut f.rng).unwrap();
        assert_eq!(
            review.assessment.kind,
            AssessmentKind::Review {
                previous: first.clone()
            }
        );
        assert!(review.assessment.ratings.is_empty());
        assert_eq!(
            review.definition_hash,
            review.previous.as_ref().unwrap().definition.hash
        );
        save_rating(&mut f.vault, &review.assessment.id, rating(&h, "1.1", 1)).unwrap();
        let view = assessment_view(&f.vault, &review.assessment.id).unwrap();
        let cmp = view.comparison.expect("a review has a comparison");
        let item = cmp.children[0].areas[0]
            .items
            .iter()
            .find(|i| i.item == "1.1")
            .unwrap();
        assert_eq!((item.previous, item.current), (Some(3), Some(1)));
        assert_eq!(item.change, summary::Change::Improved);

        let list = list_assessments(&f.vault, &h.id).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].id, first);
        assert_eq!(list[1].kind, "review");
        assert_eq!(list[1].previous.as_ref(), Some(&first));
    }

    #[test]
    fn the_summary_sheet_is_a_pdf_whose_file_name_names_no_one() {
        let mut f = fixture();
        let h = with_household(&mut f);
        let id = new_assessment(&mut f.vault, &h.id, &f.clock, &mut f.rng)
            .unwrap()
            .assessment
            .id;
        save_rating(&mut f.vault, &id, rating(&h, "1.1", 3)).unwrap();
        let sheet = export_pdf_bytes(&f.vault, &id, &f.clock).unwrap();
        assert!(sheet.bytes.starts_with(b"%PDF-"));
        assert!(sheet.file_name.ends_with(".pdf"));
        assert!(sheet.file_name.contains("2026-03-02"));
        for name in ["Test", "Ava", "Ben", "Pat"] {
            assert!(!sheet.file_name.contains(name), "{}", sheet.file_name);
        }
        let err = export_pdf_bytes(&f.vault, &Id("00".repeat(16)), &f.clock).unwrap_err();
        assert!(
            matches!(err, AppError::Vault(VaultError::NotFound { .. })),
            "{err:?}"
        );
    }

    #[test]
    fn a_definition_is_validated_before_it_is_stored() {
        let mut f = fixture();
        let err = import_definition(&mut f.vault, "{\"format\": 1}").unwrap_err();
        assert!(
            matches!(err, AppError::Definition(ToolkitError::Invalid { .. })),
            "{err:?}"
        );
        assert!(f.vault.definitions().unwrap().is_empty());

        let mut def = toolkit::bundled_default();
        def.version = "2099.1".into();
        let info = import_definition(&mut f.vault, &serde_json::to_string(&def).unwrap()).unwrap();
        assert_eq!(info.hash, toolkit::content_hash(&def));
        assert!(!info.active);
        let list = list_definitions(&mut f.vault).unwrap();
        assert_eq!(list.len(), 2, "the bundled default is stored beside it");
        assert_eq!(list.iter().filter(|d| d.active).count(), 1);
        set_active_definition(&mut f.vault, &info.hash).unwrap();
        assert!(list_definitions(&mut f.vault)
            .unwrap()
            .iter()
            .any(|d| d.active && d.hash == info.hash));
        assert!(set_active_definition(&mut f.vault, "not-a-hash").is_err());
    }
}
