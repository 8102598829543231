//! Plain data types of the model. Field names are the JSON names used by `ntk export-json` and
//! `ntk import` (see `docs/data-format.md`), so renaming one is a format change.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Entropy;

/// A record identifier: 16 random bytes as 32 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// A fresh random id.
    pub fn generate(rng: &mut dyn Entropy) -> Self {
        let mut b = [0u8; 16];
        rng.fill(&mut b);
        Id(hex::encode(b))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A level on the definition's scale (1 is the best care). `None` where used means "not
/// assessed", which never counts as a level.
pub type Level = u8;

/// The family home: one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Identifier.
    pub id: Id,
    /// A name for the household used in lists, e.g. "Smith family".
    pub name: String,
    /// The agency's case reference, if any.
    #[serde(default)]
    pub reference: String,
    /// Address.
    #[serde(default)]
    pub address: Address,
    /// Main language spoken at home.
    #[serde(default)]
    pub language: String,
    /// Whether an interpreter is needed.
    #[serde(default)]
    pub interpreter_needed: bool,
    /// Carers.
    #[serde(default)]
    pub carers: Vec<Carer>,
    /// Children (including an unborn child with an expected date).
    #[serde(default)]
    pub children: Vec<Child>,
    /// When the household was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Lines of the address before the postcode.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Postcode.
    #[serde(default)]
    pub postcode: String,
}

/// A parent or carer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carer {
    /// Identifier.
    pub id: Id,
    /// Full name.
    pub name: String,
    /// Relationship to the children, e.g. "Mother", "Stepfather", "Grandmother".
    #[serde(default)]
    pub relationship: String,
    /// Whether they hold parental responsibility.
    #[serde(default)]
    pub parental_responsibility: bool,
    /// Contact telephone.
    #[serde(default)]
    pub phone: String,
}

/// A child's date of birth, or the expected date for an unborn child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "date")]
pub enum Birth {
    /// Born on this date.
    Born(NaiveDate),
    /// Unborn, expected on this date.
    Expected(NaiveDate),
}

impl Birth {
    /// Age in whole months on `on`, or `None` for an unborn child or a date before birth.
    pub fn age_months(&self, on: NaiveDate) -> Option<u32> {
        match *self {
            Birth::Expected(_) => None,
            Birth::Born(dob) => {
                if on < dob {
                    return None;
                }
                let mut m = (on.year() - dob.year()) * 12 + on.month() as i32 - dob.month() as i32;
                if on.day() < dob.day() {
                    m -= 1;
                }
                Some(m.max(0) as u32)
            }
        }
    }
}

/// A child in the household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Identifier.
    pub id: Id,
    /// Full name.
    pub name: String,
    /// Date of birth or expected date.
    pub birth: Birth,
    /// Gender as the family describes it (optional).
    #[serde(default)]
    pub gender: String,
    /// School, nursery or other setting.
    #[serde(default)]
    pub setting: String,
    /// Additional needs or disability.
    #[serde(default)]
    pub additional_needs: String,
    /// The child's first language.
    #[serde(default)]
    pub language: String,
}

/// Whether an assessment is the first for the household or a review of an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AssessmentKind {
    /// A first assessment.
    Initial,
    /// A review of the assessment `previous`.
    Review {
        /// The assessment reviewed.
        previous: Id,
    },
}

/// Which definition an assessment was completed against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionRef {
    /// The definition's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its content hash ([`crate::toolkit::content_hash`]).
    pub hash: String,
}

/// Where an assessment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being completed, possibly over several visits.
    Draft,
    /// Completed and locked.
    Completed,
    /// Reopened after completion, with a reason; locked again when completed again.
    Amending,
}

/// An event in the lifecycle of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the practitioner's name).
    pub by: String,
    /// What happened.
    pub event: LifecycleEventKind,
}

/// What happened in a lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LifecycleEventKind {
    /// Marked complete (locked).
    Completed,
    /// Reopened to amend, with a reason.
    AmendmentStarted {
        /// Why it was amended.
        reason: String,
    },
}

/// The practitioner completing the assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practitioner {
    /// Name.
    pub name: String,
    /// Role, e.g. "Health visitor".
    #[serde(default)]
    pub role: String,
    /// Agency, e.g. "Community health".
    #[serde(default)]
    pub agency: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
    /// Email.
    #[serde(default)]
    pub email: String,
}

/// A visit to the family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Identifier.
    pub id: Id,
    /// Date of the visit.
    pub date: NaiveDate,
    /// Who was present (free text, one entry per person).
    #[serde(default)]
    pub present: Vec<String>,
    /// For each child: seen, and seen alone.
    #[serde(default)]
    pub children_seen: Vec<ChildSeen>,
    /// Notes of the visit.
    #[serde(default)]
    pub notes: String,
}

/// Whether a child was seen during a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildSeen {
    /// The child.
    pub child_id: Id,
    /// Seen during the visit.
    pub seen: bool,
    /// Seen alone (implies seen).
    pub seen_alone: bool,
}

/// Who a rating is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "child_id")]
pub enum Subject {
    /// The whole household (for household-scope items; applies to every child).
    Household,
    /// One child.
    Child(Id),
}

