//! Checks that keep an assessment consistent with its household and definition, and the
//! lifecycle rules: what may change in which state.

use super::model::*;
use crate::toolkit::{Scope, ToolkitDefinition};
use chrono::{DateTime, Utc};

/// Why an assessment or a change to it was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A review may not be linked to itself.
    #[error("an assessment cannot be a review of itself")]
    ReviewOfItself,
    /// The assessment belongs to another household.
    #[error("the assessment belongs to another household")]
    WrongHousehold,
    /// A rating names an item the definition does not have.
    #[error("item {item} is not in the toolkit definition")]
    UnknownItem {
        /// The item number.
        item: String,
    },
    /// A level outside the definition's scale.
    #[error("level {level} for item {item} is not on the scale (1 to {max})")]
    LevelOutOfScale {
        /// The item number.
        item: String,
        /// The level given.
        level: u8,
        /// The highest level on the scale.
        max: u8,
    },
    /// A child-scope item rated for the household, or the other way round.
    #[error("item {item} is rated for {expected}, not for {given}")]
    WrongSubject {
        /// The item number.
        item: String,
        /// What the item's scope requires.
        expected: &'static str,
        /// What was given.
        given: &'static str,
    },
    /// A rating, visit or note refers to a child not in the household.
    #[error("child {child} is not in this household")]
    UnknownChild {
        /// The child's id.
        child: Id,
    },
    /// Two ratings for the same item and subject.
    #[error("item {item} is rated twice for the same child or household")]
    DuplicateRating {
        /// The item number.
        item: String,
    },
    /// A visit concerning a child is dated before the child was born.
    #[error("the visit on {date} is before {child_name} was born")]
    VisitBeforeBirth {
        /// The visit date.
        date: chrono::NaiveDate,
        /// The child's name.
        child_name: String,
    },
    /// "Seen alone" recorded for a child who was not seen.
    #[error("a child cannot be seen alone without being seen")]
    SeenAloneNotSeen,
    /// A decision option the definition does not offer.
    #[error("decision option '{option}' is not offered by the toolkit definition")]
    UnknownDecision {
        /// The option code.
        option: String,
    },
    /// The assessment is completed and locked.
    #[error("this assessment is completed and locked; amend it with a reason to change it")]
    Locked,
    /// The lifecycle step is not allowed from the current state.
    #[error("cannot {action} an assessment that is {state}")]
    BadTransition {
        /// What was attempted.
        action: &'static str,
        /// The current state.
        state: &'static str,
    },
    /// An amendment needs a reason.
    #[error("an amendment needs a reason")]
    MissingReason,
}

fn subject_name(s: &Subject) -> &'static str {
    match s {
        Subject::Household => "the household",
        Subject::Child(_) => "a child",
    }
}

/// Check an assessment against its household and the definition it was completed with.
/// Returns the first problem found.
pub fn validate(
    a: &Assessment,
    household: &Household,
    def: &ToolkitDefinition,
) -> Result<(), ModelError> {
    validate_with(a, &a.ratings, household, def)
}

/// [`validate`], with `ratings` checked in place of the assessment's own.
fn validate_with(
    a: &Assessment,
    ratings: &[Rating],
    household: &Household,
    def: &ToolkitDefinition,
) -> Result<(), ModelError> {
    if a.previous() == Some(&a.id) {
        return Err(ModelError::ReviewOfItself);
    }
    if a.household_id != household.id {
        return Err(ModelError::WrongHousehold);
    }
    let child = |id: &Id| {
        household
            .children
            .iter()
            .find(|c| &c.id == id)
            .ok_or_else(|| ModelError::UnknownChild { child: id.clone() })
    };
    let max = def.max_level();
    let mut seen = std::collections::HashSet::new();
    for r in ratings {
        let item = def.item(&r.item).ok_or_else(|| ModelError::UnknownItem {
            item: r.item.clone(),
        })?;
        for level in [r.level, r.carer_level].into_iter().flatten() {
            if def.level(level).is_none() {
                return Err(ModelError::LevelOutOfScale {
                    item: r.item.clone(),
                    level,
                    max,
                });
            }
        }
        let expected = match item.scope {
            Scope::Child => "a child",
            Scope::Household => "the household",
        };
        let ok = matches!(
            (item.scope, &r.subject),
            (Scope::Child, Subject::Child(_)) | (Scope::Household, Subject::Household)
        );
        if !ok {
            return Err(ModelError::WrongSubject {
                item: r.item.clone(),
                expected,
                given: subject_name(&r.subject),
            });
        }
        if let Subject::Child(id) = &r.subject {
            child(id)?;
        }
        if !seen.insert((&r.item, &r.subject)) {
            return Err(ModelError::DuplicateRating {
                item: r.item.clone(),
            });
        }
    }
    for v in &a.visits {
        for cs in &v.children_seen {
            let c = child(&cs.child_id)?;
            if cs.seen_alone && !cs.seen {
                return Err(ModelError::SeenAloneNotSeen);
            }
            if let Birth::Born(dob) = c.birth {
                if v.date < dob && cs.seen {
                    return Err(ModelError::VisitBeforeBirth {
                        date: v.date,
                        child_name: c.name.clone(),
                    });
                }
            }
        }
    }
    for n in &a.child_views {
        child(&n.child_id)?;
    }
    let opt = &a.decision.option;
    if !opt.is_empty() && !def.decision_options.iter().any(|d| &d.code == opt) {
        return Err(ModelError::UnknownDecision {
            option: opt.clone(),
        });
    }
    Ok(())
}

