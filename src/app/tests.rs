use super::*;
use crate::assessment::{Birth, Carer, Child, ModelError, Subject};
use crate::toolkit::ToolkitError;
use crate::vault::VaultError;
use crate::{Clock, SeededEntropy};
use chrono::TimeZone;
use std::sync::{Arc, Mutex};

/// A clock the test can move forward while the session holds it.
#[derive(Clone)]
struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    s: Session,
    clock: TestClock,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock(Arc::new(Mutex::new(
        Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap(),
    )));
    let env = VaultEnv {
        clock: Box::new(clock.clone()),
        rng: Box::new(SeededEntropy::new(42)),
    };
    let (s, _key) = Session::create(
        &dir.path().join("vault.ntk"),
        "a long enough passphrase",
        KdfProfile::TestOnlyCheap,
        env,
    )
    .unwrap();
    Fixture {
        _dir: dir,
        s,
        clock,
    }
}

fn new_household() -> Household {
    let t = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    let child = |name: &str, y| Child {
        id: Id(String::new()),
        name: name.into(),
        birth: Birth::Born(NaiveDate::from_ymd_opt(y, 5, 1).unwrap()),
        gender: String::new(),
        setting: String::new(),
        additional_needs: String::new(),
        language: String::new(),
        young_carer: false,
    };
    Household {
        id: Id(String::new()),
        name: "Test family".into(),
        reference: String::new(),
        address: Default::default(),
        language: String::new(),
        interpreter_needed: false,
        agencies: Vec::new(),
        carers: vec![Carer {
            id: Id(String::new()),
            name: "Pat Test".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: String::new(),
        }],
        children: vec![child("Ava", 2019), child("Ben", 2021)],
        created_at: t,
        updated_at: t,
    }
}

fn with_household(f: &mut Fixture) -> Household {
    f.s.save_household(new_household()).unwrap()
}

fn rating(h: &Household, item: &str, level: u8) -> Rating {
    let mut r = Rating::new(item, Subject::Child(h.children[0].id.clone()));
    r.level = Some(level);
    r.carer_level = Some(1);
    r.impact = "Often hungry at school".into();
    r
}

#[test]
fn a_new_vault_has_the_bundled_definition_active() {
    let f = fixture();
    let hash = f.s.settings().unwrap().active_definition;
    assert_eq!(
        hash,
        Some(toolkit::content_hash(&toolkit::bundled_default()))
    );
}

#[test]
fn save_household_assigns_ids_and_timestamps_to_new_records() {
    let mut f = fixture();
    let h = with_household(&mut f);
    assert_eq!(h.id.as_str().len(), 32);
    assert!(h.children.iter().all(|c| c.id.as_str().len() == 32));
    assert_ne!(h.children[0].id, h.children[1].id);
    assert_eq!(h.carers[0].id.as_str().len(), 32);
    assert_eq!(h.created_at, f.clock.now());
    assert_eq!(f.s.household(&h.id).unwrap(), h);

    // Updating keeps the ids and the creation time, and gives a new child an id.
    let mut edited = h.clone();
    edited.created_at = Utc.with_ymd_and_hms(1999, 1, 1, 0, 0, 0).unwrap();
    edited.children.push(Child {
        id: Id(String::new()),
        ..h.children[0].clone()
    });
    f.clock.advance(chrono::Duration::hours(1));
    let stored = f.s.save_household(edited).unwrap();
    assert_eq!(stored.id, h.id);
    assert_eq!(stored.created_at, h.created_at);
    assert_eq!(stored.updated_at, f.clock.now());
    assert_eq!(stored.children.len(), 3);
    assert!(!stored.children[2].id.as_str().is_empty());
}

#[test]
fn save_household_refuses_a_missing_name() {
    let mut f = fixture();
    let mut h = new_household();
    h.name = "  ".into();
    let err = f.s.save_household(h).unwrap_err();
    assert!(matches!(err, AppError::Invalid { .. }), "{err:?}");
    let mut h = new_household();
    h.children[1].name.clear();
    let err = f.s.save_household(h).unwrap_err();
    assert!(matches!(err, AppError::Invalid { .. }), "{err:?}");
}

