//! Dates and day counts in the words a parent reads on screen: one format for every view,
//! reminder and card, in the device's order (`crate::words`).

pub use crate::words::{date as long_date, in_days};
