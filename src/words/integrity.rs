//! The words of the integrity banner and of a review whose earlier assessment does not open.

/// The banner's headline when a check found something.
pub const INTEGRITY_HEAD: &str = "Some records in this vault cannot be trusted";
/// What to do about it.
pub const INTEGRITY_ACTION: &str = "Nothing has been deleted and you can keep working. Do not rely on the records listed until they are checked: restore a backup made before the change, or ask your organisation's IT support to compare the vault with one.";
/// Said while the full check has not finished yet and the quick one found nothing.
pub const INTEGRITY_CHECKING: &str = "Checking the whole vault in the background.";
/// Said when a review's earlier assessment does not open.
pub const PREVIOUS_UNREADABLE: &str = "The assessment this review follows cannot be read, so the changes since then are not shown. This review can still be completed; restore a backup to see the comparison.";

/// Areas a problem can affect, by the table it was found in.
pub const AREA_HOUSEHOLD: &str = "A household's details";
/// An assessment.
pub const AREA_ASSESSMENT: &str = "A toolkit's record";
/// A rating.
pub const AREA_RATING: &str = "A rating of an assessment";
/// A toolkit definition.
pub const AREA_DEFINITION: &str = "A toolkit definition";
/// Settings and the vault's own records.
pub const AREA_META: &str = "The settings or the vault's own records";
/// The key header.
pub const AREA_HEADER: &str = "The passphrase and recovery key slots";
/// The audit trail.
pub const AREA_AUDIT: &str = "The record of changes (audit trail)";
/// The file itself.
pub const AREA_FILE: &str = "The vault file itself";
/// Anything else.
pub const AREA_OTHER: &str = "A record";

/// What a problem in `table` affects, in words.
pub fn integrity_area(table: &str) -> &'static str {
    match table {
        "households" => AREA_HOUSEHOLD,
        "assessments" => AREA_ASSESSMENT,
        "ratings" => AREA_RATING,
        "definitions" => AREA_DEFINITION,
        "meta" => AREA_META,
        "header" => AREA_HEADER,
        "audit" | "audit chain" => AREA_AUDIT,
        "database" => AREA_FILE,
        _ => AREA_OTHER,
    }
}

/// A household's History: what an audited action did, in words.
pub const HISTORY_SAVE_HOUSEHOLD: &str = "Household details saved";
/// A toolkit saved.
pub const HISTORY_SAVE_ASSESSMENT: &str = "Toolkit saved";
/// A toolkit completed.
pub const HISTORY_COMPLETE_ASSESSMENT: &str = "Toolkit completed and locked";
/// A toolkit reopened.
pub const HISTORY_AMEND_ASSESSMENT: &str = "Toolkit reopened to amend";
/// A draft discarded.
pub const HISTORY_DISCARD_ASSESSMENT: &str = "Draft toolkit discarded";
/// A rating saved.
pub const HISTORY_SAVE_RATING: &str = "Rating saved";
/// A timeline (chronology) entry recorded.
pub const HISTORY_ADD_CHRONOLOGY: &str = "Timeline entry added";
/// A timeline entry corrected.
pub const HISTORY_CHANGE_CHRONOLOGY: &str = "Timeline entry corrected";
/// A timeline entry removed.
pub const HISTORY_REMOVE_CHRONOLOGY: &str = "Timeline entry removed";
/// Timeline entries imported from a CSV file.
pub const HISTORY_IMPORT_CHRONOLOGY: &str = "Timeline entries imported";
/// The timeline taken from a received hand-over.
pub const HISTORY_RECEIVE_CHRONOLOGY: &str = "Timeline received in a hand-over";
/// The demo's example timeline loaded.
pub const HISTORY_LOAD_DEMO: &str = "Example timeline loaded";
/// Anything else.
pub const HISTORY_OTHER: &str = "Changed";
/// Who, when the practitioner's name was not set in the settings at the time.
pub const HISTORY_NO_NAME: &str = "(no name in the settings)";
/// A household with nothing in its History.
pub const HISTORY_EMPTY: &str = "No changes are recorded for this household.";
/// What the History shows and what it leaves out.
pub const HISTORY_ABOUT: &str = "Who changed this household's records, when and why. What the records said before a change is never kept here.";

/// What an audit action did, in words, for a household's History.
pub fn history_action_text(action: &str) -> &'static str {
    match action {
        "save_household" => HISTORY_SAVE_HOUSEHOLD,
        "save_assessment" => HISTORY_SAVE_ASSESSMENT,
        "complete_assessment" => HISTORY_COMPLETE_ASSESSMENT,
        "amend_assessment" => HISTORY_AMEND_ASSESSMENT,
        "discard_assessment" => HISTORY_DISCARD_ASSESSMENT,
        "save_rating" => HISTORY_SAVE_RATING,
        "add_chronology_entry" => HISTORY_ADD_CHRONOLOGY,
        "change_chronology_entry" => HISTORY_CHANGE_CHRONOLOGY,
        "remove_chronology_entry" => HISTORY_REMOVE_CHRONOLOGY,
        "import_chronology_csv" => HISTORY_IMPORT_CHRONOLOGY,
        "receive_handover" => HISTORY_RECEIVE_CHRONOLOGY,
        "load_demo" => HISTORY_LOAD_DEMO,
        "erase_household" => super::HISTORY_ERASE_HOUSEHOLD,
        _ => HISTORY_OTHER,
    }
}

/// When a History line happened, as it is printed and shown: the minute, in UTC (the audit
/// trail's own clock), so the same vault reads the same wherever it is opened.
pub fn history_when_text(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Who made a change, as shown: the name recorded, or [`HISTORY_NO_NAME`].
pub fn history_who_text(who: &str) -> &str {
    if who.trim().is_empty() {
        HISTORY_NO_NAME
    } else {
        who
    }
}

/// One History line as a single sentence of text, the form `ntk vault audit --household`
/// prints: when, who, what, the record's id and, for an action with a reason, why.
pub fn history_line_text(
    when: &str,
    who: &str,
    what: &str,
    record: &str,
    why: Option<&str>,
) -> String {
    let why = why.map(|w| format!(" (why: {w})")).unwrap_or_default();
    format!("{when}  {who}  {what}  {record}{why}")
}
