//! Every change to the family's data has its home here. A screen sends an [`Event`];
//! [`update`] changes the [`Model`] and asks for [`Effect`]s (save, notify, fetch, keep a
//! restore point, tell the user), which the app crate performs in one place
//! (`src/runtime.rs`) and answers with more events. No UI, no I/O, no clock reads: `today`
//! is an argument, so every workflow is a plain, microsecond test (`tests/update.rs`).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::card_form::{
    apply_derived, child_draft, child_from_draft, plan_draft, plan_from_draft, pump_draft,
    pump_from_draft, refill_draft, refill_from_draft, sections_for, settings_draft,
    settings_from_draft, CardForm, Draft, FormIssues, ListSpec,
};
use super::card_form::{parse_date, DateRule};
use super::countdown::{countdown, due_reminders, Reminder, Status};
use super::family::Family;
use super::field_id::FieldId;
use super::problems::FieldProblem;
use super::profile::{Child, PumpModel};
use super::recalls::{recall_view, BoxedWarning, LookupError, Recall, RecallView};
use super::restore::RestorePoint;
use super::share::{SharedCard, SharedCopy};
use super::storefile::{plan_import_with, ImportOptions, ImportPlan, ImportRefusal};

/// Said when another tab or window saved the cards.
/// What the status line of the screen that sent an event says. These are values: the app
/// turns them into words in one place (`words::notices`), so a rule never holds a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another form has unsaved typing: finish it first. `child` names its child (None: the
    /// new child's form).
    FinishOtherForm {
        child: Option<String>,
        form: CardForm,
    },
    /// The open form was cancelled: nothing saved.
    Cancelled(CardForm),
    /// This child's card was deleted (Undo is on screen).
    Deleted(String),
    Imported,
    /// The family was put back as it was at this restore point.
    Restored(String),
    BoxedWarningUpdated,
    BoxedWarningNotFound,
    BoxedWarningFailed(String),
    /// A new child's details were saved; the pump form comes next.
    ChildSaved(String),
    PlanSaved(String),
    /// A refill was recorded; the countdown's status after it.
    RefillRecorded {
        name: String,
        status: Option<Status>,
        /// The alarm date is only the app's estimate (no printout date): never "OK" (§5).
        estimate_only: bool,
        emergency_number: String,
    },
    CardSaved(String),
    /// A refill visit was booked; `late`: after the refill-by date.
    VisitBooked {
        name: String,
        date: NaiveDate,
        late: bool,
    },
    /// The visit date was refused, and why (nothing changed).
    VisitRefused(FieldProblem),
    SettingsRefused,
    SettingsSaved,
    /// The last change was not saved: the alert at the top says why.
    NotSaved,
    /// A shared card was kept on this device; `replaced`: it replaced the copy from before.
    CopyKept {
        name: String,
        sharer: String,
        replaced: bool,
    },
    /// A kept copy of another family's card was removed from this device.
    CopyRemoved(String),
    /// The card was checked with the clinic on this day.
    ClinicChecked {
        name: String,
        date: NaiveDate,
    },
    /// A check with the clinic cannot be in the future (nothing changed).
    ClinicCheckInFuture,
}

/// Why a chosen file was not imported (nothing was changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The device could not read the file (the platform's reason).
    Unreadable(String),
    Refused(ImportRefusal),
}

/// A problem the family must know about, shown at the top until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alert {
    /// The cards from before an import or restore could not be kept: nothing was changed.
    RestorePointFailed(String),
    /// Another window or tab saved a newer version, now on screen; `lost_change`: this
    /// window's last change was not saved.
    ChangedElsewhere { lost_change: bool },
    /// Writing failed: the change is on screen only.
    SaveFailed(String),
    /// Said by the app itself (a damaged file at start, input that could not be kept).
    Said(String),
}

/// A device-card form being filled in. Kept in the model, so leaving the screen loses nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenForm {
    pub form: CardForm,
    /// The child being edited; None while adding a new child.
    pub child_id: Option<u64>,
    pub original: Draft,
    pub draft: Draft,
    pub issues: FormIssues,
    /// Set after a save was refused, to show the summary at the top.
    pub tried: bool,
    /// Bumped for a field whose value the app changed (e.g. the serial filled from a UDI), so
    /// that input is re-created with the new value. Inputs are otherwise uncontrolled: the
    /// app never writes into a field while the user types (which lost keys on slow desktops).
    pub revisions: Revisions,
    /// The folded sections the parent opened (by title). The child form shows its first
    /// section (name, date of birth: all a first save needs) and folds the rest, so a parent
    /// opens one at a time; a refused save opens every section with a field in error.
    pub opened: BTreeSet<String>,
}

