//! What may be missing before an assessment is completed: the checks shown on the "check your
//! answers" page. Each is a warning the practitioner confirms, never a blocker: a toolkit may be
//! completed in part.

use super::*;
use crate::assessment::{Assessment, Household};
use crate::toolkit::ToolkitDefinition;

/// The kind of thing that may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Items that apply to the child have no level.
    Unrated,
    /// Items at a level of concern (3 or 4 on the default scale) have no example of the impact
    /// on the child.
    MissingImpact,
    /// A concern prompt is raised for the child and no consultation with the safeguarding lead
    /// is recorded.
    LeadNotConsulted,
    /// The child can give a view and none is recorded: no overall view and none on any item.
    MissingView,
    /// No decision is recorded (for the household).
    NoDecision,
    /// A referral is chosen and whether the parents know about it and agree is not recorded.
    ParentsNotRecorded,
    /// The DASH risk checklist is offered ([`dash_offered`]) and not recorded (done, or why
    /// not).
    DashNotRecorded,
}

/// Where a check is put right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckPlace {
    /// In the toolkit (items, impact examples, views).
    Toolkit,
    /// In the analysis and decision section of the summary.
    Decision,
}

impl CheckKind {
    /// Where this kind of check is put right.
    pub fn place(self) -> CheckPlace {
        match self {
            CheckKind::Unrated | CheckKind::MissingImpact | CheckKind::MissingView => {
                CheckPlace::Toolkit
            }
            CheckKind::LeadNotConsulted
            | CheckKind::NoDecision
            | CheckKind::ParentsNotRecorded
            | CheckKind::DashNotRecorded => CheckPlace::Decision,
        }
    }
}

/// One thing that may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionCheck {
    /// What may be missing.
    pub kind: CheckKind,
    /// The child it is about; `None` for the household (the decision).
    pub child_id: Option<Id>,
    /// The item numbers concerned, in the definition's order (empty where no item is).
    pub items: Vec<String>,
}

/// The checks before completing `a`, from its `summary` (made by [`summarise`] from the same
/// assessment, household and definition).
///
/// For each child of `h`, in the household's order: items that apply to the child and have no
/// level ([`CheckKind::Unrated`]); items at a level of concern with no impact example for the
/// child ([`CheckKind::MissingImpact`]); a concern prompt with no lead consulted
/// ([`CheckKind::LeadNotConsulted`]); and, for a child who can give a view
/// ([`crate::assessment::Child::can_give_view`]), no view recorded at all
/// ([`CheckKind::MissingView`]). Then, for the household, no decision
/// ([`CheckKind::NoDecision`]); a referral kind chosen without the parents' knowledge and
/// agreement recorded ([`CheckKind::ParentsNotRecorded`]); and the DASH risk checklist offered
/// and not recorded ([`CheckKind::DashNotRecorded`]). An empty list means nothing to check.
pub fn completion_checks(
    a: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    summary: &Summary,
) -> Vec<CompletionCheck> {
    let mut out = Vec::new();
    let lead_consulted = a.decision.lead_consulted.is_some();
    for child in &h.children {
        let check = |kind, items| CompletionCheck {
            kind,
            child_id: Some(child.id.clone()),
            items,
        };
        let items: Vec<&ItemLevel> = summary
            .children
            .iter()
            .find(|p| p.child_id == child.id)
            .map(|p| p.areas.iter().flat_map(|ar| &ar.items).collect())
            .unwrap_or_default();
        let unrated: Vec<String> = items
            .iter()
            .filter(|i| i.applies && i.level.is_none())
            .map(|i| i.item.clone())
            .collect();
        if !unrated.is_empty() {
            out.push(check(CheckKind::Unrated, unrated));
        }
        let no_impact: Vec<String> = items
            .iter()
            .filter(|i| i.level.is_some_and(|l| l >= def.scale.concern_from) && !i.has_impact)
            .map(|i| i.item.clone())
            .collect();
        if !no_impact.is_empty() {
            out.push(check(CheckKind::MissingImpact, no_impact));
        }
        let concern = summary
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Concern { child_id, .. } if child_id == &child.id));
        if concern && !lead_consulted {
            out.push(check(CheckKind::LeadNotConsulted, Vec::new()));
        }
        if child.can_give_view() && !has_view(a, &child.id) {
            out.push(check(CheckKind::MissingView, Vec::new()));
        }
    }
    let household = |kind| CompletionCheck {
        kind,
        child_id: None,
        items: Vec::new(),
    };
    if !a.decision.is_made() {
        out.push(household(CheckKind::NoDecision));
    }
    let referral = def
        .decision_kinds(&a.decision.options)
        .iter()
        .any(|k| k.is_referral());
    if referral && !a.decision.parents.is_recorded() {
        out.push(household(CheckKind::ParentsNotRecorded));
    }
    if dash_offered(a, def, summary) && !a.decision.dash.is_recorded() {
        out.push(household(CheckKind::DashNotRecorded));
    }
    out
}

