//! A household's chronology through the session and `ntk`: the demo's entries, the CSV form
//! round trip with duplicates skipped, bad rows refused with nothing half-imported, the JSON form,
//! the audit trail, and the summary sheet's chronology (all of it or since a date), read back
//! with pdftotext.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ntk_core::app::{AppError, Session, SheetOptions};
use ntk_core::assessment::Id;
use ntk_core::chronology::{ChronologyEntry, EntryDate, Impact, Source};
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};
use std::path::Path;
use std::process::{Command, Stdio};

const PASS: &str = "a long enough passphrase";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn env() -> VaultEnv {
    VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(5)),
    }
}

fn demo_session(dir: &Path) -> (Session, Id) {
    let (mut s, _) = Session::create(
        &dir.join("vault.ntk"),
        PASS,
        KdfProfile::TestOnlyCheap,
        env(),
    )
    .unwrap();
    let id = s.load_demo().unwrap();
    (s, id)
}

fn message(e: AppError) -> String {
    ntk_core::app::ErrorReport::from(e).message
}

#[test]
fn the_demo_has_a_chronology_with_a_no_access_visit() {
    let dir = tempfile::tempdir().unwrap();
    let (s, id) = demo_session(dir.path());
    let v = s.chronology(&id).unwrap();
    assert!(v.entries.len() >= 5, "{}", v.entries.len());
    assert!(v
        .entries
        .iter()
        .any(|e| e.entry.category == "no-access-visit" && e.category_label.contains("No-access")));
    assert!(v
        .entries
        .iter()
        .any(|e| matches!(e.entry.date, EntryDate::Month { .. })
            && e.date_text.ends_with(ntk_core::words::DAY_NOT_KNOWN)));
    let keys: Vec<_> = v.entries.iter().map(|e| e.entry.date.sort_key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "oldest first");
    assert_eq!(v.categories.len(), 10, "the bundled list");
    assert!(s.verify().unwrap().is_ok());
}

#[test]
fn saving_the_household_keeps_its_chronology() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, id) = demo_session(dir.path());
    let before = s.chronology(&id).unwrap().entries.len();
    let mut h = s.household(&id).unwrap();
    h.name = "Renamed family (fictional)".into();
    s.save_household(h).unwrap();
    assert_eq!(s.chronology(&id).unwrap().entries.len(), before);
}

#[test]
fn an_entry_is_checked_saved_corrected_and_removed_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, id) = demo_session(dir.path());
    let n = s.chronology(&id).unwrap().entries.len();
    let mut e = ChronologyEntry {
        id: Id(String::new()),
        date: EntryDate::parse("2026-11-30").unwrap(),
        event: String::new(),
        category: "not-a-category".into(),
        source: Source::default(),
        children: vec![Id("0".repeat(32))],
        impact: Impact::Negative,
        impact_note: String::new(),
        action: String::new(),
    };
    let m = message(s.save_chronology_entry(&id, e.clone()).unwrap_err());
    for field in [
        "date",
        "event",
        "category",
        "agency",
        "children",
        "impact_note",
        "action",
    ] {
        assert!(m.contains(&format!("{field}:")), "{field} in {m}");
    }
    assert_eq!(s.chronology(&id).unwrap().entries.len(), n, "nothing saved");

    e.date = EntryDate::parse("2026-11-20").unwrap();
    e.event = "Oskar was not brought to his dental check.".into();
    e.category = "missed-health-appointment".into();
    e.source = Source {
        agency: "Community dental service (fictional)".into(),
        role: "Dental nurse".into(),
    };
    let oskar = s.household(&id).unwrap().children[1].id.clone();
    e.children = vec![oskar.clone()];
    e.impact_note = "Untreated decay is likely to get worse.".into();
    e.action = "Second appointment sent; the school was told.".into();
    s.save_chronology_entry(&id, e.clone()).unwrap();
    let v = s.chronology(&id).unwrap();
    assert_eq!(v.entries.len(), n + 1);
    let saved = v.entries.iter().find(|x| x.entry.event == e.event).unwrap();
    assert_eq!(saved.children_text, "Oskar Przykład");
    assert_eq!(saved.date_text, "20 November 2026");
    let mut changed = saved.entry.clone();
    changed.action = "Appointment rebooked with the father.".into();
    s.save_chronology_entry(&id, changed.clone()).unwrap();
    let v = s.chronology(&id).unwrap();
    assert_eq!(v.entries.len(), n + 1, "corrected in place");
    assert!(v.entries.iter().any(|x| x.entry == changed));

    assert!(s.remove_chronology_entry(&id, &changed.id, " ").is_err());
    s.remove_chronology_entry(&id, &changed.id, "Recorded on the wrong household")
        .unwrap();
    assert_eq!(s.chronology(&id).unwrap().entries.len(), n);
    let log = s.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.action, "remove_chronology_entry");
    assert!(last
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("wrong household"));
    assert!(s.verify().unwrap().is_ok());
}