#[test]
fn the_household_search_ignores_surrounding_spaces() {
    let mut f = fixture();
    with_household(&mut f);
    assert_eq!(f.s.households("").unwrap().len(), 1);
    assert_eq!(f.s.households("   ").unwrap().len(), 1);
    assert_eq!(f.s.households("  Ava ").unwrap().len(), 1);
    assert!(f.s.households("Nobody").unwrap().is_empty());
}

#[test]
fn a_new_assessment_uses_the_active_definition_and_the_practitioner() {
    let mut f = fixture();
    let mut s = f.s.settings().unwrap();
    s.practitioner.name = "Sam Okafor".into();
    f.s.save_settings(s).unwrap();
    let h = with_household(&mut f);
    let view = f.s.new_assessment(&h.id).unwrap();
    let def = toolkit::bundled_default();
    assert_eq!(view.definition_hash, toolkit::content_hash(&def));
    assert_eq!(view.definition, def);
    assert_eq!(view.assessment.practitioner.name, "Sam Okafor");
    assert_eq!(view.assessment.kind, AssessmentKind::Initial);
    assert_eq!(view.household, h);
    assert!(view.previous.is_none() && view.comparison.is_none());
}

#[test]
fn settings_refuse_an_auto_lock_outside_the_limits_and_keep_the_old_value() {
    let mut f = fixture();
    let mut s = f.s.settings().unwrap();
    assert_eq!(s.auto_lock_minutes, limits::AUTO_LOCK_DEFAULT_MINUTES);
    for bad in [0, limits::AUTO_LOCK_MAX_MINUTES + 1] {
        s.auto_lock_minutes = bad;
        let err = f.s.save_settings(s.clone()).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert_eq!(err.user_message(), limits::auto_lock_message());
    }
    assert_eq!(
        f.s.auto_lock_minutes(),
        limits::AUTO_LOCK_DEFAULT_MINUTES,
        "a refused setting changes nothing"
    );
    s.auto_lock_minutes = limits::AUTO_LOCK_MAX_MINUTES;
    let saved = f.s.save_settings(s).unwrap();
    assert_eq!(saved.saved_at, f.clock.now());
    assert_eq!(f.s.auto_lock_minutes(), limits::AUTO_LOCK_MAX_MINUTES);
}

#[test]
fn settings_refuse_an_active_definition_that_is_not_stored() {
    let mut f = fixture();
    let mut s = f.s.settings().unwrap();
    s.active_definition = Some("not-a-hash".into());
    assert!(f.s.save_settings(s).is_err());
}

#[test]
fn ratings_and_patches_are_saved_until_completed_then_refused() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let id = f.s.new_assessment(&h.id).unwrap().assessment.id;
    let saved = f.s.save_rating(&id, rating(&h, "1.1", 3)).unwrap();
    assert_eq!(saved.saved_at, f.clock.now());
    f.clock.advance(chrono::Duration::minutes(3));
    let patch = AssessmentPatch {
        analysis: Some("Needs support with meals".into()),
        ..Default::default()
    };
    let saved = f.s.update_assessment(&id, patch).unwrap();
    let stored = f.s.assessment_view(&id).unwrap().assessment;
    assert_eq!(saved.saved_at, stored.updated_at);
    assert_eq!(stored.ratings[0].level, Some(3));
    assert_eq!(stored.analysis, "Needs support with meals");
    assert_eq!(stored.background, "", "an absent field must stay as it was");

    let done = f.s.complete(&id).unwrap();
    assert_eq!(done.assessment.status, Status::Completed);
    let err = f.s.save_rating(&id, rating(&h, "1.1", 1)).unwrap_err();
    assert!(
        matches!(err, AppError::Model(ModelError::Locked)),
        "{err:?}"
    );
    assert_eq!(err.code(), "assessment_locked");
    let patch = AssessmentPatch {
        analysis: Some("changed".into()),
        ..Default::default()
    };
    let err = f.s.update_assessment(&id, patch).unwrap_err();
    assert!(
        matches!(err, AppError::Model(ModelError::Locked)),
        "{err:?}"
    );

    // Amending needs a reason, and reopens it.
    let err = f.s.amend(&id, " ").unwrap_err();
    assert!(
        matches!(err, AppError::Model(ModelError::MissingReason)),
        "{err:?}"
    );
    let amended = f.s.amend(&id, "Wrong child rated").unwrap();
    assert_eq!(amended.assessment.status, Status::Amending);
    f.s.save_rating(&id, rating(&h, "1.1", 2)).unwrap();
    assert_eq!(
        f.s.assessment_view(&id).unwrap().assessment.ratings[0].level,
        Some(2)
    );
}

