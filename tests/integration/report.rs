//! The partnership's figures: the demo's usage report holds none of the demo household's strings
//! or ids; merging suppresses counts from 1 to 4, draws an HTML page with no script, and skips a
//! file that is not a report, naming it.

use chrono::{DateTime, TimeZone, Utc};
use ntk_core::app::Session;
use ntk_core::report;
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};
use std::process::{Command, Stdio};

const PASS: &str = "a long enough passphrase";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn demo(dir: &std::path::Path) -> Session {
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(4)),
    };
    let (mut s, _) =
        Session::create(&dir.join("v.ntk"), PASS, KdfProfile::TestOnlyCheap, env).unwrap();
    s.load_demo().unwrap();
    s
}

/// Every string of the households part of the JSON form that is not a bare code.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            let code = s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_');
            if s.trim().chars().count() >= 4 && !code {
                out.push(s.clone());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn the_demo_report_holds_none_of_the_demo_households_strings_or_ids() {
    let dir = tempfile::tempdir().unwrap();
    let s = demo(dir.path());
    let r = s.usage_report("health").unwrap();
    // The demo: an initial toolkit and two reviews, all completed.
    assert_eq!(r.started_by_month.values().sum::<u64>(), 3);
    assert_eq!(r.completed_by_month.values().sum::<u64>(), 3);
    assert!(r.concern_ratings > 0 && r.concern_ratings_with_impact <= r.concern_ratings);
    assert!(r.children_seen > 0);
    assert!(!r.at_review.is_empty(), "the review is compared");
    assert!(
        r.reviews_on_time + r.reviews_overdue >= 1,
        "the review is counted"
    );
    let text =
        serde_json::to_string(&r).unwrap() + &String::from_utf8(report::to_csv(&r, false)).unwrap();
    let mut demo_strings = Vec::new();
    strings(&s.export_json().unwrap()["households"], &mut demo_strings);
    assert!(demo_strings.len() > 100, "{}", demo_strings.len());
    for d in &demo_strings {
        assert!(!text.contains(d.as_str()), "the report holds {d:?}");
    }
    for k in r.started_by_month.keys() {
        assert_eq!(k.len(), 7, "months only: {k}");
    }
}

#[test]
fn merging_suppresses_small_counts_and_skips_what_is_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = demo(dir.path());
    let r = s.usage_report("health").unwrap();
    let mut big = r.clone();
    big.agency_type = "education".into();
    big.children_seen = 40;
    let m = report::merge(&[r.clone(), big]);
    assert_eq!(m.children_seen, 40 + r.children_seen);
    assert_eq!(m.agency_type, "education, health");
    let html = report::html(&m, 2);
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("<svg"));
    let csv = String::from_utf8(report::to_csv(&m, true)).unwrap();
    let seen_alone = csv
        .lines()
        .find(|l| l.starts_with("re_referrals,"))
        .unwrap()
        .to_string();
    assert!(
        seen_alone.ends_with(",0"),
        "zero is not suppressed: {seen_alone}"
    );
    for line in csv.lines().skip(1) {
        let v = line.rsplit(',').next().unwrap();
        if let Ok(n) = v.parse::<u64>() {
            assert!(n == 0 || n > report::SUPPRESS_UP_TO, "{line}");
        }
    }
    assert!(csv.contains(",1-4"), "{csv}");

    // Through ntk: one report, one foreign file; the foreign one is named and skipped.
    drop(s);
    let json = dir.path().join("r.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args([
            "report",
            "--vault",
            dir.path().join("v.ntk").to_str().unwrap(),
            "--out",
            json.to_str().unwrap(),
            "--agency-type",
            "health",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{PASS}").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("r.csv").exists());
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, b"{\"something\": 1}").unwrap();
    let merged = dir.path().join("merged");
    let out = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args([
            "report",
            "merge",
            json.to_str().unwrap(),
            foreign.to_str().unwrap(),
            "--out",
            merged.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("skipped")
            && String::from_utf8_lossy(&out.stderr).contains("foreign.json")
    );
    let page = std::fs::read_to_string(merged.join("partnership-report.html")).unwrap();
    assert!(page.contains("Merged from 1 practitioners"));
    assert!(merged.join("partnership-report.csv").exists());
}
