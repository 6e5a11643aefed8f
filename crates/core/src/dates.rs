//! Dates as a parent reads them, one format for every screen, reminder, printable and the
//! emergency card ("Sun 3 Jan 2027", or "Sun, Jan 3, 2027" where the device's locale writes the
//! month first: the weekday helps plan a visit, and the month in letters cannot be misread as
//! day/month or month/day), and the fixed formats of files (iCalendar, saved dates).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

// The dates below are written by hand, with exactly the text chrono's `format` gives for the
// same strftime patterns: `format` brings chrono's strftime parser and formatter into the web
// build (about 10 KB of wasm) for four fixed patterns.

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The year as strftime's `%Y`: four digits, or a sign and at least four digits outside 0..=9999.
fn year(date: NaiveDate) -> String {
    let y = date.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+05}")
    }
}

/// How the parent's device writes a date: day first ("Sun 3 Jan 2027") or month first
/// ("Sun, Jan 3, 2027"). The month is always in letters, so neither can be misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayMonth,
    MonthDay,
}

/// Regions whose English writes the month first (CLDR's medium date pattern "MMM d, y").
const MONTH_FIRST_REGIONS: [&str; 12] = [
    "US", "CA", "PH", "PR", "GU", "AS", "MP", "VI", "UM", "FM", "MH", "PW",
];

impl DateOrder {
    /// From the device's locale: a BCP 47 tag from the browser ("en-US", "en-GB") or a POSIX
    /// locale from the environment ("en_US.UTF-8"). The app's words are English, so only the
    /// region decides; "en" alone is US English (CLDR), anything unreadable is day first.
    pub fn from_locale(tag: &str) -> DateOrder {
        let tag = tag.split(['.', '@']).next().unwrap_or("");
        let mut parts = tag.split(['-', '_']);
        let language = parts.next().unwrap_or("");
        // The region is the first 2-letter subtag after the language (a script is 4 letters).
        let region = parts.find(|p| p.len() == 2);
        let month_first = match region {
            Some(r) => MONTH_FIRST_REGIONS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(r)),
            None => language.eq_ignore_ascii_case("en"),
        };
        if month_first {
            DateOrder::MonthDay
        } else {
            DateOrder::DayMonth
        }
    }
}

/// The one date format of every screen, reminder and card, in the device's order:
/// "Sun 3 Jan 2027" (strftime `%a %-d %b %Y`) or "Sun, Jan 3, 2027".
pub fn date_in(date: NaiveDate, order: DateOrder) -> String {
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    let month = MONTHS[date.month0() as usize];
    match order {
        DateOrder::DayMonth => format!("{weekday} {} {month} {}", date.day(), year(date)),
        DateOrder::MonthDay => format!("{weekday}, {month} {}, {}", date.day(), year(date)),
    }
}

/// "20270103" (strftime `%Y%m%d`), as iCalendar writes a date.
pub fn compact_date(date: NaiveDate) -> String {
    format!("{}{:02}{:02}", year(date), date.month(), date.day())
}

/// "20270103T091500Z" (strftime `%Y%m%dT%H%M%SZ`), as iCalendar writes a UTC time.
pub fn compact_utc(at: DateTime<Utc>) -> String {
    let (date, time) = (at.date_naive(), at.time());
    // %S shows a leap second as 60, as chrono keeps it in the nanoseconds.
    let second = time.second() + time.nanosecond() / 1_000_000_000;
    format!(
        "{}T{:02}{:02}{second:02}Z",
        compact_date(date),
        time.hour(),
        time.minute()
    )
}

/// "2027-01-03 09:15 UTC" (strftime `%Y-%m-%d %H:%M UTC`).
pub fn utc_minute(at: DateTime<Utc>) -> String {
    let time = at.time();
    format!(
        "{} {:02}:{:02} UTC",
        at.date_naive(),
        time.hour(),
        time.minute()
    )
}

// chrono's parse errors, by the text its `ParseError` shows.
const OUT_OF_RANGE: &str = "input is out of range";
const INVALID: &str = "input contains invalid characters";
const TOO_SHORT: &str = "premature end of input";
const TOO_LONG: &str = "trailing input";

