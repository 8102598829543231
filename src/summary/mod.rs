//! The summary rules: pure functions that turn ratings into a profile per child and area,
//! prompts for the practitioner, and the comparison of a review with the assessment before it.
//!
//! There is no total score and no automatic threshold anywhere: the trigger for action is
//! professional judgement. These rules only arrange the evidence and raise prompts.
//!
//! # Every child individually
//!
//! Every per-child computation (profile, concern, missing impact, significant harm, comparison,
//! sustained improvements) reads that child's own values on each item:
//!
//! - **level**: on a child item, the child's rating; on a household item, the child's level set
//!   apart (`per_child[].level`) if there is one, else the household's level;
//! - **impact**: on a household item, the child's own impact text if there is one, else the
//!   household's; on a child item, the child's rating's;
//! - **child's view**: the same way round;
//! - **applies**: whether the item applies to the child (see
//!   [`crate::assessment::item_applies`], on the assessment's
//!   [`latest_date`](crate::assessment::Assessment::latest_date)); an item that does not apply
//!   (dental care for an unborn child) is not offered, so normally has no rating. A rating
//!   recorded all the same (under an earlier definition, or imported) is still read: what was
//!   recorded is never silently dropped from the summary.
//!
//! # Significant harm
//!
//! [`Prompt::SignificantHarm`] is raised for each child and each item where the child's level is
//! the top of the scale (level 4 on the default) or the practitioner has flagged possible
//! significant harm (on the rating, or for the child on a household item). It asks the
//! practitioner to consider whether the child is suffering, or likely to suffer, significant harm
//! and, if so, to contact the MASH now; it carries the front-door contact found by
//! [`front_door`]. These prompts come first.
//!
//! # Detailed impact
//!
//! The concern prompt needs at least one *detailed* example of impact: a text of at least
//! [`crate::limits::IMPACT_DETAIL_MIN_WORDS`] words (8), a word being a run of characters
//! without spaces that holds at least one letter or digit ([`is_detailed_impact`]). Eight words
//! is about the shortest sentence that says who was affected, what happened and how it showed
//! ("Oskar arrives at school hungry and cannot settle"); "Hungry", "Damp" or "Tired at school" are
//! notes, not detailed examples. Any recorded impact, however short, still silences the missing
//! impact prompt.

mod checks;
mod decision;
#[cfg(test)]
mod proptests;
mod review;
mod rules;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

pub use checks::{completion_checks, CheckKind, CheckPlace, CompletionCheck};
pub use decision::{dash_offered, domestic_abuse_items};
pub use review::{
    previous_ratings, review_prompts, trend, AreaTrend, ChildTrend, ItemTrend, PreviousRating,
    Trend, TrendPoint,
};
pub use rules::{compare, front_door, is_detailed_impact, summarise, sustained_improvements};

use crate::assessment::{Id, Level, PlacedBy, Subject};
use crate::toolkit::Contact;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The derived view of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// One profile per child, in the household's order.
    pub children: Vec<ChildProfile>,
    /// Prompts raised, in a stable order: household ratings first, then each child in the
    /// household's order (see [`summarise`] for the exact order).
    pub prompts: Vec<Prompt>,
}

/// One child's profile: the level of every item (household items included) and per-area counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildProfile {
    /// The child.
    pub child_id: Id,
    /// Per area, in the definition's order.
    pub areas: Vec<AreaProfile>,
}

/// One area for one child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaProfile {
    /// The area number.
    pub area: u32,
    /// Each item of the area: its effective rating for this child.
    pub items: Vec<ItemLevel>,
    /// How many items are at each level (levels with no items are absent).
    pub counts: BTreeMap<Level, usize>,
    /// The worst (highest) level among assessed items.
    pub worst: Option<Level>,
    /// How many items were assessed.
    pub assessed: usize,
    /// How many items the area has.
    pub total: usize,
}

/// The effective level of one item for one child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemLevel {
    /// The item number.
    pub item: String,
    /// The practitioner's level for this child (`None`: not assessed, or the item does not apply
    /// to the child).
    pub level: Option<Level>,
    /// A carer's own placement: the unnamed carer's of a version-1 record, else the first named
    /// carer's with a level. Every placement is in `placements`.
    pub carer_level: Option<Level>,
    /// Whether the level comes from a household-scope rating.
    pub from_household: bool,
    /// Whether an impact example is recorded for this child (the child's own on a household
    /// item, else the household's).
    pub has_impact: bool,
    /// Whether that impact example is detailed ([`is_detailed_impact`]).
    pub detailed_impact: bool,
    /// Whether the item applies to the child (e.g. not dental care before birth).
    pub applies: bool,
    /// On a household item: whether this child's level is set apart from the household's.
    pub set_apart: bool,
    /// Whether the practitioner flagged possible significant harm for this child on this item.
    pub flagged: bool,
    /// The placements beside the practitioner's level for this child: every carer's (the
    /// unnamed carer of a version-1 record first) and the child's own, in the rating's order.
    pub placements: Vec<PlacementLevel>,
}

