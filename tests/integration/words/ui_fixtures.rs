//! The assessment views the browser tests' stand-in backend serves (`tests/ui/fake-backend.js`),
//! made by the core itself: the demo household goes into a real vault, a scripted run of the
//! app's use cases (complete, amend, complete again, start a review, start a new assessment)
//! produces each view through `Session`, and the views are written in the form they cross the
//! IPC in (the core's own serde form), with what the Family view shows of the demo's two
//! assessments (`family_views`, made by `Session::family_view`). The core's limits (`get_limits`) are written beside them. The definition, the same stored copy in every view, is written once at the top
//! of the file (as `definition`) and put back into each view by the stand-in, which keeps the file
//! at about half the size. The stand-in never computes a summary, a comparison or a word itself.
//!
//! The committed file must be what this test generates: it fails when they differ. After a change
//! to the rules, their words or the demo, rewrite it with
//! `NTK_UPDATE_UI_FIXTURES=1 cargo test -p ntk-core --test integration ui_fixtures`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ntk_core::app::{AssessmentView, Session};
use ntk_core::assessment::{Address, AssessmentKind, Birth, Carer, Child, Household, Id, Status};
use ntk_core::toolkit::ToolkitDefinition;
use ntk_core::vault::{KdfProfile, Vault, VaultEnv};
use ntk_core::{demo, limits, toolkit, words, Clock, SeededEntropy};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The reason given when the review is reopened; the browser test that amends types the same.
pub const AMEND_REASON: &str = "Date of the visit was wrong";

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("ui")
        .join("fixtures")
        .join("demo-views.json")
}

fn at(minutes: i64) -> DateTime<Utc> {
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    start + Duration::minutes(minutes)
}

/// A clock the generator moves from step to step while the session holds it.
#[derive(Clone)]
struct StepClock(Arc<Mutex<DateTime<Utc>>>);

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl StepClock {
    fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap() = t;
    }
}

/// A view in the form it crosses the IPC in, less its definition (checked against `def` and
/// written once). Destructured without `..`, so a field added to the view fails to compile here
/// until the fixture carries it too.
fn ipc_form(step: &str, v: AssessmentView, def: &ToolkitDefinition) -> Value {
    let AssessmentView {
        assessment,
        household,
        definition,
        definition_hash,
        summary,
        previous,
        comparison,
        sustained,
        text,
        previous_ratings,
        trend,
        review_text,
        contacts,
        dash_offered,
        guidance,
        previous_unreadable,
    } = v;
    assert_eq!(
        &definition, def,
        "{step}: every view carries the same definition"
    );
    let mut form = json!({
        "step": step,
        "view": {
            "assessment": assessment,
            "household": household,
            "definition_hash": definition_hash,
            "summary": summary,
            "previous": previous,
            "comparison": comparison,
            "sustained": sustained,
            "text": text,
            "previous_ratings": previous_ratings,
            "trend": trend,
            "review_text": review_text,
            "contacts": contacts,
            "dash_offered": dash_offered,
            "guidance": guidance,
        }
    });
    if let Some(notice) = previous_unreadable {
        form["view"]["previous_unreadable"] = json!(notice);
    }
    form
}

/// A clearly fictional household of one carer and an unborn baby (expected four months after the
/// fixture's clock), not yet stored (empty ids).
fn expecting_household() -> Household {
    let none = Id(String::new());
    Household {
        id: none.clone(),
        name: "Expecting family (fictional)".into(),
        reference: "DEMO-0002".into(),
        address: Address::default(),
        language: "English".into(),
        interpreter_needed: false,
        agencies: Vec::new(),
        carers: vec![Carer {
            id: none.clone(),
            name: "Robin Sample".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: String::new(),
        }],
        children: vec![Child {
            id: none,
            name: "Baby Sample".into(),
            birth: Birth::Expected(NaiveDate::from_ymd_opt(2026, 7, 2).unwrap()),
            gender: String::new(),
            setting: String::new(),
            additional_needs: String::new(),
            language: String::new(),
        }],
        created_at: at(0),
        updated_at: at(0),
    }
}

