use super::*;
use crate::assessment::{Child, Household};
use crate::toolkit::bundled_default;
use chrono::{TimeZone, Utc};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn child(id: &str, name: &str, birth: Birth) -> Child {
    Child {
        id: Id(id.into()),
        name: name.into(),
        birth,
        gender: String::new(),
        setting: String::new(),
        additional_needs: String::new(),
        language: String::new(),
    }
}

fn household() -> Household {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Household {
        id: Id("h".into()),
        name: "Test family".into(),
        reference: String::new(),
        address: Default::default(),
        language: String::new(),
        interpreter_needed: false,
        agencies: Vec::new(),
        carers: Vec::new(),
        children: vec![
            child("ava", "Ava", Birth::Born(d(2023, 12, 15))),
            child("bo", "Bo", Birth::Expected(d(2026, 3, 3))),
        ],
        created_at: t,
        updated_at: t,
    }
}

#[test]
fn dates_read_day_month_year() {
    assert_eq!(date_text(d(2026, 3, 3)), "3 March 2026");
    assert_eq!(date_text(d(2025, 12, 31)), "31 December 2025");
}

#[test]
fn ages_at_the_edges_of_a_year() {
    let on = d(2026, 3, 2);
    let born = |y, m, day| age_text(&Birth::Born(d(y, m, day)), on);
    assert_eq!(born(2026, 3, 2), "0 months", "born today");
    assert_eq!(born(2026, 2, 3), "0 months", "a day short of a month");
    assert_eq!(born(2025, 4, 2), "11 months");
    assert_eq!(born(2025, 3, 2), "1 year", "12 months");
    assert_eq!(born(2024, 4, 2), "1 year 11 months", "23 months");
    assert_eq!(born(2024, 3, 2), "2 years");
    assert_eq!(born(2023, 12, 2), "2 years 3 months");
    assert_eq!(born(2025, 8, 1), "7 months");
    assert_eq!(born(2024, 2, 2), "2 years 1 month");
    assert_eq!(
        age_text(&Birth::Expected(d(2026, 3, 3)), on),
        "Unborn, expected 3 March 2026"
    );
    assert_eq!(
        born(2026, 4, 1),
        "Not known: the date of birth is after 2 March 2026."
    );
}

#[test]
fn months_read_naturally() {
    assert_eq!(months_text(0), "0 months");
    assert_eq!(months_text(1), "1 month");
    assert_eq!(months_text(12), "1 year");
    assert_eq!(months_text(13), "1 year 1 month");
    assert_eq!(months_text(51), "4 years 3 months");
}

#[test]
fn the_age_band_comes_from_the_definition() {
    let def = bundled_default();
    let on = d(2026, 3, 2);
    let band = |b: Birth| age_band(&def, &b, on);
    assert_eq!(band(Birth::Born(d(2025, 4, 2))).as_deref(), Some("baby"));
    assert_eq!(
        band(Birth::Born(d(2025, 3, 2))).as_deref(),
        Some("young-child")
    );
    assert_eq!(
        band(Birth::Born(d(2020, 3, 2))).as_deref(),
        Some("school-age")
    );
    assert_eq!(
        band(Birth::Born(d(2013, 3, 2))).as_deref(),
        Some("teenager")
    );
    assert_eq!(band(Birth::Born(d(2000, 3, 2))), None, "no band for adults");
    assert_eq!(band(Birth::Expected(d(2026, 5, 1))), None);
}

#[test]
fn ink_for_each_default_level_colour() {
    // The bundled scale: green, light green, orange, red. All read best in black.
    let def = bundled_default();
    let inks: Vec<(&str, &str)> = def
        .scale
        .levels
        .iter()
        .map(|l| (l.colour.as_str(), ink_for(&l.colour)))
        .collect();
    assert_eq!(
        inks,
        [
            ("#4caf50", "#000000"),
            ("#c5e1a5", "#000000"),
            ("#ffb74d", "#000000"),
            ("#ef5350", "#000000"),
        ]
    );
    // Darker fills take white.
    assert_eq!(ink_for("#2e7d32"), "#ffffff");
    assert_eq!(ink_for("#d32f2f"), "#ffffff");
    assert_eq!(ink_for("#1a3366"), "#ffffff");
    assert_eq!(ink_for("#ffffff"), "#000000");
    assert_eq!(ink_for("#000000"), "#ffffff");
    assert_eq!(ink_for("not a colour"), "#000000");
}

