//! Example-based tests of every summary rule and its edges.

use super::testkit::*;
use super::*;
use crate::assessment::Assessment;
use crate::toolkit::Scope;

fn kinds(s: &Summary) -> Vec<&'static str> {
    s.prompts
        .iter()
        .map(|p| match p {
            Prompt::Concern { .. } => "concern",
            Prompt::MissingImpact { .. } => "missing_impact",
            Prompt::CarerGap { .. } => "carer_gap",
            Prompt::Alert { .. } => "alert",
            Prompt::SignificantHarm { .. } => "significant_harm",
            Prompt::Worse { .. } => "worse",
            Prompt::Drift { .. } => "drift",
            Prompt::ExplanationMismatch { .. } => "explanation_mismatch",
        })
        .collect()
}

/// An example of impact detailed enough for the concern prompt (ten words).
const DETAILED: &str = "Arrives at school hungry and cannot settle until she has eaten.";
/// Another, for a second item.
const DETAILED_2: &str = "Sleeps in a cold room and comes to school tired most days.";

/// The significant-harm prompt for child `n` on `item` at the top level, with no front door.
fn harm(n: usize, item: &str, level: Level) -> Prompt {
    Prompt::SignificantHarm {
        child_id: Id(format!("c{n}")),
        item: item.into(),
        level: Some(level),
        top_level: true,
        flagged: false,
        front_door: None,
    }
}

/// Four child items in one area and nothing else.
fn four_items() -> crate::toolkit::ToolkitDefinition {
    definition(
        4,
        3,
        &[
            ("1.1", Scope::Child),
            ("1.2", Scope::Child),
            ("1.3", Scope::Child),
            ("1.4", Scope::Child),
        ],
    )
}

#[test]
fn empty_assessment_has_profiles_and_no_prompts() {
    let def = default_like();
    let h = household(2);
    let s = summarise(&assessment("a", &h, &def), &h, &def);
    assert_eq!(s.children.len(), 2);
    assert!(s.prompts.is_empty());
    for c in &s.children {
        assert_eq!(c.areas.len(), 7);
        for a in &c.areas {
            assert_eq!(a.assessed, 0);
            assert_eq!(a.worst, None);
            assert!(a.counts.is_empty());
            assert_eq!(a.total, a.items.len());
        }
    }
    assert_eq!(s.children[0].areas[0].total, 4);
}

#[test]
fn profile_counts_levels_per_area_and_child() {
    let def = default_like();
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(2), None, "");
    rate(&mut a, "1.3", child(1), Some(2), None, "");
    rate(&mut a, "1.4", child(1), None, Some(3), "");
    rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
    rate(&mut a, "1.1", child(2), Some(4), None, "Hungry at school");
    let s = summarise(&a, &h, &def);
    let area1 = &s.children[0].areas[0];
    assert_eq!(area1.area, 1);
    assert_eq!(area1.assessed, 3);
    assert_eq!(area1.counts, BTreeMap::from([(1, 1), (2, 2)]));
    assert_eq!(area1.worst, Some(2));
    assert_eq!(area1.items[3].level, None);
    assert_eq!(area1.items[3].carer_level, Some(3));
    assert!(area1.items[1].from_household);
    assert!(!area1.items[0].from_household);
    let area1 = &s.children[1].areas[0];
    assert_eq!(area1.assessed, 2);
    assert_eq!(area1.counts, BTreeMap::from([(1, 1), (4, 1)]));
    assert_eq!(area1.worst, Some(4));
    assert!(area1.items[0].has_impact);
}

#[test]
fn household_rating_counts_for_every_child() {
    let def = default_like();
    let h = household(3);
    let mut a = assessment("a", &h, &def);
    rate(
        &mut a,
        "3.1",
        Subject::Household,
        Some(3),
        None,
        "Stairs unguarded",
    );
    let s = summarise(&a, &h, &def);
    for c in &s.children {
        let area3 = &c.areas[2];
        assert_eq!(area3.items[0].level, Some(3));
        assert!(area3.items[0].from_household);
        assert_eq!(area3.worst, Some(3));
    }
}

