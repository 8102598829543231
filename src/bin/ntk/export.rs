//! `ntk export-pdf`: unlock the vault, gather an assessment with everything its summary sheet
//! shows (summary, the comparison with the assessment it reviews, sustained improvements, the
//! contacts), draw the sheet and write it atomically.
use anyhow::{anyhow, Context};
use clap::Args;
use ntk_core::assessment::{Assessment, Id};
use ntk_core::export::{summary_sheet, write_atomic, SheetInput};
use ntk_core::summary::{compare, summarise, sustained_improvements};
use ntk_core::vault::{Vault, VaultEnv};
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

/// The passphrase: asked for on a terminal, else the first line of standard input (as the
/// other `ntk` commands do).
fn passphrase() -> anyhow::Result<zeroize::Zeroizing<String>> {
    use std::io::{BufRead, IsTerminal};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(zeroize::Zeroizing::new(
            rpassword::prompt_password("Passphrase: ").context("cannot read from the terminal")?,
        ));
    }
    let mut line = zeroize::Zeroizing::new(String::new());
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the passphrase from standard input")?;
    if line.is_empty() {
        anyhow::bail!("standard input ended before the passphrase; give it on the first line");
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(line)
}

/// The chain of assessments ending at `last`, oldest first, following each review's link.
fn chain<'a>(all: &'a [Assessment], last: &'a Assessment) -> Vec<&'a Assessment> {
    let mut out = vec![last];
    let mut cur = last;
    while let Some(prev) = cur.previous().and_then(|p| all.iter().find(|a| &a.id == p)) {
        if out.iter().any(|a| a.id == prev.id) || out.len() > all.len() {
            break; // a loop in the links; never follow it forever
        }
        out.push(prev);
        cur = prev;
    }
    out.reverse();
    out
}

/// Run `ntk export-pdf`.
pub fn export_pdf(a: ExportPdfArgs) -> anyhow::Result<ExitCode> {
    let path = a
        .vault
        .vault
        .clone()
        .unwrap_or_else(ntk_core::vault::default_path);
    if !ntk_core::vault::exists(&path) {
        anyhow::bail!(ntk_core::vault::VaultError::NoVault {
            path: path.display().to_string()
        });
    }
    let vault = Vault::unlock(&path, &passphrase()?, VaultEnv::system())?;
    let hid = Id(a.household.clone());
    let household = vault.household(&hid)?;
    let all = vault.assessments(&hid)?;
    let assessment = match &a.assessment {
        Some(id) => all.iter().find(|x| x.id.as_str() == id).ok_or_else(|| {
            anyhow!(
                "the household {} has no assessment {id}; `ntk export-json` lists the ids",
                a.household
            )
        })?,
        // Oldest first: the latest is the last.
        None => all.last().ok_or_else(|| {
            anyhow!(
                "the household {} has no assessment yet; complete one first",
                a.household
            )
        })?,
    };
    let def = vault.definition(&assessment.definition.hash)?;
    let settings = vault.settings()?;
    let summary = summarise(assessment, &household, &def);
    let previous = assessment
        .previous()
        .and_then(|p| all.iter().find(|x| &x.id == p));
    let comparison = previous.map(|p| compare(p, assessment, &household, &def));
    let sustained = sustained_improvements(&chain(&all, assessment), &household, &def);
    let contacts = if settings.contacts.is_empty() {
        def.contacts.clone()
    } else {
        settings.contacts.clone()
    };
    let input = SheetInput {
        household: &household,
        assessment,
        summary: &summary,
        definition: &def,
        comparison: comparison.as_ref(),
        previous,
        sustained: Some(&sustained),
        contacts: &contacts,
        created_at: chrono::Utc::now(),
    };
    let bytes = summary_sheet(&input)?;
    write_atomic(&a.out, &bytes)?;
    eprintln!(
        "wrote the summary sheet of assessment {} to {} ({} bytes); it is OFFICIAL-SENSITIVE",
        assessment.id,
        a.out.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}
