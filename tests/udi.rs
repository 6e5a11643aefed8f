//! GS1 UDI parsing: both printed forms, the symbology prefix, each AI, month-end expiry,
//! the GTIN check digit, and a precise message for each kind of bad input.

use chrono::NaiveDate;
use itb_companion::core::udi::{
    gtin_check_digit, parse_udi, to_element_string, to_parenthesised, UdiError, GS,
};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

// 0064316900722 + check digit.
fn gtin() -> String {
    let body = "0064316900722";
    format!("{body}{}", gtin_check_digit(body).unwrap())
}

#[test]
fn parenthesised_form_gives_every_field() {
    let text = format!(
        "(01){}(11)210914(17)280600(10)LOT-12A(21)NGP123456H",
        gtin()
    );
    let udi = parse_udi(&text, today()).unwrap();
    assert_eq!(udi.gtin, gtin());
    assert_eq!(udi.production.unwrap().date, d("2021-09-14"));
    assert_eq!(
        udi.expiry.unwrap().date,
        d("2028-06-30"),
        "day 00 is the end of the month"
    );
    assert_eq!(udi.lot.as_deref(), Some("LOT-12A"));
    assert_eq!(udi.serial.as_deref(), Some("NGP123456H"));
}

#[test]
fn element_string_with_gs_and_symbology_prefix() {
    let text = format!("]d201{}17290228{}10ABC{GS}21SN-9", gtin(), "");
    let udi = parse_udi(&text, today()).unwrap();
    assert_eq!(
        udi.expiry.unwrap().date,
        d("2029-02-28") + chrono::Days::new(0)
    );
    assert_eq!(udi.lot.as_deref(), Some("ABC"));
    assert_eq!(udi.serial.as_deref(), Some("SN-9"));
    let text = format!("]C101{}21XYZ", gtin());
    assert_eq!(
        parse_udi(&text, today()).unwrap().serial.as_deref(),
        Some("XYZ")
    );
    // Without a prefix, and with only the serial.
    assert_eq!(
        parse_udi(&format!("01{}21XYZ", gtin()), today())
            .unwrap()
            .serial
            .as_deref(),
        Some("XYZ")
    );
}

#[test]
fn expiry_month_end_handles_leap_years_and_december() {
    let p = |exp: &str| {
        parse_udi(&format!("(01){}(17){exp}", gtin()), today())
            .unwrap()
            .expiry
            .unwrap()
            .date
    };
    assert_eq!(p("280200"), d("2028-02-29"));
    assert_eq!(p("270200"), d("2027-02-28"));
    assert_eq!(p("271200"), d("2027-12-31"));
    assert_eq!(p("270415"), d("2027-04-15"));
}

#[test]
fn two_digit_years_follow_the_gs1_century_window() {
    let p = |exp: &str| {
        parse_udi(&format!("(01){}(11){exp}", gtin()), today())
            .unwrap()
            .production
            .unwrap()
            .date
    };
    assert_eq!(p("760101"), d("2076-01-01"), "within 50 years ahead");
    assert_eq!(
        p("770101"),
        d("1977-01-01"),
        "more than 50 ahead is the last century"
    );
    assert_eq!(p("990101"), d("1999-01-01"));
}

#[test]
fn each_error_has_a_precise_message() {
    let e = |t: &str| parse_udi(t, today()).unwrap_err();
    assert_eq!(e("   "), UdiError::Empty);
    assert_eq!(e("+H123456789012345"), UdiError::Hibcc);
    assert!(e("+H1234")
        .to_string()
        .contains("not a GS1 code: look it up instead"));
    assert!(matches!(e("(01)123"), UdiError::BadGtin(_)));
    let good = gtin();
    let wrong_digit = if good.ends_with('0') { "1" } else { "0" };
    let wrong = format!("(01){}{wrong_digit}", &good[..13]);
    assert!(matches!(e(&wrong), UdiError::GtinCheckDigit { .. }));
    assert!(e(&wrong).to_string().contains("check digit"));
    assert!(matches!(
        e(&format!("(01){}(17)281301", gtin())),
        UdiError::BadDate { ai: "17", .. }
    ));
    assert!(matches!(
        e(&format!("(01){}(17)2802", gtin())),
        UdiError::BadDate { .. }
    ));
    assert!(matches!(
        e(&format!("(01){}(21){}", gtin(), "X".repeat(21))),
        UdiError::TooLong { ai: "21", max: 20 }
    ));
    assert!(matches!(
        e(&format!("(01){}(99)X", gtin())),
        UdiError::UnknownAi { .. }
    ));
    assert!(matches!(e("(21)ABC"), UdiError::MissingGtin));
    assert!(matches!(
        e(&format!("(01){}(21)", gtin())),
        UdiError::EmptyField { ai: "21" }
    ));
    assert!(matches!(
        e(&format!("(01){}(21)A(21)B", gtin())),
        UdiError::Repeated { ai: "21" }
    ));
    assert!(matches!(
        e(&format!("01{}21A\u{7}", gtin())),
        UdiError::BadCharacter { .. }
    ));
}

fn field() -> impl Strategy<Value = String> {
    "[A-Z0-9-]{1,20}"
}

fn yymmdd() -> impl Strategy<Value = String> {
    (0u32..100, 1u32..=12, 0u32..=28).prop_map(|(y, m, d)| format!("{y:02}{m:02}{d:02}"))
}

proptest! {
    /// Formatting a UDI (either form) and parsing it back gives the same UDI.
    #[test]
    fn format_then_parse_round_trips(
        body in "[0-9]{13}", prod in proptest::option::of(yymmdd()), exp in proptest::option::of(yymmdd()),
        lot in proptest::option::of(field()), serial in proptest::option::of(field()),
    ) {
        let gtin = format!("{body}{}", gtin_check_digit(&body).unwrap());
        let mut text = format!("(01){gtin}");
        if let Some(p) = &prod { text.push_str(&format!("(11){p}")); }
        if let Some(e) = &exp { text.push_str(&format!("(17){e}")); }
        if let Some(l) = &lot { text.push_str(&format!("(10){l}")); }
        if let Some(s) = &serial { text.push_str(&format!("(21){s}")); }
        let udi = parse_udi(&text, today()).unwrap();
        prop_assert_eq!(to_parenthesised(&udi), text);
        prop_assert_eq!(parse_udi(&to_element_string(&udi, "]d2"), today()).unwrap(), udi.clone());
        prop_assert_eq!(parse_udi(&to_parenthesised(&udi), today()).unwrap(), udi);
    }

    /// Whatever is pasted, the parser answers without panicking.
    #[test]
    fn any_input_gives_an_answer(text in "\\PC{0,60}") {
        let _ = parse_udi(&text, today());
    }
}
