//! The summary sheet of the demo household, read back child by child with pdftotext: each
//! child's sheet holds that child's own values on household items (a level set apart with its
//! reason, the impact on that child), every person's own placement named beside the
//! practitioner's level, the significant-harm prompts first with the core's words, a flag on the
//! item, a strength shared with the family where strengths are printed; and an unborn baby's
//! sheet asks nothing that needs a born child.

use super::{body_text, tool};
use chrono::{DateTime, Days, TimeZone, Utc};
use ntk_core::assessment::{
    item_applies, Assessment, Birth, Child, Household, Id, PlacedBy, Rating, Subject,
};
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::{compare, summarise, Prompt};
use ntk_core::toolkit::{bundled_default, Scope, ToolkitDefinition};
use ntk_core::{demo, words, SeededEntropy};

/// Runs of whitespace (line wraps included) as one space.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

/// The demo, with an unborn baby added to the household (rated on one item that applies before
/// birth, and on no visit) and Oskar flagged for possible significant harm on parental conflict.
struct Setup {
    def: ToolkitDefinition,
    h: Household,
    d: demo::Demo,
}

const UNBORN: &str = "Baby Example (fictional)";
const FLAGGED_ITEM: &str = "5.2";

fn setup() -> Setup {
    let def = bundled_default();
    let mut d = demo::demo(&def, now(), &mut SeededEntropy::new(11));
    let mut h = d.household.clone();
    let baby = Child {
        id: Id("b".repeat(32)),
        name: UNBORN.into(),
        birth: Birth::Expected(now().date_naive() + Days::new(90)),
        gender: String::new(),
        setting: "Midwife".into(),
        additional_needs: String::new(),
        language: String::new(),
    };
    let oskar = h.children[1].id.clone();
    for a in [&mut d.initial, &mut d.review] {
        let mut r = Rating::new("1.1", Subject::Child(baby.id.clone()));
        r.level = Some(2);
        r.evidence = "Antenatal appointments kept; the midwife is content.".into();
        a.ratings.push(r);
        let conflict = a
            .ratings
            .iter_mut()
            .find(|r| r.item == FLAGGED_ITEM && r.subject == Subject::Household)
            .expect("the demo rates parental conflict");
        conflict
            .per_child
            .iter_mut()
            .find(|c| c.child_id == oskar)
            .expect("Oskar has an entry on parental conflict")
            .significant_harm = true;
    }
    h.children.push(baby);
    Setup { def, h, d }
}

/// The sheet's text (furniture removed) for one assessment, split into each child's section in
/// the household's order, each normalised.
fn sections(s: &Setup, a: &Assessment, previous: Option<&Assessment>) -> Vec<String> {
    let summary = summarise(a, &s.h, &s.def);
    let comparison = previous.map(|p| compare(p, a, &s.h, &s.def));
    let bytes = summary_sheet(&SheetInput {
        household: &s.h,
        assessment: a,
        summary: &summary,
        definition: &s.def,
        comparison: comparison.as_ref(),
        previous,
        sustained: None,
        trend: None,
        contacts: &s.def.contacts,
        created_at: now(),
    })
    .unwrap();
    // Kept in the target folder so it can be looked at after a run.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "summary-sheet-demo-{}.pdf",
        if previous.is_some() {
            "review"
        } else {
            "initial"
        }
    ));
    ntk_core::export::write_atomic(&path, &bytes).unwrap();
    let out = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    let text = body_text(&tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"]));
    let lines: Vec<&str> = text.lines().collect();
    // A child's section opens with their name and the line that names the sheet.
    let starts: Vec<usize> =
        s.h.children
            .iter()
            .map(|c| {
                (0..lines.len().saturating_sub(1))
                    .find(|&i| {
                        lines[i].trim() == c.name
                            && lines[i + 1].starts_with("Neglect Toolkit summary sheet:")
                    })
                    .unwrap_or_else(|| panic!("no section for {}", c.name))
            })
            .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    starts
        .iter()
        .enumerate()
        .map(|(n, &from)| {
            let to = starts.get(n + 1).copied().unwrap_or(lines.len());
            normalise(&lines[from..to].join("\n"))
        })
        .collect()
}

