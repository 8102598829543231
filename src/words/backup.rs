//! The words of automatic backups, restore and the erasure of a household.

/// Shown when an automatic backup could not be made. The work itself is saved in the vault.
pub const BACKUP_FAILED: &str = "The automatic backup could not be made. Your work is saved in the vault and you can carry on; check the backups folder in Settings.";
/// The refusal of a backups folder that does not exist or cannot be written to.
pub const BACKUP_DIR_UNUSABLE: &str = "Backups cannot be written to that folder: it does not exist or cannot be written to. Choose an existing folder you can write to, or leave it empty to use the folder beside the vault.";
/// Said after a restore: where the vault that was replaced is kept.
pub const RESTORE_KEPT: &str =
    "The vault as it was before the restore is kept in the backups folder beside it:";

/// Why a household was erased: the stable codes, in the order the interface offers them.
pub const ERASE_REASONS: [&str; 5] = [
    "retention_ended",
    "recorded_in_error",
    "duplicate",
    "erasure_request",
    "other",
];

/// The record-keeping period has ended.
pub const ERASE_RETENTION_ENDED: &str = "The time records are kept for has ended";
/// The household was entered by mistake.
pub const ERASE_RECORDED_IN_ERROR: &str = "Recorded by mistake";
/// The household is a duplicate of another one.
pub const ERASE_DUPLICATE: &str = "A duplicate of another household";
/// The family asked for their data to be erased.
pub const ERASE_ERASURE_REQUEST: &str = "The family asked for their data to be erased";
/// Any other reason (the note says which).
pub const ERASE_OTHER: &str = "Another reason";

/// The words of an erasure reason code, or `None` for an unknown code.
pub fn erase_reason_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "retention_ended" => ERASE_RETENTION_ENDED,
        "recorded_in_error" => ERASE_RECORDED_IN_ERROR,
        "duplicate" => ERASE_DUPLICATE,
        "erasure_request" => ERASE_ERASURE_REQUEST,
        "other" => ERASE_OTHER,
        _ => return None,
    })
}

/// What the danger zone says before a household is erased.
pub const ERASE_WARNING: &str = "Erasing removes this household for good: its details, every toolkit and rating, its chronology and any hand-over received for it. Only a note that a household was erased, when and why, stays in the record of changes. Backups made before today still hold it until they age out.";
/// The refusal when the typed name does not match.
pub const ERASE_CONFIRM_MISMATCH: &str =
    "Type the household's name exactly as it is shown to confirm the erasure. Nothing was erased.";
/// The refusal of an unknown reason.
pub const ERASE_REASON_MISSING: &str = "Choose why the household is erased. Nothing was erased.";
/// The refusal of a note that names someone in the household.
pub const ERASE_NOTE_NAMES: &str = "The note must not name anyone in the household, because it stays after the erasure. Nothing was erased.";
/// The refusal of an "other" reason without a note.
pub const ERASE_NOTE_NEEDED: &str =
    "Say in the note why the household is erased. Nothing was erased.";
/// The History line of an erasure.
pub const HISTORY_ERASE_HOUSEHOLD: &str = "Household erased";
