//! A household's chronology: dated, factual entries from every agency involved, so that
//! practitioners can see cumulative harm over time and across services. A visit that did not
//! happen (no access, cancelled, a child not brought) is an entry like any other.
//!
//! Entries are stored per household as one sealed record of their own (`vault/chronology.rs`),
//! never inside the household, so saving a household's details never touches its chronology.
//! Each entry's category is a code from the definition's `chronology_categories`; the CSV form
//! that other agencies' chronologies are merged through lives in [`csv`] and is documented in
//! `docs/chronology-csv.md`.
//!
//! Nothing here is shown in the Family view.

pub mod csv;

use crate::assessment::{Household, Id};
use crate::toolkit::{ChronologyCategory, ToolkitDefinition};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// When an event happened: a day, or only the month and year when the day is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryDate {
    /// On this day.
    Day(NaiveDate),
    /// Some time in this month (`month` 1 to 12).
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
}

impl EntryDate {
    /// Read `yyyy-mm-dd` or `yyyy-mm` (an approximate date).
    pub fn parse(s: &str) -> Option<EntryDate> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            if s.len() == 10 {
                return Some(EntryDate::Day(d));
            }
        }
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(EntryDate::Month { year, month })
    }

    /// The first day the date may be (the day itself, or the first of the month).
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            EntryDate::Day(d) => d,
            EntryDate::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).expect("checked when read")
            }
        }
    }

    /// The order entries are listed in: by year and month, a month-only date before the
    /// days of that month.
    pub fn sort_key(&self) -> (i32, u32, u32) {
        match *self {
            EntryDate::Day(d) => (d.year(), d.month(), d.day()),
            EntryDate::Month { year, month } => (year, month, 0),
        }
    }

    /// Whether the entry may fall on or after `since` (an approximate date counts when its
    /// month holds `since` or is later).
    pub fn on_or_after(&self, since: NaiveDate) -> bool {
        match *self {
            EntryDate::Day(d) => d >= since,
            EntryDate::Month { year, month } => (year, month) >= (since.year(), since.month()),
        }
    }
}

impl std::fmt::Display for EntryDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EntryDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            EntryDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl Serialize for EntryDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for EntryDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        EntryDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "'{s}' is not a date: write yyyy-mm-dd, or yyyy-mm when only the month is known"
            ))
        })
    }
}

/// The impact of an event on the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Good for the child.
    Positive,
    /// Harmful to the child.
    Negative,
    /// Not known yet.
    NotKnown,
}

impl Impact {
    /// Every value, in the order offered.
    pub const ALL: [Impact; 3] = [Impact::Negative, Impact::Positive, Impact::NotKnown];

    /// The value as written in JSON and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Impact::Positive => "positive",
            Impact::Negative => "negative",
            Impact::NotKnown => "not_known",
        }
    }

    /// Read the JSON and CSV value.
    pub fn from_code(s: &str) -> Option<Impact> {
        Impact::ALL.into_iter().find(|i| i.code() == s.trim())
    }
}

/// Who the information came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The agency, e.g. "Northgate Primary School".
    pub agency: String,
    /// The role of the person who reported it, e.g. "Designated safeguarding lead".
    #[serde(default)]
    pub role: String,
}

/// One event in a household's chronology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyEntry {
    /// Identifier (empty when new: the session gives it one).
    pub id: Id,
    /// When it happened.
    pub date: EntryDate,
    /// What happened, in plain factual words.
    pub event: String,
    /// A code from the definition's `chronology_categories`.
    pub category: String,
    /// Who reported it.
    pub source: Source,
    /// The children it concerns (ids of the household's children); empty means all of them.
    #[serde(default)]
    pub children: Vec<Id>,
    /// The impact on the child.
    pub impact: Impact,
    /// The impact, in a sentence.
    #[serde(default)]
    pub impact_note: String,
    /// The action taken, or why none was taken.
    #[serde(default)]
    pub action: String,
}

