//! The vault header: the only secret-related bytes stored outside a sealed record. It holds the
//! Argon2id parameters and salt, and the two key slots (passphrase and recovery key) that each
//! wrap the same data key. It is a fixed-length binary blob so that its parser is small enough
//! to check by eye and to fuzz.
//!
//! Layout (big-endian integers), DO NOT CHANGE for header versions 1 and 2:
//!
//! | bytes | field |
//! | --- | --- |
//! | 8 | magic `NTKVAULT` |
//! | 2 | header version (1 or 2) |
//! | 4, 4, 4 | Argon2id memory (KiB), passes, lanes |
//! | 16 | passphrase salt |
//! | 12, 48 | passphrase slot: nonce, wrapped data key with tag |
//!
//! then, in version 1 (a symmetric recovery slot, which only the recovery key can rewrite):
//!
//! | bytes | field |
//! | --- | --- |
//! | 16 | recovery salt |
//! | 12, 48 | recovery slot: nonce, wrapped data key with tag |
//!
//! or, in version 2 (the data key wrapped to the recovery key's X25519 public half, so that a
//! rotated data key can be wrapped for the same recovery key without it):
//!
//! | bytes | field |
//! | --- | --- |
//! | 32 | the recovery key's public half |
//! | 32 | the ephemeral public key of the wrap |
//! | 12, 48 | recovery slot: nonce, wrapped data key with tag |

use super::crypto::{KdfParams, KEY_LEN, NONCE_LEN};

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
pub const HEADER_VERSION: u16 = 2;
/// The first header version, with a symmetric recovery slot (still read).
pub const HEADER_VERSION_1: u16 = 1;
/// The magic bytes at the start of the header.
pub const MAGIC: &[u8; 8] = b"NTKVAULT";
/// Salt length.
pub const SALT_LEN: usize = 16;
/// Length of a wrapped data key with its tag.
pub const WRAPPED_LEN: usize = 48;
/// Total length of a version 1 header.
pub const HEADER_V1_LEN: usize =
    8 + 2 + 12 + SALT_LEN + NONCE_LEN + WRAPPED_LEN + SALT_LEN + NONCE_LEN + WRAPPED_LEN;
/// Total length of a version 2 header.
pub const HEADER_LEN: usize =
    8 + 2 + 12 + SALT_LEN + NONCE_LEN + WRAPPED_LEN + KEY_LEN + KEY_LEN + NONCE_LEN + WRAPPED_LEN;

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

/// The data key wrapped to the recovery key's public half (header version 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicSlot {
    /// The recovery key's X25519 public half.
    pub public: [u8; KEY_LEN],
    /// The wrap's ephemeral X25519 public key.
    pub ephemeral: [u8; KEY_LEN],
    /// Nonce of the wrap.
    pub nonce: [u8; NONCE_LEN],
    /// The wrapped key and tag.
    pub wrapped: [u8; WRAPPED_LEN],
}

/// The recovery-key slot in either form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoverySlot {
    /// Version 1: wrapped under a key derived from the recovery key itself.
    Symmetric(Slot),
    /// Version 2: wrapped to the recovery key's public half.
    Public(PublicSlot),
}

/// The parsed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Argon2id parameters of the passphrase slot.
    pub kdf: KdfParams,
    /// The passphrase slot.
    pub passphrase: Slot,
    /// The recovery-key slot.
    pub recovery: RecoverySlot,
}

impl Header {
    /// The associated data of the passphrase slot: binds it to the KDF parameters and salt,
    /// so that changing them makes the slot fail to open rather than open weakly.
    pub fn passphrase_aad(kdf: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
        let mut v = b"ntk-slot passphrase".to_vec();
        // The slot's own format has not changed since version 1, so its binding names version 1.
        v.extend_from_slice(&HEADER_VERSION_1.to_be_bytes());
        for x in [kdf.m_kib, kdf.t, kdf.p] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        v.extend_from_slice(salt);
        v
    }

