//! The words the rules produce, composed once for every face of the app.
//!
//! The summary rules return data ([`crate::summary::Prompt`], [`crate::summary::Change`], ...);
//! the lifecycle is a [`Status`]; a child has a [`Birth`]. A person reads them as sentences, and
//! the screen and the summary sheet must read the same sentences. This module is the one place
//! those sentences are written: the PDF calls these functions, and the interface receives their
//! results ready to show ([`AssessmentText`] inside the assessment view, the status and kind
//! words in the lists). The interface keeps only its own chrome: buttons, headings and hints.
//!
//! Every fixed phrase is listed by [`fixed_phrases`], so a test can check that no copy of one
//! creeps back into the interface.

mod decision;
mod review;
#[cfg(test)]
mod tests;

pub use decision::{
    dash_outcome_text, dash_outcome_words, DashOutcomeWord, CHECK_DASH, CHECK_PARENTS,
};
pub use review::{progress_text, review_text, target_text, trend_column, ProgressWord, ReviewText};
pub mod home;
pub use home::{home_words, HomeWords};
mod chronology;
pub use chronology::{entry_date_text, impact_text, ALL_CHILDREN, DAY_NOT_KNOWN};
mod integrity;
pub use integrity::*;

use crate::assessment::{
    item_applies, Assessment, AssessmentKind, Birth, Child, Household, Id, Level, LifecycleEvent,
    LifecycleEventKind, Status, Subject,
};
use crate::summary::{
    completion_checks, Change, CheckKind, CheckPlace, CompletionCheck, Prompt, Summary,
    SustainedImprovement,
};
use crate::toolkit::ToolkitDefinition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Status word for an assessment being completed.
pub const STATUS_DRAFT: &str = "In progress";
/// Status word for a completed, locked assessment.
pub const STATUS_COMPLETED: &str = "Completed";
/// Status word for a completed assessment reopened to amend.
pub const STATUS_AMENDING: &str = "Being amended";
/// Kind word for a first assessment.
pub const KIND_INITIAL: &str = "Initial toolkit";
/// Kind word for a review of an earlier assessment.
pub const KIND_REVIEW: &str = "Review";

/// Change word: a lower level than before.
pub const CHANGE_IMPROVED: &str = "Improved";
/// Change word: the same level.
pub const CHANGE_UNCHANGED: &str = "Unchanged";
/// Change word: a higher level than before.
pub const CHANGE_WORSE: &str = "Worse";
/// Change word: assessed now, not before.
pub const CHANGE_NEWLY_ASSESSED: &str = "Newly assessed";
/// Change word: assessed before, not now.
pub const CHANGE_NO_LONGER_ASSESSED: &str = "Not assessed this time";
/// Change word: assessed in neither.
pub const CHANGE_NOT_ASSESSED: &str = "Not assessed";

/// What the summary says when the rules raise no prompt. It never says only "No prompts": the
/// absence of prompts is not a verdict either.
pub const NO_PROMPTS: &str = "No prompts have been raised. The trigger for action is \
                              professional judgement, not a score.";
/// The name of the household as the subject of a prompt.
pub const THE_HOUSEHOLD: &str = "The household";
/// The name used for a child who is rated but no longer in the household.
pub const CHILD_NOT_IN_HOUSEHOLD: &str = "A child no longer in the household";

const CONCERN_HEAD: &str =
    "are at levels of concern and examples of the impact on the child are recorded.";
const CONCERN_ACTION: &str = "Discuss this with your safeguarding lead as soon as possible.";
const MISSING_HEAD: &str = "with no example of the impact on the child.";
const MISSING_ACTION: &str = "Record an example of the impact.";
const GAP_HEAD: &str = "placed themselves at level";
const GAP_UNNAMED: &str = "the carer";
const HARM_TOP: &str = "at the top of the scale";
const HARM_FLAGGED: &str = "flagged for possible significant harm";
const HARM_HEAD: &str =
    "Consider whether this child is suffering, or likely to suffer, significant harm.";
