//! The words for a young carer: the line on the sheet that says who the child is, and the
//! prompt to consider a young carers' assessment and support.

/// On the sheet's "who the child is" line, for a child marked as a young carer.
pub const YOUNG_CARER_MARK: &str = "Looks after someone at home (a young carer)";
/// The young-carer prompt's headline, after the child's name.
pub const YOUNG_CARER_HEAD: &str = "is a young carer.";
/// What to do for a young carer.
pub const YOUNG_CARER_ACTION: &str = "Ask what caring the child does, how long it takes and how \
     it affects school, friends, sleep and health. Consider a young carers' assessment with the \
     local authority and a referral to a young carers' service, and check that the adult being \
     cared for has the support they need, so the child is not left to do it.";
