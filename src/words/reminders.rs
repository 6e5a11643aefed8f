//! A reminder's words (notification title and text, the in-app banner), as of the day they are
//! shown: a reminder caught up late must not say "in 7 days" when the date is 2 days away, or
//! "tomorrow" when it has passed.

use chrono::NaiveDate;

use crate::core::countdown::{Reminder, ReminderKind};
use crate::core::dates::{date_in, DateOrder};
use crate::core::ics::{CalendarEvent, CalendarKind};
use crate::core::refill::days_until;

/// (summary, body) of `reminder` on `today`, with dates in the device's order and the Settings
/// emergency number.
pub fn text(reminder: &Reminder, today: NaiveDate, number: &str) -> (String, String) {
    text_in(reminder, today, super::date_order(), number)
}

/// The words of a refill that is late, escalating with the stage (reference §5: a family that
/// never opens the app reads only the notification): after the refill-by date "refill late:
/// call the pump clinic now"; after the alarm or estimated empty date "the pump may be empty".
fn late_refill(
    reminder: &Reminder,
    today: NaiveDate,
    event: &str,
    number: &str,
) -> (String, String) {
    let name = &reminder.name;
    let empty = reminder.empty_from.filter(|d| today > *d);
    match empty {
        Some(_) => (
            format!("{name}: the pump may be empty: call the pump clinic now"),
            format!(
                "The pump may be empty. Call the pump clinic now. Call {number} if {name} has any sign of withdrawal. The refill-by date ({event}) has passed and no refill is recorded."
            ),
        ),
        None => (
            format!("{name}: refill late: call the pump clinic now"),
            format!(
                "Refill late: the refill-by date ({event}) has passed and no refill is recorded. Call the pump clinic now. Record the refill in the app once it is done."
            ),
        ),
    }
}

pub fn text_in(
    reminder: &Reminder,
    today: NaiveDate,
    order: DateOrder,
    number: &str,
) -> (String, String) {
    let name = &reminder.name;
    let d = days_until(today, reminder.event_date);
    let event = date_in(reminder.event_date, order);
    match reminder.kind {
        ReminderKind::RefillBy if d < 0 => late_refill(reminder, today, &event, number),
        ReminderKind::RefillBy => {
            let when = match d {
                0 => "due today".to_string(),
                1 => "due tomorrow".to_string(),
                d => format!("due in {d} days"),
            };
            (
                format!("{name}: pump refill {when}"),
                format!("Refill by {event}. Book or confirm the refill with the pump clinic."),
            )
        }
        ReminderKind::Overdue => late_refill(reminder, today, &event, number),
        ReminderKind::AlarmDate => match d {
            0 => (
                format!("{name}: pump low-reservoir alarm date today"),
                "If the refill has not happened, call the pump clinic now.".into(),
            ),
            d if d > 0 => (
                format!("{name}: pump low-reservoir alarm date in {d} days"),
                "If the refill has not happened, call the pump clinic now.".into(),
            ),
            d => (
                format!("{name}: the pump may be empty: call the pump clinic now"),
                format!(
                    "The low-reservoir alarm date ({event}) was {} days ago. If the pump has not been refilled since, it may be empty. Call the pump clinic now. Call {number} if {name} has any sign of withdrawal.",
                    -d
                ),
            ),
        },
        ReminderKind::VisitTomorrow => (
            format!("{name}: pump refill visit tomorrow"),
            format!("The refill visit is on {event}. Take the pump card and the clinic's printout."),
        ),
        ReminderKind::VisitCheck => (
            format!("{name}: was the pump refilled?"),
            format!("The refill visit was on {event}. If the pump was refilled, record the refill in the app; if not, call the pump clinic today."),
        ),
        ReminderKind::ReviewCard => (
            format!("{name}: check the card with the clinic"),
            "The card was last checked with the pump clinic over the review period ago. At the next visit, check the dose, the alarm date and the phone numbers against the clinic's records, then tap \"Checked with the clinic today\" on the Device card screen.".into(),
        ),
        ReminderKind::Replacement => {
            let summary = if d > 0 {
                format!("{name}: pump replacement due in {d} days")
            } else {
                format!("{name}: pump replacement date has passed")
            };
            (
                summary,
                format!("The pump must be replaced by {event}. Plan the surgery with the clinic."),
            )
        }
    }
}

/// (summary, description) of a calendar event (the .ics export).
pub fn calendar_event(e: &CalendarEvent) -> (String, String) {
    let name = &e.name;
    match e.kind {
        CalendarKind::RefillBy => (
            format!("{name}: pump refill by today"),
            "Last day to have the pump refilled (3 days before the low-reservoir alarm date). Book with the pump clinic.".into(),
        ),
        CalendarKind::Alarm { from_printout } => {
            let basis = if from_printout {
                "from the clinic printout"
            } else {
                "estimated by the app from the card: check with your clinic"
            };
            (
                format!("{name}: pump low-reservoir alarm date"),
                format!("Low-reservoir alarm date ({basis}). If the refill has not happened, call the pump clinic now."),
            )
        }
        CalendarKind::Appointment => (
            format!("{name}: pump refill appointment"),
            "Refill appointment at the pump clinic.".into(),
        ),
        CalendarKind::Replacement => (
            format!("{name}: pump replacement deadline"),
            "The pump must be replaced by this date. Plan the surgery with the clinic.".into(),
        ),
    }
}
