//! The hand-over use cases of [`Session`] (see [`crate::handover`]): the vault's public key, an
//! encrypted export of one household, and importing one, where a household already stored is
//! never overwritten: the incoming version is kept beside it until the practitioner chooses.

use super::{AppError, Saved, Session, SheetFile};
use crate::assessment::{validate, Id};
use crate::chronology::{self, Chronology};
use crate::handover::{self, HandoverDefinition, HandoverDoc, Received, Sender};
use crate::toolkit::{self, ToolkitDefinition};
use crate::vault::VaultError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use zeroize::Zeroizing;

/// What importing a hand-over did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverImported {
    /// The household.
    pub household_id: Id,
    /// Its name in the hand-over.
    pub household_name: String,
    /// Who sent it.
    pub sender: Sender,
    /// The household was already in the vault: nothing was written but the incoming version,
    /// kept beside it to review.
    pub conflict: bool,
    /// When the import was committed.
    pub saved_at: DateTime<Utc>,
}

/// A household received by hand-over, as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedItem {
    /// The household.
    pub household_id: Id,
    /// Its name in the hand-over.
    pub household_name: String,
    /// Who sent it.
    pub sender: Sender,
    /// When it was imported.
    pub received_at: DateTime<Utc>,
    /// An incoming version waits beside the stored household.
    pub conflict: bool,
    /// Who sent it and when, in words (the "received" marker of the lists).
    pub received_text: String,
    /// [`crate::words::CONFLICT_TO_REVIEW`] while an incoming version waits, else `None`.
    pub conflict_text: Option<String>,
}

/// A received hand-over's free text (the sender, the household, its assessments and chronology)
/// without bidirectional control characters, as the setters take it. The definitions are left
/// as they are: their hashes bind their text ([`Session::check_handover`] refuses one that holds
/// such characters).
fn cleaned(mut doc: HandoverDoc) -> HandoverDoc {
    use crate::text::without_bidi_controls;
    doc.sender = without_bidi_controls(doc.sender);
    doc.household = without_bidi_controls(doc.household);
    doc.assessments = without_bidi_controls(doc.assessments);
    doc.chronology = without_bidi_controls(doc.chronology);
    doc
}

fn invalid(message: String) -> AppError {
    AppError::Invalid { message }
}

impl Session {
    fn handover_secret(&mut self) -> Result<Zeroizing<String>, AppError> {
        Ok(self.vault.handover_secret()?)
    }

    /// This vault's public key for hand-overs (`age1...`), made on first use.
    pub fn handover_public_key(&mut self) -> Result<String, AppError> {
        let secret = self.handover_secret()?;
        handover::public_key(&secret)
    }

    /// The recipients the active definition lists for hand-overs (none when no definition is
    /// active yet).
    pub fn handover_recipients(&self) -> Result<Vec<toolkit::HandoverRecipient>, AppError> {
        Ok(match self.vault.settings()?.active_definition {
            Some(hash) => self.vault.definition(&hash)?.handover_recipients,
            None => Vec::new(),
        })
    }

    /// One household with its assessments, chronology and the definitions they use, encrypted
    /// to every public key in `recipients`. The plaintext stays in memory; the bytes returned
    /// are the age file.
    pub fn handover_export(
        &mut self,
        household_id: &Id,
        recipients: &[String],
    ) -> Result<SheetFile, AppError> {
        for r in recipients {
            handover::recipient(r)?;
        }
        let household = self.vault.household(household_id)?;
        let assessments = self.vault.assessments(household_id)?;
        let chronology = self.vault.chronology(household_id)?.entries;
        let mut definitions: Vec<HandoverDefinition> = Vec::new();
        for a in &assessments {
            if !definitions.iter().any(|d| d.hash == a.definition.hash) {
                definitions.push(HandoverDefinition {
                    hash: a.definition.hash.clone(),
                    definition: self.vault.definition(&a.definition.hash)?,
                });
            }
        }
        let sender = Sender {
            public_key: self.handover_public_key()?,
            practitioner: self.vault.settings()?.practitioner,
        };
        let now = self.vault.clock().now();
        let doc = HandoverDoc {
            format: handover::HANDOVER_FORMAT.into(),
            format_version: handover::HANDOVER_FORMAT_VERSION,
            exported_at: now,
            sender,
            definitions,
            household,
            assessments,
            chronology,
        };
        let plaintext = Zeroizing::new(
            serde_json::to_vec(&doc)
                .map_err(|e| invalid(format!("The hand-over could not be built: {e}.")))?,
        );
        let bytes = handover::encrypt(&plaintext, recipients)?;
        let short: String = household_id.as_str().chars().take(8).collect();
        Ok(SheetFile {
            file_name: format!("handover-{}-{short}.age", now.format("%Y-%m-%d")),
            bytes,
            missing_characters: Vec::new(),
            warning: None,
        })
    }

