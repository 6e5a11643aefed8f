//! The emergency card, Home's escalation, the overdose watch and the pump model, tested from
//! `../shared/clinical-reference.md` §1, §5 and §6 and from what a family does. Each test cites
//! the reference line it comes from.

mod common;

use chrono::{Days, NaiveDate};
use itb_companion::core::card_form::{pump_draft, pump_from_draft, refill_from_draft, CardForm};
use itb_companion::core::countdown::{
    countdown, due_reminders, overdose_watch_until, ReminderKind, ReminderSettings, Status,
};
use itb_companion::core::dates::DateOrder;
use itb_companion::core::ems::{ems_card, EmsCard};
use itb_companion::core::family::Family;
use itb_companion::core::profile::{Child, PrnMedicine, PumpModel};
use itb_companion::platform::store::StoreHandle;
use itb_companion::words::forms::field_problem;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn card_at(child: &Child, today: NaiveDate) -> EmsCard {
    ems_card(
        child,
        today,
        &ReminderSettings::default(),
        DateOrder::DayMonth,
    )
}

fn value(card: &EmsCard, label: &str) -> String {
    card.sections
        .iter()
        .flat_map(|s| &s.lines)
        .find(|l| l.label == label)
        .unwrap_or_else(|| panic!("the card has no line {label:?}"))
        .value
        .clone()
}

#[test]
fn the_first_sections_hold_what_a_crew_needs_first() {
    // Issue 14.5 / reference §6 (lines 139-153): pump, drug, concentration, dose, the alarm
    // date status, the two steps and the calls come before name, weight and diagnoses.
    let card = card_at(&common::full_child(), common::today());
    let titles: Vec<&str> = card.sections.iter().map(|s| s.title).collect();
    assert_eq!(
        &titles[..3],
        ["Intrathecal baclofen pump", "If you suspect", "Call"]
    );
    let first: Vec<&str> = card.sections[0].lines.iter().map(|l| l.label).collect();
    for needed in [
        "Pump",
        "Concentration",
        "Daily dose",
        "Low-reservoir alarm date",
    ] {
        assert!(first.contains(&needed), "{needed} in {first:?}");
    }
    assert!(value(&card, "Concentration").contains("500 mcg/mL"));
    assert!(value(&card, "Daily dose").contains("250 mcg/day"));
    let steps: Vec<&str> = card.sections[1].lines.iter().map(|l| l.label).collect();
    assert_eq!(steps, ["Withdrawal", "Overdose", "Either"]);
    // Reference §6: the last refill and the last dose change are on the first screen.
    assert!(first.contains(&"Last refill"), "{first:?}");
    let mut changed = common::full_child();
    changed.pump.as_mut().unwrap().dose_changed_on = Some(common::today());
    let card = card_at(&changed, common::today());
    assert!(card.sections[0]
        .lines
        .iter()
        .any(|l| l.label == "Last dose or concentration change"));
    let calls = &card.sections[2].lines;
    assert!(calls
        .iter()
        .any(|l| l.label.starts_with("Pump clinic") && l.phone.is_some()));
    assert!(
        calls.iter().any(
            |l| l.label == "Parent / guardian" && l.phone.as_deref() == Some("+1 555 010 1000")
        ),
        "a parent's number is one tap away"
    );
}

#[test]
fn withdrawal_and_overdose_steps_are_apart_and_overdose_never_says_refill() {
    // Reference line 150-151: "Do NOT "refill" or restore delivery for a suspected overdose:
    // the card must keep the withdrawal and overdose steps apart and label each."
    let card = card_at(&common::full_child(), common::today());
    let withdrawal = card
        .actions
        .iter()
        .find(|g| g.title.contains("WITHDRAWAL"))
        .expect("a withdrawal group");
    let overdose = card
        .actions
        .iter()
        .find(|g| g.title.contains("OVERDOSE"))
        .expect("an overdose group");
    assert!(withdrawal
        .steps
        .iter()
        .any(|s| s.text.contains("Restore intrathecal delivery")));
    let overdose_texts: Vec<String> = overdose
        .steps
        .iter()
        .map(|s| s.text.to_string())
        .chain([value(&card, "Overdose")])
        .collect();
    for text in &overdose_texts {
        let lower = text.to_lowercase();
        if lower.contains("refill") || lower.contains("restore") {
            assert!(
                text.contains("NOT"),
                "an overdose step speaks of refilling only to forbid it: {text}"
            );
        }
    }
    assert!(overdose_texts.iter().any(|t| t.contains("Do NOT refill")));
    assert!(value(&card, "Withdrawal").contains("Restore pump delivery"));
}

