use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::app::{add_to_calendar, AppState, Route};
use crate::core::card_form::CardForm;
use crate::core::countdown::{
    countdown, gauge, overdose_watch_until, AlarmSource, Countdown, Replacement, Status,
};
use crate::core::ems::passed_note;
use crate::core::ics::calendar_dates;
use crate::core::profile::Child;
use crate::core::share::ask_clinic_check;
use crate::core::update::Event;
use crate::ui::components::{CardFormView, ChildBadge, SourceIds};
use crate::ui::format::{in_days, long_date};
use crate::ui::views::OverdoseWatch;
use crate::words::home::{gauge_words, missing, status_advice, status_label};
use crate::words::share::{copy_age_line, copy_title};

/// Home: each child's refill and replacement countdown, or an invitation to add the first.
#[component]
pub fn Home() -> Element {
    let state = use_context::<AppState>();
    let mut status = use_signal(|| None::<String>);
    let (family, form) = {
        let m = state.model.read();
        (m.family.clone(), m.form.clone())
    };
    let today = *state.today.read();
    let refill_form_open = form.as_ref().is_some_and(|f| f.form == CardForm::Refill);
    // Issue 16.4: a refill, a printout date, a dose or a booked visit moved the calendar's
    // dates since the family last added them.
    let calendar_moved = family.settings.calendar_dates.as_ref().is_some_and(|old| {
        *old != calendar_dates(&family.children, today, &family.settings.reminders)
    });
    let title = form
        .as_ref()
        .and_then(|f| f.child_id)
        .and_then(|id| family.child(id))
        .map(|c| format!("Record a refill for {}", c.name))
        .unwrap_or_default();

    rsx! {
        h1 { "Home" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        if family.children.is_empty() {
            section { class: "panel empty-state", aria_labelledby: "welcome-title",
                h2 { id: "welcome-title", "Welcome" }
                p {
                    "Keep your child's pump card in one place: the pump, the drug and its dose, "
                    "the clinic's phone numbers and the next refill date, copied from the clinic printout."
                }
                p {
                    "In an emergency, the Emergency card button at the top shows paramedics what they need."
                }
                Link { class: "button primary", to: Route::DeviceCard {}, "Add your first child" }
            }
        } else if refill_form_open {
            CardFormView {
                title,
                // The countdown is rebuilt after the form: its new status is said here, in the
                // status line that is already in the page, so it is announced.
                on_save: move |_| {
                    if let Some(told) = state.send(Event::SaveForm) {
                        status.set(Some(told));
                    }
                },
                on_cancel: move |_| status.set(state.send(Event::CancelForm)),
            }
        } else {
            ul { class: "child-list", aria_label: "Children",
                for child in family.children.iter() {
                    li { key: "{child.id}",
                        ChildCountdown {
                            child: child.clone(),
                            countdown: countdown(child, today, &family.settings.reminders),
                            today,
                            emergency_number: family.settings.emergency_number.clone(),
                            watch_until: overdose_watch_until(child, today, family.settings.overdose_watch_hours),
                            on_record: {
                                let id = child.id;
                                move |_| {
                                    // Refused (and said here) while another form has unsaved typing.
                                    status.set(state.send(Event::OpenForm { form: CardForm::Refill, child: Some(id) }));
                                }
                            },
                            on_book: {
                                let id = child.id;
                                move |date: String| status.set(state.send(Event::BookVisit { child: id, date }))
                            },
                        }
                    }
                }
            }
        }
        if !refill_form_open {
            for child in family.children.iter() {
                if let Some(refill) = ask_clinic_check(child, today, family.settings.reminders.review_days) {
                    section { key: "check-{child.id}", class: "panel clinic-check", aria_label: "Checked with the clinic",
                        p { "{child.name}'s refill on {crate::words::date(refill)} is recorded. Did you check the card with the clinic at that visit (dose, alarm date, phone numbers)?" }
                        button {
                            class: "button",
                            onclick: {
                                let id = child.id;
                                move |_| status.set(state.send(Event::ClinicChecked { child: id, date: refill }))
                            },
                            "Yes, checked on {crate::words::date(refill)}"
                        }
                    }
                }
            }
        }
        if !refill_form_open && !family.shared_copies.is_empty() {
            section { class: "panel shared-copies", aria_labelledby: "copies-title",
                h2 { id: "copies-title", "Cards shared with you" }
                ul { class: "copy-list",
                    for (i, copy) in family.shared_copies.iter().enumerate() {
                        li { key: "{copy.card.key}",
                            Link { class: "button", to: Route::SharedCopyView { copy: i + 1 }, "{copy_title(&copy.card)}" }
                            {
                                let (age, out_of_date) = copy_age_line(&copy.card, today);
                                rsx! { p { class: if out_of_date { "warning-note" } else { "muted" }, "{age}" } }
                            }
                        }
                    }
                }
            }
        }
        if !refill_form_open && calendar_moved {
            section { class: "panel calendar-update", aria_labelledby: "calendar-title",
                h2 { id: "calendar-title", "Update your calendar" }
                p { "Dates have moved since you added them to your calendar. Add the file again: the events move to the new dates, they are not added twice." }
                button { class: "button primary", onclick: move |_| status.set(Some(add_to_calendar(state))), "Update your calendar" }
            }
        }
        if !refill_form_open {
            p { class: "no-print", Link { class: "button", to: Route::OpenShared {}, "Open a card link someone sent you" } }
            section { class: "panel", aria_labelledby: "worried-title",
                h2 { id: "worried-title", "Worried about your child?" }
                Link { class: "button warning", to: Route::SymptomChecker {}, "Check symptoms now" }
            }
        }
    }
}

#[component]
fn ChildCountdown(
    child: Child,
    countdown: Countdown,
    today: NaiveDate,
    emergency_number: String,
    watch_until: Option<NaiveDate>,
    on_record: EventHandler<()>,
    on_book: EventHandler<String>,
) -> Element {
    let c = countdown;
    let status: Status = c.status;
    let heading_id = format!("countdown-{}", child.id);
    let mut visit_day = use_signal(String::new);
    // "I booked it" (issue 16.3): offered while the refill needs booking and no visit in time
    // is booked (none, a late one, or one whose day has passed).
    let offer_booking = child.pump.is_some()
        && matches!(
            status,
            Status::BookRefill | Status::Due | Status::Late | Status::Overdue
        )
        && c.visit.is_none_or(|v| v.after_refill_by || v.passed);
    let clinic_phone = child.providers.pump_clinic.phone.trim().to_string();
    let refilled_on = child
        .pump
        .as_ref()
        .and_then(|p| p.last_refill)
        .map(|r| r.date);
    // With only the app's estimate, Home never says "OK" (§5): the date is to be confirmed.
    let estimate_only = c.alarm_source == Some(AlarmSource::Estimate);
    let visit_input = format!("visit-{}", child.id);
    rsx! {
        section { class: "panel countdown", aria_labelledby: "{heading_id}",
            h2 { id: "{heading_id}", class: "countdown-title",
                ChildBadge { child: Some(child.clone()) }
            }
            p { class: "status-pill {status.css()}", role: "status",
                span { class: "status-word", "{status_label(status, estimate_only)}" }
                span { class: "status-advice", " {status_advice(status, estimate_only, &emergency_number)}" }
            }
            if let Some(until) = watch_until {
                OverdoseWatch { until }
            }
            if let Some(g) = gauge(&child, &c, today) {
                // Issue 16.5: the reservoir from the last refill to empty, at a glance; the
                // same in words for a screen reader (the picture's name) and in the facts below.
                div { class: "gauge", role: "img", aria_label: "{gauge_words(&g, &c)}",
                    div { class: "gauge-track",
                        div { class: "gauge-used {status.css()}", style: "width: {pct(g.today)}" }
                        div { class: "gauge-window", style: "left: {pct(g.window.0)}; width: {pct(g.window.1.saturating_sub(g.window.0).max(8))}" }
                        div { class: "gauge-alarm", style: "left: {pct(g.alarm)}" }
                        if let Some(v) = g.visit { div { class: "gauge-visit", style: "left: {pct(v)}" } }
                        div { class: "gauge-today", style: "left: {pct(g.today)}" }
                    }
                    p { class: "gauge-legend", aria_hidden: "true",
                        span { class: "legend-today", "Today" }
                        span { class: "legend-window", "Refill window" }
                        span { class: "legend-alarm", "Alarm date" }
                        if g.visit.is_some() { span { class: "legend-visit", "Visit" } }
                    }
                }
            }
            dl { class: "facts",
                if let (Some(refill_by), Some(days)) = (c.refill_by, c.days_to_refill_by) {
                    dt { "Refill by" }
                    dd { class: "big-date", "{long_date(refill_by)} ({in_days(days)})" }
                }
                if let Some(alarm) = c.alarm_date {
                    dt { "Low-reservoir alarm date" }
                    dd {
                        "{long_date(alarm)} "
                        match c.alarm_source {
                            Some(AlarmSource::Printout) => rsx! { span { class: "source-tag", "(from the clinic printout)" } },
                            _ => rsx! { span { class: "source-tag", "(estimate from the card: check with your clinic) " SourceIds { sources: &["A1"] } } },
                        }
                        if alarm < today {
                            strong { class: "passed", " {passed_note(today, alarm, refilled_on, crate::words::date_order())}" }
                        }
                    }
                }
                if let Some(empty) = c.estimate.and_then(|e| e.empty_date) {
                    dt { "Estimated empty date" }
                    dd {
                        "{long_date(empty)} "
                        span { class: "source-tag", "(estimate) " SourceIds { sources: &["A1"] } }
                        if empty < today {
                            strong { class: "passed", " {passed_note(today, empty, refilled_on, crate::words::date_order())}" }
                        }
                    }
                }
                if let (Some(est), Some(AlarmSource::Printout)) = (c.estimate, c.alarm_source) {
                    dt { "App's estimate" }
                    dd { "{long_date(est.alarm_date)} (estimate)" }
                }
                if let Some(est) = c.estimate {
                    if est.capped {
                        dt { "Refill limit" }
                        dd { "The arithmetic gives longer, but a refill is due within 180 days. " SourceIds { sources: &["A3"] } }
                    }
                }
                if let Some(v) = c.visit {
                    dt { "Refill visit" }
                    dd {
                        if v.passed { "Was on {long_date(v.date)}" } else { "Booked for {long_date(v.date)}" }
                    }
                }
                dt { "Last refill" }
                dd {
                    match child.pump.as_ref().and_then(|p| p.last_refill) {
                        Some(r) => rsx! { "{long_date(r.date)}, {r.volume_ml} mL filled" },
                        None => rsx! { "Not entered" },
                    }
                }
                dt { "Pump replacement" }
                dd {
                    match &c.replacement {
                        Replacement::Deadline { date, months_left, from_rule, .. } => {
                            let basis = if *from_rule { " (the earlier of implant + 7 years and 90 days after the pump's replacement alarm (ERI)) " } else { " (date from the clinic)" };
                            let left = if *months_left >= 0 { format!("about {months_left} months left") } else { "past due: call the clinic".to_string() };
                            rsx! { "{long_date(*date)}: {left}{basis}" if *from_rule { SourceIds { sources: &["M3"] } } }
                        }
                        Replacement::AskClinic => rsx! { "Ask your clinic" },
                        Replacement::Unknown => rsx! { "Not known yet" },
                    }
                }
            }
            if let Some(m) = c.mismatch {
                p { class: "mismatch-warning", role: "alert",
                    "The printout's alarm date ({long_date(m.printout)}) and the app's estimate ({long_date(m.estimate)}) are {m.days_apart} days apart, more than the pump's accuracy allows ({m.margin_days} days). "
                    SourceIds { sources: &["A1"] }
                    " "
                    "A number on the card may be mistyped: check with your clinic."
                }
            }
            if let (Some(v), Some(by)) = (c.visit, c.refill_by) {
                if v.after_refill_by && !v.passed {
                    p { class: "visit-late", role: "alert",
                        "The booked visit ({long_date(v.date)}) is after the refill-by date ({long_date(by)}). Call the pump clinic to move it earlier"
                        if clinic_phone.is_empty() { "." } else { ": " a { href: "tel:{clinic_phone}", "{clinic_phone}" } }
                    }
                }
            }
            if c.visit.is_some_and(|v| v.passed) {
                div { class: "visit-check",
                    p { strong { "Was the pump refilled?" } " If it was, record the refill now; if not, call the pump clinic today." }
                    button { class: "button primary", onclick: move |_| on_record.call(()), "Yes, record the refill" }
                }
            }
            if offer_booking {
                form {
                    class: "book-visit",
                    aria_label: "Booked the refill visit",
                    onsubmit: move |e: FormEvent| {
                        e.prevent_default();
                        on_book.call(visit_day.read().clone());
                    },
                    label { r#for: "{visit_input}", "Booked the refill visit? Its day:" }
                    div { class: "book-visit-row",
                        input { id: "{visit_input}", r#type: "date", min: "{today}", value: "{visit_day}", oninput: move |e| visit_day.set(e.value()) }
                        button { class: "button", r#type: "submit", "I booked it" }
                    }
                }
            }
            if !c.missing.is_empty() {
                ul { class: "missing-notes", aria_label: "Missing details",
                    for note in c.missing.iter() { li { "{missing(note)}" } }
                }
            }
            div { class: "actions",
                if child.pump.is_some() {
                    button { class: "button primary", onclick: move |_| on_record.call(()), "Record a refill" }
                }
                Link { class: "button", to: Route::DeviceCard {}, "Open the device card" }
            }
            if let Some(p) = child.pump.as_ref() {
                if !p.refill_history.is_empty() {
                    details { class: "history",
                        summary { "Earlier refills ({p.refill_history.len()})" }
                        ul {
                            for r in p.refill_history.iter() {
                                li { "{long_date(r.refill.date)}: {r.refill.volume_ml} mL" }
                            }
                        }
                    }
                }
            }
            span { class: "visually-hidden", "Today is {today}" }
        }
    }
}

/// A position in per mille of the gauge, as a CSS percentage.
fn pct(per_mille: u16) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}
