//! What the family may see: the Family view's data, computed in the core.
//!
//! The practitioner turns the laptop round at the kitchen table. What is on the screen then must
//! never include what a child said in confidence, what the practitioner suspects, or anything
//! about another family. Hiding fields in the interface is not enough: a page that holds a text
//! can show it. So the Family view renders only a [`FamilyView`], and a `FamilyView` has no field
//! for anything that must not be shown. Leaking a child's view would need a new field here, in
//! review, not a forgotten CSS rule.
//!
//! **Shown:** the descriptor cards of every item (age-banded for each child where the
//! definition has them, and only the items that apply to the child: no dental care for an unborn
//! baby); each carer's and each young person's own placement with their own words; the
//! practitioner's level on an item only where the practitioner chose to share it
//! (`Rating::share_level`, default not shared); and the text the practitioner explicitly marked to
//! share (`Rating::shared_text`, for example a strength).
//!
//! **Never shown, and not representable:** children's views, evidence, impact, strengths not
//! marked to share, visit notes and who was seen (alone), background and poverty context, the
//! carers' overall view, practitioner notes, prompts and alerts of any kind, analysis, the
//! decision, a child's level set apart from the household's and its reason, dates of birth,
//! contacts, other households and settings.

use crate::assessment::{
    child_band, descriptors_for_child, item_applies, Assessment, Household, Id, Level, PlacedBy,
    Rating, Subject,
};
use crate::toolkit::{Descriptor, Item, Scope, ToolkitDefinition};
use serde::Serialize;

/// Everything the Family view shows for one assessment, and nothing else.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyView {
    /// The toolkit's title, e.g. "Neglect Toolkit".
    pub title: String,
    /// This household's name (the family's own).
    pub household_name: String,
    /// The scale, for the cards: code, label, meaning and colour of each level.
    pub levels: Vec<FamilyLevel>,
    /// The carers, to name who placed themselves.
    pub carers: Vec<FamilyPerson>,
    /// The children, to name whose cards are whose.
    pub children: Vec<FamilyPerson>,
    /// The areas with their items, in the definition's order.
    pub areas: Vec<FamilyArea>,
}

/// A point on the scale as the family sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyLevel {
    /// The level's number (1 is the best care).
    pub code: Level,
    /// Its short label.
    pub label: String,
    /// What it means.
    pub meaning: String,
    /// Its colour, `#rrggbb`.
    pub colour: String,
}

/// A carer or child, by name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyPerson {
    /// Identifier (as in the household).
    pub id: Id,
    /// Name.
    pub name: String,
}

/// An area of need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyArea {
    /// The area's number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// Its items (an item that applies to none of the children is left out).
    pub items: Vec<FamilyItem>,
}

/// One item: its cards, and what was placed or shared on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyItem {
    /// The item number, e.g. `1.2`.
    pub number: String,
    /// Its title.
    pub title: String,
    /// Rated for each child or for the household.
    pub scope: Scope,
    /// The descriptor cards: one set per group of children who see the same descriptors.
    pub cards: Vec<DescriptorCards>,
    /// What is shown per rating: the household's for a household item, each child's for a child
    /// item (only ratings with something to show).
    pub ratings: Vec<FamilyRating>,
}

/// A set of descriptor cards and the children it is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DescriptorCards {
    /// The children these cards are for (empty: a household with no children).
    pub child_ids: Vec<Id>,
    /// The label of their age band where the cards are age-banded, e.g. "Teenager".
    pub band_label: Option<String>,
    /// One descriptor per level.
    pub descriptors: Vec<Descriptor>,
}

/// What the family sees of one rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyRating {
    /// The child for a child item; `None` for the household.
    pub child_id: Option<Id>,
    /// Each person's own placement and words.
    pub placements: Vec<FamilyPlacement>,
    /// The practitioner's level, only if the practitioner shared it.
    pub shared_level: Option<Level>,
    /// The text the practitioner marked to share (empty: none).
    pub shared_text: String,
}

/// One person's own placement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyPlacement {
    /// Who; `None` for a carer not named (a record of the first version).
    pub by: Option<PlacedBy>,
    /// Their name, or "A carer" when not named.
    pub name: String,
    /// The level they chose.
    pub level: Option<Level>,
    /// Their words.
    pub words: String,
}

