//! Leak test: marker strings put in every text field are found nowhere in the database, its
//! write-ahead log, its shared-memory file, or any other file in the vault's folder, neither
//! while the vault is open nor after it is closed. (The temporary folder of a real process is
//! checked by the CLI test `cli::nothing_personal_reaches_disk_through_the_cli`.)

use super::common::*;
use ntk_core::assessment::Rating;
use ntk_core::vault::Settings;
use std::path::Path;

pub const MARK: &str = "LEAKMARKq7";

/// Every file under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    found.push(p.display().to_string());
                }
            }
        }
    }
    found
}

#[test]
fn no_text_field_reaches_the_disk_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, _hs, as_) = filled_vault(dir.path(), 4, MARK);
    let mut s = Settings::default();
    s.practitioner.name = format!("{MARK}settingsname");
    s.practitioner.agency = format!("{MARK}settingsagency");
    v.save_settings(&s).unwrap();
    // A draft with ratings saved one at a time (the hot path) as well.
    let mut a = as_[0].clone();
    a.id = ntk_core::assessment::Id("0123456789abcdef0123456789abcdef".into());
    // The decision's and the household's later fields carry the marker too.
    let mut h = v.household(&a.household_id).unwrap();
    h.agencies = vec![ntk_core::assessment::OtherAgency {
        agency: format!("{MARK}agency"),
        role: format!("{MARK}agencyrole"),
        name: format!("{MARK}agencyname"),
        contact: format!("{MARK}agencycontact"),
    }];
    v.save_household(&h).unwrap();
    if let Some(l) = a.decision.lead_consulted.as_mut() {
        l.advice = format!("{MARK}leadadvice");
    }
    a.decision.front_door = Some(ntk_core::assessment::FrontDoor {
        contact_id: "mash".into(),
        name: format!("{MARK}frontdoor"),
        phone: String::new(),
    });
    a.decision.parents.why_not = format!("{MARK}parentswhynot");
    a.decision.dash.why_not = format!("{MARK}dashwhynot");
    a.status = ntk_core::assessment::Status::Draft;
    a.history.clear();
    let ratings = std::mem::take(&mut a.ratings);
    v.save_assessment(&a).unwrap();
    for r in ratings {
        v.save_rating(
            &a.id,
            Rating {
                evidence: format!("{MARK}hotpath"),
                ..r
            },
        )
        .unwrap();
    }
    v.backup_generation().unwrap();
    // Sanity: the markers really are in the vault.
    assert!(v
        .export_json()
        .unwrap()
        .to_string()
        .contains(&format!("{MARK}hotpath")));
    assert!(
        path.with_file_name("vault.ntk-wal").exists(),
        "the log is checked while in use"
    );
    let open_hits = files_containing(dir.path(), MARK.as_bytes());
    assert!(
        open_hits.is_empty(),
        "plaintext found while open in {open_hits:?}"
    );
    drop(v);
    let closed_hits = files_containing(dir.path(), MARK.as_bytes());
    assert!(
        closed_hits.is_empty(),
        "plaintext found after closing in {closed_hits:?}"
    );
    assert!(
        !files_containing(dir.path(), b"SQLite format 3").is_empty(),
        "the scan reads the files"
    );
}
