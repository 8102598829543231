//! The vault header: the only secret-related bytes stored outside a sealed record. It holds the
//! Argon2id parameters and salt, and the two key slots (passphrase and recovery key) that each
//! wrap the same data key. It is a fixed-length binary blob so that its parser is small enough
//! to check by eye and to fuzz.
//!
//! Layout (big-endian integers), DO NOT CHANGE for header version 1:
//!
//! | bytes | field |
//! | --- | --- |
//! | 8 | magic `NTKVAULT` |
//! | 2 | header version (1) |
//! | 4, 4, 4 | Argon2id memory (KiB), passes, lanes |
//! | 16 | passphrase salt |
//! | 12, 48 | passphrase slot: nonce, wrapped data key with tag |
//! | 16 | recovery salt |
//! | 12, 48 | recovery slot: nonce, wrapped data key with tag |

use super::crypto::{KdfParams, NONCE_LEN};

/// Why a header could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The bytes are not a vault header of any version.
    #[error("the vault header is damaged: {0}")]
    Malformed(&'static str),
    /// The header was written by a newer version of the app.
    #[error("the vault header has version {0}, newer than this app understands")]
    NewerVersion(u16),
    /// The key derivation parameters are outside the accepted bounds.
    #[error("the vault header asks for key derivation costs outside the accepted bounds")]
    KdfOutOfBounds,
}

/// The header version this code writes.
pub const HEADER_VERSION: u16 = 1;
/// The magic bytes at the start of the header.
pub const MAGIC: &[u8; 8] = b"NTKVAULT";
/// Salt length.
pub const SALT_LEN: usize = 16;
/// Length of a wrapped data key with its tag.
pub const WRAPPED_LEN: usize = 48;
/// Total header length.
pub const HEADER_LEN: usize =
    8 + 2 + 12 + SALT_LEN + NONCE_LEN + WRAPPED_LEN + SALT_LEN + NONCE_LEN + WRAPPED_LEN;

/// A key slot: the data key wrapped under one wrap key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Salt of the wrap key's derivation.
    pub salt: [u8; SALT_LEN],
    /// Nonce of the wrap.
    pub nonce: [u8; NONCE_LEN],
    /// The wrapped key and tag.
    pub wrapped: [u8; WRAPPED_LEN],
}

/// The parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Argon2id parameters of the passphrase slot.
    pub kdf: KdfParams,
    /// The passphrase slot.
    pub passphrase: Slot,
    /// The recovery-key slot.
    pub recovery: Slot,
}

impl Header {
    /// The associated data of the passphrase slot: binds it to the KDF parameters and salt,
    /// so that changing them makes the slot fail to open rather than open weakly.
    pub fn passphrase_aad(kdf: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
        let mut v = b"ntk-slot passphrase".to_vec();
        v.extend_from_slice(&HEADER_VERSION.to_be_bytes());
        for x in [kdf.m_kib, kdf.t, kdf.p] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        v.extend_from_slice(salt);
        v
    }

    /// The associated data of the recovery slot.
    pub fn recovery_aad(salt: &[u8; SALT_LEN]) -> Vec<u8> {
        let mut v = b"ntk-slot recovery".to_vec();
        v.extend_from_slice(&HEADER_VERSION.to_be_bytes());
        v.extend_from_slice(salt);
        v
    }

