//! The encrypted hand-over, with the real `age` tool (Debian package `age`): a file the app makes
//! decrypts with `age -d -i` for an `age-keygen` key; a file `age -r` makes from the documented
//! JSON form imports; a household already stored is never overwritten (the incoming version is
//! kept beside it); a file for another recipient, cut short, changed or of a newer format is
//! refused with a clear error and nothing imported.

use ntk_core::app::{AppError, ErrorReport, Session};
use ntk_core::assessment::Id;
use ntk_core::vault::VaultEnv;
use ntk_core::{FixedClock, SeededEntropy};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::sessions::{now, session, PASS};

fn tool(cmd: &str, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new(cmd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{cmd} is needed by these tests ({e}); install the Debian package age")
        });
    // Feed stdin from its own thread: the tool writes its output while it reads, so writing
    // all of a large input before reading would fill both pipes and wait forever.
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.map(<[u8]>::to_vec);
    let feeder = std::thread::spawn(move || {
        if let Some(b) = bytes {
            input.write_all(&b).unwrap();
        }
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// An `age-keygen` key file and its public key.
fn keygen(dir: &Path) -> (PathBuf, String) {
    let key = dir.join("key.txt");
    tool("age-keygen", &["-o", key.to_str().unwrap()], None);
    let public = String::from_utf8(tool("age-keygen", &["-y", key.to_str().unwrap()], None))
        .unwrap()
        .trim()
        .to_string();
    (key, public)
}

fn message(e: AppError) -> String {
    ErrorReport::from(e).message
}

struct Two {
    dir: tempfile::TempDir,
    a: Session,
    b: Session,
    household: Id,
}

fn two() -> Two {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    let household = a.load_demo().unwrap();
    let b = session(dir.path(), "b.ntk", 2);
    Two {
        dir,
        a,
        b,
        household,
    }
}

#[test]
fn each_vault_has_its_own_public_key_kept_across_unlocks() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let ka = a.handover_public_key().unwrap();
    assert!(ka.starts_with("age1") && ka.len() == 62, "{ka}");
    assert_eq!(a.handover_public_key().unwrap(), ka, "made once");
    assert_ne!(b.handover_public_key().unwrap(), ka);
    drop(a);
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(99)),
    };
    let mut again = Session::unlock(&t.dir.path().join("a.ntk"), PASS, env).unwrap();
    assert_eq!(
        again.handover_public_key().unwrap(),
        ka,
        "sealed in the vault"
    );
    assert!(again.verify().unwrap().is_ok());
    // The standard tool agrees the key is a recipient: it encrypts to it.
    tool("age", &["-r", &ka], Some(b"x"));
}

#[test]
fn a_hand_over_decrypts_with_age_and_imports_with_its_sender_recorded() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let (key, other) = keygen(t.dir.path());
    let to_b = b.handover_public_key().unwrap();
    let file = a
        .handover_export(&t.household, &[to_b.clone(), other.clone()])
        .unwrap();
    assert!(file.file_name.ends_with(".age"));
    let name = a.household(&t.household).unwrap().name;
    assert!(
        !file.bytes.windows(name.len()).any(|w| w == name.as_bytes()),
        "the file is ciphertext"
    );
    let path = t.dir.path().join(&file.file_name);
    std::fs::write(&path, &file.bytes).unwrap();
    let plain = tool(
        "age",
        &["-d", "-i", key.to_str().unwrap(), path.to_str().unwrap()],
        None,
    );
    let doc: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(doc["format"], "ntk-handover");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["household"]["name"], name.as_str());
    let sent = a.assessments(&t.household).unwrap().len();
    assert!(sent >= 3, "the demo has an initial toolkit and two reviews");
    assert_eq!(doc["assessments"].as_array().unwrap().len(), sent);
    assert!(doc["chronology"].as_array().unwrap().len() >= 5);
    assert_eq!(
        doc["sender"]["public_key"],
        a.handover_public_key().unwrap()
    );

    let r = b.handover_import(&file.bytes).unwrap();
    assert!(!r.conflict);
    assert_eq!(r.sender.public_key, a.handover_public_key().unwrap());
    assert_eq!(
        b.household(&t.household).unwrap(),
        a.household(&t.household).unwrap()
    );
    assert_eq!(b.assessments(&t.household).unwrap().len(), sent);
    assert_eq!(
        b.chronology(&t.household).unwrap(),
        a.chronology(&t.household).unwrap()
    );
    let received = b.received().unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].household_id, t.household);
    assert!(!received[0].conflict);
    assert!(b.verify().unwrap().is_ok());
}

