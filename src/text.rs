//! Free text as it enters the core. Bidirectional control characters (the embeddings,
//! overrides and isolates U+202A-U+202E and U+2066-U+2069, and the marks U+200E, U+200F and
//! U+061C) can make text display in an order other than the one it is stored in, so a name or a
//! note could read differently on screen and on the sheet from what was typed. They are removed
//! from every free-text field before it is checked and saved; the letters of right-to-left
//! scripts are untouched and still display in the right order by themselves.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Whether `c` is one of the bidirectional control characters removed on input.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// `s` without its bidirectional control characters.
pub fn strip_bidi(s: &str) -> String {
    s.chars().filter(|c| !is_bidi_control(*c)).collect()
}

/// `v` with the bidirectional control characters removed from every string it holds (every
/// free-text field, however deeply nested). The one function every setter of the core passes
/// its input through. A value without any is returned as it is.
pub fn without_bidi_controls<T: Serialize + DeserializeOwned>(v: T) -> T {
    let Ok(json) = serde_json::to_string(&v) else {
        return v;
    };
    if !json.chars().any(is_bidi_control) {
        return v;
    }
    // The JSON form writes these characters as they are (never escaped), and only inside
    // strings, so removing them from the text removes them from the strings alone.
    serde_json::from_str(&strip_bidi(&json)).unwrap_or(v)
}

/// Whether any string `v` holds has a bidirectional control character. For text that cannot be
/// cleaned where it enters because a content hash binds it (a definition carried inside a JSON
/// export or a hand-over): such text is refused with a clear error instead.
pub fn holds_bidi_controls<T: Serialize>(v: &T) -> bool {
    serde_json::to_string(v).is_ok_and(|json| json.chars().any(is_bidi_control))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bidi_control_is_removed_and_other_text_kept() {
        let controls = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ];
        for c in controls {
            assert!(is_bidi_control(c), "{:04X}", c as u32);
            assert_eq!(strip_bidi(&format!("a{c}b")), "ab");
        }
        for c in [
            '\u{2029}', '\u{2065}', '\u{206A}', '\u{200D}', '\u{0627}', 'é',
        ] {
            assert!(!is_bidi_control(c), "{:04X}", c as u32);
        }
        // Right-to-left letters stay, in their order.
        assert_eq!(strip_bidi("سارة \u{202E}Cohen"), "سارة Cohen");
    }

    #[test]
    fn nested_strings_are_cleaned_and_a_clean_value_is_unchanged() {
        #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
        struct Inner {
            note: Option<String>,
            tags: Vec<String>,
        }
        #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
        struct Outer {
            name: String,
            n: u32,
            inner: Vec<Inner>,
        }
        let hostile = Outer {
            name: "Smith\u{202E}gnp.exe".into(),
            n: 7,
            inner: vec![Inner {
                note: Some("\u{2067}שלום\u{2069} \"quoted\" \\ end\u{200F}".into()),
                tags: vec!["\u{061C}x".into()],
            }],
        };
        let clean = without_bidi_controls(hostile);
        assert_eq!(
            clean,
            Outer {
                name: "Smithgnp.exe".into(),
                n: 7,
                inner: vec![Inner {
                    note: Some("שלום \"quoted\" \\ end".into()),
                    tags: vec!["x".into()],
                }],
            }
        );
        let again = without_bidi_controls(Outer {
            name: "Plain".into(),
            n: 1,
            inner: vec![],
        });
        assert_eq!(again.name, "Plain");
    }
}
