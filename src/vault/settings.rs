//! The practitioner's settings and the stored toolkit definitions: the small records that every
//! other part of the vault looks up. A definition is kept forever under its content hash, so an
//! assessment is always read against the definition it was made with.

use super::records::{DEFINITIONS, META};
use super::writer::{millis, Writer};
use super::{db_err, Vault, VaultError};
use crate::assessment::{Assessment, Practitioner};
use crate::toolkit::{self, Contact, ToolkitDefinition};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

const SETTINGS_KEY: &str = "settings";

/// The practitioner's settings, stored sealed in the vault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Who is using the app (named in the audit trail and on summary sheets).
    pub practitioner: Practitioner,
    /// Local contacts shown beside "call 999".
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Minutes of inactivity before the app locks.
    #[serde(default = "default_auto_lock")]
    pub auto_lock_minutes: u32,
    /// The content hash of the definition used for new assessments.
    #[serde(default)]
    pub active_definition: Option<String>,
    /// The folder automatic backup generations are written to; absent means the `backups`
    /// folder beside the vault file. Checked when saved: it must exist and be writable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_dir: Option<String>,
}

fn default_auto_lock() -> u32 {
    crate::limits::AUTO_LOCK_DEFAULT_MINUTES
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            practitioner: Practitioner::default(),
            contacts: Vec::new(),
            auto_lock_minutes: default_auto_lock(),
            active_definition: None,
            backup_dir: None,
        }
    }
}

impl Writer<'_> {
    pub(crate) fn put_settings(&mut self, s: &Settings) -> Result<(), VaultError> {
        self.keep_if_unreadable(META, "key", SETTINGS_KEY)?;
        self.put_meta(SETTINGS_KEY, s)
    }

    pub(crate) fn put_definition(
        &mut self,
        hash: &str,
        def: &ToolkitDefinition,
    ) -> Result<bool, VaultError> {
        let exists: bool = self
            .tx
            .query_row("SELECT 1 FROM definitions WHERE hash = ?1", [hash], |_| {
                Ok(())
            })
            .optional()
            .map_err(db_err("looking up a definition"))?
            .is_some();
        if exists {
            return Ok(false);
        }
        let body = self.seal(DEFINITIONS, hash, def);
        self.note_write(DEFINITIONS, hash, 0, &body);
        self.tx
            .execute(
                "INSERT INTO definitions(hash, stored_at, body) VALUES (?1, ?2, ?3)",
                params![hash, millis(self.now), body],
            )
            .map_err(db_err("saving a definition"))?;
        self.audit("store_definition", DEFINITIONS, hash)?;
        Ok(true)
    }
}

impl Vault {
    /// The practitioner's settings.
    pub fn settings(&self) -> Result<Settings, VaultError> {
        let body: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT body FROM meta WHERE key = ?1",
                [SETTINGS_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading settings"))?;
        match body {
            Some(b) => self.open(META, SETTINGS_KEY, &b),
            None => Ok(Settings::default()),
        }
    }

    /// Save the settings; the practitioner's name is used in the audit trail from now on.
    pub fn save_settings(&mut self, s: &Settings) -> Result<DateTime<Utc>, VaultError> {
        if let Some(h) = &s.active_definition {
            self.definition(h)?;
        }
        let mut w = self.writer()?;
        w.put_settings(s)?;
        w.audit("save_settings", META, SETTINGS_KEY)?;
        let at = w.commit_at()?;
        self.who = s.practitioner.name.clone();
        Ok(at)
    }

    /// Store a definition, kept forever under its content hash; returns the hash. Storing the
    /// same definition again changes nothing.
    pub fn store_definition(&mut self, def: &ToolkitDefinition) -> Result<String, VaultError> {
        let faults = toolkit::validate(def);
        if !faults.is_empty() {
            return Err(VaultError::InvalidImport {
                detail: format!(
                    "the toolkit definition is not valid: {}",
                    faults
                        .iter()
                        .map(|f| f.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            });
        }
        let hash = toolkit::content_hash(def);
        {
            let mut w = self.writer()?;
            if w.put_definition(&hash, def)? {
                w.commit()?;
            }
        }
        if let Ok(mut c) = self.definitions.lock() {
            c.insert(hash.clone(), Arc::new(def.clone()));
        }
        Ok(hash)
    }

    /// The definition stored under `hash`.
    pub fn definition(&self, hash: &str) -> Result<ToolkitDefinition, VaultError> {
        Ok((*self.shared_definition(hash)?).clone())
    }

    /// The definition stored under `hash`, shared with the cache rather than copied (the save
    /// paths read it for every change).
    pub(crate) fn shared_definition(
        &self,
        hash: &str,
    ) -> Result<Arc<ToolkitDefinition>, VaultError> {
        if let Some(d) = self
            .definitions
            .lock()
            .ok()
            .and_then(|c| c.get(hash).cloned())
        {
            return Ok(d);
        }
        let body: Vec<u8> = self
            .conn
            .query_row(
                "SELECT body FROM definitions WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_err("reading a definition"))?
            .ok_or_else(|| VaultError::NotFound {
                what: "definition",
                id: hash.to_string(),
            })?;
        let d: Arc<ToolkitDefinition> = Arc::new(self.open(DEFINITIONS, hash, &body)?);
        if let Ok(mut c) = self.definitions.lock() {
            c.insert(hash.to_string(), d.clone());
        }
        Ok(d)
    }

    /// Every stored definition with its hash, oldest first. Ones that do not open are
    /// quarantined and left out.
    pub fn definitions(&self) -> Result<Vec<(String, ToolkitDefinition)>, VaultError> {
        let rows = self.rows(
            "SELECT hash, body FROM definitions ORDER BY stored_at, hash",
            [],
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(h, b)| self.open(DEFINITIONS, &h, &b).ok().map(|d| (h, d)))
            .collect())
    }

    pub(crate) fn definition_for(
        &self,
        a: &Assessment,
    ) -> Result<Arc<ToolkitDefinition>, VaultError> {
        self.shared_definition(&a.definition.hash)
            .map_err(|e| match e {
                VaultError::NotFound { id, .. } => VaultError::UnknownDefinition { hash: id },
                e => e,
            })
    }
}
