//! The audit trail and the whole-vault check. Every change appends a sealed entry that names the
//! hash of the entry before it, and a sealed head names the newest entry, so an entry removed,
//! reordered or changed outside the app is found by [`Vault::verify`], which also opens every
//! sealed record and runs the database's own integrity check.

use super::assessments::RatingRecord;
use super::crypto;
use super::ids::ID_KEY;
use super::integrity::{check_against_trail, StoredRow};
use super::records::{
    ASSESSMENTS, AUDIT, AUDIT_HEAD_KEY, CHRONOLOGY, DEFINITIONS, HOUSEHOLDS, META, RATINGS,
};
use super::writer::{to_json, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::{Assessment, Id};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Records opened by `verify`: id and plaintext.
type Opened = Vec<(String, Zeroizing<Vec<u8>>)>;

/// The sealed pointer to the newest audit entry, so that removing the newest entries is seen.
#[derive(Serialize, Deserialize)]
pub(super) struct AuditHead {
    pub(super) seq: u64,
    pub(super) hash: String,
    /// How many households, assessments and ratings the vault holds after this entry, so that
    /// the quick check at unlock sees rows deleted outside the app. Absent from heads written
    /// before the integrity baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) counts: Option<Counts>,
    /// Whether the vault has its id key (`ids.rs`), so that the row gone missing is reported
    /// rather than made again. Absent (false) from heads written before the id key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) id_key: bool,
}

/// Row counts of the revisioned tables (or changes to them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Counts {
    pub(crate) households: i64,
    pub(crate) assessments: i64,
    pub(crate) ratings: i64,
}

impl Counts {
    pub(crate) fn add(&mut self, table: &str, n: i64) {
        match table {
            HOUSEHOLDS => self.households += n,
            ASSESSMENTS => self.assessments += n,
            RATINGS => self.ratings += n,
            _ => {}
        }
    }

    fn plus(self, d: Counts) -> Counts {
        Counts {
            households: self.households + d.households,
            assessments: self.assessments + d.assessments,
            ratings: self.ratings + d.ratings,
        }
    }
}

/// One row written or deleted by the change an audit entry records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditWrite {
    /// The table.
    pub table: String,
    /// The row's id (or key) in that table.
    pub id: String,
    /// The revision written (0 for tables without revisions).
    #[serde(default)]
    pub rev: u64,
    /// SHA-256 (hex) of the sealed bytes written; absent when the row was deleted.
    #[serde(default)]
    pub sealed: Option<String>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// Position in the trail, from 1.
    pub seq: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (the practitioner's name in settings at the time).
    pub who: String,
    /// What was done, e.g. `save_rating`.
    pub action: String,
    /// The table changed.
    pub table: String,
    /// The record changed.
    pub record_id: String,
    /// SHA-256 (hex) of the previous entry's sealed content; zeros for the first.
    pub prev_hash: String,
    /// Why, for an action that needs a reason (a discarded draft). Absent from entries of other
    /// actions, so their sealed content is as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Every row the change wrote or deleted, with a hash of what it wrote, so that `verify`
    /// can tell a stored row from an older or altered copy, and a deleted row from a lost one.
    /// Absent from entries written before version 2 of the format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub writes: Vec<AuditWrite>,
    /// The household the change belongs to, for its History. Absent from changes that belong
    /// to no household, and from entries written before version 2 of the format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
}

/// One problem found by [`Vault::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyProblem {
    /// The table (or `audit chain`, `database`).
    pub table: String,
    /// The record id, if any.
    pub id: String,
    /// What is wrong.
    pub detail: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.id.is_empty() {
            write!(f, "{}: {}", self.table, self.detail)
        } else {
            write!(f, "{} {}: {}", self.table, self.id, self.detail)
        }
    }
}

