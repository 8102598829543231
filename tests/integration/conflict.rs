//! The field-by-field review of a household received while it was already stored: the fields
//! that differ are listed with both versions in words, the practitioner's choices are applied
//! field by field, the merged household is checked before anything is written, the merge is
//! audited and the conflict cleared. Through real vaults and a real age file.

use ntk_core::app::{AppError, ErrorReport, Session};
use ntk_core::assessment::{Birth, Child, Id};
use ntk_core::chronology::{ChronologyEntry, EntryDate, Impact, Source};
use ntk_core::handover::{self, HandoverDoc};
use ntk_core::words;

use crate::sessions::{now, session};

fn message(e: AppError) -> String {
    ErrorReport::from(e).message
}

struct Setup {
    _dir: tempfile::TempDir,
    b: Session,
    household: Id,
    /// The first assessment, the one whose analysis and first rating the incoming version changed.
    assessment: Id,
    rating_item: String,
    /// The entry only the stored version has, and the one only the incoming version has.
    dropped_entry: Id,
    new_entry: Id,
    new_child: Id,
}

/// Vault B receives the demo household from vault A, then renames it; a second hand-over (made
/// here as its JSON form, encrypted with age to B's key) changes the case reference, a child's
/// setting, an assessment's analysis and a rating's evidence, leaves out one chronology entry and
/// adds a child and an entry about that child.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut a = session(dir.path(), "a.ntk", 1);
    let household = a.load_demo().unwrap();
    let mut b = session(dir.path(), "b.ntk", 2);
    let to_b = b.handover_public_key().unwrap();
    let first = a
        .handover_export(&household, std::slice::from_ref(&to_b))
        .unwrap();
    assert!(!b.handover_import(&first.bytes).unwrap().conflict);

    // What B stores, before B's own change: the base of the incoming version.
    let mut h = b.household(&household).unwrap();
    let assessments: Vec<_> = b
        .assessments(&household)
        .unwrap()
        .iter()
        .map(|x| b.assessment_view(&x.id).unwrap().assessment)
        .collect();
    let chronology: Vec<ChronologyEntry> = b
        .chronology(&household)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.entry)
        .collect();

    let mut mine = h.clone();
    mine.name = "Renamed here (fictional)".into();
    b.save_household(mine).unwrap();

    h.reference = "THEIRS-1".into();
    h.children[0].setting = "Exampletown Primary, new class (fictional)".into();
    let new_child = Id("c".repeat(32));
    h.children.push(Child {
        id: new_child.clone(),
        name: "Baby Example (fictional)".into(),
        birth: Birth::Born(chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
        gender: String::new(),
        setting: String::new(),
        additional_needs: String::new(),
        language: String::new(),
        young_carer: false,
    });
    let mut incoming_assessments = assessments.clone();
    let first_a = &mut incoming_assessments[0];
    first_a.analysis = "Their analysis, written at the MASH (fictional).".into();
    let r = first_a
        .ratings
        .iter_mut()
        .find(|r| r.level.is_some())
        .unwrap();
    r.evidence = "Their evidence for this item (fictional).".into();
    let rating_item = r.item.clone();
    let assessment = first_a.id.clone();
    let mut incoming_chronology = chronology.clone();
    let dropped = incoming_chronology.remove(0);
    let new_entry = ChronologyEntry {
        id: Id("e".repeat(32)),
        date: EntryDate::parse("2026-11-02").unwrap(),
        event: "The baby was born at home; midwife visited the same day.".into(),
        category: "positive-event".into(),
        source: Source {
            agency: "Exampletown Maternity (fictional)".into(),
            role: "Community midwife".into(),
        },
        children: vec![new_child.clone()],
        impact: Impact::Positive,
        impact_note: "Mother and baby well.".into(),
        action: "None needed: routine care.".into(),
    };
    incoming_chronology.push(new_entry.clone());
    let doc = HandoverDoc {
        format: handover::HANDOVER_FORMAT.into(),
        format_version: handover::HANDOVER_FORMAT_VERSION,
        exported_at: now(),
        sender: handover::Sender {
            public_key: a.handover_public_key().unwrap(),
            practitioner: a.settings().unwrap().practitioner,
        },
        definitions: vec![],
        household: h,
        assessments: incoming_assessments,
        chronology: incoming_chronology,
    };
    let file = handover::encrypt(&serde_json::to_vec(&doc).unwrap(), &[to_b]).unwrap();
    assert!(b.handover_import(&file).unwrap().conflict);
    Setup {
        _dir: dir,
        b,
        household,
        assessment,
        rating_item,
        dropped_entry: dropped.id,
        new_entry: new_entry.id,
        new_child,
    }
}