#[test]
fn ink_is_the_more_readable_of_black_and_white() {
    assert_eq!(ink_on((1.0, 1.0, 1.0)), (0.0, 0.0, 0.0));
    assert_eq!(ink_on((0.0, 0.0, 0.0)), (1.0, 1.0, 1.0));
    assert_eq!(ink_on((0.1, 0.2, 0.4)), (1.0, 1.0, 1.0));
    assert_eq!(ink_on((1.0, 0.9, 0.5)), (0.0, 0.0, 0.0));
    // A mid green (#4caf50) reads better in black (7.5:1) than white (2.8:1).
    assert_eq!(ink_on(colour_rgb("#4caf50").unwrap()), (0.0, 0.0, 0.0));
}

#[test]
fn colours_parse() {
    assert_eq!(colour_rgb("#ff0000"), Some((1.0, 0.0, 0.0)));
    assert_eq!(colour_rgb("red"), None);
    assert_eq!(colour_rgb("#ffé000"), None);
    assert_eq!(colour_rgb("#fff"), None);
}

#[test]
fn level_chips_carry_the_scale_and_its_ink() {
    let def = bundled_default();
    let chips = level_chips(&def);
    assert_eq!(chips.len(), def.scale.levels.len());
    for (c, l) in chips.iter().zip(&def.scale.levels) {
        assert_eq!(
            (c.code, &c.label, &c.meaning, &c.fill),
            (l.code, &l.label, &l.meaning, &l.colour)
        );
        assert_eq!(c.ink, ink_for(&l.colour));
    }
}

#[test]
fn every_prompt_kind_has_a_headline_and_an_action() {
    let def = bundled_default();
    let h = household();
    let ava = Subject::Child(Id("ava".into()));
    let text = |p: Prompt| prompt_text(&p, &h, &def);

    let t = text(Prompt::Concern {
        child_id: Id("ava".into()),
        concern_items: 12,
        assessed: 20,
    });
    assert_eq!(t.kind, "concern");
    assert_eq!(
        t.headline,
        "Ava: most assessed items (12 of 20) are at levels of concern and examples of the \
         impact on the child are recorded."
    );
    assert_eq!(
        t.action,
        "Discuss this with your safeguarding lead as soon as possible."
    );

    let t = text(Prompt::MissingImpact {
        subject: ava.clone(),
        item: "1.1".into(),
        level: 3,
    });
    assert_eq!(t.kind, "missing_impact");
    assert_eq!(
        t.headline,
        "Ava, 1.1 Food and nutrition: level 3 with no example of the impact on the child."
    );
    assert_eq!(t.action, "Record an example of the impact.");

    let t = text(Prompt::CarerGap {
        subject: Subject::Household,
        item: "1.2".into(),
        level: 4,
        carer_level: 1,
        by: None,
    });
    assert_eq!(t.kind, "carer_gap");
    assert_eq!(
        t.headline,
        "The household, 1.2 Home conditions: the practitioner chose level 4; the carer placed \
         themselves at level 1."
    );
    assert_eq!(t.action, "Talk this difference through with the family.");

    let t = text(Prompt::Alert {
        subject: Subject::Household,
        item: "5.2".into(),
        alert_id: "domestic-abuse".into(),
        title: "Domestic abuse vigilance".into(),
        text: "Consider the DASH checklist.".into(),
    });
    assert_eq!(t.kind, "alert");
    assert_eq!(
        t.headline,
        "The household, 5.2 Parental conflict: Domestic abuse vigilance."
    );
    assert_eq!(t.action, "Consider the DASH checklist.");
    assert_eq!(
        t.one_line(),
        "The household, 5.2 Parental conflict: Domestic abuse vigilance. Consider the DASH \
         checklist."
    );

    let t = text(Prompt::CarerGap {
        subject: ava.clone(),
        item: "1.1".into(),
        level: 4,
        carer_level: 1,
        by: Some(crate::assessment::PlacedBy::Child {
            child_id: Id("ava".into()),
        }),
    });
    assert!(
        t.headline
            .ends_with("level 4; Ava placed themselves at level 1."),
        "{}",
        t.headline
    );

    let t = text(Prompt::SignificantHarm {
        child_id: Id("ava".into()),
        item: "1.1".into(),
        level: Some(4),
        top_level: true,
        flagged: true,
        front_door: Some(crate::toolkit::Contact {
            id: "mash".into(),
            name: "MASH".into(),
            phone: "01632 960001".into(),
            description: String::new(),
        }),
    });
    assert_eq!(t.kind, "significant_harm");
    assert_eq!(
        t.headline,
        "Ava, 1.1 Food and nutrition: level 4, at the top of the scale and flagged for possible \
         significant harm. Consider whether this child is suffering, or likely to suffer, \
         significant harm."
    );
    assert_eq!(
        t.action,
        "If so, contact the MASH now (MASH, 01632 960001)."
    );
    let t = text(Prompt::SignificantHarm {
        child_id: Id("ava".into()),
        item: "1.1".into(),
        level: None,
        top_level: false,
        flagged: true,
        front_door: None,
    });
    assert!(t
        .headline
        .contains(": flagged for possible significant harm."));
    assert_eq!(t.action, "If so, contact the MASH now.");

    // A child who has left the household and an item the definition lacks still read.
    let t = text(Prompt::MissingImpact {
        subject: Subject::Child(Id("gone".into())),
        item: "9.9".into(),
        level: 4,
    });
    assert_eq!(
        t.headline,
        "A child no longer in the household, 9.9: level 4 with no example of the impact on the \
         child."
    );
}

