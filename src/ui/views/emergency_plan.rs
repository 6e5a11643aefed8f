use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::content::KEEP_ORAL_BACLOFEN;
use crate::core::ems::mri_warning;
use crate::core::triage::{signs_at, Level, CANT_REACH_CLINIC, COMBINATIONS};
use crate::core::update::{field, Event};
use crate::ui::components::{CitedItem, SourceIds};
use crate::ui::forms::{keep, kept};

fn plan_key(child_id: u64) -> String {
    format!("plan.{child_id}")
}

/// The child's emergency action plan: the clinic's own steps first, who to call in order,
/// and the emergency medicines. With no plan entered, general guidance marked as general.
#[component]
pub fn EmergencyPlan() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    let number = state.model.read().family.settings.emergency_number.clone();
    // The plan being edited, with whose plan it is (the editor shows only for that child).
    // Typed text lives on in `AppState::kept` ("plan.<child id>") until saved or cancelled.
    let current_id = child.as_ref().map(|c| c.id);
    let mut editing = use_signal(|| {
        let id = current_id?;
        kept(state, &plan_key(id)).map(|text| (id, text))
    });
    let mut status = use_signal(|| {
        editing.peek().is_some().then(|| {
            "Your unsaved changes to the plan are still here: save them to keep them.".to_string()
        })
    });
    use_effect(move || {
        let Some((id, text)) = editing.read().clone() else {
            return;
        };
        let saved = state
            .model
            .read()
            .family
            .child(id)
            .map(|c| c.plan_steps.join("\n"))
            .unwrap_or_default();
        keep(state, &plan_key(id), Some(&text), &saved);
    });

    let Some(child) = child else {
        return rsx! {
            h1 { "Emergency plan" }
            GeneralGuidance { number }
            Link { class: "button primary", to: Route::DeviceCard {}, "Add a child's card" }
        };
    };
    let name = child.name.clone();
    let steps = child.plan_steps.clone();
    let error = state.model.read().errors.get(field::PLAN).cloned();
    let p = child.providers.clone();
    let mri = mri_warning(&child);

    rsx! {
        h1 { "Emergency plan" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        section { class: "panel clinic-plan", aria_labelledby: "clinic-plan-title",
            h2 { id: "clinic-plan-title", "{name}'s plan from the clinic" }
            if let Some(text) = editing.read().clone().filter(|(id, _)| *id == child.id).map(|(_, t)| t) {
                form {
                    class: "form",
                    novalidate: true,
                    onsubmit: {
                        let id = child.id;
                        move |e: FormEvent| {
                            e.prevent_default();
                            let text = editing.read().clone().map(|(_, t)| t).unwrap_or_default();
                            let told = state.send(Event::SavePlan { child: id, text });
                            if !state.model.peek().errors.contains_key(field::PLAN) {
                                keep(state, &plan_key(id), None, "");
                                editing.set(None);
                                status.set(told);
                            }
                        }
                    },
                    div { class: "field",
                        label { r#for: "plan-text", "Steps from the clinic's plan, one per line, in order" }
                        textarea {
                            id: "plan-text",
                            rows: "8",
                            aria_describedby: "plan-text-msg",
                            aria_invalid: if error.is_some() { "true" } else { "false" },
                            value: "{text}",
                            oninput: {
                                let id = child.id;
                                move |e: FormEvent| editing.set(Some((id, e.value())))
                            },
                        }
                        div { id: "plan-text-msg",
                            p { class: "field-hint", "Copy the words of the clinic's written plan exactly." }
                            if let Some(m) = error.as_ref() { p { class: "field-error", "{m}" } }
                        }
                    }
                    div { class: "actions",
                        button { class: "button primary", r#type: "submit", "Save plan" }
                        button {
                            class: "button",
                            r#type: "button",
                            onclick: {
                                let id = child.id;
                                move |_| {
                                    keep(state, &plan_key(id), None, "");
                                    editing.set(None);
                                    state.send(Event::DismissFieldError(field::PLAN));
                                }
                            },
                            "Cancel"
                        }
                    }
                }
            } else if steps.is_empty() {
                p { "No plan from the clinic has been entered yet. Ask the pump clinic for {name}'s written emergency action plan and copy it here: it always comes before the general guidance below." }
                button {
                    class: "button primary",
                    onclick: {
                        let id = child.id;
                        move |_| editing.set(Some((id, String::new())))
                    },
                    "Enter the clinic's plan"
                }
            } else {
                ol { class: "plan-steps", for step in steps.iter() { li { "{step}" } } }
                button {
                    class: "button",
                    onclick: {
                        let text = steps.join("\n");
                        let id = child.id;
                        move |_| editing.set(Some((id, text.clone())))
                    },
                    "Edit the clinic's plan"
                }
            }
        }
        section { class: "panel", aria_labelledby: "call-order-title",
            h2 { id: "call-order-title", "Who to call, in order" }
            ol { class: "call-list",
                li { a { class: "button danger", href: "tel:{number}", "Call {number}" } span { " for any emergency sign" } }
                if !p.pump_clinic.phone.is_empty() {
                    li { a { class: "button clinic", href: "tel:{p.pump_clinic.phone}", "Call the pump clinic" } span { " {p.pump_clinic.name}, {p.pump_clinic.phone}" } }
                }
                if !p.pump_clinic.after_hours_phone.is_empty() {
                    li { a { class: "button clinic", href: "tel:{p.pump_clinic.after_hours_phone}", "Clinic after hours" } span { " {p.pump_clinic.after_hours_phone}" } }
                }
                for c in child.contacts.iter().filter(|c| !c.phone.is_empty()) {
                    li { a { class: "button", href: "tel:{c.phone}", "Call {c.name}" } span { " {c.relation}, {c.phone}" } }
                    if !c.other_phone.is_empty() {
                        li { a { class: "button", href: "tel:{c.other_phone}", "Call {c.name}'s second phone" } span { " {c.other_phone}" } }
                    }
                }
                if !p.primary_care.phone.is_empty() {
                    li { a { class: "button", href: "tel:{p.primary_care.phone}", "Call primary care" } span { " {p.primary_care.name}" } }
                }
                if !p.neurosurgeon.phone.is_empty() {
                    li { a { class: "button", href: "tel:{p.neurosurgeon.phone}", "Call the neurosurgeon" } span { " {p.neurosurgeon.name}" } }
                }
            }
        }
        section { class: "panel", aria_labelledby: "prn-title",
            h2 { id: "prn-title", "Emergency (PRN) medicines" }
            if child.prn_medicines.is_empty() {
                p { "None on the card. Add them from the prescription in the device card." }
            }
            ul {
                for m in child.prn_medicines.iter() {
                    li { strong { "{m.name}" } ": {m.dose}. When to give: {m.when_to_give}" }
                }
            }
            p { "{KEEP_ORAL_BACLOFEN.text} " SourceIds { sources: KEEP_ORAL_BACLOFEN.sources } }
        }
        section { class: "panel", aria_labelledby: "mri-title",
            h2 { id: "mri-title", "Before any MRI scan" }
            p { "{mri.text} " SourceIds { sources: mri.sources } }
        }
        if steps.is_empty() {
            GeneralGuidance { number: number.clone() }
        }
    }
}

#[component]
fn GeneralGuidance(number: String) -> Element {
    rsx! {
        section { class: "panel general", aria_labelledby: "general-title",
            h2 { id: "general-title", "General guidance (not your clinic's plan)" }
            p { class: "guidance-note", "General guidance. Your clinic's plan comes first." }
            h3 { "Call {number} now for" }
            ul { for sign in signs_at(Level::Call911Now) { CitedItem { item: sign.cited() } } }
            h3 { "Call {number} now also for these together" }
            ul { for c in COMBINATIONS { CitedItem { item: c.cited() } } }
            h3 { "Call the pump clinic now for" }
            ul { for sign in signs_at(Level::CallClinicNow) { CitedItem { item: sign.cited() } } }
            p { "{CANT_REACH_CLINIC.text} {number}. " SourceIds { sources: CANT_REACH_CLINIC.sources } }
        }
    }
}
