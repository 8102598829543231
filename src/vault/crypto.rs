//! Keys and sealed records: everything in the vault that touches a secret lives here, so the
//! rest of the vault only ever handles ciphertext in one direction and typed records in the other.
//!
//! A passphrase goes through Argon2id to a key-encryption key that unwraps the random data key;
//! a recovery key wraps the same data key in a second slot. Every record is sealed with
//! AES-256-GCM under the data key, with a fresh random nonce and associated data that binds it
//! to its table, its record id and the record format version.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use sha2::{Digest, Sha256};
use std::time::Duration;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::Entropy;

/// Why a cryptographic step failed. Callers turn these into [`super::VaultError`] with context.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The sealed bytes are shorter than a nonce and a tag, or carry an unknown format byte.
    #[error("the sealed record is malformed: {0}")]
    Malformed(&'static str),
    /// Authentication failed: wrong key, or the bytes or their binding were changed.
    #[error("the sealed record does not open with this key")]
    Unauthentic,
    /// The key derivation function refused its parameters.
    #[error("the key derivation parameters are not usable: {0}")]
    Kdf(String),
}

/// The version of the sealed record format. It is the first byte of every sealed record and
/// part of its associated data.
pub const RECORD_FORMAT: u8 = 1;

/// The sealed record format whose associated data also binds the record's revision (see
/// [`seal_record_rev`]). Records of format 1 still open, as revision 0.
pub const RECORD_FORMAT_REV: u8 = 2;

/// The flag added to a format byte (formats `0x81` and `0x82`) when the plaintext was padded
/// before sealing (see [`pad`]). The format byte, flag included, is part of the associated data,
/// so a padded record cannot be read as an unpadded one or the other way round.
pub const PADDED: u8 = 0x80;

/// The smallest padded plaintext: every sealed record is at least this long.
pub const PAD_MIN: usize = 512;
/// Up to this size padded plaintexts grow in powers of two; beyond it, in steps of this size.
pub const PAD_STEP: usize = 16 * 1024;
/// The length prefix inside a padded plaintext: the real length as a big-endian u32.
const PAD_PREFIX: usize = 4;

/// Length of an AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Length of an AES-GCM tag.
pub const TAG_LEN: usize = 16;
/// Length of every key.
pub const KEY_LEN: usize = 32;

/// Minimum passphrase length in characters (defined in [`crate::limits`]).
pub use crate::limits::PASSPHRASE_MIN_CHARS as MIN_PASSPHRASE_CHARS;

/// Failed unlock attempts allowed in a process before each further attempt waits.
pub const FREE_ATTEMPTS: u32 = 5;

/// How long to wait before an unlock attempt, given how many attempts have failed so far in
/// this process. The first [`FREE_ATTEMPTS`] failures cost nothing; after that the wait starts
/// at one second and doubles with each further failure, up to one minute.
pub fn unlock_delay(failures_so_far: u32) -> Duration {
    if failures_so_far < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures_so_far - FREE_ATTEMPTS).min(6);
    Duration::from_secs((1u64 << doublings).min(60))
}

/// The random 256-bit key that seals every record. Zeroized on drop; never cloned or printed.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; KEY_LEN]);

impl DataKey {
    /// A fresh random data key.
    pub fn generate(rng: &mut dyn Entropy) -> Self {
        let mut k = [0u8; KEY_LEN];
        rng.fill(&mut k);
        let key = DataKey(k);
        k.zeroize();
        key
    }

    /// The raw key bytes. Dangerous: only for wrapping the key into a slot.
    pub fn dangerous_raw_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(&self.0.into())
    }
}

/// A key-encryption key derived from a passphrase or a recovery key. Zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct WrapKey([u8; KEY_LEN]);

/// Argon2id cost parameters, stored in the vault header beside the salt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The product's parameters: 192 MiB, 3 passes, one lane (about 0.4 s on an idle 2-core
    /// machine; see BENCHMARKS.md).
    pub const STANDARD: KdfParams = KdfParams {
        m_kib: 192 * 1024,
        t: 3,
        p: 1,
    };
    /// Deliberately weak parameters for tests only (64 KiB, one pass). A vault made with them
    /// offers no protection against guessing; the product never creates one.
    pub const TEST_ONLY_CHEAP: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };
    /// Lowest memory accepted from a header (other than the test-only parameters).
    pub const MIN_M_KIB: u32 = 64 * 1024;
    /// Highest memory accepted from a header, so a changed header cannot exhaust memory.
    pub const MAX_M_KIB: u32 = 1024 * 1024;
    /// Lowest number of passes accepted.
    pub const MIN_T: u32 = 3;
    /// Highest number of passes accepted, so a changed header cannot hang an unlock.
    pub const MAX_T: u32 = 10;
    /// Highest number of lanes accepted.
    pub const MAX_P: u32 = 8;

    /// Whether parameters read back from a header are acceptable: within the bounds in both
    /// directions, or, in a build with the `test-hooks` feature only, exactly the test-only
    /// parameters.
    pub fn is_acceptable(&self) -> bool {
        (cfg!(feature = "test-hooks") && *self == Self::TEST_ONLY_CHEAP)
            || ((Self::MIN_M_KIB..=Self::MAX_M_KIB).contains(&self.m_kib)
                && (Self::MIN_T..=Self::MAX_T).contains(&self.t)
                && (1..=Self::MAX_P).contains(&self.p))
    }
}

