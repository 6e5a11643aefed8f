//! Validation rules of the device-card forms (issue: device cards). Each rule has a case that
//! breaks it and shows the message lands on the right field, and nothing is built.

mod common;

use common::{draft, full_child, full_child_draft, full_pump_draft, today};
use itb_companion::core::card_form::{
    check_phone, child_draft, child_from_draft, parse_date, pump_draft, pump_from_draft, sections,
    CardForm, DateRule, FieldKind,
};
use itb_companion::core::profile::{Child, PumpModel};
use itb_companion::core::units::Fixed3;
use itb_companion::words::forms::field_problem;

fn child_error(mutate: &[(&str, &str)], field: &str) -> String {
    let mut d = full_child_draft();
    for (k, v) in mutate {
        d.insert(k.to_string(), v.to_string());
    }
    let issues = child_from_draft(&d, &Child::default(), today()).expect_err("must be refused");
    issues
        .errors
        .get(field)
        .map(field_problem)
        .unwrap_or_else(|| panic!("no error on {field}: {issues:?}"))
}

fn pump_result(
    mutate: &[(&str, &str)],
) -> Result<
    (
        itb_companion::core::profile::Pump,
        itb_companion::core::card_form::FormIssues,
    ),
    itb_companion::core::card_form::FormIssues,
> {
    let mut d = full_pump_draft();
    for (k, v) in mutate {
        d.insert(k.to_string(), v.to_string());
    }
    pump_from_draft(&d, &full_child(), today())
}

fn pump_error(mutate: &[(&str, &str)], field: &str) -> String {
    let issues = pump_result(mutate).expect_err("must be refused");
    issues
        .errors
        .get(field)
        .map(field_problem)
        .unwrap_or_else(|| panic!("no error on {field}: {issues:?}"))
}

fn pump_warning(mutate: &[(&str, &str)], field: &str) -> String {
    // An unusual value is often a 2x change from the saved card too: confirmed against the
    // printout (tests/forms_safety.rs), so the warning is all that is left to see.
    let mutate: Vec<_> = mutate
        .iter()
        .copied()
        .chain([("drug_change_checked", "true")])
        .collect();
    let (_, issues) = pump_result(&mutate).expect("warnings never block");
    issues
        .warnings
        .get(field)
        .map(field_problem)
        .unwrap_or_else(|| panic!("no warning on {field}: {issues:?}"))
}

#[test]
fn a_full_synchromed_card_is_accepted_exactly() {
    let child = full_child();
    assert_eq!(child.name, "Maya Rivera");
    assert!(child.baseline.non_verbal);
    assert_eq!(child.contacts.len(), 2);
    assert_eq!(
        child.withdrawal_signs,
        vec!["Itchy", "Stiff legs", "Fast heart rate"]
    );
    let pump = child.pump.unwrap();
    assert_eq!(pump.model, PumpModel::SynchromedII8637_20);
    assert_eq!(pump.drug.concentration_mcg_per_ml, Some(Fixed3::whole(500)));
    assert_eq!(pump.drug.daily_dose_mcg_per_day, Some(Fixed3::whole(250)));
    assert_eq!(pump.last_refill.unwrap().volume_ml, Fixed3::whole(20));
}

#[test]
fn drafts_round_trip_through_the_saved_card() {
    let child = full_child();
    let (again, _) = child_from_draft(&child_draft(&child), &child, today()).unwrap();
    assert_eq!(again, child);
    let (pump, _) = pump_from_draft(&pump_draft(&child), &child, today()).unwrap();
    assert_eq!(Some(pump), child.pump);
}

#[test]
fn required_fields_are_marked_and_enforced() {
    let required = |form| -> Vec<String> {
        sections(form)
            .into_iter()
            .flat_map(|s| s.fields)
            .filter(|f| f.required)
            .map(|f| f.id)
            .collect()
    };
    // Issue 15.7: a family's first save needs only what identifies the child; the rest
    // (contacts, clinic) is asked for on Home until it is there.
    assert_eq!(required(CardForm::Child), ["name", "date_of_birth"]);
    for id in ["concentration", "daily_dose", "pump_model"] {
        assert!(
            required(CardForm::Pump).contains(&id.to_string()),
            "{id} must be required"
        );
    }
    assert_eq!(
        child_error(&[("name", "  ")], "name"),
        "Child's name is required."
    );
    assert!(child_error(&[("date_of_birth", "")], "date_of_birth").contains("required"));
    assert!(pump_error(&[("concentration", "")], "concentration").contains("required"));
}

