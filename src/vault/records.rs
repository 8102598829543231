//! The repository: typed records in, sealed rows out, and back. Every write goes through a
//! [`Writer`], which is one SQLite transaction that also appends the audit entry, so a change
//! and its audit entry are committed together or not at all.
//!
//! A rating is its own sealed row (keyed by assessment, item and subject), so saving one rating
//! never rewrites the whole assessment.

use super::crypto::{self, DataKey};
use super::header::Header;
use super::{
    db_err, AuditEntry, HouseholdSummary, Settings, Vault, VaultError, VerifyProblem, VerifyReport,
};
use crate::assessment::{validate, Assessment, Birth, Household, Id, ModelError, Rating, Subject};
use crate::toolkit::{self, ToolkitDefinition};
use crate::Entropy;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub(crate) const HOUSEHOLDS: &str = "households";
pub(crate) const ASSESSMENTS: &str = "assessments";
pub(crate) const RATINGS: &str = "ratings";
pub(crate) const DEFINITIONS: &str = "definitions";
pub(crate) const META: &str = "meta";
pub(crate) const AUDIT: &str = "audit";
const SETTINGS_KEY: &str = "settings";
const AUDIT_HEAD_KEY: &str = "audit_head";
const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Records opened by `verify`: id and plaintext.
type Opened = Vec<(String, Zeroizing<Vec<u8>>)>;

/// The sealed content of a rating row.
#[derive(Serialize, Deserialize)]
struct RatingRecord {
    rating: Rating,
    saved_at: DateTime<Utc>,
}

/// The few fields of an assessment the households list needs.
#[derive(Deserialize)]
struct AssessmentGlance {
    household_id: Id,
    status: crate::assessment::Status,
    #[serde(default)]
    decision: DecisionGlance,
}

#[derive(Default, Deserialize)]
struct DecisionGlance {
    #[serde(default)]
    review_date: Option<NaiveDate>,
}

/// The sealed pointer to the newest audit entry, so that removing the newest entries is seen.
#[derive(Serialize, Deserialize)]
struct AuditHead {
    seq: u64,
    hash: String,
}

/// The row id of a rating: a hash of its assessment, item and subject (no personal data).
pub(crate) fn rating_id(assessment: &Id, item: &str, subject: &Subject) -> String {
    let subject = match subject {
        Subject::Household => "household".to_string(),
        Subject::Child(c) => format!("child:{c}"),
    };
    crypto::sha256_hex(&[
        b"rating\0",
        assessment.as_str().as_bytes(),
        b"\0",
        item.as_bytes(),
        b"\0",
        subject.as_bytes(),
    ])[..32]
        .to_string()
}

fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn to_json<T: Serialize>(v: &T) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(serde_json::to_vec(v).expect("vault records always serialise"))
}

/// One write transaction with its audit entry.
pub(crate) struct Writer<'a> {
    tx: Transaction<'a>,
    key: &'a DataKey,
    rng: &'a mut dyn Entropy,
    now: DateTime<Utc>,
    who: &'a str,
}

impl<'a> Writer<'a> {
    pub(crate) fn begin(
        conn: &'a Connection,
        key: &'a DataKey,
        rng: &'a mut dyn Entropy,
        now: DateTime<Utc>,
        who: &'a str,
    ) -> Result<Self, VaultError> {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .map_err(db_err("starting a change"))?;
        Ok(Writer {
            tx,
            key,
            rng,
            now,
            who,
        })
    }

    fn seal<T: Serialize>(&mut self, table: &str, id: &str, v: &T) -> Vec<u8> {
        crypto::seal_record(self.key, self.rng, table, id, &to_json(v))
    }