fn rating<'a>(a: &'a Assessment, item: &str) -> &'a Rating {
    a.ratings
        .iter()
        .find(|r| r.item == item && r.subject == Subject::Household)
        .unwrap_or_else(|| panic!("a household rating of {item}"))
}

fn level_words(def: &ToolkitDefinition, l: u8) -> String {
    format!("{l} · {}", def.level(l).unwrap().label)
}

#[test]
fn each_child_section_uses_that_childs_own_values_on_household_items() {
    let s = setup();
    let a = &s.d.initial;
    let secs = sections(&s, a, None);
    let r = rating(a, "7.1");
    let amelie = &s.h.children[0];
    let entry = |n: usize| r.child_entry(&s.h.children[n].id).unwrap();
    let own = entry(0)
        .level
        .expect("the demo sets the eldest apart on 7.1");
    let household = r.level.unwrap();
    assert_ne!(own, household);
    let reason = normalise(&entry(0).level_reason);
    assert!(!reason.is_empty());

    // Amélie's section: her level set apart, the household's beside it, the reason, her impact.
    let mine = &secs[0];
    let set_apart = normalise(&format!(
        "{} for {}; the household's level is {}. Reason: {reason}",
        level_words(&s.def, own),
        amelie.name,
        level_words(&s.def, household)
    ));
    assert!(mine.contains(&set_apart), "no set-apart level: {set_apart}");
    assert!(mine.contains(&normalise(&entry(0).impact)));
    for other in [1, 2] {
        assert!(
            !mine.contains(&normalise(&entry(other).impact)),
            "child {other}'s impact on 7.1 is in Amélie's section"
        );
    }

    // The other children: their own impact, the household's level, no reason of Amélie's.
    for n in [1, 2] {
        let sec = &secs[n];
        assert!(sec.contains(&normalise(&entry(n).impact)), "child {n}");
        assert!(
            !sec.contains(&reason),
            "Amélie's reason in child {n}'s section"
        );
        assert!(!sec.contains(&normalise(&entry(0).impact)), "child {n}");
        let head = normalise(&format!(
            "7.1 {}: level {} (household item)",
            s.def.item("7.1").unwrap().title,
            level_words(&s.def, household)
        ));
        assert!(sec.contains(&head), "child {n} reads the household level");
        let label = format!("{}'s level, set apart", s.h.children[n].name);
        assert!(!sec.contains(&label), "child {n} is not set apart");
    }

    // Parental conflict: each child's own impact and view, not another's.
    let conflict = rating(a, "5.2");
    for (n, sec) in secs.iter().take(3).enumerate() {
        for (m, e) in conflict.per_child.iter().enumerate() {
            let has = sec.contains(&normalise(&e.impact));
            assert_eq!(
                has,
                n == m,
                "child {n}'s section and child {m}'s impact on 5.2"
            );
            if !e.child_view.trim().is_empty() {
                let has = sec.contains(&normalise(&e.child_view));
                assert_eq!(
                    has,
                    n == m,
                    "child {n}'s section and child {m}'s view on 5.2"
                );
            }
        }
    }
}