#[test]
fn the_kind_matches_how_the_prompt_is_serialised() {
    let def = bundled_default();
    let h = household();
    for p in [
        Prompt::Concern {
            child_id: Id("ava".into()),
            concern_items: 1,
            assessed: 1,
        },
        Prompt::MissingImpact {
            subject: Subject::Household,
            item: "1.2".into(),
            level: 3,
        },
        Prompt::CarerGap {
            subject: Subject::Household,
            item: "1.2".into(),
            level: 3,
            carer_level: 1,
            by: None,
        },
        Prompt::SignificantHarm {
            child_id: Id("ava".into()),
            item: "1.1".into(),
            level: Some(4),
            top_level: true,
            flagged: false,
            front_door: None,
        },
        Prompt::Alert {
            subject: Subject::Household,
            item: "5.2".into(),
            alert_id: "x".into(),
            title: "T".into(),
            text: "X".into(),
        },
        Prompt::Worse {
            subject: Subject::Household,
            item: "1.2".into(),
            from: 2,
            to: 3,
        },
        Prompt::Drift {
            subject: Subject::Household,
            item: "1.2".into(),
            from: 3,
            to: 3,
        },
    ] {
        let tag = serde_json::to_value(&p).unwrap()["kind"].clone();
        assert_eq!(tag, serde_json::Value::from(prompt_text(&p, &h, &def).kind));
    }
}

#[test]
fn change_words_are_one_set_keyed_like_the_change() {
    let all = [
        Change::Improved,
        Change::Unchanged,
        Change::Worse,
        Change::NewlyAssessed,
        Change::NoLongerAssessed,
        Change::NotAssessed,
    ];
    let table = serde_json::to_value(ChangeWords::new()).unwrap();
    assert_eq!(table.as_object().unwrap().len(), all.len());
    for c in all {
        let key = serde_json::to_value(c).unwrap();
        assert_eq!(table[key.as_str().unwrap()], change_text(c), "{c:?}");
    }
    assert_eq!(
        change_text(Change::NoLongerAssessed),
        "Not assessed this time"
    );
    let words: std::collections::HashSet<_> = all.iter().map(|&c| change_text(c)).collect();
    assert_eq!(words.len(), all.len(), "every change has its own word");
}

