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
use crate::assessment::{item_applies, Assessment, Child, Household, Rating};
use crate::limits::IMPACT_DETAIL_MIN_WORDS;
use crate::toolkit::{Item, Scope, ToolkitDefinition};
use chrono::NaiveDate;

/// The rating that applies to `child` for `item`: the child's own rating for a child-scope item,
/// the household rating for a household-scope item.
pub(super) fn rating_for<'a>(a: &'a Assessment, item: &Item, child: &Id) -> Option<&'a Rating> {
    match item.scope {
        Scope::Child => a.rating(&item.number, &Subject::Child(child.clone())),
        Scope::Household => a.rating(&item.number, &Subject::Household),
    }
}

/// A level if it is on the definition's scale, otherwise `None` (not assessed).
pub(super) fn on_scale(def: &ToolkitDefinition, level: Option<Level>) -> Option<Level> {
    level.filter(|&l| def.level(l).is_some())
}

/// One child's own values on one item (see "Every child individually" in [`crate::summary`]).
struct ChildOnItemView<'a> {
    rating: Option<&'a Rating>,
    applies: bool,
    level: Option<Level>,
    impact: &'a str,
    set_apart: bool,
    flagged: bool,
}

fn child_view_of<'a>(
    a: &'a Assessment,
    def: &ToolkitDefinition,
    item: &Item,
    child: &Child,
    on: NaiveDate,
) -> ChildOnItemView<'a> {
    let applies = item_applies(def, item, child, on);
    let rating = rating_for(a, item, &child.id);
    ChildOnItemView {
        rating,
        applies,
        level: rating.and_then(|r| on_scale(def, r.level_for_child(&child.id))),
        impact: rating.map_or("", |r| r.impact_for_child(&child.id)),
        set_apart: rating.is_some_and(|r| r.is_set_apart(&child.id)),
        flagged: rating.is_some_and(|r| r.flagged_for_child(&child.id)),
    }
}

/// The effective level of `item` for `child` in `a` (`None`: not assessed or not applicable).
pub(super) fn level_for(
    a: &Assessment,
    def: &ToolkitDefinition,
    item: &Item,
    child: &Child,
) -> Option<Level> {
    child_view_of(a, def, item, child, a.latest_date()).level
}

/// Whether an example of impact is detailed: at least [`IMPACT_DETAIL_MIN_WORDS`] words, a word
/// being a run of non-space characters with at least one letter or digit (so dashes and
/// bullets do not count).
pub fn is_detailed_impact(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        >= IMPACT_DETAIL_MIN_WORDS
}

