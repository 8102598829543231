//! Any bytes given to the vault header parser give an error or a header whose key derivation
//! costs are within bounds and which re-encodes to the same bytes; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ntk_core::vault::header::Header;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = Header::parse(data) {
        assert!(h.kdf.is_acceptable());
        assert_eq!(h.to_bytes(), data);
    }
});