const HARM_ACTION: &str = "If so, contact the MASH now";
const GAP_ACTION: &str = "Talk this difference through with the family.";
const SUSTAINED_TAIL: &str = "Something to celebrate with the family.";
const UNBORN: &str = "Unborn, expected";
const AGE_UNKNOWN: &str = "Not known: the date of birth is after";
const HISTORY_COMPLETED: &str = "completed by";
const HISTORY_REOPENED: &str = "reopened to amend by";
/// Printed on every page of a summary sheet whose assessment is not completed.
pub const DRAFT_MARK: &str = "DRAFT – not completed";
/// Why an item is not offered for an unborn child.
pub const NOT_ASKED_UNBORN: &str = "Not asked for an unborn baby.";
/// Why an item is not offered for a born child (the definition leaves the child's age out).
pub const NOT_ASKED_AGE: &str = "Not asked at this child's age.";
/// What the check before completing says when it finds nothing missing. Like [`NO_PROMPTS`], it
/// is not a verdict.
pub const NO_CHECKS: &str = "Nothing looks missing: every item that applies is rated, every \
                             level of concern has an impact example, a concern prompt has the \
                             lead's advice, each child's view is heard and a decision is recorded.";
const CHECK_UNRATED: &str = "not rated";
const CHECK_IMPACT: &str = "at a level of concern with no example of the impact on the child";
const CHECK_LEAD: &str =
    "a concern prompt is raised and no consultation with the safeguarding lead is recorded.";
const CHECK_VIEW: &str = "no view of the child's own is recorded, overall or on any item.";
/// The headline of the check for a missing decision.
pub const CHECK_NO_DECISION: &str = "No decision is recorded.";
/// The name of a carer's placement recorded before placements named their carer.
pub const UNNAMED_CARER: &str = "A carer, not named (recorded before carers were named)";

/// Every fixed phrase this module writes, for the test that keeps copies out of the interface.
/// Phrases composed around data (names, numbers, dates) are listed by their fixed part.
pub fn fixed_phrases() -> &'static [&'static str] {
    static ALL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        [
            STATUS_DRAFT,
            STATUS_COMPLETED,
            STATUS_AMENDING,
            KIND_INITIAL,
            KIND_REVIEW,
            CHANGE_IMPROVED,
            CHANGE_UNCHANGED,
            CHANGE_WORSE,
            CHANGE_NEWLY_ASSESSED,
            CHANGE_NO_LONGER_ASSESSED,
            CHANGE_NOT_ASSESSED,
            NO_PROMPTS,
            THE_HOUSEHOLD,
            CHILD_NOT_IN_HOUSEHOLD,
            CONCERN_HEAD,
            CONCERN_ACTION,
            MISSING_HEAD,
            MISSING_ACTION,
            GAP_HEAD,
            GAP_ACTION,
            HARM_TOP,
            HARM_FLAGGED,
            HARM_HEAD,
            HARM_ACTION,
            SUSTAINED_TAIL,
            UNBORN,
            AGE_UNKNOWN,
            HISTORY_COMPLETED,
            HISTORY_REOPENED,
            NOT_ASKED_UNBORN,
            NOT_ASKED_AGE,
            DRAFT_MARK,
            UNNAMED_CARER,
            NO_CHECKS,
            CHECK_UNRATED,
            CHECK_IMPACT,
            CHECK_LEAD,
            CHECK_VIEW,
            CHECK_NO_DECISION,
            INTEGRITY_HEAD,
            INTEGRITY_ACTION,
            INTEGRITY_CHECKING,
            PREVIOUS_UNREADABLE,
            AREA_HOUSEHOLD,
            AREA_ASSESSMENT,
            AREA_RATING,
            AREA_DEFINITION,
            AREA_META,
            AREA_HEADER,
            AREA_AUDIT,
            AREA_FILE,
            HISTORY_SAVE_HOUSEHOLD,
            HISTORY_SAVE_ASSESSMENT,
            HISTORY_COMPLETE_ASSESSMENT,
            HISTORY_AMEND_ASSESSMENT,
            HISTORY_DISCARD_ASSESSMENT,
            home::MISMATCH_HEAD,
            home::MISMATCH_ACTION,
            home::MISMATCH_LABEL,
            home::HELP_WITH_PARENTS,
            home::HELP_WITHOUT_PARENTS,
            home::EVENTS_HEADING,
            review::WORSE_HEAD,
            review::WORSE_ACTION,
            review::DRIFT_HEAD,
            review::DRIFT_ACTION,
            review::PROGRESS_NOT_STARTED,
            review::PROGRESS_SOME,
            review::PROGRESS_ACHIEVED,
            review::PROGRESS_NO_LONGER,
            review::CARRIED,
            review::IN_PROGRESS,
            review::WHO_HELPS,
        ]
        .iter()
        .chain(decision::PHRASES.iter())
        .copied()
        .collect()
    })
}

