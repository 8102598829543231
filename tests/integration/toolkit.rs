//! Integration tests of `ntk_core::toolkit`: the bundled default, the second definition of
//! another shape, every fixture under `tests/fixtures/toolkit`, and the JSON Schema.

mod cli;
mod fixture;
mod schema;

use fixture::{fail_fixture, fail_fixtures, FailFixture, Json};
use ntk_core::toolkit::{self, Fault, Scope, ToolkitDefinition, ToolkitError, MAX_FILE_BYTES};
use std::path::{Path, PathBuf};

/// The folder of toolkit fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toolkit")
}

/// Every fixture file at the top of the folder whose name starts with `prefix`, sorted by name.
/// The failing fixtures live in `fail/` and are built by [`fail_fixtures`].
pub fn fixture_files(prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("the fixture folder exists")
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    files
}

fn name(p: &Path) -> &str {
    p.file_name().and_then(|n| n.to_str()).unwrap_or("?")
}

/// The faults reported for a failing fixture, parsed from its bytes.
fn faults_of(f: &FailFixture) -> Vec<Fault> {
    match toolkit::parse(&f.bytes) {
        Ok(_) => panic!("{} was accepted but must be rejected", f.name),
        Err(ToolkitError::Invalid { faults }) => faults,
        Err(e) => panic!("{} could not be read: {e}", f.name),
    }
}

/// The faults reported for a file that must fail, read through `toolkit::load`.
fn faults_of_file(p: &Path) -> Vec<Fault> {
    match toolkit::load(p) {
        Ok(_) => panic!("{} was accepted but must be rejected", name(p)),
        Err(ToolkitError::Invalid { faults }) => faults,
        Err(e) => panic!("{} could not be read: {e}", name(p)),
    }
}

/// Fixtures whose fault concerns the whole file, so `$` is the right path.
const WHOLE_FILE_FAULTS: &[&str] = &[
    "fail_empty_file.json",
    "fail_not_json.json",
    "fail_root_is_array.json",
    "fail_invalid_utf8.json",
    "fail_trailing_comma.json",
];

#[test]
fn every_fail_fixture_is_rejected_with_a_path_naming_the_fault() {
    let all = fail_fixtures();
    assert!(all.len() >= 25, "only {} fail fixtures", all.len());
    let mut report = String::new();
    for f in &all {
        let faults = faults_of(f);
        assert!(!faults.is_empty(), "{}", f.name);
        for fault in &faults {
            assert!(fault.path.starts_with('$'), "{}: {fault}", f.name);
            assert!(
                fault.message.len() > 20,
                "{}: message too short: {fault}",
                f.name
            );
        }
        if !WHOLE_FILE_FAULTS.contains(&f.name.as_str()) {
            assert!(
                faults.iter().any(|fault| fault.path != "$"),
                "{} should name a path deeper than $: {faults:?}",
                f.name
            );
        }
        report.push_str(&format!("{}\n", f.name));
        for fault in &faults {
            report.push_str(&format!("  {fault}\n"));
        }
    }
    insta::assert_snapshot!("fail_fixture_messages", report);
}

/// The failing fixtures as patches: each applies to the base, changes it, and is its own.
mod patches {
    use super::fixture::{base, fail_dir, patches, Op, Patch, BASE};
    use super::*;

    #[test]
    fn the_base_is_written_back_byte_for_byte() {
        // So a patched definition has the layout of a hand-edited copy of the base, and the
        // line and column numbers in parser messages point where they always did.
        let file = std::fs::read(fixtures().join(BASE)).unwrap();
        assert_eq!(
            String::from_utf8(base().to_bytes()).unwrap(),
            String::from_utf8(file).unwrap()
        );
    }

