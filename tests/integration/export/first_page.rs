//! The first page of each child's section, read back page by page with pdftotext: it holds,
//! in this order, who the child is, the area profile, the impact examples, the significant-harm
//! and concern prompts, the decision, and the other children and adults at home; and a
//! completed assessment's sheet is drawn from the household as it was when it was completed.

use super::{exported, tool};
use chrono::{DateTime, TimeZone, Utc};
use ntk_core::app::Session;
use ntk_core::assessment::{item_applies, Birth, Carer, Child, Household, Id, Rating, Subject};
use ntk_core::summary::Prompt;
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{words, FixedClock, SeededEntropy};
use std::path::Path;

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(path: &Path) -> usize {
    tool("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The text of page `n` (from 1) in content order.
fn page(path: &Path, n: usize) -> String {
    let n = n.to_string();
    tool(
        "pdftotext",
        &["-raw", "-f", &n, "-l", &n, path.to_str().unwrap(), "-"],
    )
}

/// Where each of `parts` is in `text`, each searched after the one before; panics naming the
/// first one missing or out of order.
fn in_order(text: &str, parts: &[String]) {
    let mut at = 0;
    for p in parts {
        match text[at..].find(p.as_str()) {
            Some(i) => at += i + p.len(),
            None => panic!(
                "{p:?} is not on the page after byte {at} (anywhere: {}):\n{text}",
                text.contains(p.as_str())
            ),
        }
    }
}

#[test]
fn each_child_s_section_opens_with_one_page_in_the_triage_order() {
    let e = exported();
    let fx = &e.fx;
    let pages: Vec<String> = (1..=page_count(&e.path))
        .map(|n| normalise(&page(&e.path, n)))
        .collect();
    for c in &fx.household.children {
        let first = pages
            .iter()
            .position(|p| {
                p.starts_with(&format!(
                    "{} Neglect Toolkit summary sheet: review of the assessment started",
                    c.name
                ))
            })
            .unwrap_or_else(|| panic!("no section opens with {}", c.name));
        // The overview is one page for a usual household (the demo's test below); this fixture
        // is the heaviest case (every prompt, the longest texts), where it may run onto a
        // second page before the detail starts.
        let detail = (first + 1..pages.len())
            .find(|&n| pages[n].starts_with(&format!("{}: the detail", c.name)))
            .expect("the detail follows the overview");
        assert!(detail - first <= 2, "the overview takes at most two pages");
        let text = &pages[first..detail].join(" ");
        let mut want: Vec<String> = vec![c.name.clone()];
        want.push(format!("Case reference: {}", fx.household.reference));
        // Who the child is.
        for v in [&c.gender, &c.setting, &c.additional_needs, &c.language] {
            if !v.is_empty() {
                want.push(normalise(v));
            }
        }
        // The profile, every area.
        want.push("At a glance: profile by area".into());
        let on = fx.review.latest_date();
        for a in &fx.def.areas {
            if a.items.iter().any(|it| item_applies(&fx.def, it, c, on)) {
                want.push(format!("{} {}", a.number, a.title));
            }
        }
        want.push("Impact on the child where there is concern, by area".into());
        // The significant-harm and concern prompts, in the words of the screen.
        want.push("Significant harm and concern".into());
        let prompts: Vec<words::PromptText> = fx
            .summary
            .prompts
            .iter()
            .filter(|p| match p {
                Prompt::SignificantHarm { child_id, .. } | Prompt::Concern { child_id, .. } => {
                    *child_id == c.id
                }
                _ => false,
            })
            .map(|p| words::prompt_text(p, &fx.household, &fx.def))
            .collect();
        assert!(
            !prompts.is_empty(),
            "the fixture raises prompts for {}",
            c.name
        );
        // Every headline, then each action once.
        want.extend(prompts.iter().map(|t| normalise(&t.headline)));
        let mut actions: Vec<String> = Vec::new();
        for t in &prompts {
            let a = normalise(&t.action);
            if !a.is_empty() && !actions.contains(&a) {
                actions.push(a);
            }
        }
        want.extend(actions);
        // The decision, every option chosen, and whether the parents know and agree.
        let d = &fx.review.decision;
        assert!(d.options.len() >= 2, "the fixture chooses several options");
        want.push("Decision".into());
        for code in &d.options {
            let o = fx
                .def
                .decision_options
                .iter()
                .find(|o| &o.code == code)
                .unwrap();
            want.push(o.label.clone());
        }
        want.push(d.lead_consulted.as_ref().unwrap().name.clone());
        want.push("Parents know Yes".into());
        want.push("Parents agree No".into());
        want.push(normalise(&d.parents.why_not));
        // The DASH status.
        want.push("DASH risk checklist".into());
        want.push(words::dash_outcome_text(d.dash.outcome.unwrap()).into());
        want.push("Other children and adults in the home".into());
        for o in fx.household.children.iter().filter(|o| o.id != c.id) {
            want.push(o.name.clone());
        }
        for a in &fx.household.carers {
            want.push(format!("{} ({}", a.name, a.relationship));
        }
        // The other agencies involved.
        want.push("Other agencies involved".into());
        for a in &fx.household.agencies {
            want.push(normalise(&a.agency));
        }
        in_order(text, &want);
        assert!(
            pages[detail].starts_with(&format!("{}: the detail Household", c.name)),
            "{}",
            pages[detail]
        );
    }
}

#[test]
fn an_impact_example_is_on_the_first_page_with_its_item_and_level() {
    let e = exported();
    let fx = &e.fx;
    let c = &fx.household.children[0];
    let text = normalise(&page(&e.path, 1));
    let concern = fx.def.scale.concern_from;
    let (item, r) = fx
        .def
        .items()
        .find_map(|(_, it)| {
            let r = super::fixture::effective(&fx.def, &fx.review, &it.number, &c.id)?;
            (r.level_for_child(&c.id)? >= concern).then_some((it, r))
        })
        .expect("the fixture has an item of concern for the first child");
    let impact: String = normalise(r.impact_for_child(&c.id))
        .chars()
        .take(30)
        .collect();
    let head = format!("{} {} (", item.number, item.title);
    in_order(&text, &[head, impact]);
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

fn household() -> Household {
    let child = |name: &str| Child {
        id: Id(String::new()),
        name: name.into(),
        birth: Birth::Born(chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap()),
        gender: String::new(),
        setting: String::new(),
        additional_needs: String::new(),
        language: String::new(),
    };
    Household {
        id: Id(String::new()),
        name: "Frozen family (fictional)".into(),
        reference: "FRZ-1".into(),
        address: Default::default(),
        language: String::new(),
        interpreter_needed: false,
        carers: vec![Carer {
            id: Id(String::new()),
            name: "Robin Frozen".into(),
            relationship: "Father".into(),
            parental_responsibility: true,
            phone: String::new(),
        }],
        children: vec![child("Ada Frozen"), child("Cy Frozen")],
        agencies: Vec::new(),
        created_at: now(),
        updated_at: now(),
    }
}

/// A new vault in `dir` at [`now`], its random source seeded with `seed`.
fn session(dir: &Path, seed: u64) -> Session {
    let env = VaultEnv {
        clock: Box::new(FixedClock(now())),
        rng: Box::new(SeededEntropy::new(seed)),
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

fn sheet_text(s: &Session, id: &Id, dir: &Path, name: &str) -> String {
    let sheet = s.summary_sheet(id, now()).unwrap();
    let p = dir.join(name);
    ntk_core::export::write_atomic(&p, &sheet.bytes).unwrap();
    tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
}

#[test]
fn a_completed_sheet_does_not_change_when_the_household_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), 5);
    let h = s.save_household(household()).unwrap();
    let id = s.new_assessment(&h.id).unwrap().assessment.id;
    let mut r = Rating::new("1.1", Subject::Child(h.children[0].id.clone()));
    r.level = Some(3);
    r.impact = "Comes to school hungry most mornings.".into();
    s.save_rating(&id, r).unwrap();
    let done = s.complete(&id).unwrap();
    assert_eq!(done.assessment.household_snapshot.as_ref(), Some(&h));
    let before = sheet_text(&s, &id, dir.path(), "before.pdf");
    assert!(before.contains("Ada Frozen"));

    // Rename a child and the household, and add a carer.
    let mut edited = h.clone();
    edited.children[0].name = "Adaline Renamed".into();
    edited.name = "Renamed family".into();
    edited.carers.push(Carer {
        id: Id(String::new()),
        name: "Sam Newcomer".into(),
        relationship: "Partner".into(),
        parental_responsibility: false,
        phone: String::new(),
    });
    s.save_household(edited).unwrap();
    let after = sheet_text(&s, &id, dir.path(), "after.pdf");
    assert_eq!(
        before, after,
        "the completed sheet changed with the household"
    );

    // Reopened to amend, the sheet is drawn from the household as it is now; completed again,
    // the copy is taken afresh.
    s.amend(&id, "The child's name was corrected").unwrap();
    let amending = sheet_text(&s, &id, dir.path(), "amending.pdf");
    assert!(amending.contains("Adaline Renamed") && !amending.contains("Ada Frozen"));
    s.complete(&id).unwrap();
    let again = sheet_text(&s, &id, dir.path(), "again.pdf");
    assert!(again.contains("Adaline Renamed") && again.contains("Sam Newcomer"));
}

#[test]
fn the_demo_s_overview_is_one_page_per_child_with_the_dash_record_and_the_agencies() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path(), 7);
    let demo = s.load_demo().unwrap();
    let h = s.household(&demo).unwrap();
    let mut checked = 0;
    for line in s.assessments(&demo).unwrap() {
        let view = s.assessment_view(&line.id).unwrap();
        if !view.dash_offered || view.assessment.decision.dash.done != Some(true) {
            continue;
        }
        let sheet = s.summary_sheet(&line.id, now()).unwrap();
        let path = dir.path().join(format!("demo-{checked}.pdf"));
        ntk_core::export::write_atomic(&path, &sheet.bytes).unwrap();
        let pages: Vec<String> = (1..=page_count(&path))
            .map(|n| normalise(&page(&path, n)))
            .collect();
        for c in &h.children {
            let Some(first) = pages
                .iter()
                .position(|p| p.starts_with(&format!("{} Neglect Toolkit summary sheet", c.name)))
            else {
                panic!("no section for {}", c.name);
            };
            assert!(
                pages[first + 1].starts_with(&format!("{}: the detail", c.name)),
                "{}'s overview is one page",
                c.name
            );
            let mut want = vec!["Decision".to_string(), "DASH risk checklist".into()];
            want.push("Other children and adults in the home".into());
            want.push("Other agencies involved".into());
            want.extend(h.agencies.iter().map(|a| normalise(&a.agency)));
            in_order(&pages[first], &want);
        }
        checked += 1;
    }
    assert!(
        checked >= 1,
        "the demo has a toolkit with a DASH record done"
    );
}
