//! What a toolkit offers for one child: the child's age band (the before-birth band for an unborn
//! child), the items that apply to the child, and the descriptors to show. The interface and the
//! summary sheet ask here rather than working out ages themselves.

use super::model::{Birth, Child};
use crate::toolkit::{AgeBand, Descriptor, Item, ToolkitDefinition};
use chrono::NaiveDate;

/// The child's age band on `on`: the definition's before-birth band for an unborn child, else the
/// band of the child's age in whole months (`None` where no band holds the child).
pub fn child_band<'a>(
    def: &'a ToolkitDefinition,
    child: &Child,
    on: NaiveDate,
) -> Option<&'a AgeBand> {
    def.band_of(child.is_unborn(), child.birth.age_months(on))
}

/// Whether `item` applies to `child` on `on` (see `applies_to` in `docs/toolkit-format.md`): an
/// item that needs a born child is not offered for an unborn one.
pub fn item_applies(def: &ToolkitDefinition, item: &Item, child: &Child, on: NaiveDate) -> bool {
    def.item_applies(item, child.is_unborn(), child_band(def, child, on))
}

/// The items that apply to `child` on `on`, in the definition's order.
pub fn items_for_child<'a>(
    def: &'a ToolkitDefinition,
    child: &Child,
    on: NaiveDate,
) -> Vec<&'a Item> {
    let band = child_band(def, child, on);
    def.items()
        .map(|(_, i)| i)
        .filter(|i| def.item_applies(i, child.is_unborn(), band))
        .collect()
}

/// The descriptors of `item` to show for `child` on `on`: the child's band's own where the item
/// has them (the before-birth band's for an unborn child), otherwise the general ones.
pub fn descriptors_for_child<'a>(
    def: &'a ToolkitDefinition,
    item: &'a Item,
    child: &Child,
    on: NaiveDate,
) -> &'a [Descriptor] {
    def.descriptors_in_band(item, child_band(def, child, on))
}

impl Birth {
    /// The date: of birth, or expected.
    pub fn date(&self) -> NaiveDate {
        match *self {
            Birth::Born(d) | Birth::Expected(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Id;
    use crate::toolkit::bundled_default;

    fn child(birth: Birth) -> Child {
        Child {
            id: Id("c".into()),
            name: "C".into(),
            birth,
            gender: String::new(),
            setting: String::new(),
            additional_needs: String::new(),
            language: String::new(),
            young_carer: false,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_unborn_child_is_not_offered_dental_care_or_school_and_cannot_give_a_view() {
        let def = bundled_default();
        let today = d(2026, 3, 2);
        let unborn = child(Birth::Expected(d(2026, 7, 1)));
        let numbers: Vec<&str> = items_for_child(&def, &unborn, today)
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert!(!numbers.contains(&"2.2"));
        assert!(!numbers.contains(&"6.2"));
        assert!(!numbers.contains(&"2.1"), "antenatal care stands for it");
        assert!(numbers.contains(&"5.2"));
        for before_birth in ["1.5", "2.4", "2.5", "3.4"] {
            assert!(numbers.contains(&before_birth), "{before_birth}");
        }
        assert_eq!(
            child_band(&def, &unborn, today).map(|b| b.id.as_str()),
            Some("unborn")
        );
        assert!(!unborn.can_give_view());
        assert!(!unborn.can_be_seen_alone());

        // A born child is offered every item but the four before birth.
        let born = child(Birth::Born(d(2018, 5, 1)));
        let offered: Vec<&str> = items_for_child(&def, &born, today)
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert_eq!(offered.len(), def.items().count() - 4);
        assert!(!offered.contains(&"2.4") && offered.contains(&"2.1"));
        assert!(born.can_give_view() && born.can_be_seen_alone());
        assert_eq!(
            child_band(&def, &born, today).map(|b| b.id.as_str()),
            Some("school-age")
        );
    }

    #[test]
    fn descriptors_follow_the_childs_band() {
        let def = bundled_default();
        let today = d(2026, 3, 2);
        let item = def.item("3.2").unwrap();
        let baby = child(Birth::Born(d(2025, 12, 1)));
        let teen = child(Birth::Born(d(2011, 1, 1)));
        assert_eq!(
            descriptors_for_child(&def, item, &baby, today),
            def.descriptors_for(item, Some(3))
        );
        assert_ne!(
            descriptors_for_child(&def, item, &baby, today),
            descriptors_for_child(&def, item, &teen, today)
        );
        // The relationship has its own before-birth descriptors; an item without them (the
        // home) shows the general ones.
        let unborn = child(Birth::Expected(d(2026, 6, 1)));
        let relationship = def.item("4.2").unwrap();
        assert_ne!(
            descriptors_for_child(&def, relationship, &unborn, today),
            &relationship.descriptors[..]
        );
        let home = def.item("1.2").unwrap();
        assert_eq!(
            descriptors_for_child(&def, home, &unborn, today),
            &home.descriptors[..]
        );
    }

    #[test]
    fn a_young_person_places_themselves_from_the_age_the_definition_sets() {
        let today = d(2026, 3, 2);
        let eleven = child(Birth::Born(d(2014, 3, 3)));
        let twelve = child(Birth::Born(d(2014, 3, 2)));
        assert!(!eleven.may_place_themselves(12, today));
        assert!(twelve.may_place_themselves(12, today));
        assert!(!child(Birth::Expected(d(2026, 5, 1))).may_place_themselves(0, today));
    }
}
