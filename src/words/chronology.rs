//! The words of a chronology: an entry's date (exact or approximate) and its impact.

use crate::chronology::{EntryDate, Impact};

/// Said of an approximate date, after the month: "March 2026 (day not known)".
pub const DAY_NOT_KNOWN: &str = "(day not known)";

/// Said of an entry that names no child in particular.
pub const ALL_CHILDREN: &str = "All children";

/// An entry's date in words: "4 March 2026", or "March 2026 (day not known)".
pub fn entry_date_text(d: EntryDate) -> String {
    match d {
        EntryDate::Day(d) => super::date_text(d),
        EntryDate::Month { .. } => {
            format!("{} {DAY_NOT_KNOWN}", d.earliest().format("%B %Y"))
        }
    }
}

/// The impact on the child in words.
pub fn impact_text(i: Impact) -> &'static str {
    match i {
        Impact::Positive => "Positive impact",
        Impact::Negative => "Negative impact",
        Impact::NotKnown => "Impact not known",
    }
}
