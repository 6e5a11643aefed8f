//! The App root: routes, shared state, and the start-up wiring.

use std::rc::Rc;

use chrono::NaiveDate;
use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;

use crate::core::card_form::{CardForm, Draft, FormIssues};
use crate::core::countdown::{due_reminders, Reminder};
use crate::core::ems::{ems_card, instant_card_child, instant_card_json};
use crate::core::family::Family;
use crate::core::profile::Child;
use crate::core::restore::{
    add_restore_point, parse_restore_points, restore_points_json, RestorePoint,
};
use crate::platform::clock;
use crate::platform::store::{
    request_persistence, save_over, SaveRefused, StoreHandle, EXTRA_INSTANT_CARD,
    EXTRA_RESTORE_POINTS,
};
use crate::ui::components::Shell;
use crate::ui::forms::restore_draft;
use crate::ui::views::{
    DeviceCard, EmergencyCard, EmergencyPlan, Home, Printable, Printables, PumpAlarms, Settings,
    Source, SymptomChecker,
};

const MAIN_CSS: Asset = asset!("/assets/main.css");

#[derive(Debug, Clone, PartialEq, Routable)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Shell)]
        #[route("/")]
        Home {},
        #[route("/card")]
        DeviceCard {},
        #[route("/symptoms")]
        SymptomChecker {},
        #[route("/plan")]
        EmergencyPlan {},
        #[route("/emergency")]
        EmergencyCard {},
        #[route("/settings")]
        Settings {},
        #[route("/alarms")]
        PumpAlarms {},
        #[route("/print")]
        Printables {},
        #[route("/print/:kind")]
        Printable { kind: String },
        #[route("/sources/:id")]
        Source { id: String },
}

/// A form being filled in. Kept in the app state, so leaving the screen loses nothing.
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
    pub revisions: std::collections::BTreeMap<String, u32>,
}

impl OpenForm {
    pub fn is_dirty(&self) -> bool {
        self.original != self.draft
    }
}

/// State every screen reads: the family's cards, whose card is on screen, and messages.
#[derive(Clone, Copy, PartialEq)]
pub struct AppState {
    pub family: Signal<Family>,
    /// The child whose data is shown; None only while the family has no child.
    pub selected: Signal<Option<u64>>,
    pub today: Signal<NaiveDate>,
    /// A problem the user must know about (damaged file, failed save).
    pub problem: Signal<Option<String>>,
    /// The last deleted child and where it was, until undone or the app closes.
    pub undo: Signal<Option<(usize, Child)>>,
    pub form: Signal<Option<OpenForm>>,
    /// Typed but unsaved text of the other editors (the plan, Settings), by field key: kept
    /// while moving between screens and across "Reload to update" (see `ui::forms::keep`).
    pub kept: Signal<std::collections::BTreeMap<String, String>>,
    /// Whether the browser granted persistent storage (None: unknown or not applicable).
    pub persisted: Signal<Option<bool>>,
    /// Reminders due now or missed while the app was closed, shown in the app as well.
    pub due_reminders: Signal<Vec<Reminder>>,
    /// A new version of the web app is installed and waits for "Reload to update".
    pub update_ready: Signal<bool>,
    /// The family from before the last import or restore, until undone or the app closes.
    pub undo_import: Signal<Option<Family>>,
    store: Signal<StoreHandle>,
}

impl AppState {
    /// The child on screen: the selected one, or the first if the selection is gone.
    pub fn current_child(&self) -> Option<Child> {
        let family = self.family.read();
        let selected = *self.selected.read();
        selected
            .and_then(|id| family.child(id))
            .or_else(|| family.children.first())
            .cloned()
    }

    /// Saves a new version of the family. On failure the change stays on screen and the user
    /// is told it was not saved. A save based on an older revision than the one saved now
    /// (another tab or window saved meanwhile) is refused: this window then shows the newer
    /// cards and says so, and an open form keeps its typing.
    pub fn commit(&mut self, family: Family) -> bool {
        let store = self.store.read().0.clone();
        let base = self.family.peek().revision;
        let (family, result) = match save_over(store.as_ref(), base, family.clone()) {
            Ok(saved) => (saved, Ok(())),
            Err(SaveRefused::ChangedElsewhere(newer)) => {
                self.family.set(*newer);
                self.problem.set(Some(format!(
                    "{CHANGED_ELSEWHERE} Your last change was not saved: make it again."
                )));
                return false;
            }
            // Kept on screen (as the next revision), and the user is told it was not saved.
            Err(SaveRefused::Failed(e)) => (
                Family {
                    revision: base + 1,
                    ..family
                },
                Err(e),
            ),
        };
        self.family.set(family);
        match result {
            Ok(()) => {
                if self
                    .problem
                    .read()
                    .as_deref()
                    .is_some_and(|p| p.starts_with("Not saved"))
                {
                    self.problem.set(None);
                }
                true
            }
            Err(e) => {
                self.problem.set(Some(format!(
                    "Not saved: {e}. Your change is on screen but will be lost when the app closes."
                )));
                false
            }
        }
    }

