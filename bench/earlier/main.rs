//! The vault benchmark's rating-save workload on ntk-core at an earlier commit, so that the
//! save before a change and after it can be measured in one run, alternating save by save.
//!
//! Built by `scripts/bench-earlier.sh`, which extracts the commit under
//! `target/bench-earlier/<commit>/core` and writes a manifest with a path dependency on it (the
//! same release profile as the workspace). It stores the same households (the same generator,
//! `benches/shared/save_workload.rs`, the same seed) and saves the same ratings, in the same
//! order, as `benches/vault.rs`.
//!
//! Usage: `NTK_BENCH_SERVE=1 ntk-bench-earlier HOUSEHOLDS`, in the folder given by
//! `NTK_BENCH_DIR`: the protocol of `bench/sqlcipher` (`save_workload::serve`), which
//! `benches/vault.rs` drives.

#[path = "../../benches/shared/save_workload.rs"]
#[allow(dead_code)]
mod save_workload;

fn main() {
    let households = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    save_workload::serve(households);
}
