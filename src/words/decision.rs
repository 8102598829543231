//! The words of the decision section: the checks about a referral and the DASH risk checklist,
//! and the DASH outcomes.

use serde::{Deserialize, Serialize};

use crate::assessment::DashOutcome;

/// The headline of the check for a referral whose parents' knowledge and agreement are not
/// recorded.
pub const CHECK_PARENTS: &str = "A referral is chosen and whether the parents know about it and \
                                 agree is not recorded.";
/// The headline of the check for a DASH risk checklist offered and not recorded.
pub const CHECK_DASH: &str = "Parental conflict or domestic abuse was discussed and the DASH risk \
                              checklist is not recorded (done, or why not).";
/// DASH outcome: standard risk.
pub const DASH_STANDARD: &str = "Standard risk";
/// DASH outcome: medium risk.
pub const DASH_MEDIUM: &str = "Medium risk";
/// DASH outcome: high risk.
pub const DASH_HIGH: &str = "High risk";

/// The fixed phrases of this module (see [`super::fixed_phrases`]).
pub(super) const PHRASES: [&str; 5] = [
    CHECK_PARENTS,
    CHECK_DASH,
    DASH_STANDARD,
    DASH_MEDIUM,
    DASH_HIGH,
];

/// A DASH outcome in words.
pub fn dash_outcome_text(o: DashOutcome) -> &'static str {
    match o {
        DashOutcome::Standard => DASH_STANDARD,
        DashOutcome::Medium => DASH_MEDIUM,
        DashOutcome::High => DASH_HIGH,
    }
}

/// A DASH outcome with its words, for the interface to offer as a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashOutcomeWord {
    /// The outcome as it is serialised (`standard`, `medium`, `high`).
    pub code: DashOutcome,
    /// [`dash_outcome_text`].
    pub label: String,
}

/// Every DASH outcome with its words, lowest risk first.
pub fn dash_outcome_words() -> Vec<DashOutcomeWord> {
    DashOutcome::ALL
        .iter()
        .map(|&code| DashOutcomeWord {
            code,
            label: dash_outcome_text(code).into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_its_own_words() {
        let words = dash_outcome_words();
        assert_eq!(words.len(), 3);
        assert_eq!(words[1].label, "Medium risk");
        let json = serde_json::to_value(&words[2]).unwrap();
        assert_eq!(json["code"], "high");
        assert_eq!(json["label"], "High risk");
    }
}
