//! Integration tests of `ntk_core::summary` and `ntk_core::demo` through the public API: the demo
//! against the bundled default definition, a 5-point definition of another shape, the JSON form
//! of prompts and changes that the desktop shell and the PDF rely on, and sustained improvement
//! across a chain of reviews.

use chrono::{TimeZone, Utc};
use ntk_core::assessment::{validate, Assessment, AssessmentKind, Id, Subject};
use ntk_core::demo::{demo, Demo};
use ntk_core::summary::{
    compare, summarise, sustained_improvements, Change, Prompt, SustainedImprovement,
};
use ntk_core::toolkit::{bundled_default, ToolkitDefinition};
use ntk_core::SeededEntropy;
use std::collections::BTreeSet;

fn build(def: &ToolkitDefinition) -> Demo {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    demo(def, now, &mut SeededEntropy::new(2026))
}

/// A definition of a different shape: 5 levels, concern from 4, four areas, an alert at 5.
fn five_point() -> ToolkitDefinition {
    let levels: Vec<_> = (1..=5)
        .map(|code| {
            serde_json::json!({
                "code": code, "label": format!("Level {code}"),
                "meaning": format!("Care at level {code}"), "colour": "#777777"
            })
        })
        .collect();
    let item = |number: &str, scope: &str, alerts: serde_json::Value| {
        let descriptors: Vec<_> = (1..=5)
            .map(|level| serde_json::json!({ "level": level, "text": format!("{number} at {level}") }))
            .collect();
        serde_json::json!({
            "number": number, "title": format!("Item {number}"), "scope": scope,
            "descriptors": descriptors, "alerts": alerts
        })
    };
    let none = serde_json::json!([]);
    let json = serde_json::json!({
        "format": 1, "id": "five-point", "version": "1", "title": "Five-point test toolkit",
        "publisher": "Tests",
        "scale": { "levels": levels, "not_assessed_label": "Not seen", "concern_from": 4 },
        "areas": [
            { "number": 1, "title": "Basic care", "items": [
                item("1.1", "child", none.clone()), item("1.2", "household", none.clone()),
                item("1.3", "child", none.clone()) ] },
            { "number": 2, "title": "Health", "items": [ item("2.1", "child", none.clone()) ] },
            { "number": 3, "title": "Home", "items": [
                item("3.1", "household", serde_json::json!([{ "id": "housing",
                    "when_level_at_least": 4, "title": "Housing", "text": "Call housing." }])),
                item("3.2", "child", none.clone()) ] },
            { "number": 4, "title": "Love and care", "items": [
                item("4.1", "child", none.clone()), item("4.2", "household", none.clone()) ] }
        ],
        "decision_options": [ { "code": "early-help", "label": "Early help" } ]
    });
    serde_json::from_value(json).expect("the test definition has the right shape")
}

fn prompt_kinds(d: &Demo, def: &ToolkitDefinition) -> BTreeSet<&'static str> {
    [&d.initial, &d.review]
        .into_iter()
        .flat_map(|a| summarise(a, &d.household, def).prompts)
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

fn change_kinds(d: &Demo, def: &ToolkitDefinition) -> BTreeSet<String> {
    compare(&d.initial, &d.review, &d.household, def)
        .children
        .iter()
        .flat_map(|c| &c.areas)
        .flat_map(|a| &a.items)
        .map(|i| format!("{:?}", i.change))
        .collect()
}

const ALL_CHANGES: [&str; 6] = [
    "Improved",
    "NewlyAssessed",
    "NoLongerAssessed",
    "NotAssessed",
    "Unchanged",
    "Worse",
];

#[test]
fn demo_against_the_bundled_default_is_valid_and_complete() {
    let def = bundled_default();
    let d = build(&def);
    validate(&d.initial, &d.household, &def).expect("the initial assessment is valid");
    validate(&d.review, &d.household, &def).expect("the review is valid");
    let s = summarise(&d.initial, &d.household, &def);
    assert_eq!(s.children.len(), 3);
    for (child, profile) in d.household.children.iter().zip(&s.children) {
        assert_eq!(child.id, profile.child_id);
        assert_eq!(profile.areas.len(), def.areas.len());
        for (area, p) in def.areas.iter().zip(&profile.areas) {
            assert_eq!(p.area, area.number);
            assert_eq!(p.total, area.items.len());
        }
    }
    let kinds = prompt_kinds(&d, &def);
    assert!(kinds.contains("concern") && kinds.contains("missing_impact"));
    assert!(kinds.contains("carer_gap"));
    // The alert fires whenever the definition has parental conflict with an alert.
    if def.item("5.2").is_some_and(|i| !i.alerts.is_empty()) {
        assert!(kinds.contains("alert"));
    }
    if def
        .items()
        .filter(|(_, i)| i.scope == ntk_core::toolkit::Scope::Child)
        .count()
        >= 2
    {
        assert_eq!(change_kinds(&d, &def), ALL_CHANGES.map(String::from).into());
    }
}

