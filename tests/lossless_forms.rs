//! Editing a card never cuts it short (issue 15.3), tried as families use it: a medically
//! complex child has five or six medicines, several carers have a second phone, a SynchroMed
//! pump runs up to 13 flex-dosing steps a day (reference §2, [M5]). Opening the form on any
//! such card and saving it unchanged gives back exactly the same card.

mod common;

use itb_companion::core::card_form::{
    child_draft, child_from_draft, plan_draft, plan_from_draft, pump_draft, pump_from_draft,
    CONTACTS, FLEX_STEPS, MEDICINES,
};
use itb_companion::core::countdown::{
    MAX_BOOK_REFILL_DAYS, MAX_LEAD_DAYS, MAX_REMINDERS, OVERDOSE_WATCH_HOURS,
};
use itb_companion::core::profile::{
    CareTeamMember, Contact, FlexStep, Medicine, PrnMedicine, WeekDays,
};
use itb_companion::core::units::Fixed3;
use itb_companion::core::update::{update, Effect, Event, Model};
use proptest::prelude::*;

use common::{phone, word};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_card_saved_unchanged_comes_back_the_same(
        meds in proptest::collection::vec((word(), word(), word()), 0..9),
        prn in proptest::collection::vec((word(), word(), word()), 0..5),
        contacts in proptest::collection::vec((word(), word(), phone(), phone()), 1..7),
        flex in proptest::collection::btree_set(0u16..24, 0..=13),
        weekdays in any::<bool>(),
        team in proptest::collection::vec((word(), word(), phone()), 0..8),
        plan in proptest::collection::vec("[0-9]{0,3}[A-Za-z. )][A-Za-z0-9 .)]{0,40}[A-Za-z0-9.]", 0..=30),
    ) {
        let today = common::today();
        let mut child = common::full_child();
        child.medicines = meds.into_iter().map(|(name, dose, schedule)| Medicine { name, dose, schedule }).collect();
        child.prn_medicines = prn.into_iter().map(|(name, dose, when_to_give)| PrnMedicine { name, dose, when_to_give }).collect();
        child.contacts = contacts.into_iter().map(|(name, relation, phone, other_phone)| Contact { name, relation, phone, other_phone }).collect();
        // Flex steps on the hour with a rate that adds up to the daily dose (250 mcg/day over
        // the steps' hours is not needed: the form only warns on a mismatch).
        child.providers.others = team.into_iter().map(|(role, name, phone)| CareTeamMember { role, name, phone }).collect();
        let pump = child.pump.as_mut().unwrap();
        // A weekday program (reference §2: steps "varying by weekday"): Mon-Fri and Sat, Sun.
        let split = weekdays && flex.len() >= 2;
        pump.drug.flex_steps = flex.iter().enumerate().map(|(i, h)| FlexStep {
            start_minute: h * 60,
            rate_mcg_per_hour: Fixed3::whole(10),
            days: WeekDays(match (split, i % 2) { (false, _) => 0, (true, 0) => 0b001_1111, _ => 0b110_0000 }),
        }).collect();

        let (back, _) = child_from_draft(&child_draft(&child), &child, today).expect("the child form saves");
        prop_assert_eq!(&back.medicines, &child.medicines);
        prop_assert_eq!(&back.prn_medicines, &child.prn_medicines);
        prop_assert_eq!(&back.contacts, &child.contacts);
        prop_assert_eq!(&back, &child);
        let (pump_back, _) = pump_from_draft(&pump_draft(&child), &child, today).expect("the pump form saves");
        prop_assert_eq!(&pump_back.drug.flex_steps, &child.pump.as_ref().unwrap().drug.flex_steps);
        prop_assert_eq!(Some(&pump_back), child.pump.as_ref());
        // The clinic's plan, up to its 30 steps, some starting with a number ("10 mg ...").
        child.plan_steps = plan.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        let (plan_back, _) = plan_from_draft(&plan_draft(&child), &child, today).expect("the plan form saves");
        prop_assert_eq!(&plan_back, &child);
    }
}

