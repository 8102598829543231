//! Integration tests of the core, one binary mirroring `src/`.

mod chronology;
mod export;
mod family;
mod handover;
mod invariants;
mod report;
mod summary;
mod toolkit;
mod vault;
mod words;
