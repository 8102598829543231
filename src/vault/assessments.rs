//! Assessments and their ratings. A rating is its own sealed row (its id an HMAC of assessment,
//! item and subject under the vault's id key: `ids.rs`), so saving one rating, the hot path, never rewrites the whole assessment. Every save
//! is checked against the assessment's household, its stored definition and its lifecycle.

use super::records::{ASSESSMENTS, RATINGS};
use super::writer::{lock_for_change, millis, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::{
    check_change, check_discard, check_one_in_progress, check_rating, validate, Assessment,
    Household, Id, LifecycleEventKind, Rating, Status,
};
use crate::toolkit::ToolkitDefinition;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The sealed content of a rating row.
#[derive(Serialize, Deserialize)]
pub(super) struct RatingRecord {
    pub(super) rating: Rating,
    pub(super) saved_at: DateTime<Utc>,
}

/// The audit action of saving `new` over `old`: completing and amending are actions of their
/// own (amending with its reason); anything else is a save.
pub(super) fn lifecycle_action<'a>(
    old: Option<&Assessment>,
    new: &'a Assessment,
) -> (&'static str, Option<&'a str>) {
    let was = old.map(|o| o.status);
    match (was, new.status) {
        (Some(Status::Completed), Status::Amending) => (
            "amend_assessment",
            new.history.iter().rev().find_map(|e| match &e.event {
                LifecycleEventKind::AmendmentStarted { reason } => Some(reason.as_str()),
                _ => None,
            }),
        ),
        (w, Status::Completed) if w != Some(Status::Completed) => ("complete_assessment", None),
        _ => ("save_assessment", None),
    }
}

