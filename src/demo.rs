//! A clearly fictional household for a first look at the app and for tests: three children, a
//! completed initial assessment, a review of it and a second review (see [`review`] for what
//! the reviews show: targets carried and progressed, the review questions answered, one item
//! worse, one drifting and improvements that held).
//!
//! The data is built against whatever definition it is given: every item of every area is rated
//! by a fixed pattern relative to the definition's scale, so the demo stays valid when the
//! wording, the number of items or the scale changes. A few items are looked up by number to show
//! one thing each; a definition without one of them simply goes without it:
//!
//! - 5.2 (parental conflict) is rated at its alert's threshold so that the alert fires, and
//!   records each child's own view and impact;
//! - 1.1 (food and nutrition) is at the top of the scale for the eldest in the initial
//!   assessment, so that the significant-harm prompt fires; she places herself too (a young
//!   person aged 12 or more);
//! - 1.2 (home conditions) carries both carers' own placements, which differ;
//! - 7.1 (putting the child's needs first) sets the eldest's level apart from the household's,
//!   with a reason and each child's impact: she is relied on as a young carer;
//! - 7.2 (engagement with support) has the practitioner's level shared with the family and a
//!   strength marked to share.
//!
//! Every other carer's placement is the mother's. Dates are counted back from `now` and ids come
//! from `rng`, so the same inputs give the same demo.

use crate::assessment::{
    Address, Assessment, AssessmentKind, BackgroundEvent, Birth, Carer, Child, ChildNote,
    ChildOnItem, ChildSeen, DashOutcome, DashRecord, Decision, DefinitionRef, EventKind, FrontDoor,
    HomeState, Household, Id, LeadConsultation, Level, LifecycleEvent, LifecycleEventKind,
    Mismatch, OtherAgency, ParentsConsent, PlacedBy, Placement, Practitioner, Rating, Status,
    Subject, UsualState, Visit,
};
use crate::chronology::{Chronology, ChronologyEntry, EntryDate, Impact, Source};
use crate::toolkit::{content_hash, DecisionKind, Item, Scope, ToolkitDefinition};
use crate::Entropy;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};

mod review;

/// The demo data.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The fictional household.
    pub household: Household,
    /// A completed initial assessment.
    pub initial: Assessment,
    /// A completed review of `initial`.
    pub review: Assessment,
    /// A completed review of `review`, the latest assessment.
    pub second_review: Assessment,
}

/// The parental conflict item, whose alert the demo raises.
const PARENTAL_CONFLICT: &str = "5.2";
/// The item at the top of the scale for the eldest in the initial assessment.
const TOP_LEVEL_ITEM: &str = "1.1";
/// The item on which the two carers place themselves differently.
const TWO_PLACEMENTS: &str = "1.2";

/// The initial assessment's home: recently worse, tidied by a support worker without the
/// parents; and an explanation on safety in the home that did not match what was seen.
fn home_and_mismatch(def: &ToolkitDefinition, ratings: &mut [Rating]) {
    for r in ratings.iter_mut() {
        match r.item.as_str() {
            "1.2" if def.item("1.2").is_some_and(|i| i.about_home) => {
                r.home = Some(HomeState {
                    usual: Some(UsualState::RecentlyWorse),
                    outside_help: true,
                    parents_contributed: false,
                })
            }
            "3.1" => {
                r.mismatch = Some(Mismatch {
                    note: "Zoë said the stair gate broke last week; it was seen still in its \
                           box in the hall, never fitted."
                        .into(),
                })
            }
            _ => {}
        }
    }
}
/// The household item on which the eldest's level is set apart.
const SET_APART: &str = "7.1";
/// The item whose level and a strength are shared with the family.
const SHARED: &str = "7.2";

/// The demo children, eldest first: first name, full name, age in months on `now`, additional
/// needs, first language, setting.
const CHILDREN: [(&str, &str, u32, &str, &str, &str); 3] = [
    (
        "Amélie",
        "Amélie Example",
        13 * 12 + 4,
        "",
        "English",
        "Exampletown Academy, Year 8",
    ),
    (
        "Oskar",
        "Oskar Przykład",
        7 * 12 + 2,
        "Autistic; communicates with a picture exchange system and a few spoken words",
        "Polish and English",
        "Sample Street Primary, resource base",
    ),
    (
        "Maja",
        "Maja Przykład",
        14,
        "",
        "Polish and English",
        "At home",
    ),
];

