//! The App root: routes, shared state, and the start-up wiring.

use std::rc::Rc;

use chrono::NaiveDate;
use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;

use crate::core::ems::{ems_card, instant_card_child, instant_card_json, CardView, Medium};
use crate::core::ics::{calendar, calendar_dates};
use crate::core::update::{Alert, Event, Model};
use crate::platform::clock;
use crate::platform::export::export_calendar;
use crate::platform::store::{request_persistence, StoreHandle, EXTRA_INSTANT_CARD};
use crate::runtime::{send_and_wait, Clock, Env};
use crate::services::openfda::DEFAULT_BASE;
use crate::ui::components::Shell;
use crate::ui::forms::restore_draft;
use crate::ui::views::{
    DeviceCard, EmergencyCard, EmergencyPlan, Home, OpenShared, Printable, Printables, PumpAlarms,
    Settings, ShareCard, SharedCopyView, Source, SymptomChecker,
};
use crate::words::reminders::calendar_event;

/// `#[used]`: dx bundles the stylesheet even in the web release, where no code reads this.
#[used]
static MAIN_CSS: Asset = asset!("/assets/main.css");

/// The web release's index.html links the stylesheet itself, so the page is styled before the
/// wasm has loaded (scripts/build-web.sh); the app adds no second link there, which keeps
/// dioxus's asset lookup and head-element code out of the wasm (7 KiB gzip).
const LINK_STYLESHEET: bool = !cfg!(all(target_arch = "wasm32", not(debug_assertions)));

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
        #[route("/share")]
        ShareCard {},
        #[route("/shared")]
        OpenShared {},
        // By position in the list, not by the share's key: a reload sends the path to the
        // server, and nothing of a shared card goes there.
        #[route("/shared/:copy")]
        SharedCopyView { copy: usize },
}

pub use crate::core::update::OpenForm;
pub use crate::runtime::AppState;

/// The app as launched on every platform: the platform's store, the device clock and the
/// real openFDA.
#[component]
pub fn App() -> Element {
    let (store, problem) = use_hook(StoreHandle::platform_default);
    rsx! {
        AppRoot { store, today: clock::today(), store_problem: problem, check_reminders: true }
    }
}

/// The root with its effects given: used by `App`, and by tests that render a screen at
/// `start` (an in-memory history, so no browser or window is needed), with a fixed clock
/// and a loopback openFDA.
#[component]
pub fn AppRoot(
    store: StoreHandle,
    today: NaiveDate,
    start: Option<String>,
    store_problem: Option<String>,
    /// Deliver reminders (on open, when the app becomes visible, and every 30 minutes).
    #[props(default)]
    check_reminders: bool,
    /// The clock reminders read "today" from (default: the device's).
    #[props(default)]
    clock: Clock,
    /// Where the look-ups go (default: the real openFDA).
    #[props(default = DEFAULT_BASE.to_string())]
    openfda_base: String,
) -> Element {
    use_hook(|| {
        if let Some(path) = &start {
            provide_context::<Rc<dyn History>>(Rc::new(MemoryHistory::with_initial_path(path)));
        }
    });
    let model = use_hook(|| {
        let loaded = store.0.load();
        // The child the app showed last (kept with the pre-app card's snapshot), else the first.
        let shown_last = store
            .0
            .read_extra(EXTRA_INSTANT_CARD)
            .and_then(|json| instant_card_child(&json));
        let mut model = Model::new(loaded.family, shown_last);
        // Input kept across a reload to update the app comes back into its form, once.
        let restored = restore_draft(&store, &model.family, today);
        model.form = restored.form;
        model.settings_form = restored.settings;
        model.problem = loaded.problem.or(store_problem.clone()).map(Alert::Said);
        model
    });
    let state = use_context_provider(|| {
        AppState::new(
            model.clone(),
            today,
            Env {
                store: store.clone(),
                clock,
                openfda_base: openfda_base.clone(),
            },
        )
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
    let planned_for = use_hook(|| Rc::new(std::cell::Cell::new(None)));
    use_effect(move || {
        let model = state.model.read();
        let today = *state.today.read();
        if cfg!(target_arch = "wasm32") {
            // The child on screen: the pre-app card shows the child the app showed last.
            let snapshot = model.current_child().map(|c| {
                instant_card_json(
                    c.id,
                    // Shown on a later day before the app starts: absolute dates only (§6).
                    &ems_card(
                        c,
                        today,
                        &model.family.settings.reminders,
                        CardView {
                            medium: Medium::Snapshot,
                            ..CardView::screen(
                                crate::words::date_order(),
                                model.family.settings.overdose_watch_hours,
                            )
                        },
                    ),
                )
            });
            let store = state.store();
            if store.0.read_extra(EXTRA_INSTANT_CARD) != snapshot {
                let _ = store.0.write_extra(EXTRA_INSTANT_CARD, snapshot.as_deref());
            }
            // The service worker's list of reminders, rewritten whenever a saved family or the
            // day changes: a recorded refill moves every date, a delivery takes one off it.
            let seen = (model.family.revision, today);
            if check_reminders && planned_for.get() != Some(seen) {
                planned_for.set(Some(seen));
                crate::platform::worker::write_plan(&model.family, today);
            }
        }
    });
    // Another tab saved the cards (web: the `storage` event): show its version, and say so.
    // An open form keeps its typing (it lives in the model's form, not in the family).
    use_future(move || async move {
        let mut changed = document::eval(
            "window.addEventListener('storage', (e) => { if (e.key === 'itb-companion/family.json') dioxus.send(true); }); await new Promise(() => {});",
        );
        while changed.recv::<bool>().await.is_ok() {
            let loaded = state.store().0.load();
            state.send(Event::ChangedElsewhere(loaded.family));
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
        send_and_wait(state, Event::Opened).await;
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
        if LINK_STYLESHEET {
            document::Link { rel: "stylesheet", href: MAIN_CSS }
        }
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
pub fn reload_to_update(state: AppState) {
    if let Err(e) = crate::ui::forms::keep_draft(state) {
        state.send(Event::ShowProblem(format!(
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

/// Hands the family's calendar (.ics) over (a download, a share sheet or a file) and records
/// its dates, so Home can say when they move; returns what to tell the family.
pub fn add_to_calendar(state: AppState) -> String {
    let family = state.family();
    let today = *state.today.peek();
    let reminders = &family.settings.reminders;
    let ics = calendar(
        &family.children,
        today,
        chrono::Utc::now(),
        reminders,
        calendar_event,
    );
    match export_calendar("itb-reminders.ics", &ics) {
        Ok(told) => {
            let dates = calendar_dates(&family.children, today, reminders);
            state.send(Event::CalendarExported(dates));
            told
        }
        Err(e) => format!("Calendar export failed: {e}"),
    }
}

/// Shows every reminder whose day has come (including ones missed while the app was closed),
/// in the app and as a notification (`Event::CheckReminders`). A reminder counts as delivered
/// only once the notification went out, so a blocked or failed one is tried again next time.
pub async fn deliver_reminders(state: AppState) {
    let today = state.env().clock.today();
    if *state.today.peek() != today {
        let mut day = state.today;
        day.set(today);
    }
    // What the service worker showed while the app was closed is delivered: not again here.
    let keys = crate::platform::worker::take_deliveries().await;
    if !keys.is_empty() {
        let event = Event::RemindersNotified {
            keys,
            all_sent: true,
        };
        send_and_wait(state, event).await;
    }
    send_and_wait(state, Event::CheckReminders).await;
    crate::platform::worker::register();
}
