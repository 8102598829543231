//! The rule implementations (see the module documentation of [`crate::summary`]).
//!
//! Every function here is pure and total: it never panics and never fails. The rules read an
//! assessment as [`crate::assessment::validate`] would accept it; anything that check would
//! refuse is read as leniently as possible rather than guessed at:
//!
//! - a level that is not on the definition's scale counts as not assessed;
//! - a rating whose subject does not fit the item's scope (a household rating of a child item or
//!   the other way round), that names an item the definition does not have, or that is about a
//!   child who is not in the household, is not read;
//! - where an item is rated twice for the same subject, the first rating is read.

use super::*;
use crate::assessment::{Assessment, Household, Rating};
use crate::toolkit::{Item, Scope, ToolkitDefinition};

/// The rating that applies to `child` for `item`: the child's own rating for a child-scope item,
/// the household rating for a household-scope item.
fn rating_for<'a>(a: &'a Assessment, item: &Item, child: &Id) -> Option<&'a Rating> {
    match item.scope {
        Scope::Child => a.rating(&item.number, &Subject::Child(child.clone())),
        Scope::Household => a.rating(&item.number, &Subject::Household),
    }
}

/// A level if it is on the definition's scale, otherwise `None` (not assessed).
fn on_scale(def: &ToolkitDefinition, level: Option<Level>) -> Option<Level> {
    level.filter(|&l| def.level(l).is_some())
}

/// The effective level of `item` for `child` in `a` (`None`: not assessed).
fn level_for(a: &Assessment, def: &ToolkitDefinition, item: &Item, child: &Id) -> Option<Level> {
    on_scale(def, rating_for(a, item, child).and_then(|r| r.level))
}

/// How a level moved from `previous` to `current` (lower levels are better care).
pub(crate) fn change(previous: Option<Level>, current: Option<Level>) -> Change {
    match (previous, current) {
        (None, None) => Change::NotAssessed,
        (None, Some(_)) => Change::NewlyAssessed,
        (Some(_), None) => Change::NoLongerAssessed,
        (Some(p), Some(c)) if c < p => Change::Improved,
        (Some(p), Some(c)) if c > p => Change::Worse,
        (Some(_), Some(_)) => Change::Unchanged,
    }
}