#[test]
fn a_review_starts_only_from_a_completed_assessment_and_is_compared() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let first = f.s.new_assessment(&h.id).unwrap().assessment.id;
    f.s.save_rating(&first, rating(&h, "1.1", 3)).unwrap();
    let err = f.s.start_review(&first).unwrap_err();
    assert!(matches!(err, AppError::NotCompleted { .. }), "{err:?}");

    f.s.complete(&first).unwrap();
    f.clock.advance(chrono::Duration::days(42));
    let review = f.s.start_review(&first).unwrap();
    assert_eq!(
        review.assessment.kind,
        AssessmentKind::Review {
            previous: first.clone()
        }
    );
    assert!(review.assessment.ratings.is_empty());
    assert_eq!(
        review.definition_hash,
        review.previous.as_ref().unwrap().definition.hash
    );
    f.s.save_rating(&review.assessment.id, rating(&h, "1.1", 1))
        .unwrap();
    let view = f.s.assessment_view(&review.assessment.id).unwrap();
    let cmp = view.comparison.expect("a review has a comparison");
    let item = cmp.children[0].areas[0]
        .items
        .iter()
        .find(|i| i.item == "1.1")
        .unwrap();
    assert_eq!((item.previous, item.current), (Some(3), Some(1)));
    assert_eq!(item.change, summary::Change::Improved);

    let list = f.s.assessments(&h.id).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, first);
    assert_eq!(list[0].kind, AssessmentKind::Initial);
    assert_eq!(list[1].kind, review.assessment.kind);
    assert_eq!(list[1].previous.as_ref(), Some(&first));
    assert_eq!(f.s.latest_assessment(&h.id).unwrap(), review.assessment.id);
}

#[test]
fn the_summary_sheet_is_a_pdf_whose_file_name_names_no_one() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let id = f.s.new_assessment(&h.id).unwrap().assessment.id;
    f.s.save_rating(&id, rating(&h, "1.1", 3)).unwrap();
    let at = f.clock.now();
    let sheet = f.s.summary_sheet(&id, at).unwrap();
    assert!(sheet.bytes.starts_with(b"%PDF-"));
    assert!(sheet.file_name.ends_with(".pdf"));
    assert!(sheet.file_name.contains("2026-03-02"));
    for name in ["Test", "Ava", "Ben", "Pat"] {
        assert!(!sheet.file_name.contains(name), "{}", sheet.file_name);
    }
    assert_eq!(
        f.s.summary_sheet(&id, at).unwrap(),
        sheet,
        "the same vault and time give the same bytes"
    );
    let err = f.s.summary_sheet(&Id("00".repeat(16)), at).unwrap_err();
    assert!(
        matches!(err, AppError::Vault(VaultError::NotFound { .. })),
        "{err:?}"
    );
}

#[test]
fn contacts_fall_back_to_the_definition_s_own() {
    let mut f = fixture();
    let def = toolkit::bundled_default();
    assert!(!def.contacts.is_empty(), "the bundled default has contacts");
    assert_eq!(f.s.contacts_for(&def).unwrap(), def.contacts);
    let mut s = f.s.settings().unwrap();
    s.contacts = vec![Contact {
        id: "hub".into(),
        name: "Family support hub".into(),
        phone: "01632 960000".into(),
        description: String::new(),
    }];
    f.s.save_settings(s.clone()).unwrap();
    assert_eq!(f.s.contacts_for(&def).unwrap(), s.contacts);
}