/// A date as people read it, e.g. "3 March 2026". Every date a rule's text carries is written
/// by this function.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The lifecycle status in words.
pub fn status_text(s: Status) -> &'static str {
    match s {
        Status::Draft => STATUS_DRAFT,
        Status::Completed => STATUS_COMPLETED,
        Status::Amending => STATUS_AMENDING,
    }
}

/// The kind of assessment in words.
pub fn kind_text(k: &AssessmentKind) -> &'static str {
    match k {
        AssessmentKind::Initial => KIND_INITIAL,
        AssessmentKind::Review { .. } => KIND_REVIEW,
    }
}

/// How an item's level moved, in words.
pub fn change_text(c: Change) -> &'static str {
    match c {
        Change::Improved => CHANGE_IMPROVED,
        Change::Unchanged => CHANGE_UNCHANGED,
        Change::Worse => CHANGE_WORSE,
        Change::NewlyAssessed => CHANGE_NEWLY_ASSESSED,
        Change::NoLongerAssessed => CHANGE_NO_LONGER_ASSESSED,
        Change::NotAssessed => CHANGE_NOT_ASSESSED,
    }
}

/// The change words as one table, keyed like [`Change`] is serialised (`improved`,
/// `no_longer_assessed`, ...), so the interface looks a comparison's change up directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeWords {
    /// [`Change::Improved`].
    pub improved: String,
    /// [`Change::Unchanged`].
    pub unchanged: String,
    /// [`Change::Worse`].
    pub worse: String,
    /// [`Change::NewlyAssessed`].
    pub newly_assessed: String,
    /// [`Change::NoLongerAssessed`].
    pub no_longer_assessed: String,
    /// [`Change::NotAssessed`].
    pub not_assessed: String,
}

impl ChangeWords {
    /// The table, from [`change_text`].
    pub fn new() -> Self {
        ChangeWords {
            improved: change_text(Change::Improved).into(),
            unchanged: change_text(Change::Unchanged).into(),
            worse: change_text(Change::Worse).into(),
            newly_assessed: change_text(Change::NewlyAssessed).into(),
            no_longer_assessed: change_text(Change::NoLongerAssessed).into(),
            not_assessed: change_text(Change::NotAssessed).into(),
        }
    }
}

impl Default for ChangeWords {
    fn default() -> Self {
        Self::new()
    }
}

/// A prompt in words: what was found, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptText {
    /// The prompt's kind as it is serialised (`concern`, `missing_impact`, `carer_gap`,
    /// `alert`), for styling.
    pub kind: String,
    /// What was found, naming the child (or the household) and the item.
    pub headline: String,
    /// What to do next.
    pub action: String,
}

impl PromptText {
    /// Headline and action on one line (as the summary sheet prints them).
    pub fn one_line(&self) -> String {
        if self.action.is_empty() {
            self.headline.clone()
        } else {
            format!("{} {}", self.headline, self.action)
        }
    }
}

/// A child's name, or [`CHILD_NOT_IN_HOUSEHOLD`].
pub fn child_name(h: &Household, id: &Id) -> String {
    h.children
        .iter()
        .find(|c| &c.id == id)
        .map_or_else(|| CHILD_NOT_IN_HOUSEHOLD.to_string(), |c| c.name.clone())
}

/// The mark on every page of a sheet whose assessment is not completed: a draft, or a completed
/// assessment being amended. `None` once it is completed.
pub fn draft_mark(status: Status) -> Option<&'static str> {
    (status != Status::Completed).then_some(DRAFT_MARK)
}

/// The line of a child's summary sheet saying how many items were not asked because they do not
/// apply to the child: why ([`NOT_ASKED_UNBORN`] or [`NOT_ASKED_AGE`]) and how many.
pub fn left_out_text(child: &Child, left_out: usize) -> String {
    let why = if child.is_unborn() {
        NOT_ASKED_UNBORN
    } else {
        NOT_ASKED_AGE
    };
    let (items, apply, are) = if left_out == 1 {
        ("item", "does", "is")
    } else {
        ("items", "do", "are")
    };
    format!("{why} {left_out} {items} that {apply} not apply {are} left out of this sheet.")
}

