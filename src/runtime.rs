//! Where the effects `core::update` asks for are performed: the one place in the app that
//! changes the family. A screen calls [`send`] with an event; `update` changes the model
//! (held in `AppState::model`) and returns effects; this file saves, notifies and fetches,
//! and feeds each answer back to `update` as an event, until nothing is left to do.
//!
//! ```text
//! tap "Save" -> send(Event::SaveForm) -> update: model.family changed, [Tell, Save]
//!            -> save_over(store, revision) -> Event::Saved(..) -> update -> screen re-renders
//! ```

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::core::card_form::CardForm;
use crate::core::family::Family;
use crate::core::profile::Child;
use crate::core::restore::RestorePoint;
use crate::core::update::Model;
use crate::core::update::{update, Effect, Event};
use crate::platform::store::{keep_restore_point, perform_save, restore_points, StoreHandle};
use crate::services::openfda::OpenFda;

/// State every screen reads. The family's data and everything a change to it touches is the
/// `model`: screens read it and change it only by sending events (`runtime::send`), so every
/// change has one home, `core::update`.
#[derive(Clone, Copy, PartialEq)]
pub struct AppState {
    pub model: Signal<Model>,
    pub today: Signal<NaiveDate>,
    /// Whether the browser granted persistent storage (None: unknown or not applicable).
    pub persisted: Signal<Option<bool>>,
    /// A new version of the web app is installed and waits for "Reload to update".
    pub update_ready: Signal<bool>,
    /// A card link the app was opened with or that was pasted, until its code is entered.
    pub opened_link: Signal<Option<String>>,
    env: Signal<Env>,
}

impl AppState {
    pub fn new(model: Model, today: NaiveDate, env: Env) -> Self {
        AppState {
            model: Signal::new(model),
            today: Signal::new(today),
            persisted: Signal::new(None),
            update_ready: Signal::new(false),
            opened_link: Signal::new(None),
            env: Signal::new(env),
        }
    }

    /// The child on screen: the selected one, or the first if the selection is gone.
    pub fn current_child(&self) -> Option<Child> {
        self.model.read().current_child().cloned()
    }

    /// The family's data as this window has it.
    pub fn family(&self) -> Family {
        self.model.read().family.clone()
    }

    pub fn env(&self) -> Env {
        self.env.peek().clone()
    }

    pub fn store(&self) -> StoreHandle {
        self.env.peek().store.clone()
    }

    /// The restore points kept on this device, newest first (read when Settings lists them,
    /// not at start-up: each holds a whole family).
    pub fn restore_points(&self) -> Vec<RestorePoint> {
        restore_points(self.env.peek().store.0.as_ref())
    }

    /// Sends an event to `core::update` (see `runtime`); returns what to tell the user.
    pub fn send(self, event: Event) -> Option<String> {
        send(self, event)
    }

    pub fn form_is_dirty(&self) -> bool {
        self.model.read().form_is_dirty()
    }

    /// A device-card form with unsaved typing: leaving the Device card asks first. (The plan
    /// form's typing is kept while away, and its screen says so, as the other editors do.)
    pub fn device_card_form_is_dirty(&self) -> bool {
        let model = self.model.read();
        model.form_is_dirty()
            && model
                .form
                .as_ref()
                .is_some_and(|f| f.form != CardForm::Plan)
    }

    /// Anything typed and not saved, on any screen (a reload or close would lose it).
    pub fn has_unsaved_input(&self) -> bool {
        let model = self.model.read();
        model.form_is_dirty() || model.settings_are_dirty()
    }
}

/// What the effects need from the outside, injected at the root: the store, the clock and
/// the openFDA address (tests point it at a loopback server and fix "today").
#[derive(Clone)]
pub struct Env {
    pub store: StoreHandle,
    pub clock: Clock,
    pub openfda_base: String,
}

/// Where "today" comes from: the device's clock, or a fixed day in tests.
#[derive(Clone, Copy)]
pub struct Clock(pub fn() -> NaiveDate);

impl Clock {
    pub fn today(self) -> NaiveDate {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock(crate::platform::clock::today)
    }
}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

impl Env {
    pub fn openfda(&self) -> OpenFda {
        OpenFda::new(&self.openfda_base)
    }
}

/// Where events are applied and effects find the outside world: the app's signals
/// ([`AppState`]), or a plain model with no window ([`Headless`], for
/// `itb-companion --deliver-reminders`). Both perform effects with the same code below.
pub trait Host: Clone {
    fn apply(&self, event: Event) -> Vec<Effect>;
    fn env(&self) -> Env;
    fn today(&self) -> NaiveDate;
}