/// What a save may change on a stored assessment. It stays with its household. While it is a
/// draft or being amended anything else may change; once completed, only its lifecycle may
/// move on (status, new history entries, the time of change), so the content is locked until
/// an amendment is started with a reason.
pub fn check_change(stored: &Assessment, proposed: &Assessment) -> Result<(), ModelError> {
    if stored.household_id != proposed.household_id {
        return Err(ModelError::WrongHousehold);
    }
    if stored.status == Status::Completed {
        let mut before = stored.clone();
        let mut after = proposed.clone();
        for x in [&mut before, &mut after] {
            x.status = Status::Completed;
            x.history.clear();
            x.updated_at = stored.created_at;
        }
        let lifecycle_only = proposed.history.starts_with(&stored.history);
        if before != after || !lifecycle_only {
            return Err(ModelError::Locked);
        }
    }
    Ok(())
}

/// Whether `rating` may be saved into `a` on its own, without the rest of the assessment being
/// written: `a` must be editable, and `a` holding just this rating must be valid for its
/// household and definition. The ratings `a` already holds are not looked at, because the
/// new one replaces any with the same item and subject.
pub fn check_rating(
    a: &Assessment,
    rating: &Rating,
    household: &Household,
    def: &ToolkitDefinition,
) -> Result<(), ModelError> {
    a.ensure_editable()?;
    validate_with(a, std::slice::from_ref(rating), household, def)
}

fn state_name(s: Status) -> &'static str {
    match s {
        Status::Draft => "a draft",
        Status::Completed => "completed",
        Status::Amending => "being amended",
    }
}

impl Assessment {
    /// Refuse a change unless the assessment is editable.
    pub fn ensure_editable(&self) -> Result<(), ModelError> {
        if self.is_editable() {
            Ok(())
        } else {
            Err(ModelError::Locked)
        }
    }

    /// Record or replace the rating for its item and subject (only while editable).
    pub fn set_rating(&mut self, rating: Rating, now: DateTime<Utc>) -> Result<(), ModelError> {
        self.ensure_editable()?;
        match self
            .ratings
            .iter_mut()
            .find(|r| r.item == rating.item && r.subject == rating.subject)
        {
            Some(r) => *r = rating,
            None => self.ratings.push(rating),
        }
        self.updated_at = now;
        Ok(())
    }

    /// Complete (lock) a draft or an amendment.
    pub fn complete(&mut self, by: &str, now: DateTime<Utc>) -> Result<(), ModelError> {
        if !self.is_editable() {
            return Err(ModelError::BadTransition {
                action: "complete",
                state: state_name(self.status),
            });
        }
        self.status = Status::Completed;
        self.history.push(LifecycleEvent {
            at: now,
            by: by.to_string(),
            event: LifecycleEventKind::Completed,
        });
        self.updated_at = now;
        Ok(())
    }

