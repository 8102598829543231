//! Integration tests of the core, one binary mirroring `src/`.

mod bidi_input;
mod chronology;
mod conflict;
mod export;
mod family;
mod handover;
mod history;
mod invariants;
mod report;
mod sessions;
mod summary;
mod toolkit;
mod vault;
mod voice;
mod words;
