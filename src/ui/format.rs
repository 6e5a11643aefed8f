//! Dates and day counts in the words a parent reads on screen: one format for every view, and
//! the same as reminders and the emergency card use (`core::dates`).

pub use crate::core::dates::{in_days, long_date};
