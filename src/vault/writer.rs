//! The one way to change the vault: a [`Writer`] is one SQLite transaction (begun immediately, so
//! it holds the write lock from the start) that seals what it writes and appends the audit entry
//! for it, so a change and its audit entry are committed together or not at all. The writes of
//! each kind of record are in the file of that record (`households.rs`, `assessments.rs`, ...);
//! the audit entry is written by `audit.rs`.

use super::audit::{AuditWrite, Counts};
use super::crypto::{self, DataKey};
use super::header::Header;
use super::ids::IdKey;
use super::index::{HouseholdIndex, IndexChanges};
use super::integrity::{HeaderHash, HEADER_HASH_KEY};
use super::records::{is_revisioned, AUDIT_HEAD_KEY, META};
use super::{db_err, Vault, VaultError};
use crate::Entropy;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use std::sync::Mutex;
use zeroize::Zeroizing;

pub(super) fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(super) fn to_json<T: Serialize>(v: &T) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(serde_json::to_vec(v).expect("vault records always serialise"))
}

/// One write transaction with its audit entry.
pub(crate) struct Writer<'a> {
    pub(super) tx: Transaction<'a>,
    pub(super) key: &'a DataKey,
    /// The key rating ids are made with.
    pub(super) ids: &'a IdKey,
    pub(super) rng: &'a mut dyn Entropy,
    pub(super) now: DateTime<Utc>,
    pub(super) who: &'a str,
    /// What this transaction wrote or deleted since its last audit entry, for the next one.
    pub(super) writes: Vec<AuditWrite>,
    /// How the number of rows of each revisioned table changed since the last audit entry.
    pub(super) count_delta: Counts,
    /// Row counts to set outright in the audit head (the integrity baseline of an old vault).
    pub(super) counts_reset: Option<Counts>,
    /// The household the next audit entry belongs to (for its History).
    pub(super) household: Option<String>,
    /// The vault's households index, told what changed once the transaction commits (absent
    /// only while a vault is being created, before there is an index).
    pub(super) index: Option<&'a Mutex<HouseholdIndex>>,
    /// The households whose list lines this transaction changes.
    pub(super) index_changes: IndexChanges,
}

/// Take the write lock now (an immediate transaction). What is read through `conn` from here
/// until the change commits is what the change is based on: no other writer can change it in
/// between. Hand the transaction to [`Writer::within`] to write.
pub(super) fn lock_for_change(conn: &Connection) -> Result<Transaction<'_>, VaultError> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
        .map_err(db_err("starting a change"))
}

impl<'a> Writer<'a> {
    pub(crate) fn begin(
        conn: &'a Connection,
        key: &'a DataKey,
        ids: &'a IdKey,
        rng: &'a mut dyn Entropy,
        now: DateTime<Utc>,
        who: &'a str,
    ) -> Result<Self, VaultError> {
        Ok(Self::within(
            lock_for_change(conn)?,
            key,
            ids,
            rng,
            now,
            who,
            None,
        ))
    }

    /// A writer for a transaction begun by [`lock_for_change`], telling `index` what changed
    /// when it commits.
    pub(super) fn within(
        tx: Transaction<'a>,
        key: &'a DataKey,
        ids: &'a IdKey,
        rng: &'a mut dyn Entropy,
        now: DateTime<Utc>,
        who: &'a str,
        index: Option<&'a Mutex<HouseholdIndex>>,
    ) -> Self {
        Writer {
            tx,
            key,
            ids,
            rng,
            now,
            who,
            writes: Vec::new(),
            count_delta: Counts::default(),
            counts_reset: None,
            household: None,
            index,
            index_changes: IndexChanges::default(),
        }
    }

    /// Note a row written with its revision and sealed bytes, for the next audit entry.
    pub(super) fn note_write(&mut self, table: &str, id: &str, rev: u64, body: &[u8]) {
        self.writes.push(AuditWrite {
            table: table.to_string(),
            id: id.to_string(),
            rev,
            sealed: Some(crypto::sha256_hex(&[body])),
        });
    }

    /// Note a row deleted, for the next audit entry.
    pub(super) fn note_deleted(&mut self, table: &str, id: &str) {
        self.count_delta.add(table, -1);
        self.writes.push(AuditWrite {
            table: table.to_string(),
            id: id.to_string(),
            rev: 0,
            sealed: None,
        });
    }

    /// Mark the next audit entry as belonging to the household of `assessment`.
    pub(super) fn for_household_of(&mut self, assessment: &str) -> Result<(), VaultError> {
        self.household = self
            .tx
            .prepare_cached("SELECT household_id FROM assessments WHERE id = ?1")
            .and_then(|mut st| st.query_row([assessment], |r| r.get(0)))
            .optional()
            .map_err(db_err("reading an assessment's household"))?;
        Ok(())
    }