#[test]
fn demo_and_summary_work_on_a_five_point_definition() {
    let def = five_point();
    let d = build(&def);
    validate(&d.initial, &d.household, &def).expect("the initial assessment is valid");
    validate(&d.review, &d.household, &def).expect("the review is valid");
    let s = summarise(&d.initial, &d.household, &def);
    for profile in &s.children {
        assert_eq!(profile.areas.len(), 4);
        for area in &profile.areas {
            assert!(area.counts.keys().all(|l| (1..=5).contains(l)));
            assert_eq!(area.counts.values().sum::<usize>(), area.assessed);
        }
    }
    assert_eq!(
        prompt_kinds(&d, &def),
        BTreeSet::from([
            "alert",
            "explanation_mismatch",
            "carer_gap",
            "concern",
            "missing_impact",
            "significant_harm"
        ])
    );
    assert_eq!(change_kinds(&d, &def), ALL_CHANGES.map(String::from).into());
}

#[test]
fn prompts_and_changes_have_a_stable_json_form() {
    let gap = Prompt::CarerGap {
        subject: Subject::Child(Id("c1".into())),
        item: "1.1".into(),
        level: 3,
        carer_level: 1,
        by: None,
    };
    assert_eq!(
        serde_json::to_value(&gap).unwrap(),
        serde_json::json!({
            "kind": "carer_gap",
            "subject": { "kind": "child", "child_id": "c1" },
            "item": "1.1", "level": 3, "carer_level": 1
        })
    );
    let missing = Prompt::MissingImpact {
        subject: Subject::Household,
        item: "5.2".into(),
        level: 4,
    };
    assert_eq!(
        serde_json::to_value(&missing).unwrap(),
        serde_json::json!({
            "kind": "missing_impact", "subject": { "kind": "household" }, "item": "5.2", "level": 4
        })
    );
    assert_eq!(
        serde_json::to_value(Change::NoLongerAssessed).unwrap(),
        serde_json::json!("no_longer_assessed")
    );
    // A whole summary survives a round trip (the vault may cache it).
    let def = bundled_default();
    let d = build(&def);
    let s = summarise(&d.initial, &d.household, &def);
    let back = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(s, back);
}

/// A second review that keeps every level of the first.
fn held_review(d: &Demo) -> Assessment {
    let mut again = d.review.clone();
    again.id = Id("second-review".into());
    again.kind = AssessmentKind::Review {
        previous: d.review.id.clone(),
    };
    again
}

#[test]
fn improvements_held_at_a_second_review_are_sustained() {
    for def in [bundled_default(), five_point()] {
        let d = build(&def);
        let h = &d.household;
        let improved: BTreeSet<(Id, String)> = compare(&d.initial, &d.review, h, &def)
            .children
            .iter()
            .flat_map(|c| {
                c.areas
                    .iter()
                    .flat_map(|a| &a.items)
                    .filter(|i| i.change == Change::Improved)
                    .map(|i| (c.child_id.clone(), i.item.clone()))
            })
            .collect();
        assert!(!improved.is_empty());

        // One review is not enough.
        assert!(sustained_improvements(&[&d.initial, &d.review], h, &def).is_empty());

        let again = held_review(&d);
        let chain = [&d.initial, &d.review, &again];
        let found = sustained_improvements(&chain, h, &def);
        let keys: BTreeSet<(Id, String)> = found
            .iter()
            .map(|s| (s.child_id.clone(), s.item.clone()))
            .collect();
        assert_eq!(keys, improved);
        assert!(found
            .iter()
            .all(|s: &SustainedImprovement| s.reviews == 2 && s.from > s.to));

        // Slipping back at the newest review ends the run.
        let mut worse = again.clone();
        for r in &mut worse.ratings {
            r.level = r.level.map(|l| l.saturating_add(1).min(def.max_level()));
        }
        let still = sustained_improvements(&[&d.initial, &d.review, &worse], h, &def);
        assert!(still.len() < found.len());
    }
}
