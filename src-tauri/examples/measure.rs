//! Measures the app as a user meets it (run by `scripts/measure-app.sh`, which builds the
//! release binary first): the time from the app process starting to an interactive unlock
//! screen under Xvfb, and the memory (RSS and PSS) of every process of the app: the app and
//! every process below it, WebKit's web and network processes included. Memory is printed per
//! process at the unlock screen and after unlocking and opening a household, for the app with
//! WebKitGTK's defaults (before) and as shipped with its tuning (after, `src/webkit.rs`), beside
//! the floor of this stack: Debian's MiniBrowser showing a blank page.
//!
//! It prints figures and never fails on them. Usage:
//! `NTK_APP_BIN=target/release/ntk-app cargo run -p ntk-app --example measure`.
//!
//! Two switches help when trying a setting: `NTK_MEASURE_ONLY=tuned` measures only the app as
//! shipped (no start-up times, floor or untuned app), and `NTK_MEASURE_DETAIL=1` also prints,
//! for each process of the tuned app with a household open, the mappings (libraries, heap,
//! anonymous memory) that hold the most PSS. Any other variable set for this program reaches the
//! app and WebKit's processes too, e.g. `JSC_useJIT=0`. `NTK_MEASURE_SETTLE_SECONDS` lengthens
//! the wait at each screen (3 s), e.g. to attach heaptrack to the web process.

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

/// Resident (RSS) and proportional (PSS) memory of a process in KiB, from
/// `/proc/PID/smaps_rollup`. PSS divides each shared page among the processes that map it, so
/// the sum over the app's processes does not count WebKit's libraries several times.
fn memory_kib(pid: u32) -> (u64, u64, u64) {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (
        field("Rss:"),
        field("Pss:"),
        field("Private_Clean:") + field("Private_Dirty:"),
    )
}

/// One process of a measured tree.
struct Proc {
    pid: u32,
    name: String,
    rss_kib: u64,
    pss_kib: u64,
    /// Pages no other process maps (USS): unlike PSS, not lowered by other WebKit processes
    /// running on the machine at the same time.
    private_kib: u64,
}

/// The process `root` and every process below it (WebKit's web and network processes, and any
/// sandbox helpers between), walked through the parent links in `/proc`.
fn process_tree(root: u32) -> Vec<Proc> {
    let all: Vec<u32> = std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let parents: Vec<(u32, Option<u32>)> = all.iter().map(|&p| (p, parent_of(p))).collect();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        for (p, pp) in &parents {
            if *pp == Some(parent) && !tree.contains(p) {
                tree.push(*p);
            }
        }
        i += 1;
    }
    tree.into_iter()
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .unwrap_or_default()
                .trim()
                .to_string();
            let (rss_kib, pss_kib, private_kib) = memory_kib(pid);
            Proc {
                pid,
                name,
                rss_kib,
                pss_kib,
                private_kib,
            }
        })
        .collect()
}