/// One person's placement on an item, beside the practitioner's level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementLevel {
    /// Who placed themselves; `None` for the unnamed carer of a version-1 record
    /// (`Rating::carer_level`).
    pub by: Option<PlacedBy>,
    /// The level they chose (`None`: none chosen, or off the scale).
    pub level: Option<Level>,
    /// How many levels lie between their placement and the practitioner's level for the child
    /// (`None` when either is missing). Whether a gap is a conversation point is the carer-gap
    /// prompt's rule, not this number's.
    pub gap: Option<Level>,
}

/// A prompt for the practitioner. Never a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Prompt {
    /// Most assessed items for this child are at levels of concern and impact examples are
    /// recorded: discuss with the safeguarding lead as soon as possible.
    Concern {
        /// The child.
        child_id: Id,
        /// Items at a level of concern.
        concern_items: usize,
        /// Items assessed.
        assessed: usize,
    },
    /// An item at a level of concern has no example of the impact on the child.
    MissingImpact {
        /// Who the rating is about.
        subject: Subject,
        /// The item number.
        item: String,
        /// Its level.
        level: Level,
    },
    /// A person's own placement and the practitioner's level differ by two or more: a
    /// conversation point. Raised per placement: each carer's, and a young person's own.
    CarerGap {
        /// Who the rating is about (a child where the level compared is that child's: a child
        /// item, a level set apart, or a young person's own placement).
        subject: Subject,
        /// The item number.
        item: String,
        /// The practitioner's level.
        level: Level,
        /// The placement's level (a carer's, or the young person's own).
        carer_level: Level,
        /// Who placed themselves; absent for the unnamed carer of a version-1 record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<PlacedBy>,
    },
    /// The practitioner flagged an explanation that does not match what was observed: a reason
    /// for concern. Raised per rating with the flag, after every other prompt.
    ExplanationMismatch {
        /// Who the rating is about.
        subject: Subject,
        /// The item number.
        item: String,
    },
    /// An alert from the definition, e.g. domestic-abuse vigilance when 5.2 is at 3 or more.
    Alert {
        /// Who the rating is about.
        subject: Subject,
        /// The item number.
        item: String,
        /// The alert's id in the definition.
        alert_id: String,
        /// Its title.
        title: String,
        /// Its text.
        text: String,
    },
    /// The child's level on this item is the top of the scale, or the practitioner flagged
    /// possible significant harm. The practitioner is to consider whether the child is
    /// suffering, or likely to suffer, significant harm, and if so to contact the MASH now (the
    /// partnership's front door, `front_door`, where the contacts name one). Raised per child
    /// and item; the words are composed elsewhere from these fields.
    SignificantHarm {
        /// The child.
        child_id: Id,
        /// The item number.
        item: String,
        /// The child's level on the item (`None` if flagged without a level).
        level: Option<Level>,
        /// Whether the level is the top of the scale.
        top_level: bool,
        /// Whether the practitioner flagged possible significant harm.
        flagged: bool,
        /// The front-door contact (the MASH) from the definition's contacts, if one can be
        /// identified.
        front_door: Option<Contact>,
    },
    /// A review: the item's level rose since the assessment reviewed (see [`review_prompts`]).
    Worse {
        /// Who the levels are about (the household for a household item, unless a child's level
        /// is set apart in either assessment).
        subject: Subject,
        /// The item number.
        item: String,
        /// The level in the assessment reviewed.
        from: Level,
        /// The level now.
        to: Level,
    },
    /// A review: the item is at a level of concern in this assessment and the one before, with
    /// no improvement between them (drift; see [`review_prompts`]).
    Drift {
        /// Who the levels are about (as for [`Prompt::Worse`]).
        subject: Subject,
        /// The item number.
        item: String,
        /// The level in the assessment reviewed.
        from: Level,
        /// The level now.
        to: Level,
    },
}

/// How an item's level moved between two assessments (lower levels are better care).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Lower level than before.
    Improved,
    /// Same level.
    Unchanged,
    /// Higher level than before.
    Worse,
    /// Not assessed before, assessed now.
    NewlyAssessed,
    /// Assessed before, not assessed now.
    NoLongerAssessed,
    /// Assessed in neither.
    NotAssessed,
}

/// A review compared with the assessment before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Per child of the household, in its order (a child rated in only one of the two
    /// assessments is compared with "not assessed" on the other side).
    pub children: Vec<ChildComparison>,
}

/// One child's comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildComparison {
    /// The child.
    pub child_id: Id,
    /// Per area, in the definition's order.
    pub areas: Vec<AreaComparison>,
}

/// One area's comparison for one child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaComparison {
    /// The area number.
    pub area: u32,
    /// Worst level before.
    pub previous_worst: Option<Level>,
    /// Worst level now.
    pub current_worst: Option<Level>,
    /// The change of the worst level.
    pub change: Change,
    /// Per item.
    pub items: Vec<ItemComparison>,
}

/// One item's comparison for one child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemComparison {
    /// The item number.
    pub item: String,
    /// Level before.
    pub previous: Option<Level>,
    /// Level now.
    pub current: Option<Level>,
    /// The change.
    pub change: Change,
}

/// An item that has improved and stayed improved across two or more reviews: something to
/// celebrate with the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SustainedImprovement {
    /// The child.
    pub child_id: Id,
    /// The item number.
    pub item: String,
    /// The level at the start of the run.
    pub from: Level,
    /// The level now.
    pub to: Level,
    /// How many consecutive reviews the improvement has held for.
    pub reviews: usize,
}
