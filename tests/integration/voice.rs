//! The child's voice through the session: a view heard through a family member as interpreter
//! is refused with a clear message and nothing already saved is lost; a professional one is
//! saved and comes back, also in the JSON form.

use chrono::{DateTime, TimeZone, Utc};
use ntk_core::app::{AssessmentPatch, ErrorReport, Session};
use ntk_core::assessment::{
    ChildNote, HowHeard, Interpreter, InterpreterKind, Rating, Subject, ViewMethod,
};
use ntk_core::toolkit::Scope;
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{FixedClock, SeededEntropy};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn session(dir: &std::path::Path) -> Session {
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(21)),
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

fn heard(kind: InterpreterKind) -> HowHeard {
    HowHeard {
        methods: vec![ViewMethod::CommunicationAid, ViewMethod::Interpreter],
        interpretation: "Nights frighten him.".into(),
        interpreter: Some(Interpreter {
            kind,
            language: "Polish".into(),
        }),
    }
}

#[test]
fn a_family_interpreter_is_refused_and_a_professional_one_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let household = s.load_demo().unwrap();
    let draft = s.new_assessment(&household).unwrap().assessment.id;
    let child = s.household(&household).unwrap().children[1].id.clone();
    let note = |kind| ChildNote {
        child_id: child.clone(),
        text: "On his board: \u{2018}scared\u{2019}.".into(),
        heard: heard(kind),
    };
    let patch = |kind| AssessmentPatch {
        child_views: Some(vec![note(kind)]),
        ..AssessmentPatch::default()
    };
    s.update_assessment(&draft, patch(InterpreterKind::Professional))
        .unwrap();
    for kind in [InterpreterKind::FamilyMember, InterpreterKind::AnotherChild] {
        let err = s.update_assessment(&draft, patch(kind)).unwrap_err();
        let report = ErrorReport::from(&err);
        assert_eq!(report.code, "invalid");
        assert!(
            report.message.contains("only a professional interpreter"),
            "{}",
            report.message
        );
    }
    // What was saved before stays as it was.
    let a = s.assessment_view(&draft).unwrap().assessment;
    assert_eq!(a.child_views, vec![note(InterpreterKind::Professional)]);
    // The JSON form carries it and reads it back.
    let doc = s.export_json().unwrap();
    let text = doc.to_string();
    assert!(text.contains("\"interpretation\":\"Nights frighten him.\""));
    assert!(text.contains("\"kind\":\"professional\""));
}

#[test]
fn a_view_on_a_child_item_keeps_how_it_was_heard_through_saves_and_the_json_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let household = s.load_demo().unwrap();
    let draft = s.new_assessment(&household).unwrap().assessment.id;
    let view = s.assessment_view(&draft).unwrap();
    let child = s.household(&household).unwrap().children[0].id.clone();
    let item = |scope| {
        view.definition
            .items()
            .find(|(_, i)| i.scope == scope)
            .unwrap()
            .1
            .number
            .clone()
    };
    let mut r = Rating::new(item(Scope::Child), Subject::Child(child.clone()));
    r.child_view = "\u{201c}It's fine.\u{201d}".into();
    // A right-to-left override typed or pasted into the interpretation is taken out.
    r.heard = HowHeard {
        methods: vec![ViewMethod::PlayOrDrawing],
        interpretation: "Drew \u{202e}the kitchen\u{202c} in her house of worries.".into(),
        interpreter: None,
    };
    s.save_rating(&draft, r.clone()).unwrap();
    let stored = |s: &Session| {
        s.assessment_view(&draft)
            .unwrap()
            .assessment
            .ratings
            .into_iter()
            .find(|x| x.item == r.item && x.subject == r.subject)
            .unwrap()
    };
    let clean = "Drew the kitchen in her house of worries.";
    assert_eq!(stored(&s).heard.interpretation, clean);
    assert_eq!(stored(&s).heard.methods, [ViewMethod::PlayOrDrawing]);
    // Saved again with another field changed, how it was heard stays.
    let mut again = stored(&s);
    again.evidence = "Seen at the visit.".into();
    s.save_rating(&draft, again).unwrap();
    assert_eq!(stored(&s).heard.interpretation, clean);
    assert_eq!(stored(&s).evidence, "Seen at the visit.");
    // A family member interpreting is refused and what was saved stays.
    let mut bad = stored(&s);
    bad.heard = heard(InterpreterKind::FamilyMember);
    let report = ErrorReport::from(&s.save_rating(&draft, bad).unwrap_err());
    assert_eq!(report.code, "invalid");
    assert!(report.message.contains("only a professional interpreter"));
    assert_eq!(stored(&s).heard.interpretation, clean);
    // On a household item it belongs to each child's own entry.
    let mut shared = Rating::new(item(Scope::Household), Subject::Household);
    shared.heard.methods = vec![ViewMethod::OwnWords];
    let report = ErrorReport::from(&s.save_rating(&draft, shared).unwrap_err());
    assert_eq!(report.code, "invalid");
    assert!(report.message.contains("each child"), "{}", report.message);
    // The JSON form carries it; the Family view never shows it.
    let json = s.export_json().unwrap().to_string();
    assert!(json.contains(&format!("\"interpretation\":\"{clean}\"")));
    assert!(json.contains("\"play_or_drawing\""));
    let family = serde_json::to_string(&s.family_view(&draft).unwrap()).unwrap();
    assert!(!family.contains("house of worries"));
    assert!(!family.contains("play_or_drawing"));
}
