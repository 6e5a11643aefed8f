//! The refill and replacement countdown (clinical reference §3): worked examples, the cap,
//! floor rounding, the printout-versus-estimate warning, replacement rules, reminders, and
//! property tests that the calendar arithmetic holds across year ends, leap years and
//! time-zone or daylight-saving changes of "today".

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone, Utc};
use common::{draft, full_child, today};
use itb_companion::core::card_form::refill_from_draft;
use itb_companion::core::countdown::{
    countdown, due_reminders, margin_days, reminders, AlarmSource, ReminderKind, ReminderSettings,
    Replacement, Status,
};
use itb_companion::core::profile::{Child, Pump, PumpModel, Refill};
use itb_companion::core::units::Fixed3;
use itb_companion::words::forms::field_problem;
use itb_companion::words::home::{missing, status_advice};
use itb_companion::words::reminders::text;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn f(s: &str) -> Fixed3 {
    s.parse().unwrap()
}

/// A child whose pump was refilled on `refill` with `fill` mL; alarm `alarm_ml`, `conc`, `dose`.
fn child_with(
    refill: &str,
    fill: &str,
    alarm_ml: &str,
    conc: &str,
    dose: &str,
    printout: Option<&str>,
) -> Child {
    let mut pump = Pump {
        model: PumpModel::SynchromedII8637_40,
        implant_date: Some(d("2022-01-10")),
        reservoir_ml: Some(f("40")),
        alarm_volume_ml: Some(f(alarm_ml)),
        last_refill: Some(Refill {
            date: d(refill),
            volume_ml: f(fill),
        }),
        printout_alarm_date: printout.map(d),
        ..Pump::default()
    };
    pump.drug.concentration_mcg_per_ml = Some(f(conc));
    pump.drug.daily_dose_mcg_per_day = Some(f(dose));
    Child {
        id: 1,
        name: "Maya".into(),
        pump: Some(pump),
        ..Child::default()
    }
}

fn settings() -> ReminderSettings {
    ReminderSettings::default()
}

#[test]
fn worked_example_36_days_gives_the_estimated_alarm_and_refill_by() {
    let child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let c = countdown(&child, d("2026-12-01"), &settings());
    assert_eq!(c.alarm_date, Some(d("2027-01-06")));
    assert_eq!(c.alarm_source, Some(AlarmSource::Estimate));
    assert_eq!(c.refill_by, Some(d("2027-01-03")));
    assert_eq!(c.window_earliest, Some(d("2027-01-01")));
    assert_eq!(c.days_to_refill_by, Some(33));
    assert!(
        c.missing.iter().any(|m| missing(m).contains("estimate")),
        "says the date is an estimate"
    );
}

#[test]
fn worked_example_190_days_is_capped_at_180() {
    let child = child_with("2027-01-01", "40", "2", "2000", "400", None);
    let c = countdown(&child, d("2027-01-01"), &settings());
    let est = c.estimate.unwrap();
    assert!(est.capped);
    assert_eq!(est.interval_days, 180);
    assert_eq!(c.alarm_date, Some(d("2027-06-30")));
}

#[test]
fn exact_arithmetic_and_floor_rounding() {
    // 17 mL at 500 mcg/mL and 170 mcg/day is exactly 50 days (f64 gives 49.999...).
    let child = child_with("2027-01-01", "20", "3", "500", "170", None);
    assert_eq!(
        countdown(&child, d("2027-01-01"), &settings())
            .estimate
            .unwrap()
            .interval_days,
        50
    );
    // 18 mL * 500 / 260 = 34.6 -> 34 (never round up a supply).
    let child = child_with("2027-01-01", "20", "2", "500", "260", None);
    assert_eq!(
        countdown(&child, d("2027-01-01"), &settings())
            .estimate
            .unwrap()
            .interval_days,
        34
    );
}

