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
        let pt = crypto::open_record(&self.key, table, id, body).map_err(|e| {
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

    /// Records that failed to open since the vault was unlocked (see [`Vault::verify`] for a
    /// full check).
    pub fn quarantined(&self) -> Vec<QuarantinedRecord> {
        let mut all = self.kept_aside().unwrap_or_default();
        if let Ok(q) = self.quarantine.lock() {
            for r in q.iter() {
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
