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

fn shell_file(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each command in `commands.rs` as (name, body text).
fn commands() -> Vec<(String, String)> {
    let src = shell_file("src/commands.rs");
    let mut out = Vec::new();
    for part in src.split("#[tauri::command(async)]").skip(1) {
        let name = part
            .split("pub fn ")
            .nth(1)
            .and_then(|rest| rest.split('(').next())
            .expect("a command is a pub fn")
            .trim()
            .to_string();
        // The body runs from the first `{` after the signature's `->` to the end of the part.
        let body_start = part
            .find("-> Res<")
            .and_then(|i| part[i..].find('{').map(|j| i + j));
        let body = part[body_start.expect("a command returns Res<...>")..].to_string();
        out.push((name, body));
    }
    out
}

/// ARCHITECTURE.md: "Commands are thin." A command reaches the core through one session call and
/// never touches the vault or a core rule directly.
#[test]
fn every_command_is_at_most_one_call_to_the_session() {
    let all = commands();
    assert!(all.len() >= 20, "found only {} commands", all.len());
    for (name, body) in &all {
        let calls = body.matches("with_session(").count();
        assert!(calls <= 1, "{name} makes {calls} session calls");
        for forbidden in [
            "Vault::",
            "vault.",
            "ntk_core::summary",
            "ntk_core::vault::Vault",
        ] {
            assert!(
                !body.contains(forbidden),
                "{name} reaches past the session: {forbidden}"
            );
        }
        let lines = body.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            lines <= 14,
            "{name} has {lines} lines; commands stay a few lines"
        );
    }
}

/// Every registered command is in `commands.rs` and has a row in `docs/ipc.md`, and every row of
/// the contract is a registered command.
#[test]
fn the_registered_commands_and_the_documented_contract_agree() {
    let lib = shell_file("src/lib.rs");
    let registered: std::collections::BTreeSet<String> = lib
        .split("generate_handler![")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("the invoke handler list")
        .split(',')
        .map(|s| s.trim().trim_start_matches("commands::").to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let defined: std::collections::BTreeSet<String> =
        commands().into_iter().map(|(n, _)| n).collect();
    assert_eq!(registered, defined, "registered vs defined in commands.rs");
    let doc = shell_file("../docs/ipc.md");
    let documented: std::collections::BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect();
    assert_eq!(
        registered, documented,
        "registered vs the rows of docs/ipc.md"
    );
}
