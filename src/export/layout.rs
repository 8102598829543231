//! A small page-layout engine for the summary sheet. printpdf without its HTML feature draws
//! text only where it is told to, so this module measures every line with the embedded font's
//! glyph advances, wraps it, and places it on A4 pages, starting a new page whenever the next
//! line, row or heading (with the lines that follow it) would cross the bottom margin.
//!
//! Everything is in PDF points, y measured from the bottom of the page.

use printpdf::{Color, FontId, Op, ParsedFont, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::ExportError;

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// Left and right margin.
pub(crate) const MARGIN_X: f32 = 42.0;
/// The y of the top of the content area (below the protective marking).
pub(crate) const TOP: f32 = PAGE_H - 56.0;
/// The y of the bottom of the content area (above the footer).
pub(crate) const BOTTOM: f32 = 60.0;
/// Width of the content area.
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const ARABIC_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
const HEBREW_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");

/// An embedded face: the parsed font (for glyph lookups and advances) and its fixed resource id,
/// fixed so that the same input gives the same bytes.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    pub(crate) id: FontId,
    /// For the faces whose scripts are shaped (Arabic, Hebrew): the shaping engine's view.
    pub(crate) shaper: Option<rustybuzz::Face<'static>>,
    replacement: char,
    /// Advances in ems of the Basic Multilingual Plane, looked up once (NaN: not in the font).
    bmp: Vec<f32>,
}

impl Face {
    fn load(
        bytes: &'static [u8],
        name: &'static str,
        face: &str,
        id: &str,
        shaped: bool,
    ) -> Result<Face, ExportError> {
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .filter(|f| !f.codepoint_to_glyph.is_empty() && f.units_per_em > 0)
            .ok_or(ExportError::Font { name })?;
        parsed.font_name = Some(face.to_string());
        // A white square marks a character no bundled font has.
        let replacement = ['\u{25A1}', '\u{FFFD}']
            .into_iter()
            .find(|c| parsed.lookup_glyph_index(*c as u32).is_some())
            .unwrap_or('?');
        let shaper = if shaped {
            Some(rustybuzz::Face::from_slice(bytes, 0).ok_or(ExportError::Font { name })?)
        } else {
            None
        };
        let upem = f32::from(parsed.units_per_em);
        let bmp = (0..=0xFFFFu32)
            .map(|cp| match parsed.lookup_glyph_index(cp) {
                Some(gid) => f32::from(parsed.get_glyph_width(gid).unwrap_or(0)) / upem,
                None => f32::NAN,
            })
            .collect();
        Ok(Face {
            parsed,
            id: FontId(id.to_string()),
            shaper,
            replacement,
            bmp,
        })
    }

    pub(crate) fn has(&self, c: char) -> bool {
        match self.bmp.get(c as usize) {
            Some(w) => !w.is_nan(),
            None => self.parsed.lookup_glyph_index(c as u32).is_some(),
        }
    }

    /// Advance of one character in ems.
    fn advance(&self, c: char) -> f32 {
        match self.bmp.get(c as usize) {
            Some(w) if !w.is_nan() => *w,
            _ => {
                let gid = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
                f32::from(self.parsed.get_glyph_width(gid).unwrap_or(0))
                    / f32::from(self.parsed.units_per_em)
            }
        }
    }

    /// Width of `s` at `size` points.
    pub(crate) fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// The regular and bold faces, and the faces for Arabic and Hebrew (regular only: a bold line
/// in those scripts is set in the regular weight).
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
    pub(crate) arabic: Face,
    pub(crate) hebrew: Face,
}

