//! The chronology use cases of [`Session`]: read a household's timeline, record or correct an
//! entry, remove one, and exchange the CSV form with other agencies (`docs/chronology-csv.md`).
//! The summary sheet's chronology option lives here too ([`SheetOptions`]).

use super::{AppError, Saved, Session, SheetFile};
use crate::assessment::{Id, Status};
use crate::chronology::{self, csv, Chronology, ChronologyEntry, Impact};
use crate::export::{self, SheetInput};
use crate::toolkit::ChronologyCategory;
use crate::words;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One entry as the timeline shows it: the entry with its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryView {
    /// The entry as stored.
    #[serde(flatten)]
    pub entry: ChronologyEntry,
    /// The date in words ([`words::entry_date_text`]).
    pub date_text: String,
    /// The category's label (its code when the categories in use do not list it).
    pub category_label: String,
    /// The impact in words ([`words::impact_text`]).
    pub impact_text: &'static str,
    /// The children it concerns, by name ("All children" when it names none).
    pub children_text: String,
}

/// A choice offered for the impact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImpactOption {
    /// The value stored.
    pub value: Impact,
    /// Its words.
    pub label: &'static str,
}

/// A child as the timeline's filter offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildChoice {
    /// The child's id.
    pub id: Id,
    /// Their name.
    pub name: String,
}

/// A household's chronology as the Timeline view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChronologyView {
    /// The household.
    pub household_id: Id,
    /// The entries, oldest first.
    pub entries: Vec<EntryView>,
    /// The categories offered (the active definition's).
    pub categories: Vec<ChronologyCategory>,
    /// The impacts offered.
    pub impacts: Vec<ImpactOption>,
    /// The household's children, for the filter and the entry form.
    pub children: Vec<ChildChoice>,
}

/// What reading a CSV chronology did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChronologyImported {
    /// Entries added.
    pub added: usize,
    /// Rows skipped because the chronology already records the same event (same date,
    /// category, source and event).
    pub duplicates_skipped: usize,
    /// When the change was committed.
    pub saved_at: DateTime<Utc>,
}

/// The choices made when exporting a summary sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetOptions {
    /// Print only the chronology entries on or after this date; all of them when `None`.
    #[serde(default)]
    pub chronology_since: Option<NaiveDate>,
}

/// `save_chronology_entry` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyEntryInput {
    /// The household.
    pub household_id: Id,
    /// The entry (an empty id records a new one).
    pub entry: ChronologyEntry,
}

/// `remove_chronology_entry` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyRemoveInput {
    /// The household.
    pub household_id: Id,
    /// The entry to remove.
    pub entry_id: Id,
    /// Why it is removed (kept in the audit trail).
    pub reason: String,
}

/// `import_chronology_csv` input.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyFileInput {
    /// The household.
    pub household_id: Id,
    /// The CSV text.
    pub csv: String,
}

fn invalid(message: String) -> AppError {
    AppError::Invalid { message }
}

impl Session {
    fn today(&self) -> NaiveDate {
        self.vault
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .date_naive()
    }

    /// The categories in use: the active definition's (the bundled default's when none is
    /// active yet, or when the active one lists none).
    pub fn chronology_categories(&self) -> Result<Vec<ChronologyCategory>, AppError> {
        let def = match self.vault.settings()?.active_definition {
            Some(hash) => self.vault.definition(&hash)?,
            None => crate::toolkit::bundled_default(),
        };
        Ok(chronology::categories(&def))
    }

    /// The audit trail, oldest first (each chronology change is one entry of it).
    pub fn audit_log(&self) -> Result<Vec<crate::vault::AuditEntry>, AppError> {
        Ok(self.vault.audit_log()?)
    }