#[test]
fn concern_needs_more_than_half_at_concern_levels() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    // Exactly half (2 of 4) at a level of concern: no prompt.
    rate(&mut a, "1.1", child(1), Some(3), None, DETAILED);
    rate(&mut a, "1.2", child(1), Some(4), None, DETAILED_2);
    rate(&mut a, "1.3", child(1), Some(2), None, "");
    rate(&mut a, "1.4", child(1), Some(1), None, "");
    // Level 4 is the top of the scale: its significant-harm prompt, but no concern prompt.
    assert_eq!(kinds(&summarise(&a, &h, &def)), vec!["significant_harm"]);
    // Three of four: more than half.
    rate(&mut a, "1.3", child(1), Some(3), None, "Tired");
    let s = summarise(&a, &h, &def);
    assert_eq!(
        s.prompts,
        vec![
            harm(1, "1.2", 4),
            Prompt::Concern {
                child_id: Id("c1".into()),
                concern_items: 3,
                assessed: 4
            }
        ]
    );
}

#[test]
fn concern_counts_only_assessed_items() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    // One assessed item, at a level of concern with impact: 1 of 1 is more than half.
    rate(&mut a, "1.1", child(1), Some(3), None, DETAILED);
    rate(&mut a, "1.2", child(1), None, Some(4), "");
    assert_eq!(kinds(&summarise(&a, &h, &def)), vec!["concern"]);
}

#[test]
fn concern_never_without_impact_examples() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    for item in ["1.1", "1.2", "1.3", "1.4"] {
        rate(&mut a, item, child(1), Some(4), None, "   ");
    }
    let s = summarise(&a, &h, &def);
    assert!(!kinds(&s).contains(&"concern"));
    let mut expected = vec!["significant_harm"; 4];
    expected.extend(["missing_impact"; 4]);
    assert_eq!(kinds(&s), expected);
}

#[test]
fn concern_ignores_impact_on_items_below_concern() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(3), None, "");
    rate(&mut a, "1.2", child(1), Some(3), None, "");
    rate(&mut a, "1.3", child(1), Some(1), None, "Happy at nursery");
    let s = summarise(&a, &h, &def);
    assert!(!kinds(&s).contains(&"concern"));
}

