//! Reading sealed rows back. Every record is opened here: a row that fails its authenticity
//! check, or whose content does not read, is quarantined (noted for this session, and reported)
//! and never stops the other records from loading. The table names used as associated data live
//! here too.

use super::crypto;
use super::{db_err, Vault, VaultError};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub(crate) const HOUSEHOLDS: &str = "households";
pub(crate) const ASSESSMENTS: &str = "assessments";
pub(crate) const RATINGS: &str = "ratings";
pub(crate) const CHRONOLOGY: &str = "chronology";
pub(crate) const DEFINITIONS: &str = "definitions";
pub(crate) const META: &str = "meta";
pub(crate) const AUDIT: &str = "audit";
/// The meta key of the sealed pointer to the newest audit entry.
pub(crate) const AUDIT_HEAD_KEY: &str = "audit_head";

/// The tables whose rows carry a revision bound into their sealed record.
pub(crate) const REVISIONED: [&str; 3] = [HOUSEHOLDS, ASSESSMENTS, RATINGS];

/// Whether rows of `table` carry a revision.
pub(crate) fn is_revisioned(table: &str) -> bool {
    REVISIONED.contains(&table)
}

/// A record that failed to open and is being kept aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarantinedRecord {
    /// The table.
    pub table: String,
    /// The record id.
    pub id: String,
    /// Why it did not open.
    pub reason: String,
}

impl Vault {
    /// Open a sealed row, quarantining it when it does not open.
    pub(super) fn open<T: DeserializeOwned>(
        &self,
        table: &str,
        id: &str,
        body: &[u8],
    ) -> Result<T, VaultError> {
        self.open_rev(table, id, 0, body)
    }

    /// Open a sealed row stored at revision `rev`, quarantining it when it does not open.
    pub(super) fn open_rev<T: DeserializeOwned>(
        &self,
        table: &str,
        id: &str,
        rev: i64,
        body: &[u8],
    ) -> Result<T, VaultError> {
        let rev = u64::try_from(rev).unwrap_or(u64::MAX);
        let pt = crypto::open_record_rev(&self.key, table, id, rev, body).map_err(|e| {
            self.note_quarantine(table, id, &e.to_string());
            VaultError::Tampered {
                table: table.to_string(),
                id: id.to_string(),
            }
        })?;
        serde_json::from_slice(&pt).map_err(|e| {
            self.note_quarantine(table, id, &format!("the content does not read: {e}"));
            VaultError::Corrupt {
                detail: format!("the {table} record {id} does not read: {e}"),
            }
        })
    }

    pub(super) fn rows(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
    ) -> Result<Vec<(String, Vec<u8>)>, VaultError> {
        let mut st = self
            .conn
            .prepare_cached(sql)
            .map_err(db_err("reading records"))?;
        let rows = st
            .query_map(p, |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .map_err(db_err("reading records"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_err("reading records"));
        rows
    }

    /// Rows of a revisioned table: id, revision and sealed bytes.
    pub(super) fn rows_rev(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
    ) -> Result<Vec<(String, i64, Vec<u8>)>, VaultError> {
        let mut st = self
            .conn
            .prepare_cached(sql)
            .map_err(db_err("reading records"))?;
        let rows = st
            .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(db_err("reading records"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_err("reading records"));
        rows
    }

    /// Records that failed to open since the vault was unlocked (see [`Vault::verify`] for a
    /// full check).
    pub fn quarantined(&self) -> Vec<QuarantinedRecord> {
        let mut all = self.kept_aside().unwrap_or_default();
        let noted = self.noted_quarantine().unwrap_or_default();
        if let Ok(q) = self.quarantine.lock() {
            for r in noted.iter().chain(q.iter()) {
                if !all.iter().any(|a| a.table == r.table && a.id == r.id) {
                    all.push(r.clone());
                }
            }
        }
        all
    }

    pub(crate) fn note_quarantine(&self, table: &str, id: &str, reason: &str) {
        if let Ok(mut q) = self.quarantine.lock() {
            if !q.iter().any(|r| r.table == table && r.id == id) {
                q.push(QuarantinedRecord {
                    table: table.to_string(),
                    id: id.to_string(),
                    reason: reason.to_string(),
                });
            }
        }
        // Kept in the file too, so the record is still listed after a restart. A note that
        // cannot be written (the file is busy or read-only) stays in this session's list.
        let _ = self.conn.execute(
            "INSERT OR IGNORE INTO quarantine_notes(table_name, record_id, reason, noted_at)
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![table, id, reason, self.env.clock.now().timestamp_millis()],
        );
    }

    /// Records noted in the file as not opening, in this session or an earlier one.
    fn noted_quarantine(&self) -> Result<Vec<QuarantinedRecord>, VaultError> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT table_name, record_id, reason FROM quarantine_notes ORDER BY noted_at",
            )
            .map_err(db_err("reading the quarantine"))?;
        let rows = st
            .query_map([], |r| {
                Ok(QuarantinedRecord {
                    table: r.get(0)?,
                    id: r.get(1)?,
                    reason: r.get(2)?,
                })
            })
            .map_err(db_err("reading the quarantine"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_err("reading the quarantine"));
        rows
    }

    /// Forget the notes of records that no longer fail (called by a full check with what it
    /// found), so that a repaired or restored record leaves the list.
    pub(crate) fn keep_only_noted(&self, still_bad: &[(String, String)]) {
        let Ok(noted) = self.noted_quarantine() else {
            return;
        };
        for r in noted {
            if !still_bad.iter().any(|(t, i)| *t == r.table && *i == r.id) {
                let _ = self.conn.execute(
                    "DELETE FROM quarantine_notes WHERE table_name = ?1 AND record_id = ?2",
                    [&r.table, &r.id],
                );
                if let Ok(mut q) = self.quarantine.lock() {
                    q.retain(|x| !(x.table == r.table && x.id == r.id));
                }
            }
        }
    }

    /// Records kept aside in the quarantine table because they did not open when they were
    /// about to be replaced.
    pub(crate) fn kept_aside(&self) -> Result<Vec<QuarantinedRecord>, VaultError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT table_name, record_id FROM quarantine ORDER BY seq")
            .map_err(db_err("reading the quarantine"))?;
        let rows = st
            .query_map([], |r| {
                Ok(QuarantinedRecord {
                    table: r.get(0)?,
                    id: r.get(1)?,
                    reason: "it did not open when it was about to be replaced; kept aside".into(),
                })
            })
            .map_err(db_err("reading the quarantine"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_err("reading the quarantine"));
        rows
    }
}
