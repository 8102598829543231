//! Tests of the domain model: what [`validate`] refuses, the lifecycle, ages and the JSON form.

use super::*;
use crate::summary::testkit::{assessment, child, date, default_like, household, now, rate};
use crate::toolkit::ToolkitDefinition;
use chrono::Duration;

/// A valid assessment touching every part of the model.
fn full() -> (ToolkitDefinition, Household, Assessment) {
    let def = default_like();
    let h = household(2);
    let mut a = assessment("a1", &h, &def);
    a.visits.push(Visit {
        id: Id("v1".into()),
        date: date(2026, 2, 20),
        present: vec!["Mother".into(), "Both children".into()],
        children_seen: vec![
            ChildSeen {
                child_id: Id("c1".into()),
                seen: true,
                seen_alone: true,
            },
            ChildSeen {
                child_id: Id("c2".into()),
                seen: true,
                seen_alone: false,
            },
        ],
        notes: "Tea-time visit; kitchen and bedrooms seen.".into(),
    });
    rate(
        &mut a,
        "1.1",
        child(1),
        Some(3),
        Some(1),
        "Hungry at school",
    );
    rate(&mut a, "1.2", Subject::Household, Some(2), Some(2), "");
    rate(
        &mut a,
        "5.2",
        Subject::Household,
        Some(3),
        None,
        "Frightened by rows",
    );
    let mut r = Rating::new("2.1", child(2));
    r.level = Some(1);
    r.evidence = "Attends every appointment".into();
    r.strengths = "Mother keeps a health diary".into();
    r.child_view = "\u{201c}I like the dentist\u{201d} \u{2014} Zoë".into();
    a.set_rating(r, now()).unwrap();
    a.background = "Moved house twice this year".into();
    a.poverty_context = "Benefits delay; food bank used once".into();
    a.strengths = "Warm relationships".into();
    a.carer_view = "We are getting there".into();
    a.child_views.push(ChildNote {
        child_id: Id("c1".into()),
        text: "I want my own bed".into(),
    });
    a.analysis = "Needs are not met consistently in area 1".into();
    a.practitioner_notes = "Check with school nurse".into();
    a.decision = Decision {
        options: vec!["early-help".into()],
        lead_consulted: Some(LeadConsultation {
            name: "S. Lead".into(),
            date: date(2026, 2, 27),
            advice: "Request early help with the family's agreement".into(),
        }),
        next_steps: "Early help assessment".into(),
        review_date: Some(date(2026, 5, 20)),
        ..Decision::default()
    };
    (def, h, a)
}

#[test]
fn a_full_assessment_is_valid() {
    let (def, h, a) = full();
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn review_linked_to_itself_is_refused() {
    let (def, h, mut a) = full();
    a.kind = AssessmentKind::Review {
        previous: a.id.clone(),
    };
    assert_eq!(validate(&a, &h, &def), Err(ModelError::ReviewOfItself));
    a.kind = AssessmentKind::Review {
        previous: Id("earlier".into()),
    };
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn assessment_of_another_household_is_refused() {
    let (def, h, mut a) = full();
    a.household_id = Id("elsewhere".into());
    assert_eq!(validate(&a, &h, &def), Err(ModelError::WrongHousehold));
}

#[test]
fn levels_outside_the_scale_are_refused() {
    for (level, carer) in [(Some(5), None), (Some(0), None), (Some(2), Some(9))] {
        let (def, h, mut a) = full();
        rate(&mut a, "1.3", child(1), level, carer, "");
        let bad = if level.is_some_and(|l| (1..=4).contains(&l)) {
            carer.unwrap()
        } else {
            level.unwrap()
        };
        assert_eq!(
            validate(&a, &h, &def),
            Err(ModelError::LevelOutOfScale {
                item: "1.3".into(),
                level: bad,
                max: 4
            })
        );
    }
}

#[test]
fn level_on_every_point_of_the_scale_is_accepted() {
    for level in 1..=4 {
        let (def, h, mut a) = full();
        rate(&mut a, "1.3", child(1), Some(level), Some(level), "");
        assert_eq!(validate(&a, &h, &def), Ok(()));
    }
}

#[test]
fn unknown_item_is_refused() {
    let (def, h, mut a) = full();
    rate(&mut a, "8.1", child(1), Some(2), None, "");
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::UnknownItem { item: "8.1".into() })
    );
}