    pub fn store(&self) -> StoreHandle {
        self.store.read().clone()
    }

    /// The restore points kept on this device, newest first.
    pub fn restore_points(&self) -> Vec<RestorePoint> {
        parse_restore_points(self.store().0.read_extra(EXTRA_RESTORE_POINTS).as_deref())
    }

    /// Replaces the family with `family` (an import or a restore), keeping the family from
    /// before as a named restore point and as "Undo import" until the app closes.
    pub fn replace_family(&mut self, family: Family, point_name: String) -> bool {
        let before = self.family.read().clone();
        let mut points = self.restore_points();
        add_restore_point(
            &mut points,
            RestorePoint {
                name: point_name,
                created: *self.today.read(),
                family: before.clone(),
            },
        );
        if let Err(e) = self
            .store()
            .0
            .write_extra(EXTRA_RESTORE_POINTS, Some(&restore_points_json(&points)))
        {
            self.problem.set(Some(format!(
                "Not changed: the cards from before could not be kept as a restore point ({e})."
            )));
            return false;
        }
        self.undo_import.set(Some(before));
        self.commit(family)
    }

    pub fn form_is_dirty(&self) -> bool {
        self.form.read().as_ref().is_some_and(OpenForm::is_dirty)
    }

    /// Anything typed and not saved, on any screen (a reload or close would lose it).
    pub fn has_unsaved_input(&self) -> bool {
        self.form_is_dirty() || !self.kept.read().is_empty()
    }
}

/// Said when another tab or window saved the cards.
pub const CHANGED_ELSEWHERE: &str =
    "The cards were changed in another window or tab: this window now shows that version.";

/// The app as launched on every platform: the platform's store and the device clock.
#[component]
pub fn App() -> Element {
    let (store, problem) = use_hook(StoreHandle::platform_default);
    rsx! {
        AppRoot { store, today: clock::today(), store_problem: problem, check_reminders: true }
    }
}

/// The root with its effects given: used by `App`, and by tests that render a screen at
/// `start` (an in-memory history, so no browser or window is needed).
#[component]
pub fn AppRoot(
    store: StoreHandle,
    today: NaiveDate,
    start: Option<String>,
    store_problem: Option<String>,
    /// Deliver reminders (on open, when the app becomes visible, and every 30 minutes).
    #[props(default)]
    check_reminders: bool,
) -> Element {
    use_hook(|| {
        if let Some(path) = &start {
            provide_context::<Rc<dyn History>>(Rc::new(MemoryHistory::with_initial_path(path)));
        }
    });
    let loaded = use_hook(|| store.0.load());
    let family = use_signal(|| loaded.family.clone());
    // The child the app showed last (kept with the pre-app card's snapshot), else the first.
    let selected = use_signal(|| {
        store
            .0
            .read_extra(EXTRA_INSTANT_CARD)
            .and_then(|json| instant_card_child(&json))
            .filter(|id| loaded.family.child(*id).is_some())
            .or_else(|| loaded.family.children.first().map(|c| c.id))
    });
    // Input kept across a reload to update the app comes back into its form, once.
    let restored = use_hook(|| restore_draft(&store, &loaded.family, today));
    let problem = use_signal(|| loaded.problem.clone().or(store_problem.clone()));
    let persisted = use_signal(|| None);
    let state = use_context_provider(|| AppState {
        family,
        selected,
        today: Signal::new(today),
        problem,
        undo: Signal::new(None),
        form: Signal::new(restored.form.clone()),
        kept: Signal::new(restored.screens.clone()),
        persisted,
        due_reminders: Signal::new(Vec::new()),
        update_ready: Signal::new(false),
        undo_import: Signal::new(None),
        store: Signal::new(store.clone()),
    });
    // The service worker makes every screen work offline after the first visit (web only;
    // the desktop webview has no service workers and ignores this). A new build waits until
    // the user taps "Reload to update" (see `reload_to_update`).
    use_future(move || async move {
        let mut sw = document::eval(SERVICE_WORKER_JS);
        while sw.recv::<String>().await.is_ok() {
            let mut ready = state.update_ready;
            ready.set(true);
        }
    });
    // The snapshot index.html shows before the app starts, kept in step with the card the
    // app opens with (web only: no other platform has a pre-app page).
    use_effect(move || {
        let family = state.family.read();
        let today = *state.today.read();
        let selected = *state.selected.read();
        if cfg!(target_arch = "wasm32") {
            // The child on screen (the selection, or the first if it is gone): the pre-app
            // card shows the child the app showed last.
            let snapshot = selected
                .and_then(|id| family.child(id))
                .or_else(|| family.children.first())
                .map(|c| instant_card_json(c.id, &ems_card(c, today, &family.settings.reminders)));
            let store = state.store.peek().clone();
            if store.0.read_extra(EXTRA_INSTANT_CARD) != snapshot {
                let _ = store.0.write_extra(EXTRA_INSTANT_CARD, snapshot.as_deref());
            }
        }
    });
    // Another tab saved the cards (web: the `storage` event): show its version, and say so.
    // An open form keeps its typing (it lives in `AppState::form`, not in the family).
    use_future(move || async move {
        let mut changed = document::eval(
            "window.addEventListener('storage', (e) => { if (e.key === 'itb-companion/family.json') dioxus.send(true); }); await new Promise(() => {});",
        );
        while changed.recv::<bool>().await.is_ok() {
            let mut state = state;
            let loaded = state.store.peek().0.load();
            if loaded.family.revision != state.family.peek().revision {
                state.family.set(loaded.family);
                state.problem.set(Some(CHANGED_ELSEWHERE.to_string()));
            }
        }
    });
    // The app is on screen: the pre-app card steps aside.
    use_effect(|| {
        let _ = document::eval("document.getElementById('instant-card')?.remove();");
    });
    use_hook(move || {
        let mut persisted = state.persisted;
        spawn(async move {
            persisted.set(request_persistence().await);
        });
    });

    use_future(move || async move {
        if !check_reminders {
            return;
        }
        deliver_reminders(state).await;
        weekly_recall_check(state).await;
        // Again whenever the app comes back to the screen, and every 30 minutes while open.
        let mut wake = document::eval(
            "document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') dioxus.send(true); });\
             setInterval(() => dioxus.send(true), 30 * 60 * 1000);",
        );
        while wake.recv::<bool>().await.is_ok() {
            deliver_reminders(state).await;
        }
    });

    rsx! {
        document::Link { rel: "stylesheet", href: MAIN_CSS }
        Router::<Route> {}
    }
}