/// Build the demo household and its two assessments against `def`.
pub fn demo(def: &ToolkitDefinition, now: DateTime<Utc>, rng: &mut dyn Entropy) -> Demo {
    let today = now.date_naive();
    let household = household(today, now, rng);
    let definition = DefinitionRef {
        id: def.id.clone(),
        version: def.version.clone(),
        hash: content_hash(def),
    };
    let practitioner = Practitioner {
        name: "Sam Sample".into(),
        role: "Health visitor".into(),
        agency: "Exampletown Community Health (fictional)".into(),
        phone: "01632 960123".into(),
        email: "sam.sample@example.org".into(),
    };
    let pattern = Pattern::new(def);

    // The initial assessment: two visits about eight months ago.
    let initial_visits = [day(today, -240), day(today, -233)];
    let mut initial = Assessment::new_draft(
        Id::generate(rng),
        household.id.clone(),
        AssessmentKind::Initial,
        definition.clone(),
        practitioner.clone(),
        instant(now, -241),
    );
    initial.visits = visits(&household, &initial_visits, rng, false);
    initial.ratings = ratings(def, &household, &pattern, Round::Initial);
    initial.background = "The family moved to Exampletown eighteen months ago after Łukasz found \
        work here. Maja was born soon after. Zoë has had low mood since the birth and is on a \
        waiting list for talking therapy. The family has had no earlier involvement with \
        children's services."
        .into();
    initial.background_events = vec![
        BackgroundEvent {
            kind: EventKind::Move,
            date: day(today, -540),
            note: "Moved to Exampletown for Łukasz's work, away from Zoë's friends.".into(),
        },
        BackgroundEvent {
            kind: EventKind::NewBaby,
            date: household.children[2].birth.date(),
            note: "Maja born.".into(),
        },
        BackgroundEvent {
            kind: EventKind::JobLoss,
            date: day(today, -150),
            note: "Łukasz's warehouse hours were cut to a zero-hours contract.".into(),
        },
    ];
    home_and_mismatch(def, &mut initial.ratings);
    initial.poverty_context = "Łukasz's hours were cut in the autumn and a Universal Credit \
        claim was delayed; the family used a food bank twice. The gas meter is prepayment and \
        has run out more than once. The ratings grade the care given within what the family \
        has, not the family's income."
        .into();
    initial.strengths = "Both parents love the children and are open about what is hard. \
        Zoë's sister lives nearby and helps with school runs. Oskar's school knows him well."
        .into();
    initial.carer_view = "Zoë: \u{201c}We are just so tired. I know the house is a mess and the \
        shouting is not good for them.\u{201d} Łukasz: \u{201c}I want help with Oskar's \
        meltdowns, not people judging us.\u{201d}"
        .into();
    initial.child_views = child_views(
        &household,
        [
            "\u{201c}Home is OK but Mum and Dad argue loads and I stay in my room. I'd like \
             more food in the cupboards.\u{201d}",
            "Using his picture board, Oskar chose \u{2018}happy\u{2019} for school and \
             \u{2018}loud\u{2019} and \u{2018}scared\u{2019} for home at night.",
            "Maja is too young to say. She was observed to be settled with Zoë, smiled and \
             babbled, and reached for her father.",
        ],
    );
    initial.analysis = "Across most areas the children's needs are met only some of the time, \
        with a clear impact on Amélie and Oskar: hunger at school, tiredness and fear at night. \
        The parents' conflict and Zoë's low mood sit behind much of this. There are real \
        strengths to build on, and both parents want help."
        .into();
    initial.practitioner_notes =
        "Check with the school nurse about Amélie's weight. Ask Zoë about the DASH checklist \
         when seen alone."
            .into();
    initial.decision = Decision {
        options: decision_options(def, &[DecisionKind::RequestForSupport]),
        lead_consulted: Some(LeadConsultation {
            name: "Alex Lead (fictional)".into(),
            date: day(initial_visits[1], 2),
            advice: "Request early help now, with the parents' agreement; keep talking about \
                the arguments at home and complete the DASH checklist with Zoë when it is safe."
                .into(),
        }),
        next_steps: "Early help assessment with the family's agreement; referral for Zoë's \
            mood; a parenting course for both parents; a food bank voucher and a check of \
            benefit entitlements; school to share Amélie's lunch records."
            .into(),
        review_date: Some(day(today, -130)),
        front_door: front_door(def),
        parents: ParentsConsent {
            know: Some(true),
            agree: Some(true),
            why_not: String::new(),
        },
        dash: DashRecord {
            done: Some(false),
            why_not: "Zoë was not yet seen alone and safe to talk; planned for the next visit."
                .into(),
            ..DashRecord::default()
        },
    };
    initial.targets = review::initial_targets(def, &household, initial_visits[1], rng);
    complete(&mut initial, &household, instant(now, -230));

    // The first review: two visits about four months ago.
    let review_visits = [day(today, -130), day(today, -124)];
    let mut review = Assessment::new_draft(
        Id::generate(rng),
        household.id.clone(),
        AssessmentKind::Review {
            previous: initial.id.clone(),
        },
        definition.clone(),
        practitioner.clone(),
        instant(now, -131),
    );
    review.visits = visits(&household, &review_visits, rng, true);
    review.ratings = ratings(def, &household, &pattern, Round::Review);
    review.background = initial.background.clone();
    review.background_events = initial.background_events.clone();
    review.poverty_context = "Universal Credit is now paid on time and the family has a budget \
        plan from the welfare rights service. Money is still tight."
        .into();
    review.strengths = "The parents have finished the parenting course and use its ideas. \
        Zoë has started talking therapy. Grandparents visited from Poland and helped."
        .into();
    review.carer_view = "Zoë: \u{201c}Things are calmer. We still argue, but not in front of \
        the kids.\u{201d}"
        .into();
    review.child_views = child_views(
        &household,
        [
            "\u{201c}It's better. Dad makes breakfast now. I still want my own room.\u{201d}",
            "Oskar chose \u{2018}happy\u{2019} for home and for school on his picture board.",
            "Maja was observed to be lively and curious, crawling to her parents for comfort.",
        ],
    );
    review.analysis = "Several areas have improved, most of all food and the calm at home. \
        Some needs are still not met, and one area has slipped while the parents' attention \
        went elsewhere. The family is engaging well."
        .into();
    review.decision = Decision {
        options: decision_options(
            def,
            &[DecisionKind::SingleAgency, DecisionKind::RequestForSupport],
        ),
        lead_consulted: Some(LeadConsultation {
            name: "Alex Lead (fictional)".into(),
            date: day(review_visits[1], 1),
            advice: "Keep visiting as the health visiting team and continue early help for \
                three months; ask the housing officer about the damp bedroom."
                .into(),
        }),
        next_steps: "Continue early help for three months; review again then.".into(),
        review_date: Some(day(today, -20)),
        front_door: front_door(def),
        parents: ParentsConsent {
            know: Some(true),
            agree: Some(true),
            why_not: String::new(),
        },
        dash: DashRecord {
            done: Some(true),
            why_not: String::new(),
            date: Some(review_visits[1]),
            outcome: Some(DashOutcome::Medium),
            marac_referral: false,
        },
    };
    review.review_answers = review::answers(def, review::FIRST_ANSWERS);
    review.targets = review::first_review_targets(def, &household, &initial, review_visits[1], rng);
    complete(&mut review, &household, instant(now, -120));

    let second_review = review::second_review(
        def,
        &household,
        &review,
        &pattern,
        review::Context {
            today,
            now,
            definition,
            practitioner,
        },
        rng,
    );

    Demo {
        household,
        initial,
        review,
        second_review,
    }
}

