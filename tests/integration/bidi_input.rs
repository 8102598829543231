//! Bidirectional control characters (U+202E and the rest, `ntk_core::text`) are removed from
//! free text on every way in, not only the session's setters: the JSON import, a chronology CSV,
//! a received hand-over (stored at once or kept as a conflict and then taken), a definition
//! file and an erasure note. A definition carried inside a JSON export or a hand-over is bound by its hash, so one
//! holding such characters is refused with a clear error and nothing imported.

use ntk_core::app::{AppError, ErrorReport};
use ntk_core::text::is_bidi_control;
use serde_json::{json, Value};

use crate::sessions::session;

/// `s` wrapped in an override, an isolate and marks: it would display reversed or out of place.
fn hostile(s: &str) -> String {
    format!("\u{202E}{s}\u{2067}\u{200F}\u{061C}\u{2069}\u{202C}\u{200E}")
}

/// Prefix the string at `pointer` in `doc` with hostile controls; returns the clean text.
fn poison(doc: &mut Value, pointer: &str) -> String {
    let v = doc
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} is not in the document"));
    let clean = v.as_str().expect("a string").to_string();
    *v = Value::String(hostile(&clean));
    clean
}

fn holds_bidi(v: &impl serde::Serialize) -> bool {
    serde_json::to_string(v)
        .unwrap()
        .chars()
        .any(is_bidi_control)
}

fn message(e: AppError) -> String {
    ErrorReport::from(e).message
}

#[test]
fn a_json_import_stores_households_assessments_and_chronology_without_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    let id = a.load_demo().unwrap();
    let mut doc = a.export_json().unwrap();
    let name = poison(&mut doc, "/households/0/household/name");
    let carer = poison(&mut doc, "/households/0/household/carers/0/name");
    let analysis = poison(&mut doc, "/households/0/assessments/0/analysis");
    let event = poison(&mut doc, "/households/0/chronology/0/event");
    assert!(holds_bidi(&doc));

    let mut b = session(dir.path(), "b.ntk", 2);
    b.import_json(&doc).unwrap();
    let h = b.household(&id).unwrap();
    assert_eq!(h.name, name);
    assert_eq!(h.carers[0].name, carer);
    let stored = b.export_json().unwrap();
    assert_eq!(
        stored.pointer("/households/0/assessments/0/analysis"),
        Some(&Value::String(analysis))
    );
    let events: Vec<String> = b
        .chronology(&id)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.entry.event)
        .collect();
    assert!(events.contains(&event), "{events:?}");
    assert!(!holds_bidi(&stored["households"]), "{stored}");
}

#[test]
fn a_json_import_with_a_definition_holding_bidi_controls_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    a.load_demo().unwrap();
    let mut doc = a.export_json().unwrap();
    poison(&mut doc, "/definitions/0/definition/title");
    let mut b = session(dir.path(), "b.ntk", 2);
    let m = message(b.import_json(&doc).unwrap_err());
    assert!(m.contains("$.definitions[0].definition"), "{m}");
    assert!(m.contains("bidirectional control characters"), "{m}");
    assert!(b.households("").unwrap().is_empty(), "nothing was imported");
}

#[test]
fn a_chronology_csv_is_stored_without_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), "a.ntk", 1);
    let id = s.load_demo().unwrap();
    let before = s.chronology(&id).unwrap().entries.len();
    let csv = format!(
        "date,category,event,agency,role,children,impact,impact_note,action\n\
         2026-10-05,police-call-out,{},{},{},,not_known,{},{}\n",
        hostile("Neighbours reported shouting late at night."),
        hostile("Exampletown Police (fictional)"),
        hostile("PCSO"),
        hostile("Children asleep upstairs."),
        hostile("Notification shared with the MASH."),
    );
    let r = s.import_chronology_csv(&id, csv.as_bytes()).unwrap();
    assert_eq!(r.added, 1);
    let c = s.chronology(&id).unwrap();
    assert_eq!(c.entries.len(), before + 1);
    let e = c
        .entries
        .iter()
        .find(|e| e.entry.event == "Neighbours reported shouting late at night.")
        .expect("the imported entry, its event without controls");
    assert_eq!(e.entry.impact_note, "Children asleep upstairs.");
    assert_eq!(e.entry.action, "Notification shared with the MASH.");
    assert!(!holds_bidi(&c), "{c:?}");
    // The same rows again are the same event: skipped, not added twice.
    let r = s.import_chronology_csv(&id, csv.as_bytes()).unwrap();
    assert_eq!((r.added, r.duplicates_skipped), (0, 1));
}

/// A hand-over document for `household` of `from`'s JSON export, its sender named by `sender`.
fn handover_plaintext(export: &Value, sender: &str, from_key: &str) -> Value {
    let entry = &export["households"][0];
    json!({
        "format": ntk_core::handover::HANDOVER_FORMAT,
        "format_version": ntk_core::handover::HANDOVER_FORMAT_VERSION,
        "exported_at": "2026-11-23T12:00:00Z",
        "sender": { "public_key": from_key, "practitioner": { "name": sender } },
        "definitions": export["definitions"],
        "household": entry["household"],
        "assessments": entry["assessments"],
        "chronology": entry["chronology"],
    })
}

