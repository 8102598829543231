//! Households: saving and reading them, and the households list with its search, served from
//! the in-memory households index (`index.rs`).

use super::records::HOUSEHOLDS;
use super::writer::Writer;
use super::{db_err, Vault, VaultError};
use crate::assessment::{Birth, Household, Id, Status};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// One line of the households list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdSummary {
    /// The household's id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its postcode.
    pub postcode: String,
    /// Names of its children.
    pub children: Vec<String>,
    /// The most recently started assessment and its status.
    pub latest_assessment: Option<(Id, Status)>,
    /// The review date set by the latest assessment's decision.
    pub review_due: Option<NaiveDate>,
    /// When the household was last changed.
    pub updated_at: DateTime<Utc>,
}

impl Writer<'_> {
    pub(crate) fn put_household(&mut self, h: &Household) -> Result<(), VaultError> {
        self.keep_if_unreadable(HOUSEHOLDS, "id", h.id.as_str())?;
        let (rev, body) = self.seal_next(HOUSEHOLDS, h.id.as_str(), h)?;
        self.tx
            .execute(
                "INSERT INTO households(id, body, rev) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET body = excluded.body, rev = excluded.rev",
                params![h.id.as_str(), body, rev as i64],
            )
            .map_err(db_err("saving a household"))?;
        self.household = Some(h.id.to_string());
        self.audit("save_household", HOUSEHOLDS, h.id.as_str())
    }
}

/// A household's search text, lower-case, with dates in both accepted forms.
pub(super) fn search_text(h: &Household) -> String {
    let mut s = String::new();
    let mut push = |t: &str| {
        s.push_str(&t.to_lowercase());
        s.push('\n');
    };
    push(&h.name);
    push(&h.address.postcode);
    push(&h.address.postcode.replace(' ', ""));
    for c in &h.carers {
        push(&c.name);
    }
    for c in &h.children {
        push(&c.name);
        let d = match c.birth {
            Birth::Born(d) | Birth::Expected(d) => d,
        };
        push(&d.format("%Y-%m-%d").to_string());
        push(&d.format("%d/%m/%Y").to_string());
    }
    s
}

impl Vault {
    /// A household by id.
    pub fn household(&self, id: &Id) -> Result<Household, VaultError> {
        let (rev, body): (i64, Vec<u8>) = self
            .conn
            .prepare_cached("SELECT rev, body FROM households WHERE id = ?1")
            .and_then(|mut st| st.query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?))))
            .optional()
            .map_err(db_err("reading a household"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "household",
                id: id.to_string(),
            })?;
        let h: Household = self.open_rev(HOUSEHOLDS, id.as_str(), rev, &body)?;
        Ok(h)
    }

    /// Create or update a household.
    pub fn save_household(&mut self, h: &Household) -> Result<(), VaultError> {
        let mut w = self.writer()?;
        w.put_household(h)?;
        w.commit()
    }

    /// Every household, sorted by name. Records that do not open are quarantined and left out.
    pub fn list_households(&self) -> Result<Vec<HouseholdSummary>, VaultError> {
        self.indexed_list()
    }

    /// Households matching `query` (case-insensitive) in their name, a carer's or child's
    /// name, a child's date of birth (`yyyy-mm-dd` or `dd/mm/yyyy`) or the postcode (spaces
    /// ignored). An empty query matches every household.
    pub fn search_households(&self, query: &str) -> Result<Vec<HouseholdSummary>, VaultError> {
        let q = query.trim().to_lowercase();
        let q_compact = q.replace(' ', "");
        self.indexed_search(&q, &q_compact)
    }

    /// Households whose latest assessment sets a review date on or before `on`, soonest first.
    pub fn reviews_due(&self, on: NaiveDate) -> Result<Vec<HouseholdSummary>, VaultError> {
        let mut v: Vec<_> = self
            .list_households()?
            .into_iter()
            .filter(|s| s.review_due.is_some_and(|d| d <= on))
            .collect();
        v.sort_by_key(|s| s.review_due);
        Ok(v)
    }
}
