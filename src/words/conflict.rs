//! The words of the review of a household received by hand-over while it was already stored
//! (`crate::handover::review`) and of a household's "received" marker.

use crate::handover::Sender;
use chrono::{DateTime, Local, Utc};

/// The heading of the household's own fields.
pub const CONFLICT_HOUSEHOLD: &str = "The household";
/// The heading of the chronology's entries.
pub const CONFLICT_CHRONOLOGY: &str = "Chronology";
/// Said of a value one version does not have.
pub const CONFLICT_ABSENT: &str = "Not in this version";
/// Said of an empty value.
pub const CONFLICT_EMPTY: &str = "(left empty)";
/// The label of a child, an assessment or an entry that only one version has.
pub const CONFLICT_WHOLE_RECORD: &str = "The whole record";
/// The label of an assessment's status, with its history.
pub const CONFLICT_STATUS: &str = "Status and its history";
/// The marker of a received household whose incoming version waits to be reviewed.
pub const CONFLICT_TO_REVIEW: &str = "Conflict to review";
/// Yes.
pub const CONFLICT_YES: &str = "Yes";
/// No.
pub const CONFLICT_NO: &str = "No";

/// The heading of a child's fields.
pub fn conflict_child(name: &str) -> String {
    format!("Child: {name}")
}

/// The heading of an assessment's fields: "Initial toolkit started 3 March 2026".
pub fn conflict_assessment(kind: &str, started: DateTime<Utc>) -> String {
    format!(
        "{kind} started {}",
        super::date_text(started.with_timezone(&Local).date_naive())
    )
}

/// The label of one rating: "Rating 5.2 (Oskar)".
pub fn conflict_rating(item: &str, subject: &str) -> String {
    format!("Rating {item} ({subject})")
}

/// A field's label from its name in the JSON form, e.g. `interpreter_needed` ->
/// "Interpreter needed".
pub fn field_label(name: &str) -> String {
    match name {
        "reference" => "Case reference".into(),
        "setting" => "School, nursery or setting".into(),
        "additional_needs" => "Additional needs or disability".into(),
        "birth" => "Date of birth or expected date".into(),
        "agencies" => "Other agencies".into(),
        "decision" => "Decision".into(),
        _ => {
            let words = name.replace('_', " ");
            let mut c = words.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// Who sent a hand-over and when, as the households list and the household page show it:
/// "Received from Sam Lee (Health visitor, Exampletown MASH) on 3 March 2026".
pub fn received_text(sender: &Sender, at: DateTime<Utc>) -> String {
    let p = &sender.practitioner;
    let about: Vec<&str> = [p.role.as_str(), p.agency.as_str()]
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let who = match (p.name.trim(), about.is_empty()) {
        ("", _) => format!("the vault with key {}", sender.public_key),
        (name, true) => name.to_string(),
        (name, false) => format!("{name} ({})", about.join(", ")),
    };
    format!(
        "Received from {who} on {}",
        super::date_text(at.with_timezone(&Local).date_naive())
    )
}
