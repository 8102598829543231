//! The decision and the other agencies as the summary sheet prints them: pure functions from the
//! record to labelled lines, kept apart from the page layout so they can be placed anywhere on
//! the sheet.

use crate::assessment::{Decision, Household};
use crate::toolkit::ToolkitDefinition;
use crate::words::{self, date_text};

/// One line of the sheet: a short label beside its value, or a label over a longer text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SheetLine {
    /// "Label: value" in two columns.
    Pair(String, String),
    /// A label above a wrapped text.
    Field(String, String),
}

fn pair(label: &str, value: impl Into<String>) -> SheetLine {
    SheetLine::Pair(label.into(), value.into())
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

fn answer(b: Option<bool>) -> &'static str {
    b.map_or("Not recorded", yes_no)
}

/// The decision section: the options chosen (with their kind's front door), the lead's name,
/// date and advice, the parents' knowledge and agreement for a referral, the DASH record when
/// `dash_offered` or recorded, the review date and the next steps.
pub(crate) fn decision_lines(
    d: &Decision,
    def: &ToolkitDefinition,
    dash_offered: bool,
) -> Vec<SheetLine> {
    let mut out = choice_lines(d, def);
    out.extend(lead_lines(d, true));
    out.extend(parents_lines(d, def));
    out.extend(dash_lines(d, dash_offered));
    out.push(pair(
        "Review date",
        d.review_date.map_or_else(|| "Not set".into(), date_text),
    ));
    let steps = if d.next_steps.trim().is_empty() {
        "Not recorded."
    } else {
        d.next_steps.as_str()
    };
    out.push(SheetLine::Field("Next steps".into(), steps.into()));
    out
}

/// The decision as the first page of a child's section shows it: the options chosen with the
/// front door, who was consulted, and whether the parents know and agree.
pub(crate) fn triage_decision_lines(d: &Decision, def: &ToolkitDefinition) -> Vec<SheetLine> {
    let mut out = choice_lines(d, def);
    out.extend(lead_lines(d, false));
    out.extend(parents_lines(d, def));
    out
}

/// The options chosen, in the definition's words, and the front door of a request.
fn choice_lines(d: &Decision, def: &ToolkitDefinition) -> Vec<SheetLine> {
    let mut out = Vec::new();
    let labels: Vec<String> = d
        .options
        .iter()
        .filter(|o| !o.trim().is_empty())
        .map(|code| {
            def.decision_options
                .iter()
                .find(|o| &o.code == code)
                .map_or_else(|| code.clone(), |o| o.label.clone())
        })
        .collect();
    if labels.is_empty() {
        out.push(pair("Decision", "Not yet decided"));
    }
    for (n, l) in labels.iter().enumerate() {
        out.push(pair(if n == 0 { "Decision" } else { "" }, l.as_str()));
    }
    let kinds = def.decision_kinds(&d.options);
    if let Some(f) = &d.front_door {
        let mut v = f.name.clone();
        if !f.phone.trim().is_empty() {
            v.push_str(&format!(", telephone {}", f.phone));
        }
        out.push(pair("Front door", v));
    } else if kinds.iter().any(|k| k.needs_front_door()) {
        out.push(pair("Front door", "Not recorded"));
    }
    out
}

/// The safeguarding lead consulted, with the advice given when `with_advice`.
fn lead_lines(d: &Decision, with_advice: bool) -> Vec<SheetLine> {
    match &d.lead_consulted {
        Some(l) => {
            let mut out = vec![pair(
                "Safeguarding lead consulted",
                format!("{}, on {}", l.name, date_text(l.date)),
            )];
            if with_advice {
                let advice = if l.advice.trim().is_empty() {
                    "Not recorded."
                } else {
                    l.advice.as_str()
                };
                out.push(SheetLine::Field("The lead's advice".into(), advice.into()));
            }
            out
        }
        None => vec![pair("Safeguarding lead consulted", "Not recorded")],
    }
}

/// Whether the parents know about a referral and agree to it, and why not; only for a referral
/// or when answered.
fn parents_lines(d: &Decision, def: &ToolkitDefinition) -> Vec<SheetLine> {
    let mut out = Vec::new();
    let kinds = def.decision_kinds(&d.options);
    let p = &d.parents;
    let asked = p.know.is_some() || p.agree.is_some() || !p.why_not.trim().is_empty();
    if kinds.iter().any(|k| k.is_referral()) || asked {
        out.push(pair("Parents know", answer(p.know)));
        out.push(pair("Parents agree", answer(p.agree)));
        if !p.why_not.trim().is_empty() {
            out.push(SheetLine::Field(
                "Why the parents do not know or agree".into(),
                p.why_not.clone(),
            ));
        }
    }
    out
}

/// The DASH risk checklist record, when it is offered or recorded.
pub(crate) fn dash_lines(d: &Decision, dash_offered: bool) -> Vec<SheetLine> {
    let mut out = Vec::new();
    let dash = &d.dash;
    if dash_offered || dash.done.is_some() {
        let done = match dash.done {
            Some(true) => match dash.date {
                Some(on) => format!("Done, on {}", date_text(on)),
                None => "Done".into(),
            },
            Some(false) => "Not done".into(),
            None => "Not recorded".into(),
        };
        out.push(pair("DASH risk checklist", done));
        if dash.done == Some(false) && !dash.why_not.trim().is_empty() {
            out.push(SheetLine::Field(
                "Why the DASH checklist was not done".into(),
                dash.why_not.clone(),
            ));
        }
        if dash.done == Some(true) {
            out.push(pair(
                "DASH outcome",
                dash.outcome
                    .map_or("Not recorded", words::dash_outcome_text),
            ));
            out.push(pair("MARAC referral made", yes_no(dash.marac_referral)));
        }
    }
    out
}

