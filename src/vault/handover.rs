//! The vault's own X25519 identity for encrypted hand-overs, and the hand-overs received. Both
//! are sealed rows of the `meta` table like the settings: the identity's secret key never leaves
//! the vault in clear, and a received household that conflicts with one already stored is kept
//! here, whole, beside it until the practitioner chooses.

use super::records::META;
use super::{db_err, Vault, VaultError};
use rusqlite::OptionalExtension;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use zeroize::Zeroizing;

const IDENTITY_KEY: &str = "handover-identity";
/// The prefix of the key of a received hand-over's record (`received/<household id>`).
pub(crate) const RECEIVED_PREFIX: &str = "received/";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredIdentity {
    /// The secret key in age's text form (`AGE-SECRET-KEY-1...`).
    secret: String,
}

impl Drop for StoredIdentity {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.secret.zeroize();
    }
}

impl Vault {
    fn meta_record<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, VaultError> {
        let body: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT body FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db_err("reading a record"))?;
        body.map(|b| self.open(META, key, &b)).transpose()
    }

    /// The vault's secret key for hand-overs in age's text form, made from the vault's random
    /// source and sealed in the vault the first time it is asked for.
    pub fn handover_secret(&mut self) -> Result<Zeroizing<String>, VaultError> {
        if let Some(s) = self.meta_record::<StoredIdentity>(IDENTITY_KEY)? {
            return Ok(Zeroizing::new(s.secret.clone()));
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        self.entropy().fill(&mut bytes[..]);
        let secret = crate::handover::secret_key_text(&bytes);
        let mut w = self.writer()?;
        w.put_meta(
            IDENTITY_KEY,
            &StoredIdentity {
                secret: secret.to_string(),
            },
        )?;
        w.audit("create_handover_identity", META, IDENTITY_KEY)?;
        w.commit()?;
        Ok(secret)
    }

    /// A received hand-over's record, by household id.
    pub fn received_record<T: DeserializeOwned>(
        &self,
        household_id: &str,
    ) -> Result<Option<T>, VaultError> {
        self.meta_record(&format!("{RECEIVED_PREFIX}{household_id}"))
    }

    /// Every received hand-over's record.
    pub fn received_records<T: DeserializeOwned>(&self) -> Result<Vec<T>, VaultError> {
        let rows = self.rows(
            "SELECT key, body FROM meta WHERE key LIKE 'received/%' ORDER BY key",
            [],
        )?;
        let mut out = Vec::new();
        for (k, b) in rows {
            if let Ok(r) = self.open(META, &k, &b) {
                out.push(r);
            }
        }
        Ok(out)
    }
}

impl super::writer::Writer<'_> {
    /// Store (or replace) a received hand-over's record.
    pub(crate) fn put_received<T: Serialize>(
        &mut self,
        household_id: &str,
        r: &T,
    ) -> Result<(), VaultError> {
        let key = format!("{RECEIVED_PREFIX}{household_id}");
        self.keep_if_unreadable(META, "key", &key)?;
        self.put_meta(&key, r)
    }
}

impl Vault {
    /// Store a received household, its assessments, chronology and definitions, with the
    /// record of who sent it, in one transaction (all or nothing). Checking them is the
    /// caller's job.
    pub fn store_received(
        &mut self,
        doc: &crate::handover::HandoverDoc,
        r: &crate::handover::Received,
    ) -> Result<chrono::DateTime<chrono::Utc>, VaultError> {
        let mut w = self.writer()?;
        for d in &doc.definitions {
            w.put_definition(&d.hash, &d.definition)?;
        }
        w.put_household(&doc.household)?;
        for a in &doc.assessments {
            w.put_assessment(a, "receive_handover", None)?;
        }
        if !doc.chronology.is_empty() {
            let mut c = crate::chronology::Chronology {
                household_id: doc.household.id.clone(),
                entries: doc.chronology.clone(),
            };
            c.sort();
            w.put_chronology(&c, "receive_handover", None)?;
        }
        w.put_received(doc.household.id.as_str(), r)?;
        let who = format!("from {}", r.sender.public_key);
        w.audit_with_reason(
            "receive_handover",
            META,
            &format!("{RECEIVED_PREFIX}{}", doc.household.id),
            Some(&who),
        )?;
        w.commit_at()
    }

    /// Keep (or replace) a received hand-over's record alone: for a conflict, nothing else is
    /// written.
    pub fn store_received_record(
        &mut self,
        r: &crate::handover::Received,
        action: &str,
    ) -> Result<chrono::DateTime<chrono::Utc>, VaultError> {
        let mut w = self.writer()?;
        w.put_received(r.household_id.as_str(), r)?;
        w.audit(
            action,
            META,
            &format!("{RECEIVED_PREFIX}{}", r.household_id),
        )?;
        w.commit_at()
    }
}
