//! The rule implementations (see the module documentation of [`crate::summary`]).

use super::*;
use crate::assessment::{Assessment, Household};
use crate::toolkit::ToolkitDefinition;

/// Summarise one assessment of a household against its definition.
pub fn summarise(_a: &Assessment, _h: &Household, _def: &ToolkitDefinition) -> Summary {
    todo!("summary rules")
}

/// Compare a review (`current`) with the assessment before it (`previous`).
pub fn compare(
    _previous: &Assessment,
    _current: &Assessment,
    _h: &Household,
    _def: &ToolkitDefinition,
) -> Comparison {
    todo!("review comparison")
}

/// Items improved and held across two or more reviews, given a chain of assessments oldest first.
pub fn sustained_improvements(
    _chain: &[&Assessment],
    _h: &Household,
    _def: &ToolkitDefinition,
) -> Vec<SustainedImprovement> {
    todo!("sustained improvement")
}