/// The mappings of a process that hold the most PSS (KiB), summed by file name (`[anon]` for
/// anonymous memory), with their private dirty KiB: where a process's memory goes.
fn biggest_mappings(pid: u32, count: usize) -> Vec<(String, u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let mut sums: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    let mut current = String::from("[anon]");
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        if first.contains('-') && !first.ends_with(':') {
            current = words.nth(4).unwrap_or("[anon]").to_string();
            continue;
        }
        let value = || {
            words
                .clone()
                .next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let entry = sums.entry(current.clone()).or_default();
        match first {
            "Pss:" => entry.0 += value(),
            "Private_Dirty:" => entry.1 += value(),
            _ => {}
        }
    }
    let mut list: Vec<(String, u64, u64)> = sums.into_iter().map(|(n, (p, d))| (n, p, d)).collect();
    list.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    list.truncate(count);
    list
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Print a tree's processes and its totals under a heading; returns the total PSS in KiB.
fn report(heading: &str, tree: &[Proc]) -> u64 {
    println!("{heading}");
    for p in tree {
        println!(
            "  {:<18} pid {:>7}  RSS {:>6.1} MB  PSS {:>6.1} MB  private {:>6.1} MB",
            p.name,
            p.pid,
            mb(p.rss_kib),
            mb(p.pss_kib),
            mb(p.private_kib)
        );
    }
    let rss: u64 = tree.iter().map(|p| p.rss_kib).sum();
    let pss: u64 = tree.iter().map(|p| p.pss_kib).sum();
    let private: u64 = tree.iter().map(|p| p.private_kib).sum();
    println!(
        "  total: {} processes, RSS {:.1} MB, PSS {:.1} MB, private {:.1} MB",
        tree.len(),
        mb(rss),
        mb(pss),
        mb(private)
    );
    pss
}

/// The app process this measurement started: of the processes running the app binary, the
/// one that started last (an app closed just before may still be on its way out).
fn newest_app_pid() -> Option<u32> {
    harness::app_pids()
        .into_iter()
        .filter_map(|p| Some((started_at(p)?, p)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}

/// Debian's MiniBrowser (from libwebkit2gtk-4.1-0): the bare engine, the floor of this stack.
fn minibrowser() -> Option<std::path::PathBuf> {
    let lib = std::path::Path::new("/usr/lib");
    std::fs::read_dir(lib)
        .ok()?
        .flatten()
        .map(|e| e.path().join("webkit2gtk-4.1/MiniBrowser"))
        .chain(std::iter::once(lib.join("webkit2gtk-4.1/MiniBrowser")))
        .find(|p| p.is_file())
}

/// MiniBrowser on a blank page, with WebKitGTK's defaults or with the app's environment
/// (`ntk_app_lib::webkit::ENVIRONMENT`); its process tree once it has settled.
fn measure_floor(run: &harness::Run, tuned: bool) -> Option<Vec<Proc>> {
    let bin = minibrowser()?;
    let home = run.dir.path().join(if tuned { "mb-tuned" } else { "mb" });
    std::fs::create_dir_all(&home).ok()?;
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("about:blank")
        .env("DISPLAY", &run.display.name)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("WAYLAND_DISPLAY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    for (name, _) in ntk_app_lib::webkit::ENVIRONMENT {
        cmd.env_remove(name);
    }
    if tuned {
        cmd.envs(ntk_app_lib::webkit::ENVIRONMENT.iter().copied());
    }
    let mut child = cmd.spawn().ok()?;
    std::thread::sleep(SETTLE * 3);
    let tree = process_tree(child.id());
    harness::terminate(&mut child);
    Some(tree)
}

/// How long to let the processes settle before reading their memory.
const SETTLE: Duration = Duration::from_secs(3);

/// How long the app waits at each screen before its memory is read: [`SETTLE`], or
/// `NTK_MEASURE_SETTLE_SECONDS` (longer, to attach a heap profiler to the web process).
fn settle() -> Duration {
    std::env::var("NTK_MEASURE_SETTLE_SECONDS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(SETTLE, Duration::from_secs)
}

/// The app (demo vault) at its unlock screen and after unlocking and opening a household, with
/// the WebKitGTK tuning on or off; returns the PSS total after opening the household (KiB).
async fn measure_app(run: &harness::Run, tuned: bool) -> Option<u64> {
    let label = if tuned {
        "app, tuned (as shipped)"
    } else {
        "app, WebKitGTK defaults (NTK_WEBKIT_TUNING=off)"
    };
    measure_app_as(run, tuned, label).await
}

/// [`measure_app`] under a given heading.
async fn measure_app_as(run: &harness::Run, tuned: bool, label: &str) -> Option<u64> {
    let tuning = if tuned { "on" } else { "off" };
    let app = run
        .start_app(&[("NTK_DEMO", "1"), (ntk_app_lib::webkit::TUNING_ENV, tuning)])
        .await;
    app.wait("#unlock-passphrase").await;
    tokio::time::sleep(settle()).await;
    let Some(pid) = newest_app_pid() else {
        println!("{label}: not measured (app process not found)");
        app.close().await;
        return None;
    };
    report(
        &format!("{label}, at the unlock screen:"),
        &process_tree(pid),
    );
    app.type_into("#unlock-passphrase", "demo-passphrase").await;
    let clicked = std::time::Instant::now();
    app.click("#unlock-submit").await;
    app.wait("a.household-link").await;
    let to_list = clicked.elapsed();
    let clicked = std::time::Instant::now();
    app.click("a.household-link").await;
    app.wait("#household-name").await;
    let to_household = clicked.elapsed();
    // How quickly the interface answers with this engine set-up (unlock includes the key
    // derivation; both include WebDriver's round trips).
    println!(
        "  unlock to the households list {:.2} s; household link to its page {:.2} s",
        to_list.as_secs_f64(),
        to_household.as_secs_f64()
    );
    tokio::time::sleep(settle()).await;
    let tree = process_tree(pid);
    let pss = report(
        &format!("{label}, after unlocking and opening a household:"),
        &tree,
    );
    if tuned && std::env::var_os("NTK_MEASURE_DETAIL").is_some() {
        for p in &tree {
            println!(
                "  where {} (pid {}) keeps its memory, PSS / private dirty:",
                p.name, p.pid
            );
            for (name, pss, dirty) in biggest_mappings(p.pid, 12) {
                println!("    {:>6.1} / {:>5.1} MB  {name}", mb(pss), mb(dirty));
            }
        }
    }
    app.close().await;
    Some(pss)
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
    let pid = newest_app_pid();
    let start = pid.and_then(started_at);
    app.close().await;
    Some(found? - start?)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let run = harness::Run::start();
    if std::env::var("NTK_MEASURE_ONLY").is_ok_and(|v| v == "tuned") {
        // The demo vault is made by the first start, uncounted.
        let first = run.start_app(&[("NTK_DEMO", "1")]).await;
        first.wait("#unlock-passphrase").await;
        first.close().await;
        measure_app(&run, true).await;
        return;
    }
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
            "start to interactive unlock screen: median {:.2} s, min {:.2} s, max {:.2} s ({} starts; target <= 1.0 s)",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len()
        );
    }

    println!("memory (RSS and PSS from /proc/PID/smaps_rollup, every process of the tree):");
    for tuned in [false, true] {
        match measure_floor(&run, tuned) {
            Some(tree) => {
                let heading = if tuned {
                    "floor: MiniBrowser on a blank page, with the app's WebKit environment:"
                } else {
                    "floor: MiniBrowser on a blank page, WebKitGTK defaults:"
                };
                report(heading, &tree);
            }
            None => {
                println!("floor: not measured (MiniBrowser from libwebkit2gtk-4.1-0 not found)")
            }
        }
    }
    let before = measure_app(&run, false).await;
    // An earlier build of the app (`NTK_MEASURE_EARLIER_BIN`), measured tuned in the same run,
    // to compare one tuning with the next on equal terms.
    if let Some(earlier) = std::env::var_os("NTK_MEASURE_EARLIER_BIN") {
        let current = harness::app_bin();
        std::env::set_var("NTK_APP_BIN", &earlier);
        let label = format!("app, earlier build ({})", earlier.to_string_lossy());
        measure_app_as(&run, true, &label).await;
        std::env::set_var("NTK_APP_BIN", current);
    }
    let after = measure_app(&run, true).await;
    if let (Some(before), Some(after)) = (before, after) {
        println!(
            "app PSS after opening a household: {:.1} MB before tuning, {:.1} MB after (target <= 200 MB)",
            mb(before),
            mb(after)
        );
    }
}
