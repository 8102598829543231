//! Right-to-left text and shaping for the summary sheet.
//!
//! Arabic (and so Urdu) letters join and change form with their neighbours, and Arabic and
//! Hebrew are written right to left, often mixed with left-to-right names, numbers and
//! punctuation on one line. A line holding any such text is drawn in three steps:
//!
//! 1. the Unicode bidirectional algorithm (unicode-bidi) splits the line, which is stored and
//!    wrapped in logical (typing) order, into runs in visual order, each left to right or right
//!    to left;
//! 2. each run is cut where the font changes: Arabic letters are set in Noto Sans Arabic, Hebrew
//!    in Noto Sans Hebrew, the rest in DejaVu Sans;
//! 3. the Arabic and Hebrew pieces are shaped (rustybuzz) into glyphs with their advances and
//!    drawn as glyph ids, each glyph carrying the text it stands for, so the file's ToUnicode
//!    map lets a reader (pdftotext, copy and paste, a screen reader) extract the text in
//!    logical order.
//!
//! Lines without such text keep the plain path (text drawn as it is, widths from the font's
//! advances), so a sheet in English costs nothing more.

use printpdf::{Codepoint, TextItem};
use rustybuzz::{BufferClusterLevel, Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;

use super::layout::{Face, Fonts};

/// Whether `c` is a letter or mark of a right-to-left script the sheet shapes (Hebrew, Arabic,
/// with Urdu's and Persian's letters and the presentation forms).
pub(crate) fn is_complex(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{05FF}'
        | '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FB4F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Whether a line needs the bidirectional and shaping path.
pub(crate) fn needs_shaping(s: &str) -> bool {
    s.chars().any(is_complex)
}

/// A piece of a line, in visual order, with its width in ems.
pub(crate) enum Piece<'f> {
    /// Text drawn as it is in a face without shaping (DejaVu Sans).
    Plain {
        face: &'f Face,
        text: String,
        width: f32,
    },
    /// Shaped glyphs, positioned with the adjustments a PDF text array holds.
    Glyphs {
        face: &'f Face,
        items: Vec<TextItem>,
        width: f32,
    },
}

impl Piece<'_> {
    pub(crate) fn width(&self) -> f32 {
        match self {
            Piece::Plain { width, .. } | Piece::Glyphs { width, .. } => *width,
        }
    }
}

impl Fonts {
    /// The face a character is set in: Arabic and Hebrew letters in their Noto face; spaces
    /// and punctuation between such letters stay in that face when it has them (so a phrase
    /// is shaped as one); everything else in DejaVu Sans.
    fn face_for<'f>(&'f self, c: char, bold: bool, prev: Option<&'f Face>) -> &'f Face {
        if is_complex(c) {
            if self.arabic.has(c) {
                return &self.arabic;
            }
            if self.hebrew.has(c) {
                return &self.hebrew;
            }
        }
        if !c.is_alphanumeric() {
            if let Some(p) = prev.filter(|p| p.shaper.is_some() && p.has(c)) {
                return p;
            }
        }
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Lay out one line (no line breaks) for drawing: its pieces in visual order.
    pub(crate) fn pieces(&self, line: &str, bold: bool) -> Vec<Piece<'_>> {
        // The sheet reads left to right: a line that starts with a right-to-left name keeps
        // the rest of the line in its place.
        let info = BidiInfo::new(line, Some(unicode_bidi::Level::ltr()));
        let mut out = Vec::new();
        let Some(para) = info.paragraphs.first() else {
            return out;
        };
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            // Cut the run where the face changes, in logical order.
            let mut segments: Vec<(&Face, &str)> = Vec::new();
            let mut start = run.start;
            let mut current: Option<&Face> = None;
            for (i, c) in line[run.clone()].char_indices() {
                let at = run.start + i;
                let face = self.face_for(c, bold, current);
                if let Some(cur) = current {
                    if !std::ptr::eq(cur, face) {
                        segments.push((cur, &line[start..at]));
                        start = at;
                    }
                }
                current = Some(face);
            }
            if let Some(cur) = current {
                segments.push((cur, &line[start..run.end]));
            }
            if rtl {
                segments.reverse();
            }
            for (face, text) in segments {
                out.push(match &face.shaper {
                    Some(_) => shaped(face, text, rtl),
                    None => {
                        let text: String = if rtl {
                            text.chars().rev().map(mirrored).collect()
                        } else {
                            text.to_string()
                        };
                        let width = face.width(&text, 1.0);
                        Piece::Plain { face, text, width }
                    }
                });
            }
        }
        out
    }

    /// Width in ems of a line laid out by [`Fonts::pieces`].
    pub(crate) fn shaped_width(&self, line: &str, bold: bool) -> f32 {
        self.pieces(line, bold).iter().map(Piece::width).sum()
    }
}

