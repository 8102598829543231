//! Integration tests of `ntk_core::vault`, against real files and real processes.

mod api;
mod attacks;
mod backups;
mod clear;
mod cli;
mod common;
mod crash;
mod erase;
mod fixture;
mod handles;
mod ids;
mod index;
mod keys;
mod leak;
mod tamper;