    /// Check a hand-over document against the rules an import applies to any household.
    fn check_handover(&self, doc: &HandoverDoc) -> Result<(), AppError> {
        let nothing = "Nothing was imported";
        // A definition's hash binds its text, so it cannot be cleaned ([`cleaned`]): refused.
        if let Some(i) = doc
            .definitions
            .iter()
            .position(|d| crate::text::holds_bidi_controls(&d.definition))
        {
            return Err(invalid(format!(
                "{nothing}: $.definitions[{i}].definition holds bidirectional control characters, which can make text display in another order than it is stored."
            )));
        }
        let h = &doc.household;
        let today = self
            .vault
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .date_naive();
        if h.id.as_str().is_empty() {
            return Err(invalid(format!("{nothing}: $.household.id is empty.")));
        }
        crate::assessment::check_dates(h, today)
            .map_err(|e| invalid(format!("{nothing}: $.household: {e}.")))?;
        let mut defs: Vec<(String, ToolkitDefinition)> = Vec::new();
        for (i, d) in doc.definitions.iter().enumerate() {
            if let Some(f) = toolkit::validate(&d.definition).first() {
                return Err(invalid(format!(
                    "{nothing}: $.definitions[{i}].definition: {f}."
                )));
            }
            if toolkit::content_hash(&d.definition) != d.hash {
                return Err(invalid(format!(
                    "{nothing}: $.definitions[{i}].hash does not match the definition's content."
                )));
            }
            defs.push((d.hash.clone(), d.definition.clone()));
        }
        for (j, a) in doc.assessments.iter().enumerate() {
            let at = format!("$.assessments[{j}]");
            if a.household_id != h.id {
                return Err(invalid(format!(
                    "{nothing}: {at}.household_id is not the household handed over."
                )));
            }
            let def = match defs.iter().find(|(hash, _)| hash == &a.definition.hash) {
                Some((_, d)) => d.clone(),
                None => self.vault.definition(&a.definition.hash).map_err(|_| {
                    invalid(format!(
                        "{nothing}: {at} uses a definition that is neither in the hand-over nor in this vault."
                    ))
                })?,
            };
            validate(a, h, &def).map_err(|e| invalid(format!("{nothing}: {at}: {e}.")))?;
            if let Some(old) = self.vault.existing_assessment(&a.id)? {
                if old.household_id != h.id {
                    return Err(invalid(format!(
                        "{nothing}: {at} has the id of an assessment of another household."
                    )));
                }
            }
        }
        for (k, e) in doc.chronology.iter().enumerate() {
            if e.id.as_str().is_empty() {
                return Err(invalid(format!(
                    "{nothing}: $.chronology[{k}].id is empty."
                )));
            }
            if e.children
                .iter()
                .any(|c| !h.children.iter().any(|x| &x.id == c))
            {
                return Err(invalid(format!(
                    "{nothing}: $.chronology[{k}].children names a child not in the household."
                )));
            }
        }
        Ok(())
    }