#[test]
fn a_received_hand_over_is_stored_without_bidi_controls_new_or_as_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    let id = a.load_demo().unwrap();
    let from_key = a.handover_public_key().unwrap();
    let mut export = a.export_json().unwrap();
    let name = poison(&mut export, "/households/0/household/name");
    let child = poison(&mut export, "/households/0/household/children/0/name");
    let analysis = poison(&mut export, "/households/0/assessments/0/analysis");
    let event = poison(&mut export, "/households/0/chronology/0/event");
    let doc = handover_plaintext(&export, &hostile("Sam Sender"), &from_key);
    assert!(holds_bidi(&doc));
    let plain = serde_json::to_vec(&doc).unwrap();

    // A household new to the vault is stored at once.
    let mut b = session(dir.path(), "b.ntk", 2);
    let file = ntk_core::handover::encrypt(&plain, &[b.handover_public_key().unwrap()]).unwrap();
    let r = b.handover_import(&file).unwrap();
    assert!(!r.conflict);
    assert_eq!(r.household_name, name);
    assert_eq!(r.sender.practitioner.name, "Sam Sender");
    let h = b.household(&id).unwrap();
    assert_eq!(
        (h.name.as_str(), h.children[0].name.as_str()),
        (name.as_str(), child.as_str())
    );
    let stored = b.export_json().unwrap();
    assert_eq!(
        stored.pointer("/households/0/assessments/0/analysis"),
        Some(&Value::String(analysis))
    );
    assert!(b
        .chronology(&id)
        .unwrap()
        .entries
        .iter()
        .any(|e| e.entry.event == event));
    assert!(!holds_bidi(&stored["households"]));
    assert!(!holds_bidi(&b.received().unwrap()));

    // The household already stored in `a`: the incoming version waits as a conflict, clean,
    // and taking it stores clean text.
    let file = ntk_core::handover::encrypt(&plain, std::slice::from_ref(&from_key)).unwrap();
    assert!(a.handover_import(&file).unwrap().conflict);
    let waiting = a.handover_conflict(&id).unwrap();
    assert!(!holds_bidi(&waiting.household) && !holds_bidi(&waiting.sender));
    assert!(!holds_bidi(&waiting.assessments) && !holds_bidi(&waiting.chronology));
    a.resolve_handover(&id, true).unwrap();
    assert_eq!(a.household(&id).unwrap().name, name);
    assert!(!holds_bidi(&a.export_json().unwrap()["households"]));
}

#[test]
fn a_hand_over_with_a_definition_holding_bidi_controls_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    a.load_demo().unwrap();
    let from_key = a.handover_public_key().unwrap();
    let mut export = a.export_json().unwrap();
    poison(&mut export, "/definitions/0/definition/title");
    let doc = handover_plaintext(&export, "Sam Sender", &from_key);
    let mut b = session(dir.path(), "b.ntk", 2);
    let file = ntk_core::handover::encrypt(
        &serde_json::to_vec(&doc).unwrap(),
        &[b.handover_public_key().unwrap()],
    )
    .unwrap();
    let m = message(b.handover_import(&file).unwrap_err());
    assert!(m.starts_with("Nothing was imported"), "{m}");
    assert!(m.contains("bidirectional control characters"), "{m}");
    assert!(b.households("").unwrap().is_empty());
    assert!(b.received().unwrap().is_empty());
}

#[test]
fn a_definition_file_is_stored_without_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), "a.ntk", 1);
    let mut def = serde_json::to_value(ntk_core::toolkit::bundled_default()).unwrap();
    def["id"] = json!("bidi-test");
    let title = poison(&mut def, "/title");
    poison(&mut def, "/publisher");
    poison(&mut def, "/areas/0/title");
    let guidance = def["guidance"].as_array().unwrap().len();
    for i in 0..guidance {
        poison(&mut def, &format!("/guidance/{i}/title"));
        poison(&mut def, &format!("/guidance/{i}/text"));
    }
    assert!(holds_bidi(&def));
    let info = s
        .import_definition(&serde_json::to_string(&def).unwrap())
        .unwrap();
    assert_eq!(info.title, title);
    assert!(s
        .list_definitions()
        .unwrap()
        .iter()
        .any(|d| d.hash == info.hash && d.title == title));
    // Its guidance, as the help page shows it once it is active.
    s.set_active_definition(&info.hash).unwrap();
    let help = s.help().unwrap();
    assert_eq!(help.definition_title, title);
    assert!(!help.entries.is_empty());
    assert!(!holds_bidi(&help), "{help:?}");
}

#[test]
fn an_erasure_note_is_kept_without_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), "a.ntk", 1);
    let id = s.load_demo().unwrap();
    let name = s.household(&id).unwrap().name;
    s.erase_household(ntk_core::app::EraseRequest {
        household_id: id,
        confirm_name: name,
        reason: "other".into(),
        note: hostile("Moved out of the area"),
    })
    .unwrap();
    let erased = s.erasures().unwrap();
    assert_eq!(erased.len(), 1);
    assert_eq!(
        erased[0].tombstone.note.as_deref(),
        Some("Moved out of the area")
    );
}