/// Derive a wrap key from a passphrase with Argon2id.
pub fn derive_from_passphrase(
    passphrase: &str,
    params: KdfParams,
    salt: &[u8],
) -> Result<WrapKey, CryptoError> {
    let p = argon2::Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
        .map_err(|e| CryptoError::Kdf(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut out = WrapKey([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out.0)
        .map_err(|e| CryptoError::Kdf(e.to_string()))?;
    Ok(out)
}

/// Derive a wrap key from a recovery key. The recovery key is 160 random bits, so a single
/// salted hash is enough: there is nothing to slow down.
pub fn derive_from_recovery(key: &RecoveryKey, salt: &[u8]) -> WrapKey {
    let mut h = Sha256::new();
    h.update(b"ntk-vault recovery key v1\0");
    h.update(salt);
    h.update(key.0);
    let mut out = WrapKey([0u8; KEY_LEN]);
    out.0.copy_from_slice(&h.finalize());
    out
}

fn seal_raw(
    cipher: &Aes256Gcm,
    rng: &mut dyn Entropy,
    aad: &[u8],
    plaintext: &[u8],
) -> ([u8; NONCE_LEN], Vec<u8>) {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce);
    let ct = cipher
        .encrypt(
            &nonce.into(),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
    (nonce, ct)
}

/// Wrap the data key under a wrap key: returns the nonce and the 48-byte ciphertext.
pub fn wrap(
    wrap_key: &WrapKey,
    data_key: &DataKey,
    rng: &mut dyn Entropy,
    aad: &[u8],
) -> ([u8; NONCE_LEN], Vec<u8>) {
    let cipher = Aes256Gcm::new(&wrap_key.0.into());
    seal_raw(&cipher, rng, aad, data_key.dangerous_raw_bytes())
}

/// Unwrap the data key; fails when the wrap key is wrong or the slot was changed.
pub fn unwrap(
    wrap_key: &WrapKey,
    nonce: &[u8; NONCE_LEN],
    ct: &[u8],
    aad: &[u8],
) -> Result<DataKey, CryptoError> {
    let cipher = Aes256Gcm::new(&wrap_key.0.into());
    let pt = Zeroizing::new(
        cipher
            .decrypt(&(*nonce).into(), Payload { msg: ct, aad })
            .map_err(|_| CryptoError::Unauthentic)?,
    );
    if pt.len() != KEY_LEN {
        return Err(CryptoError::Malformed(
            "the wrapped key has the wrong length",
        ));
    }
    let mut k = [0u8; KEY_LEN];
    k.copy_from_slice(&pt);
    let key = DataKey(k);
    k.zeroize();
    Ok(key)
}

/// The associated data of a sealed record: what the ciphertext is bound to, so that it cannot
/// be moved to another table or row, or replayed under another format.
///
/// DO NOT CHANGE the encoding in [`Aad::to_bytes`]: every record ever written was sealed with
/// it, and a change makes every existing vault unreadable. A new encoding needs a new
/// [`RECORD_FORMAT`] and code that still reads the old one. `wire_format_is_pinned` guards it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aad<'a> {
    /// The record format version.
    pub format: u8,
    /// The table the record lives in.
    pub table: &'a str,
    /// The record's id in that table.
    pub id: &'a str,
}

impl Aad<'_> {
    /// The bytes authenticated with the record: `"ntk-record"`, the format byte, then the table
    /// and the id, each as a big-endian u32 length followed by UTF-8 bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(10 + 1 + 8 + self.table.len() + self.id.len());
        out.extend_from_slice(b"ntk-record");
        out.push(self.format);
        for part in [self.table, self.id] {
            out.extend_from_slice(&(part.len() as u32).to_be_bytes());
            out.extend_from_slice(part.as_bytes());
        }
        out
    }
}

/// A sealed record split into its parts, as stored: format byte, nonce, ciphertext with tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedRecord<'a> {
    /// The record format version.
    pub format: u8,
    /// The nonce.
    pub nonce: [u8; NONCE_LEN],
    /// The ciphertext followed by the tag.
    pub ciphertext: &'a [u8],
}

/// The size a plaintext of `len` bytes is padded to, its length prefix included: 512 bytes at
/// least, then the next power of two up to 16 KiB, then the next multiple of 16 KiB. So a record
/// shows its size only to within a factor of two (to within 16 KiB beyond that).
pub fn padded_len(len: usize) -> usize {
    let n = len.saturating_add(PAD_PREFIX);
    if n <= PAD_MIN {
        PAD_MIN
    } else if n <= PAD_STEP {
        n.next_power_of_two()
    } else {
        n.div_ceil(PAD_STEP).saturating_mul(PAD_STEP)
    }
}

/// Pad `plaintext` to its bucket: its length as a big-endian u32, the plaintext, then zero
/// bytes up to [`padded_len`].
pub fn pad(plaintext: &[u8]) -> Zeroizing<Vec<u8>> {
    let total = padded_len(plaintext.len());
    let mut out = Zeroizing::new(Vec::with_capacity(total));
    let len = u32::try_from(plaintext.len()).expect("a record is smaller than 4 GiB");
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(plaintext);
    out.resize(total, 0);
    out
}