/// How often the app changed each field's value (a short list: few fields are ever changed
/// by the app, and a list is less code in the web build than one more map type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisions(Vec<(String, u32)>);

impl Revisions {
    pub fn get(&self, field: &str) -> u32 {
        self.0
            .iter()
            .find(|(k, _)| k == field)
            .map_or(0, |(_, n)| *n)
    }

    fn bump(&mut self, field: &str) {
        match self.0.iter_mut().find(|(k, _)| k == field) {
            Some((_, n)) => *n += 1,
            None => self.0.push((field.to_string(), 1)),
        }
    }
}

impl OpenForm {
    /// Whether section `index` (titled `title`) of this form shows its fields.
    pub fn is_open(&self, index: usize, title: &str) -> bool {
        !folds(self.form, index) || self.opened.contains(title)
    }

    pub fn is_dirty(&self) -> bool {
        self.original != self.draft
    }

    /// A form filled from the saved card (or empty for a new child).
    pub fn open(form: CardForm, child: Option<&Child>, family: &Family, today: NaiveDate) -> Self {
        let draft = match (form, child) {
            (CardForm::Child, Some(c)) => child_draft(c),
            (CardForm::Child, None) => Draft::new(),
            (CardForm::Pump, Some(c)) => pump_draft(c),
            (CardForm::Pump, None) => pump_draft(&Child::default()),
            (CardForm::Refill, _) => refill_draft(today),
            (CardForm::Plan, Some(c)) => plan_draft(c),
            (CardForm::Plan, None) => Draft::new(),
            (CardForm::Settings, _) => settings_draft(&family.settings),
        };
        Self::checked(
            form,
            child.map(|c| c.id),
            draft.clone(),
            draft,
            family,
            today,
        )
    }

    /// A form as first shown (nothing tried yet), with its live checks against the family.
    pub fn checked(
        form: CardForm,
        child_id: Option<u64>,
        original: Draft,
        draft: Draft,
        family: &Family,
        today: NaiveDate,
    ) -> Self {
        let mut open = OpenForm {
            form,
            child_id,
            original,
            draft,
            issues: FormIssues::default(),
            tried: false,
            revisions: Revisions::default(),
            opened: BTreeSet::new(),
        };
        open.issues = open.validate(family, today);
        open
    }

    /// The saved child this form edits (a blank one for a new child).
    fn base(&self, family: &Family) -> Child {
        self.child_id
            .and_then(|id| family.child(id).cloned())
            .unwrap_or_default()
    }

    /// The child as it would be saved, or the issues that block the save. Fields the form
    /// does not show are kept from the saved child (`core::card_form` updates in place).
    fn result(&self, family: &Family, today: NaiveDate) -> Result<(Child, FormIssues), FormIssues> {
        let base = self.base(family);
        let pump = match self.form {
            CardForm::Child => return child_from_draft(&self.draft, &base, today),
            CardForm::Plan => return plan_from_draft(&self.draft, &base, today),
            CardForm::Pump => pump_from_draft(&self.draft, &base, today),
            CardForm::Refill => refill_from_draft(&self.draft, &base, today),
            // Not a child's form: checked by `validate`, saved by `Event::SaveSettings`.
            CardForm::Settings => return Err(FormIssues::default()),
        };
        pump.map(|(pump, issues)| {
            let mut child = base;
            child.pump = Some(pump);
            (child, issues)
        })
    }

    /// Live warnings, and the errors once shown.
    pub fn validate(&self, family: &Family, today: NaiveDate) -> FormIssues {
        let result = match self.form {
            CardForm::Settings => {
                settings_from_draft(&self.draft, &family.settings).map(|(_, issues)| issues)
            }
            _ => self.result(family, today).map(|(_, issues)| issues),
        };
        match result {
            Ok(issues) | Err(issues) => issues,
        }
    }
}

/// Whether section `index` of `form` starts folded: every section of the child form but the
/// first (reference-free: a layout rule, issue 15.7).
pub fn folds(form: CardForm, index: usize) -> bool {
    form == CardForm::Child && index > 0
}

