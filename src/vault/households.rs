//! Households: saving and reading them, and the households list with its search, which reads
//! every household but only three fields of each household's latest assessment.

use super::records::{ASSESSMENTS, HOUSEHOLDS};
use super::writer::{millis, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::{Birth, Household, Id, Status};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

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

/// The few fields of an assessment the households list needs.
#[derive(Deserialize)]
struct AssessmentGlance {
    household_id: Id,
    status: crate::assessment::Status,
    #[serde(default)]
    decision: DecisionGlance,
}

#[derive(Default, Deserialize)]
struct DecisionGlance {
    #[serde(default)]
    review_date: Option<NaiveDate>,
}

impl Writer<'_> {
    pub(crate) fn put_household(&mut self, h: &Household) -> Result<(), VaultError> {
        self.keep_if_unreadable(HOUSEHOLDS, "id", h.id.as_str())?;
        let (rev, body) = self.seal_next(HOUSEHOLDS, h.id.as_str(), h)?;
        self.tx
            .execute(
                "INSERT INTO households(id, updated_at, body, rev) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at,
                   body = excluded.body, rev = excluded.rev",
                params![h.id.as_str(), millis(h.updated_at), body, rev as i64],
            )
            .map_err(db_err("saving a household"))?;
        self.household = Some(h.id.to_string());
        self.audit("save_household", HOUSEHOLDS, h.id.as_str())
    }
}

/// A household's search text, lower-case, with dates in both accepted forms.
fn search_text(h: &Household) -> String {
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
            .query_row(
                "SELECT rev, body FROM households WHERE id = ?1",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
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

    /// Every household that opens, with its summary line, sorted by name.
    fn all_households(&self) -> Result<Vec<(Household, HouseholdSummary)>, VaultError> {
        // Only the latest assessment of each household is needed, and only three of its fields:
        // read just those (the rest of the record is skipped, not built).
        let mut latest: std::collections::HashMap<String, (String, AssessmentGlance)> =
            Default::default();
        let rows = self.rows_rev(
            "SELECT a.id, a.rev, a.body FROM assessments a
             WHERE a.rowid = (SELECT b.rowid FROM assessments b WHERE b.household_id = a.household_id
                              ORDER BY b.created_at DESC, b.id DESC LIMIT 1)",
            [],
        )?;
        for (id, rev, b) in rows {
            if let Ok(a) = self.open_rev::<AssessmentGlance>(ASSESSMENTS, &id, rev, &b) {
                latest.insert(a.household_id.0.clone(), (id, a));
            }
        }
        let mut out = Vec::new();
        for (id, rev, b) in self.rows_rev("SELECT id, rev, body FROM households", [])? {
            let Ok(h) = self.open_rev::<Household>(HOUSEHOLDS, &id, rev, &b) else {
                continue;
            };
            let a = latest.get(h.id.as_str());
            let s = HouseholdSummary {
                id: h.id.clone(),
                name: h.name.clone(),
                postcode: h.address.postcode.clone(),
                children: h.children.iter().map(|c| c.name.clone()).collect(),
                latest_assessment: a.map(|(id, a)| (Id(id.clone()), a.status)),
                review_due: a.and_then(|(_, a)| a.decision.review_date),
                updated_at: h.updated_at,
            };
            out.push((h, s));
        }
        out.sort_by_cached_key(|(_, s)| (s.name.to_lowercase(), s.id.clone()));
        Ok(out)
    }

    /// Every household, sorted by name. Records that do not open are quarantined and left out.
    pub fn list_households(&self) -> Result<Vec<HouseholdSummary>, VaultError> {
        Ok(self.all_households()?.into_iter().map(|(_, s)| s).collect())
    }

    /// Households matching `query` (case-insensitive) in their name, a carer's or child's
    /// name, a child's date of birth (`yyyy-mm-dd` or `dd/mm/yyyy`) or the postcode (spaces
    /// ignored). An empty query matches every household.
    pub fn search_households(&self, query: &str) -> Result<Vec<HouseholdSummary>, VaultError> {
        let q = query.trim().to_lowercase();
        let q_compact = q.replace(' ', "");
        Ok(self
            .all_households()?
            .into_iter()
            .filter(|(h, _)| {
                let t = search_text(h);
                q.is_empty() || t.contains(&q) || (!q_compact.is_empty() && t.contains(&q_compact))
            })
            .map(|(_, s)| s)
            .collect())
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
