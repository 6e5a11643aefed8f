//! Two tabs on one phone (issue 15.5), as a family uses them: the dose is changed in one tab,
//! while the other, opened earlier, delivers a reminder. Before, the second save wrote the
//! whole old family back and the new dose was lost without a word. Both tabs share one
//! storage (localStorage on the web); here two stores over one folder stand in for them.

mod common;

use itb_companion::core::units::Fixed3;
use itb_companion::platform::store::{
    save_over, FamilyStore, FileSlots, PersistFamily, SaveRefused,
};

fn tab(dir: &std::path::Path) -> FamilyStore<FileSlots> {
    FamilyStore::new(FileSlots::new(dir))
}

#[test]
fn a_dose_saved_in_one_tab_survives_a_save_in_the_other() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("itb-two-tabs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let first = save_over(&tab(&dir), 0, common::full_family()).unwrap();
    assert_eq!(first.revision, 1);

    // Both tabs open the app: each holds revision 1.
    let (tab1, tab2) = (tab(&dir), tab(&dir));
    let seen1 = PersistFamily::load(&tab1).family;
    let seen2 = PersistFamily::load(&tab2).family;
    assert_eq!((seen1.revision, seen2.revision), (1, 1));

    // Tab 2: the clinic changed the dose to 300 mcg/day.
    let mut changed = seen2.clone();
    changed.children[0]
        .pump
        .as_mut()
        .unwrap()
        .drug
        .daily_dose_mcg_per_day = Some(Fixed3::whole(300));
    let saved2 = save_over(&tab2, seen2.revision, changed).unwrap();
    assert_eq!(saved2.revision, 2);

    // Tab 1, still on revision 1, delivers a reminder and saves: refused, and handed the
    // newer cards (with the new dose) to show.
    let mut reminder = seen1.clone();
    reminder
        .settings
        .delivered_reminders
        .insert("1:refill-by:2026-12-05:14".into());
    let refused = save_over(&tab1, seen1.revision, reminder).unwrap_err();
    let SaveRefused::ChangedElsewhere(newer) = refused else {
        panic!("refused as changed elsewhere, not {refused:?}");
    };
    let dose = common::daily_dose;
    assert_eq!(
        dose(&newer),
        Some(Fixed3::whole(300)),
        "tab 1 now shows the new dose"
    );
    assert_eq!(
        dose(&PersistFamily::load(&tab1).family),
        Some(Fixed3::whole(300)),
        "the stored dose is still tab 2's"
    );

    // Tab 1 saves again on top of what it now shows: accepted, and the dose kept.
    let mut again = (*newer).clone();
    again
        .settings
        .delivered_reminders
        .insert("1:refill-by:2026-12-05:14".into());
    let saved1 = save_over(&tab1, newer.revision, again).unwrap();
    assert_eq!(saved1.revision, 3);
    assert_eq!(dose(&saved1), Some(Fixed3::whole(300)));
    let _ = std::fs::remove_dir_all(&dir);
}
