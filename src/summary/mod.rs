//! The summary rules: pure functions that turn ratings into a profile per child and area,
//! prompts for the practitioner, and the comparison of a review with the assessment before it.
//!
//! There is no total score and no automatic threshold anywhere: the trigger for action is
//! professional judgement. These rules only arrange the evidence and raise prompts.

#[cfg(test)]
mod proptests;
mod rules;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

pub use rules::{compare, summarise, sustained_improvements};

use crate::assessment::{Id, Level, Subject};
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
    /// The practitioner's level (`None`: not assessed).
    pub level: Option<Level>,
    /// The carer's own placement.
    pub carer_level: Option<Level>,
    /// Whether the level comes from a household-scope rating.
    pub from_household: bool,
    /// Whether an impact example is recorded.
    pub has_impact: bool,
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
    /// The carer's placement and the practitioner's level differ by two or more: a conversation
    /// point.
    CarerGap {
        /// Who the rating is about.
        subject: Subject,
        /// The item number.
        item: String,
        /// The practitioner's level.
        level: Level,
        /// The carer's placement.
        carer_level: Level,
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
