//! Toolkit definitions as data: the format ([`definition`]), loading with path-named errors,
//! validation ([`validate`]), the content hash recorded with every assessment, and the bundled
//! default definition.
//!
//! The toolkit is never hard-coded: a partnership can load its own official wording as a file,
//! and every assessment keeps the id, version and hash of the definition it was completed
//! against so that it always renders exactly as completed.

pub mod definition;
pub mod guidance;
pub mod validate;

pub use definition::*;
pub use guidance::{guidance_at, guidance_ids_at, GuidancePlace, Spot};
pub use validate::{validate, Fault};

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The largest definition file accepted (a real one is well under 1 MiB).
pub const MAX_FILE_BYTES: usize = crate::limits::DEFINITION_FILE_MAX_BYTES;

/// The bundled default definition's JSON text.
pub const DEFAULT_JSON: &str = include_str!("../../assets/toolkits/ntk-default.json");

/// Why a definition could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ToolkitError {
    /// The file could not be read.
    #[error("cannot read the toolkit definition {path}: {source}; check the file name and that you may read it")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The definition has faults; each names its JSON path.
    #[error("the toolkit definition is not valid:\n{}", faults.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every fault found.
        faults: Vec<Fault>,
    },
}

/// Parse and validate a definition from bytes.
pub fn parse(bytes: &[u8]) -> Result<ToolkitDefinition, ToolkitError> {
    let faults = |f: Fault| ToolkitError::Invalid { faults: vec![f] };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(faults(Fault::new(
            "$",
            format!(
                "the file is {} bytes; a toolkit definition may be at most {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(faults(Fault::new(
            "$",
            "the file is empty; expected a JSON object",
        )));
    }
    if let Some(kind) = not_an_object(bytes) {
        return Err(faults(Fault::new(
            "$",
            format!("the file holds {kind}, not an object; a toolkit definition is one JSON object {{ ... }}"),
        )));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let def: ToolkitDefinition =
        serde_path_to_error::deserialize(de).map_err(|e| faults(validate::from_serde(&e)))?;
    // Titles, guidance and every other text enter without bidirectional control characters.
    let def = crate::text::without_bidi_controls(def);
    let found = validate(&def);
    if found.is_empty() {
        Ok(def)
    } else {
        Err(ToolkitError::Invalid { faults: found })
    }
}

/// What a well-formed JSON document that is not an object holds, e.g. "a list"; `None` for an
/// object or for text that is not JSON at all (the parser then reports where it goes wrong).
fn not_an_object(bytes: &[u8]) -> Option<&'static str> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first == b'{' {
        return None;
    }
    match serde_json::from_slice::<serde_json::Value>(bytes).ok()? {
        serde_json::Value::Array(_) => Some("a list"),
        serde_json::Value::String(_) => Some("a string"),
        serde_json::Value::Number(_) => Some("a number"),
        serde_json::Value::Bool(_) => Some("true or false"),
        serde_json::Value::Null => Some("null"),
        serde_json::Value::Object(_) => None,
    }
}

/// Read, parse and validate a definition file.
pub fn load(path: &Path) -> Result<ToolkitDefinition, ToolkitError> {
    let io = |source| ToolkitError::Io {
        path: path.display().to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(ToolkitError::Invalid {
            faults: vec![Fault::new(
                "$",
                format!(
                    "the file is {} bytes; a toolkit definition may be at most {} bytes",
                    meta.len(),
                    MAX_FILE_BYTES
                ),
            )],
        });
    }
    // Read at most one byte more than the limit: a device or pipe reports no length but may
    // never end.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ToolkitError::Invalid {
            faults: vec![Fault::new(
                "$",
                format!(
                    "the file is more than {MAX_FILE_BYTES} bytes; a toolkit definition may be at \
                     most {MAX_FILE_BYTES} bytes"
                ),
            )],
        });
    }
    parse(&bytes)
}

/// The content hash of a definition: SHA-256 (hex) of its canonical JSON form, so that layout
/// and whitespace do not change it but any change of wording does.
pub fn content_hash(def: &ToolkitDefinition) -> String {
    let canonical = serde_json::to_vec(def).expect("a definition always serialises");
    hex::encode(Sha256::digest(&canonical))
}

/// The bundled default definition (validated by the test suite).
pub fn bundled_default() -> ToolkitDefinition {
    parse(DEFAULT_JSON.as_bytes()).expect("the bundled default definition is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_ignores_layout_but_not_wording() {
        let def = bundled_default();
        let pretty = serde_json::to_string_pretty(&def).unwrap();
        let compact = serde_json::to_string(&def).unwrap();
        assert_ne!(pretty, compact);
        let a = parse(pretty.as_bytes()).unwrap();
        let b = parse(compact.as_bytes()).unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a).len(), 64);

        let mut changed = def.clone();
        changed.areas[0].items[0].descriptors[0].text.push('.');
        assert_ne!(content_hash(&def), content_hash(&changed));
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let Err(ToolkitError::Invalid { faults }) = parse(&big) else {
            panic!("an oversized file must be refused");
        };
        assert_eq!(faults[0].path, "$");
        assert!(faults[0].message.contains("at most"));
    }

    #[test]
    fn blank_input_says_the_file_is_empty() {
        let Err(ToolkitError::Invalid { faults }) = parse(b" \n ") else {
            panic!("a blank file must be refused");
        };
        assert!(faults[0].message.contains("empty"));
    }
}
