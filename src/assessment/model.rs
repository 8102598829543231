//! Plain data types of the model. Field names are the JSON names used by `ntk export-json` and
//! `ntk import` (see `docs/data-format.md`), so renaming one is a format change.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::decision::{DashRecord, FrontDoor, OtherAgency, ParentsConsent};
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
    /// Other agencies involved with the household.
    #[serde(default)]
    pub agencies: Vec<OtherAgency>,
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
    /// Whether the child is a young carer: looks after, or helps to look after, a parent,
    /// brother, sister or other relative. It raises a prompt to consider a young carers'
    /// assessment and support ([`crate::summary::Prompt::YoungCarer`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub young_carer: bool,
}

impl Child {
    /// Whether the child is not yet born (recorded with an expected date).
    pub fn is_unborn(&self) -> bool {
        matches!(self.birth, Birth::Expected(_))
    }

    /// Whether the child can give a view of their own (in words, signs, pictures or play). An
    /// unborn child cannot; a baby's view is observed, which still counts as the child's view.
    pub fn can_give_view(&self) -> bool {
        !self.is_unborn()
    }

    /// Whether the child can be seen, or seen alone, at a visit. An unborn child cannot.
    pub fn can_be_seen_alone(&self) -> bool {
        !self.is_unborn()
    }

    /// Whether the child is old enough on `on` to place themselves on the descriptors, from the
    /// age `from_years` the definition sets (see
    /// [`crate::toolkit::ToolkitDefinition::self_placement_from_years`]).
    pub fn may_place_themselves(&self, from_years: u32, on: NaiveDate) -> bool {
        self.birth
            .age_months(on)
            .is_some_and(|m| m >= from_years.saturating_mul(12))
    }
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

/// Who placed themselves on an item's descriptors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PlacedBy {
    /// A carer of the household.
    Carer {
        /// The carer.
        carer_id: Id,
    },
    /// A young person placing themselves (old enough per the definition's
    /// `self_placement_from_years`).
    Child {
        /// The young person.
        child_id: Id,
    },
}

/// Where one person places themselves (or, for a carer, their care) on an item, in their own
/// words. Two carers may place themselves differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// Who.
    pub by: PlacedBy,
    /// The level they chose, or `None` if they did not choose one.
    #[serde(default)]
    pub level: Option<Level>,
    /// What they said about it, in their words.
    #[serde(default)]
    pub words: String,
}

/// One child on a household item: every child is seen individually, even where the household
/// shares one rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildOnItem {
    /// The child.
    pub child_id: Id,
    /// Examples of the impact on this child (empty: the household's impact text applies).
    #[serde(default)]
    pub impact: String,
    /// This child's own view on the item, in their words (empty: the household's text
    /// applies).
    #[serde(default)]
    pub child_view: String,
    /// How this child's view on the item was heard, and the practitioner's interpretation.
    #[serde(default, skip_serializing_if = "super::HowHeard::is_empty")]
    pub heard: super::HowHeard,
    /// The practitioner's level for this child, set apart from the household's; `None` keeps
    /// the household's level. A level set apart needs `level_reason`.
    #[serde(default)]
    pub level: Option<Level>,
    /// Why this child's level differs from the household's (e.g. a child singled out).
    #[serde(default)]
    pub level_reason: String,
    /// The practitioner flags possible significant harm for this child on this item.
    #[serde(default)]
    pub significant_harm: bool,
}

