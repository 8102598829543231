//! Erasing a household through the app's session, against a real file: refusals change
//! nothing; an erasure removes every record of the household, `verify` accepts it, the file's
//! bytes keep nothing of it, and the tombstone is listed.

use super::common::PASS;
use chrono::{TimeZone, Utc};
use ntk_core::app::{EraseRequest, Session};
use ntk_core::assessment::{Household, Id};
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{words, FixedClock, SeededEntropy};
use std::path::Path;

fn env(seed: u64) -> VaultEnv {
    VaultEnv {
        clock: Box::new(FixedClock(
            Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap(),
        )),
        rng: Box::new(SeededEntropy::new(seed)),
    }
}

fn file_bytes(path: &Path) -> Vec<u8> {
    let mut b = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(&wal) {
        b.extend(w);
    }
    b
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn request(h: &Household, confirm: &str, reason: &str, note: &str) -> EraseRequest {
    EraseRequest {
        household_id: h.id.clone(),
        confirm_name: confirm.into(),
        reason: reason.into(),
        note: note.into(),
    }
}

#[test]
fn a_household_is_erased_leaving_only_a_tombstone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ntk");
    let (mut s, _) = Session::create(&path, PASS, KdfProfile::TestOnlyCheap, env(2)).unwrap();
    let id = s.load_demo().unwrap();
    let h = s.household(&id).unwrap();
    let assessment_ids: Vec<Id> = s
        .assessments(&id)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert!(assessment_ids.len() >= 2);
    assert!(!s.chronology(&id).unwrap().entries.is_empty());
    // Another household that must stay.
    let mut other = h.clone();
    other.id = Id(String::new());
    other.name = "Kept Household".into();
    other.address = Default::default();
    other.address.postcode = "ZZ1 1ZZ".into();
    for (i, c) in other.carers.iter_mut().enumerate() {
        c.id = Id(String::new());
        c.name = format!("Kept Carer {i}");
    }
    for (i, c) in other.children.iter_mut().enumerate() {
        c.id = Id(String::new());
        c.name = format!("Kept Child {i}");
    }
    let other = s.save_household(other).unwrap();

    // The household's id and its toolkits' ids are in the file in clear before the erasure.
    let before = file_bytes(&path);
    assert!(contains(&before, id.as_str()));
    assert!(contains(&before, assessment_ids[0].as_str()));

    // Refusals change nothing.
    let refused = [
        (
            request(&h, "Someone else", "duplicate", ""),
            words::ERASE_CONFIRM_MISMATCH,
        ),
        (
            request(&h, &h.name, "because", ""),
            words::ERASE_REASON_MISSING,
        ),
        (request(&h, &h.name, "other", " "), words::ERASE_NOTE_NEEDED),
        (
            request(
                &h,
                &h.name,
                "other",
                &format!("asked by {}", h.children[0].name),
            ),
            words::ERASE_NOTE_NAMES,
        ),
    ];
    for (req, why) in refused {
        let e = s.erase_household(req).unwrap_err();
        assert_eq!(e.user_message(), why);
    }
    assert_eq!(s.household(&id).unwrap(), h);
    assert!(s.erasures().unwrap().is_empty());

    s.erase_household(request(
        &h,
        &h.name,
        "erasure_request",
        "Letter of 1 May, file ref 77",
    ))
    .unwrap();

    assert_eq!(s.household(&id).unwrap_err().code(), "not_found");
    assert!(s.assessments(&id).unwrap().is_empty());
    assert_eq!(s.chronology(&id).unwrap_err().code(), "not_found");
    for a in &assessment_ids {
        assert_eq!(s.assessment_view(a).unwrap_err().code(), "not_found");
    }
    assert_eq!(s.household(&other.id).unwrap().name, "Kept Household");
    // The households list, served from the index built at unlock, no longer has it.
    let listed: Vec<_> = s
        .households("")
        .unwrap()
        .into_iter()
        .map(|x| x.summary.id)
        .collect();
    assert_eq!(listed, vec![other.id.clone()]);
    let report = s.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(s.integrity().problems.is_empty());

    // The tombstone: the reason and counts, no names.
    let t = s.erasures().unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].tombstone.reason, "erasure_request");
    assert_eq!(t[0].reason_text, words::ERASE_ERASURE_REQUEST);
    assert_eq!(t[0].tombstone.assessments as usize, assessment_ids.len());
    assert!(t[0].tombstone.ratings > 0);
    assert!(t[0].tombstone.chronology);
    assert_ne!(t[0].tombstone.id, id.as_str());
    let shown = serde_json::to_string(&t).unwrap();
    assert!(!shown.contains(id.as_str()));
    // History lists the erasure.
    let history = s.household_history(&id).unwrap();
    assert_eq!(
        history.lines.last().map(|l| l.what),
        Some(words::HISTORY_ERASE_HOUSEHOLD)
    );
    assert_eq!(
        history.lines.last().and_then(|l| l.why.clone()).as_deref(),
        Some("erasure_request")
    );

    // Nothing of the household in what the vault gives back, nor in the file's bytes.
    let export = serde_json::to_string(&s.export_json().unwrap()).unwrap();
    let mut names: Vec<&str> = vec![h.name.as_str(), h.address.postcode.as_str()];
    names.extend(h.carers.iter().map(|c| c.name.as_str()));
    names.extend(h.children.iter().map(|c| c.name.as_str()));
    for n in &names {
        assert!(!export.contains(n), "{n} is still in the export");
    }
    let path = s.path().to_path_buf();
    drop(s);
    let after = file_bytes(&path);
    for needle in names
        .iter()
        .copied()
        .chain([id.as_str()])
        .chain(assessment_ids.iter().map(|a| a.as_str()))
    {
        assert!(!contains(&after, needle), "{needle} is still in the file");
    }
    // Reopened, the vault still verifies.
    let s = Session::unlock(&path, PASS, env(3)).unwrap();
    assert!(s.verify().unwrap().is_ok());
    assert_eq!(s.erasures().unwrap().len(), 1);
}
