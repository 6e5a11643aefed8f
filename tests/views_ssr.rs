//! Component tests: render each screen to HTML through the real router (in-memory history)
//! with dioxus-ssr, and check what a person would read there.

use itb_companion::core::family::Family;
use itb_companion::platform::store::StoreHandle;

fn render(path: &str, family: Family) -> String {
    let store = StoreHandle::memory();
    if !family.children.is_empty() {
        store.0.save(&family).unwrap();
    }
    dioxus_ssr::render(&common::app_at(store, path, None))
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
        // On the card itself the header gives its room to the crew's first screen: no button
        // to the card it is on.
        assert!(html.contains("ITB Companion"), "{path}");
        if path != "/emergency" {
            assert!(
                html.contains(r#"href="/emergency""#) && html.contains(">Emergency card</a>"),
                "{path}: Emergency card button missing"
            );
        }
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
    let warning = "INTRATHECAL BACLOFEN PUMP: withdrawal, or overdose after a refill or a dose change, can be life-threatening";
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

mod common;

#[test]
fn device_card_shows_every_saved_field_with_units() {
    let html = render("/card", common::full_family()).replace("&#39;", "'");
    // Dates in the device's order (day or month first, `words::date`), as the view writes them.
    let day = |iso: &str| itb_companion::words::date(iso.parse().unwrap());
    for expected in [
        "Maya Rivera".to_string(),
        day("2016-04-02"),
        format!("24.5 kg (weighed {})", day("2026-10-01")),
        "Cerebral palsy, spastic quadriplegia".to_string(),
        "Non-verbal. Non-verbal; uses eye gaze and a tablet".to_string(),
        "YES: latex allergy".to_string(),
        "Oral baclofen: 5 mg, Twice a day".to_string(),
        "Diazepam (rectal): 5 mg. When: Seizure over 5 minutes".to_string(),
        r#"href="tel:+1 555 010 1000""#.to_string(),
        "Children's Pump Clinic, Dr. Chen".to_string(),
        "Medtronic SynchroMed II 8637-20".to_string(),
        "NGP123456H".to_string(),
        "Abdomen, right side".to_string(),
        format!("8709SC, tip T10, placed {}", day("2021-09-14")),
        "<dd>20 mL</dd>".to_string(),
        "<dd>2 mL</dd>".to_string(),
        "<dd>500 mcg/mL</dd>".to_string(),
        "<dd>250 mcg/day</dd>".to_string(),
        format!("{}, 20 mL filled", day("2026-11-02")),
        day("2026-12-08"),
        "Stiff legs".to_string(),
        "Very sleepy".to_string(),
        "Last updated".to_string(),
        day("2026-11-23"),
    ] {
        assert!(html.contains(&expected), "missing {expected:?}");
    }
}

#[test]
fn device_card_opens_the_add_child_form_when_there_is_no_child() {
    let html = render("/card", Family::default()).replace("&#39;", "'");
    assert!(html.contains(r#"aria-label="Add a child""#));
    assert!(
        html.contains(
            r#"<label for="f-name">Child's name<span class="required"> (required)</span></label>"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"<span class="visually-hidden"> in kg</span>"#));
    assert!(html.contains(r#"<span class="unit">kg</span>"#));
}

#[test]
fn two_children_give_a_switcher_showing_who_is_on_screen() {
    let html = render("/", family_with(&["Maya", "Sam"]));
    assert!(html.contains(r#"aria-label="Whose card to show""#));
    assert!(html.contains(r#"aria-pressed="true""#));
    assert!(html.contains(r#"aria-pressed="false""#));
}

#[test]
fn ems_card_shows_every_essential_field_with_units() {
    let mut family = common::full_family();
    family.children[0].plan_steps = vec!["Call the pump clinic".into()];
    let html = render("/emergency", family).replace("&#39;", "'");
    let warning = "INTRATHECAL BACLOFEN PUMP: withdrawal, or overdose after a refill or a dose change, can be life-threatening";
    let first = html.find(warning).expect("warning");
    for expected in [
        "<dd>Maya Rivera</dd>",
        "<dd>Sat 2 Apr 2016</dd>",
        "24.5 kg = 54 lb (weighed Thu 1 Oct 2026)",
        "Cerebral palsy, spastic quadriplegia",
        "NON-VERBAL. Non-verbal; uses eye gaze and a tablet",
        "Medtronic SynchroMed II 8637-20",
        "<dd>NGP123456H</dd>",
        "Abdomen, right side",
        "<dd>500 mcg/mL</dd>",
        "<dd>250 mcg/day</dd>",
        "Mon 2 Nov 2026 (21 days ago), 20 mL filled",
        "Tue 8 Dec 2026 (printout)",
        "Penicillin (rash); None known; LATEX ALLERGY",
        "Oral baclofen 5 mg (Twice a day)",
        r#"href="tel:+1 555 010 2000""#,
        "Children's Pump Clinic, Dr. Chen: +1 555 010 2000",
        r#"href="tel:+1 555 010 2999""#,
        "Support airway, breathing and circulation first.",
        "MRI: the magnet stalls the pump motor",
        "Card last changed: Mon 23 Nov 2026. Not yet checked with the clinic",
    ] {
        let at = html
            .find(expected)
            .unwrap_or_else(|| panic!("missing {expected:?}"));
        assert!(at > first, "{expected:?} comes after the warning");
    }
}

#[test]
fn ems_card_for_prometra_says_empty_the_pump_before_mri() {
    let mut family = common::full_family();
    family.children[0].pump.as_mut().unwrap().model =
        itb_companion::core::profile::PumpModel::PrometraII13827;
    let html = render("/emergency", family);
    assert!(html.contains("the pump must be EMPTIED before an MRI"));
}

#[test]
fn symptom_checker_starts_with_no_result_and_every_group() {
    let html = render("/symptoms", common::full_family()).replace("&#39;", "'");
    assert!(html.contains("Tap the signs you see: what to do appears here."));
    assert!(!html.contains("CALL 911 NOW"), "no advice before a tap");
    for group in [
        "Waking, breathing and heartbeat",
        "Muscles and movement",
        "Thinking and behaviour",
        "Fever, headache and skin",
        "The pump and refills",
        "If your child can't tell you",
    ] {
        assert!(html.contains(&format!("<h2>{group}</h2>")), "{group}");
    }
    assert!(
        html.contains("Stiff legs"),
        "the child's own signs are buttons too"
    );
    assert!(html.contains(r#"href="tel:911""#));
}

#[test]
fn pump_alarm_guide_matches_the_model() {
    let html = render("/alarms", common::full_family());
    assert!(html.contains("Two-tone alarm, about 3 seconds long"));
    assert!(html.contains("Single 1-second tone"));
    let mut family = common::full_family();
    family.children[0].pump.as_mut().unwrap().model =
        itb_companion::core::profile::PumpModel::Prometra11827;
    let html = render("/alarms", family);
    assert!(html.contains("Any alarm: call your clinic now"));
    assert!(!html.contains("Two-tone"));
}

#[test]
fn emergency_plan_puts_the_clinic_plan_first_or_marks_general_guidance() {
    let html = render("/plan", common::full_family()).replace("&#39;", "'");
    assert!(html.contains("General guidance (not your clinic's plan)"));
    assert!(html.contains("Diazepam (rectal)"));
    let mut family = common::full_family();
    family.children[0].plan_steps = vec!["Give oral baclofen 5 mg".into(), "Call Dr Chen".into()];
    let html = render("/plan", family).replace("&#39;", "'");
    assert!(html.contains("<li>Give oral baclofen 5 mg</li><li>Call Dr Chen</li>"));
    assert!(!html.contains("General guidance (not your clinic's plan)"));
    let call_911 = html.find(r#"href="tel:911""#).unwrap();
    let clinic = html.find(r#"href="tel:+1 555 010 2000""#).unwrap();
    let mum = html.find(r#"href="tel:+1 555 010 1000""#).unwrap();
    assert!(call_911 < clinic && clinic < mum, "who to call, in order");
}

#[test]
fn printables_render_the_wallet_card_eif_and_school_plan() {
    let html = render("/print/wallet", common::full_family());
    assert!(html.contains("Wallet card front") && html.contains("Wallet card back"));
    assert!(html.contains("500 mcg/mL"));
    let html = render("/print/eif", common::full_family()).replace("&#39;", "'");
    for field in [
        "Card last changed",
        "Preferred emergency department",
        "Baseline vital signs",
        "Procedures to avoid",
        "Immunizations",
        "Advance directives",
        "Common presenting problems",
    ] {
        assert!(html.contains(field), "{field}");
    }
    let html = render("/print/school", common::full_family()).replace("&#39;", "'");
    for field in [
        "Pump location and implant date",
        "Last refill and refill schedule",
        "own signs of overdose",
        "Skin and pump-site checks",
        "Fever protocol",
        "PRN emergency medicines",
    ] {
        assert!(html.contains(field), "{field}");
    }
}

/// Issue 15.3: a UDI pasted into the card keeps its lot and expiry date, and the device card
/// shows them (not only the serial it fills in).
#[test]
fn the_device_card_shows_the_lot_and_expiry_of_the_pasted_udi() {
    use itb_companion::core::udi::gtin_check_digit;
    let body = "0064316900722";
    let gtin = format!("{body}{}", gtin_check_digit(body).unwrap());
    let mut family = common::full_family();
    family.children[0].pump.as_mut().unwrap().udi =
        format!("(01){gtin}(11)210914(17)280600(10)LOT-12A(21)NGP123456H");
    let html = common::ssr_unescape(&render("/card", family));
    assert!(
        html.contains(&format!("Device identifier {gtin}")),
        "{html}"
    );
    assert!(html.contains("lot LOT-12A"));
    assert!(html.contains("use by"));
    assert!(html.contains("2028"), "the expiry year is shown");
}

/// A caregiver's device (issue 17): no child of its own, one card shared by Ana 40 days ago.
fn caregiver_with_old_copy() -> Family {
    use itb_companion::core::share::{SharedCard, SharedCopy, SharedParts};
    let shared_on = common::today() - chrono::Days::new(40);
    let card = SharedCard::new(
        &common::full_child(),
        SharedParts::default(),
        "Ana",
        "k-maya",
        shared_on,
        30,
    );
    Family {
        shared_copies: vec![SharedCopy {
            card,
            kept_on: shared_on,
        }],
        ..Family::default()
    }
}

fn render_saved(path: &str, family: Family) -> String {
    let store = StoreHandle::memory();
    store.0.save(&family).unwrap();
    common::ssr_unescape(&dioxus_ssr::render(&common::app_at(store, path, None)))
}

#[test]
fn a_kept_copy_shows_its_age_and_past_the_review_period_asks_for_an_update() {
    let family = caregiver_with_old_copy();
    let html = render_saved("/shared/1", family.clone());
    assert!(
        html.contains("Maya Rivera's card, shared by Ana, as of"),
        "{html}"
    );
    assert!(
        html.contains("Shared 40 days ago. This card may be out of date: ask Ana for an update.")
    );
    // The card itself, read-only: the dose and the clinic's number, no form, no Save.
    assert!(html.contains("250 mcg/day") && html.contains("+1 555 010 2000"));
    assert!(!html.contains(">Save<"));
    // Home lists it apart from the family's own children (it has none).
    let home = render_saved("/", family.clone());
    assert!(home.contains("Cards shared with you"));
    assert!(home.contains("This card may be out of date: ask Ana for an update."));
    // The header's Emergency card button shows it to a caregiver with no child of their own.
    let ems = render_saved("/emergency", family);
    assert!(ems.contains("Maya Rivera's card, shared by Ana") && ems.contains("250 mcg/day"));
    assert!(!ems.contains("No device card saved yet."));
}

#[test]
fn sharing_on_a_build_without_a_public_address_offers_the_file_instead() {
    // This host build is the desktop's kind (not wasm): its links go to ITB_PUBLIC_URL, if the
    // build had one.
    let share = render_saved("/share", common::full_family());
    let settings = render_saved("/settings", common::full_family());
    assert!(share.contains("Share Maya Rivera's card"));
    assert!(share.contains("Your name (the caregiver sees who shared the card)"));
    match itb_companion::platform::share::PUBLIC_ADDRESS {
        None => {
            assert!(share.contains("cannot make a link another phone opens"));
            assert!(share.contains("Export this card"));
            assert!(settings.contains("built without the web app's address"));
        }
        Some(address) => {
            assert!(!share.contains("cannot make a link"));
            assert!(settings.contains(&format!("Links from this app open at {address}.")));
        }
    }
    // Opening a link: the paste box has a visible label.
    let open = render_saved("/shared", common::full_family());
    assert!(
        open.contains(r#"<label for="paste-link">The link</label>"#),
        "{open}"
    );
}

#[test]
fn after_a_refill_home_asks_whether_the_card_was_checked_with_the_clinic() {
    // The full card's refill was on Mon 2 Nov 2026, 21 days before "today": within the 30-day
    // review period, and the card was never checked.
    let html = render_saved("/", common::full_family());
    assert!(
        html.contains("Did you check the card with the clinic at that visit"),
        "{html}"
    );
    assert!(html.contains("Yes, checked on Mon 2 Nov 2026"));
    // Checked at that visit: not asked again; the card and the Device card say when.
    let mut family = common::full_family();
    family.children[0].clinic_checked = "2026-11-02".parse().ok();
    let html = render_saved("/", family.clone());
    assert!(!html.contains("Did you check the card with the clinic"));
    let card = render_saved("/card", family.clone());
    assert!(card.contains("Checked with the clinic on: Mon 2 Nov 2026"));
    assert!(card.contains("Checked with the clinic today"));
    let ems = render_saved("/emergency", family.clone());
    assert!(ems.contains(
        "Card last changed: Mon 23 Nov 2026. Checked with the clinic on: Mon 2 Nov 2026"
    ));
    let wallet = render_saved("/print/wallet", family);
    assert!(wallet.contains("Checked with the clinic on: Mon 2 Nov 2026"));
}

// Issue 24: what the review found untested on the screens.

fn render_text(path: &str, family: &Family) -> String {
    let store = StoreHandle::memory();
    store.0.save(family).unwrap();
    common::ssr_unescape(&dioxus_ssr::render(&common::app_at(store, path, None)))
}

/// The result band's visible part: from the band to its "Why this advice" details.
fn band_visible(html: &str) -> &str {
    let band = html
        .split("aria-label=\"Result\"")
        .nth(1)
        .expect("the result band");
    band.split("<details").next().unwrap()
}

/// Maya refilled 20 Oct with a printout alarm date of 25 Nov: on 23 Nov the refill-by date
/// (22 Nov) has passed and no refill is recorded.
fn late_refill_family() -> Family {
    let mut family = common::full_family();
    let pump = family.children[0].pump.as_mut().unwrap();
    pump.last_refill.as_mut().unwrap().date = "2026-10-20".parse().unwrap();
    pump.printout_alarm_date = Some("2026-11-25".parse().unwrap());
    pump.next_refill_appointment = None;
    family
}

#[test]
fn checker_preselects_a_late_refill_and_shows_the_while_you_wait_list_on_the_band() {
    let html = render_text("/symptoms", &late_refill_family());
    assert!(
        html.contains("the refill is late. \"A refill was missed or is late\" is selected below.")
    );
    let band = band_visible(&html);
    assert!(band.contains("CALL THE PUMP CLINIC NOW"), "{band}");
    // The while-you-wait list sits on the band, not in a details control.
    assert!(
        band.contains("While you wait, call 911 at once if you see:"),
        "{band}"
    );
    for sign in [
        "Hard to wake up",
        "Heartbeat slower than usual for Maya Rivera",
        "A seizure",
    ] {
        assert!(band.contains(&format!("<li>{sign}</li>")), "{sign}");
    }
    assert!(
        band.contains("30 minutes"),
        "the no-callback fallback: {band}"
    );
    assert!(band.contains("Clinic after hours: +1 555 010 2999"));
}

#[test]
fn checker_shows_the_childs_own_signs_first_and_observable_signs_first_for_a_non_verbal_child() {
    // Maya's card says she does not speak.
    let family = common::full_family();
    assert!(family.children[0].baseline.non_verbal);
    let html = render_text("/symptoms", &family);
    let own = html
        .find("Maya Rivera's own signs (from the clinic's plan)")
        .unwrap();
    let observable = html.find("<h2>If your child can't tell you</h2>").unwrap();
    let waking = html
        .find("<h2>Waking, breathing and heartbeat</h2>")
        .unwrap();
    assert!(
        own < observable && observable < waking,
        "own, then observable, then the rest"
    );
    assert!(html.contains("the team's reading, pending clinical sign-off"));
    // A child who speaks: the observable signs come after the reported ones.
    let mut speaking = common::full_family();
    speaking.children[0].baseline.non_verbal = false;
    let html = render_text("/symptoms", &speaking);
    let own = html.find("own signs (from the clinic's plan)").unwrap();
    let observable = html.find("<h2>If your child can't tell you</h2>").unwrap();
    let waking = html
        .find("<h2>Waking, breathing and heartbeat</h2>")
        .unwrap();
    assert!(own < waking && waking < observable);
}

#[test]
fn home_never_says_ok_when_the_alarm_date_is_only_an_estimate() {
    // No printout date: the alarm date is the app's estimate (20 mL at 0.5 mL/day from 2 Nov).
    // Refilled 10 Nov: the estimate (36 days) puts the refill-by date a month ahead, "OK" before.
    let mut family = common::full_family();
    let pump = family.children[0].pump.as_mut().unwrap();
    pump.printout_alarm_date = None;
    pump.next_refill_appointment = None;
    pump.last_refill.as_mut().unwrap().date = "2026-11-10".parse().unwrap();
    let html = render_text("/", &family);
    assert!(
        !html.contains("Refill on track"),
        "never on track on an estimate"
    );
    assert!(!html.contains("No refill action needed now"));
    assert!(html.contains("Estimate: confirm"));
    assert!(html.contains("The dates are the app's estimate from the card, to confirm with the pump clinic. First enter the low-reservoir alarm date from the clinic printout."));
    // With the printout's date, OK is said again.
    let mut printed = family.clone();
    printed.children[0]
        .pump
        .as_mut()
        .unwrap()
        .printout_alarm_date = Some("2026-12-16".parse().unwrap());
    let html = render_text("/", &printed);
    assert!(
        html.contains("Refill on track") && html.contains("No refill action needed now"),
        "with the printout date"
    );
}

#[test]
fn overdose_watch_shows_on_home_checker_and_ems_card_after_a_refill_typed_in_the_pump_form() {
    use itb_companion::core::card_form::{pump_draft, pump_from_draft};
    let mut family = common::full_family();
    let child = family.children[0].clone();
    // Yesterday's refill typed into the pump form (not "Record a refill").
    let mut draft = pump_draft(&child);
    draft.insert("last_refill_date".into(), "2026-11-22".into());
    draft.insert("printout_alarm_date".into(), "2026-12-28".into());
    let (pump, _) = pump_from_draft(&draft, &child, common::today()).unwrap();
    family.children[0].pump = Some(pump);
    for path in ["/", "/symptoms"] {
        let html = render_text(path, &family);
        assert!(
            html.contains("Watch for overdose signs until Wed 25 Nov 2026."),
            "{path}"
        );
        assert!(
            html.contains("Do not give oral baclofen or diazepam for sleepiness"),
            "{path}"
        );
    }
    let html = render_text("/emergency", &family);
    assert!(html.contains("OVERDOSE WATCH"));
    assert!(html.contains("Refilled 1 day ago: overdose most likely now"));
}

#[test]
fn ems_first_screen_shows_last_refill_dose_change_watch_and_mimics() {
    let mut family = common::full_family();
    family.children[0].pump.as_mut().unwrap().dose_changed_on = Some("2026-11-21".parse().unwrap());
    let html = render_text("/emergency", &family);
    // The first section (the crew's first screen) holds the refill and the dose change.
    let first = html
        .split("aria-label=\"Intrathecal baclofen pump\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        first.contains("Mon 2 Nov 2026 (21 days ago), 20 mL filled"),
        "{first}"
    );
    assert!(first.contains("Last dose or concentration change"));
    assert!(first.contains("Sat 21 Nov 2026 (2 days ago)"));
    assert!(first.contains("Dose or concentration changed 2 days ago: overdose most likely now"));
    // The headline names overdose as well as withdrawal; the mimics line is on the card.
    assert!(html.contains("INTRATHECAL BACLOFEN PUMP: withdrawal, or overdose after a refill or a dose change, can be life-threatening"));
    assert!(html.contains("Withdrawal may resemble sepsis, neuroleptic malignant syndrome, malignant hyperthermia or autonomic dysreflexia; an overdose can look like withdrawal"));
    // The catheter details the card collects.
    assert!(html.contains("8709SC") && html.contains("T10"));
    // A passed alarm date says "unless refilled since (last refill recorded on …)" (§6).
    let mut passed = common::full_family();
    let pump = passed.children[0].pump.as_mut().unwrap();
    pump.last_refill.as_mut().unwrap().date = "2026-10-15".parse().unwrap();
    pump.printout_alarm_date = Some("2026-11-20".parse().unwrap());
    let html = render_text("/emergency", &passed);
    assert!(html.contains("Fri 20 Nov 2026 (printout): PASSED 3 days ago: the pump may be empty, unless refilled since (last refill recorded on Thu 15 Oct 2026, 39 days ago)"));
}

#[test]
fn plan_prn_section_warns_against_sedatives_for_sleepiness() {
    let html = render_text("/plan", &common::full_family());
    let prn = html
        .split("Emergency (PRN) medicines")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(prn.contains("Diazepam (rectal)"));
    assert!(prn.contains("Do not give oral baclofen or diazepam for sleepiness, floppiness or slow breathing unless the clinic or the emergency number tells you to: they can deepen an overdose. Tell the crew what you gave and when."));
}
