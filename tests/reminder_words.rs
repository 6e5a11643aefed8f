//! Reminders escalate in their own words (reference §5, corrected 2026-12-07): a family that
//! never opens the app reads only the notification. After the refill-by date "refill late: call
//! the pump clinic now"; after the alarm date or the estimated empty date "the pump may be
//! empty: call the pump clinic now; call 911 if {child} has any sign of withdrawal". The same
//! words reach the desktop notification (the runtime's Notify effect) and the web service
//! worker's plan (what it shows with every page closed).

mod common;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use itb_companion::core::countdown::{due_reminders, planned_reminders, ReminderSettings};
use itb_companion::core::family::Family;
use itb_companion::words::reminders::text;

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

fn reference() -> String {
    REFERENCE.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The words §5 quotes for a stage, with {child} and the emergency number filled in.
fn quoted(after: &str) -> String {
    let text = reference();
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("the reference says {after:?}"));
    let start = from + text[from..].find('"').unwrap() + 1;
    let end = start + text[start..].find('"').unwrap();
    text[start..end].to_string()
}

/// What the family's phone shows on `day` (the app's due reminders, worded as of that day).
fn shown(family: &Family, day: NaiveDate) -> Vec<(String, String)> {
    let child = &family.children[0];
    let (show, _) = due_reminders(child, day, &family.settings.reminders, &BTreeSet::new());
    show.iter()
        .map(|r| text(r, day, &family.settings.emergency_number))
        .collect()
}

fn family_112() -> Family {
    // Maya: refilled 2 Nov, printout alarm date 8 Dec, so refill by 5 Dec; empty about 12 Dec.
    let mut family = common::full_family();
    family.children[0].name = "Maya".into();
    family.settings.emergency_number = "112".into();
    family
}

#[test]
fn reminders_escalate_in_their_own_words_at_each_stage() {
    let late = quoted("after the refill-by date,");
    let empty = quoted("after the alarm date or the estimated empty date,");
    assert_eq!(late, "refill late: call the pump clinic now");
    assert_eq!(
        empty,
        "the pump may be empty: call the pump clinic now; call 911 if {child} has any sign of withdrawal"
    );
    let family = family_112();
    // Before the refill-by date: the booking reminder, no alarm words.
    let before = shown(&family, d("2026-12-02"));
    assert!(!before.is_empty());
    for (summary, body) in &before {
        assert!(
            !summary.contains("late") && !summary.contains("empty"),
            "{summary}"
        );
        assert!(!body.contains("may be empty"), "{body}");
    }
    // After the refill-by date: late, in the notification's own title.
    let stage = shown(&family, d("2026-12-06"));
    assert!(
        stage.iter().any(|(s, _)| s == &format!("Maya: {late}")),
        "{stage:?}"
    );
    assert!(stage
        .iter()
        .all(|(s, b)| !s.contains("may be empty") && !b.contains("may be empty")));
    // After the alarm date: the pump may be empty, with the family's emergency number.
    let stage = shown(&family, d("2026-12-09"));
    let (summary, body) = stage
        .iter()
        .find(|(s, _)| s.contains("may be empty"))
        .unwrap_or_else(|| panic!("{stage:?}"));
    assert_eq!(
        summary,
        "Maya: the pump may be empty: call the pump clinic now"
    );
    assert!(body.starts_with(
        "The pump may be empty. Call the pump clinic now. Call 112 if Maya has any sign of withdrawal."
    ), "{body}");
    assert!(!body.contains("911"), "the family's number only: {body}");
    // Every reminder shown after the alarm date says so: none goes back to "refill late".
    for (s, _) in &stage {
        assert!(!s.contains("refill late"), "{s}");
    }
}

#[test]
fn the_service_worker_plan_carries_the_escalated_words() {
    let family = family_112();
    let today = d("2026-11-23");
    let plan: Vec<serde_json::Value> =
        serde_json::from_str(&itb_companion::platform::worker::plan_json(&family, today))
            .expect("the plan is JSON");
    let on = |day: &str| -> Vec<(String, String)> {
        plan.iter()
            .filter(|p| p["date"].as_str().unwrap() <= day && day <= p["until"].as_str().unwrap())
            .map(|p| {
                (
                    p["title"].as_str().unwrap().to_string(),
                    p["body"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // The worker shows, with the app closed, the same stage words as the app.
    assert!(on("2026-12-06")
        .iter()
        .any(|(t, _)| t == "Maya: refill late: call the pump clinic now"));
    let empty = on("2026-12-09");
    assert!(
        empty.iter().any(
            |(t, b)| t == "Maya: the pump may be empty: call the pump clinic now"
                && b.contains("Call 112 if Maya has any sign of withdrawal")
        ),
        "{empty:?}"
    );
    // Planned ahead for every overdue day, each worded as of its own day.
    let planned = planned_reminders(
        &family.children[0],
        today,
        &ReminderSettings::default(),
        365,
    );
    let overdue_days = planned
        .iter()
        .filter(|p| p.reminder.key.contains(":overdue:"))
        .count();
    assert!(overdue_days > 300, "{overdue_days}");
}