    /// Encode to the fixed layout.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(HEADER_LEN);
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(&HEADER_VERSION.to_be_bytes());
        for x in [self.kdf.m_kib, self.kdf.t, self.kdf.p] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        for s in [&self.passphrase, &self.recovery] {
            v.extend_from_slice(&s.salt);
            v.extend_from_slice(&s.nonce);
            v.extend_from_slice(&s.wrapped);
        }
        debug_assert_eq!(v.len(), HEADER_LEN);
        v
    }

    /// Parse and bound-check a header.
    pub fn parse(bytes: &[u8]) -> Result<Header, HeaderError> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC {
            return Err(HeaderError::Malformed(
                "it does not start with the vault magic",
            ));
        }
        let version = u16::from_be_bytes(r.array()?);
        if version > HEADER_VERSION {
            return Err(HeaderError::NewerVersion(version));
        }
        if version != HEADER_VERSION {
            return Err(HeaderError::Malformed("unknown header version"));
        }
        if bytes.len() != HEADER_LEN {
            return Err(HeaderError::Malformed("it has the wrong length"));
        }
        let kdf = KdfParams {
            m_kib: u32::from_be_bytes(r.array()?),
            t: u32::from_be_bytes(r.array()?),
            p: u32::from_be_bytes(r.array()?),
        };
        if !kdf.is_acceptable() {
            return Err(HeaderError::KdfOutOfBounds);
        }
        let mut slot = || -> Result<Slot, HeaderError> {
            Ok(Slot {
                salt: r.array()?,
                nonce: r.array()?,
                wrapped: r.array()?,
            })
        };
        let passphrase = slot()?;
        let recovery = slot()?;
        Ok(Header {
            kdf,
            passphrase,
            recovery,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], HeaderError> {
        if self.0.len() < n {
            return Err(HeaderError::Malformed("it is too short"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], HeaderError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Header {
        Header {
            kdf: KdfParams::STANDARD,
            passphrase: Slot {
                salt: [1; SALT_LEN],
                nonce: [2; NONCE_LEN],
                wrapped: [3; WRAPPED_LEN],
            },
            recovery: Slot {
                salt: [4; SALT_LEN],
                nonce: [5; NONCE_LEN],
                wrapped: [6; WRAPPED_LEN],
            },
        }
    }

    #[test]
    fn round_trips_and_has_the_pinned_layout() {
        let h = sample();
        let b = h.to_bytes();
        assert_eq!(b.len(), 174);
        assert_eq!(&b[..10], b"NTKVAULT\0\x01");
        assert_eq!(&b[10..14], &(192u32 * 1024).to_be_bytes());
        assert_eq!(&b[14..22], &[0, 0, 0, 3, 0, 0, 0, 1]);
        assert_eq!(&b[22..38], &[1; 16]);
        assert_eq!(Header::parse(&b).unwrap(), h);
    }

    #[test]
    fn refuses_damaged_newer_and_out_of_bounds_headers() {
        let b = sample().to_bytes();
        assert!(matches!(
            Header::parse(&b[..100]),
            Err(HeaderError::Malformed(_))
        ));
        assert!(matches!(Header::parse(&[]), Err(HeaderError::Malformed(_))));
        let mut bad = b.clone();
        bad[0] = b'X';
        assert!(matches!(
            Header::parse(&bad),
            Err(HeaderError::Malformed(_))
        ));
        let mut newer = b.clone();
        newer[9] = 2;
        assert_eq!(Header::parse(&newer), Err(HeaderError::NewerVersion(2)));
        let mut weak = b.clone();
        weak[10..14].copy_from_slice(&1024u32.to_be_bytes());
        assert_eq!(Header::parse(&weak), Err(HeaderError::KdfOutOfBounds));
        let mut hang = b.clone();
        hang[14..18].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(Header::parse(&hang), Err(HeaderError::KdfOutOfBounds));
        let mut long = b.clone();
        long.push(0);
        assert!(matches!(
            Header::parse(&long),
            Err(HeaderError::Malformed(_))
        ));
    }

    proptest::proptest! {
        // The same property as the fuzz target `header_parser`, on random input in every run.
        #[test]
        fn parsing_arbitrary_bytes_never_panics(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
                                                 keep_prefix in proptest::prelude::any::<bool>()) {
            let mut data = data;
            if keep_prefix && data.len() >= 10 {
                data[..10].copy_from_slice(b"NTKVAULT\0\x01");
            }
            if let Ok(h) = Header::parse(&data) {
                proptest::prop_assert!(h.kdf.is_acceptable());
                proptest::prop_assert_eq!(h.to_bytes(), data);
            }
        }
    }
}