impl Host for AppState {
    fn apply(&self, event: Event) -> Vec<Effect> {
        let mut model = self.model;
        let effects = update(&mut model.write(), event, Host::today(self));
        effects
    }

    fn env(&self) -> Env {
        AppState::env(self)
    }

    fn today(&self) -> NaiveDate {
        *self.today.peek()
    }
}

/// A model with no window: events applied to it and effects performed as in the app.
#[derive(Clone)]
pub struct Headless {
    pub model: Rc<RefCell<Model>>,
    pub today: NaiveDate,
    pub env: Env,
}

impl Host for Headless {
    fn apply(&self, event: Event) -> Vec<Effect> {
        update(&mut self.model.borrow_mut(), event, self.today)
    }

    fn env(&self) -> Env {
        self.env.clone()
    }

    fn today(&self) -> NaiveDate {
        self.today
    }
}

/// Applies `event` on `host` and performs every effect, waiting for look-ups and
/// notifications and their answers; returns the last thing said.
pub async fn run(host: &impl Host, event: Event) -> Option<String> {
    let (told, later) = run_now(host, event);
    run_later(host, later).await.or(told)
}

/// Sends `event` and performs what it asks for. Returns what to tell the user in the
/// sending screen's status line (the last thing said). Look-ups and notifications run in
/// the background; [`send_and_wait`] waits for them.
pub fn send(state: AppState, event: Event) -> Option<String> {
    let (told, later) = run_now(&state, event);
    if !later.is_empty() {
        spawn(async move {
            run_later(&state, later).await;
        });
    }
    told
}

/// [`send`], waiting for look-ups and notifications and their answers too.
pub async fn send_and_wait(state: AppState, event: Event) -> Option<String> {
    run(&state, event).await
}

/// Runs `event` and every event its quick effects (save, keep, tell) answer with; returns
/// the slow effects (network, notifications) still to perform.
fn run_now(host: &impl Host, event: Event) -> (Option<String>, VecDeque<Effect>) {
    let env = host.env();
    let mut events = VecDeque::from([event]);
    let mut told = None;
    let mut later = VecDeque::new();
    while let Some(event) = events.pop_front() {
        for effect in host.apply(event) {
            match effect {
                Effect::Save(family) => {
                    events.push_back(Event::Saved(perform_save(env.store.0.as_ref(), *family)));
                }
                Effect::KeepRestorePoint { point, then } => {
                    events.push_back(match keep_restore_point(env.store.0.as_ref(), *point) {
                        Ok(()) => *then,
                        Err(e) => Event::RestorePointsFailed(e),
                    });
                }
                Effect::Tell(notice) => told = Some(crate::words::notices::notice(&notice)),
                slow => later.push_back(slow),
            }
        }
    }
    (told, later)
}

async fn run_later(host: &impl Host, mut later: VecDeque<Effect>) -> Option<String> {
    let env = host.env();
    let mut told = None;
    while let Some(effect) = later.pop_front() {
        let answer = match effect {
            Effect::Notify {
                reminders,
                keys,
                emergency_number,
            } => {
                let mut all_sent = true;
                for r in &reminders {
                    let (summary, body) =
                        crate::words::reminders::text(r, host.today(), &emergency_number);
                    let book = r.kind.offers_booking();
                    if crate::platform::notify::notify(&summary, &body, &r.key, book)
                        .await
                        .is_err()
                    {
                        all_sent = false;
                    }
                }
                Event::RemindersNotified { keys, all_sent }
            }
            Effect::FetchRecalls(model) => {
                let outcome = env.openfda().recalls(&model).await;
                Event::RecallsAnswered {
                    model,
                    outcome,
                    at: now_utc(),
                }
            }
            Effect::FetchBoxedWarning => Event::BoxedWarningAnswered(
                env.openfda()
                    .boxed_warning(&now_utc())
                    .await
                    .map_err(|e| e.to_string()),
            ),
            // Quick effects are performed by `run_now`.
            Effect::Save(_) | Effect::KeepRestorePoint { .. } | Effect::Tell(_) => continue,
        };
        let (said, more) = run_now(host, answer);
        told = said.or(told);
        later.extend(more);
    }
    told
}

/// The time a look-up answered, as the cache and the screens show it.
fn now_utc() -> String {
    crate::core::dates::utc_minute(chrono::Utc::now())
}