/// `days` after `d` (before, when negative), or `d` itself at the edge of the calendar.
fn day(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(days)).unwrap_or(d)
}

/// `days` after `t` (before, when negative), or `t` itself at the edge of the calendar.
fn instant(t: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    t.checked_add_signed(Duration::days(days)).unwrap_or(t)
}

fn household(today: NaiveDate, now: DateTime<Utc>, rng: &mut dyn Entropy) -> Household {
    let id = Id::generate(rng);
    let carers = vec![
        Carer {
            id: Id::generate(rng),
            name: "Zoë Example".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: "01632 960001".into(),
        },
        Carer {
            id: Id::generate(rng),
            name: "Łukasz Przykład".into(),
            relationship: "Father".into(),
            parental_responsibility: true,
            phone: "01632 960002".into(),
        },
    ];
    let children = CHILDREN
        .iter()
        .map(|(_, name, months, needs, language, setting)| Child {
            id: Id::generate(rng),
            name: (*name).into(),
            birth: Birth::Born(
                today
                    .checked_sub_months(Months::new(*months))
                    .unwrap_or(today),
            ),
            gender: String::new(),
            setting: (*setting).into(),
            additional_needs: (*needs).into(),
            language: (*language).into(),
        })
        .collect();
    Household {
        id,
        name: "Example family (fictional)".into(),
        reference: "DEMO-0001".into(),
        address: Address {
            lines: vec!["1 Sample Street".into(), "Exampletown".into()],
            postcode: "ZZ99 9ZZ".into(),
        },
        language: "English and Polish".into(),
        interpreter_needed: false,
        carers,
        children,
        agencies: agencies(),
        created_at: instant(now, -242),
        updated_at: instant(now, -10),
    }
}

/// Two visits: at the first, the eldest is at school; at the second every child is seen and the
/// two older ones are seen alone.
fn visits(
    h: &Household,
    dates: &[NaiveDate; 2],
    rng: &mut dyn Entropy,
    review: bool,
) -> Vec<Visit> {
    let seen = |second: bool| {
        h.children
            .iter()
            .enumerate()
            .map(|(n, c)| ChildSeen {
                child_id: c.id.clone(),
                seen: second || n > 0,
                seen_alone: second && n < 2,
            })
            .collect()
    };
    let notes = if review {
        [
            "After-school visit. Kitchen stocked; the children had eaten.",
            "Amélie and Oskar seen alone; Oskar used his picture board. Home calm.",
        ]
    } else {
        [
            "Morning visit. Amélie at school. Little food in the kitchen; the house cold.",
            "Amélie seen alone in the park; Oskar seen alone with his picture board.",
        ]
    };
    dates
        .iter()
        .zip(notes)
        .enumerate()
        .map(|(n, (date, note))| Visit {
            id: Id::generate(rng),
            date: *date,
            present: vec![
                "Zoë Example (mother)".into(),
                "Łukasz Przykład (father)".into(),
                "Sam Sample (health visitor)".into(),
            ],
            children_seen: seen(n == 1),
            notes: note.into(),
        })
        .collect()
}

fn child_views(h: &Household, texts: [&str; 3]) -> Vec<ChildNote> {
    h.children
        .iter()
        .zip(texts)
        .map(|(c, t)| ChildNote {
            child_id: c.id.clone(),
            text: t.into(),
        })
        .collect()
}

/// The first option of each of `kinds` the definition offers; with none of them, the
/// early-help option, else its first option, else none.
fn decision_options(def: &ToolkitDefinition, kinds: &[DecisionKind]) -> Vec<String> {
    let chosen: Vec<String> = kinds
        .iter()
        .filter_map(|k| def.decision_options.iter().find(|o| o.kind == Some(*k)))
        .map(|o| o.code.clone())
        .collect();
    if !chosen.is_empty() {
        return chosen;
    }
    def.decision_options
        .iter()
        .find(|o| o.code == "early-help")
        .or_else(|| def.decision_options.first())
        .map(|o| vec![o.code.clone()])
        .unwrap_or_default()
}

/// The early-help contact of the definition as the front door, else its first contact.
fn front_door(def: &ToolkitDefinition) -> Option<FrontDoor> {
    def.contacts
        .iter()
        .find(|c| c.id == "early-help")
        .or_else(|| def.contacts.first())
        .map(FrontDoor::from_contact)
}

/// Two other agencies working with the family.
fn agencies() -> Vec<OtherAgency> {
    vec![
        OtherAgency {
            agency: "Exampletown Academy (fictional)".into(),
            role: "School nurse".into(),
            name: "Robin Nurse (fictional)".into(),
            contact: "01632 960123".into(),
        },
        OtherAgency {
            agency: "Exampletown Housing (fictional)".into(),
            role: "Housing officer".into(),
            name: "Kit Housing (fictional)".into(),
            contact: "housing.officer@example.org".into(),
        },
    ]
}

