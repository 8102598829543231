//! The households index (built at unlock, kept in memory): after every kind of change, the list
//! and search it serves agree with what a fresh unlock of the same file builds from the store, and
//! search finds exactly the households the documented rule matches.

use super::common::*;
use chrono::Duration;
use ntk_core::assessment::{Birth, Household, Status};
use ntk_core::vault::{HouseholdSummary, Vault};
use ntk_core::SeededEntropy;
use std::path::Path;

const QUERIES: &[&str] = &[
    "",
    "family1",
    "FAMILY",
    "child",
    "ng7",
    "ng74ab",
    "ng7 4ab",
    "2018-05-17",
    "17/05/2019",
    "renamed",
    "nobody",
    "carer",
];

/// What the search rule says `q` matches in `h`: the name, a carer's or child's name, a child's
/// date of birth in either form, or the postcode with or without spaces, ignoring case.
fn rule_matches(h: &Household, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let compact = q.replace(' ', "");
    let mut fields = vec![
        h.name.to_lowercase(),
        h.address.postcode.to_lowercase(),
        h.address.postcode.to_lowercase().replace(' ', ""),
    ];
    fields.extend(h.carers.iter().map(|c| c.name.to_lowercase()));
    for c in &h.children {
        fields.push(c.name.to_lowercase());
        let (Birth::Born(d) | Birth::Expected(d)) = c.birth;
        fields.push(d.format("%Y-%m-%d").to_string());
        fields.push(d.format("%d/%m/%Y").to_string());
    }
    fields
        .iter()
        .any(|f| f.contains(&q) || (!compact.is_empty() && f.contains(&compact)))
}

fn ids(list: &[HouseholdSummary]) -> Vec<String> {
    list.iter().map(|s| s.id.0.clone()).collect()
}

/// The index of `v` agrees with a vault unlocked afresh on `path`, for the list and every query.
fn check_agrees(v: &Vault, path: &Path, households: usize) {
    let fresh = unlock(path);
    let list = v.list_households().unwrap();
    assert_eq!(list, fresh.list_households().unwrap());
    assert_eq!(list.len(), households);
    assert_eq!(v.index_stats().unwrap().households, households);
    for q in QUERIES {
        let found = v.search_households(q).unwrap();
        assert_eq!(found, fresh.search_households(q).unwrap(), "query {q:?}");
        let want: Vec<String> = list
            .iter()
            .filter(|s| rule_matches(&fresh.household(&s.id).unwrap(), q))
            .map(|s| s.id.0.clone())
            .collect();
        assert_eq!(ids(&found), want, "query {q:?}");
    }
}

#[test]
fn the_index_agrees_with_the_store_after_every_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, path, hs, as_) = filled_vault(dir.path(), 4, "");
    let def = definition();
    let mut rng = SeededEntropy::new(77);
    let built = v.rebuild_index().unwrap();
    assert_eq!(built.households, 4);
    assert!(built.bytes > 4 * 100, "{built:?}");
    check_agrees(&v, &path, 4);

    // A household renamed (its place in the order changes) and one added.
    let mut renamed = hs[2].clone();
    renamed.name = "Aaa renamed".into();
    renamed.children[0].birth = Birth::Born(chrono::NaiveDate::from_ymd_opt(2019, 5, 17).unwrap());
    v.save_household(&renamed).unwrap();
    let added = household(&mut rng, "Zebedee", "");
    v.save_household(&added).unwrap();
    let list = v.list_households().unwrap();
    assert_eq!(list[0].name, "Aaa renamed");
    assert_eq!(
        list[0].latest_assessment,
        Some((as_[2].id.clone(), Status::Completed))
    );
    check_agrees(&v, &path, 5);

    // A review opened: the household's latest assessment becomes the draft.
    let mut review = assessment(&mut rng, &hs[1], &def, "");
    review.created_at = start() + Duration::days(40);
    review.updated_at = review.created_at;
    review.decision.review_date = None;
    v.save_opening(&review).unwrap();
    let line = |v: &Vault| {
        v.list_households()
            .unwrap()
            .into_iter()
            .find(|s| s.id == hs[1].id)
            .unwrap()
    };
    assert_eq!(
        line(&v).latest_assessment,
        Some((review.id.clone(), Status::Draft))
    );
    assert_eq!(line(&v).review_due, None);
    check_agrees(&v, &path, 5);

    // A rating saved changes nothing in the list; discarding the draft brings back the last one.
    v.save_rating(&review.id, review.ratings[0].clone())
        .unwrap();
    check_agrees(&v, &path, 5);
    v.discard_assessment(&review.id, "opened by mistake")
        .unwrap();
    assert_eq!(
        line(&v).latest_assessment,
        Some((as_[1].id.clone(), Status::Completed))
    );
    assert_eq!(line(&v).review_due, as_[1].decision.review_date);
    check_agrees(&v, &path, 5);

    // An import into another vault reaches that vault's index.
    let doc = v.export_json().unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let (mut w, _rk, other) = new_vault(other_dir.path());
    w.rebuild_index().unwrap();
    assert!(w.list_households().unwrap().is_empty());
    w.import_json(&doc).unwrap();
    check_agrees(&w, &other, 5);
    assert_eq!(
        ids(&w.list_households().unwrap()),
        ids(&v.list_households().unwrap())
    );
}

#[test]
fn the_session_lists_from_the_index_built_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let (v, path, hs, _as) = filled_vault(dir.path(), 3, "");
    drop(v);
    let s = ntk_core::app::Session::unlock(&path, PASS, env(5)).unwrap();
    let listed = s.households("").unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(s.households("family2").unwrap()[0].summary.id, hs[2].id);
    assert!(s.households("nobody").unwrap().is_empty());
}
