//! What the user is told about the vault's integrity: the quick check run at unlock, the full
//! check the shell runs just after it (in the background), and the records kept aside. The
//! interface shows [`IntegrityView`] as a banner that stays until the problems are gone.

use super::{AppError, Session};
use crate::assessment::Id;
use crate::vault::{QuarantinedRecord, VerifyProblem};
use crate::words;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One line of a household's History: who changed what, when and why (never the content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLine {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the practitioner's name in settings at the time; may be empty).
    pub who: String,
    /// What, in words ([`words::history_action_text`]).
    pub what: &'static str,
    /// The record changed (a household, toolkit or rating id).
    pub record: String,
    /// Why, for an action that asks for a reason (amending, discarding).
    pub why: Option<String>,
}

/// One thing found wrong, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntegrityProblem {
    /// What it affects, in words ([`words::integrity_area`]).
    pub area: &'static str,
    /// The record's id, when it is about one record.
    pub record: String,
    /// What was found.
    pub detail: String,
}

/// The integrity of the open vault as the interface shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntegrityView {
    /// True when no check has found anything and no record is kept aside.
    pub ok: bool,
    /// Whether the full check has run since unlocking.
    pub fully_checked: bool,
    /// The banner's headline (empty when `ok`).
    pub headline: &'static str,
    /// What to do (empty when `ok`), or that the full check is still running.
    pub action: &'static str,
    /// Everything found, quick and full check together, without repeats.
    pub problems: Vec<IntegrityProblem>,
    /// Records that did not open, kept across restarts until a full check finds them sound.
    pub quarantined: Vec<QuarantinedRecord>,
}

/// What the checks of a session have found so far.
#[derive(Debug, Default)]
pub(super) struct IntegrityState {
    quick: Vec<VerifyProblem>,
    full: Option<Vec<VerifyProblem>>,
}

impl IntegrityState {
    /// The quick check of the vault just opened (a failure to run it is itself reported).
    pub(super) fn at_unlock(vault: &crate::vault::Vault) -> Self {
        let quick = vault.quick_check().unwrap_or_else(|e| {
            vec![VerifyProblem {
                table: "database".into(),
                id: String::new(),
                detail: e.to_string(),
            }]
        });
        IntegrityState { quick, full: None }
    }
}

impl Session {
    /// What the checks found so far: the quick check of the unlock, and the full check once
    /// [`Session::check_integrity`] has run.
    pub fn integrity(&self) -> IntegrityView {
        let st = &self.integrity;
        let mut problems: Vec<IntegrityProblem> = Vec::new();
        for p in st.quick.iter().chain(st.full.iter().flatten()) {
            let item = IntegrityProblem {
                area: words::integrity_area(&p.table),
                record: p.id.clone(),
                detail: p.detail.clone(),
            };
            if !problems.contains(&item) {
                problems.push(item);
            }
        }
        let quarantined = self.vault.quarantined();
        let ok = problems.is_empty() && quarantined.is_empty();
        let fully_checked = st.full.is_some();
        IntegrityView {
            ok,
            fully_checked,
            headline: if ok { "" } else { words::INTEGRITY_HEAD },
            action: match (ok, fully_checked) {
                (false, _) => words::INTEGRITY_ACTION,
                (true, false) => words::INTEGRITY_CHECKING,
                (true, true) => "",
            },
            problems,
            quarantined,
        }
    }

    /// A household's History, oldest first, from the audit trail.
    pub fn household_history(&self, household: &Id) -> Result<Vec<HistoryLine>, AppError> {
        Ok(self
            .vault
            .household_history(household)?
            .into_iter()
            .map(|e| HistoryLine {
                at: e.at,
                who: e.who,
                what: words::history_action_text(&e.action),
                record: e.record_id,
                why: e.reason,
            })
            .collect())
    }

    /// Run the full check ([`crate::vault::Vault::verify`]) and keep what it found for the
    /// banner. The shell calls this once after unlocking, in the background.
    pub fn check_integrity(&mut self) -> Result<IntegrityView, AppError> {
        let report = self.vault.verify()?;
        self.integrity.full = Some(report.problems);
        Ok(self.integrity())
    }
}