/// The fixture: the demo household with its initial assessment (completed) and its review (in
/// progress), and every view the browser tests reach from there.
pub fn generate() -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ntk");
    const PASSPHRASE: &str = "a passphrase for the fixtures";
    let clock = StepClock(Arc::new(Mutex::new(at(0))));
    let env = |seed| VaultEnv {
        clock: Box::new(clock.clone()),
        rng: Box::new(SeededEntropy::new(seed)),
    };
    let (s, _key) = Session::create(&path, PASSPHRASE, KdfProfile::TestOnlyCheap, env(7)).unwrap();
    let hash = s.settings().unwrap().active_definition.unwrap();
    drop(s);
    // The demo goes in with its review still being completed, so the browser tests can edit and
    // complete it; that state is written through the vault, the only way to make it.
    let mut v = Vault::unlock(&path, PASSPHRASE, env(9)).unwrap();
    let def = v.definition(&hash).unwrap();
    assert_eq!(def, toolkit::bundled_default());
    let mut d = demo::demo(&def, at(0), &mut SeededEntropy::new(11));
    d.review.status = Status::Draft;
    d.review.history.clear();
    let mut settings = v.settings().unwrap();
    settings.practitioner = d.review.practitioner.clone();
    v.save_settings(&settings).unwrap();
    v.save_household(&d.household).unwrap();
    v.save_assessment(&d.initial).unwrap();
    v.save_assessment(&d.review).unwrap();
    let chronology = demo::chronology(&d.household, at(0), &mut SeededEntropy::new(17));
    v.change_chronology(&d.household.id, "load_demo", None, |c| {
        *c = chronology;
        Ok(())
    })
    .unwrap();
    drop(v);

    let mut s = Session::unlock(&path, PASSPHRASE, env(13)).unwrap();
    let (initial, review) = (d.initial.id.clone(), d.review.id.clone());
    // What the family may see of each of the demo's assessments, made before any step below
    // changes them (the stand-in serves these to the Family view).
    let family_views: Vec<Value> = [&initial, &review]
        .into_iter()
        .map(|id| {
            json!({
                "assessment_id": id,
                "view": s.family_view(id).unwrap(),
            })
        })
        .collect();
    // The demo household's timeline, as `get_chronology` serves it.
    let chronology = s.chronology(&d.household.id).unwrap();
    let mut views = vec![
        ipc_form("initial", s.assessment_view(&initial).unwrap(), &def),
        ipc_form("review", s.assessment_view(&review).unwrap(), &def),
    ];
    let step = |name: &str, view: AssessmentView| ipc_form(name, view, &def);
    clock.set(at(5));
    views.push(step("review-completed", s.complete(&review).unwrap()));
    clock.set(at(10));
    views.push(step(
        "review-amending",
        s.amend(&review, AMEND_REASON).unwrap(),
    ));
    clock.set(at(15));
    views.push(step("review-completed-again", s.complete(&review).unwrap()));
    clock.set(at(20));
    let review_of_review = s.start_review(&review).unwrap();
    let review_of_review_id = review_of_review.assessment.id.clone();
    views.push(step("review-of-the-review", review_of_review));
    // One toolkit in progress per household: the review of the review is discarded before a
    // new initial toolkit starts.
    s.discard(&review_of_review_id, "Started by mistake")
        .unwrap();
    clock.set(at(25));
    views.push(step(
        "new-initial",
        s.new_assessment(&d.household.id).unwrap(),
    ));
    // A second household expecting a baby, with a new toolkit: what the toolkit offers an unborn
    // child. The browser tests put it into the stand-in themselves.
    clock.set(at(30));
    let expecting = s.save_household(expecting_household()).unwrap();
    views.push(step(
        "expecting-initial",
        s.new_assessment(&expecting.id).unwrap(),
    ));

    let statuses = [Status::Draft, Status::Completed, Status::Amending];
    let status_words: serde_json::Map<String, Value> = statuses
        .iter()
        .map(|s| {
            let key = serde_json::to_value(s)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            (key, Value::from(words::status_text(*s)))
        })
        .collect();
    let kinds = [
        AssessmentKind::Initial,
        AssessmentKind::Review {
            previous: initial.clone(),
        },
    ];
    let kind_words: serde_json::Map<String, Value> = kinds
        .iter()
        .map(|k| {
            let key = serde_json::to_value(k).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string();
            (key, Value::from(words::kind_text(k)))
        })
        .collect();
    // What the integrity banner is given: the demo as made (nothing found), and the same vault
    // after one byte of its recovery key slot was changed outside the app.
    let integrity_ok = Session::unlock(&path, PASSPHRASE, env(17))
        .unwrap()
        .check_integrity()
        .unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let mut header: Vec<u8> = c
            .query_row("SELECT body FROM header WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        let last = header.len() - 1;
        header[last] ^= 1;
        c.execute("UPDATE header SET body = ?1 WHERE id = 1", [header])
            .unwrap();
    }
    let integrity_damaged = Session::unlock(&path, PASSPHRASE, env(19))
        .unwrap()
        .check_integrity()
        .unwrap();
    assert!(integrity_ok.ok && !integrity_damaged.ok);
    let fixture = json!({
        "about": "Made by tests/integration/words/ui_fixtures.rs from ntk_core; do not edit by hand. \
                  Rewrite with NTK_UPDATE_UI_FIXTURES=1 cargo test -p ntk-core --test integration ui_fixtures.",
        "amend_reason": AMEND_REASON,
        "limits": limits::limits(),
        "status_words": status_words,
        "kind_words": kind_words,
        "definition": def,
        "views": views,
        "family_views": family_views,
        "chronology": chronology,
        "integrity": { "ok": integrity_ok, "damaged": integrity_damaged },
    });
    let mut out = serde_json::to_string_pretty(&fixture).unwrap();
    out.push('\n');
    out
}

