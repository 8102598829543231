//! Where a guidance entry applies: its placements ([`GuidancePlace`]) and the pure matching the
//! app uses to show each entry in context ([`guidance_at`]).
//!
//! A placement names a place in the app (an item, a field, or a field within an item) and may
//! narrow it to children in an age band or with a characteristic. Every condition a placement
//! states must hold; an entry applies where any of its placements does.

use serde::{Deserialize, Serialize};

use super::definition::{Guidance, ToolkitDefinition};

/// The fields a placement may name: the texts of a rating or of an assessment where guidance is
/// shown, and `how_to_use`, the app's help page.
pub const GUIDANCE_FIELDS: &[&str] = &[
    "child_view",
    "impact",
    "evidence",
    "strengths",
    "poverty_context",
    "background",
    "carer_view",
    "analysis",
    "decision",
    "how_to_use",
];

/// A child with a disability or additional needs.
pub const DISABILITY: &str = "disability";
/// A child whose first language is not English.
pub const FIRST_LANGUAGE_NOT_ENGLISH: &str = "first_language_not_english";

/// The characteristics of a child a placement may name.
pub const CHARACTERISTICS: &[&str] = &[DISABILITY, FIRST_LANGUAGE_NOT_ENGLISH];

/// One place where a guidance entry is shown. It names an item, a field, or both; `band` and
/// `characteristic` narrow it to some children.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidancePlace {
    /// An item number, e.g. `5.2`: shown with that item (with `field`: at that field of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// One of [`GUIDANCE_FIELDS`]: shown at that field (of every item that has it, unless `item`
    /// is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The id of an age band: only for a child in that band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// One of [`CHARACTERISTICS`]: only for a child with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub characteristic: Option<String>,
}

/// A place in the app where guidance may be shown, with the child it is about (if any).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spot<'a> {
    /// The item shown, if the place is within one.
    pub item: Option<&'a str>,
    /// The field, or `None` for the item as a whole.
    pub field: Option<&'a str>,
    /// The child's age band, if the place is about one child and the band is known.
    pub band: Option<&'a str>,
    /// The child's characteristics (empty when the place is about no one child).
    pub characteristics: &'a [&'a str],
}

impl GuidancePlace {
    /// Whether this placement applies at `spot`. An item-level placement (no `field`) applies
    /// only to the item as a whole, not to each of its fields.
    pub fn matches(&self, spot: &Spot<'_>) -> bool {
        let item_ok = match &self.item {
            Some(i) => spot.item == Some(i.as_str()),
            None => true,
        };
        let field_ok = self.field.as_deref() == spot.field;
        let band_ok = match &self.band {
            Some(b) => spot.band == Some(b.as_str()),
            None => true,
        };
        let characteristic_ok = match &self.characteristic {
            Some(c) => spot.characteristics.contains(&c.as_str()),
            None => true,
        };
        item_ok && field_ok && band_ok && characteristic_ok
    }
}

impl Guidance {
    /// Whether any placement of the entry applies at `spot`.
    pub fn applies_at(&self, spot: &Spot<'_>) -> bool {
        self.applies.iter().any(|p| p.matches(spot))
    }
}

/// The guidance entries that apply at `spot`, in the definition's order.
pub fn guidance_at<'a>(def: &'a ToolkitDefinition, spot: &Spot<'_>) -> Vec<&'a Guidance> {
    def.guidance.iter().filter(|g| g.applies_at(spot)).collect()
}

/// The ids of the entries that apply at `spot`, in the definition's order.
pub fn guidance_ids_at(def: &ToolkitDefinition, spot: &Spot<'_>) -> Vec<String> {
    guidance_at(def, spot)
        .into_iter()
        .map(|g| g.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        item: Option<&str>,
        field: Option<&str>,
        band: Option<&str>,
        c: Option<&str>,
    ) -> GuidancePlace {
        GuidancePlace {
            item: item.map(Into::into),
            field: field.map(Into::into),
            band: band.map(Into::into),
            characteristic: c.map(Into::into),
        }
    }

    #[test]
    fn an_item_placement_applies_to_the_item_at_every_level_not_to_its_fields() {
        let p = place(Some("5.2"), None, None, None);
        assert!(p.matches(&Spot {
            item: Some("5.2"),
            ..Spot::default()
        }));
        assert!(!p.matches(&Spot {
            item: Some("5.1"),
            ..Spot::default()
        }));
        assert!(!p.matches(&Spot {
            item: Some("5.2"),
            field: Some("impact"),
            ..Spot::default()
        }));
    }

    #[test]
    fn a_field_placement_narrowed_to_a_band_and_a_characteristic_needs_both() {
        let p = place(None, Some("child_view"), Some("baby"), Some(DISABILITY));
        let chars = [DISABILITY];
        let spot = Spot {
            item: Some("1.1"),
            field: Some("child_view"),
            band: Some("baby"),
            characteristics: &chars,
        };
        assert!(p.matches(&spot));
        assert!(p.matches(&Spot { item: None, ..spot }));
        assert!(!p.matches(&Spot {
            band: Some("teenager"),
            ..spot
        }));
        assert!(!p.matches(&Spot {
            characteristics: &[],
            ..spot
        }));
        assert!(!p.matches(&Spot {
            field: Some("impact"),
            ..spot
        }));
        // A place about no one child has no band: a band placement never applies there.
        assert!(!p.matches(&Spot { band: None, ..spot }));
    }
}
