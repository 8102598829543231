//! Integration tests of the core, one binary mirroring `src/`.

mod export;
mod family;
mod invariants;
mod summary;
mod toolkit;
mod vault;
mod voice;
mod words;