/// A chosen import file, checked and planned, waiting for the family's confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    pub plan: ImportPlan,
    /// The file, to plan again when the family ticks "replace the settings too".
    pub bytes: Vec<u8>,
}

/// How a save went, as the store reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveResult {
    Saved {
        revision: u64,
    },
    /// Another tab or window saved a newer revision since this one loaded: here it is.
    ChangedElsewhere(Box<Family>),
    Failed(String),
}

/// Everything the app knows that a change to the family's data can touch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub family: Family,
    /// The child whose data is shown; None only while the family has no child.
    pub selected: Option<u64>,
    pub form: Option<OpenForm>,
    /// The Settings form, in its own slot: a half-typed card form and half-typed settings
    /// never block or replace each other.
    pub settings_form: Option<OpenForm>,
    /// The last deleted child and where it was, until undone or the app closes.
    pub undo_delete: Option<(usize, Child)>,
    /// The family from before the last import or restore, until undone or the app closes.
    pub undo_import: Option<Family>,
    pub import: Option<PendingImport>,
    pub import_error: Option<ImportError>,
    /// A problem the user must know about (damaged file, failed save, another tab's change).
    pub problem: Option<Alert>,
    /// Reminders due now or missed while the app was closed, shown in the app as well.
    pub due: Vec<Reminder>,
    /// The last recall check (or failed check) and the pump model it was for.
    pub recalls: Option<(String, RecallView)>,
    /// A shared card opened from a link, not kept yet.
    pub opened_share: Option<SharedCard>,
}

impl Model {
    pub fn new(family: Family, selected: Option<u64>) -> Self {
        let mut model = Model {
            family,
            selected,
            ..Model::default()
        };
        fix_selection(&mut model);
        model
    }

    /// The child on screen: the selected one, or the first if the selection is gone.
    pub fn current_child(&self) -> Option<&Child> {
        self.selected
            .and_then(|id| self.family.child(id))
            .or_else(|| self.family.children.first())
    }

    pub fn form_is_dirty(&self) -> bool {
        self.form.as_ref().is_some_and(OpenForm::is_dirty)
    }

    pub fn settings_are_dirty(&self) -> bool {
        self.settings_form.as_ref().is_some_and(OpenForm::is_dirty)
    }
}

/// What can happen to the family's data.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Open a device-card form: for child `child`, or (None) for a new child. Selects the child.
    /// `CardForm::Settings` opens the Settings form (kept while typed in).
    OpenForm {
        form: CardForm,
        child: Option<u64>,
    },
    /// A field of the open form was typed in (a `settings.` key: of the Settings form).
    EditField {
        key: String,
        value: String,
    },
    /// Open or fold a section of the open form (by its title).
    ToggleSection(&'static str),
    AddRow(ListSpec),
    /// Remove item `n` (from 1) of a list of the open form.
    RemoveRow(ListSpec, usize),
    SaveForm,
    CancelForm,
    Select(u64),
    Delete(u64),
    UndoDelete,
    /// A file was chosen for import (checked and planned, nothing changed yet).
    ImportChosen(Vec<u8>),
    /// Could not read the chosen file (too large, unreadable): the message.
    ImportUnreadable(String),
    ImportReplaceSettings(bool),
    ImportCancelled,
    /// The family confirmed the import; the family from before is kept under `point_name`.
    ImportConfirmed {
        point_name: String,
    },
    /// Go back to a restore point (as listed in Settings from the device's store).
    Restore {
        point: Box<RestorePoint>,
        point_name: String,
    },
    /// The restore point was kept: now replace the family (sent by the app after
    /// [`Effect::KeepRestorePoint`]).
    Replace {
        family: Family,
        told: Notice,
    },
    /// The restore point could not be kept: nothing is replaced.
    RestorePointsFailed(String),
    UndoImport,
    /// "I booked it": the refill visit for `child` is on `date` (as typed). The countdown stops
    /// nagging if it is in time, reminds the day before, and asks after it.
    BookVisit {
        child: u64,
        date: String,
    },
    /// The calendar file was handed over (`ics::calendar_dates` of it): Home stops offering
    /// "Update your calendar" until the dates move again.
    CalendarExported(String),
    /// Save the Settings form, checked with the import's rules.
    SaveSettings,
    /// Throw away what was typed in the Settings form.
    CancelSettings,
    SetAutoRecallCheck(bool),
    /// Show and notify the reminders whose day has come (on open, on becoming visible, …).
    CheckReminders,
    /// The notifications for one child's `keys` went out (`all_sent`) or not (tried again).
    RemindersNotified {
        keys: Vec<String>,
        all_sent: bool,
    },
    DismissReminders,
    /// The app opened: the weekly recall check, if the family opted in and it is due.
    Opened,
    CheckRecalls(PumpModel),
    RecallsAnswered {
        model: PumpModel,
        outcome: Result<Vec<Recall>, LookupError>,
        /// When the answer came, in words ("2026-11-26 15:40 UTC").
        at: String,
    },
    FetchBoxedWarning,
    BoxedWarningAnswered(Result<Option<BoxedWarning>, String>),
    Saved(SaveResult),
    /// Another tab or window saved this family (web: the `storage` event).
    ChangedElsewhere(Family),
    /// A problem the app met outside the family's data (e.g. input not kept for a reload).
    ShowProblem(String),
    DismissProblem,
    /// The family shares `child`'s card as `sharer` (issue 17). `key` names the card's shares
    /// if it has no name yet (the platform makes a random one); the sharer's name is kept for
    /// next time. The card itself does not change.
    Shared {
        child: u64,
        sharer: String,
        key: String,
    },
    /// A link opened with its code: shown, with what changed since the copy kept from the same
    /// card; nothing is kept yet.
    ShareOpened(Box<SharedCard>),
    /// Keep the opened card on this device, replacing the copy of the same card.
    KeepSharedCopy,
    /// Close the opened card without keeping it.
    CloseShared,
    /// Remove a kept copy (by its key).
    RemoveSharedCopy(String),
    /// The family checked `child`'s card with the clinic on `date` (issue 17.4).
    ClinicChecked {
        child: u64,
        date: NaiveDate,
    },
}

