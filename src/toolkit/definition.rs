//! The shape of a toolkit definition file. The format is documented in `docs/toolkit-format.md`
//! and described by `assets/toolkit.schema.json`; these types are its single source of truth.
//!
//! Unknown fields are rejected everywhere so that a typing mistake in a partnership's file is
//! reported rather than silently ignored.

use serde::{Deserialize, Serialize};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole toolkit: scale, areas, items, guidance, decision options and contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolkitDefinition {
    /// Format version of the file (currently [`FORMAT_VERSION`]).
    pub format: u32,
    /// Stable identifier, e.g. `ntk-default`; lower case letters, digits and hyphens.
    pub id: String,
    /// The publisher's version of the wording, e.g. `2026.1`.
    pub version: String,
    /// Title shown to users.
    pub title: String,
    /// Who publishes this wording.
    pub publisher: String,
    /// A statement about where the wording comes from (shown on the summary sheet).
    #[serde(default)]
    pub notice: String,
    /// The rating scale.
    pub scale: Scale,
    /// Age bands used by age-banded descriptors, in ascending order, not overlapping.
    #[serde(default)]
    pub age_bands: Vec<AgeBand>,
    /// The areas of need, in order.
    pub areas: Vec<Area>,
    /// Best-practice guidance shown beside the toolkit.
    #[serde(default)]
    pub guidance: Vec<Guidance>,
    /// The options a practitioner can record as the decision.
    pub decision_options: Vec<DecisionOption>,
    /// Local contacts (MASH, out of hours, early help). A 999 entry is always shown by the app.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The age in whole years from which a young person may place themselves on the
    /// descriptors; absent means [`DEFAULT_SELF_PLACEMENT_FROM_YEARS`]. Optional, so a
    /// definition written before it existed keeps its content hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_placement_from_years: Option<u32>,
    /// The questions asked at every review, answered in the review's record. Optional, so a
    /// definition written before it existed keeps its content hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_questions: Vec<ReviewQuestion>,
    /// The categories of a household's chronology entries (a missed appointment, a no-access
    /// visit, a police call-out...). Optional, so a definition written before it existed keeps
    /// its content hash; when empty the bundled default's list is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chronology_categories: Vec<ChronologyCategory>,
    /// Who a household may be handed over to by default (the MASH, say): their age public
    /// keys. Optional, so a definition written before it existed keeps its content hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handover_recipients: Vec<HandoverRecipient>,
}

/// A question asked at every review (e.g. "Is the support making a difference to the child?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewQuestion {
    /// Identifier stored with the answer, e.g. `support-working`.
    pub id: String,
    /// The question as shown to users.
    pub text: String,
    /// What to think about when answering (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
}

/// A default recipient of an encrypted hand-over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoverRecipient {
    /// Who they are, e.g. "Exampletown MASH".
    pub name: String,
    /// Their age public key (`age1...`).
    pub public_key: String,
}

/// The age from which a young person may place themselves when a definition does not say.
pub const DEFAULT_SELF_PLACEMENT_FROM_YEARS: u32 = 12;

fn is_false(b: &bool) -> bool {
    !*b
}

/// The rating scale: ordered levels, level 1 the best care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Levels with codes 1..=n in ascending order.
    pub levels: Vec<ScaleLevel>,
    /// The label used for an item that was not assessed, e.g. "Not assessed".
    pub not_assessed_label: String,
    /// Levels at or above this code are levels of concern (3 on a 4-point scale).
    pub concern_from: u8,
}

/// One point on the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// The number, starting at 1 for the best care.
    pub code: u8,
    /// A short label, e.g. "Good enough".
    pub label: String,
    /// What the level means, in plain words.
    pub meaning: String,
    /// Colour band as `#rrggbb`, used for the profile grid.
    pub colour: String,
}

/// A named range of ages, in whole months from birth: `from_months <= age < to_months`; or, with
/// `before_birth`, the time before birth (an unborn child).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// Identifier referred to by age-banded descriptors, e.g. `under-5`.
    pub id: String,
    /// Label shown to users.
    pub label: String,
    /// First month of age in the band (inclusive).
    pub from_months: u32,
    /// Month of age at which the band ends (exclusive); absent for "and older".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_months: Option<u32>,
    /// The band is the time before birth: it holds an unborn child and no age in months. It is
    /// listed first, with `from_months` 0 and no `to_months`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub before_birth: bool,
}

/// An area of need, e.g. 5 "Family relationships".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The area's number, from 1.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Why the area matters.
    #[serde(default)]
    pub purpose: String,
    /// The items of the area, in order.
    pub items: Vec<Item>,
}

