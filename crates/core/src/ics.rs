//! Calendar export (iCalendar, RFC 5545): the refill-by date, the alarm date, the refill
//! appointment and the replacement deadline, each with alarms, so that a phone's own calendar
//! gives native reminders. UIDs are stable per child and event kind, so importing a newer file
//! updates the events instead of duplicating them.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::countdown::{countdown, ReminderSettings, Replacement};
use super::profile::Child;

pub const PRODID: &str = "-//ITB Companion//Pump reminders//EN";
pub const UID_DOMAIN: &str = "itb-companion.app";

struct Event {
    kind: &'static str,
    date: NaiveDate,
    summary: String,
    description: String,
    /// Whole days before the event for each alarm (0 = on the day).
    alarm_days_before: Vec<u32>,
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn date_value(date: NaiveDate) -> String {
    super::dates::compact_date(date)
}

/// An alarm at 09:00 local time, `days` whole days before an all-day event.
fn trigger(days: u32) -> String {
    if days == 0 {
        "PT9H".to_string()
    } else {
        format!("-P{}DT15H", days - 1)
    }
}

fn events(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> Vec<Event> {
    let c = countdown(child, today, settings);
    let name = &child.name;
    let mut out = Vec::new();
    if let Some(refill_by) = c.refill_by {
        out.push(Event {
            kind: "refill-by",
            date: refill_by,
            summary: format!("{name}: pump refill by today"),
            description: "Last day to have the pump refilled (3 days before the low-reservoir alarm date). Book with the pump clinic.".into(),
            alarm_days_before: settings.refill_days_before.clone(),
        });
    }
    if let Some(alarm) = c.alarm_date {
        let basis = match c.alarm_source {
            Some(super::countdown::AlarmSource::Printout) => "from the clinic printout",
            _ => "estimated by the app from the card: check with your clinic",
        };
        out.push(Event {
            kind: "alarm",
            date: alarm,
            summary: format!("{name}: pump low-reservoir alarm date"),
            description: format!(
                "Low-reservoir alarm date ({basis}). If the refill has not happened, call the pump clinic now."
            ),
            alarm_days_before: if settings.on_alarm_date { vec![0] } else { vec![] },
        });
    }
    if let Some(appointment) = child.pump.as_ref().and_then(|p| p.next_refill_appointment) {
        out.push(Event {
            kind: "appointment",
            date: appointment,
            summary: format!("{name}: pump refill appointment"),
            description: "Refill appointment at the pump clinic.".into(),
            alarm_days_before: vec![1],
        });
    }
    if let Replacement::Deadline { date, .. } = c.replacement {
        out.push(Event {
            kind: "replacement",
            date,
            summary: format!("{name}: pump replacement deadline"),
            description:
                "The pump must be replaced by this date. Plan the surgery with the clinic.".into(),
            alarm_days_before: settings.replacement_days_before.clone(),
        });
    }
    out
}

/// The calendar for the given children. `now` stamps the file (DTSTAMP); `today` is the local
/// date the countdown is computed for.
pub fn calendar(
    children: &[Child],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    let stamp = super::dates::compact_utc(now);
    // Later exports carry a higher SEQUENCE, so calendars take them as updates.
    let sequence = (now.timestamp() - 1_700_000_000).max(0) / 60;
    for child in children {
        for event in events(child, today, settings) {
            fold("BEGIN:VEVENT", &mut out);
            fold(
                &format!("UID:child-{}-{}@{UID_DOMAIN}", child.id, event.kind),
                &mut out,
            );
            fold(&format!("DTSTAMP:{stamp}"), &mut out);
            fold(&format!("SEQUENCE:{sequence}"), &mut out);
            fold(
                &format!("DTSTART;VALUE=DATE:{}", date_value(event.date)),
                &mut out,
            );
            let end = event
                .date
                .checked_add_days(Days::new(1))
                .unwrap_or(event.date);
            fold(&format!("DTEND;VALUE=DATE:{}", date_value(end)), &mut out);
            fold(&format!("SUMMARY:{}", escape(&event.summary)), &mut out);
            fold(
                &format!("DESCRIPTION:{}", escape(&event.description)),
                &mut out,
            );
            fold("TRANSP:TRANSPARENT", &mut out);
            for days in &event.alarm_days_before {
                fold("BEGIN:VALARM", &mut out);
                fold("ACTION:DISPLAY", &mut out);
                fold(&format!("DESCRIPTION:{}", escape(&event.summary)), &mut out);
                fold(&format!("TRIGGER:{}", trigger(*days)), &mut out);
                fold("END:VALARM", &mut out);
            }
            fold("END:VEVENT", &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_fire_at_nine_in_the_morning() {
        assert_eq!(trigger(0), "PT9H");
        assert_eq!(trigger(1), "-P0DT15H");
        assert_eq!(trigger(14), "-P13DT15H");
    }

    #[test]
    fn text_is_escaped_and_long_lines_folded() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert!(out.contains("\r\n "));
    }
}
