//! `ntk toolkit ...`: check and read toolkit definition files, so that a partnership can author
//! its own wording and see every fault in it before loading it into the app.
//!
//! Exit codes: 0 the file is a valid definition; 1 the file was read but has faults (each printed
//! on its own line as `path: message`); 2 the file could not be read at all.
use clap::Subcommand;
use ntk_core::toolkit::{self, Fault, Scope, ToolkitDefinition, ToolkitError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Toolkit definition commands.
#[derive(Subcommand)]
pub enum Command {
    /// Check a definition file; exit 0 with a one-line summary, or 1 with each fault on a line.
    Validate {
        /// The definition file.
        file: PathBuf,
    },
    /// Print a definition's scale, areas and items as text.
    Show {
        /// The definition file.
        file: PathBuf,
        /// Also print every item's descriptors, age-banded descriptors, prompts and alerts.
        #[arg(long)]
        descriptors: bool,
    },
}

/// Run a toolkit command.
pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Validate { file } => Ok(match load(&file)? {
            Ok(def) => {
                println!("{}", summary_line(&def));
                ExitCode::SUCCESS
            }
            Err(faults) => report(&file, &faults),
        }),
        Command::Show { file, descriptors } => Ok(match load(&file)? {
            Ok(def) => {
                print!("{}", show(&def, descriptors));
                ExitCode::SUCCESS
            }
            Err(faults) => report(&file, &faults),
        }),
    }
}

/// Load a file: an error (exit 2) when it cannot be read, the faults when it is not valid.
fn load(file: &Path) -> anyhow::Result<Result<ToolkitDefinition, Vec<Fault>>> {
    match toolkit::load(file) {
        Ok(def) => Ok(Ok(def)),
        Err(ToolkitError::Invalid { faults }) => Ok(Err(faults)),
        // The message already names the cause; flatten it so it is not repeated.
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

/// Print each fault on its own line and say how many there were.
fn report(file: &Path, faults: &[Fault]) -> ExitCode {
    for f in faults {
        println!("{f}");
    }
    let n = faults.len();
    eprintln!(
        "{}: {n} fault{} found; fix {} and run `ntk toolkit validate` again",
        file.display(),
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    );
    ExitCode::from(1)
}

/// `Title (id) version V: N areas, N items, N levels, hash 0123456789ab`.
fn summary_line(def: &ToolkitDefinition) -> String {
    let hash = toolkit::content_hash(def);
    format!(
        "valid: {} ({}) version {}: {} areas, {} items, {} levels, hash {}",
        def.title,
        def.id,
        def.version,
        def.areas.len(),
        def.items().count(),
        def.scale.levels.len(),
        &hash[..12]
    )
}

fn scope(s: Scope) -> &'static str {
    match s {
        Scope::Child => "each child",
        Scope::Household => "household",
    }
}

/// The definition as readable text.
fn show(def: &ToolkitDefinition, descriptors: bool) -> String {
    let mut o = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(o, "{} ({}) version {}", def.title, def.id, def.version);
    let _ = writeln!(o, "Published by {}", def.publisher);
    let _ = writeln!(o, "Content hash {}", toolkit::content_hash(def));
    if !def.notice.is_empty() {
        let _ = writeln!(o, "{}", def.notice);
    }
    let _ = writeln!(o, "\nScale (level 1 is the best care):");
    for l in &def.scale.levels {
        let concern = if l.code >= def.scale.concern_from {
            ", a level of concern"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "  {} {} [{}{concern}]: {}",
            l.code, l.label, l.colour, l.meaning
        );
    }
    let _ = writeln!(o, "  - {}", def.scale.not_assessed_label);
    if !def.age_bands.is_empty() {
        let _ = writeln!(o, "\nAge bands:");
        for b in &def.age_bands {
            let to = b
                .to_months
                .map_or("and older".to_string(), |t| format!("to {t} months"));
            let _ = writeln!(
                o,
                "  {}: {}, from {} months {to}",
                b.id, b.label, b.from_months
            );
        }
    }
    for area in &def.areas {
        let _ = writeln!(o, "\n{} {}", area.number, area.title);
        for item in &area.items {
            let mut notes = vec![scope(item.scope).to_string()];
            if !item.age_descriptors.is_empty() {
                let bands: Vec<&str> = item
                    .age_descriptors
                    .iter()
                    .map(|a| a.band.as_str())
                    .collect();
                notes.push(format!("by age: {}", bands.join(", ")));
            }
            for a in &item.alerts {
                notes.push(format!(
                    "alert {} at level {}+",
                    a.id, a.when_level_at_least
                ));
            }
            let _ = writeln!(o, "  {} {} [{}]", item.number, item.title, notes.join("; "));
            if descriptors {
                for d in &item.descriptors {
                    let _ = writeln!(o, "      {}: {}", d.level, d.text);
                }
                for ad in &item.age_descriptors {
                    let _ = writeln!(o, "    for {}:", ad.band);
                    for d in &ad.descriptors {
                        let _ = writeln!(o, "      {}: {}", d.level, d.text);
                    }
                }
                for p in &item.prompts {
                    let _ = writeln!(o, "    ? {p}");
                }
                for a in &item.alerts {
                    let _ = writeln!(o, "    ! {}: {}", a.title, a.text);
                }
            }
        }
    }
    if !def.decision_options.is_empty() {
        let _ = writeln!(o, "\nDecision options:");
        for d in &def.decision_options {
            let _ = writeln!(o, "  {} ({})", d.label, d.code);
        }
    }
    if !def.contacts.is_empty() {
        let _ = writeln!(o, "\nContacts:");
        for c in &def.contacts {
            let phone = if c.phone.is_empty() {
                "number not yet filled in"
            } else {
                &c.phone
            };
            let _ = writeln!(o, "  {}: {phone}", c.name);
        }
    }
    if !def.guidance.is_empty() {
        let _ = writeln!(o, "\nGuidance:");
        for g in &def.guidance {
            let _ = writeln!(o, "  {} ({})", g.title, g.id);
        }
    }
    o
}
