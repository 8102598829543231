//! The review parts of the demo's second review on the summary sheet, read back with pdftotext:
//! the answers to the review questions, each child's priorities and targets with their progress,
//! the worse and drift prompts in the core's words, and the trend over all three assessments.

use super::{body_text, tool};
use chrono::{DateTime, TimeZone, Utc};
use ntk_core::assessment::Subject;
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::{
    compare, review_prompts, summarise, sustained_improvements, trend, Prompt,
};
use ntk_core::toolkit::bundled_default;
use ntk_core::{demo, words, SeededEntropy};

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// The text of the second review's sheet (furniture removed, normalised), with the demo.
fn sheet() -> (demo::Demo, String) {
    let def = bundled_default();
    let d = demo::demo(&def, now(), &mut SeededEntropy::new(5));
    let (h, a, prev) = (&d.household, &d.second_review, &d.review);
    let mut summary = summarise(a, h, &def);
    summary.prompts.extend(review_prompts(prev, a, h, &def));
    let comparison = compare(prev, a, h, &def);
    let chain = [&d.initial, &d.review, &d.second_review];
    let sustained = sustained_improvements(&chain, h, &def);
    let t = trend(&chain, h, &def);
    let bytes = summary_sheet(&SheetInput {
        household: h,
        assessment: a,
        summary: &summary,
        definition: &def,
        comparison: Some(&comparison),
        previous: Some(prev),
        sustained: Some(&sustained),
        trend: Some(&t),
        contacts: &def.contacts,
        created_at: now(),
    })
    .unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-sheet-review.pdf");
    ntk_core::export::write_atomic(&path, &bytes).unwrap();
    let text = body_text(&tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"]));
    (d, normalise(&text))
}

#[test]
fn the_review_questions_are_printed_with_their_answers() {
    let def = bundled_default();
    let (d, text) = sheet();
    assert!(text.contains("Review questions"));
    assert_eq!(d.second_review.review_answers.len(), 5);
    for q in &def.review_questions {
        assert!(text.contains(&normalise(&q.text)), "question {}", q.id);
        let answer = d
            .second_review
            .review_answers
            .iter()
            .find(|x| x.question == q.id)
            .unwrap();
        assert!(
            text.contains(&normalise(&answer.answer)),
            "answer to {}",
            q.id
        );
    }
}

#[test]
fn each_childs_targets_are_printed_with_their_progress() {
    let def = bundled_default();
    let (d, text) = sheet();
    assert!(text.contains("Priorities and targets"));
    let h = &d.household;
    for t in &d.second_review.targets {
        let line = normalise(&words::target_text(t, h, &def));
        assert!(line.contains("Carried from the last assessment"), "{line}");
        let times = text.matches(&line).count();
        // A household target is in every child's section, a child's only in that child's.
        let expected = match &t.subject {
            Subject::Household => h.children.len(),
            Subject::Child(_) => 1,
        };
        assert_eq!(times, expected, "{line}");
    }
}

#[test]
fn the_worse_and_drift_prompts_are_printed_in_the_cores_words() {
    let def = bundled_default();
    let (d, text) = sheet();
    let prompts = review_prompts(&d.review, &d.second_review, &d.household, &def);
    assert!(prompts.iter().any(|p| matches!(p, Prompt::Worse { .. })));
    assert!(prompts.iter().any(|p| matches!(p, Prompt::Drift { .. })));
    for p in &prompts {
        let line = normalise(&words::prompt_text(p, &d.household, &def).one_line());
        assert!(text.contains(&line), "{line}");
    }
}

#[test]
fn the_trend_has_a_column_per_assessment_and_a_row_per_area() {
    let def = bundled_default();
    let (d, text) = sheet();
    let chain = [&d.initial, &d.review, &d.second_review];
    let t = trend(&chain, &d.household, &def);
    let at = text
        .find("Trend over all assessments")
        .expect("a trend heading");
    let after = &text[at..];
    for p in &t.points {
        assert!(after.contains(&words::trend_column(p)), "{:?}", p.date);
    }
    // Each child's section has its own trend.
    assert_eq!(
        text.matches("Trend over all assessments").count(),
        d.household.children.len()
    );
    // The eldest's first area, worst level at each assessment, in order on one row.
    let area = &def.areas[0];
    let row: Vec<String> = t.children[0].areas[0]
        .worst
        .iter()
        .map(|l| format!("Level {}", l.unwrap()))
        .collect();
    let expected = format!("{} {} {}", area.number, area.title, row.join(" "));
    assert!(after.contains(&expected), "{expected}");
}
