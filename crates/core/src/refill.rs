//! Refill and replacement arithmetic from the clinical reference §3 (estimates only: the
//! clinic printout's dates always win). Every date is a local calendar date and "today" is
//! always an argument: nothing here reads a clock.

use chrono::{Days, Months, NaiveDate};

use super::units::{Fixed3, Ratio};

/// Refill within 180 days whatever the arithmetic says [A3].
pub const MAX_REFILL_INTERVAL_DAYS: u32 = 180;
/// Families book the refill 3-5 days before the low-reservoir alarm date [G1].
pub const REFILL_BY_DAYS_BEFORE_ALARM_LATEST: u32 = 3;
pub const REFILL_BY_DAYS_BEFORE_ALARM_EARLIEST: u32 = 5;
/// SynchroMed II battery: up to 7 years [M3].
pub const SYNCHROMED_MAX_SERVICE_MONTHS: u32 = 7 * 12;
/// SynchroMed II stops 90 days after the replacement indicator (ERI) [M3][M4].
pub const SYNCHROMED_DAYS_AFTER_ERI: u64 = 90;

/// What the pump delivers in a day: a flat dose, or the exact sum of flex-dosing steps.
/// Kept as a rational (milli-mcg per `per_minutes` minutes) so a flex schedule such as
/// 7 mcg/h for 13 h 20 min loses nothing before the final floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyDose {
    /// Thousandths of a microgram delivered over `per_day_divisor` days.
    milli_mcg: u128,
    per_day_divisor: u128,
}

impl DailyDose {
    pub fn mcg_per_day(dose: Fixed3) -> DailyDose {
        DailyDose {
            milli_mcg: u128::from(dose.thousandths()),
            per_day_divisor: 1,
        }
    }

    /// From flex-dosing steps: each (start minute of day, rate in mcg/h) runs until the next
    /// step's start, wrapping at midnight. Steps need not be sorted. Returns None if empty,
    /// if two steps start at the same minute, or if a start is outside the day.
    pub fn from_flex_steps(steps: &[(u16, Fixed3)]) -> Option<DailyDose> {
        if steps.is_empty() {
            return None;
        }
        let mut sorted: Vec<(u16, Fixed3)> = steps.to_vec();
        crate::sorting::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
        if sorted.iter().any(|s| s.0 >= 1440) || sorted.windows(2).any(|w| w[0].0 == w[1].0) {
            return None;
        }
        let mut milli_mcg_minutes_per_hour: u128 = 0;
        for (i, (start, rate)) in sorted.iter().enumerate() {
            let end = if i + 1 < sorted.len() {
                u32::from(sorted[i + 1].0)
            } else {
                u32::from(sorted[0].0) + 1440
            };
            let minutes = u128::from(end - u32::from(*start));
            milli_mcg_minutes_per_hour += u128::from(rate.thousandths()) * minutes;
        }
        // rate is per hour: divide minutes by 60.
        Some(DailyDose {
            milli_mcg: milli_mcg_minutes_per_hour,
            per_day_divisor: 60,
        })
    }

    /// The average day of a week whose days each run their own steps (7 lists, Monday first;
    /// the same list 7 times for a program without weekdays). None if any day has no valid
    /// steps.
    pub fn weekly_average(days: &[Vec<(u16, Fixed3)>]) -> Option<DailyDose> {
        if days.is_empty() {
            return None;
        }
        let mut milli_mcg = 0;
        for day in days {
            let one = DailyDose::from_flex_steps(day)?;
            milli_mcg += one.milli_mcg;
        }
        Some(DailyDose {
            milli_mcg,
            per_day_divisor: 60 * days.len() as u128,
        })
    }

    pub fn is_zero(self) -> bool {
        self.milli_mcg == 0
    }

    /// mcg/day as an exact ratio (for display and for warnings on typical ranges).
    pub fn as_ratio(self) -> Ratio {
        Ratio {
            numerator: self.milli_mcg,
            denominator: self.per_day_divisor * 1000,
        }
    }
}

