//! The words of the usage report's preview in Settings: what each figure counts.

/// What a metric of the usage report (`crate::report::rows`) counts, in words.
pub fn report_metric_text(metric: &str) -> &'static str {
    match metric {
        "started_by_month" => "Toolkits started, by month",
        "completed_by_month" => "Toolkits completed, by month",
        "children_by_age_band" => "Children in the households assessed, by age band",
        "decisions" => "Decisions, by kind",
        "at_review" => "Items at review compared with the toolkit before",
        "levels" => "Ratings in completed toolkits, by area and level",
        "concern_ratings" => "Ratings at a level of concern (3 or 4)",
        "concern_ratings_with_impact" => "Of those, ratings with an impact example",
        "children_seen" => "Children seen at a visit",
        "children_seen_alone" => "Of those, children seen alone",
        "referrals_with_toolkit" => "Referrals sent with a toolkit",
        "reviews_on_time" => "Reviews started on time",
        "reviews_overdue" => "Reviews overdue",
        "re_referrals" => "New toolkits within 12 months of a completed one",
        _ => "Other figure",
    }
}