#[test]
fn the_csv_form_round_trips_and_duplicates_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, id) = demo_session(dir.path());
    let before = s.chronology(&id).unwrap();
    let file = s.chronology_csv(&id).unwrap();
    assert!(file.file_name.ends_with(".csv"));
    assert!(!file.file_name.contains("Example"), "the name names no one");
    let text = String::from_utf8(file.bytes.clone()).unwrap();
    assert!(
        text.starts_with("date,category,event,agency,role,children,impact,impact_note,action\n")
    );
    let r = s.import_chronology_csv(&id, &file.bytes).unwrap();
    assert_eq!((r.added, r.duplicates_skipped), (0, before.entries.len()));

    // Another agency's rows: one new, one the same event in other case, one approximate date.
    let theirs = "\u{feff}Date,Category,Event,Agency,Role,Children,Impact,Impact_note,Action\n\
        2026-10-05,police-call-out,Neighbours reported shouting late at night.,Exampletown Police (fictional),PCSO,,not_known,Children asleep upstairs; not spoken to.,Notification shared with the MASH.\n\
        2026-08,positive-event,Amélie joined the school choir.,Exampletown Academy (fictional),Form tutor,amélie example,positive,She talks about it with pride.,None needed: shared with the family.\n";
    let r = s.import_chronology_csv(&id, theirs.as_bytes()).unwrap();
    assert_eq!((r.added, r.duplicates_skipped), (2, 0));
    let r = s.import_chronology_csv(&id, theirs.as_bytes()).unwrap();
    assert_eq!(
        (r.added, r.duplicates_skipped),
        (0, 2),
        "a second time: all skipped"
    );
    let v = s.chronology(&id).unwrap();
    let police = v
        .entries
        .iter()
        .find(|e| e.entry.category == "police-call-out")
        .unwrap();
    assert_eq!(police.entry.source.agency, "Exampletown Police (fictional)");
    assert_eq!(police.entry.source.role, "PCSO");
    let keys: Vec<_> = v.entries.iter().map(|e| e.entry.date.sort_key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "merged by date");
}

#[test]
fn bad_rows_are_each_reported_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, id) = demo_session(dir.path());
    let before = s.chronology(&id).unwrap();
    let audit_before = s.audit_log().unwrap().len();
    let bad = "date,category,event,agency,role,children,impact,impact_note,action\n\
        2026-10-05,police-call-out,A good row.,Police (fictional),PCSO,,negative,Note.,Action.\n\
        05/10/2026,police-call-out,Bad date.,Police (fictional),PCSO,,negative,Note.,Action.\n\
        2026-10-06,bingo,Bad category.,Police (fictional),PCSO,,negative,Note.,Action.\n\
        2026-10-07,police-call-out,Unknown child.,Police (fictional),PCSO,Nobody Known,awful,Note.,Action.\n\
        2026-10-08,police-call-out,Too few cells\n";
    let m = message(s.import_chronology_csv(&id, bad.as_bytes()).unwrap_err());
    assert!(m.starts_with("Nothing was imported"), "{m}");
    for want in [
        "row 3, column date:",
        "row 4, column category: 'bingo'",
        "row 5, column children: 'Nobody Known'",
        "row 5, column impact: 'awful'",
        "row 6: it has 3 cells where the header has 9",
    ] {
        assert!(m.contains(want), "{want} in {m}");
    }
    assert!(!m.contains("row 2"), "the good row is not blamed: {m}");
    assert_eq!(s.chronology(&id).unwrap(), before, "nothing half-imported");
    assert_eq!(s.audit_log().unwrap().len(), audit_before);

    let m = message(
        s.import_chronology_csv(&id, b"when,what\n2026-01-01,x\n")
            .unwrap_err(),
    );
    assert!(m.contains("row 1, column when: unknown column"), "{m}");
    assert!(
        m.contains("row 1, column date: this column is missing"),
        "{m}"
    );
}

