//! The usage report use case of [`Session`] (see [`crate::report`]).

use super::{AppError, Session};
use crate::report::{self, UsageReport};

impl Session {
    /// This vault's usage report, with no personal data, for the partnership.
    pub fn usage_report(&self, agency_type: &str) -> Result<UsageReport, AppError> {
        let mut households = Vec::new();
        for s in self.vault.list_households()? {
            let h = self.vault.household(&s.id)?;
            let a = self.vault.assessments(&s.id)?;
            households.push((h, a));
        }
        let today = self
            .vault
            .clock()
            .now()
            .with_timezone(&chrono::Local)
            .date_naive();
        let definition = |hash: &str| self.vault.definition(hash).ok();
        Ok(report::build(agency_type, &households, &definition, today))
    }
}

/// One figure of the usage report as Settings shows it before saving.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportRow {
    /// The metric's name in the file.
    pub metric: String,
    /// What it counts, in words.
    pub label: String,
    /// The month, area and level, band or code it is counted by (empty for a single figure).
    pub key: String,
    /// The count.
    pub value: u64,
}

/// The usage report as it will be saved: its figures, and the file's name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportPreview {
    /// The agency type it states.
    pub agency_type: String,
    /// The suggested file name (the CSV is written beside it, same name, `.csv`).
    pub file_name: String,
    /// Every figure, in the order of the CSV.
    pub rows: Vec<ReportRow>,
}

impl Session {
    /// What the usage report holds, to show before it is saved.
    pub fn usage_report_preview(&self, agency_type: &str) -> Result<ReportPreview, AppError> {
        let r = self.usage_report(agency_type)?;
        Ok(ReportPreview {
            agency_type: r.agency_type.clone(),
            file_name: self.usage_report_name(),
            rows: report::rows(&r)
                .into_iter()
                .map(|(metric, key, value)| ReportRow {
                    label: crate::words::report_metric_text(&metric).to_string(),
                    metric,
                    key,
                    value,
                })
                .collect(),
        })
    }

    fn usage_report_name(&self) -> String {
        format!(
            "usage-report-{}.json",
            self.vault.clock().now().format("%Y-%m")
        )
    }

    /// The usage report's files, as `ntk report` writes them: the suggested name, the JSON and
    /// the CSV.
    pub fn usage_report_files(
        &self,
        agency_type: &str,
    ) -> Result<(String, Vec<u8>, Vec<u8>), AppError> {
        let r = self.usage_report(agency_type)?;
        Ok((
            self.usage_report_name(),
            report::to_json(&r),
            report::to_csv(&r, false),
        ))
    }
}
