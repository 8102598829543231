//! Reviewing a household received by hand-over while it was already stored, field by field
//! (see [`crate::handover::review`]), and saving the practitioner's choices.

use super::{AppError, Saved, Session};
use crate::assessment::{validate, Id};
use crate::chronology::Chronology;
use crate::handover::review::{self, ConflictField, Version};
use crate::handover::{HandoverDoc, Received};
use crate::words;
use serde::Serialize;

/// The review screen of a conflict: both versions side by side, one row per differing field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictReview {
    /// The household.
    pub household_id: Id,
    /// Its name as stored.
    pub household_name: String,
    /// Who sent the incoming version and when, in words.
    pub received_text: String,
    /// Every field that differs; each keeps the stored value unless chosen otherwise.
    pub fields: Vec<ConflictField>,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::Invalid {
        message: message.into(),
    }
}

impl Session {
    fn conflict_versions(
        &self,
        household_id: &Id,
    ) -> Result<(Received, HandoverDoc, Version, Version), AppError> {
        let mut r = self
            .vault
            .received_record::<Received>(household_id.as_str())?
            .ok_or_else(|| invalid("This household was not received by hand-over."))?;
        let doc = r.conflict.take().ok_or_else(|| {
            invalid("No incoming version of this household is waiting to be reviewed.")
        })?;
        let stored = Version {
            household: self.vault.household(household_id)?,
            assessments: self.vault.assessments(household_id)?,
            chronology: self.vault.chronology(household_id)?.entries,
        };
        let incoming = Version {
            household: doc.household.clone(),
            assessments: doc.assessments.clone(),
            chronology: doc.chronology.clone(),
        };
        Ok((r, doc, stored, incoming))
    }

    /// The stored and the incoming versions of a received household, field by field.
    pub fn conflict_review(&self, household_id: &Id) -> Result<ConflictReview, AppError> {
        let (r, doc, stored, incoming) = self.conflict_versions(household_id)?;
        Ok(ConflictReview {
            household_id: household_id.clone(),
            household_name: stored.household.name.clone(),
            received_text: words::received_text(&doc.sender, r.received_at),
            fields: review::diff(&stored, &incoming),
        })
    }

    /// Save the merge of a conflict: the fields named in `take_incoming` (keys of
    /// [`ConflictReview::fields`]) take the incoming value, every other keeps the stored one.
    /// The merged household is checked like any other before anything is written; then it is
    /// written in one audited transaction and the conflict is cleared.
    pub fn merge_handover(
        &mut self,
        household_id: &Id,
        take_incoming: &[String],
    ) -> Result<Saved, AppError> {
        let (mut r, doc, stored, incoming) = self.conflict_versions(household_id)?;
        let merged = review::apply(&stored, &incoming, take_incoming)
            .map_err(|e| invalid(format!("Nothing was saved: {e}")))?;
        let now = self.vault.clock().now();
        let today = now.with_timezone(&chrono::Local).date_naive();
        let mut household = merged.household;
        household.id = stored.household.id.clone();
        household.created_at = stored.household.created_at;
        let household_changed = household != stored.household;
        if household_changed {
            household.updated_at = now;
        }
        crate::assessment::check_dates(&household, today)
            .map_err(|e| invalid(format!("Nothing was saved: the household: {e}.")))?;
        // Every assessment the household will have, checked against the merged household.
        let mut all = stored.assessments.clone();
        for a in &merged.assessments {
            match all.iter_mut().find(|x| x.id == a.id) {
                Some(x) => *x = a.clone(),
                None => all.push(a.clone()),
            }
        }
        for a in &all {
            let def = match doc.definitions.iter().find(|d| d.hash == a.definition.hash) {
                Some(d) => d.definition.clone(),
                None => self.vault.definition(&a.definition.hash)?,
            };
            validate(a, &household, &def).map_err(|e| {
                invalid(format!(
                    "Nothing was saved: with these choices, the toolkit started {} would not fit the household: {e}.",
                    words::date_text(a.created_at.with_timezone(&chrono::Local).date_naive())
                ))
            })?;
        }
        for e in &merged.chronology {
            if e.children
                .iter()
                .any(|c| !household.children.iter().any(|x| &x.id == c))
            {
                return Err(invalid(
                    "Nothing was saved: with these choices, a chronology entry would name a child the household does not have. Take that child from the incoming version too.",
                ));
            }
        }
        let chronology = (merged.chronology != stored.chronology).then(|| {
            let mut c = Chronology {
                household_id: household_id.clone(),
                entries: merged.chronology.clone(),
            };
            c.sort();
            c
        });
        for a in &mut all {
            if merged.assessments.iter().any(|m| m.id == a.id) {
                a.updated_at = now;
            }
        }
        let changed: Vec<_> = all
            .into_iter()
            .filter(|a| merged.assessments.iter().any(|m| m.id == a.id))
            .collect();
        r.conflict = None;
        let reason = format!(
            "{} of {} differing fields taken from the incoming version",
            merged.taken,
            review::diff(&stored, &incoming).len()
        );
        let saved_at = self.vault.store_merged(
            if changed.is_empty() {
                &[]
            } else {
                &doc.definitions
            },
            household_changed.then_some(&household),
            &changed,
            chronology.as_ref(),
            &r,
            &reason,
        )?;
        Ok(Saved { saved_at })
    }
}