/// Complete `a` as the app does: locked, with the household kept as it is (its sheet is drawn
/// from that copy).
fn complete(a: &mut Assessment, household: &Household, at: DateTime<Utc>) {
    a.status = Status::Completed;
    a.household_snapshot = Some(household.clone());
    a.history.push(LifecycleEvent {
        at,
        by: a.practitioner.name.clone(),
        event: LifecycleEventKind::Completed,
    });
    a.updated_at = at;
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Round {
    Initial,
    Review,
}

/// The levels used, relative to the definition's scale.
struct Pattern {
    concern: Level,
    max: Level,
    /// The child-scope items, in definition order.
    child_items: Vec<String>,
}

impl Pattern {
    fn new(def: &ToolkitDefinition) -> Self {
        let max = def.max_level().max(1);
        Pattern {
            concern: def.scale.concern_from.clamp(1, max),
            max,
            child_items: def
                .items()
                .filter(|(_, i)| i.scope == Scope::Child)
                .map(|(_, i)| i.number.clone())
                .collect(),
        }
    }

    fn clamp(&self, level: i32) -> Level {
        level.clamp(1, self.max as i32) as Level
    }

    /// The initial level of the `k`th item (definition order) for child `child` (`None`: the
    /// household): most items at the level of concern, one in four just below it, and the
    /// eldest's food at the top of the scale. The youngest child is a step better cared for in
    /// her own items.
    fn initial(&self, k: usize, item: &Item, child: Option<usize>) -> Level {
        if item.number == PARENTAL_CONFLICT {
            let at = item
                .alerts
                .first()
                .map_or(self.concern, |a| a.when_level_at_least);
            return self.clamp(at as i32);
        }
        if item.number == TOP_LEVEL_ITEM && child == Some(0) {
            return self.max;
        }
        let c = self.concern as i32;
        let base = match k % 4 {
            0 | 1 | 3 => c,
            _ => c - 1,
        };
        self.clamp(base - i32::from(child == Some(2)))
    }

    /// The review level: one in two items better (the worst by two levels), one in four the
    /// same, one in four worse.
    fn review(&self, k: usize, item: &Item, initial: Level) -> Level {
        if item.number == PARENTAL_CONFLICT {
            return self.clamp(self.concern as i32 - 1);
        }
        let l = initial as i32;
        match k % 4 {
            0 => self.clamp(l - 1),
            1 => initial,
            2 => self.clamp(l + 1),
            _ => self.clamp(l - 2),
        }
    }

    /// Whether child `child` has item `number` assessed in `round`: the youngest's last child
    /// item is never assessed, her second-last only at the review, and the eldest's last child
    /// item only in the initial assessment.
    fn assessed(&self, number: &str, child: usize, round: Round) -> bool {
        let last = self.child_items.last().map(String::as_str);
        let second_last = self
            .child_items
            .len()
            .checked_sub(2)
            .map(|i| self.child_items[i].as_str());
        match child {
            2 if Some(number) == last => false,
            2 if Some(number) == second_last => round == Round::Review,
            0 if Some(number) == last => round == Round::Initial,
            _ => true,
        }
    }
}

fn ratings(def: &ToolkitDefinition, h: &Household, p: &Pattern, round: Round) -> Vec<Rating> {
    let mut out = Vec::new();
    for (k, (_, item)) in def.items().enumerate() {
        let subjects: Vec<(Subject, Option<usize>)> = match item.scope {
            Scope::Household => vec![(Subject::Household, None)],
            Scope::Child => h
                .children
                .iter()
                .enumerate()
                .map(|(n, c)| (Subject::Child(c.id.clone()), Some(n)))
                .collect(),
        };
        for (subject, child) in subjects {
            let mut r = Rating::new(item.number.clone(), subject);
            let name = child.map(|n| CHILDREN[n % CHILDREN.len()].0);
            if let Some(n) = child {
                if !p.assessed(&item.number, n, round) {
                    r.evidence = if round == Round::Review && n == 0 {
                        "Not assessed at this review: Amélie was away on a school trip at both \
                         visits."
                            .into()
                    } else {
                        "Not assessed: not yet meaningful at Maja's age.".into()
                    };
                    out.push(r);
                    continue;
                }
            }
            let first = p.initial(k, item, child);
            let level = match round {
                Round::Initial => first,
                Round::Review => p.review(k, item, first),
            };
            r.level = Some(level);
            // The mother mostly places herself a level better than the practitioner does.
            r.placements = vec![Placement {
                by: carer(h, 0),
                level: Some(if k % 2 == 0 {
                    level
                } else {
                    p.clamp(level as i32 - 1)
                }),
                words: String::new(),
            }];
            r.evidence = evidence(item, level, p, name);
            if level >= p.concern {
                r.impact = impact(k, item, child);
            }
            r.strengths = STRENGTHS[k % STRENGTHS.len()].into();
            if k % 3 == 0 {
                r.child_view = match child {
                    Some(0) => "Amélie: \u{201c}It's fine, I sort myself out.\u{201d}".into(),
                    Some(1) => "Oskar pointed to \u{2018}happy\u{2019} on his board.".into(),
                    Some(_) => "Maja's view was observed: she was content and engaged.".into(),
                    None => "The children said home feels calmer when nobody is shouting.".into(),
                };
            }
            out.push(r);
        }
    }
    if round == Round::Initial {
        mark_gaps(&mut out, p, h.children.last().map(|c| &c.id));
    }
    individual(&mut out, h, p, round);
    out
}

/// The placement of the carer at `n` in the household (the mother is 0, the father 1).
fn carer(h: &Household, n: usize) -> PlacedBy {
    PlacedBy::Carer {
        carer_id: h.carers[n % h.carers.len()].id.clone(),
    }
}

/// The items that show one thing each (see the module documentation).
fn individual(out: &mut [Rating], h: &Household, p: &Pattern, round: Round) {
    let find = |out: &mut [Rating], number: &str, subject: &Subject| -> Option<usize> {
        out.iter()
            .position(|r| r.item == number && &r.subject == subject)
    };
    let kid = |n: usize| h.children[n].id.clone();
    let entry = |n: usize, impact: &str, view: &str| ChildOnItem {
        child_id: kid(n),
        impact: impact.into(),
        child_view: view.into(),
        level: None,
        level_reason: String::new(),
        significant_harm: false,
    };

    // The eldest places herself on her food: a young person's own placement.
    if let Some(i) = find(out, TOP_LEVEL_ITEM, &Subject::Child(kid(0))) {
        let r = &mut out[i];
        r.placements.push(Placement {
            by: PlacedBy::Child { child_id: kid(0) },
            level: Some(p.clamp(2)),
            words: match round {
                Round::Initial => {
                    "\u{201c}It's fine, I sort myself out. There's cereal most days.\u{201d}"
                }
                Round::Review => "\u{201c}Better. Dad makes breakfast now.\u{201d}",
            }
            .into(),
        });
        if round == Round::Initial {
            r.impact = "Amélie's school reports she often has no lunch and has lost weight; \
                she says she gives her food to Oskar when the cupboard is empty."
                .into();
        }
    }

    // Both carers place themselves on the home, differently, in their own words.
    if let Some(i) = find(out, TWO_PLACEMENTS, &Subject::Household) {
        let r = &mut out[i];
        r.placements = vec![
            Placement {
                by: carer(h, 0),
                level: r.level,
                words: "\u{201c}The house gets on top of me when I'm low.\u{201d}".into(),
            },
            Placement {
                by: carer(h, 1),
                level: Some(1),
                words: "\u{201c}It's a family home. It's lived in, that's all.\u{201d}".into(),
            },
        ];
    }

    // Each child on the parental conflict: their own view and impact.
    if let Some(i) = find(out, PARENTAL_CONFLICT, &Subject::Household) {
        if h.children.len() >= 3 {
            out[i].per_child = vec![
                entry(
                    0,
                    "Amélie stays in her room with headphones on when the shouting starts and \
                     says she cannot sleep afterwards.",
                    "\u{201c}They argue loads. I put my music on so I can't hear.\u{201d}",
                ),
                entry(
                    1,
                    "Oskar covers his ears and hides under the table, and has more meltdowns \
                     at school the next day.",
                    "Oskar chose \u{2018}loud\u{2019} and \u{2018}scared\u{2019} on his \
                     picture board for home at night.",
                ),
                entry(
                    2,
                    "Maja startles and cries at raised voices and is slow to settle again \
                     afterwards.",
                    "",
                ),
            ];
        }
    }

    // The eldest set apart on putting the children's needs first: a young carer.
    if let Some(i) = find(out, SET_APART, &Subject::Household) {
        if h.children.len() >= 3 {
            let r = &mut out[i];
            let household = r.level.unwrap_or(p.concern);
            r.level = Some(p.clamp(household as i32 - 1));
            let mut eldest = entry(
                0,
                "Amélie does the bedtimes and school runs for Maja when Zoë is low, and has \
                 missed school twice this half-term to do it.",
                "\u{201c}Someone has to do Maja's bedtime. I don't mind, mostly.\u{201d}",
            );
            if round == Round::Initial {
                eldest.level = Some(household);
                eldest.level_reason = "Amélie is relied on as a young carer: her own needs come \
                    after her sister's and her parents', which is not so for Oskar or Maja."
                    .into();
            }
            r.per_child = vec![
                eldest,
                entry(
                    1,
                    "Oskar's routines are kept; Łukasz plans the evenings around what Oskar \
                     needs to stay calm.",
                    "",
                ),
                entry(
                    2,
                    "Maja's feeds and naps are kept to time by both parents, even on hard days.",
                    "",
                ),
            ];
        }
    }

    // The practitioner shares the level of engagement with support, and a strength.
    if let Some(i) = find(out, SHARED, &Subject::Household) {
        let r = &mut out[i];
        r.share_level = true;
        r.shared_text = "You have come to every appointment and asked for help when things got \
            hard. That takes courage, and it is making a difference."
            .into();
    }
}

/// In the initial assessment: one rating at a level of concern with no impact recorded yet (the
/// youngest child's first such rating where there is one), and a carer who places herself two
/// levels apart from the practitioner on the first rating where the scale allows it.
fn mark_gaps(out: &mut [Rating], p: &Pattern, youngest: Option<&Id>) {
    // The items that show something else keep their impact.
    let concern = |r: &Rating| {
        r.level.is_some_and(|l| l >= p.concern)
            && ![TOP_LEVEL_ITEM, SET_APART].contains(&r.item.as_str())
    };
    let missing = out
        .iter()
        .position(|r| {
            concern(r)
                && r.item != PARENTAL_CONFLICT
                && youngest.is_some_and(|y| matches!(&r.subject, Subject::Child(id) if id == y))
        })
        .or_else(|| {
            out.iter()
                .position(|r| concern(r) && r.item != PARENTAL_CONFLICT)
        });
    if let Some(i) = missing {
        out[i].impact.clear();
    }
    for r in out.iter_mut() {
        let Some(level) = r.level else { continue };
        let Some(placed) = r.placements.first_mut() else {
            continue;
        };
        if level > 2 {
            placed.level = Some(level - 2);
            return;
        }
        if let Some(carer) = level.checked_add(2).filter(|&l| l <= p.max) {
            placed.level = Some(carer);
            return;
        }
    }
}

const STRENGTHS: [&str; 5] = [
    "Zoë asks for advice and follows it through.",
    "Łukasz is patient with Oskar and knows his routines.",
    "The children are affectionate with both parents.",
    "Zoë's sister helps most days.",
    "The parents are honest about what is not going well.",
];

fn evidence(item: &Item, level: Level, p: &Pattern, child: Option<&str>) -> String {
    let who = child.unwrap_or("the children");
    let what = if level == 1 {
        format!("seen to meet {who}'s needs well at every visit")
    } else if level < p.concern {
        format!("mostly meets {who}'s needs, with some gaps the parents recognise")
    } else if level < p.max {
        format!("meets {who}'s needs only some of the time")
    } else {
        format!("leaves {who}'s needs unmet most of the time")
    };
    format!("{}: care {what}.", item.title)
}

/// Examples of the impact on each child (eldest first) and on all of them, varied by item.
const IMPACTS: [[&str; 3]; 4] = [
    [
        "Amélie's teachers say she is tired and withdrawn in class.",
        "Amélie has stopped inviting friends home and says she is embarrassed.",
        "Amélie missed school twice this half-term to look after Maja.",
    ],
    [
        "Oskar has more meltdowns at school after a difficult night.",
        "Oskar arrives at school hungry and cannot settle until he has eaten.",
        "Oskar missed two speech and language therapy sessions.",
    ],
    [
        "Maja's weight has dropped below her centile line.",
        "Maja had nappy rash that had not been treated.",
        "Maja was slow to be comforted and cried when put down.",
    ],
    [
        "All three children come to school or nursery tired.",
        "The children have had more coughs and colds in the damp rooms.",
        "The children tiptoe around their parents' moods.",
    ],
];

fn impact(k: usize, item: &Item, child: Option<usize>) -> String {
    if item.number == PARENTAL_CONFLICT {
        return "The children hear shouting at night; Oskar covers his ears and hides, Amélie \
                stays in her room."
            .into();
    }
    let who = child.map_or(IMPACTS.len() - 1, |n| n.min(IMPACTS.len() - 2));
    IMPACTS[who][k % 3].into()
}

/// One demo chronology entry: date, category, event, agency, role, children, impact, impact
/// note, action.
type DemoEntry = (
    EntryDate,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Vec<Id>,
    Impact,
    &'static str,
    &'static str,
);

/// The demo household's chronology: entries from four fictional agencies over the last year,
/// one of them a no-access visit and one approximate (month and year only). Ids come from `rng`
/// after the household's and assessments' ids, so those stay as they were.
pub fn chronology(h: &Household, now: DateTime<Utc>, rng: &mut dyn Entropy) -> Chronology {
    let today = now.date_naive();
    let kid = |i: usize| h.children.get(i).map(|c| c.id.clone());
    let kids = |is: &[usize]| is.iter().filter_map(|&i| kid(i)).collect::<Vec<_>>();
    let month = |days: i64| {
        let d = day(today, days);
        EntryDate::Month {
            year: d.year(),
            month: d.month(),
        }
    };
    let rows: [DemoEntry; 6] = [
        (
            month(-330),
            "house-move",
            "The family moved from temporary accommodation to 1 Sample Street.",
            "Exampletown Housing (fictional)",
            "Housing officer",
            Vec::new(),
            Impact::Positive,
            "A settled home near the children's schools, with a bedroom for the eldest.",
            "Tenancy support visits offered for three months.",
        ),
        (
            EntryDate::Day(day(today, -200)),
            "missed-health-appointment",
            "Maja was not brought to her 9-month developmental review.",
            "Exampletown Community Health (fictional)",
            "Health visitor",
            kids(&[2]),
            Impact::NotKnown,
            "Her development could not be checked; the review was rebooked.",
            "Letter and phone call to the mother; new appointment offered.",
        ),
        (
            EntryDate::Day(day(today, -150)),
            "school-absence-or-exclusion",
            "Amélie's attendance fell to 84% this term, mostly Monday mornings.",
            "Exampletown Academy (fictional)",
            "Attendance officer",
            kids(&[0]),
            Impact::Negative,
            "She has missed lessons and says she stays home to look after Maja.",
            "Meeting with the mother; referral to the young carers service discussed.",
        ),
        (
            EntryDate::Day(day(today, -125)),
            "no-access-visit",
            "Planned home visit: no answer at the door; lights on and a television heard.",
            "Exampletown Community Health (fictional)",
            "Health visitor",
            kids(&[1, 2]),
            Impact::NotKnown,
            "The children were not seen; the home could not be checked.",
            "Card left; a new visit arranged by phone for the following week.",
        ),
        (
            EntryDate::Day(day(today, -118)),
            "referral-made",
            "Referral to early help with the completed toolkit.",
            "Exampletown Community Health (fictional)",
            "Health visitor",
            Vec::new(),
            Impact::NotKnown,
            "Too early to tell; the family agreed to the referral.",
            "Early help assessment requested; the family were given the hub's number.",
        ),
        (
            EntryDate::Day(day(today, -60)),
            "support-started-or-ended",
            "Oskar started speech and language therapy sessions at school.",
            "Sample Street Primary (fictional)",
            "SENCo",
            kids(&[1]),
            Impact::Positive,
            "He now uses more picture cards at home to ask for food and drink.",
            "The school shares the picture cards with the parents each Friday.",
        ),
    ];
    let mut c = Chronology {
        household_id: h.id.clone(),
        entries: rows
            .into_iter()
            .map(
                |(date, category, event, agency, role, children, impact, note, action)| {
                    ChronologyEntry {
                        id: Id::generate(rng),
                        date,
                        event: event.into(),
                        category: category.into(),
                        source: Source {
                            agency: agency.into(),
                            role: role.into(),
                        },
                        children,
                        impact,
                        impact_note: note.into(),
                        action: action.into(),
                    }
                },
            )
            .collect(),
    };
    c.sort();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::validate;
    use crate::summary::testkit::{default_like, five_point};
    use crate::summary::{compare, summarise, Change, Prompt};
    use crate::SeededEntropy;
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    fn build(def: &ToolkitDefinition) -> Demo {
        demo(def, now(), &mut SeededEntropy::new(42))
    }

    #[test]
    fn both_assessments_are_valid_for_several_definitions() {
        for def in [
            default_like(),
            five_point(),
            crate::toolkit::bundled_default(),
        ] {
            let d = build(&def);
            assert_eq!(
                validate(&d.initial, &d.household, &def),
                Ok(()),
                "{}",
                def.id
            );
            assert_eq!(
                validate(&d.review, &d.household, &def),
                Ok(()),
                "{}",
                def.id
            );
        }
    }

    #[test]
    fn the_household_is_fictional_and_as_described() {
        let d = build(&default_like());
        let h = &d.household;
        assert!(h.name.contains("fictional"));
        assert_eq!(h.address.postcode, "ZZ99 9ZZ");
        assert_eq!(h.carers.len(), 2);
        assert_eq!(h.children.len(), 3);
        let ages: BTreeSet<_> = h
            .children
            .iter()
            .map(|c| c.birth.age_months(now().date_naive()))
            .collect();
        assert_eq!(ages.len(), 3, "three different ages");
        assert_eq!(
            h.children
                .iter()
                .filter(|c| !c.additional_needs.is_empty())
                .count(),
            1
        );
        assert!(h.carers.iter().any(|c| !c.name.is_ascii()));
        assert!(h.children.iter().any(|c| !c.name.is_ascii()));
    }

    #[test]
    fn the_assessments_are_completed_and_linked() {
        let d = build(&default_like());
        assert_eq!(d.initial.status, Status::Completed);
        assert_eq!(d.review.status, Status::Completed);
        assert_eq!(d.initial.kind, AssessmentKind::Initial);
        assert_eq!(d.review.previous(), Some(&d.initial.id));
        assert!(d.initial.started_on() < d.review.started_on());
        let decision = &d.initial.decision;
        assert_eq!(decision.options, ["early-help"]);
        assert!(decision.lead_consulted.is_some());
        assert!(decision.review_date.is_some());
        for a in [&d.initial, &d.review] {
            assert!(a
                .visits
                .iter()
                .flat_map(|v| &v.children_seen)
                .any(|s| s.seen_alone));
            assert!(!a.analysis.is_empty());
            assert_eq!(a.child_views.len(), 3);
        }
    }

    #[test]
    fn every_area_is_rated_in_the_initial_assessment() {
        let def = default_like();
        let d = build(&def);
        for area in &def.areas {
            assert!(area.items.iter().any(|i| d
                .initial
                .ratings
                .iter()
                .any(|r| r.item == i.number && r.level.is_some() && !r.evidence.is_empty())));
        }
        assert!(d.initial.ratings.iter().any(|r| r.has_impact()));
        assert!(d.initial.ratings.iter().any(|r| !r.strengths.is_empty()));
        assert!(d.initial.ratings.iter().any(|r| !r.child_view.is_empty()));
    }

    #[test]
    fn the_demo_shows_every_prompt_and_change_kind() {
        let def = default_like();
        let d = build(&def);
        let mut prompts = BTreeSet::new();
        for a in [&d.initial, &d.review] {
            for p in summarise(a, &d.household, &def).prompts {
                prompts.insert(match p {
                    Prompt::Concern { .. } => "concern",
                    Prompt::MissingImpact { .. } => "missing_impact",
                    Prompt::CarerGap { .. } => "carer_gap",
                    Prompt::SignificantHarm { .. } => "significant_harm",
                    Prompt::Worse { .. } => "worse",
                    Prompt::Drift { .. } => "drift",
                    Prompt::ExplanationMismatch { .. } => "explanation_mismatch",
                    Prompt::Alert { alert_id, .. } => {
                        assert_eq!(alert_id, "domestic-abuse");
                        "alert"
                    }
                });
            }
        }
        assert_eq!(
            prompts,
            BTreeSet::from([
                "alert",
                "explanation_mismatch",
                "carer_gap",
                "concern",
                "missing_impact",
                "significant_harm"
            ])
        );
        let changes: BTreeSet<_> = compare(&d.initial, &d.review, &d.household, &def)
            .children
            .iter()
            .flat_map(|c| &c.areas)
            .flat_map(|a| &a.items)
            .map(|i| format!("{:?}", i.change))
            .collect();
        let all = [
            Change::Improved,
            Change::Unchanged,
            Change::Worse,
            Change::NewlyAssessed,
            Change::NoLongerAssessed,
            Change::NotAssessed,
        ];
        assert_eq!(changes, all.iter().map(|c| format!("{c:?}")).collect());
    }

    #[test]
    fn the_review_shows_progress_for_every_child() {
        let def = default_like();
        let d = build(&def);
        let at_concern = |a: &Assessment| -> Vec<usize> {
            summarise(a, &d.household, &def)
                .children
                .iter()
                .map(|c| {
                    c.areas
                        .iter()
                        .flat_map(|a| &a.items)
                        .filter(|i| i.level.is_some_and(|l| l >= def.scale.concern_from))
                        .count()
                })
                .collect()
        };
        let (before, after) = (at_concern(&d.initial), at_concern(&d.review));
        assert!(
            before.iter().zip(&after).all(|(b, a)| a < b),
            "{before:?} {after:?}"
        );
    }

    #[test]
    fn the_alert_item_is_rated_at_its_threshold() {
        let def = default_like();
        let d = build(&def);
        let r = d.initial.rating("5.2", &Subject::Household).unwrap();
        assert_eq!(r.level, Some(3));
        assert!(r.has_impact());
    }

    #[test]
    fn the_same_seed_gives_the_same_demo_and_another_seed_new_ids() {
        let def = default_like();
        let (a, b) = (build(&def), build(&def));
        assert_eq!(a.household, b.household);
        assert_eq!(a.initial, b.initial);
        assert_eq!(a.review, b.review);
        let c = demo(&def, now(), &mut SeededEntropy::new(7));
        assert_ne!(a.household.id, c.household.id);
        assert_eq!(a.initial.ratings.len(), c.initial.ratings.len());
        let ids: BTreeSet<_> = [&a.household.id, &a.initial.id, &a.review.id]
            .into_iter()
            .chain(a.household.children.iter().map(|c| &c.id))
            .chain(a.household.carers.iter().map(|c| &c.id))
            .collect();
        assert_eq!(ids.len(), 8, "every id is distinct");
    }

    #[test]
    fn the_edges_of_the_calendar_do_not_panic() {
        let def = default_like();
        for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let d = demo(&def, now, &mut SeededEntropy::new(1));
            assert_eq!(d.household.children.len(), 3);
        }
    }

    #[test]
    fn a_definition_with_one_child_item_and_no_decisions_still_works() {
        let mut def = crate::summary::testkit::definition(
            3,
            2,
            &[("1.1", Scope::Child), ("2.1", Scope::Household)],
        );
        def.decision_options.clear();
        let d = build(&def);
        assert_eq!(validate(&d.initial, &d.household, &def), Ok(()));
        assert_eq!(validate(&d.review, &d.household, &def), Ok(()));
        assert!(d.initial.decision.options.is_empty());
    }

    #[test]
    fn the_demo_shows_every_new_piece_against_the_bundled_default() {
        let def = crate::toolkit::bundled_default();
        let d = build(&def);
        let h = &d.household;
        let (eldest, mother, father) = (&h.children[0], &h.carers[0], &h.carers[1]);

        // A household item with the eldest's level set apart, with a reason, and each child's
        // impact.
        let r = d.initial.rating(SET_APART, &Subject::Household).unwrap();
        assert!(r.is_set_apart(&eldest.id));
        assert_ne!(r.level_for_child(&eldest.id), r.level);
        assert!(!r.child_entry(&eldest.id).unwrap().level_reason.is_empty());
        assert_eq!(r.per_child.len(), 3);
        assert!(r.per_child.iter().all(|c| !c.impact.is_empty()));

        // Two carers' placements that differ, in their own words.
        let r = d
            .initial
            .rating(TWO_PLACEMENTS, &Subject::Household)
            .unwrap();
        let by = |id: &Id| {
            r.placements
                .iter()
                .find(|p| {
                    p.by == PlacedBy::Carer {
                        carer_id: id.clone(),
                    }
                })
                .unwrap()
        };
        assert_ne!(by(&mother.id).level, by(&father.id).level);
        assert!(!by(&father.id).words.is_empty());

        // A young person's own placement: the eldest is 12 or more.
        assert!(eldest.may_place_themselves(def.self_placement_age(), now().date_naive()));
        let r = d
            .initial
            .rating(TOP_LEVEL_ITEM, &Subject::Child(eldest.id.clone()))
            .unwrap();
        assert!(r.placements.iter().any(|p| p.by
            == PlacedBy::Child {
                child_id: eldest.id.clone()
            }));

        // An item at level 4 raises its significant-harm prompt for the eldest, with the MASH.
        assert_eq!(r.level, Some(4));
        let s = summarise(&d.initial, h, &def);
        let harm: Vec<_> = s
            .prompts
            .iter()
            .filter_map(|p| match p {
                Prompt::SignificantHarm {
                    child_id,
                    item,
                    front_door,
                    ..
                } => Some((
                    child_id,
                    item.as_str(),
                    front_door.as_ref().map(|c| c.id.as_str()),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(harm, vec![(&eldest.id, TOP_LEVEL_ITEM, Some("mash"))]);

        // A level shared with the family and a strength marked to share.
        let r = d.initial.rating(SHARED, &Subject::Household).unwrap();
        assert!(r.share_level && !r.shared_text.is_empty());
        let shared = d.initial.ratings.iter().filter(|r| r.share_level).count();
        assert_eq!(shared, 1, "one level shared; the rest stay private");

        // And every child's own view on the parental conflict.
        let r = d
            .initial
            .rating(PARENTAL_CONFLICT, &Subject::Household)
            .unwrap();
        assert_eq!(r.per_child.len(), 3);
        assert_ne!(r.child_view_for(&eldest.id), r.child_view);
    }
}