/// Whether an item is rated for each child or once for the household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Rated separately for each child.
    Child,
    /// Rated once; the rating applies to every child in the home.
    Household,
}

/// A numbered sub-section of an area, e.g. 5.2 "Parental conflict".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item number, `<area>.<n>`, e.g. `5.2`.
    pub number: String,
    /// Title.
    pub title: String,
    /// Child or household.
    pub scope: Scope,
    /// One descriptor per scale level.
    pub descriptors: Vec<Descriptor>,
    /// Descriptors that replace the general ones for children in an age band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub age_descriptors: Vec<AgeDescriptors>,
    /// Conversation prompts for talking the item through with the family.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// Alerts raised when the practitioner's level reaches a threshold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<Alert>,
    /// The ids of the age bands the item applies to; absent: every child, unborn included. An
    /// unborn child is offered the item only if a before-birth band is listed; a born child whose
    /// age falls in no band is offered every item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Vec<String>>,
    /// The item is about the home (its state, safety): a rating of it also records the home's
    /// usual state and any outside help ([`crate::assessment::HomeState`]). Optional, so a
    /// definition written before it existed keeps its content hash.
    #[serde(default, skip_serializing_if = "is_false")]
    pub about_home: bool,
}

/// What care at one level looks like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    /// The scale level this text describes.
    pub level: u8,
    /// The description.
    pub text: String,
}

/// Descriptors for one age band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeDescriptors {
    /// The id of an [`AgeBand`].
    pub band: String,
    /// One descriptor per scale level.
    pub descriptors: Vec<Descriptor>,
}

/// A prompt raised when an item is rated at or above a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    /// Identifier, e.g. `domestic-abuse`.
    pub id: String,
    /// Raised when the practitioner's level is at least this.
    pub when_level_at_least: u8,
    /// Short title.
    pub title: String,
    /// What the practitioner should do.
    pub text: String,
}

/// A piece of best-practice guidance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// Identifier, e.g. `poverty-or-neglect`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The guidance.
    pub text: String,
    /// Where the app shows the entry, beside the toolkit ([`super::guidance::GuidancePlace`]);
    /// empty: shown only by `ntk toolkit show`. Optional, so a definition written before it
    /// existed keeps its content hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies: Vec<super::guidance::GuidancePlace>,
}

/// One option for the decision recorded at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    /// Identifier stored in an assessment, e.g. `early-help`.
    pub code: String,
    /// Label shown to users.
    pub label: String,
    /// When to choose it.
    #[serde(default)]
    pub description: String,
    /// Which of the guidance's four kinds of decision it is. Optional, so a definition written
    /// before kinds existed loads and keeps its content hash; an option without a kind asks
    /// nothing more (no front door, no parents' agreement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DecisionKind>,
}

/// The four kinds of decision the guidance names after a toolkit. Several may apply at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Talk with the family and keep supporting them as a single agency.
    SingleAgency,
    /// Refer to community-based services that can meet the family's needs.
    CommunityReferral,
    /// Request support from Early Help or the MASH through the right front door.
    RequestForSupport,
    /// Contact the MASH urgently: a child may be suffering, or at risk of, significant harm.
    UrgentMash,
}

impl DecisionKind {
    /// The four kinds, in the guidance's order.
    pub const ALL: [DecisionKind; 4] = [
        DecisionKind::SingleAgency,
        DecisionKind::CommunityReferral,
        DecisionKind::RequestForSupport,
        DecisionKind::UrgentMash,
    ];

    /// Whether the kind refers the family on to someone else (every kind but single-agency
    /// support), so the parents' knowledge and agreement are asked.
    pub fn is_referral(self) -> bool {
        self != DecisionKind::SingleAgency
    }

    /// Whether the kind goes through a front door (a request for support, or urgent contact
    /// with the MASH), chosen from the contacts.
    pub fn needs_front_door(self) -> bool {
        matches!(
            self,
            DecisionKind::RequestForSupport | DecisionKind::UrgentMash
        )
    }
}

/// A category of chronology entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyCategory {
    /// Identifier stored in an entry and written in the CSV form, e.g. `no-access-visit`.
    pub code: String,
    /// Label shown to users and printed.
    pub label: String,
}

/// A local contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Identifier, e.g. `mash`.
    pub id: String,
    /// Name, e.g. "Multi-Agency Safeguarding Hub".
    pub name: String,
    /// Telephone number; empty until a partnership fills it in.
    #[serde(default)]
    pub phone: String,
    /// When to call.
    #[serde(default)]
    pub description: String,
}