#[test]
fn the_sheet_time_follows_source_date_epoch_when_it_is_valid() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    assert_eq!(sheet_time(now, None), now);
    assert_eq!(sheet_time(now, Some("soon")), now);
    assert_eq!(
        sheet_time(now, Some("1700000000")),
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    );
}

#[test]
fn the_demo_makes_its_definition_active_and_opens_with_a_review() {
    let mut f = fixture();
    let id = f.s.load_demo().unwrap();
    let active = f.s.settings().unwrap().active_definition;
    assert_eq!(
        active,
        Some(toolkit::content_hash(&toolkit::bundled_default()))
    );
    let list = f.s.assessments(&id).unwrap();
    assert_eq!(list.len(), 3, "an initial assessment and two reviews");
    let view = f.s.assessment_view(&list[2].id).unwrap();
    assert!(view.comparison.is_some());
    assert_eq!(view.trend.points.len(), 3);
}

#[test]
fn a_definition_is_validated_before_it_is_stored() {
    let mut f = fixture();
    let before = f.s.list_definitions().unwrap().len();
    let err = f.s.import_definition("{\"format\": 1}").unwrap_err();
    assert!(
        matches!(err, AppError::Definition(ToolkitError::Invalid { .. })),
        "{err:?}"
    );
    assert_eq!(err.code(), "definition_invalid");
    assert_eq!(f.s.list_definitions().unwrap().len(), before);

    let mut def = toolkit::bundled_default();
    def.version = "2099.1".into();
    let info =
        f.s.import_definition(&serde_json::to_string(&def).unwrap())
            .unwrap();
    assert_eq!(info.hash, toolkit::content_hash(&def));
    assert!(!info.active);
    let list = f.s.list_definitions().unwrap();
    assert_eq!(list.len(), 2, "the bundled default is stored beside it");
    assert_eq!(list.iter().filter(|d| d.active).count(), 1);
    f.s.set_active_definition(&info.hash).unwrap();
    assert!(f
        .s
        .list_definitions()
        .unwrap()
        .iter()
        .any(|d| d.active && d.hash == info.hash));
    assert!(f.s.set_active_definition("not-a-hash").is_err());
}

#[test]
fn every_ipc_shape_serialises_with_its_documented_fields() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let view = f.s.new_assessment(&h.id).unwrap();
    let item = serde_json::to_value(&f.s.assessments(&h.id).unwrap()[0]).unwrap();
    assert_eq!(
        item["kind"],
        serde_json::to_value(&view.assessment.kind).unwrap(),
        "a list item's kind has the same shape as the assessment's"
    );
    let v = serde_json::to_value(&view).unwrap();
    for key in [
        "assessment",
        "household",
        "definition",
        "definition_hash",
        "summary",
        "previous",
        "comparison",
        "sustained",
    ] {
        assert!(v.get(key).is_some(), "AssessmentView lacks {key}");
    }
    let saved = serde_json::to_value(Saved {
        saved_at: f.clock.now(),
    })
    .unwrap();
    assert_eq!(
        saved,
        serde_json::json!({"saved_at": "2026-03-02T10:00:00Z"})
    );
}

#[test]
fn a_household_has_one_toolkit_in_progress_at_a_time() {
    let mut f = fixture();
    let h = with_household(&mut f);
    // Started on 2 March 2026 (the fixture's clock).
    let first = f.s.new_assessment(&h.id).unwrap().assessment.id;
    f.clock.advance(chrono::Duration::days(1));

    // A second initial toolkit while the first is a draft.
    let err = f.s.new_assessment(&h.id).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.user_message(),
        "This household already has a toolkit in progress; finish or discard the toolkit in \
         progress (started 2 March 2026) first."
    );
    assert_eq!(f.s.assessments(&h.id).unwrap().len(), 1);

    // Two reviews of one completed assessment.
    f.s.complete(&first).unwrap();
    let review = f.s.start_review(&first).unwrap().assessment.id;
    let err = f.s.start_review(&first).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.user_message().contains("(started 3 March 2026)"),
        "{err}"
    );
    let err = f.s.new_assessment(&h.id).unwrap_err();
    assert_eq!(err.code(), "invalid");

    // Amending the completed one while the review is in progress.
    let err = f.s.amend(&first, "A date was wrong").unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.user_message().contains("finish or discard"), "{err}");
    assert_eq!(
        f.s.assessment_view(&first).unwrap().assessment.status,
        Status::Completed
    );

    // Once the review is completed, amending is allowed, and then nothing else may start.
    f.s.complete(&review).unwrap();
    f.s.amend(&first, "A date was wrong").unwrap();
    let err = f.s.start_review(&review).unwrap_err();
    assert_eq!(err.code(), "invalid");
    f.s.complete(&first).unwrap();
    f.s.start_review(&review).unwrap();

    // Another household is not held up.
    let other = with_household(&mut f);
    f.s.new_assessment(&other.id).unwrap();
}

