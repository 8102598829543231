//! The home as the guidance asks it to be seen: on items the definition marks `about_home`, the
//! home's usual state and any outside help behind today's state ([`HomeState`]); background
//! events to allow for, dated ([`BackgroundEvent`]); and, on any item, an explanation that does
//! not match what was observed ([`Mismatch`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How today's state of the home compares with how it usually is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsualState {
    /// Today is how the home usually is.
    AsUsual,
    /// The home is recently better than usual.
    RecentlyBetter,
    /// The home is recently worse than usual.
    RecentlyWorse,
}

/// What a rating of an item about the home records besides its level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeState {
    /// How today compares with the usual state; `None` if not asked.
    #[serde(default)]
    pub usual: Option<UsualState>,
    /// Help from outside the family (e.g. a support worker arranging a clean) produced today's
    /// state.
    #[serde(default)]
    pub outside_help: bool,
    /// The parents contributed to that help (only with `outside_help`): only then does it count
    /// as the family's care.
    #[serde(default)]
    pub parents_contributed: bool,
}

/// The kind of a background event to allow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A death in the family or of someone close.
    Bereavement,
    /// A job lost.
    JobLoss,
    /// A move of home.
    Move,
    /// A new baby.
    NewBaby,
    /// Illness of a carer or child.
    Illness,
    /// Something else (the note says what).
    Other,
}

/// A dated background event the practitioner allows for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundEvent {
    /// What happened.
    pub kind: EventKind,
    /// When (the day, or the first of the month where only the month is known).
    pub date: NaiveDate,
    /// A few words about it (needed for [`EventKind::Other`]).
    #[serde(default)]
    pub note: String,
}

/// An explanation given that does not match what the practitioner observed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mismatch {
    /// What was said and what was seen.
    pub note: String,
}
