//! A session on a fresh vault in a test folder, at a fixed time, for the tests that make more
//! than one vault (a sender and a receiver, say): each gets its own file name and seed.

use chrono::{DateTime, TimeZone, Utc};
use ntk_core::app::Session;
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};
use std::path::Path;

/// The passphrase of every vault these sessions make.
pub const PASS: &str = "a long enough passphrase";

/// The fixed time the sessions' clocks show.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// A session on a new vault `dir/name`, its randomness seeded with `seed`.
pub fn session(dir: &Path, name: &str, seed: u64) -> Session {
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(seed)),
    };
    Session::create(&dir.join(name), PASS, KdfProfile::TestOnlyCheap, env)
        .unwrap()
        .0
}