#[test]
fn concern_counts_household_items_for_each_child() {
    let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.2", Subject::Household, Some(4), None, DETAILED_2);
    rate(&mut a, "1.1", child(1), Some(3), None, "");
    rate(&mut a, "1.1", child(2), Some(1), None, "");
    let s = summarise(&a, &h, &def);
    // Child 1: 2 of 2 at concern (household impact counts); child 2: 1 of 2 is only half.
    let concern: Vec<_> = s
        .prompts
        .iter()
        .filter_map(|p| match p {
            Prompt::Concern { child_id, .. } => Some(child_id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(concern, vec!["c1"]);
}

#[test]
fn missing_impact_only_at_concern_levels_and_once_per_household_rating() {
    let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    let h = household(3);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.2", Subject::Household, Some(3), None, "");
    rate(&mut a, "1.1", child(1), Some(2), None, "");
    rate(&mut a, "1.1", child(2), Some(3), None, "Missed meals");
    let s = summarise(&a, &h, &def);
    let missing: Vec<_> = s
        .prompts
        .iter()
        .filter(|p| matches!(p, Prompt::MissingImpact { .. }))
        .collect();
    assert_eq!(
        missing,
        vec![&Prompt::MissingImpact {
            subject: Subject::Household,
            item: "1.2".into(),
            level: 3
        }]
    );
}

#[test]
fn carer_gap_of_one_is_not_raised_and_two_is() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(2), Some(1), "");
    rate(&mut a, "1.2", child(1), Some(1), Some(2), "");
    rate(&mut a, "1.3", child(1), None, Some(4), "");
    assert!(summarise(&a, &h, &def).prompts.is_empty());
    rate(&mut a, "1.1", child(1), Some(1), Some(3), "");
    rate(&mut a, "1.2", child(1), Some(4), Some(1), "Thin");
    let s = summarise(&a, &h, &def);
    assert_eq!(
        s.prompts,
        vec![
            harm(1, "1.2", 4),
            Prompt::CarerGap {
                subject: child(1),
                item: "1.1".into(),
                level: 1,
                carer_level: 3,
                by: None,
            },
            Prompt::CarerGap {
                subject: child(1),
                item: "1.2".into(),
                level: 4,
                carer_level: 1,
                by: None,
            },
        ]
    );
}

#[test]
fn alert_fires_at_its_threshold_and_not_below() {
    let def = default_like();
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    // Enough good care recorded that no concern prompt joins in.
    for n in 1..=2 {
        rate(&mut a, "1.1", child(n), Some(1), None, "");
        rate(&mut a, "1.3", child(n), Some(2), None, "");
    }
    rate(&mut a, "5.2", Subject::Household, Some(2), None, "");
    assert!(summarise(&a, &h, &def).prompts.is_empty());
    rate(
        &mut a,
        "5.2",
        Subject::Household,
        Some(3),
        None,
        "Shouting at night",
    );
    let s = summarise(&a, &h, &def);
    assert_eq!(kinds(&s), vec!["alert"]);
    match &s.prompts[0] {
        Prompt::Alert {
            subject,
            item,
            alert_id,
            ..
        } => {
            assert_eq!(subject, &Subject::Household);
            assert_eq!(item, "5.2");
            assert_eq!(alert_id, "domestic-abuse");
        }
        other => panic!("expected an alert, got {other:?}"),
    }
    rate(
        &mut a,
        "5.2",
        Subject::Household,
        Some(4),
        None,
        "Police called",
    );
    // At the top of the scale each child also has a significant-harm prompt.
    assert_eq!(
        kinds(&summarise(&a, &h, &def)),
        vec!["significant_harm", "significant_harm", "alert"]
    );
}

#[test]
fn five_point_scale_uses_its_own_concern_level() {
    let def = five_point();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(3), None, "");
    rate(&mut a, "2.1", child(1), Some(5), None, "");
    rate(&mut a, "3.1", Subject::Household, Some(4), None, DETAILED_2);
    let s = summarise(&a, &h, &def);
    // Level 3 is not a level of concern on this scale; 2 of 3 at 4+ with impact on 3.1; level
    // 5 is the top of this scale.
    assert_eq!(
        kinds(&s),
        vec!["significant_harm", "concern", "missing_impact"]
    );
    assert_eq!(s.prompts[0], harm(1, "2.1", 5));
    rate(&mut a, "3.1", Subject::Household, Some(5), None, DETAILED_2);
    let s = summarise(&a, &h, &def);
    assert_eq!(
        kinds(&s),
        vec![
            "significant_harm",
            "significant_harm",
            "alert",
            "concern",
            "missing_impact"
        ]
    );
    assert_eq!(s.children[0].areas.len(), 4);
    assert_eq!(s.children[0].areas[2].counts, BTreeMap::from([(5, 1)]));
}

#[test]
fn prompts_are_ordered_household_then_children() {
    let def = default_like();
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(2), Some(4), Some(1), "");
    rate(&mut a, "1.1", child(1), Some(4), None, DETAILED);
    rate(&mut a, "5.2", Subject::Household, Some(3), Some(1), "");
    let s = summarise(&a, &h, &def);
    assert_eq!(
        kinds(&s),
        vec![
            "significant_harm", // child 1, 1.1
            "significant_harm", // child 2, 1.1
            "missing_impact",   // household 5.2
            "carer_gap",        // household 5.2
            "alert",            // household 5.2
            "concern",          // child 1 (2 of 2 at concern, impact on 1.1)
            "missing_impact",   // child 2, 1.1 (no impact anywhere: no concern)
            "carer_gap",        // child 2, 1.1
        ]
    );
}

