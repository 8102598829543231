//! `ntk export-pdf` end to end: a real vault file with the demo household, exported by the
//! binary, with the real summary rules, and read back with pdftotext.

use super::tool;
use chrono::{TimeZone, Utc};
use ntk_core::vault::{KdfProfile, Vault, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PASS: &str = "correct horse battery staple";

struct Setup {
    dir: tempfile::TempDir,
    vault: PathBuf,
    demo: ntk_core::demo::Demo,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.ntk");
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let env = || VaultEnv {
        clock: Box::new(FixedClock(now)),
        rng: Box::new(SeededEntropy::new(42)),
    };
    let (mut v, _recovery) = Vault::create(&vault, PASS, KdfProfile::TestOnlyCheap, env()).unwrap();
    let def = ntk_core::toolkit::bundled_default();
    v.store_definition(&def).unwrap();
    let demo = ntk_core::demo::demo(&def, now, &mut SeededEntropy::new(7));
    v.save_household(&demo.household).unwrap();
    v.save_assessment(&demo.initial).unwrap();
    v.save_assessment(&demo.review).unwrap();
    drop(v);
    Setup { dir, vault, demo }
}

/// Run `ntk` with the passphrase on standard input, as a script would.
fn ntk(args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASS}").unwrap();
    child.wait_with_output().unwrap()
}

fn export(s: &Setup, out: &Path, assessment: Option<&str>) -> std::process::Output {
    let mut args = vec![
        "export-pdf",
        "--vault",
        s.vault.to_str().unwrap(),
        "--household",
        s.demo.household.id.as_str(),
        "--out",
        out.to_str().unwrap(),
    ];
    if let Some(a) = assessment {
        args.extend(["--assessment", a]);
    }
    ntk(&args)
}

#[test]
fn exports_the_latest_assessment_of_a_household() {
    let s = setup();
    let out = s.dir.path().join("sheet.pdf");
    let o = export(&s, &out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = tool("pdftotext", &["-raw", out.to_str().unwrap(), "-"]);
    // The latest in the vault is the review; its children are those it was completed with.
    let snapshot = s.demo.review.household_snapshot.as_ref().unwrap();
    assert_eq!(snapshot.children.len(), 3);
    for child in &snapshot.children {
        assert!(text.contains(&child.name), "{} missing", child.name);
    }
    // The latest is the review, so the comparison is there.
    assert!(text.contains("Comparison with the previous assessment"));
    assert!(text.contains("OFFICIAL-SENSITIVE"));
    tool("qpdf", &["--check", out.to_str().unwrap()]);
}

#[test]
fn exports_a_named_assessment() {
    let s = setup();
    let out = s.dir.path().join("initial.pdf");
    let o = export(&s, &out, Some(s.demo.initial.id.as_str()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = tool("pdftotext", &["-raw", out.to_str().unwrap(), "-"]);
    assert!(text.contains("initial assessment"));
    assert!(!text.contains("Comparison with the previous assessment"));
}

#[test]
fn an_unknown_assessment_or_missing_folder_fails_clearly_and_writes_nothing() {
    let s = setup();
    let out = s.dir.path().join("x.pdf");
    let o = export(&s, &out, Some("0123456789abcdef0123456789abcdef"));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("has no assessment"), "{err}");
    assert!(!out.exists());

    let missing = s.dir.path().join("nowhere").join("x.pdf");
    let o = export(&s, &missing, None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("does not exist") && err.contains("nowhere"),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().contains(".pdf")),
        "{names:?}"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_writes_nothing() {
    use std::io::Write;
    let s = setup();
    let out = s.dir.path().join("sheet.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(["export-pdf", "--vault", s.vault.to_str().unwrap()])
        .args([
            "--household",
            s.demo.household.id.as_str(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "not the passphrase").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("passphrase is not right"), "{err}");
    assert!(!out.exists());
}