    /// Reopen a completed assessment to amend it, with a reason kept in its history.
    pub fn start_amendment(
        &mut self,
        by: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        if self.status != Status::Completed {
            return Err(ModelError::BadTransition {
                action: "amend",
                state: state_name(self.status),
            });
        }
        if reason.trim().is_empty() {
            return Err(ModelError::MissingReason);
        }
        self.status = Status::Amending;
        self.history.push(LifecycleEvent {
            at: now,
            by: by.to_string(),
            event: LifecycleEventKind::AmendmentStarted {
                reason: reason.trim().to_string(),
            },
        });
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::testkit::{assessment, child, default_like, household, now, rate};
    use chrono::Duration;

    fn rated_draft() -> (ToolkitDefinition, Household, Assessment) {
        let def = default_like();
        let h = household(2);
        let mut a = assessment("a1", &h, &def);
        rate(
            &mut a,
            "1.1",
            child(1),
            Some(3),
            Some(2),
            "Hungry at school",
        );
        rate(&mut a, "1.2", Subject::Household, Some(2), None, "");
        a.analysis = "Meals are missed".into();
        (def, h, a)
    }

    #[test]
    fn a_draft_may_change_anything_but_its_household() {
        let (_, _, stored) = rated_draft();
        let mut next = stored.clone();
        next.analysis = "Rewritten".into();
        next.ratings.clear();
        next.updated_at = now() + Duration::hours(1);
        assert_eq!(check_change(&stored, &next), Ok(()));

        next.household_id = Id("h2".into());
        assert_eq!(
            check_change(&stored, &next),
            Err(ModelError::WrongHousehold)
        );
    }

    #[test]
    fn completing_and_starting_an_amendment_are_allowed_changes() {
        let (_, _, draft) = rated_draft();
        let mut done = draft.clone();
        done.complete("P", now() + Duration::hours(1)).unwrap();
        assert_eq!(check_change(&draft, &done), Ok(()));

        let mut amending = done.clone();
        amending
            .start_amendment("P", "Wrong child rated", now() + Duration::days(1))
            .unwrap();
        assert_eq!(check_change(&done, &amending), Ok(()));

        // Saving it again unchanged, or with only a later time, is not a change of content.
        let mut touched = done.clone();
        touched.updated_at = now() + Duration::days(2);
        assert_eq!(check_change(&done, &done), Ok(()));
        assert_eq!(check_change(&done, &touched), Ok(()));
    }

    #[test]
    fn a_completed_assessment_refuses_content_changes() {
        let (_, _, mut done) = rated_draft();
        done.complete("P", now() + Duration::hours(1)).unwrap();

        let mut analysis = done.clone();
        analysis.analysis = "Rewritten after completion".into();
        let mut level = done.clone();
        level.ratings[0].level = Some(1);
        let mut extra = done.clone();
        extra.ratings.push(Rating::new("2.1", child(2)));
        let mut reopened = done.clone();
        reopened.status = Status::Draft;
        reopened.analysis = "Reopened without a reason".into();
        for next in [&analysis, &level, &extra, &reopened] {
            assert_eq!(check_change(&done, next), Err(ModelError::Locked));
        }
    }

    #[test]
    fn a_completed_assessment_keeps_its_history() {
        let (_, _, mut done) = rated_draft();
        done.complete("P", now() + Duration::hours(1)).unwrap();
        let mut rewritten = done.clone();
        rewritten.history[0].by = "Someone else".into();
        let mut erased = done.clone();
        erased.history.clear();
        for next in [&rewritten, &erased] {
            assert_eq!(check_change(&done, next), Err(ModelError::Locked));
        }
    }

    #[test]
    fn a_rating_is_saved_only_while_the_assessment_is_editable() {
        let (def, h, mut a) = rated_draft();
        let mut r = Rating::new("2.1", child(2));
        r.level = Some(2);
        assert_eq!(check_rating(&a, &r, &h, &def), Ok(()));

        a.complete("P", now() + Duration::hours(1)).unwrap();
        assert_eq!(check_rating(&a, &r, &h, &def), Err(ModelError::Locked));

        a.start_amendment("P", "Missed an item", now() + Duration::days(1))
            .unwrap();
        assert_eq!(check_rating(&a, &r, &h, &def), Ok(()));
    }

    #[test]
    fn a_rating_saved_on_its_own_must_fit_the_household_and_definition() {
        let (def, h, a) = rated_draft();
        let unknown = Rating::new("9.9", child(1));
        assert_eq!(
            check_rating(&a, &unknown, &h, &def),
            Err(ModelError::UnknownItem { item: "9.9".into() })
        );
        let mut off_scale = Rating::new("1.1", child(1));
        off_scale.level = Some(def.max_level() + 1);
        assert!(matches!(
            check_rating(&a, &off_scale, &h, &def),
            Err(ModelError::LevelOutOfScale { .. })
        ));
        let stranger = Rating::new("1.1", child(7));
        assert!(matches!(
            check_rating(&a, &stranger, &h, &def),
            Err(ModelError::UnknownChild { .. })
        ));
        // It replaces the stored rating for its item and subject, so that is not a duplicate.
        let again = a.ratings[0].clone();
        assert_eq!(check_rating(&a, &again, &h, &def), Ok(()));
    }
}