impl Writer<'_> {
    /// Save an assessment and replace all its rating rows, audited as `action` (with the
    /// reason, for an action that has one).
    pub(crate) fn put_assessment(
        &mut self,
        a: &Assessment,
        action: &str,
        reason: Option<&str>,
    ) -> Result<(), VaultError> {
        let mut shell = a.clone();
        shell.ratings.clear();
        self.keep_if_unreadable(ASSESSMENTS, "id", a.id.as_str())?;
        let old_ratings: Vec<(String, i64)> = {
            let mut st = self
                .tx
                .prepare_cached("SELECT id, rev FROM ratings WHERE assessment_id = ?1")
                .map_err(db_err("saving an assessment"))?;
            let v = st
                .query_map([a.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(db_err("saving an assessment"))?
                .collect::<Result<_, _>>()
                .map_err(db_err("saving an assessment"))?;
            v
        };
        for (rid, _) in &old_ratings {
            self.keep_if_unreadable(RATINGS, "id", rid)?;
        }
        let (rev, body) = self.seal_next(ASSESSMENTS, a.id.as_str(), &shell)?;
        self.tx
            .execute(
                "INSERT INTO assessments(id, household_id, created_at, body, rev)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET body = excluded.body, rev = excluded.rev",
                params![
                    a.id.as_str(),
                    a.household_id.as_str(),
                    millis(a.created_at),
                    body,
                    rev as i64
                ],
            )
            .map_err(db_err("saving an assessment"))?;
        self.tx
            .execute(
                "DELETE FROM ratings WHERE assessment_id = ?1",
                [a.id.as_str()],
            )
            .map_err(db_err("saving an assessment"))?;
        let mut kept = std::collections::HashSet::new();
        for (pos, r) in a.ratings.iter().enumerate() {
            let id = self.ids.rating_id(&a.id, &r.item, &r.subject);
            let rec = RatingRecord {
                rating: r.clone(),
                saved_at: a.updated_at,
            };
            let rev = match old_ratings.iter().find(|(o, _)| *o == id) {
                Some((_, old)) => (*old).max(0) as u64 + 1,
                None => {
                    self.count_delta.add(RATINGS, 1);
                    1
                }
            };
            let body = self.seal_at(RATINGS, &id, rev, &rec);
            self.tx
                .execute(
                    "INSERT INTO ratings(id, assessment_id, position, body, rev)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, a.id.as_str(), pos as i64, body, rev as i64],
                )
                .map_err(db_err("saving an assessment's ratings"))?;
            kept.insert(id);
        }
        for (rid, _) in &old_ratings {
            if !kept.contains(rid) {
                self.note_deleted(RATINGS, rid);
            }
        }
        self.household = Some(a.household_id.to_string());
        self.audit_with_reason(action, ASSESSMENTS, a.id.as_str(), reason)
    }

    /// Delete an assessment and its ratings, with an audit entry keeping the reason. Rows that
    /// do not open are kept aside in the quarantine first, so nothing unreadable is lost.
    pub(crate) fn delete_assessment(&mut self, id: &Id, reason: &str) -> Result<(), VaultError> {
        self.keep_if_unreadable(ASSESSMENTS, "id", id.as_str())?;
        self.for_household_of(id.as_str())?;
        let ratings: Vec<String> = {
            let mut st = self
                .tx
                .prepare_cached("SELECT id FROM ratings WHERE assessment_id = ?1")
                .map_err(db_err("discarding an assessment"))?;
            let v = st
                .query_map([id.as_str()], |r| r.get(0))
                .map_err(db_err("discarding an assessment"))?
                .collect::<Result<_, _>>()
                .map_err(db_err("discarding an assessment"))?;
            v
        };
        for rid in &ratings {
            self.keep_if_unreadable(RATINGS, "id", rid)?;
        }
        self.tx
            .execute(
                "DELETE FROM ratings WHERE assessment_id = ?1",
                [id.as_str()],
            )
            .map_err(db_err("discarding an assessment"))?;
        let gone = self
            .tx
            .execute("DELETE FROM assessments WHERE id = ?1", [id.as_str()])
            .map_err(db_err("discarding an assessment"))?;
        for rid in &ratings {
            self.note_deleted(RATINGS, rid);
        }
        if gone > 0 {
            self.note_deleted(ASSESSMENTS, id.as_str());
        }
        self.audit_with_reason("discard_assessment", ASSESSMENTS, id.as_str(), Some(reason))
    }

    pub(crate) fn put_rating(&mut self, assessment: &Id, r: &Rating) -> Result<(), VaultError> {
        let id = self.ids.rating_id(assessment, &r.item, &r.subject);
        let rec = RatingRecord {
            rating: r.clone(),
            saved_at: self.now,
        };
        self.keep_if_unreadable(RATINGS, "id", &id)?;
        let (rev, body) = self.seal_next(RATINGS, &id, &rec)?;
        self.tx
            .prepare_cached(
                "INSERT INTO ratings(id, assessment_id, position, body, rev)
                 VALUES (?1, ?2,
                   (SELECT COALESCE(MAX(position) + 1, 0) FROM ratings WHERE assessment_id = ?2),
                   ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET body = excluded.body, rev = excluded.rev",
            )
            .and_then(|mut st| st.execute(params![id, assessment.as_str(), body, rev as i64]))
            .map_err(db_err("saving a rating"))?;
        self.for_household_of(assessment.as_str())?;
        self.audit("save_rating", RATINGS, &id)
    }
}

impl Vault {
    /// The assessment without its ratings.
    fn assessment_shell(&self, id: &Id) -> Result<Assessment, VaultError> {
        let (hid, rev, body): (String, i64, Vec<u8>) = self
            .conn
            .prepare_cached("SELECT household_id, rev, body FROM assessments WHERE id = ?1")
            .and_then(|mut st| {
                st.query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            })
            .optional()
            .map_err(db_err("reading an assessment"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "assessment",
                id: id.to_string(),
            })?;
        let a: Assessment = self.open_rev(ASSESSMENTS, id.as_str(), rev, &body)?;
        if a.household_id.as_str() != hid || &a.id != id {
            self.note_quarantine(ASSESSMENTS, id.as_str(), "its household link was changed");
            return Err(VaultError::Tampered {
                table: ASSESSMENTS.into(),
                id: id.to_string(),
            });
        }
        Ok(a)
    }

    fn with_ratings(&self, mut a: Assessment) -> Result<Assessment, VaultError> {
        let rows = self.rows_rev(
            "SELECT id, rev, body FROM ratings WHERE assessment_id = ?1 ORDER BY position, id",
            [a.id.as_str()],
        )?;
        for (rid, rev, b) in rows {
            let Ok(rec) = self.open_rev::<RatingRecord>(RATINGS, &rid, rev, &b) else {
                continue;
            };
            if self
                .ids
                .rating_id(&a.id, &rec.rating.item, &rec.rating.subject)
                != rid
            {
                self.note_quarantine(RATINGS, &rid, "it was moved to another assessment");
                continue;
            }
            a.updated_at = a.updated_at.max(rec.saved_at);
            a.ratings.push(rec.rating);
        }
        Ok(a)
    }

    /// An assessment with its ratings. A rating that does not open is quarantined and left out.
    pub fn assessment(&self, id: &Id) -> Result<Assessment, VaultError> {
        let a = self.assessment_shell(id)?;
        self.with_ratings(a)
    }

    /// A household's assessments, oldest first. Ones that do not open are quarantined and left
    /// out.
    pub fn assessments(&self, household: &Id) -> Result<Vec<Assessment>, VaultError> {
        let ids: Vec<String> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT id FROM assessments WHERE household_id = ?1 ORDER BY created_at, id",
                )
                .map_err(db_err("listing assessments"))?;
            let v = st
                .query_map([household.as_str()], |r| r.get(0))
                .map_err(db_err("listing assessments"))?
                .collect::<Result<_, _>>()
                .map_err(db_err("listing assessments"))?;
            v
        };
        let mut out = Vec::new();
        for id in ids {
            match self.assessment(&Id(id)) {
                Ok(a) => out.push(a),
                Err(VaultError::Tampered { .. } | VaultError::Corrupt { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Check an assessment before it is saved: it validates against its household and
    /// definition, and, when it is already stored, the model allows the change
    /// ([`check_change`]: a completed one is not changed other than by its lifecycle).
    pub(crate) fn check_assessment(
        &self,
        a: &Assessment,
        household: &Household,
        def: &ToolkitDefinition,
        existing: Option<&Assessment>,
    ) -> Result<(), VaultError> {
        validate(a, household, def)?;
        if let Some(old) = existing {
            check_change(old, a)?;
        }
        Ok(())
    }

    pub(crate) fn existing_assessment(&self, id: &Id) -> Result<Option<Assessment>, VaultError> {
        match self.assessment(id) {
            Ok(a) => Ok(Some(a)),
            Err(VaultError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Create or update an assessment with all its ratings. It is validated against its
    /// household and stored definition; a completed assessment's content cannot be changed.
    pub fn save_assessment(&mut self, a: &Assessment) -> Result<(), VaultError> {
        let household = self.household(&a.household_id)?;
        let def = self.definition_for(a)?;
        let existing = self.existing_assessment(&a.id)?;
        self.check_assessment(a, &household, &def, existing.as_ref())?;
        let (action, reason) = lifecycle_action(existing.as_ref(), a);
        let mut w = self.writer()?;
        w.put_assessment(a, action, reason)?;
        w.commit()
    }

    /// Save an assessment that opens for work: a new draft, or a completed one reopened to amend.
    /// Besides the checks of [`Vault::save_assessment`], the household must have no other
    /// toolkit in progress ([`check_one_in_progress`]); all of it is read and checked inside the
    /// write transaction, so two windows cannot both open one.
    pub fn save_opening(&mut self, a: &Assessment) -> Result<(), VaultError> {
        let tx = lock_for_change(&self.conn)?;
        let household = self.household(&a.household_id)?;
        let def = self.definition_for(a)?;
        let existing = self.existing_assessment(&a.id)?;
        self.check_assessment(a, &household, &def, existing.as_ref())?;
        check_one_in_progress(&self.assessments(&a.household_id)?, &a.id)?;
        let (action, reason) = lifecycle_action(existing.as_ref(), a);
        let now = self.env.clock.now();
        let mut w = Writer::within(
            tx,
            &self.key,
            &self.ids,
            &mut *self.env.rng,
            now,
            &self.who,
            Some(&self.index),
        );
        w.put_assessment(a, action, reason)?;
        w.commit()
    }

    /// Discard a draft with a reason: the assessment and its ratings are deleted and an audit
    /// entry of its own keeps the reason, in one transaction. A completed or amending
    /// assessment is refused ([`check_discard`]). Returns the time stamped on the change.
    pub fn discard_assessment(
        &mut self,
        id: &Id,
        reason: &str,
    ) -> Result<DateTime<Utc>, VaultError> {
        let tx = lock_for_change(&self.conn)?;
        let shell = self.assessment_shell(id)?;
        let reason = check_discard(&shell, reason)?;
        let now = self.env.clock.now();
        let mut w = Writer::within(
            tx,
            &self.key,
            &self.ids,
            &mut *self.env.rng,
            now,
            &self.who,
            Some(&self.index),
        );
        w.delete_assessment(id, &reason)?;
        w.commit_at()
    }

    /// How many rating rows an assessment has in the table (for tests: the rows themselves,
    /// whether or not they open).
    #[cfg(test)]
    pub(crate) fn rating_rows(&self, assessment: &Id) -> i64 {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM ratings WHERE assessment_id = ?1",
                [assessment.as_str()],
                |r| r.get(0),
            )
            .expect("counting rating rows")
    }

    /// Save one rating of an editable assessment (the hot path: one small sealed row and its
    /// audit entry, committed before returning). The assessment is read once, inside the write
    /// transaction, and checked there by the model's rule ([`check_rating`]), so a rating is
    /// never added to an assessment another writer completed in the meantime. Returns the time
    /// stamped on the change.
    pub fn save_rating(
        &mut self,
        assessment: &Id,
        rating: Rating,
    ) -> Result<DateTime<Utc>, VaultError> {
        let tx = lock_for_change(&self.conn)?;
        let shell = self.assessment_shell(assessment)?;
        let household = self.household(&shell.household_id)?;
        let def = self.definition_for(&shell)?;
        check_rating(&shell, &rating, &household, &def)?;
        let now = self.env.clock.now();
        let mut w = Writer::within(
            tx,
            &self.key,
            &self.ids,
            &mut *self.env.rng,
            now,
            &self.who,
            Some(&self.index),
        );
        w.put_rating(assessment, &rating)?;
        w.commit_at()
    }
}
