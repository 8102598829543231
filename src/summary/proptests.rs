//! Property tests of the summary rules over random definitions (2 to 6 levels, any level of
//! concern, mixed scopes, alerts), households and ratings. Failing cases proptest finds are kept
//! in `proptest-regressions/summary/proptests.txt` and replayed first on every run.

use super::testkit::{assessment, child, definition, household, rate};
use super::*;
use crate::assessment::{Assessment, Household, Rating};
use crate::toolkit::{Alert, Scope, ToolkitDefinition};
use proptest::prelude::*;

/// What proptest draws: the shape of a definition and raw material for ratings.
#[derive(Debug, Clone)]
struct Case {
    levels: u8,
    concern_from: u8,
    /// Per area, per item: (household scope, alert threshold if any).
    areas: Vec<Vec<(bool, Option<u8>)>>,
    children: usize,
    /// Raw ratings, consumed in turn for each (item, subject) slot.
    raw: Vec<RawRating>,
}

#[derive(Debug, Clone, Copy)]
struct RawRating {
    /// Whether a rating is recorded at all.
    present: bool,
    /// 0 is not assessed; `levels + 1` is off the scale.
    level: u8,
    carer: u8,
    /// 0: no impact; 1: a short note; 2: a detailed example.
    impact: u8,
    /// On a household item, the first child's level set apart (0: none), as `level`.
    set_apart: u8,
    /// Whether the practitioner flags possible significant harm.
    flagged: bool,
}

