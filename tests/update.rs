//! Every workflow that changes the family, driven through `core::update` as a family would
//! go through it (issue 15.2): no Dioxus, no screen, no clock. `Shell` below performs the
//! effects as `src/runtime.rs` does, on a real in-memory store, so a test sees what the
//! family would find saved.

mod common;

use std::collections::VecDeque;

use chrono::{Days, NaiveDate};
use itb_companion::core::card_form::{sections, CardForm, MEDICINES, PLAN_STEPS};
use itb_companion::core::countdown::{countdown, Missing, ReminderKind, ReminderSettings};
use itb_companion::core::family::Family;
use itb_companion::core::field_id::FieldId as F;
use itb_companion::core::problems::FieldProblem;
use itb_companion::core::storefile::{encode, FileKind};
use itb_companion::core::update::{update, Alert, Effect, Event, Model, Notice, SaveResult};
use itb_companion::platform::store::{
    keep_restore_point, perform_save, restore_points, save_over, StoreHandle,
};
use itb_companion::words::{notices, reminders};

/// The app's effects, performed as the runtime performs them (saves through the same
/// `perform_save`); notifications are recorded and
/// succeed unless `notifications_fail`.
struct Shell {
    model: Model,
    store: StoreHandle,
    today: NaiveDate,
    told: Vec<String>,
    notified: Vec<String>,
    notifications_fail: bool,
    saves: usize,
}

impl Shell {
    fn new(family: Family) -> Shell {
        let store = StoreHandle::memory();
        let family = if family.children.is_empty() && family == Family::default() {
            family
        } else {
            save_over(store.0.as_ref(), 0, family).unwrap()
        };
        Shell {
            model: Model::new(family, None),
            store,
            today: common::today(),
            told: Vec::new(),
            notified: Vec::new(),
            notifications_fail: false,
            saves: 0,
        }
    }

    fn send(&mut self, event: Event) -> Vec<Effect> {
        let mut events = VecDeque::from([event]);
        let mut all = Vec::new();
        while let Some(event) = events.pop_front() {
            for effect in update(&mut self.model, event, self.today) {
                all.push(effect.clone());
                match effect {
                    Effect::Save(family) => {
                        self.saves += 1;
                        let result = perform_save(self.store.0.as_ref(), *family);
                        events.push_back(Event::Saved(result));
                    }
                    Effect::KeepRestorePoint { point, then } => {
                        keep_restore_point(self.store.0.as_ref(), *point).unwrap();
                        events.push_back(*then);
                    }
                    Effect::Notify {
                        reminders,
                        keys,
                        emergency_number,
                    } => {
                        self.notified.extend(
                            reminders
                                .iter()
                                .map(|r| reminders::text(r, self.today, &emergency_number).0),
                        );
                        events.push_back(Event::RemindersNotified {
                            keys,
                            all_sent: !self.notifications_fail,
                        });
                    }
                    Effect::Tell(notice) => self.told.push(notices::notice(&notice)),
                    Effect::FetchRecalls(_) | Effect::FetchBoxedWarning => {}
                }
            }
        }
        all
    }

    fn saved(&self) -> Family {
        self.store.0.load().family
    }

    /// Opens `form` for `child` (None: a new child), as the screens' buttons do.
    fn open(&mut self, form: CardForm, child: Option<u64>) -> Vec<Effect> {
        self.send(Event::OpenForm { form, child })
    }

    fn type_in(&mut self, pairs: &[(&str, &str)]) {
        for (key, value) in pairs {
            self.send(Event::EditField {
                key: key.to_string(),
                value: value.to_string(),
            });
        }
    }
}

#[test]
fn saving_a_new_child_opens_the_pump_form() {
    let mut shell = Shell::new(Family::default());
    shell.open(CardForm::Child, None);
    shell.type_in(&[
        ("name", "Maya Rivera"),
        ("date_of_birth", "2016-04-02"),
        ("contact1_name", "Ana Rivera"),
        ("contact1_phone", "+1 555 010 1000"),
        ("clinic_name", "Children's Pump Clinic"),
        ("clinic_phone", "+1 555 010 2000"),
    ]);
    shell.send(Event::SaveForm);
    let open = shell.model.form.as_ref().expect("a form is open");
    assert_eq!(open.form, CardForm::Pump, "{:?}", open.issues);
    let saved = shell.saved();
    assert_eq!(saved.children.len(), 1);
    assert_eq!(open.child_id, Some(saved.children[0].id));
    assert_eq!(shell.model.selected, Some(saved.children[0].id));
    assert_eq!(
        shell.told.last().unwrap(),
        "Maya Rivera's details saved. Now the pump and drug."
    );
}