#[test]
fn a_draft_is_discarded_with_a_reason_kept_in_the_audit_trail() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let first = f.s.new_assessment(&h.id).unwrap().assessment.id;
    f.s.save_rating(&first, rating(&h, "1.1", 3)).unwrap();
    f.s.complete(&first).unwrap();
    let before = f.s.assessment_view(&first).unwrap().assessment;
    let review = f.s.start_review(&first).unwrap().assessment.id;
    f.s.save_rating(&review, rating(&h, "1.1", 2)).unwrap();
    assert_eq!(f.s.vault.rating_rows(&review), 1);

    // A reason is needed.
    let err = f.s.discard(&review, "  ").unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.user_message(),
        "Discarding a draft needs a reason; say why it is discarded."
    );
    // A completed assessment is never discarded.
    let err = f.s.discard(&first, "Started by mistake").unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.user_message(),
        "Cannot discard an assessment that is completed."
    );

    f.clock.advance(chrono::Duration::minutes(5));
    let saved =
        f.s.discard(&review, "  Started for the wrong family ")
            .unwrap();
    assert_eq!(saved.saved_at, f.clock.now());
    let err = f.s.assessment_view(&review).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(f.s.vault.rating_rows(&review), 0);
    // The assessment it reviewed is as it was.
    assert_eq!(f.s.assessment_view(&first).unwrap().assessment, before);
    assert_eq!(f.s.assessments(&h.id).unwrap().len(), 1);

    let log = f.s.vault.audit_log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.action, "discard_assessment");
    assert_eq!(last.record_id, review.as_str());
    assert_eq!(last.reason.as_deref(), Some("Started for the wrong family"));
    assert_eq!(last.at, saved.saved_at);
    // No other entry carries a reason.
    assert_eq!(log.iter().filter(|e| e.reason.is_some()).count(), 1);
    let report = f.s.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    // With the draft gone, a new review can start; discarding again finds nothing.
    f.s.start_review(&first).unwrap();
    let err = f.s.discard(&review, "Again").unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn an_amendment_in_progress_is_not_discarded() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let id = f.s.new_assessment(&h.id).unwrap().assessment.id;
    f.s.complete(&id).unwrap();
    f.s.amend(&id, "A date was wrong").unwrap();
    let err = f.s.discard(&id, "No longer needed").unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.user_message(),
        "Cannot discard an assessment that is being amended."
    );
    assert_eq!(
        f.s.assessment_view(&id).unwrap().assessment.status,
        Status::Amending
    );
}

