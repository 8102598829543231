//! The Family view is safe by construction: for the demo household, the serialised
//! `FamilyView` holds none of what must not be shown, and nothing of another household. Also the
//! date rules as the session applies them when a household is saved or a document imported.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ntk_core::app::{AppError, Session};
use ntk_core::assessment::{Address, Birth, Carer, Child, Household, Id};
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};
use std::collections::BTreeSet;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn session(dir: &std::path::Path) -> Session {
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(9)),
    };
    Session::create(
        &dir.join("vault.ntk"),
        "a long enough passphrase",
        KdfProfile::TestOnlyCheap,
        env,
    )
    .unwrap()
    .0
}

fn other_household(name: &str, birth: Birth) -> Household {
    Household {
        id: Id(String::new()),
        name: name.into(),
        reference: "OTHER-42".into(),
        address: Address {
            lines: vec!["99 Elsewhere Road".into()],
            postcode: "ZZ1 1ZZ".into(),
        },
        language: String::new(),
        interpreter_needed: false,
        agencies: Vec::new(),
        carers: vec![Carer {
            id: Id(String::new()),
            name: "Morwenna Otherfamily".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: String::new(),
        }],
        children: vec![Child {
            id: Id(String::new()),
            name: "Peregrine Otherfamily".into(),
            birth,
            gender: String::new(),
            setting: String::new(),
            additional_needs: String::new(),
            language: String::new(),
            young_carer: false,
        }],
        created_at: now(),
        updated_at: now(),
    }
}

