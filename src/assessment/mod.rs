//! The domain model of a household's assessment: the household (carers, children), the
//! assessment (visits, ratings per child and item, views, decision) and its lifecycle.
//!
//! These are plain data types; [`validate`] checks an assessment against its household and the
//! definition it uses, and the lifecycle methods on [`Assessment`] enforce what may change when.

mod model;
mod rules;
#[cfg(test)]
mod tests;

pub use model::*;
pub use rules::{check_change, check_rating, validate, ModelError};
