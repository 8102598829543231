//! Erasing a household: every record of it goes in one audited change, and what stays is a
//! tombstone with no personal data (an opaque id, the day, the reason's code, a note that names
//! no one, and how many records went). The audit entry lists every row it deleted, so `verify`
//! accepts their absence; the file is then vacuumed so that freed pages keep nothing.

use super::handover::RECEIVED_PREFIX;
use super::records::{ASSESSMENTS, CHRONOLOGY, HOUSEHOLDS, META, RATINGS};
use super::writer::lock_for_change;
use super::writer::Writer;
use super::{db_err, Vault, VaultError};
use crate::assessment::Id;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// The prefix of a tombstone's key in `meta` (`erased/<opaque id>`).
pub(crate) const TOMBSTONE_PREFIX: &str = "erased/";

/// What stays of an erased household: nothing that names or describes anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// An opaque id made for the tombstone (not the household's id).
    pub id: String,
    /// The day the household was erased.
    pub erased_on: NaiveDate,
    /// The reason's code (one of [`crate::words::ERASE_REASONS`]).
    pub reason: String,
    /// A note on the reason, checked to name no one of the household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How many toolkits (assessments) went.
    pub assessments: u64,
    /// How many ratings went.
    pub ratings: u64,
    /// Whether a chronology went.
    pub chronology: bool,
    /// Whether a received hand-over record went.
    pub received: bool,
}

fn ids(w: &Writer<'_>, sql: &str, arg: &str) -> Result<Vec<String>, VaultError> {
    let mut st = w.tx.prepare(sql).map_err(db_err("erasing a household"))?;
    let v = st
        .query_map([arg], |r| r.get(0))
        .map_err(db_err("erasing a household"))?
        .collect::<Result<_, _>>()
        .map_err(db_err("erasing a household"))?;
    Ok(v)
}

impl Vault {
    /// Erase the household `id` and everything of it (its toolkits and ratings, its chronology,
    /// a received hand-over record, records of it kept in quarantine), leaving the tombstone
    /// described by `reason` and `note` (already checked by the caller). One transaction with
    /// its audit entry; then the file is vacuumed. Returns the tombstone.
    pub fn erase_household(
        &mut self,
        id: &Id,
        reason: &str,
        note: Option<&str>,
        tombstone_id: String,
    ) -> Result<Tombstone, VaultError> {
        let tx = lock_for_change(&self.conn)?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM households WHERE id = ?1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("erasing a household"))?;
        if exists.is_none() {
            return Err(VaultError::NotFound {
                what: "household",
                id: id.to_string(),
            });
        }
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
        let hid = id.as_str();
        let assessments = ids(
            &w,
            "SELECT id FROM assessments WHERE household_id = ?1",
            hid,
        )?;
        let ratings = ids(
            &w,
            "SELECT r.id FROM ratings r JOIN assessments a ON a.id = r.assessment_id
             WHERE a.household_id = ?1",
            hid,
        )?;
        let received_key = format!("{RECEIVED_PREFIX}{hid}");
        let mut gone: Vec<(&str, String)> = Vec::new();
        let del = |w: &mut Writer<'_>, sql: &str, arg: &str| -> Result<usize, VaultError> {
            w.tx.execute(sql, [arg])
                .map_err(db_err("erasing a household"))
        };
        for r in &ratings {
            if del(&mut w, "DELETE FROM ratings WHERE id = ?1", r)? > 0 {
                gone.push((RATINGS, r.clone()));
            }
        }
        for a in &assessments {
            if del(&mut w, "DELETE FROM assessments WHERE id = ?1", a)? > 0 {
                gone.push((ASSESSMENTS, a.clone()));
            }
        }
        let chronology = del(
            &mut w,
            "DELETE FROM chronology WHERE household_id = ?1",
            hid,
        )? > 0;
        if chronology {
            gone.push((CHRONOLOGY, hid.to_string()));
        }
        let received = del(&mut w, "DELETE FROM meta WHERE key = ?1", &received_key)? > 0;
        if received {
            gone.push((META, received_key.clone()));
        }
        del(&mut w, "DELETE FROM households WHERE id = ?1", hid)?;
        gone.push((HOUSEHOLDS, hid.to_string()));
        // Records of the household kept aside because they did not open go too.
        let mut kept: Vec<String> = assessments.iter().chain(&ratings).cloned().collect();
        kept.push(hid.to_string());
        kept.push(received_key);
        for k in &kept {
            del(&mut w, "DELETE FROM quarantine WHERE record_id = ?1", k)?;
            del(
                &mut w,
                "DELETE FROM quarantine_notes WHERE record_id = ?1",
                k,
            )?;
        }
        for (table, rid) in &gone {
            w.note_deleted(table, rid);
        }
        let t = Tombstone {
            id: tombstone_id,
            erased_on: now.date_naive(),
            reason: reason.to_string(),
            note: note.map(str::to_string),
            assessments: assessments.len() as u64,
            ratings: ratings.len() as u64,
            chronology,
            received,
        };
        let key = format!("{TOMBSTONE_PREFIX}{}", t.id);
        w.put_meta(&key, &t)?;
        w.household = Some(hid.to_string());
        w.audit_with_reason("erase_household", META, &key, Some(reason))?;
        w.commit()?;
        if let Ok(mut q) = self.quarantine.lock() {
            q.retain(|r| !kept.contains(&r.id));
        }
        // Rewrite the file so that no freed page keeps a trace, and fold the log into it.
        self.conn
            .execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(db_err("compacting the vault after an erasure"))?;
        Ok(t)
    }

    /// The tombstones of erased households, oldest first.
    pub fn tombstones(&self) -> Result<Vec<Tombstone>, VaultError> {
        let rows = self.rows(
            "SELECT key, body FROM meta WHERE key LIKE 'erased/%' ORDER BY key",
            [],
        )?;
        let mut v: Vec<Tombstone> = rows
            .into_iter()
            .filter_map(|(k, b)| self.open::<Tombstone>(META, &k, &b).ok())
            .collect();
        v.sort_by(|a, b| (a.erased_on, &a.id).cmp(&(b.erased_on, &b.id)));
        Ok(v)
    }
}