/// The partnership's front door for a child who may be suffering significant harm: the contact
/// whose id is `mash`, else the first whose id or name mentions the MASH.
pub fn front_door(contacts: &[Contact]) -> Option<&Contact> {
    contacts.iter().find(|c| c.id == "mash").or_else(|| {
        contacts.iter().find(|c| {
            c.id.to_lowercase().contains("mash") || c.name.to_lowercase().contains("mash")
        })
    })
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
/// Every per-child value is the child's own (see "Every child individually" in
/// [`crate::summary`]); with `c` the definition's `scale.concern_from` and `max` its top level:
///
/// **Profiles.** One [`ChildProfile`] per child of `h`, in the household's order; in each, one
/// [`AreaProfile`] per area in the definition's order, listing every item of the area with its
/// effective level for that child. A child-scope item takes the child's own rating; a
/// household-scope item takes the child's level set apart, else the household's
/// (`from_household = true`), so it counts for every child in the home. `applies` says whether
/// the item applies to the child. `counts` holds how many items are at each level (a level with
/// no items is absent), `worst` is the highest assessed level, `assessed` the number of items
/// with a level and `total` the number of items in the area. Not assessed never counts as a level: the counts always add up to
/// `assessed`, and `worst` is `None` exactly when nothing is assessed.
///
/// **Prompts.**
///
/// - [`Prompt::SignificantHarm`] for each child and each item where the child's level is `max` or the practitioner flagged possible significant harm (on the
///   rating, or for the child), with the front door from [`front_door`] of the definition's
///   contacts.
/// - [`Prompt::Concern`] for a child when more than half of the child's assessed items (the
///   child's own items and the household items, each at the child's own level) are at level `c`
///   or above and at least one of those items has a *detailed* example of impact for this child
///   ([`is_detailed_impact`]; on a household item the child's own impact, else the household's).
///   It never fires when nothing is assessed or when no item at a level of concern has a
///   detailed impact example.
/// - [`Prompt::MissingImpact`] for a rating at level `c` or above with no impact example. On a
///   household item it is raised once for the household when no impact is recorded at all
///   (neither the household's nor any child's); otherwise once for each child whose own level is
///   at `c` or above and who has no impact example (own or household), and also for a child whose
///   level is set apart when the household's prompt was raised.
/// - [`Prompt::CarerGap`] for each placement whose level and the practitioner's level differ
///   by two or more: on a child item, every placement (the unnamed carer of a version-1 record,
///   each carer, the young person's own) against the child's level; on a household item, each
///   carer's placement against the household's level (subject: the household), again against
///   the level of each child whose level is set apart (subject: that child), and a young
///   person's own placement against that young person's level (subject: the young person).
/// - [`Prompt::Alert`] for each alert of an item whose `when_level_at_least` the rating's level
///   reaches; on a household item also for a child whose level set apart reaches it when the
///   household's level does not.
///
/// A household rating raises its household prompts once, not once per child.
///
/// **Order of prompts** (stable): first every [`Prompt::SignificantHarm`] (children in the
/// household's order, items in the definition's order); then the prompts about household ratings;
/// then for each child in the household's order that child's [`Prompt::Concern`] (if any)
/// followed by the prompts about the child on household items and then about the child's own
/// ratings. Within a subject, ratings follow the definition's item order, and each rating raises
/// `MissingImpact`, then `CarerGap` (in the order of its placements), then its alerts in the
/// definition's order.
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
    let max = def.max_level();
    let on = a.latest_date();
    let door = front_door(&def.contacts);
    let mut prompts = Vec::new();

    for child in &h.children {
        for (_, item) in def.items() {
            let v = child_view_of(a, def, item, child, on);
            let top_level = v.level == Some(max);
            if top_level || v.flagged {
                prompts.push(Prompt::SignificantHarm {
                    child_id: child.id.clone(),
                    item: item.number.clone(),
                    level: v.level,
                    top_level,
                    flagged: v.flagged,
                    front_door: door.cloned(),
                });
            }
        }
    }

    let household = Subject::Household;
    let mut household_missing = Vec::new();
    for (_, item) in def.items().filter(|(_, i)| i.scope == Scope::Household) {
        if let Some(r) = a.rating(&item.number, &household) {
            if household_prompts(def, item, r, &mut prompts) {
                household_missing.push(item.number.as_str());
            }
        }
    }

    let mut children = Vec::with_capacity(h.children.len());
    for child in &h.children {
        let mut areas = Vec::with_capacity(def.areas.len());
        let (mut assessed, mut concern, mut concern_with_detail) = (0usize, 0usize, false);
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
                let v = child_view_of(a, def, item, child, on);
                let has_impact = !v.impact.trim().is_empty();
                let detailed_impact = is_detailed_impact(v.impact);
                if let Some(l) = v.level {
                    *profile.counts.entry(l).or_insert(0) += 1;
                    profile.worst = profile.worst.max(Some(l));
                    profile.assessed += 1;
                    if l >= concern_from {
                        concern += 1;
                        concern_with_detail |= detailed_impact;
                    }
                }
                let placements: Vec<PlacementLevel> = v
                    .rating
                    .map(|r| {
                        r.all_placements()
                            .filter(|(by, _)| placement_is_for(by, &child.id))
                            .map(|(by, level)| {
                                let level = on_scale(def, level);
                                PlacementLevel {
                                    by: by.cloned(),
                                    level,
                                    gap: level.zip(v.level).map(|(p, l)| p.abs_diff(l)),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let carer_level = placements
                    .iter()
                    .find(|p| !matches!(p.by, Some(PlacedBy::Child { .. })) && p.level.is_some())
                    .and_then(|p| p.level);
                profile.items.push(ItemLevel {
                    item: item.number.clone(),
                    level: v.level,
                    carer_level,
                    from_household: item.scope == Scope::Household,
                    has_impact,
                    detailed_impact,
                    applies: v.applies,
                    set_apart: v.set_apart,
                    flagged: v.flagged,
                    placements,
                });
            }
            assessed += profile.assessed;
            areas.push(profile);
        }
        if assessed > 0 && concern * 2 > assessed && concern_with_detail {
            prompts.push(Prompt::Concern {
                child_id: child.id.clone(),
                concern_items: concern,
                assessed,
            });
        }
        for (_, item) in def.items().filter(|(_, i)| i.scope == Scope::Household) {
            if let Some(r) = a.rating(&item.number, &household) {
                let fired = household_missing.contains(&item.number.as_str());
                child_prompts(def, item, r, &child.id, Some(fired), &mut prompts);
            }
        }
        let subject = Subject::Child(child.id.clone());
        for (_, item) in def.items().filter(|(_, i)| i.scope == Scope::Child) {
            if let Some(r) = a.rating(&item.number, &subject) {
                child_prompts(def, item, r, &child.id, None, &mut prompts);
            }
        }
        children.push(ChildProfile {
            child_id: child.id.clone(),
            areas,
        });
    }
    for (_, item) in def.items() {
        for r in a.ratings.iter().filter(|r| r.item == item.number) {
            if r.mismatch.is_some() {
                prompts.push(Prompt::ExplanationMismatch {
                    subject: r.subject.clone(),
                    item: r.item.clone(),
                });
            }
        }
    }
    Summary { children, prompts }
}

/// Whether a placement stands beside `child`'s level: a carer's (named or not) always, a young
/// person's only for that young person.
fn placement_is_for(by: &Option<&PlacedBy>, child: &Id) -> bool {
    match by {
        Some(PlacedBy::Child { child_id }) => child_id == child,
        _ => true,
    }
}

/// The household prompts of a household rating: missing impact (only when no impact is
/// recorded at all), carers' gaps against the household's level, then alerts. Returns whether
/// the missing-impact prompt was raised.
fn household_prompts(
    def: &ToolkitDefinition,
    item: &Item,
    r: &Rating,
    out: &mut Vec<Prompt>,
) -> bool {
    let Some(level) = on_scale(def, r.level) else {
        return false;
    };
    let subject = Subject::Household;
    let missing = level >= def.scale.concern_from && !r.has_impact();
    if missing {
        out.push(Prompt::MissingImpact {
            subject: subject.clone(),
            item: item.number.clone(),
            level,
        });
    }
    gap_prompts(
        def,
        item,
        r,
        &subject,
        level,
        |by| !matches!(by, Some(PlacedBy::Child { .. })),
        out,
    );
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
    missing
}

/// How many levels apart a placement and the practitioner's level must be to be a conversation
/// point.
const GAP_FOR_PROMPT: Level = 2;

/// A [`Prompt::CarerGap`] for each placement on `r` that `relevant` accepts and that is
/// [`GAP_FOR_PROMPT`] or more levels from `level`.
fn gap_prompts(
    def: &ToolkitDefinition,
    item: &Item,
    r: &Rating,
    subject: &Subject,
    level: Level,
    relevant: impl Fn(Option<&PlacedBy>) -> bool,
    out: &mut Vec<Prompt>,
) {
    for (by, placed) in r.all_placements() {
        let Some(placed) = on_scale(def, placed).filter(|_| relevant(by)) else {
            continue;
        };
        if level.abs_diff(placed) >= GAP_FOR_PROMPT {
            out.push(Prompt::CarerGap {
                subject: subject.clone(),
                item: item.number.clone(),
                level,
                carer_level: placed,
                by: by.cloned(),
            });
        }
    }
}

/// The prompts about one child on one rating: the child's own rating (`household_missing` is
/// `None`), or a household rating (`Some(whether the household's missing-impact prompt was
/// raised)`), where only what the household prompts do not already say is raised.
fn child_prompts(
    def: &ToolkitDefinition,
    item: &Item,
    r: &Rating,
    child: &Id,
    household_missing: Option<bool>,
    out: &mut Vec<Prompt>,
) {
    let Some(level) = on_scale(def, r.level_for_child(child)) else {
        return;
    };
    let subject = Subject::Child(child.clone());
    let on_household = household_missing.is_some();
    let set_apart = on_household && r.is_set_apart(child);
    let household_level = on_scale(def, r.level).filter(|_| on_household);
    let covered = household_missing == Some(true) && !set_apart;
    if level >= def.scale.concern_from && r.impact_for_child(child).trim().is_empty() && !covered {
        out.push(Prompt::MissingImpact {
            subject: subject.clone(),
            item: item.number.clone(),
            level,
        });
    }
    gap_prompts(
        def,
        item,
        r,
        &subject,
        level,
        |by| match by {
            Some(PlacedBy::Child { child_id }) => child_id == child,
            // A carer's gap against the household's level is raised for the household.
            _ => !on_household || set_apart,
        },
        out,
    );
    for alert in item
        .alerts
        .iter()
        .filter(|al| level >= al.when_level_at_least)
    {
        let raised_for_household = household_level.is_some_and(|l| l >= alert.when_level_at_least);
        if on_household && (!set_apart || raised_for_household) {
            continue;
        }
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
/// Levels are each child's own (see "Every child individually" in [`crate::summary`]): a child
/// whose level on a household item is set apart is compared with their own level.
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
                            let p = level_for(previous, def, item, child);
                            let c = level_for(current, def, item, child);
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
/// (the initial assessment, then each review in turn). Levels are each child's own, as in
/// [`compare`].
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
                .map(|a| level_for(a, def, item, child))
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
