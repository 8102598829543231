//! `ntk vault ...`, `ntk import`, `ntk export-json`, `ntk demo`.
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// The vault to use.
#[derive(Args)]
pub struct VaultArgs {
    /// The vault file (default: the app's data folder).
    #[arg(long)]
    pub vault: Option<PathBuf>,
}

/// Arguments of `ntk import`.
#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub vault: VaultArgs,
    /// The JSON file to import.
    pub file: PathBuf,
}

/// Vault commands.
#[derive(Subcommand)]
pub enum Command {
    /// Create a new vault and print its recovery key once.
    Init(VaultArgs),
}

pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn import(_a: ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn export_json(_a: VaultArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn demo(_a: VaultArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
