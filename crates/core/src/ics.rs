//! Calendar export (iCalendar, RFC 5545): the refill-by date, the alarm date, the refill
//! appointment and the replacement deadline, each with alarms, so that a phone's own calendar
//! gives native reminders. UIDs are stable per child and event kind, so importing a newer file
//! updates the events instead of duplicating them.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::countdown::{countdown, ReminderSettings, Replacement};
use super::profile::Child;

pub const PRODID: &str = "-//ITB Companion//Pump reminders//EN";
pub const UID_DOMAIN: &str = "itb-companion.app";

/// What a calendar event is about; its words are the app's (`words::reminders`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// The last day to have the pump refilled.
    RefillBy,
    /// The low-reservoir alarm date, from the printout or estimated.
    Alarm { from_printout: bool },
    /// The booked refill appointment.
    Appointment,
    /// The pump replacement deadline.
    Replacement,
}

impl CalendarKind {
    /// Part of the event's UID: stable, so a newer export moves the event.
    fn uid(self) -> &'static str {
        match self {
            CalendarKind::RefillBy => "refill-by",
            CalendarKind::Alarm { .. } => "alarm",
            CalendarKind::Appointment => "appointment",
            CalendarKind::Replacement => "replacement",
        }
    }
}

/// One all-day event of a child's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub kind: CalendarKind,
    pub name: String,
    pub date: NaiveDate,
    /// Whole days before the event for each alarm (0 = on the day).
    pub alarm_days_before: Vec<u32>,
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

/// A child's events, from the countdown.
pub fn events(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> Vec<CalendarEvent> {
    let c = countdown(child, today, settings);
    let event = |kind, date, alarm_days_before| CalendarEvent {
        kind,
        name: child.name.clone(),
        date,
        alarm_days_before,
    };
    let mut out = Vec::new();
    if let Some(refill_by) = c.refill_by {
        let days = settings.refill_days_before.clone();
        out.push(event(CalendarKind::RefillBy, refill_by, days));
    }
    if let Some(alarm) = c.alarm_date {
        let from_printout = c.alarm_source == Some(super::countdown::AlarmSource::Printout);
        let days = if settings.on_alarm_date {
            vec![0]
        } else {
            vec![]
        };
        out.push(event(CalendarKind::Alarm { from_printout }, alarm, days));
    }
    if let Some(appointment) = child.pump.as_ref().and_then(|p| p.next_refill_appointment) {
        out.push(event(CalendarKind::Appointment, appointment, vec![1]));
    }
    if let Replacement::Deadline { date, .. } = c.replacement {
        let days = settings.replacement_days_before.clone();
        out.push(event(CalendarKind::Replacement, date, days));
    }
    out
}

/// Every event's UID, date and alarms, as one text: the calendar as exported, to tell later
/// whether a change (a refill, a printout date, a dose, a booked visit) moved it.
pub fn calendar_dates(children: &[Child], today: NaiveDate, settings: &ReminderSettings) -> String {
    let mut out = String::new();
    for child in children {
        for e in events(child, today, settings) {
            out.push_str(&format!(
                "{}-{}:{}:{};",
                child.id,
                e.kind.uid(),
                e.date,
                super::countdown::format_day_list(&e.alarm_days_before)
            ));
        }
    }
    out
}

/// The calendar for the given children. `now` stamps the file (DTSTAMP); `today` is the local
/// date the countdown is computed for; `words` gives each event's summary and description.
pub fn calendar(
    children: &[Child],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
    words: impl Fn(&CalendarEvent) -> (String, String),
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
            let (summary, description) = words(&event);
            fold("BEGIN:VEVENT", &mut out);
            fold(
                &format!("UID:child-{}-{}@{UID_DOMAIN}", child.id, event.kind.uid()),
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
            fold(&format!("SUMMARY:{}", escape(&summary)), &mut out);
            fold(&format!("DESCRIPTION:{}", escape(&description)), &mut out);
            fold("TRANSP:TRANSPARENT", &mut out);
            for days in &event.alarm_days_before {
                fold("BEGIN:VALARM", &mut out);
                fold("ACTION:DISPLAY", &mut out);
                fold(&format!("DESCRIPTION:{}", escape(&summary)), &mut out);
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