/// The fonts, parsed once per process.
pub(crate) fn fonts() -> Result<&'static Fonts, ExportError> {
    static FONTS: OnceLock<Result<Fonts, ExportError>> = OnceLock::new();
    let loaded = FONTS.get_or_init(|| {
        Ok(Fonts {
            regular: Face::load(REGULAR_TTF, "DejaVuSans.ttf", "DejaVuSans", "F1", false)?,
            bold: Face::load(
                BOLD_TTF,
                "DejaVuSans-Bold.ttf",
                "DejaVuSans-Bold",
                "F2",
                false,
            )?,
            arabic: Face::load(
                ARABIC_TTF,
                "NotoSansArabic-Regular.ttf",
                "NotoSansArabic",
                "F3",
                true,
            )?,
            hebrew: Face::load(
                HEBREW_TTF,
                "NotoSansHebrew-Regular.ttf",
                "NotoSansHebrew",
                "F4",
                true,
            )?,
        })
    });
    match loaded {
        Ok(f) => Ok(f),
        Err(ExportError::Font { name }) => Err(ExportError::Font { name }),
        Err(_) => Err(ExportError::Font {
            name: "DejaVuSans.ttf",
        }),
    }
}

impl Fonts {
    /// Every face, in the order they are embedded.
    pub(crate) fn all(&self) -> [&Face; 4] {
        [&self.regular, &self.bold, &self.arabic, &self.hebrew]
    }

    /// [`Fonts::clean_noting`], without noting the missing characters.
    #[cfg(test)]
    pub(crate) fn clean(&self, s: &str) -> String {
        self.clean_noting(s, &mut BTreeSet::new())
    }

    /// Make text safe to draw: line breaks normalised, tabs and other control characters turned
    /// into spaces, invisible direction, joiner and variation marks dropped, and characters no
    /// bundled font has replaced by a visible mark (a white square) and added to `missing`.
    /// Right-to-left text keeps its logical order here; it is reordered and shaped when drawn.
    pub(crate) fn clean_noting(&self, s: &str, missing: &mut BTreeSet<char>) -> String {
        let s = s.replace("\r\n", "\n");
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\n' => out.push('\n'),
                '\r' => out.push('\n'),
                c if c.is_control() => out.push(' '),
                '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{E0100}'..='\u{E01EF}' => {}
                c if c.is_whitespace() => out.push(' '),
                c if super::shaping::is_complex(c)
                    && (self.arabic.has(c) || self.hebrew.has(c)) =>
                {
                    out.push(c)
                }
                c if self.regular.has(c) => out.push(c),
                c => {
                    missing.insert(c);
                    out.push(self.regular.replacement);
                }
            }
        }
        out
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) bold: bool,
    pub(crate) size: f32,
    pub(crate) colour: (f32, f32, f32),
}

impl Style {
    pub(crate) const fn body() -> Style {
        Style {
            bold: false,
            size: 9.0,
            colour: (0.0, 0.0, 0.0),
        }
    }
    pub(crate) const fn bold(size: f32) -> Style {
        Style {
            bold: true,
            size,
            colour: (0.0, 0.0, 0.0),
        }
    }
    pub(crate) const fn regular(size: f32) -> Style {
        Style {
            bold: false,
            size,
            colour: (0.0, 0.0, 0.0),
        }
    }
    pub(crate) const fn with_colour(mut self, colour: (f32, f32, f32)) -> Style {
        self.colour = colour;
        self
    }
    pub(crate) fn line_height(&self) -> f32 {
        self.size * 1.32
    }
}

/// One cell of a table row.
pub(crate) struct Cell {
    pub(crate) width: f32,
    pub(crate) text: String,
    pub(crate) style: Style,
    pub(crate) fill: Option<(f32, f32, f32)>,
}

const CELL_PAD: f32 = 3.0;

/// The pages being laid out.
pub(crate) struct Doc {
    pub(crate) fonts: &'static Fonts,
    pub(crate) pages: Vec<Vec<Op>>,
    y: f32,
    /// Characters no bundled font has, met while laying out (printed as a white square).
    missing: RefCell<BTreeSet<char>>,
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

impl Doc {
    pub(crate) fn new(fonts: &'static Fonts) -> Doc {
        Doc {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
            missing: RefCell::new(BTreeSet::new()),
        }
    }

