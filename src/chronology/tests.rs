use super::*;

#[test]
fn dates_read_as_a_day_or_a_month() {
    assert_eq!(
        EntryDate::parse("2026-03-04"),
        Some(EntryDate::Day(NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()))
    );
    assert_eq!(
        EntryDate::parse(" 2026-03 "),
        Some(EntryDate::Month {
            year: 2026,
            month: 3
        })
    );
    for bad in [
        "",
        "2026",
        "2026-13",
        "2026-3-4",
        "04/03/2026",
        "2026-02-30",
        "march",
    ] {
        assert_eq!(EntryDate::parse(bad), None, "{bad}");
    }
    let m = EntryDate::parse("2026-03").unwrap();
    assert_eq!(m.to_string(), "2026-03");
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        "\"2026-03\"",
        "written as the same text"
    );
    assert!(serde_json::from_str::<EntryDate>("\"2026-00\"").is_err());
}

#[test]
fn a_month_only_date_sorts_before_the_days_of_its_month_and_counts_for_since() {
    let m = EntryDate::Month {
        year: 2026,
        month: 3,
    };
    let d = EntryDate::parse("2026-03-01").unwrap();
    assert!(m.sort_key() < d.sort_key());
    let since = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
    assert!(m.on_or_after(since), "March may be after the 20th");
    assert!(!d.on_or_after(since));
    assert!(!EntryDate::parse("2026-02").unwrap().on_or_after(since));
}

fn entry(date: &str, event: &str) -> ChronologyEntry {
    ChronologyEntry {
        id: Id(String::new()),
        date: EntryDate::parse(date).unwrap(),
        event: event.into(),
        category: "no-access-visit".into(),
        source: Source {
            agency: "Health".into(),
            role: "Health visitor".into(),
        },
        children: Vec::new(),
        impact: Impact::NotKnown,
        impact_note: "Not seen.".into(),
        action: "Card left.".into(),
    }
}

#[test]
fn merge_skips_the_same_event_and_keeps_date_order() {
    let mut c = Chronology {
        household_id: Id("h".into()),
        entries: vec![entry("2026-03-04", "No answer at the door.")],
    };
    let mut again = entry("2026-03-04", "  no answer at the door. ");
    again.source.agency = "health".into();
    let mut other_source = entry("2026-03-04", "No answer at the door.");
    other_source.source.agency = "School".into();
    let (added, skipped) = merge(
        &mut c,
        vec![
            again,
            entry("2026-01-02", "Earlier."),
            entry("2026-01-02", "Earlier."),
            other_source,
        ],
    );
    assert_eq!((added, skipped), (2, 2));
    let order: Vec<String> = c.entries.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(order, ["2026-01-02", "2026-03-04", "2026-03-04"]);
    assert_eq!(c.entries[2].source.agency, "School", "its source is kept");
}

#[test]
fn entries_since_filters_by_date() {
    let c = Chronology {
        household_id: Id("h".into()),
        entries: vec![entry("2026-01-02", "a"), entry("2026-03-04", "b")],
    };
    let since = NaiveDate::from_ymd_opt(2026, 2, 1);
    let events: Vec<&str> = entries_since(&c, since)
        .iter()
        .map(|e| e.event.as_str())
        .collect();
    assert_eq!(events, ["b"]);
    assert_eq!(entries_since(&c, None).len(), 2);
}