fn raw_rating() -> impl Strategy<Value = RawRating> {
    (
        any::<bool>(),
        0u8..=7,
        0u8..=7,
        0u8..3,
        0u8..=7,
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(present, level, carer, impact, set_apart, flagged)| RawRating {
                present,
                level,
                carer,
                impact,
                set_apart,
                flagged,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (2u8..=6)
        .prop_flat_map(|levels| {
            let item = (any::<bool>(), proptest::option::of(1u8..=levels));
            (
                Just(levels),
                1u8..=levels,
                proptest::collection::vec(proptest::collection::vec(item, 1..4), 1..4),
                0usize..4,
                proptest::collection::vec(raw_rating(), 48),
            )
        })
        .prop_map(|(levels, concern_from, areas, children, raw)| Case {
            levels,
            concern_from,
            areas,
            children,
            raw,
        })
}

/// Turn a level drawn in `0..=7` into "not assessed", a level on the scale, or one just off it.
fn level_of(raw: u8, levels: u8) -> Option<Level> {
    match raw % (levels + 2) {
        0 => None,
        l => Some(l),
    }
}

fn build(c: &Case) -> (ToolkitDefinition, Household, Assessment) {
    let mut numbers = Vec::new();
    for (a, items) in c.areas.iter().enumerate() {
        for (i, (household, _)) in items.iter().enumerate() {
            let scope = if *household {
                Scope::Household
            } else {
                Scope::Child
            };
            numbers.push((format!("{}.{}", a + 1, i + 1), scope));
        }
    }
    let refs: Vec<(&str, Scope)> = numbers.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let mut def = definition(c.levels, c.concern_from, &refs);
    for (area, items) in def.areas.iter_mut().zip(&c.areas) {
        for (item, (_, alert)) in area.items.iter_mut().zip(items) {
            if let Some(at) = alert {
                item.alerts.push(Alert {
                    id: format!("alert-{}", item.number),
                    when_level_at_least: *at,
                    title: "Alert".into(),
                    text: "Act".into(),
                });
            }
        }
    }
    let h = household(c.children);
    let mut a = assessment("a", &h, &def);
    let mut raw = c.raw.iter().cycle();
    for (_, item) in def.items() {
        let subjects: Vec<Subject> = match item.scope {
            Scope::Household => vec![Subject::Household],
            Scope::Child => h
                .children
                .iter()
                .map(|ch| Subject::Child(ch.id.clone()))
                .collect(),
        };
        for subject in subjects {
            let r = raw.next().expect("the raw list is cycled");
            if !r.present {
                continue;
            }
            let mut rating = Rating::new(item.number.clone(), subject);
            rating.level = level_of(r.level, c.levels);
            rating.carer_level = level_of(r.carer, c.levels);
            rating.impact = match r.impact {
                0 => String::new(),
                1 => "An example".into(),
                _ => "An example of the impact with enough words in it".into(),
            };
            rating.significant_harm = r.flagged;
            if rating.subject == Subject::Household && r.set_apart > 0 && !h.children.is_empty() {
                rating.per_child.push(crate::assessment::ChildOnItem {
                    heard: Default::default(),
                    child_id: h.children[0].id.clone(),
                    impact: String::new(),
                    child_view: String::new(),
                    level: level_of(r.set_apart, c.levels),
                    level_reason: "Set apart".into(),
                    significant_harm: false,
                });
            }
            a.ratings.push(rating);
        }
    }
    (def, h, a)
}

/// Two assessments of the same household against the same definition.
fn two_cases() -> impl Strategy<Value = (Case, Vec<RawRating>)> {
    (case(), proptest::collection::vec(raw_rating(), 48))
}

fn mirror(c: Change) -> Change {
    match c {
        Change::Improved => Change::Worse,
        Change::Worse => Change::Improved,
        Change::NewlyAssessed => Change::NoLongerAssessed,
        Change::NoLongerAssessed => Change::NewlyAssessed,
        other => other,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn household_item_counts_for_every_child(c in case()) {
        let (def, h, a) = build(&c);
        let s = summarise(&a, &h, &def);
        prop_assert_eq!(s.children.len(), h.children.len());
        for (area_def, n) in def.areas.iter().zip(0..) {
            for (item, i) in area_def.items.iter().zip(0..) {
                if item.scope != Scope::Household {
                    continue;
                }
                let rating = a.rating(&item.number, &Subject::Household);
                for child in &s.children {
                    // The child's level set apart, else the household's.
                    let expected = rating
                        .and_then(|r| r.level_for_child(&child.child_id))
                        .filter(|&l| l <= c.levels);
                    let got = &child.areas[n].items[i];
                    prop_assert!(got.from_household);
                    prop_assert_eq!(got.level, expected);
                    prop_assert_eq!(got.set_apart, rating.is_some_and(|r| r.is_set_apart(&child.child_id)));
                }
            }
        }
    }

    #[test]
    fn not_assessed_never_counts_as_a_level(c in case()) {
        let (def, h, a) = build(&c);
        for child in summarise(&a, &h, &def).children {
            for area in child.areas {
                let assessed = area.items.iter().filter(|i| i.level.is_some()).count();
                prop_assert_eq!(area.assessed, assessed);
                prop_assert_eq!(area.counts.values().sum::<usize>(), area.assessed);
                prop_assert_eq!(area.worst.is_none(), area.assessed == 0);
                prop_assert_eq!(area.worst, area.counts.keys().next_back().copied());
                prop_assert!(area.counts.keys().all(|&l| (1..=c.levels).contains(&l)));
                prop_assert!(area.counts.values().all(|&n| n > 0));
                prop_assert_eq!(area.total, area.items.len());
            }
        }
    }

    #[test]
    fn comparison_mirrors((c, other) in two_cases()) {
        let (def, h, a) = build(&c);
        let (_, _, b) = build(&Case { raw: other, ..c.clone() });
        let ab = compare(&a, &b, &h, &def);
        let ba = compare(&b, &a, &h, &def);
        prop_assert_eq!(ab.children.len(), ba.children.len());
        for (x, y) in ab.children.iter().zip(&ba.children) {
            prop_assert_eq!(&x.child_id, &y.child_id);
            for (p, q) in x.areas.iter().zip(&y.areas) {
                prop_assert_eq!(p.change, mirror(q.change));
                prop_assert_eq!(p.previous_worst, q.current_worst);
                prop_assert_eq!(p.current_worst, q.previous_worst);
                for (i, j) in p.items.iter().zip(&q.items) {
                    prop_assert_eq!(&i.item, &j.item);
                    prop_assert_eq!(i.change, mirror(j.change));
                    prop_assert_eq!((i.previous, i.current), (j.current, j.previous));
                }
            }
        }
        // An assessment compared with itself changes nothing.
        for child in compare(&a, &a, &h, &def).children {
            for area in child.areas {
                prop_assert!(matches!(area.change, Change::Unchanged | Change::NotAssessed));
            }
        }
    }

    #[test]
    fn concern_never_fires_without_impact_examples(c in case()) {
        let (def, h, mut a) = build(&c);
        let s = summarise(&a, &h, &def);
        for p in &s.prompts {
            if let Prompt::Concern { child_id, concern_items, assessed } = p {
                prop_assert!(*assessed > 0 && concern_items * 2 > *assessed);
                let profile = s.children.iter().find(|ch| &ch.child_id == child_id).unwrap();
                let with_detail = profile.areas.iter().flat_map(|ar| &ar.items).any(|i| {
                    i.detailed_impact && i.has_impact && i.level.is_some_and(|l| l >= c.concern_from)
                });
                prop_assert!(with_detail, "a concern prompt without a detailed impact example");
            }
        }
        // Short notes only: never a concern prompt.
        for r in &mut a.ratings {
            if !r.impact.is_empty() {
                r.impact = "Hungry".into();
            }
        }
        let s = summarise(&a, &h, &def);
        let concern = s.prompts.iter().any(|p| matches!(p, Prompt::Concern { .. }));
        prop_assert!(!concern, "a concern prompt with only one-word impact notes");
        for r in &mut a.ratings {
            r.impact.clear();
        }
        let s = summarise(&a, &h, &def);
        let concern = s.prompts.iter().any(|p| matches!(p, Prompt::Concern { .. }));
        prop_assert!(!concern, "a concern prompt with no impact examples at all");
    }

    #[test]
    fn significant_harm_fires_exactly_at_the_top_level_or_a_flag(c in case()) {
        let (def, h, a) = build(&c);
        let s = summarise(&a, &h, &def);
        let mut expected = Vec::new();
        for (child, profile) in h.children.iter().zip(&s.children) {
            for item in profile.areas.iter().flat_map(|ar| &ar.items) {
                let def_item = def.item(&item.item).unwrap();
                let rating = match def_item.scope {
                    Scope::Household => a.rating(&item.item, &Subject::Household),
                    Scope::Child => a.rating(&item.item, &Subject::Child(child.id.clone())),
                };
                let flagged = rating.is_some_and(|r| r.flagged_for_child(&child.id));
                prop_assert_eq!(item.flagged, flagged);
                if item.level == Some(c.levels) || flagged {
                    expected.push((child.id.clone(), item.item.clone()));
                }
            }
        }
        let got: Vec<(Id, String)> = s
            .prompts
            .iter()
            .filter_map(|p| match p {
                Prompt::SignificantHarm { child_id, item, top_level, level, .. } => {
                    assert_eq!(*top_level, *level == Some(c.levels));
                    Some((child_id.clone(), item.clone()))
                }
                _ => None,
            })
            .collect();
        prop_assert_eq!(got, expected);
        // They come before every other prompt.
        let first_other = s.prompts.iter().position(|p| !matches!(p, Prompt::SignificantHarm { .. }));
        let last_harm = s.prompts.iter().rposition(|p| matches!(p, Prompt::SignificantHarm { .. }));
        if let (Some(o), Some(h)) = (first_other, last_harm) {
            prop_assert!(h < o);
        }
    }

    #[test]
    fn summarise_is_deterministic_and_ignores_rating_order(c in case()) {
        let (def, h, a) = build(&c);
        let first = summarise(&a, &h, &def);
        prop_assert_eq!(&first, &summarise(&a, &h, &def));
        let mut reversed = a.clone();
        reversed.ratings.reverse();
        prop_assert_eq!(&first, &summarise(&reversed, &h, &def));
    }

    #[test]
    fn sustained_improvements_really_improved((c, other) in two_cases()) {
        let (def, h, a) = build(&c);
        let (_, _, b) = build(&Case { raw: other, ..c.clone() });
        for chain in [vec![&a, &b, &b], vec![&b, &a, &a, &a], vec![&a, &b, &a]] {
            for s in sustained_improvements(&chain, &h, &def) {
                prop_assert!(s.from > s.to);
                prop_assert!(s.reviews >= 2 && s.reviews < chain.len());
            }
        }
        prop_assert!(sustained_improvements(&[&a, &b], &h, &def).is_empty());
    }

    #[test]
    fn comparison_agrees_with_the_two_summaries((c, other) in two_cases()) {
        let (def, h, a) = build(&c);
        let (_, _, b) = build(&Case { raw: other, ..c.clone() });
        let (sa, sb) = (summarise(&a, &h, &def), summarise(&b, &h, &def));
        let cmp = compare(&a, &b, &h, &def);
        for ((x, pa), pb) in cmp.children.iter().zip(&sa.children).zip(&sb.children) {
            for ((area, aa), ab) in x.areas.iter().zip(&pa.areas).zip(&pb.areas) {
                prop_assert_eq!(area.previous_worst, aa.worst);
                prop_assert_eq!(area.current_worst, ab.worst);
                for ((i, ia), ib) in area.items.iter().zip(&aa.items).zip(&ab.items) {
                    prop_assert_eq!((i.previous, i.current), (ia.level, ib.level));
                }
            }
        }
    }

    #[test]
    fn sustained_improvement_follows_its_documented_rule(
        levels in proptest::collection::vec(proptest::option::of(1u8..=4), 1..8)
    ) {
        let def = definition(4, 3, &[("1.1", Scope::Child)]);
        let h = household(1);
        let chain: Vec<Assessment> = levels
            .iter()
            .map(|l| {
                let mut a = assessment("a", &h, &def);
                rate(&mut a, "1.1", child(1), *l, None, "");
                a
            })
            .collect();
        let refs: Vec<&Assessment> = chain.iter().collect();
        let got = sustained_improvements(&refs, &h, &def);

        // The rule as its documentation states it, checked directly for every review.
        let n = levels.len() - 1;
        let improved_at = |i: usize| matches!((levels[i - 1], levels[i]), (Some(p), Some(c)) if c < p);
        let held_after = |i: usize| {
            (i + 1..=n).all(|j| matches!((levels[j - 1], levels[j]), (Some(p), Some(c)) if c <= p))
        };
        let expected = (1..=n).find(|&i| improved_at(i) && held_after(i) && n - i + 1 >= 2);
        match expected {
            None => prop_assert!(got.is_empty(), "{:?} gave {:?}", levels, got),
            Some(i) => {
                prop_assert_eq!(got.len(), 1);
                prop_assert_eq!(got[0].from, levels[i - 1].unwrap());
                prop_assert_eq!(got[0].to, levels[n].unwrap());
                prop_assert_eq!(got[0].reviews, n - i + 1);
            }
        }
    }
}
