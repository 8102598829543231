//! Measures the app as a user meets it (run by `scripts/measure-app.sh`, which builds the
//! release binary first): the time from the app process starting to an interactive unlock
//! screen under Xvfb, and the resident memory of all the app's processes (the app, the
//! WebKit web and network processes) after unlocking and opening a household.
//!
//! It prints figures and never fails on them. Usage:
//! `NTK_APP_BIN=target/release/ntk-app cargo run -p ntk-app --example measure`.

#[path = "../tests/e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use fantoccini::Locator;
use std::time::Duration;

/// Seconds since boot, from `/proc/uptime`.
fn uptime() -> f64 {
    std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0.0)
}

/// When a process started, in seconds since boot.
fn started_at(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may contain spaces) start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let ticks: f64 = rest.split_whitespace().nth(19)?.parse().ok()?;
    let hz = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    Some(ticks / hz)
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Proportional set size: shared library pages divided among the processes that map them, so
/// the sum over the app's processes does not count WebKit's libraries several times.
fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The app and every process below it, with names and resident memory.
fn app_tree(root: u32) -> Vec<(u32, String, u64)> {
    let mut all: Vec<u32> = std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    let mut tree = vec![root];
    let mut grew = true;
    while grew {
        grew = false;
        for &p in &all {
            if !tree.contains(&p) && parent_of(p).is_some_and(|pp| tree.contains(&pp)) {
                tree.push(p);
                grew = true;
            }
        }
    }
    tree.into_iter()
        .map(|p| {
            let name = std::fs::read_to_string(format!("/proc/{p}/comm"))
                .unwrap_or_default()
                .trim()
                .to_string();
            (p, name, rss_kib(p))
        })
        .collect()
}

async fn time_to_unlock_screen(run: &harness::Run) -> Option<f64> {
    let app = run.start_app(&[("NTK_DEMO", "1")]).await;
    let mut found = None;
    for _ in 0..600 {
        if app
            .c()
            .find(Locator::Css("#unlock-passphrase"))
            .await
            .is_ok()
        {
            found = Some(uptime());
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let pid = harness::app_pids().into_iter().next();
    let start = pid.and_then(started_at);
    app.close().await;
    Some(found? - start?)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let run = harness::Run::start();
    // The first start creates the demo vault (one key derivation); it is not counted.
    let first = run.start_app(&[("NTK_DEMO", "1")]).await;
    first.wait("#unlock-passphrase").await;
    first.close().await;

    let mut times: Vec<f64> = Vec::new();
    for _ in 0..5 {
        if let Some(t) = time_to_unlock_screen(&run).await {
            times.push(t);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    if times.is_empty() {
        println!("start to unlock screen: not measured (the unlock field never appeared)");
    } else {
        println!(
            "start to interactive unlock screen: median {:.2} s, min {:.2} s, max {:.2} s ({} starts; target <= 1.5 s)",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len()
        );
    }

    let app = run.start_app(&[("NTK_DEMO", "1")]).await;
    app.type_into("#unlock-passphrase", "demo-passphrase").await;
    app.click("#unlock-submit").await;
    app.click("a.household-link").await;
    app.wait("#household-name").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    match harness::app_pids().into_iter().next() {
        Some(pid) => {
            let tree = app_tree(pid);
            let total: u64 = tree.iter().map(|t| t.2).sum();
            let pss: u64 = tree.iter().map(|t| pss_kib(t.0)).sum();
            for (p, name, kib) in &tree {
                println!(
                    "  {name} (pid {p}): RSS {:.1} MB, PSS {:.1} MB",
                    *kib as f64 / 1024.0,
                    pss_kib(*p) as f64 / 1024.0
                );
            }
            println!(
                "proportional memory (PSS) after opening a household: {:.1} MB",
                pss as f64 / 1024.0
            );
            println!(
                "resident memory after opening a household: {:.1} MB in {} processes (target <= 200 MB)",
                total as f64 / 1024.0,
                tree.len()
            );
        }
        None => println!("resident memory: not measured (app process not found)"),
    }
    app.close().await;
}