/// Whether any view of `child`'s own is recorded: the overall view, or a view on an item (the
/// child's own, or the children's view on a household item).
fn has_view(a: &Assessment, child: &Id) -> bool {
    let overall = a
        .child_views
        .iter()
        .any(|n| &n.child_id == child && !n.text.trim().is_empty());
    overall
        || a.ratings.iter().any(|r| {
            let about = match &r.subject {
                Subject::Household => true,
                Subject::Child(id) => id == child,
            };
            about && !r.child_view_for(child).trim().is_empty()
        })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::assessment::{Birth, ChildNote, LeadConsultation, Rating};
    use crate::toolkit::Scope;

    const DETAILED: &str = "Arrives at school hungry and cannot settle until she has eaten.";

    fn two_items() -> ToolkitDefinition {
        definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)])
    }

    /// An assessment of one child with everything the checks look for recorded.
    fn complete_one() -> (ToolkitDefinition, Household, Assessment) {
        let def = two_items();
        let h = household(1);
        let mut a = assessment("a", &h, &def);
        rate(&mut a, "1.1", child(1), Some(3), None, DETAILED);
        rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
        a.child_views = vec![ChildNote {
            child_id: Id("c1".into()),
            text: "Likes school dinners.".into(),
        }];
        a.decision.options = vec![def.decision_options[0].code.clone()];
        a.decision.lead_consulted = Some(LeadConsultation {
            name: "Lead".into(),
            date: date(2026, 3, 1),
            advice: String::new(),
        });
        (def, h, a)
    }

    fn checks(a: &Assessment, h: &Household, def: &ToolkitDefinition) -> Vec<CompletionCheck> {
        completion_checks(a, h, def, &summarise(a, h, def))
    }

    fn only(kind: CheckKind, child: Option<&str>, items: &[&str]) -> Vec<CompletionCheck> {
        vec![CompletionCheck {
            kind,
            child_id: child.map(|c| Id(c.into())),
            items: items.iter().map(|s| s.to_string()).collect(),
        }]
    }

    #[test]
    fn nothing_to_check_when_everything_is_recorded() {
        let (def, h, a) = complete_one();
        assert!(checks(&a, &h, &def).is_empty());
    }

    #[test]
    fn unrated_items_that_apply_are_listed_in_order() {
        let (def, h, mut a) = complete_one();
        a.ratings.clear();
        rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::Unrated, Some("c1"), &["1.1"])
        );
        // An off-scale level counts as not rated.
        rate(&mut a, "1.1", child(1), Some(9), None, "");
        rate(&mut a, "1.2", Subject::Household, None, None, "");
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::Unrated, Some("c1"), &["1.1", "1.2"])
        );
    }

    #[test]
    fn items_that_do_not_apply_are_not_unrated() {
        let mut def = two_items();
        def.areas[0].items[0].applies_to = Some(vec!["school-age".into()]);
        let (_, mut h, mut a) = complete_one();
        h.children[0].birth = Birth::Expected(date(2026, 6, 1));
        a.ratings.clear();
        rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
        // Unborn: 1.1 does not apply, and no view is asked for.
        assert!(checks(&a, &h, &def).is_empty());
    }

    #[test]
    fn concern_levels_without_impact_are_listed() {
        let (def, h, mut a) = complete_one();
        rate(&mut a, "1.1", child(1), Some(4), None, "");
        rate(&mut a, "1.2", Subject::Household, Some(3), None, "");
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::MissingImpact, Some("c1"), &["1.1", "1.2"])
        );
        // Level 2 needs no impact; the child's own impact on a household item counts.
        rate(&mut a, "1.1", child(1), Some(2), None, "");
        let mut r = a.rating("1.2", &Subject::Household).unwrap().clone();
        r.per_child = vec![crate::assessment::ChildOnItem {
            child_id: Id("c1".into()),
            impact: "Cold".into(),
            child_view: String::new(),
            level: None,
            level_reason: String::new(),
            significant_harm: false,
        }];
        a.set_rating(r, now()).unwrap();
        assert!(checks(&a, &h, &def).is_empty());
    }

    #[test]
    fn a_concern_prompt_needs_the_lead_consulted() {
        let (def, h, mut a) = complete_one();
        rate(&mut a, "1.2", Subject::Household, Some(3), None, DETAILED);
        assert!(summarise(&a, &h, &def)
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Concern { .. })));
        assert!(checks(&a, &h, &def).is_empty(), "the lead was consulted");
        a.decision.lead_consulted = None;
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::LeadNotConsulted, Some("c1"), &[])
        );
        // No concern prompt, no check.
        rate(&mut a, "1.2", Subject::Household, Some(1), None, "");
        assert!(checks(&a, &h, &def).is_empty());
    }

    #[test]
    fn a_child_who_can_give_a_view_and_has_none_is_listed() {
        let (def, h, mut a) = complete_one();
        a.child_views[0].text = "  ".into();
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::MissingView, Some("c1"), &[])
        );
        // A view on an item is a view.
        let mut r: Rating = a.rating("1.2", &Subject::Household).unwrap().clone();
        r.child_view = "The house is cold.".into();
        a.set_rating(r, now()).unwrap();
        assert!(checks(&a, &h, &def).is_empty());
    }

    #[test]
    fn no_decision_is_a_household_check_after_the_children() {
        let (def, mut h, mut a) = complete_one();
        a.decision.options = vec![" ".into()];
        assert_eq!(checks(&a, &h, &def), only(CheckKind::NoDecision, None, &[]));
        // A second child with nothing recorded comes first, in the household's order.
        h.children.push(household(2).children[1].clone());
        let got = checks(&a, &h, &def);
        let kinds: Vec<_> = got.iter().map(|c| (c.kind, c.child_id.clone())).collect();
        let c2 = Some(Id("c2".into()));
        assert_eq!(
            kinds,
            [
                (CheckKind::Unrated, c2.clone()),
                (CheckKind::MissingView, c2),
                (CheckKind::NoDecision, None),
            ]
        );
        assert_eq!(got[0].items, ["1.1"]);
    }

    #[test]
    fn each_kind_is_put_right_in_its_place() {
        assert_eq!(CheckKind::Unrated.place(), CheckPlace::Toolkit);
        assert_eq!(CheckKind::MissingImpact.place(), CheckPlace::Toolkit);
        assert_eq!(CheckKind::MissingView.place(), CheckPlace::Toolkit);
        assert_eq!(CheckKind::LeadNotConsulted.place(), CheckPlace::Decision);
        assert_eq!(CheckKind::NoDecision.place(), CheckPlace::Decision);
    }

    #[test]
    fn a_referral_without_the_parents_answer_is_a_household_check() {
        let (def, h, mut a) = complete_one();
        assert_eq!(
            checks(&a, &h, &def),
            vec![],
            "single-agency support asks nothing"
        );
        a.decision.options = vec!["universal".into(), "community".into()];
        assert_eq!(
            checks(&a, &h, &def),
            only(CheckKind::ParentsNotRecorded, None, &[])
        );
        a.decision.parents.know = Some(true);
        a.decision.parents.agree = Some(false);
        assert_eq!(checks(&a, &h, &def).len(), 1, "not agreeing needs a why");
        a.decision.parents.why_not = "They want to try on their own first.".into();
        assert_eq!(checks(&a, &h, &def), vec![]);
        assert_eq!(CheckKind::ParentsNotRecorded.place(), CheckPlace::Decision);
    }

    #[test]
    fn the_dash_check_follows_the_offer() {
        let def = with_alert(
            definition(4, 3, &[("1.1", Scope::Child), ("5.2", Scope::Household)]),
            "5.2",
            "domestic-abuse",
            3,
        );
        let h = household(1);
        let mut a = assessment("a", &h, &def);
        rate(&mut a, "1.1", child(1), Some(1), None, "");
        a.child_views = vec![ChildNote {
            child_id: Id("c1".into()),
            text: "Fine.".into(),
        }];
        a.decision.options = vec!["universal".into()];
        rate(&mut a, "5.2", Subject::Household, None, None, "");
        let kinds = |a: &Assessment| -> Vec<CheckKind> {
            checks(a, &h, &def).iter().map(|c| c.kind).collect()
        };
        assert_eq!(kinds(&a), vec![CheckKind::Unrated], "5.2 not yet discussed");
        rate(&mut a, "5.2", Subject::Household, Some(2), None, "");
        assert_eq!(kinds(&a), vec![CheckKind::DashNotRecorded]);
        a.decision.dash.done = Some(false);
        assert_eq!(
            kinds(&a),
            vec![CheckKind::DashNotRecorded],
            "not done needs a why"
        );
        a.decision.dash.why_not = "Not safe to ask with the partner present.".into();
        assert_eq!(kinds(&a), Vec::<CheckKind>::new());
        assert_eq!(CheckKind::DashNotRecorded.place(), CheckPlace::Decision);
    }
}