#[test]
fn open_targets_are_carried_into_a_review_with_the_previous_rating_beside_each_item() {
    use crate::assessment::{ReviewAnswer, Subject, Target, TargetProgress};
    let mut f = fixture();
    let h = with_household(&mut f);
    let first = f.s.new_assessment(&h.id).unwrap().assessment.id;
    let mut r = rating(&h, "1.1", 2);
    r.evidence = "Fridge stocked at both visits".into();
    f.s.save_rating(&first, r).unwrap();
    let target = |id: &str, change: &str, progress| Target {
        id: Id(id.into()),
        item: "1.1".into(),
        subject: Subject::Child(h.children[0].id.clone()),
        change: change.into(),
        by: Some(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
        who_helps: "School breakfast club".into(),
        carried_from: None,
        progress,
        progress_note: String::new(),
    };
    let patch = AssessmentPatch {
        targets: Some(vec![
            target(
                "t1",
                "Breakfast every school day",
                TargetProgress::NotStarted,
            ),
            target("t2", "Packed lunch", TargetProgress::Achieved),
        ]),
        ..AssessmentPatch::default()
    };
    f.s.update_assessment(&first, patch).unwrap();
    // A target must say what needs to change; nothing is saved otherwise.
    let bad = AssessmentPatch {
        targets: Some(vec![target("t3", "  ", TargetProgress::NotStarted)]),
        ..AssessmentPatch::default()
    };
    let err = f.s.update_assessment(&first, bad).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.user_message().contains("what needs to change"),
        "{err:?}"
    );
    f.s.complete(&first).unwrap();
    f.clock.advance(chrono::Duration::days(42));

    let review = f.s.start_review(&first).unwrap();
    let carried = &review.assessment.targets;
    assert_eq!(carried.len(), 1, "only the open target is carried");
    assert_eq!(carried[0].id, Id("t1".into()));
    assert_eq!(carried[0].carried_from.as_ref(), Some(&first));
    assert_eq!(carried[0].progress, TargetProgress::NotStarted);
    let previous = review
        .previous_ratings
        .iter()
        .find(|p| p.item == "1.1" && p.child_id.as_ref() == Some(&h.children[0].id))
        .expect("the previous rating of 1.1");
    assert_eq!(previous.level, Some(2));
    assert_eq!(previous.evidence, "Fridge stocked at both visits");
    assert_eq!(review.review_text.targets.len(), 1);
    assert!(review.review_text.targets[0].contains("Carried from the last assessment"));

    // The review answers the definition's questions; an unknown question is refused.
    let id = review.assessment.id.clone();
    let answer = |q: &str| ReviewAnswer {
        question: q.into(),
        answer: "Yes, breakfast is every day now.".into(),
    };
    let err =
        f.s.update_assessment(
            &id,
            AssessmentPatch {
                review_answers: Some(vec![answer("not-a-question")]),
                ..AssessmentPatch::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    f.s.update_assessment(
        &id,
        AssessmentPatch {
            review_answers: Some(vec![answer("support-working")]),
            ..AssessmentPatch::default()
        },
    )
    .unwrap();
    // A level that rose since the reviewed assessment raises the worse prompt.
    f.s.save_rating(&id, rating(&h, "1.1", 3)).unwrap();
    let view = f.s.assessment_view(&id).unwrap();
    assert_eq!(view.assessment.review_answers, [answer("support-working")]);
    assert!(view
        .summary
        .prompts
        .iter()
        .any(|p| matches!(p, summary::Prompt::Worse { from: 2, to: 3, .. })));
    assert_eq!(view.trend.points.len(), 2);
    assert!(!view.trend.points[1].completed);
    assert!(view.review_text.trend_columns[1].ends_with("(in progress)"));
}

#[test]
fn a_front_door_is_kept_only_when_it_is_one_of_the_contacts() {
    let mut f = fixture();
    let h = with_household(&mut f);
    let view = f.s.new_assessment(&h.id).unwrap();
    let id = view.assessment.id.clone();
    assert_eq!(
        view.contacts, view.definition.contacts,
        "the definition's contacts"
    );
    let request = view
        .definition
        .decision_options
        .iter()
        .find(|o| o.kind.is_some_and(|k| k.needs_front_door()))
        .unwrap()
        .code
        .clone();
    let door = |contact_id: &str| crate::assessment::Decision {
        options: vec![request.clone()],
        front_door: Some(crate::assessment::FrontDoor {
            contact_id: contact_id.into(),
            name: "A copied name".into(),
            phone: String::new(),
        }),
        ..Default::default()
    };
    let patch = |d| AssessmentPatch {
        decision: Some(d),
        ..Default::default()
    };
    let err =
        f.s.update_assessment(&id, patch(door("nowhere")))
            .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.user_message().contains("not one of your contacts"),
        "{}",
        err.user_message()
    );
    assert!(
        f.s.assessment_view(&id)
            .unwrap()
            .assessment
            .decision
            .front_door
            .is_none(),
        "nothing saved"
    );

    let early = view
        .contacts
        .iter()
        .find(|c| c.id == "early-help")
        .unwrap()
        .id
        .clone();
    f.s.update_assessment(&id, patch(door(&early))).unwrap();
    let stored = f.s.assessment_view(&id).unwrap().assessment.decision;
    assert_eq!(stored.front_door.unwrap().contact_id, early);

    // Once the practitioner has contacts of their own, the stored door stays as it was (other
    // parts of the decision still save), and a new door must be one of theirs.
    let mut s = f.s.settings().unwrap();
    s.contacts = vec![Contact {
        id: "hub".into(),
        name: "Family support hub".into(),
        phone: "01632 960000".into(),
        description: String::new(),
    }];
    f.s.save_settings(s).unwrap();
    let mut d = door(&early);
    d.next_steps = "Ring the hub".into();
    f.s.update_assessment(&id, patch(d)).unwrap();
    assert!(f.s.update_assessment(&id, patch(door("mash"))).is_err());
    f.s.update_assessment(&id, patch(door("hub"))).unwrap();
}

#[test]
fn the_sheet_names_the_characters_it_could_not_print() {
    let mut f = fixture();
    let mut h = new_household();
    h.children[0].name = "Ava \u{1F9D2}".into();
    let h = f.s.save_household(h).unwrap();
    let id = f.s.new_assessment(&h.id).unwrap().assessment.id;
    let sheet = f.s.summary_sheet(&id, f.clock.now()).unwrap();
    assert_eq!(sheet.missing_characters, vec!['\u{1F9D2}']);
    let warning = sheet.warning.expect("a warning");
    assert!(warning.contains("U+1F9D2"), "{warning}");

    let plain = with_household(&mut f);
    let id = f.s.new_assessment(&plain.id).unwrap().assessment.id;
    let sheet = f.s.summary_sheet(&id, f.clock.now()).unwrap();
    assert!(sheet.missing_characters.is_empty() && sheet.warning.is_none());
}

#[test]
fn bidi_controls_are_stripped_from_every_free_text_field_on_input() {
    let hostile = |s: &str| format!("\u{202E}{s}\u{2066}\u{200F}\u{061C}\u{202A}\u{2069}\u{200E}");
    let has_bidi = |v: &serde_json::Value| v.to_string().chars().any(crate::text::is_bidi_control);
    let mut f = fixture();
    let mut h = new_household();
    h.name = hostile("Test family");
    h.carers[0].name = hostile("Pat Test");
    h.children[0].additional_needs = hostile("needs glasses");
    let h = f.s.save_household(h).unwrap();
    assert_eq!(h.name, "Test family");
    assert_eq!(h.carers[0].name, "Pat Test");
    assert_eq!(h.children[0].additional_needs, "needs glasses");
    let stored = f.s.household(&h.id).unwrap();
    assert!(!has_bidi(&serde_json::to_value(&stored).unwrap()));

    let id = f.s.new_assessment(&h.id).unwrap().assessment.id;
    let mut r = rating(&h, "1.1", 3);
    r.impact = hostile("Often hungry");
    f.s.save_rating(&id, r).unwrap();
    let patch = AssessmentPatch {
        analysis: Some(hostile("Needs support")),
        carer_view: Some(hostile("ما نحتاجه")),
        ..Default::default()
    };
    f.s.update_assessment(&id, patch).unwrap();
    let a = f.s.assessment_view(&id).unwrap().assessment;
    assert_eq!(a.analysis, "Needs support");
    // Right-to-left letters are kept as typed; only the controls go.
    assert_eq!(a.carer_view, "ما نحتاجه");
    assert_eq!(a.ratings[0].impact, "Often hungry");
    assert!(!has_bidi(&serde_json::to_value(&a).unwrap()));

    let mut settings = f.s.settings().unwrap();
    settings.practitioner.name = hostile("Sam Worker");
    f.s.save_settings(settings).unwrap();
    assert_eq!(f.s.settings().unwrap().practitioner.name, "Sam Worker");

    f.s.discard(&id, &hostile("started in error")).unwrap();
    let last = f.s.vault.audit_log().unwrap().pop().unwrap();
    assert_eq!(last.reason.as_deref(), Some("started in error"));
}
