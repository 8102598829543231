//! `ntk report` and `ntk report merge`: the partnership's figures (`docs/report.md`).

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use ntk_core::export::write_atomic;
use ntk_core::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub vault: crate::vault::VaultArgs,
    /// Where to write the JSON report; the CSV is written beside it (same name, .csv).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The agency type, e.g. health, education, police, early help.
    #[arg(long, default_value = "not stated")]
    pub agency_type: String,
}

#[derive(Subcommand)]
pub enum Sub {
    /// Merge many practitioners' reports into one partnership report (HTML and CSV).
    Merge(MergeArgs),
}

#[derive(Args)]
pub struct MergeArgs {
    /// The report files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The folder to write partnership-report.html and partnership-report.csv into.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(a: ReportArgs) -> anyhow::Result<ExitCode> {
    if let Some(Sub::Merge(m)) = a.command {
        return merge(m);
    }
    let Some(out) = a.out else {
        bail!("say where to write the report with --out FILE.json");
    };
    let mut secrets = crate::vault::Secrets::new();
    let s = crate::vault::unlock(&a.vault, &mut secrets)?;
    let r = s.usage_report(&a.agency_type)?;
    let json = serde_json::to_vec_pretty(&r)?;
    write_atomic(&out, &json)?;
    let csv = out.with_extension("csv");
    write_atomic(&csv, &report::to_csv(&r, false))?;
    eprintln!(
        "wrote the usage report to {} and {}; it holds no personal data",
        out.display(),
        csv.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn merge(m: MergeArgs) -> anyhow::Result<ExitCode> {
    let mut reports = Vec::new();
    for f in &m.files {
        let read = std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| report::read(&b));
        match read {
            Ok(r) => reports.push(r),
            Err(why) => eprintln!("skipped {}: {why}", f.display()),
        }
    }
    if reports.is_empty() {
        bail!("none of the files is a usage report; nothing was written");
    }
    let merged = report::merge(&reports);
    std::fs::create_dir_all(&m.out)
        .with_context(|| format!("could not create {}", m.out.display()))?;
    write_atomic(
        &m.out.join("partnership-report.html"),
        report::html(&merged, reports.len()).as_bytes(),
    )?;
    write_atomic(
        &m.out.join("partnership-report.csv"),
        &report::to_csv(&merged, true),
    )?;
    eprintln!(
        "merged {} reports into {}",
        reports.len(),
        m.out.join("partnership-report.html").display()
    );
    Ok(ExitCode::SUCCESS)
}
