//! Checks on typed values, for what did not come through a form: an imported file. Every
//! item of every list is checked (not only the slots the form shows), text is refused when it
//! is too long or hides a text-direction control, and the settings meet the Settings screen's
//! rules. Each problem names the field, so the family can be told exactly what was refused.

use super::card_form::{
    check_phone, has_bidi_control, ListSpec, CARE_TEAM, CONTACTS, FLEX_STEPS, MAX_MULTILINE_CHARS,
    MAX_NAME_CHARS, MAX_TEXT_CHARS, MEDICINES, PLAN_STEPS, PRN_MEDICINES,
};
use super::countdown::{
    check_day_list, parse_book_refill_days, parse_overdose_watch_hours, parse_review_days,
    MIN_OVERDOSE_WATCH_HOURS,
};
use super::family::FamilySettings;
use super::problems::FieldProblem;
use super::profile::{Child, WeekDays};
use super::recalls::Recall;

/// One refused value: where it is (the field's label, as the form shows it) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub problem: FieldProblem,
}

fn problem(field: impl Into<String>, problem: FieldProblem) -> Problem {
    Problem {
        field: field.into(),
        problem,
    }
}

fn text(field: &str, value: &str, limit: usize) -> Result<(), Problem> {
    if value.chars().count() > limit {
        return Err(problem(field, FieldProblem::TooLong { max: limit }));
    }
    if has_bidi_control(value) {
        return Err(problem(field, FieldProblem::HiddenDirection));
    }
    Ok(())
}

fn phone(field: &str, value: &str) -> Result<(), Problem> {
    text(field, value, MAX_TEXT_CHARS)?;
    if value.trim().is_empty() {
        return Ok(());
    }
    check_phone(value)
        .map(|_| ())
        .map_err(|m| problem(field, m))
}

/// A list longer than its form holds would come back cut short from the next edit.
fn count(field: &str, len: usize, list: ListSpec) -> Result<(), Problem> {
    if len > list.max {
        return Err(problem(
            field,
            FieldProblem::ListTooLong { len, max: list.max },
        ));
    }
    Ok(())
}

/// Every text of a child's card, list items included, within the form's limits.
pub fn check_child(child: &Child) -> Result<(), Problem> {
    text("Child's name", &child.name, MAX_NAME_CHARS)?;
    count("Medicines", child.medicines.len(), MEDICINES)?;
    count(
        "Emergency medicines",
        child.prn_medicines.len(),
        PRN_MEDICINES,
    )?;
    count("Contacts", child.contacts.len(), CONTACTS)?;
    count(
        "Other doctors and services",
        child.providers.others.len(),
        CARE_TEAM,
    )?;
    count("Plan steps", child.plan_steps.len(), PLAN_STEPS)?;
    if let Some(pump) = child.pump.as_ref() {
        count("Flex-dosing steps", pump.drug.flex_steps.len(), FLEX_STEPS)?;
        for (i, step) in pump.drug.flex_steps.iter().enumerate() {
            if step.days.0 > WeekDays::ALL {
                return Err(problem(
                    format!("Step {} days", i + 1),
                    FieldProblem::NotWeekdays,
                ));
            }
        }
    }
    for (field, value) in [
        ("Diagnoses", &child.diagnoses),
        ("Procedures to avoid", &child.procedures_to_avoid),
        ("Activity restrictions", &child.activity_restrictions),
        ("Fever protocol", &child.fever_protocol),
        (
            "Neurological and mental status",
            &child.baseline.neuro_mental_status,
        ),
    ] {
        text(field, value, MAX_MULTILINE_CHARS)?;
    }
    for (field, value) in [
        ("Medical ID", &child.medical_id),
        ("Preferred hospital", &child.preferred_hospital),
        ("Mobility", &child.baseline.mobility),
        ("Communication", &child.baseline.communication),
        ("Baseline vital signs", &child.baseline.vital_signs),
        ("Drug allergies", &child.allergies.drug),
        ("Food allergies", &child.allergies.food),
    ] {
        text(field, value, MAX_TEXT_CHARS)?;
    }
    for (i, m) in child.medicines.iter().enumerate() {
        let n = i + 1;
        text(&format!("Medicine {n}"), &m.name, MAX_TEXT_CHARS)?;
        text(&format!("Medicine {n} dose"), &m.dose, MAX_TEXT_CHARS)?;
        text(
            &format!("Medicine {n} schedule"),
            &m.schedule,
            MAX_TEXT_CHARS,
        )?;
    }
    for (i, m) in child.prn_medicines.iter().enumerate() {
        let n = i + 1;
        text(&format!("Emergency medicine {n}"), &m.name, MAX_TEXT_CHARS)?;
        text(
            &format!("Emergency medicine {n} dose"),
            &m.dose,
            MAX_TEXT_CHARS,
        )?;
        text(
            &format!("Emergency medicine {n}: when to give"),
            &m.when_to_give,
            MAX_TEXT_CHARS,
        )?;
    }
    for (i, c) in child.contacts.iter().enumerate() {
        let n = i + 1;
        text(&format!("Contact {n} name"), &c.name, MAX_NAME_CHARS)?;
        text(
            &format!("Contact {n} relation"),
            &c.relation,
            MAX_TEXT_CHARS,
        )?;
        phone(&format!("Contact {n} phone"), &c.phone)?;
        phone(&format!("Contact {n} second phone"), &c.other_phone)?;
    }
    let p = &child.providers;
    for (who, provider) in [
        ("Pump clinic", &p.pump_clinic),
        ("Primary care", &p.primary_care),
        ("Neurosurgeon", &p.neurosurgeon),
    ] {
        text(&format!("{who} name"), &provider.name, MAX_TEXT_CHARS)?;
        phone(&format!("{who} phone"), &provider.phone)?;
        phone(
            &format!("{who} after-hours phone"),
            &provider.after_hours_phone,
        )?;
    }
    for (i, m) in p.others.iter().enumerate() {
        let n = i + 1;
        text(
            &format!("Care-team member {n}: role"),
            &m.role,
            MAX_TEXT_CHARS,
        )?;
        text(
            &format!("Care-team member {n}: name"),
            &m.name,
            MAX_TEXT_CHARS,
        )?;
        phone(&format!("Care-team member {n}: phone"), &m.phone)?;
    }
    for (label, list) in [
        ("Own sign of overdose", &child.overdose_signs),
        ("Own sign of overdose (911)", &child.overdose_signs_911),
        ("Own sign of withdrawal", &child.withdrawal_signs),
        ("Own sign of withdrawal (911)", &child.withdrawal_signs_911),
        ("Plan step", &child.plan_steps),
    ] {
        for (i, value) in list.iter().enumerate() {
            text(&format!("{label} {}", i + 1), value, MAX_TEXT_CHARS)?;
        }
    }
    if let Some(pump) = &child.pump {
        for (field, value) in [
            ("UDI", &pump.udi),
            ("Serial number", &pump.serial_number),
            ("Catheter model", &pump.catheter.model),
            ("Catheter tip level", &pump.catheter.tip_level),
            ("Drug name", &pump.drug.name),
            ("Pump model", &pump.model.display_name()),
            ("Pump site", &pump.site.display_name()),
        ] {
            text(field, value, MAX_TEXT_CHARS)?;
        }
        text("MRI notes", &pump.mri_notes, MAX_MULTILINE_CHARS)?;
    }
    Ok(())
}