/// The name shown for a placement by a carer who was not named.
pub const UNNAMED_CARER: &str = "A carer";

/// Compute what the family may see of assessment `a` of household `h` against `def` (the
/// definition the assessment was completed with). Ages are taken on the assessment's latest date.
pub fn family_view(a: &Assessment, h: &Household, def: &ToolkitDefinition) -> FamilyView {
    let on = a.latest_date();
    let person = |id: &Id, name: &str| FamilyPerson {
        id: id.clone(),
        name: name.to_string(),
    };
    let areas = def
        .areas
        .iter()
        .map(|area| FamilyArea {
            number: area.number,
            title: area.title.clone(),
            items: area
                .items
                .iter()
                .filter_map(|item| family_item(a, h, def, item, on))
                .collect(),
        })
        .collect();
    FamilyView {
        title: def.title.clone(),
        household_name: h.name.clone(),
        levels: def
            .scale
            .levels
            .iter()
            .map(|l| FamilyLevel {
                code: l.code,
                label: l.label.clone(),
                meaning: l.meaning.clone(),
                colour: l.colour.clone(),
            })
            .collect(),
        carers: h.carers.iter().map(|c| person(&c.id, &c.name)).collect(),
        children: h.children.iter().map(|c| person(&c.id, &c.name)).collect(),
        areas,
    }
}

fn family_item(
    a: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    item: &Item,
    on: chrono::NaiveDate,
) -> Option<FamilyItem> {
    let mut cards: Vec<DescriptorCards> = Vec::new();
    for child in h.children.iter().filter(|c| item_applies(def, item, c, on)) {
        let descriptors = descriptors_for_child(def, item, child, on);
        match cards.iter_mut().find(|c| c.descriptors == descriptors) {
            Some(set) => set.child_ids.push(child.id.clone()),
            None => {
                let banded = !std::ptr::eq(descriptors, item.descriptors.as_slice());
                cards.push(DescriptorCards {
                    child_ids: vec![child.id.clone()],
                    band_label: child_band(def, child, on)
                        .filter(|_| banded)
                        .map(|b| b.label.clone()),
                    descriptors: descriptors.to_vec(),
                });
            }
        }
    }
    if cards.is_empty() {
        if !h.children.is_empty() {
            return None; // the item applies to none of the children
        }
        cards.push(DescriptorCards {
            child_ids: Vec::new(),
            band_label: None,
            descriptors: item.descriptors.clone(),
        });
    }
    let subjects: Vec<Subject> = match item.scope {
        Scope::Household => vec![Subject::Household],
        Scope::Child => h
            .children
            .iter()
            .filter(|c| item_applies(def, item, c, on))
            .map(|c| Subject::Child(c.id.clone()))
            .collect(),
    };
    let ratings = subjects
        .iter()
        .filter_map(|s| a.rating(&item.number, s))
        .map(|r| family_rating(h, def, r))
        .filter(|r| {
            !r.placements.is_empty() || r.shared_level.is_some() || !r.shared_text.is_empty()
        })
        .collect();
    Some(FamilyItem {
        number: item.number.clone(),
        title: item.title.clone(),
        scope: item.scope,
        cards,
        ratings,
    })
}