#[test]
fn a_first_card_needs_only_name_and_birth_date_and_home_says_what_is_missing() {
    // Issue 15.7, as a new parent meets it: the form shows the child's name and date of birth,
    // the other sections are folded; those two fields save the card, and Home then asks for
    // the clinic's and a guardian's phone, which a crisis needs.
    let mut shell = Shell::new(Family::default());
    shell.open(CardForm::Child, None);
    let open = shell.model.form.as_ref().unwrap();
    let titles: Vec<_> = sections(CardForm::Child).iter().map(|s| s.title).collect();
    let shown: Vec<_> = titles
        .iter()
        .enumerate()
        .filter(|(i, t)| open.is_open(*i, t))
        .map(|(_, t)| *t)
        .collect();
    assert_eq!(shown, ["Child"]);
    shell.send(Event::ToggleSection("Allergies"));
    assert!(shell
        .model
        .form
        .as_ref()
        .unwrap()
        .opened
        .contains("Allergies"));
    shell.send(Event::ToggleSection("Allergies"));
    assert!(shell.model.form.as_ref().unwrap().opened.is_empty());

    shell.type_in(&[("name", "Maya Rivera"), ("date_of_birth", "2016-04-02")]);
    shell.send(Event::SaveForm);
    assert_eq!(shell.saved().children.len(), 1, "{:?}", shell.model.form);
    let child = &shell.saved().children[0];
    let missing = countdown(child, common::today(), &ReminderSettings::default()).missing;
    assert!(missing.contains(&Missing::PumpClinicPhone), "{missing:?}");
    assert!(missing.contains(&Missing::GuardianPhone), "{missing:?}");
}

#[test]
fn a_refused_save_opens_every_folded_section_with_a_field_in_error() {
    let mut shell = Shell::new(Family::default());
    shell.open(CardForm::Child, None);
    shell.type_in(&[
        ("name", "Maya Rivera"),
        ("date_of_birth", "2016-04-02"),
        ("contact2_phone", "12"),
    ]);
    shell.send(Event::SaveForm);
    assert_eq!(shell.saves, 0);
    let open = shell.model.form.as_ref().unwrap();
    assert!(open.issues.errors.contains_key("contact2_phone"));
    assert_eq!(
        open.opened.iter().collect::<Vec<_>>(),
        ["Guardians and emergency contacts"]
    );
}

#[test]
fn the_clinic_plan_is_a_list_of_steps_and_a_pasted_plan_splits_into_them() {
    // Issue 15.3: the plan editor is the form system's list. A parent pastes the clinic's
    // numbered plan into the first box; doses at the start of a step stay whole.
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Plan, Some(id));
    shell.type_in(&[(
        "step1_text",
        "1. Call the pump clinic\n2. 10 mg diazepam rectally if seizing over 5 minutes\n\n3) Call 911",
    )]);
    shell.send(Event::SaveForm);
    assert_eq!(
        shell.saved().child(id).unwrap().plan_steps,
        [
            "Call the pump clinic",
            "10 mg diazepam rectally if seizing over 5 minutes",
            "Call 911"
        ]
    );
    assert_eq!(
        shell.told.last().unwrap(),
        &format!("{}'s plan saved.", shell.saved().children[0].name)
    );
    // Opened again: one step per box; removing step 2 keeps the others in order.
    shell.open(CardForm::Plan, Some(id));
    let draft = &shell.model.form.as_ref().unwrap().draft;
    assert_eq!(
        draft["step2_text"],
        "10 mg diazepam rectally if seizing over 5 minutes"
    );
    shell.send(Event::RemoveRow(PLAN_STEPS, 2));
    shell.send(Event::SaveForm);
    assert_eq!(
        shell.saved().child(id).unwrap().plan_steps,
        ["Call the pump clinic", "Call 911"]
    );
    // 31 steps are refused, and nothing changes.
    shell.open(CardForm::Plan, Some(id));
    shell.type_in(&[("step1_text", &"A step\n".repeat(31))]);
    shell.send(Event::SaveForm);
    let open = shell.model.form.as_ref().unwrap();
    assert_eq!(
        open.issues.errors["step1_text"],
        itb_companion::core::problems::FieldProblem::TooManySteps { max: 30 }
    );
    assert_eq!(shell.saved().child(id).unwrap().plan_steps.len(), 2);
}

