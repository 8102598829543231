//! An encrypted hand-over of one household between practitioners' vaults, in the age format
//! (age-encryption.org/v1, X25519 recipients), so a file made here opens with the standard `age`
//! tool and a file the tool made from the documented JSON form (`docs/handover.md`) imports.
//!
//! The plaintext exists only in memory (zeroized when dropped): it is built, encrypted and
//! written as ciphertext; on import the file is read, decrypted and parsed in memory.
//!
//! age encrypts and authenticates the content (a changed or cut file does not open) but does not
//! prove who made it: the sender recorded is the one the document names, with the public key it
//! gives.

use crate::app::AppError;
use crate::assessment::{Assessment, Household, Id, Practitioner};
use crate::chronology::ChronologyEntry;
use crate::toolkit::ToolkitDefinition;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::Zeroizing;

/// The value of the `format` field.
pub const HANDOVER_FORMAT: &str = "ntk-handover";
/// The version of the form this code writes and reads.
pub const HANDOVER_FORMAT_VERSION: u32 = 1;

/// Who sent a hand-over, as the document names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// The sending vault's public key (`age1...`).
    pub public_key: String,
    /// The practitioner who sent it, from their settings.
    #[serde(default)]
    pub practitioner: Practitioner,
}

/// A definition used by the household's assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoverDefinition {
    /// Its content hash.
    pub hash: String,
    /// The definition.
    pub definition: ToolkitDefinition,
}

/// The plaintext of a hand-over: one household with its assessments, chronology and the
/// definitions they use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoverDoc {
    /// Always [`HANDOVER_FORMAT`].
    pub format: String,
    /// [`HANDOVER_FORMAT_VERSION`]; a higher number is refused.
    pub format_version: u32,
    /// When it was made.
    pub exported_at: DateTime<Utc>,
    /// Who made it.
    pub sender: Sender,
    /// The definitions the assessments use.
    #[serde(default)]
    pub definitions: Vec<HandoverDefinition>,
    /// The household.
    pub household: Household,
    /// Its assessments, oldest first.
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    /// Its chronology, oldest first.
    #[serde(default)]
    pub chronology: Vec<ChronologyEntry>,
}

/// A hand-over received: who sent it and when, and, when the household was already in the
/// vault, the incoming version kept beside the stored one until the practitioner chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// The household.
    pub household_id: Id,
    /// Its name in the hand-over.
    pub household_name: String,
    /// Who sent it.
    pub sender: Sender,
    /// When it was imported.
    pub received_at: DateTime<Utc>,
    /// The incoming version, when the household already existed (nothing of it was written).
    #[serde(default)]
    pub conflict: Option<HandoverDoc>,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::Invalid {
        message: message.into(),
    }
}

/// age's text form of an X25519 secret key (`AGE-SECRET-KEY-1...`) for 32 random bytes.
pub fn secret_key_text(bytes: &[u8; 32]) -> Zeroizing<String> {
    use bech32::ToBase32;
    let s = bech32::encode(
        "age-secret-key-",
        bytes.to_base32(),
        bech32::Variant::Bech32,
    )
    .expect("a fixed, valid prefix");
    Zeroizing::new(s.to_uppercase())
}

fn identity(secret: &str) -> Result<age::x25519::Identity, AppError> {
    age::x25519::Identity::from_str(secret).map_err(|_| AppError::Invalid {
        message: "The vault's hand-over key does not read; restore the vault from a backup.".into(),
    })
}

/// The public key (`age1...`) of a secret key.
pub fn public_key(secret: &str) -> Result<String, AppError> {
    Ok(identity(secret)?.to_public().to_string())
}

/// Read a recipient's public key, with a clear error naming it.
pub fn recipient(key: &str) -> Result<age::x25519::Recipient, AppError> {
    age::x25519::Recipient::from_str(key.trim()).map_err(|_| {
        invalid(format!(
            "'{}' is not an age public key; it starts with age1 and is 62 characters long.",
            key.trim()
        ))
    })
}

/// Encrypt `plaintext` to every key in `recipients` (at least one).
pub fn encrypt(plaintext: &[u8], recipients: &[String]) -> Result<Vec<u8>, AppError> {
    if recipients.is_empty() {
        return Err(invalid(
            "Name at least one recipient: the public key (age1...) of the vault it is for.",
        ));
    }
    let keys = recipients
        .iter()
        .map(|r| recipient(r))
        .collect::<Result<Vec<_>, _>>()?;
    let encryptor = age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
        .map_err(|e| invalid(format!("The hand-over could not be encrypted: {e}.")))?;
    let mut out = Vec::new();
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(|e| invalid(format!("The hand-over could not be encrypted: {e}.")))?;
    w.write_all(plaintext)
        .and_then(|_| w.finish().map(|_| ()))
        .map_err(|e| invalid(format!("The hand-over could not be encrypted: {e}.")))?;
    Ok(out)
}

/// Decrypt a hand-over file with the vault's secret key; each way it can fail has its message.
pub fn decrypt(file: &[u8], secret: &str) -> Result<Zeroizing<Vec<u8>>, AppError> {
    let id = identity(secret)?;
    let nothing = "Nothing was imported";
    // Binary or armoured (`age -a`): the reader passes binary input through as it is.
    let d = age::Decryptor::new(age::armor::ArmoredReader::new(file)).map_err(|e| {
        invalid(format!(
            "{nothing}: this is not a hand-over file, or it is damaged or cut short ({e})."
        ))
    })?;
    if d.is_scrypt() {
        return Err(invalid(format!(
            "{nothing}: the file is protected by a passphrase; hand-overs are encrypted to a vault's public key."
        )));
    }
    let mut r = d
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => invalid(format!(
                "{nothing}: the file was encrypted for another recipient, not this vault. Ask the sender to use this vault's public key."
            )),
            e => invalid(format!(
                "{nothing}: the file is damaged or was changed after it was made ({e})."
            )),
        })?;
    let mut out = Zeroizing::new(Vec::new());
    r.read_to_end(&mut out).map_err(|e| {
        invalid(format!(
            "{nothing}: the file is damaged, cut short or was changed after it was made ({e})."
        ))
    })?;
    Ok(out)
}

/// Read the JSON form, refusing another format or a newer version with a clear message.
pub fn parse(plaintext: &[u8]) -> Result<HandoverDoc, AppError> {
    let nothing = "Nothing was imported";
    let v: serde_json::Value = serde_json::from_slice(plaintext).map_err(|e| {
        invalid(format!(
            "{nothing}: the hand-over does not read as JSON ({e})."
        ))
    })?;
    match v.get("format").and_then(|f| f.as_str()) {
        Some(HANDOVER_FORMAT) => {}
        other => {
            return Err(invalid(format!(
                "{nothing}: $.format is {}, expected '{HANDOVER_FORMAT}'.",
                other.map_or("missing".to_string(), |f| format!("'{f}'"))
            )))
        }
    }
    if let Some(n) = v.get("format_version").and_then(|n| n.as_u64()) {
        if n > u64::from(HANDOVER_FORMAT_VERSION) {
            return Err(invalid(format!(
                "{nothing}: the hand-over was made by a newer version of the app (format {n}; this version reads up to {HANDOVER_FORMAT_VERSION}). Update the app."
            )));
        }
    }
    serde_path_to_error::deserialize(v)
        .map_err(|e| invalid(format!("{nothing}: at {}: {}.", e.path(), e.inner())))
}
