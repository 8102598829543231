//! A household's History: who changed its records, when and why, read from the audit trail and
//! never showing what a record said. The lines are composed here once; the app's History page
//! (`get_history`) and `ntk vault audit --household` both show them as they come.

use super::{AppError, Session};
use crate::assessment::Id;
use crate::words;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One line of a household's History: who changed what, when and why (never the content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLine {
    /// When.
    pub at: DateTime<Utc>,
    /// When, in words ([`words::history_when_text`]).
    pub when_text: String,
    /// Who (the practitioner's name in settings at the time; may be empty).
    pub who: String,
    /// Who, in words ([`words::history_who_text`]): the name, or a note that none was set.
    pub who_text: String,
    /// What, in words ([`words::history_action_text`]).
    pub what: &'static str,
    /// The record changed (a household, toolkit or rating id).
    pub record: String,
    /// Why, for an action that asks for a reason (amending, discarding, removing).
    pub why: Option<String>,
    /// The whole line as one piece of text ([`words::history_line_text`]), as `ntk` prints it.
    pub text: String,
}

/// A household's History as the History page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryView {
    /// The household.
    pub household_id: Id,
    /// What the History is (and is not), in words.
    pub about: &'static str,
    /// Its lines, oldest first.
    pub lines: Vec<HistoryLine>,
    /// What to say when there are no lines.
    pub empty_text: &'static str,
}

impl Session {
    /// A household's History, oldest first, from the audit trail. A household that no longer
    /// exists still has its History (an empty one when nothing was ever recorded for the id).
    pub fn household_history(&self, household: &Id) -> Result<HistoryView, AppError> {
        let lines = self
            .vault
            .household_history(household)?
            .into_iter()
            .map(|e| {
                let when_text = words::history_when_text(e.at);
                let who_text = words::history_who_text(&e.who).to_string();
                let what = words::history_action_text(&e.action);
                let text = words::history_line_text(
                    &when_text,
                    &who_text,
                    what,
                    &e.record_id,
                    e.reason.as_deref(),
                );
                HistoryLine {
                    at: e.at,
                    when_text,
                    who: e.who,
                    who_text,
                    what,
                    record: e.record_id,
                    why: e.reason,
                    text,
                }
            })
            .collect();
        Ok(HistoryView {
            household_id: household.clone(),
            about: words::HISTORY_ABOUT,
            lines,
            empty_text: words::HISTORY_EMPTY,
        })
    }
}