#[test]
fn status_and_kind_words() {
    assert_eq!(status_text(Status::Draft), "In progress");
    assert_eq!(status_text(Status::Completed), "Completed");
    assert_eq!(status_text(Status::Amending), "Being amended");
    assert_eq!(kind_text(&AssessmentKind::Initial), "Initial toolkit");
    assert_eq!(
        kind_text(&AssessmentKind::Review {
            previous: Id("x".into())
        }),
        "Review"
    );
}

#[test]
fn history_lines_name_the_day_the_person_and_the_reason() {
    let at = Utc.with_ymd_and_hms(2026, 3, 3, 16, 5, 0).unwrap();
    let done = LifecycleEvent {
        at,
        by: "Sam Okafor".into(),
        event: LifecycleEventKind::Completed,
    };
    assert_eq!(history_text(&done), "3 March 2026: completed by Sam Okafor");
    let reopened = LifecycleEvent {
        event: LifecycleEventKind::AmendmentStarted {
            reason: "Wrong child rated".into(),
        },
        ..done
    };
    assert_eq!(
        history_text(&reopened),
        "3 March 2026: reopened to amend by Sam Okafor: Wrong child rated"
    );
}

#[test]
fn sustained_improvements_are_one_sentence() {
    let def = bundled_default();
    let h = household();
    let mut s = SustainedImprovement {
        child_id: Id("ava".into()),
        item: "1.1".into(),
        from: 3,
        to: 2,
        reviews: 2,
    };
    assert_eq!(
        sustained_text(&s, &h, &def),
        "Ava, 1.1 Food and nutrition: from 3 to 2, held for 2 reviews. Something to celebrate \
         with the family."
    );
    s.reviews = 1;
    assert!(sustained_text(&s, &h, &def).contains("held for 1 review."));
}

#[test]
fn the_empty_prompts_text_is_more_than_no_prompts() {
    assert!(NO_PROMPTS.len() > "No prompts.".len());
    assert!(NO_PROMPTS.contains("professional judgement"));
    assert!(NO_PROMPTS.contains("not a score"));
}

#[test]
fn every_fixed_phrase_is_distinct_and_not_blank() {
    let phrases = fixed_phrases();
    let unique: std::collections::HashSet<_> = phrases.iter().collect();
    assert_eq!(unique.len(), phrases.len());
    assert!(phrases.iter().all(|p| !p.trim().is_empty()));
}

#[test]
fn the_assessment_text_follows_the_summary_and_the_household() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let demo = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(3));
    let (h, a) = (&demo.household, &demo.second_review);
    let summary = crate::summary::summarise(a, h, &def);
    let chain = [&demo.initial, &demo.review, &demo.second_review];
    let sustained = crate::summary::sustained_improvements(&chain, h, &def);
    let t = assessment_text(a, h, &def, &summary, &sustained);
    assert_eq!(t.status, "Completed");
    assert_eq!(t.kind, "Review");
    assert_eq!(t.prompts.len(), summary.prompts.len());
    for (pt, p) in t.prompts.iter().zip(&summary.prompts) {
        assert_eq!(pt, &prompt_text(p, h, &def));
    }
    assert_eq!(t.children.len(), h.children.len());
    for (ct, c) in t.children.iter().zip(&h.children) {
        assert_eq!(ct.child_id, c.id);
        assert_eq!(ct.age, age_text(&c.birth, a.started_on()));
    }
    // The demo's children are a teenager, a school-age child and a young child.
    let bands: Vec<_> = t.children.iter().map(|c| c.age_band.as_deref()).collect();
    assert_eq!(
        bands,
        [Some("teenager"), Some("school-age"), Some("young-child")]
    );
    assert_eq!(t.history.len(), a.history.len());
    assert!(t.history[0].contains("completed by Sam Sample"));
    assert_eq!(t.levels.len(), def.scale.levels.len());
    assert_eq!(t.not_assessed, "Not assessed");
    assert_eq!(t.no_prompts, NO_PROMPTS);
}