#[test]
fn off_scale_levels_and_misfiled_ratings_are_not_counted() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(9), Some(0), "x");
    rate(&mut a, "1.2", Subject::Household, Some(4), None, "x");
    rate(&mut a, "9.9", child(1), Some(4), None, "x");
    let s = summarise(&a, &h, &def);
    assert!(s.prompts.is_empty());
    assert_eq!(s.children[0].areas[0].assessed, 0);
    assert_eq!(s.children[0].areas[0].items[0].carer_level, None);
}

fn pair(def: &crate::toolkit::ToolkitDefinition) -> (Assessment, Assessment) {
    let h = household(2);
    (assessment("a", &h, def), assessment("b", &h, def))
}

#[test]
fn compare_classifies_every_kind_of_change() {
    let def = definition(
        4,
        3,
        &[
            ("1.1", Scope::Child),
            ("1.2", Scope::Child),
            ("1.3", Scope::Child),
            ("2.1", Scope::Child),
            ("2.2", Scope::Child),
            ("2.3", Scope::Child),
        ],
    );
    let h = household(1);
    let (mut p, mut c) = pair(&def);
    rate(&mut p, "1.1", child(1), Some(3), None, "");
    rate(&mut c, "1.1", child(1), Some(2), None, "");
    rate(&mut p, "1.2", child(1), Some(2), None, "");
    rate(&mut c, "1.2", child(1), Some(2), None, "");
    rate(&mut p, "1.3", child(1), Some(1), None, "");
    rate(&mut c, "1.3", child(1), Some(2), None, "");
    rate(&mut c, "2.1", child(1), Some(1), None, "");
    rate(&mut p, "2.2", child(1), Some(2), None, "");
    rate(&mut p, "2.3", child(1), None, Some(2), "");
    let cmp = compare(&p, &c, &h, &def);
    assert_eq!(cmp.children.len(), 1);
    let changes: Vec<Change> = cmp.children[0]
        .areas
        .iter()
        .flat_map(|a| a.items.iter().map(|i| i.change))
        .collect();
    assert_eq!(
        changes,
        vec![
            Change::Improved,
            Change::Unchanged,
            Change::Worse,
            Change::NewlyAssessed,
            Change::NoLongerAssessed,
            Change::NotAssessed
        ]
    );
    let area1 = &cmp.children[0].areas[0];
    assert_eq!(
        (area1.previous_worst, area1.current_worst),
        (Some(3), Some(2))
    );
    assert_eq!(area1.change, Change::Improved);
    let area2 = &cmp.children[0].areas[1];
    assert_eq!(
        (area2.previous_worst, area2.current_worst),
        (Some(2), Some(1))
    );
    assert_eq!(area2.change, Change::Improved);
    assert_eq!(cmp.children[0].areas[0].items[0].previous, Some(3));
    assert_eq!(cmp.children[0].areas[0].items[0].current, Some(2));
}

#[test]
fn compare_area_change_follows_the_worst_level() {
    let def = four_items();
    let h = household(1);
    let (mut p, mut c) = pair(&def);
    rate(&mut p, "1.1", child(1), Some(3), None, "");
    rate(&mut p, "1.2", child(1), Some(1), None, "");
    rate(&mut c, "1.1", child(1), Some(3), None, "");
    rate(&mut c, "1.2", child(1), Some(2), None, "");
    let area = &compare(&p, &c, &h, &def).children[0].areas[0];
    assert_eq!(area.change, Change::Unchanged);
    assert_eq!(area.items[1].change, Change::Worse);
    let area = &compare(&assessment("x", &h, &def), &c, &h, &def).children[0].areas[0];
    assert_eq!(area.change, Change::NewlyAssessed);
}