#[test]
fn alarm_date_from_printout_wins_over_estimate() {
    let child = child_with("2026-12-01", "20", "2", "500", "250", Some("2027-01-05"));
    let c = countdown(&child, d("2026-12-10"), &settings());
    assert_eq!(c.alarm_date, Some(d("2027-01-05")));
    assert_eq!(c.alarm_source, Some(AlarmSource::Printout));
    assert_eq!(
        c.mismatch, None,
        "1 day apart is inside the accuracy margin"
    );
}

#[test]
fn mismatch_warning_threshold_is_2_5_percent_of_the_interval_at_least_2_days() {
    assert_eq!(margin_days(36), 2);
    assert_eq!(margin_days(80), 2);
    assert_eq!(margin_days(81), 3);
    assert_eq!(margin_days(180), 5);
    // Estimate 2027-01-06 (36 days); margin 2 days.
    let within = child_with("2026-12-01", "20", "2", "500", "250", Some("2027-01-08"));
    assert_eq!(
        countdown(&within, d("2026-12-02"), &settings()).mismatch,
        None
    );
    let beyond = child_with("2026-12-01", "20", "2", "500", "250", Some("2027-01-09"));
    let m = countdown(&beyond, d("2026-12-02"), &settings())
        .mismatch
        .expect("3 days > 2");
    assert_eq!(m.days_apart, 3);
    assert_eq!(m.margin_days, 2);
    // 180-day interval: margin 5 days.
    let long = child_with("2027-01-01", "40", "2", "2000", "400", Some("2027-07-05"));
    assert_eq!(
        countdown(&long, d("2027-01-02"), &settings()).mismatch,
        None
    );
    let long = child_with("2027-01-01", "40", "2", "2000", "400", Some("2027-07-06"));
    assert!(countdown(&long, d("2027-01-02"), &settings())
        .mismatch
        .is_some());
}

#[test]
fn status_levels_follow_the_refill_by_window() {
    // Alarm 2027-01-06, refill-by 2027-01-03, window from 2027-01-01.
    let child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let at = |day: &str| countdown(&child, d(day), &settings()).status;
    assert_eq!(at("2026-12-19"), Status::Ok);
    assert_eq!(
        at("2026-12-20"),
        Status::BookRefill,
        "14 days before refill-by"
    );
    assert_eq!(at("2026-12-31"), Status::BookRefill);
    assert_eq!(at("2027-01-01"), Status::Due);
    assert_eq!(at("2027-01-03"), Status::Due, "the refill-by day itself");
    // Issue 14.6: after the refill-by date the refill is late (call the clinic now), not
    // "make sure it happens before the refill-by date", a date already gone.
    assert_eq!(at("2027-01-04"), Status::Late);
    assert_eq!(at("2027-01-06"), Status::Late, "alarm day itself");
    assert!(status_advice(Status::Late, false, "911").contains("Call the pump clinic now"));
    assert_eq!(at("2027-01-07"), Status::Overdue);
    // Past the alarm date: the pump may be empty; the clinic now, the emergency number with
    // any withdrawal sign (§5 combinations, §6), in the Settings number.
    let overdue = status_advice(Status::Overdue, false, "112");
    assert!(
        overdue.contains("may be empty") && overdue.contains("112"),
        "{overdue}"
    );
    assert!(!overdue.contains("911"));
    let mut custom = settings();
    custom.book_refill_days = 7;
    assert_eq!(
        countdown(&child, d("2026-12-20"), &custom).status,
        Status::Ok
    );
}

#[test]
fn missing_data_gives_plain_notes_and_unknown_status() {
    let mut child = child_with("2026-12-01", "20", "2", "500", "250", None);
    child.pump.as_mut().unwrap().last_refill = None;
    let c = countdown(&child, today(), &settings());
    assert_eq!(c.status, Status::Unknown);
    assert!(
        c.missing
            .iter()
            .any(|m| missing(m).contains("last refill date and volume")),
        "{:?}",
        c.missing
    );
    let no_pump = Child {
        name: "Sam".into(),
        ..Child::default()
    };
    let c = countdown(&no_pump, today(), &settings());
    assert_eq!(c.status, Status::Unknown);
    assert!(missing(&c.missing[0]).contains("Add the pump"));
}

