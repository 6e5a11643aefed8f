//! Importing a family file, tried as a family and as an attacker would (issue 15.4, 15.6):
//! every list item of every card and every setting is checked, a refusal names the field and
//! changes nothing, and the settings are shown old → new and kept unless the family chooses.

mod common;

use itb_companion::core::family::Family;
use itb_companion::core::profile::{CareTeamMember, Contact, FlexStep, Medicine};
use itb_companion::core::recalls::{Recall, RecallCache};
use itb_companion::core::storefile::{
    encode, plan_import, plan_import_with, FileKind, ImportOptions,
};
use itb_companion::core::units::Fixed3;
use itb_companion::words::forms::import_refusal;

fn family_with_six_medicines() -> Family {
    let mut family = common::full_family();
    let child = &mut family.children[0];
    child.medicines = (1..=6)
        .map(|n| Medicine {
            name: format!("Medicine number {n}"),
            dose: format!("{n} mg"),
            schedule: "twice a day".into(),
        })
        .collect();
    child.contacts.extend((2..=4).map(|n| Contact {
        name: format!("Carer {n}"),
        relation: "Grandparent".into(),
        phone: format!("+1 555 010 10{n:02}"),
        other_phone: format!("+1 555 020 10{n:02}"),
    }));
    family
}

fn refused(family: &Family) -> String {
    plan_import(
        &encode(family, FileKind::Family),
        &common::family_named(&["Sam"]),
        common::today(),
    )
    .map(|_| ())
    .map_err(|e| import_refusal(&e))
    .expect_err("the hostile file is refused")
}

#[test]
fn a_card_with_six_medicines_and_four_contacts_imports_whole() {
    let family = family_with_six_medicines();
    let plan = plan_import(
        &encode(&family, FileKind::Family),
        &Family::default(),
        common::today(),
    )
    .unwrap();
    assert_eq!(plan.result, family, "every medicine and second phone kept");
}

#[test]
fn a_hostile_file_is_refused_naming_the_field() {
    // A premium-rate "emergency number".
    let mut f = family_with_six_medicines();
    f.settings.emergency_number = "1-900-555-0199 premium".into();
    let err = refused(&f);
    assert!(err.contains("Emergency number"), "{err}");

    // A cached recall whose link would run script.
    let mut f = family_with_six_medicines();
    f.settings.recall_cache.push(RecallCache {
        model_key: "synchromed_ii_8637_20".into(),
        checked_at: "2026-11-01T00:00:00Z".into(),
        recalls: vec![Recall {
            number: "Z-1570-2014".into(),
            date_initiated: "2014-01-01".into(),
            status: "Terminated".into(),
            class: None,
            reason: "x".into(),
            firm: "y".into(),
            link: "javascript:alert(document.cookie)".into(),
        }],
    });
    let err = refused(&f);
    assert!(err.contains("Cached recall link"), "{err}");

    // A 100,000-character name in the 4th contact (beyond the form's 3 slots).
    let mut f = family_with_six_medicines();
    f.children[0].contacts[3].name = "A".repeat(100_000);
    let err = refused(&f);
    assert!(
        err.contains("Contact 4 name") && err.contains("Too long"),
        "{err}"
    );

    // A dose with a right-to-left override, which displays "0001 mg" as "1000 mg"... in the
    // 5th medicine, beyond the form's slots.
    let mut f = family_with_six_medicines();
    f.children[0].medicines[4].dose = "\u{202E}gm 0001".into();
    let err = refused(&f);
    assert!(
        err.contains("Medicine 5 dose") && err.contains("text-direction"),
        "{err}"
    );
}

#[test]
fn the_care_team_imports_whole_and_is_checked_item_by_item() {
    // A family with a physiatrist, a respite nurse and a pharmacy beyond the three fixed roles.
    let mut f = family_with_six_medicines();
    f.children[0].providers.others = ["Physiatrist", "Respite nurse", "Pharmacy"]
        .iter()
        .enumerate()
        .map(|(i, role)| CareTeamMember {
            role: role.to_string(),
            name: format!("Member {i}"),
            phone: format!("+1 555 030 10{i:02}"),
        })
        .collect();
    let plan = plan_import(
        &encode(&f, FileKind::Family),
        &Family::default(),
        common::today(),
    )
    .unwrap();
    assert_eq!(plan.result, f);

    f.children[0].providers.others[2].phone = "call the pharmacy".into();
    let err = refused(&f);
    assert!(err.contains("Care-team member 3: phone"), "{err}");
}

