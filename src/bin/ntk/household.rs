//! `ntk household erase`: erase a household and everything of it, leaving a tombstone with no
//! personal data, through the same core call the app makes.
//!
//! The passphrase is read first, then the household's name typed to confirm (from the terminal,
//! or the next line of standard input).

use clap::{Args, Subcommand};
use ntk_core::app::EraseRequest;
use ntk_core::assessment::Id;
use ntk_core::words;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Erase a household: its details, toolkits, ratings, chronology and received hand-over.
    Erase(EraseArgs),
}

#[derive(Args)]
pub struct EraseArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id (`ntk export-json` lists them).
    #[arg(long)]
    pub household: String,
    /// Why: retention_ended, recorded_in_error, duplicate, erasure_request or other.
    #[arg(long)]
    pub reason: String,
    /// A note on the reason (needed for `other`); it must name no one of the household.
    #[arg(long, default_value = "")]
    pub note: String,
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Erase(a) => {
            if words::erase_reason_text(&a.reason).is_none() {
                anyhow::bail!(
                    "{} The reasons are: {}.",
                    words::ERASE_REASON_MISSING,
                    words::ERASE_REASONS.join(", ")
                );
            }
            let mut secrets = crate::vault::Secrets::new();
            let mut s = crate::vault::unlock(&a.vault, &mut secrets)?;
            let id = Id(a.household.clone());
            let hint = s
                .household(&id)
                .map(|h| h.name)
                .unwrap_or_else(|_| a.household.clone());
            let confirm = secrets.line(&format!(
                "Type the household's name ({hint}) to confirm the erasure: "
            ))?;
            s.erase_household(EraseRequest {
                household_id: id,
                confirm_name: confirm,
                reason: a.reason,
                note: a.note,
            })?;
            println!(
                "Household {} erased. A tombstone with no personal data stays in the record of changes; backups made before now still hold it until they age out.",
                a.household
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