#[test]
fn typing_in_one_form_is_never_replaced_by_opening_another() {
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Plan, Some(id));
    shell.type_in(&[("step1_text", "Call the pump clinic")]);
    let effects = shell.open(CardForm::Refill, Some(id));
    let open = shell.model.form.as_ref().unwrap();
    assert_eq!(open.form, CardForm::Plan);
    assert_eq!(open.draft["step1_text"], "Call the pump clinic");
    assert!(
        matches!(
            &effects[..],
            [Effect::Tell(Notice::FinishOtherForm {
                form: CardForm::Plan,
                child: Some(_)
            })]
        ),
        "{effects:?}"
    );
    // Once cancelled, the other form opens.
    shell.send(Event::CancelForm);
    shell.open(CardForm::Refill, Some(id));
    assert_eq!(shell.model.form.as_ref().unwrap().form, CardForm::Refill);
}

#[test]
fn a_refused_form_changes_nothing_and_saves_nothing() {
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Child, Some(id));
    shell.type_in(&[("date_of_birth", "1826-04-02")]);
    let effects = shell.send(Event::SaveForm);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(shell.saves, 0);
    let open = shell.model.form.as_ref().unwrap();
    assert!(open.tried);
    assert!(open.issues.errors.contains_key("date_of_birth"));
    assert_eq!(shell.saved().children, common::full_family().children);
}

#[test]
fn six_medicines_typed_in_are_all_saved() {
    // A medically complex child: six regular medicines (issue 15.3).
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Child, Some(id));
    for n in 2..=6 {
        if n > 3 {
            shell.send(Event::AddRow(MEDICINES));
        }
        shell.type_in(&[
            (&format!("med{n}_name"), &format!("Medicine {n}")),
            (&format!("med{n}_dose"), "1 mg"),
        ]);
    }
    shell.send(Event::SaveForm);
    assert!(shell.model.form.is_none());
    let meds = &shell.saved().children[0].medicines;
    assert_eq!(meds.len(), 6, "{meds:?}");
    assert_eq!(meds[5].name, "Medicine 6");
}

#[test]
fn undo_puts_the_child_back_where_it_was() {
    let mut shell = Shell::new(common::family_named(&["Ana", "Ben", "Cleo"]));
    let ben = shell.model.family.children[1].clone();
    shell.send(Event::Delete(ben.id));
    assert_eq!(shell.saved().children.len(), 2);
    assert_eq!(shell.told.last().unwrap(), "Ben's card was deleted.");
    shell.send(Event::UndoDelete);
    let saved = shell.saved();
    assert_eq!(saved.children[1], ben, "the same child, in the same place");
    assert_eq!(shell.model.selected, Some(ben.id));
    assert!(shell.model.undo_delete.is_none());
}

#[test]
fn a_reminder_counts_as_delivered_only_after_the_notification_went_out() {
    let mut family = common::full_family();
    // No visit booked: the refill-by reminders are all there (a booking in time replaces them).
    family.children[0]
        .pump
        .as_mut()
        .unwrap()
        .next_refill_appointment = None;
    let child = &family.children[0];
    let refill_by = itb_companion::core::countdown::countdown(
        child,
        common::today(),
        &family.settings.reminders,
    )
    .refill_by
    .expect("the full card has a refill-by date");
    let mut shell = Shell::new(family);
    // Seven days before the refill-by date: the 7-day reminder is due.
    shell.today = refill_by - Days::new(7);

    shell.notifications_fail = true;
    shell.send(Event::CheckReminders);
    assert_eq!(shell.notified.len(), 1, "{:?}", shell.notified);
    assert_eq!(shell.model.due[0].kind, ReminderKind::RefillBy);
    assert!(
        shell.saved().settings.delivered_reminders.is_empty(),
        "a failed notification is not recorded as delivered"
    );

    shell.notifications_fail = false;
    shell.send(Event::CheckReminders);
    assert_eq!(shell.notified.len(), 2, "tried again");
    assert!(!shell.saved().settings.delivered_reminders.is_empty());

    shell.send(Event::CheckReminders);
    assert_eq!(shell.notified.len(), 2, "and then never again");
}

fn file_changing_the_emergency_number() -> Vec<u8> {
    let mut file = common::full_family();
    file.settings.emergency_number = "112".into();
    encode(&file, FileKind::Family)
}

