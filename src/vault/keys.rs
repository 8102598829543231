//! The key lifecycle: rotating the data key. Changing the passphrase, recovering with the
//! recovery key and issuing a new recovery key each draw a fresh data key, re-seal every record
//! under it in one transaction and write a new header, so a copy of the file taken before (with
//! the passphrase or recovery key of that time) opens nothing written after.
//!
//! The recovery slot wraps the data key to the recovery key's public half (header version 2),
//! so a rotation keeps the recovery key working without knowing it. A vault still on header
//! version 1 cannot have its recovery slot rewritten without the recovery key: rotating one
//! issues a new recovery key, which the caller must show.
//!
//! Every new passphrase slot uses the standard key derivation profile; the cheap test profile is
//! carried over only in a test build, from a vault already made with it.

use super::crypto::{self, DataKey, KdfParams};
use super::header::{self, Header, PublicSlot, RecoverySlot};
use super::open::{check_new_passphrase, new_passphrase_slot};
use super::records::{
    is_revisioned, ASSESSMENTS, AUDIT, AUDIT_HEAD_KEY, CHRONOLOGY, DEFINITIONS, HOUSEHOLDS, META,
    RATINGS,
};
use super::writer::{lock_for_change, Writer};
use super::{db_err, RecoveryKey, Vault, VaultError};
use crate::secret::ExposeSecret;
use crate::Entropy;
use serde::Serialize;

/// How far a rotation of the data key has gone: records re-sealed out of all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RekeyProgress {
    /// Records re-sealed (or found unreadable and left as they are) so far.
    pub done: usize,
    /// Records to re-seal.
    pub total: usize,
}

/// What happens to the recovery slot when the data key rotates.
pub(super) enum RecoveryPlan<'a> {
    /// Keep the current recovery key (a version 1 vault gets a new one, returned).
    Keep,
    /// Wrap for this recovery key (recovering with it).
    Use(&'a RecoveryKey),
    /// Issue a new recovery key (returned); the old one stops working.
    Issue,
}

/// Every sealed table, with the expression that gives the id its records are bound to.
const SEALED: &[(&str, &str)] = &[
    (META, "key"),
    (DEFINITIONS, "hash"),
    (CHRONOLOGY, "household_id"),
    (HOUSEHOLDS, "id"),
    (ASSESSMENTS, "id"),
    (RATINGS, "id"),
    (AUDIT, "CAST(seq AS TEXT)"),
];

/// How often (in records) progress is reported.
const PROGRESS_EVERY: usize = 64;

/// The key derivation parameters of a new passphrase slot: always the standard profile, except
/// in a test build for a vault already made with the cheap test profile.
pub(super) fn new_slot_kdf(current: KdfParams) -> KdfParams {
    if cfg!(feature = "test-hooks") && current == KdfParams::TEST_ONLY_CHEAP {
        KdfParams::TEST_ONLY_CHEAP
    } else {
        KdfParams::STANDARD
    }
}

/// A version 2 recovery slot: `key` wrapped to the recovery key's public half.
pub(super) fn recovery_slot(
    public: &[u8; crypto::KEY_LEN],
    key: &DataKey,
    rng: &mut dyn Entropy,
) -> RecoverySlot {
    let (ephemeral, nonce, ct) =
        crypto::wrap_for_recovery(public, key, rng, &Header::public_recovery_aad(public));
    let mut wrapped = [0u8; header::WRAPPED_LEN];
    wrapped.copy_from_slice(&ct);
    RecoverySlot::Public(PublicSlot {
        public: *public,
        ephemeral,
        nonce,
        wrapped,
    })
}

impl Vault {
    /// Change the passphrase. The data key is rotated: every record is re-sealed under a new
    /// key in one transaction (`progress` is told as it goes), and the recovery key keeps
    /// working. Returns a new recovery key only for a vault whose header predates rotation
    /// (version 1); it must then be shown to the user once, and the old one no longer works.
    pub fn change_passphrase(
        &mut self,
        old: impl crate::secret::IntoSecret,
        new: impl crate::secret::IntoSecret,
        progress: &mut dyn FnMut(RekeyProgress),
    ) -> Result<Option<RecoveryKey>, VaultError> {
        let (old, new) = (old.into_secret(), new.into_secret());
        let (old, new) = (old.expose_secret(), new.expose_secret());
        check_new_passphrase(new)?;
        self.check_passphrase(old)?;
        self.rekey(new, RecoveryPlan::Keep, "change_passphrase", progress)
    }

    /// Issue a new recovery key, confirmed with the passphrase: the data key is rotated and the
    /// old recovery key stops working. The new key is to be shown to the user once.
    pub fn new_recovery_key(
        &mut self,
        passphrase: impl crate::secret::IntoSecret,
        progress: &mut dyn FnMut(RekeyProgress),
    ) -> Result<RecoveryKey, VaultError> {
        let passphrase = passphrase.into_secret();
        let passphrase = passphrase.expose_secret();
        self.check_passphrase(passphrase)?;
        let issued = self.rekey(
            passphrase,
            RecoveryPlan::Issue,
            "new_recovery_key",
            progress,
        )?;
        Ok(issued.expect("issuing a recovery key returns it"))
    }

