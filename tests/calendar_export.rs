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

#[test]
fn after_a_refill_the_calendar_moves_every_event_keeps_the_uids_and_home_asks_to_update_it() {
    // Issue 16.4. The family added the calendar (its dates recorded), then the refill of 3 Dec
    // was recorded with the new printout's alarm date: the export moves every refill event to
    // the new dates under the same UIDs (a calendar importing it again moves them), and until it
    // is exported again the dates differ from the recorded ones (Home's "Update your calendar").
    use itb_companion::core::card_form::refill_from_draft;
    use itb_companion::core::ics::calendar_dates;
    let mut child = full_child();
    child.id = 7;
    let settings = ReminderSettings::default();
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 15, 0, 0).unwrap();
    let day = "2026-12-03".parse().unwrap();
    let before = calendar(
        std::slice::from_ref(&child),
        day,
        now,
        &settings,
        calendar_event,
    );
    let recorded = calendar_dates(std::slice::from_ref(&child), day, &settings);
    let refill = common::draft(&[
        ("refill_date", "2026-12-03"),
        ("refill_volume", "20"),
        ("refill_alarm_date", "2027-01-12"),
    ]);
    let (pump, _) = refill_from_draft(&refill, &child, day).unwrap();
    child.pump = Some(pump);
    let after = calendar(
        std::slice::from_ref(&child),
        day,
        now,
        &settings,
        calendar_event,
    );
    assert_ne!(
        calendar_dates(std::slice::from_ref(&child), day, &settings),
        recorded
    );

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ics-refill");
    std::fs::create_dir_all(&dir).unwrap();
    let (before_path, after_path) = (dir.join("before.ics"), dir.join("after.ics"));
    std::fs::write(&before_path, &before).unwrap();
    std::fs::write(&after_path, &after).unwrap();
    // Parsed by icalendar: each event's UID and date, before and after.
    let script = r#"
import sys, json, icalendar
out = []
for p in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(p, 'rb').read())
    out.append({str(e['UID']): str(e.decoded('DTSTART')) for e in cal.walk('VEVENT')})
print(json.dumps(out))
"#;
    let parsed: Vec<std::collections::BTreeMap<String, String>> =
        common::python_json(script, &[&before_path, &after_path]);
    let (old, new) = (&parsed[0], &parsed[1]);
    let uid = |kind: &str| format!("child-7-{kind}@itb-companion.app");
    // Same UIDs; the booked visit of 3 Dec was this refill, so its event is gone.
    let mut kept: Vec<&String> = old.keys().filter(|k| **k != uid("appointment")).collect();
    kept.sort();
    assert_eq!(new.keys().collect::<Vec<_>>(), kept, "same UIDs");
    // The refill-by date and the alarm date moved to the new printout's (alarm 12 Jan 2027,
    // refill by 9 Jan); the replacement deadline did not move.
    assert_eq!(old[&uid("alarm")], "2026-12-08");
    assert_eq!(new[&uid("alarm")], "2027-01-12");
    assert_eq!(old[&uid("refill-by")], "2026-12-05");
    assert_eq!(new[&uid("refill-by")], "2027-01-09");
    assert_eq!(old[&uid("replacement")], new[&uid("replacement")]);
    for kind in ["alarm", "refill-by", "replacement"] {
        assert!(new.contains_key(&uid(kind)), "{kind} kept its UID");
    }
}
