//! Which guidance entries of the definition apply where in one assessment's screens: computed
//! here from the definition's placements ([`crate::toolkit::GuidancePlace`]), the items offered
//! and each child's age band and characteristics, and carried in the assessment view so the
//! interface only renders it. The Family view never carries it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::{child_band, item_applies, Assessment, Child, Household, Id};
use crate::toolkit::guidance::{DISABILITY, FIRST_LANGUAGE_NOT_ENGLISH};
use crate::toolkit::{guidance_ids_at, Scope, Spot, ToolkitDefinition};

/// The fields of an item's rating where guidance may be shown, in screen order.
pub const ITEM_FIELDS: &[&str] = &["evidence", "impact", "strengths", "child_view"];

/// The assessment's own fields (outside any item, about no one child) where guidance may be
/// shown.
pub const ASSESSMENT_FIELDS: &[&str] = &[
    "background",
    "poverty_context",
    "carer_view",
    "analysis",
    "decision",
];

/// The guidance shown at one place: an item, a field, or a field of an item, for one child or
/// for no one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceAt {
    /// The item, if the place is within one.
    pub item: Option<String>,
    /// The field, or `None` for the item as a whole.
    pub field: Option<String>,
    /// The child the place is about, if any.
    pub child_id: Option<Id>,
    /// The ids of the entries shown there, in the definition's order.
    pub guidance: Vec<String>,
}

/// Every place of an assessment's screens that has guidance, and the help page's entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedGuidance {
    /// Places with at least one entry.
    pub at: Vec<GuidanceAt>,
    /// The entries of the "How to use the toolkit" page, in order.
    pub how_to_use: Vec<String>,
}

/// The characteristics of a child that guidance may be placed by: a disability or additional
/// need recorded, and a first language recorded that is not English.
pub fn child_characteristics(child: &Child) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !child.additional_needs.trim().is_empty() {
        out.push(DISABILITY);
    }
    let lang = child.language.trim();
    if !lang.is_empty() && !lang.to_lowercase().starts_with("english") {
        out.push(FIRST_LANGUAGE_NOT_ENGLISH);
    }
    out
}

/// The ids of the help page's entries: those placed at the field `how_to_use`.
pub fn how_to_use(def: &ToolkitDefinition) -> Vec<String> {
    guidance_ids_at(
        def,
        &Spot {
            field: Some("how_to_use"),
            ..Spot::default()
        },
    )
}

