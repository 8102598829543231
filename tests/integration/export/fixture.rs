//! A full summary-sheet fixture built in code: three children (one unborn), every area of the
//! bundled default definition, every text field filled, Unicode names, a 5,000-word analysis,
//! and a review with its comparison. Shared by the integration tests and the benchmark.
//!
//! The summary and comparison are built here by plain rules of their own, so that these tests do
//! not depend on the summary rules being finished.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ntk_core::assessment::{
    item_applies, Address, Assessment, AssessmentKind, Birth, Carer, Child, ChildNote, ChildOnItem,
    ChildSeen, DashOutcome, DashRecord, Decision, DefinitionRef, Household, Id, LeadConsultation,
    Level, LifecycleEvent, LifecycleEventKind, OtherAgency, ParentsConsent, PlacedBy, Placement,
    Practitioner, Rating, Status, Subject, Visit,
};
use ntk_core::export::SheetInput;
use ntk_core::summary::{compare, summarise, Comparison, Summary, SustainedImprovement};
use ntk_core::toolkit::{self, Contact, DecisionKind, Scope, ToolkitDefinition};

/// Everything a sheet needs, owned.
pub struct Fixture {
    pub def: ToolkitDefinition,
    pub household: Household,
    pub previous: Assessment,
    pub review: Assessment,
    pub summary: Summary,
    pub comparison: Comparison,
    pub sustained: Vec<SustainedImprovement>,
    pub contacts: Vec<Contact>,
    pub created_at: DateTime<Utc>,
}

impl Fixture {
    /// The input for the review's sheet.
    pub fn input(&self) -> SheetInput<'_> {
        SheetInput {
            household: &self.household,
            assessment: &self.review,
            summary: &self.summary,
            definition: &self.def,
            comparison: Some(&self.comparison),
            previous: Some(&self.previous),
            sustained: Some(&self.sustained),
            trend: None,
            contacts: &self.contacts,
            created_at: self.created_at,
        }
    }
}

fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 30, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(s: &str) -> Id {
    Id(format!("{s:0>32}"))
}

const VOCAB: &[&str] = &[
    "the",
    "family",
    "kitchen",
    "visit",
    "breakfast",
    "routine",
    "school",
    "bedtime",
    "warmth",
    "laundry",
    "appointment",
    "nursery",
    "conversation",
    "support",
    "progress",
    "heating",
    "clothing",
    "dentist",
    "reading",
    "playground",
    "worry",
    "confidence",
    "attendance",
    "meals",
    "homework",
    "grandmother",
    "shopping",
    "budget",
    "garden",
    "story",
];

