//! The core must never depend on the desktop shell's framework (DESIGN.md section 5): this
//! test asks cargo for the core's dependency tree and looks for any tauri crate in it.

use std::process::Command;

#[test]
fn the_core_does_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "ntk-core",
            "--edges",
            "normal,build,dev",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo tree could not run");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("cargo tree prints UTF-8");
    // The tree really is the core's (so an empty or wrong answer cannot pass).
    assert!(tree.lines().any(|l| l.starts_with("ntk-core ")), "{tree}");
    assert!(tree.lines().any(|l| l.starts_with("rusqlite ")), "{tree}");
    let offending: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("tauri") || l.starts_with("wry ") || l.starts_with("ntk-app "))
        .collect();
    assert!(offending.is_empty(), "the core depends on: {offending:?}");
}
