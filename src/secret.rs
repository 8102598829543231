//! Passphrases and recovery keys as secret types. The shell's command arguments deserialize
//! straight into [`SecretString`] (zeroized when dropped, and printed by `Debug` as
//! `[REDACTED]`), and [`crate::app::Session`] and [`crate::vault::Vault`] take them as such; the
//! text is exposed only where a key is derived from it.
//!
//! The functions that take a secret accept anything [`IntoSecret`], so that a test or the
//! command-line tool can pass a plain `&str` that it read itself.

pub use secrecy::{ExposeSecret, SecretString};

/// A value that can be taken as a secret string.
pub trait IntoSecret {
    /// The secret.
    fn into_secret(self) -> SecretString;
}

impl IntoSecret for SecretString {
    fn into_secret(self) -> SecretString {
        self
    }
}

impl IntoSecret for &SecretString {
    fn into_secret(self) -> SecretString {
        self.clone()
    }
}

impl IntoSecret for &str {
    fn into_secret(self) -> SecretString {
        SecretString::from(self)
    }
}

impl IntoSecret for &String {
    fn into_secret(self) -> SecretString {
        SecretString::from(self.as_str())
    }
}

impl IntoSecret for String {
    fn into_secret(self) -> SecretString {
        SecretString::from(self)
    }
}

impl IntoSecret for &zeroize::Zeroizing<String> {
    fn into_secret(self) -> SecretString {
        SecretString::from(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_reads_from_json_and_never_prints() {
        #[derive(Debug, serde::Deserialize)]
        struct Input {
            passphrase: SecretString,
        }
        let i: Input = serde_json::from_str(r#"{"passphrase":"correct horse battery"}"#).unwrap();
        assert_eq!(i.passphrase.expose_secret(), "correct horse battery");
        let shown = format!("{i:?}");
        assert!(!shown.contains("correct horse"), "{shown}");
        assert!(shown.contains("REDACTED"), "{shown}");
    }
}
