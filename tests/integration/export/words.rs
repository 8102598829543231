//! The screen and the summary sheet say the same words: for the demo household, every prompt's
//! headline and action, change word, status and kind word, age, history line and sustained
//! improvement that the assessment view carries ([`ntk_core::words::assessment_text`]) appears in
//! the text of the PDF drawn from the same data.

use super::{body_text, tool};
use chrono::{TimeZone, Utc};
use ntk_core::assessment::Assessment;
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::{compare, summarise, sustained_improvements};
use ntk_core::{demo, toolkit, words, SeededEntropy};

/// Runs of whitespace (line wraps included) as one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_screen_and_the_sheet_say_the_same_words() {
    let def = toolkit::bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let d = demo::demo(&def, now, &mut SeededEntropy::new(5));
    let h = &d.household;
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (a, previous) in [(&d.initial, None), (&d.review, Some(&d.initial))] {
        let summary = summarise(a, h, &def);
        let comparison = previous.map(|p| compare(p, a, h, &def));
        let chain: Vec<&Assessment> = previous.into_iter().chain([a]).collect();
        let sustained = sustained_improvements(&chain, h, &def);
        let text = words::assessment_text(a, h, &def, &summary, &sustained);

        let bytes = summary_sheet(&SheetInput {
            household: h,
            assessment: a,
            summary: &summary,
            definition: &def,
            comparison: comparison.as_ref(),
            previous,
            sustained: Some(&sustained),
            trend: None,
            contacts: &def.contacts,
            created_at: now,
        })
        .unwrap();
        let path = dir.path().join(format!("{}.pdf", a.id.as_str()));
        std::fs::write(&path, bytes).unwrap();
        let sheet = normalise(&body_text(&tool(
            "pdftotext",
            &["-raw", path.to_str().unwrap(), "-"],
        )));

        let mut wanted: Vec<String> = vec![text.status.clone(), text.kind.clone()];
        for p in &text.prompts {
            wanted.push(p.headline.clone());
            wanted.push(p.action.clone());
        }
        if text.prompts.is_empty() {
            wanted.push(text.no_prompts.clone());
        }
        wanted.extend(text.children.iter().map(|c| c.age.clone()));
        wanted.extend(text.history.iter().cloned());
        wanted.extend(text.sustained.iter().cloned());
        // The change words as the interface looks them up: by the change's serialised name.
        let changes = serde_json::to_value(&text.changes).unwrap();
        for cc in comparison.iter().flat_map(|c| &c.children) {
            for ac in &cc.areas {
                for change in std::iter::once(ac.change).chain(ac.items.iter().map(|i| i.change)) {
                    let key = serde_json::to_value(change).unwrap();
                    let word = changes[key.as_str().unwrap()].as_str().unwrap();
                    wanted.push(word.to_string());
                }
            }
        }
        wanted.sort();
        wanted.dedup();
        for w in &wanted {
            assert!(
                sheet.contains(&normalise(w)),
                "the screen says {w:?} but the sheet of {:?} does not",
                text.kind
            );
            checked += 1;
        }
        // The review compares: the words for what moved are all there.
        if previous.is_some() {
            assert!(wanted.iter().any(|w| w == "Improved"), "{wanted:?}");
        } else {
            assert!(
                !text.prompts.is_empty(),
                "the initial assessment raises prompts"
            );
        }
    }
    assert!(checked > 20, "only {checked} strings compared");
}