/// A bracket drawn in a right-to-left run faces the other way.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        c => c,
    }
}

/// Shape `text` in `face` and turn the glyphs into a PDF text array: glyph ids, each with the
/// characters it stands for (for the ToUnicode map), and the adjustments that move each glyph
/// from where the font's own advance would leave it to where shaping put it.
fn shaped<'f>(face: &'f Face, text: &str, rtl: bool) -> Piece<'f> {
    let shaper = face.shaper.as_ref().expect("a shaped face has a shaper");
    let mut buf = UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buf.set_cluster_level(BufferClusterLevel::Characters);
    let out = rustybuzz::shape(shaper, &[], buf);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    let upem = f32::from(face.parsed.units_per_em);
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut given = vec![false; starts.len()];

    let mut glyphs: Vec<Codepoint> = Vec::with_capacity(infos.len());
    let mut lead = 0.0f32;
    // Pen positions in font units: `sum` where shaping puts the next glyph's origin, `pen` where
    // the PDF viewer will, after the font's own advance.
    let mut sum = 0.0f32;
    let mut pen = 0.0f32;
    for (info, pos) in infos.iter().zip(positions) {
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        let at = sum + pos.x_offset as f32;
        let shift = (at - pen) * 1000.0 / upem;
        match glyphs.last_mut() {
            Some(prev) => prev.offset -= shift,
            None => lead = -shift,
        }
        let cluster = info.cluster as usize;
        let k = starts.binary_search(&cluster).unwrap_or(0);
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        // A glyph standing for several characters (a ligature such as lam with alef) in a
        // right-to-left run carries them in visual order: readers that extract text reverse
        // each right-to-left word character by character, which puts them back in logical
        // order.
        let chars = if given[k] {
            None
        } else {
            given[k] = true;
            text.get(cluster..end).map(|t| {
                if rtl {
                    t.chars().rev().collect()
                } else {
                    t.to_string()
                }
            })
        };
        let nominal = f32::from(face.parsed.get_glyph_width(gid).unwrap_or(0));
        glyphs.push(Codepoint {
            gid,
            offset: 0.0,
            cid: chars,
        });
        pen = at + nominal;
        sum += pos.x_advance as f32;
    }
    if let Some(last) = glyphs.last_mut() {
        last.offset -= (sum - pen) * 1000.0 / upem;
    }
    let mut items = Vec::with_capacity(2);
    if lead != 0.0 {
        items.push(TextItem::Offset(lead));
    }
    items.push(TextItem::GlyphIds(glyphs));
    Piece::Glyphs {
        face,
        items,
        width: sum / upem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::fonts;

    /// The glyphs of a piece and the text each carries, in drawing order.
    fn glyphs<'a>(p: &'a Piece) -> Vec<&'a Codepoint> {
        match p {
            Piece::Glyphs { items, .. } => items
                .iter()
                .flat_map(|i| match i {
                    TextItem::GlyphIds(g) => g.iter().collect(),
                    _ => Vec::new(),
                })
                .collect(),
            Piece::Plain { .. } => Vec::new(),
        }
    }

    #[test]
    fn arabic_letters_join_and_their_text_reads_back_in_logical_order() {
        let f = fonts().unwrap();
        let word = "ليلى";
        let pieces = f.pieces(word, false);
        assert_eq!(pieces.len(), 1);
        let g = glyphs(&pieces[0]);
        // Joined forms are other glyphs than the letters' own (isolated) ones.
        let isolated: Vec<u16> = word
            .chars()
            .filter_map(|c| f.arabic.parsed.lookup_glyph_index(c as u32))
            .collect();
        assert!(g.iter().any(|cp| !isolated.contains(&cp.gid)), "not shaped");
        // Drawn right to left: the texts, read from the right, character by character, give
        // the word.
        let back: String = g
            .iter()
            .rev()
            .flat_map(|cp| {
                cp.cid
                    .clone()
                    .unwrap_or_default()
                    .chars()
                    .rev()
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(back, word);
        assert!(pieces[0].width() > 0.5);
    }

    #[test]
    fn a_mixed_line_keeps_the_latin_in_place_and_reverses_the_hebrew() {
        let f = fonts().unwrap();
        let pieces = f.pieces("Said: שלום today", false);
        let kinds: Vec<&str> = pieces
            .iter()
            .map(|p| match p {
                Piece::Plain { text, .. } => text.as_str(),
                Piece::Glyphs { .. } => "<glyphs>",
            })
            .collect();
        assert_eq!(kinds, ["Said: ", "<glyphs>", " today"]);
        let text: String = glyphs(&pieces[1])
            .iter()
            .filter_map(|cp| cp.cid.clone())
            .collect();
        assert_eq!(text, "םולש", "drawn in visual order");
        assert!(!needs_shaping("Zoë Łukasz"));
        assert!(needs_shaping("Zoë حسن"));
    }
}