#[test]
fn a_list_longer_than_the_form_holds_is_refused_not_cut_short_later() {
    // 41 medicines: the form shows at most 40, so the next edit would drop one.
    let mut f = family_with_six_medicines();
    f.children[0].medicines = (1..=41)
        .map(|n| Medicine {
            name: format!("Medicine {n}"),
            dose: "1 mg".into(),
            schedule: "daily".into(),
        })
        .collect();
    let err = refused(&f);
    assert!(
        err.contains("Medicines") && err.contains("at most 40"),
        "{err}"
    );
    // 14 flex steps: a SynchroMed runs at most 13 a day (reference §2, [M5]).
    let mut f = family_with_six_medicines();
    let pump = f.children[0].pump.as_mut().unwrap();
    pump.drug.flex_steps = (0..14)
        .map(|h| FlexStep {
            start_minute: h * 60,
            rate_mcg_per_hour: Fixed3::whole(10),
            days: Default::default(),
        })
        .collect();
    let err = refused(&f);
    assert!(
        err.contains("Flex-dosing steps") && err.contains("at most 13"),
        "{err}"
    );
}

#[test]
fn settings_changes_are_listed_and_kept_unless_chosen() {
    let mut file = common::full_family();
    file.settings.emergency_number = "112".into();
    file.settings.reminders.refill_days_before = vec![10, 2];
    let current = common::full_family();
    let bytes = encode(&file, FileKind::Family);
    let plan = plan_import(&bytes, &current, common::today()).unwrap();
    assert!(
        plan.settings_changes
            .contains(&"Emergency number: 911 → 112".to_string()),
        "{:?}",
        plan.settings_changes
    );
    assert!(plan
        .settings_changes
        .contains(&"Days before the refill-by date: 14, 7, 3, 1 → 10, 2".to_string()));
    assert!(!plan.replaces_settings);
    assert_eq!(
        plan.result.settings.emergency_number, "911",
        "by default the settings here are kept"
    );
    let chosen = plan_import_with(
        &bytes,
        &current,
        common::today(),
        ImportOptions {
            replace_settings: true,
        },
    )
    .unwrap();
    assert!(chosen.replaces_settings);
    assert_eq!(chosen.result.settings.emergency_number, "112");
}

#[test]
fn child_ids_at_the_top_of_the_range_never_overflow() {
    let mut family = common::family_named(&["Maya"]);
    family.children[0].id = u64::MAX;
    let plan = plan_import(
        &encode(&family, FileKind::Family),
        &Family::default(),
        common::today(),
    );
    let mut result = match plan {
        Ok(p) => p.result,
        Err(_) => family,
    };
    let new_id = result.add_child("Sam");
    assert_ne!(new_id, u64::MAX);
    assert_ne!(new_id, 0);
    assert_eq!(result.children.len(), 2);
}

/// A grandparent keeps Maya's card, shared by Ana, and then imports a family file of their own
/// (issue 17): the shared card stays; a file's shared cards join it, the newer share winning.
#[test]
fn importing_a_family_file_keeps_the_cards_shared_with_this_device() {
    use itb_companion::core::share::{SharedCard, SharedCopy, SharedParts};
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let copy = |key: &str, sharer: &str, on: &str| SharedCopy {
        card: SharedCard::new(
            &common::full_child(),
            SharedParts::default(),
            sharer,
            key,
            day(on),
            30,
        ),
        kept_on: day(on),
    };
    let mut device = common::family_named(&["Sam"]);
    device.shared_copies = vec![copy("k-maya", "Ana", "2026-11-20")];
    // A file with no shared cards: the device's stays.
    let file = common::full_family();
    let plan = plan_import(&encode(&file, FileKind::Family), &device, common::today()).unwrap();
    assert_eq!(
        plan.result.shared_copies, device.shared_copies,
        "the shared card is not dropped"
    );
    // A file with an older share of the same card and another family's card.
    let mut file = common::full_family();
    file.shared_copies = vec![
        copy("k-maya", "Ana", "2026-11-01"),
        copy("k-leo", "Sam", "2026-11-10"),
    ];
    let plan = plan_import(&encode(&file, FileKind::Family), &device, common::today()).unwrap();
    let kept: Vec<(&str, chrono::NaiveDate)> = plan
        .result
        .shared_copies
        .iter()
        .map(|c| (c.card.key.as_str(), c.card.shared_on))
        .collect();
    assert_eq!(
        kept,
        [("k-maya", day("2026-11-20")), ("k-leo", day("2026-11-10"))]
    );
    assert!(
        plan.changes
            .iter()
            .any(|c| c == "Add the shared card: Maya Rivera's card, shared by Sam."),
        "{:?}",
        plan.changes
    );
}
