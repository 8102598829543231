//! An assessment completed on the default definition's version 2026.2 (the demo household,
//! stored as JSON) still renders exactly as it did when that version was current: its stored
//! definition loads and keeps its content hash, and the sheet's text is the text recorded then.
//! `NTK_UPDATE_OLD_VERSION=1` writes the fixtures; only ever run it to start a new version's.
//! `NTK_UPDATE_OLD_VERSION_SHEET=1` records the sheet's text alone, after a change of layout.

use super::{body_text, tool};
use chrono::{DateTime, TimeZone, Utc};
use ntk_core::assessment::{Assessment, Household};
use ntk_core::export::{summary_sheet, SheetInput};
use ntk_core::summary::summarise;
use ntk_core::toolkit::{self, content_hash};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/old-version")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

/// The content hash version 2026.2 of the default definition was stored under.
const OLD_HASH: &str = include_str!("../../fixtures/old-version/hash.txt");

#[test]
fn an_assessment_on_the_old_default_renders_as_it_was_completed() {
    let def = toolkit::load(&dir().join("ntk-default-2026.2.json")).unwrap();
    assert_eq!(def.version, "2026.2");
    let update = std::env::var_os("NTK_UPDATE_OLD_VERSION").is_some();
    if update {
        let d = ntk_core::demo::demo(&def, now(), &mut ntk_core::SeededEntropy::new(5));
        let mut a = d.initial.clone();
        a.definition.hash = content_hash(&def);
        std::fs::write(dir().join("hash.txt"), content_hash(&def)).unwrap();
        std::fs::write(
            dir().join("household.json"),
            serde_json::to_string_pretty(&d.household).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir().join("assessment.json"),
            serde_json::to_string_pretty(&a).unwrap(),
        )
        .unwrap();
    }
    assert_eq!(
        content_hash(&def),
        OLD_HASH.trim(),
        "the old definition's hash moved"
    );
    let h: Household =
        serde_json::from_slice(&std::fs::read(dir().join("household.json")).unwrap()).unwrap();
    let a: Assessment =
        serde_json::from_slice(&std::fs::read(dir().join("assessment.json")).unwrap()).unwrap();
    assert_eq!(a.definition.hash, OLD_HASH.trim());
    let summary = summarise(&a, &h, &def);
    let bytes = summary_sheet(&SheetInput {
        household: &h,
        assessment: &a,
        summary: &summary,
        definition: &def,
        comparison: None,
        previous: None,
        sustained: None,
        trend: None,
        contacts: &def.contacts,
        created_at: now(),
    })
    .unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-sheet-old-version.pdf");
    ntk_core::export::write_atomic(&path, &bytes).unwrap();
    let text = body_text(&tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"]));
    let expected = dir().join("sheet.txt");
    // After a deliberate change of the sheet's layout (never of a definition),
    // `NTK_UPDATE_OLD_VERSION_SHEET=1` records the sheet's text again.
    if update || std::env::var_os("NTK_UPDATE_OLD_VERSION_SHEET").is_some() {
        std::fs::write(&expected, &text).unwrap();
    }
    assert_eq!(text, std::fs::read_to_string(expected).unwrap());
    assert_ne!(
        content_hash(&toolkit::bundled_default()),
        OLD_HASH.trim(),
        "the bundled default is a new version"
    );
}