/// The hosts an FDA link may point to (the recall records and openFDA itself).
pub const FDA_HOSTS: [&str; 2] = ["www.accessdata.fda.gov", "api.fda.gov"];

/// A link the app will render: https on an FDA host, nothing else (no `javascript:`).
pub fn check_fda_link(field: &str, link: &str) -> Result<(), Problem> {
    let host = link
        .strip_prefix("https://")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if FDA_HOSTS.contains(&h) => text(field, link, MAX_MULTILINE_CHARS),
        _ => Err(problem(field, FieldProblem::NotAnFdaLink(&FDA_HOSTS))),
    }
}

fn check_recall(field: &str, r: &Recall) -> Result<(), Problem> {
    check_fda_link(&format!("{field} link"), &r.link)?;
    for value in [&r.number, &r.date_initiated, &r.status, &r.firm] {
        text(field, value, MAX_TEXT_CHARS)?;
    }
    text(field, &r.reason, MAX_MULTILINE_CHARS)
}

/// Settings from a file meet the Settings screen's rules.
pub fn check_settings(s: &FamilySettings) -> Result<(), Problem> {
    check_phone(&s.emergency_number).map_err(|m| problem("Emergency number", m))?;
    // The Settings screen's own rules (`countdown`), on the typed values.
    let r = &s.reminders;
    check_day_list(&r.refill_days_before)
        .map_err(|m| problem("Days before the refill-by date", m))?;
    check_day_list(&r.replacement_days_before)
        .map_err(|m| problem("Days before the pump replacement deadline", m))?;
    parse_book_refill_days(&r.book_refill_days.to_string())
        .map_err(|m| problem("Book the refill from", m))?;
    // A file from before 2026-12-07 may keep a watch under 24 hours: it is read (the watch
    // itself never lasts less than 24 hours), not refused.
    parse_overdose_watch_hours(
        &s.overdose_watch_hours
            .max(MIN_OVERDOSE_WATCH_HOURS)
            .to_string(),
    )
    .map_err(|m| problem("Overdose watch", m))?;
    parse_review_days(&r.review_days.to_string()).map_err(|m| problem("Review period", m))?;
    text("Your name (sharing)", &s.sharer_name, 100)?;
    for cache in &s.recall_cache {
        for r in &cache.recalls {
            check_recall("Cached recall", r)?;
        }
    }
    if let Some(dates) = &s.calendar_dates {
        text("Calendar dates", dates, 20_000)?;
    }
    if let Some(w) = &s.boxed_warning {
        text("Cached boxed warning", &w.text, 20_000)?;
    }
    if s.delivered_reminders.len() > 10_000 {
        return Err(problem("Delivered reminders", FieldProblem::TooManyEntries));
    }
    Ok(())
}

/// A whole family as stored or imported: every card (named) and the settings.
pub fn check_family(family: &super::family::Family) -> Result<(), Problem> {
    for child in &family.children {
        check_child(child).map_err(|p| Problem {
            field: format!("{}'s card, {}", child.name, p.field),
            ..p
        })?;
    }
    for copy in &family.shared_copies {
        check_child(&copy.card.child).map_err(|p| Problem {
            field: format!("{}'s shared card, {}", copy.card.child.name, p.field),
            ..p
        })?;
    }
    check_settings(&family.settings).map_err(|p| Problem {
        field: format!("Settings, {}", p.field),
        ..p
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_found_and_rtl_letters_are_not() {
        assert!(has_bidi_control("\u{202E}gm 0001"));
        assert!(has_bidi_control("a\u{2067}b"));
        assert!(!has_bidi_control("שרה לוי مريم"));
    }

    #[test]
    fn only_https_fda_links() {
        assert!(check_fda_link("l", "https://www.accessdata.fda.gov/scripts/x?id=1").is_ok());
        assert!(check_fda_link("l", "javascript:alert(1)").is_err());
        assert!(check_fda_link("l", "https://www.accessdata.fda.gov.evil.example/").is_err());
        assert!(check_fda_link("l", "http://api.fda.gov/").is_err());
    }
}
