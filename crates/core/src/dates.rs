//! Dates and day counts in the words a parent reads, one format for every screen, reminder,
//! printable and the emergency card ("Sun 3 Jan 2027": the weekday helps plan a visit, and
//! the month in letters cannot be misread as day/month or month/day).

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
