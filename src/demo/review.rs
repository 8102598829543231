//! The demo's reviews: the targets set at the initial assessment and carried through both
//! reviews with their progress, the answers to the review questions, and the second review.
//!
//! The second review starts from the first review's ratings: every level of concern comes down
//! to just below concern, so the improvements of the first review hold (a sustained improvement
//! to celebrate), except for two items that show the review prompts where the definition has
//! them: 2.1 (health care) is a level worse than last time for every child, and 2.2 (dental
//! care) stays where it was, at a level of concern for the two elder children (drift).

use super::{
    child_views, complete, day, decision_options, evidence, impact, instant, visits, Pattern,
    CHILDREN,
};
use crate::assessment::{
    Assessment, AssessmentKind, DashOutcome, DashRecord, Decision, DefinitionRef, Household, Id,
    LeadConsultation, ParentsConsent, Practitioner, ReviewAnswer, Subject, Target, TargetProgress,
};
use crate::toolkit::{DecisionKind, Scope, ToolkitDefinition};
use crate::Entropy;
use chrono::{DateTime, NaiveDate, Utc};

/// The item a level worse at the second review.
pub(super) const WORSE: &str = "2.1";
/// The item stuck at a level of concern at both reviews.
pub(super) const DRIFT: &str = "2.2";

/// What the second review is built with.
pub(super) struct Context {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub definition: DefinitionRef,
    pub practitioner: Practitioner,
}

/// The answers at the first review, by question id of the bundled default.
pub(super) const FIRST_ANSWERS: [(&str, &str); 5] = [
    (
        "support-working",
        "Partly. The breakfast club and the parenting course are helping: Amélie eats before \
         school and the evenings are calmer. Oskar's dental care has not moved.",
    ),
    (
        "circumstances-changed",
        "Universal Credit is paid on time and Zoë has started therapy. The parents still argue, \
         though less often and mostly away from the children.",
    ),
    (
        "needs-increased",
        "No new needs. A referral to a young carers' group is needed for Amélie.",
    ),
    (
        "significant-harm",
        "No sign of significant harm at either visit; discussed with Alex Lead (fictional).",
    ),
    (
        "improvement-held",
        "Too early to say; the changes are a few weeks old. Keep the support as it is.",
    ),
];

/// The answers at the second review.
const SECOND_ANSWERS: [(&str, &str); 5] = [
    (
        "support-working",
        "Yes for food, the home and the children's routines. Oskar still has no dentist and \
         his health appointments slipped while his school changed.",
    ),
    (
        "circumstances-changed",
        "The parents now use their calm-down plan; Amélie goes to the young carers' group \
         every week.",
    ),
    (
        "needs-increased",
        "Oskar's health care is worse than at the last review: the school nurse to help book \
         his appointments. Dental care needs another route; ask the community dental service.",
    ),
    (
        "significant-harm",
        "No sign of significant harm; the lead agreed the plan by phone.",
    ),
    (
        "improvement-held",
        "Food, home conditions and supervision have stayed better across both reviews. \
         Early help can step down to monthly visits if this holds for another three months.",
    ),
];

/// The answers to the definition's review questions, in its order (a definition without one
/// of these questions goes without its answer).
pub(super) fn answers(def: &ToolkitDefinition, texts: [(&str, &str); 5]) -> Vec<ReviewAnswer> {
    def.review_questions
        .iter()
        .filter_map(|q| {
            texts
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(id, text)| ReviewAnswer {
                    question: (*id).into(),
                    answer: (*text).into(),
                })
        })
        .collect()
}

/// A target on `item` for child `child` (`None`: the household), if the definition has the
/// item with that scope.
fn target(
    def: &ToolkitDefinition,
    h: &Household,
    item: &str,
    child: Option<usize>,
    texts: (&str, NaiveDate, &str),
    rng: &mut dyn Entropy,
) -> Option<Target> {
    let found = def.item(item)?;
    let subject = match (found.scope, child) {
        (Scope::Child, Some(n)) => Subject::Child(h.children.get(n)?.id.clone()),
        (Scope::Household, None) => Subject::Household,
        _ => return None,
    };
    Some(Target {
        id: Id::generate(rng),
        item: item.into(),
        subject,
        change: texts.0.into(),
        by: Some(texts.1),
        who_helps: texts.2.into(),
        carried_from: None,
        progress: TargetProgress::NotStarted,
        progress_note: String::new(),
    })
}

