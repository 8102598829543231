//! The plain JSON form of the vault's content (households with their assessments, and the
//! definitions those assessments were completed against), for data portability, subject-access
//! requests and test data. The form is documented in `docs/data-format.md`; field names of the
//! records are those of [`crate::assessment`].
//!
//! An import is one transaction: it is applied completely or not at all.

use super::{Vault, VaultError};
use crate::assessment::{validate, Assessment, Household};
use crate::chronology::{Chronology, ChronologyEntry};
use crate::text::{holds_bidi_controls, without_bidi_controls};
use crate::toolkit::{self, ToolkitDefinition};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The value of the `format` field.
pub const EXPORT_FORMAT: &str = "ntk-vault-export";
/// The version of the form this code writes and reads.
pub const EXPORT_FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportDoc {
    format: String,
    format_version: u32,
    exported_at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    definitions: Vec<DefinitionEntry>,
    #[serde(default)]
    households: Vec<HouseholdEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionEntry {
    hash: String,
    definition: ToolkitDefinition,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HouseholdEntry {
    household: Household,
    #[serde(default)]
    assessments: Vec<Assessment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    chronology: Vec<ChronologyEntry>,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Definitions not stored before.
    pub definitions_added: usize,
    /// Households created.
    pub households_added: usize,
    /// Households that existed and were replaced by the imported version.
    pub households_updated: usize,
    /// Households identical to the stored version (nothing written).
    pub households_unchanged: usize,
    /// Assessments created.
    pub assessments_added: usize,
    /// Assessments that existed and were replaced.
    pub assessments_updated: usize,
    /// Assessments identical to the stored version (nothing written).
    pub assessments_unchanged: usize,
    /// Households whose chronology was written (created or replaced by the imported one).
    pub chronologies_written: usize,
}

fn invalid(detail: impl Into<String>) -> VaultError {
    VaultError::InvalidImport {
        detail: detail.into(),
    }
}

impl Vault {
    /// Every household with its assessments, and the definitions they use, as JSON.
    pub fn export_json(&self) -> Result<serde_json::Value, VaultError> {
        let mut households = Vec::new();
        let mut used = Vec::<String>::new();
        for s in self.list_households()? {
            let household = self.household(&s.id)?;
            let assessments = self.assessments(&s.id)?;
            let chronology = self.chronology(&s.id)?.entries;
            for a in &assessments {
                if !used.contains(&a.definition.hash) {
                    used.push(a.definition.hash.clone());
                }
            }
            households.push(HouseholdEntry {
                household,
                assessments,
                chronology,
            });
        }
        let mut definitions = Vec::new();
        for hash in used {
            let definition = self.definition(&hash)?;
            definitions.push(DefinitionEntry { hash, definition });
        }
        let doc = ExportDoc {
            format: EXPORT_FORMAT.into(),
            format_version: EXPORT_FORMAT_VERSION,
            exported_at: self.env.clock.now(),
            definitions,
            households,
        };
        serde_json::to_value(&doc).map_err(|e| VaultError::Corrupt {
            detail: format!("the export could not be built: {e}"),
        })
    }

    /// Import the [`Vault::export_json`] form: definitions are added, households and
    /// assessments are created or replaced (a completed assessment cannot be changed). Every
    /// record is validated first; nothing is written unless all of it is valid.
    pub fn import_json(&mut self, v: &serde_json::Value) -> Result<ImportReport, VaultError> {
        if let Some(f) = v.get("format").and_then(|f| f.as_str()) {
            if f != EXPORT_FORMAT {
                return Err(invalid(format!(
                    "$.format is '{f}', expected '{EXPORT_FORMAT}'"
                )));
            }
        }
        if let Some(n) = v.get("format_version").and_then(|n| n.as_u64()) {
            if n > u64::from(EXPORT_FORMAT_VERSION) {
                return Err(invalid(format!(
                    "$.format_version is {n}; this version reads up to {EXPORT_FORMAT_VERSION}: update the app"
                )));
            }
        }
        let mut doc: ExportDoc = serde_path_to_error::deserialize(v)
            .map_err(|e| invalid(format!("at {}: {}", e.path(), e.inner())))?;
        // Free text enters without bidirectional control characters, as through the setters.
        for entry in &mut doc.households {
            entry.household = without_bidi_controls(entry.household.clone());
            entry.assessments = without_bidi_controls(std::mem::take(&mut entry.assessments));
            entry.chronology = without_bidi_controls(std::mem::take(&mut entry.chronology));
        }
        let mut report = ImportReport::default();
        let mut defs: HashMap<String, ToolkitDefinition> = HashMap::new();
        let mut new_defs = Vec::new();
        for (i, d) in doc.definitions.iter().enumerate() {
            let faults = toolkit::validate(&d.definition);
            if let Some(f) = faults.first() {
                return Err(invalid(format!("$.definitions[{i}].definition: {f}")));
            }
            // Its hash binds the text, so it cannot be cleaned here: it is refused instead.
            if holds_bidi_controls(&d.definition) {
                return Err(invalid(format!(
                    "$.definitions[{i}].definition holds bidirectional control characters (they can make text display in another order than it is stored); import the definition file itself first, which removes them"
                )));
            }
            let hash = toolkit::content_hash(&d.definition);
            if hash != d.hash {
                return Err(invalid(format!(
                    "$.definitions[{i}].hash does not match the definition's content"
                )));
            }
            match self.definition(&hash) {
                Ok(_) => {}
                Err(VaultError::NotFound { .. }) => new_defs.push(i),
                Err(e) => return Err(e),
            }
            defs.insert(hash, d.definition.clone());
        }
        let mut households = Vec::new();
        let mut assessments = Vec::new();
        let mut chronologies = Vec::new();
        for (i, entry) in doc.households.iter().enumerate() {
            let h = &entry.household;
            for (j, e) in entry.chronology.iter().enumerate() {
                let at = format!("$.households[{i}].chronology[{j}]");
                if e.id.as_str().is_empty() {
                    return Err(invalid(format!("{at}.id is empty")));
                }
                if let Some(c) = e
                    .children
                    .iter()
                    .find(|c| !h.children.iter().any(|k| &k.id == *c))
                {
                    return Err(invalid(format!(
                        "{at}.children: {c} is not a child of this household"
                    )));
                }
            }
            let stored = match self.household(&h.id) {
                Ok(_) => self.chronology(&h.id)?.entries,
                Err(_) => Vec::new(),
            };
            if stored != entry.chronology {
                let mut c = Chronology {
                    household_id: h.id.clone(),
                    entries: entry.chronology.clone(),
                };
                c.sort();
                chronologies.push(c);
            }
            match self.household(&h.id) {
                Ok(old) if &old == h => report.households_unchanged += 1,
                Ok(_) => {
                    report.households_updated += 1;
                    households.push(h);
                }
                Err(VaultError::NotFound { .. }) => {
                    report.households_added += 1;
                    households.push(h);
                }
                Err(e) => return Err(e),
            }
            for (j, a) in entry.assessments.iter().enumerate() {
                let at = format!("$.households[{i}].assessments[{j}]");
                if a.household_id != h.id {
                    return Err(invalid(format!(
                        "{at}.household_id is not the household it is listed under"
                    )));
                }
                let def = match defs.get(&a.definition.hash) {
                    Some(d) => d.clone(),
                    None => (*self.definition_for(a)?).clone(),
                };
                validate(a, h, &def).map_err(|e| invalid(format!("{at}: {e}")))?;
                let existing = self.existing_assessment(&a.id)?;
                if let Some(old) = &existing {
                    if old.household_id != h.id {
                        return Err(invalid(format!(
                            "{at}: this assessment belongs to another household"
                        )));
                    }
                }
                match existing {
                    Some(old) if &old == a => report.assessments_unchanged += 1,
                    Some(old) => {
                        self.check_assessment(a, h, &def, Some(&old))
                            .map_err(|e| invalid(format!("{at}: {e}")))?;
                        report.assessments_updated += 1;
                        assessments.push(a);
                    }
                    None => {
                        report.assessments_added += 1;
                        assessments.push(a);
                    }
                }
            }
        }
        let mut w = self.writer()?;
        for i in new_defs {
            let d = &doc.definitions[i];
            if w.put_definition(&d.hash, &d.definition)? {
                report.definitions_added += 1;
            }
        }
        for h in households {
            w.put_household(h)?;
        }
        for a in assessments {
            w.put_assessment(a, "save_assessment", None)?;
        }
        for c in &chronologies {
            w.put_chronology(c, "import_chronology", None)?;
            report.chronologies_written += 1;
        }
        w.audit("import_json", "import", "")?;
        w.commit()?;
        Ok(report)
    }
}
