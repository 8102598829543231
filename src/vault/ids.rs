//! Keyed row ids. A rating row's id is computed from what it is about (its assessment, item and
//! subject), so that saving a rating finds its row without a lookup. Computed with a plain hash,
//! anyone holding the file and the published item list could tell which items were rated, for
//! the household or for which child. The id is therefore an HMAC under the vault's **id key**.
//!
//! The id key is derived once, from the data key of the moment it is made
//! (`HMAC-SHA256(data key, "ntk id key v1")`), and from then on it is a sealed `meta` row of its
//! own (`id_key`): a rotation of the data key re-seals it like every other row and carries it
//! across, so the ids, and the audit trail that names them, stay as they are. It lives in the
//! open vault beside the data key and is zeroized with it.
//!
//! A vault made before the id key gets one at its first unlock by this version, and every rating
//! row is moved to its keyed id in the same transaction ([`Vault::ensure_id_key`]), with an
//! audit entry (`upgrade_rating_ids`) that lists the old ids as deleted and the new ones as
//! written, so `verify` stays clean. The audit head remembers that the vault has an id key, so a
//! row removed later is reported, never silently made again.
//!
//! The other ids in clear carry no content: households, assessments and tombstones have random
//! ids, chronologies and received hand-overs are keyed by the (random) household id, and a
//! definition's hash is the hash of a published toolkit definition.

use super::assessments::RatingRecord;
use super::crypto::{self, DataKey};
use super::records::{META, RATINGS};
use super::writer::{lock_for_change, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::{Id, Subject};
use hmac::{KeyInit, Mac};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

/// The meta key of the sealed id key.
pub(crate) const ID_KEY: &str = "id_key";

/// What the id key is derived with from the data key of the moment it is made.
const ID_KEY_LABEL: &[u8] = b"ntk id key v1";

/// The audit action of moving the rating rows of an older vault to keyed ids.
pub(crate) const UPGRADE_ACTION: &str = "upgrade_rating_ids";

/// How long a rating id is, in hex characters (128 bits).
const RATING_ID_HEX: usize = 32;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A rating row as stored: id, assessment id, revision and sealed bytes.
type RatingRow = (String, String, i64, Vec<u8>);

fn hmac(key: &[u8], parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes a key of any length");
    for p in parts {
        mac.update(p);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&mac.finalize().into_bytes());
    out
}

/// How this vault's rating ids are made: keyed (the id key, 32 bytes, zeroized on drop), or
/// the unkeyed hash of a vault made before the id key, in the session whose upgrade failed (so
/// that it still opens as before; the next unlock tries again).
pub(crate) struct IdKey(Option<Zeroizing<[u8; 32]>>);

impl IdKey {
    /// The id key of a vault whose data key is `key`, as made the first time.
    pub(crate) fn derive(key: &DataKey) -> IdKey {
        IdKey(Some(hmac(key.dangerous_raw_bytes(), &[ID_KEY_LABEL])))
    }

    /// The ids of a vault made before the id key (unkeyed).
    pub(crate) fn unkeyed() -> IdKey {
        IdKey(None)
    }

    /// The row id of a rating: `HMAC-SHA256(id key, "rating\0" assessment "\0" item "\0"
    /// subject)`, the first 128 bits in hex.
    pub(crate) fn rating_id(&self, assessment: &Id, item: &str, subject: &Subject) -> String {
        let subject = subject_text(subject);
        let parts: [&[u8]; 6] = [
            b"rating\0",
            assessment.as_str().as_bytes(),
            b"\0",
            item.as_bytes(),
            b"\0",
            subject.as_bytes(),
        ];
        match &self.0 {
            Some(k) => hex::encode(&hmac(&k[..], &parts)[..RATING_ID_HEX / 2]),
            // A vault made before the id key: a plain SHA-256 of the same parts.
            None => crypto::sha256_hex(&parts)[..RATING_ID_HEX].to_string(),
        }
    }

    fn stored(&self) -> Option<StoredIdKey> {
        self.0.as_ref().map(|k| StoredIdKey {
            key: hex::encode(&k[..]),
        })
    }
}

fn subject_text(subject: &Subject) -> String {
    match subject {
        Subject::Household => "household".to_string(),
        Subject::Child(c) => format!("child:{c}"),
    }
}

/// The sealed content of the id key's row.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredIdKey {
    /// The 32 bytes, in hex.
    key: String,
}

