//! The child's voice as it was heard: how a view was obtained ([`ViewMethod`], several may
//! apply), the practitioner's interpretation kept apart from the child's own words, and the
//! interpreter, who must be a professional interpreter (never a family member or another
//! child). Whether a child was seen alone is not recorded twice: it is derived from the visits
//! ([`seen_alone_once`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Assessment, Child, Id, Rating, Subject};
use super::rules::ModelError;
use crate::limits::TALKING_FROM_MONTHS;
use crate::toolkit::ToolkitDefinition;

/// How a child's view was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewMethod {
    /// The child said it, in their own words.
    OwnWords,
    /// Through play or drawing (for example the three houses).
    PlayOrDrawing,
    /// By watching the child (a baby, or a child who does not speak).
    Observation,
    /// Through a communication aid, such as a picture board or signs.
    CommunicationAid,
    /// Through a professional interpreter.
    Interpreter,
}

/// Every method, in the order the screen offers them.
pub const VIEW_METHODS: [ViewMethod; 5] = [
    ViewMethod::OwnWords,
    ViewMethod::PlayOrDrawing,
    ViewMethod::Observation,
    ViewMethod::CommunicationAid,
    ViewMethod::Interpreter,
];

/// Who interpreted. Only a professional interpreter is accepted: the other kinds exist so
/// that a record saying otherwise is refused with a clear reason rather than read wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterpreterKind {
    /// A professional interpreter, in person or by phone or video.
    Professional,
    /// A member of the child's family (refused).
    FamilyMember,
    /// Another child (refused).
    AnotherChild,
}

/// The interpreter used to hear a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpreter {
    /// Who interpreted: only [`InterpreterKind::Professional`] is accepted.
    pub kind: InterpreterKind,
    /// The language interpreted (optional).
    #[serde(default)]
    pub language: String,
}

/// How a view was heard, beside the child's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HowHeard {
    /// How the view was obtained; several may apply, each at most once.
    #[serde(default)]
    pub methods: Vec<ViewMethod>,
    /// The practitioner's interpretation, kept apart from the child's words.
    #[serde(default)]
    pub interpretation: String,
    /// The interpreter, recorded when [`ViewMethod::Interpreter`] is among the methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<Interpreter>,
}

impl HowHeard {
    /// Whether nothing is recorded (left out of the stored form, so old records stay as they
    /// were).
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty()
            && self.interpretation.trim().is_empty()
            && self.interpreter.is_none()
    }

    /// Whether the view was heard through an interpreter.
    pub fn through_interpreter(&self) -> bool {
        self.methods.contains(&ViewMethod::Interpreter)
    }
}

/// Check one record of how a view was heard, for `child_name`: each method once, an
/// interpreter only a professional one and recorded exactly when the method says so.
pub fn check_heard(h: &HowHeard, child_name: &str) -> Result<(), ModelError> {
    let mut seen = std::collections::HashSet::new();
    if !h.methods.iter().all(|m| seen.insert(*m)) {
        return Err(ModelError::ViewMethodTwice {
            child_name: child_name.into(),
        });
    }
    match (&h.interpreter, h.through_interpreter()) {
        (Some(i), _) if i.kind != InterpreterKind::Professional => {
            Err(ModelError::InterpreterNotProfessional {
                child_name: child_name.into(),
            })
        }
        (None, true) | (Some(_), false) => Err(ModelError::InterpreterNotConfirmed {
            child_name: child_name.into(),
        }),
        _ => Ok(()),
    }
}

/// Whether `child` was seen alone at one visit or more of `a`.
pub fn seen_alone_once(a: &Assessment, child: &Id) -> bool {
    a.visits
        .iter()
        .flat_map(|v| &v.children_seen)
        .any(|s| &s.child_id == child && s.seen_alone)
}

