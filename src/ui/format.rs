//! Dates and day counts in the words a parent reads on screen (one format for every view).

use chrono::NaiveDate;

/// "Sun 3 Jan 2027".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// "today", "tomorrow", "in 5 days", "3 days ago".
pub fn in_days(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 1 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}