/// Where each guidance entry applies in assessment `a` of household `h`.
pub fn placed_guidance(a: &Assessment, h: &Household, def: &ToolkitDefinition) -> PlacedGuidance {
    let on: NaiveDate = crate::words::age_date(a);
    let mut at = Vec::new();
    let mut add = |item: Option<&str>, field: Option<&str>, child: Option<&Child>| {
        let chars = child.map(child_characteristics).unwrap_or_default();
        let band = child
            .and_then(|c| child_band(def, c, on))
            .map(|b| b.id.as_str());
        let spot = Spot {
            item,
            field,
            band,
            characteristics: &chars,
        };
        let ids = guidance_ids_at(def, &spot);
        if !ids.is_empty() {
            at.push(GuidanceAt {
                item: item.map(Into::into),
                field: field.map(Into::into),
                child_id: child.map(|c| c.id.clone()),
                guidance: ids,
            });
        }
    };
    for field in ASSESSMENT_FIELDS {
        add(None, Some(field), None);
    }
    for child in h.children.iter().filter(|c| c.can_give_view()) {
        add(None, Some("child_view"), Some(child));
    }
    for (_, item) in def.items() {
        let n = Some(item.number.as_str());
        match item.scope {
            Scope::Household => {
                add(n, None, None);
                for field in ITEM_FIELDS {
                    add(n, Some(field), None);
                }
                for child in h.children.iter().filter(|c| c.can_give_view()) {
                    add(n, Some("child_view"), Some(child));
                }
            }
            Scope::Child => {
                let latest = a.latest_date();
                for child in h
                    .children
                    .iter()
                    .filter(|c| item_applies(def, item, c, latest))
                {
                    add(n, None, Some(child));
                    for field in ITEM_FIELDS {
                        if *field != "child_view" || child.can_give_view() {
                            add(n, Some(field), Some(child));
                        }
                    }
                }
            }
        }
    }
    PlacedGuidance {
        at,
        how_to_use: how_to_use(def),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{
        Address, AssessmentKind, Birth, DefinitionRef, Practitioner, Rating, Subject,
    };
    use crate::toolkit::bundled_default;
    use chrono::{TimeZone, Utc};

    fn child(n: u8, birth: Birth, needs: &str, language: &str) -> Child {
        Child {
            id: Id(format!("{n:032}")),
            name: format!("Child {n}"),
            birth,
            gender: String::new(),
            setting: String::new(),
            additional_needs: needs.into(),
            language: language.into(),
        }
    }

    fn born(y: i32, m: u32) -> Birth {
        Birth::Born(NaiveDate::from_ymd_opt(y, m, 1).unwrap())
    }

    fn setup() -> (Assessment, Household, ToolkitDefinition) {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
        let h = Household {
            id: Id("h".repeat(32)),
            name: "Test".into(),
            reference: String::new(),
            address: Address::default(),
            language: String::new(),
            interpreter_needed: false,
            agencies: vec![],
            carers: vec![],
            children: vec![
                child(1, born(2025, 9), "", "English"),
                child(2, born(2019, 1), "Autism; uses a picture board", "Polish"),
                child(3, born(2011, 5), "", ""),
                child(
                    4,
                    Birth::Expected(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
                    "",
                    "",
                ),
            ],
            created_at: now,
            updated_at: now,
        };
        let def = bundled_default();
        let a = Assessment::new_draft(
            Id("a".repeat(32)),
            h.id.clone(),
            AssessmentKind::Initial,
            DefinitionRef {
                id: def.id.clone(),
                version: def.version.clone(),
                hash: crate::toolkit::content_hash(&def),
            },
            Practitioner::default(),
            now,
        );
        (a, h, def)
    }

    fn ids_at(
        p: &PlacedGuidance,
        item: Option<&str>,
        field: Option<&str>,
        child: Option<u8>,
    ) -> Vec<String> {
        let child = child.map(|n| Id(format!("{n:032}")));
        p.at.iter()
            .find(|g| {
                g.item.as_deref() == item && g.field.as_deref() == field && g.child_id == child
            })
            .map(|g| g.guidance.clone())
            .unwrap_or_default()
    }

    #[test]
    fn a_childs_view_carries_the_guidance_for_their_age_disability_and_language() {
        let (a, h, def) = setup();
        let p = placed_guidance(&a, &h, &def);
        assert_eq!(
            ids_at(&p, None, Some("child_view"), Some(1)),
            ["hearing-a-baby"]
        );
        assert_eq!(
            ids_at(&p, None, Some("child_view"), Some(2)),
            [
                "hearing-a-disabled-child",
                "hearing-a-child-who-does-not-speak-english",
                "hearing-a-school-age-child"
            ]
        );
        assert_eq!(
            ids_at(&p, Some("1.1"), Some("child_view"), Some(3)),
            ["hearing-a-teenager"]
        );
        // An unborn child gives no view, so nothing is placed there.
        assert!(ids_at(&p, None, Some("child_view"), Some(4)).is_empty());
        assert!(p.at.iter().all(|g| !g.guidance.is_empty()));
    }

    #[test]
    fn parental_conflict_carries_the_domestic_abuse_guidance_at_every_level() {
        let (mut a, h, def) = setup();
        for level in [None, Some(1), Some(2), Some(4)] {
            a.ratings = vec![Rating {
                level,
                ..Rating::new("5.2", Subject::Household)
            }];
            let p = placed_guidance(&a, &h, &def);
            assert_eq!(
                ids_at(&p, Some("5.2"), None, None),
                ["domestic-abuse-or-conflict"],
                "{level:?}"
            );
            assert!(ids_at(&p, Some("5.1"), None, None).is_empty());
        }
    }

    #[test]
    fn fields_and_the_help_page_carry_their_own_entries() {
        let (a, h, def) = setup();
        let p = placed_guidance(&a, &h, &def);
        assert_eq!(
            ids_at(&p, None, Some("poverty_context"), None),
            ["poverty-or-neglect"]
        );
        assert_eq!(
            ids_at(&p, Some("3.1"), Some("impact"), None),
            ["recording-impact"]
        );
        assert_eq!(
            ids_at(&p, Some("1.1"), Some("impact"), Some(2)),
            ["recording-impact"]
        );
        assert_eq!(p.how_to_use.len(), 5);
        assert_eq!(p.how_to_use[0], "involving-parents-and-child");
        assert_eq!(p.how_to_use[4], "when-you-are-worried");
    }

    #[test]
    fn characteristics_come_from_needs_and_a_first_language_other_than_english() {
        let c = child(9, born(2020, 1), " ", "english (british)");
        assert!(child_characteristics(&c).is_empty());
        let c = child(9, born(2020, 1), "Deaf", "British Sign Language");
        assert_eq!(
            child_characteristics(&c),
            [DISABILITY, FIRST_LANGUAGE_NOT_ENGLISH]
        );
    }
}
