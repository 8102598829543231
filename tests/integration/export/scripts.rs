//! Every script prints: Arabic and Hebrew are shaped and extracted in logical order, and a
//! character no bundled font has prints as a visible mark and is named by the export.

use super::{fixture, tool};
use ntk_core::export::{self, draw_sheet};
use std::path::Path;

/// An Arabic name (joined letters, right to left), an Urdu word, and a Hebrew word.
const ARABIC_NAME: &str = "ليلى حسن";
const URDU_WORD: &str = "خوش آمدید";
const HEBREW_WORD: &str = "שלום";

/// Whitespace runs as one space, and the direction marks pdftotext puts around right-to-left
/// text dropped.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn write(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    export::write_atomic(&p, bytes).unwrap();
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    p
}

#[test]
fn arabic_urdu_and_hebrew_are_extracted_in_logical_order() {
    let mut fx = fixture::full();
    fx.household.children[0].name = ARABIC_NAME.into();
    fx.review.carer_view =
        format!("Said at the visit: {URDU_WORD}, and {HEBREW_WORD} to the baby.");
    let drawn = draw_sheet(&fx.input(), None).unwrap();
    assert!(drawn.missing.is_empty(), "{:?}", drawn.missing);
    let p = write("summary-sheet-scripts.pdf", &drawn.bytes);
    let first = normalise(&tool(
        "pdftotext",
        &["-f", "1", "-l", "1", p.to_str().unwrap(), "-"],
    ));
    assert!(first.contains(ARABIC_NAME), "{first}");
    let all = normalise(&tool("pdftotext", &[p.to_str().unwrap(), "-"]));
    for w in [URDU_WORD, HEBREW_WORD] {
        assert!(all.contains(w), "{w} not extracted in logical order");
    }
    // The Arabic and Hebrew faces are embedded.
    let fonts = tool("pdffonts", &[p.to_str().unwrap()]);
    for face in ["NotoSansArabic", "NotoSansHebrew"] {
        assert!(fonts.contains(face), "{fonts}");
    }
}

#[test]
fn a_sheet_in_english_embeds_no_arabic_or_hebrew_font() {
    let e = super::exported();
    let fonts = tool("pdffonts", &[e.path.to_str().unwrap()]);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    assert!(!fonts.contains("Noto"), "{fonts}");
}

#[test]
fn a_character_no_font_has_prints_a_box_and_is_named() {
    let mut fx = fixture::full();
    // DejaVu Sans has the emoticons (U+1F600 to U+1F64F) but not this one.
    fx.household.children[0].name = "Mia \u{1F9D2} Test".into();
    fx.review.analysis = "Drew a \u{1F308}\u{FE0F} and wrote 名前.".into();
    let drawn = draw_sheet(&fx.input(), None).unwrap();
    assert_eq!(drawn.missing, vec!['前', '名', '\u{1F308}', '\u{1F9D2}']);
    let p = write("summary-sheet-missing-characters.pdf", &drawn.bytes);
    let text = tool("pdftotext", &[p.to_str().unwrap(), "-"]);
    assert!(text.contains("Mia \u{25A1} Test"), "{text}");
    assert!(!text.contains('\u{1F9D2}'));
    let warning = ntk_core::words::missing_characters_text(&drawn.missing).unwrap();
    assert!(warning.contains("\u{1F9D2} (U+1F9D2)"), "{warning}");
    assert!(ntk_core::words::missing_characters_text(&[]).is_none());
}
