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
    for r in &a.ratings {
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