#[test]
fn implant_and_refill_dates_cannot_be_in_the_future() {
    assert!(pump_error(&[("implant_date", "2026-11-24")], "implant_date").contains("future"));
    assert!(
        pump_error(&[("last_refill_date", "2027-01-01")], "last_refill_date").contains("future")
    );
    assert!(child_error(&[("date_of_birth", "2030-01-01")], "date_of_birth").contains("future"));
    // Today itself is fine.
    assert!(pump_result(&[
        ("last_refill_date", "2026-11-23"),
        ("printout_alarm_date", "2026-12-30")
    ])
    .is_ok());
}

#[test]
fn dates_must_fall_in_a_sane_range() {
    assert!(
        child_error(&[("date_of_birth", "1026-04-02")], "date_of_birth").contains("check the year")
    );
    assert!(pump_error(
        &[("printout_alarm_date", "2206-12-08")],
        "printout_alarm_date"
    )
    .contains("check the year"));
    assert!(
        child_error(&[("date_of_birth", "02/04/2016")], "date_of_birth").contains("YYYY-MM-DD")
    );
    assert!(
        child_error(&[("date_of_birth", "2016-02-30")], "date_of_birth").contains("YYYY-MM-DD")
    );
    assert!(
        pump_error(&[("implant_date", "2015-01-01")], "implant_date")
            .contains("before the child's date of birth")
    );
    assert!(child_error(&[("weight_date", "2010-01-01")], "weight_date")
        .contains("before the date of birth"));
    assert!(parse_date("2028-02-29", DateRule::Any, today()).is_ok());
}

#[test]
fn concentration_and_dose_must_be_positive() {
    assert!(pump_error(&[("concentration", "0")], "concentration").contains("more than 0"));
    assert!(pump_error(&[("concentration", "-500")], "concentration").contains("negative"));
    assert!(pump_error(&[("daily_dose", "abc")], "daily_dose").contains("digits"));
    assert!(pump_error(&[("daily_dose", "0")], "daily_dose").contains("mcg/day"));
}

#[test]
fn unusual_concentration_or_dose_warns_but_saves() {
    // 2 typed for 2000 mcg/mL (someone read mg/mL): a warning that names the unit.
    assert!(
        pump_warning(&[("concentration", "2")], "concentration").contains("1 mg/mL = 1000 mcg/mL")
    );
    assert!(pump_warning(&[("concentration", "4000")], "concentration").contains("50 to 3000"));
    assert!(pump_warning(&[("daily_dose", "5")], "daily_dose").contains("10 to 2000"));
    assert!(pump_warning(&[("daily_dose", "2500")], "daily_dose").contains("[L6]"));
    let (_, issues) = pump_result(&[]).unwrap();
    assert!(
        issues.warnings.is_empty(),
        "a typical card has no warning: {issues:?}"
    );
}

#[test]
fn alarm_volume_must_be_below_reservoir_volume() {
    assert!(
        pump_error(&[("alarm_volume_ml", "20")], "alarm_volume_ml").contains("below the reservoir")
    );
    assert!(pump_error(&[("alarm_volume_ml", "25")], "alarm_volume_ml").contains("20 mL"));
    assert!(
        pump_error(&[("last_refill_volume", "21")], "last_refill_volume")
            .contains("reservoir holds")
    );
    assert!(pump_warning(
        &[("reservoir_ml", "40"), ("last_refill_volume", "20")],
        "reservoir_ml"
    )
    .contains("20 mL"));
}

#[test]
fn phone_numbers_must_look_plausible() {
    assert!(check_phone("911").is_ok());
    assert!(check_phone("+44 20 7946 0958").is_ok());
    assert!(check_phone("(555) 010-1001").is_ok());
    assert!(check_phone("12").is_err());
    assert!(check_phone("call mum").is_err());
    assert!(check_phone("1234567890123456").is_err());
    assert!(child_error(&[("clinic_phone", "555-CLINIC")], "clinic_phone").contains("digits"));
    assert!(child_error(&[("contact1_phone", "12")], "contact1_phone").contains("digits"));
}

#[test]
fn every_number_field_names_its_unit() {
    for section in sections(CardForm::Child)
        .into_iter()
        .chain(sections(CardForm::Pump))
    {
        for f in section.fields {
            if let FieldKind::Number { unit } = f.kind {
                assert!(!unit.is_empty(), "{}", f.id);
            }
        }
    }
    assert!(pump_error(&[("reservoir_ml", "x")], "reservoir_ml").contains("(in mL)"));
}