#[test]
fn a_fourth_medicine_and_second_phones_survive_edit_child_details() {
    // The review's finding: a card with 5 medicines came back from "Edit child details" with 3,
    // and every contact's second phone was dropped.
    let today = common::today();
    let mut child = common::full_child();
    child.medicines = (1..=5)
        .map(|n| Medicine {
            name: format!("Medicine {n}"),
            dose: format!("{n} mg"),
            schedule: "daily".into(),
        })
        .collect();
    child.contacts[0].other_phone = "+1 555 010 9999".into();
    let draft = child_draft(&child);
    assert_eq!(MEDICINES.count(&draft), 5, "the form shows all five");
    let (back, _) = child_from_draft(&draft, &child, today).unwrap();
    assert_eq!(back.medicines.len(), 5);
    assert_eq!(back.contacts[0].other_phone, "+1 555 010 9999");
}

#[test]
fn add_and_remove_keep_the_other_items_in_order() {
    let mut child = common::full_child();
    child.contacts = (1..=3)
        .map(|n| Contact {
            name: format!("Carer {n}"),
            relation: "Parent".into(),
            phone: format!("+1 555 010 100{n}"),
            other_phone: String::new(),
        })
        .collect();
    let mut draft = child_draft(&child);
    assert!(CONTACTS.add(&mut draft));
    assert_eq!(CONTACTS.count(&draft), 4);
    draft.insert("contact4_name".into(), "Grandma".into());
    draft.insert("contact4_phone".into(), "+1 555 010 1004".into());
    let changed = CONTACTS.remove(&mut draft, 2);
    assert!(changed.contains(&"contact2_name".to_string()));
    let (back, _) = child_from_draft(&draft, &child, common::today()).unwrap();
    let names: Vec<&str> = back.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Carer 1", "Carer 3", "Grandma"]);
    // 13 flex steps at most (reference §2), never more.
    let mut pump = pump_draft(&child);
    while FLEX_STEPS.add(&mut pump) {}
    assert_eq!(FLEX_STEPS.count(&pump), 13);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Settings opened and saved unchanged are the same settings (issue 15, Tests: "the same
    /// for pump, plan and settings"), for any values the Settings screen accepts.
    #[test]
    fn any_settings_saved_unchanged_come_back_the_same(
        refill in proptest::collection::btree_set(0u32..=MAX_LEAD_DAYS, 0..=MAX_REMINDERS),
        replace in proptest::collection::btree_set(0u32..=MAX_LEAD_DAYS, 0..=MAX_REMINDERS),
        book in 0u32..=MAX_BOOK_REFILL_DAYS,
        on_alarm_date in any::<bool>(),
        number in prop_oneof![Just("911".to_string()), Just("112".to_string()), Just("000".to_string()), phone()],
        watch in OVERDOSE_WATCH_HOURS,
    ) {
        let mut family = common::full_family();
        let s = &mut family.settings;
        // As the Settings screen keeps lead times: each once, latest first.
        s.reminders.refill_days_before = refill.into_iter().rev().collect();
        s.reminders.replacement_days_before = replace.into_iter().rev().collect();
        s.reminders.book_refill_days = book;
        s.reminders.on_alarm_date = on_alarm_date;
        s.emergency_number = number;
        s.overdose_watch_hours = watch;
        let mut model = Model::new(family.clone(), None);
        // The Settings form, opened and saved unchanged.
        let open = Event::OpenForm { form: itb_companion::core::card_form::CardForm::Settings, child: None };
        update(&mut model, open, common::today());
        let effects = update(&mut model, Event::SaveSettings, common::today());
        let issues = &model.settings_form.as_ref().unwrap().issues;
        prop_assert!(issues.errors.is_empty(), "{:?}", issues);
        let saved = effects.iter().find_map(|e| match e {
            Effect::Save(f) => Some(f.settings.clone()),
            _ => None,
        });
        prop_assert_eq!(saved, Some(family.settings));
    }
}
