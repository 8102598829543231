//! The vault commands of `ntk`, run as real processes with the passphrase on standard input and
//! the test-only cheap key derivation (`NTK_TEST_CHEAP_KDF=1`, honoured by `vault init` only).

use super::common::*;
use super::leak::{files_containing, MARK};
use ntk_core::SeededEntropy;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn ntk(args: &[&str], stdin: &str, tmp: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(args)
        .env("NTK_TEST_CHEAP_KDF", "1")
        .env("TMPDIR", tmp)
        .env("SQLITE_TMPDIR", tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails early may exit before reading its input: that is not an error here.
    let _ = c.stdin.take().unwrap().write_all(stdin.as_bytes());
    c.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn line(s: &str) -> String {
    format!("{s}\n")
}

fn recovery_key(init_out: &str) -> String {
    init_out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 44 && l.split('-').count() == 9)
        .expect("init prints the recovery key")
        .to_string()
}

#[test]
fn init_verify_backup_restore_change_and_recover() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let v = dir.path().join("v.ntk");
    let vs = v.to_str().unwrap();
    let out = ok(&ntk(&["vault", "init", "--vault", vs], &line(PASS), &tmp));
    let rk = recovery_key(&out);

    let again = ntk(&["vault", "init", "--vault", vs], &line(PASS), &tmp);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    assert!(ok(&ntk(&["vault", "verify", "--vault", vs], &line(PASS), &tmp)).starts_with("ok:"));
    let wrong = ntk(
        &["vault", "verify", "--vault", vs],
        "wrong passphrase\n",
        &tmp,
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase is not right"));

    let b = dir.path().join("b.ntk");
    ok(&ntk(
        &[
            "vault",
            "backup",
            "--vault",
            vs,
            "--out",
            b.to_str().unwrap(),
        ],
        &line(PASS),
        &tmp,
    ));
    assert!(b.exists());

    ok(&ntk(
        &["vault", "change-passphrase", "--vault", vs],
        &format!("{PASS}\nsecond passphrase\n"),
        &tmp,
    ));
    ok(&ntk(
        &["vault", "verify", "--vault", vs],
        "second passphrase\n",
        &tmp,
    ));
    ok(&ntk(
        &["vault", "recover", "--vault", vs],
        &format!("{rk}\nthird passphrase\n"),
        &tmp,
    ));
    ok(&ntk(
        &["vault", "verify", "--vault", vs],
        "third passphrase\n",
        &tmp,
    ));
    // The backup keeps the passphrase it was made with.
    ok(&ntk(
        &["vault", "restore", "--vault", vs, b.to_str().unwrap()],
        &line(PASS),
        &tmp,
    ));
    ok(&ntk(&["vault", "verify", "--vault", vs], &line(PASS), &tmp));

    let missing = ntk(
        &[
            "vault",
            "verify",
            "--vault",
            dir.path().join("none.ntk").to_str().unwrap(),
        ],
        &line(PASS),
        &tmp,
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no vault"));
}

#[test]
fn verify_exits_non_zero_naming_a_tampered_record() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, _as) = filled_vault(dir.path(), 2, "");
    drop(v);
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "UPDATE households SET body = CAST(substr(body, 1, 30) || x'ff' || substr(body, 32) AS BLOB) WHERE id = ?1",
        [hs[1].id.as_str()],
    )
    .unwrap();
    drop(c);
    let o = ntk(
        &["vault", "verify", "--vault", path.to_str().unwrap()],
        &line(PASS),
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("households {}", hs[1].id)), "{text}");
}

#[test]
fn verify_exits_non_zero_on_each_tampering_of_issue_13() {
    let dir = tempfile::tempdir().unwrap();
    for t in super::attacks::all(dir.path()) {
        let o = ntk(
            &["vault", "verify", "--vault", t.path.to_str().unwrap()],
            &line(PASS),
            dir.path(),
        );
        let text = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{}: {text}", t.name);
        assert!(text.contains("problem(s) found"), "{}: {text}", t.name);
        assert!(
            text.contains(&format!("  {}", t.table)),
            "{}: {text}",
            t.name
        );
        assert!(text.contains("Restore from a backup"), "{}: {text}", t.name);
    }
}

#[test]
fn audit_prints_a_households_history_without_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, hs, as_) = filled_vault(dir.path(), 2, "SECRETMARK");
    let mut a = as_[0].clone();
    a.start_amendment(
        "Tester",
        "the visit date was wrong",
        start() + chrono::Duration::hours(1),
    )
    .unwrap();
    v.save_opening(&a).unwrap();
    drop(v);
    let o = ntk(
        &[
            "vault",
            "audit",
            "--vault",
            path.to_str().unwrap(),
            "--household",
            hs[0].id.as_str(),
        ],
        &line(PASS),
        dir.path(),
    );
    let text = ok(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains(ntk_core::words::HISTORY_SAVE_HOUSEHOLD),
        "{text}"
    );
    assert!(
        lines[1].contains(ntk_core::words::HISTORY_COMPLETE_ASSESSMENT),
        "{text}"
    );
    assert!(
        lines[2].contains(ntk_core::words::HISTORY_AMEND_ASSESSMENT),
        "{text}"
    );
    assert!(lines[2].contains("why: the visit date was wrong"), "{text}");
    assert!(
        !text.contains("SECRETMARK"),
        "no content in the History: {text}"
    );
    assert!(
        !text.contains(hs[1].id.as_str()),
        "only this household: {text}"
    );
    // The lines are the ones the app's History page shows, composed by the same core call.
    let s = ntk_core::app::Session::unlock(&path, PASS, env(3)).unwrap();
    let history = s.household_history(&hs[0].id).unwrap();
    let app_lines: Vec<&str> = history.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, app_lines);
}