/// Daily volume in mL/day = D / C. None when the concentration is zero.
pub fn daily_volume_ml(dose: DailyDose, concentration_mcg_per_ml: Fixed3) -> Option<Ratio> {
    if concentration_mcg_per_ml.is_zero() {
        return None;
    }
    // (milli_mcg / divisor / 1000) / (c / 1000) = milli_mcg / (divisor * c)
    Some(Ratio {
        numerator: dose.milli_mcg,
        denominator: dose.per_day_divisor * u128::from(concentration_mcg_per_ml.thousandths()),
    })
}

/// Whole days a volume lasts: floor(volume / (D / C)) = floor(volume * C / D), exactly.
fn whole_days_for_volume(
    volume_ml: Fixed3,
    concentration_mcg_per_ml: Fixed3,
    dose: DailyDose,
) -> Option<u32> {
    if dose.is_zero() {
        return None;
    }
    // (v/1000 mL) * (c/1000 mcg/mL) / (m / (div * 1000) mcg/day) = v * c * div / (1000 * m)
    let numerator = u128::from(volume_ml.thousandths())
        * u128::from(concentration_mcg_per_ml.thousandths())
        * dose.per_day_divisor;
    let denominator = 1000 * dose.milli_mcg;
    let days = numerator / denominator;
    Some(u32::try_from(days).unwrap_or(u32::MAX))
}

/// Days from a refill to the low-reservoir alarm: (V_fill - V_alarm) / (D / C), floored.
/// None when it cannot be computed (no dose, or alarm volume not below the fill).
pub fn days_to_alarm(
    fill_ml: Fixed3,
    alarm_ml: Fixed3,
    concentration_mcg_per_ml: Fixed3,
    dose: DailyDose,
) -> Option<u32> {
    let usable = fill_ml.checked_sub(alarm_ml)?;
    if usable.is_zero() {
        return None;
    }
    whole_days_for_volume(usable, concentration_mcg_per_ml, dose)
}

/// Days from a refill until the reservoir is empty: V_fill / (D / C), floored.
pub fn days_to_empty(
    fill_ml: Fixed3,
    concentration_mcg_per_ml: Fixed3,
    dose: DailyDose,
) -> Option<u32> {
    whole_days_for_volume(fill_ml, concentration_mcg_per_ml, dose)
}

/// Applies the 180-day cap [A3]. Returns the days to use and whether the cap applied.
pub fn cap_interval(days: u32) -> (u32, bool) {
    if days > MAX_REFILL_INTERVAL_DAYS {
        (MAX_REFILL_INTERVAL_DAYS, true)
    } else {
        (days, false)
    }
}

/// The computed alarm date after a refill (an estimate; the printout wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlarmEstimate {
    pub alarm_date: NaiveDate,
    /// Days from the refill to the alarm date, after the cap.
    pub interval_days: u32,
    /// True when the arithmetic gave more than 180 days.
    pub capped: bool,
    /// Days until empty with no cap (None if it could not be computed).
    pub empty_date: Option<NaiveDate>,
}

pub fn estimate_alarm(
    refill_date: NaiveDate,
    fill_ml: Fixed3,
    alarm_ml: Fixed3,
    concentration_mcg_per_ml: Fixed3,
    dose: DailyDose,
) -> Option<AlarmEstimate> {
    let raw = days_to_alarm(fill_ml, alarm_ml, concentration_mcg_per_ml, dose)?;
    let (interval_days, capped) = cap_interval(raw);
    let alarm_date = refill_date.checked_add_days(Days::new(u64::from(interval_days)))?;
    let empty_date = days_to_empty(fill_ml, concentration_mcg_per_ml, dose)
        .and_then(|d| refill_date.checked_add_days(Days::new(u64::from(d))));
    Some(AlarmEstimate {
        alarm_date,
        interval_days,
        capped,
        empty_date,
    })
}