    #[test]
    fn every_patch_applies_cleanly_and_changes_the_base() {
        let base = base();
        let all = patches();
        assert!(all.len() >= 40, "only {} patches", all.len());
        let mut problems = Vec::new();
        for p in &all {
            assert!(
                p.name.starts_with("fail_"),
                "{}: name it fail_<fault>",
                p.name
            );
            assert!(!p.patch.is_empty(), "{} has no operations", p.name);
            let fault = p.fault.trim();
            assert!(
                fault.len() > 10 && !fault.contains('\n'),
                "{}: the fault is one line that says what is wrong: {:?}",
                p.name,
                p.fault
            );
            match p.apply(&base) {
                Err(e) => problems.push(e),
                Ok(doc) if doc == base => {
                    problems.push(format!("{}: the patched definition is the base", p.name))
                }
                Ok(doc) => {
                    // Each operation matters: leaving any one out gives another definition.
                    for i in 0..p.patch.len() {
                        let mut fewer = p.clone();
                        fewer.patch.remove(i);
                        if fewer.apply(&base).is_ok_and(|d| d == doc) {
                            problems.push(format!("{}: operation {i} changes nothing", p.name));
                        }
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn no_two_patches_are_the_same() {
        let base = base();
        let all = patches();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(
                    a.patch, b.patch,
                    "{} and {} hold the same operations",
                    a.name, b.name
                );
                let apply = |p: &Patch| p.apply(&base).unwrap_or_else(|e| panic!("{e}"));
                assert_ne!(
                    apply(a),
                    apply(b),
                    "{} and {} give the same definition",
                    a.name,
                    b.name
                );
                assert_ne!(
                    a.fault, b.fault,
                    "{} and {} describe the same fault",
                    a.name, b.name
                );
            }
        }
    }

    #[test]
    fn raw_fixtures_are_only_bytes_a_patch_cannot_make() {
        // A raw file that parses as a JSON object could have been a patch on the base.
        let raw: Vec<PathBuf> = std::fs::read_dir(fail_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !name(p).ends_with(".patch.json"))
            .collect();
        assert!(raw.len() >= 5, "{raw:?}");
        for p in &raw {
            let bytes = std::fs::read(p).unwrap();
            assert!(
                !matches!(Json::parse(&bytes), Ok(Json::Object(_))),
                "{} is a JSON object: write it as a patch on {BASE}",
                name(p)
            );
        }
    }

    fn patch(ops: serde_json::Value) -> Patch {
        let text = serde_json::json!({ "fault": "a made-up fault for a test", "patch": ops });
        let mut p: Patch = serde_json::from_value(text).unwrap();
        p.name = "fail_made_up".into();
        p
    }

    fn doc(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn an_operation_on_a_path_that_does_not_exist_names_the_patch() {
        let base = base();
        for op in [
            serde_json::json!({ "op": "replace", "path": "/areas/9/title", "value": "x" }),
            serde_json::json!({ "op": "remove", "path": "/no_such_field" }),
            serde_json::json!({ "op": "add", "path": "/areas/9/title", "value": "x" }),
            serde_json::json!({ "op": "add", "path": "/areas/5", "value": {} }),
            serde_json::json!({ "op": "move", "from": "/guidance/1", "path": "/guidance/0" }),
            serde_json::json!({ "op": "copy", "from": "/areas/0/items/7", "path": "/areas/0/items/-" }),
            serde_json::json!({ "op": "replace", "path": "/areas/01", "value": 1 }),
            serde_json::json!({ "op": "replace", "path": "areas", "value": 1 }),
        ] {
            let err = patch(serde_json::json!([op])).apply(&base).unwrap_err();
            assert!(err.starts_with("fail_made_up: operation 0"), "{op}: {err}");
        }
        let unknown = serde_json::json!({ "op": "test", "path": "/id", "value": "x" });
        assert!(serde_json::from_value::<Op>(unknown).is_err());
    }

    #[test]
    fn operations_follow_rfc_6902() {
        // Written as text, not with `json!`, whose objects sort their members.
        let start = doc(r#"{ "a": [1, 2, 3], "b": { "c": 4 }, "d/e": 5 }"#);
        let run = |ops: &str| {
            let ops: serde_json::Value = serde_json::from_str(ops).unwrap();
            patch(ops).apply(&start).map(|d| d.to_bytes())
        };
        let expect = |text: &str| Ok(doc(text).to_bytes());
        // add inserts before an index, appends for "-", and adds a new member last.
        assert_eq!(
            run(r#"[
                { "op": "add", "path": "/a/1", "value": 9 },
                { "op": "add", "path": "/a/-", "value": 8 },
                { "op": "add", "path": "/a/5", "value": 7 },
                { "op": "add", "path": "/b/0", "value": 6 }
            ]"#),
            expect(r#"{ "a": [1, 9, 2, 3, 8, 7], "b": { "c": 4, "0": 6 }, "d/e": 5 }"#)
        );
        // add to an existing member replaces it in place; ~1 is a slash in a member name.
        assert_eq!(
            run(r#"[
                { "op": "add", "path": "/b", "value": [] },
                { "op": "replace", "path": "/d~1e", "value": "x" },
                { "op": "remove", "path": "/a/0" }
            ]"#),
            expect(r#"{ "a": [2, 3], "b": [], "d/e": "x" }"#)
        );
        // move reads its target after the removal; copy leaves the original in place.
        assert_eq!(
            run(r#"[
                { "op": "move", "from": "/a/0", "path": "/a/2" },
                { "op": "copy", "from": "/b", "path": "/a/0" }
            ]"#),
            expect(r#"{ "a": [{ "c": 4 }, 2, 3, 1], "b": { "c": 4 }, "d/e": 5 }"#)
        );
        assert!(run(r#"[{ "op": "move", "from": "/b", "path": "/b/c" }]"#).is_err());
        assert!(run(r#"[{ "op": "remove", "path": "" }]"#).is_err());
    }
}

#[test]
fn every_pass_fixture_loads() {
    let files = fixture_files("pass_");
    assert!(files.len() >= 2);
    for p in &files {
        if let Err(e) = toolkit::load(p) {
            panic!("{} must load: {e}", name(p));
        }
    }
}

#[test]
fn the_fixture_names_the_fault_it_holds() {
    let faults = |n: &str| faults_of(&fail_fixture(n));
    let paths = |n: &str| -> Vec<String> { faults(n).into_iter().map(|f| f.path).collect() };
    assert_eq!(
        paths("fail_wrong_type_area_number.json"),
        ["$.areas[1].number"]
    );
    assert_eq!(
        paths("fail_item_numbers_duplicate.json"),
        ["$.areas[0].items[1].number"]
    );
    assert_eq!(
        paths("fail_missing_descriptor.json"),
        ["$.areas[1].items[1].descriptors"]
    );
    assert_eq!(
        paths("fail_descriptor_level_outside_scale.json"),
        [
            "$.areas[2].items[0].descriptors[4].level",
            "$.areas[2].items[0].descriptors"
        ]
    );
    assert_eq!(
        paths("fail_age_bands_overlap.json"),
        ["$.age_bands[1].from_months"]
    );
    assert_eq!(paths("fail_format_version.json"), ["$.format"]);
    let unknown = faults("fail_unknown_field.json");
    assert!(
        unknown[0].path.starts_with("$.areas[2].items[0]"),
        "{unknown:?}"
    );
    assert!(unknown[0].message.contains("colour"), "{unknown:?}");
    let truncated = faults("fail_truncated.json");
    assert!(
        truncated[0].message.contains("ends too early"),
        "{truncated:?}"
    );
    assert!(truncated[0].path.starts_with("$.areas"), "{truncated:?}");
    assert!(faults("fail_empty_file.json")[0].message.contains("empty"));
    assert!(faults("fail_not_json.json")[0]
        .message
        .contains("not valid JSON"));
}

#[test]
fn every_fault_is_reported_not_just_the_first() {
    let faults = faults_of(&fail_fixture("fail_several_faults_at_once.json"));
    let paths: Vec<&str> = faults.iter().map(|f| f.path.as_str()).collect();
    for expected in [
        "$.id",
        "$.scale.levels[3].colour",
        "$.areas[0].items[0].descriptors",
        "$.areas[1].items[0].number",
        "$.decision_options",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let faults = faults_of_file(&path);
    assert_eq!(faults.len(), 1);
    assert_eq!(faults[0].path, "$");
    assert!(
        faults[0].message.contains(&MAX_FILE_BYTES.to_string()),
        "{faults:?}"
    );
}

#[test]
fn bytes_that_are_not_a_definition_never_panic() {
    let valid = std::fs::read(fixtures().join("pass_five_point_four_areas.json")).unwrap();
    // Every prefix of a valid file, and a few hostile inputs, give an error or a definition.
    for cut in (0..valid.len()).step_by(97) {
        assert!(
            toolkit::parse(&valid[..cut]).is_err(),
            "prefix of {cut} bytes"
        );
    }
    let deep = "[".repeat(100_000);
    for input in [
        &b"\0\0\0"[..],
        b"null",
        b"{}",
        b"1e999",
        deep.as_bytes(),
        b"\"\\ud800\"",
    ] {
        assert!(toolkit::parse(input).is_err());
    }
}

#[test]
fn an_endless_device_is_refused_at_the_size_limit() {
    let faults = faults_of_file(Path::new("/dev/zero"));
    assert_eq!(faults[0].path, "$");
    assert!(faults[0].message.contains("more than"), "{faults:?}");
}

#[test]
fn a_missing_file_is_an_io_error_not_a_fault() {
    let err = toolkit::load(Path::new("/no/such/toolkit.json")).unwrap_err();
    assert!(matches!(err, ToolkitError::Io { .. }), "{err}");
    assert!(err.to_string().contains("/no/such/toolkit.json"));
}

fn five_point() -> ToolkitDefinition {
    toolkit::load(&fixtures().join("pass_five_point_four_areas.json")).unwrap()
}

#[test]
fn a_definition_of_another_shape_loads() {
    let def = five_point();
    assert_eq!(def.scale.levels.len(), 5);
    assert_eq!(def.max_level(), 5);
    assert_eq!(def.areas.len(), 4);
    assert!(def.items().any(|(_, i)| i.scope == Scope::Household));
    assert!(def.items().any(|(_, i)| i.scope == Scope::Child));
    assert_eq!(def.age_bands.len(), 3);
}

#[test]
fn descriptors_for_picks_the_age_banded_text() {
    let def = five_point();
    let item = def.item("2.1").unwrap();
    let text = |months| def.descriptors_for(item, months)[4].text.clone();
    assert!(text(Some(30)).starts_with("Supervision (under-5)"));
    assert!(text(Some(100)).starts_with("Supervision (5-to-12)"));
    assert!(text(Some(200)).starts_with("Supervision (13-plus)"));
    assert!(text(None).starts_with("Supervision:"));
    // 4.1 has descriptors for the youngest band only; older children see the general text.
    let play = def.item("4.1").unwrap();
    assert!(def.descriptors_for(play, Some(12))[0]
        .text
        .starts_with("Play (under-5)"));
    assert!(def.descriptors_for(play, Some(100))[0]
        .text
        .starts_with("Play:"));
}

#[test]
fn the_hash_depends_on_wording_not_layout() {
    let text = std::fs::read_to_string(fixtures().join("pass_five_point_four_areas.json")).unwrap();
    let a = toolkit::parse(text.as_bytes()).unwrap();
    let squashed: String =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    let b = toolkit::parse(squashed.as_bytes()).unwrap();
    assert_eq!(toolkit::content_hash(&a), toolkit::content_hash(&b));
    let reworded = text.replace("Supervision: strong", "Supervision: very strong");
    assert_ne!(reworded, text);
    let c = toolkit::parse(reworded.as_bytes()).unwrap();
    assert_ne!(toolkit::content_hash(&a), toolkit::content_hash(&c));
}

/// The bundled default: the structure other parts of the app rely on.
mod bundled {
    use super::*;

    const ITEMS: &[(&str, &str, Scope)] = &[
        ("1.1", "Food and nutrition", Scope::Child),
        ("1.2", "Home conditions", Scope::Household),
        ("1.3", "Clothing", Scope::Child),
        ("1.4", "Hygiene", Scope::Child),
        ("2.1", "Health care and appointments", Scope::Child),
        ("2.2", "Dental care", Scope::Child),
        ("2.3", "Development and additional needs", Scope::Child),
        ("3.1", "Safety in the home", Scope::Household),
        ("3.2", "Supervision and alternative carers", Scope::Child),
        ("3.3", "Safety outside the home and online", Scope::Child),
        ("4.1", "Warmth and responsiveness", Scope::Child),
        ("4.2", "The parent-child relationship", Scope::Child),
        ("5.1", "Household relationships", Scope::Household),
        ("5.2", "Parental conflict", Scope::Household),
        ("6.1", "Play and stimulation", Scope::Child),
        ("6.2", "Education and attendance", Scope::Child),
        ("6.3", "Boundaries and positive values", Scope::Child),
        ("7.1", "Putting the child's needs first", Scope::Household),
        ("7.2", "Engagement with support", Scope::Household),
        (
            "7.3",
            "Ability to achieve and sustain change",
            Scope::Household,
        ),
    ];

    #[test]
    fn it_has_the_seven_areas_and_exactly_these_items() {
        let def = toolkit::bundled_default();
        assert_eq!(def.id, "ntk-default");
        let areas: Vec<(u32, &str)> = def
            .areas
            .iter()
            .map(|a| (a.number, a.title.as_str()))
            .collect();
        assert_eq!(
            areas,
            [
                (1, "Physical care"),
                (2, "Health"),
                (3, "Safety and supervision"),
                (4, "Emotional care"),
                (5, "Family relationships"),
                (6, "Learning, stimulation and positive values"),
                (7, "The carer's commitment and ability to change"),
            ]
        );
        let items: Vec<(&str, &str, Scope)> = def
            .items()
            .map(|(_, i)| (i.number.as_str(), i.title.as_str(), i.scope))
            .collect();
        assert_eq!(items, ITEMS);
    }

    #[test]
    fn the_scale_has_four_levels_with_readable_colours() {
        let def = toolkit::bundled_default();
        assert_eq!(def.scale.levels.len(), 4);
        assert_eq!(def.scale.concern_from, 3);
        assert!(!def.scale.not_assessed_label.is_empty());
        for l in &def.scale.levels {
            let ratio = contrast_with_black(&l.colour);
            assert!(
                ratio >= 4.5,
                "level {} colour {} contrast {ratio:.2}",
                l.code,
                l.colour
            );
        }
    }

    /// WCAG 2 contrast ratio of black text on `#rrggbb`.
    fn contrast_with_black(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        (l + 0.05) / 0.05
    }

    #[test]
    fn every_descriptor_is_its_own_text() {
        let def = toolkit::bundled_default();
        let mut seen = std::collections::HashSet::new();
        for (_, item) in def.items() {
            assert!(!item.prompts.is_empty(), "{} has no prompts", item.number);
            let all = item
                .descriptors
                .iter()
                .chain(item.age_descriptors.iter().flat_map(|a| &a.descriptors));
            for d in all {
                assert!(d.text.len() > 40, "{}: {:?}", item.number, d.text);
                assert!(
                    seen.insert(d.text.clone()),
                    "{} repeats {:?}",
                    item.number,
                    d.text
                );
            }
        }
    }

    #[test]
    fn age_changes_the_descriptors_where_it_matters() {
        let def = toolkit::bundled_default();
        for number in ["3.2", "3.3", "6.1"] {
            let item = def.item(number).unwrap();
            let baby = def.descriptors_for(item, Some(3))[0].text.clone();
            let teen = def.descriptors_for(item, Some(180))[0].text.clone();
            assert_ne!(baby, teen, "{number}");
            assert_ne!(baby, item.descriptors[0].text, "{number}");
        }
        let labels: Vec<&str> = def.age_bands.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            labels,
            ["unborn", "baby", "young-child", "school-age", "teenager"]
        );
        assert_eq!(
            def.before_birth_band().map(|b| b.id.as_str()),
            Some("unborn")
        );
    }

    #[test]
    fn items_that_need_a_born_child_are_not_offered_before_birth() {
        let def = toolkit::bundled_default();
        let unborn = def.before_birth_band();
        let offered: Vec<&str> = def
            .items()
            .filter(|(_, i)| def.item_applies(i, true, unborn))
            .map(|(_, i)| i.number.as_str())
            .collect();
        for number in ["2.2", "6.2", "1.3", "1.4", "3.2", "6.1"] {
            assert!(!offered.contains(&number), "{number} offered before birth");
        }
        for number in ["1.1", "1.2", "2.1", "5.2", "7.3"] {
            assert!(
                offered.contains(&number),
                "{number} not offered before birth"
            );
        }
        // Every item is offered to a born child of any age.
        for months in [0, 30, 100, 200, 300] {
            let band = def.band_of(false, Some(months));
            assert!(def.items().all(|(_, i)| def.item_applies(i, false, band)));
        }
    }

    #[test]
    fn a_definition_of_the_first_release_still_validates_with_its_hash() {
        // The vault fixture's definition was written in the first release of the format: the
        // format additions are optional, so it still validates, and its canonical form (and so
        // its content hash) carries none of them.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/vault/definition.json");
        let old = toolkit::load(&path).unwrap();
        let canonical = serde_json::to_string(&old).unwrap();
        for key in [
            "before_birth",
            "applies_to",
            "self_placement_from_years",
            "\"applies\"",
            "about_home",
        ] {
            assert!(!canonical.contains(key), "{key}");
        }
        // The bundled default with the additions taken out is the shape of version 2026.1: it
        // validates too.
        let mut older = toolkit::bundled_default();
        older.age_bands.retain(|b| !b.before_birth);
        for area in &mut older.areas {
            for item in &mut area.items {
                item.applies_to = None;
            }
        }
        assert_eq!(toolkit::validate(&older), vec![]);
        assert_eq!(toolkit::bundled_default().version, "2026.3");
    }

    #[test]
    fn parental_conflict_raises_the_domestic_abuse_alert_from_level_three() {
        let def = toolkit::bundled_default();
        let alert = &def.item("5.2").unwrap().alerts[0];
        assert_eq!(alert.id, "domestic-abuse");
        assert_eq!(alert.when_level_at_least, 3);
        assert!(alert.text.contains("DASH"));
        assert_eq!(def.items().map(|(_, i)| i.alerts.len()).sum::<usize>(), 1);
    }

    #[test]
    fn contacts_guidance_decisions_and_notice_are_present() {
        let def = toolkit::bundled_default();
        let phone = |id: &str| {
            def.contacts
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.phone.as_str())
        };
        assert_eq!(phone("emergency"), Some("999"));
        for id in ["mash", "out-of-hours", "early-help", "police-non-emergency"] {
            assert_eq!(
                phone(id),
                Some(""),
                "{id} is left for a partnership to fill"
            );
        }
        let guidance: Vec<&str> = def.guidance.iter().map(|g| g.id.as_str()).collect();
        for id in [
            "hearing-a-baby",
            "hearing-a-young-child",
            "hearing-a-teenager",
            "hearing-a-disabled-child",
            "hearing-a-child-who-does-not-speak-english",
            "poverty-or-neglect",
            "recording-impact",
        ] {
            assert!(guidance.contains(&id), "{id}");
        }
        let poverty = def
            .guidance
            .iter()
            .find(|g| g.id == "poverty-or-neglect")
            .unwrap();
        assert!(poverty
            .text
            .contains("Grade the care given, not the income"));
        let codes: Vec<&str> = def
            .decision_options
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"early-help"));
        let kinds: Vec<_> = def.decision_options.iter().map(|d| d.kind).collect();
        let four: Vec<_> = ntk_core::toolkit::DecisionKind::ALL.map(Some).to_vec();
        assert_eq!(
            kinds, four,
            "one option of each of the four kinds, in order"
        );
        assert!(def.notice.contains("own wording"));
    }
}

#[test]
fn the_example_in_the_format_documentation_is_valid() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/toolkit-format.md"),
    )
    .unwrap();
    let start = doc
        .find("```json\n")
        .expect("the documentation has a JSON example")
        + 8;
    let end = start + doc[start..].find("```").unwrap();
    let def = toolkit::parse(&doc.as_bytes()[start..end]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(def.id, "minimal");
}

/// Whatever bytes arrive, loading gives a definition or faults, and never panics.
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn valid() -> Vec<u8> {
        std::fs::read(fixtures().join("pass_five_point_four_areas.json")).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            // Random bytes are never a valid definition; the fault says where, from `$`.
            match toolkit::parse(&bytes) {
                Err(ToolkitError::Invalid { faults }) => {
                    prop_assert!(!faults.is_empty());
                    prop_assert!(faults[0].path.starts_with('$'));
                }
                other => prop_assert!(false, "unexpected {:?}", other.map(|d| d.id)),
            }
        }

        #[test]
        fn a_valid_file_with_bytes_changed(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
            let mut bytes = valid();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if let Err(ToolkitError::Invalid { faults }) = toolkit::parse(&bytes) {
                prop_assert!(!faults.is_empty());
                prop_assert!(faults.iter().all(|f| f.path.starts_with('$')));
            }
        }

        #[test]
        fn a_valid_file_with_numbers_changed(
            level_code in any::<u8>(),
            levels in 0usize..12,
            concern in any::<u8>(),
            descriptor_level in any::<u8>(),
            from in any::<u32>(),
            to in proptest::option::of(any::<u32>()),
            area in any::<u32>(),
        ) {
            let mut def: ToolkitDefinition = serde_json::from_slice(&valid()).unwrap();
            def.scale.levels.truncate(levels);
            if let Some(l) = def.scale.levels.first_mut() {
                l.code = level_code;
            }
            def.scale.concern_from = concern;
            def.areas[0].items[0].descriptors[0].level = descriptor_level;
            def.age_bands[1].from_months = from;
            def.age_bands[1].to_months = to;
            def.areas[1].number = area;
            let faults = ntk_core::toolkit::validate(&def);
            let json = serde_json::to_vec(&def).unwrap();
            match toolkit::parse(&json) {
                Ok(_) => prop_assert!(faults.is_empty()),
                Err(ToolkitError::Invalid { faults: found }) => prop_assert_eq!(found, faults),
                Err(e) => prop_assert!(false, "unexpected error {}", e),
            }
        }
    }
}
