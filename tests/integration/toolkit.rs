//! Integration tests of `ntk_core::toolkit`: the bundled default, the second definition of
//! another shape, every fixture under `tests/fixtures/toolkit`, and the JSON Schema.

mod cli;
mod schema;

use ntk_core::toolkit::{self, Fault, Scope, ToolkitDefinition, ToolkitError, MAX_FILE_BYTES};
use std::path::{Path, PathBuf};

/// The folder of toolkit fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toolkit")
}

/// Every fixture whose name starts with `prefix`, sorted by name.
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

/// The faults reported for a file that must fail.
fn faults_of(p: &Path) -> Vec<Fault> {
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
    let files = fixture_files("fail_");
    assert!(files.len() >= 25, "only {} fail fixtures", files.len());
    let mut report = String::new();
    for p in &files {
        let faults = faults_of(p);
        assert!(!faults.is_empty(), "{}", name(p));
        for f in &faults {
            assert!(f.path.starts_with('$'), "{}: {f}", name(p));
            assert!(f.message.len() > 20, "{}: message too short: {f}", name(p));
        }
        if !WHOLE_FILE_FAULTS.contains(&name(p)) {
            assert!(
                faults.iter().any(|f| f.path != "$"),
                "{} should name a path deeper than $: {faults:?}",
                name(p)
            );
        }
        report.push_str(&format!("{}\n", name(p)));
        for f in &faults {
            report.push_str(&format!("  {f}\n"));
        }
    }
    insta::assert_snapshot!("fail_fixture_messages", report);
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
    let faults = |n: &str| faults_of(&fixtures().join(n));
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
    let faults = faults_of(&fixtures().join("fail_several_faults_at_once.json"));
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
    let faults = faults_of(&path);
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
    let faults = faults_of(Path::new("/dev/zero"));
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
        assert_eq!(labels, ["baby", "young-child", "school-age", "teenager"]);
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
        assert!(
            codes.contains(&"early-help") && codes.contains(&"referral-to-childrens-social-care")
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
