//! The review parts of a child's section of the summary sheet: the answers to the review
//! questions, the priorities and targets, and the trend over every assessment. Each is one
//! function drawing into the sheet's [`Doc`]; `pdf.rs` calls them in order.

use super::layout::{Cell, Doc, Style, CONTENT_W};
use crate::assessment::{Assessment, Child, Household, Level, Subject};
use crate::summary::Trend;
use crate::toolkit::ToolkitDefinition;
use crate::words;

const H2: Style = Style::bold(12.0).with_colour((0.10, 0.20, 0.40));
const HEAD_FILL: (f32, f32, f32) = (0.25, 0.30, 0.38);
const WHITE: (f32, f32, f32) = (1.0, 1.0, 1.0);

/// A review's answers to the definition's review questions, question by question (an
/// unanswered question says so). Nothing on an initial assessment without answers.
pub(super) fn review_answers_lines(doc: &mut Doc, a: &Assessment, def: &ToolkitDefinition) {
    if a.previous().is_none() && a.review_answers.is_empty() {
        return;
    }
    if def.review_questions.is_empty() && a.review_answers.is_empty() {
        return;
    }
    doc.heading("Review questions", H2, 3);
    for q in &def.review_questions {
        doc.paragraph(&q.text, Style::bold(9.5), 0.0);
        let answer = a
            .review_answers
            .iter()
            .find(|x| x.question == q.id)
            .map(|x| x.answer.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or("Not answered.");
        doc.paragraph(answer, Style::body(), 8.0);
        doc.gap(2.0);
    }
}

/// The priorities and targets about `child` (the child's own and the household's), each on one
/// line ([`words::target_text`]), carried ones with their progress.
pub(super) fn targets_lines(
    doc: &mut Doc,
    a: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    child: Option<&Child>,
) {
    doc.heading("Priorities and targets", H2, 2);
    let mine: Vec<String> = a
        .targets
        .iter()
        .filter(|t| match &t.subject {
            Subject::Household => true,
            Subject::Child(id) => child.is_some_and(|c| &c.id == id),
        })
        .map(|t| words::target_text(t, h, def))
        .collect();
    if mine.is_empty() {
        doc.paragraph("None set.", Style::body(), 0.0);
    }
    for line in mine {
        doc.paragraph(&format!("• {line}"), Style::body(), 0.0);
        doc.gap(1.0);
    }
}

/// The trend for `child`: one row per area with its worst level at every assessment of the
/// series, oldest first ([`words::trend_column`] heads each column). Nothing when the series
/// has a single assessment.
pub(super) fn trend_lines(
    doc: &mut Doc,
    trend: &Trend,
    def: &ToolkitDefinition,
    child: Option<&Child>,
) {
    if trend.points.len() < 2 {
        return;
    }
    let Some(ct) = child.and_then(|c| trend.children.iter().find(|t| t.child_id == c.id)) else {
        return;
    };
    doc.heading("Trend over all assessments", H2, 4);
    doc.paragraph(
        "The worst level in each area at every assessment, oldest first. Lower levels are \
         better care.",
        Style::body(),
        0.0,
    );
    let n = trend.points.len() as f32;
    let col = ((CONTENT_W - 150.0) / n).min(95.0);
    let first = CONTENT_W - col * n;
    let header = |d: &mut Doc| {
        let st = Style::bold(8.0).with_colour(WHITE);
        let mut cells = vec![Cell {
            width: first,
            text: "Area".into(),
            style: st,
            fill: Some(HEAD_FILL),
        }];
        cells.extend(trend.points.iter().map(|p| Cell {
            width: col,
            text: words::trend_column(p),
            style: st,
            fill: Some(HEAD_FILL),
        }));
        d.row(&cells);
    };
    doc.ensure(60.0);
    header(doc);
    for at in &ct.areas {
        let title = def.areas.iter().find(|a| a.number == at.area).map_or_else(
            || format!("Area {}", at.area),
            |a| format!("{} {}", a.number, a.title),
        );
        let mut cells = vec![Cell {
            width: first,
            text: title,
            style: Style::regular(8.5),
            fill: None,
        }];
        cells.extend(at.worst.iter().map(|l| level_cell(def, *l, col)));
        if !doc.row_fits(&cells) {
            doc.new_page();
            header(doc);
        }
        doc.row(&cells);
    }
}

/// A level as a cell in its colour on the definition's scale, or the not-assessed label.
fn level_cell(def: &ToolkitDefinition, level: Option<Level>, width: f32) -> Cell {
    let scale = level.and_then(|l| def.level(l));
    let fill = scale.and_then(|s| words::colour_rgb(&s.colour));
    let ink = fill.map_or((0.0, 0.0, 0.0), words::ink_on);
    Cell {
        width,
        text: level.map_or_else(
            || def.scale.not_assessed_label.clone(),
            |l| format!("Level {l}"),
        ),
        style: Style::bold(8.5).with_colour(ink),
        fill,
    }
}
