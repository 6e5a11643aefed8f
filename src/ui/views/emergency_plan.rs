use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::card_form::CardForm;
use crate::core::content::{KEEP_ORAL_BACLOFEN, PRN_OVERDOSE_CAUTION};
use crate::core::ems::mri_warning;
use crate::core::triage::{fill, signs_at, Level, Sign, CANT_REACH_CLINIC, COMBINATIONS};
use crate::core::update::Event;
use crate::ui::components::{CardFormView, CitedItem, SourceIds};

/// The child's emergency action plan: the clinic's own steps first, who to call in order,
/// and the emergency medicines. With no plan entered, general guidance marked as general.
#[component]
pub fn EmergencyPlan() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    let number = state.model.read().family.settings.emergency_number.clone();
    let mut status = use_signal(|| None::<String>);
    // The plan editor is the form system's plan form, kept in the model with any other open
    // form (`core::update`), so typing survives leaving the screen and a reload.
    let (plan_open, other_form_dirty) = {
        let m = state.model.read();
        match m.form.as_ref() {
            Some(f) if f.form == CardForm::Plan => (f.child_id, false),
            Some(f) => (None, f.is_dirty()),
            None => (None, false),
        }
    };
    use_hook(move || {
        if plan_open.is_some() && state.model.peek().form_is_dirty() {
            status.set(Some(
                "Your unsaved changes to the plan are still here: save them to keep them."
                    .to_string(),
            ));
        }
    });
    let edit = move |id: u64| {
        state.send(Event::OpenForm {
            form: CardForm::Plan,
            child: Some(id),
        });
    };

    let Some(child) = child else {
        return rsx! {
            h1 { "Emergency plan" }
            GeneralGuidance { number, name: String::new() }
            Link { class: "button primary", to: Route::DeviceCard {}, "Add a child's card" }
        };
    };
    let name = child.name.clone();
    let steps = child.plan_steps.clone();
    let p = child.providers.clone();
    let mri = mri_warning(&child);

    rsx! {
        h1 { "Emergency plan" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        section { class: "panel clinic-plan", aria_labelledby: "clinic-plan-title",
            h2 { id: "clinic-plan-title", "{name}'s plan from the clinic" }
            if plan_open == Some(child.id) {
                CardFormView {
                    title: "Edit {name}'s plan",
                    on_save: move |_| status.set(state.send(Event::SaveForm)),
                    on_cancel: move |_| status.set(state.send(Event::CancelForm)),
                }
            } else if other_form_dirty {
                p { class: "mismatch-warning", role: "note",
                    "A device-card form has unsaved changes. Save or cancel it first, then edit the plan here."
                }
                ol { class: "plan-steps", for step in steps.iter() { li { "{step}" } } }
                Link { class: "button primary", to: Route::DeviceCard {}, "Go to the open form" }
            } else if steps.is_empty() {
                p { "No plan from the clinic has been entered yet. Ask the pump clinic for {name}'s written emergency action plan and copy it here: it always comes before the general guidance below." }
                button {
                    class: "button primary",
                    onclick: {
                        let id = child.id;
                        move |_| edit(id)
                    },
                    "Enter the clinic's plan"
                }
            } else {
                ol { class: "plan-steps", for step in steps.iter() { li { "{step}" } } }
                button {
                    class: "button",
                    onclick: {
                        let id = child.id;
                        move |_| edit(id)
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
                for m in p.others.iter().filter(|m| !m.phone.is_empty()) {
                    li { a { class: "button", href: "tel:{m.phone}", "Call {m.name}" } span { " {m.role}, {m.phone}" } }
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
            p { class: "prn-caution", strong { "{PRN_OVERDOSE_CAUTION.text} " } SourceIds { sources: PRN_OVERDOSE_CAUTION.sources } }
            p { "{KEEP_ORAL_BACLOFEN.text} " SourceIds { sources: KEEP_ORAL_BACLOFEN.sources } }
        }
        section { class: "panel", aria_labelledby: "mri-title",
            h2 { id: "mri-title", "Before any MRI scan" }
            p { "{mri.text} " SourceIds { sources: mri.sources } }
        }
        if steps.is_empty() {
            GeneralGuidance { number: number.clone(), name: name.clone() }
        }
    }
}

#[component]
fn GeneralGuidance(number: String, name: String) -> Element {
    let sign_item = |sign: &Sign| {
        rsx! {
            li { key: "{sign.id}", "{sign.label(&name)} " SourceIds { sources: sign.sources } }
        }
    };
    rsx! {
        section { class: "panel general", aria_labelledby: "general-title",
            h2 { id: "general-title", "General guidance (not your clinic's plan)" }
            p { class: "guidance-note", "General guidance. Your clinic's plan comes first." }
            h3 { "Call {number} now for" }
            ul { for sign in signs_at(Level::Call911Now) { {sign_item(sign)} } }
            h3 { "Call {number} now also for these together" }
            ul { for c in COMBINATIONS { CitedItem { item: c.cited() } } }
            h3 { "Call the pump clinic now for" }
            ul { for sign in signs_at(Level::CallClinicNow) { {sign_item(sign)} } }
            p { "{fill(CANT_REACH_CLINIC.text, &name, &number)} " SourceIds { sources: CANT_REACH_CLINIC.sources } }
        }
    }
}