impl Drop for StoredIdKey {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl StoredIdKey {
    fn read(&self) -> Option<IdKey> {
        let bytes = Zeroizing::new(hex::decode(&self.key).ok()?);
        let mut k = Zeroizing::new([0u8; 32]);
        if bytes.len() != k.len() {
            return None;
        }
        k.copy_from_slice(&bytes);
        Some(IdKey(Some(k)))
    }
}

/// What the file holds of the id key.
enum Stored {
    /// The row opens and reads.
    Key(IdKey),
    /// There is no row.
    Missing,
    /// The row is there but does not open or read.
    Unreadable,
}

impl Writer<'_> {
    /// Store the id key as its sealed meta row (noted in the next audit entry).
    pub(crate) fn put_id_key(&mut self, ids: &IdKey) -> Result<(), VaultError> {
        match ids.stored() {
            Some(s) => self.put_meta(ID_KEY, &s),
            None => Ok(()),
        }
    }
}

impl Vault {
    fn stored_id_key(&self) -> Result<Stored, VaultError> {
        let body: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT body FROM meta WHERE key = ?1", [ID_KEY], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err("reading the key of the record ids"))?;
        let Some(body) = body else {
            return Ok(Stored::Missing);
        };
        let key = crypto::open_record(&self.key, META, ID_KEY, &body)
            .ok()
            .and_then(|pt| serde_json::from_slice::<StoredIdKey>(&pt).ok())
            .and_then(|s| s.read());
        Ok(key.map_or(Stored::Unreadable, Stored::Key))
    }

    /// Whether the audit head says the vault has an id key (`None` when the head is missing or
    /// does not open: then nothing can be told).
    fn head_says_id_key(&self) -> Result<Option<bool>, VaultError> {
        Ok(match self.audit_head()? {
            Some(Ok(h)) => Some(h.id_key),
            _ => None,
        })
    }

    /// Called at unlock: load the id key; for a vault made before it, make it and move every
    /// rating row to its keyed id in one audited transaction. Returns whether that upgrade was
    /// done. When the upgrade fails nothing is changed and this session keeps the unkeyed ids
    /// (the vault opens as before; the next unlock tries again). When the row is missing or does
    /// not open in a vault that had one, the quick check and `verify` report it; this session
    /// then uses the ids its rating rows were made with as far as they can be told.
    pub(crate) fn ensure_id_key(&mut self) -> Result<bool, VaultError> {
        let stored = self.stored_id_key();
        if let Ok(Stored::Key(k)) = stored {
            self.ids = k;
            return Ok(false);
        }
        // Only a vault without a readable id key needs its audit head read here.
        match (stored, self.head_says_id_key()) {
            (Ok(Stored::Missing), Ok(Some(false))) => match self.upgrade_rating_ids() {
                Ok(k) => {
                    self.ids = k;
                    // Fold the log into the file, so the old ids do not linger in it.
                    let _ = self
                        .conn
                        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
                    Ok(true)
                }
                Err(e) => {
                    self.ids = IdKey::unkeyed();
                    Err(e)
                }
            },
            _ => {
                self.ids = self.best_guess_ids()?;
                Ok(false)
            }
        }
    }

    /// For a vault whose id key cannot be read: the unkeyed ids if its first rating row that
    /// opens has one, or else the key derived from the current data key (the right one unless
    /// the data key was rotated since the id key was made).
    fn best_guess_ids(&self) -> Result<IdKey, VaultError> {
        for (id, aid, rev, body) in self.rating_rows_all()? {
            let Some(rec) = self.open_rating(&id, rev, &body) else {
                continue;
            };
            let unkeyed = IdKey::unkeyed();
            return Ok(
                if unkeyed.rating_id(&Id(aid), &rec.rating.item, &rec.rating.subject) == id {
                    unkeyed
                } else {
                    IdKey::derive(&self.key)
                },
            );
        }
        Ok(IdKey::derive(&self.key))
    }

