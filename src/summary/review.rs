//! What a review adds to the summary: the prompts that compare it with the assessment it
//! reviews (worse than last time, drift), the previous ratings shown beside each item while
//! re-rating, and the trend of every child's levels over all the household's assessments.
//!
//! Levels are read as everywhere else in the summary rules ("Every child individually" in
//! [`crate::summary`]); like them, these functions are pure and never fail.

use super::rules::{level_for, on_scale, rating_for};
use super::*;
use crate::assessment::{Assessment, AssessmentKind, Household, Rating};
use crate::toolkit::{Item, Scope, ToolkitDefinition};
use chrono::NaiveDate;

/// The level pairs (before, now) one review prompt is raised over: the household's own levels
/// on a household item, and each child's own where that child's level is set apart in either
/// assessment; each child's levels on a child item.
fn level_pairs(
    previous: &Assessment,
    current: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
    item: &Item,
) -> Vec<(Subject, Option<Level>, Option<Level>)> {
    let mut out = Vec::new();
    if item.scope == Scope::Household {
        let level = |a: &Assessment| {
            a.rating(&item.number, &Subject::Household)
                .and_then(|r| on_scale(def, r.level))
        };
        out.push((Subject::Household, level(previous), level(current)));
    }
    for child in &h.children {
        if item.scope == Scope::Household {
            let apart = |a: &Assessment| {
                rating_for(a, item, &child.id).is_some_and(|r: &Rating| r.is_set_apart(&child.id))
            };
            if !apart(previous) && !apart(current) {
                continue;
            }
        }
        out.push((
            Subject::Child(child.id.clone()),
            level_for(previous, def, item, child),
            level_for(current, def, item, child),
        ));
    }
    out
}

/// The prompts of a review (`current`) against the assessment it reviews (`previous`), per item
/// in definition order and subject in household order:
///
/// - [`Prompt::Worse`] when both levels are assessed and the level rose (2 to 3 fires);
/// - [`Prompt::Drift`] when both levels are at a level of concern (the definition's
///   `concern_from`, 3 on the default scale) and the level did not go down: 3 to 3, 4 to 4 and
///   3 to 4 fire, 4 to 3 does not. A rise into concern from below is only worse, not drift.
///
/// An item not assessed on either side raises nothing. These prompts are never a verdict.
pub fn review_prompts(
    previous: &Assessment,
    current: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
) -> Vec<Prompt> {
    let concern = def.scale.concern_from;
    let mut out = Vec::new();
    for (_, item) in def.items() {
        for (subject, before, now) in level_pairs(previous, current, h, def, item) {
            let (Some(from), Some(to)) = (before, now) else {
                continue;
            };
            if to > from {
                out.push(Prompt::Worse {
                    subject: subject.clone(),
                    item: item.number.clone(),
                    from,
                    to,
                });
            }
            if from >= concern && to >= concern && to >= from {
                out.push(Prompt::Drift {
                    subject,
                    item: item.number.clone(),
                    from,
                    to,
                });
            }
        }
    }
    out
}

/// One item as it was rated in the assessment reviewed, shown beside the inputs while
/// re-rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousRating {
    /// The item number.
    pub item: String,
    /// The child (`None`: the household's own rating of a household item).
    pub child_id: Option<Id>,
    /// The level then (the child's own, as in the summary).
    pub level: Option<Level>,
    /// The evidence then.
    pub evidence: String,
    /// The impact example then (the child's own on a household item, else the household's).
    pub impact: String,
}

/// Every item rated in `previous`, in definition order: on a household item the household's
/// rating first, then each child of `h` (household order).
pub fn previous_ratings(
    previous: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
) -> Vec<PreviousRating> {
    let mut out = Vec::new();
    for (_, item) in def.items() {
        if item.scope == Scope::Household {
            if let Some(r) = previous.rating(&item.number, &Subject::Household) {
                out.push(PreviousRating {
                    item: item.number.clone(),
                    child_id: None,
                    level: on_scale(def, r.level),
                    evidence: r.evidence.clone(),
                    impact: r.impact.clone(),
                });
            }
        }
        for child in &h.children {
            let Some(r) = rating_for(previous, item, &child.id) else {
                continue;
            };
            out.push(PreviousRating {
                item: item.number.clone(),
                child_id: Some(child.id.clone()),
                level: level_for(previous, def, item, child),
                evidence: r.evidence.clone(),
                impact: r.impact_for_child(&child.id).to_string(),
            });
        }
    }
    out
}

