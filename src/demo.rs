//! A clearly fictional household for a first look at the app and for tests: three children, a
//! completed initial assessment and a review of it.

use crate::assessment::{Assessment, Household};
use crate::toolkit::ToolkitDefinition;
use crate::Entropy;
use chrono::{DateTime, Utc};

/// The demo data.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The fictional household.
    pub household: Household,
    /// A completed initial assessment.
    pub initial: Assessment,
    /// A completed review of `initial`.
    pub review: Assessment,
}

/// Build the demo household and its two assessments against `def`.
pub fn demo(_def: &ToolkitDefinition, _now: DateTime<Utc>, _rng: &mut dyn Entropy) -> Demo {
    todo!("demo data")
}