#[test]
fn the_review_lists_every_differing_field_with_both_versions_in_words() {
    let t = setup();
    let review = t.b.conflict_review(&t.household).unwrap();
    assert_eq!(review.household_name, "Renamed here (fictional)");
    assert!(
        review.received_text.starts_with("Received from "),
        "{}",
        review.received_text
    );
    let keys: Vec<&str> = review.fields.iter().map(|f| f.key.as_str()).collect();
    let child0 = t.b.household(&t.household).unwrap().children[0].id.clone();
    let mut expected = vec![
        "household.name".to_string(),
        "household.reference".to_string(),
        format!("child.{child0}.setting"),
        format!("child.{}", t.new_child),
        format!("assessment.{}.analysis", t.assessment),
        format!("chronology.{}", t.dropped_entry),
        format!("chronology.{}", t.new_entry),
    ];
    let rating = keys
        .iter()
        .find(|k| k.starts_with("rating.") && k.ends_with(&format!(".{}", t.rating_item)))
        .unwrap_or_else(|| panic!("a rating field in {keys:?}"));
    expected.push(rating.to_string());
    let mut got: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "exactly the fields that differ");

    let field = |key: &str| review.fields.iter().find(|f| f.key == key).unwrap();
    let name = field("household.name");
    assert_eq!(name.group, words::CONFLICT_HOUSEHOLD);
    assert_eq!(name.stored, "Renamed here (fictional)");
    assert_ne!(name.incoming, name.stored);
    let baby = field(&format!("child.{}", t.new_child));
    assert!(!baby.in_stored && baby.in_incoming);
    assert_eq!(baby.stored, words::CONFLICT_ABSENT);
    assert!(baby.group.contains("Baby Example"), "{}", baby.group);
    let dropped = field(&format!("chronology.{}", t.dropped_entry));
    assert!(dropped.in_stored && !dropped.in_incoming);
    assert_eq!(dropped.group, words::CONFLICT_CHRONOLOGY);
    let new_entry = field(&format!("chronology.{}", t.new_entry));
    assert!(
        new_entry.incoming.contains("2 November 2026"),
        "{}",
        new_entry.incoming
    );
    assert!(
        new_entry.incoming.contains("Exampletown Maternity"),
        "{}",
        new_entry.incoming
    );
    let r = field(rating);
    assert!(r.label.contains(&t.rating_item), "{}", r.label);
    assert!(r.incoming.contains("Their evidence"), "{}", r.incoming);
    assert!(!r.stored.contains("Their evidence"));
}

