//! Paper stays true (reference §6, corrected 2026-12-07): a printed card ages in a wallet for
//! months, so printables, the QR text and the pre-app card carry absolute dates only, the day
//! they were made, and the rule "if today is after {alarm date} and the pump has not been
//! refilled since, it may be empty"; never "in N days" or "not passed". The screen, read today,
//! keeps its countdown. (The browser test prints the same pages to PDF and reads them back with
//! pdftotext: tests/e2e/clinical.test.mjs, "m. printables printed to PDF …".)

mod common;

use itb_companion::core::countdown::ReminderSettings;
use itb_companion::core::dates::DateOrder;
use itb_companion::core::ems::{ems_card, ems_plain_text, instant_card_json, CardView, Medium};
use itb_companion::core::family::Family;
use itb_companion::platform::store::StoreHandle;

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

fn reference() -> String {
    REFERENCE.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render(path: &str, family: &Family) -> String {
    let store = StoreHandle::memory();
    store.0.save(family).unwrap();
    let html = dioxus_ssr::render(&common::app_at(store, path, None));
    common::ssr_unescape(&html)
}

/// The relative words a wallet must never carry, with what matched.
fn relative_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for bad in [
        "not passed",
        "tomorrow",
        "days ago",
        "day ago",
        "today:",
        "(today)",
    ] {
        if lower.contains(bad) {
            found.push(bad.to_string());
        }
    }
    // "in 15 days", "in 1 day"
    let words: Vec<&str> = lower.split_whitespace().collect();
    for w in words.windows(3) {
        if w[0] == "in" && w[1].parse::<u32>().is_ok() && w[2].starts_with("day") {
            found.push(w.join(" "));
        }
    }
    found
}

#[test]
fn no_printable_or_pre_app_card_says_in_n_days_or_not_passed() {
    assert!(reference().contains("never \"in N days\" or \"not passed\""));
    let rule = "if today is after";
    assert!(reference().contains(&format!("the rule \"{rule} {{alarm date}} and the pump has not been refilled since, it may be empty\"")));
    // Maya on 23 Nov: the alarm date (8 Dec) is ahead, so the screen counts down to it.
    let family = common::full_family();
    let screen = render("/emergency", &family);
    assert!(
        screen.contains("not passed: in 15 days"),
        "the screen keeps its countdown"
    );
    for kind in ["wallet", "eif", "school"] {
        let page = render(&format!("/print/{kind}"), &family);
        let doc = &page[page.find("print-doc").unwrap_or_else(|| panic!("{kind}"))..];
        assert_eq!(relative_words(doc), Vec::<String>::new(), "{kind}: {doc}");
        assert!(doc.contains("Printed on Mon 23 Nov 2026"), "{kind}");
        assert!(
            doc.to_lowercase().contains("if today is after tue 8 dec 2026 and the pump has not been refilled since, it may be empty"),
            "{kind}: the rule with the alarm date"
        );
    }
    // The QR text (kept by the phone that reads it) and the pre-app card's snapshot.
    let child = &family.children[0];
    let settings = ReminderSettings::default();
    let qr = ems_plain_text(child, common::today(), &settings, DateOrder::DayMonth);
    assert_eq!(relative_words(&qr), Vec::<String>::new(), "{qr}");
    assert!(qr.contains("Printed on Mon 23 Nov 2026"), "{qr}");
    let snapshot = instant_card_json(
        child.id,
        &ems_card(
            child,
            common::today(),
            &settings,
            CardView {
                medium: Medium::Snapshot,
                ..CardView::screen(DateOrder::DayMonth, 72)
            },
        ),
    );
    assert_eq!(
        relative_words(&snapshot),
        Vec::<String>::new(),
        "{snapshot}"
    );
    assert!(snapshot.contains("Saved on Mon 23 Nov 2026"));
    assert!(snapshot.contains("If today is after Tue 8 Dec 2026"));
    // Long after, the same paper still says only the dates and the rule: never "PASSED n days".
    let later: chrono::NaiveDate = "2027-03-01".parse().unwrap();
    let qr = ems_plain_text(child, later, &settings, DateOrder::DayMonth);
    assert_eq!(relative_words(&qr), Vec::<String>::new(), "{qr}");
}