#[test]
fn the_ui_fixtures_are_what_the_core_makes() {
    let made = generate();
    assert_eq!(made, generate(), "the fixture is deterministic");
    let path = fixture_path();
    if std::env::var_os("NTK_UPDATE_UI_FIXTURES").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &made).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}); make it with NTK_UPDATE_UI_FIXTURES=1",
            path.display()
        )
    });
    if committed != made {
        let line = committed
            .lines()
            .zip(made.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(made.lines().count()));
        panic!(
            "{} is not what the core makes now (first difference at line {}); rewrite it with \
             NTK_UPDATE_UI_FIXTURES=1 cargo test -p ntk-core --test integration ui_fixtures",
            path.display(),
            line + 1
        );
    }
}

#[test]
fn the_fixture_covers_every_step_the_browser_tests_take() {
    let fixture: Value = serde_json::from_str(&generate()).unwrap();
    let views = fixture["views"].as_array().unwrap();
    let state = |i: usize| {
        let a = &views[i]["view"]["assessment"];
        (
            a["status"].as_str().unwrap().to_string(),
            a["history"].as_array().unwrap().len(),
        )
    };
    assert_eq!(state(0), ("completed".into(), 1));
    assert_eq!(state(1), ("draft".into(), 0));
    assert_eq!(state(2), ("completed".into(), 1));
    assert_eq!(state(3), ("amending".into(), 2));
    assert_eq!(state(4), ("completed".into(), 3));
    assert_eq!(state(5), ("draft".into(), 0));
    assert_eq!(state(6), ("draft".into(), 0));
    assert_eq!(state(7), ("draft".into(), 0));
    // The last step is another household's, with an unborn child the toolkit offers less to.
    let expecting = &views[7]["view"];
    assert_eq!(views[7]["step"], "expecting-initial");
    assert_ne!(
        expecting["household"]["id"],
        views[0]["view"]["household"]["id"]
    );
    let baby = &expecting["text"]["children"][0];
    assert_eq!(baby["can_give_view"], false);
    assert!(!baby["not_offered"].as_array().unwrap().is_empty());
    // Every view carries its texts, and the review's comparison its change words.
    for v in views {
        let text = &v["view"]["text"];
        assert!(text["status"].is_string() && text["no_prompts"].is_string());
        let prompts = v["view"]["summary"]["prompts"].as_array().unwrap().len();
        assert_eq!(text["prompts"].as_array().unwrap().len(), prompts);
    }
    assert!(views[1]["view"]["comparison"].is_object());
    assert!(!views[0]["view"]["text"]["prompts"]
        .as_array()
        .unwrap()
        .is_empty());
    // The Family view of both demo assessments, for the assessments the stand-in starts with.
    let family = fixture["family_views"].as_array().unwrap();
    assert_eq!(family.len(), 2);
    for (f, v) in family.iter().zip(views) {
        assert_eq!(f["assessment_id"], v["view"]["assessment"]["id"]);
        assert!(!f["view"]["areas"].as_array().unwrap().is_empty());
    }
    let history = views[3]["view"]["text"]["history"].as_array().unwrap();
    assert!(history[1].as_str().unwrap().ends_with(AMEND_REASON));
}
