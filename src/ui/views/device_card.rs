use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::app::AppState;
use crate::core::card_form::{format_time, CardForm};
use crate::core::family::Family;
use crate::core::profile::{Child, LatexAllergy};
use crate::core::storefile::{encode, FileKind, MAX_FILE_BYTES};
use crate::core::units::Fixed3;
use crate::core::update::Event;
use crate::platform::export::export_file;
use crate::ui::components::{CardFormView, DeviceLookup, RecallCheck};
use crate::ui::format::long_date;

/// The device card: the child's details and pump, with forms to add and edit them, export,
/// import and delete.
#[component]
pub fn DeviceCard() -> Element {
    let state = use_context::<AppState>();
    let mut status = use_signal(|| None::<String>);
    let mut confirm_delete = use_signal(|| false);

    use_hook(move || {
        let m = state.model.peek();
        let empty = m.family.children.is_empty() && m.form.is_none();
        drop(m);
        if empty {
            state.send(Event::OpenForm {
                form: CardForm::Child,
                child: None,
            });
        }
    });

    let (form, child, family, pending_import, import_error) = {
        let m = state.model.read();
        (
            // The plan form is edited on the Emergency plan screen (kept while away from it).
            m.form.clone().filter(|f| f.form != CardForm::Plan),
            m.current_child().cloned(),
            m.family.clone(),
            m.import.as_ref().map(|p| p.plan.clone()),
            m.import_error
                .as_ref()
                .map(crate::words::forms::import_error),
        )
    };
    let today = *state.today.read();

    let save = move |_| {
        let told = state.send(Event::SaveForm);
        if told.is_some() {
            // The confirmation is at the top; a long form leaves the page at the bottom.
            let _ = document::eval("window.scrollTo(0, 0)");
        }
        status.set(told);
    };

    let cancel = move |_| status.set(state.send(Event::CancelForm));
    let mut open = move |form: CardForm, for_current_child: bool| {
        let child = for_current_child
            .then(|| state.model.peek().current_child().map(|c| c.id))
            .flatten();
        // Refused, and said in the status line, while the plan has unsaved typing.
        status.set(state.send(Event::OpenForm { form, child }));
    };

    let title = match (&form, &child) {
        (Some(f), _) if f.child_id.is_none() => "Add a child".to_string(),
        (Some(f), _) => {
            let name = f
                .child_id
                .and_then(|id| family.child(id))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            match f.form {
                CardForm::Child => format!("Edit {name}'s details"),
                CardForm::Pump => format!("Pump and drug for {name}"),
                CardForm::Refill => format!("Record a refill for {name}"),
                CardForm::Plan => format!("Edit {name}'s plan"),
                CardForm::Settings => "Settings".to_string(),
            }
        }
        _ => String::new(),
    };

    let on_import = move |evt: FormEvent| async move {
        let Some(file) = evt.files().into_iter().next() else {
            return;
        };
        if file.size() > MAX_FILE_BYTES as u64 {
            state.send(Event::ImportUnreadable(format!(
                "That file is too large to be a card file ({} KB).",
                file.size() / 1024
            )));
            return;
        }
        state.send(match file.read_bytes().await {
            Ok(bytes) => Event::ImportChosen(bytes.to_vec()),
            Err(e) => Event::ImportUnreadable(format!("The file could not be read ({e}).")),
        });
    };

    rsx! {
        h1 { "Device card" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        if form.is_some() {
            CardFormView { title, on_save: save, on_cancel: cancel }
            if family.children.is_empty() {
                section { class: "panel", aria_label: "Import instead",
                    p { "Already have a card file from another phone or caregiver?" }
                    ImportPicker { on_change: on_import }
                }
            }
        } else if let Some(child) = child.clone() {
            CardSummary { child: child.clone() }
            section { class: "panel actions", aria_label: "Card actions",
                button {
                    class: "button primary",
                    onclick: move |_| open(CardForm::Child, true),
                    "Edit child details"
                }
                button {
                    class: "button primary",
                    onclick: move |_| open(CardForm::Pump, true),
                    if child.pump.is_some() { "Edit pump and drug" } else { "Add pump and drug" }
                }
                button {
                    class: "button",
                    onclick: move |_| open(CardForm::Child, false),
                    "Add another child"
                }
            }
            section { class: "panel", aria_labelledby: "trust-title",
                h2 { id: "trust-title", "Sharing and checking" }
                p { "{crate::core::ems::card_dates(&child, crate::words::date_order())}." }
                p { class: "muted", "At each refill visit, check the dose, the alarm date and the phone numbers against the clinic's records: EMS sees when you last did." }
                button {
                    class: "button",
                    onclick: {
                        let id = child.id;
                        move |_| {
                            let today = *state.today.peek();
                            status.set(state.send(Event::ClinicChecked { child: id, date: today }));
                        }
                    },
                    "Checked with the clinic today"
                }
                Link { class: "button primary", to: crate::app::Route::ShareCard {}, "Share with a caregiver" }
            }
            if let Some(pump) = child.pump.as_ref() {
                RecallCheck { model: pump.model.clone() }
                if !pump.udi.is_empty() {
                    DeviceLookup { udi: pump.udi.clone() }
                }
            }
            section { class: "panel", aria_labelledby: "share-title",
                h2 { id: "share-title", "Export and import" }
                p { class: "muted", "A card file holds everything on the card. Keep it private: it is health information." }
                button {
                    class: "button",
                    onclick: {
                        let child = child.clone();
                        move |_| {
                            let one = Family { children: vec![child.clone()], ..Family::default() };
                            let name = format!("itb-card-{}-{}.json", file_slug(&child.name), today);
                            let result = export_file(&name, &encode(&one, FileKind::Child));
                            status.set(Some(result.unwrap_or_else(|e| format!("Export failed: {e}"))));
                        }
                    },
                    "Export this card"
                }
                button {
                    class: "button",
                    onclick: move |_| {
                        let all = state.family();
                        let name = format!("itb-family-{today}.json");
                        let result = export_file(&name, &encode(&all, FileKind::Family));
                        status.set(Some(result.unwrap_or_else(|e| format!("Export failed: {e}"))));
                    },
                    "Export all cards"
                }
                ImportPicker { on_change: on_import }
            }
            section { class: "panel danger-zone", aria_labelledby: "delete-title",
                h2 { id: "delete-title", "Delete" }
                if *confirm_delete.read() {
                    p { role: "alert", "Delete {child.name}'s card from this device? You can undo until the app is closed." }
                    button {
                        class: "button danger",
                        onclick: {
                            let id = child.id;
                            move |_| {
                                status.set(state.send(Event::Delete(id)));
                                confirm_delete.set(false);
                            }
                        },
                        "Yes, delete {child.name}'s card"
                    }
                    button { class: "button", onclick: move |_| confirm_delete.set(false), "Keep the card" }
                } else {
                    button { class: "button", onclick: move |_| confirm_delete.set(true), "Delete {child.name}'s card" }
                }
            }
        } else {
            section { class: "panel",
                p { "No card yet." }
                button {
                    class: "button primary",
                    onclick: move |_| open(CardForm::Child, false),
                    "Add a child"
                }
                ImportPicker { on_change: on_import }
            }
        }
        if let Some(message) = import_error.as_ref() {
            p { class: "panel import-error", role: "alert", "{message}" }
        }
        if let Some(plan) = pending_import {
            section { class: "panel import-plan", role: "dialog", aria_labelledby: "import-title",
                h2 { id: "import-title", "Check the import" }
                ul { for change in plan.changes.iter() { li { "{change}" } } }
                if !plan.settings_changes.is_empty() {
                    h3 { "Settings in the file that differ from this device's" }
                    ul { class: "settings-changes",
                        for change in plan.settings_changes.iter() { li { "{change}" } }
                    }
                    div { class: "field field-checkbox",
                        label { r#for: "import-settings", class: "checkbox-label",
                            input {
                                id: "import-settings",
                                class: "checkbox",
                                r#type: "checkbox",
                                checked: plan.replaces_settings,
                                onchange: move |e| { state.send(Event::ImportReplaceSettings(e.checked())); },
                            }
                            span { "Also replace this device's settings with the file's" }
                        }
                    }
                    p { class: "muted",
                        if plan.replaces_settings { "The settings above will change." } else { "This device's settings are kept." }
                    }
                }
                button {
                    class: "button primary",
                    onclick: move |_| {
                        let point_name = format!("Before the import on {}", long_date(today));
                        status.set(state.send(Event::ImportConfirmed { point_name }));
                    },
                    if plan.replaces { "Replace and import" } else { "Import" }
                }
                button { class: "button", onclick: move |_| { state.send(Event::ImportCancelled); }, "Cancel import" }
            }
        }
    }
}

#[component]
fn ImportPicker(on_change: EventHandler<FormEvent>) -> Element {
    rsx! {
        div { class: "field import-field",
            label { r#for: "import-file", class: "button", "Import a card file" }
            input {
                id: "import-file",
                class: "file-input",
                r#type: "file",
                accept: ".json,application/json",
                onchange: move |e| on_change.call(e),
            }
        }
    }
}

fn file_slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "child".into()
    } else {
        slug
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "Not entered".into()
    } else {
        text.to_string()
    }
}