impl ToolkitDefinition {
    /// Every item of every area, in order.
    pub fn items(&self) -> impl Iterator<Item = (&Area, &Item)> {
        self.areas
            .iter()
            .flat_map(|a| a.items.iter().map(move |i| (a, i)))
    }

    /// The item with this number.
    pub fn item(&self, number: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.number == number)
    }

    /// The kinds of the decision options with these codes (codes not offered, and options
    /// without a kind, are left out), each kind once, in the guidance's order.
    pub fn decision_kinds(&self, codes: &[String]) -> Vec<DecisionKind> {
        let mut kinds: Vec<DecisionKind> = self
            .decision_options
            .iter()
            .filter(|o| codes.contains(&o.code))
            .filter_map(|o| o.kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// The scale level with this code.
    pub fn level(&self, code: u8) -> Option<&ScaleLevel> {
        self.scale.levels.iter().find(|l| l.code == code)
    }

    /// The highest level code (the most serious concern).
    pub fn max_level(&self) -> u8 {
        self.scale.levels.iter().map(|l| l.code).max().unwrap_or(0)
    }

    /// The age band containing an age in whole months (never the before-birth band).
    pub fn age_band_for(&self, months: u32) -> Option<&AgeBand> {
        self.age_bands.iter().find(|b| {
            !b.before_birth && months >= b.from_months && b.to_months.is_none_or(|t| months < t)
        })
    }

    /// The band for the time before birth, if the definition has one.
    pub fn before_birth_band(&self) -> Option<&AgeBand> {
        self.age_bands.iter().find(|b| b.before_birth)
    }

    /// The band of a child: the before-birth band for an unborn child (`age_months` is then
    /// ignored), else the band of the age in months (`None` if unknown or in no band).
    pub fn band_of(&self, unborn: bool, age_months: Option<u32>) -> Option<&AgeBand> {
        if unborn {
            self.before_birth_band()
        } else {
            age_months.and_then(|m| self.age_band_for(m))
        }
    }

    /// Whether `item` applies to a child who is unborn or in `band` (see [`Item::applies_to`]).
    pub fn item_applies(&self, item: &Item, unborn: bool, band: Option<&AgeBand>) -> bool {
        let Some(list) = &item.applies_to else {
            return true;
        };
        match band {
            Some(b) => list.iter().any(|id| id == &b.id),
            // An unborn child with no before-birth band: only items for every age apply.
            None if unborn => false,
            // A born child outside every band: nothing to go on, so offer the item.
            None => true,
        }
    }

    /// The age from which a young person may place themselves (the definition's own, else
    /// [`DEFAULT_SELF_PLACEMENT_FROM_YEARS`]).
    pub fn self_placement_age(&self) -> u32 {
        self.self_placement_from_years
            .unwrap_or(DEFAULT_SELF_PLACEMENT_FROM_YEARS)
    }

    /// The descriptors to show for an item in a band (the band's own where the item has them,
    /// otherwise the general ones).
    pub fn descriptors_in_band<'a>(
        &'a self,
        item: &'a Item,
        band: Option<&AgeBand>,
    ) -> &'a [Descriptor] {
        band.and_then(|b| item.age_descriptors.iter().find(|d| d.band == b.id))
            .map_or(&item.descriptors, |d| &d.descriptors)
    }

    /// The descriptors to show for an item and a child of the given age (age-banded where the
    /// definition has them, otherwise the general ones).
    pub fn descriptors_for<'a>(
        &'a self,
        item: &'a Item,
        age_months: Option<u32>,
    ) -> &'a [Descriptor] {
        self.descriptors_in_band(item, age_months.and_then(|m| self.age_band_for(m)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn descriptors(prefix: &str) -> Vec<Descriptor> {
        (1..=2)
            .map(|level| Descriptor {
                level,
                text: format!("{prefix} {level}"),
            })
            .collect()
    }

    fn band(id: &str, from_months: u32, to_months: Option<u32>) -> AgeBand {
        AgeBand {
            id: id.into(),
            label: id.into(),
            from_months,
            to_months,
            before_birth: false,
        }
    }

    fn sample() -> ToolkitDefinition {
        let level = |code: u8| ScaleLevel {
            code,
            label: format!("L{code}"),
            meaning: "m".into(),
            colour: "#ffffff".into(),
        };
        ToolkitDefinition {
            format: FORMAT_VERSION,
            id: "t".into(),
            version: "1".into(),
            title: "T".into(),
            publisher: "P".into(),
            notice: String::new(),
            scale: Scale {
                levels: vec![level(1), level(2)],
                not_assessed_label: "Not assessed".into(),
                concern_from: 2,
            },
            age_bands: vec![
                band("baby", 0, Some(12)),
                band("young", 12, Some(60)),
                band("older", 60, None),
            ],
            areas: vec![Area {
                number: 1,
                title: "A".into(),
                purpose: String::new(),
                items: vec![Item {
                    number: "1.1".into(),
                    title: "I".into(),
                    scope: Scope::Child,
                    descriptors: descriptors("general"),
                    age_descriptors: vec![AgeDescriptors {
                        band: "young".into(),
                        descriptors: descriptors("young"),
                    }],
                    prompts: vec![],
                    alerts: vec![],
                    applies_to: None,
                    about_home: false,
                }],
            }],
            guidance: vec![],
            decision_options: vec![],
            review_questions: vec![],
            contacts: vec![],
            self_placement_from_years: None,
            chronology_categories: Vec::new(),
            handover_recipients: Vec::new(),
        }
    }

    #[test]
    fn age_bands_include_their_start_and_exclude_their_end() {
        let def = sample();
        let id = |m| def.age_band_for(m).map(|b| b.id.as_str());
        assert_eq!(id(0), Some("baby"));
        assert_eq!(id(11), Some("baby"));
        assert_eq!(id(12), Some("young"));
        assert_eq!(id(59), Some("young"));
        assert_eq!(id(60), Some("older"));
        assert_eq!(id(215), Some("older"));
    }

    #[test]
    fn a_gap_between_bands_has_no_band() {
        let mut def = sample();
        def.age_bands = vec![band("baby", 0, Some(12)), band("teen", 144, Some(216))];
        assert!(def.age_band_for(60).is_none());
        assert!(def.age_band_for(216).is_none());
        assert_eq!(def.age_band_for(150).map(|b| b.id.as_str()), Some("teen"));
    }

    #[test]
    fn descriptors_for_prefers_the_childs_age_band() {
        let def = sample();
        let item = &def.areas[0].items[0];
        let first = |m| def.descriptors_for(item, m)[0].text.as_str();
        assert_eq!(first(Some(30)), "young 1");
        // A band without its own descriptors, and an unknown age, fall back to the general text.
        assert_eq!(first(Some(5)), "general 1");
        assert_eq!(first(Some(100)), "general 1");
        assert_eq!(first(None), "general 1");
    }

    #[test]
    fn lookups_find_items_and_levels() {
        let def = sample();
        assert_eq!(def.item("1.1").map(|i| i.title.as_str()), Some("I"));
        assert!(def.item("9.9").is_none());
        assert_eq!(def.level(2).map(|l| l.label.as_str()), Some("L2"));
        assert!(def.level(3).is_none());
        assert_eq!(def.max_level(), 2);
        assert_eq!(def.items().count(), 1);
    }

    #[test]
    fn the_before_birth_band_holds_no_age_and_applicability_follows_the_band() {
        let mut def = sample();
        let mut unborn = band("unborn", 0, None);
        unborn.before_birth = true;
        def.age_bands.insert(0, unborn);
        // The before-birth band never matches an age in months.
        assert_eq!(def.age_band_for(0).map(|b| b.id.as_str()), Some("baby"));
        assert_eq!(
            def.band_of(true, Some(3)).map(|b| b.id.as_str()),
            Some("unborn")
        );
        assert_eq!(
            def.band_of(false, Some(30)).map(|b| b.id.as_str()),
            Some("young")
        );
        let mut item = def.areas[0].items[0].clone();
        let unborn = def.before_birth_band();
        let baby = def.age_band_for(3);
        assert!(def.item_applies(&item, true, unborn));
        item.applies_to = Some(vec!["baby".into(), "young".into()]);
        assert!(!def.item_applies(&item, true, unborn));
        assert!(def.item_applies(&item, false, baby));
        assert!(!def.item_applies(&item, false, def.age_band_for(100)));
        // Born but outside every band: offered; unborn without a before-birth band: not.
        assert!(def.item_applies(&item, false, None));
        assert!(!def.item_applies(&item, true, None));
        item.applies_to = Some(vec!["unborn".into()]);
        assert!(def.item_applies(&item, true, unborn));
    }

    #[test]
    fn self_placement_defaults_to_twelve_years() {
        let mut def = sample();
        assert_eq!(def.self_placement_age(), DEFAULT_SELF_PLACEMENT_FROM_YEARS);
        assert_eq!(DEFAULT_SELF_PLACEMENT_FROM_YEARS, 12);
        def.self_placement_from_years = Some(14);
        assert_eq!(def.self_placement_age(), 14);
    }
}