/// The plaintext inside a padded buffer. Refuses a length beyond the buffer and padding that
/// is not all zero bytes, so that one padded buffer reads exactly one way.
pub fn unpad(padded: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if padded.len() < PAD_PREFIX {
        return Err(CryptoError::Malformed("the padded record is too short"));
    }
    let (prefix, rest) = padded.split_at(PAD_PREFIX);
    let len = u32::from_be_bytes(prefix.try_into().expect("four bytes")) as usize;
    if len > rest.len() {
        return Err(CryptoError::Malformed("the padded length is too long"));
    }
    let (body, padding) = rest.split_at(len);
    if padding.iter().any(|&b| b != 0) {
        return Err(CryptoError::Malformed("the padding is not zero"));
    }
    Ok(Zeroizing::new(body.to_vec()))
}

/// Split stored bytes into a [`SealedRecord`] without opening it.
pub fn decode_record(bytes: &[u8]) -> Result<SealedRecord<'_>, CryptoError> {
    let (&format, rest) = bytes
        .split_first()
        .ok_or(CryptoError::Malformed("the record is empty"))?;
    let base = format & !PADDED;
    if base != RECORD_FORMAT && base != RECORD_FORMAT_REV {
        return Err(CryptoError::Malformed("unknown record format"));
    }
    if rest.len() < NONCE_LEN + TAG_LEN {
        return Err(CryptoError::Malformed("the record is too short"));
    }
    let (n, ciphertext) = rest.split_at(NONCE_LEN);
    let mut nonce = [0u8; NONCE_LEN];
    nonce.copy_from_slice(n);
    Ok(SealedRecord {
        format,
        nonce,
        ciphertext,
    })
}

/// Seal `plaintext` for `table`/`id` under the data key with a fresh nonce, unpadded (format 1).
/// The vault writes [`seal_record_padded`]; this is the format of records written before
/// padding, which still open.
pub fn seal_record(
    key: &DataKey,
    rng: &mut dyn Entropy,
    table: &str,
    id: &str,
    plaintext: &[u8],
) -> Vec<u8> {
    seal_with_format(key, rng, RECORD_FORMAT, table, id, plaintext)
}

/// Seal `plaintext` for `table`/`id` padded to its size bucket (format `0x81`): the stored
/// length shows only the bucket.
pub fn seal_record_padded(
    key: &DataKey,
    rng: &mut dyn Entropy,
    table: &str,
    id: &str,
    plaintext: &[u8],
) -> Vec<u8> {
    seal_with_format(key, rng, RECORD_FORMAT | PADDED, table, id, &pad(plaintext))
}