/// YYYY-MM-DD read step by step as chrono reads it, with chrono's error for each failure,
/// without bringing chrono's general date parser into the web build. White space may come
/// before each number; month and day may have one digit, the year up to four, or a sign and
/// any number of digits. `loose` reads as `NaiveDate::from_str` (also white space before each
/// dash and at the end), otherwise as `NaiveDate::parse_from_str(text, "%Y-%m-%d")`.
fn parse_ymd(text: &str, loose: bool) -> Result<NaiveDate, &'static str> {
    // chrono's `scan::number(s, 1, max)`: one to `max` ASCII digits.
    fn number(s: &str, max: usize) -> Result<(i64, &str), &'static str> {
        if s.is_empty() {
            return Err(TOO_SHORT);
        }
        let mut n: i64 = 0;
        for (i, c) in s.bytes().take(max).enumerate() {
            if !c.is_ascii_digit() {
                return if i == 0 {
                    Err(INVALID)
                } else {
                    Ok((n, &s[i..]))
                };
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(i64::from(c - b'0')))
                .ok_or(OUT_OF_RANGE)?;
        }
        Ok((n, &s[max.min(s.len())..]))
    }
    fn dash(s: &str) -> Result<&str, &'static str> {
        if s.is_empty() {
            return Err(TOO_SHORT);
        }
        s.strip_prefix('-').ok_or(INVALID)
    }
    // chrono's `Item::Space` (in `from_str` only): skips white space.
    fn space(s: &str, loose: bool) -> &str {
        if loose {
            s.trim_start()
        } else {
            s
        }
    }
    let s = text.trim_start();
    let (year, s) = if let Some(rest) = s.strip_prefix('-') {
        let (v, rest) = number(rest, usize::MAX)?;
        (-v, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, usize::MAX)?
    } else {
        number(s, 4)?
    };
    let year = i32::try_from(year).map_err(|_| OUT_OF_RANGE)?;
    let (month, s) = number(dash(space(s, loose))?.trim_start(), 2)?;
    if !(1..=12).contains(&month) {
        return Err(OUT_OF_RANGE);
    }
    let (day, s) = number(dash(space(s, loose))?.trim_start(), 2)?;
    if !(1..=31).contains(&day) {
        return Err(OUT_OF_RANGE);
    }
    if !space(s, loose).is_empty() {
        return Err(TOO_LONG);
    }
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).ok_or(OUT_OF_RANGE)
}

/// A date typed as YYYY-MM-DD, read as `NaiveDate::parse_from_str(text, "%Y-%m-%d")` reads it.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    parse_ymd(text, false).ok()
}

/// Serde `deserialize_with` for a `NaiveDate` field: what chrono's own `Deserialize` accepts,
/// with the same error text (chrono's needs its general parser: about 9 KB of wasm).
/// Writing is left to chrono's `Serialize`, which is small.
pub fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct DateVisitor;
    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a formatted date string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse_ymd(v, true).map_err(E::custom)
        }
    }
    d.deserialize_str(DateVisitor)
}

/// [`de_date`] for an `Option<NaiveDate>` field (null is None, as serde's `Option`).
pub fn de_opt_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Date(NaiveDate);
    impl<'de> serde::Deserialize<'de> for Date {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            de_date(d).map(Date)
        }
    }
    Ok(<Option<Date> as serde::Deserialize>::deserialize(d)?.map(|Date(date)| date))
}

#[cfg(test)]
mod order {
    use super::*;

    #[test]
    fn the_device_locale_decides_day_or_month_first() {
        for tag in [
            "en-US",
            "en_US.UTF-8",
            "en",
            "EN-us",
            "en-CA",
            "es-US",
            "en-Latn-US",
            "en-PH",
        ] {
            assert_eq!(DateOrder::from_locale(tag), DateOrder::MonthDay, "{tag}");
        }
        for tag in [
            "en-GB",
            "en_GB.UTF-8",
            "en-AU",
            "en-IE",
            "fr-FR",
            "de",
            "C",
            "C.UTF-8",
            "POSIX",
            "",
            "en-IN",
            "nonsense",
        ] {
            assert_eq!(DateOrder::from_locale(tag), DateOrder::DayMonth, "{tag}");
        }
        let d = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(date_in(d, DateOrder::DayMonth), "Sun 3 Jan 2027");
        assert_eq!(date_in(d, DateOrder::MonthDay), "Sun, Jan 3, 2027");
    }
}

#[cfg(test)]
mod size_check_against_chrono {
    use super::*;

    #[test]
    fn same_text_as_chrono_format() {
        let mut d = NaiveDate::from_ymd_opt(-10000, 1, 1).unwrap();
        let mut n = 0;
        while d < NaiveDate::from_ymd_opt(12000, 12, 31).unwrap() {
            assert_eq!(
                date_in(d, DateOrder::DayMonth),
                d.format("%a %-d %b %Y").to_string()
            );
            assert_eq!(compact_date(d), d.format("%Y%m%d").to_string());
            assert_eq!(d.to_string(), d.format("%Y-%m-%d").to_string());
            let (sec, nano) = if n % 2 == 1 {
                (59, 1_500_000_000)
            } else {
                ((n % 60) as u32, 0)
            };
            let t = d
                .and_hms_nano_opt((n % 24) as u32, (n % 60) as u32, sec, nano)
                .unwrap()
                .and_utc();
            assert_eq!(compact_utc(t), t.format("%Y%m%dT%H%M%SZ").to_string());
            assert_eq!(utc_minute(t), t.format("%Y-%m-%d %H:%M UTC").to_string());
            d = d + chrono::Days::new(1 + (n % 37) as u64);
            n += 1;
        }
    }