#[test]
fn an_import_preview_lists_settings_changes_and_keeps_settings_by_default() {
    let mut shell = Shell::new(common::family_named(&["Sam"]));
    shell.send(Event::ImportChosen(file_changing_the_emergency_number()));
    let plan = &shell.model.import.as_ref().expect("a plan to confirm").plan;
    assert!(
        plan.settings_changes
            .iter()
            .any(|c| c.contains("911") && c.contains("112")),
        "{:?}",
        plan.settings_changes
    );
    assert!(!plan.replaces_settings);
    assert_eq!(shell.saves, 0, "nothing changes before the family confirms");

    shell.send(Event::ImportConfirmed {
        point_name: "Before the import".into(),
    });
    assert_eq!(shell.saved().settings.emergency_number, "911");

    // Ticking "replace the settings too" on a second import changes the number.
    shell.send(Event::ImportChosen(file_changing_the_emergency_number()));
    shell.send(Event::ImportReplaceSettings(true));
    assert!(shell.model.import.as_ref().unwrap().plan.replaces_settings);
    shell.send(Event::ImportConfirmed {
        point_name: "Before the second import".into(),
    });
    assert_eq!(shell.saved().settings.emergency_number, "112");
}

#[test]
fn undo_import_restores_the_family_exactly_and_a_restore_point_is_kept_first() {
    let before = common::family_named(&["Sam", "Tess"]);
    let mut shell = Shell::new(before.clone());
    let before = shell.saved();
    shell.send(Event::ImportChosen(file_changing_the_emergency_number()));
    shell.send(Event::ImportReplaceSettings(true));
    let effects = shell.send(Event::ImportConfirmed {
        point_name: "Before the import on Mon 23 Nov 2026".into(),
    });
    // The restore point is written before the family is replaced.
    let keep = effects
        .iter()
        .position(|e| matches!(e, Effect::KeepRestorePoint { .. }));
    let save = effects.iter().position(|e| matches!(e, Effect::Save(_)));
    assert!(keep.unwrap() < save.unwrap(), "{effects:?}");
    let points = restore_points(shell.store.0.as_ref());
    assert_eq!(points[0].name, "Before the import on Mon 23 Nov 2026");
    assert_eq!(points[0].family.children, before.children);
    assert_ne!(shell.saved().children, before.children);

    shell.send(Event::UndoImport);
    let after = shell.saved();
    assert_eq!(after.children, before.children);
    assert_eq!(after.settings, before.settings);
    assert!(shell.model.undo_import.is_none());
}

#[test]
fn a_restore_point_that_cannot_be_kept_stops_the_replacement() {
    let mut shell = Shell::new(common::family_named(&["Sam"]));
    shell.send(Event::ImportChosen(file_changing_the_emergency_number()));
    let effects = update(
        &mut shell.model,
        Event::ImportConfirmed {
            point_name: "Before".into(),
        },
        common::today(),
    );
    assert!(matches!(effects[..], [Effect::KeepRestorePoint { .. }]));
    // The store could not write the point: the family is not replaced.
    let effects = update(
        &mut shell.model,
        Event::RestorePointsFailed("disk full".into()),
        common::today(),
    );
    assert!(effects.is_empty());
    assert_eq!(shell.model.family.children[0].name, "Sam");
    assert_eq!(
        shell.model.problem,
        Some(Alert::RestorePointFailed("disk full".into()))
    );
}

#[test]
fn a_save_on_a_stale_revision_is_refused_and_the_newer_cards_shown() {
    // Two tabs on one store: tab 2 changes the dose and saves; tab 1, still on the old
    // revision, then saves a name change.
    let family = common::full_family();
    let mut tab1 = Shell::new(family);
    let store = tab1.store.clone();
    let mut tab2 = Shell {
        model: Model::new(store.0.load().family, None),
        store: store.clone(),
        today: common::today(),
        told: Vec::new(),
        notified: Vec::new(),
        notifications_fail: false,
        saves: 0,
    };
    let id = tab2.model.family.children[0].id;
    tab2.send(Event::OpenForm {
        form: CardForm::Pump,
        child: Some(id),
    });
    tab2.type_in(&[("daily_dose", "300")]);
    tab2.send(Event::SaveForm);
    assert!(tab2.model.form.is_none(), "{:?}", tab2.model.form);
    let dose_of = common::daily_dose;
    let newer = dose_of(&store.0.load().family);

    tab1.send(Event::SetAutoRecallCheck(true));
    assert_eq!(
        dose_of(&store.0.load().family),
        newer,
        "tab 2's dose survives"
    );
    assert_eq!(dose_of(&tab1.model.family), newer, "tab 1 now shows it");
    assert_eq!(
        tab1.model.problem,
        Some(Alert::ChangedElsewhere { lost_change: true })
    );
    assert!(!store.0.load().family.settings.auto_recall_check);
}