#[test]
fn an_existing_household_is_never_overwritten_but_kept_beside_as_a_conflict() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let to_b = b.handover_public_key().unwrap();
    let first = a
        .handover_export(&t.household, std::slice::from_ref(&to_b))
        .unwrap();
    b.handover_import(&first.bytes).unwrap();
    let mut h = b.household(&t.household).unwrap();
    h.name = "Changed here (fictional)".into();
    b.save_household(h).unwrap();
    let mine = b.household(&t.household).unwrap();

    let mut theirs = a.household(&t.household).unwrap();
    theirs.reference = "THEIRS-1".into();
    a.save_household(theirs).unwrap();
    let second = a.handover_export(&t.household, &[to_b]).unwrap();
    let r = b.handover_import(&second.bytes).unwrap();
    assert!(r.conflict);
    assert_eq!(b.household(&t.household).unwrap(), mine, "not overwritten");
    assert!(b.received().unwrap()[0].conflict);
    assert_eq!(
        b.handover_conflict(&t.household)
            .unwrap()
            .household
            .reference,
        "THEIRS-1"
    );
    // Keeping the incoming version takes its details.
    b.resolve_handover(&t.household, true).unwrap();
    assert_eq!(b.household(&t.household).unwrap().reference, "THEIRS-1");
    assert!(!b.received().unwrap()[0].conflict);
    assert!(b.handover_conflict(&t.household).is_err());
    assert!(b.verify().unwrap().is_ok());
}

#[test]
fn a_file_made_by_age_from_the_json_form_imports() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let (key, other) = keygen(t.dir.path());
    let file = a.handover_export(&t.household, &[other]).unwrap();
    let path = t.dir.path().join("h.age");
    std::fs::write(&path, &file.bytes).unwrap();
    let plain = tool(
        "age",
        &["-d", "-i", key.to_str().unwrap(), path.to_str().unwrap()],
        None,
    );
    let to_b = b.handover_public_key().unwrap();
    let made = tool("age", &["-r", &to_b], Some(&plain));
    let r = b.handover_import(&made).unwrap();
    assert_eq!(r.household_id, t.household);
    assert_eq!(
        b.assessments(&t.household).unwrap().len(),
        a.assessments(&t.household).unwrap().len()
    );
    // Armoured (PEM) output reads too.
    let c = session(t.dir.path(), "c.ntk", 3);
    let mut c = c;
    let to_c = c.handover_public_key().unwrap();
    let armoured = tool("age", &["-a", "-r", &to_c], Some(&plain));
    assert!(armoured.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    c.handover_import(&armoured).unwrap();
    assert_eq!(c.household(&t.household).unwrap().id, t.household);
}

