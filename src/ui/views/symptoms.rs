use std::collections::BTreeSet;

use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::content::GENERAL_GUIDANCE_NOTE;
use crate::core::triage::{own_signs, pattern_line, triage, Group, Level, Selected, SYMPTOMS};
use crate::ui::components::SourceIds;

/// The one-tap symptom checker: big toggles in plain words, and a result band that updates at
/// once with the action to take, call buttons, and the way to the child's plan.
#[component]
pub fn SymptomChecker() -> Element {
    let state = use_context::<AppState>();
    let mut selected = use_signal(BTreeSet::<Selected>::new);
    let number = state.family.read().settings.emergency_number.clone();
    let child = state.current_child();
    let chosen: Vec<Selected> = selected.read().iter().cloned().collect();
    let result = triage(&chosen);
    let own = child.as_ref().map(own_signs).unwrap_or_default();

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
        if !set.remove(&item) {
            set.insert(item);
        }
    };

    rsx! {
        h1 { "Symptom checker" }
        p { class: "guidance-note", "{GENERAL_GUIDANCE_NOTE}" }
        p { class: "muted", "Tap every sign you see now. Tap again to undo." }
        for group in Group::ALL {
            section { key: "{group.title()}", class: "symptom-group", aria_label: "{group.title()}",
                h2 { "{group.title()}" }
                div { class: "symptom-buttons",
                    for sym in SYMPTOMS.iter().filter(|s| s.group == group) {
                        button {
                            key: "{sym.id}",
                            class: "symptom",
                            aria_pressed: if selected.read().contains(&Selected::Builtin(sym.id)) { "true" } else { "false" },
                            onclick: move |_| toggle(Selected::Builtin(sym.id)),
                            "{sym.label}"
                        }
                    }
                }
                if group == Group::PumpBeeping {
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
                            match &item {
                                Selected::OwnOverdose(t) => rsx! { "{t} " span { class: "sign-kind", "(overdose sign)" } },
                                Selected::OwnWithdrawal(t) => rsx! { "{t} " span { class: "sign-kind", "(withdrawal sign)" } },
                                Selected::Builtin(_) => rsx! {},
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
                    if let Some(line) = pattern_line(&r.patterns) {
                        p { class: "band-pattern", "{line}" }
                    }
                    div { class: "band-actions",
                        a { class: "button danger", href: "tel:{number}", "Call {number}" }
                        if let Some(phone) = clinic_phone.clone() {
                            a { class: "button clinic", href: "tel:{phone}", "Call the pump clinic" }
                        }
                        Link { class: "button", to: Route::EmergencyPlan {}, "Emergency plan" }
                    }
                    details { class: "band-details",
                        summary { "Why this advice" }
                        p { "Because: {r.because.join(\"; \")}." }
                        for p in r.patterns.iter() {
                            p { "{p.sentence()} " SourceIds { sources: p.sources() } }
                        }
                        if r.level == Level::WatchClosely {
                            p { "Watch closely. Call {number} at once if you see: {r.watch_for.join(\"; \")}. If you are unsure, call the pump clinic." }
                        } else if r.level == Level::CallClinicNow {
                            p { "While you wait: call {number} if your child becomes hard to wake, has trouble breathing, a seizure, or confusion." }
                        }
                        if let Some(phone) = after_hours.clone() {
                            p { a { class: "button clinic", href: "tel:{phone}", "Clinic after hours" } }
                        }
                        p { class: "band-sources", "Sources: {source_text(&r.sources)}" }
                    }
                },
            }
        }
    }
}

fn source_text(sources: &[&str]) -> String {
    sources.iter().map(|s| format!("[{s}]")).collect()
}