#[test]
fn prn_medicines_hospital_vitals_and_procedures_are_on_the_card() {
    // Reference line 154: "The card lists the PRN emergency medicines (oral baclofen,
    // diazepam)"; issue 14.5: preferred hospital, baseline vital signs, procedures to avoid.
    let mut child = common::full_child();
    child.prn_medicines.push(PrnMedicine {
        name: "Oral baclofen".into(),
        dose: "10 mg".into(),
        when_to_give: "Pump alarm, until seen".into(),
    });
    let card = card_at(&child, common::today());
    let prn = value(&card, "Emergency medicines (PRN)");
    assert!(prn.contains("Diazepam (rectal) 5 mg") && prn.contains("Oral baclofen 10 mg"));
    assert_eq!(
        value(&card, "Preferred hospital"),
        "City Children's Hospital"
    );
    assert!(value(&card, "Baseline vital signs").contains("HR 80-100"));
    assert!(value(&card, "Procedures to avoid").contains("No MRI"));
    // What was given matters before giving more [L1, interactions] (line 155-157).
    assert!(card
        .actions
        .iter()
        .flat_map(|g| &g.steps)
        .any(|s| s.text.contains("before giving more") && s.sources.contains(&"L1")));
}

#[test]
fn a_passed_alarm_date_says_passed_and_the_pump_may_be_empty() {
    // Reference lines 152-153: a passed alarm or estimated empty date is shown as "PASSED n
    // days ago: the pump may be empty". The full card's printout alarm date is 2026-12-08.
    let child = common::full_child();
    let before = card_at(&child, d("2026-12-01"));
    assert!(
        !value(&before, "Low-reservoir alarm date").contains("PASSED"),
        "not before the date"
    );
    let after = card_at(&child, d("2026-12-11"));
    assert!(value(&after, "Low-reservoir alarm date")
        .contains("PASSED 3 days ago: the pump may be empty"));
    // Long after, the estimated empty date has passed too (20 mL at 0.5 mL/day: 40 days).
    let much_later = card_at(&child, d("2027-01-01"));
    assert!(value(&much_later, "Estimated empty date").contains("PASSED"));
    // Home says the same: past the alarm date the status is Overdue, "may be empty".
    let c = countdown(&child, d("2026-12-11"), &ReminderSettings::default());
    assert_eq!(c.status, Status::Overdue);
    let advice = itb_companion::words::home::status_advice(c.status, false, "911");
    assert!(advice.contains("may be empty"), "{advice}");
}

#[test]
fn a_prometra_card_says_empty_the_pump_before_mri_and_a_synchromed_card_does_not() {
    // Reference §1 table, MRI row: Prometra "pump must be EMPTIED before an MRI" [F3];
    // SynchroMed: "the pump must be checked (interrogated) by the clinic after any MRI".
    let mut prometra = common::full_child();
    prometra.pump.as_mut().unwrap().model = PumpModel::PrometraII13827;
    let mri = |c: &Child| {
        card_at(c, common::today())
            .actions
            .iter()
            .flat_map(|g| g.steps.clone())
            .find(|s| s.text.starts_with("MRI"))
            .unwrap()
            .text
    };
    assert!(mri(&prometra).contains("must be EMPTIED before an MRI"));
    let synchromed = common::full_child();
    assert!(mri(&synchromed).contains("interrogate"));
    assert!(!mri(&synchromed).contains("EMPTIED"));
}

