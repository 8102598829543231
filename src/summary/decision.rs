//! Whether the DASH risk checklist is offered with the decision: a pure rule over the assessment,
//! its definition and its summary.

use super::*;
use crate::assessment::Assessment;
use crate::toolkit::{Item, ToolkitDefinition};

/// The item number the guidance names for parental conflict, where domestic abuse is looked for.
const PARENTAL_CONFLICT_ITEM: &str = "5.2";

/// Whether an alert id speaks of domestic abuse (e.g. `domestic-abuse`).
fn is_domestic_abuse_alert(id: &str) -> bool {
    id.to_lowercase().contains("domestic")
}

/// The definition's domestic-abuse items: those carrying a domestic-abuse alert, else item 5.2
/// if the definition has one.
pub fn domestic_abuse_items(def: &ToolkitDefinition) -> Vec<&Item> {
    let with_alert: Vec<&Item> = def
        .items()
        .map(|(_, i)| i)
        .filter(|i| i.alerts.iter().any(|a| is_domestic_abuse_alert(&a.id)))
        .collect();
    if with_alert.is_empty() {
        def.item(PARENTAL_CONFLICT_ITEM).into_iter().collect()
    } else {
        with_alert
    }
}

/// Whether the DASH risk checklist record is offered for `a`: a domestic-abuse item
/// ([`domestic_abuse_items`]) was discussed, that is rated at any level for anyone (the rating's
/// level or a child's level set apart), or a domestic-abuse alert was raised in `summary` (made
/// by [`summarise`] from the same assessment).
pub fn dash_offered(a: &Assessment, def: &ToolkitDefinition, summary: &Summary) -> bool {
    let items = domestic_abuse_items(def);
    let rated = a.ratings.iter().any(|r| {
        items.iter().any(|i| i.number == r.item)
            && (r.level.is_some() || r.per_child.iter().any(|c| c.level.is_some()))
    });
    let raised = summary
        .prompts
        .iter()
        .any(|p| matches!(p, Prompt::Alert { alert_id, .. } if is_domestic_abuse_alert(alert_id)));
    rated || raised
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::assessment::{ChildOnItem, Rating, Subject};
    use crate::toolkit::{Alert, Scope};

    fn with_conflict_item(alert: Option<&str>) -> ToolkitDefinition {
        let mut def = definition(4, 3, &[("1.1", Scope::Child), ("5.2", Scope::Household)]);
        if let Some(id) = alert {
            let item = def
                .areas
                .iter_mut()
                .flat_map(|a| &mut a.items)
                .find(|i| i.number == "5.2");
            item.unwrap().alerts.push(Alert {
                id: id.into(),
                when_level_at_least: 3,
                title: "Alert".into(),
                text: "Text".into(),
            });
        }
        def
    }

    fn offered(def: &ToolkitDefinition, a: &Assessment) -> bool {
        let h = household(1);
        dash_offered(a, def, &summarise(a, &h, def))
    }

    fn rated(item: &str, subject: Subject, level: Option<u8>) -> Rating {
        let mut r = Rating::new(item, subject);
        r.level = level;
        r
    }

    #[test]
    fn not_offered_when_the_conflict_item_is_not_discussed() {
        let def = with_conflict_item(Some("domestic-abuse"));
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        assert!(!offered(&def, &a));
        a.ratings.push(rated(
            "1.1",
            Subject::Child(h.children[0].id.clone()),
            Some(4),
        ));
        assert!(
            !offered(&def, &a),
            "another item at any level does not offer it"
        );
        a.ratings.push(rated("5.2", Subject::Household, None));
        assert!(
            !offered(&def, &a),
            "an unrated conflict item was not discussed"
        );
    }

    #[test]
    fn offered_when_the_conflict_item_is_rated_at_any_level() {
        let def = with_conflict_item(Some("domestic-abuse"));
        let h = household(1);
        for level in 1..=4 {
            let mut a = assessment("a1", &h, &def);
            a.ratings
                .push(rated("5.2", Subject::Household, Some(level)));
            assert!(offered(&def, &a), "level {level}");
        }
    }

    #[test]
    fn offered_when_only_a_childs_level_set_apart_is_recorded() {
        let def = with_conflict_item(Some("domestic-abuse"));
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        let mut r = rated("5.2", Subject::Household, None);
        r.per_child.push(ChildOnItem {
            child_id: h.children[0].id.clone(),
            impact: String::new(),
            child_view: String::new(),
            level: Some(3),
            level_reason: "Sees the arguments".into(),
            significant_harm: false,
        });
        a.ratings.push(r);
        assert!(offered(&def, &a));
    }

    #[test]
    fn the_item_is_found_by_its_alert_not_its_number() {
        let def = with_alert(
            definition(4, 3, &[("1.1", Scope::Child), ("4.7", Scope::Household)]),
            "4.7",
            "Domestic-Abuse-Watch",
            3,
        );
        let numbers: Vec<&str> = domestic_abuse_items(&def)
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert_eq!(numbers, ["4.7"]);
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        a.ratings.push(rated("4.7", Subject::Household, Some(2)));
        assert!(offered(&def, &a));
    }

    #[test]
    fn without_an_alert_item_5_2_is_the_conflict_item() {
        let def = with_conflict_item(None);
        let numbers: Vec<&str> = domestic_abuse_items(&def)
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert_eq!(numbers, ["5.2"]);
        let plain = definition(4, 3, &[("1.1", Scope::Child)]);
        assert!(domestic_abuse_items(&plain).is_empty());
    }

    #[test]
    fn a_raised_domestic_abuse_alert_offers_it() {
        let def = with_conflict_item(Some("domestic-abuse"));
        let h = household(1);
        let a = assessment("a1", &h, &def);
        let mut s = summarise(&a, &h, &def);
        assert!(!dash_offered(&a, &def, &s));
        s.prompts.push(Prompt::Alert {
            subject: Subject::Household,
            item: "9.9".into(),
            alert_id: "domestic-abuse".into(),
            title: "Alert".into(),
            text: "Text".into(),
        });
        assert!(dash_offered(&a, &def, &s));
    }
}