    /// Rotate the data key: re-seal every record under a fresh key, then write a header whose
    /// passphrase slot opens with `passphrase` and whose recovery slot follows `plan`, all in
    /// one transaction with its audit entry. Nothing changes if any step fails. Records that do
    /// not open with the current key are left as they are (they are already reported as
    /// tampered, and stay so). Returns the recovery key when a new one was issued.
    pub(super) fn rekey(
        &mut self,
        passphrase: &str,
        plan: RecoveryPlan<'_>,
        action: &str,
        progress: &mut dyn FnMut(RekeyProgress),
    ) -> Result<Option<RecoveryKey>, VaultError> {
        let rng = &mut *self.env.rng;
        let new_key = DataKey::generate(rng);
        let kdf = new_slot_kdf(self.header.kdf);
        let passphrase_slot = new_passphrase_slot(passphrase, kdf, &new_key, rng)?;
        let mut issued = None;
        let recovery = match (plan, &self.header.recovery) {
            (RecoveryPlan::Keep, RecoverySlot::Public(slot)) => {
                recovery_slot(&slot.public, &new_key, rng)
            }
            (RecoveryPlan::Use(rk), _) => {
                recovery_slot(&crypto::recovery_public(rk), &new_key, rng)
            }
            (RecoveryPlan::Keep, RecoverySlot::Symmetric(_)) | (RecoveryPlan::Issue, _) => {
                let rk = RecoveryKey::generate(rng);
                let slot = recovery_slot(&crypto::recovery_public(&rk), &new_key, rng);
                issued = Some(rk);
                slot
            }
        };
        let new_header = Header {
            kdf,
            passphrase: passphrase_slot,
            recovery,
        };
        let now = self.env.clock.now();
        let old_key = &self.key;
        let tx = lock_for_change(&self.conn)?;
        let mut total = 0usize;
        for (table, _) in SEALED {
            let n: i64 = tx
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .map_err(db_err("counting the records to re-seal"))?;
            total += n as usize;
        }
        let mut w = Writer::within(tx, &new_key, &self.ids, rng, now, &self.who, None);
        let mut done = 0usize;
        progress(RekeyProgress { done, total });
        for (table, id_expr) in SEALED {
            let rev_col = if is_revisioned(table) { "rev" } else { "0" };
            let rows: Vec<(i64, String, i64, Vec<u8>)> = {
                let mut st =
                    w.tx.prepare(&format!(
                        "SELECT rowid, {id_expr}, {rev_col}, body FROM {table}"
                    ))
                    .map_err(db_err("reading the records to re-seal"))?;
                let rows = st
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .map_err(db_err("reading the records to re-seal"))?
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(db_err("reading the records to re-seal"))?;
                rows
            };
            for (rowid, id, rev, body) in rows {
                let rev = u64::try_from(rev).unwrap_or(u64::MAX);
                if let Ok(sealed) =
                    crypto::reseal_record(old_key, &new_key, w.rng, table, &id, rev, &body)
                {
                    w.tx.execute(
                        &format!("UPDATE {table} SET body = ?1 WHERE rowid = ?2"),
                        rusqlite::params![sealed, rowid],
                    )
                    .map_err(db_err("re-sealing the records"))?;
                    // The audit entry of the rotation records every row as it now is, so that
                    // `verify` compares each row with its re-sealed bytes. The trail itself
                    // and its head are chained by their content, not by these bytes.
                    if *table != AUDIT && !(*table == META && id == AUDIT_HEAD_KEY) {
                        w.note_write(table, &id, rev, &sealed);
                    }
                }
                done += 1;
                if done.is_multiple_of(PROGRESS_EVERY) {
                    progress(RekeyProgress { done, total });
                }
            }
        }
        w.put_header(&new_header)?;
        w.audit(action, "header", "1")?;
        w.commit()?;
        progress(RekeyProgress { done, total });
        self.key = new_key;
        self.header = new_header;
        // Fold the log into the file so old ciphertexts do not linger in it (the database
        // overwrites freed pages itself); a failure here loses nothing.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(issued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_new_slot_uses_the_standard_profile() {
        assert_eq!(new_slot_kdf(KdfParams::STANDARD), KdfParams::STANDARD);
        // A vault made with other acceptable costs gets the standard ones on its next slot.
        let older = KdfParams {
            m_kib: 64 * 1024,
            t: 3,
            p: 1,
        };
        assert!(older.is_acceptable());
        assert_eq!(new_slot_kdf(older), KdfParams::STANDARD);
        // The cheap test profile is carried over only in a build with the test hooks.
        let expected = if cfg!(feature = "test-hooks") {
            KdfParams::TEST_ONLY_CHEAP
        } else {
            KdfParams::STANDARD
        };
        assert_eq!(new_slot_kdf(KdfParams::TEST_ONLY_CHEAP), expected);
    }
}
