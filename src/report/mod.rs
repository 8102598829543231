//! The partnership's figures: a usage report with no personal data (no names, dates of birth,
//! addresses, free text or record ids; ages as bands, dates as months), and the merge of many
//! practitioners' reports into one partnership report (an HTML page with inline SVG and no
//! script, and CSV) where counts from 1 to 4 are suppressed. The form is documented in
//! `docs/report.md`.

use crate::assessment::{Assessment, AssessmentKind, Household, LifecycleEventKind, Status};
use crate::summary::{self, Change};
use crate::toolkit::ToolkitDefinition;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the `format` field.
pub const REPORT_FORMAT: &str = "ntk-usage-report";
/// The version of the form this code writes and reads.
pub const REPORT_FORMAT_VERSION: u32 = 1;
/// Counts from 1 up to this are suppressed in a merged report.
pub const SUPPRESS_UP_TO: u64 = 4;

/// Counts keyed by a label that names no one (a month, an area, a level, a code, a band).
pub type Counts = BTreeMap<String, u64>;

/// One practitioner's usage report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsageReport {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// [`REPORT_FORMAT_VERSION`].
    pub format_version: u32,
    /// The agency type, as the practitioner states it (e.g. "health", "education").
    pub agency_type: String,
    /// Toolkits started, by month (`yyyy-mm`).
    pub started_by_month: Counts,
    /// Toolkits completed, by month.
    pub completed_by_month: Counts,
    /// Ratings by area and level (`"area 1" -> "level 3" -> n`), completed toolkits only.
    pub levels_by_area: BTreeMap<String, Counts>,
    /// Ratings at a level of concern.
    pub concern_ratings: u64,
    /// Of those, the ratings with an impact example.
    pub concern_ratings_with_impact: u64,
    /// Children in the households assessed, by age band on the toolkit's start.
    pub children_by_age_band: Counts,
    /// Children seen at a visit (child and visit pairs).
    pub children_seen: u64,
    /// Of those, seen alone.
    pub children_seen_alone: u64,
    /// Decisions by option code.
    pub decisions: Counts,
    /// Decisions that are a referral (an option code containing "referral").
    pub referrals_with_toolkit: u64,
    /// Reviews started by the review date set.
    pub reviews_on_time: u64,
    /// Reviews started after it, and reviews due that have not started.
    pub reviews_overdue: u64,
    /// Items at review compared with the toolkit before: improved, unchanged, worse.
    pub at_review: Counts,
    /// New initial toolkits within 12 months of a completed one for the same household.
    pub re_referrals: u64,
}

fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn age_band(h: &Household, child: usize, on: NaiveDate) -> &'static str {
    match h.children[child].birth.age_months(on) {
        None => "unborn",
        Some(m) if m < 12 => "under 1",
        Some(m) if m < 60 => "1 to 4",
        Some(m) if m < 132 => "5 to 10",
        Some(m) if m < 192 => "11 to 15",
        Some(m) if m < 216 => "16 to 17",
        Some(_) => "18 and over",
    }
}

fn completed_on(a: &Assessment) -> Option<NaiveDate> {
    a.history
        .iter()
        .rev()
        .find(|e| e.event == LifecycleEventKind::Completed)
        .map(|e| e.at.date_naive())
}

fn add(c: &mut Counts, k: impl Into<String>, n: u64) {
    *c.entry(k.into()).or_default() += n;
}

