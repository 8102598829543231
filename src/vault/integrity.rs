//! Tamper evidence beyond a single record: what ties the stored rows, the audit trail and the
//! key header together, so that a row put back from an older copy, a row deleted, the trail cut
//! short or a header byte changed is found.
//!
//! - Every audit entry lists the rows its change wrote (table, id, revision, SHA-256 of the
//!   sealed bytes) or deleted ([`super::AuditWrite`]). [`check_against_trail`] compares each
//!   stored row with the latest entry that wrote it.
//! - The audit head keeps the number of households, assessments and ratings, and a sealed hash
//!   of the whole key header is kept in `meta` ([`HeaderHash`]); [`Vault::quick_check`] compares
//!   both with the file in a few queries, at unlock.
//! - A vault made before these existed gets a baseline entry listing every row as it is, once,
//!   at its first unlock by this version ([`Vault::ensure_integrity_baseline`]).

use super::audit::{AuditEntry, AuditHead, AuditWrite, Counts, VerifyProblem};
use super::crypto;
use super::header::Header;
use super::records::{
    ASSESSMENTS, AUDIT_HEAD_KEY, DEFINITIONS, HOUSEHOLDS, META, RATINGS, REVISIONED,
};
use super::{db_err, Vault, VaultError};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The meta key of the sealed hash of the key header.
pub(crate) const HEADER_HASH_KEY: &str = "header_hash";

/// The table name used in problems about the key header.
pub(crate) const HEADER_TABLE: &str = "header";

/// The sealed hash of the key header's bytes (both key slots and the KDF parameters).
#[derive(Serialize, Deserialize)]
pub(crate) struct HeaderHash {
    sha256: String,
}

impl HeaderHash {
    pub(crate) fn of(h: &Header) -> Self {
        HeaderHash {
            sha256: crypto::sha256_hex(&[&h.to_bytes()]),
        }
    }
}

/// A stored row as `verify` found it: where, which revision, and the hash of its sealed bytes.
pub(crate) struct StoredRow {
    pub(crate) table: String,
    pub(crate) id: String,
    pub(crate) rev: u64,
    pub(crate) sealed: String,
}

fn problem(table: &str, id: &str, detail: impl Into<String>) -> VerifyProblem {
    VerifyProblem {
        table: table.to_string(),
        id: id.to_string(),
        detail: detail.into(),
    }
}