/// What `update` asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the family over revision `family.revision`; answer with [`Event::Saved`].
    Save(Box<Family>),
    /// Add a restore point to the ones kept on the device (the newest few); then send `then`,
    /// or [`Event::RestorePointsFailed`].
    KeepRestorePoint {
        point: Box<RestorePoint>,
        then: Box<Event>,
    },
    /// Show one child's reminders as notifications; answer with [`Event::RemindersNotified`].
    Notify {
        reminders: Vec<Reminder>,
        keys: Vec<String>,
        /// The Settings emergency number, for the words ("Call 911 if …", §5).
        emergency_number: String,
    },
    /// Look up recalls for a model; answer with [`Event::RecallsAnswered`].
    FetchRecalls(PumpModel),
    /// Look up the drug label's boxed warning; answer with [`Event::BoxedWarningAnswered`].
    FetchBoxedWarning,
    /// Say this in the status line of the screen that sent the event.
    Tell(Notice),
}

/// Applies `event` to `model` and returns the effects to perform, in order.
pub fn update(model: &mut Model, event: Event, today: NaiveDate) -> Vec<Effect> {
    let mut fx = Vec::new();
    match event {
        Event::OpenForm {
            form: CardForm::Settings,
            ..
        } => {
            if !model.settings_are_dirty() {
                let open = OpenForm::open(CardForm::Settings, None, &model.family, today);
                model.settings_form = Some(open);
            }
        }
        Event::OpenForm { form, child } => {
            // Typing in another open form is never thrown away by opening this one.
            if let Some(open) = model.form.as_ref().filter(|f| f.is_dirty()) {
                if (open.form, open.child_id) != (form, child) {
                    fx.push(Effect::Tell(Notice::FinishOtherForm {
                        child: open
                            .child_id
                            .and_then(|id| model.family.child(id))
                            .map(|c| c.name.clone()),
                        form: open.form,
                    }));
                }
                return fx;
            }
            if let Some(id) = child {
                model.selected = Some(id);
            }
            let child = child.and_then(|id| model.family.child(id));
            model.form = Some(OpenForm::open(form, child, &model.family, today));
        }
        Event::EditField { key, value } => {
            let form = if FieldId::from_key(&key).is_some_and(FieldId::is_setting) {
                CardForm::Settings
            } else {
                CardForm::Child
            };
            edit_form(model, form, today, |open| {
                open.draft.insert(key.clone(), value);
                let before = open.draft.clone();
                apply_derived(&mut open.draft, &key, today);
                for (k, v) in &open.draft {
                    if *k != key && before.get(k) != Some(v) {
                        open.revisions.bump(k);
                    }
                }
            });
        }
        Event::ToggleSection(title) => {
            if let Some(open) = model.form.as_mut() {
                if !open.opened.remove(title) {
                    open.opened.insert(title.to_string());
                }
            }
        }
        Event::AddRow(list) => edit_form(model, CardForm::Child, today, |open| {
            list.add(&mut open.draft);
        }),
        Event::RemoveRow(list, n) => edit_form(model, CardForm::Child, today, |open| {
            for key in list.remove(&mut open.draft, n) {
                open.revisions.bump(&key);
            }
        }),
        Event::SaveForm => save_form(model, today, &mut fx),
        Event::CancelForm => {
            if let Some(open) = model.form.take() {
                fx.push(Effect::Tell(Notice::Cancelled(open.form)));
            }
        }
        Event::Select(id) => {
            if model.family.child(id).is_some() {
                model.selected = Some(id);
            }
        }
        Event::Delete(id) => {
            let mut family = model.family.clone();
            if let Some(removed) = family.remove_child(id) {
                fx.push(Effect::Tell(Notice::Deleted(removed.1.name.clone())));
                model.undo_delete = Some(removed);
                model.selected = family.children.first().map(|c| c.id);
                if model.form.as_ref().is_some_and(|f| f.child_id == Some(id)) {
                    model.form = None;
                }
                save(model, family, &mut fx);
            }
        }
        Event::UndoDelete => {
            if let Some((index, child)) = model.undo_delete.take() {
                let id = child.id;
                let mut family = model.family.clone();
                if family.restore_child(index, child) {
                    model.selected = Some(id);
                    save(model, family, &mut fx);
                }
            }
        }
        Event::ImportChosen(bytes) => {
            model.import = None;
            model.import_error = None;
            match plan_import_with(&bytes, &model.family, today, ImportOptions::default()) {
                Ok(plan) => model.import = Some(PendingImport { plan, bytes }),
                Err(e) => model.import_error = Some(ImportError::Refused(e)),
            }
        }
        Event::ImportUnreadable(message) => {
            model.import = None;
            model.import_error = Some(ImportError::Unreadable(message));
        }
        Event::ImportReplaceSettings(replace_settings) => {
            if let Some(pending) = model.import.take() {
                let options = ImportOptions { replace_settings };
                match plan_import_with(&pending.bytes, &model.family, today, options) {
                    Ok(plan) => {
                        model.import = Some(PendingImport {
                            plan,
                            bytes: pending.bytes,
                        })
                    }
                    Err(e) => model.import_error = Some(ImportError::Refused(e)),
                }
            }
        }
        Event::ImportCancelled => model.import = None,
        Event::ImportConfirmed { point_name } => {
            if let Some(pending) = model.import.take() {
                let told = Notice::Imported;
                keep_then_replace(model, pending.plan.result, point_name, told, today, &mut fx);
            }
        }
        Event::Restore { point, point_name } => {
            let told = Notice::Restored(point.name.clone());
            keep_then_replace(model, point.family, point_name, told, today, &mut fx);
        }
        Event::Replace { family, told } => {
            model.undo_import = Some(model.family.clone());
            fx.push(Effect::Tell(told));
            save(model, family, &mut fx);
            fix_selection(model);
        }
        Event::RestorePointsFailed(e) => {
            model.problem = Some(Alert::RestorePointFailed(e));
        }
        Event::UndoImport => {
            if let Some(before) = model.undo_import.take() {
                model.selected = before.children.first().map(|c| c.id);
                save(model, before, &mut fx);
            }
        }
        Event::BookVisit { child, date } => book_visit(model, child, &date, today, &mut fx),
        Event::Shared { child, sharer, key } => {
            let mut family = model.family.clone();
            family.settings.sharer_name = sharer.trim().to_string();
            if let Some(c) = family.children.iter_mut().find(|c| c.id == child) {
                if c.share_key.is_empty() {
                    c.share_key = key;
                }
            }
            if family != model.family {
                save(model, family, &mut fx);
            }
        }
        Event::ShareOpened(card) => model.opened_share = Some(*card),
        Event::KeepSharedCopy => {
            if let Some(card) = model.opened_share.take() {
                let mut family = model.family.clone();
                let (name, sharer) = (card.child.name.clone(), card.sharer.clone());
                let copy = SharedCopy {
                    card,
                    kept_on: today,
                };
                let old = family
                    .shared_copies
                    .iter_mut()
                    .find(|c| c.card.key == copy.card.key);
                let replaced = old.is_some();
                match old {
                    Some(old) => *old = copy,
                    None => family.shared_copies.push(copy),
                }
                save(model, family, &mut fx);
                fx.push(Effect::Tell(Notice::CopyKept {
                    name,
                    sharer,
                    replaced,
                }));
            }
        }
        Event::CloseShared => model.opened_share = None,
        Event::RemoveSharedCopy(key) => {
            let mut family = model.family.clone();
            if let Some(i) = family.shared_copies.iter().position(|c| c.card.key == key) {
                let copy = family.shared_copies.remove(i);
                save(model, family, &mut fx);
                fx.push(Effect::Tell(Notice::CopyRemoved(copy.card.child.name)));
            }
        }
        Event::ClinicChecked { child, date } => {
            if date > today {
                fx.push(Effect::Tell(Notice::ClinicCheckInFuture));
            } else {
                let mut family = model.family.clone();
                if let Some(c) = family.children.iter_mut().find(|c| c.id == child) {
                    c.clinic_checked = Some(date);
                    let name = c.name.clone();
                    save(model, family, &mut fx);
                    fx.push(Effect::Tell(Notice::ClinicChecked { name, date }));
                }
            }
        }
        Event::CalendarExported(dates) => {
            if model.family.settings.calendar_dates.as_ref() != Some(&dates) {
                let mut family = model.family.clone();
                family.settings.calendar_dates = Some(dates);
                save(model, family, &mut fx);
            }
        }
        Event::SaveSettings => save_settings(model, today, &mut fx),
        Event::CancelSettings => {
            if model.settings_form.take().is_some() {
                fx.push(Effect::Tell(Notice::Cancelled(CardForm::Settings)));
            }
            let open = OpenForm::open(CardForm::Settings, None, &model.family, today);
            model.settings_form = Some(open);
        }
        Event::SetAutoRecallCheck(on) => {
            let mut family = model.family.clone();
            family.settings.auto_recall_check = on;
            save(model, family, &mut fx);
        }
        Event::CheckReminders => {
            let settings = &model.family.settings;
            let mut shown = Vec::new();
            for child in &model.family.children {
                let (show, keys) = due_reminders(
                    child,
                    today,
                    &settings.reminders,
                    &settings.delivered_reminders,
                );
                if keys.is_empty() {
                    continue;
                }
                shown.extend(show.iter().cloned());
                fx.push(Effect::Notify {
                    reminders: show,
                    keys,
                    emergency_number: model.family.settings.emergency_number.clone(),
                });
            }
            if !shown.is_empty() {
                model.due = shown;
            }
        }
        Event::RemindersNotified { keys, all_sent } => {
            // Delivered only once the notifications went out: a blocked or failed one is
            // tried again next time (and is on screen meanwhile).
            let delivered = &model.family.settings.delivered_reminders;
            if all_sent && keys.iter().any(|k| !delivered.contains(k)) {
                let mut family = model.family.clone();
                family.settings.delivered_reminders.extend(keys);
                save(model, family, &mut fx);
            }
        }
        Event::DismissReminders => model.due.clear(),
        Event::Opened => {
            let settings = &model.family.settings;
            let due = settings
                .last_auto_recall_check
                .is_none_or(|last| (today - last).num_days() >= 7);
            if settings.auto_recall_check && due {
                // One check per pump model, even when several children share it.
                let mut models: Vec<PumpModel> = Vec::new();
                for child in &model.family.children {
                    if let Some(m) = child.pump.as_ref().map(|p| p.model.clone()) {
                        if !models.contains(&m) {
                            models.push(m);
                        }
                    }
                }
                fx.extend(models.into_iter().map(Effect::FetchRecalls));
                let mut family = model.family.clone();
                family.settings.last_auto_recall_check = Some(today);
                save(model, family, &mut fx);
            }
        }
        Event::CheckRecalls(pump_model) => fx.push(Effect::FetchRecalls(pump_model)),
        Event::RecallsAnswered {
            model: pump_model,
            outcome,
            at,
        } => {
            let key = pump_model.key().to_string();
            let cache = model
                .family
                .settings
                .recall_cache
                .iter()
                .find(|c| c.model_key == key);
            let (view, fresh) = recall_view(outcome, cache, &key, &at);
            model.recalls = Some((key, view));
            if let Some(fresh) = fresh {
                let mut family = model.family.clone();
                let cache = &mut family.settings.recall_cache;
                cache.retain(|c| c.model_key != fresh.model_key);
                cache.push(fresh);
                save(model, family, &mut fx);
            }
        }
        Event::FetchBoxedWarning => fx.push(Effect::FetchBoxedWarning),
        Event::BoxedWarningAnswered(outcome) => match outcome {
            Ok(Some(w)) => {
                let mut family = model.family.clone();
                family.settings.boxed_warning = Some(w);
                fx.push(Effect::Tell(Notice::BoxedWarningUpdated));
                save(model, family, &mut fx);
            }
            Ok(None) => fx.push(Effect::Tell(Notice::BoxedWarningNotFound)),
            Err(e) => fx.push(Effect::Tell(Notice::BoxedWarningFailed(e))),
        },
        Event::Saved(result) => saved(model, result, &mut fx),
        Event::ChangedElsewhere(newer) => {
            if newer.revision != model.family.revision {
                model.family = newer;
                model.problem = Some(Alert::ChangedElsewhere { lost_change: false });
                fix_selection(model);
            }
        }
        Event::ShowProblem(text) => model.problem = Some(Alert::Said(text)),
        Event::DismissProblem => model.problem = None,
    }
    follow_saved_settings(model, today);
    fx
}