    /// Import a hand-over file: decrypted with this vault's key, checked whole, then stored
    /// with the sender recorded. A household already in the vault is not touched: the incoming
    /// version is kept beside it as a conflict ([`Session::received`],
    /// [`Session::resolve_handover`]). Any fault: a clear error and nothing imported.
    pub fn handover_import(&mut self, file: &[u8]) -> Result<HandoverImported, AppError> {
        if file.len() > crate::limits::HANDOVER_FILE_MAX_BYTES {
            return Err(invalid(format!(
                "Nothing was imported: the file is larger than {} MB, too large for a hand-over.",
                crate::limits::HANDOVER_FILE_MAX_BYTES / (1024 * 1024)
            )));
        }
        let secret = self.handover_secret()?;
        let plaintext = handover::decrypt(file, &secret)?;
        drop(secret);
        let doc = cleaned(handover::parse(&plaintext)?);
        drop(plaintext);
        self.check_handover(&doc)?;
        let now = self.vault.clock().now();
        let exists = match self.vault.household(&doc.household.id) {
            Ok(_) => true,
            Err(VaultError::NotFound { .. }) => false,
            Err(e) => return Err(e.into()),
        };
        let mut received = Received {
            household_id: doc.household.id.clone(),
            household_name: doc.household.name.clone(),
            sender: doc.sender.clone(),
            received_at: now,
            conflict: None,
        };
        let saved_at = if exists {
            received.conflict = Some(doc);
            self.vault
                .store_received_record(&received, "receive_handover_conflict")?
        } else {
            self.vault.store_received(&doc, &received)?
        };
        Ok(HandoverImported {
            household_id: received.household_id,
            household_name: received.household_name,
            sender: received.sender,
            conflict: exists,
            saved_at,
        })
    }

    /// Every household received by hand-over, with its sender and whether an incoming version
    /// waits beside it.
    pub fn received(&self) -> Result<Vec<ReceivedItem>, AppError> {
        Ok(self
            .vault
            .received_records::<Received>()?
            .into_iter()
            .map(|r| ReceivedItem {
                received_text: crate::words::received_text(&r.sender, r.received_at),
                conflict_text: r
                    .conflict
                    .is_some()
                    .then(|| crate::words::CONFLICT_TO_REVIEW.to_string()),
                household_id: r.household_id,
                household_name: r.household_name,
                sender: r.sender,
                received_at: r.received_at,
                conflict: r.conflict.is_some(),
            })
            .collect())
    }

    /// The incoming version of a household kept as a conflict, to review beside the stored one.
    pub fn handover_conflict(&self, household_id: &Id) -> Result<HandoverDoc, AppError> {
        self.vault
            .received_record::<Received>(household_id.as_str())?
            .and_then(|r| r.conflict)
            .ok_or_else(|| {
                invalid("No incoming version of this household is waiting to be reviewed.".into())
            })
    }

    /// Settle a conflict: keep the stored household as it is, or take the incoming version of
    /// the household's details, add its assessments not yet stored (a stored one is kept as it
    /// is) and merge its chronology (entries already recorded skipped).
    pub fn resolve_handover(
        &mut self,
        household_id: &Id,
        keep_incoming: bool,
    ) -> Result<Saved, AppError> {
        let mut r = self
            .vault
            .received_record::<Received>(household_id.as_str())?
            .ok_or_else(|| invalid("This household was not received by hand-over.".into()))?;
        let Some(doc) = r.conflict.take() else {
            return Err(invalid(
                "No incoming version of this household is waiting to be reviewed.".into(),
            ));
        };
        if !keep_incoming {
            let saved_at = self
                .vault
                .store_received_record(&r, "keep_stored_household")?;
            return Ok(Saved { saved_at });
        }
        let doc = cleaned(doc);
        self.check_handover(&doc)?;
        let mut merged = doc.clone();
        merged.assessments.clear();
        for a in &doc.assessments {
            if self.vault.existing_assessment(&a.id)?.is_none() {
                merged.assessments.push(a.clone());
            }
        }
        let mut c: Chronology = self.vault.chronology(household_id)?;
        chronology::merge(&mut c, doc.chronology.clone());
        merged.chronology = c.entries;
        let mut household = merged.household.clone();
        household.created_at = self.vault.household(household_id)?.created_at;
        merged.household = household;
        r.received_at = self.vault.clock().now();
        let saved_at = self.vault.store_received(&merged, &r)?;
        Ok(Saved { saved_at })
    }
}