/// Compare the stored rows with the audit trail: every row must be the one its latest entry
/// wrote, no row the trail deleted may be back, and every row the trail wrote and did not
/// delete must still be there.
pub(crate) fn check_against_trail(
    entries: &[AuditEntry],
    stored: &[StoredRow],
) -> Vec<VerifyProblem> {
    let mut latest: BTreeMap<(&str, &str), &AuditWrite> = BTreeMap::new();
    for e in entries {
        for w in &e.writes {
            latest.insert((w.table.as_str(), w.id.as_str()), w);
        }
    }
    let mut problems = Vec::new();
    if latest.is_empty() {
        // Nothing to compare with: the trail itself is reported as empty or broken.
        return problems;
    }
    let mut seen = BTreeSet::new();
    for row in stored {
        seen.insert((row.table.as_str(), row.id.as_str()));
        match latest.get(&(row.table.as_str(), row.id.as_str())) {
            None => problems.push(problem(
                &row.table,
                &row.id,
                "is not in the audit trail: it was added outside the app",
            )),
            Some(w) if w.sealed.is_none() => problems.push(problem(
                &row.table,
                &row.id,
                "was deleted in the app, yet it is back: it was put back outside the app",
            )),
            Some(w) if w.sealed.as_deref() != Some(row.sealed.as_str()) || w.rev != row.rev => {
                problems.push(problem(
                    &row.table,
                    &row.id,
                    format!(
                        "is not the version the audit trail recorded last (stored revision {}, \
                         recorded revision {}): an older or altered copy was put in its place",
                        row.rev, w.rev
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    for ((table, id), w) in &latest {
        if w.sealed.is_some() && !seen.contains(&(*table, *id)) {
            problems.push(problem(
                table,
                id,
                "is missing: the audit trail records it and no deletion, so it was removed \
                 outside the app",
            ));
        }
    }
    problems
}

impl Vault {
    fn count(&self, table: &str) -> Result<i64, VaultError> {
        self.conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .map_err(db_err("counting records"))
    }

    fn counts(&self) -> Result<Counts, VaultError> {
        Ok(Counts {
            households: self.count(HOUSEHOLDS)?,
            assessments: self.count(ASSESSMENTS)?,
            ratings: self.count(RATINGS)?,
        })
    }

    fn sealed_meta(&self, key: &str) -> Result<Option<Vec<u8>>, VaultError> {
        self.conn
            .query_row("SELECT body FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db_err("reading the vault's own records"))
    }

    pub(super) fn audit_head(&self) -> Result<Option<Result<AuditHead, ()>>, VaultError> {
        Ok(self.sealed_meta(AUDIT_HEAD_KEY)?.map(|b| {
            crypto::open_record(&self.key, META, AUDIT_HEAD_KEY, &b)
                .ok()
                .and_then(|pt| serde_json::from_slice::<AuditHead>(&pt).ok())
                .ok_or(())
        }))
    }

    /// Compare the key header in the file with the sealed hash kept of it.
    pub(crate) fn check_header_hash(&self) -> Vec<VerifyProblem> {
        let what = "the key header (passphrase and recovery key slots)";
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT body FROM header WHERE id = 1", [], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        let Some(bytes) = bytes else {
            return vec![problem(HEADER_TABLE, "", format!("{what} is missing"))];
        };
        let kept = match self.sealed_meta(HEADER_HASH_KEY) {
            Ok(Some(b)) => crypto::open_record(&self.key, META, HEADER_HASH_KEY, &b)
                .ok()
                .and_then(|pt| serde_json::from_slice::<HeaderHash>(&pt).ok()),
            _ => None,
        };
        match kept {
            Some(h) if h.sha256 == crypto::sha256_hex(&[&bytes]) => Vec::new(),
            Some(_) => vec![problem(
                HEADER_TABLE,
                "",
                format!(
                    "{what} was changed outside the app: the recovery key or the passphrase \
                     may no longer open the vault"
                ),
            )],
            None => vec![problem(
                HEADER_TABLE,
                "",
                format!("the sealed hash of {what} is missing or does not open"),
            )],
        }
    }

    /// The check run at every unlock, in a few queries whatever the size of the vault: the key
    /// header against its sealed hash, the id key's row (`ids.rs`), the audit trail's length
    /// against its head, and the
    /// number of households, assessments and ratings against the head's counts. A full
    /// [`Vault::verify`] finds more (every record opened and compared with the trail).
    pub fn quick_check(&self) -> Result<Vec<VerifyProblem>, VaultError> {
        let mut problems = self.check_header_hash();
        problems.extend(self.check_id_key()?);
        let (entries, last): (i64, Option<i64>) = self
            .conn
            .query_row("SELECT COUNT(*), MAX(seq) FROM audit", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(db_err("checking the audit trail"))?;
        if entries == 0 {
            problems.push(problem(
                "audit chain",
                "",
                "the audit trail is empty, so it was removed outside the app",
            ));
        }
        match self.audit_head()? {
            None => problems.push(problem(
                "audit chain",
                "",
                "the record of the newest entry is missing",
            )),
            Some(Err(())) => problems.push(problem(
                META,
                AUDIT_HEAD_KEY,
                "the record of the newest audit entry does not open",
            )),
            Some(Ok(head)) => {
                let want = head.seq as i64;
                if entries != want || last.unwrap_or(0) != want {
                    problems.push(problem(
                        "audit chain",
                        "",
                        format!(
                            "the trail should end at entry {want} but holds {entries} entries \
                             ending at {}",
                            last.unwrap_or(0)
                        ),
                    ));
                }
                if let Some(c) = head.counts {
                    let now = self.counts()?;
                    for (table, want, found) in [
                        (HOUSEHOLDS, c.households, now.households),
                        (ASSESSMENTS, c.assessments, now.assessments),
                        (RATINGS, c.ratings, now.ratings),
                    ] {
                        if want != found {
                            problems.push(problem(
                                table,
                                "",
                                format!(
                                    "{found} records are stored but the audit trail records \
                                     {want}: records were removed or added outside the app"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(problems)
    }

    /// For a vault made before the audit trail recorded what each change wrote (its head has
    /// no counts): append one entry listing every row as it is now, with the header's sealed
    /// hash and the counts, so that from here on every change can be checked. Does nothing for
    /// a vault that has them, or whose head is missing or does not open (`verify` reports
    /// those: a baseline must never paper over a break).
    pub(crate) fn ensure_integrity_baseline(&mut self) -> Result<bool, VaultError> {
        match self.audit_head()? {
            Some(Ok(h)) if h.counts.is_none() => {}
            _ => return Ok(false),
        }
        let mut rows: Vec<(&str, String, i64, Vec<u8>)> = Vec::new();
        for table in REVISIONED {
            for (id, rev, b) in self.rows_rev(&format!("SELECT id, rev, body FROM {table}"), [])? {
                rows.push((table, id, rev, b));
            }
        }
        for (id, b) in self.rows("SELECT hash, body FROM definitions", [])? {
            rows.push((DEFINITIONS, id, 0, b));
        }
        for (id, b) in self.rows(
            "SELECT key, body FROM meta WHERE key NOT IN (?1, ?2)",
            [AUDIT_HEAD_KEY, HEADER_HASH_KEY],
        )? {
            rows.push((META, id, 0, b));
        }
        let counts = self.counts()?;
        let header = self.header.clone();
        let mut w = self.writer()?;
        for (table, id, rev, b) in &rows {
            w.note_write(table, id, (*rev).max(0) as u64, b);
        }
        w.put_header_hash(&header)?;
        w.counts_reset = Some(counts);
        w.audit("upgrade_integrity", "vault", "")?;
        w.commit()?;
        Ok(true)
    }
}