/// Summarise one assessment of a household against its definition.
///
/// **Profiles.** One [`ChildProfile`] per child of `h`, in the household's order; in each, one
/// [`AreaProfile`] per area in the definition's order, listing every item of the area with its
/// effective level for that child. A child-scope item takes the child's own rating; a
/// household-scope item takes the household rating (`from_household = true`), so it counts for
/// every child in the home. `counts` holds how many items are at each level (a level with no
/// items is absent), `worst` is the highest assessed level, `assessed` the number of items with a
/// level and `total` the number of items in the area. Not assessed never counts as a level:
/// the counts always add up to `assessed`, and `worst` is `None` exactly when nothing is assessed.
///
/// **Prompts.** With `c` the definition's `scale.concern_from`:
///
/// - [`Prompt::Concern`] for a child when more than half of the child's assessed items (over all
///   areas, household items included) are at level `c` or above and at least one of those items
///   has an impact example. It never fires when nothing is assessed or when no item at a level of
///   concern has an impact example.
/// - [`Prompt::MissingImpact`] for each rating at level `c` or above with no impact example.
/// - [`Prompt::CarerGap`] for each rating where the carer's placement and the practitioner's
///   level are both recorded and differ by two or more.
/// - [`Prompt::Alert`] for each alert of an item whose `when_level_at_least` the rating's level
///   reaches.
///
/// The last three are raised once per rating: a household rating raises them once, not once
/// per child.
///
/// **Order of prompts** (stable): first the prompts about household ratings, then for each child
/// in the household's order that child's [`Prompt::Concern`] (if any) followed by the prompts
/// about the child's own ratings. Within a subject, ratings follow the definition's item order,
/// and each rating raises `MissingImpact`, then `CarerGap`, then its alerts in the definition's
/// order.
///
/// ```
/// use ntk_core::summary::{summarise, Prompt};
/// use ntk_core::{demo::demo, toolkit::bundled_default, SeededEntropy};
///
/// let def = bundled_default();
/// let now = chrono::Utc::now();
/// let d = demo(&def, now, &mut SeededEntropy::new(1));
/// let summary = summarise(&d.initial, &d.household, &def);
/// assert_eq!(summary.children.len(), d.household.children.len());
/// let concern = summary.prompts.iter().any(|p| matches!(p, Prompt::Concern { .. }));
/// assert!(concern, "the demo's initial assessment calls for a talk with the lead");
/// ```
pub fn summarise(a: &Assessment, h: &Household, def: &ToolkitDefinition) -> Summary {
    let concern_from = def.scale.concern_from;
    let mut prompts = Vec::new();

    let household = Subject::Household;
    for (_, item) in def.items().filter(|(_, i)| i.scope == Scope::Household) {
        if let Some(r) = a.rating(&item.number, &household) {
            rating_prompts(def, item, r, &household, &mut prompts);
        }
    }

    let mut children = Vec::with_capacity(h.children.len());
    for child in &h.children {
        let mut areas = Vec::with_capacity(def.areas.len());
        let (mut assessed, mut concern, mut concern_with_impact) = (0usize, 0usize, false);
        for area in &def.areas {
            let mut profile = AreaProfile {
                area: area.number,
                items: Vec::with_capacity(area.items.len()),
                counts: BTreeMap::new(),
                worst: None,
                assessed: 0,
                total: area.items.len(),
            };
            for item in &area.items {
                let rating = rating_for(a, item, &child.id);
                let level = on_scale(def, rating.and_then(|r| r.level));
                let has_impact = rating.is_some_and(Rating::has_impact);
                if let Some(l) = level {
                    *profile.counts.entry(l).or_insert(0) += 1;
                    profile.worst = profile.worst.max(Some(l));
                    profile.assessed += 1;
                    if l >= concern_from {
                        concern += 1;
                        concern_with_impact |= has_impact;
                    }
                }
                profile.items.push(ItemLevel {
                    item: item.number.clone(),
                    level,
                    carer_level: on_scale(def, rating.and_then(|r| r.carer_level)),
                    from_household: item.scope == Scope::Household,
                    has_impact,
                });
            }
            assessed += profile.assessed;
            areas.push(profile);
        }
        if assessed > 0 && concern * 2 > assessed && concern_with_impact {
            prompts.push(Prompt::Concern {
                child_id: child.id.clone(),
                concern_items: concern,
                assessed,
            });
        }
        let subject = Subject::Child(child.id.clone());
        for (_, item) in def.items().filter(|(_, i)| i.scope == Scope::Child) {
            if let Some(r) = a.rating(&item.number, &subject) {
                rating_prompts(def, item, r, &subject, &mut prompts);
            }
        }
        children.push(ChildProfile {
            child_id: child.id.clone(),
            areas,
        });
    }
    Summary { children, prompts }
}

/// The prompts one rating raises: missing impact, carer gap, then alerts.
fn rating_prompts(
    def: &ToolkitDefinition,
    item: &Item,
    r: &Rating,
    subject: &Subject,
    out: &mut Vec<Prompt>,
) {
    let Some(level) = on_scale(def, r.level) else {
        return;
    };
    if level >= def.scale.concern_from && !r.has_impact() {
        out.push(Prompt::MissingImpact {
            subject: subject.clone(),
            item: item.number.clone(),
            level,
        });
    }
    if let Some(carer_level) = on_scale(def, r.carer_level) {
        if level.abs_diff(carer_level) >= 2 {
            out.push(Prompt::CarerGap {
                subject: subject.clone(),
                item: item.number.clone(),
                level,
                carer_level,
            });
        }
    }
    for alert in item
        .alerts
        .iter()
        .filter(|al| level >= al.when_level_at_least)
    {
        out.push(Prompt::Alert {
            subject: subject.clone(),
            item: item.number.clone(),
            alert_id: alert.id.clone(),
            title: alert.title.clone(),
            text: alert.text.clone(),
        });
    }
}

