//! How each demo child's view was heard: the eldest in her own words and, at the first review,
//! through the three houses; Oskar with his picture board and, at the reviews, a professional
//! Polish interpreter; Maja, a toddler, by observation. At the first review the eldest's view
//! on one of her own items is heard through her drawing too. The child's words stay in the
//! view's text; the practitioner's interpretation is kept apart.

use crate::assessment::{
    Assessment, HowHeard, Interpreter, InterpreterKind, Subject, ViewMethod,
    ViewMethod::{CommunicationAid, Observation, OwnWords, PlayOrDrawing},
};

/// Which assessment of the demo.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    /// The initial assessment.
    Initial,
    /// The first review.
    FirstReview,
    /// The second review.
    SecondReview,
}

fn heard(methods: &[ViewMethod], interpretation: &str) -> HowHeard {
    let interpreter = methods
        .contains(&ViewMethod::Interpreter)
        .then(|| Interpreter {
            kind: InterpreterKind::Professional,
            language: "Polish".into(),
        });
    HowHeard {
        methods: methods.to_vec(),
        interpretation: interpretation.into(),
        interpreter,
    }
}

/// Record how each child's overall view, and the views on items, were heard in `a`. The
/// children are the demo's three, eldest first.
pub(super) fn hear(a: &mut Assessment, when: When) {
    let interp = ViewMethod::Interpreter;
    let overall: [HowHeard; 3] = match when {
        When::Initial => [
            heard(
                &[OwnWords],
                "Amélie plays down how hard things are, but food and the arguing are on her \
                 mind. She talked more freely once seen on her own in the park.",
            ),
            heard(
                &[CommunicationAid, Observation],
                "Nights at home frighten Oskar; school feels safe to him. He went quiet and \
                 rocked when asked about bedtime.",
            ),
            heard(
                &[Observation],
                "Maja is too young to say. She was settled with Zoë, smiled and babbled, and \
                 reached for her father: a warm bond with both parents.",
            ),
        ],
        When::FirstReview => [
            heard(
                &[PlayOrDrawing, OwnWords],
                "In her three houses drawing, the house of worries held the arguments and \
                 sharing a room with Maja; the house of good things held breakfast with Dad.",
            ),
            heard(
                &[CommunicationAid, interp],
                "With his picture board and a Polish interpreter, Oskar told more than at the \
                 first visits: home feels calmer to him, as the parents say.",
            ),
            heard(
                &[Observation],
                "Lively and curious; she went to both parents for comfort when a door banged.",
            ),
        ],
        When::SecondReview => [
            heard(
                &[OwnWords],
                "Amélie has her own time back; the young carers' group matters to her.",
            ),
            heard(
                &[CommunicationAid, interp],
                "Oskar is happy at home; his sore teeth bother him, which matches the missed \
                 dental appointments.",
            ),
            heard(
                &[Observation],
                "Confident and busy; she showed her parents what she had found and checked \
                 back with them.",
            ),
        ],
    };
    for (note, h) in a.child_views.iter_mut().zip(overall) {
        note.heard = h;
    }
    let first = a.child_views.first().map(|n| n.child_id.clone());
    // A review's ratings start from the one before: how a view was heard is this visit's.
    for r in &mut a.ratings {
        r.heard = HowHeard::default();
    }
    if when == When::FirstReview {
        // The eldest's view on one of her own items, heard through her three houses drawing.
        let own_item = a.ratings.iter_mut().find(|r| {
            matches!(&r.subject, Subject::Child(id) if Some(id) == first.as_ref())
                && !r.child_view.trim().is_empty()
        });
        if let Some(r) = own_item {
            r.heard = heard(
                &[PlayOrDrawing, OwnWords],
                "She drew this in her house of worries, though she says she sorts herself \
                 out: she carries more of it than she lets on.",
            );
        }
    }
    for r in &mut a.ratings {
        for e in &mut r.per_child {
            if e.child_view.trim().is_empty() {
                continue;
            }
            e.heard = if Some(&e.child_id) == first.as_ref() {
                heard(&[OwnWords], "")
            } else {
                heard(
                    &[CommunicationAid],
                    "The arguing at night is what frightens him most.",
                )
            };
        }
    }
}
