//! `ntk chronology export` and `ntk chronology import`: a household's chronology in the CSV form
//! of `docs/chronology-csv.md`, for merging with other agencies' chronologies, through the same
//! core calls the app makes.

use anyhow::Context;
use clap::{Args, Subcommand};
use ntk_core::assessment::Id;
use ntk_core::export::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Write a household's chronology as CSV.
    Export(ExportArgs),
    /// Merge a CSV chronology into a household's (all rows or none; duplicates skipped).
    Import(ImportArgs),
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id (`ntk export-json` lists them).
    #[arg(long)]
    pub household: String,
    /// Where to write the CSV.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id.
    #[arg(long)]
    pub household: String,
    /// The CSV file to read.
    pub file: PathBuf,
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Export(a) => {
            let mut secrets = crate::vault::Secrets::new();
            let s = crate::vault::unlock(&a.vault, &mut secrets)?;
            let file = s.chronology_csv(&Id(a.household.clone()))?;
            write_atomic(&a.out, &file.bytes)?;
            eprintln!(
                "wrote the chronology of household {} to {}; it is OFFICIAL-SENSITIVE",
                a.household,
                a.out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(a) => {
            let bytes = std::fs::read(&a.file)
                .with_context(|| format!("could not read {}", a.file.display()))?;
            let mut secrets = crate::vault::Secrets::new();
            let mut s = crate::vault::unlock(&a.vault, &mut secrets)?;
            let r = s.import_chronology_csv(&Id(a.household.clone()), &bytes)?;
            println!(
                "Added {} entries; skipped {} already recorded.",
                r.added, r.duplicates_skipped
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
