//! The PDF summary sheet: the document that travels with a referral about neglect.
//!
//! Each child gets a complete sheet of their own (starting on a new page) so that it can be
//! attached to that child's record: who they are, the household, the practitioner and visits,
//! the profile grid coloured by the scale with the level number and label printed in every cell
//! (so it reads in greyscale), the evidence, impact, strengths and voices per area, the prompts,
//! the decision, a review's comparison, and the contacts. Practitioner-only notes are never
//! printed.
//!
//! A child's sheet reads that child's own values (see "Every child individually" in
//! [`crate::summary`]): on a household item, the child's level where it is set apart (with the
//! reason), the impact on that child and the child's own view; the household's otherwise. Every
//! person's own placement stands beside the practitioner's level in the grid ("Name: level") and
//! is given with their words in the item's detail ("Name placed themselves at 2 (label): ...");
//! a young person's own placement only in their own sheet. An item flagged for possible
//! significant harm says so in the grid and the detail, and the significant-harm prompts, which
//! the summary puts first, are printed first and in bold with the words of [`crate::words`]. A
//! text marked to share with the family is printed with the strengths, followed by "(shared
//! with the family)". Items that do not apply to the child (those that need a born child, for an
//! unborn baby) are left out, with one line saying how many; one recorded all the same is still
//! printed. Nothing is said about seeing an unborn baby at a visit, nor about their view unless
//! one was recorded. The function is pure: the creation time is passed in, the fonts carry fixed ids and
//! the file identifier is derived from the input, so the same input gives the same bytes.

use chrono::{DateTime, Utc};
use printpdf::{Mm, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};
use sha2::{Digest, Sha256};

use super::layout::{fonts, Cell, Doc, Style, BOTTOM, CONTENT_W, MARGIN_X, PAGE_H, PAGE_W};
use super::review_sheet::{review_answers_lines, targets_lines, trend_lines};
use super::ExportError;
use crate::assessment::{
    item_applies, Assessment, AssessmentKind, Child, Household, Level, PlacedBy, Rating, Subject,
};
use crate::summary::{Comparison, ItemLevel, Prompt, Summary, SustainedImprovement, Trend};
use crate::toolkit::{Area, Contact, Item, Scope, ToolkitDefinition};
use crate::words::{self, date_text as date};

/// Everything the summary sheet shows. All references: the sheet is drawn, never stored.
#[derive(Debug, Clone, Copy)]
pub struct SheetInput<'a> {
    /// The household assessed.
    pub household: &'a Household,
    /// The assessment (its practitioner is the one named on the sheet).
    pub assessment: &'a Assessment,
    /// Its summary ([`crate::summary::summarise`]).
    pub summary: &'a Summary,
    /// The definition the assessment was completed with.
    pub definition: &'a ToolkitDefinition,
    /// For a review: the comparison with the assessment before it.
    pub comparison: Option<&'a Comparison>,
    /// For a review: the assessment before it (for its dates).
    pub previous: Option<&'a Assessment>,
    /// Improvements held across reviews, if known.
    pub sustained: Option<&'a [SustainedImprovement]>,
    /// The levels over every assessment of the household, if known ([`crate::summary::trend`]).
    pub trend: Option<&'a Trend>,
    /// The contacts to print (MASH, out of hours, early help); 999 is always printed.
    pub contacts: &'a [Contact],
    /// The sheet's creation time (printed and stored in the PDF's metadata).
    pub created_at: DateTime<Utc>,
}

/// The protective marking printed at the top and bottom of every page.
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

pub(crate) const H1: Style = Style::bold(15.0);
pub(crate) const H2: Style = Style::bold(12.0).with_colour((0.10, 0.20, 0.40));
const H3: Style = Style::bold(10.0);
pub(crate) const LABEL_W: f32 = 130.0;
const AREA_FILL: (f32, f32, f32) = (0.88, 0.90, 0.93);
const HEAD_FILL: (f32, f32, f32) = (0.25, 0.30, 0.38);
const NA_FILL: (f32, f32, f32) = (0.97, 0.97, 0.97);

/// A drawn summary sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnSheet {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Characters no bundled font has, each printed as a white square, in code point order
    /// ([`crate::words::missing_characters_text`] words the warning).
    pub missing: Vec<char>,
}

/// Draw the summary sheet and return the PDF's bytes ([`draw_sheet`] without the list of
/// characters that could not be printed).
pub fn summary_sheet(input: &SheetInput) -> Result<Vec<u8>, ExportError> {
    draw_sheet(input, None).map(|d| d.bytes)
}

/// Draw the summary sheet with the household's chronology after the children's sheets
/// (see [`super::chronology`]).
pub fn summary_sheet_with_chronology(
    input: &SheetInput,
    chronology: Option<&super::ChronologyPrint>,
) -> Result<Vec<u8>, ExportError> {
    draw_sheet(input, chronology).map(|d| d.bytes)
}