/// Whether `child` is old enough on `on` to be expected to tell their view, by talking or in
/// their own way. The rule: the child's age band (from the definition) starts at
/// [`TALKING_FROM_MONTHS`] or later, that is the child is past the baby band; without a
/// matching band, the child's age is at least that many months. A baby's view is observed,
/// and an unborn child gives none.
pub fn old_enough_to_talk(def: &ToolkitDefinition, child: &Child, on: NaiveDate) -> bool {
    if !child.can_give_view() {
        return false;
    }
    match super::child_band(def, child, on) {
        Some(band) => band.from_months >= TALKING_FROM_MONTHS,
        None => child
            .birth
            .age_months(on)
            .is_some_and(|m| m >= TALKING_FROM_MONTHS),
    }
}

/// Whether any view of `child`'s is recorded in `a`: the overall view (its words or the
/// interpretation), or a view on an item (the child's own on a child item or on a household
/// item, its words or the interpretation of how it was heard, or the children's view on a
/// household item).
pub fn has_view(a: &Assessment, child: &Id) -> bool {
    let overall = a.child_views.iter().any(|n| {
        &n.child_id == child
            && (!n.text.trim().is_empty() || !n.heard.interpretation.trim().is_empty())
    });
    overall || a.ratings.iter().any(|r| item_view(r, child))
}

