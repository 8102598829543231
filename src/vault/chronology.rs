//! Chronologies: one sealed record per household holding its entries in date order. A change
//! reads the stored chronology inside its own write transaction and writes it back with one
//! audit entry, so two writers never lose each other's entries.

use super::records::CHRONOLOGY;
use super::writer::{lock_for_change, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::Id;
use crate::chronology::Chronology;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

impl Writer<'_> {
    pub(crate) fn put_chronology(
        &mut self,
        c: &Chronology,
        action: &str,
        reason: Option<&str>,
    ) -> Result<(), VaultError> {
        let id = c.household_id.as_str();
        self.keep_if_unreadable(CHRONOLOGY, "household_id", id)?;
        let body = self.seal(CHRONOLOGY, id, c);
        // Recorded in the audit entry, so that verify finds a chronology changed, rolled back or
        // added outside the app.
        self.note_write(CHRONOLOGY, id, 0, &body);
        self.tx
            .execute(
                "INSERT INTO chronology(household_id, body) VALUES (?1, ?2)
                 ON CONFLICT(household_id) DO UPDATE SET body = excluded.body",
                params![id, body],
            )
            .map_err(db_err("saving a chronology"))?;
        self.audit_with_reason(action, CHRONOLOGY, id, reason)
    }
}

impl Vault {
    /// The chronology of a household (empty when none is stored). The household must exist.
    pub fn chronology(&self, household_id: &Id) -> Result<Chronology, VaultError> {
        self.household(household_id)?;
        let body: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT body FROM chronology WHERE household_id = ?1",
                [household_id.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading a chronology"))?;
        match body {
            Some(b) => self.open(CHRONOLOGY, household_id.as_str(), &b),
            None => Ok(Chronology {
                household_id: household_id.clone(),
                entries: Vec::new(),
            }),
        }
    }

    /// Change a household's chronology in one transaction: `change` gets the stored version
    /// (read under the write lock) and returns what to report; the result is written with the
    /// audit entry `action` (with `reason`, if given) and committed. When `change` fails
    /// nothing is written.
    pub fn change_chronology<T>(
        &mut self,
        household_id: &Id,
        action: &str,
        reason: Option<&str>,
        change: impl FnOnce(&mut Chronology) -> Result<T, VaultError>,
    ) -> Result<(T, DateTime<Utc>), VaultError> {
        let now = self.env.clock.now();
        let tx = lock_for_change(&self.conn)?;
        let mut c = self.chronology(household_id)?;
        let out = change(&mut c)?;
        c.sort();
        let mut w = Writer::within(
            tx,
            &self.key,
            &self.ids,
            &mut *self.env.rng,
            now,
            &self.who,
            Some(&self.index),
        );
        w.put_chronology(&c, action, reason)?;
        Ok((out, w.commit_at()?))
    }
}
