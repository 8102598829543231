//! The words for the child's voice: how a view was obtained, the interpreter rule, the labels
//! the sheet and the screen share, whether a child was seen alone, and the two prompts (a child
//! old enough to tell their view with none recorded; a child never seen alone).

use serde::{Deserialize, Serialize};

use super::home::Choice;
use crate::assessment::{
    seen_alone_once, Assessment, Household, HowHeard, Id, ViewMethod, VIEW_METHODS,
};

/// The no-view prompt's headline, after the child's name.
pub const NO_VIEW_HEAD: &str = "old enough to tell you their view, and no view is recorded.";
/// What to do when no view is recorded.
pub const NO_VIEW_ACTION: &str = "Hear the child in the way that suits them: their own words, \
     play or drawing, watching them, a picture board or signs, or a professional interpreter. \
     Record what they said or showed, and keep your interpretation apart.";
/// The not-seen-alone prompt's headline, after the child's name.
pub const NOT_ALONE_HEAD: &str = "not seen alone at any visit.";
/// What to do when a child was never seen alone.
pub const NOT_ALONE_ACTION: &str = "Arrange to see the child on their own, somewhere they can \
     show or tell you freely, unless there is a reason not to; if there is, record it.";
/// The rule about interpreters, shown wherever an interpreter is recorded.
pub const INTERPRETER_RULE: &str = "Use a professional interpreter only: never a family member \
     or another child, whatever the family offers.";
/// The confirmation asked when an interpreter was used.
pub const INTERPRETER_CONFIRM: &str = "A professional interpreter was used";
/// The label of how a view was obtained.
pub const HOW_LABEL: &str = "How the view was obtained";
/// The label of the child's own words.
pub const WORDS_LABEL: &str = "In the child's own words";
/// The label of the practitioner's interpretation.
pub const INTERPRETATION_LABEL: &str = "The practitioner's interpretation";
/// A child seen alone at one visit or more.
pub const SEEN_ALONE: &str = "Seen alone at least once";
/// A child never seen alone.
pub const NOT_SEEN_ALONE: &str = "Not seen alone at any visit";

/// The words for a way of hearing a child.
pub fn method_text(m: ViewMethod) -> &'static str {
    match m {
        ViewMethod::OwnWords => "Own words",
        ViewMethod::PlayOrDrawing => "Play or drawing (such as the three houses)",
        ViewMethod::Observation => "Observation",
        ViewMethod::CommunicationAid => "Communication aid (such as a picture board)",
        ViewMethod::Interpreter => "Professional interpreter",
    }
}