#[test]
fn compare_applies_household_items_to_each_child_and_covers_new_children() {
    let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    let h = household(2);
    let (mut p, mut c) = pair(&def);
    rate(&mut p, "1.2", Subject::Household, Some(4), None, "");
    rate(&mut c, "1.2", Subject::Household, Some(2), None, "");
    rate(&mut p, "1.1", child(1), Some(2), None, "");
    rate(&mut c, "1.1", child(1), Some(2), None, "");
    // Child 2 is rated only in the review (say, moved in since).
    rate(&mut c, "1.1", child(2), Some(1), None, "");
    let cmp = compare(&p, &c, &h, &def);
    assert_eq!(cmp.children.len(), 2);
    for ch in &cmp.children {
        assert_eq!(ch.areas[0].items[1].change, Change::Improved);
    }
    assert_eq!(cmp.children[0].areas[0].items[0].change, Change::Unchanged);
    assert_eq!(
        cmp.children[1].areas[0].items[0].change,
        Change::NewlyAssessed
    );
}

/// A chain of assessments for one child and one item with the given levels.
fn chain_of(levels: &[Option<Level>]) -> Vec<Assessment> {
    let def = four_items();
    let h = household(1);
    levels
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut a = assessment(&format!("a{n}"), &h, &def);
            rate(&mut a, "1.1", child(1), *l, None, "");
            a
        })
        .collect()
}

fn sustained(levels: &[Option<Level>]) -> Vec<(Level, Level, usize)> {
    let def = four_items();
    let h = household(1);
    let chain = chain_of(levels);
    let refs: Vec<&Assessment> = chain.iter().collect();
    sustained_improvements(&refs, &h, &def)
        .into_iter()
        .map(|s| {
            assert_eq!(s.item, "1.1");
            assert_eq!(s.child_id.as_str(), "c1");
            (s.from, s.to, s.reviews)
        })
        .collect()
}

#[test]
fn sustained_improvement_needs_two_reviews() {
    assert_eq!(sustained(&[Some(3), Some(2)]), vec![]);
    assert_eq!(sustained(&[Some(3), Some(2), Some(2)]), vec![(3, 2, 2)]);
    assert_eq!(sustained(&[Some(3), Some(3), Some(2)]), vec![]);
    assert_eq!(
        sustained(&[Some(4), Some(3), Some(2), Some(2)]),
        vec![(4, 2, 3)]
    );
}

#[test]
fn sustained_improvement_ends_when_worse_or_unassessed() {
    assert_eq!(sustained(&[Some(3), Some(2), Some(3)]), vec![]);
    assert_eq!(sustained(&[Some(3), Some(2), None]), vec![]);
    assert_eq!(sustained(&[Some(3), Some(2), None, Some(2)]), vec![]);
    assert_eq!(sustained(&[None, Some(2), Some(2)]), vec![]);
    // Worse, then a new improvement that holds.
    assert_eq!(
        sustained(&[Some(4), Some(2), Some(3), Some(2), Some(1)]),
        vec![(3, 1, 2)]
    );
}

#[test]
fn sustained_improvement_of_household_item_is_reported_for_each_child() {
    let def = definition(4, 3, &[("1.1", Scope::Household)]);
    let h = household(2);
    let chain: Vec<Assessment> = [3, 2, 1]
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut a = assessment(&format!("a{n}"), &h, &def);
            rate(&mut a, "1.1", Subject::Household, Some(*l), None, "");
            a
        })
        .collect();
    let refs: Vec<&Assessment> = chain.iter().collect();
    let found = sustained_improvements(&refs, &h, &def);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].child_id.as_str(), "c1");
    assert_eq!(found[1].child_id.as_str(), "c2");
    assert_eq!((found[0].from, found[0].to, found[0].reviews), (3, 1, 2));
}

// ---- Every child individually, placements, significant harm, detailed impact ----------------

use crate::assessment::{Birth, ChildOnItem, PlacedBy, Placement};

fn entry(n: usize) -> ChildOnItem {
    ChildOnItem {
        child_id: Id(format!("c{n}")),
        impact: String::new(),
        child_view: String::new(),
        level: None,
        level_reason: String::new(),
        significant_harm: false,
    }
}

/// Change the household rating of `item` in place.
fn edit(a: &mut Assessment, item: &str, f: impl FnOnce(&mut crate::assessment::Rating)) {
    let mut r = a.rating(item, &Subject::Household).unwrap().clone();
    f(&mut r);
    a.set_rating(r, now()).unwrap();
}

