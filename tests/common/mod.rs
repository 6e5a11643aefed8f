//! Shared test data: a full SynchroMed II card as a parent would type it.
#![allow(dead_code)]

use chrono::NaiveDate;
use itb_companion::core::card_form::{child_from_draft, pump_from_draft, Draft};
use itb_companion::core::family::Family;
use itb_companion::core::profile::Child;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn draft(pairs: &[(&str, &str)]) -> Draft {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn full_child_draft() -> Draft {
    draft(&[
        ("name", "Maya Rivera"),
        ("date_of_birth", "2016-04-02"),
        ("weight_kg", "24.5"),
        ("weight_date", "2026-10-01"),
        ("diagnoses", "Cerebral palsy, spastic quadriplegia"),
        ("medical_id", "MedicAlert bracelet #445566"),
        ("neuro_status", "Alert, follows simple commands"),
        ("mobility", "Power wheelchair"),
        ("communication", "Non-verbal; uses eye gaze and a tablet"),
        ("non_verbal", "true"),
        ("vital_signs", "HR 80-100, RR 18-22, BP 100/60"),
        ("allergy_drug", "Penicillin (rash)"),
        ("allergy_food", "None known"),
        ("allergy_latex", "yes"),
        ("med1_name", "Oral baclofen"),
        ("med1_dose", "5 mg"),
        ("med1_schedule", "Twice a day"),
        ("prn1_name", "Diazepam (rectal)"),
        ("prn1_dose", "5 mg"),
        ("prn1_when", "Seizure over 5 minutes"),
        ("contact1_name", "Ana Rivera"),
        ("contact1_relation", "Mother"),
        ("contact1_phone", "+1 555 010 1000"),
        ("contact2_name", "Luis Rivera"),
        ("contact2_relation", "Father"),
        ("contact2_phone", "(555) 010-1001"),
        ("clinic_name", "Children's Pump Clinic, Dr. Chen"),
        ("clinic_phone", "+1 555 010 2000"),
        ("clinic_after_hours", "+1 555 010 2999"),
        ("primary_name", "Dr. Patel"),
        ("primary_phone", "555-010-3000"),
        ("neurosurgeon_name", "Dr. Okafor"),
        ("neurosurgeon_phone", "555 010 4000"),
        ("hospital", "City Children's Hospital"),
        (
            "procedures_to_avoid",
            "No MRI without calling the pump clinic",
        ),
        (
            "activity_restrictions",
            "No contact sports; no lying on the pump",
        ),
        ("fever_protocol", "Any fever: call the pump clinic"),
        ("overdose_signs", "Very sleepy\nFloppy"),
        ("withdrawal_signs", "Itchy\nStiff legs\nFast heart rate"),
    ])
}

pub fn full_pump_draft() -> Draft {
    draft(&[
        ("pump_model", "synchromed_ii_8637_20"),
        ("serial_number", "NGP123456H"),
        ("implant_date", "2021-09-14"),
        ("pump_site", "abdomen_right"),
        ("catheter_model", "8709SC"),
        ("catheter_tip", "T10"),
        ("catheter_date", "2021-09-14"),
        ("reservoir_ml", "20"),
        ("alarm_volume_ml", "2"),
        (
            "mri_notes",
            "Pump must be checked by the clinic after any MRI",
        ),
        ("drug_name", "Baclofen (intrathecal)"),
        ("drug_source", "brand"),
        ("concentration", "500"),
        ("daily_dose", "250"),
        ("last_refill_date", "2026-11-02"),
        ("last_refill_volume", "20"),
        ("printout_alarm_date", "2026-12-08"),
        ("next_appointment", "2026-12-03"),
        ("eri_date", ""),
    ])
}

pub fn full_child() -> Child {
    let (mut child, _) = child_from_draft(&full_child_draft(), &Child::default(), today()).unwrap();
    let (pump, _) = pump_from_draft(&full_pump_draft(), &child, today()).unwrap();
    child.pump = Some(pump);
    child
}

pub fn full_family() -> Family {
    let mut family = Family::default();
    family.save_child(full_child(), Some(today()));
    family
}

/// A family with one child per name (ids in order).
/// The first child's daily dose (what a parent changes at a refill visit).
pub fn daily_dose(f: &Family) -> Option<itb_companion::core::units::Fixed3> {
    f.children[0].pump.as_ref()?.drug.daily_dose_mcg_per_day
}

pub fn family_named(names: &[&str]) -> Family {
    let mut f = Family::default();
    for n in names {
        f.add_child(n);
    }
    f
}

/// xorshift64*: a small seeded PRNG, so every run writes the same "random" bytes and delays.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Text as dioxus-ssr escapes it (numeric references, as askama_escape writes them).
pub fn ssr_escape(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// Undoes dioxus-ssr's escaping.
pub fn ssr_unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

/// The app root at `path` on `today()`, with `store` and a start-up problem (as the platform
/// store reports one), after its first render: the way every SSR test starts the real app.
pub fn app_at(
    store: itb_companion::platform::store::StoreHandle,
    path: &str,
    store_problem: Option<String>,
) -> dioxus::prelude::VirtualDom {
    use itb_companion::app::{AppRoot, AppRootProps};
    let props = AppRootProps::builder()
        .store(store)
        .today(today())
        .start(Some(path.to_string()))
        .store_problem(store_problem)
        .build();
    let mut dom = dioxus::prelude::VirtualDom::new_with_props(AppRoot, props);
    dom.rebuild_in_place();
    dom
}

/// Runs a Python script on files (a parser the other side would use: icalendar, plistlib,
/// xml.etree) and returns the JSON it prints.
pub fn python_json<T: serde::de::DeserializeOwned>(script: &str, files: &[&std::path::Path]) -> T {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(files)
        .output()
        .expect("python3 runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// A word or a few, as families type names, relations and schedules (proptest).
pub fn word() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    "[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]".prop_map(|s| s.trim().to_string())
}

/// A US phone number in the 555-01xx range kept for fiction (proptest).
pub fn phone() -> impl proptest::strategy::Strategy<Value = String> {
    "\\+1 555 0[0-9]{2} [0-9]{4}"
}
