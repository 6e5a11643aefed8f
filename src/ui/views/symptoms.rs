use dioxus::prelude::*;

use chrono::NaiveDate;

use crate::app::{AppState, Route};
use crate::core::content::{GENERAL_GUIDANCE_NOTE, OVERDOSE_WATCH};
use crate::core::countdown::{countdown, overdose_watch_until};
use crate::core::triage::{
    groups_for, own_signs, pattern_line, signs_of, triage, Group, Level, OwnSign, Pattern,
    Selected, CANT_REACH_CLINIC, SIGNS,
};
use crate::ui::components::SourceIds;
use crate::ui::format::long_date;

/// The one-tap symptom checker: big toggles in plain words, and a result band that updates at
/// once with the action to take, call buttons, and the way to the child's plan. Everything a
/// panicking parent needs is on the band itself, never inside a collapsed control.
#[component]
pub fn SymptomChecker() -> Element {
    let state = use_context::<AppState>();
    let today = *state.today.read();
    let settings = state.model.read().family.settings.clone();
    let number = settings.emergency_number.clone();
    let child = state.current_child();
    // A low-reservoir alarm date on the card that has passed is a fact, not a tap: it starts
    // selected (§5: with any withdrawal sign, it raises the result to 911).
    let alarm_passed = child
        .as_ref()
        .and_then(|c| countdown(c, today, &settings.reminders).alarm_date)
        .is_some_and(|d| d < today);
    // The selection, sorted and without repeats (as a set, but a `BTreeSet` would link one
    // more set type into the web build, 1.7 KiB gzip, for a list of a few signs).
    let mut selected = use_signal(move || {
        if alarm_passed {
            vec![Selected::Builtin("alarm_date_passed")]
        } else {
            Vec::new()
        }
    });
    let chosen: Vec<Selected> = selected.read().clone();
    let result = triage(&chosen);
    let own = child.as_ref().map(own_signs).unwrap_or_default();
    let non_verbal = child.as_ref().is_some_and(|c| c.baseline.non_verbal);
    let watch = child
        .as_ref()
        .and_then(|c| overdose_watch_until(c, today, settings.overdose_watch_hours));

    let clinic_phone = child
        .as_ref()
        .map(|c| c.providers.pump_clinic.phone.clone())
        .filter(|p| !p.is_empty());
    let after_hours = child
        .as_ref()
        .map(|c| c.providers.pump_clinic.after_hours_phone.clone())
        .filter(|p| !p.is_empty());

    let mut toggle = move |item: Selected| {
        let mut set = selected.write();
        match set.binary_search(&item) {
            Ok(at) => {
                set.remove(at);
            }
            Err(at) => set.insert(at, item),
        }
    };

    rsx! {
        h1 { "Symptom checker" }
        p { class: "guidance-note", "{GENERAL_GUIDANCE_NOTE}" }
        if let Some(until) = watch {
            OverdoseWatch { until }
        }
        if alarm_passed {
            p { class: "mismatch-warning", role: "note",
                "The low-reservoir alarm date on the card has passed: the pump may be empty. It is selected below. "
                SourceIds { sources: &["M1", "G1"] }
            }
        }
        p { class: "muted", "Tap every sign you see now. Tap again to undo." }
        for group in groups_for(non_verbal) {
            section { key: "{group.title()}", class: "symptom-group", aria_label: "{group.title()}",
                h2 { "{group.title()}" }
                div { class: "symptom-buttons",
                    for sym in SIGNS.iter().filter(|s| s.group == group) {
                        button {
                            key: "{sym.id}",
                            class: "symptom",
                            aria_pressed: if selected.read().contains(&Selected::Builtin(sym.id)) { "true" } else { "false" },
                            onclick: move |_| toggle(Selected::Builtin(sym.id)),
                            "{sym.label}"
                        }
                    }
                }
                if group == Group::PumpRefill {
                    Link { class: "button", to: Route::PumpAlarms {}, "What does the alarm sound mean?" }
                }
            }
        }
        if !own.is_empty() {
            section { class: "symptom-group", aria_label: "Your child's own signs",
                h2 { "{child.as_ref().map(|c| c.name.clone()).unwrap_or_default()}'s own signs" }
                div { class: "symptom-buttons",
                    for item in own {
                        button {
                            key: "{item:?}",
                            class: "symptom",
                            aria_pressed: if selected.read().contains(&item) { "true" } else { "false" },
                            onclick: {
                                let item = item.clone();
                                move |_| toggle(item.clone())
                            },
                            if let Selected::Own(o) = &item {
                                "{o.text} "
                                span { class: "sign-kind", "({own_kind(o, &number)})" }
                            }
                        }
                    }
                }
            }
        }
        div { class: "band-spacer" }
        section {
            class: if let Some(r) = &result { "result-band {r.level.css()}" } else { "result-band band-empty" },
            aria_label: "Result",
            aria_live: "assertive",
            // The band's height, kept in --band-height: the space under the last sign, and the
            // scroll padding that keeps a control reached with Tab clear of the band.
            onmounted: move |_| {
                let _ = document::eval(
                    "const band = document.querySelector('.result-band'); if (band && window.ResizeObserver) { \
                     const set = () => document.documentElement.style.setProperty('--band-height', band.offsetHeight + 'px'); \
                     set(); new ResizeObserver(set).observe(band); }",
                );
            },
            match &result {
                None => rsx! {
                    p { class: "band-title", "Tap the signs you see: what to do appears here." }
                    div { class: "band-actions",
                        a { class: "button danger", href: "tel:{number}", "Call {number}" }
                        Link { class: "button", to: Route::EmergencyPlan {}, "Emergency plan" }
                    }
                },
                Some(r) => rsx! {
                    p { class: "band-title", "{r.level.title(&number)}" }
                    p { class: "band-action", "{r.level.action(&number)}" }
                    if let Some(line) = pattern_line(&r.patterns) {
                        p { class: "band-pattern", "{line}" }
                    }
                    div { class: "band-actions",
                        a { class: "button danger", href: "tel:{number}", "Call {number}" }
                        if let Some(phone) = clinic_phone.clone() {
                            a { class: "button clinic", href: "tel:{phone}", "Call the pump clinic" }
                        }
                        if r.level == Level::Call911Now {
                            Link { class: "button", to: Route::EmergencyCard {}, "Show the emergency card" }
                        }
                        Link { class: "button", to: Route::EmergencyPlan {}, "Emergency plan" }
                    }
                    if r.level == Level::CallClinicNow {
                        p { class: "band-fallback",
                            "{CANT_REACH_CLINIC.text} {number}. "
                            SourceIds { sources: CANT_REACH_CLINIC.sources }
                        }
                        div { class: "band-actions",
                            if let Some(phone) = after_hours.clone() {
                                a { class: "button clinic", href: "tel:{phone}", "Clinic after hours: {phone}" }
                            } else {
                                span { class: "band-note", "No after-hours number on the card." }
                            }
                        }
                    }
                    details { class: "band-details",
                        summary { "Why this advice" }
                        p { "Because: {r.because.join(\"; \")}." }
                        for p in r.patterns.iter() {
                            p { "{p.sentence()} " SourceIds { sources: p.sources() } }
                        }
                        if r.level == Level::CallClinicNow {
                            p { "While you wait: call {number} at once if you see: {r.watch_for.join(\"; \")}." }
                        }
                        p { class: "band-sources", "Sources: " SourceIds { sources: r.sources.clone() } }
                    }
                },
            }
        }
    }
}

/// "overdose sign, call 911 in the plan" for the button of one of the child's own signs.
fn own_kind(o: &OwnSign, number: &str) -> String {
    let kind = if o.overdose {
        "overdose sign"
    } else {
        "withdrawal sign"
    };
    match o.level {
        Level::Call911Now => format!("{kind}: call {number} in the plan"),
        Level::CallClinicNow => kind.to_string(),
    }
}

/// "Watch for overdose signs until …" after a refill or a dose or concentration change (§5).
#[component]
pub fn OverdoseWatch(until: NaiveDate) -> Element {
    let signs: Vec<&str> = signs_of(Pattern::Overdose).map(|s| s.label).collect();
    rsx! {
        section { class: "panel overdose-watch", role: "note", aria_label: "Overdose watch",
            p { strong { "Watch for overdose signs until {long_date(until)}." } }
            p { "{OVERDOSE_WATCH.text} {signs.join(\"; \")}. " SourceIds { sources: OVERDOSE_WATCH.sources } }
        }
    }
}
