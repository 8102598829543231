//! # ntk_core
//!
//! The core of the Neglect Toolkit app. It holds everything that must be right whatever the
//! window around it looks like: the toolkit definition format and its validator
//! ([`toolkit`]), the model of a household's assessment ([`assessment`]), the pure rules that
//! turn ratings into a summary ([`summary`]), the words those rules produce, composed once for
//! the screen and the sheet ([`words`]), what a family may be shown ([`family`]), the encrypted
//! local store ([`vault`]) and the PDF summary sheet ([`export`]).
//!
//! The core never depends on the desktop shell. Time and randomness are passed in by the caller
//! (see [`Clock`] and [`Entropy`]) so that tests, PDFs and summaries are deterministic.
//!
//! ```
//! let def = ntk_core::toolkit::bundled_default();
//! assert_eq!(def.areas.len(), 7);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod app;
pub mod assessment;
pub mod chronology;
pub mod export;
pub mod family;
pub mod guidance;
pub mod handover;
pub mod hardening;
pub mod limits;
pub mod report;
pub mod secret;
pub mod summary;
pub mod text;
pub mod toolkit;
pub mod vault;
pub mod words;

pub mod demo;
mod env;
pub use env::{Clock, Entropy, FixedClock, SeededEntropy, SystemClock, SystemEntropy};