/// Registers the service worker; sends a message when a new version is installed and waiting,
/// and reloads once it takes over after the user asked for it.
const SERVICE_WORKER_JS: &str = r#"
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.__itbUpdating && !window.__itbReloading) { window.__itbReloading = true; location.reload(); }
  });
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((reg) => {
    const offer = () => { if (reg.waiting && navigator.serviceWorker.controller) dioxus.send('update-ready'); };
    offer();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') offer(); });
    });
    const check = () => reg.update().catch(() => {});
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') check(); });
    setInterval(check, 60 * 60 * 1000);
  }).catch(() => {});
}
await new Promise(() => {});
"#;

/// "Reload to update": keeps the open form's input first (restored after the reload), then
/// lets the waiting service worker take over; the page reloads when it has.
pub fn reload_to_update(mut state: AppState) {
    if let Err(e) = crate::ui::forms::keep_draft(state) {
        state.problem.set(Some(format!(
            "Not updated: your unsaved changes could not be kept ({e}). Save them first, then reload."
        )));
        return;
    }
    let _ = document::eval(
        "window.__itbDirty = false; window.__itbUpdating = true; \
         navigator.serviceWorker.getRegistration().then((r) => { \
           if (r && r.waiting) r.waiting.postMessage('skip-waiting'); else location.reload(); \
         });",
    );
}

/// Shows every reminder whose day has come (including ones missed while the app was closed),
/// in the app and as a notification. A reminder counts as delivered only once the
/// notification went out, so a blocked or failed one is tried again next time.
pub async fn deliver_reminders(mut state: AppState) {
    let today = clock::today();
    if *state.today.peek() != today {
        state.today.set(today);
    }
    let family = state.family.peek().clone();
    let mut shown = Vec::new();
    let mut delivered = Vec::new();
    for child in &family.children {
        let (show, keys) = due_reminders(
            child,
            today,
            &family.settings.reminders,
            &family.settings.delivered_reminders,
        );
        let mut all_sent = true;
        for r in &show {
            if crate::platform::notify::notify(&r.summary, &r.body, &r.key)
                .await
                .is_err()
            {
                all_sent = false;
            }
        }
        if all_sent {
            delivered.extend(keys);
        }
        shown.extend(show);
    }
    if !shown.is_empty() {
        state.due_reminders.set(shown);
    }
    if !delivered.is_empty() {
        let mut updated = state.family.peek().clone();
        updated.settings.delivered_reminders.extend(delivered);
        state.commit(updated);
    }
}

/// The opt-in weekly recall check on opening (off unless the family turned it on).
async fn weekly_recall_check(mut state: AppState) {
    let today = clock::today();
    let settings = state.family.peek().settings.clone();
    let due = settings
        .last_auto_recall_check
        .is_none_or(|last| (today - last).num_days() >= 7);
    if !settings.auto_recall_check || !due {
        return;
    }
    // One check per pump model, even when several children share it.
    let mut models: Vec<_> = Vec::new();
    for child in &state.family.peek().children {
        if let Some(model) = child.pump.as_ref().map(|p| p.model.clone()) {
            if !models.contains(&model) {
                models.push(model);
            }
        }
    }
    for model in models {
        crate::ui::components::check_recalls(state, model).await;
    }
    let mut family = state.family.peek().clone();
    family.settings.last_auto_recall_check = Some(today);
    state.commit(family);
}