/// The targets set with the family at the initial assessment (agreed on `on`).
pub(super) fn initial_targets(
    def: &ToolkitDefinition,
    h: &Household,
    on: NaiveDate,
    rng: &mut dyn Entropy,
) -> Vec<Target> {
    [
        target(
            def,
            h,
            "1.1",
            Some(0),
            (
                "Amélie eats breakfast before school and takes a packed lunch every day.",
                day(on, 56),
                "Zoë and Łukasz; the school's breakfast club; Sam Sample for food bank vouchers.",
            ),
            rng,
        ),
        target(
            def,
            h,
            "5.2",
            None,
            (
                "No arguments in front of the children; the parents use a calm-down plan.",
                day(on, 84),
                "Both parents; the parenting course; Zoë's talking therapist.",
            ),
            rng,
        ),
        target(
            def,
            h,
            DRIFT,
            Some(1),
            (
                "Oskar is registered with a dentist and has a check-up.",
                day(on, 70),
                "Łukasz, with the school nurse's list of dentists who see autistic children.",
            ),
            rng,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Record `progress` and `note` on the carried target about `item`.
fn progress(targets: &mut [Target], item: &str, progress: TargetProgress, note: &str) {
    if let Some(t) = targets.iter_mut().find(|t| t.item == item) {
        t.progress = progress;
        t.progress_note = note.into();
    }
}

/// The first review's targets: the initial assessment's carried in with progress, and a new
/// one set at this review.
pub(super) fn first_review_targets(
    def: &ToolkitDefinition,
    h: &Household,
    initial: &Assessment,
    on: NaiveDate,
    rng: &mut dyn Entropy,
) -> Vec<Target> {
    let mut out = initial.open_targets();
    progress(
        &mut out,
        "1.1",
        TargetProgress::Achieved,
        "Breakfast club every school day; Łukasz makes breakfast at weekends.",
    );
    progress(
        &mut out,
        "5.2",
        TargetProgress::SomeProgress,
        "Fewer arguments, but Oskar still hears them at night.",
    );
    progress(
        &mut out,
        DRIFT,
        TargetProgress::NotStarted,
        "No local dentist has a place; the family is on two waiting lists.",
    );
    out.extend(target(
        def,
        h,
        "7.1",
        None,
        (
            "Amélie no longer does Maja's bedtimes on school nights.",
            day(on, 60),
            "Zoë and Łukasz; a referral to the young carers' group.",
        ),
        rng,
    ));
    out
}

/// The second review (see the module documentation), completed ten days ago.
pub(super) fn second_review(
    def: &ToolkitDefinition,
    h: &Household,
    review: &Assessment,
    p: &Pattern,
    cx: Context,
    rng: &mut dyn Entropy,
) -> Assessment {
    let dates = [day(cx.today, -20), day(cx.today, -14)];
    let mut a = Assessment::new_draft(
        Id::generate(rng),
        h.id.clone(),
        AssessmentKind::Review {
            previous: review.id.clone(),
        },
        cx.definition,
        cx.practitioner,
        instant(cx.now, -21),
    );
    a.visits = visits(h, &dates, rng, true);
    a.ratings = review.ratings.clone();
    let below = p.clamp(p.concern as i32 - 1);
    for (k, (_, item)) in def.items().enumerate() {
        for r in a.ratings.iter_mut().filter(|r| r.item == item.number) {
            let Some(before) = r.level else { continue };
            let level = match item.number.as_str() {
                WORSE => p.clamp(before as i32 + 1),
                DRIFT => before,
                _ if before >= p.concern => below,
                _ => before,
            };
            let child = match &r.subject {
                Subject::Child(id) => h.children.iter().position(|c| &c.id == id),
                Subject::Household => None,
            };
            r.level = Some(level);
            for placed in &mut r.placements {
                if let Some(l) = placed.level {
                    placed.level = Some(p.clamp(l as i32 + level as i32 - before as i32));
                }
            }
            for entry in &mut r.per_child {
                if entry.level.is_some_and(|l| l >= p.concern) {
                    entry.level = Some(below);
                }
            }
            r.evidence = evidence(item, level, p, child.map(|n| CHILDREN[n].0));
            if level >= p.concern && r.impact.trim().is_empty() {
                r.impact = impact(k, item, child);
            }
        }
    }
    a.background = review.background.clone();
    a.poverty_context = "The budget plan is holding; the family has not needed the food bank \
        since the spring."
        .into();
    a.strengths = "The parents use their calm-down plan and say so when it works. Amélie has \
        friends at the young carers' group."
        .into();
    a.carer_view = "Łukasz: \u{201c}The house is calmer. Oskar's appointments are the hard part \
        now; we keep missing letters.\u{201d}"
        .into();
    a.child_views = child_views(
        h,
        [
            "\u{201c}I go to the young carers' club on Thursdays. I don't do Maja's bedtime \
             any more.\u{201d}",
            "Oskar chose \u{2018}happy\u{2019} for home and \u{2018}sore\u{2019} for his teeth \
             on his picture board.",
            "Maja was observed walking, babbling and going to both parents for comfort.",
        ],
    );
    a.analysis = "The improvements of the first review have held across both reviews, most of \
        all food, the home and the calm between the parents. Oskar's health care has slipped \
        and his dental care has been at a level of concern at every assessment: drift the plan \
        has to answer."
        .into();
    a.review_answers = answers(def, SECOND_ANSWERS);
    a.targets = review.open_targets();
    progress(
        &mut a.targets,
        "5.2",
        TargetProgress::Achieved,
        "No arguments in front of the children for two months, both parents say.",
    );
    progress(
        &mut a.targets,
        DRIFT,
        TargetProgress::SomeProgress,
        "First appointment booked with the community dental service.",
    );
    progress(
        &mut a.targets,
        "7.1",
        TargetProgress::Achieved,
        "Amélie goes to the young carers' group; Zoë does the bedtimes.",
    );
    a.decision = Decision {
        options: decision_options(
            def,
            &[DecisionKind::SingleAgency, DecisionKind::CommunityReferral],
        ),
        lead_consulted: Some(LeadConsultation {
            name: "Alex Lead (fictional)".into(),
            date: day(dates[1], 1),
            advice: "Step down from early help to single-agency support, keep the dental \
                referral open and bring the review forward if the arguments start again."
                .into(),
        }),
        next_steps: "Continue early help; the school nurse to book Oskar's health \
            appointments with Łukasz; review in three months."
            .into(),
        review_date: Some(day(cx.today, 70)),
        parents: ParentsConsent {
            know: Some(true),
            agree: Some(true),
            why_not: String::new(),
        },
        dash: DashRecord {
            done: Some(true),
            why_not: String::new(),
            date: Some(dates[0]),
            outcome: Some(DashOutcome::Standard),
            marac_referral: false,
        },
        ..Decision::default()
    };
    complete(&mut a, h, instant(cx.now, -10));
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::validate;
    use crate::summary::testkit::default_like;
    use crate::summary::{review_prompts, sustained_improvements, Prompt};
    use crate::SeededEntropy;
    use chrono::TimeZone;

    fn build(def: &ToolkitDefinition) -> super::super::Demo {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        super::super::demo(def, now, &mut SeededEntropy::new(42))
    }

    #[test]
    fn the_second_review_is_valid_completed_and_reviews_the_first() {
        for def in [
            default_like(),
            crate::summary::testkit::five_point(),
            crate::toolkit::bundled_default(),
        ] {
            let d = build(&def);
            assert_eq!(validate(&d.second_review, &d.household, &def), Ok(()));
            assert_eq!(d.second_review.previous(), Some(&d.review.id));
            assert_eq!(d.second_review.status, crate::assessment::Status::Completed);
            assert!(d.review.started_on() < d.second_review.started_on());
        }
    }

    #[test]
    fn one_item_is_worse_one_drifts_and_improvements_hold() {
        let def = default_like();
        let d = build(&def);
        let p = review_prompts(&d.review, &d.second_review, &d.household, &def);
        let worse: Vec<&str> = p
            .iter()
            .filter_map(|p| match p {
                Prompt::Worse { item, .. } => Some(item.as_str()),
                _ => None,
            })
            .collect();
        let drift: Vec<&str> = p
            .iter()
            .filter_map(|p| match p {
                Prompt::Drift { item, .. } => Some(item.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            !worse.is_empty() && worse.iter().all(|i| *i == WORSE),
            "{worse:?}"
        );
        assert!(
            !drift.is_empty() && drift.iter().all(|i| *i == DRIFT),
            "{drift:?}"
        );
        let chain = [&d.initial, &d.review, &d.second_review];
        let sustained = sustained_improvements(&chain, &d.household, &def);
        assert!(sustained.iter().any(|s| s.reviews == 2));
    }

    #[test]
    fn targets_are_set_carried_and_progressed_and_the_questions_answered() {
        let def = crate::toolkit::bundled_default();
        let d = build(&def);
        assert_eq!(d.initial.targets.len(), 3);
        assert!(d.initial.targets.iter().all(|t| !t.is_carried()));
        let carried = |a: &Assessment| a.targets.iter().filter(|t| t.is_carried()).count();
        assert_eq!(carried(&d.review), 3);
        assert_eq!(
            d.review.targets.len(),
            4,
            "one new target at the first review"
        );
        // The achieved target of the first review is not carried into the second.
        assert_eq!(carried(&d.second_review), 3);
        assert!(d
            .second_review
            .targets
            .iter()
            .all(|t| t.item != "1.1" && t.carried_from.as_ref() == Some(&d.review.id)));
        assert!(d
            .review
            .targets
            .iter()
            .any(|t| t.progress == TargetProgress::Achieved));
        assert!(d
            .second_review
            .targets
            .iter()
            .any(|t| t.progress == TargetProgress::SomeProgress));
        for a in [&d.review, &d.second_review] {
            assert_eq!(a.review_answers.len(), def.review_questions.len());
            assert_eq!(def.review_questions.len(), 5);
            assert!(a.review_answers.iter().all(|x| !x.answer.is_empty()));
        }
    }
}