#[test]
fn synchromed_replacement_is_earlier_of_7_years_and_eri_plus_90() {
    let mut child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let pump = child.pump.as_mut().unwrap();
    pump.implant_date = Some(d("2020-05-10"));
    match countdown(&child, d("2026-11-23"), &settings()).replacement {
        Replacement::Deadline {
            date,
            remind_from,
            months_left,
            from_rule,
        } => {
            assert_eq!(date, d("2027-05-10"));
            assert_eq!(remind_from, d("2026-11-10"), "6 months before [M4]");
            assert_eq!(months_left, 5);
            assert!(from_rule);
        }
        other => panic!("{other:?}"),
    }
    child.pump.as_mut().unwrap().eri_date = Some(d("2026-12-01"));
    match countdown(&child, d("2026-11-23"), &settings()).replacement {
        Replacement::Deadline { date, .. } => assert_eq!(date, d("2027-03-01")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn prometra_replacement_asks_the_clinic_unless_a_date_is_entered() {
    let mut child = child_with("2026-12-01", "20", "2", "500", "250", None);
    child.pump.as_mut().unwrap().model = PumpModel::PrometraII13827;
    assert_eq!(
        countdown(&child, today(), &settings()).replacement,
        Replacement::AskClinic
    );
    child.pump.as_mut().unwrap().replacement_date = Some(d("2029-02-01"));
    match countdown(&child, today(), &settings()).replacement {
        Replacement::Deadline {
            date, from_rule, ..
        } => {
            assert_eq!(date, d("2029-02-01"));
            assert!(!from_rule);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn reminders_use_the_default_lead_times() {
    let child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let all = reminders(&child, d("2026-12-01"), &settings());
    let refill: Vec<NaiveDate> = all
        .iter()
        .filter(|r| r.key.contains(":refill-by:"))
        .map(|r| r.date)
        .collect();
    assert_eq!(
        refill,
        vec![
            d("2026-12-20"),
            d("2026-12-27"),
            d("2026-12-31"),
            d("2027-01-02")
        ]
    );
    assert!(all
        .iter()
        .any(|r| r.key.contains(":alarm:") && r.date == d("2027-01-06")));
    let replace: Vec<String> = all
        .iter()
        .filter(|r| r.key.contains(":replace:"))
        .map(|r| text(r, r.date, "911").0)
        .collect();
    assert_eq!(replace.len(), 3);
    assert!(text(&all[0], all[0].date, "911")
        .0
        .starts_with("Maya: pump refill due in 14 days"));
}

#[test]
fn missed_reminders_show_once_with_the_latest_per_event() {
    let child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let (show, keys) = due_reminders(&child, d("2027-01-01"), &settings(), &BTreeSet::new());
    let refill: Vec<_> = show
        .iter()
        .filter(|r| r.key.contains(":refill-by:"))
        .collect();
    assert_eq!(
        refill.len(),
        1,
        "one message for the missed 14/7/3-day reminders"
    );
    // Worded as of today (refill-by 2027-01-03 is 2 days away), not as planned ("in 3 days").
    assert_eq!(
        text(refill[0], d("2027-01-01"), "911").0,
        "Maya: pump refill due in 2 days"
    );
    assert_eq!(keys.iter().filter(|k| k.contains(":refill-by:")).count(), 3);
    let delivered: BTreeSet<String> = keys.into_iter().collect();
    let (again, _) = due_reminders(&child, d("2027-01-01"), &settings(), &delivered);
    assert!(again.is_empty(), "delivered reminders never repeat");
}

#[test]
fn reminders_caught_up_late_are_worded_as_of_today() {
    let child = child_with("2026-12-01", "20", "2", "500", "250", None);
    let none = BTreeSet::new();
    let (show, _) = due_reminders(&child, d("2027-01-05"), &settings(), &none);
    let refill = show.iter().find(|r| r.key.contains(":refill-by:")).unwrap();
    let (summary, body) = text(refill, d("2027-01-05"), "911");
    // Reference §5: after the refill-by date the notification itself says "refill late".
    assert_eq!(summary, "Maya: refill late: call the pump clinic now");
    assert!(body.contains("has passed"));
    let (show, _) = due_reminders(&child, d("2027-01-12"), &settings(), &none);
    let alarm = show.iter().find(|r| r.key.contains(":alarm:")).unwrap();
    assert_eq!(
        text(alarm, d("2027-01-12"), "911").0,
        "Maya: the pump may be empty: call the pump clinic now"
    );
}

#[test]
fn recording_a_refill_moves_the_countdown_and_drops_the_stale_printout_date() {
    let mut child = full_child();
    let before = countdown(&child, today(), &settings());
    assert_eq!(before.alarm_date, Some(d("2026-12-08")));
    let (pump, _) = refill_from_draft(
        &draft(&[
            ("refill_date", "2026-11-23"),
            ("refill_volume", "20"),
            ("refill_dose", "300"),
        ]),
        &child,
        today(),
    )
    .unwrap();
    assert_eq!(pump.refill_history.len(), 1);
    assert_eq!(pump.refill_history[0].refill.date, d("2026-11-02"));
    assert_eq!(
        pump.printout_alarm_date, None,
        "the old printout date belonged to the old fill"
    );
    child.pump = Some(pump);
    let after = countdown(&child, today(), &settings());
    // 18 mL * 500 / 300 = 30 days from 2026-11-23.
    assert_eq!(after.alarm_date, Some(d("2026-12-23")));
    assert_eq!(after.alarm_source, Some(AlarmSource::Estimate));
}

#[test]
fn a_refill_record_is_validated() {
    let child = full_child();
    let err = |pairs: &[(&str, &str)], field: &str| {
        let issues = refill_from_draft(&draft(pairs), &child, today()).unwrap_err();
        issues
            .errors
            .get(field)
            .map(field_problem)
            .unwrap_or_else(|| panic!("{issues:?}"))
    };
    assert!(err(
        &[("refill_date", "2026-11-24"), ("refill_volume", "20")],
        "refill_date"
    )
    .contains("future"));
    assert!(err(
        &[("refill_date", "2026-10-01"), ("refill_volume", "20")],
        "refill_date"
    )
    .contains("before the last recorded refill"));
    assert!(err(
        &[("refill_date", "2026-11-23"), ("refill_volume", "25")],
        "refill_volume"
    )
    .contains("reservoir"));
    assert!(err(&[("refill_date", "2026-11-23")], "refill_volume").contains("required"));
    assert!(err(
        &[
            ("refill_date", "2026-11-23"),
            ("refill_volume", "20"),
            ("refill_alarm_date", "2026-11-20")
        ],
        "refill_alarm_date"
    )
    .contains("after the refill"));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..40_000).prop_map(|n| d("1990-01-01").checked_add_days(Days::new(n)).unwrap())
}

/// The local calendar date of an instant at a UTC offset, as the shell computes "today".
fn local_date(instant: DateTime<Utc>, offset_seconds: i32) -> NaiveDate {
    instant
        .with_timezone(&FixedOffset::east_opt(offset_seconds).unwrap())
        .date_naive()
}

proptest! {
    #[test]
    fn refill_by_counts_down_by_exactly_one_per_calendar_day(
        refill in any_date(), dose in 100u64..2000, ahead in 0u64..400,
    ) {
        let child = child_with(&refill.to_string(), "20", "2", "500", &dose.to_string(), None);
        let today = refill.checked_add_days(Days::new(ahead)).unwrap();
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap();
        let a = countdown(&child, today, &settings()).days_to_refill_by.unwrap();
        let b = countdown(&child, tomorrow, &settings()).days_to_refill_by.unwrap();
        prop_assert_eq!(a - b, 1);
    }

    #[test]
    fn status_never_goes_back_as_days_pass(refill in any_date(), dose in 100u64..2000) {
        let child = child_with(&refill.to_string(), "20", "2", "500", &dose.to_string(), None);
        let rank = |s: Status| match s { Status::Ok => 0, Status::BookRefill => 1, Status::Due => 2, Status::Late => 3, Status::Overdue => 4, Status::Booked | Status::Unknown => 9 };
        let mut last = 0;
        for day in 0..220u64 {
            let r = rank(countdown(&child, refill.checked_add_days(Days::new(day)).unwrap(), &settings()).status);
            prop_assert!(r >= last && r != 9);
            last = r;
        }
    }

    #[test]
    fn alarm_date_is_refill_plus_interval_across_year_ends_and_leap_days(refill in any_date(), dose in 10u64..3000) {
        let child = child_with(&refill.to_string(), "40", "2", "2000", &dose.to_string(), None);
        let c = countdown(&child, refill, &settings());
        let est = c.estimate.unwrap();
        prop_assert_eq!((est.alarm_date - refill).num_days(), i64::from(est.interval_days));
        prop_assert_eq!((est.alarm_date - c.refill_by.unwrap()).num_days(), 3);
    }

    /// "Today" comes from the device clock in the local zone. Whatever the zone or a DST
    /// shift of an hour, the countdown depends only on the local calendar date: two instants
    /// with the same local date give the same countdown, and the next local day gives one less.
    #[test]
    fn countdown_depends_only_on_the_local_calendar_date(
        secs in 0i64..86_400 * 365 * 30, offset_hours in -12i32..=14, dst in 0i32..=1,
    ) {
        let instant = Utc.timestamp_opt(1_600_000_000 + secs, 0).unwrap();
        let standard = local_date(instant, offset_hours * 3600);
        let shifted = local_date(instant, (offset_hours + dst) * 3600);
        let child = child_with("2027-03-01", "20", "2", "500", "250", None);
        let a = countdown(&child, standard, &settings()).days_to_refill_by.unwrap();
        let b = countdown(&child, shifted, &settings()).days_to_refill_by.unwrap();
        prop_assert_eq!(a - b, (shifted - standard).num_days());
        prop_assert!((shifted - standard).num_days().abs() <= 1);
    }
}

#[test]
fn spring_forward_night_in_chicago_counts_one_day() {
    // 2027-03-14 02:00 CST -> 03:00 CDT. 23:30 CST on the 13th and 00:30 CDT on the 14th are
    // 0.5 real hours... and one calendar day apart.
    let child = child_with("2027-03-01", "20", "2", "500", "250", None);
    let before = local_date(
        Utc.with_ymd_and_hms(2027, 3, 14, 5, 30, 0).unwrap(),
        -6 * 3600,
    );
    let after = local_date(
        Utc.with_ymd_and_hms(2027, 3, 14, 5, 30, 0).unwrap() + chrono::Duration::hours(1),
        -5 * 3600,
    );
    assert_eq!(before, d("2027-03-13"));
    assert_eq!(after, d("2027-03-14"));
    let a = countdown(&child, before, &settings())
        .days_to_refill_by
        .unwrap();
    let b = countdown(&child, after, &settings())
        .days_to_refill_by
        .unwrap();
    assert_eq!(a - b, 1);
}

/// The service worker's rule (public/sw.js, `dueNow`), written again here to check the plan the
/// app gives it: due when `date <= day <= until` and not delivered; of each group the latest is
/// shown; every due key is recorded.
fn worker_due(
    plan: &[itb_companion::core::countdown::Planned],
    day: NaiveDate,
    delivered: &BTreeSet<String>,
) -> (BTreeSet<String>, Vec<String>) {
    let due: Vec<_> = plan
        .iter()
        .filter(|p| p.reminder.date <= day && day <= p.until)
        .filter(|p| !delivered.contains(&p.reminder.key))
        .collect();
    let mut shown = std::collections::BTreeMap::new();
    for p in &due {
        let latest = shown.entry(p.group.clone()).or_insert(*p);
        if latest.reminder.date < p.reminder.date {
            *latest = *p;
        }
    }
    let shown = shown.values().map(|p| p.reminder.key.clone()).collect();
    (shown, due.iter().map(|p| p.reminder.key.clone()).collect())
}

#[test]
fn the_plan_written_for_the_service_worker_gives_what_the_app_would_show_on_every_day() {
    // Issue 16 (Tests, core): the reminder list written for the worker equals what the app
    // shows. The plan is written on day 0; the worker (or the app) then runs once a day for
    // 400 days, through the 14/7/3/1-day refill reminders, the alarm date, overdue days (the
    // refill is never recorded here) and the replacement reminders; and again with the phone
    // off for stretches (runs every 9th day only), when missed reminders fold into one.
    for stride in [1, 9] {
        let child = child_with("2026-12-01", "20", "2", "500", "250", None);
        let start = d("2026-12-01");
        let plan =
            itb_companion::core::countdown::planned_reminders(&child, start, &settings(), 400);
        let (mut by_app, mut by_worker) = (BTreeSet::new(), BTreeSet::new());
        let mut shown_days = 0;
        for n in (0..400).step_by(stride) {
            let day = start.checked_add_days(Days::new(n)).unwrap();
            let (show, keys) = due_reminders(&child, day, &settings(), &by_app);
            let (worker_show, worker_keys) = worker_due(&plan, day, &by_worker);
            let app_show: BTreeSet<String> = show.iter().map(|r| r.key.clone()).collect();
            assert_eq!(worker_show, app_show, "stride {stride}, {day}: shown");
            assert_eq!(worker_keys, keys, "stride {stride}, {day}: recorded");
            shown_days += usize::from(!app_show.is_empty());
            by_app.extend(keys);
            by_worker.extend(worker_keys);
        }
        assert!(
            shown_days > 20,
            "stride {stride}: only {shown_days} days had a reminder"
        );
    }
}

/// The card of the worked example with a refill visit booked for `visit`.
fn booked(visit: &str) -> Child {
    let mut child = child_with("2026-12-01", "20", "2", "500", "250", None);
    child.pump.as_mut().unwrap().next_refill_appointment = Some(d(visit));
    child
}

#[test]
fn a_visit_booked_in_time_stops_the_nagging_reminds_the_day_before_and_asks_after() {
    // Issue 16.3. Refill-by is 2027-01-03 (alarm 2027-01-06). The family books 2027-01-02.
    let child = booked("2027-01-02");
    let c = countdown(&child, d("2026-12-22"), &settings());
    assert_eq!(c.status, Status::Booked, "instead of Book the refill");
    let visit = c.visit.unwrap();
    assert!(!visit.after_refill_by && !visit.passed);
    // No refill-by reminder up to the visit (14, 7 and 3 days before fall on or before it);
    // the day before the visit, one; the day after, "was the pump refilled?".
    let all = reminders(&child, d("2026-12-22"), &settings());
    let refill_by: Vec<_> = all
        .iter()
        .filter(|r| r.kind == ReminderKind::RefillBy)
        .map(|r| r.date)
        .collect();
    assert!(
        refill_by.is_empty(),
        "every refill-by reminder falls by the visit: {refill_by:?}"
    );
    let on = |kind| all.iter().find(|r| r.kind == kind).map(|r| r.date);
    assert_eq!(on(ReminderKind::VisitTomorrow), Some(d("2027-01-01")));
    assert_eq!(on(ReminderKind::VisitCheck), Some(d("2027-01-03")));
    // On the visit day it is still booked; the day after, with no refill recorded, the
    // countdown escalates again (Due on the refill-by day) and the visit shows as passed.
    assert_eq!(
        countdown(&child, d("2027-01-02"), &settings()).status,
        Status::Booked
    );
    let after = countdown(&child, d("2027-01-03"), &settings());
    assert_eq!(after.status, Status::Due);
    assert!(after.visit.unwrap().passed);
    // A late or empty pump is never hidden behind a booking.
    assert_eq!(
        countdown(&child, d("2027-01-07"), &settings()).status,
        Status::Overdue
    );
}

#[test]
fn a_visit_booked_after_the_refill_by_date_is_flagged_and_does_not_silence_anything() {
    let child = booked("2027-01-05");
    let c = countdown(&child, d("2026-12-22"), &settings());
    assert!(c.visit.unwrap().after_refill_by);
    assert_eq!(c.status, Status::BookRefill, "still asks to book (earlier)");
    let all = reminders(&child, d("2026-12-22"), &settings());
    assert_eq!(
        all.iter()
            .filter(|r| r.kind == ReminderKind::RefillBy)
            .count(),
        4,
        "every refill-by reminder kept"
    );
}

#[test]
fn recording_the_refill_closes_the_loop() {
    let child = booked("2027-01-02");
    let refill = draft(&[("refill_date", "2027-01-02"), ("refill_volume", "20")]);
    let (pump, _) = refill_from_draft(&refill, &child, d("2027-01-02")).unwrap();
    assert_eq!(pump.next_refill_appointment, None, "the booking is done");
    let mut refilled = child.clone();
    refilled.pump = Some(pump);
    let c = countdown(&refilled, d("2027-01-03"), &settings());
    assert_eq!(c.visit, None);
    assert_eq!(c.status, Status::Ok);
    let all = reminders(&refilled, d("2027-01-03"), &settings());
    assert!(all.iter().all(|r| !matches!(
        r.kind,
        ReminderKind::VisitTomorrow | ReminderKind::VisitCheck
    )));
}

#[test]
fn a_visit_already_booked_for_the_next_refill_window_survives_this_refill() {
    // Refilled early on 2026-12-30 (20 mL: next alarm 2027-02-04, window opens 2027-01-30).
    // A visit on 2027-01-31 is for the next refill and stays; one on 2027-01-02 was this one.
    for (visit, kept) in [("2027-01-31", true), ("2027-01-02", false)] {
        let child = booked(visit);
        let refill = draft(&[("refill_date", "2026-12-30"), ("refill_volume", "20")]);
        let (pump, _) = refill_from_draft(&refill, &child, d("2026-12-30")).unwrap();
        assert_eq!(pump.next_refill_appointment.is_some(), kept, "{visit}");
    }
}

#[test]
fn the_gauge_puts_today_the_window_the_alarm_and_the_visit_on_one_line() {
    // Issue 16.5. Refilled 2026-12-01; alarm 2027-01-06 (36 days), empty 2027-01-10 (40 days,
    // the end of the line); refill window 2027-01-01 to 2027-01-03; visit booked 2027-01-02.
    let child = booked("2027-01-02");
    let today = d("2026-12-20");
    let c = countdown(&child, today, &settings());
    let g = itb_companion::core::countdown::gauge(&child, &c, today).unwrap();
    assert_eq!(
        (g.start, g.end, g.day, g.days),
        (d("2026-12-01"), d("2027-01-10"), 19, 40)
    );
    assert_eq!(g.today, 475);
    assert_eq!(g.window, (775, 825));
    assert_eq!(g.alarm, 900);
    assert_eq!(g.visit, Some(800));
    // Past the end, today stays on the line (at its end); the words say the day.
    let late = countdown(&child, d("2027-01-15"), &settings());
    let g = itb_companion::core::countdown::gauge(&child, &late, d("2027-01-15")).unwrap();
    assert_eq!((g.today, g.day), (1000, 45));
    let words = itb_companion::words::home::gauge_words(&g, &late);
    assert!(words.contains("today is day 45 of 40"), "{words}");
    // No last refill: no gauge.
    let mut none = child.clone();
    none.pump.as_mut().unwrap().last_refill = None;
    let c = countdown(&none, today, &settings());
    assert!(itb_companion::core::countdown::gauge(&none, &c, today).is_none());
}