#[test]
fn a_new_pump_has_no_model_or_site_until_the_family_chooses() {
    // Issue 14.4: no silent default for what changes clinical content (the MRI line above).
    let child = Child {
        name: "Sam".into(),
        ..Child::default()
    };
    let draft = pump_draft(&child);
    assert!(!draft.contains_key("pump_model") && !draft.contains_key("pump_site"));
    let mut typed = common::full_pump_draft();
    typed.remove("pump_model");
    typed.remove("pump_site");
    let issues = pump_from_draft(&typed, &child, common::today()).unwrap_err();
    assert!(field_problem(&issues.errors["pump_model"]).contains("Pump model is required"));
    assert!(field_problem(&issues.errors["pump_site"]).contains("Pump site is required"));
    // A saved card keeps its model through an edit.
    let saved = common::full_child();
    assert_eq!(
        pump_draft(&saved).get("pump_model").map(String::as_str),
        Some("synchromed_ii_8637_20")
    );
    // A card saved before the model was required (no model in the file) asks again.
    let json = r#"{"name":"Old","pump":{"serial_number":"X1"}}"#;
    let old: Child = serde_json::from_str(json).unwrap();
    assert!(!old.pump.as_ref().unwrap().model.is_synchromed());
    assert!(!pump_draft(&old).contains_key("pump_model"));
    let _ = CardForm::Pump;
}

#[test]
fn an_overdue_refill_reminds_every_day_until_a_refill_is_recorded() {
    // Issue 14.6: reminders keep coming daily while a refill is overdue (they stopped after
    // 7 days). Refill-by is 3 days before the 2026-12-08 alarm date: 2026-12-05.
    let child = common::full_child();
    let settings = ReminderSettings::default();
    let mut delivered = std::collections::BTreeSet::new();
    let start = d("2026-12-06");
    for n in 0..30 {
        let day = start.checked_add_days(Days::new(n)).unwrap();
        let (show, keys) = due_reminders(&child, day, &settings, &delivered);
        assert!(
            show.iter().any(|r| r.kind == ReminderKind::Overdue),
            "day {n} after refill-by ({day}) has an overdue reminder: {show:?}"
        );
        delivered.extend(keys);
    }
    // The family records the refill: the overdue reminders end.
    let today = d("2027-01-05");
    let refill = common::draft(&[("refill_date", "2027-01-05"), ("refill_volume", "20")]);
    let (pump, _) = refill_from_draft(&refill, &child, today).unwrap();
    let mut refilled = child.clone();
    refilled.pump = Some(pump);
    let (show, _) = due_reminders(&refilled, today, &settings, &delivered);
    assert!(
        show.iter().all(|r| r.kind != ReminderKind::Overdue),
        "{show:?}"
    );
}

#[test]
fn after_a_refill_or_a_dose_change_the_family_watches_for_overdose_for_72_hours() {
    // Reference lines 126-129: overdose is most likely after a refill, a dose change or a
    // concentration change; the app uses 72 hours (a setting).
    let child = common::full_child();
    let day = d("2026-12-05");
    assert_eq!(overdose_watch_until(&child, day, 72), None);
    let refill = common::draft(&[("refill_date", "2026-12-05"), ("refill_volume", "20")]);
    let (pump, _) = refill_from_draft(&refill, &child, day).unwrap();
    let mut refilled = child.clone();
    refilled.pump = Some(pump);
    assert_eq!(
        overdose_watch_until(&refilled, day, 72),
        Some(d("2026-12-08"))
    );
    assert_eq!(
        overdose_watch_until(&refilled, d("2026-12-08"), 72),
        Some(d("2026-12-08"))
    );
    assert_eq!(overdose_watch_until(&refilled, d("2026-12-09"), 72), None);
    assert_eq!(
        overdose_watch_until(&refilled, day, 24),
        Some(d("2026-12-06")),
        "the setting changes the window"
    );
    // A dose typed into the pump form starts the watch too; an unchanged form does not.
    let mut draft = pump_draft(&child);
    let (same, _) = pump_from_draft(&draft, &child, day).unwrap();
    assert_eq!(same.dose_changed_on, None);
    draft.insert("daily_dose".into(), "300".into());
    let (changed, _) = pump_from_draft(&draft, &child, day).unwrap();
    assert_eq!(changed.dose_changed_on, Some(day));
}

