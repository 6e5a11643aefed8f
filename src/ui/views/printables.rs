use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::content::{
    Cited, EMS_SHORT_FIRST, EMS_SHORT_MIMICS, EMS_SHORT_OVERDOSE, EMS_SHORT_WITHDRAWAL,
    EMS_WARNING, PRN_OVERDOSE_CAUTION,
};
use crate::core::countdown::countdown;
use crate::core::ems::card_dates;
use crate::core::ems::{ems_actions, ems_sections, paper_rule, CardView};
use crate::core::profile::Child;
use crate::core::triage::{signs_at, Level, Sign, COMBINATIONS};
use crate::ui::format::long_date;

/// A printed card is read months later (§6): its view is paper (absolute dates only).
fn paper() -> CardView {
    CardView::paper(crate::words::date_order(), 72)
}

/// "Printed on Mon 7 Dec 2026": every printable says when it was made (§6).
fn printed_on(today: chrono::NaiveDate) -> String {
    format!("Printed on {}", long_date(today))
}

/// "Hard to wake up; Dizzy or faint; …" with the sources of every sign, for a printed line.
fn sign_list(name: &str, signs: impl Iterator<Item = &'static Sign>) -> String {
    let signs: Vec<&Sign> = signs.collect();
    let mut sources: Vec<&str> = signs
        .iter()
        .flat_map(|s| s.sources.iter().copied())
        .collect();
    crate::core::sorting::sort(&mut sources);
    sources.dedup();
    format!(
        "{} [{}]",
        signs
            .iter()
            .map(|s| s.label(name))
            .collect::<Vec<_>>()
            .join("; "),
        sources.join("][")
    )
}

/// A cited sentence with its ids, for paper.
fn printed(c: &Cited) -> String {
    format!("{} {}", c.text, c.source_label())
}

