//! Home's words: the countdown's status and what the card still lacks.

use crate::core::countdown::{Countdown, EstimateInput, Gauge, Missing, Status};

use super::date;

/// The gauge in words (its accessible name): where today is between the refill and empty,
/// the refill window, the alarm date and a booked visit.
pub fn gauge_words(g: &Gauge, c: &Countdown) -> String {
    let mut out = format!(
        "Reservoir from the last refill ({}) to empty ({}): today is day {} of {}.",
        date(g.start),
        date(g.end),
        g.day,
        g.days
    );
    if let (Some(from), Some(to)) = (c.window_earliest, c.refill_by) {
        out.push_str(&format!(" Refill window {} to {}.", date(from), date(to)));
    }
    if let Some(alarm) = c.alarm_date {
        out.push_str(&format!(" Alarm date {}.", date(alarm)));
    }
    if let Some(v) = c.visit {
        out.push_str(&format!(" Refill visit {}.", date(v.date)));
    }
    out
}

/// The word shown with the status colour (never colour alone). With only the app's estimate
/// of the alarm date, "OK" becomes "Estimate" (§5: never "OK / no action needed" then).
pub fn status_label(status: Status, estimate_only: bool) -> &'static str {
    match status {
        Status::Ok if estimate_only => "Estimate: confirm",
        // "Refill", not a bare "OK": the word is about the pump's dates, never the child.
        Status::Ok => "Refill on track",
        Status::BookRefill => "Book the refill",
        Status::Booked => "Visit booked",
        Status::Due => "Due",
        Status::Late => "Late",
        Status::Overdue => "Overdue",
        Status::Unknown => "Not enough data",
    }
}

/// What to do, in words. It keeps escalating until a refill is recorded: late after the
/// refill-by date, "may be empty" after the alarm date, with the emergency number for any
/// withdrawal sign (reference §5 combinations, §6). With only the app's estimate, the first
/// thing asked for is the printout's alarm date (§5: a mistyped dose moves the estimate).
pub fn status_advice(status: Status, estimate_only: bool, emergency_number: &str) -> String {
    let confirm = " These dates are the app's estimate from the card: confirm them with the pump clinic, and first enter the low-reservoir alarm date from the clinic printout.";
    let advice = match status {
        Status::Ok if estimate_only => {
            return "The dates are the app's estimate from the card, to confirm with the pump clinic. First enter the low-reservoir alarm date from the clinic printout.".into()
        }
        Status::Ok => "No refill action needed now.".to_string(),
        Status::BookRefill => "Book the refill appointment with the pump clinic now.".into(),
        Status::Booked => {
            "The refill visit is booked in time: the app reminds you the day before.".into()
        }
        Status::Due => "The refill is due: make sure it happens by the refill-by date.".into(),
        Status::Late => {
            "Refill late: the refill-by date has passed. Call the pump clinic now.".into()
        }
        Status::Overdue => format!(
            "Past the low-reservoir alarm date: the pump may be empty. Call the pump clinic now, and call {emergency_number} if any sign of withdrawal appears."
        ),
        Status::Unknown => return "Add the missing details below to see the countdown.".into(),
    };
    // A late refill or a possibly empty pump: the call comes first, nothing after it.
    if estimate_only && !matches!(status, Status::Late | Status::Overdue) {
        advice + confirm
    } else {
        advice
    }
}

fn estimate_input(input: EstimateInput) -> &'static str {
    match input {
        EstimateInput::LastRefill => "the last refill date and volume",
        EstimateInput::AlarmVolume => "the low-reservoir alarm volume",
        EstimateInput::Concentration => "the concentration",
        EstimateInput::DailyDose => "the daily dose",
    }
}

/// A note on Home about a detail the card lacks.
pub fn missing(note: &Missing) -> String {
    match note {
        Missing::Pump => "Add the pump and drug from the clinic printout.".into(),
        Missing::PrintoutAlarmDate => "The low-reservoir alarm date from the clinic printout is not entered: the date shown is the app's estimate.".into(),
        Missing::EstimateInputs(needs) => format!(
            "To estimate the alarm date the card needs {}.",
            needs.iter().map(|n| estimate_input(*n)).collect::<Vec<_>>().join(", ")
        ),
        Missing::ImplantDate => "Enter the implant date (and the date of the pump's replacement alarm (ERI) if it has sounded) to see when the pump must be replaced.".into(),
        Missing::ReplacementDate => "Ask your clinic when this pump's battery needs replacing, and enter the date they give.".into(),
        Missing::PumpClinicPhone => "Add the pump clinic's phone number (Edit child details, Doctors and hospital): the symptom checker's \"Call the pump clinic\" button needs it.".into(),
        Missing::GuardianPhone => "Add a parent or guardian with a phone number (Edit child details, Guardians and emergency contacts): the emergency card gives it to paramedics.".into(),
    }
}