#[test]
fn a_concentration_changed_2x_at_a_refill_is_confirmed_against_the_printout() {
    // Reference lines 129-130: "A concentration change of 2x or more at a refill is a
    // 4x-style error risk: ask the family to confirm it against the printout."
    let child = common::full_child(); // 500 mcg/mL
    let today = d("2026-12-05");
    let typed = |conc: &str, checked: bool| {
        let mut d = common::draft(&[
            ("refill_date", "2026-12-05"),
            ("refill_volume", "20"),
            ("refill_concentration", conc),
        ]);
        if checked {
            d.insert("refill_concentration_checked".into(), "true".into());
        }
        refill_from_draft(&d, &child, today)
    };
    let refused = typed("2000", false).unwrap_err();
    assert!(field_problem(&refused.errors["refill_concentration"]).contains("printout"));
    let (pump, _) = typed("2000", true).unwrap();
    assert_eq!(
        pump.drug.concentration_mcg_per_ml.unwrap().to_string(),
        "2000"
    );
    assert!(typed("250", false).is_err(), "halving is a 2x change too");
    assert!(
        typed("900", false).is_ok(),
        "under 2x needs no confirmation"
    );
}

#[test]
fn with_the_emergency_number_112_no_printable_or_screen_says_911() {
    // Reference lines 133-135: every "call 911" label and tel: link follows Settings, on every
    // screen and printable.
    let mut family = Family::default();
    family.save_child(common::full_child(), Some(common::today()));
    family.settings.emergency_number = "112".into();
    for path in [
        "/",
        "/symptoms",
        "/plan",
        "/emergency",
        "/print/wallet",
        "/print/eif",
        "/print/school",
        "/alarms",
    ] {
        let store = StoreHandle::memory();
        store.0.save(&family).unwrap();
        let html = dioxus_ssr::render(&common::app_at(store, path, None));
        assert!(
            !html.contains("911"),
            "{path} says 911 with the number set to 112"
        );
        if path == "/symptoms" || path == "/plan" {
            assert!(html.contains("tel:112"), "{path} calls 112");
        }
    }
}

#[test]
fn the_card_gives_the_weight_in_kilograms_and_pounds() {
    // Hazard: a weight typed in pounds into the kg field. 24.5 kg is 54 lb; a crew reading
    // "54 kg = 119 lb" for a small child sees the slip.
    let card = card_at(&common::full_child(), common::today());
    assert!(
        value(&card, "Weight").starts_with("24.5 kg = 54 lb"),
        "{}",
        value(&card, "Weight")
    );
}

#[test]
fn a_new_pump_with_the_old_pumps_dates_is_refused() {
    // Hazard H23: the family types the new pump's implant date and leaves the old pump's
    // refill and replacement-alarm (ERI) dates, which would drive the countdown.
    let child = common::full_child(); // last refill 2026-11-02
    let mut draft = pump_draft(&child);
    draft.insert("implant_date".into(), "2026-11-20".into());
    draft.insert("eri_date".into(), "2026-11-01".into());
    let issues = pump_from_draft(&draft, &child, common::today()).unwrap_err();
    assert!(field_problem(&issues.errors["last_refill_date"]).contains("before the implant date"));
    assert!(field_problem(&issues.errors["eri_date"]).contains("before the implant date"));
}

#[test]
fn a_synchromed_card_gives_medtronics_24_hour_clinician_line() {
    // Reference line 159: "Medtronic clinician line, 24 hours, 1-800-707-0933 [M8][M11]".
    let synchromed = card_at(&common::full_child(), common::today());
    let line = synchromed
        .sections
        .iter()
        .flat_map(|s| &s.lines)
        .find(|l| l.label.starts_with("Medtronic clinician line"))
        .expect("a SynchroMed card has the line");
    assert_eq!(line.phone.as_deref(), Some("1-800-707-0933"));
    assert_eq!(line.sources, ["M8", "M11"]);
    let mut prometra = common::full_child();
    prometra.pump.as_mut().unwrap().model = PumpModel::PrometraII13827;
    assert!(card_at(&prometra, common::today())
        .sections
        .iter()
        .flat_map(|s| &s.lines)
        .all(|l| !l.label.starts_with("Medtronic")));
}
