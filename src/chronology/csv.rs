//! The CSV form of a chronology, for merging with other agencies' chronologies. The columns are
//! documented in `docs/chronology-csv.md`:
//!
//! `date, category, event, agency, role, children, impact, impact_note, action`
//!
//! Children are written by name, separated by `;` (another agency does not know this vault's
//! ids); an empty cell means the entry concerns every child. Reading is all or nothing: every
//! bad row is reported with its row number (the header is row 1) and column, and no entry is
//! returned unless every row is good.

use super::{check_entry, ChronologyEntry, EntryDate, Impact, Source};
use crate::assessment::{Household, Id};
use crate::toolkit::ChronologyCategory;
use chrono::NaiveDate;

/// The columns, in the order they are written.
pub const COLUMNS: [&str; 9] = [
    "date",
    "category",
    "event",
    "agency",
    "role",
    "children",
    "impact",
    "impact_note",
    "action",
];

/// One bad cell or row of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row number in the file (the header is row 1).
    pub row: usize,
    /// The column, if the fault is in one.
    pub column: Option<String>,
    /// What is wrong and what to write instead.
    pub why: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c}: {}", self.row, self.why),
            None => write!(f, "row {}: {}", self.row, self.why),
        }
    }
}

/// Write entries as CSV with a header row, children by name.
pub fn write(entries: &[ChronologyEntry], h: &Household) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writing to memory");
    for e in entries {
        let children: Vec<&str> = e
            .children
            .iter()
            .filter_map(|id| h.children.iter().find(|c| &c.id == id))
            .map(|c| c.name.as_str())
            .collect();
        w.write_record([
            e.date.to_string().as_str(),
            &e.category,
            &e.event,
            &e.source.agency,
            &e.source.role,
            &children.join("; "),
            e.impact.code(),
            &e.impact_note,
            &e.action,
        ])
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// Read CSV into entries for household `h` (children matched by name, without regard to case),
/// each checked like an entry typed in. Returns every entry, or every fault found.
pub fn read(
    bytes: &[u8],
    h: &Household,
    categories: &[ChronologyCategory],
    today: NaiveDate,
) -> Result<Vec<ChronologyEntry>, Vec<RowError>> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        vec![RowError {
            row: 1,
            column: None,
            why: "the file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\"".into(),
        }]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match r.headers() {
        Ok(hs) => hs.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                row: 1,
                column: None,
                why: format!("the header row does not read ({e})"),
            }])
        }
    };
    let mut errors = Vec::new();
    for hname in &headers {
        if !COLUMNS.contains(&hname.as_str()) {
            errors.push(RowError {
                row: 1,
                column: Some(hname.clone()),
                why: format!("unknown column; the columns are {}", COLUMNS.join(", ")),
            });
        }
    }
    let mut at = [usize::MAX; COLUMNS.len()];
    for (i, c) in COLUMNS.iter().enumerate() {
        match headers.iter().position(|hname| hname == c) {
            Some(p) => at[i] = p,
            None => errors.push(RowError {
                row: 1,
                column: Some((*c).to_string()),
                why: "this column is missing from the header row".into(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut entries = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let row = n + 2;
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                errors.push(RowError {
                    row,
                    column: None,
                    why: match e.kind() {
                        ::csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => format!("it has {len} cells where the header has {expected_len}"),
                        _ => format!("it does not read ({e})"),
                    },
                });
                continue;
            }
        };
        let cell = |i: usize| rec.get(at[i]).unwrap_or("").trim().to_string();
        let mut bad = |column: &str, why: String| {
            errors.push(RowError {
                row,
                column: Some(column.to_string()),
                why,
            })
        };
        let date = EntryDate::parse(&cell(0));
        if date.is_none() {
            bad(
                "date",
                format!(
                    "'{}' is not a date; write yyyy-mm-dd, or yyyy-mm when only the month is known",
                    cell(0)
                ),
            );
        }
        let impact = Impact::from_code(&cell(6));
        if impact.is_none() {
            bad(
                "impact",
                format!(
                    "'{}' is not an impact; write positive, negative or not_known",
                    cell(6)
                ),
            );
        }
        let mut children = Vec::new();
        for name in cell(5).split(';').map(str::trim).filter(|s| !s.is_empty()) {
            match h
                .children
                .iter()
                .find(|c| c.name.trim().eq_ignore_ascii_case(name))
            {
                Some(c) => children.push(c.id.clone()),
                None => bad(
                    "children",
                    format!("'{name}' is not the name of a child in this household"),
                ),
            }
        }
        let (Some(date), Some(impact)) = (date, impact) else {
            continue;
        };
        let e = ChronologyEntry {
            id: Id(String::new()),
            date,
            event: cell(2),
            category: cell(1),
            source: Source {
                agency: cell(3),
                role: cell(4),
            },
            children,
            impact,
            impact_note: cell(7),
            action: cell(8),
        };
        for f in check_entry(&e, h, categories, today) {
            bad(f.field, f.why);
        }
        entries.push(e);
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}