/// Who placed themselves on an item: a carer's or a young person's name, or "the carer" for a
/// placement recorded before placements were named.
pub fn placed_by_name(h: &Household, by: Option<&crate::assessment::PlacedBy>) -> String {
    use crate::assessment::PlacedBy;
    match by {
        Some(PlacedBy::Carer { carer_id }) => h
            .carers
            .iter()
            .find(|c| &c.id == carer_id)
            .map_or_else(|| GAP_UNNAMED.to_string(), |c| c.name.clone()),
        Some(PlacedBy::Child { child_id }) => child_name(h, child_id),
        None => GAP_UNNAMED.to_string(),
    }
}

/// Who a rating is about: the child's name, or [`THE_HOUSEHOLD`].
pub fn subject_name(h: &Household, s: &Subject) -> String {
    match s {
        Subject::Household => THE_HOUSEHOLD.to_string(),
        Subject::Child(id) => child_name(h, id),
    }
}

/// An item as people refer to it, e.g. "1.1 Food and nutrition" (the number alone if the
/// definition does not have it).
pub fn item_name(def: &ToolkitDefinition, number: &str) -> String {
    def.item(number).map_or_else(
        || number.to_string(),
        |i| format!("{} {}", i.number, i.title),
    )
}

/// A prompt in words. `h` names the child, `def` the item.
pub fn prompt_text(p: &Prompt, h: &Household, def: &ToolkitDefinition) -> PromptText {
    let (kind, headline, action) = match p {
        Prompt::Concern {
            child_id,
            concern_items,
            assessed,
        } => (
            "concern",
            format!(
                "{}: most assessed items ({concern_items} of {assessed}) {CONCERN_HEAD}",
                child_name(h, child_id)
            ),
            CONCERN_ACTION.to_string(),
        ),
        Prompt::MissingImpact {
            subject,
            item,
            level,
        } => (
            "missing_impact",
            format!(
                "{}, {}: level {level} {MISSING_HEAD}",
                subject_name(h, subject),
                item_name(def, item)
            ),
            MISSING_ACTION.to_string(),
        ),
        Prompt::CarerGap {
            subject,
            item,
            level,
            carer_level,
            by,
        } => (
            "carer_gap",
            format!(
                "{}, {}: the practitioner chose level {level}; {} {GAP_HEAD} {carer_level}.",
                subject_name(h, subject),
                item_name(def, item),
                placed_by_name(h, by.as_ref())
            ),
            GAP_ACTION.to_string(),
        ),
        Prompt::SignificantHarm {
            child_id,
            item,
            level,
            top_level,
            flagged,
            front_door,
        } => {
            let why = match (top_level, flagged) {
                (true, true) => format!("{HARM_TOP} and {HARM_FLAGGED}"),
                (true, false) => HARM_TOP.to_string(),
                _ => HARM_FLAGGED.to_string(),
            };
            let at = level.map(|l| format!("level {l}, ")).unwrap_or_default();
            let door = front_door
                .as_ref()
                .map(|c| {
                    if c.phone.trim().is_empty() {
                        format!(" ({})", c.name)
                    } else {
                        format!(" ({}, {})", c.name, c.phone)
                    }
                })
                .unwrap_or_default();
            (
                "significant_harm",
                format!(
                    "{}, {}: {at}{why}. {HARM_HEAD}",
                    child_name(h, child_id),
                    item_name(def, item)
                ),
                format!("{HARM_ACTION}{door}."),
            )
        }
        Prompt::Worse {
            subject,
            item,
            from,
            to,
        } => (
            "worse",
            review::worse_headline(&subject_name(h, subject), &item_name(def, item), *from, *to),
            review::WORSE_ACTION.to_string(),
        ),
        Prompt::Drift {
            subject,
            item,
            from,
            to,
        } => (
            "drift",
            review::drift_headline(&subject_name(h, subject), &item_name(def, item), *from, *to),
            review::DRIFT_ACTION.to_string(),
        ),
        Prompt::ExplanationMismatch { subject, item } => (
            "explanation_mismatch",
            format!(
                "{}, {}: {}",
                subject_name(h, subject),
                item_name(def, item),
                home::MISMATCH_HEAD
            ),
            home::MISMATCH_ACTION.to_string(),
        ),
        Prompt::Alert {
            subject,
            item,
            title,
            text,
            ..
        } => (
            "alert",
            format!(
                "{}, {}: {title}.",
                subject_name(h, subject),
                item_name(def, item)
            ),
            text.clone(),
        ),
    };
    PromptText {
        kind: kind.into(),
        headline,
        action,
    }
}