/// The rating of one item for one subject.
///
/// Every field after `child_view` was added after version 1 of the record format and defaults
/// when absent, so records written by version 1 load unchanged.
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
    /// Legacy (version 1): where "the carer" placed themselves, without naming which carer. It
    /// is kept as stored and read as the placement of an unnamed carer beside
    /// [`Rating::placements`]; new placements name their carer in `placements`.
    #[serde(default)]
    pub carer_level: Option<Level>,
    /// Evidence for the level.
    #[serde(default)]
    pub evidence: String,
    /// Examples of the impact on the child (on a household item: on every child, unless a
    /// child's own impact is recorded in `per_child`).
    #[serde(default)]
    pub impact: String,
    /// Strengths seen.
    #[serde(default)]
    pub strengths: String,
    /// The child's own view on this item (on a household item: the children's view, unless a
    /// child's own view is recorded in `per_child`).
    #[serde(default)]
    pub child_view: String,
    /// Each carer's, and a young person's, own placement with their words.
    #[serde(default)]
    pub placements: Vec<Placement>,
    /// Household items only: each child individually (impact, view, a level set apart).
    #[serde(default)]
    pub per_child: Vec<ChildOnItem>,
    /// Whether the practitioner's level is shown to the family. Default `false`: not shared
    /// until the practitioner chooses to share it.
    #[serde(default)]
    pub share_level: bool,
    /// A text the practitioner explicitly marks to share with the family (e.g. a strength).
    /// Nothing else of the rating is shown to the family.
    #[serde(default)]
    pub shared_text: String,
    /// The practitioner flags possible significant harm on this item (for every child it
    /// covers).
    #[serde(default)]
    pub significant_harm: bool,
    /// Items about the home only: the usual state and any outside help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<super::HomeState>,
    /// An explanation that does not match what was observed, with a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<super::Mismatch>,
    /// Child items only: how the child's view on this item (`child_view`) was heard, and the
    /// practitioner's interpretation kept apart from the child's words. On a household item
    /// each child's is recorded on their own entry in `per_child`.
    #[serde(default, skip_serializing_if = "super::HowHeard::is_empty")]
    pub heard: super::HowHeard,
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
            placements: Vec::new(),
            per_child: Vec::new(),
            share_level: false,
            shared_text: String::new(),
            significant_harm: false,
            home: None,
            mismatch: None,
            heard: super::HowHeard::default(),
        }
    }

    /// Whether an impact example is recorded (on a household item: for the household or for any
    /// child).
    pub fn has_impact(&self) -> bool {
        !self.impact.trim().is_empty() || self.per_child.iter().any(|c| !c.impact.trim().is_empty())
    }

    /// The entry of one child on a household item, if recorded.
    pub fn child_entry(&self, child: &Id) -> Option<&ChildOnItem> {
        self.per_child.iter().find(|c| &c.child_id == child)
    }

    /// The practitioner's level for `child`: the child's level set apart, else the rating's.
    pub fn level_for_child(&self, child: &Id) -> Option<Level> {
        self.child_entry(child).and_then(|c| c.level).or(self.level)
    }

    /// Whether `child`'s level is set apart from the household's.
    pub fn is_set_apart(&self, child: &Id) -> bool {
        self.child_entry(child).is_some_and(|c| c.level.is_some())
    }

    /// The impact on `child`: the child's own text, else the rating's.
    pub fn impact_for_child(&self, child: &Id) -> &str {
        match self.child_entry(child) {
            Some(c) if !c.impact.trim().is_empty() => &c.impact,
            _ => &self.impact,
        }
    }

    /// `child`'s view: the child's own text, else the rating's.
    pub fn child_view_for(&self, child: &Id) -> &str {
        match self.child_entry(child) {
            Some(c) if !c.child_view.trim().is_empty() => &c.child_view,
            _ => &self.child_view,
        }
    }

    /// Whether possible significant harm is flagged for `child` (on the rating or for the
    /// child).
    pub fn flagged_for_child(&self, child: &Id) -> bool {
        self.significant_harm || self.child_entry(child).is_some_and(|c| c.significant_harm)
    }

    /// Every placement with its level: the legacy unnamed carer's (`None`) first, then each in
    /// [`Rating::placements`] in order.
    pub fn all_placements(&self) -> impl Iterator<Item = (Option<&PlacedBy>, Option<Level>)> {
        self.carer_level
            .map(|l| (None, Some(l)))
            .into_iter()
            .chain(self.placements.iter().map(|p| (Some(&p.by), p.level)))
    }
}

/// A child's overall view: their own words, and how the view was heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildNote {
    /// The child.
    pub child_id: Id,
    /// The child's view in their own words.
    pub text: String,
    /// How the view was heard, and the practitioner's interpretation kept apart from the
    /// child's words.
    #[serde(default, skip_serializing_if = "super::HowHeard::is_empty")]
    pub heard: super::HowHeard,
}

/// When the safeguarding lead was consulted, and what they advised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadConsultation {
    /// The lead's name.
    pub name: String,
    /// The date.
    pub date: NaiveDate,
    /// The advice given, in the practitioner's words.
    #[serde(default)]
    pub advice: String,
}

/// The decision recorded after talking the toolkit through (see [`super::decision`]).
///
/// A record written before several options could be chosen has one `option` code; it is read
/// as a one-element `options` list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "super::decision::DecisionRecord")]
pub struct Decision {
    /// The decision option codes from the definition (several may apply), empty while
    /// undecided.
    pub options: Vec<String>,
    /// The safeguarding lead consulted, when, and their advice.
    pub lead_consulted: Option<LeadConsultation>,
    /// Next steps agreed.
    pub next_steps: String,
    /// When the toolkit should be reviewed with the family.
    pub review_date: Option<NaiveDate>,
    /// For a request for support or urgent contact with the MASH: the front door used.
    pub front_door: Option<FrontDoor>,
    /// For a referral: whether the parents know and agree.
    pub parents: ParentsConsent,
    /// The DASH risk checklist, where it is offered.
    pub dash: DashRecord,
}

