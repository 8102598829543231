//! Checks that keep an assessment consistent with its household and definition, and the
//! lifecycle rules: what may change in which state.

use super::model::*;
use crate::limits::EXPECTED_DATE_MAX_MONTHS_AHEAD;
use crate::toolkit::{Scope, ToolkitDefinition};
use chrono::{DateTime, Months, NaiveDate, Utc};

/// Why an assessment or a change to it was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The home's usual state recorded on an item that is not about the home.
    #[error(
        "item {item} is not about the home, so it cannot record the home's usual state or \
         outside help; record them on an item about the home"
    )]
    HomeStateOnOtherItem {
        /// The item number.
        item: String,
    },
    /// "The parents contributed" without outside help recorded.
    #[error(
        "item {item}: the parents can only have contributed to outside help; tick that outside \
         help produced today's state, or untick that the parents contributed"
    )]
    ContributedWithoutHelp {
        /// The item number.
        item: String,
    },
    /// An explanation flagged as not matching what was observed, with no note.
    #[error(
        "item {item}: an explanation is flagged as not matching what was observed, with no note; \
         say what was said and what was seen"
    )]
    MismatchWithoutNote {
        /// The item number.
        item: String,
    },
    /// A background event of kind "other" with no note.
    #[error("a background event marked \"other\" has no note; say what happened")]
    OtherEventWithoutNote,
    /// The same way of hearing a child's view given twice.
    #[error("the view of {child_name} names the same way of hearing it twice")]
    ViewMethodTwice {
        /// The child's name.
        child_name: String,
    },
    /// An interpreter recorded as a family member or another child.
    #[error(
        "the view of {child_name} was interpreted by a family member or another child; only a \
         professional interpreter may interpret for a child: record the view without the \
         interpreter and arrange a professional one"
    )]
    InterpreterNotProfessional {
        /// The child's name.
        child_name: String,
    },
    /// "Through an interpreter" without a professional interpreter confirmed, or the other way
    /// round.
    #[error(
        "the view of {child_name}: confirm that a professional interpreter was used, or untick \
         \"interpreter\""
    )]
    InterpreterNotConfirmed {
        /// The child's name.
        child_name: String,
    },
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
    /// A decision option chosen twice.
    #[error("decision option '{option}' is chosen twice")]
    DuplicateDecision {
        /// The option code.
        option: String,
    },
    /// A front door that is not one of the contacts.
    #[error("the front door '{contact_id}' is not one of your contacts; choose one from the list")]
    FrontDoorNotAContact {
        /// The contact id given.
        contact_id: String,
    },
    /// Too many other agencies on a household.
    #[error("a household can list at most {max} other agencies")]
    TooManyAgencies {
        /// The most allowed.
        max: usize,
    },
    /// Another agency with neither an agency nor a name.
    #[error("each other agency needs the agency's name or the worker's name")]
    AgencyUnnamed,
    /// A field of another agency is too long.
    #[error("each detail of another agency can be at most {max} characters")]
    AgencyTextTooLong {
        /// The most allowed.
        max: usize,
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
    /// Per-child entries belong on household items only (a child item is rated per child).
    #[error(
        "item {item} is rated for each child, so it cannot hold entries per child; record the \
         child's impact and view on the child's own rating"
    )]
    PerChildOnChildItem {
        /// The item number.
        item: String,
    },
    /// How a view was heard is recorded on a household item's own rating, which holds the
    /// children's shared view rather than one child's.
    #[error(
        "item {item} is answered for the whole household, so how a view was heard belongs to \
         each child: record it under that child's own view on the item"
    )]
    HeardOnHouseholdItem {
        /// The item number.
        item: String,
    },
    /// The same child appears twice in a household rating's per-child entries.
    #[error("item {item} has two entries for {child_name}; keep one")]
    DuplicateChildEntry {
        /// The item number.
        item: String,
        /// The child's name.
        child_name: String,
    },
    /// A child's level set apart from the household's has no reason.
    #[error(
        "item {item}: {child_name}'s level is set apart from the household's without a reason; \
         say why this child's care differs, or remove the child's own level"
    )]
    SetApartWithoutReason {
        /// The item number.
        item: String,
        /// The child's name.
        child_name: String,
    },
    /// A placement names a carer who is not in the household.
    #[error(
        "item {item}: a placement names carer {carer}, who is not in this household; choose one \
         of the household's carers, or add the carer to the household first"
    )]
    UnknownCarer {
        /// The item number.
        item: String,
        /// The carer's id.
        carer: Id,
    },
    /// A young person placed themselves before the age the definition sets.
    #[error(
        "item {item}: {child_name} is under {years}, the age from which a young person places \
         themselves; record the child's view instead"
    )]
    TooYoungToPlace {
        /// The item number.
        item: String,
        /// The child's name.
        child_name: String,
        /// The age in years from which a young person may place themselves.
        years: u32,
    },
    /// A young person's placement on another child's item.
    #[error(
        "item {item}: {child_name} can place themselves only on their own items and on household \
         items, not on another child's"
    )]
    PlacementForAnotherChild {
        /// The item number.
        item: String,
        /// The name of the young person who placed themselves.
        child_name: String,
    },
    /// The same person placed twice on one rating.
    #[error("item {item} has two placements by the same person; keep one")]
    DuplicatePlacement {
        /// The item number.
        item: String,
    },
    /// A born child's date of birth after today.
    #[error(
        "date of birth must be in the past: {child_name}'s date of birth is {}",
        date.format("%-d %B %Y")
    )]
    BirthInFuture {
        /// The child's name.
        child_name: String,
        /// The date given.
        date: NaiveDate,
    },
    /// An unborn child's expected date before today.
    #[error(
        "the expected date must be today or later: {child_name}'s expected date is {}; if \
         {child_name} has been born, record the date of birth instead",
        date.format("%-d %B %Y")
    )]
    ExpectedDateInPast {
        /// The child's name.
        child_name: String,
        /// The date given.
        date: NaiveDate,
    },
    /// An unborn child's expected date more than ten months ahead.
    #[error(
        "the expected date must be within the next ten months: {child_name}'s expected date is {}",
        date.format("%-d %B %Y")
    )]
    ExpectedDateTooFar {
        /// The child's name.
        child_name: String,
        /// The date given.
        date: NaiveDate,
    },
    /// An unborn child marked as a young carer.
    #[error(
        "an unborn child cannot be a young carer: {child_name} is recorded as unborn; untick \
         young carer, or record the date of birth if {child_name} has been born"
    )]
    UnbornYoungCarer {
        /// The child's name.
        child_name: String,
    },
    /// Another toolkit of the household is already in progress (a draft or an amendment).
    #[error(
        "this household already has a toolkit in progress; finish or discard the toolkit in \
         progress (started {}) first",
        crate::words::date_text(*started_on)
    )]
    InProgress {
        /// When the toolkit in progress was started ([`Assessment::started_on`]).
        started_on: NaiveDate,
    },
    /// Discarding a draft needs a reason.
    #[error("discarding a draft needs a reason; say why it is discarded")]
    MissingDiscardReason,
    /// An answer to a review question the definition does not ask.
    #[error("review question '{question}' is not asked by the toolkit definition")]
    UnknownReviewQuestion {
        /// The question id.
        question: String,
    },
    /// Two answers to the same review question.
    #[error("review question '{question}' is answered twice; keep one answer")]
    DuplicateReviewAnswer {
        /// The question id.
        question: String,
    },
    /// A target that does not say what needs to change.
    #[error(
        "a target on item {item} does not say what needs to change; write what needs to change"
    )]
    TargetWithoutChange {
        /// The item number.
        item: String,
    },
    /// Two targets with the same id.
    #[error("a target on item {item} is listed twice; keep one")]
    DuplicateTarget {
        /// The item number.
        item: String,
    },
}