fn seal_with_format(
    key: &DataKey,
    rng: &mut dyn Entropy,
    format: u8,
    table: &str,
    id: &str,
    plaintext: &[u8],
) -> Vec<u8> {
    let aad = Aad { format, table, id }.to_bytes();
    let (nonce, ct) = seal_raw(&key.cipher(), rng, &aad, plaintext);
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(format);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// Decrypt a decoded record under `aad`, and take off its padding when its format says it has
/// some.
fn decrypt_body(
    key: &DataKey,
    rec: &SealedRecord<'_>,
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let pt = key
        .cipher()
        .decrypt(
            &rec.nonce.into(),
            Payload {
                msg: rec.ciphertext,
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Unauthentic)?;
    if rec.format & PADDED != 0 {
        unpad(&pt)
    } else {
        Ok(pt)
    }
}

/// Open a record sealed by [`seal_record`] or [`seal_record_padded`] for the same table and id.
pub fn open_record(
    key: &DataKey,
    table: &str,
    id: &str,
    bytes: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let rec = decode_record(bytes)?;
    if rec.format & !PADDED != RECORD_FORMAT {
        return Err(CryptoError::Unauthentic);
    }
    let aad = Aad {
        format: rec.format,
        table,
        id,
    }
    .to_bytes();
    decrypt_body(key, &rec, &aad)
}

/// The associated data of a format-2 record: the format-1 encoding of [`Aad`] (with format 2)
/// followed by the revision as a big-endian u64. DO NOT CHANGE, as for [`Aad::to_bytes`].
/// A padded record (format `0x82`) has the same encoding with its own format byte.
#[cfg(test)]
fn aad_with_revision(table: &str, id: &str, rev: u64) -> Vec<u8> {
    aad_with_revision_format(RECORD_FORMAT_REV, table, id, rev)
}

fn aad_with_revision_format(format: u8, table: &str, id: &str, rev: u64) -> Vec<u8> {
    let mut out = Aad { format, table, id }.to_bytes();
    out.extend_from_slice(&rev.to_be_bytes());
    out
}

/// Seal `plaintext` for `table`/`id` at revision `rev` (format 2, unpadded): a copy of the
/// record from another revision does not open under this revision's number. The vault writes
/// [`seal_record_rev_padded`]; records of this format still open.
pub fn seal_record_rev(
    key: &DataKey,
    rng: &mut dyn Entropy,
    table: &str,
    id: &str,
    rev: u64,
    plaintext: &[u8],
) -> Vec<u8> {
    seal_rev_with_format(key, rng, RECORD_FORMAT_REV, table, id, rev, plaintext)
}

/// Seal `plaintext` for `table`/`id` at revision `rev`, padded to its size bucket (format
/// `0x82`).
pub fn seal_record_rev_padded(
    key: &DataKey,
    rng: &mut dyn Entropy,
    table: &str,
    id: &str,
    rev: u64,
    plaintext: &[u8],
) -> Vec<u8> {
    let padded = pad(plaintext);
    seal_rev_with_format(
        key,
        rng,
        RECORD_FORMAT_REV | PADDED,
        table,
        id,
        rev,
        &padded,
    )
}

fn seal_rev_with_format(
    key: &DataKey,
    rng: &mut dyn Entropy,
    format: u8,
    table: &str,
    id: &str,
    rev: u64,
    plaintext: &[u8],
) -> Vec<u8> {
    let aad = aad_with_revision_format(format, table, id, rev);
    let (nonce, ct) = seal_raw(&key.cipher(), rng, &aad, plaintext);
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(format);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// Open a record of `table`/`id` stored at revision `rev`. A format-2 record must have been
/// sealed at that revision; a format-1 record (written before revisions) opens only as
/// revision 0.
pub fn open_record_rev(
    key: &DataKey,
    table: &str,
    id: &str,
    rev: u64,
    bytes: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let rec = decode_record(bytes)?;
    if rec.format & !PADDED == RECORD_FORMAT {
        if rev != 0 {
            return Err(CryptoError::Unauthentic);
        }
        return open_record(key, table, id, bytes);
    }
    let aad = aad_with_revision_format(rec.format, table, id, rev);
    decrypt_body(key, &rec, &aad)
}

/// Crockford's base32 alphabet (no I, L, O or U), easy to read aloud and write down.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Length of a recovery key in bytes (160 bits: 32 base32 characters).
const RECOVERY_LEN: usize = 20;
/// Characters of the key itself.
const RECOVERY_KEY_CHARS: usize = 32;
/// Check characters written after the key (20 bits of a hash of the key).
const RECOVERY_CHECK_CHARS: usize = 4;

/// Why a typed recovery key was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecoveryKeyError {
    /// It has a character that is not in the alphabet, the wrong number of characters, or its
    /// check characters do not match: a typing mistake, not a wrong key.
    #[error("the recovery key has a typing mistake")]
    Typo,
}

/// The recovery key shown once at set-up or when a new one is issued. Written as nine groups of
/// four characters: eight of the key and a last group of check characters, so a typing mistake
/// is reported as one. Keys issued before the check group existed (eight groups) are still read.
/// Zeroized on drop; not `Clone`, `Debug` or `Serialize`.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey([u8; RECOVERY_LEN]);

fn recovery_check(key: &[u8; RECOVERY_LEN]) -> [u8; RECOVERY_CHECK_CHARS] {
    let mut h = Sha256::new();
    h.update(b"ntk recovery key check v1\0");
    h.update(key);
    let d = h.finalize();
    let bits = (u32::from(d[0]) << 12) | (u32::from(d[1]) << 4) | (u32::from(d[2]) >> 4);
    let mut out = [0u8; RECOVERY_CHECK_CHARS];
    for (i, o) in out.iter_mut().enumerate() {
        *o = CROCKFORD[((bits >> (5 * (RECOVERY_CHECK_CHARS - 1 - i))) & 31) as usize];
    }
    out
}

impl RecoveryKey {
    /// A fresh random recovery key.
    pub fn generate(rng: &mut dyn Entropy) -> Self {
        let mut k = RecoveryKey([0u8; RECOVERY_LEN]);
        rng.fill(&mut k.0);
        k
    }

    /// Read a recovery key as a person typed it: case, spaces and hyphens do not matter, and
    /// the letters O, I and L are read as 0, 1 and 1. With its check group, a mistyped
    /// character is found here ([`RecoveryKeyError::Typo`]); a key without the check group (as
    /// issued before it existed) is read as it is.
    pub fn read(text: &str) -> Result<Self, RecoveryKeyError> {
        let mut chars = Zeroizing::new(Vec::with_capacity(RECOVERY_KEY_CHARS + 4));
        for c in text.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                return Err(RecoveryKeyError::Typo);
            }
            chars.push(c as u8);
        }
        let with_check = match chars.len() {
            RECOVERY_KEY_CHARS => false,
            n if n == RECOVERY_KEY_CHARS + RECOVERY_CHECK_CHARS => true,
            _ => return Err(RecoveryKeyError::Typo),
        };
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        let mut out = RecoveryKey([0u8; RECOVERY_LEN]);
        let mut n = 0usize;
        for &c in &chars[..RECOVERY_KEY_CHARS] {
            let v = CROCKFORD.iter().position(|&a| a == c).unwrap_or(0) as u64;
            bits = (bits << 5) | v;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out.0[n] = (bits >> nbits) as u8;
                n += 1;
                bits &= (1 << nbits) - 1;
            }
        }
        bits.zeroize();
        if with_check && chars[RECOVERY_KEY_CHARS..] != recovery_check(&out.0) {
            return Err(RecoveryKeyError::Typo);
        }
        Ok(out)
    }

    /// [`RecoveryKey::read`], without saying why it failed.
    pub fn parse(text: &str) -> Option<Self> {
        Self::read(text).ok()
    }
}