    #[test]
    fn same_dates_as_chrono_parse() {
        let cases = [
            "2026-03-14",
            "2026-3-4",
            " 2026-03-14",
            "2026 -03-14",
            "2026- 03-14",
            "2026-03- 14",
            "2026-03-14 ",
            "2026-03-14x",
            "20260-03-14",
            "026-03-14",
            "26-3-4",
            "0-1-1",
            "+2026-03-14",
            "-2026-03-14",
            "+ 2026-03-14",
            "- 2026-03-14",
            "+12345-01-01",
            "-12345-01-01",
            "+99999999999999999999-01-01",
            "+2147483648-01-01",
            "+262143-01-01",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "2026-001-01",
            "2026-01-001",
            "",
            "-",
            "2026",
            "2026-",
            "2026-03",
            "2026-03-",
            "２０２６-03-14",
            "2026\u{3000}-03-14",
            "2026-\u{3000}03-14",
            "\u{a0}2026-03-14",
            "2026/03/14",
            "14-03-2026",
            "2026-03-1a",
            "+-2026-01-01",
            "--2026-01-01",
            "2026 - 03 - 14 ",
            "2026-03-14\n",
            " ",
            "2026 ",
            "2026 -",
            "2026-03 ",
            "2026-03 -",
            "+",
            "-",
            "+2147483647-12-31",
            "-2147483648-01-01",
            "+262144-01-01",
            "-262144-01-01",
            "2026-03-14-",
            "2026--03-14",
            "2026-3-",
            "2026-1-1 x",
            "9999-12-31",
            "0000-01-01",
            "2026-02-30",
            "2026-04-31",
            "2026-12-32",
            "2026-99-01",
            "2026-00-00",
            "12026-01-01",
        ];
        for c in cases {
            assert_eq!(
                parse_iso_date(c),
                NaiveDate::parse_from_str(c, "%Y-%m-%d").ok(),
                "{c:?}"
            );
            assert_eq!(
                parse_ymd(c, true).map_err(str::to_string),
                c.parse::<NaiveDate>().map_err(|e| e.to_string()),
                "{c:?}"
            );
            assert_eq!(
                parse_ymd(c, false).map_err(str::to_string),
                NaiveDate::parse_from_str(c, "%Y-%m-%d").map_err(|e| e.to_string()),
                "{c:?}"
            );
            let json = serde_json::Value::String(c.to_string());
            let ours = de_date(json.clone()).map_err(|e| e.to_string());
            assert_eq!(
                ours,
                serde_json::from_value::<NaiveDate>(json).map_err(|e| e.to_string())
            );
        }
        for v in [
            serde_json::json!(null),
            serde_json::json!(5),
            serde_json::json!("2026-03-14"),
            serde_json::json!(["x"]),
            serde_json::json!("2026-02-30 "),
        ] {
            assert_eq!(
                de_opt_date(v.clone()).map_err(|e| e.to_string()),
                serde_json::from_value::<Option<NaiveDate>>(v.clone()).map_err(|e| e.to_string()),
                "{v}"
            );
            assert_eq!(
                de_date(v.clone()).map_err(|e| e.to_string()),
                serde_json::from_value::<NaiveDate>(v).map_err(|e| e.to_string())
            );
        }
    }

    #[test]
    fn same_as_chrono_on_random_text() {
        // Mostly digits and dashes, so that many of the texts are dates.
        let alphabet = [
            '0', '1', '2', '3', '9', '-', '-', '+', ' ', '\u{a0}', 'x', '1',
        ];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut dates = 0;
        for _ in 0..300_000 {
            let len = next() % 14;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            dates += usize::from(text.parse::<NaiveDate>().is_ok());
            assert_eq!(
                parse_ymd(&text, true).map_err(str::to_string),
                text.parse::<NaiveDate>().map_err(|e| e.to_string()),
                "{text:?}"
            );
            assert_eq!(
                parse_ymd(&text, false).map_err(str::to_string),
                NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| e.to_string()),
                "{text:?}"
            );
        }
        assert!(dates > 300, "only {dates} of the texts were dates");
    }
}