/// Draw the summary sheet, with the chronology when given: the PDF's bytes and the characters
/// it could not print.
pub fn draw_sheet(
    input: &SheetInput,
    chronology: Option<&super::ChronologyPrint>,
) -> Result<DrawnSheet, ExportError> {
    let fonts = fonts()?;
    let mut doc = Doc::new(fonts);
    let sheet = Sheet { i: input };
    // Where each section starts, for its own page numbers.
    let mut sections: Vec<(usize, Option<&Child>)> = Vec::new();
    if input.household.children.is_empty() {
        sections.push((0, None));
        sheet.child_section(&mut doc, None);
    }
    for child in &input.household.children {
        doc.fresh_page();
        sections.push((doc.pages.len() - 1, Some(child)));
        sheet.child_section(&mut doc, Some(child));
    }
    if let Some(c) = chronology {
        // The chronology is a section of its own, numbered on its own pages.
        doc.fresh_page();
        sections.push((doc.pages.len() - 1, None));
        super::chronology::section(&mut doc, input.household, c);
    }
    sheet.furniture(&mut doc, &sections);
    let missing = doc.missing();

    // The file's metadata names no one: a sheet is often attached to email, where a mail client
    // or a search index shows the title without opening the document.
    let mut pdf = PdfDocument::new("Neglect Toolkit summary sheet");
    let stamp =
        printpdf::DateTime::from_unix_timestamp(input.created_at.timestamp()).map_err(|e| {
            ExportError::Pdf {
                reason: e.to_string(),
            }
        })?;
    pdf.metadata.info.creation_date = stamp;
    pdf.metadata.info.modification_date = stamp;
    pdf.metadata.info.metadata_date = stamp;
    pdf.metadata.info.creator = "Neglect Toolkit".into();
    pdf.metadata.info.producer = "Neglect Toolkit".into();
    for face in fonts.all() {
        pdf.resources
            .fonts
            .map
            .insert(face.id.clone(), PdfFont::new(face.parsed.clone()));
    }
    let pages = std::mem::take(&mut doc.pages)
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    pdf.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = pdf.to_lopdf_document(&opts, &mut Vec::new());
    compress_streams(&mut lo, fonts)?;
    // printpdf draws the file identifier at random; derive it from the input instead.
    let id = file_id(input);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| ExportError::Pdf {
        reason: e.to_string(),
    })?;
    Ok(DrawnSheet {
        bytes: out,
        missing,
    })
}

/// Compress every stream. The embedded font programs are the same in every sheet and make up
/// most of the file, so they are compressed once per process (thoroughly) and reused; page
/// content is compressed quickly at a low level (a few percent larger, several times faster).
fn compress_streams(
    lo: &mut lopdf::Document,
    fonts: &super::layout::Fonts,
) -> Result<(), ExportError> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    use std::sync::OnceLock;

    fn deflate(bytes: &[u8], level: u32) -> Result<Vec<u8>, ExportError> {
        let mut enc = ZlibEncoder::new(Vec::new(), Compression::new(level));
        enc.write_all(bytes)
            .and_then(|()| enc.finish())
            .map_err(|e| ExportError::Pdf {
                reason: format!("compressing a stream: {e}"),
            })
    }
    static PACKED: OnceLock<Vec<(Vec<u8>, Vec<u8>)>> = OnceLock::new();
    let packed = match PACKED.get() {
        Some(p) => p,
        None => {
            let mut v = Vec::new();
            for face in fonts.all() {
                let raw = face.parsed.original_bytes.clone();
                let z = deflate(&raw, 9)?;
                v.push((raw, z));
            }
            PACKED.get_or_init(|| v)
        }
    };
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let z = match packed.iter().find(|(raw, _)| *raw == stream.content) {
            Some((_, z)) => z.clone(),
            None => deflate(&stream.content, 3)?,
        };
        if z.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(z);
        }
    }
    Ok(())
}