#[test]
fn text_that_is_too_long_is_refused() {
    let long = "a".repeat(10_000);
    assert!(child_error(&[("diagnoses", &long)], "diagnoses").contains("Too long"));
    assert!(child_error(&[("name", &"b".repeat(81))], "name").contains("80"));
}

#[test]
fn other_pump_model_needs_its_name() {
    assert!(pump_error(&[("pump_model", "other")], "pump_model_other").contains("implant card"));
    let (pump, _) =
        pump_result(&[("pump_model", "other"), ("pump_model_other", "Codman 3000")]).unwrap();
    assert_eq!(pump.model.display_name(), "Codman 3000");
    assert!(pump_error(&[("pump_model", "made-up")], "pump_model").contains("Choose"));
}

#[test]
fn flex_steps_must_be_complete_and_sum_to_the_dose() {
    assert!(pump_error(&[("flex1_start", "08:00")], "flex1_rate").contains("rate"));
    assert!(pump_error(
        &[("flex1_start", "25:00"), ("flex1_rate", "10")],
        "flex1_start"
    )
    .contains("HH:MM"));
    // 10 mcg/h all day = 240 mcg/day, printout says 250: never saved unseen (issue 15.7).
    // Refused, with the message on the dose, on the step and on the box that confirms it...
    let mismatch = [("flex1_start", "00:00"), ("flex1_rate", "10")];
    for field in ["daily_dose", "flex1_rate", "flex_confirmed"] {
        let e = pump_error(&mismatch, field);
        assert!(
            e.contains("240 mcg/day") && e.contains("250 mcg/day"),
            "{e}"
        );
    }
    // ...which the form shows, right after the steps, only while they differ.
    let mut d = full_pump_draft();
    d.extend(mismatch.map(|(k, v)| (k.to_string(), v.to_string())));
    let shown = |d: &itb_companion::core::card_form::Draft| {
        itb_companion::core::card_form::sections_for(CardForm::Pump, d)
            .iter()
            .any(|s| s.fields.iter().any(|f| f.id == "flex_confirmed"))
    };
    assert!(shown(&d));
    assert!(!shown(&full_pump_draft()));
    // Ticked ("the printout says exactly this"): saved, with the warning kept.
    let w = pump_warning(
        &[
            ("flex1_start", "00:00"),
            ("flex1_rate", "10"),
            ("flex_confirmed", "true"),
        ],
        "daily_dose",
    );
    assert!(w.contains("240 mcg/day"), "{w}");
    // A saved mismatch comes back ticked, so an unchanged edit saves it again.
    let (pump, _) = pump_result(&[
        ("flex1_start", "00:00"),
        ("flex1_rate", "10"),
        ("flex_confirmed", "true"),
    ])
    .unwrap();
    let mut child = full_child();
    child.pump = Some(pump);
    let again = itb_companion::core::card_form::pump_draft(&child);
    assert_eq!(
        again.get("flex_confirmed").map(String::as_str),
        Some("true")
    );
    let (pump, issues) = pump_result(&[
        ("flex1_start", "00:00"),
        ("flex1_rate", "10"),
        ("flex2_start", "12:00"),
        ("flex2_rate", "10.833"),
    ])
    .unwrap();
    assert!(!issues.warnings.contains_key("daily_dose"), "{issues:?}");
    assert_eq!(pump.drug.flex_steps.len(), 2);
}

