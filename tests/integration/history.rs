//! A household's History (`Session::household_history`): who changed what, when and why, for
//! the demo household after a practitioner amends, rates and completes, and never what the
//! records said.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ntk_core::app::{HistoryView, Session};
use ntk_core::assessment::{Rating, Status, Subject};
use ntk_core::vault::{KdfProfile, VaultEnv};
use ntk_core::{words, Clock, SeededEntropy};
use std::sync::{Arc, Mutex};

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

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap() + Duration::minutes(minutes)
}

const REASON: &str = "The visit date was typed wrong";
const RATED_TEXT: &str = "Lunchbox often empty on Mondays (history test mark)";

/// The demo loaded with no practitioner named, then Sam Sample (named in the settings) amends
/// the demo's latest completed toolkit, saves one rating and completes it again.
fn edited_demo(dir: &std::path::Path) -> (Session, ntk_core::assessment::Id, StepClock) {
    let clock = StepClock(Arc::new(Mutex::new(at(0))));
    let env = VaultEnv {
        clock: Box::new(clock.clone()),
        rng: Box::new(SeededEntropy::new(5)),
    };
    let (mut s, _key) = Session::create(
        &dir.join("vault.ntk"),
        "a passphrase for the history",
        KdfProfile::TestOnlyCheap,
        env,
    )
    .unwrap();
    let household = s.load_demo().unwrap();
    let mut settings = s.settings().unwrap();
    settings.practitioner.name = "Sam Sample".into();
    s.save_settings(settings).unwrap();
    let latest = s
        .assessments(&household)
        .unwrap()
        .into_iter()
        .rev()
        .find(|a| a.status == Status::Completed)
        .expect("the demo has a completed toolkit")
        .id;
    clock.set(at(5));
    s.amend(&latest, REASON).unwrap();
    clock.set(at(7));
    let view = s.assessment_view(&latest).unwrap();
    let item = view.definition.areas[0].items[0].number.clone();
    let child = view.household.children[0].id.clone();
    let mut r = Rating::new(&item, Subject::Child(child));
    r.level = Some(2);
    r.impact = RATED_TEXT.into();
    r.evidence = RATED_TEXT.into();
    s.save_rating(&latest, r).unwrap();
    clock.set(at(9));
    s.complete(&latest).unwrap();
    (s, household, clock)
}

#[test]
fn the_history_says_who_changed_what_when_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let (s, household, _clock) = edited_demo(dir.path());
    let HistoryView {
        household_id,
        about,
        lines,
        empty_text,
    } = s.household_history(&household).unwrap();
    assert_eq!(household_id, household);
    assert_eq!(about, words::HISTORY_ABOUT);
    assert_eq!(empty_text, words::HISTORY_EMPTY);

    // The demo went in first, with no practitioner named in the settings.
    let whats: Vec<&str> = lines.iter().map(|l| l.what).collect();
    assert_eq!(whats[0], words::HISTORY_SAVE_HOUSEHOLD, "{whats:?}");
    assert!(whats.contains(&words::HISTORY_LOAD_DEMO), "{whats:?}");
    assert_eq!(lines[0].who, "");
    assert_eq!(lines[0].who_text, words::HISTORY_NO_NAME);
    assert_eq!(lines[0].record, household.as_str());
    assert_eq!(lines[0].when_text, "2026-03-02 10:00 UTC");

    // Then the three edits, in order, each by the practitioner named at the time.
    let last: Vec<_> = lines[lines.len() - 3..].iter().collect();
    assert_eq!(
        last.iter().map(|l| l.what).collect::<Vec<_>>(),
        [
            words::HISTORY_AMEND_ASSESSMENT,
            words::HISTORY_SAVE_RATING,
            words::HISTORY_COMPLETE_ASSESSMENT
        ]
    );
    assert_eq!(
        last.iter()
            .map(|l| l.when_text.as_str())
            .collect::<Vec<_>>(),
        [
            "2026-03-02 10:05 UTC",
            "2026-03-02 10:07 UTC",
            "2026-03-02 10:09 UTC"
        ]
    );
    assert_eq!(
        last.iter().map(|l| l.at).collect::<Vec<_>>(),
        [at(5), at(7), at(9)]
    );
    for l in &last {
        assert_eq!(l.who, "Sam Sample");
        assert_eq!(l.who_text, "Sam Sample");
    }
    assert_eq!(last[0].why.as_deref(), Some(REASON));
    assert_eq!(last[1].why, None);
    assert_eq!(last[2].why, None);
    assert_eq!(last[0].record, last[2].record, "the same toolkit");
    assert_ne!(
        last[1].record, last[0].record,
        "the rating is a record of its own"
    );
    // The line as printed is the parts in order, composed once.
    assert_eq!(
        last[0].text,
        format!(
            "2026-03-02 10:05 UTC  Sam Sample  {}  {} (why: {REASON})",
            words::HISTORY_AMEND_ASSESSMENT,
            last[0].record
        )
    );
    assert_eq!(
        last[1].text,
        format!(
            "2026-03-02 10:07 UTC  Sam Sample  {}  {}",
            words::HISTORY_SAVE_RATING,
            last[1].record
        )
    );
    // Oldest first.
    assert!(lines.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn the_history_never_shows_what_the_records_said() {
    let dir = tempfile::tempdir().unwrap();
    let (s, household, _clock) = edited_demo(dir.path());
    let history = s.household_history(&household).unwrap();
    let text = serde_json::to_string(&history).unwrap();
    let h = s.household(&household).unwrap();
    let mut secrets: Vec<String> = vec![RATED_TEXT.into(), h.name.clone(), h.reference.clone()];
    secrets.extend(h.carers.iter().map(|c| c.name.clone()));
    secrets.extend(h.children.iter().map(|c| c.name.clone()));
    for a in s.assessments(&household).unwrap() {
        let v = s.assessment_view(&a.id).unwrap();
        for r in &v.assessment.ratings {
            for t in [&r.evidence, &r.impact, &r.strengths] {
                if !t.trim().is_empty() {
                    secrets.push(t.clone());
                }
            }
        }
        if !v.assessment.practitioner_notes.trim().is_empty() {
            secrets.push(v.assessment.practitioner_notes.clone());
        }
    }
    let chronology = s.chronology(&household).unwrap();
    assert!(!chronology.entries.is_empty());
    secrets.extend(chronology.entries.iter().map(|e| e.entry.event.clone()));
    assert!(
        secrets.len() > 10,
        "the demo has content to leak: {secrets:?}"
    );
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "the History shows {secret:?}: {text}"
        );
    }
}

#[test]
fn another_household_s_changes_stay_out_and_an_unknown_one_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, household, clock) = edited_demo(dir.path());
    clock.set(at(20));
    let other = s.load_demo().unwrap();
    assert_ne!(other, household);
    let mine = s.household_history(&household).unwrap();
    let theirs = s.household_history(&other).unwrap();
    assert!(mine.lines.iter().all(|l| l.at < at(20)));
    assert!(!theirs.lines.is_empty());
    assert!(theirs.lines.iter().all(|l| l.at == at(20)));
    let none = s
        .household_history(&ntk_core::assessment::Id("no-such-household".into()))
        .unwrap();
    assert!(none.lines.is_empty());
}