/// The rating of one item for one subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The item number, e.g. `5.2`.
    pub item: String,
    /// The child, or the household for household-scope items.
    pub subject: Subject,
    /// The practitioner's level, or `None` for not assessed.
    #[serde(default)]
    pub level: Option<Level>,
    /// Where the carer places themselves, or `None` if not asked.
    #[serde(default)]
    pub carer_level: Option<Level>,
    /// Evidence for the level.
    #[serde(default)]
    pub evidence: String,
    /// Examples of the impact on the child.
    #[serde(default)]
    pub impact: String,
    /// Strengths seen.
    #[serde(default)]
    pub strengths: String,
    /// The child's own view on this item.
    #[serde(default)]
    pub child_view: String,
}

impl Rating {
    /// An empty, not-assessed rating.
    pub fn new(item: impl Into<String>, subject: Subject) -> Self {
        Rating {
            item: item.into(),
            subject,
            level: None,
            carer_level: None,
            evidence: String::new(),
            impact: String::new(),
            strengths: String::new(),
            child_view: String::new(),
        }
    }

    /// Whether an impact example is recorded.
    pub fn has_impact(&self) -> bool {
        !self.impact.trim().is_empty()
    }
}

/// A per-child text such as the child's overall view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildNote {
    /// The child.
    pub child_id: Id,
    /// The text.
    pub text: String,
}

/// When the safeguarding lead was consulted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadConsultation {
    /// The lead's name.
    pub name: String,
    /// The date.
    pub date: NaiveDate,
}

/// The decision recorded after talking the toolkit through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// A decision option code from the definition, or empty while undecided.
    #[serde(default)]
    pub option: String,
    /// The safeguarding lead consulted, and when.
    #[serde(default)]
    pub lead_consulted: Option<LeadConsultation>,
    /// Next steps agreed.
    #[serde(default)]
    pub next_steps: String,
    /// When the toolkit should be reviewed with the family.
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
}

/// One completion of the toolkit for a household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Identifier.
    pub id: Id,
    /// The household assessed.
    pub household_id: Id,
    /// Initial or review.
    pub kind: AssessmentKind,
    /// The definition used.
    pub definition: DefinitionRef,
    /// Lifecycle state.
    pub status: Status,
    /// Completions and amendments, oldest first.
    #[serde(default)]
    pub history: Vec<LifecycleEvent>,
    /// The practitioner.
    pub practitioner: Practitioner,
    /// Visits, oldest first.
    #[serde(default)]
    pub visits: Vec<Visit>,
    /// Ratings (at most one per item and subject).
    #[serde(default)]
    pub ratings: Vec<Rating>,
    /// Background factors (e.g. housing, health, substance use, previous involvement).
    #[serde(default)]
    pub background: String,
    /// Poverty context: what the family can and cannot afford, kept apart from the care given.
    #[serde(default)]
    pub poverty_context: String,
    /// Strengths of the family overall.
    #[serde(default)]
    pub strengths: String,
    /// The carer's view, in their words.
    #[serde(default)]
    pub carer_view: String,
    /// Each child's view overall, in their words.
    #[serde(default)]
    pub child_views: Vec<ChildNote>,
    /// The practitioner's analysis.
    #[serde(default)]
    pub analysis: String,
    /// Notes for practitioners only (hidden in the family view; not on the summary sheet).
    #[serde(default)]
    pub practitioner_notes: String,
    /// The decision.
    #[serde(default)]
    pub decision: Decision,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl Assessment {
    /// A new draft.
    pub fn new_draft(
        id: Id,
        household_id: Id,
        kind: AssessmentKind,
        definition: DefinitionRef,
        practitioner: Practitioner,
        now: DateTime<Utc>,
    ) -> Self {
        Assessment {
            id,
            household_id,
            kind,
            definition,
            status: Status::Draft,
            history: Vec::new(),
            practitioner,
            visits: Vec::new(),
            ratings: Vec::new(),
            background: String::new(),
            poverty_context: String::new(),
            strengths: String::new(),
            carer_view: String::new(),
            child_views: Vec::new(),
            analysis: String::new(),
            practitioner_notes: String::new(),
            decision: Decision::default(),
            created_at: now,
            updated_at: now,
        }
    }

    /// Whether its content may be changed (draft, or reopened to amend).
    pub fn is_editable(&self) -> bool {
        matches!(self.status, Status::Draft | Status::Amending)
    }

    /// The rating of an item for a subject, if recorded.
    pub fn rating(&self, item: &str, subject: &Subject) -> Option<&Rating> {
        self.ratings
            .iter()
            .find(|r| r.item == item && &r.subject == subject)
    }

    /// The previous assessment, for a review.
    pub fn previous(&self) -> Option<&Id> {
        match &self.kind {
            AssessmentKind::Review { previous } => Some(previous),
            AssessmentKind::Initial => None,
        }
    }

    /// The date of the first visit, else of creation.
    pub fn started_on(&self) -> NaiveDate {
        self.visits
            .iter()
            .map(|v| v.date)
            .min()
            .unwrap_or(self.created_at.date_naive())
    }
}
