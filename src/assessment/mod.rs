//! The domain model of a household's assessment: the household (carers, children), the
//! assessment (visits, ratings per child and item, views, decision) and its lifecycle.
//!
//! [`items_for_child`] and its neighbours say which items and descriptors a toolkit offers for one
//! child (an unborn child is not offered items that need a born child). [`check_dates`] refuses
//! dates that cannot be right on the day they are entered.
//!
//! These are plain data types; [`validate`] checks an assessment against its household and the
//! definition it uses, and the lifecycle methods on [`Assessment`] enforce what may change when.

mod children;
mod decision;
mod home;
mod model;
mod rules;
#[cfg(test)]
mod tests;

pub use children::{child_band, descriptors_for_child, item_applies, items_for_child};
pub use decision::{
    check_agencies, check_decision, check_front_door, DashOutcome, DashRecord, FrontDoor,
    OtherAgency, ParentsConsent,
};
pub use home::{BackgroundEvent, EventKind, HomeState, Mismatch, UsualState};
pub use model::*;
pub use rules::{
    check_change, check_dates, check_discard, check_one_in_progress, check_rating, validate,
    ModelError,
};
