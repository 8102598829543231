//! Integration tests of `ntk_core::summary`.