#[test]
fn the_child_text_says_what_the_toolkit_offers_each_child() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let demo = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(3));
    let (mut h, a) = (demo.household.clone(), &demo.review);
    let mut unborn = h.children[2].clone();
    unborn.id = crate::assessment::Id("unborn".into());
    unborn.birth = Birth::Expected(d(2026, 7, 15));
    h.children.push(unborn.clone());
    let summary = crate::summary::summarise(a, &h, &def);
    let t = assessment_text(a, &h, &def, &summary, &[]);
    let latest = a.latest_date();
    for (ct, c) in t.children.iter().zip(&h.children) {
        assert_eq!(ct, &child_text(a, &def, c));
        assert_eq!(ct.can_give_view, c.can_give_view());
        assert_eq!(ct.can_be_seen_alone, c.can_be_seen_alone());
        assert_eq!(
            ct.may_place_themselves,
            c.may_place_themselves(def.self_placement_age(), latest)
        );
        let offered: Vec<&str> = crate::assessment::items_for_child(&def, c, latest)
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        for (_, item) in def.items() {
            assert_ne!(
                offered.contains(&item.number.as_str()),
                ct.not_offered.contains(&item.number),
                "{}",
                item.number
            );
        }
    }
    // The teenager places themselves; the younger children do not; every item is offered to a
    // born child.
    let may: Vec<bool> = t.children.iter().map(|c| c.may_place_themselves).collect();
    assert_eq!(may, [true, false, false, false]);
    assert!(t.children[..3]
        .iter()
        .all(|c| c.not_offered.is_empty() && c.not_offered_reason.is_empty() && c.can_give_view));
    // The unborn baby: no view, no dental care or school, and the reason says why.
    let baby = &t.children[3];
    assert!(!baby.can_give_view && !baby.can_be_seen_alone);
    assert!(baby.not_offered.contains(&"2.2".to_string()));
    assert!(baby.not_offered.contains(&"6.2".to_string()));
    assert!(!baby.not_offered.contains(&"5.2".to_string()));
    assert_eq!(baby.not_offered_reason, NOT_ASKED_UNBORN);
    assert_eq!(t.unnamed_carer, UNNAMED_CARER);
}