#[test]
fn nothing_personal_reaches_disk_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let scanned = dir.path().join("scanned");
    let tmp = scanned.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let v = scanned.join("v.ntk");
    let vs = v.to_str().unwrap();
    // Build the import file in a vault outside the scanned folder.
    let (src, _p, _hs, _as) = filled_vault(&dir.path().join("source"), 3, MARK);
    let doc = src.export_json().unwrap();
    drop(src);
    let json = dir.path().join("import.json");
    std::fs::write(&json, serde_json::to_vec(&doc).unwrap()).unwrap();

    ok(&ntk(&["vault", "init", "--vault", vs], &line(PASS), &tmp));
    let report = ok(&ntk(
        &["import", "--vault", vs, json.to_str().unwrap()],
        &line(PASS),
        &tmp,
    ));
    assert!(report.contains("households 3 added"), "{report}");
    let exported = ok(&ntk(&["export-json", "--vault", vs], &line(PASS), &tmp));
    assert!(exported.contains(MARK), "the marked data is in the vault");
    let back: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(back["households"], doc["households"]);
    ok(&ntk(
        &[
            "vault",
            "backup",
            "--vault",
            vs,
            "--out",
            scanned.join("b.ntk").to_str().unwrap(),
        ],
        &line(PASS),
        &tmp,
    ));

    let hits = files_containing(&scanned, MARK.as_bytes());
    assert!(hits.is_empty(), "plaintext found in {hits:?}");
}

