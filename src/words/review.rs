//! The words of a review: the worse-than-last-time and drift prompts, the progress on a
//! carried target, a target as one line, and the trend's column headings.

use super::{date_text, item_name, kind_text, subject_name};
use crate::assessment::{Assessment, Household, Target, TargetProgress};
use crate::summary::{Trend, TrendPoint};
use crate::toolkit::ToolkitDefinition;
use serde::{Deserialize, Serialize};

pub(super) const WORSE_HEAD: &str = "worse than at the last assessment, from level";
pub(super) const WORSE_ACTION: &str =
    "Find out with the family what has changed, and look again at the plan and the support.";
pub(super) const DRIFT_HEAD: &str =
    "at a level of concern in two assessments running, with no improvement";
pub(super) const DRIFT_ACTION: &str = "Watch for drift: talk with your safeguarding lead about \
                                       whether other services are needed.";
/// Progress word: nothing has changed yet.
pub const PROGRESS_NOT_STARTED: &str = "Not started";
/// Progress word: some progress.
pub const PROGRESS_SOME: &str = "Some progress";
/// Progress word: achieved.
pub const PROGRESS_ACHIEVED: &str = "Achieved";
/// Progress word: no longer needed.
pub const PROGRESS_NO_LONGER: &str = "No longer needed";
/// Said of a target carried from the assessment reviewed.
pub const CARRIED: &str = "Carried from the last assessment";
/// Added to the trend's heading of an assessment not yet completed.
pub const IN_PROGRESS: &str = "(in progress)";
pub(super) const WHO_HELPS: &str = "Who helps:";

/// The headline of a [`crate::summary::Prompt::Worse`].
pub(super) fn worse_headline(subject: &str, item: &str, from: u8, to: u8) -> String {
    format!("{subject}, {item}: {WORSE_HEAD} {from} to level {to}.")
}

/// The headline of a [`crate::summary::Prompt::Drift`].
pub(super) fn drift_headline(subject: &str, item: &str, from: u8, to: u8) -> String {
    format!("{subject}, {item}: {DRIFT_HEAD} (level {from}, then level {to}).")
}

/// The word for a target's progress.
pub fn progress_text(p: TargetProgress) -> &'static str {
    match p {
        TargetProgress::NotStarted => PROGRESS_NOT_STARTED,
        TargetProgress::SomeProgress => PROGRESS_SOME,
        TargetProgress::Achieved => PROGRESS_ACHIEVED,
        TargetProgress::NoLongerNeeded => PROGRESS_NO_LONGER,
    }
}

/// `text` trimmed, ending with a full stop unless it already ends with a sentence's mark.
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// A target on one line, as the sheet prints it: the item and who it is about, what needs to
/// change, by when, who helps and, on a carried target, its progress with the note.
pub fn target_text(t: &Target, h: &Household, def: &ToolkitDefinition) -> String {
    let mut line = format!(
        "{}, {}: {}",
        item_name(def, &t.item),
        subject_name(h, &t.subject),
        sentence(&t.change)
    );
    if let Some(by) = t.by {
        line.push_str(&format!(" By {}.", date_text(by)));
    }
    if !t.who_helps.trim().is_empty() {
        line.push_str(&format!(" {WHO_HELPS} {}", sentence(&t.who_helps)));
    }
    if t.is_carried() {
        line.push_str(&format!(" {CARRIED}: {}.", progress_text(t.progress)));
        if !t.progress_note.trim().is_empty() {
            line.push_str(&format!(" {}", sentence(&t.progress_note)));
        }
    }
    line
}

/// A progress value with its word, for the interface's choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressWord {
    /// The value as it is serialised.
    pub progress: TargetProgress,
    /// Its word ([`progress_text`]).
    pub text: String,
}

/// The words of a review's parts of the assessment view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewText {
    /// Every progress value with its word, in order.
    pub progress: Vec<ProgressWord>,
    /// Said of a carried target ([`CARRIED`]).
    pub carried: String,
    /// One heading per point of the trend: its kind and date, marked when in progress.
    pub trend_columns: Vec<String>,
    /// One line per target of the assessment, in its order ([`target_text`]).
    pub targets: Vec<String>,
}

/// The heading of one point of a trend: its kind and the day it started, marked when it is in
/// progress, e.g. "Review 3 March 2026 (in progress)".
pub fn trend_column(p: &TrendPoint) -> String {
    let head = format!("{} {}", kind_text(&p.kind), date_text(p.date));
    if p.completed {
        head
    } else {
        format!("{head} {IN_PROGRESS}")
    }
}

/// Compose the review words of an assessment's view.
pub fn review_text(
    a: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    trend: &Trend,
) -> ReviewText {
    use TargetProgress::*;
    ReviewText {
        progress: [NotStarted, SomeProgress, Achieved, NoLongerNeeded]
            .into_iter()
            .map(|progress| ProgressWord {
                progress,
                text: progress_text(progress).into(),
            })
            .collect(),
        carried: CARRIED.into(),
        trend_columns: trend.points.iter().map(trend_column).collect(),
        targets: a.targets.iter().map(|t| target_text(t, h, def)).collect(),
    }
}