impl std::fmt::Display for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        let mut written = 0usize;
        let mut put = |f: &mut std::fmt::Formatter<'_>, c: u8| -> std::fmt::Result {
            if written > 0 && written.is_multiple_of(4) {
                f.write_str("-")?;
            }
            written += 1;
            write!(f, "{}", c as char)
        };
        for &b in &self.0 {
            bits = (bits << 8) | u64::from(b);
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                put(f, CROCKFORD[((bits >> nbits) & 31) as usize])?;
            }
        }
        for c in recovery_check(&self.0) {
            put(f, c)?;
        }
        Ok(())
    }
}

/// The public half of the recovery key's X25519 key pair, kept in the header so that the data
/// key can be wrapped for the recovery key again (after it is rotated) without the key itself.
pub fn recovery_public(key: &RecoveryKey) -> [u8; KEY_LEN] {
    x25519_dalek::PublicKey::from(&recovery_secret(key)).to_bytes()
}

fn recovery_secret(key: &RecoveryKey) -> x25519_dalek::StaticSecret {
    let mut h = Sha256::new();
    h.update(b"ntk-vault recovery key x25519 v2\0");
    h.update(key.0);
    let mut seed: [u8; KEY_LEN] = h.finalize().into();
    let secret = x25519_dalek::StaticSecret::from(seed);
    seed.zeroize();
    secret
}

fn recovery_wrap_key(
    shared: &[u8; KEY_LEN],
    ephemeral: &[u8; KEY_LEN],
    public: &[u8; KEY_LEN],
) -> WrapKey {
    let mut h = Sha256::new();
    h.update(b"ntk-vault recovery wrap v2\0");
    h.update(shared);
    h.update(ephemeral);
    h.update(public);
    let mut out = WrapKey([0u8; KEY_LEN]);
    out.0.copy_from_slice(&h.finalize());
    out
}

/// Wrap the data key for the holder of the recovery key whose public half is `public`: an
/// ephemeral X25519 key agreement gives the wrap key. Returns the ephemeral public key, the
/// nonce and the 48-byte ciphertext.
pub fn wrap_for_recovery(
    public: &[u8; KEY_LEN],
    data_key: &DataKey,
    rng: &mut dyn Entropy,
    aad: &[u8],
) -> ([u8; KEY_LEN], [u8; NONCE_LEN], Vec<u8>) {
    let mut seed = [0u8; KEY_LEN];
    rng.fill(&mut seed);
    let eph = x25519_dalek::StaticSecret::from(seed);
    seed.zeroize();
    let eph_public = x25519_dalek::PublicKey::from(&eph).to_bytes();
    let shared = Zeroizing::new(
        eph.diffie_hellman(&x25519_dalek::PublicKey::from(*public))
            .to_bytes(),
    );
    let wk = recovery_wrap_key(&shared, &eph_public, public);
    let (nonce, ct) = wrap(&wk, data_key, rng, aad);
    (eph_public, nonce, ct)
}

/// Unwrap a data key wrapped by [`wrap_for_recovery`] with the recovery key.
pub fn unwrap_with_recovery(
    key: &RecoveryKey,
    ephemeral: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    ct: &[u8],
    aad: &[u8],
) -> Result<DataKey, CryptoError> {
    let secret = recovery_secret(key);
    let public = x25519_dalek::PublicKey::from(&secret).to_bytes();
    let shared = Zeroizing::new(
        secret
            .diffie_hellman(&x25519_dalek::PublicKey::from(*ephemeral))
            .to_bytes(),
    );
    let wk = recovery_wrap_key(&shared, ephemeral, &public);
    unwrap(&wk, nonce, ct, aad)
}