/// Changes the open form, then re-checks it against the saved family.
fn edit_form(
    model: &mut Model,
    form: CardForm,
    today: NaiveDate,
    change: impl FnOnce(&mut OpenForm),
) {
    // The Settings form has its own slot.
    let slot = if form == CardForm::Settings {
        &mut model.settings_form
    } else {
        &mut model.form
    };
    let Some(open) = slot.as_mut() else {
        return;
    };
    change(open);
    open.issues = open.validate(&model.family, today);
}

/// The saved settings changed under an open Settings form (another tab, an import, a
/// restore, an undo): every field the family had not typed in follows the new saved value;
/// a field they typed in keeps their typing.
fn follow_saved_settings(model: &mut Model, today: NaiveDate) {
    let Some(open) = model.settings_form.as_mut() else {
        return;
    };
    let saved = settings_draft(&model.family.settings);
    if open.original == saved {
        return;
    }
    for (key, value) in &saved {
        if open.draft.get(key) == open.original.get(key) && open.draft.get(key) != Some(value) {
            open.draft.insert(key.clone(), value.clone());
            open.revisions.bump(key);
        }
    }
    open.original = saved;
    open.issues = open.validate(&model.family, today);
}

/// Saves the open form if it is valid; otherwise keeps it open with its errors shown.
/// Nothing invalid is ever saved.
fn save_form(model: &mut Model, today: NaiveDate, fx: &mut Vec<Effect>) {
    let Some(mut open) = model.form.take() else {
        return;
    };
    let saved = match open.result(&model.family, today) {
        Ok((child, _)) => child,
        Err(issues) => {
            // Every section with a field in error opens, so the parent sees each one.
            for section in sections_for(open.form, &open.draft) {
                if section
                    .fields
                    .iter()
                    .any(|f| issues.errors.contains_key(&f.id))
                {
                    open.opened.insert(section.title.to_string());
                }
            }
            open.issues = issues;
            open.tried = true;
            model.form = Some(open);
            return;
        }
    };
    let name = saved.name.clone();
    let mut family = model.family.clone();
    let id = family.save_child(saved, Some(today));
    model.selected = Some(id);
    if open.child_id.is_none() && open.form == CardForm::Child {
        // Next: the pump, while the printout is at hand.
        model.form = Some(OpenForm::open(
            CardForm::Pump,
            family.child(id),
            &family,
            today,
        ));
        fx.push(Effect::Tell(Notice::ChildSaved(name)));
    } else if open.form == CardForm::Plan {
        fx.push(Effect::Tell(Notice::PlanSaved(name)));
    } else if open.form == CardForm::Refill {
        // The countdown's new status, said where the parent is looking.
        let settings = &family.settings;
        let c = family
            .child(id)
            .map(|c| countdown(c, today, &settings.reminders));
        fx.push(Effect::Tell(Notice::RefillRecorded {
            name,
            status: c.as_ref().map(|c| c.status),
            estimate_only: c
                .as_ref()
                .is_some_and(|c| c.alarm_source == Some(crate::countdown::AlarmSource::Estimate)),
            emergency_number: settings.emergency_number.clone(),
        }));
    } else {
        fx.push(Effect::Tell(Notice::CardSaved(name)));
    }
    save(model, family, fx);
}

