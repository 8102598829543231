//! The first page of each child's section: what a duty worker needs to triage a referral in a
//! minute, on one page, in a fixed order:
//!
//! 1. who the child is;
//! 2. the area profile (the worst level and how many items were assessed, per area);
//! 3. the impact examples, per area;
//! 4. the significant-harm and concern prompts;
//! 5. the decision and whether the parents know ([`Sheet::first_page_decision`]);
//! 6. the DASH risk checklist ([`Sheet::first_page_dash`]);
//! 7. the other children and the adults in the home;
//! 8. the other agencies involved ([`Sheet::first_page_agencies`]).
//!
//! The detail follows on the next pages. To keep all of it on one page, long impact examples are
//! shortened here (never in the detail, where they are printed in full): the page is laid out
//! on a scratch copy first, and the number of lines an example may take is lowered until the
//! page fits.

use super::layout::{Cell, Doc, Style, CONTENT_W};
use super::pdf::{sheet_lines, Sheet, LABEL_W};
use crate::assessment::{Birth, Child};
use crate::summary::Prompt;
use crate::words::{self, date_text as date};

/// The heading of the first page's profile.
pub(crate) const PROFILE_HEADING: &str = "At a glance: profile by area";
/// The heading of the impact examples.
pub(crate) const IMPACT_HEADING: &str = "Impact on the child where there is concern, by area";
/// The heading of the significant-harm and concern prompts.
pub(crate) const PROMPTS_HEADING: &str = "Significant harm and concern";
/// The heading of the decision.
pub(crate) const DECISION_HEADING: &str = "Decision";
/// The heading of the people at home.
pub(crate) const HOME_HEADING: &str = "Other children and adults in the home";
/// The heading of the DASH risk checklist record on the first page.
pub(crate) const DASH_HEADING: &str = "DASH risk checklist";
/// The heading of the other agencies on the first page.
pub(crate) const AGENCIES_HEADING: &str = "Other agencies involved";

/// The first page's headings: smaller than the detail's, to keep it on one page.
const H: Style = Style::bold(10.5).with_colour((0.10, 0.20, 0.40));

/// How many lines an impact example may take on the first page, tried in turn until the page
/// fits. The last, 0, is one line each without the area headings (each item's number names its
/// area).
const IMPACT_LINES: [usize; 7] = [8, 5, 4, 3, 2, 1, 0];

impl Sheet<'_, '_> {
    /// Lay out the first page of `child`'s section on `doc` (which starts on a fresh page).
    pub(crate) fn first_page(&self, doc: &mut Doc, child: &Child) {
        let budget = IMPACT_LINES
            .iter()
            .copied()
            .find(|&lines| {
                let mut scratch = Doc::new(doc.fonts);
                self.first_page_with(&mut scratch, child, lines);
                scratch.pages.len() == 1
            })
            .unwrap_or(0);
        self.first_page_with(doc, child, budget);
    }

    fn first_page_with(&self, doc: &mut Doc, child: &Child, impact_lines: usize) {
        self.section_header(doc, Some(child));
        self.first_page_who(doc, child);
        self.first_page_profile(doc, child);
        self.first_page_impacts(doc, child, impact_lines);
        self.first_page_prompts(doc, child);
        self.first_page_decision(doc);
        self.first_page_dash(doc, child);
        self.first_page_home(doc, child);
        self.first_page_agencies(doc);
    }

    /// Who the child is, in two or three lines: date of birth and age, gender, setting,
    /// additional needs and first language.
    fn first_page_who(&self, doc: &mut Doc, child: &Child) {
        let on = words::age_date(self.i.assessment);
        let age = words::age_text(&child.birth, on);
        let mut parts = vec![match child.birth {
            Birth::Born(dob) => format!("Born {}, {age} when the assessment started", date(dob)),
            Birth::Expected(_) => age,
        }];
        for (label, value) in [
            ("Gender", &child.gender),
            ("Setting", &child.setting),
            ("Additional needs", &child.additional_needs),
            ("First language", &child.language),
        ] {
            if !value.trim().is_empty() {
                parts.push(format!("{label}: {}", value.trim()));
            }
        }
        doc.paragraph(&parts.join(" · "), Style::body(), 0.0);
    }

    /// One row per area: the child's worst level and how many of the items that apply were
    /// assessed.
    fn first_page_profile(&self, doc: &mut Doc, child: &Child) {
        doc.heading(PROFILE_HEADING, H, 3);
        let w = [CONTENT_W - 265.0, 150.0, 115.0];
        for area in &self.def().areas {
            let items = self.shown_items(area, Some(child));
            if items.is_empty() {
                continue;
            }
            let assessed = items.iter().filter(|(_, v)| v.level.is_some()).count();
            let worst = items.iter().filter_map(|(_, v)| v.level).max();
            doc.row(&[
                Cell {
                    width: w[0],
                    text: format!("{} {}", area.number, area.title),
                    style: Style::regular(8.0),
                    fill: None,
                },
                self.level_cell(worst, w[1]),
                Cell {
                    width: w[2],
                    text: format!("{assessed} of {} assessed", items.len()),
                    style: Style::regular(8.0),
                    fill: None,
                },
            ]);
        }
    }