#[test]
fn a_weekday_flex_program_is_entered_and_checked_against_the_average_daily_dose() {
    // clinical-reference.md §2, lines 31-32: "the pump can run up to 13 steps a day with
    // different rates, varying by weekday [M5]. The printout gives the average daily dose".
    // Mon-Fri 10 mcg/h all day (240 mcg/day), Sat-Sun 12 mcg/h (288): the week's average is
    // (5 x 240 + 2 x 288) / 7 = 253.714... mcg/day.
    let program = [
        ("flex1_start", "00:00"),
        ("flex1_days", "Mon-Fri"),
        ("flex1_rate", "10"),
        ("flex2_start", "00:00"),
        ("flex2_days", "Sat, Sun"),
        ("flex2_rate", "12"),
    ];
    let with_dose = |dose: &'static str| {
        let mut m = program.to_vec();
        m.push(("daily_dose", dose));
        m
    };
    // The printout's average (253.714 to 1 mcg/day): saved, no warning; the same start time
    // on different days is no clash.
    let (pump, issues) = pump_result(&with_dose("253.714")).unwrap();
    assert!(issues.warnings.is_empty(), "{issues:?}");
    let days: Vec<String> = pump
        .drug
        .flex_steps
        .iter()
        .map(|s| s.days.to_string())
        .collect();
    assert_eq!(days, ["Mon-Fri", "Sat, Sun"]);
    // Against 250 mcg/day the program is 3.7 mcg/day off: confirm or fix, as for one day.
    let e = pump_error(&with_dose("250"), "daily_dose");
    assert!(e.contains("253.7 mcg/day"), "{e}");
    // A day without steps has no dose: refused, naming the day.
    let e = pump_error(
        &[
            ("flex1_start", "00:00"),
            ("flex1_days", "Mon-Fri"),
            ("flex1_rate", "10"),
        ],
        "flex1_days",
    );
    assert!(e.contains("Saturday, Sunday"), "{e}");
    // Days the app cannot read are refused with an example.
    let e = pump_error(
        &[
            ("flex1_start", "00:00"),
            ("flex1_days", "every other day"),
            ("flex1_rate", "10"),
        ],
        "flex1_days",
    );
    assert!(e.contains("Mon-Fri"), "{e}");
    // Two steps at one time on a shared day clash.
    let e = pump_error(
        &[
            ("flex1_start", "00:00"),
            ("flex1_days", "Mon-Fri"),
            ("flex1_rate", "10"),
            ("flex2_start", "00:00"),
            ("flex2_days", "Fri-Sun"),
            ("flex2_rate", "12"),
        ],
        "flex2_start",
    );
    assert!(e.contains("same time on the same day"), "{e}");
}

#[test]
fn weekday_words_read_back_as_written() {
    use itb_companion::core::profile::WeekDays;
    for bits in 1..=127u8 {
        let days = WeekDays(bits);
        let back = WeekDays::parse(&days.to_string()).unwrap();
        assert!(
            (0..7).all(|d| back.has(d) == days.has(d)),
            "{bits:07b} -> {days} -> {back:?}"
        );
    }
    for (text, bits) in [
        ("weekdays", 0b001_1111),
        ("weekends", 0b110_0000),
        ("Mon Wed Fri", 0b001_0101),
        ("monday and tuesday", 0b000_0011),
        ("Fri-Mon", 0b111_0001),
        ("", 0),
    ] {
        assert_eq!(WeekDays::parse(text).unwrap().0, bits, "{text}");
    }
}

#[test]
fn printout_alarm_date_must_follow_the_last_refill() {
    assert!(pump_error(
        &[("printout_alarm_date", "2026-10-30")],
        "printout_alarm_date"
    )
    .contains("after the last refill"));
    assert!(
        pump_error(&[("last_refill_volume", "")], "last_refill_volume").contains("volume filled")
    );
    assert!(
        pump_error(&[("last_refill_volume", "2")], "last_refill_volume")
            .contains("more than the alarm volume")
    );
}

#[test]
fn nothing_is_built_from_an_invalid_draft() {
    let issues = child_from_draft(
        &draft(&[("name", "Maya"), ("contact1_phone", "call mum")]),
        &Child::default(),
        today(),
    )
    .unwrap_err();
    // In the form's order: the date of birth comes before the contacts.
    assert_eq!(
        issues.errors.keys().collect::<Vec<_>>(),
        ["date_of_birth", "contact1_phone"],
        "{issues:?}"
    );
}

#[test]
fn a_pasted_udi_fills_the_serial_and_a_bad_one_is_refused() {
    use itb_companion::core::card_form::apply_derived;
    use itb_companion::core::udi::gtin_check_digit;
    let body = "0064316900722";
    let udi = format!(
        "(01){body}{}(17)280600(21)NGP999888H",
        gtin_check_digit(body).unwrap()
    );
    let mut d = full_pump_draft();
    d.insert("serial_number".into(), String::new());
    d.insert("udi".into(), udi.clone());
    apply_derived(&mut d, "udi", today());
    assert_eq!(d["serial_number"], "NGP999888H");
    let (pump, _) = pump_from_draft(&d, &full_child(), today()).unwrap();
    assert_eq!(pump.serial_number, "NGP999888H");
    assert_eq!(pump.udi, udi);
    assert!(
        pump_error(&[("udi", "+H123ABC")], "udi").contains("not a GS1 code: look it up instead")
    );
    assert!(pump_error(&[("udi", "(01)123")], "udi").contains("14 digits"));
}