/// Refuse a household whose dates cannot be right on `today`: a born child's date of birth after
/// `today`, or an unborn child's expected date before `today` or more than
/// [`EXPECTED_DATE_MAX_MONTHS_AHEAD`] months after it; and an unborn child marked as a young
/// carer. Returns the first problem, naming the
/// child. Called when a household is saved and before anything is imported; stored records are
/// not re-checked (a child expected last year is simply due an update).
pub fn check_dates(h: &Household, today: NaiveDate) -> Result<(), ModelError> {
    let latest = today
        .checked_add_months(Months::new(EXPECTED_DATE_MAX_MONTHS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    for c in &h.children {
        let child_name = c.name.clone();
        match c.birth {
            Birth::Born(date) if date > today => {
                return Err(ModelError::BirthInFuture { child_name, date })
            }
            Birth::Expected(date) if date < today => {
                return Err(ModelError::ExpectedDateInPast { child_name, date })
            }
            Birth::Expected(date) if date > latest => {
                return Err(ModelError::ExpectedDateTooFar { child_name, date })
            }
            Birth::Expected(_) if c.young_carer => {
                return Err(ModelError::UnbornYoungCarer { child_name })
            }
            _ => {}
        }
    }
    Ok(())
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
    if a.household_id != household.id
        || a.household_snapshot
            .as_ref()
            .is_some_and(|h| h.id != a.household_id)
    {
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
        let levels = [r.level, r.carer_level]
            .into_iter()
            .chain(r.placements.iter().map(|p| p.level))
            .chain(r.per_child.iter().map(|c| c.level));
        for level in levels.flatten() {
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
        match &r.subject {
            Subject::Child(id) => super::check_heard(&r.heard, &child(id)?.name)?,
            Subject::Household if !r.heard.is_empty() => {
                return Err(ModelError::HeardOnHouseholdItem {
                    item: r.item.clone(),
                })
            }
            Subject::Household => {}
        }
        per_child(r, household)?;
        placements(r, household, def, a.latest_date())?;
        home_of(r, item)?;
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
        let c = child(&n.child_id)?;
        super::check_heard(&n.heard, &c.name)?;
    }
    if a.background_events
        .iter()
        .any(|e| e.kind == crate::assessment::EventKind::Other && e.note.trim().is_empty())
    {
        return Err(ModelError::OtherEventWithoutNote);
    }
    review_answers(a, def)?;
    targets(a, household, def)?;
    super::decision::check_decision(&a.decision, def)
}

/// A review's answers: each to a question the definition asks, at most once.
fn review_answers(a: &Assessment, def: &ToolkitDefinition) -> Result<(), ModelError> {
    let mut seen = std::collections::HashSet::new();
    for ans in &a.review_answers {
        if !def.review_questions.iter().any(|q| q.id == ans.question) {
            return Err(ModelError::UnknownReviewQuestion {
                question: ans.question.clone(),
            });
        }
        if !seen.insert(&ans.question) {
            return Err(ModelError::DuplicateReviewAnswer {
                question: ans.question.clone(),
            });
        }
    }
    Ok(())
}

/// Targets: on an item of the definition, for a subject that fits its scope (a child of the
/// household for a child item), saying what needs to change, each id once.
fn targets(
    a: &Assessment,
    household: &Household,
    def: &ToolkitDefinition,
) -> Result<(), ModelError> {
    let mut seen = std::collections::HashSet::new();
    for t in &a.targets {
        let item = def.item(&t.item).ok_or_else(|| ModelError::UnknownItem {
            item: t.item.clone(),
        })?;
        let (ok, expected) = match (item.scope, &t.subject) {
            (Scope::Child, Subject::Child(_)) | (Scope::Household, Subject::Household) => {
                (true, "")
            }
            (Scope::Child, _) => (false, "a child"),
            (Scope::Household, _) => (false, "the household"),
        };
        if !ok {
            return Err(ModelError::WrongSubject {
                item: t.item.clone(),
                expected,
                given: subject_name(&t.subject),
            });
        }
        if let Subject::Child(id) = &t.subject {
            if !household.children.iter().any(|c| &c.id == id) {
                return Err(ModelError::UnknownChild { child: id.clone() });
            }
        }
        if t.change.trim().is_empty() {
            return Err(ModelError::TargetWithoutChange {
                item: t.item.clone(),
            });
        }
        if !seen.insert(&t.id) {
            return Err(ModelError::DuplicateTarget {
                item: t.item.clone(),
            });
        }
    }
    Ok(())
}

/// The home's state only on an item about the home, contributed only to outside help; a
/// mismatch flag with its note.
fn home_of(r: &Rating, item: &crate::toolkit::Item) -> Result<(), ModelError> {
    let number = || r.item.clone();
    if let Some(home) = &r.home {
        if !item.about_home {
            return Err(ModelError::HomeStateOnOtherItem { item: number() });
        }
        if home.parents_contributed && !home.outside_help {
            return Err(ModelError::ContributedWithoutHelp { item: number() });
        }
    }
    if r.mismatch
        .as_ref()
        .is_some_and(|m| m.note.trim().is_empty())
    {
        return Err(ModelError::MismatchWithoutNote { item: number() });
    }
    Ok(())
}

/// The per-child entries of a rating: household items only, children of the household, each
/// child once, a level set apart with its reason (its level is checked with the others).
fn per_child(r: &Rating, household: &Household) -> Result<(), ModelError> {
    if r.per_child.is_empty() {
        return Ok(());
    }
    if r.subject != Subject::Household {
        return Err(ModelError::PerChildOnChildItem {
            item: r.item.clone(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for entry in &r.per_child {
        let c = household
            .children
            .iter()
            .find(|c| c.id == entry.child_id)
            .ok_or_else(|| ModelError::UnknownChild {
                child: entry.child_id.clone(),
            })?;
        if !seen.insert(&entry.child_id) {
            return Err(ModelError::DuplicateChildEntry {
                item: r.item.clone(),
                child_name: c.name.clone(),
            });
        }
        super::check_heard(&entry.heard, &c.name)?;
        if entry.level.is_some() && entry.level_reason.trim().is_empty() {
            return Err(ModelError::SetApartWithoutReason {
                item: r.item.clone(),
                child_name: c.name.clone(),
            });
        }
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

/// The placements of a rating: each by a carer of the household or by a child of it old enough
/// on `on` (for a child's item, only the child rated), each person once.
fn placements(
    r: &Rating,
    household: &Household,
    def: &ToolkitDefinition,
    on: NaiveDate,
) -> Result<(), ModelError> {
    let mut seen = std::collections::HashSet::new();
    for p in &r.placements {
        if !seen.insert(&p.by) {
            return Err(ModelError::DuplicatePlacement {
                item: r.item.clone(),
            });
        }
        match &p.by {
            PlacedBy::Carer { carer_id } => {
                if !household.carers.iter().any(|c| &c.id == carer_id) {
                    return Err(ModelError::UnknownCarer {
                        item: r.item.clone(),
                        carer: carer_id.clone(),
                    });
                }
            }
            PlacedBy::Child { child_id } => {
                let c = household
                    .children
                    .iter()
                    .find(|c| &c.id == child_id)
                    .ok_or_else(|| ModelError::UnknownChild {
                        child: child_id.clone(),
                    })?;
                if matches!(&r.subject, Subject::Child(rated) if rated != child_id) {
                    return Err(ModelError::PlacementForAnotherChild {
                        item: r.item.clone(),
                        child_name: c.name.clone(),
                    });
                }
                let years = def.self_placement_age();
                if !c.may_place_themselves(years, on) {
                    return Err(ModelError::TooYoungToPlace {
                        item: r.item.clone(),
                        child_name: c.name.clone(),
                        years,
                    });
                }
            }
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

/// One toolkit in progress per household: refuse to open `opening` (a new draft, or a completed
/// assessment reopened to amend) while another of the household's assessments is a draft or
/// being amended. `household` is every stored assessment of the household; `opening` itself is
/// not counted.
pub fn check_one_in_progress(household: &[Assessment], opening: &Id) -> Result<(), ModelError> {
    match household
        .iter()
        .find(|a| a.is_editable() && &a.id != opening)
    {
        Some(other) => Err(ModelError::InProgress {
            started_on: other.started_on(),
        }),
        None => Ok(()),
    }
}

/// Whether `a` may be discarded with `reason`: only a draft (a completed or amending assessment
/// is part of the record and is never deleted), and only with a reason that is not blank.
/// Returns the reason as it is kept (trimmed).
pub fn check_discard(a: &Assessment, reason: &str) -> Result<String, ModelError> {
    if a.status != Status::Draft {
        return Err(ModelError::BadTransition {
            action: "discard",
            state: state_name(a.status),
        });
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ModelError::MissingDiscardReason);
    }
    Ok(reason.to_string())
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
    fn only_one_toolkit_of_a_household_is_in_progress() {
        let (def, h, mut a) = rated_draft();
        let mut b = assessment("b1", &h, &def);
        b.complete("Sam", now()).unwrap();
        // The draft `a` stops `b` from being reopened, and any new toolkit from starting.
        let stored = vec![a.clone(), b.clone()];
        let err = check_one_in_progress(&stored, &b.id).unwrap_err();
        assert_eq!(
            err,
            ModelError::InProgress {
                started_on: a.started_on()
            }
        );
        assert!(err.to_string().contains(&format!(
            "(started {})",
            crate::words::date_text(a.started_on())
        )));
        assert!(check_one_in_progress(&stored, &Id("new".into())).is_err());
        // The one in progress itself is not counted (an amendment saved again).
        assert!(check_one_in_progress(&stored, &a.id).is_ok());
        a.complete("Sam", now()).unwrap();
        assert!(check_one_in_progress(&[a.clone(), b.clone()], &b.id).is_ok());
        a.start_amendment("Sam", "A date was wrong", now()).unwrap();
        assert!(check_one_in_progress(&[a, b.clone()], &b.id).is_err());
    }

    #[test]
    fn only_a_draft_is_discarded_and_only_with_a_reason() {
        let (_, _, mut a) = rated_draft();
        assert_eq!(
            check_discard(&a, "  Wrong family "),
            Ok("Wrong family".to_string())
        );
        assert_eq!(
            check_discard(&a, " \n "),
            Err(ModelError::MissingDiscardReason)
        );
        a.complete("Sam", now()).unwrap();
        assert_eq!(
            check_discard(&a, "Wrong family"),
            Err(ModelError::BadTransition {
                action: "discard",
                state: "completed"
            })
        );
        a.start_amendment("Sam", "A date was wrong", now()).unwrap();
        assert_eq!(
            check_discard(&a, "Wrong family"),
            Err(ModelError::BadTransition {
                action: "discard",
                state: "being amended"
            })
        );
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