/// One check before completing, in words ([`check_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckText {
    /// The check's kind as it is serialised (`unrated`, `missing_impact`, `lead_not_consulted`,
    /// `missing_view`, `no_decision`).
    pub kind: CheckKind,
    /// The child it is about; `None` for the household.
    pub child_id: Option<Id>,
    /// Who it is about, to group the checks under: the child's name, or [`THE_HOUSEHOLD`].
    pub group: String,
    /// What may be missing, naming the child and the items.
    pub headline: String,
    /// The item numbers concerned.
    pub items: Vec<String>,
    /// Where it is put right: `toolkit` or `decision`.
    pub place: CheckPlace,
}

/// A list of items as people refer to them, e.g. "1.3 Clothing, 2.2 Dental care".
fn item_list(def: &ToolkitDefinition, items: &[String]) -> String {
    items
        .iter()
        .map(|n| item_name(def, n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A check before completing in words, e.g. "Ava: 2 items not rated: 1.3 Clothing, 2.2 Dental
/// care."
pub fn check_text(c: &CompletionCheck, h: &Household, def: &ToolkitDefinition) -> CheckText {
    let group = c
        .child_id
        .as_ref()
        .map_or_else(|| THE_HOUSEHOLD.to_string(), |id| child_name(h, id));
    let n = c.items.len();
    let count = format!("{n} item{}", if n == 1 { "" } else { "s" });
    let headline = match c.kind {
        CheckKind::Unrated => format!(
            "{group}: {count} {CHECK_UNRATED}: {}.",
            item_list(def, &c.items)
        ),
        CheckKind::MissingImpact => format!(
            "{group}: {count} {CHECK_IMPACT}: {}.",
            item_list(def, &c.items)
        ),
        CheckKind::LeadNotConsulted => format!("{group}: {CHECK_LEAD}"),
        CheckKind::MissingView => format!("{group}: {CHECK_VIEW}"),
        CheckKind::NoDecision => CHECK_NO_DECISION.to_string(),
        CheckKind::ParentsNotRecorded => CHECK_PARENTS.to_string(),
        CheckKind::DashNotRecorded => CHECK_DASH.to_string(),
    };
    CheckText {
        kind: c.kind,
        child_id: c.child_id.clone(),
        group,
        headline,
        items: c.items.clone(),
        place: c.kind.place(),
    }
}

/// An improvement held across reviews, as one sentence naming the child and the item.
pub fn sustained_text(s: &SustainedImprovement, h: &Household, def: &ToolkitDefinition) -> String {
    format!(
        "{}, {}: from {} to {}, held for {} review{}. {SUSTAINED_TAIL}",
        child_name(h, &s.child_id),
        item_name(def, &s.item),
        s.from,
        s.to,
        s.reviews,
        if s.reviews == 1 { "" } else { "s" }
    )
}

/// A whole number of months as an age, e.g. "7 months", "1 year", "2 years 3 months".
pub fn months_text(months: u32) -> String {
    let (y, m) = (months / 12, months % 12);
    let plural = |n: u32, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (y, m) {
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} {}", plural(y, "year"), plural(m, "month")),
    }
}

/// A child's age on `on` in words: "2 years 3 months", "7 months", or for an unborn child
/// "Unborn, expected 3 March 2026".
pub fn age_text(birth: &Birth, on: NaiveDate) -> String {
    match *birth {
        Birth::Expected(d) => format!("{UNBORN} {}", date_text(d)),
        Birth::Born(_) => match birth.age_months(on) {
            Some(m) => months_text(m),
            None => format!("{AGE_UNKNOWN} {}.", date_text(on)),
        },
    }
}

/// The id of the definition's age band a child is in on `on` (`None` for an unborn child, or
/// when no band covers the age). The interface picks age-banded descriptors by this id.
pub fn age_band(def: &ToolkitDefinition, birth: &Birth, on: NaiveDate) -> Option<String> {
    birth
        .age_months(on)
        .and_then(|m| def.age_band_for(m))
        .map(|b| b.id.clone())
}

/// The warning given after exporting a sheet on which some characters could not be printed (no
/// bundled font has them; each shows as a white square): the characters with their code points,
/// so the user can find and check the names and words that hold them. `None` when all printed.
pub fn missing_characters_text(missing: &[char]) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let list: Vec<String> = missing
        .iter()
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let (these, show) = if missing.len() == 1 {
        ("This character", "shows")
    } else {
        ("These characters", "show")
    };
    Some(format!(
        "{these} could not be printed and {show} as a white square on the sheet: {}. Check \
         the names and words that use them.",
        list.join(", ")
    ))
}

/// One line of an assessment's history, e.g. "3 March 2026: completed by Sam Okafor".
pub fn history_text(e: &LifecycleEvent) -> String {
    let when = date_text(e.at.date_naive());
    match &e.event {
        LifecycleEventKind::Completed => format!("{when}: {HISTORY_COMPLETED} {}", e.by),
        LifecycleEventKind::AmendmentStarted { reason } => {
            format!("{when}: {HISTORY_REOPENED} {}: {reason}", e.by)
        }
    }
}

/// `#rrggbb` as red, green and blue from 0 to 1, or `None` if it is not in that form.
pub fn colour_rgb(hex: &str) -> Option<(f32, f32, f32)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let c = |i: usize| {
        u8::from_str_radix(&h[i..i + 2], 16)
            .ok()
            .map(|v| f32::from(v) / 255.0)
    };
    Some((c(0)?, c(2)?, c(4)?))
}

