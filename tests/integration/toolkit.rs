//! Integration tests of `ntk_core::toolkit`.