impl Decision {
    /// Whether any option is chosen.
    pub fn is_made(&self) -> bool {
        self.options.iter().any(|o| !o.trim().is_empty())
    }
}

/// The answer to one of the definition's review questions
/// ([`crate::toolkit::ReviewQuestion`]), recorded on a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewAnswer {
    /// The question's id in the definition.
    pub question: String,
    /// The answer, in the practitioner's words.
    #[serde(default)]
    pub answer: String,
}

/// How far a target carried into a review has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetProgress {
    /// Nothing has changed yet.
    #[default]
    NotStarted,
    /// Some progress.
    SomeProgress,
    /// The change has happened.
    Achieved,
    /// The target no longer applies.
    NoLongerNeeded,
}

impl TargetProgress {
    /// Whether a target with this progress is still open (carried into the next review).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            TargetProgress::NotStarted | TargetProgress::SomeProgress
        )
    }
}

/// A priority or target set on an item: what needs to change, by when, and who helps. Set at
/// any assessment; the open ones are carried into the next review, where progress on each is
/// recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Identifier (kept when the target is carried into a review).
    pub id: Id,
    /// The item number.
    pub item: String,
    /// The child for a child-scope item, the household for a household-scope item.
    pub subject: Subject,
    /// What needs to change.
    pub change: String,
    /// By when.
    #[serde(default)]
    pub by: Option<NaiveDate>,
    /// Who helps.
    #[serde(default)]
    pub who_helps: String,
    /// The assessment the target was carried from (`None`: set at this assessment).
    #[serde(default)]
    pub carried_from: Option<Id>,
    /// Progress since it was set (recorded on a carried target).
    #[serde(default)]
    pub progress: TargetProgress,
    /// A note on the progress.
    #[serde(default)]
    pub progress_note: String,
}

impl Target {
    /// Whether the target was carried from an earlier assessment.
    pub fn is_carried(&self) -> bool {
        self.carried_from.is_some()
    }

    /// The target as carried into a review of the assessment `from`: same id and wording,
    /// progress not yet recorded.
    pub fn carried(&self, from: &Id) -> Target {
        Target {
            carried_from: Some(from.clone()),
            progress: TargetProgress::NotStarted,
            progress_note: String::new(),
            ..self.clone()
        }
    }
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
    /// Background events to allow for, dated (a bereavement, a lost job, a move).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub background_events: Vec<super::BackgroundEvent>,
    /// The practitioner's analysis.
    #[serde(default)]
    pub analysis: String,
    /// Notes for practitioners only (hidden in the family view; not on the summary sheet).
    #[serde(default)]
    pub practitioner_notes: String,
    /// The decision.
    #[serde(default)]
    pub decision: Decision,
    /// A review's answers to the definition's review questions.
    #[serde(default)]
    pub review_answers: Vec<ReviewAnswer>,
    /// Priorities and targets per item, set here or carried from the assessment reviewed.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// The household as it was when the assessment was last completed, so that its summary
    /// sheet does not change when the household is edited later. Set on completing (and on
    /// completing again after an amendment); absent on a draft that was never completed and on
    /// records made before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_snapshot: Option<Household>,
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
            background_events: Vec::new(),
            analysis: String::new(),
            practitioner_notes: String::new(),
            decision: Decision::default(),
            review_answers: Vec::new(),
            targets: Vec::new(),
            household_snapshot: None,
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

    /// The targets still open, to carry into a review of this assessment: every target not
    /// achieved and still needed, as carried from this assessment.
    pub fn open_targets(&self) -> Vec<Target> {
        self.targets
            .iter()
            .filter(|t| t.progress.is_open())
            .map(|t| t.carried(&self.id))
            .collect()
    }

    /// The previous assessment, for a review.
    pub fn previous(&self) -> Option<&Id> {
        match &self.kind {
            AssessmentKind::Review { previous } => Some(previous),
            AssessmentKind::Initial => None,
        }
    }

    /// The latest date the assessment knows of: its last change or its last visit, whichever is
    /// later. A young person's age for placing themselves is taken on this date.
    pub fn latest_date(&self) -> NaiveDate {
        self.visits
            .iter()
            .map(|v| v.date)
            .chain([self.updated_at.date_naive()])
            .max()
            .unwrap_or(self.updated_at.date_naive())
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
