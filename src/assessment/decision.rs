//! The decision after the toolkit, as the guidance frames it, and the other agencies involved
//! with a household.
//!
//! A decision names one or more of the definition's options, each of one of the four kinds
//! ([`DecisionKind`]). A request for support or urgent contact with the MASH goes through a
//! front door chosen from the contacts; it is stored with a copy of the contact's name and number
//! as they were, so the record reads the same when the contacts change. A referral (any kind but
//! single-agency support) asks whether the parents know and agree. The DASH risk checklist record
//! sits beside them; whether it is offered is the summary's rule
//! ([`crate::summary::dash_offered`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Decision, Household, LeadConsultation};
use super::rules::ModelError;
use crate::limits::{AGENCIES_MAX, AGENCY_TEXT_MAX_CHARS};
use crate::toolkit::{Contact, ToolkitDefinition};

/// The front door a request went through: the contact's id, and its name and number as they
/// were when it was chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontDoor {
    /// The contact's id.
    pub contact_id: String,
    /// The contact's name when chosen.
    #[serde(default)]
    pub name: String,
    /// The contact's telephone number when chosen.
    #[serde(default)]
    pub phone: String,
}

impl FrontDoor {
    /// The front door through `c`, copying its name and number.
    pub fn from_contact(c: &Contact) -> Self {
        FrontDoor {
            contact_id: c.id.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
        }
    }
}

/// Whether the parents know about a referral and agree to it, and if not, why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentsConsent {
    /// Whether the parents know about the referral (`None`: not answered).
    #[serde(default)]
    pub know: Option<bool>,
    /// Whether they agree to it (`None`: not answered).
    #[serde(default)]
    pub agree: Option<bool>,
    /// Why they do not know, or do not agree.
    #[serde(default)]
    pub why_not: String,
}

impl ParentsConsent {
    /// Whether the answer is complete: they know and agree; or they know and do not agree, with
    /// why; or they do not know, with why.
    pub fn is_recorded(&self) -> bool {
        let why = !self.why_not.trim().is_empty();
        match (self.know, self.agree) {
            (Some(true), Some(true)) => true,
            (Some(true), Some(false)) | (Some(false), _) => why,
            _ => false,
        }
    }
}

/// The outcome of a DASH risk checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DashOutcome {
    /// Standard risk.
    Standard,
    /// Medium risk.
    Medium,
    /// High risk.
    High,
}

impl DashOutcome {
    /// The three outcomes, lowest risk first.
    pub const ALL: [DashOutcome; 3] = [
        DashOutcome::Standard,
        DashOutcome::Medium,
        DashOutcome::High,
    ];
}

/// The DASH risk checklist: done or not (and why not), when, the outcome, and whether a MARAC
/// referral was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashRecord {
    /// Whether the checklist was completed (`None`: not answered).
    #[serde(default)]
    pub done: Option<bool>,
    /// Why it was not done (for example, not safe to ask).
    #[serde(default)]
    pub why_not: String,
    /// When it was done.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Its outcome.
    #[serde(default)]
    pub outcome: Option<DashOutcome>,
    /// Whether a referral to the MARAC was made.
    #[serde(default)]
    pub marac_referral: bool,
}

impl DashRecord {
    /// Whether the record answers the question: done, or not done with why.
    pub fn is_recorded(&self) -> bool {
        match self.done {
            Some(true) => true,
            Some(false) => !self.why_not.trim().is_empty(),
            None => false,
        }
    }
}

/// Another agency involved with the household.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherAgency {
    /// The agency, e.g. "Oakfield Primary School".
    #[serde(default)]
    pub agency: String,
    /// The worker's role, e.g. "School nurse".
    #[serde(default)]
    pub role: String,
    /// The worker's name.
    #[serde(default)]
    pub name: String,
    /// How to reach them (telephone or email).
    #[serde(default)]
    pub contact: String,
}

/// The decision as stored before several options could be chosen: one `option` code. Read into
/// [`Decision`] with the code as a one-element list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionRecord {
    #[serde(default)]
    option: Option<String>,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    lead_consulted: Option<LeadConsultation>,
    #[serde(default)]
    next_steps: String,
    #[serde(default)]
    review_date: Option<NaiveDate>,
    #[serde(default)]
    front_door: Option<FrontDoor>,
    #[serde(default)]
    parents: ParentsConsent,
    #[serde(default)]
    dash: DashRecord,
}

impl From<DecisionRecord> for Decision {
    fn from(r: DecisionRecord) -> Self {
        let mut options = r.options;
        if let Some(old) = r.option.filter(|o| !o.trim().is_empty()) {
            if !options.contains(&old) {
                options.insert(0, old);
            }
        }
        Decision {
            options,
            lead_consulted: r.lead_consulted,
            next_steps: r.next_steps,
            review_date: r.review_date,
            front_door: r.front_door,
            parents: r.parents,
            dash: r.dash,
        }
    }
}

/// Check a decision against the definition: every option offered, none twice.
pub fn check_decision(d: &Decision, def: &ToolkitDefinition) -> Result<(), ModelError> {
    for (i, opt) in d.options.iter().enumerate() {
        if !def.decision_options.iter().any(|o| &o.code == opt) {
            return Err(ModelError::UnknownDecision {
                option: opt.clone(),
            });
        }
        if d.options[..i].contains(opt) {
            return Err(ModelError::DuplicateDecision {
                option: opt.clone(),
            });
        }
    }
    Ok(())
}

/// A front door must be one of `contacts` (the practitioner's, else the definition's: see
/// `Session::contacts_for`). No front door is always accepted.
pub fn check_front_door(d: &Decision, contacts: &[Contact]) -> Result<(), ModelError> {
    match &d.front_door {
        Some(f) if !contacts.iter().any(|c| c.id == f.contact_id) => {
            Err(ModelError::FrontDoorNotAContact {
                contact_id: f.contact_id.clone(),
            })
        }
        _ => Ok(()),
    }
}

/// The other agencies of a household: at most [`AGENCIES_MAX`], each with an agency or a name,
/// and no field longer than [`AGENCY_TEXT_MAX_CHARS`] characters. Any text is accepted as text.
pub fn check_agencies(h: &Household) -> Result<(), ModelError> {
    if h.agencies.len() > AGENCIES_MAX {
        return Err(ModelError::TooManyAgencies { max: AGENCIES_MAX });
    }
    for a in &h.agencies {
        if a.agency.trim().is_empty() && a.name.trim().is_empty() {
            return Err(ModelError::AgencyUnnamed);
        }
        for text in [&a.agency, &a.role, &a.name, &a.contact] {
            if text.chars().count() > AGENCY_TEXT_MAX_CHARS {
                return Err(ModelError::AgencyTextTooLong {
                    max: AGENCY_TEXT_MAX_CHARS,
                });
            }
        }
    }
    Ok(())
}