/// Books the refill visit (the pump's next refill appointment), or says why not.
fn book_visit(model: &mut Model, id: u64, typed: &str, today: NaiveDate, fx: &mut Vec<Effect>) {
    let date = parse_date(typed, DateRule::Any, today).and_then(|d| {
        if d < today {
            Err(FieldProblem::VisitBeforeToday)
        } else {
            Ok(d)
        }
    });
    let date = match date {
        Ok(d) => d,
        Err(problem) => {
            fx.push(Effect::Tell(Notice::VisitRefused(problem)));
            return;
        }
    };
    let mut family = model.family.clone();
    let Some(mut child) = family.child(id).cloned() else {
        return;
    };
    let Some(pump) = child.pump.as_mut() else {
        fx.push(Effect::Tell(Notice::VisitRefused(FieldProblem::NoPump)));
        return;
    };
    pump.next_refill_appointment = Some(date);
    let name = child.name.clone();
    family.save_child(child, Some(today));
    let late = family
        .child(id)
        .map(|c| countdown(c, today, &family.settings.reminders))
        .and_then(|c| c.visit)
        .is_some_and(|v| v.after_refill_by);
    fx.push(Effect::Tell(Notice::VisitBooked { name, date, late }));
    save(model, family, fx);
}

/// Checks the Settings form with the same rules an import's settings are checked with, and
/// saves them, or marks the fields in error and changes nothing.
fn save_settings(model: &mut Model, today: NaiveDate, fx: &mut Vec<Effect>) {
    let Some(open) = model.settings_form.as_mut() else {
        return;
    };
    match settings_from_draft(&open.draft, &model.family.settings) {
        Err(issues) => {
            open.issues = issues;
            open.tried = true;
            fx.push(Effect::Tell(Notice::SettingsRefused));
        }
        Ok((settings, _)) => {
            let mut family = model.family.clone();
            family.settings = settings;
            fx.push(Effect::Tell(Notice::SettingsSaved));
            save(model, family, fx);
            // The form now shows what was saved, as it is written back ("14,7" as "14, 7").
            let open = OpenForm::open(CardForm::Settings, None, &model.family, today);
            model.settings_form = Some(open);
        }
    }
}