fn level_of(s: &Summary, child: usize, area: usize, item: usize) -> &ItemLevel {
    &s.children[child].areas[area].items[item]
}

#[test]
fn detailed_means_at_least_eight_words() {
    assert_eq!(crate::limits::IMPACT_DETAIL_MIN_WORDS, 8);
    assert!(!is_detailed_impact(""));
    assert!(!is_detailed_impact("Hungry"));
    assert!(!is_detailed_impact("Seven words here and no more now"));
    assert!(is_detailed_impact("Eight words here and no more than that"));
    // Dashes and bullets are not words.
    assert!(!is_detailed_impact(
        "- - - Seven words here and no more now -"
    ));
    assert!(is_detailed_impact(DETAILED));
}

#[test]
fn a_one_word_impact_is_not_a_detailed_example_for_the_concern_prompt() {
    let def = four_items();
    let h = household(1);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(3), None, "Hungry");
    rate(&mut a, "1.2", child(1), Some(3), None, "Cold");
    let s = summarise(&a, &h, &def);
    // No concern, and no missing impact either: an impact is recorded, just not in detail.
    assert!(s.prompts.is_empty(), "{:?}", s.prompts);
    assert!(level_of(&s, 0, 0, 0).has_impact);
    assert!(!level_of(&s, 0, 0, 0).detailed_impact);
    rate(&mut a, "1.2", child(1), Some(3), None, DETAILED_2);
    assert_eq!(kinds(&summarise(&a, &h, &def)), vec!["concern"]);
}

#[test]
fn a_childs_level_set_apart_and_own_impact_count_for_that_child_only() {
    let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(2), None, "");
    rate(&mut a, "1.1", child(2), Some(2), None, "");
    rate(&mut a, "1.2", Subject::Household, Some(2), None, "");
    assert!(summarise(&a, &h, &def).prompts.is_empty());
    // Child 2 is singled out: her level on the household item is set apart, with her impact.
    edit(&mut a, "1.2", |r| {
        let mut e = entry(2);
        e.level = Some(3);
        e.level_reason = "Her room alone is left unheated.".into();
        e.impact = DETAILED_2.into();
        r.per_child = vec![e];
    });
    let s = summarise(&a, &h, &def);
    let (first, second) = (level_of(&s, 0, 0, 1), level_of(&s, 1, 0, 1));
    assert_eq!((first.level, first.set_apart), (Some(2), false));
    assert_eq!((second.level, second.set_apart), (Some(3), true));
    assert!(!first.has_impact && second.detailed_impact);
    // Child 2: one of two at concern is only half; at 3 on her own item too, more than half.
    assert!(s.prompts.is_empty(), "{:?}", s.prompts);
    rate(&mut a, "1.1", child(2), Some(3), None, "");
    let s = summarise(&a, &h, &def);
    assert_eq!(
        s.prompts,
        vec![
            Prompt::Concern {
                child_id: Id("c2".into()),
                concern_items: 2,
                assessed: 2
            },
            Prompt::MissingImpact {
                subject: child(2),
                item: "1.1".into(),
                level: 3
            },
        ]
    );
}

