//! Every limit the app enforces, written once.
//!
//! The vault checks the passphrase length, the session checks the auto-lock setting, the
//! definition loader checks the file size, and the interface reads the same numbers through the
//! `get_limits` command (as [`Limits`]) to tell the user before they press a button. No other
//! file writes these numbers.

use serde::Serialize;

/// The fewest characters a new passphrase may have. Existing passphrases are never checked
/// against it again, so raising it locks nobody out.
pub const PASSPHRASE_MIN_CHARS: usize = 12;

/// The shortest auto-lock time a practitioner may choose, in minutes.
pub const AUTO_LOCK_MIN_MINUTES: u32 = 1;

/// The longest auto-lock time a practitioner may choose, in minutes. A laptop left at a family's
/// home for longer than this must not stay open.
pub const AUTO_LOCK_MAX_MINUTES: u32 = 60;

/// The auto-lock time of a new vault, in minutes.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 5;

/// The largest toolkit definition file that is read, in bytes.
pub const DEFINITION_FILE_MAX_BYTES: usize = 4 * 1024 * 1024;

/// The fewest words an example of impact needs to count as a *detailed* example for the concern
/// prompt (see [`crate::summary`]): enough for who was affected, what happened and how it showed,
/// e.g. "Oskar arrives at school hungry and cannot settle" (8). "Hungry" or "Tired at school" is
/// a note, not a detailed example.
pub const IMPACT_DETAIL_MIN_WORDS: usize = 8;

/// How far ahead an unborn child's expected date may be, in months (a pregnancy is known about for
/// at most about nine months before the birth; one month more allows for a late date).
pub const EXPECTED_DATE_MAX_MONTHS_AHEAD: u32 = 10;

/// The most other agencies one household may list.
pub const AGENCIES_MAX: usize = 40;

/// The most characters in one detail of another agency (its name, role, worker, contact).
pub const AGENCY_TEXT_MAX_CHARS: usize = 300;
/// The largest hand-over file read (`ntk handover import`, the app's import), in bytes.
pub const HANDOVER_FILE_MAX_BYTES: usize = 8 * DEFINITION_FILE_MAX_BYTES;

/// The limits as the interface receives them (`get_limits`), with the words it shows when one is
/// not met, so the screen and the core's errors say the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// [`PASSPHRASE_MIN_CHARS`].
    pub passphrase_min_chars: usize,
    /// [`AUTO_LOCK_MIN_MINUTES`].
    pub auto_lock_min_minutes: u32,
    /// [`AUTO_LOCK_MAX_MINUTES`].
    pub auto_lock_max_minutes: u32,
    /// [`AUTO_LOCK_DEFAULT_MINUTES`].
    pub auto_lock_default_minutes: u32,
    /// [`DEFINITION_FILE_MAX_BYTES`].
    pub definition_file_max_bytes: usize,
    /// [`IMPACT_DETAIL_MIN_WORDS`].
    pub impact_detail_min_words: usize,
    /// [`EXPECTED_DATE_MAX_MONTHS_AHEAD`].
    pub expected_date_max_months_ahead: u32,
    /// [`AGENCIES_MAX`].
    pub agencies_max: usize,
    /// [`AGENCY_TEXT_MAX_CHARS`].
    pub agency_text_max_chars: usize,
    /// [`passphrase_too_short_message`] for [`PASSPHRASE_MIN_CHARS`].
    pub passphrase_too_short: String,
    /// [`auto_lock_message`].
    pub auto_lock_out_of_range: String,
}

/// Every limit, for the interface.
pub fn limits() -> Limits {
    Limits {
        passphrase_min_chars: PASSPHRASE_MIN_CHARS,
        auto_lock_min_minutes: AUTO_LOCK_MIN_MINUTES,
        auto_lock_max_minutes: AUTO_LOCK_MAX_MINUTES,
        auto_lock_default_minutes: AUTO_LOCK_DEFAULT_MINUTES,
        definition_file_max_bytes: DEFINITION_FILE_MAX_BYTES,
        impact_detail_min_words: IMPACT_DETAIL_MIN_WORDS,
        expected_date_max_months_ahead: EXPECTED_DATE_MAX_MONTHS_AHEAD,
        agencies_max: AGENCIES_MAX,
        agency_text_max_chars: AGENCY_TEXT_MAX_CHARS,
        passphrase_too_short: passphrase_too_short_message(PASSPHRASE_MIN_CHARS),
        auto_lock_out_of_range: auto_lock_message(),
    }
}

/// What to tell someone whose new passphrase is shorter than `min` characters.
pub fn passphrase_too_short_message(min: usize) -> String {
    format!("The passphrase is too short. Use at least {min} characters; a few unrelated words work well.")
}

/// Whether `minutes` is an auto-lock time a practitioner may choose.
pub fn auto_lock_allowed(minutes: u32) -> bool {
    (AUTO_LOCK_MIN_MINUTES..=AUTO_LOCK_MAX_MINUTES).contains(&minutes)
}

/// The auto-lock time to use for a stored setting: a value saved under an older, wider range is
/// brought into the range rather than refused, so the app still locks.
pub fn auto_lock_in_range(minutes: u32) -> u32 {
    minutes.clamp(AUTO_LOCK_MIN_MINUTES, AUTO_LOCK_MAX_MINUTES)
}

/// What to tell a practitioner whose auto-lock choice is out of range.
pub fn auto_lock_message() -> String {
    format!(
        "Auto-lock must be between {AUTO_LOCK_MIN_MINUTES} and {AUTO_LOCK_MAX_MINUTES} minutes."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_auto_lock_is_allowed_and_the_edges_are_inclusive() {
        assert!(auto_lock_allowed(AUTO_LOCK_DEFAULT_MINUTES));
        assert!(auto_lock_allowed(AUTO_LOCK_MIN_MINUTES));
        assert!(auto_lock_allowed(AUTO_LOCK_MAX_MINUTES));
        assert!(!auto_lock_allowed(0));
        assert!(!auto_lock_allowed(AUTO_LOCK_MAX_MINUTES + 1));
    }

    #[test]
    fn a_stored_setting_outside_the_range_is_brought_into_it() {
        assert_eq!(auto_lock_in_range(0), AUTO_LOCK_MIN_MINUTES);
        assert_eq!(auto_lock_in_range(240), AUTO_LOCK_MAX_MINUTES);
        assert_eq!(auto_lock_in_range(7), 7);
    }

    #[test]
    fn the_interface_receives_the_same_numbers() {
        let json = serde_json::to_value(limits()).unwrap();
        assert_eq!(json["passphrase_min_chars"], PASSPHRASE_MIN_CHARS);
        assert_eq!(json["auto_lock_max_minutes"], AUTO_LOCK_MAX_MINUTES);
        assert_eq!(json["auto_lock_default_minutes"], AUTO_LOCK_DEFAULT_MINUTES);
        assert_eq!(json["definition_file_max_bytes"], DEFINITION_FILE_MAX_BYTES);
        assert!(json["passphrase_too_short"]
            .as_str()
            .unwrap()
            .contains(&PASSPHRASE_MIN_CHARS.to_string()));
        assert_eq!(json["impact_detail_min_words"], IMPACT_DETAIL_MIN_WORDS);
        assert_eq!(
            json["expected_date_max_months_ahead"],
            EXPECTED_DATE_MAX_MONTHS_AHEAD
        );
    }
}
