//! The device clock, read only here: "today" as a local calendar date, passed into `core`.

use chrono::NaiveDate;

/// Today's local calendar date. (On the web chrono's `wasmbind` reads the browser's zone.)
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
