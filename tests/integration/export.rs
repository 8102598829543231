//! Integration tests of `ntk_core::export`.
