//! The emergency card that index.html shows before the app starts is built from a JSON
//! snapshot (core::ems::instant_card_json). These tests tie the three places together: the
//! snapshot's shape, the keys index.html's script reads, and the app's own rendering of the
//! same card (tests/e2e/instant.test.mjs compares the two on screen, word for word).

mod common;

use itb_companion::core::ems::{ems_card, instant_card_json, INSTANT_CARD_VERSION};
use itb_companion::platform::store::{StoreHandle, EXTRA_DRAFT, EXTRA_INSTANT_CARD};
use serde_json::Value;

fn snapshot() -> Value {
    let family = common::full_family();
    let child = &family.children[0];
    let json = instant_card_json(
        child.id,
        &ems_card(
            child,
            common::today(),
            &family.settings.reminders,
            itb_companion::core::dates::DateOrder::DayMonth,
        ),
    );
    serde_json::from_str(&json).expect("the snapshot is JSON")
}

fn child_id() -> u64 {
    common::full_family().children[0].id
}

#[test]
fn the_snapshot_says_whose_card_it_is() {
    let json = snapshot().to_string();
    assert_eq!(
        itb_companion::core::ems::instant_card_child(&json),
        Some(child_id())
    );
    assert_eq!(
        itb_companion::core::ems::instant_card_child("{\"v\":1}"),
        None
    );
    assert_eq!(
        itb_companion::core::ems::instant_card_child("damaged"),
        None
    );
}

fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

#[test]
fn snapshot_has_every_field_the_inline_script_reads() {
    let snap = snapshot();
    assert_eq!(snap["v"], Value::from(INSTANT_CARD_VERSION));
    let card = &snap["card"];
    assert!(card["warning"]["text"]
        .as_str()
        .unwrap()
        .starts_with("INTRATHECAL BACLOFEN PUMP"));
    assert!(!card["warning"]["sources"].as_array().unwrap().is_empty());
    let sections = card["sections"].as_array().unwrap();
    let titles: Vec<&str> = sections
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    // §6: what a crew needs first comes first: the pump with its alarm-date status, the two
    // steps, the calls; everything else follows.
    assert_eq!(
        titles,
        [
            "Intrathecal baclofen pump",
            "If you suspect",
            "Call",
            "Patient",
            "Allergies and medicines",
            "Hospital and procedures",
            "Pump details",
            "Signs to look for",
        ]
    );
    assert_eq!(snap["child"], Value::from(child_id()));
    let mut phones = 0;
    for section in sections {
        for line in section["lines"].as_array().unwrap() {
            assert!(
                line["label"].is_string() && line["value"].is_string(),
                "{line}"
            );
            match &line["phone"] {
                Value::Null => {}
                Value::String(p) => {
                    assert!(!p.trim().is_empty());
                    phones += 1;
                }
                other => panic!("phone must be null or a string, was {other}"),
            }
        }
    }
    assert!(phones >= 2, "the full card has call lines");
    let text = snap.to_string();
    for fact in ["Maya Rivera", "500 mcg/mL", "LATEX ALLERGY"] {
        assert!(text.contains(fact), "the snapshot holds {fact}");
    }
    for group in card["actions"].as_array().unwrap() {
        assert!(group["title"].is_string());
        for step in group["steps"].as_array().unwrap() {
            assert!(step["text"].is_string() && step["sources"].is_array());
        }
    }
    assert!(card["updated"]
        .as_str()
        .unwrap()
        .starts_with("Card last changed: "));
}

#[test]
fn index_html_reads_this_snapshot_under_its_storage_key() {
    let html = index_html();
    // WebSlots keeps every slot under the "itb-companion/" prefix.
    let key = format!("'itb-companion/{EXTRA_INSTANT_CARD}'");
    assert!(html.contains(&key), "index.html reads {key}");
    assert!(html.contains(&format!("snap.v !== {INSTANT_CARD_VERSION}")));
    for read in [
        "c.warning",
        "c.sections",
        "section.title",
        "section.lines",
        "l.label",
        "l.value",
        "l.phone",
        "l.sources",
        "c.actions",
        "group.title",
        "group.steps",
        "item.text",
        "item.sources",
        "c.updated",
    ] {
        assert!(html.contains(read), "index.html reads {read}");
    }
    // Text only: the snapshot holds what the family typed.
    assert!(
        !html.contains("innerHTML"),
        "the inline script never parses HTML"
    );
    assert!(html.contains("location.pathname !== '/emergency'"));
}

#[test]
fn the_app_card_shows_every_snapshot_value() {
    let store = StoreHandle::memory();
    store.0.save(&common::full_family()).unwrap();
    let html = dioxus_ssr::render(&common::app_at(store, "/emergency", None));
    let start = html
        .find("data-ems-content=\"app\"")
        .expect("the app marks its card content");
    let content = &html[start..];
    let snap = snapshot();
    let card = &snap["card"];
    let mut expected = vec![
        card["warning"]["text"].as_str().unwrap().to_string(),
        card["updated"].as_str().unwrap().to_string(),
    ];
    for section in card["sections"].as_array().unwrap() {
        expected.push(section["title"].as_str().unwrap().to_string());
        for line in section["lines"].as_array().unwrap() {
            expected.push(line["label"].as_str().unwrap().to_string());
            expected.push(line["value"].as_str().unwrap().to_string());
        }
    }
    for group in card["actions"].as_array().unwrap() {
        expected.push(group["title"].as_str().unwrap().to_string());
        for step in group["steps"].as_array().unwrap() {
            expected.push(step["text"].as_str().unwrap().to_string());
        }
    }
    for text in expected {
        let shown = content.contains(&text) || content.contains(&common::ssr_escape(&text));
        assert!(shown, "the app's card shows {text:?}");
    }
}

#[test]
fn extra_slots_hold_text_and_clear() {
    let store = StoreHandle::memory();
    assert_eq!(store.0.read_extra(EXTRA_DRAFT), None);
    store.0.write_extra(EXTRA_DRAFT, Some("{\"a\":1}")).unwrap();
    assert_eq!(
        store.0.read_extra(EXTRA_DRAFT).as_deref(),
        Some("{\"a\":1}")
    );
    store.0.write_extra(EXTRA_DRAFT, None).unwrap();
    assert_eq!(store.0.read_extra(EXTRA_DRAFT), None);
    // Clearing what was never written writes nothing.
    store.0.write_extra(EXTRA_INSTANT_CARD, None).unwrap();
    assert_eq!(store.0.read_extra(EXTRA_INSTANT_CARD), None);
}
