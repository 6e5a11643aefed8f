//! What the status line and the alert at the top say after an event (`core::update`'s
//! `Notice` and `Alert`).

use crate::core::card_form::CardForm;
use crate::core::update::{Alert, Notice};

use super::home::{status_advice, status_label};

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::FinishOtherForm { child, form } => {
            let whose = match child {
                Some(name) => format!("{name}'s "),
                None => "The new child's ".to_string(),
            };
            let (what, screen) = match form {
                CardForm::Plan => ("plan", "Emergency plan"),
                CardForm::Refill => ("refill", "Device card"),
                CardForm::Pump => ("pump and drug form", "Device card"),
                CardForm::Child => ("details form", "Device card"),
                CardForm::Settings => ("settings", "Settings"),
            };
            format!("{whose}{what} has unsaved changes: save or cancel it on the {screen} screen first.")
        }
        Notice::Cancelled(CardForm::Refill) => "Refill not recorded.".into(),
        Notice::Cancelled(CardForm::Plan) => "The plan was not changed.".into(),
        Notice::Cancelled(_) => "Changes discarded.".into(),
        Notice::Deleted(name) => format!("{name}'s card was deleted."),
        Notice::Imported => {
            "Imported. \"Undo import\" at the top puts the cards back as they were.".into()
        }
        Notice::Restored(point) => format!("Restored: {point}."),
        Notice::BoxedWarningUpdated => "Boxed warning updated.".into(),
        Notice::BoxedWarningNotFound => {
            "The FDA label search found no boxed warning; the saved copy (if any) is kept.".into()
        }
        Notice::BoxedWarningFailed(e) => {
            format!("Could not fetch the boxed warning: {e}. The saved copy (if any) is kept.")
        }
        Notice::ChildSaved(name) => format!("{name}'s details saved. Now the pump and drug."),
        Notice::PlanSaved(name) => format!("{name}'s plan saved."),
        Notice::RefillRecorded {
            name,
            status: Some(s),
            estimate_only,
            emergency_number,
        } => format!(
            "Refill recorded for {name}. {} {}",
            status_label(*s, *estimate_only),
            status_advice(*s, *estimate_only, emergency_number)
        ),
        Notice::RefillRecorded {
            name, status: None, ..
        } => {
            format!("Refill recorded for {name}.")
        }
        Notice::CardSaved(name) => format!("{name}'s card saved."),
        Notice::VisitBooked { name, date, late: false } => {
            format!("{name}'s refill visit booked for {}.", super::date(*date))
        }
        Notice::VisitBooked { name, date, late: true } => format!(
            "{name}'s refill visit booked for {}, after the refill-by date: call the pump clinic to move it earlier.",
            super::date(*date)
        ),
        Notice::VisitRefused(problem) => {
            format!("Not booked: {}", super::forms::field_problem(problem))
        }
        Notice::SettingsRefused => "Nothing was saved: check the fields marked below.".into(),
        Notice::SettingsSaved => "Settings saved.".into(),
        Notice::NotSaved => "Not saved: see the message at the top.".into(),
        Notice::CopyKept {
            name,
            sharer,
            replaced: false,
        } => format!("{name}'s card, shared by {sharer}, is kept on this device. It works offline."),
        Notice::CopyKept {
            name,
            sharer,
            replaced: true,
        } => format!("{name}'s card is updated to {sharer}'s new share."),
        Notice::CopyRemoved(name) => format!("{name}'s shared card was removed from this device."),
        Notice::ClinicChecked { name, date } => format!(
            "{name}'s card: checked with the clinic on {}.",
            super::date(*date)
        ),
        Notice::ClinicCheckInFuture => {
            "Not recorded: the check with the clinic cannot be in the future.".into()
        }
    }
}

/// Said when another window or tab saved a newer version of the cards.
pub const CHANGED_ELSEWHERE: &str =
    "The cards were changed in another window or tab: this window now shows that version.";

pub fn alert(a: &Alert) -> String {
    match a {
        Alert::RestorePointFailed(e) => format!(
            "Not changed: the cards from before could not be kept as a restore point ({e})."
        ),
        Alert::ChangedElsewhere { lost_change: false } => CHANGED_ELSEWHERE.into(),
        Alert::ChangedElsewhere { lost_change: true } => {
            format!("{CHANGED_ELSEWHERE} Your last change was not saved: make it again.")
        }
        Alert::SaveFailed(e) => format!(
            "Not saved: {e}. Your change is on screen but will be lost when the app closes."
        ),
        Alert::Said(text) => text.clone(),
    }
}