#[test]
fn every_placement_is_printed_with_the_persons_name_and_words() {
    let s = setup();
    let a = &s.d.initial;
    let secs = sections(&s, a, None);
    let home = rating(a, "1.2");
    assert_eq!(home.placements.len(), 2);
    let mut levels = Vec::new();
    for p in &home.placements {
        let PlacedBy::Carer { carer_id } = &p.by else {
            panic!("a carer's placement")
        };
        let name = &s.h.carers.iter().find(|c| &c.id == carer_id).unwrap().name;
        let l = p.level.unwrap();
        levels.push(l);
        let line = normalise(&format!(
            "{name} placed themselves at {l} ({}): {}",
            s.def.level(l).unwrap().label,
            p.words
        ));
        // A household item: in every child's section, the unborn baby's included.
        for (n, sec) in secs.iter().enumerate() {
            assert!(sec.contains(&line), "child {n} lacks {line}");
            assert!(sec.contains(&format!("{name}: {}", level_words(&s.def, l))));
        }
    }
    assert_ne!(levels[0], levels[1], "the demo's carers differ");

    // The young person's own placement, in her section only.
    let amelie = &s.h.children[0];
    let food = a.rating("1.1", &Subject::Child(amelie.id.clone())).unwrap();
    let p = food
        .placements
        .iter()
        .find(|p| matches!(&p.by, PlacedBy::Child { child_id } if child_id == &amelie.id))
        .expect("the eldest places herself");
    let l = p.level.unwrap();
    let line = normalise(&format!(
        "{} (young person) placed themselves at {l} ({}): {}",
        amelie.name,
        s.def.level(l).unwrap().label,
        p.words
    ));
    assert!(secs[0].contains(&line), "{line}");
    for sec in &secs[1..] {
        assert!(!sec.contains(&normalise(&p.words)));
        assert!(!sec.contains("(young person)"));
    }
}

#[test]
fn significant_harm_prompts_come_first_with_the_cores_words_and_the_flag_is_on_the_item() {
    let s = setup();
    let a = &s.d.initial;
    let secs = sections(&s, a, None);
    let summary = summarise(a, &s.h, &s.def);
    let mut harm_seen = 0;
    for (n, child) in s.h.children.iter().enumerate() {
        let sec = &secs[n];
        let prompts = &sec[sec.find("Prompts raised").expect("a prompts heading")..];
        let mine: Vec<(bool, String)> = summary
            .prompts
            .iter()
            .filter(|p| match p {
                Prompt::SignificantHarm { child_id, .. } | Prompt::Concern { child_id, .. } => {
                    child_id == &child.id
                }
                Prompt::MissingImpact { subject, .. }
                | Prompt::CarerGap { subject, .. }
                | Prompt::Alert { subject, .. }
                | Prompt::Worse { subject, .. }
                | Prompt::Drift { subject, .. }
                | Prompt::ExplanationMismatch { subject, .. } => {
                    matches!(subject, Subject::Household)
                        || subject == &Subject::Child(child.id.clone())
                }
            })
            .map(|p| {
                let t = words::prompt_text(p, &s.h, &s.def);
                (
                    matches!(p, Prompt::SignificantHarm { .. }),
                    normalise(&t.one_line()),
                )
            })
            .collect();
        let at: Vec<(bool, usize)> = mine
            .iter()
            .map(|(harm, text)| {
                let i = prompts
                    .find(text.as_str())
                    .unwrap_or_else(|| panic!("child {n}: prompt {text:?} not printed"));
                (*harm, i)
            })
            .collect();
        let last_harm = at.iter().filter(|(h, _)| *h).map(|(_, i)| *i).max();
        let first_other = at.iter().filter(|(h, _)| !*h).map(|(_, i)| *i).min();
        if let (Some(h), Some(o)) = (last_harm, first_other) {
            assert!(
                h < o,
                "child {n}: a significant-harm prompt after another prompt"
            );
        }
        harm_seen += at.iter().filter(|(h, _)| *h).count();
    }
    // Amélie's food at level 4 and Oskar's flag on parental conflict at least.
    assert!(harm_seen >= 2, "{harm_seen}");
    let top = summary.prompts.iter().any(|p| {
        matches!(p, Prompt::SignificantHarm { child_id, top_level: true, .. }
            if child_id == &s.h.children[0].id)
    });
    assert!(
        top,
        "the demo has an item at the top of the scale for the eldest"
    );

    // The flag is printed on the item, for Oskar only.
    let flag = "Flagged by the practitioner for possible significant harm.";
    assert!(secs[1].contains(flag));
    assert!(secs[1].contains("Flagged: possible significant harm"));
    for n in [0, 2, 3] {
        assert!(!secs[n].contains(flag), "child {n}");
    }
}