/// How a view was heard, as one line: the methods, with the interpreter's language where
/// given; empty when no method is recorded.
pub fn heard_text(h: &HowHeard) -> String {
    h.methods
        .iter()
        .map(|m| {
            let lang = h
                .interpreter
                .as_ref()
                .map(|i| i.language.trim())
                .unwrap_or_default();
            if *m == ViewMethod::Interpreter && !lang.is_empty() {
                format!("{} ({lang})", method_text(*m))
            } else {
                method_text(*m).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether a child was seen alone, for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenAloneText {
    /// The child.
    pub child_id: Id,
    /// Seen alone at one visit or more ([`seen_alone_once`]).
    pub seen_alone: bool,
    /// [`SEEN_ALONE`] or [`NOT_SEEN_ALONE`].
    pub text: String,
}

/// The child's voice words an assessment view carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceWords {
    /// The ways of hearing a child, in order.
    pub methods: Vec<Choice>,
    /// [`HOW_LABEL`].
    pub how_label: String,
    /// [`WORDS_LABEL`].
    pub words_label: String,
    /// [`INTERPRETATION_LABEL`].
    pub interpretation_label: String,
    /// [`INTERPRETER_RULE`].
    pub interpreter_rule: String,
    /// [`INTERPRETER_CONFIRM`].
    pub interpreter_confirm: String,
    /// One per child who can be seen, in the household's order.
    pub seen_alone: Vec<SeenAloneText>,
}

/// The child's voice words for assessment `a` of household `h`.
pub fn voice_words(a: &Assessment, h: &Household) -> VoiceWords {
    VoiceWords {
        methods: VIEW_METHODS
            .iter()
            .map(|m| Choice {
                code: super::home::code(*m),
                label: method_text(*m).into(),
            })
            .collect(),
        how_label: HOW_LABEL.into(),
        words_label: WORDS_LABEL.into(),
        interpretation_label: INTERPRETATION_LABEL.into(),
        interpreter_rule: INTERPRETER_RULE.into(),
        interpreter_confirm: INTERPRETER_CONFIRM.into(),
        seen_alone: h
            .children
            .iter()
            .filter(|c| c.can_be_seen_alone())
            .map(|c| {
                let seen = seen_alone_once(a, &c.id);
                SeenAloneText {
                    child_id: c.id.clone(),
                    seen_alone: seen,
                    text: if seen { SEEN_ALONE } else { NOT_SEEN_ALONE }.into(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Interpreter, InterpreterKind};
    use crate::summary::{summarise, Prompt};
    use crate::toolkit::bundled_default;
    use crate::words::prompt_text;

    fn demo() -> (crate::demo::Demo, crate::toolkit::ToolkitDefinition) {
        let def = bundled_default();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 2, 10, 0, 0).unwrap();
        let d = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(7));
        (d, def)
    }

    fn voice(
        a: &Assessment,
        h: &Household,
        def: &crate::toolkit::ToolkitDefinition,
    ) -> Vec<Prompt> {
        summarise(a, h, def)
            .prompts
            .into_iter()
            .filter(|p| matches!(p, Prompt::NoChildView { .. } | Prompt::NotSeenAlone { .. }))
            .collect()
    }

    #[test]
    fn a_child_never_seen_alone_raises_the_prompt_until_seen_alone() {
        let (d, def) = demo();
        let oskar = d.household.children[1].id.clone();
        let p = voice(&d.initial, &d.household, &def);
        assert_eq!(
            p,
            [Prompt::NotSeenAlone {
                child_id: oskar.clone()
            }]
        );
        let t = prompt_text(&p[0], &d.household, &def);
        assert_eq!(t.kind, "not_seen_alone");
        assert_eq!(t.headline, format!("Oskar Przykład: {NOT_ALONE_HEAD}"));
        assert_eq!(t.action, NOT_ALONE_ACTION);
        // Seen alone at the review: no prompt.
        assert!(voice(&d.review, &d.household, &def).is_empty());
        // Before any visit nothing is prompted.
        let mut a = d.initial.clone();
        a.visits.clear();
        assert!(voice(&a, &d.household, &def).is_empty());
    }

    #[test]
    fn a_child_old_enough_to_talk_with_no_view_raises_the_prompt() {
        let (d, def) = demo();
        let mut a = d.review.clone();
        let amelie = d.household.children[0].id.clone();
        a.child_views.retain(|n| n.child_id != amelie);
        for r in &mut a.ratings {
            r.per_child.retain(|e| e.child_id != amelie);
            if r.subject == crate::assessment::Subject::Household {
                r.child_view.clear();
            }
            if r.subject == crate::assessment::Subject::Child(amelie.clone()) {
                r.child_view.clear();
                r.heard = HowHeard::default();
            }
        }
        let p = voice(&a, &d.household, &def);
        assert_eq!(
            p,
            [Prompt::NoChildView {
                child_id: amelie.clone()
            }]
        );
        let t = prompt_text(&p[0], &d.household, &def);
        assert_eq!(t.headline, format!("Amélie Example: {NO_VIEW_HEAD}"));
        assert_eq!(t.action, NO_VIEW_ACTION);
        // The practitioner's interpretation alone counts as a view heard (e.g. by play).
        a.child_views.push(crate::assessment::ChildNote {
            child_id: amelie.clone(),
            text: String::new(),
            heard: HowHeard {
                methods: vec![ViewMethod::PlayOrDrawing],
                interpretation: "Drew her family with herself apart.".into(),
                interpreter: None,
            },
        });
        assert!(voice(&a, &d.household, &def).is_empty());
        // So does the interpretation of her view on one of her own items, with no words.
        a.child_views.retain(|n| n.child_id != amelie);
        assert_eq!(voice(&a, &d.household, &def).len(), 1);
        let own = a
            .ratings
            .iter()
            .position(|r| r.subject == crate::assessment::Subject::Child(amelie.clone()))
            .unwrap();
        a.ratings[own].heard = HowHeard {
            methods: vec![ViewMethod::PlayOrDrawing],
            interpretation: "Put bedtimes in her house of worries.".into(),
            interpreter: None,
        };
        assert!(voice(&a, &d.household, &def).is_empty());
        // How it was heard without an interpretation or words is not a view.
        a.ratings[own].heard.interpretation.clear();
        assert_eq!(voice(&a, &d.household, &def).len(), 1);
        // A baby's view is observed: no prompt for the youngest even with none recorded.
        let maja = d.household.children[2].id.clone();
        let mut a = d.initial.clone();
        a.child_views.retain(|n| n.child_id != maja);
        assert!(!voice(&a, &d.household, &def).iter().any(|p| p
            == &Prompt::NoChildView {
                child_id: maja.clone()
            }));
    }

    #[test]
    fn how_a_view_was_heard_reads_as_one_line() {
        let h = HowHeard {
            methods: vec![ViewMethod::CommunicationAid, ViewMethod::Interpreter],
            interpretation: String::new(),
            interpreter: Some(Interpreter {
                kind: InterpreterKind::Professional,
                language: "Polish".into(),
            }),
        };
        assert_eq!(
            heard_text(&h),
            "Communication aid (such as a picture board); Professional interpreter (Polish)"
        );
        assert_eq!(heard_text(&HowHeard::default()), "");
        let (d, _) = demo();
        let w = voice_words(&d.initial, &d.household);
        assert_eq!(w.methods.len(), 5);
        assert_eq!(w.methods[1].code, "play_or_drawing");
        assert_eq!(
            w.seen_alone
                .iter()
                .map(|s| s.seen_alone)
                .collect::<Vec<_>>(),
            [true, false, false]
        );
        assert_eq!(w.seen_alone[1].text, NOT_SEEN_ALONE);
    }
}
