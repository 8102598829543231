//! The child's voice through the session: a view heard through a family member as interpreter
//! is refused with a clear message and nothing already saved is lost; a professional one is
//! saved and comes back, also in the JSON form.

use chrono::{DateTime, TimeZone, Utc};
use ntk_core::app::{AssessmentPatch, ErrorReport, Session};
use ntk_core::assessment::{ChildNote, HowHeard, Interpreter, InterpreterKind, ViewMethod};
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