/// Every string value in a JSON document.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn the_family_view_of_the_demo_shows_nothing_it_must_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let demo_id = s.load_demo().unwrap();
    let other = s
        .save_household(other_household(
            "Otherfamily household",
            Birth::Born(NaiveDate::from_ymd_opt(2019, 4, 1).unwrap()),
        ))
        .unwrap();
    let other_assessment = s.new_assessment(&other.id).unwrap().assessment.id;
    let h = s.household(&demo_id).unwrap();
    let mut checked = 0;
    let mut heard_on_child_items = 0;
    for line in s.assessments(&demo_id).unwrap() {
        let view = s.assessment_view(&line.id).unwrap();
        let a = &view.assessment;
        let def = &view.definition;
        let family = serde_json::to_value(s.family_view(&line.id).unwrap()).unwrap();
        let mut shown = Vec::new();
        strings(&family, &mut shown);
        let shown = shown.join("\n");

        // What must never be shown.
        let mut hidden: Vec<String> = Vec::new();
        for r in &a.ratings {
            hidden.extend([r.evidence.clone(), r.impact.clone(), r.child_view.clone()]);
            if r.shared_text.is_empty() {
                hidden.push(r.strengths.clone());
            }
            for c in &r.per_child {
                hidden.extend([
                    c.impact.clone(),
                    c.child_view.clone(),
                    c.level_reason.clone(),
                ]);
            }
        }
        for v in &a.visits {
            hidden.push(v.notes.clone());
        }
        for r in &a.ratings {
            if let Some(m) = &r.mismatch {
                hidden.push(m.note.clone());
            }
            if let Some(home) = &r.home {
                hidden.push(ntk_core::words::home::home_text(home));
            }
        }
        hidden.extend(a.background_events.iter().map(|e| e.note.clone()));
        hidden.extend(
            a.background_events
                .iter()
                .map(ntk_core::words::home::event_text),
        );
        hidden.extend(a.child_views.iter().map(|n| n.text.clone()));
        // How each view was heard and the practitioner's interpretation stay out too.
        let heard = a
            .child_views
            .iter()
            .map(|n| &n.heard)
            .chain(
                a.ratings
                    .iter()
                    .flat_map(|r| r.per_child.iter().map(|c| &c.heard)),
            )
            .chain(a.ratings.iter().map(|r| &r.heard));
        if a.ratings.iter().any(|r| !r.heard.is_empty()) {
            heard_on_child_items += 1;
        }
        let mut interpretations = 0;
        for h in heard {
            if !h.interpretation.is_empty() {
                interpretations += 1;
                hidden.push(h.interpretation.clone());
            }
            let how = ntk_core::words::voice::heard_text(h);
            if !how.is_empty() {
                hidden.push(how);
            }
        }
        assert!(interpretations > 0, "the demo records interpretations");
        hidden.extend(
            ntk_core::assessment::VIEW_METHODS
                .iter()
                .map(|m| ntk_core::words::voice::method_text(*m).to_string()),
        );
        hidden.extend([
            a.background.clone(),
            a.poverty_context.clone(),
            a.analysis.clone(),
            a.practitioner_notes.clone(),
            a.carer_view.clone(),
            a.strengths.clone(),
            a.decision.next_steps.clone(),
            a.practitioner.email.clone(),
        ]);
        if let Some(lead) = &a.decision.lead_consulted {
            hidden.push(lead.name.clone());
        }
        // Targets and the review's answers are the practitioner's, never the family view's.
        assert!(
            !a.targets.is_empty(),
            "the demo sets targets at every assessment"
        );
        for t in &a.targets {
            hidden.extend([
                t.change.clone(),
                t.who_helps.clone(),
                t.progress_note.clone(),
            ]);
        }
        hidden.extend(a.review_answers.iter().map(|x| x.answer.clone()));
        hidden.extend(def.review_questions.iter().map(|q| q.text.clone()));
        for (_, item) in def.items() {
            for alert in &item.alerts {
                hidden.extend([alert.title.clone(), alert.text.clone()]);
            }
        }
        hidden.extend(def.guidance.iter().map(|g| g.text.clone()));
        hidden.extend(def.guidance.iter().map(|g| g.title.clone()));
        hidden.extend(def.contacts.iter().map(|c| c.description.clone()));
        hidden.extend([
            h.reference.clone(),
            h.address.postcode.clone(),
            h.address.lines[0].clone(),
        ]);
        hidden.extend(
            h.children
                .iter()
                .map(|c| c.birth.date().format("%Y-%m-%d").to_string()),
        );
        // Another household: its name, people and address.
        hidden.extend([
            other.name.clone(),
            other.reference.clone(),
            other.address.postcode.clone(),
            other.carers[0].name.clone(),
            other.children[0].name.clone(),
        ]);
        let hidden: BTreeSet<String> = hidden
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        assert!(hidden.len() > 40, "the demo fills these texts");
        for text in &hidden {
            assert!(
                !shown.contains(text.as_str()),
                "the family view shows {:?}",
                text.chars().take(60).collect::<String>()
            );
        }

        // What it is for: the cards, placements in their own words, what was shared.
        assert!(shown.contains("Zoë Example") && shown.contains("Łukasz Przykład"));
        let marked: Vec<&str> = a
            .ratings
            .iter()
            .filter(|r| !r.shared_text.is_empty())
            .map(|r| r.shared_text.as_str())
            .collect();
        assert!(!marked.is_empty());
        assert!(marked.iter().all(|t| shown.contains(t)));
        // The first item with only general descriptors shows its first card.
        let (_, plain) = def
            .items()
            .find(|(_, i)| i.age_descriptors.is_empty())
            .unwrap();
        assert!(shown.contains(plain.descriptors[0].text.as_str()));
        // The young carer is marked on the household, never in the family's view.
        assert!(h.children.iter().any(|c| c.young_carer));
        assert!(!shown.contains(ntk_core::words::young_carer::YOUNG_CARER_MARK));
        assert!(!shown.contains(ntk_core::words::young_carer::YOUNG_CARER_HEAD));
        checked += 1;
    }
    assert_eq!(checked, 3, "the initial assessment and the two reviews");
    assert_eq!(
        heard_on_child_items, 1,
        "the demo hears a view on a child's own item in one assessment"
    );
    // The other household's own view names only that household.
    let mut shown = Vec::new();
    strings(
        &serde_json::to_value(s.family_view(&other_assessment).unwrap()).unwrap(),
        &mut shown,
    );
    assert!(!shown.iter().any(|t| t.contains("Example family")));
}

#[test]
fn a_born_child_with_a_date_of_birth_in_the_future_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let err = s
        .save_household(other_household("Future household", Birth::Born(tomorrow)))
        .unwrap_err();
    let msg = err.user_message();
    assert!(
        msg.starts_with("Date of birth must be in the past"),
        "{msg}"
    );
    assert!(msg.contains("Peregrine Otherfamily"), "{msg}");
    assert!(s.households("").unwrap().is_empty(), "nothing was saved");

    // An unborn child: expected from today up to ten months ahead.
    for (date, ok) in [
        ((2026, 11, 23), true),
        ((2027, 9, 23), true),
        ((2027, 9, 24), false),
        ((2026, 11, 22), false),
    ] {
        let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        let r = s.save_household(other_household("Expecting", Birth::Expected(d)));
        assert_eq!(
            r.is_ok(),
            ok,
            "{d}: {:?}",
            r.err().map(|e| e.user_message())
        );
    }
}