/// The report of households with their assessments (oldest first) and the definitions they use,
/// on `today`.
pub fn build(
    agency_type: &str,
    households: &[(Household, Vec<Assessment>)],
    definition: &dyn Fn(&str) -> Option<ToolkitDefinition>,
    today: NaiveDate,
) -> UsageReport {
    let mut r = UsageReport {
        format: REPORT_FORMAT.into(),
        format_version: REPORT_FORMAT_VERSION,
        agency_type: agency_type.trim().to_string(),
        ..UsageReport::default()
    };
    for (h, all) in households {
        for (i, a) in all.iter().enumerate() {
            let start = a.started_on();
            add(&mut r.started_by_month, month(start), 1);
            for k in 0..h.children.len() {
                add(&mut r.children_by_age_band, age_band(h, k, start), 1);
            }
            for v in &a.visits {
                for s in &v.children_seen {
                    r.children_seen += u64::from(s.seen);
                    r.children_seen_alone += u64::from(s.seen && s.seen_alone);
                }
            }
            if matches!(a.kind, AssessmentKind::Initial) {
                let earlier = all[..i]
                    .iter()
                    .filter_map(completed_on)
                    .any(|c| c <= start && (start - c).num_days() <= 365);
                r.re_referrals += u64::from(earlier);
            }
            let Some(def) = definition(&a.definition.hash) else {
                continue;
            };
            if let AssessmentKind::Review { previous } = &a.kind {
                if let Some(p) = all.iter().find(|x| &x.id == previous) {
                    match p.decision.review_date {
                        Some(due) if start <= due => r.reviews_on_time += 1,
                        Some(_) => r.reviews_overdue += 1,
                        None => {}
                    }
                    if a.status == Status::Completed {
                        for c in summary::compare(p, a, h, &def).children {
                            for area in c.areas {
                                for item in area.items {
                                    let k = match item.change {
                                        Change::Improved => "improved",
                                        Change::Unchanged => "unchanged",
                                        Change::Worse => "worse",
                                        _ => continue,
                                    };
                                    add(&mut r.at_review, k, 1);
                                }
                            }
                        }
                    }
                }
            }
            if a.status != Status::Completed {
                continue;
            }
            if let Some(done) = completed_on(a) {
                add(&mut r.completed_by_month, month(done), 1);
            }
            for rating in &a.ratings {
                let Some(level) = rating.level else { continue };
                let area = rating.item.split('.').next().unwrap_or("").to_string();
                add(
                    r.levels_by_area.entry(format!("area {area}")).or_default(),
                    format!("level {level}"),
                    1,
                );
                if level >= def.scale.concern_from {
                    r.concern_ratings += 1;
                    r.concern_ratings_with_impact += u64::from(rating.has_impact());
                }
            }
            // Decisions by the guidance's kind (an option without a kind by its code); a
            // toolkit whose decision includes a referral counts once as a referral sent with it.
            let kinds = def.decision_kinds(&a.decision.options);
            for k in &kinds {
                let name = serde_json::to_value(k)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                add(&mut r.decisions, name, 1);
            }
            for code in &a.decision.options {
                let kinded = def
                    .decision_options
                    .iter()
                    .any(|o| &o.code == code && o.kind.is_some());
                if !kinded {
                    add(&mut r.decisions, code.clone(), 1);
                }
            }
            r.referrals_with_toolkit += u64::from(kinds.iter().any(|k| k.is_referral()));
        }
        // A review due that has not started.
        if let Some(last) = all.last() {
            if last.status == Status::Completed
                && last.decision.review_date.is_some_and(|d| d < today)
            {
                r.reviews_overdue += 1;
            }
        }
    }
    r
}

/// The report as CSV: `metric,key,value`, one row per count.
pub fn to_csv(r: &UsageReport, suppress: bool) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["metric", "key", "value"]).expect("memory");
    for (metric, key, n) in rows(r) {
        let v = if suppress { shown(n) } else { n.to_string() };
        w.write_record([metric.as_str(), key.as_str(), v.as_str()])
            .expect("memory");
    }
    w.into_inner().expect("memory")
}

/// Every count of a report as (metric, key, value).
pub fn rows(r: &UsageReport) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    let mut counts = |metric: &str, c: &Counts| {
        for (k, n) in c {
            out.push((metric.to_string(), k.clone(), *n));
        }
    };
    counts("started_by_month", &r.started_by_month);
    counts("completed_by_month", &r.completed_by_month);
    counts("children_by_age_band", &r.children_by_age_band);
    counts("decisions", &r.decisions);
    counts("at_review", &r.at_review);
    for (area, levels) in &r.levels_by_area {
        for (l, n) in levels {
            out.push(("levels".into(), format!("{area} {l}"), *n));
        }
    }
    for (metric, n) in [
        ("concern_ratings", r.concern_ratings),
        ("concern_ratings_with_impact", r.concern_ratings_with_impact),
        ("children_seen", r.children_seen),
        ("children_seen_alone", r.children_seen_alone),
        ("referrals_with_toolkit", r.referrals_with_toolkit),
        ("reviews_on_time", r.reviews_on_time),
        ("reviews_overdue", r.reviews_overdue),
        ("re_referrals", r.re_referrals),
    ] {
        out.push((metric.into(), String::new(), n));
    }
    out
}

