//! Small definitions, households and assessments built in code for the tests of the summary
//! rules, the domain model and the demo data, so that none of them depends on the wording of the
//! bundled default definition.

use crate::assessment::*;
use crate::toolkit::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// A fixed instant used as "now" in tests.
pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
}

/// A date.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A definition with a scale of `levels` points, levels of concern from `concern_from`, and the
/// given items (`"<area>.<n>"`, scope), grouped into areas by the number before the dot in the
/// order they first appear.
pub(crate) fn definition(
    levels: u8,
    concern_from: u8,
    items: &[(&str, Scope)],
) -> ToolkitDefinition {
    let mut areas: Vec<Area> = Vec::new();
    for (number, scope) in items {
        let area: u32 = number.split('.').next().unwrap().parse().unwrap();
        let item = Item {
            number: number.to_string(),
            title: format!("Item {number}"),
            scope: *scope,
            descriptors: (1..=levels)
                .map(|level| Descriptor {
                    level,
                    text: format!("What level {level} looks like for {number}"),
                })
                .collect(),
            age_descriptors: Vec::new(),
            prompts: Vec::new(),
            alerts: Vec::new(),
            applies_to: None,
            about_home: false,
        };
        match areas.iter_mut().find(|a| a.number == area) {
            Some(a) => a.items.push(item),
            None => areas.push(Area {
                number: area,
                title: format!("Area {area}"),
                purpose: String::new(),
                items: vec![item],
            }),
        }
    }
    ToolkitDefinition {
        format: FORMAT_VERSION,
        id: format!("test-{levels}-point"),
        version: "1".into(),
        title: "Test toolkit".into(),
        publisher: "Tests".into(),
        notice: String::new(),
        scale: Scale {
            levels: (1..=levels)
                .map(|code| ScaleLevel {
                    code,
                    label: format!("Level {code}"),
                    meaning: format!("Meaning of level {code}"),
                    colour: "#808080".into(),
                })
                .collect(),
            not_assessed_label: "Not assessed".into(),
            concern_from,
        },
        age_bands: Vec::new(),
        areas,
        guidance: Vec::new(),
        decision_options: vec![
            DecisionOption {
                code: "universal".into(),
                label: "Universal services".into(),
                description: String::new(),
                kind: Some(DecisionKind::SingleAgency),
            },
            DecisionOption {
                code: "early-help".into(),
                label: "Early help".into(),
                description: String::new(),
                kind: Some(DecisionKind::RequestForSupport),
            },
            DecisionOption {
                code: "community".into(),
                label: "Community services".into(),
                description: String::new(),
                kind: Some(DecisionKind::CommunityReferral),
            },
        ],
        contacts: Vec::new(),
        self_placement_from_years: None,
        review_questions: Vec::new(),
        chronology_categories: Vec::new(),
        handover_recipients: Vec::new(),
    }
}

/// Add an alert to an item.
pub(crate) fn with_alert(
    mut def: ToolkitDefinition,
    item: &str,
    id: &str,
    at_least: u8,
) -> ToolkitDefinition {
    let it = def
        .areas
        .iter_mut()
        .flat_map(|a| a.items.iter_mut())
        .find(|i| i.number == item)
        .unwrap();
    it.alerts.push(Alert {
        id: id.into(),
        when_level_at_least: at_least,
        title: format!("Alert {id}"),
        text: format!("What to do about {id}"),
    });
    def
}

/// The shape of the default definition: seven areas, the final item numbers and scopes, a
/// 4-point scale with concern from 3 and the domestic-abuse alert on 5.2.
pub(crate) fn default_like() -> ToolkitDefinition {
    use Scope::{Child as C, Household as H};
    let items = [
        ("1.1", C),
        ("1.2", H),
        ("1.3", C),
        ("1.4", C),
        ("2.1", C),
        ("2.2", C),
        ("2.3", C),
        ("3.1", H),
        ("3.2", C),
        ("3.3", C),
        ("4.1", C),
        ("4.2", C),
        ("5.1", H),
        ("5.2", H),
        ("6.1", C),
        ("6.2", C),
        ("6.3", C),
        ("7.1", H),
        ("7.2", H),
        ("7.3", H),
    ];
    with_alert(definition(4, 3, &items), "5.2", "domestic-abuse", 3)
}

/// A 5-point definition of a different shape: four areas, concern from 4.
pub(crate) fn five_point() -> ToolkitDefinition {
    use Scope::{Child as C, Household as H};
    let items = [
        ("1.1", C),
        ("1.2", H),
        ("2.1", C),
        ("3.1", H),
        ("3.2", C),
        ("4.1", C),
    ];
    with_alert(definition(5, 4, &items), "3.1", "housing", 5)
}

/// A household with children `c1 .. cn`, all born well before any test visit.
pub(crate) fn household(children: usize) -> Household {
    Household {
        id: Id("h1".into()),
        name: "Test family".into(),
        reference: String::new(),
        address: Address::default(),
        language: "English".into(),
        interpreter_needed: false,
        carers: vec![Carer {
            id: Id("p1".into()),
            name: "Test Carer".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            phone: String::new(),
        }],
        children: (1..=children)
            .map(|n| Child {
                id: Id(format!("c{n}")),
                name: format!("Child {n}"),
                birth: Birth::Born(date(2015 + n as i32, 6, 15)),
                gender: String::new(),
                setting: String::new(),
                additional_needs: String::new(),
                language: String::new(),
            })
            .collect(),
        agencies: Vec::new(),
        created_at: now(),
        updated_at: now(),
    }
}

/// An empty draft for `h` against `def`.
pub(crate) fn assessment(id: &str, h: &Household, def: &ToolkitDefinition) -> Assessment {
    Assessment::new_draft(
        Id(id.into()),
        h.id.clone(),
        AssessmentKind::Initial,
        DefinitionRef {
            id: def.id.clone(),
            version: def.version.clone(),
            hash: content_hash(def),
        },
        Practitioner {
            name: "A Practitioner".into(),
            ..Practitioner::default()
        },
        now(),
    )
}

/// The subject of child `cn`.
pub(crate) fn child(n: usize) -> Subject {
    Subject::Child(Id(format!("c{n}")))
}

/// Record a rating (replacing any earlier one for the item and subject).
pub(crate) fn rate(
    a: &mut Assessment,
    item: &str,
    subject: Subject,
    level: Option<Level>,
    carer_level: Option<Level>,
    impact: &str,
) {
    let mut r = Rating::new(item, subject);
    r.level = level;
    r.carer_level = carer_level;
    r.impact = impact.into();
    a.set_rating(r, now()).unwrap();
}