#[test]
fn a_strength_shared_with_the_family_is_printed_with_the_strengths_not_as_a_section() {
    let s = setup();
    let a = &s.d.initial;
    let secs = sections(&s, a, None);
    let shared = &rating(a, "7.2").shared_text;
    assert!(!shared.trim().is_empty());
    let want = normalise(&format!("{shared} (shared with the family)"));
    for (n, sec) in secs.iter().enumerate() {
        assert!(sec.contains(&want), "child {n}");
        let strengths = sec.find("Strengths").unwrap();
        assert!(strengths < sec.find(&want).unwrap());
        assert!(
            !sec.contains("Shared with the family"),
            "a separate section"
        );
    }
}

#[test]
fn an_unborn_baby_is_not_asked_what_needs_a_born_child() {
    let s = setup();
    let baby = s.h.children.last().unwrap();
    assert!(baby.is_unborn());
    for (a, previous) in [(&s.d.initial, None), (&s.d.review, Some(&s.d.initial))] {
        let secs = sections(&s, a, previous);
        let sec = secs.last().unwrap();
        // Visit notes are the household's and may say who was seen alone; the sheet itself
        // says nothing about seeing the baby.
        for phrase in [
            "not recorded whether seen".to_string(),
            format!("{UNBORN}: seen"),
            format!("{UNBORN}: not seen"),
            format!("{UNBORN}'s view"),
        ] {
            assert!(
                !sec.contains(&phrase),
                "{phrase:?} in the unborn baby's sheet"
            );
        }
        let on = a.latest_date();
        let mut left_out = 0;
        for (_, item) in s.def.items() {
            let title = format!("{} {}", item.number, item.title);
            if item_applies(&s.def, item, baby, on) {
                assert!(sec.contains(&title), "{title} applies before birth");
            } else {
                left_out += 1;
                assert!(
                    !sec.contains(&title),
                    "{title} is printed for an unborn baby"
                );
            }
        }
        assert!(
            left_out > 0,
            "the bundled definition has items for born children only"
        );
        assert!(sec.contains(&ntk_core::words::left_out_text(baby, left_out)));
        // A born child still reads how they were seen at each visit.
        let oskar = &s.h.children[1].name;
        assert!(secs[1].contains(&format!("{oskar}: seen, and seen alone")));
        // The baby's own rating is there.
        assert!(sec.contains("Antenatal appointments kept; the midwife is content."));
    }
    // Household items apply before birth too.
    assert!(s
        .def
        .items()
        .any(|(_, i)| i.scope == Scope::Household
            && item_applies(&s.def, i, baby, now().date_naive())));
}

#[test]
fn the_home_the_background_events_and_a_mismatch_are_printed_for_every_child() {
    use ntk_core::words::home;
    let s = setup();
    let a = &s.d.initial;
    let home_rating = a.ratings.iter().find(|r| r.home.is_some()).unwrap();
    let home_line = normalise(&home::home_text(home_rating.home.as_ref().unwrap()));
    assert!(home_line.contains("recently worse") && home_line.contains("not counted"));
    let mismatch = normalise(
        &a.ratings
            .iter()
            .find_map(|r| r.mismatch.as_ref())
            .unwrap()
            .note,
    );
    let events: Vec<String> = a
        .background_events
        .iter()
        .map(|e| normalise(&home::event_text(e)))
        .collect();
    assert_eq!(events.len(), 3);
    for (n, text) in sections(&s, a, None).iter().enumerate() {
        assert!(text.contains(home::EVENTS_HEADING), "child {n}");
        for e in &events {
            assert!(text.contains(e.as_str()), "child {n}: {e}");
        }
        assert!(text.contains(&format!("The home {home_line}")), "child {n}");
        assert!(
            text.contains(&format!("{} {mismatch}", home::MISMATCH_LABEL)),
            "child {n}"
        );
        assert!(text.contains(home::MISMATCH_HEAD), "child {n}: the prompt");
    }
    // The review records no mismatch: neither the label nor the prompt is printed.
    let review = sections(&s, &s.d.review, Some(a)).join("\n");
    assert!(!review.contains(home::MISMATCH_LABEL));
    assert!(!review.contains(home::MISMATCH_HEAD));
}
