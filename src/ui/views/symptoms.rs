use dioxus::prelude::*;

use chrono::NaiveDate;

use crate::app::{AppState, Route};
use crate::core::content::{GENERAL_GUIDANCE_NOTE, OVERDOSE_WATCH, PRN_OVERDOSE_CAUTION};
use crate::core::countdown::{countdown, overdose_watch_until};
use crate::core::triage::{
    band_notes, fill, groups_for, known_facts, own_signs, pattern_line, signs_of, triage, Group,
    KnownFact, Level, OwnSign, Pattern, Selected, SIGNS,
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
    let name = child.as_ref().map(|c| c.name.clone()).unwrap_or_default();
    // What the card's dates already say (a passed alarm date, a late refill) is a fact, not a
    // tap: it starts selected, with a note (§5: with any withdrawal sign, it gives 911).
    let facts = child
        .as_ref()
        .map(|c| known_facts(&countdown(c, today, &settings.reminders), today))
        .unwrap_or_default();
    // The selection, sorted and without repeats (as a set, but a `BTreeSet` would link one
    // more set type into the web build, 1.7 KiB gzip, for a list of a few signs).
    let mut selected = use_signal({
        let facts = facts.clone();
        move || {
            let mut start: Vec<Selected> =
                facts.iter().map(|f| Selected::Builtin(f.sign())).collect();
            start.sort();
            start
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
    let words = {
        let (name, number) = (name.clone(), number.clone());
        move |text: &str| fill(text, &name, &number)
    };

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
        for fact in facts.iter() {
            p { class: "mismatch-warning", role: "note",
                match fact {
                    KnownFact::RefillLate => rsx! {
                        "The refill-by date on the card has passed and no refill is recorded: the refill is late. \"A refill was missed or is late\" is selected below. "
                        SourceIds { sources: &["CW", "G1"] }
                    },
                    KnownFact::AlarmDatePassed => rsx! {
                        "The low-reservoir alarm date on the card has passed: the pump may be empty. It is selected below. "
                        SourceIds { sources: &["M1", "G1"] }
                    },
                }
            }
        }
        p { class: "muted", "Tap every sign you see now. Tap again to undo." }
        // The child's own signs first: the clinic's plan outranks the app (§5).
        if !own.is_empty() {
            section { class: "symptom-group own-signs", aria_label: "Your child's own signs",
                h2 { "{name}'s own signs (from the clinic's plan)" }
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
        for group in groups_for(non_verbal) {
            section { key: "{group.title()}", class: "symptom-group", aria_label: "{group.title()}",
                h2 { "{group.title()}" }
                if group == Group::CannotTell {
                    p { class: "muted", "Which of these stands for which feeling is the team's reading, pending clinical sign-off." }
                }
                div { class: "symptom-buttons",
                    for sym in SIGNS.iter().filter(|s| s.group == group) {
                        button {
                            key: "{sym.id}",
                            class: "symptom",
                            aria_pressed: if selected.read().contains(&Selected::Builtin(sym.id)) { "true" } else { "false" },
                            onclick: move |_| toggle(Selected::Builtin(sym.id)),
                            "{sym.label(&name)}"
                        }
                    }
                }
                if group == Group::PumpRefill {
                    Link { class: "button", to: Route::PumpAlarms {}, "What does the alarm sound mean?" }
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
                Some(r) => {
                    let notes = band_notes(r);
                    rsx! {
                    p { class: "band-title", "{r.level.title(&number)}" }
                    p { class: "band-action", "{r.level.action(&number)}" }
                    if let Some(n) = notes.right_away {
                        p { class: "band-right-away", "{words(n.text)} " SourceIds { sources: n.sources } }
                    }
                    if let Some(n) = notes.call_not_drive {
                        p { class: "band-call-not-drive", "{words(n.text)} " SourceIds { sources: n.sources } }
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
                    if let Some(line) = pattern_line(&r.patterns) {
                        p { class: "band-pattern", "{line}" }
                    }
                    if let Some(n) = notes.fallback {
                        p { class: "band-fallback", "{words(n.text)} " SourceIds { sources: n.sources } }
                        div { class: "band-actions",
                            if let Some(phone) = after_hours.clone() {
                                a { class: "button clinic", href: "tel:{phone}", "Clinic after hours: {phone}" }
                            } else {
                                span { class: "band-note", "No after-hours number on the card." }
                            }
                        }
                    }
                    if let Some(n) = notes.alarm {
                        p { class: "band-alarm", "{words(n.text)} " SourceIds { sources: n.sources } }
                    }
                    if let Some(n) = notes.prn_caution {
                        p { class: "band-prn", "{words(n.text)} " SourceIds { sources: n.sources } }
                    }
                    if let Some(n) = notes.while_you_wait {
                        div { class: "band-while-you-wait",
                            p { strong { "{words(n.text)}" } " " SourceIds { sources: n.sources } }
                            ul { class: "band-watch-list",
                                for s in r.watch_for.iter() { li { key: "{s.id}", "{s.label(&name)}" } }
                            }
                        }
                    }
                    details { class: "band-details",
                        summary { "Why this advice" }
                        p { "Because: {r.because.join(\"; \")}." }
                        for p in r.patterns.iter() {
                            p { "{p.sentence()} " SourceIds { sources: p.sources() } }
                        }
                        p { class: "band-sources", "Sources: " SourceIds { sources: r.sources.clone() } }
                    }
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
    let signs: Vec<String> = signs_of(Pattern::Overdose)
        .map(|s| s.label("your child"))
        .collect();
    rsx! {
        section { class: "panel overdose-watch", role: "note", aria_label: "Overdose watch",
            p { strong { "Watch for overdose signs until {long_date(until)}." } }
            p { "{OVERDOSE_WATCH.text} {signs.join(\"; \")}. " SourceIds { sources: OVERDOSE_WATCH.sources } }
            p { class: "prn-caution", "{PRN_OVERDOSE_CAUTION.text} " SourceIds { sources: PRN_OVERDOSE_CAUTION.sources } }
        }
    }
}
