//! The households index: the few decrypted fields the households list and its search need (the
//! summary line of each household and its lower-case search text), kept in memory while the
//! vault is unlocked so that listing and searching never open sealed records.
//!
//! It is built at unlock ([`Vault::rebuild_index`], called by the session), and every committed
//! change that touches a household or an assessment marks that household for a refresh, which is
//! done from the store before the next list or search reads the index. Every string it holds is
//! zeroized when an entry is replaced or removed and when the vault is dropped (locked).

use super::households::{search_text, HouseholdSummary};
use super::records::{ASSESSMENTS, HOUSEHOLDS};
use super::writer::Writer;
use super::{Vault, VaultError};
use crate::assessment::{Household, Id, Status};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use zeroize::Zeroize;

/// The few fields of an assessment the households list needs.
#[derive(Deserialize)]
struct AssessmentGlance {
    household_id: Id,
    status: Status,
    #[serde(default)]
    decision: DecisionGlance,
}

#[derive(Default, Deserialize)]
struct DecisionGlance {
    #[serde(default)]
    review_date: Option<NaiveDate>,
}

/// The latest assessment of every household: `SELECT id, rev, body` of the newest row per
/// household (by start time, then id).
const LATEST_ASSESSMENTS: &str = "SELECT a.id, a.rev, a.body FROM assessments a
     WHERE a.rowid = (SELECT b.rowid FROM assessments b WHERE b.household_id = a.household_id
                      ORDER BY b.created_at DESC, b.id DESC LIMIT 1)";

/// The latest assessment of one household.
const LATEST_ASSESSMENT_OF: &str = "SELECT id, rev, body FROM assessments WHERE household_id = ?1
     ORDER BY created_at DESC, id DESC LIMIT 1";

/// One household in the index.
struct Entry {
    /// The lower-case name, the first part of the list's order (the id is the second).
    sort_key: String,
    /// What a search looks in ([`search_text`]).
    search: String,
    /// The list line.
    summary: HouseholdSummary,
}

impl Entry {
    fn new(h: &Household, latest: Option<(String, &AssessmentGlance)>) -> Entry {
        Entry {
            sort_key: h.name.to_lowercase(),
            search: search_text(h),
            summary: HouseholdSummary {
                id: h.id.clone(),
                name: h.name.clone(),
                postcode: h.address.postcode.clone(),
                children: h.children.iter().map(|c| c.name.clone()).collect(),
                review_due: latest.as_ref().and_then(|(_, a)| a.decision.review_date),
                latest_assessment: latest.map(|(id, a)| (Id(id), a.status)),
                updated_at: h.updated_at,
            },
        }
    }

    /// Bytes this entry holds on the heap.
    fn heap_bytes(&self) -> usize {
        let s = &self.summary;
        self.sort_key.capacity()
            + self.search.capacity()
            + s.id.0.capacity()
            + s.name.capacity()
            + s.postcode.capacity()
            + s.children.capacity() * std::mem::size_of::<String>()
            + s.children.iter().map(String::capacity).sum::<usize>()
            + s.latest_assessment
                .as_ref()
                .map_or(0, |(id, _)| id.0.capacity())
    }
}

impl Zeroize for Entry {
    fn zeroize(&mut self) {
        self.sort_key.zeroize();
        self.search.zeroize();
        let s = &mut self.summary;
        s.id.0.zeroize();
        s.name.zeroize();
        s.postcode.zeroize();
        s.children.zeroize();
        if let Some((id, _)) = s.latest_assessment.as_mut() {
            id.0.zeroize();
        }
        s.latest_assessment = None;
        s.review_due = None;
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.zeroize();
    }
}

/// The index itself, held by the vault behind a mutex.
#[derive(Default)]
pub(crate) struct HouseholdIndex {
    /// Whether it has been built since the vault was opened.
    built: bool,
    /// Every household that opens, in the list's order.
    entries: Vec<Entry>,
    /// Households changed since the entries were made.
    stale: HashSet<String>,
    /// A change whose household is not known: build it all again.
    all_stale: bool,
}

impl HouseholdIndex {
    fn sort(&mut self) {
        self.entries.sort_by(|a, b| {
            (a.sort_key.as_str(), a.summary.id.as_str())
                .cmp(&(b.sort_key.as_str(), b.summary.id.as_str()))
        });
    }