fn family_rating(h: &Household, def: &ToolkitDefinition, r: &Rating) -> FamilyRating {
    let on_scale = |l: Option<Level>| l.filter(|&l| def.level(l).is_some());
    let name_of = |by: Option<&PlacedBy>| match by {
        None => UNNAMED_CARER.to_string(),
        Some(PlacedBy::Carer { carer_id }) => h
            .carers
            .iter()
            .find(|c| &c.id == carer_id)
            .map_or(UNNAMED_CARER.to_string(), |c| c.name.clone()),
        Some(PlacedBy::Child { child_id }) => h
            .children
            .iter()
            .find(|c| &c.id == child_id)
            .map_or_else(String::new, |c| c.name.clone()),
    };
    let mut placements = Vec::new();
    if let Some(level) = on_scale(r.carer_level) {
        placements.push(FamilyPlacement {
            by: None,
            name: name_of(None),
            level: Some(level),
            words: String::new(),
        });
    }
    for p in &r.placements {
        placements.push(FamilyPlacement {
            by: Some(p.by.clone()),
            name: name_of(Some(&p.by)),
            level: on_scale(p.level),
            words: p.words.clone(),
        });
    }
    FamilyRating {
        child_id: match &r.subject {
            Subject::Child(id) => Some(id.clone()),
            Subject::Household => None,
        },
        placements,
        shared_level: on_scale(r.level).filter(|_| r.share_level),
        shared_text: r.shared_text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo;
    use crate::toolkit::bundled_default;
    use crate::SeededEntropy;
    use chrono::TimeZone;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .unwrap()
    }

    #[test]
    fn only_shared_levels_and_marked_texts_are_shown() {
        let def = bundled_default();
        let d = demo(&def, now(), &mut SeededEntropy::new(3));
        let v = family_view(&d.initial, &d.household, &def);
        let items: Vec<&FamilyItem> = v.areas.iter().flat_map(|a| &a.items).collect();
        let shared: Vec<(&str, Option<Level>)> = items
            .iter()
            .flat_map(|i| {
                i.ratings
                    .iter()
                    .map(move |r| (i.number.as_str(), r.shared_level))
            })
            .filter(|(_, l)| l.is_some())
            .collect();
        let level = d.initial.rating("7.2", &Subject::Household).unwrap().level;
        assert_eq!(shared, vec![("7.2", level)]);
        let texts: Vec<&str> = items
            .iter()
            .flat_map(|i| &i.ratings)
            .filter(|r| !r.shared_text.is_empty())
            .map(|r| r.shared_text.as_str())
            .collect();
        assert_eq!(texts.len(), 1);
        // Both carers' placements on the home, named, with their words.
        let home = items.iter().find(|i| i.number == "1.2").unwrap();
        let names: Vec<&str> = home.ratings[0]
            .placements
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Zoë Example", "Łukasz Przykład"]);
        // The eldest's own placement on her food, in her words.
        let food = items.iter().find(|i| i.number == "1.1").unwrap();
        assert!(food
            .ratings
            .iter()
            .flat_map(|r| &r.placements)
            .any(|p| p.name == "Amélie Example" && !p.words.is_empty()));
    }

    #[test]
    fn cards_are_age_banded_per_child_and_not_offered_before_birth() {
        let def = bundled_default();
        let d = demo(&def, now(), &mut SeededEntropy::new(3));
        let mut h = d.household.clone();
        // The demo's three born children, the youngest recorded as unborn instead.
        h.children.truncate(3);
        h.children[2].birth = crate::assessment::Birth::Expected(
            chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
        );
        let v = family_view(&d.initial, &h, &def);
        let item = |n: &str| {
            v.areas
                .iter()
                .flat_map(|a| &a.items)
                .find(|i| i.number == n)
                .unwrap()
        };
        // Supervision is banded: three children of three bands, three sets of cards; the unborn
        // child has none.
        let supervision = item("3.2");
        assert_eq!(supervision.cards.len(), 2);
        assert!(supervision.cards.iter().all(|c| c.band_label.is_some()));
        let unborn = &h.children[2].id;
        assert!(!supervision
            .cards
            .iter()
            .any(|c| c.child_ids.contains(unborn)));
        // The relationship applies before birth, with the before-birth band's own cards.
        let relationship = item("4.2");
        let before_birth = relationship
            .cards
            .iter()
            .find(|c| c.child_ids.contains(unborn))
            .expect("cards for the unborn child");
        assert_eq!(before_birth.child_ids, std::slice::from_ref(unborn));
        assert!(before_birth.band_label.is_some());
        // Food is for born children; antenatal care only for the unborn child.
        assert!(!item("1.1")
            .cards
            .iter()
            .any(|c| c.child_ids.contains(unborn)));
        let antenatal = item("2.4");
        assert_eq!(antenatal.cards.len(), 1);
        assert_eq!(antenatal.cards[0].child_ids, std::slice::from_ref(unborn));
        // Dental care is not offered for the unborn child.
        assert!(!item("2.2")
            .cards
            .iter()
            .any(|c| c.child_ids.contains(unborn)));
        // The unborn child's ratings of items that do not apply are not shown either.
        assert!(item("2.2")
            .ratings
            .iter()
            .all(|r| r.child_id.as_ref() != Some(unborn)));
    }
}
