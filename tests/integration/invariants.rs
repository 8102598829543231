//! The invariants of ARCHITECTURE.md that a test can check by reading the code.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The lines of a source file that are code: comments and doc comments (whose examples may call
/// the system clock) are left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// "Time and randomness are passed in": no core module outside `env.rs` reads the system clock or
/// the operating system's random source (the CLI, a face, may).
#[test]
fn the_core_reads_no_clock_and_no_random_source_of_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found only {} files", files.len());
    let mut found = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "env.rs" || rel.starts_with("bin/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in code_lines(&text) {
            for needle in [
                "Utc::now(",
                "Local::now(",
                "SystemTime::now(",
                "Instant::now(",
                "getrandom::",
                "thread_rng(",
            ] {
                if line.contains(needle) {
                    found.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core reads the clock or randomness itself:\n{}",
        found.join("\n")
    );
}

/// "Limits once": the numbers in `src/limits.rs` are written nowhere else in the core, the shell
/// or the interface (they reach the interface through `get_limits`).
#[test]
fn no_limit_is_written_twice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("src-tauri/src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        if f.ends_with("limits.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in code_lines(&text) {
            for needle in [
                "MIN_PASSPHRASE_CHARS: usize =",
                "4 * 1024 * 1024",
                "(1..=240)",
                "(1..=60)",
                "DEFAULT_AUTO_LOCK",
            ] {
                if line.contains(needle) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a limit is written outside src/limits.rs:\n{}",
        found.join("\n")
    );
}

fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            js_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "js") {
            out.push(p);
        }
    }
}

/// Whether `line` holds `n` as a number of its own (not inside a longer number or a name).
fn has_number(line: &str, n: impl std::fmt::Display) -> bool {
    let n = n.to_string();
    line.match_indices(&n).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + n.len()..].chars().next();
        let edge =
            |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '.');
        edge(before) && edge(after)
    })
}

/// "Limits once", for the interface: no line of `ui/` that speaks of passphrases or the
/// auto-lock writes one of the core's numbers; the interface reads them through `get_limits`.
#[test]
fn the_interface_writes_no_limit_of_its_own() {
    use ntk_core::limits::*;
    assert!(has_number("min: 12,", 12) && !has_number("x120", 12) && !has_number("a.12", 12));
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut files = Vec::new();
    js_files(&ui, &mut files);
    assert!(files.len() > 10, "found only {} files", files.len());
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in code_lines(&text) {
            let lower = line.to_lowercase();
            let passphrase = lower.contains("passphrase") && has_number(line, PASSPHRASE_MIN_CHARS);
            let auto_lock = (lower.contains("auto_lock")
                || lower.contains("auto-lock")
                || lower.contains("minutes"))
                && (has_number(line, AUTO_LOCK_MAX_MINUTES)
                    || has_number(line, AUTO_LOCK_DEFAULT_MINUTES));
            if passphrase || auto_lock {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the interface writes a limit of its own:\n{}",
        found.join("\n")
    );
}

/// Every key of a JSON value, at any depth.
fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                keys(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// "No total score": the summary of the demo's assessments, as the interface and the sheet
/// receive it, holds no score, sum or threshold of levels; its areas count items per level only.
#[test]
fn the_summary_has_no_score() {
    let def = ntk_core::toolkit::bundled_default();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let d = ntk_core::demo::demo(&def, now, &mut ntk_core::SeededEntropy::new(3));
    for a in [&d.initial, &d.review] {
        let s = ntk_core::summary::summarise(a, &d.household, &def);
        let mut all = Vec::new();
        keys(&serde_json::to_value(&s).unwrap(), &mut all);
        assert!(all.iter().any(|k| k == "counts"), "the summary was read");
        let scored: Vec<&String> = all
            .iter()
            .filter(|k| {
                ["score", "sum", "threshold", "mean", "average"]
                    .iter()
                    .any(|w| k.contains(w))
            })
            .collect();
        assert!(scored.is_empty(), "the summary scores: {scored:?}");
    }
}
