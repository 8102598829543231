//! The one way to change the vault: a [`Writer`] is one SQLite transaction (begun immediately, so
//! it holds the write lock from the start) that seals what it writes and appends the audit entry
//! for it, so a change and its audit entry are committed together or not at all. The writes of
//! each kind of record are in the file of that record (`households.rs`, `assessments.rs`, ...);
//! the audit entry is written by `audit.rs`.

use super::crypto::{self, DataKey};
use super::header::Header;
use super::records::META;
use super::{db_err, Vault, VaultError};
use crate::Entropy;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
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
    pub(super) rng: &'a mut dyn Entropy,
    pub(super) now: DateTime<Utc>,
    pub(super) who: &'a str,
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
        rng: &'a mut dyn Entropy,
        now: DateTime<Utc>,
        who: &'a str,
    ) -> Result<Self, VaultError> {
        Ok(Self::within(lock_for_change(conn)?, key, rng, now, who))
    }

    /// A writer for a transaction begun by [`lock_for_change`].
    pub(super) fn within(
        tx: Transaction<'a>,
        key: &'a DataKey,
        rng: &'a mut dyn Entropy,
        now: DateTime<Utc>,
        who: &'a str,
    ) -> Self {
        Writer {
            tx,
            key,
            rng,
            now,
            who,
        }
    }

    pub(super) fn seal<T: Serialize>(&mut self, table: &str, id: &str, v: &T) -> Vec<u8> {
        crypto::seal_record(self.key, self.rng, table, id, &to_json(v))
    }

    /// Before a row is replaced or removed: if its current content does not open, copy it into
    /// the quarantine table, so that a record that failed to open is never lost.
    pub(super) fn keep_if_unreadable(
        &mut self,
        table: &str,
        key_col: &str,
        id: &str,
    ) -> Result<(), VaultError> {
        let body: Option<Vec<u8>> = self
            .tx
            .query_row(
                &format!("SELECT body FROM {table} WHERE {key_col} = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("checking a record before replacing it"))?;
        if let Some(b) = body {
            if crypto::open_record(self.key, table, id, &b).is_err() {
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
        Ok(())
    }

    pub(super) fn put_meta<T: Serialize>(&mut self, key: &str, v: &T) -> Result<(), VaultError> {
        let body = self.seal(META, key, v);
        self.tx
            .execute(
                "INSERT INTO meta(key, body) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                params![key, body],
            )
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
        Ok(at)
    }
}

impl Vault {
    pub(crate) fn writer(&mut self) -> Result<Writer<'_>, VaultError> {
        let now = self.env.clock.now();
        Writer::begin(&self.conn, &self.key, &mut *self.env.rng, now, &self.who)
    }
}
