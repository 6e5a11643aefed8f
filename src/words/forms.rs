//! The forms' words (device card, refill, plan, Settings) and an import's: what is wrong with a
//! field (`core::problems::FieldProblem`), said beside it, and why a file was refused.

use crate::core::card_form::{CHANGE_CONFIRM_LABEL, FLEX_CONFIRM_LABEL};
use crate::core::check::Problem;
use crate::core::problems::{ChangeAsk, DrugChange, DrugQuantity, FieldProblem as P, FlexAsk};
use crate::core::profile::WEEKDAY_NAMES;
use crate::core::storefile::ImportRefusal;
use crate::core::update::ImportError;

use super::date;

/// What is wrong with a field, or (for a warning) what to check, as said beside it.
pub fn field_problem(p: &P) -> String {
    match p {
        P::Required { label, choice: true } => {
            format!("{label} is required: choose one of the options.")
        }
        P::Required { label, choice: false } => format!("{label} is required."),
        P::TooLong { max } => format!("Too long: at most {max} characters."),
        P::HiddenDirection => "Contains a hidden text-direction character, which can make it display differently from what it says. Type it again.".into(),
        P::DateFormat => "Enter a date as YYYY-MM-DD, for example 2026-03-14.".into(),
        P::DateTooLongAgo(d) => format!("{} is too long ago: check the year.", date(*d)),
        P::DateInFuture { today } => {
            format!("This date cannot be in the future (today is {}).", date(*today))
        }
        P::DateTooFarAhead { date: d, years } => {
            format!("{} is more than {years} years ahead: check the year.", date(*d))
        }
        P::PhoneCharacters => {
            "Use digits only, with spaces, dashes or brackets, and + for a country code.".into()
        }
        P::PhoneDigits => "This does not look like a phone number: it needs 3 to 15 digits.".into(),
        P::TimeFormat => "Enter a time as HH:MM, for example 08:00.".into(),
        P::Number { error, unit } => {
            format!("{} (in {unit}).", error.to_string().trim_end_matches('.'))
        }
        P::NotPositive { unit } => format!("Must be more than 0 {unit}."),
        P::ChooseOption => "Choose one of the options.".into(),
        P::TickBox => "Tick or untick the box.".into(),
        P::Weekdays => "Write the days as on the printout, for example Mon-Fri or Sat, Sun (blank: every day).".into(),
        P::ListTooLong { len, max } => format!(
            "{len} on this card: a card holds at most {max} (the form could not show the rest)."
        ),
        P::NotWeekdays => "Not days of the week.".into(),
        P::NoPump => "Add the pump and drug to the card first.".into(),
        P::RefillBeforeLastRefill(d) => {
            format!("This is before the last recorded refill ({}).", date(*d))
        }
        P::RefillBeforeImplant => "This is before the implant date.".into(),
        P::MoreThanReservoir(ml) => format!("More than the reservoir holds ({ml} mL)."),
        P::NotMoreThanAlarmVolume => "The volume filled must be more than the alarm volume.".into(),
        P::AlarmNotAfterRefill => "The alarm date must come after the refill.".into(),
        P::TwofoldChange { changes, ask } => {
            let said = format!("This changes {} (2 times or more).", drug_changes(changes));
            let check = "Check the clinic printout: a mistyped number moves the refill dates by weeks.";
            match ask {
                ChangeAsk::TickBelow => format!("{said} {check} Then tick \"{CHANGE_CONFIRM_LABEL}\" below."),
                ChangeAsk::TickThis => format!("{said} {check} Then tick this box."),
                ChangeAsk::Confirmed => format!("{said} You checked it against the clinic printout."),
            }
        }
        P::StepTooLong { max } => {
            format!("A step is too long: at most {max} characters per step (one per line).")
        }
        P::TooManySteps { max } => {
            format!("At most {max} steps: keep the plan short enough to read in an emergency.")
        }
        P::WeighedBeforeBirth => "The date weighed is before the date of birth.".into(),
        P::HeavierThan250Kg => "Over 250 kg: check this is kilograms, not pounds.".into(),
        P::UnusualWeightForAge { age_years, low, high } => {
            let age = match age_years {
                0 => "under 1 year old".to_string(),
                1 => "1 year old".to_string(),
                n => format!("{n} years old"),
            };
            format!("Unusual for a child {age} (the app expects {low} to {high} kg): check the number, and that it is kilograms, not pounds. Emergency services dose emergency medicines by weight.")
        }
        P::WeighedLongAgo { date: d, months } => format!(
            "Weighed over {months} months ago ({}): weigh again and update the card: the emergency card gives this weight to paramedics.",
            date(*d)
        ),
        P::PumpModelOther => "Type the pump model (it is on the implant card).".into(),
        P::PumpSiteOther => "Describe where the pump is.".into(),
        P::UdiSerial { udi, typed } => format!("The UDI says the serial is {udi}, not {typed}."),
        P::Udi(e) => e.to_string(),
        P::ImplantBeforeBirth => "The implant date is before the child's date of birth.".into(),
        P::AlarmVolumeNotBelowReservoir(ml) => {
            format!("The alarm volume must be below the reservoir volume ({ml} mL).")
        }
        P::ModelHolds(ml) => format!("This pump model holds {ml} mL. Check the printout."),
        P::StepStartMissing => "Enter this step's start time.".into(),
        P::StepRateMissing => "Enter this step's rate in mcg/h.".into(),
        P::StepsAtSameTime => "Two steps start at the same time on the same day.".into(),
        P::NoStepOn(days) => format!(
            "No step runs on {}: copy every day's steps from the printout.",
            days.iter()
                .filter_map(|d| WEEKDAY_NAMES.get(*d).copied())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        P::FlexSum { sum, dose, ask } => {
            let said = format!("The flex steps add up to {sum} mcg/day, not {dose} mcg/day.");
            match ask {
                FlexAsk::CheckPrintout => format!("{said} Check the printout."),
                FlexAsk::TickIfExact => format!("{said} Fix the steps or the daily dose, or tick this box if the printout says exactly this."),
                FlexAsk::FixOrTickBelow => format!("{said} Fix the steps or the daily dose, or tick \"{FLEX_CONFIRM_LABEL}\" below the steps."),
                FlexAsk::FixOrTickThis => {
                    format!("{said} Fix the steps or the daily dose, or tick this box.")
                }
            }
        }
        P::LastRefillVolumeMissing => "Enter the volume filled at the last refill, in mL.".into(),
        P::LastRefillDateMissing => "Enter the date of the last refill.".into(),
        P::LastRefillBeforeImplant => "The last refill is before the implant date.".into(),
        P::PrintoutAlarmNotAfterRefill => "The alarm date must come after the last refill. Copy the date from the newest printout.".into(),
        P::EriBeforeImplant => "The replacement alarm (ERI) date is before the implant date.".into(),
        P::UnusualConcentration { low, high } => format!(
            "Unusual: concentrations are usually {low} to {high} mcg/mL [L2][L7]. Check the unit: 1 mg/mL = 1000 mcg/mL."
        ),
        P::UnusualDose { low, high } => format!(
            "Unusual: daily doses are usually {low} to {high} mcg/day [L6]. Check it against the printout."
        ),
        P::NotWholeDays(text) => format!("\"{text}\" is not a whole number of days."),
        P::LeadTooFar(n) => format!("{n} days is more than two years ahead."),
        P::TooManyReminders { max } => format!("At most {max} reminders."),
        P::BookRefillDays { max } => format!("Enter a whole number of days, 0 to {max}."),
        P::ReviewDays { max } => format!("Enter a whole number of days, 1 to {max}."),
        P::WatchHours { min, max } => format!("Enter a whole number of hours, {min} to {max}."),
        P::UnknownEmergencyNumber(number) => format!(
            "{number} is not a national emergency number the app knows (911, 112, 999, 000 and others): check it. Every \"call\" button for an emergency dials this number. The app saves it as typed."
        ),
        P::NotAnFdaLink(hosts) => {
            format!("Only links to the FDA ({}) are accepted.", hosts.join(", "))
        }
        P::TooManyEntries => "Too many entries.".into(),
        P::VisitBeforeToday => "This day has passed: enter the day of the booked visit.".into(),
    }
}

/// "the concentration from 500 mcg/mL to 2000 mcg/mL and the daily dose from ...".
fn drug_changes(changes: &[DrugChange]) -> String {
    changes
        .iter()
        .map(|c| {
            let what = match c.quantity {
                DrugQuantity::Concentration => "the concentration",
                DrugQuantity::DailyDose => "the daily dose",
            };
            let unit = c.quantity.unit();
            format!("{what} from {} {unit} to {} {unit}", c.old, c.new)
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A refused value with the label of its field: "Contact 4 name: Too long: ...".
pub fn problem(p: &Problem) -> String {
    format!("{}: {}", p.field, field_problem(&p.problem))
}

/// Why an import was refused.
pub fn import_refusal(r: &ImportRefusal) -> String {
    match r {
        ImportRefusal::Decode(e) => e.to_string(),
        ImportRefusal::NoChild => "The file holds no child's card.".into(),
        ImportRefusal::Card { name, problem: p } => format!("{name}'s card: {}", problem(p)),
        ImportRefusal::Settings(p) => format!("The file's settings: {}", problem(p)),
    }
}

/// Said on the Device card when a chosen file was not imported.
pub fn import_error(e: &ImportError) -> String {
    match e {
        ImportError::Unreadable(why) => format!("{why} Nothing was changed."),
        ImportError::Refused(r) => format!("{} Nothing was changed.", import_refusal(r)),
    }
}