    /// Note committed changes: these households, or (when `all`) every household.
    pub(super) fn mark(&mut self, households: impl IntoIterator<Item = String>, all: bool) {
        self.all_stale |= all;
        self.stale.extend(households);
    }

    /// Drop every entry, zeroizing its strings.
    fn clear(&mut self) {
        self.entries.clear();
        self.stale.clear();
        self.all_stale = false;
        self.built = false;
    }

    fn stats(&self) -> IndexStats {
        IndexStats {
            households: self.entries.len(),
            bytes: std::mem::size_of::<Self>()
                + self.entries.capacity() * std::mem::size_of::<Entry>()
                + self.entries.iter().map(Entry::heap_bytes).sum::<usize>()
                + self.stale.iter().map(|s| s.capacity() + 32).sum::<usize>(),
        }
    }
}

impl Drop for HouseholdIndex {
    fn drop(&mut self) {
        self.clear();
    }
}

/// The size of the households index (its build time is measured by the caller: the core reads
/// no clock of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Households in the index.
    pub households: usize,
    /// Memory it holds, in bytes (its entries and every string they hold, by capacity).
    pub bytes: usize,
}

/// What a writer's committed changes mean for the index.
#[derive(Default)]
pub(super) struct IndexChanges {
    pub(super) households: Vec<String>,
    pub(super) all: bool,
}

impl Writer<'_> {
    /// Note, from the writes of the audit entry about to be written, which households' list
    /// lines may change: a household row names itself; an assessment row names the household
    /// of the entry (when that is not known, the whole index is rebuilt).
    pub(super) fn note_index_changes(&mut self) {
        for w in &self.writes {
            if w.table == HOUSEHOLDS {
                self.index_changes.households.push(w.id.clone());
            } else if w.table == ASSESSMENTS {
                match &self.household {
                    Some(h) => self.index_changes.households.push(h.clone()),
                    None => self.index_changes.all = true,
                }
            }
        }
    }
}

fn lock(ix: &Mutex<HouseholdIndex>) -> MutexGuard<'_, HouseholdIndex> {
    ix.lock().unwrap_or_else(|e| e.into_inner())
}

impl Vault {
    /// Build the households index again from the store (done at unlock). Records that do not
    /// open are quarantined and left out, as in the list.
    pub fn rebuild_index(&self) -> Result<IndexStats, VaultError> {
        let mut ix = lock(&self.index);
        self.build_into(&mut ix)?;
        Ok(ix.stats())
    }

    /// The index's size (it is built first if it is not yet).
    pub fn index_stats(&self) -> Result<IndexStats, VaultError> {
        self.with_index(|ix| ix.stats())
    }

    fn build_into(&self, ix: &mut HouseholdIndex) -> Result<(), VaultError> {
        ix.clear();
        // Only the latest assessment of each household is needed, and only three of its fields:
        // read just those (the rest of the record is skipped, not built).
        let mut latest: HashMap<String, (String, AssessmentGlance)> = HashMap::new();
        for (id, rev, b) in self.rows_rev(LATEST_ASSESSMENTS, [])? {
            if let Ok(a) = self.open_rev::<AssessmentGlance>(ASSESSMENTS, &id, rev, &b) {
                latest.insert(a.household_id.0.clone(), (id, a));
            }
        }
        let rows = self.rows_rev("SELECT id, rev, body FROM households", [])?;
        ix.entries.reserve_exact(rows.len());
        for (id, rev, b) in rows {
            let Ok(mut h) = self.open_rev::<Household>(HOUSEHOLDS, &id, rev, &b) else {
                continue;
            };
            let a = latest.remove(h.id.as_str());
            ix.entries
                .push(Entry::new(&h, a.as_ref().map(|(i, a)| (i.clone(), a))));
            wipe(&mut h);
        }
        ix.sort();
        ix.built = true;
        Ok(())
    }

