//! A reminder's words (notification title and text, the in-app banner), as of the day they are
//! shown: a reminder caught up late must not say "in 7 days" when the date is 2 days away, or
//! "tomorrow" when it has passed.

use chrono::NaiveDate;

use crate::core::countdown::{Reminder, ReminderKind};
use crate::core::dates::{date_in, DateOrder};
use crate::core::ics::{CalendarEvent, CalendarKind};
use crate::core::refill::days_until;

/// (summary, body) of `reminder` on `today`, with dates in the device's order.
pub fn text(reminder: &Reminder, today: NaiveDate) -> (String, String) {
    text_in(reminder, today, super::date_order())
}

pub fn text_in(reminder: &Reminder, today: NaiveDate, order: DateOrder) -> (String, String) {
    let name = &reminder.name;
    let d = days_until(today, reminder.event_date);
    let event = date_in(reminder.event_date, order);
    match reminder.kind {
        ReminderKind::RefillBy => {
            let when = match d {
                0 => "due today".to_string(),
                1 => "due tomorrow".to_string(),
                d if d > 1 => format!("due in {d} days"),
                _ => "OVERDUE".to_string(),
            };
            let body = if d >= 0 {
                format!("Refill by {event}. Book or confirm the refill with the pump clinic.")
            } else {
                format!("The refill-by date ({event}) has passed. Call the pump clinic today.")
            };
            (format!("{name}: pump refill {when}"), body)
        }
        ReminderKind::Overdue => (
            format!("{name}: pump refill OVERDUE"),
            format!(
                "The refill-by date ({event}) has passed and no refill is recorded. Call the pump clinic today. Record the refill in the app once it is done."
            ),
        ),
        ReminderKind::AlarmDate => {
            let summary = match d {
                0 => format!("{name}: pump low-reservoir alarm date today"),
                d if d > 0 => format!("{name}: pump low-reservoir alarm date in {d} days"),
                d => format!("{name}: pump low-reservoir alarm date was {} days ago", -d),
            };
            (
                summary,
                "If the refill has not happened, call the pump clinic now.".into(),
            )
        }
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