/// The window in which to have the refill done: 5 to 3 days before the alarm date [G1].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefillWindow {
    pub earliest: NaiveDate,
    /// The refill-by date: the last day the family should let it come to.
    pub refill_by: NaiveDate,
}

pub fn refill_window(alarm_date: NaiveDate) -> Option<RefillWindow> {
    Some(RefillWindow {
        earliest: alarm_date
            .checked_sub_days(Days::new(u64::from(REFILL_BY_DAYS_BEFORE_ALARM_EARLIEST)))?,
        refill_by: alarm_date
            .checked_sub_days(Days::new(u64::from(REFILL_BY_DAYS_BEFORE_ALARM_LATEST)))?,
    })
}

/// SynchroMed II replacement deadline: the earlier of implant + 7 years and ERI + 90 days [M3].
/// Adding 7 years to 29 February gives 28 February (the earlier, safer day).
pub fn synchromed_replacement_deadline(
    implant_date: Option<NaiveDate>,
    eri_date: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let by_age =
        implant_date.and_then(|d| d.checked_add_months(Months::new(SYNCHROMED_MAX_SERVICE_MONTHS)));
    let by_eri = eri_date.and_then(|d| d.checked_add_days(Days::new(SYNCHROMED_DAYS_AFTER_ERI)));
    match (by_age, by_eri) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whole days from `today` to `date` (negative when past). Pure calendar arithmetic.
pub fn days_until(today: NaiveDate, date: NaiveDate) -> i64 {
    (date - today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> Fixed3 {
        text.parse().unwrap()
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reference_example_40ml_2000_400_is_190_days_capped_at_180() {
        let dose = DailyDose::mcg_per_day(f("400"));
        assert_eq!(
            daily_volume_ml(dose, f("2000"))
                .unwrap()
                .to_decimal_string(3),
            "0.2"
        );
        assert_eq!(days_to_alarm(f("40"), f("2"), f("2000"), dose), Some(190));
        assert_eq!(cap_interval(190), (180, true));
        let est = estimate_alarm(d("2027-01-01"), f("40"), f("2"), f("2000"), dose).unwrap();
        assert_eq!(est.interval_days, 180);
        assert!(est.capped);
        assert_eq!(est.alarm_date, d("2027-06-30"));
        assert_eq!(days_to_empty(f("40"), f("2000"), dose), Some(200));
    }

    #[test]
    fn reference_example_20ml_500_250_is_36_days() {
        let dose = DailyDose::mcg_per_day(f("250"));
        assert_eq!(
            daily_volume_ml(dose, f("500"))
                .unwrap()
                .to_decimal_string(3),
            "0.5"
        );
        assert_eq!(days_to_alarm(f("20"), f("2"), f("500"), dose), Some(36));
        let est = estimate_alarm(d("2026-12-01"), f("20"), f("2"), f("500"), dose).unwrap();
        assert!(!est.capped);
        assert_eq!(est.alarm_date, d("2027-01-06"));
        assert_eq!(days_to_empty(f("20"), f("500"), dose), Some(40));
    }

    #[test]
    fn exact_arithmetic_gives_50_days_where_f64_gives_49() {
        // The trap in floating point: 17 / (170 / 500) = 49.99999... in f64.
        let naive = (20.0_f64 - 3.0) / (170.0 / 500.0);
        assert!(
            naive.floor() < 50.0,
            "the f64 trap this test guards against"
        );
        let dose = DailyDose::mcg_per_day(f("170"));
        assert_eq!(days_to_alarm(f("20"), f("3"), f("500"), dose), Some(50));
    }

    #[test]
    fn floor_rounding_is_conservative() {
        // 18 mL * 500 / 260 = 34.6 days -> 34.
        let dose = DailyDose::mcg_per_day(f("260"));
        assert_eq!(days_to_alarm(f("20"), f("2"), f("500"), dose), Some(34));
    }

    #[test]
    fn cap_keeps_180_and_below() {
        assert_eq!(cap_interval(180), (180, false));
        assert_eq!(cap_interval(181), (180, true));
        assert_eq!(cap_interval(0), (0, false));
    }

    #[test]
    fn impossible_inputs_give_no_estimate() {
        let dose = DailyDose::mcg_per_day(f("250"));
        assert_eq!(days_to_alarm(f("2"), f("2"), f("500"), dose), None);
        assert_eq!(days_to_alarm(f("2"), f("3"), f("500"), dose), None);
        let zero = DailyDose::mcg_per_day(Fixed3::ZERO);
        assert_eq!(days_to_alarm(f("20"), f("2"), f("500"), zero), None);
        assert_eq!(daily_volume_ml(dose, Fixed3::ZERO), None);
    }

    #[test]
    fn refill_by_window_is_3_to_5_days_before_alarm() {
        let w = refill_window(d("2027-03-01")).unwrap();
        assert_eq!(w.refill_by, d("2027-02-26"));
        assert_eq!(w.earliest, d("2027-02-24"));
        // Leap year.
        let w = refill_window(d("2028-03-01")).unwrap();
        assert_eq!(w.refill_by, d("2028-02-27"));
    }

    #[test]
    fn synchromed_deadline_is_earlier_of_seven_years_and_eri_plus_90() {
        let implant = d("2020-05-10");
        assert_eq!(
            synchromed_replacement_deadline(Some(implant), None),
            Some(d("2027-05-10"))
        );
        assert_eq!(
            synchromed_replacement_deadline(Some(implant), Some(d("2026-12-01"))),
            Some(d("2027-03-01"))
        );
        assert_eq!(
            synchromed_replacement_deadline(Some(implant), Some(d("2027-04-01"))),
            Some(d("2027-05-10"))
        );
        assert_eq!(
            synchromed_replacement_deadline(None, Some(d("2027-01-01"))),
            Some(d("2027-04-01"))
        );
        assert_eq!(synchromed_replacement_deadline(None, None), None);
        // 29 Feb + 7 years clamps to 28 Feb, the earlier day.
        assert_eq!(
            synchromed_replacement_deadline(Some(d("2024-02-29")), None),
            Some(d("2031-02-28"))
        );
    }

    #[test]
    fn flex_steps_sum_exactly_to_the_daily_dose() {
        // 10 mcg/h for 24 h = 240 mcg/day.
        let one = DailyDose::from_flex_steps(&[(0, f("10"))]).unwrap();
        assert_eq!(one.as_ratio().floor(), 240);
        // 8 mcg/h 00:00-08:00, 12 mcg/h 08:00-20:00, 6 mcg/h 20:00-24:00 = 64+144+24 = 232.
        let steps = [(480, f("12")), (0, f("8")), (1200, f("6"))];
        let flex = DailyDose::from_flex_steps(&steps).unwrap();
        assert_eq!(flex.as_ratio().to_decimal_string(3), "232");
        let flat = DailyDose::mcg_per_day(f("232"));
        assert_eq!(
            days_to_alarm(f("20"), f("2"), f("500"), flex),
            days_to_alarm(f("20"), f("2"), f("500"), flat)
        );
        // Wrapping: a schedule starting at 06:00 covers midnight.
        let wrap = DailyDose::from_flex_steps(&[(360, f("10")), (1080, f("5"))]).unwrap();
        assert_eq!(wrap.as_ratio().floor(), 12 * 10 + 12 * 5);
        assert!(DailyDose::from_flex_steps(&[]).is_none());
        assert!(DailyDose::from_flex_steps(&[(0, f("1")), (0, f("2"))]).is_none());
        assert!(DailyDose::from_flex_steps(&[(1440, f("1"))]).is_none());
    }

    #[test]
    fn days_until_counts_calendar_days() {
        assert_eq!(days_until(d("2026-12-31"), d("2027-01-01")), 1);
        assert_eq!(days_until(d("2027-01-01"), d("2026-12-31")), -1);
        assert_eq!(days_until(d("2028-02-28"), d("2028-03-01")), 2);
    }
}