/// Import `households` (the `households` array of the JSON form) into a new vault with `ntk
/// import`, which must refuse with exit code 2. Returns what it printed on standard error, after
/// checking the vault is still empty.
fn refused_import(households: serde_json::Value) -> String {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v.ntk");
    let vs = v.to_str().unwrap();
    ok(&ntk(
        &["vault", "init", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    let doc = serde_json::json!({
        "format": "ntk-vault-export", "format_version": 1, "exported_at": "2026-01-01T00:00:00Z",
        "households": households
    });
    let json = dir.path().join("import.json");
    std::fs::write(&json, doc.to_string()).unwrap();
    let o = ntk(
        &["import", "--vault", vs, json.to_str().unwrap()],
        &line(PASS),
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let exported = ok(&ntk(
        &["export-json", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    let back: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert!(
        back["households"].as_array().unwrap().is_empty(),
        "nothing was imported"
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_refuses_a_broken_file_and_changes_nothing() {
    let mut rng = SeededEntropy::new(1);
    let h = household(&mut rng, "Broken", "");
    let err = refused_import(serde_json::json!([{"household": h, "assessments": [{"id": "x"}]}]));
    assert!(
        err.contains("nothing was changed") && err.contains("households[0].assessments[0]"),
        "{err}"
    );
}

#[test]
fn import_refuses_a_date_of_birth_in_the_future_with_a_clear_message() {
    let mut rng = SeededEntropy::new(2);
    let mut h = household(&mut rng, "Tomorrow", "");
    // A year no clock this test runs under has reached.
    h.children[0].birth =
        ntk_core::assessment::Birth::Born(chrono::NaiveDate::from_ymd_opt(2999, 1, 5).unwrap());
    let err = refused_import(serde_json::json!([{"household": h, "assessments": []}]));
    assert!(
        err.contains("date of birth must be in the past") && err.contains(&h.children[0].name),
        "{err}"
    );
}

#[test]
fn demo_adds_a_fictional_household_with_an_assessment_and_a_review() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v.ntk");
    let vs = v.to_str().unwrap();
    ok(&ntk(
        &["vault", "init", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    let out = ok(&ntk(&["demo", "--vault", vs], &line(PASS), dir.path()));
    assert!(out.contains("fictional household"), "{out}");
    let exported = ok(&ntk(
        &["export-json", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    let back: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let households = back["households"].as_array().unwrap();
    assert_eq!(households.len(), 1);
    let assessments = households[0]["assessments"].as_array().unwrap();
    assert_eq!(assessments.len(), 3);
    assert_eq!(assessments[1]["kind"]["kind"], "review");
    assert_eq!(assessments[2]["kind"]["kind"], "review");
    assert_eq!(assessments[0]["status"], "completed");
    ok(&ntk(
        &["vault", "verify", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
}

#[test]
fn household_erase_asks_for_the_name_and_leaves_a_listed_tombstone() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, _as) = filled_vault(dir.path(), 2, "SECRETMARK");
    drop(v);
    let vs = path.to_str().unwrap();
    let id = hs[0].id.as_str();
    let erase = |reason: &str, confirm: &str| {
        ntk(
            &[
                "household",
                "erase",
                "--vault",
                vs,
                "--household",
                id,
                "--reason",
                reason,
            ],
            &format!("{PASS}\n{confirm}\n"),
            dir.path(),
        )
    };
    // A wrong name or an unknown reason erases nothing.
    assert!(!erase("duplicate", "Not the name").status.success());
    assert!(!erase("tidying", &hs[0].name).status.success());
    let none = ok(&ntk(
        &["vault", "audit", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    assert!(none.contains("No household has been erased"), "{none}");

    ok(&erase("duplicate", &hs[0].name));
    let listed = ok(&ntk(
        &["vault", "audit", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    assert!(
        listed.contains(ntk_core::words::ERASE_DUPLICATE),
        "{listed}"
    );
    assert!(
        !listed.contains(id) && !listed.contains(&hs[0].name),
        "{listed}"
    );
    let history = ok(&ntk(
        &["vault", "audit", "--vault", vs, "--household", id],
        &line(PASS),
        dir.path(),
    ));
    assert!(
        history
            .lines()
            .last()
            .is_some_and(|l| l.contains(ntk_core::words::HISTORY_ERASE_HOUSEHOLD)),
        "{history}"
    );
    let verified = ok(&ntk(
        &["vault", "verify", "--vault", vs],
        &line(PASS),
        dir.path(),
    ));
    assert!(verified.starts_with("ok"), "{verified}");
    let v = unlock(&path);
    assert_eq!(v.list_households().unwrap().len(), 1);
}

#[test]
fn a_second_program_is_refused_while_a_vault_is_open_and_told_which_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let v = dir.path().join("v.ntk");
    let vs = v.to_str().unwrap();
    ok(&ntk(&["vault", "init", "--vault", vs], &line(PASS), &tmp));
    let backup = dir.path().join("b.ntk");
    let bs = backup.to_str().unwrap();
    ok(&ntk(
        &["vault", "backup", "--vault", vs, "--out", bs],
        &line(PASS),
        &tmp,
    ));

    // This test process stands for the app and holds the vault open.
    ntk_core::vault::set_program(ntk_core::vault::Program::App);
    let held = ntk_core::vault::Vault::unlock(&v, PASS, env(70)).unwrap();
    for args in [
        vec!["vault", "verify", "--vault", vs],
        vec!["vault", "restore", "--vault", vs, bs],
        vec!["export-json", "--vault", vs],
    ] {
        let o = ntk(&args, &line(PASS), &tmp);
        assert!(!o.status.success(), "{args:?} ran while the vault was open");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("in use by the Neglect Toolkit app"),
            "{args:?}: {err}"
        );
    }
    // Nothing was moved aside by the refused restore.
    assert!(!dir.path().join("backups").exists());
    // In this process a second handle is the same writer and is let in.
    drop(ntk_core::vault::Vault::unlock(&v, PASS, env(71)).unwrap());
    drop(held);
    ok(&ntk(&["vault", "verify", "--vault", vs], &line(PASS), &tmp));
}

#[test]
fn the_app_is_told_when_ntk_holds_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let v = dir.path().join("v.ntk");
    let vs = v.to_str().unwrap();
    ok(&ntk(&["vault", "init", "--vault", vs], &line(PASS), &tmp));
    let backup = dir.path().join("copy.ntk");
    let bs = backup.to_str().unwrap();
    ok(&ntk(
        &["vault", "backup", "--vault", vs, "--out", bs],
        &line(PASS),
        &tmp,
    ));
    let before = std::fs::read(&v).unwrap();
    let lock = ntk_core::vault::lock_path(&v);
    std::fs::write(&lock, "").unwrap();
    // `ntk vault change-passphrase` waits for its second line while holding the vault open.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(["vault", "change-passphrase", "--vault", vs])
        .env("TMPDIR", &tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(line(PASS).as_bytes()).unwrap();
    stdin.flush().unwrap();
    let start = std::time::Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|c| c.starts_with("ntk ")) {
        assert!(start.elapsed().as_secs() < 30, "ntk never took the lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let refusal = ntk_core::app::Session::unlock(&v, PASS, env(72))
        .expect_err("the vault is refused while ntk holds it");
    assert_eq!(refusal.code(), "in_use");
    let refusal = refusal.user_message();
    assert!(refusal.contains("in use by ntk"), "{refusal}");
    // A restore from this process takes the same lock, so it is refused too and replaces
    // nothing under the running ntk.
    let restore = ntk_core::vault::Vault::restore(&backup, &v, PASS, env(74))
        .expect_err("a restore is refused while ntk holds the vault");
    assert!(
        matches!(restore, ntk_core::vault::VaultError::InUse { .. }),
        "{restore:?}"
    );
    assert_eq!(std::fs::read(&v).unwrap(), before);
    assert!(!dir.path().join("backups").exists());
    stdin
        .write_all(line("a different passphrase").as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    ok(&out);
    drop(ntk_core::app::Session::unlock(&v, "a different passphrase", env(73)).unwrap());
}