/// The levels of every child over a series of assessments, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    /// One per assessment of the series, in its order.
    pub points: Vec<TrendPoint>,
    /// One per child of the household, in its order.
    pub children: Vec<ChildTrend>,
}

/// One assessment of a trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The assessment.
    pub assessment_id: Id,
    /// Initial or review.
    pub kind: AssessmentKind,
    /// The day it started ([`Assessment::started_on`]).
    pub date: NaiveDate,
    /// Whether it is completed (else it is in progress).
    pub completed: bool,
}

/// One child's trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildTrend {
    /// The child.
    pub child_id: Id,
    /// Per area, in the definition's order.
    pub areas: Vec<AreaTrend>,
}

/// One area's trend for one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaTrend {
    /// The area number.
    pub area: u32,
    /// The worst (highest) assessed level of the area at each point.
    pub worst: Vec<Option<Level>>,
    /// Per item, in the definition's order.
    pub items: Vec<ItemTrend>,
}

/// One item's trend for one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemTrend {
    /// The item number.
    pub item: String,
    /// The child's level at each point (`None`: not assessed).
    pub levels: Vec<Option<Level>>,
}

/// The trend over `series` (the caller orders it, oldest first): per child of `h`, per area and
/// item, the level at each assessment.
pub fn trend(series: &[&Assessment], h: &Household, def: &ToolkitDefinition) -> Trend {
    let points = series
        .iter()
        .map(|a| TrendPoint {
            assessment_id: a.id.clone(),
            kind: a.kind.clone(),
            date: a.started_on(),
            completed: !a.is_editable(),
        })
        .collect();
    let children = h
        .children
        .iter()
        .map(|child| ChildTrend {
            child_id: child.id.clone(),
            areas: def
                .areas
                .iter()
                .map(|area| {
                    let items: Vec<ItemTrend> = area
                        .items
                        .iter()
                        .map(|item| ItemTrend {
                            item: item.number.clone(),
                            levels: series
                                .iter()
                                .map(|a| level_for(a, def, item, child))
                                .collect(),
                        })
                        .collect();
                    let worst = (0..series.len())
                        .map(|i| items.iter().filter_map(|t| t.levels[i]).max())
                        .collect();
                    AreaTrend {
                        area: area.number,
                        worst,
                        items,
                    }
                })
                .collect(),
        })
        .collect();
    Trend { points, children }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::testkit::*;
    use crate::toolkit::Scope;

    fn pair(before: Option<Level>, now: Option<Level>) -> Vec<Prompt> {
        let def = definition(4, 3, &[("1.1", Scope::Child)]);
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        let mut b = assessment("a2", &h, &def);
        rate(&mut a, "1.1", child(1), before, None, "");
        rate(&mut b, "1.1", child(1), now, None, "");
        review_prompts(&a, &b, &h, &def)
    }

    fn kinds(p: &[Prompt]) -> Vec<&'static str> {
        p.iter()
            .map(|p| match p {
                Prompt::Worse { .. } => "worse",
                Prompt::Drift { .. } => "drift",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn a_rise_is_worse_and_drift_needs_concern_twice_without_improvement() {
        assert_eq!(kinds(&pair(Some(2), Some(3))), ["worse"]);
        assert_eq!(kinds(&pair(Some(1), Some(2))), ["worse"]);
        assert_eq!(kinds(&pair(Some(3), Some(3))), ["drift"]);
        assert_eq!(kinds(&pair(Some(4), Some(4))), ["drift"]);
        assert_eq!(kinds(&pair(Some(3), Some(4))), ["worse", "drift"]);
        assert!(pair(Some(4), Some(3)).is_empty());
        assert!(pair(Some(2), Some(2)).is_empty());
        assert!(pair(Some(3), Some(2)).is_empty());
        assert!(pair(None, Some(4)).is_empty());
        assert!(pair(Some(4), None).is_empty());
    }

    #[test]
    fn the_prompts_carry_the_levels_and_the_subject() {
        assert_eq!(
            pair(Some(2), Some(3)),
            [Prompt::Worse {
                subject: child(1),
                item: "1.1".into(),
                from: 2,
                to: 3
            }]
        );
        assert_eq!(
            pair(Some(3), Some(3)),
            [Prompt::Drift {
                subject: child(1),
                item: "1.1".into(),
                from: 3,
                to: 3
            }]
        );
    }

    #[test]
    fn drift_follows_the_definitions_level_of_concern() {
        let def = five_point(); // concern from 4
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        let mut b = assessment("a2", &h, &def);
        rate(&mut a, "1.1", child(1), Some(3), None, "");
        rate(&mut b, "1.1", child(1), Some(3), None, "");
        assert!(review_prompts(&a, &b, &h, &def).is_empty());
        rate(&mut a, "1.1", child(1), Some(4), None, "");
        rate(&mut b, "1.1", child(1), Some(4), None, "");
        assert_eq!(kinds(&review_prompts(&a, &b, &h, &def)), ["drift"]);
    }

    #[test]
    fn a_household_item_is_prompted_once_unless_a_child_is_set_apart() {
        let def = definition(4, 3, &[("1.2", Scope::Household)]);
        let h = household(2);
        let mut a = assessment("a1", &h, &def);
        let mut b = assessment("a2", &h, &def);
        rate(&mut a, "1.2", Subject::Household, Some(2), None, "");
        rate(&mut b, "1.2", Subject::Household, Some(3), None, "");
        let p = review_prompts(&a, &b, &h, &def);
        assert_eq!(kinds(&p), ["worse"]);
        assert!(matches!(
            &p[0],
            Prompt::Worse {
                subject: Subject::Household,
                ..
            }
        ));

        let mut r = b.rating("1.2", &Subject::Household).unwrap().clone();
        r.per_child.push(crate::assessment::ChildOnItem {
            child_id: Id("c2".into()),
            impact: String::new(),
            child_view: String::new(),
            level: Some(4),
            level_reason: "Singled out".into(),
            significant_harm: false,
        });
        b.set_rating(r, now()).unwrap();
        let p = review_prompts(&a, &b, &h, &def);
        assert_eq!(kinds(&p), ["worse", "worse"]);
        assert!(matches!(&p[1], Prompt::Worse { subject, to: 4, .. } if *subject == child(2)));
    }

    #[test]
    fn previous_ratings_give_each_childs_own_level_evidence_and_impact() {
        let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
        let h = household(2);
        let mut a = assessment("a1", &h, &def);
        rate(
            &mut a,
            "1.1",
            child(1),
            Some(3),
            None,
            "Hungry at school most days",
        );
        rate(
            &mut a,
            "1.2",
            Subject::Household,
            Some(2),
            None,
            "Damp bedroom",
        );
        let p = previous_ratings(&a, &h, &def);
        let found: Vec<(&str, Option<&str>, Option<Level>, &str)> = p
            .iter()
            .map(|r| {
                (
                    r.item.as_str(),
                    r.child_id.as_ref().map(Id::as_str),
                    r.level,
                    r.impact.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("1.1", Some("c1"), Some(3), "Hungry at school most days"),
                ("1.2", None, Some(2), "Damp bedroom"),
                ("1.2", Some("c1"), Some(2), "Damp bedroom"),
                ("1.2", Some("c2"), Some(2), "Damp bedroom"),
            ]
        );
    }

    #[test]
    fn the_trend_has_one_level_per_assessment_and_the_worst_per_area() {
        let def = definition(4, 3, &[("1.1", Scope::Child), ("1.2", Scope::Household)]);
        let h = household(1);
        let mut a = assessment("a1", &h, &def);
        let mut b = assessment("a2", &h, &def);
        let mut c = assessment("a3", &h, &def);
        rate(&mut a, "1.1", child(1), Some(4), None, "");
        rate(&mut a, "1.2", Subject::Household, Some(2), None, "");
        rate(&mut b, "1.1", child(1), Some(2), None, "");
        rate(&mut b, "1.2", Subject::Household, Some(3), None, "");
        rate(&mut c, "1.2", Subject::Household, Some(1), None, "");
        let t = trend(&[&a, &b, &c], &h, &def);
        assert_eq!(t.points.len(), 3);
        assert_eq!(t.points[2].assessment_id, Id("a3".into()));
        assert!(!t.points[0].completed);
        let area = &t.children[0].areas[0];
        assert_eq!(area.items[0].levels, [Some(4), Some(2), None]);
        assert_eq!(area.items[1].levels, [Some(2), Some(3), Some(1)]);
        assert_eq!(area.worst, [Some(4), Some(3), Some(1)]);
    }
}