fn file_id(input: &SheetInput) -> Vec<u8> {
    let mut h = Sha256::new();
    for part in [
        input.household.id.as_str(),
        &input.household.updated_at.to_rfc3339(),
        input.assessment.id.as_str(),
        &input.assessment.updated_at.to_rfc3339(),
        &input.created_at.to_rfc3339(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize()[..16].to_vec()
}

/// The case reference as printed at the top of each section and at the foot of each page.
fn reference_text(h: &Household) -> String {
    let r = h.reference.trim();
    if r.is_empty() {
        "Case reference: not recorded".into()
    } else {
        format!("Case reference: {r}")
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// "the carer" as "The carer": a name at the start of a line.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) struct Sheet<'a, 'b> {
    pub(crate) i: &'b SheetInput<'a>,
}

/// One item as it stands for one child (see [`Sheet::item_for`]).
pub(crate) struct ItemFor<'s> {
    rating: Option<&'s Rating>,
    /// Whether the item applies to the child (an unborn baby is not asked about dental care).
    applies: bool,
    /// The practitioner's level for this child.
    pub(crate) level: Option<Level>,
    /// The rating's own level (the household's, on a household item).
    household_level: Option<Level>,
    /// Whether this child's level is set apart from the household's, and why.
    set_apart: bool,
    reason: &'s str,
    /// Possible significant harm flagged for this child.
    pub(crate) flagged: bool,
    /// The impact on this child, and this child's view (empty where there is none to print).
    pub(crate) impact: &'s str,
    view: &'s str,
    /// Every placement beside this child's level: who, the level, their words.
    placements: Vec<(Option<&'s PlacedBy>, Option<Level>, &'s str)>,
}

impl ItemFor<'_> {
    /// Whether anything is recorded for the child on the item.
    fn recorded(&self) -> bool {
        self.level.is_some()
            || self.flagged
            || !self.placements.is_empty()
            || !self.impact.trim().is_empty()
            || !self.view.trim().is_empty()
            || self.rating.is_some_and(|r| {
                !r.heard.is_empty()
                    || [&r.evidence, &r.strengths, &r.shared_text]
                        .iter()
                        .any(|t| !t.trim().is_empty())
            })
    }

    /// Whether the item is printed for the child: it applies, or something was recorded all the
    /// same (what was recorded is never silently dropped).
    fn shown(&self) -> bool {
        self.applies || self.recorded()
    }
}

impl Sheet<'_, '_> {
    pub(crate) fn def(&self) -> &ToolkitDefinition {
        self.i.definition
    }

    pub(crate) fn level_text(&self, level: Option<Level>) -> String {
        match level {
            None => self.def().scale.not_assessed_label.clone(),
            Some(l) => match self.def().level(l) {
                Some(sl) => format!("{l} · {}", sl.label),
                None => format!("{l}"),
            },
        }
    }

    fn level_fill(&self, level: Option<Level>) -> (f32, f32, f32) {
        level
            .and_then(|l| self.def().level(l))
            .and_then(|sl| words::colour_rgb(&sl.colour))
            .unwrap_or(NA_FILL)
    }

    pub(crate) fn level_cell(&self, level: Option<Level>, width: f32) -> Cell {
        let fill = self.level_fill(level);
        let style = if level.is_some() {
            Style::bold(9.0).with_colour(words::ink_on(fill))
        } else {
            Style::regular(9.0).with_colour((0.3, 0.3, 0.3))
        };
        Cell {
            width,
            text: self.level_text(level),
            style,
            fill: Some(fill),
        }
    }

    fn item_title(&self, item: &str) -> String {
        words::item_name(self.def(), item)
    }

    fn subject_for(&self, item: &Item, child: Option<&Child>) -> Option<Subject> {
        match (item.scope, child) {
            (Scope::Household, _) => Some(Subject::Household),
            (Scope::Child, Some(c)) => Some(Subject::Child(c.id.clone())),
            (Scope::Child, None) => None,
        }
    }

    fn rating(&self, item: &Item, child: Option<&Child>) -> Option<&Rating> {
        let subject = self.subject_for(item, child)?;
        self.i.assessment.rating(&item.number, &subject)
    }

    /// The summary's line for an item and a child, if the summary has one.
    fn summary_line(&self, item: &Item, child: &Child) -> Option<&ItemLevel> {
        self.i
            .summary
            .children
            .iter()
            .find(|p| p.child_id == child.id)?
            .areas
            .iter()
            .flat_map(|a| &a.items)
            .find(|il| il.item == item.number)
    }

    /// Everything the sheet prints about an item for one child: that child's own values (see
    /// "Every child individually" in [`crate::summary`]). Without a child (a household with no
    /// children), the household's rating as it stands.
    /// The items of `area` the sheet shows for `child`, each with what it says for that child.
    pub(crate) fn shown_items<'s>(
        &'s self,
        area: &'s Area,
        child: Option<&Child>,
    ) -> Vec<(&'s Item, ItemFor<'s>)> {
        area.items
            .iter()
            .map(|it| (it, self.item_for(it, child)))
            .filter(|(_, v)| v.shown())
            .collect()
    }

    fn item_for<'s>(&'s self, item: &Item, child: Option<&Child>) -> ItemFor<'s> {
        let rating = self.rating(item, child);
        let applies = child
            .is_none_or(|c| item_applies(self.def(), item, c, self.i.assessment.latest_date()));
        let mut v = ItemFor {
            rating,
            applies,
            level: None,
            household_level: None,
            set_apart: false,
            reason: "",
            flagged: false,
            impact: "",
            view: "",
            placements: Vec::new(),
        };
        if let Some(r) = rating {
            v.household_level = r.level;
            v.impact = &r.impact;
            v.view = &r.child_view;
            v.flagged = r.significant_harm;
            if let Some(c) = child {
                v.impact = r.impact_for_child(&c.id);
                v.view = r.child_view_for(&c.id);
                v.flagged = r.flagged_for_child(&c.id);
                v.set_apart = item.scope == Scope::Household && r.is_set_apart(&c.id);
                if v.set_apart {
                    v.reason = r.child_entry(&c.id).map_or("", |e| e.level_reason.as_str());
                }
                // A shared view of the children is not an unborn baby's; their own is printed.
                let own_view = item.scope == Scope::Child
                    || r.child_entry(&c.id)
                        .is_some_and(|e| !e.child_view.trim().is_empty());
                if !c.can_give_view() && !own_view {
                    v.view = "";
                }
            }
            if let Some(l) = r.carer_level {
                v.placements.push((None, Some(l), ""));
            }
            for p in &r.placements {
                let for_this_child = match &p.by {
                    PlacedBy::Child { child_id } => child.is_some_and(|c| &c.id == child_id),
                    PlacedBy::Carer { .. } => true,
                };
                if for_this_child {
                    v.placements.push((Some(&p.by), p.level, p.words.as_str()));
                }
            }
        }
        v.level = match (child, rating) {
            (Some(c), _) => match self.summary_line(item, c) {
                Some(il) => il.level,
                None => rating.and_then(|r| r.level_for_child(&c.id)),
            },
            (None, r) => r.and_then(|r| r.level),
        };
        v
    }

    /// A person who placed themselves, named: a carer, a young person (so marked), or "The
    /// carer" for a placement recorded before placements were named.
    fn placer(&self, by: Option<&PlacedBy>) -> String {
        let name = words::placed_by_name(self.i.household, by);
        match by {
            Some(PlacedBy::Child { .. }) => format!("{name} (young person)"),
            _ => capitalised(&name),
        }
    }

    /// A placement in one line for the grid, e.g. "Zoë Example: 2 · Needs mostly met".
    fn placement_cell_line(&self, by: Option<&PlacedBy>, level: Option<Level>) -> String {
        match level {
            Some(_) => format!("{}: {}", self.placer(by), self.level_text(level)),
            None => format!("{}: no level chosen", self.placer(by)),
        }
    }

    /// A placement as a sentence with the person's own words, e.g. "Zoë Example placed
    /// themselves at 2 (Needs mostly met): “…”".
    fn placement_sentence(
        &self,
        by: Option<&PlacedBy>,
        level: Option<Level>,
        said: &str,
    ) -> String {
        let who = self.placer(by);
        let mut s = match level {
            Some(l) => match self.def().level(l) {
                Some(sl) => format!("{who} placed themselves at {l} ({})", sl.label),
                None => format!("{who} placed themselves at {l}"),
            },
            None => format!("{who} did not choose a level"),
        };
        if said.trim().is_empty() {
            s.push('.');
        } else {
            s.push_str(": ");
            s.push_str(said.trim());
        }
        s
    }

    /// The top of a section: the child's name, which sheet this is, and the case reference, so
    /// that a child's section sent alone says what it is.
    pub(crate) fn section_header(&self, doc: &mut Doc, child: Option<&Child>) {
        let a = self.i.assessment;
        let h = self.i.household;
        let name = child.map_or_else(|| h.name.clone(), |c| c.name.clone());
        doc.heading(&name, H1, 4);
        let kind = match (&a.kind, self.i.previous) {
            (AssessmentKind::Initial, _) => {
                "Neglect Toolkit summary sheet: initial assessment".into()
            }
            (AssessmentKind::Review { .. }, Some(p)) => format!(
                "Neglect Toolkit summary sheet: review of the assessment started {}",
                date(p.started_on())
            ),
            (AssessmentKind::Review { .. }, None) => {
                "Neglect Toolkit summary sheet: review of an earlier assessment".into()
            }
        };
        doc.paragraph(
            &kind,
            Style::regular(10.0).with_colour((0.25, 0.25, 0.25)),
            0.0,
        );
        doc.paragraph(
            &reference_text(h),
            Style::regular(9.0).with_colour((0.25, 0.25, 0.25)),
            0.0,
        );
        doc.gap(2.0);
        doc.rule();
        doc.gap(2.0);
    }

    /// A child's section: the one-page overview ([`Sheet::first_page`]), then the detail from
    /// the next page on. Without a child (a household with none), the detail alone.
    fn child_section(&self, doc: &mut Doc, child: Option<&Child>) {
        match child {
            Some(c) => {
                self.first_page(doc, c);
                doc.new_page();
                doc.heading(&format!("{}: the detail", c.name), H2, 4);
            }
            None => {
                self.section_header(doc, None);
                doc.paragraph(
                    "No children are recorded for this household.",
                    Style::bold(10.0),
                    0.0,
                );
            }
        }
        self.household_details(doc);
        self.agencies(doc);
        self.practitioner_details(doc);
        self.visits(doc, child);
        self.grid(doc, child);
        self.prompts(doc, child);
        self.background_events(doc);
        self.areas_detail(doc, child);
        self.views_and_analysis(doc, child);
        self.decision(doc);
        let (a, h) = (self.i.assessment, self.i.household);
        review_answers_lines(doc, a, self.def());
        targets_lines(doc, a, h, self.def(), child);
        if let Some(cmp) = self.i.comparison {
            self.comparison(doc, child, cmp);
        }
        if let Some(t) = self.i.trend {
            trend_lines(doc, t, self.def(), child);
        }
        if let Some(s) = self.i.sustained {
            self.sustained(doc, child, s);
        }
        self.contacts(doc);
    }

    fn household_details(&self, doc: &mut Doc) {
        let h = self.i.household;
        doc.heading("Household", H2, 3);
        doc.pair("Household", &h.name, LABEL_W);
        if !h.reference.trim().is_empty() {
            doc.pair("Case reference", &h.reference, LABEL_W);
        }
        let mut addr: Vec<&str> = h.address.lines.iter().map(String::as_str).collect();
        if !h.address.postcode.trim().is_empty() {
            addr.push(&h.address.postcode);
        }
        doc.pair(
            "Address",
            &if addr.is_empty() {
                "Not recorded".to_string()
            } else {
                addr.join("\n")
            },
            LABEL_W,
        );
        let lang = if h.language.trim().is_empty() {
            "Not recorded".to_string()
        } else {
            h.language.clone()
        };
        doc.pair(
            "Language at home",
            &format!(
                "{lang}; interpreter needed: {}",
                yes_no(h.interpreter_needed)
            ),
            LABEL_W,
        );
        if h.carers.is_empty() {
            doc.pair("Carers", "None recorded", LABEL_W);
        }
        for (n, c) in h.carers.iter().enumerate() {
            let mut v = c.name.clone();
            if !c.relationship.trim().is_empty() {
                v.push_str(&format!(" ({})", c.relationship));
            }
            v.push_str(&format!(
                "; parental responsibility: {}",
                yes_no(c.parental_responsibility)
            ));
            if !c.phone.trim().is_empty() {
                v.push_str(&format!("; telephone {}", c.phone));
            }
            doc.pair(if n == 0 { "Carers" } else { "" }, &v, LABEL_W);
        }
    }

    fn practitioner_details(&self, doc: &mut Doc) {
        let a = self.i.assessment;
        let p = &a.practitioner;
        doc.heading("Practitioner and assessment", H2, 3);
        doc.pair("Practitioner", &p.name, LABEL_W);
        for (label, value) in [
            ("Role", &p.role),
            ("Agency", &p.agency),
            ("Telephone", &p.phone),
            ("Email", &p.email),
        ] {
            if !value.trim().is_empty() {
                doc.pair(label, value, LABEL_W);
            }
        }
        let d = self.def();
        let hash: String = a.definition.hash.chars().take(12).collect();
        doc.pair(
            "Toolkit",
            &format!("{}, version {} (definition {hash})", d.title, d.version),
            LABEL_W,
        );
        doc.pair("Assessment", words::kind_text(&a.kind), LABEL_W);
        doc.pair("Status", words::status_text(a.status), LABEL_W);
        for e in &a.history {
            doc.pair("", &words::history_text(e), LABEL_W);
        }
    }

    fn visits(&self, doc: &mut Doc, child: Option<&Child>) {
        let a = self.i.assessment;
        doc.heading("Visits", H2, 2);
        if a.visits.is_empty() {
            doc.paragraph("No visits are recorded.", Style::body(), 0.0);
        }
        for v in &a.visits {
            let mut text = if v.present.is_empty() {
                "Present: not recorded.".to_string()
            } else {
                format!("Present: {}.", v.present.join("; "))
            };
            // An unborn baby cannot be seen, so nothing is said about seeing them.
            if let Some(c) = child.filter(|c| c.can_be_seen_alone()) {
                let seen = v.children_seen.iter().find(|s| s.child_id == c.id);
                let s = match seen {
                    Some(s) if s.seen_alone => "seen, and seen alone",
                    Some(s) if s.seen => "seen, not seen alone",
                    Some(_) => "not seen",
                    None => "not recorded whether seen",
                };
                text.push_str(&format!("\n{}: {s}.", c.name));
            }
            if !v.notes.trim().is_empty() {
                text.push('\n');
                text.push_str(&v.notes);
            }
            doc.pair(&date(v.date), &text, LABEL_W);
        }
    }

    fn grid_header(&self, doc: &mut Doc, w: [f32; 3]) {
        let st = Style::bold(8.5).with_colour((1.0, 1.0, 1.0));
        doc.row(&[
            Cell {
                width: w[0],
                text: "Item".into(),
                style: st,
                fill: Some(HEAD_FILL),
            },
            Cell {
                width: w[1],
                text: "Practitioner's level".into(),
                style: st,
                fill: Some(HEAD_FILL),
            },
            Cell {
                width: w[2],
                text: "Own placements".into(),
                style: st,
                fill: Some(HEAD_FILL),
            },
        ]);
    }

    /// Place a row, repeating the header when it starts a new page.
    fn grid_row(&self, doc: &mut Doc, cells: &[Cell], header: &dyn Fn(&mut Doc)) {
        if !doc.row_fits(cells) {
            doc.new_page();
            header(doc);
        }
        doc.row(cells);
    }

    fn grid(&self, doc: &mut Doc, child: Option<&Child>) {
        doc.heading("Profile", H2, 6);
        let any_rated = self.i.assessment.ratings.iter().any(|r| r.level.is_some());
        let child_rated = self
            .def()
            .items()
            .any(|(_, it)| self.item_for(it, child).level.is_some());
        if !any_rated {
            doc.paragraph(
                "No items have been rated in this assessment yet: every item below is not assessed.",
                Style::bold(10.0),
                0.0,
            );
        } else if !child_rated {
            doc.paragraph(
                "No items have been rated for this child yet: every item below is not assessed.",
                Style::bold(10.0),
                0.0,
            );
        }
        let mut legend = String::from("Scale: ");
        let parts: Vec<String> = self
            .def()
            .scale
            .levels
            .iter()
            .map(|l| format!("{} {} ({})", l.code, l.label, l.meaning))
            .collect();
        legend.push_str(&parts.join("; "));
        legend.push_str(
            ". Level 1 is the best care. Household items apply to every child; where a child's \
             level is set apart from the household's, the child's own level is shown. Own \
             placements are where each carer, and a young person, placed themselves.",
        );
        doc.paragraph(
            &legend,
            Style::regular(8.0).with_colour((0.3, 0.3, 0.3)),
            0.0,
        );
        if let Some(c) = child {
            let left_out = self
                .def()
                .items()
                .filter(|(_, it)| !self.item_for(it, child).shown())
                .count();
            if left_out > 0 {
                let text = words::left_out_text(c, left_out);
                doc.paragraph(&text, Style::bold(8.5), 0.0);
            }
        }
        doc.gap(3.0);

        let w = [CONTENT_W - 335.0, 145.0, 190.0];
        let header = |d: &mut Doc| self.grid_header(d, w);
        doc.ensure(60.0);
        header(doc);
        let profile =
            child.and_then(|c| self.i.summary.children.iter().find(|p| p.child_id == c.id));
        for area in &self.def().areas {
            let items = self.shown_items(area, child);
            if items.is_empty() {
                continue;
            }
            let ap = profile.and_then(|p| p.areas.iter().find(|x| x.area == area.number));
            let mut t = format!("{} {}", area.number, area.title);
            if let Some(ap) = ap {
                let assessed = items.iter().filter(|(_, v)| v.level.is_some()).count();
                t.push_str(&format!(": {assessed} of {} assessed", items.len()));
                if let Some(worst) = ap.worst {
                    t.push_str(&format!(", worst level {}", self.level_text(Some(worst))));
                }
            }
            area_title_row(doc, t, &header);
            for (item, v) in items {
                let mut title = format!("{} {}", item.number, item.title);
                if item.scope == Scope::Household {
                    title.push_str(" (household)");
                }
                if v.set_apart {
                    title.push_str("\nThis child's level is set apart");
                }
                if v.flagged {
                    title.push_str("\nFlagged: possible significant harm");
                }
                let placed = if v.placements.is_empty() {
                    "Not asked".to_string()
                } else {
                    v.placements
                        .iter()
                        .map(|(by, l, _)| self.placement_cell_line(*by, *l))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let cells = [
                    Cell {
                        width: w[0],
                        text: title,
                        style: Style::body(),
                        fill: None,
                    },
                    self.level_cell(v.level, w[1]),
                    Cell {
                        width: w[2],
                        text: placed,
                        style: Style::regular(8.5),
                        fill: None,
                    },
                ];
                self.grid_row(doc, &cells, &header);
            }
        }
    }

    fn prompts(&self, doc: &mut Doc, child: Option<&Child>) {
        doc.heading("Prompts raised", H2, 2);
        // In the core's order: the significant-harm prompts come first, printed in bold.
        let concerns: Vec<(bool, String)> = self
            .i
            .summary
            .prompts
            .iter()
            .filter(|p| self.prompt_is_for(p, child))
            .map(|p| {
                (
                    matches!(p, Prompt::SignificantHarm { .. }),
                    words::prompt_text(p, self.i.household, self.def()).one_line(),
                )
            })
            .collect();
        if concerns.is_empty() {
            doc.paragraph(words::NO_PROMPTS, Style::body(), 0.0);
        }
        for (harm, text) in concerns {
            let style = if harm {
                Style::bold(9.0)
            } else {
                Style::body()
            };
            doc.paragraph(&format!("• {text}"), style, 0.0);
            doc.gap(2.0);
        }
        doc.paragraph(
            "These prompts support professional judgement; they are not a score or a verdict.",
            Style::regular(8.0).with_colour((0.3, 0.3, 0.3)),
            0.0,
        );
    }

    fn prompt_is_for(&self, p: &Prompt, child: Option<&Child>) -> bool {
        let for_subject = |s: &Subject| match s {
            Subject::Household => true,
            Subject::Child(id) => child.is_some_and(|c| &c.id == id),
        };
        match p {
            Prompt::Concern { child_id, .. }
            | Prompt::SignificantHarm { child_id, .. }
            | Prompt::YoungCarer { child_id }
            | Prompt::NoChildView { child_id }
            | Prompt::NotSeenAlone { child_id } => child.is_some_and(|c| &c.id == child_id),
            Prompt::MissingImpact { subject, .. }
            | Prompt::CarerGap { subject, .. }
            | Prompt::Alert { subject, .. }
            | Prompt::Worse { subject, .. }
            | Prompt::Drift { subject, .. }
            | Prompt::ExplanationMismatch { subject, .. } => for_subject(subject),
        }
    }

    /// The background events allowed for, beside the areas (only when some are recorded).
    fn background_events(&self, doc: &mut Doc) {
        let events = &self.i.assessment.background_events;
        if events.is_empty() {
            return;
        }
        doc.heading(crate::words::home::EVENTS_HEADING, H2, 2);
        for e in events {
            doc.paragraph(&crate::words::home::event_text(e), Style::body(), 0.0);
        }
    }

    fn areas_detail(&self, doc: &mut Doc, child: Option<&Child>) {
        doc.heading("Evidence and impact on the child, by area", H2, 4);
        let name = child.map_or("the child", |c| c.name.as_str());
        for area in &self.def().areas {
            let items = self.shown_items(area, child);
            if items.is_empty() {
                continue;
            }
            doc.heading(&format!("{} {}", area.number, area.title), H3, 3);
            let mut shown = false;
            for (item, v) in items {
                if !v.recorded() {
                    continue;
                }
                shown = true;
                let mut head = format!(
                    "{} {}: level {}",
                    item.number,
                    item.title,
                    self.level_text(v.level)
                );
                if item.scope == Scope::Household {
                    head.push_str(" (household item)");
                }
                doc.heading(&head, Style::bold(9.0), 2);
                if v.flagged {
                    doc.paragraph(
                        "Flagged by the practitioner for possible significant harm.",
                        Style::bold(9.0),
                        0.0,
                    );
                }
                if v.set_apart {
                    let reason = if v.reason.trim().is_empty() {
                        "not recorded."
                    } else {
                        v.reason.trim()
                    };
                    doc.field(
                        &format!("{name}'s level, set apart from the household's"),
                        &format!(
                            "{} for {name}; the household's level is {}. Reason: {reason}",
                            self.level_text(v.level),
                            self.level_text(v.household_level),
                        ),
                    );
                }
                if !v.placements.is_empty() {
                    let lines: Vec<String> = v
                        .placements
                        .iter()
                        .map(|(by, l, said)| self.placement_sentence(*by, *l, said))
                        .collect();
                    doc.field("Own placements", &lines.join("\n"));
                }
                let Some(r) = v.rating else { continue };
                if let Some(home) = &r.home {
                    let t = crate::words::home::home_text(home);
                    if !t.is_empty() {
                        doc.field("The home", &t);
                    }
                }
                if let Some(m) = &r.mismatch {
                    doc.field(crate::words::home::MISMATCH_LABEL, m.note.trim());
                }
                let mut strengths = r.strengths.trim().to_string();
                let shared = r.shared_text.trim();
                if !shared.is_empty() {
                    let marked = format!("{shared} (shared with the family)");
                    if strengths.is_empty() || strengths == shared {
                        strengths = marked;
                    } else {
                        strengths = format!("{strengths}\n{marked}");
                    }
                }
                let impact_label = format!("Impact on {name}");
                // On a household item without the child's own view, the children's shared one.
                let own_view = item.scope == Scope::Child
                    || child.is_some_and(|c| {
                        r.child_entry(&c.id)
                            .is_some_and(|e| !e.child_view.trim().is_empty())
                    });
                let view_label = if own_view {
                    format!("{name}'s view")
                } else {
                    "The children's view".to_string()
                };
                if v.level.is_some_and(|l| l >= self.def().scale.concern_from)
                    && v.impact.trim().is_empty()
                {
                    doc.field(&impact_label, "No example recorded.");
                }
                for (label, text) in [
                    (impact_label.as_str(), v.impact),
                    ("Evidence", r.evidence.as_str()),
                    ("Strengths", strengths.as_str()),
                    (view_label.as_str(), v.view),
                ] {
                    if !text.trim().is_empty() {
                        doc.field(label, text);
                    }
                }
                // How the child's own view was heard: on a child item recorded on the rating,
                // on a household item on the child's entry.
                if item.scope == Scope::Child {
                    heard_fields(doc, &r.heard);
                } else if let Some(e) = child.and_then(|c| r.child_entry(&c.id)) {
                    heard_fields(doc, &e.heard);
                }
            }
            if !shown {
                doc.paragraph("Not assessed.", Style::body(), 0.0);
            }
        }
    }

    fn views_and_analysis(&self, doc: &mut Doc, child: Option<&Child>) {
        let a = self.i.assessment;
        doc.heading("Voices, strengths and analysis", H2, 3);
        if let Some(c) = child {
            let views: Vec<&str> = a
                .child_views
                .iter()
                .filter(|v| v.child_id == c.id)
                .map(|v| v.text.as_str())
                .collect();
            let empty = views.iter().all(|v| v.trim().is_empty());
            // An unborn baby gives no view; one recorded all the same is still printed.
            if !empty || c.can_give_view() {
                let text = if empty {
                    "Not recorded.".to_string()
                } else {
                    views.join("\n")
                };
                doc.field(&format!("{}'s view, in their words", c.name), &text);
            }
            for note in a.child_views.iter().filter(|v| v.child_id == c.id) {
                heard_fields(doc, &note.heard);
            }
        }
        for (label, text) in [
            ("The carer's view, in their words", &a.carer_view),
            ("Strengths of the family", &a.strengths),
            ("Background", &a.background),
            (
                "Poverty context (what the family can and cannot afford)",
                &a.poverty_context,
            ),
            ("Analysis", &a.analysis),
        ] {
            let t = if text.trim().is_empty() {
                "Not recorded."
            } else {
                text.as_str()
            };
            doc.field(label, t);
        }
    }

    fn decision(&self, doc: &mut Doc) {
        let a = self.i.assessment;
        doc.heading("Decision and next steps", H2, 4);
        let offered = crate::summary::dash_offered(a, self.def(), self.i.summary);
        let lines = super::decision::decision_lines(&a.decision, self.def(), offered);
        sheet_lines(doc, &lines);
    }

    fn agencies(&self, doc: &mut Doc) {
        doc.heading("Other agencies involved", H2, 2);
        sheet_lines(doc, &super::decision::agencies_lines(self.i.household));
    }

    fn comparison(&self, doc: &mut Doc, child: Option<&Child>, cmp: &Comparison) {
        doc.heading("Comparison with the previous assessment", H2, 6);
        if let Some(p) = self.i.previous {
            doc.paragraph(
                &format!(
                    "Previous assessment started {}; this review started {}. Lower levels are better care.",
                    date(p.started_on()),
                    date(self.i.assessment.started_on())
                ),
                Style::body(),
                0.0,
            );
        }
        let Some(cc) = child.and_then(|c| cmp.children.iter().find(|x| x.child_id == c.id)) else {
            doc.paragraph(
                "No comparison is available for this child.",
                Style::body(),
                0.0,
            );
            return;
        };
        let w = [CONTENT_W - 330.0, 115.0, 115.0, 100.0];
        let header = |d: &mut Doc| {
            let st = Style::bold(8.5).with_colour((1.0, 1.0, 1.0));
            let cells: Vec<Cell> = ["Item", "Previous level", "Current level", "Change"]
                .iter()
                .zip(w)
                .map(|(t, width)| Cell {
                    width,
                    text: (*t).into(),
                    style: st,
                    fill: Some(HEAD_FILL),
                })
                .collect();
            d.row(&cells);
        };
        doc.ensure(60.0);
        header(doc);
        for ac in &cc.areas {
            let title = self
                .def()
                .areas
                .iter()
                .find(|a| a.number == ac.area)
                .map_or_else(
                    || format!("Area {}", ac.area),
                    |a| format!("{} {}", a.number, a.title),
                );
            let text = format!(
                "{title}: worst level {} before, {} now ({})",
                self.level_text(ac.previous_worst),
                self.level_text(ac.current_worst),
                words::change_text(ac.change)
            );
            let items: Vec<_> = ac
                .items
                .iter()
                .filter(|ic| {
                    ic.previous.is_some()
                        || ic.current.is_some()
                        || self
                            .def()
                            .item(&ic.item)
                            .is_none_or(|it| self.item_for(it, child).shown())
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            area_title_row(doc, text, &header);
            for ic in items {
                let cells = [
                    Cell {
                        width: w[0],
                        text: self.item_title(&ic.item),
                        style: Style::body(),
                        fill: None,
                    },
                    self.level_cell(ic.previous, w[1]),
                    self.level_cell(ic.current, w[2]),
                    Cell {
                        width: w[3],
                        text: words::change_text(ic.change).into(),
                        style: Style::bold(9.0),
                        fill: None,
                    },
                ];
                self.grid_row(doc, &cells, &header);
            }
        }
    }

    fn sustained(&self, doc: &mut Doc, child: Option<&Child>, all: &[SustainedImprovement]) {
        doc.heading("Sustained improvements", H2, 2);
        let mine: Vec<&SustainedImprovement> = all
            .iter()
            .filter(|s| child.is_some_and(|c| c.id == s.child_id))
            .collect();
        if mine.is_empty() {
            doc.paragraph("None recorded across reviews yet.", Style::body(), 0.0);
        }
        for s in mine {
            doc.paragraph(
                &format!(
                    "• {}",
                    words::sustained_text(s, self.i.household, self.def())
                ),
                Style::body(),
                0.0,
            );
        }
    }

    fn contacts(&self, doc: &mut Doc) {
        doc.heading("Contacts", H2, 3);
        doc.paragraph(
            "If a child is in immediate danger call 999.",
            Style::bold(10.5).with_colour((0.6, 0.0, 0.0)),
            0.0,
        );
        for c in self.i.contacts {
            let mut v = if c.phone.trim().is_empty() {
                "telephone not configured".to_string()
            } else {
                c.phone.clone()
            };
            if !c.description.trim().is_empty() {
                v.push_str(&format!(". {}", c.description));
            }
            doc.field(&c.name, &v);
        }
        let d = self.def();
        let mut about = format!(
            "{} version {}, published by {}.",
            d.title, d.version, d.publisher
        );
        if !d.notice.trim().is_empty() {
            about.push(' ');
            about.push_str(&d.notice);
        }
        doc.gap(4.0);
        doc.paragraph(
            &about,
            Style::regular(7.5).with_colour((0.35, 0.35, 0.35)),
            0.0,
        );
    }

    /// The protective marking at the top and bottom of every page, the draft mark on a draft,
    /// and a footer naming the case reference and the child, with the page's number within the
    /// child's section ("Page 2 of 6"), so that a section sent alone is complete.
    fn furniture(&self, doc: &mut Doc, sections: &[(usize, Option<&Child>)]) {
        let m = doc.pages.len();
        let mark = Style::bold(10.0);
        let small = Style::regular(7.5).with_colour((0.3, 0.3, 0.3));
        let mw = doc.width(MARKING, &mark);
        let draft = words::draft_mark(self.i.assessment.status);
        let draft_style = Style::bold(9.0).with_colour((0.6, 0.05, 0.05));
        let dw = draft.map_or(0.0, |d| doc.width(d, &draft_style));
        for (s, &(start, child)) in sections.iter().enumerate() {
            let end = sections.get(s + 1).map_or(m, |next| next.0);
            let mut left = format!(
                "Neglect Toolkit summary sheet · {}",
                reference_text(self.i.household)
            );
            if let Some(c) = child {
                left.push_str(" · ");
                left.push_str(&c.name);
            }
            left.push_str(&format!(
                " · created {} UTC",
                self.i.created_at.format("%-d %B %Y %H:%M")
            ));
            let mut left = doc.clean(&left).replace('\n', " ");
            // The reference and name are printed in full in the body; shorten them here.
            while doc.width(&left, &small) > CONTENT_W - 80.0 && left.chars().count() > 4 {
                left.pop();
                left.pop();
                left.push('…');
            }
            for n in start..end {
                doc.text_on(n, (PAGE_W - mw) / 2.0, PAGE_H - 30.0, MARKING, mark);
                let page = format!("Page {} of {}", n - start + 1, end - start);
                let pw = doc.width(&page, &Style::regular(8.0));
                doc.text_on(n, MARGIN_X, BOTTOM - 22.0, &left, small);
                doc.text_on(
                    n,
                    PAGE_W - MARGIN_X - pw,
                    BOTTOM - 22.0,
                    &page,
                    Style::regular(8.0),
                );
                doc.text_on(n, (PAGE_W - mw) / 2.0, 22.0, MARKING, mark);
                if let Some(draft) = draft {
                    doc.text_on(n, (PAGE_W - dw) / 2.0, PAGE_H - 45.0, draft, draft_style);
                }
            }
        }
    }
}

/// An area's title row in a grid, kept with its first item: when the row would be stranded at
/// the foot of a page, start a new page and repeat the grid's header there.
fn area_title_row(doc: &mut Doc, text: String, header: &dyn Fn(&mut Doc)) {
    let row = [Cell {
        width: CONTENT_W,
        text,
        style: Style::bold(9.0),
        fill: Some(AREA_FILL),
    }];
    if !doc.row_fits(&row) || doc_rows_left_small(doc) {
        doc.new_page();
        header(doc);
    }
    doc.row(&row);
}

/// Whether so little room is left that an area's title row would be stranded.
fn doc_rows_left_small(doc: &Doc) -> bool {
    !doc.room_for(2.0 * 9.0 * 1.32 + 12.0 + 9.0 * 1.32)
}

/// Print labelled lines made by [`super::decision`].
pub(crate) fn sheet_lines(doc: &mut Doc, lines: &[super::decision::SheetLine]) {
    for l in lines {
        match l {
            super::decision::SheetLine::Pair(label, value) => doc.pair(label, value, LABEL_W),
            super::decision::SheetLine::Field(label, value) => doc.field(label, value),
        }
    }
}

/// How a child's view was heard and the practitioner's interpretation, as labelled fields
/// (nothing when neither is recorded).
fn heard_fields(doc: &mut Doc, h: &crate::assessment::HowHeard) {
    use crate::words::voice::{heard_text, HOW_LABEL, INTERPRETATION_LABEL};
    let how = heard_text(h);
    if !how.is_empty() {
        doc.field(HOW_LABEL, &how);
    }
    if !h.interpretation.trim().is_empty() {
        doc.field(INTERPRETATION_LABEL, h.interpretation.trim());
    }
}
