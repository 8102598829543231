//! Crash test: a child process (this test binary, re-run in child mode) saves ratings in a loop
//! and prints each one after its save returned; the parent kills it with SIGKILL at random
//! moments. After every kill the file opens, SQLite's integrity check and the vault's own
//! verification pass, and every save the child reported is there.
//!
//! `NTK_CRASH_KILLS` sets the number of kills (default 200).

use super::common::*;
use ntk_core::assessment::{Id, Rating, Subject};
use ntk_core::vault::Vault;
use ntk_core::{Entropy, SeededEntropy};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "NTK_CRASH_CHILD_VAULT";
const TEST_NAME: &str = "vault::crash::sigkill_never_loses_a_committed_save";

fn subject_key(s: &Subject) -> String {
    match s {
        Subject::Household => "household".into(),
        Subject::Child(c) => c.0.clone(),
    }
}

/// Child mode: save ratings forever, printing `SAVED <item> <subject> <n>` after each commit.
fn child(vault_path: &str) -> ! {
    let assessment = Id(std::env::var("NTK_CRASH_ASSESSMENT").unwrap());
    let base: u64 = std::env::var("NTK_CRASH_BASE").unwrap().parse().unwrap();
    let mut v = Vault::unlock(std::path::Path::new(vault_path), PASS, env(base)).unwrap();
    let template = v.assessment(&assessment).unwrap().ratings;
    let mut out = std::io::stdout().lock();
    for n in base.. {
        let r = &template[(n as usize) % template.len()];
        let r = Rating {
            evidence: n.to_string(),
            ..r.clone()
        };
        v.save_rating(&assessment, r.clone()).unwrap();
        writeln!(out, "SAVED {} {} {n}", r.item, subject_key(&r.subject)).unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

#[test]
fn sigkill_never_loses_a_committed_save() {
    if let Ok(p) = std::env::var(CHILD_ENV) {
        child(&p);
    }
    let kills: u64 = std::env::var("NTK_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _rk, path) = new_vault(dir.path());
    let def = definition();
    v.store_definition(&def).unwrap();
    let mut rng = SeededEntropy::new(77);
    let h = household(&mut rng, "Crash", "");
    v.save_household(&h).unwrap();
    let a = assessment(&mut rng, &h, &def, "");
    v.save_assessment(&a).unwrap();
    drop(v);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("crash test seed {seed}, {kills} kills");
    let mut timing = SeededEntropy::new(seed);
    let exe = std::env::current_exe().unwrap();
    let mut latest: HashMap<(String, String), u64> = HashMap::new();
    let mut total_reported = 0usize;
    for k in 0..kills {
        let base = (k + 1) * 1_000_000;
        let mut c = Command::new(&exe)
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .env("NTK_CRASH_ASSESSMENT", a.id.as_str())
            .env("NTK_CRASH_BASE", base.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = c.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for l in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(s) = l.strip_prefix("SAVED ") {
                    if tx.send(s.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        // Kill at a random moment inside the save loop, not while the child is still starting
        // (a loaded machine can take longer to start it than any fixed delay).
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("kill {k}: the child saved nothing within 60 s"));
        let mut b = [0u8; 1];
        timing.fill(&mut b);
        std::thread::sleep(Duration::from_millis(u64::from(b[0]) % 40));
        c.kill().unwrap();
        c.wait().unwrap();
        reader.join().unwrap();
        let lines: Vec<String> = std::iter::once(first).chain(rx.try_iter()).collect();
        total_reported += lines.len();
        for l in lines {
            let mut p = l.split(' ');
            let (item, subj, n) = (p.next().unwrap(), p.next().unwrap(), p.next().unwrap());
            latest.insert((item.to_string(), subj.to_string()), n.parse().unwrap());
        }

        let v = Vault::unlock(&path, PASS, env(k)).unwrap_or_else(|e| panic!("kill {k}: {e}"));
        let report = v.verify().unwrap();
        assert!(report.is_ok(), "kill {k}: {:?}", report.problems);
        let back = v.assessment(&a.id).unwrap();
        for ((item, subj), n) in &latest {
            let r = back
                .ratings
                .iter()
                .find(|r| &r.item == item && &subject_key(&r.subject) == subj)
                .unwrap_or_else(|| panic!("kill {k}: rating {item} {subj} missing"));
            let stored: u64 = r.evidence.parse().unwrap_or(0);
            assert!(
                stored >= *n,
                "kill {k}: {item} {subj} has save {stored}, child reported {n}"
            );
        }
    }
    assert!(
        total_reported > 0,
        "the child reported saves before being killed"
    );
}