    /// A household's chronology with its words, for the Timeline view.
    pub fn chronology(&self, household_id: &Id) -> Result<ChronologyView, AppError> {
        let h = self.vault.household(household_id)?;
        let c = self.vault.chronology(household_id)?;
        let categories = self.chronology_categories()?;
        let entries = c
            .entries
            .into_iter()
            .map(|e| {
                let category_label = categories
                    .iter()
                    .find(|k| k.code == e.category)
                    .map_or_else(|| e.category.clone(), |k| k.label.clone());
                let names: Vec<&str> = e
                    .children
                    .iter()
                    .filter_map(|id| h.children.iter().find(|k| &k.id == id))
                    .map(|k| k.name.as_str())
                    .collect();
                EntryView {
                    date_text: words::entry_date_text(e.date),
                    category_label,
                    impact_text: words::impact_text(e.impact),
                    children_text: if names.is_empty() {
                        words::ALL_CHILDREN.to_string()
                    } else {
                        names.join(", ")
                    },
                    entry: e,
                }
            })
            .collect();
        Ok(ChronologyView {
            household_id: household_id.clone(),
            entries,
            categories,
            impacts: Impact::ALL
                .into_iter()
                .map(|value| ImpactOption {
                    value,
                    label: words::impact_text(value),
                })
                .collect(),
            children: h
                .children
                .iter()
                .map(|k| ChildChoice {
                    id: k.id.clone(),
                    name: k.name.clone(),
                })
                .collect(),
        })
    }

    /// Record a new entry (empty id) or correct one, after checking it. Returns when it was
    /// committed.
    pub fn save_chronology_entry(
        &mut self,
        household_id: &Id,
        entry: ChronologyEntry,
    ) -> Result<Saved, AppError> {
        let mut entry = crate::text::without_bidi_controls(entry);
        let h = self.vault.household(household_id)?;
        let categories = self.chronology_categories()?;
        let faults = chronology::check_entry(&entry, &h, &categories, self.today());
        if !faults.is_empty() {
            let lines: Vec<String> = faults
                .iter()
                .map(|f| format!("{}: {}", f.field, f.why))
                .collect();
            return Err(invalid(format!(
                "The entry was not saved. {}.",
                lines.join("; ")
            )));
        }
        let new = entry.id.as_str().is_empty();
        if new {
            entry.id = Id::generate(self.vault.entropy());
        }
        let action = if new {
            "add_chronology_entry"
        } else {
            "change_chronology_entry"
        };
        let (_, saved_at) =
            self.vault
                .change_chronology(household_id, action, None, |c: &mut Chronology| {
                    if new {
                        c.entries.push(entry);
                    } else {
                        let Some(slot) = c.entries.iter_mut().find(|e| e.id == entry.id) else {
                            return Err(crate::vault::VaultError::NotFound {
                                what: "chronology entry",
                                id: entry.id.to_string(),
                            });
                        };
                        *slot = entry;
                    }
                    Ok(())
                })?;
        Ok(Saved { saved_at })
    }

    /// Remove an entry recorded in error, with the reason (kept in the audit trail).
    pub fn remove_chronology_entry(
        &mut self,
        household_id: &Id,
        entry_id: &Id,
        reason: &str,
    ) -> Result<Saved, AppError> {
        if reason.trim().is_empty() {
            return Err(invalid(
                "Say why the entry is removed; the reason is kept in the audit trail.".into(),
            ));
        }
        let reason = format!("entry {entry_id}: {}", reason.trim());
        let (_, saved_at) = self.vault.change_chronology(
            household_id,
            "remove_chronology_entry",
            Some(&reason),
            |c: &mut Chronology| {
                let before = c.entries.len();
                c.entries.retain(|e| &e.id != entry_id);
                if c.entries.len() == before {
                    return Err(crate::vault::VaultError::NotFound {
                        what: "chronology entry",
                        id: entry_id.to_string(),
                    });
                }
                Ok(())
            },
        )?;
        Ok(Saved { saved_at })
    }