/// The combinations that call for the emergency number (§5), as one printed line.
fn combinations_text() -> String {
    COMBINATIONS
        .iter()
        .map(|c| printed(&c.cited()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The three printables, made with print CSS from the same card data.
#[component]
pub fn Printables() -> Element {
    rsx! {
        h1 { "Print" }
        p { "Printed copies work when the phone is locked, lost or out of battery. Keep them at home, at school, in the car and in the wallet [E4]." }
        ul { class: "plain-list print-list",
            li { Link { class: "button", to: Route::Printable { kind: "wallet".into() }, "Wallet card (front and back)" } }
            li { Link { class: "button", to: Route::Printable { kind: "eif".into() }, "Emergency Information Form" } }
            li { Link { class: "button", to: Route::Printable { kind: "school".into() }, "School health plan" } }
        }
    }
}

fn or_blank(text: &str) -> String {
    if text.trim().is_empty() {
        "________________".into()
    } else {
        text.to_string()
    }
}

#[component]
pub fn Printable(kind: String) -> Element {
    let state = use_context::<AppState>();
    let Some(child) = state.current_child() else {
        return rsx! {
            h1 { "Print" }
            p { "Add a device card first." }
        };
    };
    let today = *state.today.read();
    let settings = state.model.read().family.settings.clone();
    let title = match kind.as_str() {
        "wallet" => "Wallet card",
        "eif" => "Emergency Information Form",
        "school" => "School health plan",
        _ => "Print",
    };
    rsx! {
        div { class: "no-print print-toolbar",
            h1 { "{title}" }
            button {
                class: "button primary",
                onclick: move |_| { let _ = document::eval("window.print()"); },
                "Print or save as PDF"
            }
            Link { class: "button", to: Route::Printables {}, "All printables" }
        }
        match kind.as_str() {
            "wallet" => rsx! { WalletCard { child: child.clone(), today, settings: settings.reminders.clone(), emergency_number: settings.emergency_number.clone() } },
            "eif" => rsx! { InformationForm { child: child.clone(), today, settings: settings.reminders.clone(), emergency_number: settings.emergency_number.clone() } },
            "school" => rsx! { SchoolPlan { child: child.clone(), today, settings: settings.reminders.clone(), emergency_number: settings.emergency_number.clone() } },
            _ => rsx! { p { "Unknown printable." } },
        }
    }
}

#[component]
fn WalletCard(
    child: Child,
    today: chrono::NaiveDate,
    settings: crate::core::countdown::ReminderSettings,
    emergency_number: String,
) -> Element {
    let sections = ems_sections(&child, today, &settings, paper());
    let find = |label: &str| {
        sections
            .iter()
            .flat_map(|s| s.lines.iter())
            .find(|l| l.label == label)
            .map(|l| l.value.clone())
            .unwrap_or_default()
    };
    let parent = child
        .contacts
        .iter()
        .find(|c| !c.phone.trim().is_empty())
        .map(|c| format!("{} ({}): {}", c.name, c.relation, c.phone))
        .unwrap_or_else(|| "________________".into());
    let mri = crate::core::ems::mri_short(&child);
    rsx! {
        div { class: "print-doc wallet",
            section { class: "wallet-page wallet-front", aria_label: "Wallet card front",
                p { class: "wallet-warning", "{EMS_WARNING.text}" }
                p { class: "wallet-name", "{child.name}" }
                p { strong { "{find(\"Pump\")}" } " · {find(\"Drug\")} {find(\"Concentration\")} · {find(\"Daily dose\")}" }
                p { "Alarm date: {find(\"Low-reservoir alarm date\")}" }
                p { "Pump clinic / ITB physician: {find(\"Pump clinic / ITB physician\")}" }
                p { "After hours: {find(\"Clinic after hours\")}" }
                p { "Parent: {parent}" }
                p { "Emergency: call {emergency_number}" }
            }
            section { class: "wallet-page wallet-back", aria_label: "Wallet card back",
                p { strong { "EMS: " } "{printed(&EMS_SHORT_FIRST)}" }
                p { strong { "Withdrawal? " } "{printed(&EMS_SHORT_WITHDRAWAL)}" }
                p { strong { "Overdose? " } "{printed(&EMS_SHORT_OVERDOSE)}" }
                p { "{printed(&EMS_SHORT_MIMICS)}" }
                p { "{printed(&mri)}" }
                p { "Allergies: {find(\"Allergies\")} · Born {find(\"Date of birth\")} · {find(\"Weight\")}" }
                p { "{card_dates(&child, crate::words::date_order())}. {printed_on(today)} [M8][L1]" }
            }
        }
    }
}

#[component]
fn InformationForm(
    child: Child,
    today: chrono::NaiveDate,
    settings: crate::core::countdown::ReminderSettings,
    emergency_number: String,
) -> Element {
    let sections = ems_sections(&child, today, &settings, paper());
    let p = &child.providers;
    rsx! {
        div { class: "print-doc sheet",
            h1 { "Emergency Information Form for Children with Special Health Care Needs" }
            p { class: "sheet-note", "Following the AAP/ACEP Emergency Information Form [E1][E2][E3]. {card_dates(&child, crate::words::date_order())}. {printed_on(today)}." }
            p { class: "ems-warning", "{printed(&EMS_WARNING)}" }
            for section in sections {
                h2 { "{section.title}" }
                table { class: "sheet-table",
                    tbody {
                        for l in section.lines {
                            tr { th { "{l.label}" } td { "{l.value}" } }
                        }
                    }
                }
            }
            h2 { "Providers" }
            table { class: "sheet-table",
                tbody {
                    tr { th { "Primary care" } td { "{or_blank(&p.primary_care.name)} {p.primary_care.phone}" } }
                    tr { th { "Pump clinic / specialist" } td { "{or_blank(&p.pump_clinic.name)} {p.pump_clinic.phone} (after hours {p.pump_clinic.after_hours_phone})" } }
                    tr { th { "Neurosurgeon" } td { "{or_blank(&p.neurosurgeon.name)} {p.neurosurgeon.phone}" } }
                    for m in p.others.iter() {
                        tr { th { "{or_blank(&m.role)}" } td { "{or_blank(&m.name)} {m.phone}" } }
                    }
                    tr { th { "Preferred emergency department" } td { "{or_blank(&child.preferred_hospital)}" } }
                }
            }
            h2 { "Baseline" }
            table { class: "sheet-table",
                tbody {
                    tr { th { "Physical and neurological status" } td { "{or_blank(&child.baseline.neuro_mental_status)}; mobility: {or_blank(&child.baseline.mobility)}" } }
                    tr { th { "Baseline vital signs" } td { "{or_blank(&child.baseline.vital_signs)}" } }
                    tr { th { "Procedures to avoid" } td { "{or_blank(&child.procedures_to_avoid)}" } }
                    tr { th { "Immunizations" } td { "________________ (fill in by hand)" } }
                    tr { th { "Advance directives" } td { "________________ (fill in by hand)" } }
                }
            }
            h2 { "Common presenting problems and suggested management" }
            p { strong { "Withdrawal or overdose signs that need {emergency_number} now: " } "{sign_list(&child.name, signs_at(Level::Call911Now))}" }
            p { strong { "Also {emergency_number} now for these together: " } "{combinations_text()}" }
            p { strong { "Call the pump clinic now: " } "{sign_list(&child.name, signs_at(Level::CallClinicNow))}" }
            p { strong { "Emergency (PRN) medicines: " } "{printed(&PRN_OVERDOSE_CAUTION)}" }
            for group in ems_actions(&child) {
                h3 { "{group.title}" }
                ol { for step in group.steps.iter() { li { "{printed(step)}" } } }
            }
            if !child.plan_steps.is_empty() {
                h2 { "The clinic's emergency plan" }
                ol { for s in child.plan_steps.iter() { li { "{s}" } } }
            }
        }
    }
}

#[component]
fn SchoolPlan(
    child: Child,
    today: chrono::NaiveDate,
    settings: crate::core::countdown::ReminderSettings,
    emergency_number: String,
) -> Element {
    let pump = child.pump.clone().unwrap_or_default();
    let c = countdown(&child, today, &settings);
    let rows: Vec<(&str, String)> = vec![
        ("Diagnosis and reason for the pump", format!("{}. Intrathecal baclofen pump for spasticity.", or_blank(&child.diagnoses))),
        ("Pump location and implant date", format!("{}, implanted {}", pump.site.display_name(), pump.implant_date.map(long_date).unwrap_or_else(|| "________".into()))),
        ("Pump and drug", format!("{}; {} {} mcg/mL; {} mcg/day", pump.model.display_name(), pump.drug.name, pump.drug.concentration_mcg_per_ml.map(|c| c.to_string()).unwrap_or_default(), pump.drug.daily_dose_mcg_per_day.map(|d| d.to_string()).unwrap_or_default())),
        ("Last refill and refill schedule", format!("Last refill {}; refill by {}{}", pump.last_refill.map(|r| long_date(r.date)).unwrap_or_else(|| "________".into()), c.refill_by.map(long_date).unwrap_or_else(|| "________".into()), c.alarm_date.map(|a| format!("; {}", paper_rule(a, crate::words::date_order()))).unwrap_or_default())),
        ("Current medications", child.medicines.iter().map(|m| format!("{} {} ({})", m.name, m.dose, m.schedule)).collect::<Vec<_>>().join("; ")),
        ("This child's own signs of overdose", own_signs_text(&child.overdose_signs_911, &child.overdose_signs, &emergency_number)),
        ("This child's own signs of under-dose (withdrawal)", own_signs_text(&child.withdrawal_signs_911, &child.withdrawal_signs, &emergency_number)),
        ("Skin and pump-site checks", "Look for redness, swelling or fluid at the pump or at the surgery cut (incision): call the family and the pump clinic the same day [G2][W6].".into()),
        ("Activity and positioning restrictions", child.activity_restrictions.clone()),
        ("Fever protocol", format!("{} Any fever: call the pump clinic [CW][G2].", child.fever_protocol)),
        ("Device card / bracelet", child.medical_id.clone()),
        ("PRN emergency medicines", child.prn_medicines.iter().map(|m| format!("{}: {} (when: {})", m.name, m.dose, m.when_to_give)).chain(std::iter::once(printed(&PRN_OVERDOSE_CAUTION))).collect::<Vec<_>>().join("; ")),
    ];
    rsx! {
        div { class: "print-doc sheet",
            h1 { "Individual health plan: intrathecal baclofen pump" }
            p { class: "sheet-note", "Student: {child.name}, born {child.date_of_birth.map(long_date).unwrap_or_default()}. Following the school-nurse checklist [I1]. {card_dates(&child, crate::words::date_order())}. {printed_on(today)}." }
            p { class: "ems-warning", "{printed(&EMS_WARNING)}" }
            table { class: "sheet-table",
                tbody {
                    for (label, value) in rows {
                        tr { th { "{label}" } td { "{or_blank(&value)}" } }
                    }
                }
            }
            h2 { "Emergency action plan" }
            if child.plan_steps.is_empty() {
                p { "Call {emergency_number} for: {sign_list(&child.name, signs_at(Level::Call911Now))}." }
                p { "Also call {emergency_number} for these together: {combinations_text()}" }
                p { "Call the family and the pump clinic now for: {sign_list(&child.name, signs_at(Level::CallClinicNow))}." }
            } else {
                ol { for s in child.plan_steps.iter() { li { "{s}" } } }
            }
            h2 { "Contacts" }
            ul {
                for ct in child.contacts.iter() { li { "{ct.name} ({ct.relation}): {ct.phone}" } }
                li { "Pump clinic: {child.providers.pump_clinic.name} {child.providers.pump_clinic.phone}" }
            }
        }
    }
}

/// The child's own signs for the school plan: the ones the clinic's plan sends to the
/// emergency number first, marked as such.
fn own_signs_text(call_911: &[String], clinic: &[String], number: &str) -> String {
    call_911
        .iter()
        .map(|s| format!("{s} (call {number})"))
        .chain(clinic.iter().map(|s| format!("{s} (call the clinic)")))
        .collect::<Vec<_>>()
        .join("; ")
}
