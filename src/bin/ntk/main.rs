//! `ntk`: the Neglect Toolkit's command-line tool for administrators, scripts and tests.
//!
//! Each group of commands lives in its own module; this file only parses the command line and
//! turns a result into an exit code.

mod chronology;
mod export;
mod handover;
mod household;
mod report;
mod toolkit;
mod vault;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ntk",
    version,
    about = "Neglect Toolkit: definitions, vault and exports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate or show a toolkit definition file.
    #[command(subcommand)]
    Toolkit(toolkit::Command),
    /// Create, check, back up and restore the encrypted vault.
    #[command(subcommand)]
    Vault(vault::Command),
    /// Import households and assessments from a JSON file (the `export-json` form).
    Import(vault::ImportArgs),
    /// Write every household with its assessments as JSON to standard output.
    ExportJson(vault::VaultArgs),
    /// Add a clearly fictional household with a completed assessment and a review.
    Demo(vault::VaultArgs),
    /// Export the PDF summary sheet of an assessment.
    ExportPdf(export::ExportPdfArgs),
    /// Export or import a household's chronology as CSV.
    #[command(subcommand)]
    Chronology(chronology::Command),
    /// Print this vault's public key for encrypted hand-overs.
    Identity(vault::VaultArgs),
    /// Hand one household over, encrypted, to another vault, or import one.
    #[command(subcommand)]
    Handover(handover::Command),
    /// Erase a household, leaving a tombstone with no personal data.
    #[command(subcommand)]
    Household(household::Command),
    /// Write the usage report (no personal data), or merge many into the partnership's report.
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    ntk_core::hardening::disable_core_dumps();
    ntk_core::vault::set_program(ntk_core::vault::Program::Ntk);
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Toolkit(c) => toolkit::run(c),
        Command::Vault(c) => vault::run(c),
        Command::Import(a) => vault::import(a),
        Command::ExportJson(a) => vault::export_json(a),
        Command::Demo(a) => vault::demo(a),
        Command::ExportPdf(a) => export::export_pdf(a),
        Command::Chronology(c) => chronology::run(c),
        Command::Identity(a) => handover::identity(a),
        Command::Handover(c) => handover::run(c),
        Command::Report(a) => report::run(a),
        Command::Household(c) => household::run(c),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ntk: {e:#}");
            ExitCode::from(2)
        }
    }
}
