//! ITB Companion: device card, refill countdown, symptom checker and emergency card for
//! families of children with an intrathecal baclofen pump.
//!
//! `core` is pure (no dioxus, no I/O, no clock); `ui` renders it; `app` wires the router
//! and the shared state.

pub mod app;
pub mod core;
pub mod platform;
pub mod services;
pub mod ui;
