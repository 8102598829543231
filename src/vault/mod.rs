//! The encrypted local store (see `ARCHITECTURE.md`).
