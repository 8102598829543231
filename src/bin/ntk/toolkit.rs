//! `ntk toolkit ...`
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

/// Toolkit definition commands.
#[derive(Subcommand)]
pub enum Command {
    /// Check a definition file; exit 0 with a one-line summary, or 1 with each fault on a line.
    Validate {
        /// The definition file.
        file: PathBuf,
    },
    /// Print a definition's areas and items as text.
    Show {
        /// The definition file.
        file: PathBuf,
    },
}

pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