    /// The current revision of a revisioned row, if it exists.
    pub(super) fn current_rev(&self, table: &str, id: &str) -> Result<Option<u64>, VaultError> {
        let rev: Option<i64> = self
            .tx
            .prepare_cached(&format!("SELECT rev FROM {table} WHERE id = ?1"))
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .optional()
            .map_err(db_err("reading a record's revision"))?;
        Ok(rev.map(|r| r.max(0) as u64))
    }

    /// Seal `v` as the next revision of the revisioned row `table`/`id` and note the write for
    /// the audit entry. Returns the revision and the sealed bytes to store.
    pub(super) fn seal_next<T: Serialize>(
        &mut self,
        table: &str,
        id: &str,
        v: &T,
    ) -> Result<(u64, Vec<u8>), VaultError> {
        let old = self.current_rev(table, id)?;
        if old.is_none() {
            self.count_delta.add(table, 1);
        }
        let rev = old.map_or(1, |r| r + 1);
        let body = self.seal_at(table, id, rev, v);
        Ok((rev, body))
    }

    /// Seal `v` for the revisioned row `table`/`id` at revision `rev` and note the write.
    pub(super) fn seal_at<T: Serialize>(
        &mut self,
        table: &str,
        id: &str,
        rev: u64,
        v: &T,
    ) -> Vec<u8> {
        let body = crypto::seal_record_rev_padded(self.key, self.rng, table, id, rev, &to_json(v));
        self.note_write(table, id, rev, &body);
        body
    }

    pub(super) fn seal<T: Serialize>(&mut self, table: &str, id: &str, v: &T) -> Vec<u8> {
        crypto::seal_record_padded(self.key, self.rng, table, id, &to_json(v))
    }

    /// Before a row is replaced or removed: if its current content does not open, copy it into
    /// the quarantine table, so that a record that failed to open is never lost.
    pub(super) fn keep_if_unreadable(
        &mut self,
        table: &str,
        key_col: &str,
        id: &str,
    ) -> Result<(), VaultError> {
        let rev_col = if is_revisioned(table) { "rev" } else { "0" };
        let body: Option<(i64, Vec<u8>)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {rev_col}, body FROM {table} WHERE {key_col} = ?1"
            ))
            .and_then(|mut st| st.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))))
            .optional()
            .map_err(db_err("checking a record before replacing it"))?;
        if let Some((rev, b)) = body {
            if crypto::open_record_rev(self.key, table, id, rev.max(0) as u64, &b).is_err() {
                self.tx
                    .execute(
                        "INSERT INTO quarantine(table_name, record_id, quarantined_at, body)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![table, id, millis(self.now), b],
                    )
                    .map_err(db_err("keeping an unreadable record aside"))?;
            }
        }
        Ok(())
    }

    pub(crate) fn put_header(&mut self, h: &Header) -> Result<(), VaultError> {
        self.tx
            .execute(
                "INSERT INTO header(id, body) VALUES (1, ?1)
                 ON CONFLICT(id) DO UPDATE SET body = excluded.body",
                params![h.to_bytes()],
            )
            .map_err(db_err("saving the key header"))?;
        self.put_header_hash(h)
    }

    /// Keep a sealed hash of the whole header (both key slots) inside the vault, so that a
    /// change to any header byte is found at unlock and by `verify`.
    pub(crate) fn put_header_hash(&mut self, h: &Header) -> Result<(), VaultError> {
        self.put_meta(HEADER_HASH_KEY, &HeaderHash::of(h))
    }

    pub(super) fn put_meta<T: Serialize>(&mut self, key: &str, v: &T) -> Result<(), VaultError> {
        let body = self.seal(META, key, v);
        if key != AUDIT_HEAD_KEY {
            self.note_write(META, key, 0, &body);
        }
        self.tx
            .prepare_cached(
                "INSERT INTO meta(key, body) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET body = excluded.body",
            )
            .and_then(|mut st| st.execute(params![key, body]))
            .map_err(db_err("saving settings"))?;
        Ok(())
    }

    pub(crate) fn commit(self) -> Result<(), VaultError> {
        self.commit_at().map(|_| ())
    }

    /// Commit, returning the time stamped on the change and its audit entry.
    pub(crate) fn commit_at(self) -> Result<DateTime<Utc>, VaultError> {
        let at = self.now;
        self.tx.commit().map_err(db_err("committing a change"))?;
        if let Some(ix) = self.index {
            let IndexChanges { households, all } = self.index_changes;
            ix.lock()
                .unwrap_or_else(|e| e.into_inner())
                .mark(households, all);
        }
        Ok(at)
    }
}

impl Vault {
    pub(crate) fn writer(&mut self) -> Result<Writer<'_>, VaultError> {
        let now = self.env.clock.now();
        Ok(Writer::within(
            lock_for_change(&self.conn)?,
            &self.key,
            &self.ids,
            &mut *self.env.rng,
            now,
            &self.who,
            Some(&self.index),
        ))
    }
}
