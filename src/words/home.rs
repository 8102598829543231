//! The words for the home (usual state, outside help, background events) and for an explanation
//! that does not match what was observed.

use serde::{Deserialize, Serialize};

use super::date_text;
use crate::assessment::{Assessment, BackgroundEvent, EventKind, HomeState, UsualState};

/// The mismatch prompt's headline, after the item.
pub const MISMATCH_HEAD: &str = "the explanation given does not match what was observed.";
/// What to do about a mismatch.
pub const MISMATCH_ACTION: &str = "Treat this as a reason for concern: record what was said and \
     what was seen, ask again in another way, and talk it through with your safeguarding lead.";
/// The sheet's label for a mismatch note.
pub const MISMATCH_LABEL: &str = "Explanation does not match what was observed";
/// Today's state came from outside help the parents took part in.
pub const HELP_WITH_PARENTS: &str =
    "Today's state came from help outside the family; the parents took part in it.";
/// Today's state came from outside help the parents did not take part in.
pub const HELP_WITHOUT_PARENTS: &str = "Today's state came from help outside the family; the \
     parents did not take part, so it is not counted as the family's care.";
/// The sheet's heading for the background events.
pub const EVENTS_HEADING: &str = "Background events allowed for";

/// The words for a usual state.
pub fn usual_text(u: UsualState) -> &'static str {
    match u {
        UsualState::AsUsual => "Today is as the home usually is",
        UsualState::RecentlyBetter => "The home is recently better than usual",
        UsualState::RecentlyWorse => "The home is recently worse than usual",
    }
}

/// The words for a kind of background event.
pub fn event_kind_text(k: EventKind) -> &'static str {
    match k {
        EventKind::Bereavement => "Bereavement",
        EventKind::JobLoss => "Job lost",
        EventKind::Move => "Moved home",
        EventKind::NewBaby => "New baby",
        EventKind::Illness => "Illness",
        EventKind::Other => "Other event",
    }
}

/// The home's state in one or two sentences; empty when nothing is recorded.
pub fn home_text(h: &HomeState) -> String {
    let mut parts = Vec::new();
    if let Some(u) = h.usual {
        parts.push(format!("{}.", usual_text(u)));
    }
    if h.outside_help {
        parts.push(
            if h.parents_contributed {
                HELP_WITH_PARENTS
            } else {
                HELP_WITHOUT_PARENTS
            }
            .to_string(),
        );
    }
    parts.join(" ")
}

/// One background event as a line: its date, kind and note.
pub fn event_text(e: &BackgroundEvent) -> String {
    let note = e.note.trim();
    if note.is_empty() {
        format!("{}: {}", date_text(e.date), event_kind_text(e.kind))
    } else {
        format!("{}: {}. {note}", date_text(e.date), event_kind_text(e.kind))
    }
}

/// A choice offered on screen: the serialised code and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The code as it is serialised.
    pub code: String,
    /// Its words.
    pub label: String,
}

/// The home's words an assessment view carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeWords {
    /// The usual states, in order.
    pub usual: Vec<Choice>,
    /// The kinds of background event, in order.
    pub event_kinds: Vec<Choice>,
    /// One line per background event of the assessment, in its order ([`event_text`]).
    pub events: Vec<String>,
    /// Per rating with a home state recorded, its item and [`home_text`].
    pub home: Vec<(String, String)>,
}