/// A count as a merged report shows it: 1 to 4 suppressed.
pub fn shown(n: u64) -> String {
    if (1..=SUPPRESS_UP_TO).contains(&n) {
        format!("1-{SUPPRESS_UP_TO}")
    } else {
        n.to_string()
    }
}

/// Read one report file; `Err` says why it is not one.
pub fn read(bytes: &[u8]) -> Result<UsageReport, String> {
    let r: UsageReport =
        serde_json::from_slice(bytes).map_err(|e| format!("not a usage report ({e})"))?;
    if r.format != REPORT_FORMAT {
        return Err(format!(
            "its format is '{}', not '{REPORT_FORMAT}'",
            r.format
        ));
    }
    if r.format_version > REPORT_FORMAT_VERSION {
        return Err(format!(
            "it was made by a newer version (format {}); update the app",
            r.format_version
        ));
    }
    Ok(r)
}

/// The sum of many reports (the agency types listed, comma-separated).
pub fn merge(reports: &[UsageReport]) -> UsageReport {
    let mut m = UsageReport {
        format: REPORT_FORMAT.into(),
        format_version: REPORT_FORMAT_VERSION,
        ..UsageReport::default()
    };
    let mut types: Vec<&str> = reports.iter().map(|r| r.agency_type.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    m.agency_type = types.join(", ");
    let sum = |into: &mut Counts, from: &Counts| {
        for (k, n) in from {
            add(into, k.clone(), *n);
        }
    };
    for r in reports {
        sum(&mut m.started_by_month, &r.started_by_month);
        sum(&mut m.completed_by_month, &r.completed_by_month);
        sum(&mut m.children_by_age_band, &r.children_by_age_band);
        sum(&mut m.decisions, &r.decisions);
        sum(&mut m.at_review, &r.at_review);
        for (a, l) in &r.levels_by_area {
            sum(m.levels_by_area.entry(a.clone()).or_default(), l);
        }
        m.concern_ratings += r.concern_ratings;
        m.concern_ratings_with_impact += r.concern_ratings_with_impact;
        m.children_seen += r.children_seen;
        m.children_seen_alone += r.children_seen_alone;
        m.referrals_with_toolkit += r.referrals_with_toolkit;
        m.reviews_on_time += r.reviews_on_time;
        m.reviews_overdue += r.reviews_overdue;
        m.re_referrals += r.re_referrals;
    }
    m
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart as inline SVG; suppressed counts are drawn as no bar and labelled "1-4".
fn bars(title: &str, c: &Counts) -> String {
    let max = c.values().copied().max().unwrap_or(0).max(1) as f64;
    let h = 24 * c.len().max(1) + 10;
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    for (i, (k, n)) in c.iter().enumerate() {
        let y = 5 + 24 * i;
        let w = if (1..=SUPPRESS_UP_TO).contains(n) {
            0.0
        } else {
            *n as f64 / max * 400.0
        };
        s.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"170\" y=\"{y}\" width=\"{w:.1}\" height=\"18\" fill=\"#1d4f91\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 14,
            esc(k),
            176.0 + w,
            y + 14,
            shown(*n)
        ));
    }
    s.push_str("</svg></figure>\n");
    s
}

/// The partnership report as one HTML page: no script, charts as inline SVG, printable.
pub fn html(m: &UsageReport, files: usize) -> String {
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Neglect Toolkit: partnership report</title>\
         <style>body{font-family:sans-serif;max-width:720px;margin:2em auto}td,th{border-bottom:1px solid #ccc;padding:2px 8px;text-align:left}</style></head><body>\n",
    );
    s.push_str(&format!(
        "<h1>Neglect Toolkit: partnership report</h1>\n<p>Merged from {files} practitioners' reports (agency types: {}). Counts from 1 to {SUPPRESS_UP_TO} are shown as \"1-{SUPPRESS_UP_TO}\" so that no family can be identified.</p>\n",
        esc(&m.agency_type)
    ));
    s.push_str(&bars("Toolkits started by month", &m.started_by_month));
    s.push_str(&bars("Toolkits completed by month", &m.completed_by_month));
    s.push_str(&bars("Decisions", &m.decisions));
    s.push_str(&bars("At review, items", &m.at_review));
    s.push_str("<h2>All figures</h2>\n<table><tr><th>Figure</th><th>Key</th><th>Count</th></tr>\n");
    for (metric, key, n) in rows(m) {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&metric),
            esc(&key),
            shown(n)
        ));
    }
    s.push_str("</table>\n</body></html>\n");
    s
}
