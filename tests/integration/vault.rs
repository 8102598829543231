//! Integration tests of `ntk_core::vault`, against real files and real processes.

mod api;
mod attacks;
mod cli;
mod common;
mod crash;
mod fixture;
mod handles;
mod index;
mod leak;
mod tamper;