#[test]
fn missing_impact_on_a_household_item_names_each_child_without_one() {
    let def = definition(4, 3, &[("1.1", Scope::Household)]);
    let h = household(3);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", Subject::Household, Some(3), None, "");
    // Nothing recorded at all: one prompt for the household.
    assert_eq!(
        summarise(&a, &h, &def).prompts,
        vec![Prompt::MissingImpact {
            subject: Subject::Household,
            item: "1.1".into(),
            level: 3
        }]
    );
    // Child 1's impact recorded: the other two are named.
    edit(&mut a, "1.1", |r| {
        let mut e = entry(1);
        e.impact = "Cold".into();
        r.per_child = vec![e];
    });
    let subjects: Vec<Subject> = summarise(&a, &h, &def)
        .prompts
        .into_iter()
        .map(|p| match p {
            Prompt::MissingImpact { subject, .. } => subject,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(subjects, vec![child(2), child(3)]);
}

#[test]
fn each_placement_is_compared_with_the_practitioners_level_for_that_child() {
    let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    let mut h = household(2);
    h.children[0].birth = Birth::Born(date(2012, 1, 1)); // 14: places herself
    let carer = |id: &str| PlacedBy::Carer {
        carer_id: Id(id.into()),
    };
    let young = PlacedBy::Child {
        child_id: Id("c1".into()),
    };
    let place = |by: &PlacedBy, level| Placement {
        by: by.clone(),
        level: Some(level),
        words: String::new(),
    };
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
    edit(&mut a, "1.2", |r| {
        // The mother places the care where the practitioner does, the father two levels worse,
        // and the young person three.
        r.placements = vec![
            place(&carer("p1"), 1),
            place(&carer("p2"), 3),
            place(&young, 4),
        ];
        let mut e = entry(2);
        e.level = Some(3);
        e.level_reason = "Singled out".into();
        e.impact = DETAILED.into();
        r.per_child = vec![e];
    });
    let s = summarise(&a, &h, &def);
    let gaps: Vec<(Subject, Level, Level, Option<PlacedBy>)> = s
        .prompts
        .iter()
        .filter_map(|p| match p {
            Prompt::CarerGap {
                subject,
                level,
                carer_level,
                by,
                ..
            } => Some((subject.clone(), *level, *carer_level, by.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        gaps,
        vec![
            // The father against the household's level.
            (Subject::Household, 1, 3, Some(carer("p2"))),
            // The young person against her own level.
            (child(1), 1, 4, Some(young.clone())),
            // The mother against child 2's level set apart (the father is one away).
            (child(2), 3, 1, Some(carer("p1"))),
        ]
    );
    // The profile shows each placement beside the child's level; a young person's own only
    // for her.
    let first = level_of(&s, 0, 0, 1);
    assert_eq!(first.placements.len(), 3);
    assert_eq!(first.carer_level, Some(1));
    let second = level_of(&s, 1, 0, 1);
    assert_eq!(second.placements.len(), 2);
    assert!(second
        .placements
        .iter()
        .all(|p| !matches!(p.by, Some(PlacedBy::Child { .. }))));
}

#[test]
fn significant_harm_fires_at_the_top_level_and_when_flagged_for_each_child() {
    let mut def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
    def.contacts = vec![
        crate::toolkit::Contact {
            id: "emergency".into(),
            name: "Emergency services".into(),
            phone: "999".into(),
            description: String::new(),
        },
        crate::toolkit::Contact {
            id: "front-door".into(),
            name: "Children's MASH".into(),
            phone: "01632 960999".into(),
            description: String::new(),
        },
    ];
    let h = household(2);
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(4), None, DETAILED);
    rate(&mut a, "1.1", child(2), Some(2), None, "");
    rate(&mut a, "1.2", Subject::Household, Some(2), None, "");
    edit(&mut a, "1.2", |r| {
        let mut e = entry(2);
        e.significant_harm = true;
        r.per_child = vec![e];
    });
    let s = summarise(&a, &h, &def);
    let harms: Vec<&Prompt> = s
        .prompts
        .iter()
        .filter(|p| matches!(p, Prompt::SignificantHarm { .. }))
        .collect();
    let door = def.contacts[1].clone();
    assert_eq!(
        harms,
        vec![
            &Prompt::SignificantHarm {
                child_id: Id("c1".into()),
                item: "1.1".into(),
                level: Some(4),
                top_level: true,
                flagged: false,
                front_door: Some(door.clone()),
            },
            &Prompt::SignificantHarm {
                child_id: Id("c2".into()),
                item: "1.2".into(),
                level: Some(2),
                top_level: false,
                flagged: true,
                front_door: Some(door),
            },
        ]
    );
    // They come first.
    assert!(matches!(s.prompts[0], Prompt::SignificantHarm { .. }));
    // A flag on the household rating covers every child.
    edit(&mut a, "1.2", |r| r.significant_harm = true);
    let n = summarise(&a, &h, &def)
        .prompts
        .iter()
        .filter(|p| matches!(p, Prompt::SignificantHarm { item, .. } if item == "1.2"))
        .count();
    assert_eq!(n, 2);
}

#[test]
fn the_front_door_is_the_mash_by_id_else_by_name() {
    let contact = |id: &str, name: &str| crate::toolkit::Contact {
        id: id.into(),
        name: name.into(),
        phone: String::new(),
        description: String::new(),
    };
    let list = [
        contact("early-help", "Early help"),
        contact("hub", "Multi-Agency Safeguarding Hub (MASH)"),
        contact("mash", "Front door"),
    ];
    assert_eq!(front_door(&list).map(|c| c.id.as_str()), Some("mash"));
    assert_eq!(front_door(&list[..2]).map(|c| c.id.as_str()), Some("hub"));
    assert_eq!(front_door(&list[..1]), None);
    // The bundled default's MASH contact.
    let def = crate::toolkit::bundled_default();
    assert_eq!(
        front_door(&def.contacts).map(|c| c.id.as_str()),
        Some("mash")
    );
}

#[test]
fn the_profile_says_which_items_apply_to_an_unborn_child() {
    let mut def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Child)]);
    def.age_bands = vec![
        crate::toolkit::AgeBand {
            id: "unborn".into(),
            label: "Before birth".into(),
            from_months: 0,
            to_months: None,
            before_birth: true,
        },
        crate::toolkit::AgeBand {
            id: "born".into(),
            label: "Born".into(),
            from_months: 0,
            to_months: None,
            before_birth: false,
        },
    ];
    def.areas[0].items[1].applies_to = Some(vec!["born".into()]);
    let mut h = household(2);
    h.children[0].birth = Birth::Expected(date(2026, 6, 1));
    let mut a = assessment("a", &h, &def);
    rate(&mut a, "1.1", child(1), Some(2), None, "");
    let s = summarise(&a, &h, &def);
    let unborn = &s.children[0].areas[0];
    assert!(unborn.items[0].applies);
    assert!(!unborn.items[1].applies);
    assert_eq!(unborn.items[1].level, None);
    assert!(s.children[1].areas[0].items.iter().all(|i| i.applies));
    // A rating recorded all the same is still read, not dropped.
    rate(&mut a, "1.2", child(1), Some(3), None, DETAILED);
    let s = summarise(&a, &h, &def);
    assert_eq!(s.children[0].areas[0].items[1].level, Some(3));
}

#[test]
fn comparison_and_sustained_improvements_use_each_childs_own_level() {
    let def = definition(4, 3, &[("1.1", Scope::Household)]);
    let h = household(2);
    let review = |household: Level, second: Option<Level>| {
        let mut a = assessment("a", &h, &def);
        rate(&mut a, "1.1", Subject::Household, Some(household), None, "");
        if let Some(l) = second {
            edit(&mut a, "1.1", |r| {
                let mut e = entry(2);
                e.level = Some(l);
                e.level_reason = "Treated differently".into();
                r.per_child = vec![e];
            });
        }
        a
    };
    // The household improves from 3 to 2, but child 2 stays at 4 throughout.
    let (a, b, c) = (review(3, Some(4)), review(2, Some(4)), review(2, Some(4)));
    let cmp = compare(&a, &b, &h, &def);
    assert_eq!(cmp.children[0].areas[0].items[0].change, Change::Improved);
    assert_eq!(cmp.children[1].areas[0].items[0].change, Change::Unchanged);
    let sustained = sustained_improvements(&[&a, &b, &c], &h, &def);
    assert_eq!(sustained.len(), 1);
    assert_eq!(sustained[0].child_id, Id("c1".into()));
    // Child 2's own level improving is hers alone.
    let d = review(2, Some(3));
    let cmp = compare(&b, &d, &h, &def);
    assert_eq!(cmp.children[0].areas[0].items[0].change, Change::Unchanged);
    assert_eq!(cmp.children[1].areas[0].items[0].change, Change::Improved);
}