    /// The impact examples of the items at a level of concern for the child (or flagged for
    /// possible significant harm), per area, with the item and its level; the items at a level
    /// of concern with no example are named.
    fn first_page_impacts(&self, doc: &mut Doc, child: &Child, max_lines: usize) {
        doc.heading(IMPACT_HEADING, H, 2);
        let concern_from = self.def().scale.concern_from;
        let mut any = false;
        for area in &self.def().areas {
            let items = self.shown_items(area, Some(child));
            // The items at a level of concern, or flagged; the others are in the detail.
            let with: Vec<_> = items
                .iter()
                .filter(|(_, v)| {
                    !v.impact.trim().is_empty()
                        && (v.flagged || v.level.is_some_and(|l| l >= concern_from))
                })
                .collect();
            let without: Vec<&str> = items
                .iter()
                .filter(|(_, v)| {
                    v.impact.trim().is_empty() && v.level.is_some_and(|l| l >= concern_from)
                })
                .map(|(it, _)| it.number.as_str())
                .collect();
            if with.is_empty() && without.is_empty() {
                continue;
            }
            any = true;
            if max_lines > 0 {
                doc.paragraph(
                    &format!("{} {}", area.number, area.title),
                    Style::bold(8.5),
                    0.0,
                );
            }
            for (item, v) in with {
                let text = format!(
                    "{} {} ({}): {}",
                    item.number,
                    item.title,
                    self.level_text(v.level),
                    v.impact.trim()
                );
                doc.paragraph_clipped(&text, Style::regular(8.5), 8.0, max_lines.max(1));
            }
            if !without.is_empty() {
                doc.paragraph(
                    &format!("No example recorded for {}.", without.join(", ")),
                    Style::regular(8.5),
                    8.0,
                );
            }
        }
        if !any {
            doc.paragraph(
                "No item is at a level of concern for this child.",
                Style::regular(8.5),
                0.0,
            );
        } else if max_lines < IMPACT_LINES[0] {
            doc.paragraph(
                "Long examples are shortened here; each is printed in full with its item below.",
                Style::regular(7.5).with_colour((0.3, 0.3, 0.3)),
                0.0,
            );
        }
    }

    /// The significant-harm prompts (in bold) and the concern prompt for the child, with the
    /// words of [`crate::words`].
    fn first_page_prompts(&self, doc: &mut Doc, child: &Child) {
        doc.heading(PROMPTS_HEADING, H, 1);
        // Each prompt's headline, then each distinct action once under them (prompts of one
        // kind share their action), so that the page holds every prompt.
        let mut any = false;
        let mut actions: Vec<(String, bool)> = Vec::new();
        for p in &self.i.summary.prompts {
            let harm = match p {
                Prompt::SignificantHarm { child_id, .. } if *child_id == child.id => true,
                Prompt::Concern { child_id, .. } if *child_id == child.id => false,
                _ => continue,
            };
            any = true;
            let text = words::prompt_text(p, self.i.household, self.def());
            let style = if harm {
                Style::bold(8.0)
            } else {
                Style::regular(8.0)
            };
            doc.paragraph(&format!("• {}", text.headline), style, 0.0);
            if !text.action.is_empty() && !actions.iter().any(|(a, _)| *a == text.action) {
                actions.push((text.action, harm));
            }
        }
        for (action, harm) in &actions {
            let style = if *harm {
                Style::bold(8.0)
            } else {
                Style::regular(8.0)
            };
            doc.paragraph(action, style, 0.0);
        }
        if !any {
            doc.paragraph(
                "No significant-harm or concern prompt was raised for this child.",
                Style::regular(8.5),
                0.0,
            );
        }
    }

    /// The decision slot: the decision taken and the safeguarding lead consulted. Whether the
    /// parents know about the referral, and agree, is printed here when it is recorded.
    pub(crate) fn first_page_decision(&self, doc: &mut Doc) {
        let d = &self.i.assessment.decision;
        doc.heading(DECISION_HEADING, H, 2);
        sheet_lines(doc, &super::decision::triage_decision_lines(d, self.def()));
    }

    /// The DASH risk checklist slot: the record, when the checklist is offered (item 5.2 was
    /// discussed or a domestic-abuse prompt fired) or recorded.
    pub(crate) fn first_page_dash(&self, doc: &mut Doc, _child: &Child) {
        let a = self.i.assessment;
        let offered = crate::summary::dash_offered(a, self.def(), self.i.summary);
        let lines = super::decision::dash_lines(&a.decision, offered);
        if !lines.is_empty() {
            doc.heading(DASH_HEADING, H, 2);
            sheet_lines(doc, &lines);
        }
    }

    /// The carers and the child's brothers and sisters (and any other children) in the home.
    fn first_page_home(&self, doc: &mut Doc, child: &Child) {
        let h = self.i.household;
        doc.heading(HOME_HEADING, H, 2);
        let on = words::age_date(self.i.assessment);
        let others: Vec<String> = h
            .children
            .iter()
            .filter(|c| c.id != child.id)
            .map(|c| format!("{} ({})", c.name, words::age_text(&c.birth, on)))
            .collect();
        doc.pair(
            "Children",
            &if others.is_empty() {
                "None recorded".to_string()
            } else {
                others.join("; ")
            },
            LABEL_W,
        );
        let adults: Vec<String> = h
            .carers
            .iter()
            .map(|c| {
                let mut about: Vec<&str> = Vec::new();
                if !c.relationship.trim().is_empty() {
                    about.push(c.relationship.trim());
                }
                if c.parental_responsibility {
                    about.push("parental responsibility");
                }
                if about.is_empty() {
                    c.name.clone()
                } else {
                    format!("{} ({})", c.name, about.join(", "))
                }
            })
            .collect();
        doc.pair(
            "Adults",
            &if adults.is_empty() {
                "None recorded".to_string()
            } else {
                adults.join("; ")
            },
            LABEL_W,
        );
    }

    /// The other agencies involved with the household, or a line saying none are recorded.
    pub(crate) fn first_page_agencies(&self, doc: &mut Doc) {
        doc.heading(AGENCIES_HEADING, H, 2);
        sheet_lines(doc, &super::decision::agencies_lines(self.i.household));
    }
}