#[test]
fn the_json_form_carries_the_chronology() {
    let dir = tempfile::tempdir().unwrap();
    let (s, id) = demo_session(dir.path());
    let doc = s.export_json().unwrap();
    let entries = doc["households"][0]["chronology"].as_array().unwrap();
    assert_eq!(entries.len(), s.chronology(&id).unwrap().entries.len());
    let other = tempfile::tempdir().unwrap();
    let (mut t, _) = Session::create(
        &other.path().join("vault.ntk"),
        PASS,
        KdfProfile::TestOnlyCheap,
        env(),
    )
    .unwrap();
    let r = t.import_json(&doc).unwrap();
    assert_eq!(r.chronologies_written, 1);
    assert_eq!(
        t.chronology(&id).unwrap().entries,
        s.chronology(&id).unwrap().entries
    );
    // An export made before chronologies existed (no field) still imports.
    let mut old = doc.clone();
    old["households"][0]
        .as_object_mut()
        .unwrap()
        .remove("chronology");
    let third = tempfile::tempdir().unwrap();
    let (mut u, _) = Session::create(
        &third.path().join("vault.ntk"),
        PASS,
        KdfProfile::TestOnlyCheap,
        env(),
    )
    .unwrap();
    u.import_json(&old).unwrap();
    assert!(u.chronology(&id).unwrap().entries.is_empty());
}

fn pdf_text(bytes: &[u8], dir: &Path) -> String {
    let p = dir.join("sheet.pdf");
    std::fs::write(&p, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", p.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed by this test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_sheet_prints_the_chronology_all_or_since_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (s, id) = demo_session(dir.path());
    let a = s.latest_assessment(&id).unwrap();
    let all = pdf_text(&s.summary_sheet(&a, now()).unwrap().bytes, dir.path());
    let v = s.chronology(&id).unwrap();
    assert!(all.contains("Chronology: Example family (fictional)"));
    assert!(all.contains("Every entry recorded"));
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for e in &v.entries {
        let first_words: String = e
            .entry
            .event
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&first_words), "{first_words}");
        assert!(flat.contains(&e.category_label), "{}", e.category_label);
    }
    assert!(flat.contains("Planned home visit: no answer at the door"));

    // Since 90 days ago: the no-access visit (125 days ago) is left out, the newest kept.
    let since = NaiveDate::from_ymd_opt(2026, 8, 25).unwrap();
    let opts = SheetOptions {
        chronology_since: Some(since),
    };
    let part = pdf_text(
        &s.summary_sheet_with(&a, now(), &opts).unwrap().bytes,
        dir.path(),
    );
    let flat = part.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Entries since 25 August 2026"));
    assert!(!flat.contains("Planned home visit"));
    assert!(flat.contains("speech and language therapy"));
}

#[test]
fn the_family_view_holds_no_chronology() {
    let dir = tempfile::tempdir().unwrap();
    let (s, id) = demo_session(dir.path());
    let a = s.latest_assessment(&id).unwrap();
    let fv = serde_json::to_string(&s.family_view(&a).unwrap()).unwrap();
    for e in s.chronology(&id).unwrap().entries {
        assert!(!fv.contains(&e.entry.event), "{}", e.entry.event);
        assert!(!fv.contains(&e.entry.source.agency));
    }
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
fn ntk_exports_and_imports_the_csv_and_prints_since_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (s, id) = demo_session(dir.path());
    let n = s.chronology(&id).unwrap().entries.len();
    drop(s);
    let vault = dir.path().join("vault.ntk");
    let csv = dir.path().join("out.csv");
    let v = vault.to_str().unwrap();
    let out = ntk(&[
        "chronology",
        "export",
        "--vault",
        v,
        "--household",
        id.as_str(),
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), n + 1);
    let out = ntk(&[
        "chronology",
        "import",
        "--vault",
        v,
        "--household",
        id.as_str(),
        csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("Added 0 entries; skipped {n} already recorded.")
    );
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "date,category\n2026-01-01,x\n").unwrap();
    let out = ntk(&[
        "chronology",
        "import",
        "--vault",
        v,
        "--household",
        id.as_str(),
        bad.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 1, column event"));

    let pdf = dir.path().join("s.pdf");
    let out = ntk(&[
        "export-pdf",
        "--vault",
        v,
        "--household",
        id.as_str(),
        "--out",
        pdf.to_str().unwrap(),
        "--chronology-since",
        "2026-08-25",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&std::fs::read(&pdf).unwrap(), dir.path());
    assert!(text.contains("Entries since 25 August 2026"));
}
