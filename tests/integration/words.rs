//! Integration tests of `ntk_core::words`: the interface states none of the phrases the rules
//! produce (it shows the core's strings), and the stand-in backend of the browser tests serves
//! assessment views the core made (`words/ui_fixtures.rs`).

#[path = "words/ui_fixtures.rs"]
mod ui_fixtures;

use ntk_core::words::fixed_phrases;
use std::path::{Path, PathBuf};

/// Phrases the rules produce that are also ordinary interface chrome, with the reason each may
/// appear under `ui/`. Every other phrase of [`fixed_phrases`] must not appear anywhere there.
const CHROME_TOO: &[(&str, &str)] = &[
    (
        "Review",
        "a kind word, and also the chrome of buttons and headings (\"Start a review\", \"Review summary\")",
    ),
    (
        "Not assessed",
        "a change word with the same wording as the definition's not-assessed label, which views \
         name in comments about the \"not assessed\" option",
    ),
    (
        "The household",
        "the subject of household prompts, and also ordinary words of the household page \
         (\"Save the household\")",
    ),
];

fn ui_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

/// Every file under `dir`, recursively, in a stable order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Whether `text` holds `phrase` as words of its own, not as part of a longer word or identifier
/// (`change-improved`, a CSS class made from the serde key, is not the word "Improved"). A phrase
/// of several words is found in any case ("in progress" restates "In progress"); a single word
/// only as the core writes it, capitalised, because in lower case it is the serde key the
/// interface branches on (`improved: '▼'`).
fn holds(text: &str, phrase: &str) -> bool {
    let (text, phrase) = if phrase.contains(' ') {
        (text.to_lowercase(), phrase.to_lowercase())
    } else {
        (text.to_string(), phrase.to_string())
    };
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
    text.match_indices(&phrase).any(|(i, _)| {
        !ident(text[..i].chars().next_back()) && !ident(text[i + phrase.len()..].chars().next())
    })
}

/// Each (file, phrase) where a file under `root` holds one of `phrases` ([`holds`]).
fn occurrences(root: &Path, phrases: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for f in files_under(root) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue; // not text (an icon, a font): it cannot hold a phrase
        };
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for p in phrases {
            if holds(&text, p) {
                found.push((rel.clone(), (*p).to_string()));
            }
        }
    }
    found
}

#[test]
fn no_file_under_ui_states_a_phrase_the_rules_produce() {
    let root = ui_root();
    assert!(
        root.join("views").join("summary.js").is_file(),
        "the interface was found"
    );
    let checked: Vec<&str> = fixed_phrases()
        .iter()
        .copied()
        .filter(|p| !CHROME_TOO.iter().any(|(c, _)| c == p))
        .collect();
    let found: Vec<String> = occurrences(&root, &checked)
        .into_iter()
        .map(|(file, phrase)| format!("ui/{file}: \"{phrase}\""))
        .collect();
    assert!(
        found.is_empty(),
        "the interface restates words the core composes; show the core's strings instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_exemptions_name_real_phrases_with_reasons() {
    for (phrase, reason) in CHROME_TOO {
        assert!(
            fixed_phrases().contains(phrase),
            "{phrase} is not a phrase of the core"
        );
        assert!(reason.len() > 20, "{phrase} needs a reason");
        // Only short, everyday wording may be exempt.
        assert!(
            phrase.split_whitespace().count() <= 2,
            "{phrase} is too long to exempt"
        );
    }
}

#[test]
fn a_phrase_is_found_as_words_not_inside_an_identifier() {
    assert!(holds("text: 'Improved'", "Improved"));
    assert!(!holds("{ improved: '▼' }", "Improved"), "a serde key");
    assert!(!holds(".change-improved {", "Improved"));
    assert!(holds("'in progress'", "In progress"));
    assert!(holds("IN PROGRESS", "In progress"));
    assert!(!holds("unimproved", "Improved"));
    assert!(!holds("improved_by", "Improved"));
    assert!(holds("Not assessed this time.", "Not assessed this time"));
}

#[test]
fn the_search_finds_a_restated_phrase_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("views")).unwrap();
    std::fs::write(
        dir.path().join("views").join("x.js"),
        "const W = { no_longer_assessed: 'not assessed THIS time', c: 'change-worse', w: 'Worse' };",
    )
    .unwrap();
    std::fs::write(dir.path().join("icon.png"), [0xff, 0xfe, 0x00, 0x81]).unwrap();
    let found = occurrences(dir.path(), fixed_phrases());
    assert_eq!(
        found,
        vec![
            ("views/x.js".to_string(), "Worse".to_string()),
            (
                "views/x.js".to_string(),
                "Not assessed this time".to_string()
            ),
            ("views/x.js".to_string(), "Not assessed".to_string()),
        ]
    );
}
