//! The decision and the other agencies on the summary sheet, read back with pdftotext: the demo
//! review's two kinds with the front door, the lead's advice, the parents' answers, the DASH
//! record, and the other agencies; and a referral the parents do not agree to, with why, and a
//! DASH checklist not done, with why.

use super::{body_text, tool};
use chrono::{TimeZone, Utc};
use ntk_core::assessment::{Assessment, Household};
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::summarise;
use ntk_core::toolkit::{bundled_default, ToolkitDefinition};
use ntk_core::{demo, SeededEntropy};

/// Runs of whitespace (line wraps included) as one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sheet_text(def: &ToolkitDefinition, h: &Household, a: &Assessment, name: &str) -> String {
    let summary = summarise(a, h, def);
    let bytes = summary_sheet(&SheetInput {
        household: h,
        assessment: a,
        summary: &summary,
        definition: def,
        comparison: None,
        previous: None,
        sustained: None,
        trend: None,
        contacts: &def.contacts,
        created_at: Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap(),
    })
    .unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    ntk_core::export::write_atomic(&path, &bytes).unwrap();
    normalise(&body_text(&tool(
        "pdftotext",
        &["-raw", path.to_str().unwrap(), "-"],
    )))
}

fn label_of(def: &ToolkitDefinition, code: &str) -> String {
    def.decision_options
        .iter()
        .find(|o| o.code == code)
        .unwrap()
        .label
        .clone()
}

#[test]
fn the_demo_review_prints_every_part_of_the_decision_and_the_agencies() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let d = demo::demo(&def, now, &mut SeededEntropy::new(5));
    let text = sheet_text(&def, &d.household, &d.review, "summary-sheet-decision.pdf");
    let decision = &d.review.decision;
    assert_eq!(decision.options.len(), 2);
    for code in &decision.options {
        let label = normalise(&label_of(&def, code));
        assert!(text.contains(&label), "the option {label:?} is printed");
    }
    let door = decision.front_door.as_ref().unwrap();
    assert!(
        text.contains(&format!("Front door {}", door.name)),
        "{text}"
    );
    let lead = decision.lead_consulted.as_ref().unwrap();
    assert!(text.contains(&normalise(&lead.advice)), "the lead's advice");
    assert!(text.contains("The lead's advice"));
    assert!(text.contains("Parents know Yes"));
    assert!(text.contains("Parents agree Yes"));
    let on = ntk_core::words::date_text(decision.dash.date.unwrap());
    assert!(text.contains(&format!("DASH risk checklist Done, on {on}")));
    assert!(text.contains("DASH outcome Medium risk"));
    assert!(text.contains("MARAC referral made No"));
    assert!(text.contains("Other agencies involved"));
    for a in &d.household.agencies {
        for part in [&a.agency, &a.role, &a.name, &a.contact] {
            assert!(text.contains(part.as_str()), "the agency detail {part:?}");
        }
    }
    // Each child's section carries its own copy of the decision and the agencies.
    let children = d.household.children.len();
    // Once on the first page and once in the detail.
    assert_eq!(
        text.matches("Other agencies involved").count(),
        2 * children
    );
    assert_eq!(
        text.matches("DASH outcome Medium risk").count(),
        2 * children
    );
}

#[test]
fn parents_who_do_not_agree_and_a_dash_not_done_print_with_why() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let mut d = demo::demo(&def, now, &mut SeededEntropy::new(5));
    let a = &mut d.review;
    a.decision.parents.agree = Some(false);
    a.decision.parents.why_not = "They want to try on their own for a month first.".into();
    a.decision.dash.done = Some(false);
    a.decision.dash.why_not = "Not safe to ask with the partner at home.".into();
    a.decision.dash.outcome = None;
    let mut h = d.household.clone();
    h.agencies.clear();
    let text = sheet_text(&def, &h, a, "summary-sheet-decision-why-not.pdf");
    assert!(text.contains("Parents agree No"));
    assert!(text.contains("They want to try on their own for a month first."));
    assert!(text.contains("DASH risk checklist Not done"));
    assert!(text.contains("Not safe to ask with the partner at home."));
    assert!(
        !text.contains("DASH outcome"),
        "no outcome for a checklist not done"
    );
    assert!(text.contains("Other agencies None recorded"));
}