#[test]
fn bad_files_are_refused_with_a_clear_error_and_nothing_imported() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let (key, other) = keygen(t.dir.path());
    let to_b = b.handover_public_key().unwrap();
    let audit = b.audit_log().unwrap().len();
    let nothing_changed = |b: &Session| {
        assert!(b.households("").unwrap().is_empty());
        assert!(b.received().unwrap().is_empty());
        assert_eq!(b.audit_log().unwrap().len(), audit);
    };

    let for_other = a
        .handover_export(&t.household, std::slice::from_ref(&other))
        .unwrap();
    let m = message(b.handover_import(&for_other.bytes).unwrap_err());
    assert!(m.contains("another recipient"), "{m}");
    nothing_changed(&b);

    let good = a
        .handover_export(&t.household, std::slice::from_ref(&to_b))
        .unwrap();
    let cut = &good.bytes[..good.bytes.len() - 40];
    let m = message(b.handover_import(cut).unwrap_err());
    assert!(m.starts_with("Nothing was imported"), "{m}");
    assert!(m.contains("cut short") || m.contains("damaged"), "{m}");
    nothing_changed(&b);

    let mut changed = good.bytes.clone();
    let i = changed.len() - 100;
    changed[i] ^= 0x01;
    let m = message(b.handover_import(&changed).unwrap_err());
    assert!(m.contains("changed after it was made"), "{m}");
    nothing_changed(&b);

    let m = message(b.handover_import(b"not an age file at all").unwrap_err());
    assert!(m.contains("not a hand-over file"), "{m}");
    nothing_changed(&b);

    // A newer format, made by the standard tool from the documented form.
    let path = t.dir.path().join("o.age");
    std::fs::write(&path, &for_other.bytes).unwrap();
    let plain = tool(
        "age",
        &["-d", "-i", key.to_str().unwrap(), path.to_str().unwrap()],
        None,
    );
    let mut doc: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    doc["format_version"] = 2.into();
    let newer = tool(
        "age",
        &["-r", &to_b],
        Some(&serde_json::to_vec(&doc).unwrap()),
    );
    let m = message(b.handover_import(&newer).unwrap_err());
    assert!(m.contains("newer version of the app"), "{m}");
    nothing_changed(&b);

    // A chronology entry naming a child not in the household: the whole file is refused.
    doc["format_version"] = 1.into();
    doc["chronology"][0]["children"] = serde_json::json!(["0".repeat(32)]);
    let bad = tool(
        "age",
        &["-r", &to_b],
        Some(&serde_json::to_vec(&doc).unwrap()),
    );
    let m = message(b.handover_import(&bad).unwrap_err());
    assert!(m.contains("$.chronology[0].children"), "{m}");
    nothing_changed(&b);

    // An export to a key that is not one.
    let m = message(
        a.handover_export(&t.household, &["age1nope".into()])
            .unwrap_err(),
    );
    assert!(m.contains("'age1nope' is not an age public key"), "{m}");
}

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

#[test]
fn ntk_prints_the_identity_and_hands_over_between_two_vaults() {
    let t = two();
    let (mut a, mut b) = (t.a, t.b);
    let ka = a.handover_public_key().unwrap();
    let kb = b.handover_public_key().unwrap();
    drop((a, b));
    let va = t.dir.path().join("a.ntk");
    let vb = t.dir.path().join("b.ntk");
    let out = ntk(&["identity", "--vault", va.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), ka);
    let file = t.dir.path().join("h.age");
    let out = ntk(&[
        "handover",
        "export",
        "--vault",
        va.to_str().unwrap(),
        "--household",
        t.household.as_str(),
        "--to",
        &kb,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = ntk(&[
        "handover",
        "import",
        file.to_str().unwrap(),
        "--vault",
        vb.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("Received household {}", t.household)),
        "{said}"
    );
    assert!(said.contains(&ka), "{said}");
    let out = ntk(&[
        "handover",
        "import",
        file.to_str().unwrap(),
        "--vault",
        vb.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("already in this vault"));
}

#[test]
fn a_definition_may_list_the_recipients_a_hand_over_goes_to() {
    let t = two();
    let mut a = t.a;
    let (key, mash) = keygen(t.dir.path());
    assert!(
        a.handover_recipients().unwrap().is_empty(),
        "the bundled default lists none"
    );
    let mut def = ntk_core::toolkit::bundled_default();
    def.version = "2026.1-local".into();
    def.handover_recipients = vec![ntk_core::toolkit::HandoverRecipient {
        name: "Exampletown MASH (fictional)".into(),
        public_key: mash.clone(),
    }];
    let info = a
        .import_definition(&serde_json::to_string(&def).unwrap())
        .unwrap();
    a.set_active_definition(&info.hash).unwrap();
    let listed = a.handover_recipients().unwrap();
    assert_eq!(listed[0].public_key, mash);
    let keys: Vec<String> = listed.into_iter().map(|r| r.public_key).collect();
    let file = a.handover_export(&t.household, &keys).unwrap();
    let path = t.dir.path().join("m.age");
    std::fs::write(&path, &file.bytes).unwrap();
    let plain = tool(
        "age",
        &["-d", "-i", key.to_str().unwrap(), path.to_str().unwrap()],
        None,
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&plain).is_ok());

    def.handover_recipients[0].public_key = "age1notakey".into();
    let e = a
        .import_definition(&serde_json::to_string(&def).unwrap())
        .unwrap_err();
    assert!(message(e).contains("$.handover_recipients[0].public_key"));
}