/// The result of [`Vault::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// How many sealed records were opened.
    pub records_checked: usize,
    /// How many audit entries were checked.
    pub audit_entries: usize,
    /// Everything found wrong.
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    /// True when every record opens and the audit chain holds.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Writer<'_> {
    /// Append a sealed audit entry chained to the previous one.
    pub(crate) fn audit(
        &mut self,
        action: &str,
        table: &str,
        record_id: &str,
    ) -> Result<(), VaultError> {
        self.audit_with_reason(action, table, record_id, None)
    }

    /// Append a sealed audit entry that also keeps the reason given for the action.
    pub(crate) fn audit_with_reason(
        &mut self,
        action: &str,
        table: &str,
        record_id: &str,
        reason: Option<&str>,
    ) -> Result<(), VaultError> {
        let head: Option<Vec<u8>> = self
            .tx
            .prepare_cached("SELECT body FROM meta WHERE key = ?1")
            .and_then(|mut st| st.query_row([AUDIT_HEAD_KEY], |r| r.get(0)))
            .optional()
            .map_err(db_err("reading the audit trail"))?;
        let opened_head = head.as_ref().and_then(|b| {
            let pt = crypto::open_record(self.key, META, AUDIT_HEAD_KEY, b).ok()?;
            serde_json::from_slice::<AuditHead>(&pt).ok()
        });
        let old_counts = opened_head.as_ref().and_then(|h| h.counts);
        let id_key = opened_head.as_ref().is_some_and(|h| h.id_key)
            || self
                .writes
                .iter()
                .any(|w| w.table == META && w.id == ID_KEY && w.sealed.is_some());
        let (seq, prev_hash) = match (head.is_some(), opened_head) {
            (false, _) => (0, GENESIS_HASH.to_string()),
            (true, Some(h)) => (h.seq, h.hash),
            (true, None) => {
                // The head was changed outside the app. Keep it aside and carry on from the
                // newest entry, so that saving never stops; `verify` reports the break.
                self.keep_if_unreadable(META, "key", AUDIT_HEAD_KEY)?;
                let last: Option<(i64, Vec<u8>)> = self
                    .tx
                    .query_row(
                        "SELECT seq, body FROM audit ORDER BY seq DESC LIMIT 1",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()
                    .map_err(db_err("reading the audit trail"))?;
                match last {
                    None => (0, GENESIS_HASH.to_string()),
                    Some((seq, b)) => {
                        let hash = crypto::open_record(self.key, AUDIT, &seq.to_string(), &b)
                            .map(|pt| crypto::sha256_hex(&[&pt]))
                            .unwrap_or_else(|_| GENESIS_HASH.to_string());
                        (seq as u64, hash)
                    }
                }
            }
        };
        self.note_index_changes();
        let entry = AuditEntry {
            seq: seq + 1,
            at: self.now,
            who: self.who.to_string(),
            action: action.to_string(),
            table: table.to_string(),
            record_id: record_id.to_string(),
            prev_hash,
            reason: reason.map(str::to_string),
            writes: std::mem::take(&mut self.writes),
            household: self.household.take(),
        };
        let delta = std::mem::take(&mut self.count_delta);
        let counts = match (self.counts_reset.take(), old_counts, seq) {
            (Some(c), _, _) => Some(c.plus(delta)),
            (None, Some(c), _) => Some(c.plus(delta)),
            (None, None, 0) => Some(delta),
            (None, None, _) => None,
        };
        let plain = to_json(&entry);
        let hash = crypto::sha256_hex(&[&plain]);
        let id = entry.seq.to_string();
        let body = crypto::seal_record_padded(self.key, self.rng, AUDIT, &id, &plain);
        self.tx
            .prepare_cached("INSERT INTO audit(seq, body) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![entry.seq as i64, body]))
            .map_err(db_err("writing the audit trail"))?;
        self.put_meta(
            AUDIT_HEAD_KEY,
            &AuditHead {
                seq: entry.seq,
                hash,
                counts,
                id_key,
            },
        )
    }
}

impl Vault {
    /// The audit trail, oldest first. Entries that do not open are quarantined and left out.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, VaultError> {
        let rows = self.rows("SELECT CAST(seq AS TEXT), body FROM audit ORDER BY seq", [])?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, b)| self.open::<AuditEntry>(AUDIT, &id, &b).ok())
            .collect())
    }

    /// The audit entries of one household (its own changes and those of its assessments,
    /// ratings and chronology), oldest first: who did what, when and why, never the content.
    pub fn household_history(&self, household: &Id) -> Result<Vec<AuditEntry>, VaultError> {
        Ok(self
            .audit_log()?
            .into_iter()
            .filter(|e| {
                e.household.as_deref() == Some(household.as_str())
                    || ((e.table == HOUSEHOLDS || e.table == CHRONOLOGY)
                        && e.record_id == household.as_str())
            })
            .collect())
    }

    /// Check the whole vault: the database's own integrity check, every sealed record opens
    /// and sits where it was written, and the audit chain is complete and unbroken.
    pub fn verify(&self) -> Result<VerifyReport, VaultError> {
        let mut problems = Vec::new();
        let mut checked = 0usize;
        fn problem(table: &str, id: &str, detail: String) -> VerifyProblem {
            VerifyProblem {
                table: table.to_string(),
                id: id.to_string(),
                detail,
            }
        }
        let integrity: Vec<String> = {
            let mut st = self
                .conn
                .prepare("PRAGMA integrity_check")
                .map_err(db_err("checking the database"))?;
            let v = st
                .query_map([], |r| r.get(0))
                .map_err(db_err("checking the database"))?
                .collect::<Result<_, _>>()
                .map_err(db_err("checking the database"))?;
            v
        };
        if integrity != ["ok"] {
            for line in integrity {
                problems.push(problem("database", "", line));
            }
        }
        let mut stored: Vec<StoredRow> = Vec::new();
        let mut check_table = |table: &str,
                               sql: &str,
                               problems: &mut Vec<VerifyProblem>|
         -> Result<Opened, VaultError> {
            let mut opened = Vec::new();
            for (id, rev, b) in self.rows_rev(sql, [])? {
                checked += 1;
                if table != AUDIT && !(table == META && id == AUDIT_HEAD_KEY) {
                    stored.push(StoredRow {
                        table: table.to_string(),
                        id: id.clone(),
                        rev: rev.max(0) as u64,
                        sealed: crypto::sha256_hex(&[&b]),
                    });
                }
                let rev = u64::try_from(rev).unwrap_or(u64::MAX);
                match crypto::open_record_rev(&self.key, table, &id, rev, &b) {
                    Ok(pt) => opened.push((id, pt)),
                    Err(e) => {
                        self.note_quarantine(table, &id, &e.to_string());
                        problems.push(problem(table, &id, format!("does not open ({e})")));
                    }
                }
            }
            Ok(opened)
        };
        check_table(
            HOUSEHOLDS,
            "SELECT id, rev, body FROM households",
            &mut problems,
        )?;
        check_table(
            CHRONOLOGY,
            "SELECT household_id, 0, body FROM chronology",
            &mut problems,
        )?;
        check_table(
            DEFINITIONS,
            "SELECT hash, 0, body FROM definitions",
            &mut problems,
        )?;
        for (id, pt) in check_table(
            ASSESSMENTS,
            "SELECT id, rev, body FROM assessments",
            &mut problems,
        )? {
            let hid: String = self
                .conn
                .query_row(
                    "SELECT household_id FROM assessments WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .map_err(db_err("checking an assessment"))?;
            match serde_json::from_slice::<Assessment>(&pt) {
                Ok(a) if a.household_id.as_str() == hid => {}
                Ok(_) => problems.push(problem(
                    ASSESSMENTS,
                    &id,
                    "its household link was changed".into(),
                )),
                Err(e) => problems.push(problem(ASSESSMENTS, &id, format!("does not read ({e})"))),
            }
        }
        for (id, pt) in check_table(RATINGS, "SELECT id, rev, body FROM ratings", &mut problems)? {
            let aid: String = self
                .conn
                .query_row(
                    "SELECT assessment_id FROM ratings WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .map_err(db_err("checking a rating"))?;
            match serde_json::from_slice::<RatingRecord>(&pt) {
                Ok(r)
                    if self
                        .ids
                        .rating_id(&Id(aid.clone()), &r.rating.item, &r.rating.subject)
                        == id => {}
                Ok(_) => problems.push(problem(
                    RATINGS,
                    &id,
                    "it was moved to another assessment".into(),
                )),
                Err(e) => problems.push(problem(RATINGS, &id, format!("does not read ({e})"))),
            }
        }
        let meta = check_table(META, "SELECT key, 0, body FROM meta", &mut problems)?;
        let audit = check_table(
            AUDIT,
            "SELECT CAST(seq AS TEXT), 0, body FROM audit ORDER BY seq",
            &mut problems,
        )?;
        let audit_entries = audit.len();
        for q in self.kept_aside()? {
            problems.push(problem(
                &q.table,
                &q.id,
                "an earlier version of this record did not open and is kept aside in quarantine"
                    .into(),
            ));
        }
        // The chain: consecutive sequence numbers, each entry naming the previous one's hash,
        // and the sealed head naming the last.
        let mut expected_seq = 1u64;
        let mut prev = GENESIS_HASH.to_string();
        let mut entries = Vec::with_capacity(audit.len());
        for (id, pt) in &audit {
            let entry: AuditEntry = match serde_json::from_slice(pt) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(problem(AUDIT, id, format!("does not read ({e})")));
                    continue;
                }
            };
            if entry.seq != expected_seq {
                problems.push(problem(
                    "audit chain",
                    id,
                    format!("entry {expected_seq} is missing (found {} next)", entry.seq),
                ));
            } else if entry.prev_hash != prev {
                problems.push(problem(
                    "audit chain",
                    id,
                    "does not follow the entry before it".into(),
                ));
            }
            expected_seq = entry.seq + 1;
            prev = crypto::sha256_hex(&[pt]);
            entries.push(entry);
        }
        match meta.iter().find(|(k, _)| k == AUDIT_HEAD_KEY) {
            Some((_, pt)) => match serde_json::from_slice::<AuditHead>(pt) {
                Ok(h) if h.seq + 1 == expected_seq && h.hash == prev => {}
                Ok(h) => problems.push(problem(
                    "audit chain",
                    "",
                    format!(
                        "the trail should end at entry {} but ends at {}",
                        h.seq,
                        expected_seq - 1
                    ),
                )),
                Err(e) => problems.push(problem(
                    META,
                    AUDIT_HEAD_KEY,
                    format!("does not read ({e})"),
                )),
            },
            None => problems.push(problem(
                "audit chain",
                "",
                "the record of the newest entry is missing".into(),
            )),
        }
        if audit_entries == 0 {
            problems.push(problem(
                "audit chain",
                "",
                "the audit trail is empty, so it was removed outside the app".into(),
            ));
        }
        problems.extend(check_against_trail(&entries, &stored));
        problems.extend(self.check_header_hash());
        self.keep_only_noted(
            &problems
                .iter()
                .filter(|p| !p.id.is_empty())
                .map(|p| (p.table.clone(), p.id.clone()))
                .collect::<Vec<_>>(),
        );
        Ok(VerifyReport {
            records_checked: checked,
            audit_entries,
            problems,
        })
    }
}
