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