/// A long field of `n` words: varied sentences, each numbered so that a lost line shows.
pub fn long_text(n: usize) -> String {
    let mut out = String::new();
    let mut x: u64 = 0x9E37_79B9;
    let mut words = 0;
    let mut sentence = 1;
    while words < n {
        out.push_str(&format!("Observation {sentence}:"));
        words += 2;
        let len = 8 + (sentence % 9);
        for _ in 0..len {
            if words >= n {
                break;
            }
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.push(' ');
            out.push_str(VOCAB[(x % VOCAB.len() as u64) as usize]);
            words += 1;
        }
        out.push('.');
        if sentence % 12 == 0 {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
        sentence += 1;
    }
    out.trim_end().to_string()
}

/// The definition used: the bundled default, with at least one household-scope item.
pub fn definition() -> ToolkitDefinition {
    let mut def = toolkit::bundled_default();
    if !def.items().any(|(_, i)| i.scope == Scope::Household) {
        let area5 = def.areas.iter_mut().find(|a| a.number == 5).unwrap();
        area5.items.last_mut().unwrap().scope = Scope::Household;
    }
    def
}

/// The child-scope item that child 3 (unborn) has not assessed: the second child-scope item
/// that applies before birth.
pub fn not_assessed_item(def: &ToolkitDefinition) -> &ntk_core::toolkit::Item {
    let before_birth = def.before_birth_band();
    def.items()
        .map(|(_, i)| i)
        .filter(|i| i.scope == Scope::Child && def.item_applies(i, true, before_birth))
        .nth(1)
        .expect("the definition has two child-scope items before birth")
}

/// The reason child 1's level is set apart on the first household item.
pub const SET_APART_REASON: &str =
    "Zoë is kept home to mind Minh when her mother is at appointments; Minh is not.";

fn level_for(child: usize, item: usize, review: bool) -> Option<Level> {
    let base = ((child + item) % 4) as u8 + 1;
    Some(if review && base > 1 && item.is_multiple_of(2) {
        base - 1
    } else {
        base
    })
}

/// The full fixture.
pub fn full() -> Fixture {
    let def = definition();
    let hash = toolkit::content_hash(&def);
    let created = t(2026, 3, 2);
    let household = Household {
        id: id("h1"),
        name: "Kowalski-Nguyễn family".into(),
        reference: "NTK/2026/0042-Ø".into(),
        address: Address {
            lines: vec![
                "Flat 3, 12 Ørsted Road".into(),
                "Sneinton, Nottingham".into(),
            ],
            postcode: "NG2 4QX".into(),
        },
        language: "Polish and Vietnamese".into(),
        interpreter_needed: true,
        agencies: vec![
            OtherAgency {
                agency: "Sneinton Health Centre (fictional)".into(),
                role: "Health visitor".into(),
                name: "Bảo Trần".into(),
                contact: "0115 496 0999".into(),
            },
            OtherAgency {
                agency: "City Housing (fictional)".into(),
                role: "Housing officer".into(),
                name: "Marek Kowalczyk".into(),
                contact: String::new(),
            },
        ],
        carers: vec![
            Carer {
                id: id("c1"),
                name: "Łukasz Kowalski".into(),
                relationship: "Father".into(),
                parental_responsibility: true,
                phone: "07700 900123".into(),
            },
            Carer {
                id: id("c2"),
                name: "Nguyễn Thị Lan".into(),
                relationship: "Mother".into(),
                parental_responsibility: true,
                phone: "07700 900456".into(),
            },
            Carer {
                id: id("c3"),
                name: "Siobhán O'Brien".into(),
                relationship: "Maternal grandmother".into(),
                parental_responsibility: false,
                phone: "0115 496 0789".into(),
            },
        ],
        children: vec![
            Child {
                id: id("k1"),
                name: "Zoë Kowalska".into(),
                birth: Birth::Born(day(2019, 3, 14)),
                gender: "Girl".into(),
                setting: "Sneinton St Stephen's Primary, Year 2".into(),
                additional_needs: "Speech and language therapy for a stammer".into(),
                language: "Polish".into(),
                young_carer: false,
            },
            Child {
                id: id("k2"),
                name: "Minh Nguyễn".into(),
                birth: Birth::Born(day(2023, 8, 2)),
                gender: "Boy".into(),
                setting: "Rainbow Day Nursery, two mornings".into(),
                additional_needs: "Eczema managed with prescribed emollients".into(),
                language: "Vietnamese".into(),
                young_carer: false,
            },
            Child {
                id: id("k3"),
                name: "Baby Nguyễn-Kowalski".into(),
                birth: Birth::Expected(day(2026, 6, 20)),
                gender: "Not known yet".into(),
                setting: "Midwife at Sneinton Health Centre".into(),
                additional_needs: "None known before birth".into(),
                language: "Polish and Vietnamese".into(),
                young_carer: false,
            },
        ],
        created_at: t(2025, 11, 3),
        updated_at: t(2026, 2, 20),
    };
    let practitioner = Practitioner {
        name: "Aoife Ní Bhriain".into(),
        role: "Health visitor".into(),
        agency: "Nottingham Community Health, Sneinton team".into(),
        phone: "0115 883 0000".into(),
        email: "aoife.nibhriain@example.nhs.uk".into(),
    };
    let dref = DefinitionRef {
        id: def.id.clone(),
        version: def.version.clone(),
        hash,
    };

    let build = |review: bool| -> Assessment {
        let (aid, kind) = if review {
            (id("a2"), AssessmentKind::Review { previous: id("a1") })
        } else {
            (id("a1"), AssessmentKind::Initial)
        };
        let when = if review {
            t(2026, 2, 10)
        } else {
            t(2025, 11, 10)
        };
        let mut a = Assessment::new_draft(
            aid,
            household.id.clone(),
            kind,
            dref.clone(),
            practitioner.clone(),
            when,
        );
        let tag = if review { "review" } else { "initial" };
        a.visits = vec![
            Visit {
                id: id(&format!("v1{tag}")),
                date: when.date_naive(),
                present: vec![
                    "Łukasz Kowalski (father)".into(),
                    "Nguyễn Thị Lan (mother)".into(),
                    "Interpreter: Trần Văn Bình".into(),
                ],
                children_seen: vec![
                    ChildSeen { child_id: id("k1"), seen: true, seen_alone: true },
                    ChildSeen { child_id: id("k2"), seen: true, seen_alone: false },
                    ChildSeen { child_id: id("k3"), seen: false, seen_alone: false },
                ],
                notes: format!("First {tag} visit: the flat was warm and the children were dressed for the weather."),
            },
            Visit {
                id: id(&format!("v2{tag}")),
                date: when.date_naive() + chrono::Days::new(9),
                present: vec!["Nguyễn Thị Lan (mother)".into(), "Siobhán O'Brien (grandmother)".into()],
                children_seen: vec![
                    ChildSeen { child_id: id("k1"), seen: true, seen_alone: false },
                    ChildSeen { child_id: id("k2"), seen: true, seen_alone: false },
                ],
                notes: format!("Second {tag} visit after school; Zoë showed her reading book."),
            },
        ];
        let first_household = def
            .items()
            .find(|(_, i)| i.scope == Scope::Household)
            .map(|(_, i)| i.number.clone());
        for (ci, child) in household.children.iter().enumerate() {
            for (ii, (_, item)) in def.items().enumerate() {
                if item.scope == Scope::Household && ci > 0 {
                    continue;
                }
                // The unborn child is not asked about items that need a born child.
                if item.scope == Scope::Child && !item_applies(&def, item, child, when.date_naive())
                {
                    continue;
                }
                let subject = match item.scope {
                    Scope::Household => Subject::Household,
                    Scope::Child => Subject::Child(child.id.clone()),
                };
                let who = if item.scope == Scope::Household {
                    "the household".to_string()
                } else {
                    child.name.clone()
                };
                let n = &item.number;
                let mut r = Rating::new(n.clone(), subject);
                // Child 3 (unborn) has one item not assessed; the rest spread over the scale.
                r.level = if ci == 2 && n == &not_assessed_item(&def).number {
                    None
                } else {
                    level_for(ci, ii, review)
                };
                // One item in three has each parent's own placement in their words; the rest a
                // placement recorded before placements were named.
                if ii % 3 == 1 {
                    r.placements = vec![
                        Placement {
                            by: PlacedBy::Carer { carer_id: id("c1") },
                            level: r.level.map(|l| l.saturating_sub(1).max(1)),
                            words: format!("Łukasz's own words ({tag}) on item {n}: we manage most days."),
                        },
                        Placement {
                            by: PlacedBy::Carer { carer_id: id("c2") },
                            level: r.level,
                            words: format!("Lan's own words ({tag}) on item {n}: some weeks are harder than others."),
                        },
                    ];
                } else {
                    r.carer_level = r.level.map(|l| if ii % 3 == 0 { 1 } else { l });
                }
                r.evidence = format!("Evidence ({tag}) for {who} on item {n}: seen during both visits, noted in the diary and discussed with the carers.");
                r.impact = format!("Impact ({tag}) on {who} for item {n}: tired at nursery drop-off on three mornings out of five.");
                r.strengths = format!("Strengths ({tag}) for {who} on item {n}: grandmother helps with the school run.");
                if child.can_give_view() || item.scope == Scope::Household {
                    r.child_view = format!("Child's view ({tag}) from {who} on item {n}: \"I like it when Tata reads to me.\"");
                }
                if ii % 5 == 0 {
                    r.shared_text = format!(
                        "Shared strength ({tag}) on item {n}: you keep every health appointment."
                    );
                }
                if item.scope == Scope::Household {
                    // Every child on a household item: their own impact, and a born child's view.
                    r.per_child = household
                        .children
                        .iter()
                        .map(|c| ChildOnItem {
                            heard: Default::default(),
                            child_id: c.id.clone(),
                            impact: format!("Impact ({tag}) on {} for household item {n}: their own example, seen at the second visit.", c.name),
                            child_view: if c.can_give_view() {
                                format!("View ({tag}) of {} on household item {n}: \"It is too cold in my room.\"", c.name)
                            } else {
                                String::new()
                            },
                            level: None,
                            level_reason: String::new(),
                            significant_harm: false,
                        })
                        .collect();
                    if Some(n) == first_household.as_ref() {
                        let own = r.level.map_or(4, |l| (l + 1).min(4));
                        r.per_child[0].level = Some(own);
                        r.per_child[0].level_reason = SET_APART_REASON.into();
                        r.per_child[1].significant_harm = true;
                    }
                }
                a.ratings.push(r);
            }
        }
        a.background = format!("Background ({tag}): the family moved from Kraków and Hải Phòng in 2018; overcrowded two-bedroom flat; previous early-help involvement in 2022 closed with good progress.");
        a.poverty_context = format!("Poverty context ({tag}): universal credit, prepayment meter often on emergency credit, food bank twice this winter; care is warm despite money being very short.");
        a.strengths = format!("Family strengths ({tag}): loving relationships, the grandmother's daily help, and a father who asks for advice.");
        a.carer_view = format!("Carer's view ({tag}): \"We are doing our best; the damp is the landlord's problem and we need help with the heating.\" — Nguyễn Thị Lan");
        a.child_views = household
            .children
            .iter()
            .filter(|c| c.can_give_view())
            .map(|c| ChildNote {
                heard: Default::default(),
                child_id: c.id.clone(),
                text: format!(
                    "Overall view ({tag}) of {}: happy at home, wants a bed of their own.",
                    c.name
                ),
            })
            .collect();
        a.analysis = if review {
            long_text(5000)
        } else {
            "Analysis (initial): care is mostly adequate with specific worries about home conditions.".into()
        };
        a.practitioner_notes = "PRACTITIONER-ONLY note: never print this line".into();
        a.decision = Decision {
            options: def
                .decision_options
                .iter()
                .filter(|o| {
                    matches!(
                        o.kind,
                        Some(DecisionKind::SingleAgency | DecisionKind::RequestForSupport)
                    )
                })
                .map(|o| o.code.clone())
                .collect(),
            parents: ParentsConsent {
                know: Some(true),
                agree: Some(false),
                why_not: "The father fears the children will be taken away.".into(),
            },
            dash: DashRecord {
                done: Some(true),
                why_not: String::new(),
                date: Some(when.date_naive() + chrono::Days::new(5)),
                outcome: Some(DashOutcome::Medium),
                marac_referral: false,
            },
            lead_consulted: Some(LeadConsultation {
                name: "Ngozi Adébáyọ̀".into(),
                date: when.date_naive() + chrono::Days::new(12),
                advice: format!("Lead's advice ({tag}): keep supporting the family and review in six weeks."),
            }),
            next_steps: format!("Next steps ({tag}): referral to the housing officer about damp; health visitor to review in six weeks; school to monitor attendance."),
            review_date: Some(when.date_naive() + chrono::Days::new(56)),
            ..Decision::default()
        };
        a.status = Status::Completed;
        a.history = vec![LifecycleEvent {
            at: when + chrono::Days::new(12),
            by: practitioner.name.clone(),
            event: LifecycleEventKind::Completed,
        }];
        if review {
            a.history.push(LifecycleEvent {
                at: when + chrono::Days::new(14),
                by: practitioner.name.clone(),
                event: LifecycleEventKind::AmendmentStarted {
                    reason: "Amended to add the grandmother's view".into(),
                },
            });
            a.status = Status::Completed;
        }
        a
    };
    let previous = build(false);
    let review = build(true);
    let summary = summarise(&review, &household, &def);
    let comparison = compare(&previous, &review, &household, &def);
    let first = def.items().map(|(_, i)| i.number.clone()).nth(1).unwrap();
    let sustained = vec![SustainedImprovement {
        child_id: id("k1"),
        item: first,
        from: 3,
        to: 2,
        reviews: 2,
    }];
    let contacts = vec![
        Contact {
            id: "mash".into(),
            name: "Multi-Agency Safeguarding Hub (MASH)".into(),
            phone: "0300 500 80 90".into(),
            description: "Concerns about a child's safety, office hours.".into(),
        },
        Contact {
            id: "ooh".into(),
            name: "Emergency duty team (out of hours)".into(),
            phone: "0300 456 4546".into(),
            description: "Evenings, weekends and bank holidays.".into(),
        },
    ];
    Fixture {
        def,
        household,
        previous,
        review,
        summary,
        comparison,
        sustained,
        contacts,
        created_at: created,
    }
}

/// The rating that applies to an item for a child.
pub fn effective<'a>(
    def: &ToolkitDefinition,
    a: &'a Assessment,
    item: &str,
    child: &Id,
) -> Option<&'a Rating> {
    let scope = def.item(item)?.scope;
    let subject = match scope {
        Scope::Household => Subject::Household,
        Scope::Child => Subject::Child(child.clone()),
    };
    a.rating(item, &subject)
}