/// Black or white, whichever has the higher WCAG 2 contrast ratio against `fill` (ties go to
/// black).
pub fn ink_on((r, g, b): (f32, f32, f32)) -> (f32, f32, f32) {
    let lin = |c: f32| {
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    // Contrast with white is 1.05 / (l + 0.05); with black (l + 0.05) / 0.05.
    if 1.05 / (l + 0.05) > (l + 0.05) / 0.05 {
        (1.0, 1.0, 1.0)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// The ink for a `#rrggbb` fill as `#000000` or `#ffffff` (black for a colour not in that form).
pub fn ink_for(fill: &str) -> &'static str {
    if colour_rgb(fill).map(ink_on) == Some((1.0, 1.0, 1.0)) {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// One level of the scale, ready to draw as a chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChip {
    /// The level's number.
    pub code: Level,
    /// Its short label.
    pub label: String,
    /// What it means.
    pub meaning: String,
    /// The fill colour, `#rrggbb`.
    pub fill: String,
    /// The text colour on that fill: `#000000` or `#ffffff` ([`ink_for`]).
    pub ink: String,
}

/// The chips of a definition's scale, in its order.
pub fn level_chips(def: &ToolkitDefinition) -> Vec<LevelChip> {
    def.scale
        .levels
        .iter()
        .map(|l| LevelChip {
            code: l.code,
            label: l.label.clone(),
            meaning: l.meaning.clone(),
            fill: l.colour.clone(),
            ink: ink_for(&l.colour).into(),
        })
        .collect()
}

/// A child's age in words, the age band that chooses the descriptors, and what the toolkit
/// offers for the child: which items, the child's own view, the young person's own placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildText {
    /// The child.
    pub child_id: Id,
    /// [`age_text`] on the assessment's start date.
    pub age: String,
    /// [`age_band`] on the same date.
    pub age_band: Option<String>,
    /// Whether the child's own view is asked for ([`Child::can_give_view`]: not for an unborn
    /// child).
    pub can_give_view: bool,
    /// Whether the child can be seen, and seen alone, at a visit ([`Child::can_be_seen_alone`]:
    /// not an unborn child).
    pub can_be_seen_alone: bool,
    /// Whether the child may place themselves on the descriptors
    /// ([`Child::may_place_themselves`] from the definition's age, on the assessment's
    /// [`latest_date`](Assessment::latest_date), the date the save is checked on).
    pub may_place_themselves: bool,
    /// The numbers of the items that do not apply to the child
    /// ([`crate::assessment::item_applies`] on the same date), in the definition's order; the
    /// toolkit does not offer them for this child.
    pub not_offered: Vec<String>,
    /// Why those items are not offered ([`NOT_ASKED_UNBORN`] or [`NOT_ASKED_AGE`]); empty when
    /// every item applies.
    pub not_offered_reason: String,
}

/// What the toolkit offers for `child` in assessment `a` (see [`ChildText`]).
pub fn child_text(a: &Assessment, def: &ToolkitDefinition, child: &Child) -> ChildText {
    let on = age_date(a);
    let latest = a.latest_date();
    let not_offered: Vec<String> = def
        .items()
        .map(|(_, i)| i)
        .filter(|i| !item_applies(def, i, child, latest))
        .map(|i| i.number.clone())
        .collect();
    let not_offered_reason = match (not_offered.is_empty(), child.is_unborn()) {
        (true, _) => String::new(),
        (false, true) => NOT_ASKED_UNBORN.into(),
        (false, false) => NOT_ASKED_AGE.into(),
    };
    ChildText {
        child_id: child.id.clone(),
        age: age_text(&child.birth, on),
        age_band: age_band(def, &child.birth, on),
        can_give_view: child.can_give_view(),
        can_be_seen_alone: child.can_be_seen_alone(),
        may_place_themselves: child.may_place_themselves(def.self_placement_age(), latest),
        not_offered,
        not_offered_reason,
    }
}

/// Every text the interface shows for one assessment that a rule produces, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentText {
    /// [`status_text`].
    pub status: String,
    /// [`kind_text`].
    pub kind: String,
    /// One per prompt of the summary, in the same order ([`prompt_text`]).
    pub prompts: Vec<PromptText>,
    /// Shown when there are no prompts ([`NO_PROMPTS`]).
    pub no_prompts: String,
    /// The change words ([`change_text`]).
    pub changes: ChangeWords,
    /// One per sustained improvement, in the same order ([`sustained_text`]).
    pub sustained: Vec<String>,
    /// One per child of the household, in its order.
    pub children: Vec<ChildText>,
    /// The scale's levels as chips.
    pub levels: Vec<LevelChip>,
    /// The definition's label for an item not assessed.
    pub not_assessed: String,
    /// The name shown for a placement recorded before placements named their carer
    /// ([`UNNAMED_CARER`]).
    pub unnamed_carer: String,
    /// One line per lifecycle event, oldest first ([`history_text`]).
    pub history: Vec<String>,
    /// What may be missing before completing ([`crate::summary::completion_checks`], in its
    /// order, each by [`check_text`]).
    pub checks: Vec<CheckText>,
    /// Shown when there is nothing to check ([`NO_CHECKS`]).
    pub no_checks: String,
    /// The DASH outcomes to choose from ([`dash_outcome_words`]).
    pub dash_outcomes: Vec<DashOutcomeWord>,
    /// The home's words: usual states, event kinds, the events and each home state
    /// ([`home_words`]).
    pub home: HomeWords,
}

/// The date a child's age is given on for an assessment: the day it started (its first visit,
/// else the day it was created), so the same assessment always shows the same age and the same
/// descriptors.
pub fn age_date(a: &Assessment) -> NaiveDate {
    a.started_on()
}

/// Compose every text of an assessment's view.
pub fn assessment_text(
    a: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    summary: &Summary,
    sustained: &[SustainedImprovement],
) -> AssessmentText {
    AssessmentText {
        status: status_text(a.status).into(),
        kind: kind_text(&a.kind).into(),
        prompts: summary
            .prompts
            .iter()
            .map(|p| prompt_text(p, h, def))
            .collect(),
        no_prompts: NO_PROMPTS.into(),
        changes: ChangeWords::new(),
        sustained: sustained
            .iter()
            .map(|s| sustained_text(s, h, def))
            .collect(),
        children: h.children.iter().map(|c| child_text(a, def, c)).collect(),
        levels: level_chips(def),
        not_assessed: def.scale.not_assessed_label.clone(),
        unnamed_carer: UNNAMED_CARER.into(),
        history: a.history.iter().map(history_text).collect(),
        checks: completion_checks(a, h, def, summary)
            .iter()
            .map(|c| check_text(c, h, def))
            .collect(),
        no_checks: NO_CHECKS.into(),
        dash_outcomes: dash_outcome_words(),
        home: home_words(a),
    }
}