/// The "Other agencies involved" block: one line per agency (agency, role, worker, contact), or
/// a line saying none are recorded.
pub(crate) fn agencies_lines(h: &Household) -> Vec<SheetLine> {
    if h.agencies.is_empty() {
        return vec![pair("Other agencies", "None recorded")];
    }
    h.agencies
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let who: Vec<&str> = [&a.name, &a.role, &a.contact]
                .into_iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let agency = if a.agency.trim().is_empty() {
                "Agency not named"
            } else {
                a.agency.trim()
            };
            let v = if who.is_empty() {
                agency.to_string()
            } else {
                format!("{agency}: {}", who.join(", "))
            };
            pair(if n == 0 { "Other agencies" } else { "" }, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{DashOutcome, FrontDoor, LeadConsultation, OtherAgency};
    use crate::summary::testkit::{date, definition, household};
    use crate::toolkit::Scope;

    fn texts(lines: &[SheetLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| match l {
                SheetLine::Pair(a, b) | SheetLine::Field(a, b) => format!("{a}: {b}"),
            })
            .collect()
    }

    #[test]
    fn a_request_prints_its_options_front_door_parents_and_lead() {
        let def = definition(4, 3, &[("1.1", Scope::Child)]);
        let mut d = Decision {
            options: vec!["universal".into(), "early-help".into()],
            ..Decision::default()
        };
        let t = texts(&decision_lines(&d, &def, false));
        assert!(t.contains(&"Decision: Universal services".to_string()));
        assert!(t.contains(&": Early help".to_string()));
        assert!(t.contains(&"Front door: Not recorded".to_string()));
        assert!(t.contains(&"Parents know: Not recorded".to_string()));
        assert!(
            !t.iter().any(|l| l.starts_with("DASH")),
            "not offered, not recorded"
        );
        d.front_door = Some(FrontDoor {
            contact_id: "eh".into(),
            name: "Early help hub".into(),
            phone: "01632 960999".into(),
        });
        d.lead_consulted = Some(LeadConsultation {
            name: "Lee".into(),
            date: date(2026, 3, 1),
            advice: "Request early help today.".into(),
        });
        d.parents.know = Some(true);
        d.parents.agree = Some(false);
        d.parents.why_not = "They fear being judged.".into();
        let t = texts(&decision_lines(&d, &def, false));
        assert!(t.contains(&"Front door: Early help hub, telephone 01632 960999".to_string()));
        assert!(t.contains(&"Safeguarding lead consulted: Lee, on 1 March 2026".to_string()));
        assert!(t.contains(&"The lead's advice: Request early help today.".to_string()));
        assert!(t.contains(&"Parents agree: No".to_string()));
        assert!(t.iter().any(|l| l.ends_with("They fear being judged.")));
    }

    #[test]
    fn single_agency_support_asks_no_front_door_or_parents() {
        let def = definition(4, 3, &[("1.1", Scope::Child)]);
        let d = Decision {
            options: vec!["universal".into()],
            ..Decision::default()
        };
        let t = texts(&decision_lines(&d, &def, false));
        assert!(!t
            .iter()
            .any(|l| l.starts_with("Front door") || l.starts_with("Parents")));
        let none = texts(&decision_lines(&Decision::default(), &def, false));
        assert_eq!(none[0], "Decision: Not yet decided");
    }

    #[test]
    fn the_dash_record_prints_when_offered() {
        let def = definition(4, 3, &[("1.1", Scope::Child)]);
        let mut d = Decision::default();
        let t = texts(&decision_lines(&d, &def, true));
        assert!(t.contains(&"DASH risk checklist: Not recorded".to_string()));
        d.dash.done = Some(true);
        d.dash.date = Some(date(2026, 2, 20));
        d.dash.outcome = Some(DashOutcome::High);
        d.dash.marac_referral = true;
        let t = texts(&decision_lines(&d, &def, true));
        assert!(t.contains(&"DASH risk checklist: Done, on 20 February 2026".to_string()));
        assert!(t.contains(&"DASH outcome: High risk".to_string()));
        assert!(t.contains(&"MARAC referral made: Yes".to_string()));
    }

    #[test]
    fn agencies_print_one_line_each() {
        let mut h = household(1);
        assert_eq!(
            texts(&agencies_lines(&h)),
            ["Other agencies: None recorded"]
        );
        h.agencies = vec![
            OtherAgency {
                agency: "School".into(),
                role: "School nurse".into(),
                name: "Robin".into(),
                contact: "01632 960123".into(),
            },
            OtherAgency {
                name: "Kit".into(),
                ..OtherAgency::default()
            },
        ];
        assert_eq!(
            texts(&agencies_lines(&h)),
            [
                "Other agencies: School: Robin, School nurse, 01632 960123",
                ": Agency not named: Kit"
            ]
        );
    }
}
