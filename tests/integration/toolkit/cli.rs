//! `ntk toolkit validate` and `ntk toolkit show`, run through the real binary.

use super::fixture::{fail_fixture, fail_fixtures, FailFixture};
use super::{fixture_files, fixtures};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ntk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(args)
        .output()
        .expect("the ntk binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A failing fixture written to a file of its name in `dir`, for the binary to read.
fn write_to(dir: &Path, f: &FailFixture) -> PathBuf {
    let p = dir.join(&f.name);
    std::fs::write(&p, &f.bytes).unwrap();
    p
}

fn bundled_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/toolkits/ntk-default.json")
        .display()
        .to_string()
}

#[test]
fn the_bundled_default_validates_with_a_one_line_summary() {
    let out = ntk(&["toolkit", "validate", &bundled_path()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let hash = ntk_core::toolkit::content_hash(&ntk_core::toolkit::bundled_default());
    let expected = format!(
        "valid: Neglect Toolkit (ntk-default) version 2026.3: 7 areas, 20 items, 4 levels, hash {}\n",
        &hash[..12]
    );
    assert_eq!(stdout(&out), expected);
}

#[test]
fn every_pass_fixture_exits_zero() {
    for p in fixture_files("pass_") {
        let out = ntk(&["toolkit", "validate", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}: {out:?}", p.display());
    }
}

#[test]
fn every_fail_fixture_exits_one_with_a_fault_per_line() {
    let all = fail_fixtures();
    assert!(all.len() >= 25);
    let dir = tempfile::tempdir().unwrap();
    for f in &all {
        let p = write_to(dir.path(), f);
        let out = ntk(&["toolkit", "validate", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}: {out:?}", p.display());
        let text = stdout(&out);
        assert!(!text.is_empty(), "{}", p.display());
        for line in text.lines() {
            assert!(
                line.starts_with('$') && line.contains(": "),
                "{}: {line}",
                p.display()
            );
        }
        let expected = match ntk_core::toolkit::load(&p) {
            Err(ntk_core::toolkit::ToolkitError::Invalid { faults }) => faults.len(),
            other => panic!("{}: {other:?}", p.display()),
        };
        assert_eq!(text.lines().count(), expected, "{}", p.display());
    }
}

#[test]
fn an_unreadable_file_exits_two() {
    let out = ntk(&["toolkit", "validate", "/no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/file.json"), "{err}");
    assert_eq!(
        err.matches("No such file").count(),
        1,
        "the cause is said once: {err}"
    );
    let dir = fixtures().display().to_string();
    let out = ntk(&["toolkit", "validate", &dir]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a folder is not a file: {out:?}"
    );
}

#[test]
fn a_fifty_megabyte_file_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let out = ntk(&["toolkit", "validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout(&out).starts_with("$: the file is 52428800 bytes"));
}

#[test]
fn show_lists_areas_items_scope_and_levels() {
    let out = ntk(&["toolkit", "show", &bundled_path()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    for expected in [
        "Neglect Toolkit (ntk-default) version 2026.3",
        "  1 Needs met well [#4caf50]: ",
        "  3 Needs often not met [#ffb74d, a level of concern]: ",
        "\n5 Family relationships\n",
        "  5.2 Parental conflict [household; alert domestic-abuse at level 3+]",
        "  3.2 Supervision and alternative carers [each child; by age: baby, young-child, school-age, teenager]",
        "  Emergency services: 999",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("  ") && l.contains(" [each child"))
            .count(),
        13
    );
}

#[test]
fn show_with_descriptors_prints_the_whole_definition() {
    let p = fixtures().join("pass_five_point_four_areas.json");
    let out = ntk(&["toolkit", "show", "--descriptors", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("show_five_point_descriptors", stdout(&out));
    });
}

#[test]
fn show_of_an_invalid_file_lists_its_faults() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_to(dir.path(), &fail_fixture("fail_missing_descriptor.json"));
    let out = ntk(&["toolkit", "show", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("$.areas[1].items[1].descriptors: no descriptor for level 3"));
}