impl ChronologyEntry {
    /// Whether two entries record the same event: the same date, category, source and event
    /// (the event compared without regard to case or surrounding spaces).
    pub fn same_event(&self, other: &ChronologyEntry) -> bool {
        self.date == other.date
            && self.category == other.category
            && self
                .source
                .agency
                .trim()
                .eq_ignore_ascii_case(other.source.agency.trim())
            && self
                .source
                .role
                .trim()
                .eq_ignore_ascii_case(other.source.role.trim())
            && self.event.trim().to_lowercase() == other.event.trim().to_lowercase()
    }

    /// Whether the entry concerns the child `id` (an entry for no child in particular
    /// concerns them all).
    pub fn concerns(&self, id: &Id) -> bool {
        self.children.is_empty() || self.children.contains(id)
    }
}

/// A household's chronology as stored: its entries in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chronology {
    /// The household.
    pub household_id: Id,
    /// The entries, oldest first.
    #[serde(default)]
    pub entries: Vec<ChronologyEntry>,
}

impl Chronology {
    /// Put the entries in date order (a stable sort: entries on the same date keep the order
    /// they were recorded in).
    pub fn sort(&mut self) {
        self.entries.sort_by_key(|e| e.date.sort_key());
    }
}

/// One fault of an entry: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFault {
    /// The field, as named in JSON (and the CSV column where it differs).
    pub field: &'static str,
    /// What is wrong and what to write instead.
    pub why: String,
}

/// The categories that apply: the definition's, or the bundled default's when it lists none
/// (a definition written before chronologies existed).
pub fn categories(def: &ToolkitDefinition) -> Vec<ChronologyCategory> {
    if def.chronology_categories.is_empty() {
        crate::toolkit::bundled_default().chronology_categories
    } else {
        def.chronology_categories.clone()
    }
}

/// Check an entry against its household, the categories in use and today's date. Returns every
/// fault found, in field order.
pub fn check_entry(
    e: &ChronologyEntry,
    h: &Household,
    categories: &[ChronologyCategory],
    today: NaiveDate,
) -> Vec<EntryFault> {
    let mut f = Vec::new();
    let mut fault = |field: &'static str, why: String| f.push(EntryFault { field, why });
    if e.date.earliest() > today {
        fault(
            "date",
            format!(
                "{} is in the future; record events that have happened",
                e.date
            ),
        );
    }
    if e.event.trim().is_empty() {
        fault("event", "say what happened, in plain factual words".into());
    }
    if !categories.iter().any(|c| c.code == e.category) {
        let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
        fault(
            "category",
            format!(
                "'{}' is not one of the categories: {}",
                e.category,
                codes.join(", ")
            ),
        );
    }
    if e.source.agency.trim().is_empty() {
        fault("agency", "name the agency the information came from".into());
    }
    for c in &e.children {
        if !h.children.iter().any(|k| &k.id == c) {
            fault("children", format!("{c} is not a child of this household"));
        }
    }
    if e.impact_note.trim().is_empty() {
        fault(
            "impact_note",
            "say in a sentence what the impact on the child was (or why it is not known)".into(),
        );
    }
    if e.action.trim().is_empty() {
        fault(
            "action",
            "say what action was taken, or why none was taken".into(),
        );
    }
    f
}

/// The entries to print on a sheet: all of them, or those on or after `since`.
pub fn entries_since(c: &Chronology, since: Option<NaiveDate>) -> Vec<&ChronologyEntry> {
    c.entries
        .iter()
        .filter(|e| since.is_none_or(|s| e.date.on_or_after(s)))
        .collect()
}

/// Merge `incoming` into `into`: each entry that records the same event as one already there
/// (or earlier in `incoming`) is skipped; the others are added and the whole kept in date order.
/// Returns how many were added and how many skipped as duplicates.
pub fn merge(into: &mut Chronology, incoming: Vec<ChronologyEntry>) -> (usize, usize) {
    let (mut added, mut skipped) = (0, 0);
    for e in incoming {
        if into.entries.iter().any(|x| x.same_event(&e)) {
            skipped += 1;
        } else {
            into.entries.push(e);
            added += 1;
        }
    }
    into.sort();
    (added, skipped)
}

#[cfg(test)]
mod tests;
