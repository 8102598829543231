//! The child's voice on the summary sheet, read back with pdftotext: how each view was
//! obtained (a picture board, a professional interpreter with the language), the child's own
//! words and the practitioner's interpretation as separate fields, and the prompt for a child
//! never seen alone (each visit's line already says who was seen alone).

use super::{body_text, tool};
use chrono::{TimeZone, Utc};
use ntk_core::assessment::{Assessment, Subject};
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::summarise;
use ntk_core::toolkit::bundled_default;
use ntk_core::words::voice::{
    heard_text, HOW_LABEL, INTERPRETATION_LABEL, NOT_ALONE_HEAD, WORDS_LABEL,
};
use ntk_core::{demo, SeededEntropy};

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sheet(d: &demo::Demo, a: &Assessment, name: &str) -> String {
    let def = bundled_default();
    let summary = summarise(a, &d.household, &def);
    let bytes = summary_sheet(&SheetInput {
        household: &d.household,
        assessment: a,
        summary: &summary,
        definition: &def,
        comparison: None,
        previous: None,
        sustained: None,
        trend: None,
        contacts: &def.contacts,
        created_at: Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap(),
    })
    .unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("summary-sheet-voice-{name}.pdf"));
    ntk_core::export::write_atomic(&path, &bytes).unwrap();
    normalise(&body_text(&tool(
        "pdftotext",
        &["-raw", path.to_str().unwrap(), "-"],
    )))
}

#[test]
fn the_sheet_prints_how_each_view_was_heard_the_words_and_the_interpretation_apart() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let d = demo::demo(&def, now, &mut SeededEntropy::new(13));
    let text = sheet(&d, &d.review, "review");
    let oskar = &d.household.children[1];
    let note = d
        .review
        .child_views
        .iter()
        .find(|n| n.child_id == oskar.id)
        .unwrap();
    let how = heard_text(&note.heard);
    assert!(how.contains("Professional interpreter (Polish)"), "{how}");
    assert!(how.contains("picture board"), "{how}");
    // The method, then the child's words, then the interpretation, each under its own label.
    let at_how = text
        .find(&normalise(&format!("{HOW_LABEL} {how}")))
        .expect("the methods are printed");
    let words = text
        .find(&normalise(&format!(
            "{}'s view, in their words {}",
            oskar.name, note.text
        )))
        .expect("the child's words are printed");
    let interp = text
        .find(&normalise(&format!(
            "{INTERPRETATION_LABEL} {}",
            note.heard.interpretation
        )))
        .expect("the interpretation is printed");
    assert!(
        words < at_how && at_how < interp,
        "{words} {at_how} {interp}"
    );
    // A per-item view carries how it was heard as well.
    assert!(text.contains(&normalise(&format!(
        "{HOW_LABEL} Communication aid (such as a picture board)"
    ))));
    // The label of the child's words is the one the screen uses.
    assert!(WORDS_LABEL.contains("own words"));
}

#[test]
fn the_initial_sheet_says_oskar_was_not_seen_alone_with_its_prompt() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let d = demo::demo(&def, now, &mut SeededEntropy::new(13));
    let text = sheet(&d, &d.initial, "initial");
    let oskar = &d.household.children[1].name;
    assert!(text.contains(&format!("{oskar}: seen, not seen alone.")));
    assert!(!text.contains(&format!("{oskar}: seen, and seen alone")));
    assert!(text.contains(&normalise(&format!(
        "{}: {NOT_ALONE_HEAD}",
        d.household.children[1].name
    ))));
}

#[test]
fn a_view_on_a_child_item_prints_how_it_was_heard_and_the_interpretation_apart() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let d = demo::demo(&def, now, &mut SeededEntropy::new(13));
    let amelie = &d.household.children[0];
    let r = d
        .review
        .ratings
        .iter()
        .find(|r| r.subject == Subject::Child(amelie.id.clone()) && !r.heard.is_empty())
        .expect("the demo hears a view on one of the eldest's items");
    let text = sheet(&d, &d.review, "child-item");
    let title = &def.item(&r.item).unwrap().title;
    let head = text
        .find(&normalise(&format!("{} {title}: level", r.item)))
        .expect("the item is printed");
    let after = |needle: String| {
        text[head..]
            .find(&normalise(&needle))
            .map(|at| head + at)
            .unwrap_or_else(|| panic!("not printed after the item: {needle}"))
    };
    let words = after(format!("{}'s view {}", amelie.name, r.child_view));
    let how = after(format!("{HOW_LABEL} {}", heard_text(&r.heard)));
    let interp = after(format!("{INTERPRETATION_LABEL} {}", r.heard.interpretation));
    assert!(
        heard_text(&r.heard).contains("drawing"),
        "{}",
        heard_text(&r.heard)
    );
    // The child's words, then how they were heard, then the interpretation, apart, under the
    // item; the interpretation is printed there only.
    assert!(words < how && how < interp, "{words} {how} {interp}");
    assert_eq!(text.matches(&normalise(&r.heard.interpretation)).count(), 1);
    // The interpretation is not folded into the child's words.
    assert!(!r.child_view.contains(&r.heard.interpretation));
}