#[test]
fn settings_are_checked_with_the_import_rules_and_a_refusal_changes_nothing() {
    let mut shell = Shell::new(common::full_family());
    shell.open(CardForm::Settings, None);
    shell.type_in(&[
        (F::SettingsEmergency.key(), "1-900-555-0199 premium"),
        (F::SettingsRefill.key(), "14, 7, banana"),
    ]);
    let effects = shell.send(Event::SaveSettings);
    assert_eq!(shell.saves, 0, "{effects:?}");
    let issues = &shell.model.settings_form.as_ref().unwrap().issues;
    assert_eq!(
        issues.errors[F::SettingsEmergency.key()],
        FieldProblem::PhoneCharacters
    );
    assert_eq!(
        issues.errors[F::SettingsRefill.key()],
        FieldProblem::NotWholeDays("banana".into())
    );
    assert_eq!(shell.saved().settings, common::full_family().settings);
    assert_eq!(
        shell.told.last().unwrap(),
        "Nothing was saved: check the fields marked below."
    );

    shell.type_in(&[
        (F::SettingsEmergency.key(), "112"),
        (F::SettingsRefill.key(), "14,7"),
    ]);
    shell.send(Event::SaveSettings);
    assert_eq!(shell.saved().settings.emergency_number, "112");
    assert_eq!(
        shell.saved().settings.reminders.refill_days_before,
        vec![14, 7]
    );
    assert_eq!(shell.told.last().unwrap(), "Settings saved.");
    // The form shows what was saved, as it is written back, and holds nothing unsaved.
    let open = shell.model.settings_form.as_ref().unwrap();
    assert_eq!(open.draft[F::SettingsRefill.key()], "14, 7");
    assert!(!open.is_dirty() && open.issues.errors.is_empty());
}

#[test]
fn half_typed_settings_and_a_half_typed_card_never_block_or_replace_each_other() {
    // A parent starts the pump form, goes to Settings to change the emergency number, saves
    // it, and comes back: both typings were there all along.
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Pump, Some(id));
    shell.type_in(&[("serial_number", "NGP999")]);
    shell.open(CardForm::Settings, None);
    shell.type_in(&[(F::SettingsEmergency.key(), "112")]);
    assert!(shell.model.form_is_dirty() && shell.model.settings_are_dirty());
    assert_eq!(
        shell.model.form.as_ref().unwrap().draft["serial_number"],
        "NGP999"
    );
    shell.send(Event::SaveSettings);
    assert_eq!(shell.saved().settings.emergency_number, "112");
    let pump_form = shell.model.form.as_ref().unwrap();
    assert_eq!(
        (pump_form.form, pump_form.draft["serial_number"].as_str()),
        (CardForm::Pump, "NGP999")
    );
    shell.send(Event::SaveForm);
    let saved = shell.saved();
    assert_eq!(
        saved.children[0].pump.as_ref().unwrap().serial_number,
        "NGP999"
    );
    assert_eq!(
        saved.settings.emergency_number, "112",
        "the card's save kept the settings"
    );
}

#[test]
fn settings_saved_in_another_tab_show_in_the_fields_not_typed_in() {
    // Tab 1 has Settings open and has typed a refill lead time; tab 2 saves a new emergency
    // number. Tab 1's emergency number field follows; its typed lead time stays.
    let mut shell = Shell::new(common::full_family());
    shell.open(CardForm::Settings, None);
    shell.type_in(&[(F::SettingsRefill.key(), "10, 5")]);
    let mut newer = shell.saved();
    newer.settings.emergency_number = "112".into();
    newer.revision += 1;
    shell.send(Event::ChangedElsewhere(newer));
    let open = shell.model.settings_form.as_ref().unwrap();
    assert_eq!(open.draft[F::SettingsEmergency.key()], "112");
    assert_eq!(open.draft[F::SettingsRefill.key()], "10, 5");
    assert!(
        open.revisions.get(F::SettingsEmergency.key()) > 0,
        "the input is re-created"
    );
    shell.send(Event::SaveSettings);
    let saved = shell.saved().settings;
    assert_eq!(
        (
            saved.emergency_number.as_str(),
            saved.reminders.refill_days_before
        ),
        ("112", vec![10, 5])
    );
}