#[test]
fn household_rating_of_a_child_item_is_refused() {
    let (def, h, mut a) = full();
    rate(&mut a, "1.3", Subject::Household, Some(2), None, "");
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::WrongSubject {
            item: "1.3".into(),
            expected: "a child",
            given: "the household"
        })
    );
}

#[test]
fn child_rating_of_a_household_item_is_refused() {
    let (def, h, mut a) = full();
    rate(&mut a, "7.1", child(2), Some(2), None, "");
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::WrongSubject {
            item: "7.1".into(),
            expected: "the household",
            given: "a child"
        })
    );
}

#[test]
fn unknown_child_is_refused_in_ratings_visits_and_views() {
    let stranger = Id("c9".into());
    let expected = Err(ModelError::UnknownChild {
        child: stranger.clone(),
    });

    let (def, h, mut a) = full();
    rate(
        &mut a,
        "1.3",
        Subject::Child(stranger.clone()),
        Some(2),
        None,
        "",
    );
    assert_eq!(validate(&a, &h, &def), expected);

    let (def, h, mut a) = full();
    a.visits[0].children_seen.push(ChildSeen {
        child_id: stranger.clone(),
        seen: true,
        seen_alone: false,
    });
    assert_eq!(validate(&a, &h, &def), expected);

    let (def, h, mut a) = full();
    a.child_views.push(ChildNote {
        child_id: stranger.clone(),
        text: "Hello".into(),
    });
    assert_eq!(validate(&a, &h, &def), expected);
}

#[test]
fn duplicate_rating_is_refused() {
    let (def, h, mut a) = full();
    // `set_rating` replaces; a duplicate can only arrive by editing the list (e.g. an import).
    a.ratings.push(Rating::new("1.1", child(1)));
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::DuplicateRating { item: "1.1".into() })
    );
    let (def, h, mut a) = full();
    a.ratings.push(Rating::new("5.2", Subject::Household));
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::DuplicateRating { item: "5.2".into() })
    );
}

#[test]
fn set_rating_replaces_rather_than_duplicates() {
    let (def, h, mut a) = full();
    let before = a.ratings.len();
    rate(&mut a, "1.1", child(1), Some(1), None, "");
    assert_eq!(a.ratings.len(), before);
    assert_eq!(a.rating("1.1", &child(1)).unwrap().level, Some(1));
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn child_seen_before_birth_is_refused() {
    let (def, mut h, mut a) = full();
    let dob = date(2026, 2, 21);
    h.children[1].birth = Birth::Born(dob);
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::VisitBeforeBirth {
            date: date(2026, 2, 20),
            child_name: "Child 2".into()
        })
    );
    // Seen on the day of birth is fine.
    a.visits[0].date = dob;
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn seen_alone_without_being_seen_is_refused() {
    let (def, h, mut a) = full();
    a.visits[0].children_seen[0].seen = false;
    assert_eq!(validate(&a, &h, &def), Err(ModelError::SeenAloneNotSeen));
    a.visits[0].children_seen[0].seen_alone = false;
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn unknown_decision_option_is_refused() {
    let (def, h, mut a) = full();
    a.decision.options = vec!["early-help".into(), "send-a-letter".into()];
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::UnknownDecision {
            option: "send-a-letter".into()
        })
    );
    a.decision.options.clear();
    assert_eq!(validate(&a, &h, &def), Ok(()));
}

#[test]
fn an_option_chosen_twice_is_refused_and_several_kinds_are_accepted() {
    let (def, h, mut a) = full();
    a.decision.options = vec!["universal".into(), "early-help".into()];
    assert_eq!(validate(&a, &h, &def), Ok(()));
    a.decision.options.push("universal".into());
    assert_eq!(
        validate(&a, &h, &def),
        Err(ModelError::DuplicateDecision {
            option: "universal".into()
        })
    );
}

