//! The app's words for what `core` returns as values (issue 15.8): `core` decides (a status, a
//! missing detail, a reminder, a notice) and says nothing; each screen family turns those
//! values into English here, in one place. A second language is a second set of these files,
//! with no rule touched, and `tests/words.rs` checks that every value has its words.
//!
//! Dates: one format everywhere ("Sun 3 Jan 2027", or "Sun, Jan 3, 2027" where the device's
//! locale writes the month first), from [`crate::core::dates::date_in`].

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::core::dates::{date_in, DateOrder};

pub mod forms;
pub mod home;
pub mod notices;
pub mod reminders;
pub mod share;

/// The device's date order, read once (the browser's language, or LC_ALL / LC_TIME / LANG).
pub fn date_order() -> DateOrder {
    static ORDER: OnceLock<DateOrder> = OnceLock::new();
    *ORDER.get_or_init(crate::platform::locale::date_order)
}

/// A date as every screen, reminder and card shows it on this device.
pub fn date(d: NaiveDate) -> String {
    date_in(d, date_order())
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