#[test]
fn a_failed_save_keeps_the_change_on_screen_and_says_so() {
    let mut model = Model::new(common::family_named(&["Sam"]), None);
    let effects = update(&mut model, Event::SetAutoRecallCheck(true), common::today());
    assert!(matches!(effects[..], [Effect::Save(_)]));
    let effects = update(
        &mut model,
        Event::Saved(SaveResult::Failed("storage full".into())),
        common::today(),
    );
    assert!(model.family.settings.auto_recall_check);
    assert_eq!(
        model.problem,
        Some(Alert::SaveFailed("storage full".into()))
    );
    assert_eq!(effects, [Effect::Tell(Notice::NotSaved)]);
    // The next successful save clears the message.
    update(
        &mut model,
        Event::SetAutoRecallCheck(false),
        common::today(),
    );
    update(
        &mut model,
        Event::Saved(SaveResult::Saved { revision: 2 }),
        common::today(),
    );
    assert!(model.problem.is_none());
}

#[test]
fn recording_a_refill_says_the_new_status() {
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    shell.open(CardForm::Refill, Some(id));
    // What the clinic printout of the visit says.
    shell.type_in(&[
        ("refill_volume", "18"),
        ("refill_alarm_date", "2027-02-20"),
        ("refill_concentration", "500"),
        ("refill_dose", "250"),
    ]);
    shell.send(Event::SaveForm);
    if let Some(open) = &shell.model.form {
        panic!("refill refused: {:?}", open.issues.errors);
    }
    let told = shell.told.last().unwrap();
    assert!(
        told.starts_with("Refill recorded for Maya Rivera. "),
        "{told}"
    );
    assert!(
        told.contains("Refill on track") || told.contains("Book") || told.contains("Estimate"),
        "{told}"
    );
    // The card's booked visit (3 Dec) comes before the new refill window opens: it was this
    // refill, done early, and the loop is closed.
    let pump = shell.saved().children[0].pump.clone().unwrap();
    assert_eq!(pump.next_refill_appointment, None);
}

/// The design this file relies on, checked: screens change the family's data only by sending
/// events; only the runtime saves, and only `core::update` changes the model.
#[test]
fn screens_change_the_family_only_by_sending_events() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "the app's sources were found");
    let mut found = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.strip_prefix(root).unwrap().display().to_string();
        for (n, line) in text.lines().enumerate() {
            let writes_model = line.contains("model.write()") || line.contains("model.set(");
            let saves = line.contains("save_over(") || line.contains("perform_save(");
            let keeps = line.contains("EXTRA_RESTORE_POINTS, Some(");
            // The runtime performs the effects; the store module defines the save itself.
            let allowed = name == "src/runtime.rs" || name == "src/platform/store/mod.rs";
            if (writes_model || saves || keeps) && !allowed {
                found.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "changes outside core::update and the runtime:\n{}",
        found.join("\n")
    );
}

#[test]
fn i_booked_it_records_the_visit_and_a_past_day_is_refused() {
    // Issue 16.3: from a reminder, the parent taps "I booked it" and enters the day.
    let mut shell = Shell::new(common::full_family());
    let id = shell.model.family.children[0].id;
    let before = shell.saved();
    let effects = shell.send(Event::BookVisit {
        child: id,
        date: "2026-11-01".into(),
    });
    assert_eq!(
        effects,
        [Effect::Tell(Notice::VisitRefused(
            FieldProblem::VisitBeforeToday
        ))]
    );
    assert_eq!(shell.saved(), before, "nothing changed");
    // The full card's refill-by date is 2026-12-05 (alarm 2026-12-08): a visit on the 4th is
    // in time, one on the 7th is late and said so at once.
    shell.send(Event::BookVisit {
        child: id,
        date: "2026-12-04".into(),
    });
    let pump = shell.saved().children[0].pump.clone().unwrap();
    assert_eq!(
        pump.next_refill_appointment,
        Some("2026-12-04".parse().unwrap())
    );
    assert_eq!(
        shell.told.last().unwrap(),
        "Maya Rivera's refill visit booked for Fri 4 Dec 2026."
    );
    shell.send(Event::BookVisit {
        child: id,
        date: "2026-12-07".into(),
    });
    assert!(
        shell
            .told
            .last()
            .unwrap()
            .contains("after the refill-by date: call the pump clinic"),
        "{}",
        shell.told.last().unwrap()
    );
}