#[test]
fn a_record_with_one_option_loads_as_a_list_of_one() {
    let old = r#"{"option":"early-help","lead_consulted":{"name":"S. Lead","date":"2026-02-27"},
        "next_steps":"Steps","review_date":null}"#;
    let d: Decision = serde_json::from_str(old).unwrap();
    assert_eq!(d.options, ["early-help"]);
    assert_eq!(d.lead_consulted.as_ref().unwrap().advice, "");
    assert_eq!(d.parents, ParentsConsent::default());
    assert_eq!(d.dash, DashRecord::default());
    let undecided: Decision = serde_json::from_str(r#"{"option":""}"#).unwrap();
    assert!(undecided.options.is_empty() && !undecided.is_made());
    let json = serde_json::to_value(&d).unwrap();
    assert!(json.get("option").is_none(), "written back as a list only");
    assert_eq!(json["options"][0], "early-help");
    let back: Decision = serde_json::from_value(json).unwrap();
    assert_eq!(back, d);
    assert!(serde_json::from_str::<Decision>(r#"{"choice":"x"}"#).is_err());
}

#[test]
fn a_front_door_must_be_one_of_the_contacts() {
    let contact = crate::toolkit::Contact {
        id: "eh".into(),
        name: "Early help hub".into(),
        phone: "01632 960000".into(),
        description: String::new(),
    };
    let mut d = Decision::default();
    assert_eq!(check_front_door(&d, &[]), Ok(()));
    d.front_door = Some(FrontDoor::from_contact(&contact));
    assert_eq!(check_front_door(&d, std::slice::from_ref(&contact)), Ok(()));
    assert_eq!(
        check_front_door(&d, &[]),
        Err(ModelError::FrontDoorNotAContact {
            contact_id: "eh".into()
        })
    );
}

#[test]
fn other_agencies_are_checked_for_length_and_a_name_and_keep_any_text() {
    let (_, mut h, _) = full();
    h.agencies = vec![OtherAgency {
        agency: "<script>alert(1)</script> & \"School\"".into(),
        role: "School nurse".into(),
        name: String::new(),
        contact: "'; DROP TABLE households; --".into(),
    }];
    assert_eq!(check_agencies(&h), Ok(()));
    h.agencies[0].agency = " ".into();
    assert_eq!(check_agencies(&h), Err(ModelError::AgencyUnnamed));
    h.agencies[0].name = "Robin".into();
    h.agencies[0].role = "x".repeat(crate::limits::AGENCY_TEXT_MAX_CHARS + 1);
    assert!(matches!(
        check_agencies(&h),
        Err(ModelError::AgencyTextTooLong { .. })
    ));
    h.agencies[0].role = "é".repeat(crate::limits::AGENCY_TEXT_MAX_CHARS);
    assert_eq!(check_agencies(&h), Ok(()), "characters, not bytes");
    h.agencies = vec![h.agencies[0].clone(); crate::limits::AGENCIES_MAX + 1];
    assert!(matches!(
        check_agencies(&h),
        Err(ModelError::TooManyAgencies { .. })
    ));
}

#[test]
fn lifecycle_draft_completed_amending_completed() {
    let (_, _, mut a) = full();
    let t = now();
    assert_eq!(a.status, Status::Draft);
    assert!(a.is_editable());
    assert_eq!(
        a.start_amendment("P", "typo", t),
        Err(ModelError::BadTransition {
            action: "amend",
            state: "a draft"
        })
    );

    a.complete("P", t + Duration::hours(1)).unwrap();
    assert_eq!(a.status, Status::Completed);
    assert_eq!(a.updated_at, t + Duration::hours(1));
    let locked = a.set_rating(Rating::new("1.3", child(1)), t);
    assert_eq!(locked, Err(ModelError::Locked));
    assert!(a.rating("1.3", &child(1)).is_none());
    assert_eq!(
        a.complete("P", t),
        Err(ModelError::BadTransition {
            action: "complete",
            state: "completed"
        })
    );

    for blank in ["", "   ", "\n\t"] {
        assert_eq!(
            a.start_amendment("P", blank, t),
            Err(ModelError::MissingReason)
        );
    }
    assert_eq!(a.status, Status::Completed);

    a.start_amendment(
        "P",
        "  Wrong date of visit recorded ",
        t + Duration::days(1),
    )
    .unwrap();
    assert_eq!(a.status, Status::Amending);
    assert_eq!(
        a.start_amendment("P", "again", t),
        Err(ModelError::BadTransition {
            action: "amend",
            state: "being amended"
        })
    );
    a.set_rating(Rating::new("1.3", child(1)), t + Duration::days(1))
        .unwrap();
    a.complete("P", t + Duration::days(1)).unwrap();
    assert_eq!(a.status, Status::Completed);

    let events: Vec<_> = a.history.iter().map(|e| e.event.clone()).collect();
    assert_eq!(
        events,
        vec![
            LifecycleEventKind::Completed,
            LifecycleEventKind::AmendmentStarted {
                reason: "Wrong date of visit recorded".into()
            },
            LifecycleEventKind::Completed,
        ]
    );
    assert!(a.history.iter().all(|e| e.by == "P"));
}

#[test]
fn age_in_months_edge_cases() {
    let born = Birth::Born(date(2024, 5, 15));
    assert_eq!(born.age_months(date(2024, 5, 15)), Some(0), "same day");
    assert_eq!(born.age_months(date(2024, 6, 14)), Some(0), "day before");
    assert_eq!(
        born.age_months(date(2024, 6, 15)),
        Some(1),
        "monthly birthday"
    );
    assert_eq!(born.age_months(date(2025, 5, 14)), Some(11));
    assert_eq!(born.age_months(date(2025, 5, 15)), Some(12));
    assert_eq!(born.age_months(date(2024, 5, 14)), None, "before birth");
    assert_eq!(
        Birth::Expected(date(2026, 7, 1)).age_months(date(2026, 8, 1)),
        None,
        "unborn"
    );
    // Born on the 31st: a month without a 31st does not complete the month.
    let end = Birth::Born(date(2025, 1, 31));
    assert_eq!(end.age_months(date(2025, 2, 28)), Some(0));
    assert_eq!(end.age_months(date(2025, 3, 1)), Some(1));
    // Born on a leap day.
    let leap = Birth::Born(date(2024, 2, 29));
    assert_eq!(leap.age_months(date(2025, 2, 28)), Some(11));
    assert_eq!(leap.age_months(date(2025, 3, 1)), Some(12));
}

#[test]
fn started_on_is_the_first_visit_else_creation() {
    let (_, _, mut a) = full();
    assert_eq!(a.started_on(), date(2026, 2, 20));
    a.visits.clear();
    assert_eq!(a.started_on(), now().date_naive());
}

#[test]
fn full_assessment_and_household_survive_a_json_round_trip() {
    let (_, mut h, mut a) = full();
    a.kind = AssessmentKind::Review {
        previous: Id("a0".into()),
    };
    a.complete("P", now()).unwrap();
    a.start_amendment("P", "Added the school's view", now())
        .unwrap();
    h.children[0].birth = Birth::Expected(date(2026, 9, 1));
    h.children[1].name = "Łukasz Zoë Nguyễn".into();
    h.address.lines = vec!["1 Sample Street".into(), "Exampletown".into()];
    h.address.postcode = "ZZ99 9ZZ".into();

    let json = serde_json::to_string_pretty(&a).unwrap();
    let back: Assessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let json = serde_json::to_string(&h).unwrap();
    assert!(json.contains(r#""birth":{"kind":"expected","date":"2026-09-01"}"#));
    let back: Household = serde_json::from_str(&json).unwrap();
    assert_eq!(back, h);
}

#[test]
fn json_with_an_unknown_field_is_refused() {
    let (_, _, a) = full();
    let mut value = serde_json::to_value(&a).unwrap();
    value["score"] = serde_json::json!(42);
    let err = serde_json::from_value::<Assessment>(value).unwrap_err();
    assert!(err.to_string().contains("unknown field `score`"), "{err}");
}

fn c(n: usize) -> Id {
    Id(format!("c{n}"))
}

fn on_child(n: usize) -> ChildOnItem {
    ChildOnItem {
        child_id: c(n),
        impact: String::new(),
        child_view: String::new(),
        level: None,
        level_reason: String::new(),
        significant_harm: false,
    }
}

fn placement(by: PlacedBy, level: Option<Level>) -> Placement {
    Placement {
        by,
        level,
        words: String::new(),
    }
}

/// Replace the household rating of 1.2 in `a` with `r`.
fn with_1_2(a: &mut Assessment, f: impl FnOnce(&mut Rating)) {
    let mut r = a.rating("1.2", &Subject::Household).unwrap().clone();
    f(&mut r);
    a.set_rating(r, now()).unwrap();
}

#[test]
fn a_household_item_records_each_child_and_a_level_set_apart_with_its_reason() {
    let (def, h, mut a) = full();
    with_1_2(&mut a, |r| {
        let mut second = on_child(2);
        second.level = Some(4);
        second.level_reason = "Only her room is left unheated and unfurnished.".into();
        second.impact = "She sleeps in her coat.".into();
        r.per_child = vec![on_child(1), second];
    });
    assert_eq!(validate(&a, &h, &def), Ok(()));
    let r = a.rating("1.2", &Subject::Household).unwrap();
    assert_eq!(r.level_for_child(&c(1)), Some(2));
    assert_eq!(r.level_for_child(&c(2)), Some(4));
    assert!(r.is_set_apart(&c(2)) && !r.is_set_apart(&c(1)));
    assert_eq!(r.impact_for_child(&c(2)), "She sleeps in her coat.");
    assert_eq!(r.impact_for_child(&c(1)), r.impact);
}

#[test]
fn per_child_entries_are_checked() {
    let (def, h, a) = full();
    let refused = |f: &dyn Fn(&mut Rating), item: &str| {
        let mut a = a.clone();
        let subject = if item == "1.1" {
            child(1)
        } else {
            Subject::Household
        };
        let mut r = a.rating(item, &subject).unwrap().clone();
        f(&mut r);
        a.set_rating(r, now()).unwrap();
        validate(&a, &h, &def).unwrap_err()
    };
    // A level set apart needs a reason, and the message says what to do.
    let e = refused(
        &|r| {
            let mut e = on_child(1);
            e.level = Some(3);
            r.per_child = vec![e];
        },
        "1.2",
    );
    assert!(matches!(e, ModelError::SetApartWithoutReason { .. }), "{e}");
    assert!(e.to_string().contains("Child 1") && e.to_string().contains("say why"));
    // Off the scale.
    let e = refused(
        &|r| {
            let mut e = on_child(1);
            e.level = Some(9);
            e.level_reason = "Reason".into();
            r.per_child = vec![e];
        },
        "1.2",
    );
    assert!(matches!(e, ModelError::LevelOutOfScale { level: 9, .. }));
    // A child not of the household.
    let e = refused(&|r| r.per_child = vec![on_child(7)], "1.2");
    assert_eq!(e, ModelError::UnknownChild { child: c(7) });
    // Twice the same child.
    let e = refused(&|r| r.per_child = vec![on_child(1), on_child(1)], "1.2");
    assert!(matches!(e, ModelError::DuplicateChildEntry { .. }));
    // Only on household items.
    let e = refused(&|r| r.per_child = vec![on_child(1)], "1.1");
    assert!(matches!(e, ModelError::PerChildOnChildItem { .. }), "{e}");
}

#[test]
fn placements_name_a_carer_or_a_young_person_old_enough() {
    let (def, mut h, mut a) = full();
    // Child 1 is 12 on the day of the last change (2 March 2026); child 2 is 8.
    h.children[0].birth = Birth::Born(date(2014, 3, 2));
    h.carers.push(Carer {
        id: Id("p2".into()),
        name: "Second Carer".into(),
        relationship: "Father".into(),
        parental_responsibility: true,
        phone: String::new(),
    });
    let carer = |id: &str| PlacedBy::Carer {
        carer_id: Id(id.into()),
    };
    let young = |n| PlacedBy::Child { child_id: c(n) };
    with_1_2(&mut a, |r| {
        r.placements = vec![
            placement(carer("p1"), Some(1)),
            placement(carer("p2"), Some(3)),
            placement(young(1), Some(4)),
        ];
    });
    assert_eq!(validate(&a, &h, &def), Ok(()));
    let r = a.rating("1.2", &Subject::Household).unwrap();
    let levels: Vec<_> = r.all_placements().map(|(_, l)| l).collect();
    assert_eq!(levels, [Some(2), Some(1), Some(3), Some(4)], "legacy first");

    let check = |placements: Vec<Placement>, item: &str, subject: Subject| {
        let mut a = a.clone();
        let mut r = a.rating(item, &subject).unwrap().clone();
        r.placements = placements;
        a.set_rating(r, now()).unwrap();
        validate(&a, &h, &def)
    };
    let e = check(
        vec![placement(carer("p9"), Some(1))],
        "1.2",
        Subject::Household,
    );
    assert!(matches!(e, Err(ModelError::UnknownCarer { .. })));
    let e = check(
        vec![placement(young(2), Some(1))],
        "1.2",
        Subject::Household,
    )
    .unwrap_err();
    assert!(matches!(e, ModelError::TooYoungToPlace { years: 12, .. }));
    assert!(e.to_string().contains("Child 2 is under 12"), "{e}");
    let e = check(
        vec![placement(carer("p1"), Some(7))],
        "1.2",
        Subject::Household,
    );
    assert!(matches!(
        e,
        Err(ModelError::LevelOutOfScale { level: 7, .. })
    ));
    let e = check(
        vec![
            placement(carer("p1"), None),
            placement(carer("p1"), Some(2)),
        ],
        "1.2",
        Subject::Household,
    );
    assert!(matches!(e, Err(ModelError::DuplicatePlacement { .. })));
    // On a child's own item, only that child places themselves.
    let mut a2 = a.clone();
    let mut r = Rating::new("1.1", child(2));
    r.level = Some(2);
    r.placements = vec![placement(young(1), Some(2))];
    a2.set_rating(r, now()).unwrap();
    assert!(matches!(
        validate(&a2, &h, &def),
        Err(ModelError::PlacementForAnotherChild { .. })
    ));
    assert_eq!(
        check(vec![placement(young(1), Some(2))], "1.1", child(1)),
        Ok(())
    );
    // A definition may raise the age.
    let mut older = def.clone();
    older.self_placement_from_years = Some(13);
    assert!(matches!(
        validate(&a, &h, &older),
        Err(ModelError::TooYoungToPlace { years: 13, .. })
    ));
}

#[test]
fn version_1_ratings_load_with_the_new_fields_empty_and_the_carer_level_kept() {
    let json = serde_json::json!({
        "item": "1.2", "subject": {"kind": "household"}, "level": 3, "carer_level": 2,
        "evidence": "e", "impact": "i", "strengths": "s", "child_view": "v"
    });
    let r: Rating = serde_json::from_value(json).unwrap();
    assert_eq!(r.carer_level, Some(2));
    assert!(r.placements.is_empty() && r.per_child.is_empty());
    assert!(
        !r.share_level,
        "the practitioner's level is not shared by default"
    );
    assert!(r.shared_text.is_empty() && !r.significant_harm);
    assert_eq!(r.all_placements().collect::<Vec<_>>(), [(None, Some(2))]);
}

#[test]
fn dates_that_cannot_be_right_today_are_refused_naming_the_child() {
    let today = date(2026, 3, 2);
    let mut h = household(1);
    h.children[0].name = "Ava Example".into();
    let with = |birth| {
        let mut h = h.clone();
        h.children[0].birth = birth;
        check_dates(&h, today)
    };
    assert_eq!(with(Birth::Born(today)), Ok(()));
    let e = with(Birth::Born(date(2026, 3, 3))).unwrap_err();
    assert!(matches!(e, ModelError::BirthInFuture { .. }));
    assert_eq!(
        e.to_string(),
        "date of birth must be in the past: Ava Example's date of birth is 3 March 2026"
    );
    assert_eq!(with(Birth::Expected(today)), Ok(()));
    assert_eq!(with(Birth::Expected(date(2027, 1, 2))), Ok(()));
    let e = with(Birth::Expected(date(2026, 3, 1))).unwrap_err();
    assert!(matches!(e, ModelError::ExpectedDateInPast { .. }));
    assert!(e.to_string().contains("record the date of birth instead"));
    let e = with(Birth::Expected(date(2027, 1, 3))).unwrap_err();
    assert!(matches!(e, ModelError::ExpectedDateTooFar { .. }));
    assert!(e.to_string().contains("within the next ten months"));
    assert!(e.to_string().contains("Ava Example"));
}

#[test]
fn targets_and_review_answers_are_checked_against_the_definition_and_household() {
    let (mut def, h, a) = full();
    def.review_questions = vec![crate::toolkit::ReviewQuestion {
        id: "support-working".into(),
        text: "Is the support working?".into(),
        hint: String::new(),
    }];
    let target = |item: &str, subject: Subject, change: &str| Target {
        id: Id(format!("t-{item}")),
        item: item.into(),
        subject,
        change: change.into(),
        by: None,
        who_helps: String::new(),
        carried_from: None,
        progress: TargetProgress::NotStarted,
        progress_note: String::new(),
    };
    let with = |targets: Vec<Target>| {
        let mut b = a.clone();
        b.targets = targets;
        validate(&b, &h, &def)
    };
    assert_eq!(
        with(vec![target("1.1", child(1), "Eats breakfast")]),
        Ok(())
    );
    assert_eq!(
        with(vec![target("1.2", Subject::Household, "Dry bedroom")]),
        Ok(())
    );
    assert!(matches!(
        with(vec![target("1.1", Subject::Household, "Eats")]),
        Err(ModelError::WrongSubject { .. })
    ));
    assert!(matches!(
        with(vec![target("9.9", child(1), "Eats")]),
        Err(ModelError::UnknownItem { .. })
    ));
    assert!(matches!(
        with(vec![target("1.1", child(7), "Eats")]),
        Err(ModelError::UnknownChild { .. })
    ));
    assert!(matches!(
        with(vec![target("1.1", child(1), " ")]),
        Err(ModelError::TargetWithoutChange { .. })
    ));
    assert!(matches!(
        with(vec![
            target("1.1", child(1), "Eats"),
            target("1.1", child(2), "Eats too")
        ]),
        Err(ModelError::DuplicateTarget { .. })
    ));

    let answer = |q: &str| ReviewAnswer {
        question: q.into(),
        answer: "Yes".into(),
    };
    let answers = |list: Vec<ReviewAnswer>| {
        let mut b = a.clone();
        b.review_answers = list;
        validate(&b, &h, &def)
    };
    assert_eq!(answers(vec![answer("support-working")]), Ok(()));
    assert!(matches!(
        answers(vec![answer("other")]),
        Err(ModelError::UnknownReviewQuestion { .. })
    ));
    assert!(matches!(
        answers(vec![answer("support-working"), answer("support-working")]),
        Err(ModelError::DuplicateReviewAnswer { .. })
    ));
}

#[test]
fn only_open_targets_are_carried_and_their_progress_starts_again() {
    let (_, _, mut a) = full();
    let t = |id: &str, progress| Target {
        id: Id(id.into()),
        item: "1.1".into(),
        subject: child(1),
        change: "Eats breakfast".into(),
        by: None,
        who_helps: String::new(),
        carried_from: None,
        progress,
        progress_note: "Some note".into(),
    };
    a.targets = vec![
        t("a", TargetProgress::NotStarted),
        t("b", TargetProgress::SomeProgress),
        t("c", TargetProgress::Achieved),
        t("d", TargetProgress::NoLongerNeeded),
    ];
    let carried = a.open_targets();
    let ids: Vec<&str> = carried.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(carried
        .iter()
        .all(|t| t.carried_from.as_ref() == Some(&a.id)
            && t.progress == TargetProgress::NotStarted
            && t.progress_note.is_empty()));
}
