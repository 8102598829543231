//! Validation of a parsed definition. Every fault names the JSON path where it was found and says
//! what is wrong, so a partnership authoring its own wording can fix its file.

use super::definition::*;
use std::fmt;

/// One fault in a definition, at a JSON path such as `$.areas[4].items[1].descriptors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Where, as a JSON path from the root `$`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl Fault {
    /// A fault at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Turn a parse error into a path-named fault.
pub(crate) fn from_serde(e: &serde_path_to_error::Error<serde_json::Error>) -> Fault {
    let inner = e.inner();
    let path = e.path().to_string();
    let path = if path == "." || path.is_empty() {
        "$".to_string()
    } else {
        format!("$.{path}")
    };
    Fault::new(path, format!("{inner}"))
}

/// Check everything the types alone cannot: every fault found, in document order.
pub fn validate(def: &ToolkitDefinition) -> Vec<Fault> {
    let mut faults = Vec::new();
    if def.format != FORMAT_VERSION {
        faults.push(Fault::new(
            "$.format",
            format!(
                "format {} is not supported; this version reads format {FORMAT_VERSION}",
                def.format
            ),
        ));
    }
    if def.areas.is_empty() {
        faults.push(Fault::new("$.areas", "a toolkit needs at least one area"));
    }
    faults
}