fn item_view(r: &Rating, child: &Id) -> bool {
    let (about, heard) = match &r.subject {
        Subject::Household => (true, r.child_entry(child).map(|e| &e.heard)),
        Subject::Child(id) => (id == child, Some(&r.heard)),
    };
    about
        && (!r.child_view_for(child).trim().is_empty()
            || heard.is_some_and(|h| !h.interpretation.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{ChildNote, ChildOnItem};
    use crate::toolkit::bundled_default;

    fn demo() -> (crate::demo::Demo, ToolkitDefinition) {
        let def = bundled_default();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 10, 0, 0).unwrap();
        let d = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(5));
        (d, def)
    }

    fn with_interpreter(kind: InterpreterKind) -> HowHeard {
        HowHeard {
            methods: vec![ViewMethod::CommunicationAid, ViewMethod::Interpreter],
            interpretation: String::new(),
            interpreter: Some(Interpreter {
                kind,
                language: "Polish".into(),
            }),
        }
    }

    #[test]
    fn only_a_professional_interpreter_is_accepted() {
        assert_eq!(
            check_heard(&with_interpreter(InterpreterKind::Professional), "Oskar"),
            Ok(())
        );
        for kind in [InterpreterKind::FamilyMember, InterpreterKind::AnotherChild] {
            let e = check_heard(&with_interpreter(kind), "Oskar").unwrap_err();
            assert_eq!(
                e,
                ModelError::InterpreterNotProfessional {
                    child_name: "Oskar".into()
                }
            );
            assert!(e.to_string().contains("professional interpreter"));
        }
        // "Interpreter" ticked with no professional interpreter confirmed, and the reverse.
        let mut h = with_interpreter(InterpreterKind::Professional);
        h.interpreter = None;
        assert!(matches!(
            check_heard(&h, "Oskar"),
            Err(ModelError::InterpreterNotConfirmed { .. })
        ));
        let mut h = with_interpreter(InterpreterKind::Professional);
        h.methods = vec![ViewMethod::OwnWords];
        assert!(matches!(
            check_heard(&h, "Oskar"),
            Err(ModelError::InterpreterNotConfirmed { .. })
        ));
        let h = HowHeard {
            methods: vec![ViewMethod::OwnWords, ViewMethod::OwnWords],
            ..HowHeard::default()
        };
        assert!(matches!(
            check_heard(&h, "Amélie"),
            Err(ModelError::ViewMethodTwice { .. })
        ));
    }

    #[test]
    fn validation_refuses_a_family_interpreter_on_the_overall_view_and_on_an_item() {
        let (d, def) = demo();
        assert_eq!(
            crate::assessment::validate(&d.review, &d.household, &def),
            Ok(())
        );
        let mut a = d.review.clone();
        let oskar = a
            .child_views
            .iter_mut()
            .find(|n| n.heard.through_interpreter())
            .expect("the demo hears a child through an interpreter");
        oskar.heard.interpreter.as_mut().unwrap().kind = InterpreterKind::FamilyMember;
        assert!(matches!(
            crate::assessment::validate(&a, &d.household, &def),
            Err(ModelError::InterpreterNotProfessional { .. })
        ));
        let mut a = d.review.clone();
        let entry = a
            .ratings
            .iter_mut()
            .flat_map(|r| r.per_child.iter_mut())
            .find(|e| !e.child_view.is_empty())
            .unwrap();
        entry.heard = with_interpreter(InterpreterKind::AnotherChild);
        assert!(matches!(
            crate::assessment::validate(&a, &d.household, &def),
            Err(ModelError::InterpreterNotProfessional { .. })
        ));
    }

    #[test]
    fn a_view_on_a_child_item_is_checked_like_the_others() {
        let (d, def) = demo();
        let amelie = &d.household.children[0];
        let at = d
            .review
            .ratings
            .iter()
            .position(|r| r.subject == Subject::Child(amelie.id.clone()) && !r.heard.is_empty())
            .expect("the demo hears a view on one of the eldest's items");
        let r = &d.review.ratings[at];
        assert!(r.heard.methods.contains(&ViewMethod::PlayOrDrawing));
        assert!(!r.heard.interpretation.trim().is_empty());
        assert!(!r.child_view.trim().is_empty());
        let check = |a: &Assessment| crate::assessment::validate(a, &d.household, &def);
        let mut a = d.review.clone();
        a.ratings[at].heard = with_interpreter(InterpreterKind::Professional);
        assert_eq!(check(&a), Ok(()));
        a.ratings[at].heard = with_interpreter(InterpreterKind::FamilyMember);
        assert_eq!(
            check(&a),
            Err(ModelError::InterpreterNotProfessional {
                child_name: amelie.name.clone()
            })
        );
        a.ratings[at].heard.interpreter = None;
        assert!(matches!(
            check(&a),
            Err(ModelError::InterpreterNotConfirmed { .. })
        ));
        a.ratings[at].heard = HowHeard {
            methods: vec![ViewMethod::Observation, ViewMethod::Observation],
            ..HowHeard::default()
        };
        assert!(matches!(check(&a), Err(ModelError::ViewMethodTwice { .. })));
        // On a household item each child's is on their own entry, not on the shared view.
        let mut a = d.review.clone();
        let household = a
            .ratings
            .iter_mut()
            .find(|r| r.subject == Subject::Household)
            .unwrap();
        household.heard = HowHeard {
            methods: vec![ViewMethod::OwnWords],
            ..HowHeard::default()
        };
        let item = household.item.clone();
        let e = check(&a).unwrap_err();
        assert_eq!(e, ModelError::HeardOnHouseholdItem { item });
        assert!(e.to_string().contains("each child"), "{e}");
    }

    #[test]
    fn a_view_on_a_child_item_counts_with_its_interpretation_alone() {
        let (d, _) = demo();
        let amelie = d.household.children[0].id.clone();
        let mut a = d.review.clone();
        a.child_views.retain(|n| n.child_id != amelie);
        for r in &mut a.ratings {
            r.per_child.retain(|e| e.child_id != amelie);
            r.child_view.clear();
            r.heard = HowHeard::default();
        }
        assert!(!has_view(&a, &amelie));
        let own = a
            .ratings
            .iter_mut()
            .find(|r| r.subject == Subject::Child(amelie.clone()))
            .unwrap();
        own.heard = HowHeard {
            methods: vec![ViewMethod::PlayOrDrawing],
            interpretation: "Drew her bedroom as the quiet house.".into(),
            interpreter: None,
        };
        assert!(has_view(&a, &amelie));
        // Another child's item heard this way is not Amélie's view.
        let oskar = d.household.children[1].id.clone();
        let mut b = a.clone();
        for r in &mut b.ratings {
            if r.subject == Subject::Child(amelie.clone()) {
                r.subject = Subject::Child(oskar.clone());
            }
        }
        assert!(!has_view(&b, &amelie));
    }

    #[test]
    fn seen_alone_once_is_read_from_the_visits() {
        let (d, _) = demo();
        let [amelie, oskar, _] = [0, 1, 2].map(|n| d.household.children[n].id.clone());
        assert!(seen_alone_once(&d.initial, &amelie));
        assert!(!seen_alone_once(&d.initial, &oskar));
        assert!(seen_alone_once(&d.review, &oskar));
        let mut a = d.review.clone();
        a.visits.iter_mut().for_each(|v| {
            v.children_seen
                .iter_mut()
                .for_each(|s| s.seen_alone = false)
        });
        assert!(!seen_alone_once(&a, &oskar));
    }

    #[test]
    fn old_enough_to_talk_is_past_the_baby_band() {
        let (d, def) = demo();
        let mut c = d.household.children[0].clone();
        let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for (born, talks) in [
            ((2025, 9, 2), false), // six months: the baby band
            ((2025, 3, 3), false), // a day short of a year
            ((2025, 3, 2), true),  // one year: the young-child band
            ((2012, 1, 1), true),  // a teenager
        ] {
            c.birth = crate::assessment::Birth::Born(
                chrono::NaiveDate::from_ymd_opt(born.0, born.1, born.2).unwrap(),
            );
            assert_eq!(old_enough_to_talk(&def, &c, on), talks, "{born:?}");
        }
        c.birth = crate::assessment::Birth::Expected(on);
        assert!(!old_enough_to_talk(&def, &c, on));
        // Without age bands, the age itself decides.
        let plain = crate::summary::testkit::default_like();
        c.birth =
            crate::assessment::Birth::Born(chrono::NaiveDate::from_ymd_opt(2024, 3, 2).unwrap());
        assert!(old_enough_to_talk(&plain, &c, on));
    }

    #[test]
    fn old_records_load_and_new_ones_keep_the_words_apart() {
        let note: ChildNote =
            serde_json::from_str(r#"{"child_id":"00000000000000000000000000000001","text":"hi"}"#)
                .unwrap();
        assert!(note.heard.is_empty());
        // Nothing recorded: the stored form is as before.
        assert!(!serde_json::to_string(&note).unwrap().contains("heard"));
        let entry: ChildOnItem = serde_json::from_str(
            r#"{"child_id":"00000000000000000000000000000001","child_view":"v"}"#,
        )
        .unwrap();
        assert!(entry.heard.is_empty());
        // A rating written before the field loads with nothing heard, and is written back
        // without it.
        let rating: Rating = serde_json::from_str(
            r#"{"item":"1.1","subject":{"kind":"child","child_id":"00000000000000000000000000000001"},"child_view":"v"}"#,
        )
        .unwrap();
        assert!(rating.heard.is_empty());
        assert!(!serde_json::to_string(&rating).unwrap().contains("heard"));
        let heard_rating = Rating {
            heard: with_interpreter(InterpreterKind::Professional),
            ..rating
        };
        let json = serde_json::to_value(&heard_rating).unwrap();
        assert_eq!(json["heard"]["methods"][0], "communication_aid");
        assert_eq!(
            serde_json::from_value::<Rating>(json).unwrap(),
            heard_rating
        );
        let back = ChildNote {
            heard: with_interpreter(InterpreterKind::Professional),
            ..note
        };
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["heard"]["methods"][1], "interpreter");
        assert_eq!(json["heard"]["interpreter"]["kind"], "professional");
        assert_eq!(serde_json::from_value::<ChildNote>(json).unwrap(), back);
    }
}
