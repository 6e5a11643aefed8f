//! ITB Companion: device card, refill countdown, symptom checker and emergency card for
//! families of children with an intrathecal baclofen pump.
//!
//! `core` is pure (no dioxus, no I/O, no clock): it is its own crate, `crates/core`
//! (`itb-core`), so the compiler keeps it free of the UI; it is re-exported here as
//! `itb_companion::core`. `ui` renders it; `app` wires the router and the shared state.

pub mod app;
pub mod runtime;
pub use itb_core as core;
pub mod platform;
pub mod services;
pub mod ui;
pub mod words;