#[test]
fn the_left_out_line_says_why_and_how_many() {
    let mut h = household();
    let c = &mut h.children[0];
    c.birth =
        crate::assessment::Birth::Expected(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
    assert_eq!(
        left_out_text(c, 9),
        "Not asked for an unborn baby. 9 items that do not apply are left out of this sheet."
    );
    c.birth = crate::assessment::Birth::Born(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
    assert_eq!(
        left_out_text(c, 1),
        "Not asked at this child's age. 1 item that does not apply is left out of this sheet."
    );
}

#[test]
fn each_check_reads_as_a_sentence_naming_the_child_and_the_items() {
    use crate::summary::{CheckKind, CheckPlace, CompletionCheck};
    let def = bundled_default();
    let h = household();
    let check = |kind, child: Option<&str>, items: &[&str]| {
        check_text(
            &CompletionCheck {
                kind,
                child_id: child.map(|c| Id(c.into())),
                items: items.iter().map(|s| s.to_string()).collect(),
            },
            &h,
            &def,
        )
    };
    let t = check(CheckKind::Unrated, Some("ava"), &["1.3", "2.2", "6.3"]);
    assert_eq!(
        t.headline,
        "Ava: 3 items not rated: 1.3 Clothing, 2.2 Dental care, 6.3 Boundaries and positive values."
    );
    assert_eq!((t.group.as_str(), t.place), ("Ava", CheckPlace::Toolkit));
    assert_eq!(t.items, ["1.3", "2.2", "6.3"]);
    assert_eq!(
        check(CheckKind::MissingImpact, Some("ava"), &["1.3"]).headline,
        "Ava: 1 item at a level of concern with no example of the impact on the child: \
         1.3 Clothing."
    );
    let lead = check(CheckKind::LeadNotConsulted, Some("ava"), &[]);
    assert_eq!(
        lead.headline,
        "Ava: a concern prompt is raised and no consultation with the safeguarding lead is \
         recorded."
    );
    assert_eq!(lead.place, CheckPlace::Decision);
    assert_eq!(
        check(CheckKind::MissingView, Some("ava"), &[]).headline,
        "Ava: no view of the child's own is recorded, overall or on any item."
    );
    let none = check(CheckKind::NoDecision, None, &[]);
    assert_eq!(
        (none.headline.as_str(), none.group.as_str()),
        (CHECK_NO_DECISION, THE_HOUSEHOLD)
    );
    assert_eq!(none.place, CheckPlace::Decision);
}

#[test]
fn the_assessment_text_carries_the_checks_or_says_there_are_none() {
    let def = bundled_default();
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let demo = crate::demo::demo(&def, now, &mut crate::SeededEntropy::new(3));
    let (h, a) = (&demo.household, &demo.review);
    let summary = crate::summary::summarise(a, h, &def);
    let t = assessment_text(a, h, &def, &summary, &[]);
    let expected: Vec<CheckText> = crate::summary::completion_checks(a, h, &def, &summary)
        .iter()
        .map(|c| check_text(c, h, &def))
        .collect();
    assert_eq!(t.checks, expected);
    assert_eq!(t.no_checks, NO_CHECKS);
    // With every check put right there is nothing to check.
    let mut done = a.clone();
    done.ratings.clear();
    done.decision.options = vec![def.decision_options[0].code.clone()];
    for (_, item) in def.items() {
        let subject = match item.scope {
            crate::toolkit::Scope::Household => Subject::Household,
            crate::toolkit::Scope::Child => continue,
        };
        let mut r = crate::assessment::Rating::new(item.number.clone(), subject);
        r.level = Some(1);
        r.child_view = "Said it was fine.".into();
        done.ratings.push(r);
    }
    for c in &h.children {
        for (_, item) in def.items() {
            if item.scope == crate::toolkit::Scope::Child {
                let mut r = crate::assessment::Rating::new(
                    item.number.clone(),
                    Subject::Child(c.id.clone()),
                );
                r.level = Some(1);
                done.ratings.push(r);
            }
        }
    }
    let summary = crate::summary::summarise(&done, h, &def);
    assert!(assessment_text(&done, h, &def, &summary, &[])
        .checks
        .is_empty());
}

#[test]
fn the_review_prompts_name_the_item_and_both_levels() {
    let def = bundled_default();
    let h = household();
    let ava = Subject::Child(Id("ava".into()));
    let t = prompt_text(
        &Prompt::Worse {
            subject: ava.clone(),
            item: "1.1".into(),
            from: 2,
            to: 3,
        },
        &h,
        &def,
    );
    assert_eq!(t.kind, "worse");
    assert_eq!(
        t.headline,
        "Ava, 1.1 Food and nutrition: worse than at the last assessment, from level 2 to level 3."
    );
    assert!(t
        .action
        .starts_with("Find out with the family what has changed"));
    let t = prompt_text(
        &Prompt::Drift {
            subject: ava,
            item: "1.1".into(),
            from: 3,
            to: 3,
        },
        &h,
        &def,
    );
    assert_eq!(t.kind, "drift");
    assert_eq!(
        t.headline,
        "Ava, 1.1 Food and nutrition: at a level of concern in two assessments running, with no \
         improvement (level 3, then level 3)."
    );
    assert!(t.action.starts_with("Watch for drift"));
}

#[test]
fn a_target_reads_as_one_line_with_its_progress_when_carried() {
    use crate::assessment::{Target, TargetProgress};
    let def = bundled_default();
    let h = household();
    let mut t = Target {
        id: Id("t1".into()),
        item: "1.1".into(),
        subject: Subject::Child(Id("ava".into())),
        change: "Breakfast before school".into(),
        by: Some(chrono::NaiveDate::from_ymd_opt(2026, 5, 4).unwrap()),
        who_helps: "Breakfast club".into(),
        carried_from: None,
        progress: TargetProgress::SomeProgress,
        progress_note: String::new(),
    };
    assert_eq!(
        target_text(&t, &h, &def),
        "1.1 Food and nutrition, Ava: Breakfast before school. By 4 May 2026. Who helps: \
         Breakfast club."
    );
    t.carried_from = Some(Id("a0".into()));
    t.progress_note = "Most days now.".into();
    assert!(target_text(&t, &h, &def)
        .ends_with("Carried from the last assessment: Some progress. Most days now."));
    assert_eq!(
        progress_text(TargetProgress::NoLongerNeeded),
        "No longer needed"
    );
}
