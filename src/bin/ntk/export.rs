//! `ntk export-pdf`: unlock the vault and write an assessment's summary sheet atomically, through
//! the same core call the app's export uses, so both give the same bytes for the same vault.

use clap::Args;
use ntk_core::assessment::Id;
use ntk_core::export::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExportPdfArgs {
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// The household's id (`ntk export-json` lists them).
    #[arg(long)]
    pub household: String,
    /// The assessment's id; the household's latest when left out.
    #[arg(long)]
    pub assessment: Option<String>,
    /// Where to write the PDF.
    #[arg(long)]
    pub out: PathBuf,
    /// Print only the chronology entries on or after this date (YYYY-MM-DD); all when absent.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub chronology_since: Option<chrono::NaiveDate>,
}

pub fn export_pdf(a: ExportPdfArgs) -> anyhow::Result<ExitCode> {
    let mut secrets = crate::vault::Secrets::new();
    let session = crate::vault::unlock(&a.vault, &mut secrets)?;
    let household = Id(a.household.clone());
    let id = match &a.assessment {
        Some(id) => {
            let id = Id(id.clone());
            if !session.assessments(&household)?.iter().any(|x| x.id == id) {
                anyhow::bail!(
                    "the household {} has no assessment {}; `ntk export-json` lists the ids",
                    a.household,
                    id.as_str()
                );
            }
            id
        }
        None => {
            session.household(&household)?;
            session.latest_assessment(&household)?
        }
    };
    let at = ntk_core::app::sheet_time(
        chrono::Utc::now(),
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
    );
    let options = ntk_core::app::SheetOptions {
        chronology_since: a.chronology_since,
    };
    let sheet = session.summary_sheet_with(&id, at, &options)?;
    write_atomic(&a.out, &sheet.bytes)?;
    eprintln!(
        "wrote the summary sheet of assessment {} to {} ({} bytes); it is OFFICIAL-SENSITIVE",
        id.as_str(),
        a.out.display(),
        sheet.bytes.len()
    );
    if let Some(warning) = &sheet.warning {
        eprintln!("warning: {warning}");
    }
    Ok(ExitCode::SUCCESS)
}