#[test]
fn an_import_with_a_future_date_of_birth_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.load_demo().unwrap();
    let mut doc = s.export_json().unwrap();
    // A new household, valid but for one child's date of birth, after the demo's.
    let mut extra = doc["households"][0].clone();
    extra["household"]["id"] = serde_json::json!("f".repeat(32));
    extra["household"]["name"] = serde_json::json!("Imported family");
    extra["assessments"] = serde_json::json!([]);
    extra["household"]["children"][1]["birth"] =
        serde_json::json!({"kind": "born", "date": "2027-01-05"});
    let name = extra["household"]["children"][1]["name"]
        .as_str()
        .unwrap()
        .to_string();
    doc["households"]
        .as_array_mut()
        .unwrap()
        .push(extra.clone());
    let err = s.import_json(&doc).unwrap_err();
    assert!(matches!(err, AppError::Invalid { .. }));
    let msg = err.user_message();
    assert!(msg.contains("Nothing was imported"), "{msg}");
    assert!(msg.contains("date of birth must be in the past"), "{msg}");
    assert!(msg.contains(&name), "{msg}");
    assert!(msg.contains("$.households[1]"), "{msg}");
    assert_eq!(s.households("").unwrap().len(), 1, "nothing was imported");

    // The same document with the date corrected imports, and the new fields survive the trip.
    let last = doc["households"].as_array().unwrap().len() - 1;
    doc["households"][last]["household"]["children"][1]["birth"] =
        serde_json::json!({"kind": "born", "date": "2019-01-05"});
    let report = s.import_json(&doc).unwrap();
    assert_eq!(report.households_added, 1);
    let again = s.export_json().unwrap();
    let text = again.to_string();
    for field in [
        "\"per_child\"",
        "\"placements\"",
        "\"share_level\":true",
        "\"level_reason\"",
    ] {
        assert!(text.contains(field), "{field}");
    }
}

/// Every key of a JSON value, at any depth.
fn keys_of(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys_of(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| keys_of(x, out)),
        _ => {}
    }
}

#[test]
fn the_family_view_has_nothing_of_the_decision_or_the_other_agencies() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let demo_id = s.load_demo().unwrap();
    let h = s.household(&demo_id).unwrap();
    assert_eq!(h.agencies.len(), 2, "the demo lists two other agencies");
    let mut checked = 0;
    for line in s.assessments(&demo_id).unwrap() {
        let view = s.assessment_view(&line.id).unwrap();
        let d = &view.assessment.decision;
        let family = serde_json::to_value(s.family_view(&line.id).unwrap()).unwrap();
        let mut shown = Vec::new();
        strings(&family, &mut shown);
        let shown = shown.join("\n");
        let mut keys = BTreeSet::new();
        keys_of(&family, &mut keys);
        for key in [
            "options",
            "front_door",
            "parents",
            "dash",
            "marac_referral",
            "advice",
            "agencies",
            "contact_id",
        ] {
            assert!(!keys.contains(key), "the Family view has a field {key:?}");
        }

        let mut hidden: Vec<String> = Vec::new();
        let lead = d
            .lead_consulted
            .as_ref()
            .expect("the demo records the lead");
        hidden.push(lead.advice.clone());
        if let Some(door) = d.front_door.as_ref() {
            hidden.push(door.name.clone());
        }
        hidden.push(d.parents.why_not.clone());
        hidden.push(d.dash.why_not.clone());
        if let Some(o) = d.dash.outcome {
            hidden.push(ntk_core::words::dash_outcome_text(o).into());
        }
        for code in &d.options {
            let o = view
                .definition
                .decision_options
                .iter()
                .find(|o| &o.code == code)
                .unwrap();
            hidden.extend([o.label.clone(), o.description.clone()]);
        }
        for a in &h.agencies {
            hidden.extend([
                a.agency.clone(),
                a.role.clone(),
                a.name.clone(),
                a.contact.clone(),
            ]);
        }
        for text in hidden.iter().filter(|t| !t.trim().is_empty()) {
            assert!(
                !shown.contains(text.as_str()),
                "the Family view shows {text:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} strings were checked");
}
