//! `ntk identity` and `ntk handover export|import`: the vault's public key and the encrypted
//! hand-over of one household (age format, `docs/handover.md`), through the same core calls the
//! app makes. The plaintext is never written: only the encrypted file is.

use anyhow::Context;
use clap::{Args, Subcommand};
use ntk_core::assessment::Id;
use ntk_core::export::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Encrypt one household (its assessments, chronology and definitions) to public keys.
    Export(ExportArgs),
    /// Import a hand-over file encrypted to this vault's public key.
    Import(ImportArgs),
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id (`ntk export-json` lists them).
    #[arg(long)]
    pub household: String,
    /// A recipient's public key (age1...); repeat for several. When left out, the recipients
    /// the active definition lists.
    #[arg(long = "to", value_name = "AGE1...")]
    pub to: Vec<String>,
    /// Where to write the encrypted file.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The hand-over file.
    pub file: PathBuf,
}

/// `ntk identity`: print the vault's public key.
pub fn identity(a: crate::vault::VaultArgs) -> anyhow::Result<ExitCode> {
    let mut secrets = crate::vault::Secrets::new();
    let mut s = crate::vault::unlock(&a, &mut secrets)?;
    println!("{}", s.handover_public_key()?);
    Ok(ExitCode::SUCCESS)
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Export(a) => {
            let mut secrets = crate::vault::Secrets::new();
            let mut s = crate::vault::unlock(&a.vault, &mut secrets)?;
            let to = if a.to.is_empty() {
                s.handover_recipients()?
                    .into_iter()
                    .map(|r| r.public_key)
                    .collect()
            } else {
                a.to.clone()
            };
            let file = s.handover_export(&Id(a.household.clone()), &to)?;
            write_atomic(&a.out, &file.bytes)?;
            eprintln!(
                "wrote household {} encrypted to {} recipient(s) to {}",
                a.household,
                to.len(),
                a.out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(a) => {
            let bytes = std::fs::read(&a.file)
                .with_context(|| format!("could not read {}", a.file.display()))?;
            let mut secrets = crate::vault::Secrets::new();
            let mut s = crate::vault::unlock(&a.vault, &mut secrets)?;
            let r = s.handover_import(&bytes)?;
            let from = if r.sender.practitioner.name.is_empty() {
                r.sender.public_key.clone()
            } else {
                format!("{} ({})", r.sender.practitioner.name, r.sender.public_key)
            };
            if r.conflict {
                println!(
                    "Household {} is already in this vault: it was not changed. The incoming version from {from} is kept beside it to review.",
                    r.household_id
                );
            } else {
                println!("Received household {} from {from}.", r.household_id);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
