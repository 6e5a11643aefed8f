//! The calendar export parsed by a real iCalendar parser (Python's `icalendar`, installed by
//! `make test`): events, dates, alarms, and UIDs that stay the same across exports.

mod common;

use std::process::Command;

use chrono::{TimeZone, Utc};
use common::{full_child, today};
use itb_companion::core::countdown::ReminderSettings;
use itb_companion::core::ics::calendar;
use itb_companion::words::reminders::calendar_event;

#[test]
fn calendar_parses_with_icalendar_and_has_every_event_and_alarm() {
    let mut child = full_child();
    child.id = 7;
    child.name = "Maya, \"M\"; Rivera".into();
    let settings = ReminderSettings::default();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let ics = calendar(
        std::slice::from_ref(&child),
        today(),
        now,
        &settings,
        calendar_event,
    );

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ics");
    std::fs::create_dir_all(&dir).unwrap();
    let ics_path = dir.join("calendar.ics");
    std::fs::write(&ics_path, &ics).unwrap();
    // Printout alarm 2026-12-08 -> refill-by 2026-12-05; implant 2021-09-14 -> replace by 2028-09-14.
    let name = "Maya, \"M\"; Rivera";
    let expect = serde_json::json!({ "events": [
        { "uid": "child-7-refill-by@itb-companion.app", "date": "2026-12-05",
          "summary": format!("{name}: pump refill by today"), "alarm_days_before": [14, 7, 3, 1] },
        { "uid": "child-7-alarm@itb-companion.app", "date": "2026-12-08",
          "summary": format!("{name}: pump low-reservoir alarm date"), "alarm_days_before": [0] },
        { "uid": "child-7-appointment@itb-companion.app", "date": "2026-12-03",
          "summary": format!("{name}: pump refill appointment"), "alarm_days_before": [1] },
        { "uid": "child-7-replacement@itb-companion.app", "date": "2028-09-14",
          "summary": format!("{name}: pump replacement deadline"), "alarm_days_before": [180, 90, 30] },
    ]});
    let expect_path = dir.join("expect.json");
    std::fs::write(&expect_path, expect.to_string()).unwrap();

    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/ics/check_ics.py"
        ))
        .arg(&ics_path)
        .arg(&expect_path)
        .output()
        .expect("python3 runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{text}\n(install with: pip install icalendar; make test does)"
    );
    assert!(text.contains("ics ok: 4 events"), "{text}");
}

#[test]
fn uids_are_stable_across_exports_so_calendars_update_not_duplicate() {
    let child = full_child();
    let settings = ReminderSettings::default();
    let first = calendar(
        std::slice::from_ref(&child),
        today(),
        Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap(),
        &settings,
        calendar_event,
    );
    let later = calendar(
        std::slice::from_ref(&child),
        today(),
        Utc.with_ymd_and_hms(2026, 12, 20, 8, 0, 0).unwrap(),
        &settings,
        calendar_event,
    );
    let uids = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&later));
    let seq = |s: &str| {
        s.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap()[9..]
            .trim()
            .parse::<i64>()
            .unwrap()
    };
    assert!(seq(&later) > seq(&first), "a later export is an update");
    assert!(first.ends_with("END:VCALENDAR\r\n"));
}
