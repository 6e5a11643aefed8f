//! Property tests for the refill arithmetic (clinical reference §3): the estimate can only
//! move in the safe direction when the inputs change.

use chrono::{Days, NaiveDate};
use itb_companion::core::refill::{
    cap_interval, days_to_alarm, estimate_alarm, refill_window, DailyDose, MAX_REFILL_INTERVAL_DAYS,
};
use itb_companion::core::units::Fixed3;
use proptest::prelude::*;

/// Volumes 0.001-60 mL, concentrations 1-5000 mcg/mL, doses 0.001-3000 mcg/day.
fn volume() -> impl Strategy<Value = Fixed3> {
    (1u64..=60_000).prop_map(Fixed3::from_thousandths)
}
fn concentration() -> impl Strategy<Value = Fixed3> {
    (1_000u64..=5_000_000).prop_map(Fixed3::from_thousandths)
}
fn dose() -> impl Strategy<Value = Fixed3> {
    (1u64..=3_000_000).prop_map(Fixed3::from_thousandths)
}
fn date() -> impl Strategy<Value = NaiveDate> {
    // 1990-01-01 .. about 2100.
    (0u64..40_000).prop_map(|n| {
        NaiveDate::from_ymd_opt(1990, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(n))
            .unwrap()
    })
}

proptest! {
    #[test]
    fn more_dose_gives_no_more_days(
        fill in volume(), alarm in volume(), c in concentration(), d1 in dose(), extra in 0u64..1_000_000,
    ) {
        prop_assume!(alarm < fill);
        let d2 = Fixed3::from_thousandths(d1.thousandths() + extra);
        let a = days_to_alarm(fill, alarm, c, DailyDose::mcg_per_day(d1)).unwrap();
        let b = days_to_alarm(fill, alarm, c, DailyDose::mcg_per_day(d2)).unwrap();
        prop_assert!(b <= a, "dose {d1} -> {a} days, dose {d2} -> {b} days");
    }

    #[test]
    fn more_volume_gives_no_fewer_days(
        fill in volume(), alarm in volume(), c in concentration(), d in dose(), extra in 0u64..20_000,
    ) {
        prop_assume!(alarm < fill);
        let bigger = Fixed3::from_thousandths(fill.thousandths() + extra);
        let dose = DailyDose::mcg_per_day(d);
        let a = days_to_alarm(fill, alarm, c, dose).unwrap();
        let b = days_to_alarm(bigger, alarm, c, dose).unwrap();
        prop_assert!(b >= a);
    }

    #[test]
    fn estimate_never_exceeds_the_cap(
        refill in date(), fill in volume(), alarm in volume(), c in concentration(), d in dose(),
    ) {
        prop_assume!(alarm < fill);
        let est = estimate_alarm(refill, fill, alarm, c, DailyDose::mcg_per_day(d)).unwrap();
        prop_assert!(est.interval_days <= MAX_REFILL_INTERVAL_DAYS);
        prop_assert_eq!((est.alarm_date - refill).num_days(), i64::from(est.interval_days));
        prop_assert!(est.alarm_date >= refill);
        let raw = days_to_alarm(fill, alarm, c, DailyDose::mcg_per_day(d)).unwrap();
        prop_assert_eq!(cap_interval(raw).1, est.capped);
    }

    #[test]
    fn refill_by_is_always_three_days_before_alarm(alarm in date()) {
        let w = refill_window(alarm).unwrap();
        prop_assert_eq!((alarm - w.refill_by).num_days(), 3);
        prop_assert_eq!((alarm - w.earliest).num_days(), 5);
    }

    #[test]
    fn days_match_exact_integer_arithmetic(
        fill_ml in 1u64..=60, alarm_ml in 0u64..=10, c in 1u64..=5000, d in 1u64..=3000,
    ) {
        prop_assume!(alarm_ml < fill_ml);
        let got = days_to_alarm(
            Fixed3::whole(fill_ml), Fixed3::whole(alarm_ml), Fixed3::whole(c),
            DailyDose::mcg_per_day(Fixed3::whole(d)),
        ).unwrap();
        prop_assert_eq!(u64::from(got), (fill_ml - alarm_ml) * c / d);
    }
}