    /// Make the entries of the households in `ix.stale` agree with the store.
    fn refresh(&self, ix: &mut HouseholdIndex) -> Result<(), VaultError> {
        let stale: Vec<String> = ix.stale.drain().collect();
        for hid in stale {
            if let Some(i) = ix.entries.iter().position(|e| e.summary.id.as_str() == hid) {
                ix.entries.swap_remove(i);
            }
            let row: Option<(String, i64, Vec<u8>)> = self
                .rows_rev("SELECT id, rev, body FROM households WHERE id = ?1", [&hid])?
                .pop();
            let Some((id, rev, b)) = row else { continue };
            let Ok(mut h) = self.open_rev::<Household>(HOUSEHOLDS, &id, rev, &b) else {
                continue;
            };
            let latest =
                self.rows_rev(LATEST_ASSESSMENT_OF, [&hid])?
                    .pop()
                    .and_then(|(aid, rev, b)| {
                        let a = self
                            .open_rev::<AssessmentGlance>(ASSESSMENTS, &aid, rev, &b)
                            .ok()?;
                        Some((aid, a))
                    });
            ix.entries.push(Entry::new(
                &h,
                latest
                    .as_ref()
                    .filter(|(_, a)| a.household_id.as_str() == hid)
                    .map(|(i, a)| (i.clone(), a)),
            ));
            wipe(&mut h);
        }
        ix.sort();
        Ok(())
    }

    /// Run `f` on the index once it agrees with the store.
    pub(super) fn with_index<R>(
        &self,
        f: impl FnOnce(&HouseholdIndex) -> R,
    ) -> Result<R, VaultError> {
        let mut ix = lock(&self.index);
        if !ix.built || ix.all_stale {
            self.build_into(&mut ix)?;
        } else if !ix.stale.is_empty() {
            self.refresh(&mut ix)?;
        }
        Ok(f(&ix))
    }

    /// Every household in the index, in the list's order.
    pub(super) fn indexed_list(&self) -> Result<Vec<HouseholdSummary>, VaultError> {
        self.with_index(|ix| ix.entries.iter().map(|e| e.summary.clone()).collect())
    }

    /// The households whose search text holds `q` or `q_compact` (both lower-case).
    pub(super) fn indexed_search(
        &self,
        q: &str,
        q_compact: &str,
    ) -> Result<Vec<HouseholdSummary>, VaultError> {
        self.with_index(|ix| {
            ix.entries
                .iter()
                .filter(|e| {
                    q.is_empty()
                        || e.search.contains(q)
                        || (!q_compact.is_empty() && e.search.contains(q_compact))
                })
                .map(|e| e.summary.clone())
                .collect()
        })
    }
}

/// Zeroize the names and dates of a household opened to build an entry.
fn wipe(h: &mut Household) {
    h.name.zeroize();
    h.reference.zeroize();
    h.address.postcode.zeroize();
    h.address.lines.zeroize();
    for c in &mut h.carers {
        c.name.zeroize();
        c.phone.zeroize();
    }
    for c in &mut h.children {
        c.name.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> Entry {
        Entry {
            sort_key: name.to_lowercase(),
            search: format!("{}\nng1 1aa\n", name.to_lowercase()),
            summary: HouseholdSummary {
                id: Id(format!("id-{name}")),
                name: name.into(),
                postcode: "NG1 1AA".into(),
                children: vec!["Ada".into()],
                latest_assessment: Some((Id("a1".into()), Status::Draft)),
                review_due: NaiveDate::from_ymd_opt(2026, 4, 1),
                updated_at: chrono::DateTime::UNIX_EPOCH,
            },
        }
    }

    #[test]
    fn zeroizing_an_entry_empties_every_string() {
        let mut e = entry("Smith family");
        assert!(e.heap_bytes() > 0);
        e.zeroize();
        assert!(e.sort_key.is_empty() && e.search.is_empty());
        assert!(e.summary.name.is_empty() && e.summary.postcode.is_empty());
        assert!(e.summary.id.0.is_empty() && e.summary.children.is_empty());
        assert_eq!(e.summary.latest_assessment, None);
        assert_eq!(e.summary.review_due, None);
    }

    #[test]
    fn clearing_the_index_drops_every_entry_and_marks_it_unbuilt() {
        let mut ix = HouseholdIndex::default();
        ix.built = true;
        ix.entries = vec![entry("Brown"), entry("adams")];
        ix.sort();
        assert_eq!(ix.entries[0].summary.name, "adams");
        assert!(ix.stats().bytes > 2 * std::mem::size_of::<Entry>());
        ix.mark(["x".to_string()], false);
        ix.clear();
        assert!(!ix.built && ix.entries.is_empty() && ix.stale.is_empty());
        assert_eq!(ix.stats().households, 0);
    }
}
