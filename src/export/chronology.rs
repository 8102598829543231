//! The chronology pages of the summary sheet: the household's entries in date order (all of
//! them, or those since a date chosen at export), each with its date, category, source, the
//! children it concerns, the event, its impact and the action taken. Kept apart from `pdf.rs`,
//! which only calls [`section`] after the children's sheets.

use super::layout::{Doc, Style};
use crate::assessment::Household;
use crate::chronology::ChronologyEntry;
use crate::toolkit::ChronologyCategory;
use crate::words;
use chrono::NaiveDate;

/// The chronology to print on a sheet.
#[derive(Debug, Clone, Copy)]
pub struct ChronologyPrint<'a> {
    /// The entries to print, oldest first.
    pub entries: &'a [&'a ChronologyEntry],
    /// The categories, for their labels.
    pub categories: &'a [ChronologyCategory],
    /// The date chosen at export, when only the entries since then are printed.
    pub since: Option<NaiveDate>,
}

/// Draw the chronology, starting on a fresh page.
pub(crate) fn section(doc: &mut Doc, h: &Household, c: &ChronologyPrint) {
    doc.fresh_page();
    doc.heading(
        &format!("Chronology: {}", h.name),
        Style::bold(12.0).with_colour((0.10, 0.20, 0.40)),
        2,
    );
    let scope = match c.since {
        Some(d) => format!(
            "Entries since {}, from every agency recorded, oldest first.",
            words::date_text(d)
        ),
        None => "Every entry recorded, from every agency, oldest first.".to_string(),
    };
    doc.paragraph(&scope, Style::regular(9.0), 0.0);
    if c.entries.is_empty() {
        doc.paragraph("No entries to print.", Style::body(), 0.0);
        return;
    }
    for e in c.entries {
        let category = c
            .categories
            .iter()
            .find(|k| k.code == e.category)
            .map_or(e.category.as_str(), |k| k.label.as_str());
        doc.heading(
            &format!("{} · {category}", words::entry_date_text(e.date)),
            Style::bold(10.0),
            4,
        );
        let mut source = e.source.agency.clone();
        if !e.source.role.trim().is_empty() {
            source.push_str(&format!(" ({})", e.source.role.trim()));
        }
        let names: Vec<&str> = e
            .children
            .iter()
            .filter_map(|id| h.children.iter().find(|k| &k.id == id))
            .map(|k| k.name.as_str())
            .collect();
        let children = if names.is_empty() {
            words::ALL_CHILDREN.to_string()
        } else {
            names.join(", ")
        };
        doc.pair("Source", &source, 110.0);
        doc.pair("Children", &children, 110.0);
        doc.pair("Event", &e.event, 110.0);
        doc.pair(
            "Impact",
            &format!("{}. {}", words::impact_text(e.impact), e.impact_note.trim()),
            110.0,
        );
        doc.pair("Action", &e.action, 110.0);
    }
}