/// Re-seal a record of `table`/`id` stored at revision `rev` from the `old` data key to the
/// `new` one, keeping its format: a record with a revision (format 2) is sealed again at the
/// same revision, one written before revisions (format 1) stays in format 1, and a padded record
/// stays padded. Fails, leaving nothing changed, when the record does not open under `old` at
/// that revision.
pub fn reseal_record(
    old: &DataKey,
    new: &DataKey,
    rng: &mut dyn Entropy,
    table: &str,
    id: &str,
    rev: u64,
    bytes: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let format = decode_record(bytes)?.format;
    let pt = open_record_rev(old, table, id, rev, bytes)?;
    Ok(match format {
        RECORD_FORMAT_REV => seal_record_rev(new, rng, table, id, rev, &pt),
        f if f == RECORD_FORMAT_REV | PADDED => {
            seal_record_rev_padded(new, rng, table, id, rev, &pt)
        }
        f if f == RECORD_FORMAT | PADDED => seal_record_padded(new, rng, table, id, &pt),
        _ => seal_record(new, rng, table, id, &pt),
    })
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeededEntropy;
    use proptest::prelude::*;

    fn key(seed: u64) -> DataKey {
        DataKey::generate(&mut SeededEntropy::new(seed))
    }

    #[test]
    fn a_resealed_record_keeps_its_format_and_revision() {
        let (old, new) = (key(5), key(6));
        let mut rng = SeededEntropy::new(7);
        let rev = seal_record_rev(&old, &mut rng, "ratings", "r1", 4, b"level 3");
        let out = reseal_record(&old, &new, &mut rng, "ratings", "r1", 4, &rev).unwrap();
        assert_eq!(out[0], RECORD_FORMAT_REV);
        assert_eq!(
            &*open_record_rev(&new, "ratings", "r1", 4, &out).unwrap(),
            b"level 3"
        );
        assert!(open_record_rev(&new, "ratings", "r1", 3, &out).is_err());
        assert!(open_record_rev(&old, "ratings", "r1", 4, &out).is_err());
        // At another revision than the stored one it does not open, and nothing is made.
        assert!(reseal_record(&old, &new, &mut rng, "ratings", "r1", 3, &rev).is_err());
        let plain = seal_record(&old, &mut rng, "meta", "settings", b"{}");
        let out = reseal_record(&old, &new, &mut rng, "meta", "settings", 0, &plain).unwrap();
        assert_eq!(out[0], RECORD_FORMAT);
        assert_eq!(
            &*open_record(&new, "meta", "settings", &out).unwrap(),
            b"{}"
        );
    }

    #[test]
    fn a_revisioned_record_opens_only_at_its_revision() {
        let k = key(3);
        let mut rng = SeededEntropy::new(4);
        let sealed = seal_record_rev(&k, &mut rng, "households", "h1", 7, b"content");
        assert_eq!(sealed[0], RECORD_FORMAT_REV);
        assert_eq!(
            &*open_record_rev(&k, "households", "h1", 7, &sealed).unwrap(),
            b"content"
        );
        for (table, id, rev) in [
            ("households", "h1", 6),
            ("households", "h2", 7),
            ("ratings", "h1", 7),
        ] {
            assert_eq!(
                open_record_rev(&k, table, id, rev, &sealed),
                Err(CryptoError::Unauthentic)
            );
        }
        // Without a revision it does not open either.
        assert!(open_record(&k, "households", "h1", &sealed).is_err());
        // The pinned associated data: format 2, table and id as in format 1, then the revision.
        let mut expected = Aad {
            format: 2,
            table: "t",
            id: "i",
        }
        .to_bytes();
        expected.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 9]);
        assert_eq!(aad_with_revision("t", "i", 9), expected);
        // A record of format 1 opens as revision 0 only.
        let old = seal_record(&k, &mut rng, "households", "h1", b"old");
        assert_eq!(
            &*open_record_rev(&k, "households", "h1", 0, &old).unwrap(),
            b"old"
        );
        assert!(open_record_rev(&k, "households", "h1", 1, &old).is_err());
    }

    #[test]
    fn wire_format_is_pinned() {
        let aad = Aad {
            format: 1,
            table: "ratings",
            id: "ab",
        };
        let mut expected = b"ntk-record".to_vec();
        expected.extend_from_slice(&[1, 0, 0, 0, 7]);
        expected.extend_from_slice(b"ratings");
        expected.extend_from_slice(&[0, 0, 0, 2]);
        expected.extend_from_slice(b"ab");
        assert_eq!(aad.to_bytes(), expected);

        // A sealed record: format byte, 12-byte nonce, ciphertext, 16-byte tag.
        let sealed = seal_record(&key(1), &mut SeededEntropy::new(2), "t", "i", b"hello");
        assert_eq!(sealed.len(), 1 + 12 + 5 + 16);
        assert_eq!(sealed[0], RECORD_FORMAT);
        let mut nonce = [0u8; 12];
        SeededEntropy::new(2).fill(&mut nonce);
        assert_eq!(&sealed[1..13], &nonce);
    }

    #[test]
    fn every_single_byte_flip_is_detected() {
        let k = key(3);
        let sealed = seal_record(&k, &mut SeededEntropy::new(4), "households", "x1", b"{}");
        for i in 0..sealed.len() {
            for bit in [0x01u8, 0x80] {
                let mut b = sealed.clone();
                b[i] ^= bit;
                assert!(open_record(&k, "households", "x1", &b).is_err(), "byte {i}");
            }
        }
    }

    #[test]
    fn binding_to_table_and_id_is_enforced() {
        let k = key(5);
        let sealed = seal_record(&k, &mut SeededEntropy::new(6), "households", "a", b"data");
        assert_eq!(
            open_record(&k, "households", "b", &sealed),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(
            open_record(&k, "assessments", "a", &sealed),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(
            open_record(&key(7), "households", "a", &sealed),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(
            open_record(&k, "households", "a", &sealed)
                .unwrap()
                .as_slice(),
            b"data"
        );
    }

    #[test]
    fn nonces_are_fresh_per_write() {
        let k = key(8);
        let mut rng = SeededEntropy::new(9);
        let a = seal_record(&k, &mut rng, "t", "i", b"same");
        let b = seal_record(&k, &mut rng, "t", "i", b"same");
        assert_ne!(a[1..13], b[1..13]);
        assert_ne!(a, b);
    }

    #[test]
    fn malformed_records_are_refused() {
        let k = key(10);
        assert!(matches!(
            open_record(&k, "t", "i", &[]),
            Err(CryptoError::Malformed(_))
        ));
        assert!(matches!(
            open_record(&k, "t", "i", &[1; 20]),
            Err(CryptoError::Malformed(_))
        ));
        // Format 3 does not exist (1 and 2 do).
        assert!(matches!(
            open_record(&k, "t", "i", &[3; 60]),
            Err(CryptoError::Malformed(_))
        ));
    }

    #[test]
    fn padded_sizes_follow_the_documented_buckets() {
        assert_eq!(padded_len(0), 512);
        assert_eq!(padded_len(508), 512);
        assert_eq!(padded_len(509), 1024);
        assert_eq!(padded_len(1020), 1024);
        assert_eq!(padded_len(1021), 2048);
        assert_eq!(padded_len(16 * 1024 - 4), 16 * 1024);
        assert_eq!(padded_len(16 * 1024 - 3), 32 * 1024);
        assert_eq!(padded_len(40 * 1024), 48 * 1024);
        assert_eq!(padded_len(100 * 1024), 112 * 1024);
    }

    #[test]
    fn padding_reads_back_one_way_only() {
        for n in [0usize, 1, 200, 508, 509, 5000] {
            let data: Vec<u8> = (0..n).map(|i| (i % 251) as u8 + 1).collect();
            let padded = pad(&data);
            assert_eq!(padded.len(), padded_len(n));
            assert_eq!(&*unpad(&padded).unwrap(), &data[..]);
        }
        let mut padded = pad(b"abc");
        padded[10] = 1;
        assert!(
            unpad(&padded).is_err(),
            "a non-zero padding byte is refused"
        );
        let mut padded = pad(b"abc");
        padded[..4].copy_from_slice(&600u32.to_be_bytes());
        assert!(
            unpad(&padded).is_err(),
            "a length beyond the buffer is refused"
        );
        assert!(unpad(&[0, 0]).is_err());
    }

    #[test]
    fn padded_records_hide_their_length_within_a_bucket() {
        let k = key(11);
        let mut rng = SeededEntropy::new(12);
        let short = seal_record_padded(&k, &mut rng, "meta", "settings", b"x");
        let long = seal_record_padded(&k, &mut rng, "meta", "settings", &[b'y'; 500]);
        assert_eq!(short.len(), long.len());
        assert_eq!(short.len(), 1 + NONCE_LEN + PAD_MIN + TAG_LEN);
        assert_eq!(short[0], RECORD_FORMAT | PADDED);
        assert_eq!(&*open_record(&k, "meta", "settings", &short).unwrap(), b"x");
        assert_eq!(
            &*open_record_rev(&k, "meta", "settings", 0, &long).unwrap(),
            &[b'y'; 500][..]
        );
        let a = seal_record_rev_padded(&k, &mut rng, "households", "h", 3, b"a");
        let b = seal_record_rev_padded(&k, &mut rng, "households", "h", 3, &[b'b'; 300]);
        assert_eq!(a.len(), b.len());
        assert_eq!(a[0], RECORD_FORMAT_REV | PADDED);
        assert_eq!(
            &*open_record_rev(&k, "households", "h", 3, &a).unwrap(),
            b"a"
        );
        assert!(open_record_rev(&k, "households", "h", 2, &a).is_err());
        // The flag is bound: a padded record relabelled as unpadded (or back) does not open.
        for (sealed, table, id, rev) in
            [(&short, "meta", "settings", 0), (&a, "households", "h", 3)]
        {
            let mut b = sealed.clone();
            b[0] &= !PADDED;
            assert_eq!(
                open_record_rev(&k, table, id, rev, &b),
                Err(CryptoError::Unauthentic)
            );
        }
        let old = seal_record_rev(&k, &mut rng, "households", "h", 3, b"a");
        let mut b = old.clone();
        b[0] |= PADDED;
        assert!(open_record_rev(&k, "households", "h", 3, &b).is_err());
        // Re-sealing under a new key keeps the padding.
        let new = key(13);
        let out = reseal_record(&k, &new, &mut rng, "households", "h", 3, &a).unwrap();
        assert_eq!((out[0], out.len()), (a[0], a.len()));
        assert_eq!(
            &*open_record_rev(&new, "households", "h", 3, &out).unwrap(),
            b"a"
        );
        let out = reseal_record(&k, &new, &mut rng, "meta", "settings", 0, &short).unwrap();
        assert_eq!((out[0], out.len()), (short[0], short.len()));
    }

    #[test]
    fn unlock_delay_grows_after_the_fifth_failure() {
        for n in 0..5 {
            assert_eq!(unlock_delay(n), Duration::ZERO);
        }
        assert_eq!(unlock_delay(5), Duration::from_secs(1));
        assert_eq!(unlock_delay(6), Duration::from_secs(2));
        assert_eq!(unlock_delay(7), Duration::from_secs(4));
        assert_eq!(unlock_delay(100), Duration::from_secs(60));
        for n in 5..40 {
            assert!(unlock_delay(n + 1) >= unlock_delay(n));
        }
    }

    #[test]
    fn kdf_bounds_hold_both_ways() {
        assert!(KdfParams::STANDARD.is_acceptable());
        // The cheap test parameters are read back only in a build with the test hooks.
        assert_eq!(
            KdfParams::TEST_ONLY_CHEAP.is_acceptable(),
            cfg!(feature = "test-hooks")
        );
        let s = KdfParams::STANDARD;
        for bad in [
            KdfParams { m_kib: 1024, ..s },
            KdfParams {
                m_kib: 4 << 20,
                ..s
            },
            KdfParams { t: 1, ..s },
            KdfParams { t: 1000, ..s },
            KdfParams { p: 0, ..s },
            KdfParams { p: 64, ..s },
            KdfParams {
                m_kib: 128,
                ..KdfParams::TEST_ONLY_CHEAP
            },
        ] {
            assert!(!bad.is_acceptable(), "{bad:?}");
        }
    }

    #[test]
    fn wrap_and_unwrap_round_trip_and_refuse_wrong_keys() {
        let mut rng = SeededEntropy::new(11);
        let dk = key(12);
        let salt = [7u8; 16];
        let wk =
            derive_from_passphrase("correct horse", KdfParams::TEST_ONLY_CHEAP, &salt).unwrap();
        let (n, ct) = wrap(&wk, &dk, &mut rng, b"slot");
        let back = unwrap(&wk, &n, &ct, b"slot").unwrap();
        assert_eq!(back.dangerous_raw_bytes(), dk.dangerous_raw_bytes());
        let wrong =
            derive_from_passphrase("correct horsf", KdfParams::TEST_ONLY_CHEAP, &salt).unwrap();
        assert!(unwrap(&wrong, &n, &ct, b"slot").is_err());
        assert!(unwrap(&wk, &n, &ct, b"other slot").is_err());
    }

    #[test]
    fn recovery_key_display_is_grouped_and_parses_back_leniently() {
        let k = RecoveryKey::generate(&mut SeededEntropy::new(13));
        let text = k.to_string();
        assert_eq!(text.len(), 9 * 4 + 8);
        assert!(text.split('-').all(|g| g.len() == 4));
        let back = RecoveryKey::parse(&text.to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(back.0, k.0);
        assert!(RecoveryKey::parse(&text[..text.len() - 1]).is_none());
        assert!(RecoveryKey::parse(&format!("{text}A")).is_none());
        assert!(RecoveryKey::parse("not a key!").is_none());
        let zero = RecoveryKey([0; RECOVERY_LEN]);
        let typed = zero.to_string()[..39].replace('0', "o");
        assert_eq!(RecoveryKey::parse(&typed).unwrap().0, [0; RECOVERY_LEN]);
        // A key written before the check group existed (eight groups) still reads.
        let legacy = &text[..39];
        assert_eq!(RecoveryKey::parse(legacy).unwrap().0, k.0);
    }

    #[test]
    fn a_mistyped_recovery_key_is_reported_as_a_typo() {
        let k = RecoveryKey::generate(&mut SeededEntropy::new(14));
        let text = k.to_string();
        assert!(RecoveryKey::read(&text).is_ok());
        // Change any one character of the key or its check group: every change is caught.
        for (i, c) in text.char_indices().filter(|(_, c)| *c != '-') {
            let other = if c == 'A' { 'B' } else { 'A' };
            let mut typo = text.clone();
            typo.replace_range(i..i + 1, &other.to_string());
            assert_eq!(
                RecoveryKey::read(&typo).err(),
                Some(RecoveryKeyError::Typo),
                "{typo}"
            );
        }
        // Two neighbouring characters swapped.
        let swap = format!("{}{}{}{}", &text[..0], &text[1..2], &text[0..1], &text[2..]);
        if swap != text {
            assert_eq!(RecoveryKey::read(&swap).err(), Some(RecoveryKeyError::Typo));
        }
        assert_eq!(
            RecoveryKey::read("not a key!").err(),
            Some(RecoveryKeyError::Typo)
        );
        assert_eq!(
            RecoveryKey::read(&text[..30]).err(),
            Some(RecoveryKeyError::Typo)
        );
    }

    proptest! {
        #[test]
        fn seal_open_round_trip(data in proptest::collection::vec(any::<u8>(), 0..512),
                                id in "[a-f0-9]{0,40}", seed in any::<u64>()) {
            let k = key(seed);
            let sealed = seal_record(&k, &mut SeededEntropy::new(seed ^ 1), "t", &id, &data);
            let opened = open_record(&k, "t", &id, &sealed).unwrap();
            prop_assert_eq!(opened.as_slice(), data.as_slice());
        }

        #[test]
        fn recovery_key_round_trips(seed in any::<u64>()) {
            let k = RecoveryKey::generate(&mut SeededEntropy::new(seed));
            prop_assert_eq!(RecoveryKey::parse(&k.to_string()).unwrap().0, k.0);
        }

        #[test]
        fn recovery_wrap_round_trips_only_for_its_key(seed in any::<u64>()) {
            let mut rng = SeededEntropy::new(seed);
            let rk = RecoveryKey::generate(&mut rng);
            let other = RecoveryKey::generate(&mut rng);
            let dk = DataKey::generate(&mut rng);
            let public = recovery_public(&rk);
            let (eph, n, ct) = wrap_for_recovery(&public, &dk, &mut rng, b"r");
            let back = unwrap_with_recovery(&rk, &eph, &n, &ct, b"r").unwrap();
            prop_assert_eq!(back.dangerous_raw_bytes(), dk.dangerous_raw_bytes());
            prop_assert!(unwrap_with_recovery(&other, &eph, &n, &ct, b"r").is_err());
            prop_assert!(unwrap_with_recovery(&rk, &eph, &n, &ct, b"x").is_err());
        }
    }
}
