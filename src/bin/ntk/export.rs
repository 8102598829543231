//! `ntk export-pdf`.
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `ntk export-pdf`.
#[derive(Args)]
pub struct ExportPdfArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id (as in `ntk export-json`).
    #[arg(long)]
    pub household: String,
    /// The assessment's id (default: the household's latest).
    #[arg(long)]
    pub assessment: Option<String>,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn export_pdf(_a: ExportPdfArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