fn date_or_dash(date: Option<NaiveDate>) -> String {
    date.map(long_date).unwrap_or_else(|| "Not entered".into())
}

fn amount(n: Option<Fixed3>, unit: &str) -> String {
    n.map(|n| format!("{n} {unit}"))
        .unwrap_or_else(|| "Not entered".into())
}

/// The saved card, section by section, every number with its unit.
#[component]
fn CardSummary(child: Child) -> Element {
    let number = use_context::<AppState>()
        .model
        .read()
        .family
        .settings
        .emergency_number
        .clone();
    let today = *use_context::<AppState>().today.read();
    let udi = (child.pump.as_ref())
        .filter(|p| !p.udi.is_empty())
        .and_then(|p| crate::core::udi::parse_udi(&p.udi, today).ok());
    let latex = match child.allergies.latex {
        LatexAllergy::Unknown => "Not known",
        LatexAllergy::Yes => "YES: latex allergy",
        LatexAllergy::No => "No",
    };
    let weight = match (child.weight_kg, child.weight_date) {
        (Some(w), Some(d)) => format!("{w} kg (weighed {})", long_date(d)),
        (Some(w), None) => format!("{w} kg"),
        _ => "Not entered".into(),
    };
    let communication = if child.baseline.non_verbal {
        if child.baseline.communication.trim().is_empty() {
            "Non-verbal".to_string()
        } else {
            format!("Non-verbal. {}", child.baseline.communication)
        }
    } else {
        or_dash(&child.baseline.communication)
    };
    rsx! {
        section { class: "panel card-summary", aria_labelledby: "child-title",
            h2 { id: "child-title", "{child.name}" }
            dl { class: "facts",
                dt { "Date of birth" } dd { "{date_or_dash(child.date_of_birth)}" }
                dt { "Weight" } dd { "{weight}" }
                dt { "Diagnoses" } dd { "{or_dash(&child.diagnoses)}" }
                dt { "Medical ID" } dd { "{or_dash(&child.medical_id)}" }
                dt { "Neurological and mental status" } dd { "{or_dash(&child.baseline.neuro_mental_status)}" }
                dt { "Mobility" } dd { "{or_dash(&child.baseline.mobility)}" }
                dt { "Communication" } dd { "{communication}" }
                dt { "Baseline vital signs" } dd { "{or_dash(&child.baseline.vital_signs)}" }
                dt { "Drug allergies" } dd { "{or_dash(&child.allergies.drug)}" }
                dt { "Food allergies" } dd { "{or_dash(&child.allergies.food)}" }
                dt { "Latex allergy" } dd { "{latex}" }
                dt { "Preferred hospital" } dd { "{or_dash(&child.preferred_hospital)}" }
                dt { "Procedures to avoid" } dd { "{or_dash(&child.procedures_to_avoid)}" }
                dt { "Activity and positioning" } dd { "{or_dash(&child.activity_restrictions)}" }
                dt { "Fever protocol" } dd { "{or_dash(&child.fever_protocol)}" }
                dt { "Last updated" } dd { "{date_or_dash(child.last_updated)}" }
            }
        }
        section { class: "panel", aria_labelledby: "meds-title",
            h2 { id: "meds-title", "Medicines" }
            if child.medicines.is_empty() { p { "No current medicines entered." } }
            ul {
                for m in child.medicines.iter() {
                    li { "{m.name}: {m.dose}, {m.schedule}" }
                }
            }
            h3 { "Emergency (PRN) medicines" }
            if child.prn_medicines.is_empty() { p { "None entered." } }
            ul {
                for m in child.prn_medicines.iter() {
                    li { "{m.name}: {m.dose}. When: {m.when_to_give}" }
                }
            }
        }
        section { class: "panel", aria_labelledby: "contacts-title",
            h2 { id: "contacts-title", "Contacts and doctors" }
            ul { class: "plain-list",
                for c in child.contacts.iter() {
                    li {
                        "{c.name} ({or_dash(&c.relation)}): " a { href: "tel:{c.phone}", "{c.phone}" }
                        if !c.other_phone.is_empty() {
                            ", second phone " a { href: "tel:{c.other_phone}", "{c.other_phone}" }
                        }
                    }
                }
                li { "Pump clinic: {or_dash(&child.providers.pump_clinic.name)}: "
                    a { href: "tel:{child.providers.pump_clinic.phone}", "{child.providers.pump_clinic.phone}" }
                }
                if !child.providers.pump_clinic.after_hours_phone.is_empty() {
                    li { "Pump clinic after hours: "
                        a { href: "tel:{child.providers.pump_clinic.after_hours_phone}", "{child.providers.pump_clinic.after_hours_phone}" }
                    }
                }
                if !child.providers.primary_care.name.is_empty() {
                    li { "Primary care: {child.providers.primary_care.name} {child.providers.primary_care.phone}" }
                }
                if !child.providers.neurosurgeon.name.is_empty() {
                    li { "Neurosurgeon: {child.providers.neurosurgeon.name} {child.providers.neurosurgeon.phone}" }
                }
                for m in child.providers.others.iter() {
                    li { "{or_dash(&m.role)}: {m.name} "
                        if !m.phone.is_empty() { a { href: "tel:{m.phone}", "{m.phone}" } }
                    }
                }
            }
        }
        section { class: "panel", aria_labelledby: "signs-title",
            h2 { id: "signs-title", "{child.name}'s own signs" }
            h3 { "Overdose" }
            if child.overdose_signs.is_empty() && child.overdose_signs_911.is_empty() { p { "None entered." } }
            ul {
                for s in child.overdose_signs_911.iter() { li { "{s} " strong { "(call {number} now)" } } }
                for s in child.overdose_signs.iter() { li { "{s} (call the pump clinic)" } }
            }
            h3 { "Withdrawal" }
            if child.withdrawal_signs.is_empty() && child.withdrawal_signs_911.is_empty() { p { "None entered." } }
            ul {
                for s in child.withdrawal_signs_911.iter() { li { "{s} " strong { "(call {number} now)" } } }
                for s in child.withdrawal_signs.iter() { li { "{s} (call the pump clinic)" } }
            }
        }
        section { class: "panel", aria_labelledby: "pump-title",
            h2 { id: "pump-title", "Pump and drug" }
            if let Some(pump) = child.pump.as_ref() {
                dl { class: "facts",
                    dt { "Pump" } dd { "{pump.model.display_name()}" }
                    dt { "Serial number" } dd { "{or_dash(&pump.serial_number)}" }
                    // What the pasted UDI says beyond the serial: kept with the card, and shown.
                    if let Some(udi) = udi.as_ref() {
                        dt { "From the UDI" }
                        dd {
                            "Device identifier {udi.gtin}"
                            if let Some(lot) = udi.lot.as_ref() { ", lot {lot}" }
                            if let Some(d) = udi.expiry.as_ref() { ", use by {long_date(d.date)}" }
                            if let Some(d) = udi.production.as_ref() { ", made {long_date(d.date)}" }
                        }
                    }
                    dt { "Implant date" } dd { "{date_or_dash(pump.implant_date)}" }
                    dt { "Site" } dd { "{pump.site.display_name()}" }
                    dt { "Catheter" } dd { "{or_dash(&pump.catheter.model)}, tip {or_dash(&pump.catheter.tip_level)}, placed {date_or_dash(pump.catheter.date_placed)}" }
                    dt { "Reservoir volume" } dd { "{amount(pump.reservoir_ml, \"mL\")}" }
                    dt { "Low-reservoir alarm volume" } dd { "{amount(pump.alarm_volume_ml, \"mL\")}" }
                    dt { "Drug" } dd { "{or_dash(&pump.drug.name)}" }
                    dt { "Drug source" }
                    dd {
                        match pump.drug.source {
                            crate::core::profile::DrugSource::Brand => "Brand",
                            crate::core::profile::DrugSource::Compounded => "Compounded by a pharmacy",
                            crate::core::profile::DrugSource::Unknown => "Not known",
                        }
                    }
                    dt { "Concentration" } dd { "{amount(pump.drug.concentration_mcg_per_ml, \"mcg/mL\")}" }
                    dt { "Daily dose" } dd { "{amount(pump.drug.daily_dose_mcg_per_day, \"mcg/day\")}" }
                    if !pump.drug.flex_steps.is_empty() {
                        dt { "Flex steps" }
                        dd {
                            for s in pump.drug.flex_steps.iter() {
                                span { class: "flex-step",
                                    if s.days.is_every_day() { "from {format_time(s.start_minute)} at {s.rate_mcg_per_hour} mcg/h; " }
                                    else { "{s.days}: from {format_time(s.start_minute)} at {s.rate_mcg_per_hour} mcg/h; " }
                                }
                            }
                        }
                    }
                    dt { "Last refill" }
                    dd {
                        match pump.last_refill {
                            Some(r) => rsx! { "{long_date(r.date)}, {r.volume_ml} mL filled" },
                            None => rsx! { "Not entered" },
                        }
                    }
                    dt { "Low-reservoir alarm date (printout)" } dd { "{date_or_dash(pump.printout_alarm_date)}" }
                    dt { "Next refill appointment" } dd { "{date_or_dash(pump.next_refill_appointment)}" }
                    dt { "Replacement alarm (ERI) date" } dd { "{date_or_dash(pump.eri_date)}" }
                    dt { "MRI notes" } dd { "{or_dash(&pump.mri_notes)}" }
                }
            } else {
                p { "No pump details yet. Add them from the clinic printout and the implant card." }
            }
        }
    }
}