/// Compare a review (`current`) with the assessment before it (`previous`).
///
/// One [`ChildComparison`] per child of `h`, in the household's order, so a child who appears in
/// only one of the two assessments (born or moved in since, say) is still compared: the other
/// side counts as not assessed. Per area (definition order) and item (definition order), the
/// effective levels are read as in [`summarise`] (household items apply to every child) and
/// classified: [`Change::Improved`] (a lower level), [`Change::Unchanged`], [`Change::Worse`] (a
/// higher level), [`Change::NewlyAssessed`], [`Change::NoLongerAssessed`] or
/// [`Change::NotAssessed`] (in neither). An area's change is the same classification applied to
/// its worst level before and now.
///
/// Comparing `b` with `a` mirrors comparing `a` with `b`: improved and worse swap, newly and no
/// longer assessed swap, the rest stay the same.
pub fn compare(
    previous: &Assessment,
    current: &Assessment,
    h: &Household,
    def: &ToolkitDefinition,
) -> Comparison {
    let children = h
        .children
        .iter()
        .map(|child| ChildComparison {
            child_id: child.id.clone(),
            areas: def
                .areas
                .iter()
                .map(|area| {
                    let items: Vec<ItemComparison> = area
                        .items
                        .iter()
                        .map(|item| {
                            let p = level_for(previous, def, item, &child.id);
                            let c = level_for(current, def, item, &child.id);
                            ItemComparison {
                                item: item.number.clone(),
                                previous: p,
                                current: c,
                                change: change(p, c),
                            }
                        })
                        .collect();
                    let previous_worst = items.iter().filter_map(|i| i.previous).max();
                    let current_worst = items.iter().filter_map(|i| i.current).max();
                    AreaComparison {
                        area: area.number,
                        previous_worst,
                        current_worst,
                        change: change(previous_worst, current_worst),
                        items,
                    }
                })
                .collect(),
        })
        .collect();
    Comparison { children }
}

/// Items improved and held across two or more reviews, given a chain of assessments oldest first
/// (the initial assessment, then each review in turn).
///
/// The rule, per child of `h` (household order) and item (definition order), with levels read as
/// in [`summarise`] (household items apply to every child) and `L0 .. Ln` the levels along the
/// chain:
///
/// - the item *improved at review `i`* (`i >= 1`) when `Li` and `L(i-1)` are both assessed and
///   `Li < L(i-1)`;
/// - the improvement *has held* when every later assessment up to and including the newest, `Ln`,
///   is assessed and no higher than the one before it (further improvement keeps it going; a
///   worse level or a gap in assessment ends it);
/// - it is *sustained* when it has held for two or more reviews counting the one where it
///   improved, that is `n - i + 1 >= 2`.
///
/// Where several reviews qualify, the earliest is taken, so the run reported is the longest one:
/// `from` is `L(i-1)`, `to` is `Ln` and `reviews` is `n - i + 1`. A chain of fewer than three
/// assessments (fewer than two reviews) therefore never has a sustained improvement. The caller
/// is responsible for the chain being in order; its review links are not checked here.
pub fn sustained_improvements(
    chain: &[&Assessment],
    h: &Household,
    def: &ToolkitDefinition,
) -> Vec<SustainedImprovement> {
    let mut found = Vec::new();
    if chain.len() < 3 {
        return found;
    }
    let n = chain.len() - 1;
    for child in &h.children {
        for (_, item) in def.items() {
            let levels: Vec<Option<Level>> = chain
                .iter()
                .map(|a| level_for(a, def, item, &child.id))
                .collect();
            // Walk back from the newest while each level is assessed and no higher than the one
            // before it; `start` ends as the earliest index of that held stretch.
            let mut start = n;
            while start >= 1 {
                match (levels[start - 1], levels[start]) {
                    (Some(p), Some(c)) if c <= p => start -= 1,
                    _ => break,
                }
            }
            // The earliest strict improvement within the held stretch starts the run.
            let first_improvement = (start + 1..=n).find(|&i| match (levels[i - 1], levels[i]) {
                (Some(p), Some(c)) => c < p,
                _ => false,
            });
            if let Some(i) = first_improvement {
                if n - i + 1 >= 2 {
                    if let (Some(from), Some(to)) = (levels[i - 1], levels[n]) {
                        found.push(SustainedImprovement {
                            child_id: child.id.clone(),
                            item: item.number.clone(),
                            from,
                            to,
                            reviews: n - i + 1,
                        });
                    }
                }
            }
        }
    }
    found
}
