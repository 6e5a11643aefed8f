//! What the checker's result band says beyond its level (reference §4 and §5, corrected
//! 2026-12-07): the "right away" line, the two-tone alarm, call-not-drive, the no-callback
//! fallback, the PRN caution, the facts the app already knows, and the child's own signs first.
//! Each expected phrase is read from the reference; the screens are rendered through the real
//! app (dioxus-ssr) where the test is about what a parent sees.

mod common;

use itb_companion::core::countdown::{countdown, ReminderSettings};
use itb_companion::core::family::Family;
use itb_companion::core::triage::{
    band_notes, fill, known_facts, sign, triage, KnownFact, Level, Pattern, Selected, SIGNS,
};
use itb_companion::platform::store::StoreHandle;

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

/// The reference with its line breaks joined, for quoting.
fn reference() -> String {
    REFERENCE.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text between the first `open` after `after` and the next `close`.
fn quoted(after: &str, open: &str, close: &str) -> String {
    let text = reference();
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("the reference says {after:?}"));
    let start = from + text[from..].find(open).unwrap() + open.len();
    let end = start + text[start..].find(close).unwrap();
    text[start..end].to_string()
}

fn result(ids: &[&'static str]) -> itb_companion::core::triage::TriageResult {
    let picks: Vec<Selected> = ids.iter().map(|id| Selected::Builtin(id)).collect();
    triage(&picks).unwrap()
}

fn render(path: &str, family: &Family) -> String {
    let store = StoreHandle::memory();
    store.0.save(family).unwrap();
    common::ssr_unescape(&dioxus_ssr::render(&common::app_at(store, path, None)))
}

/// Maya's card with the refill-by date passed on the test's today (2026-11-23): printout alarm
/// date 2026-11-25, so refill by 2026-11-22.
fn late_family() -> Family {
    let mut family = common::full_family();
    let pump = family.children[0].pump.as_mut().unwrap();
    pump.last_refill.as_mut().unwrap().date = "2026-10-20".parse().unwrap();
    pump.printout_alarm_date = Some("2026-11-25".parse().unwrap());
    pump.next_refill_appointment = None;
    family
}

#[test]
fn a_late_refill_the_app_knows_about_starts_selected_with_a_note() {
    assert!(reference().contains(
        "A late refill that the app itself knows about (the refill-by date has passed and no refill is recorded) counts as \"a missed or late refill\" without a tap"
    ));
    let family = late_family();
    let child = &family.children[0];
    let c = countdown(child, common::today(), &ReminderSettings::default());
    assert!(c.refill_by.unwrap() < common::today());
    assert_eq!(
        known_facts(&c, common::today()),
        vec![KnownFact::RefillLate]
    );
    assert_eq!(KnownFact::RefillLate.sign(), "missed_refill");
    // The late refill and one withdrawal sign: §5's first combination, 911.
    assert_eq!(result(&["missed_refill", "itchy"]).level, Level::Call911Now);
    // On the screen: selected, with a visible note, and the band already answering.
    let html = render("/symptoms", &family);
    assert!(html.contains("The refill-by date on the card has passed and no refill is recorded"));
    let button = html
        .split("<button")
        .skip(1)
        .find(|b| b.contains(">A refill was missed or is late"))
        .expect("the late-refill button");
    assert!(button.contains(r#"aria-pressed="true""#), "{button}");
    assert!(html.contains("CALL THE PUMP CLINIC NOW"));
    // Refilled since (the dates move): nothing starts selected.
    let on_time = common::full_family();
    let c = countdown(
        &on_time.children[0],
        common::today(),
        &ReminderSettings::default(),
    );
    assert!(known_facts(&c, common::today()).is_empty());
}

#[test]
fn a_clinic_result_pointing_to_withdrawal_says_take_the_child_to_the_er_if_the_clinic_cannot_see_them(
) {
    let said = quoted("the band also says, visibly", "\"", "\"");
    assert_eq!(
        said,
        "If the clinic cannot see your child right away, take your child to the emergency room now"
    );
    // Pointing to withdrawal, or with a pump alarm or a late refill in it.
    for ids in [
        &["itchy"][..],
        &["stiffer"],
        &["beeping"],
        &["missed_refill"],
        &["alarm_date_passed"],
        &["crying"],
    ] {
        let r = result(ids);
        assert_eq!(r.level, Level::CallClinicNow, "{ids:?}");
        let line = band_notes(&r).right_away.expect("the right-away line");
        assert_eq!(fill(line.text, "", "911"), format!("{said}."), "{ids:?}");
        assert_eq!(
            fill(line.text, "Maya", "911"),
            "If the clinic cannot see Maya right away, take Maya to the emergency room now."
        );
        assert!(line.sources.contains(&"GB"));
    }
    // Neither withdrawal nor delivery in doubt: the band keeps to the clinic's call.
    assert_eq!(band_notes(&result(&["pump_site"])).right_away, None);
    // On the screen, with the late refill the app knows about: on the band, not in details.
    let html = render("/symptoms", &late_family());
    let band = html
        .split("aria-label=\"Result\"")
        .nth(1)
        .expect("the band");
    let visible = band.split("<details").next().unwrap();
    assert!(
        visible.contains("If the clinic cannot see Maya Rivera right away, take Maya Rivera to the emergency room now."),
        "{visible}"
    );
}

#[test]
fn the_two_tone_alarm_says_go_to_the_er_if_the_clinic_cannot_be_reached_within_minutes() {
    assert!(reference().contains(
        "if they cannot be reached within minutes, go to the ER now, before any sign appears"
    ));
    assert!(reference().contains("treats it as the two-tone alarm"));
    let notes = band_notes(&result(&["beeping"]));
    let line = notes.alarm.expect("the alarm line");
    assert!(line.text.contains("within minutes"), "{}", line.text);
    assert!(
        line.text.contains("before any sign appears"),
        "{}",
        line.text
    );
    assert!(
        line.text.contains("not sure"),
        "unsure counts as two-tone: {}",
        line.text
    );
    assert_eq!(band_notes(&result(&["itchy"])).alarm, None);
}

#[test]
fn for_hard_to_wake_a_seizure_or_trouble_breathing_the_911_band_says_call_not_drive() {
    assert!(reference().contains(
        "For a child who is hard to wake, has a seizure or has trouble breathing, the advice is to call, not to drive"
    ));
    for id in ["hard_to_wake", "seizure", "breathing"] {
        let r = result(&[id]);
        assert_eq!(r.level, Level::Call911Now);
        let line = band_notes(&r).call_not_drive.expect(id);
        let words = fill(line.text, "Maya", "112");
        assert!(words.contains("Call 112"), "{words}");
        assert!(words.contains("do not drive Maya"), "{words}");
        assert!(words.contains("the team's reading"), "{words}");
    }
    assert_eq!(band_notes(&result(&["dizzy"])).call_not_drive, None);
}

#[test]
fn the_no_callback_fallback_names_30_minutes() {
    assert!(reference().contains("30 minutes where the plan gives none"));
    for s in SIGNS.iter().filter(|s| s.level == Level::CallClinicNow) {
        let notes = band_notes(&result(&[s.id]));
        let line = notes
            .fallback
            .unwrap_or_else(|| panic!("{}: a fallback", s.id));
        let words = fill(line.text, "Maya", "112");
        assert!(words.contains("30 minutes"), "{words}");
        assert!(words.contains("Go to the ER or call 112"), "{words}");
        // The 911 signs to watch for are on the band, with their heading.
        assert!(notes.while_you_wait.is_some(), "{}", s.id);
    }
    assert_eq!(band_notes(&result(&["seizure"])).fallback, None);
}

#[test]
fn every_band_naming_overdose_warns_against_prn_sedatives() {
    assert!(reference().contains(
        "must not be given for sleepiness, floppiness or slow breathing unless the clinic or 911 says so"
    ));
    assert!(reference().contains("Tell the crew what was given and when"));
    let mut named = 0;
    for s in SIGNS {
        let r = result(&[s.id]);
        let caution = band_notes(&r).prn_caution;
        if r.patterns.contains(&Pattern::Overdose) {
            named += 1;
            let line = caution.unwrap_or_else(|| panic!("{}: overdose named, no caution", s.id));
            let words = fill(line.text, "Maya", "112");
            assert!(
                words.contains("Do not give oral baclofen or diazepam"),
                "{words}"
            );
            assert!(
                words.contains("sleepiness, floppiness or slow breathing"),
                "{words}"
            );
            assert!(words.contains("unless the clinic or 112"), "{words}");
            assert!(
                words.contains("Tell the crew what you gave and when"),
                "{words}"
            );
        } else {
            assert_eq!(caution, None, "{}", s.id);
        }
    }
    assert!(named >= 10, "the overdose signs ({named})");
    assert!(sign("slow_heartbeat")
        .unwrap()
        .patterns
        .contains(&Pattern::Overdose));
}

#[test]
fn the_childs_own_signs_come_first() {
    assert!(
        reference().contains("the child's own plan from their clinic")
            || reference().contains("always outranks the app's built-in wording")
    );
    let html = render("/symptoms", &common::full_family());
    let own = html
        .find("own signs (from the clinic")
        .expect("the own signs");
    let first_builtin = html.find("<h2>If your child can't tell you</h2>").unwrap();
    assert!(own < first_builtin, "own signs before every built-in group");
    assert!(html.find("Stiff legs").unwrap() < first_builtin);
}