    fn rating_rows_all(&self) -> Result<Vec<RatingRow>, VaultError> {
        let mut st = self
            .conn
            .prepare("SELECT id, assessment_id, rev, body FROM ratings ORDER BY rowid")
            .map_err(db_err("reading the ratings"))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(db_err("reading the ratings"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_err("reading the ratings"));
        rows
    }

    fn open_rating(&self, id: &str, rev: i64, body: &[u8]) -> Option<RatingRecord> {
        Some(self.open_rating_plaintext(id, rev, body)?.1)
    }

    /// A rating row's plaintext and the record it reads as.
    fn open_rating_plaintext(
        &self,
        id: &str,
        rev: i64,
        body: &[u8],
    ) -> Option<(Zeroizing<Vec<u8>>, RatingRecord)> {
        let rev = u64::try_from(rev).ok()?;
        let pt = crypto::open_record_rev(&self.key, RATINGS, id, rev, body).ok()?;
        let rec = serde_json::from_slice(&pt).ok()?;
        Some((pt, rec))
    }

    /// Make the id key and move every rating row with an unkeyed id to its keyed id (re-sealed,
    /// as its id is bound into the record), in one transaction with its audit entry. Rows that
    /// do not open, or whose id does not match their content, are left as they are (they are
    /// reported by `verify` as before). Records kept aside in quarantine under an old id follow
    /// their row. Returns the new id key; nothing is changed when it fails.
    fn upgrade_rating_ids(&mut self) -> Result<IdKey, VaultError> {
        let ids = IdKey::derive(&self.key);
        let unkeyed = IdKey::unkeyed();
        let now = self.env.clock.now();
        let tx = lock_for_change(&self.conn)?;
        let rows = self.rating_rows_all()?;
        let mut moves = Vec::with_capacity(rows.len());
        for (id, aid, rev, body) in rows {
            let Some((pt, rec)) = self.open_rating_plaintext(&id, rev, &body) else {
                continue;
            };
            let aid = Id(aid);
            if unkeyed.rating_id(&aid, &rec.rating.item, &rec.rating.subject) != id {
                continue;
            }
            let new_id = ids.rating_id(&aid, &rec.rating.item, &rec.rating.subject);
            moves.push((id, new_id, rev, pt));
        }
        let mut w = Writer::within(
            tx,
            &self.key,
            &ids,
            &mut *self.env.rng,
            now,
            &self.who,
            None,
        );
        for (old_id, new_id, rev, pt) in &moves {
            // The row opened above at this revision, so it is not negative.
            let rev_u = u64::try_from(*rev).unwrap_or(u64::MAX);
            let sealed = crypto::seal_record_rev_padded(w.key, w.rng, RATINGS, new_id, rev_u, pt);
            let changed =
                w.tx.prepare_cached("UPDATE ratings SET id = ?1, body = ?2 WHERE id = ?3")
                    .and_then(|mut st| st.execute(params![new_id, sealed, old_id]))
                    .map_err(db_err("moving a rating to its keyed id"))?;
            if changed != 1 {
                return Err(VaultError::Corrupt {
                    detail: format!("the rating {old_id} changed while its id was being moved"),
                });
            }
            for table in ["quarantine", "quarantine_notes"] {
                w.tx.execute(
                    &format!(
                        "UPDATE {table} SET record_id = ?1 WHERE table_name = ?2 AND record_id = ?3"
                    ),
                    params![new_id, RATINGS, old_id],
                )
                .map_err(db_err("moving a rating to its keyed id"))?;
            }
            w.note_deleted(RATINGS, old_id);
            w.count_delta.add(RATINGS, 1);
            w.note_write(RATINGS, new_id, rev_u, &sealed);
        }
        w.put_id_key(&ids)?;
        w.audit(UPGRADE_ACTION, META, ID_KEY)?;
        w.commit()?;
        if let Ok(mut q) = self.quarantine.lock() {
            for r in q.iter_mut().filter(|r| r.table == RATINGS) {
                if let Some((_, new_id, _, _)) = moves.iter().find(|m| m.0 == r.id) {
                    r.id = new_id.clone();
                }
            }
        }
        Ok(ids)
    }

    /// The quick check's part for the id key: in a vault that has one (its audit head says so),
    /// the row must be there and open.
    pub(crate) fn check_id_key(&self) -> Result<Vec<super::VerifyProblem>, VaultError> {
        if self.head_says_id_key()? != Some(true) {
            return Ok(Vec::new());
        }
        let detail = match self.stored_id_key()? {
            Stored::Key(_) => return Ok(Vec::new()),
            Stored::Missing => {
                "the key of the rating ids is missing: it was removed outside the app, and \
                 ratings may not be found; restore the vault from a backup"
            }
            Stored::Unreadable => {
                "the key of the rating ids does not open: it was changed outside the app, and \
                 ratings may not be found; restore the vault from a backup"
            }
        };
        Ok(vec![super::VerifyProblem {
            table: META.into(),
            id: ID_KEY.into(),
            detail: detail.into(),
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;

    fn data_key(seed: u64) -> DataKey {
        DataKey::generate(&mut SeededEntropy::new(seed))
    }

    #[test]
    fn the_id_key_is_the_documented_hmac_of_the_data_key() {
        let dk = data_key(7);
        let ids = IdKey::derive(&dk);
        let want = hmac(dk.dangerous_raw_bytes(), &[b"ntk id key v1"]);
        assert_eq!(ids.0.as_deref(), Some(&*want));
        // A different data key gives a different id key.
        assert_ne!(IdKey::derive(&data_key(8)).0.as_deref(), Some(&*want));
    }

    #[test]
    fn keyed_rating_ids_depend_on_the_key_and_every_part() {
        let a = Id("0123456789abcdef0123456789abcdef".into());
        let b = Id("fedcba9876543210fedcba9876543210".into());
        let k1 = IdKey::derive(&data_key(1));
        let k2 = IdKey::derive(&data_key(2));
        let child = Subject::Child(Id("c1".into()));
        let id = k1.rating_id(&a, "1.1", &child);
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(id, k1.rating_id(&a, "1.1", &child));
        assert_ne!(id, k2.rating_id(&a, "1.1", &child));
        assert_ne!(id, k1.rating_id(&b, "1.1", &child));
        assert_ne!(id, k1.rating_id(&a, "1.2", &child));
        assert_ne!(id, k1.rating_id(&a, "1.1", &Subject::Household));
        assert_ne!(id, IdKey::unkeyed().rating_id(&a, "1.1", &child));
        // The keyed form is the documented HMAC.
        let want = hmac(
            &k1.0.as_ref().unwrap()[..],
            &[
                b"rating\0",
                a.as_str().as_bytes(),
                b"\0",
                b"1.1",
                b"\0",
                b"child:c1",
            ],
        );
        assert_eq!(id, hex::encode(&want[..16]));
        // The unkeyed form is the plain SHA-256 of the same parts, as before.
        assert_eq!(
            IdKey::unkeyed().rating_id(&a, "1.1", &child),
            crypto::sha256_hex(&[
                b"rating\0",
                a.as_str().as_bytes(),
                b"\0",
                b"1.1",
                b"\0",
                b"child:c1"
            ])[..32]
        );
    }

    #[test]
    fn the_stored_form_reads_back_and_refuses_a_wrong_length() {
        let k = IdKey::derive(&data_key(3));
        let s = k.stored().unwrap();
        let back = s.read().unwrap();
        assert_eq!(back.0.as_deref(), k.0.as_deref());
        let short = StoredIdKey { key: "abcd".into() };
        assert!(short.read().is_none());
        assert!(IdKey::unkeyed().stored().is_none());
    }
}