    /// Before a row is replaced or removed: if its current content does not open, copy it into
    /// the quarantine table, so that a record that failed to open is never lost.
    fn keep_if_unreadable(
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

    fn put_meta<T: Serialize>(&mut self, key: &str, v: &T) -> Result<(), VaultError> {
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

    pub(crate) fn put_settings(&mut self, s: &Settings) -> Result<(), VaultError> {
        self.keep_if_unreadable(META, "key", SETTINGS_KEY)?;
        self.put_meta(SETTINGS_KEY, s)
    }

    pub(crate) fn put_definition(
        &mut self,
        hash: &str,
        def: &ToolkitDefinition,
    ) -> Result<bool, VaultError> {
        let exists: bool = self
            .tx
            .query_row("SELECT 1 FROM definitions WHERE hash = ?1", [hash], |_| {
                Ok(())
            })
            .optional()
            .map_err(db_err("looking up a definition"))?
            .is_some();
        if exists {
            return Ok(false);
        }
        let body = self.seal(DEFINITIONS, hash, def);
        self.tx
            .execute(
                "INSERT INTO definitions(hash, stored_at, body) VALUES (?1, ?2, ?3)",
                params![hash, millis(self.now), body],
            )
            .map_err(db_err("saving a definition"))?;
        self.audit("store_definition", DEFINITIONS, hash)?;
        Ok(true)
    }

    pub(crate) fn put_household(&mut self, h: &Household) -> Result<(), VaultError> {
        self.keep_if_unreadable(HOUSEHOLDS, "id", h.id.as_str())?;
        let body = self.seal(HOUSEHOLDS, h.id.as_str(), h);
        self.tx
            .execute(
                "INSERT INTO households(id, updated_at, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                params![h.id.as_str(), millis(h.updated_at), body],
            )
            .map_err(db_err("saving a household"))?;
        self.audit("save_household", HOUSEHOLDS, h.id.as_str())
    }

    /// Save an assessment and replace all its rating rows.
    pub(crate) fn put_assessment(&mut self, a: &Assessment) -> Result<(), VaultError> {
        let mut shell = a.clone();
        shell.ratings.clear();
        self.keep_if_unreadable(ASSESSMENTS, "id", a.id.as_str())?;
        let old_ratings: Vec<String> = {
            let mut st = self
                .tx
                .prepare_cached("SELECT id FROM ratings WHERE assessment_id = ?1")
                .map_err(db_err("saving an assessment"))?;
            let v = st
                .query_map([a.id.as_str()], |r| r.get(0))
                .map_err(db_err("saving an assessment"))?
                .collect::<Result<_, _>>()
                .map_err(db_err("saving an assessment"))?;
            v
        };
        for rid in old_ratings {
            self.keep_if_unreadable(RATINGS, "id", &rid)?;
        }
        let body = self.seal(ASSESSMENTS, a.id.as_str(), &shell);
        self.tx
            .execute(
                "INSERT INTO assessments(id, household_id, created_at, updated_at, body)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                params![
                    a.id.as_str(),
                    a.household_id.as_str(),
                    millis(a.created_at),
                    millis(a.updated_at),
                    body
                ],
            )
            .map_err(db_err("saving an assessment"))?;
        self.tx
            .execute(
                "DELETE FROM ratings WHERE assessment_id = ?1",
                [a.id.as_str()],
            )
            .map_err(db_err("saving an assessment"))?;
        for (pos, r) in a.ratings.iter().enumerate() {
            let id = rating_id(&a.id, &r.item, &r.subject);
            let rec = RatingRecord {
                rating: r.clone(),
                saved_at: a.updated_at,
            };
            let body = self.seal(RATINGS, &id, &rec);
            self.tx
                .execute(
                    "INSERT INTO ratings(id, assessment_id, position, updated_at, body)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, a.id.as_str(), pos as i64, millis(a.updated_at), body],
                )
                .map_err(db_err("saving an assessment's ratings"))?;
        }
        self.audit("save_assessment", ASSESSMENTS, a.id.as_str())
    }

    pub(crate) fn put_rating(&mut self, assessment: &Id, r: &Rating) -> Result<(), VaultError> {
        let id = rating_id(assessment, &r.item, &r.subject);
        let rec = RatingRecord {
            rating: r.clone(),
            saved_at: self.now,
        };
        self.keep_if_unreadable(RATINGS, "id", &id)?;
        let body = self.seal(RATINGS, &id, &rec);
        self.tx
            .execute(
                "INSERT INTO ratings(id, assessment_id, position, updated_at, body)
                 VALUES (?1, ?2,
                   (SELECT COALESCE(MAX(position) + 1, 0) FROM ratings WHERE assessment_id = ?2),
                   ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
                params![id, assessment.as_str(), millis(self.now), body],
            )
            .map_err(db_err("saving a rating"))?;
        self.audit("save_rating", RATINGS, &id)
    }

    /// Append a sealed audit entry chained to the previous one.
    pub(crate) fn audit(
        &mut self,
        action: &str,
        table: &str,
        record_id: &str,
    ) -> Result<(), VaultError> {
        let head: Option<Vec<u8>> = self
            .tx
            .query_row(
                "SELECT body FROM meta WHERE key = ?1",
                [AUDIT_HEAD_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading the audit trail"))?;
        let opened_head = head.as_ref().and_then(|b| {
            let pt = crypto::open_record(self.key, META, AUDIT_HEAD_KEY, b).ok()?;
            serde_json::from_slice::<AuditHead>(&pt).ok()
        });
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
        let entry = AuditEntry {
            seq: seq + 1,
            at: self.now,
            who: self.who.to_string(),
            action: action.to_string(),
            table: table.to_string(),
            record_id: record_id.to_string(),
            prev_hash,
        };
        let plain = to_json(&entry);
        let hash = crypto::sha256_hex(&[&plain]);
        let id = entry.seq.to_string();
        let body = crypto::seal_record(self.key, self.rng, AUDIT, &id, &plain);
        self.tx
            .execute(
                "INSERT INTO audit(seq, at, body) VALUES (?1, ?2, ?3)",
                params![entry.seq as i64, millis(self.now), body],
            )
            .map_err(db_err("writing the audit trail"))?;
        self.put_meta(
            AUDIT_HEAD_KEY,
            &AuditHead {
                seq: entry.seq,
                hash,
            },
        )
    }

    pub(crate) fn commit(self) -> Result<(), VaultError> {
        self.tx.commit().map_err(db_err("committing a change"))
    }
}

/// A household's search text, lower-case, with dates in both accepted forms.
fn search_text(h: &Household) -> String {
    let mut s = String::new();
    let mut push = |t: &str| {
        s.push_str(&t.to_lowercase());
        s.push('\n');
    };
    push(&h.name);
    push(&h.address.postcode);
    push(&h.address.postcode.replace(' ', ""));
    for c in &h.carers {
        push(&c.name);
    }
    for c in &h.children {
        push(&c.name);
        let d = match c.birth {
            Birth::Born(d) | Birth::Expected(d) => d,
        };
        push(&d.format("%Y-%m-%d").to_string());
        push(&d.format("%d/%m/%Y").to_string());
    }
    s
}

impl Vault {
    /// Open a sealed row, quarantining it when it does not open.
    fn open<T: DeserializeOwned>(
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

    fn rows(
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

    /// The practitioner's settings.
    pub fn settings(&self) -> Result<Settings, VaultError> {
        let body: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT body FROM meta WHERE key = ?1",
                [SETTINGS_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading settings"))?;
        match body {
            Some(b) => self.open(META, SETTINGS_KEY, &b),
            None => Ok(Settings::default()),
        }
    }

    /// Save the settings; the practitioner's name is used in the audit trail from now on.
    pub fn save_settings(&mut self, s: &Settings) -> Result<(), VaultError> {
        if let Some(h) = &s.active_definition {
            self.definition(h)?;
        }
        let mut w = self.writer()?;
        w.put_settings(s)?;
        w.audit("save_settings", META, SETTINGS_KEY)?;
        w.commit()?;
        self.who = s.practitioner.name.clone();
        Ok(())
    }

    /// Store a definition, kept forever under its content hash; returns the hash. Storing the
    /// same definition again changes nothing.
    pub fn store_definition(&mut self, def: &ToolkitDefinition) -> Result<String, VaultError> {
        let faults = toolkit::validate(def);
        if !faults.is_empty() {
            return Err(VaultError::InvalidImport {
                detail: format!(
                    "the toolkit definition is not valid: {}",
                    faults
                        .iter()
                        .map(|f| f.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            });
        }
        let hash = toolkit::content_hash(def);
        {
            let mut w = self.writer()?;
            if w.put_definition(&hash, def)? {
                w.commit()?;
            }
        }
        if let Ok(mut c) = self.definitions.lock() {
            c.insert(hash.clone(), def.clone());
        }
        Ok(hash)
    }

    /// The definition stored under `hash`.
    pub fn definition(&self, hash: &str) -> Result<ToolkitDefinition, VaultError> {
        if let Some(d) = self
            .definitions
            .lock()
            .ok()
            .and_then(|c| c.get(hash).cloned())
        {
            return Ok(d);
        }
        let body: Vec<u8> = self
            .conn
            .query_row(
                "SELECT body FROM definitions WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading a definition"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "definition",
                id: hash.to_string(),
            })?;
        let d: ToolkitDefinition = self.open(DEFINITIONS, hash, &body)?;
        if let Ok(mut c) = self.definitions.lock() {
            c.insert(hash.to_string(), d.clone());
        }
        Ok(d)
    }

    /// Every stored definition with its hash, oldest first. Ones that do not open are
    /// quarantined and left out.
    pub fn definitions(&self) -> Result<Vec<(String, ToolkitDefinition)>, VaultError> {
        let rows = self.rows(
            "SELECT hash, body FROM definitions ORDER BY stored_at, hash",
            [],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(h, b)| self.open(DEFINITIONS, &h, &b).ok().map(|d| (h, d)))
            .collect())
    }

    /// A household by id.
    pub fn household(&self, id: &Id) -> Result<Household, VaultError> {
        let body: Vec<u8> = self
            .conn
            .query_row(
                "SELECT body FROM households WHERE id = ?1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading a household"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "household",
                id: id.to_string(),
            })?;
        let h: Household = self.open(HOUSEHOLDS, id.as_str(), &body)?;
        Ok(h)
    }

    /// Create or update a household.
    pub fn save_household(&mut self, h: &Household) -> Result<(), VaultError> {
        let mut w = self.writer()?;
        w.put_household(h)?;
        w.commit()
    }

    /// Every household that opens, with its summary line, sorted by name.
    fn all_households(&self) -> Result<Vec<(Household, HouseholdSummary)>, VaultError> {
        // Only the latest assessment of each household is needed, and only three of its fields:
        // read just those (the rest of the record is skipped, not built).
        let mut latest: std::collections::HashMap<String, (String, AssessmentGlance)> =
            Default::default();
        let rows = self.rows(
            "SELECT a.id, a.body FROM assessments a
             WHERE a.rowid = (SELECT b.rowid FROM assessments b WHERE b.household_id = a.household_id
                              ORDER BY b.created_at DESC, b.id DESC LIMIT 1)",
            [],
        )?;
        for (id, b) in rows {
            if let Ok(a) = self.open::<AssessmentGlance>(ASSESSMENTS, &id, &b) {
                latest.insert(a.household_id.0.clone(), (id, a));
            }
        }
        let mut out = Vec::new();
        for (id, b) in self.rows("SELECT id, body FROM households", [])? {
            let Ok(h) = self.open::<Household>(HOUSEHOLDS, &id, &b) else {
                continue;
            };
            let a = latest.get(h.id.as_str());
            let s = HouseholdSummary {
                id: h.id.clone(),
                name: h.name.clone(),
                postcode: h.address.postcode.clone(),
                children: h.children.iter().map(|c| c.name.clone()).collect(),
                latest_assessment: a.map(|(id, a)| (Id(id.clone()), a.status)),
                review_due: a.and_then(|(_, a)| a.decision.review_date),
                updated_at: h.updated_at,
            };
            out.push((h, s));
        }
        out.sort_by_cached_key(|(_, s)| (s.name.to_lowercase(), s.id.clone()));
        Ok(out)
    }

    /// Every household, sorted by name. Records that do not open are quarantined and left out.
    pub fn list_households(&self) -> Result<Vec<HouseholdSummary>, VaultError> {
        Ok(self.all_households()?.into_iter().map(|(_, s)| s).collect())
    }

    /// Households matching `query` (case-insensitive) in their name, a carer's or child's
    /// name, a child's date of birth (`yyyy-mm-dd` or `dd/mm/yyyy`) or the postcode (spaces
    /// ignored). An empty query matches every household.
    pub fn search_households(&self, query: &str) -> Result<Vec<HouseholdSummary>, VaultError> {
        let q = query.trim().to_lowercase();
        let q_compact = q.replace(' ', "");
        Ok(self
            .all_households()?
            .into_iter()
            .filter(|(h, _)| {
                let t = search_text(h);
                q.is_empty() || t.contains(&q) || (!q_compact.is_empty() && t.contains(&q_compact))
            })
            .map(|(_, s)| s)
            .collect())
    }

    /// Households whose latest assessment sets a review date on or before `on`, soonest first.
    pub fn reviews_due(&self, on: NaiveDate) -> Result<Vec<HouseholdSummary>, VaultError> {
        let mut v: Vec<_> = self
            .list_households()?
            .into_iter()
            .filter(|s| s.review_due.is_some_and(|d| d <= on))
            .collect();
        v.sort_by_key(|s| s.review_due);
        Ok(v)
    }

    /// The assessment without its ratings.
    fn assessment_shell(&self, id: &Id) -> Result<Assessment, VaultError> {
        let (hid, body): (String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT household_id, body FROM assessments WHERE id = ?1",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db_err("reading an assessment"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "assessment",
                id: id.to_string(),
            })?;
        let a: Assessment = self.open(ASSESSMENTS, id.as_str(), &body)?;
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
        let rows = self.rows(
            "SELECT id, body FROM ratings WHERE assessment_id = ?1 ORDER BY position, id",
            [a.id.as_str()],
        )?;
        for (rid, b) in rows {
            let Ok(rec) = self.open::<RatingRecord>(RATINGS, &rid, &b) else {
                continue;
            };
            if rating_id(&a.id, &rec.rating.item, &rec.rating.subject) != rid {
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

    /// Check an assessment before it is saved: household and definition exist, it validates,
    /// and a completed one is not changed (other than by starting an amendment).
    pub(crate) fn check_assessment(
        &self,
        a: &Assessment,
        household: &Household,
        def: &ToolkitDefinition,
        existing: Option<&Assessment>,
    ) -> Result<(), VaultError> {
        validate(a, household, def)?;
        if let Some(old) = existing {
            if old.household_id != a.household_id {
                return Err(ModelError::WrongHousehold.into());
            }
            if old.status == crate::assessment::Status::Completed {
                let mut before = old.clone();
                let mut after = a.clone();
                for x in [&mut before, &mut after] {
                    x.status = crate::assessment::Status::Completed;
                    x.history.clear();
                    x.updated_at = old.created_at;
                }
                let lifecycle_only = a.history.starts_with(&old.history);
                if before != after || !lifecycle_only {
                    return Err(ModelError::Locked.into());
                }
            }
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

    pub(crate) fn definition_for(&self, a: &Assessment) -> Result<ToolkitDefinition, VaultError> {
        self.definition(&a.definition.hash).map_err(|e| match e {
            VaultError::NotFound { id, .. } => VaultError::UnknownDefinition { hash: id },
            e => e,
        })
    }

    /// Create or update an assessment with all its ratings. It is validated against its
    /// household and stored definition; a completed assessment's content cannot be changed.
    pub fn save_assessment(&mut self, a: &Assessment) -> Result<(), VaultError> {
        let household = self.household(&a.household_id)?;
        let def = self.definition_for(a)?;
        let existing = self.existing_assessment(&a.id)?;
        self.check_assessment(a, &household, &def, existing.as_ref())?;
        let mut w = self.writer()?;
        w.put_assessment(a)?;
        w.commit()
    }

    /// Save one rating of an editable assessment (the hot path: one small sealed row and its
    /// audit entry, committed before returning).
    pub fn save_rating(&mut self, assessment: &Id, rating: Rating) -> Result<(), VaultError> {
        let shell = self.assessment_shell(assessment)?;
        shell.ensure_editable()?;
        let household = self.household(&shell.household_id)?;
        let def = self.definition_for(&shell)?;
        let mut probe = shell;
        probe.ratings = vec![rating];
        validate(&probe, &household, &def)?;
        let rating = probe.ratings.pop().expect("one rating was put in");
        let mut w = self.writer()?;
        w.put_rating(assessment, &rating)?;
        w.commit()
    }

    /// Records kept aside in the quarantine table because they did not open when they were
    /// about to be replaced.
    pub(crate) fn kept_aside(&self) -> Result<Vec<super::QuarantinedRecord>, VaultError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT table_name, record_id FROM quarantine ORDER BY seq")
            .map_err(db_err("reading the quarantine"))?;
        let rows = st
            .query_map([], |r| {
                Ok(super::QuarantinedRecord {
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

    /// The audit trail, oldest first. Entries that do not open are quarantined and left out.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, VaultError> {
        let rows = self.rows("SELECT CAST(seq AS TEXT), body FROM audit ORDER BY seq", [])?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, b)| self.open::<AuditEntry>(AUDIT, &id, &b).ok())
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
        let mut check_table = |table: &str,
                               sql: &str,
                               problems: &mut Vec<VerifyProblem>|
         -> Result<Opened, VaultError> {
            let mut opened = Vec::new();
            for (id, b) in self.rows(sql, [])? {
                checked += 1;
                match crypto::open_record(&self.key, table, &id, &b) {
                    Ok(pt) => opened.push((id, pt)),
                    Err(e) => {
                        self.note_quarantine(table, &id, &e.to_string());
                        problems.push(problem(table, &id, format!("does not open ({e})")));
                    }
                }
            }
            Ok(opened)
        };
        check_table(HOUSEHOLDS, "SELECT id, body FROM households", &mut problems)?;
        check_table(
            DEFINITIONS,
            "SELECT hash, body FROM definitions",
            &mut problems,
        )?;
        for (id, pt) in check_table(
            ASSESSMENTS,
            "SELECT id, body FROM assessments",
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
        for (id, pt) in check_table(RATINGS, "SELECT id, body FROM ratings", &mut problems)? {
            let aid: String = self
                .conn
                .query_row(
                    "SELECT assessment_id FROM ratings WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .map_err(db_err("checking a rating"))?;
            match serde_json::from_slice::<RatingRecord>(&pt) {
                Ok(r) if rating_id(&Id(aid.clone()), &r.rating.item, &r.rating.subject) == id => {}
                Ok(_) => problems.push(problem(
                    RATINGS,
                    &id,
                    "it was moved to another assessment".into(),
                )),
                Err(e) => problems.push(problem(RATINGS, &id, format!("does not read ({e})"))),
            }
        }
        let meta = check_table(META, "SELECT key, body FROM meta", &mut problems)?;
        let audit = check_table(
            AUDIT,
            "SELECT CAST(seq AS TEXT), body FROM audit ORDER BY seq",
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
            None if audit_entries == 0 => {}
            None => problems.push(problem(
                "audit chain",
                "",
                "the record of the newest entry is missing".into(),
            )),
        }
        Ok(VerifyReport {
            records_checked: checked,
            audit_entries,
            problems,
        })
    }
}