    /// The associated data of a version 1 recovery slot.
    pub fn recovery_aad(salt: &[u8; SALT_LEN]) -> Vec<u8> {
        let mut v = b"ntk-slot recovery".to_vec();
        v.extend_from_slice(&HEADER_VERSION_1.to_be_bytes());
        v.extend_from_slice(salt);
        v
    }

    /// The associated data of a version 2 recovery slot: binds it to the public half.
    pub fn public_recovery_aad(public: &[u8; KEY_LEN]) -> Vec<u8> {
        let mut v = b"ntk-slot recovery x25519".to_vec();
        v.extend_from_slice(&HEADER_VERSION.to_be_bytes());
        v.extend_from_slice(public);
        v
    }

    /// Encode to the fixed layout.
    pub fn to_bytes(&self) -> Vec<u8> {
        let version = match self.recovery {
            RecoverySlot::Symmetric(_) => HEADER_VERSION_1,
            RecoverySlot::Public(_) => HEADER_VERSION,
        };
        let mut v = Vec::with_capacity(HEADER_LEN);
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(&version.to_be_bytes());
        for x in [self.kdf.m_kib, self.kdf.t, self.kdf.p] {
            v.extend_from_slice(&x.to_be_bytes());
        }
        let p = &self.passphrase;
        v.extend_from_slice(&p.salt);
        v.extend_from_slice(&p.nonce);
        v.extend_from_slice(&p.wrapped);
        match &self.recovery {
            RecoverySlot::Symmetric(s) => {
                v.extend_from_slice(&s.salt);
                v.extend_from_slice(&s.nonce);
                v.extend_from_slice(&s.wrapped);
                debug_assert_eq!(v.len(), HEADER_V1_LEN);
            }
            RecoverySlot::Public(s) => {
                v.extend_from_slice(&s.public);
                v.extend_from_slice(&s.ephemeral);
                v.extend_from_slice(&s.nonce);
                v.extend_from_slice(&s.wrapped);
                debug_assert_eq!(v.len(), HEADER_LEN);
            }
        }
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
        let len = match version {
            HEADER_VERSION_1 => HEADER_V1_LEN,
            HEADER_VERSION => HEADER_LEN,
            _ => return Err(HeaderError::Malformed("unknown header version")),
        };
        if bytes.len() != len {
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
        let recovery = if version == HEADER_VERSION_1 {
            RecoverySlot::Symmetric(slot()?)
        } else {
            RecoverySlot::Public(PublicSlot {
                public: r.array()?,
                ephemeral: r.array()?,
                nonce: r.array()?,
                wrapped: r.array()?,
            })
        };
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
            recovery: RecoverySlot::Symmetric(Slot {
                salt: [4; SALT_LEN],
                nonce: [5; NONCE_LEN],
                wrapped: [6; WRAPPED_LEN],
            }),
        }
    }

    fn sample_v2() -> Header {
        Header {
            recovery: RecoverySlot::Public(PublicSlot {
                public: [7; KEY_LEN],
                ephemeral: [8; KEY_LEN],
                nonce: [9; NONCE_LEN],
                wrapped: [10; WRAPPED_LEN],
            }),
            ..sample()
        }
    }

    #[test]
    fn version_2_round_trips_with_its_pinned_layout() {
        let h = sample_v2();
        let b = h.to_bytes();
        assert_eq!(b.len(), 222);
        assert_eq!(&b[..10], b"NTKVAULT\0\x02");
        assert_eq!(&b[98..130], &[7; 32]);
        assert_eq!(&b[130..162], &[8; 32]);
        assert_eq!(&b[174..], &[10; 48]);
        assert_eq!(Header::parse(&b).unwrap(), h);
        // A version 2 header cut to version 1's length, or labelled version 1, is refused.
        assert!(Header::parse(&b[..174]).is_err());
        let mut relabelled = b.clone();
        relabelled[9] = 1;
        assert!(Header::parse(&relabelled).is_err());
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
        newer[9] = 3;
        assert_eq!(Header::parse(&newer), Err(HeaderError::NewerVersion(3)));
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