fn code<T: Serialize>(t: T) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The home's words for assessment `a`.
pub fn home_words(a: &Assessment) -> HomeWords {
    use EventKind::*;
    use UsualState::*;
    HomeWords {
        usual: [AsUsual, RecentlyBetter, RecentlyWorse]
            .into_iter()
            .map(|u| Choice {
                code: code(u),
                label: usual_text(u).into(),
            })
            .collect(),
        event_kinds: [Bereavement, JobLoss, Move, NewBaby, Illness, Other]
            .into_iter()
            .map(|k| Choice {
                code: code(k),
                label: event_kind_text(k).into(),
            })
            .collect(),
        events: a.background_events.iter().map(event_text).collect(),
        home: a
            .ratings
            .iter()
            .filter_map(|r| r.home.as_ref().map(|h| (r.item.clone(), home_text(h))))
            .filter(|(_, t)| !t.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn outside_help_counts_only_with_the_parents() {
        let mut h = HomeState {
            usual: Some(UsualState::RecentlyWorse),
            outside_help: true,
            parents_contributed: false,
        };
        assert_eq!(
            home_text(&h),
            format!("The home is recently worse than usual. {HELP_WITHOUT_PARENTS}")
        );
        h.parents_contributed = true;
        assert!(home_text(&h).ends_with(HELP_WITH_PARENTS));
        assert_eq!(home_text(&HomeState::default()), "");
    }

    #[test]
    fn an_event_reads_with_its_date_and_note() {
        let e = BackgroundEvent {
            kind: EventKind::JobLoss,
            date: NaiveDate::from_ymd_opt(2026, 1, 9).unwrap(),
            note: "Warehouse closed".into(),
        };
        assert_eq!(event_text(&e), "9 January 2026: Job lost. Warehouse closed");
        assert_eq!(code(EventKind::NewBaby), "new_baby");
    }
}

#[cfg(test)]
mod rule_tests {
    use crate::assessment::{validate, ModelError, Subject};
    use crate::summary::{summarise, Prompt};
    use crate::toolkit::bundled_default;
    use crate::words::prompt_text;

    fn demo() -> (crate::demo::Demo, crate::toolkit::ToolkitDefinition) {
        let def = bundled_default();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 10, 0, 0).unwrap();
        let d = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(3));
        (d, def)
    }

    #[test]
    fn a_mismatch_raises_its_prompt_and_only_with_a_note() {
        let (d, def) = demo();
        let s = summarise(&d.initial, &d.household, &def);
        let p = s
            .prompts
            .iter()
            .find(|p| matches!(p, Prompt::ExplanationMismatch { .. }))
            .expect("the demo's mismatch raises a prompt");
        assert_eq!(
            p,
            &Prompt::ExplanationMismatch {
                subject: Subject::Household,
                item: "3.1".into()
            }
        );
        assert!(prompt_text(p, &d.household, &def)
            .headline
            .ends_with(super::MISMATCH_HEAD));
        // Without the flag, no prompt.
        let mut a = d.initial.clone();
        a.ratings.iter_mut().for_each(|r| r.mismatch = None);
        let s = summarise(&a, &d.household, &def);
        assert!(!s
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::ExplanationMismatch { .. })));
        // A flag without a note is refused.
        let mut a = d.initial.clone();
        let r = a.ratings.iter_mut().find(|r| r.mismatch.is_some()).unwrap();
        r.mismatch.as_mut().unwrap().note = "  ".into();
        assert!(matches!(
            validate(&a, &d.household, &def),
            Err(ModelError::MismatchWithoutNote { .. })
        ));
    }

    #[test]
    fn the_home_state_is_refused_off_home_items_and_help_needs_a_helper() {
        let (d, def) = demo();
        assert_eq!(validate(&d.initial, &d.household, &def), Ok(()));
        let home = d
            .initial
            .ratings
            .iter()
            .find(|r| r.home.is_some())
            .unwrap()
            .clone();
        let mut a = d.initial.clone();
        let other = a
            .ratings
            .iter_mut()
            .find(|r| def.item(&r.item).is_some_and(|i| !i.about_home))
            .unwrap();
        other.home = home.home.clone();
        assert!(matches!(
            validate(&a, &d.household, &def),
            Err(ModelError::HomeStateOnOtherItem { .. })
        ));
        let mut a = d.initial.clone();
        let r = a.ratings.iter_mut().find(|r| r.home.is_some()).unwrap();
        r.home = Some(super::HomeState {
            usual: None,
            outside_help: false,
            parents_contributed: true,
        });
        assert!(matches!(
            validate(&a, &d.household, &def),
            Err(ModelError::ContributedWithoutHelp { .. })
        ));
        let mut a = d.initial.clone();
        a.background_events[0].kind = super::EventKind::Other;
        a.background_events[0].note.clear();
        assert_eq!(
            validate(&a, &d.household, &def),
            Err(ModelError::OtherEventWithoutNote)
        );
    }
}
