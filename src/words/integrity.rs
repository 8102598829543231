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
/// Anything else.
pub const HISTORY_OTHER: &str = "Changed";

/// What an audit action did, in words, for a household's History.
pub fn history_action_text(action: &str) -> &'static str {
    match action {
        "save_household" => HISTORY_SAVE_HOUSEHOLD,
        "save_assessment" => HISTORY_SAVE_ASSESSMENT,
        "complete_assessment" => HISTORY_COMPLETE_ASSESSMENT,
        "amend_assessment" => HISTORY_AMEND_ASSESSMENT,
        "discard_assessment" => HISTORY_DISCARD_ASSESSMENT,
        "save_rating" => HISTORY_SAVE_RATING,
        _ => HISTORY_OTHER,
    }
}