    fn face(&self, style: &Style) -> &Face {
        if style.bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    /// Make text safe to draw ([`Fonts::clean_noting`]), noting the characters no font has.
    pub(crate) fn clean(&self, s: &str) -> String {
        self.fonts.clean_noting(s, &mut self.missing.borrow_mut())
    }

    /// The characters no bundled font has that the sheet met, in code point order.
    pub(crate) fn missing(&self) -> Vec<char> {
        self.missing.borrow().iter().copied().collect()
    }

    /// Width of already-cleaned text (shaped, where it holds right-to-left scripts).
    pub(crate) fn width(&self, s: &str, style: &Style) -> f32 {
        if super::shaping::needs_shaping(s) {
            self.fonts.shaped_width(s, style.bold) * style.size
        } else {
            self.face(style).width(s, style.size)
        }
    }

    /// Start a new page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Start a new page unless the current one is still empty.
    pub(crate) fn fresh_page(&mut self) {
        if !self.pages.last().is_some_and(Vec::is_empty) {
            self.new_page();
        }
    }

    /// Make sure `h` points fit below the cursor, else start a new page.
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Whether `h` points fit below the cursor on this page.
    pub(crate) fn room_for(&self, h: f32) -> bool {
        self.y - h >= BOTTOM
    }

    /// Vertical space (dropped at the top of a page).
    pub(crate) fn gap(&mut self, h: f32) {
        if self.y < TOP {
            self.y = (self.y - h).max(BOTTOM);
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Draw one line of cleaned text with its baseline at `baseline`, on page `page`.
    pub(crate) fn text_on(&mut self, page: usize, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        if super::shaping::needs_shaping(text) {
            let mut x = x;
            for piece in self.fonts.pieces(text, style.bold) {
                let w = piece.width() * style.size;
                let (face, items) = match piece {
                    super::shaping::Piece::Plain { face, text, .. } => {
                        (face, vec![TextItem::Text(text)])
                    }
                    super::shaping::Piece::Glyphs { face, items, .. } => (face, items),
                };
                self.show(page, x, baseline, &face.id, items, style);
                x += w;
            }
            return;
        }
        let id = self.face(&style).id.clone();
        self.show(
            page,
            x,
            baseline,
            &id,
            vec![TextItem::Text(text.to_string())],
            style,
        );
    }

    /// One text object: `items` in face `id` starting at (x, baseline).
    fn show(
        &mut self,
        page: usize,
        x: f32,
        baseline: f32,
        id: &FontId,
        items: Vec<TextItem>,
        style: Style,
    ) {
        let id = id.clone();
        self.pages[page].extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(style.size),
            },
            Op::SetFillColor {
                col: rgb(style.colour),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(baseline),
                },
            },
            Op::ShowText { items },
            Op::EndTextSection,
        ]);
    }

    fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        let page = self.pages.len() - 1;
        self.text_on(page, x, baseline, text, style);
    }

    /// A filled rectangle whose lower left corner is at (x, y).
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: (f32, f32, f32)) {
        self.ops().extend([
            Op::SetFillColor { col: rgb(fill) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }

    /// A thin horizontal rule across the content area.
    pub(crate) fn rule(&mut self) {
        self.ensure(4.0);
        let y = self.y - 2.0;
        self.rect(MARGIN_X, y, CONTENT_W, 0.6, (0.55, 0.55, 0.55));
        self.y -= 4.0;
    }

    /// Wrap cleaned text into lines no wider than `width`. Paragraph breaks are kept; a word
    /// wider than the line is broken between characters so nothing is ever cut.
    pub(crate) fn wrap(&self, text: &str, style: &Style, width: f32) -> Vec<String> {
        let space = self.width(" ", style);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut lw = 0.0;
            let mut any = false;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                any = true;
                let ww = self.width(word, style);
                if !line.is_empty() && lw + space + ww <= width {
                    line.push(' ');
                    line.push_str(word);
                    lw += space + ww;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if ww <= width {
                    line.push_str(word);
                    lw = ww;
                } else {
                    // Break an over-long word between characters.
                    lw = 0.0;
                    for c in word.chars() {
                        let cw = self.width(c.encode_utf8(&mut [0; 4]), style);
                        if !line.is_empty() && lw + cw > width {
                            lines.push(std::mem::take(&mut line));
                            lw = 0.0;
                        }
                        line.push(c);
                        lw += cw;
                    }
                }
            }
            if any {
                lines.push(line);
            } else {
                lines.push(String::new());
            }
        }
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        let first = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        lines.drain(..first);
        lines
    }

    /// A heading, kept on the same page as at least `keep` lines of body text after it.
    pub(crate) fn heading(&mut self, text: &str, style: Style, keep: usize) {
        let text = self.clean(text);
        let lines = self.wrap(&text, &style, CONTENT_W);
        let h = lines.len() as f32 * style.line_height();
        self.gap(style.size * 0.6);
        self.ensure(h + keep as f32 * Style::body().line_height());
        for l in &lines {
            self.y -= style.line_height();
            let baseline = self.y + style.size * 0.28;
            self.text(MARGIN_X, baseline, l, style);
        }
        self.y -= style.size * 0.25;
    }

    /// Lines of wrapped text at `x`, flowing onto further pages as needed.
    fn lines_at(&mut self, x: f32, lines: &[String], style: Style) {
        for l in lines {
            self.ensure(style.line_height());
            self.y -= style.line_height();
            let baseline = self.y + style.size * 0.28;
            self.text(x, baseline, l, style);
        }
    }

    /// A paragraph of free text across the content area (indented by `indent`).
    pub(crate) fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let text = self.clean(text);
        let lines = self.wrap(&text, &style, CONTENT_W - indent);
        self.lines_at(MARGIN_X + indent, &lines, style);
    }

    /// A paragraph shortened to at most `max_lines` lines, the last ending in "…" when text was
    /// left out.
    pub(crate) fn paragraph_clipped(
        &mut self,
        text: &str,
        style: Style,
        indent: f32,
        max_lines: usize,
    ) {
        let text = self.clean(text);
        let width = CONTENT_W - indent;
        let mut lines = self.wrap(&text, &style, width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                let ellipsis = self.width(" …", &style);
                while !last.is_empty() && self.width(last, &style) + ellipsis > width {
                    last.pop();
                }
                last.push_str(" …");
            }
        }
        self.lines_at(MARGIN_X + indent, &lines, style);
    }

    /// A labelled value: the label in bold on its own line, kept with the first lines of the
    /// value, which flows below it across the full width.
    pub(crate) fn field(&mut self, label: &str, value: &str) {
        let label_style = Style::bold(8.5).with_colour((0.2, 0.2, 0.2));
        let body = Style::body();
        let value = self.clean(value);
        let lines = self.wrap(&value, &body, CONTENT_W - 8.0);
        self.gap(2.0);
        self.ensure(label_style.line_height() + body.line_height() * lines.len().min(3) as f32);
        let label = self.clean(label);
        self.y -= label_style.line_height();
        let baseline = self.y + label_style.size * 0.28;
        self.text(MARGIN_X, baseline, &label, label_style);
        self.lines_at(MARGIN_X + 8.0, &lines, body);
    }

    /// A short "label: value" line pair in two columns; the value wraps within its column.
    pub(crate) fn pair(&mut self, label: &str, value: &str, label_w: f32) {
        let ls = Style::bold(9.0);
        let vs = Style::body();
        let label = self.clean(label);
        let value = self.clean(value);
        let llines = self.wrap(&label, &ls, label_w - 4.0);
        let vlines = self.wrap(&value, &vs, CONTENT_W - label_w);
        let n = llines.len().max(vlines.len()).max(1);
        let lh = vs.line_height();
        self.ensure(lh * n.min(3) as f32);
        for i in 0..n {
            self.ensure(lh);
            self.y -= lh;
            let baseline = self.y + vs.size * 0.28;
            if let Some(l) = llines.get(i) {
                self.text(MARGIN_X, baseline, l, ls);
            }
            if let Some(v) = vlines.get(i) {
                self.text(MARGIN_X + label_w, baseline, v, vs);
            }
        }
    }

    /// Height a row of cells needs.
    fn row_lines(&self, cells: &[Cell]) -> (Vec<Vec<String>>, f32) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|c| {
                let t = self.clean(&c.text);
                self.wrap(&t, &c.style, c.width - 2.0 * CELL_PAD)
            })
            .collect();
        let h = cells
            .iter()
            .zip(&wrapped)
            .map(|(c, l)| l.len().max(1) as f32 * c.style.line_height())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD;
        (wrapped, h)
    }

    /// Whether a row of cells fits below the cursor on this page.
    pub(crate) fn row_fits(&self, cells: &[Cell]) -> bool {
        let (_, h) = self.row_lines(cells);
        self.y - h >= BOTTOM
    }

    /// A table row. Rows are never split across pages: a row that does not fit starts a new
    /// page (the caller repeats its header). A row taller than a whole page is laid out as
    /// paragraphs instead so nothing is cut.
    pub(crate) fn row(&mut self, cells: &[Cell]) {
        let (wrapped, h) = self.row_lines(cells);
        if h > TOP - BOTTOM {
            for (c, lines) in cells.iter().zip(&wrapped) {
                self.lines_at(MARGIN_X, lines, c.style);
            }
            return;
        }
        self.ensure(h);
        let top = self.y;
        let mut x = MARGIN_X;
        for (c, lines) in cells.iter().zip(&wrapped) {
            if let Some(fill) = c.fill {
                self.rect(x, top - h, c.width, h, fill);
            }
            let lh = c.style.line_height();
            for (i, l) in lines.iter().enumerate() {
                let baseline = top - CELL_PAD - (i as f32 + 1.0) * lh + c.style.size * 0.28;
                self.text(x + CELL_PAD, baseline, l, c.style);
            }
            x += c.width;
        }
        // Hairline under the row.
        self.rect(MARGIN_X, top - h, x - MARGIN_X, 0.4, (0.7, 0.7, 0.7));
        self.y = top - h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc::new(fonts().unwrap())
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let d = doc();
        let text = "the quick brown fox jumps over the lazy dog ".repeat(40);
        let lines = d.wrap(&text, &Style::body(), 200.0);
        assert!(lines.len() > 10);
        for l in &lines {
            assert!(d.width(l, &Style::body()) <= 200.0, "{l}");
        }
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
        let want: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, want);
    }

    #[test]
    fn an_overlong_word_is_broken_not_cut() {
        let d = doc();
        let word = "x".repeat(500);
        let lines = d.wrap(&word, &Style::body(), 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn cleaning_removes_controls_and_replaces_unknown_characters() {
        let f = fonts().unwrap();
        assert_eq!(f.clean("a\tb\u{7}c\r\nd\u{202E}e"), "a b c\nde");
        // A character DejaVu Sans does not have (a CJK ideograph) becomes a visible mark.
        let s = f.clean("名");
        assert_eq!(s.chars().count(), 1);
        assert_ne!(s, "名");
        // Names with diacritics and right-to-left letters are kept.
        assert_eq!(
            f.clean("Zoë Łukasz Siobhán Nguyễn"),
            "Zoë Łukasz Siobhán Nguyễn"
        );
        assert_eq!(f.clean("مرحبا"), "مرحبا");
    }

    #[test]
    fn widths_come_from_the_font() {
        let d = doc();
        let s = Style::body();
        assert!(d.width("WWWW", &s) > d.width("iiii", &s));
        assert!(d.width("abc", &Style::bold(9.0)) > d.width("abc", &s));
    }

    #[test]
    fn a_heading_is_not_left_at_the_foot_of_a_page() {
        let mut d = doc();
        // Fill the page until only about two lines remain.
        while d.y - BOTTOM > 2.5 * Style::body().line_height() {
            d.paragraph("filler", Style::body(), 0.0);
        }
        assert_eq!(d.pages.len(), 1);
        d.heading("Next section", Style::bold(12.0), 3);
        assert_eq!(d.pages.len(), 2, "the heading moved to a new page");
    }
}
