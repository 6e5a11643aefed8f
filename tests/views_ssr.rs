//! Component tests: render each screen to HTML through the real router (in-memory history)
//! with dioxus-ssr, and check what a person would read there.

use chrono::NaiveDate;
use dioxus::prelude::*;
use itb_companion::app::{AppRoot, AppRootProps};
use itb_companion::core::profile::Family;
use itb_companion::platform::store::StoreHandle;

fn render(path: &str, family: Family) -> String {
    let store = StoreHandle::memory();
    if !family.children.is_empty() {
        store.0.save(&family).unwrap();
    }
    let props = AppRootProps::builder()
        .store(store)
        .today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        .start(Some(path.to_string()))
        .store_problem(None)
        .build();
    let mut dom = VirtualDom::new_with_props(AppRoot, props);
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

fn family_with(names: &[&str]) -> Family {
    let mut family = Family::default();
    for name in names {
        family.add_child(name);
    }
    family
}

const SCREENS: [(&str, &str); 6] = [
    ("/", "Home"),
    ("/card", "Device card"),
    ("/symptoms", "Symptom checker"),
    ("/plan", "Emergency plan"),
    ("/emergency", "Emergency card"),
    ("/settings", "Settings"),
];

#[test]
fn every_screen_has_its_title_the_header_and_the_navigation() {
    for (path, title) in SCREENS {
        let html = render(path, Family::default());
        assert!(
            html.contains(&format!("<h1>{title}</h1>")),
            "{path}: {html}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{path} has one h1");
        assert!(html.contains("ITB Companion"), "{path}");
        assert!(
            html.contains(r#"href="/emergency""#) && html.contains(">Emergency card</a>"),
            "{path}: Emergency card button missing"
        );
        assert!(html.contains(r#"aria-label="Main""#), "{path}");
        for (target, label) in SCREENS.iter().filter(|(p, _)| *p != "/emergency") {
            assert!(
                html.contains(&format!(r#"href="{target}""#)) && html.contains(label),
                "{path}: nav link to {target}"
            );
        }
    }
}

#[test]
fn current_screen_is_marked_in_the_navigation() {
    let html = render("/plan", Family::default());
    assert!(
        html.contains(r#"href="/plan" aria-current="page""#)
            || html.contains(r#"aria-current="page" href="/plan""#),
        "{html}"
    );
}

#[test]
fn empty_home_invites_adding_the_first_child() {
    let html = render("/", Family::default());
    assert!(html.contains("Add your first child"));
    assert!(html.contains(r#"href="/card""#));
    assert!(html.contains("No child added yet"));
}

#[test]
fn header_shows_whose_data_is_on_screen_on_every_screen() {
    let family = family_with(&["Maya", "Sam"]);
    for (path, _) in SCREENS {
        let html = render(path, family.clone());
        assert!(html.contains("child-name\">Maya</span>"), "{path}: {html}");
        assert!(!html.contains("No child added yet"), "{path}");
    }
}

#[test]
fn home_lists_each_child_when_there_are_children() {
    let html = render("/", family_with(&["Maya", "Sam"]));
    assert!(!html.contains("Add your first child"));
    assert!(html.contains("Maya") && html.contains("Sam"));
}

#[test]
fn emergency_card_opens_with_the_pump_warning() {
    let html = render("/emergency", family_with(&["Maya"]));
    let warning = "IMPLANTED INTRATHECAL BACLOFEN PUMP: therapy must not stop abruptly; withdrawal can be life-threatening";
    let at = html.find(warning).expect("warning present");
    let name_at = html.find(">Maya</dd>").expect("child's name on card");
    assert!(at < name_at, "warning comes first");
    assert!(html.contains("[L1]"));
}

#[test]
fn symptom_checker_says_the_clinic_plan_comes_first_and_calls_911() {
    let html = render("/symptoms", Family::default());
    let text = html.replace("&#39;", "'");
    assert!(text.contains("General guidance. Your clinic's plan comes first."));
    assert!(html.contains(r#"href="tel:911""#));
    assert!(html.contains("Hard to wake"));
}

#[test]
fn settings_lists_the_sources() {
    let html = render("/settings", Family::default());
    for id in ["[CW]", "[L1]", "[M8]", "[A3]"] {
        assert!(html.contains(id), "{id}");
    }
}