    /// The chronology in the documented CSV form, with a file name that names no one.
    pub fn chronology_csv(&self, household_id: &Id) -> Result<SheetFile, AppError> {
        let h = self.vault.household(household_id)?;
        let c = self.vault.chronology(household_id)?;
        let short: String = household_id.as_str().chars().take(8).collect();
        Ok(SheetFile {
            file_name: format!(
                "chronology-{}-{short}.csv",
                self.vault.clock().now().format("%Y-%m-%d")
            ),
            bytes: csv::write(&c.entries, &h),
            missing_characters: Vec::new(),
            warning: None,
        })
    }

    /// Merge a CSV chronology (another agency's, or one exported here) into a household's:
    /// every row is checked first and, if any is bad, nothing is imported and the message lists
    /// each bad row (row number, column, why). Entries that record an event already in the
    /// chronology are skipped and counted.
    pub fn import_chronology_csv(
        &mut self,
        household_id: &Id,
        bytes: &[u8],
    ) -> Result<ChronologyImported, AppError> {
        if bytes.len() > crate::limits::DEFINITION_FILE_MAX_BYTES {
            return Err(invalid(format!(
                "Nothing was imported: the file is larger than {} MB.",
                crate::limits::DEFINITION_FILE_MAX_BYTES / (1024 * 1024)
            )));
        }
        let h = self.vault.household(household_id)?;
        let categories = self.chronology_categories()?;
        let mut entries = csv::read(bytes, &h, &categories, self.today()).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            invalid(format!(
                "Nothing was imported; correct these rows and try again:\n{}",
                lines.join("\n")
            ))
        })?;
        // Free text enters without bidirectional control characters, as through the setters.
        entries = crate::text::without_bidi_controls(entries);
        for e in &mut entries {
            e.id = Id::generate(self.vault.entropy());
        }
        let ((added, duplicates_skipped), saved_at) =
            self.vault
                .change_chronology(household_id, "import_chronology_csv", None, |c| {
                    Ok(chronology::merge(c, entries))
                })?;
        Ok(ChronologyImported {
            added,
            duplicates_skipped,
            saved_at,
        })
    }

    /// Draw the summary sheet of an assessment with the choices made at export: its household's
    /// chronology, if it has one, is printed after the children's sheets, all of it or the
    /// entries since `options.chronology_since`.
    pub fn summary_sheet_with(
        &self,
        id: &Id,
        at: DateTime<Utc>,
        options: &SheetOptions,
    ) -> Result<SheetFile, AppError> {
        // A completed assessment is drawn with the household as it was when it was completed
        // (the copy kept with it), so editing the household later does not change its sheet; a
        // draft, an assessment being amended, or one completed before copies were kept, with
        // the household as stored now.
        let assessment = self.vault.assessment(id)?;
        let frozen = match (&assessment.status, &assessment.household_snapshot) {
            (Status::Completed, Some(h)) => Some(h.clone()),
            _ => None,
        };
        let household = match frozen {
            Some(h) => h,
            None => self.vault.household(&assessment.household_id)?,
        };
        let view = self.view_with(assessment, household)?;
        let contacts = self.contacts_for(&view.definition)?;
        let c = self.vault.chronology(&view.household.id)?;
        let categories = chronology::categories(&view.definition);
        let entries = chronology::entries_since(&c, options.chronology_since);
        let printed = export::ChronologyPrint {
            entries: &entries,
            categories: &categories,
            since: options.chronology_since,
        };
        let drawn = export::draw_sheet(
            &SheetInput {
                household: &view.household,
                assessment: &view.assessment,
                summary: &view.summary,
                definition: &view.definition,
                comparison: view.comparison.as_ref(),
                previous: view.previous.as_ref(),
                sustained: Some(&view.sustained),
                trend: Some(&view.trend),
                contacts: &contacts,
                created_at: at,
            },
            // A household with no chronology gets the sheet as it always was.
            (!c.entries.is_empty()).then_some(&printed),
        )?;
        Ok(SheetFile {
            file_name: super::sheet_file_name(id, at),
            bytes: drawn.bytes,
            warning: words::missing_characters_text(&drawn.missing),
            missing_characters: drawn.missing,
        })
    }
}