/// Keeps the family from before as a named restore point, then (once that is written)
/// replaces it: never replaced without a way back.
fn keep_then_replace(
    model: &mut Model,
    family: Family,
    point_name: String,
    told: Notice,
    today: NaiveDate,
    fx: &mut Vec<Effect>,
) {
    fx.push(Effect::KeepRestorePoint {
        point: Box::new(RestorePoint {
            name: point_name,
            created: today,
            family: model.family.clone(),
        }),
        then: Box::new(Event::Replace { family, told }),
    });
}

/// Puts `family` on screen as the next version of this window's family and asks to save it
/// over the revision this window has.
fn save(model: &mut Model, mut family: Family, fx: &mut Vec<Effect>) {
    family.revision = model.family.revision;
    model.family = family;
    fx.push(Effect::Save(Box::new(model.family.clone())));
}

fn saved(model: &mut Model, result: SaveResult, fx: &mut Vec<Effect>) {
    match result {
        SaveResult::Saved { revision } => {
            model.family.revision = revision;
            if matches!(
                model.problem,
                Some(Alert::SaveFailed(_) | Alert::ChangedElsewhere { lost_change: true })
            ) {
                model.problem = None;
            }
        }
        SaveResult::ChangedElsewhere(newer) => {
            // This window shows the newer cards and says so; an open form keeps its typing.
            model.family = *newer;
            model.problem = Some(Alert::ChangedElsewhere { lost_change: true });
            fix_selection(model);
            fx.push(Effect::Tell(Notice::NotSaved));
        }
        SaveResult::Failed(e) => {
            // Kept on screen (as the next revision), and the user is told it was not saved.
            model.family.revision += 1;
            model.problem = Some(Alert::SaveFailed(e));
            fx.push(Effect::Tell(Notice::NotSaved));
        }
    }
}

/// After the family was replaced: the selection points at a child that exists.
fn fix_selection(model: &mut Model) {
    if model
        .selected
        .is_none_or(|id| model.family.child(id).is_none())
    {
        model.selected = model.family.children.first().map(|c| c.id);
    }
}
