//! Any bytes given to the sealed record decoder and opener give an error or a plaintext, never
//! a panic; bytes that decode re-encode to themselves.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ntk_core::vault::crypto::{decode_record, open_record, DataKey};
use ntk_core::SeededEntropy;

fuzz_target!(|data: &[u8]| {
    if let Ok(rec) = decode_record(data) {
        let mut again = vec![rec.format];
        again.extend_from_slice(&rec.nonce);
        again.extend_from_slice(rec.ciphertext);
        assert_eq!(again, data);
    }
    let key = DataKey::generate(&mut SeededEntropy::new(1));
    // Forged bytes never open (the chance of a forged tag passing is 2^-128).
    assert!(open_record(&key, "households", "fuzz", data).is_err());
});