#[test]
fn the_choices_are_applied_field_by_field_audited_and_the_conflict_cleared() {
    let mut t = setup();
    let review = t.b.conflict_review(&t.household).unwrap();
    let key_of = |start: &str| {
        review
            .fields
            .iter()
            .find(|f| f.key.starts_with(start))
            .unwrap()
            .key
            .clone()
    };
    let rating = key_of("rating.");
    let setting = key_of("child.");
    let setting = if setting.ends_with(".setting") {
        setting
    } else {
        review
            .fields
            .iter()
            .find(|f| f.key.ends_with(".setting"))
            .unwrap()
            .key
            .clone()
    };
    let before_audit = t.b.audit_log().unwrap().len();

    // A key that names no differing field: refused, nothing written.
    let e =
        t.b.merge_handover(&t.household, &["household.nothing".to_string()])
            .unwrap_err();
    assert!(message(e).contains("household.nothing"));
    // The new entry about the baby without the baby: refused, nothing written.
    let e =
        t.b.merge_handover(&t.household, &[format!("chronology.{}", t.new_entry)])
            .unwrap_err();
    assert!(message(e).contains("child"), "names what does not fit");
    assert_eq!(
        t.b.audit_log().unwrap().len(),
        before_audit,
        "nothing written"
    );
    assert!(t.b.received().unwrap()[0].conflict, "still waiting");

    let take = vec![
        "household.reference".to_string(),
        setting,
        rating,
        format!("child.{}", t.new_child),
        format!("chronology.{}", t.new_entry),
    ];
    t.b.merge_handover(&t.household, &take).unwrap();

    let h = t.b.household(&t.household).unwrap();
    assert_eq!(h.name, "Renamed here (fictional)", "kept as stored");
    assert_eq!(h.reference, "THEIRS-1", "taken");
    assert_eq!(
        h.children[0].setting,
        "Exampletown Primary, new class (fictional)"
    );
    assert!(h.children.iter().any(|c| c.id == t.new_child));
    let a = t.b.assessment_view(&t.assessment).unwrap().assessment;
    assert!(!a.analysis.contains("Their analysis"), "kept as stored");
    assert!(a
        .ratings
        .iter()
        .any(|r| r.item == t.rating_item && r.evidence.starts_with("Their evidence")));
    let entries: Vec<Id> =
        t.b.chronology(&t.household)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.entry.id)
            .collect();
    assert!(entries.contains(&t.new_entry), "added");
    assert!(entries.contains(&t.dropped_entry), "kept as stored");

    let received = t.b.received().unwrap();
    assert!(!received[0].conflict && received[0].conflict_text.is_none());
    assert!(t.b.conflict_review(&t.household).is_err(), "cleared");
    let log = t.b.audit_log().unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "merge_handover" && e.table == "meta"));
    assert!(t.b.verify().unwrap().is_ok());
}

#[test]
fn the_received_marker_names_the_sender_and_the_conflict() {
    let t = setup();
    let r = &t.b.received().unwrap()[0];
    assert!(r.conflict);
    assert_eq!(r.conflict_text.as_deref(), Some(words::CONFLICT_TO_REVIEW));
    assert!(
        r.received_text.contains("23 November 2026"),
        "{}",
        r.received_text
    );
    let p = &r.sender.practitioner;
    if !p.name.is_empty() {
        assert!(r.received_text.contains(&p.name), "{}", r.received_text);
    }
}

#[test]
fn the_demo_has_the_mashs_version_waiting_and_taking_all_of_it_fits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), "demo.ntk", 3);
    let id = s.load_demo().unwrap();
    let received = s.received().unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].household_id, id);
    assert!(
        received[0].received_text.contains("MASH"),
        "{}",
        received[0].received_text
    );
    let review = s.conflict_review(&id).unwrap();
    let keys: Vec<&str> = review.fields.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&"household.reference"), "{keys:?}");
    assert!(keys.contains(&"household.carers"), "{keys:?}");
    assert!(keys.iter().any(|k| k.ends_with(".setting")), "{keys:?}");
    assert!(
        keys.iter().any(|k| k.starts_with("chronology.")),
        "{keys:?}"
    );
    let all: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let entries = s.chronology(&id).unwrap().entries.len();
    s.merge_handover(&id, &all).unwrap();
    assert!(s.household(&id).unwrap().reference.contains("MASH"));
    assert_eq!(s.chronology(&id).unwrap().entries.len(), entries + 1);
    assert!(s.verify().unwrap().is_ok());
}
