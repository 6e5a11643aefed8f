//! The words of sharing a card with a caregiver (issue 17): why a link did not open, what a
//! share carries, how old a kept copy is.

use crate::core::share::{copy_age, ShareError, SharedCard, SharedParts};
use chrono::NaiveDate;

pub fn share_error(e: &ShareError) -> String {
    match e {
        ShareError::NotALink => "This is not a card link from ITB Companion. Copy the whole link (it has \"#share=\" in it) and paste it again.".into(),
        ShareError::NewerVersion(v) => format!(
            "This link was made by a newer version of ITB Companion (format {v}). Reload the app while online to update it, then open the link again."
        ),
        ShareError::Damaged => "This link is cut short or altered, so the card cannot be read. Ask for the link again, or copy all of it.".into(),
        ShareError::WrongCode => "That code does not open this card. Check the code you were given (10 letters and numbers) and try again.".into(),
        ShareError::CodeFormat => "A code has 10 letters and numbers, such as 7KQ2M-X9P4R. Check it and try again.".into(),
        ShareError::Refused(p) => format!(
            "This card has a problem ({}: {}), so it was not opened. Ask for a new link.",
            p.field,
            super::forms::field_problem(&p.problem)
        ),
        ShareError::Unsupported(why) => format!(
            "This device cannot open or make card links ({why}). Use the export file instead (Settings)."
        ),
    }
}

/// What a share carries, as the share screen and a copy list it.
pub fn parts(p: &SharedParts) -> String {
    let mut out = vec!["the emergency card and plan"];
    if p.device_card {
        out.push("the device card");
    }
    if p.contacts {
        out.push("all contacts");
    }
    if p.refill_dates {
        out.push("refill dates");
    }
    match out.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => out.join(""),
    }
}

/// "Maya's card, shared by Ana, as of Tue 3 Nov 2026".
pub fn copy_title(card: &SharedCard) -> String {
    format!(
        "{}'s card, shared by {}, as of {}",
        card.child.name,
        sharer(card),
        super::date(card.shared_on)
    )
}

fn sharer(card: &SharedCard) -> &str {
    if card.sharer.trim().is_empty() {
        "another caregiver"
    } else {
        &card.sharer
    }
}

/// How old the copy is, and, past the sharer's review period, that it may be out of date.
pub fn copy_age_line(card: &SharedCard, today: NaiveDate) -> (String, bool) {
    let age = copy_age(card, today);
    let days = match age.days {
        d if d <= 0 => "Shared today".to_string(),
        1 => "Shared 1 day ago".to_string(),
        d => format!("Shared {d} days ago"),
    };
    if age.out_of_date {
        (
            format!(
                "{days}. This card may be out of date: ask {} for an update.",
                sharer(card)
            ),
            true,
        )
    } else {
        (
            format!("{days}. Read-only: only {} can change it.", sharer(card)),
            false,
        )
    }
}
