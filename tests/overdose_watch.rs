//! The overdose watch follows the card's own dates (reference §5, corrected 2026-12-07): the
//! last refill, however it was entered, and any change of dose, concentration or flex schedule;
//! never shorter than 24 hours. Tried as a new family would: the refill typed into the pump
//! form instead of "Record a refill".

mod common;

use chrono::NaiveDate;
use itb_companion::core::card_form::{pump_draft, pump_from_draft, refill_from_draft};
use itb_companion::core::countdown::{
    overdose_watch, parse_overdose_watch_hours, WatchCause, MIN_OVERDOSE_WATCH_HOURS,
};

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

fn reference() -> String {
    REFERENCE.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_refill_typed_in_the_pump_form_starts_the_overdose_watch() {
    assert!(reference().contains(
        "a refill typed into the pump form counts as much as one recorded with \"Record a refill\""
    ));
    let child = common::full_child();
    let today = d("2026-12-07");
    assert_eq!(overdose_watch(&child, today, 72), None, "last refill 2 Nov");
    // The family types last week's refill into the pump form, with its printout date.
    let mut draft = pump_draft(&child);
    draft.insert("last_refill_date".into(), "2026-12-05".into());
    draft.insert("printout_alarm_date".into(), "2027-01-10".into());
    let (pump, _) = pump_from_draft(&draft, &child, today).unwrap();
    let mut typed = child.clone();
    typed.pump = Some(pump);
    let watch = overdose_watch(&typed, today, 72).expect("the watch is on");
    assert_eq!(watch.since, d("2026-12-05"));
    assert_eq!(watch.until, d("2026-12-08"));
    assert_eq!(watch.cause, WatchCause::Refill);
    assert_eq!(watch.days_ago, 2);
    // The same refill recorded with "Record a refill" gives the same watch.
    let refill = common::draft(&[("refill_date", "2026-12-05"), ("refill_volume", "20")]);
    let (pump, _) = refill_from_draft(&refill, &child, today).unwrap();
    let mut recorded = child.clone();
    recorded.pump = Some(pump);
    assert_eq!(overdose_watch(&recorded, today, 72), Some(watch));
    assert_eq!(
        overdose_watch(&typed, d("2026-12-09"), 72),
        None,
        "72 hours on"
    );
}

#[test]
fn a_dose_concentration_or_flex_change_starts_the_watch_and_it_never_lasts_under_24_hours() {
    assert!(reference().contains(
        "it runs from the last refill date and from any change of dose, concentration or flex schedule"
    ));
    assert!(reference().contains("never below 24 hours"));
    let child = common::full_child();
    let today = d("2026-12-07");
    let changed = |key: &str, value: &str| {
        let mut draft = pump_draft(&child);
        draft.insert(key.into(), value.into());
        let (pump, _) = pump_from_draft(&draft, &child, today).unwrap();
        let mut c = child.clone();
        c.pump = Some(pump);
        c
    };
    // An unchanged form starts nothing.
    let same = changed("serial_number", "NGP123456H");
    assert_eq!(same.pump.as_ref().unwrap().dose_changed_on, None);
    assert_eq!(overdose_watch(&same, today, 72), None);
    // A new dose (under 2x, so no printout check) or concentration: dated today.
    for (key, value) in [("daily_dose", "300"), ("concentration", "600")] {
        let c = changed(key, value);
        assert_eq!(
            c.pump.as_ref().unwrap().dose_changed_on,
            Some(today),
            "{key}"
        );
        let w = overdose_watch(&c, today, 72).expect(key);
        assert_eq!(w.cause, WatchCause::DoseChange);
        assert_eq!(w.until, d("2026-12-10"));
    }
    // A flex schedule that adds up to the daily dose (250 mcg/day over 24 h).
    let mut draft = pump_draft(&child);
    for (k, v) in [
        ("flex1_start", "00:00"),
        ("flex1_rate", "10"),
        ("flex2_start", "12:00"),
        ("flex2_rate", "10.833"),
    ] {
        draft.insert(k.into(), v.into());
    }
    draft.insert("flex_confirmed".into(), "true".into());
    let (pump, _) = pump_from_draft(&draft, &child, today).expect("a flex schedule saves");
    assert!(!pump.drug.flex_steps.is_empty());
    assert_eq!(pump.dose_changed_on, Some(today), "a new flex schedule");
    // Never under 24 hours, whatever Settings or an older file says.
    let c = changed("daily_dose", "300");
    assert_eq!(MIN_OVERDOSE_WATCH_HOURS, 24);
    for hours in [0, 1, 12, 23, 24] {
        assert_eq!(
            overdose_watch(&c, today, hours).map(|w| w.until),
            Some(d("2026-12-08")),
            "{hours} hours"
        );
        assert!(overdose_watch(&c, d("2026-12-08"), hours).is_some());
    }
    assert!(
        parse_overdose_watch_hours("12").is_err(),
        "Settings refuses under 24"
    );
    assert_eq!(parse_overdose_watch_hours("24"), Ok(24));
}
