//! Integration tests of `ntk_core::vault`.
