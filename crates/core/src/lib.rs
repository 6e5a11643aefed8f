//! The pure domain of ITB Companion: no dioxus, no I/O, no clock reads.
//! "Today" is always an argument, so every rule here is tested in microseconds.

pub mod alarms;
pub mod card_form;
pub mod check;
pub mod content;
pub mod copies;
pub mod countdown;
pub mod dates;
pub mod ems;
pub mod family;
pub mod field_id;
pub mod ics;
pub mod problems;
pub mod profile;
pub mod recalls;
pub mod refill;
pub mod restore;
pub mod share;
pub mod sorting;
pub mod storefile;
pub mod triage;
pub mod udi;
pub mod units;
pub mod update;
