//! `itb-companion --deliver-reminders`: delivers the reminders that are due and exits, with
//! no window (run twice a day and at login by a systemd user timer, issue 16.2). The same
//! `core::update` workflow as the open app (`Event::CheckReminders`), performed by the same
//! runtime code, so a reminder counts as delivered only once its notification went out and
//! is never delivered twice, whichever of the two delivered it.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chrono::NaiveDate;

use crate::core::update::{Event, Model};
use crate::platform::store::{StoreHandle, READ_ONLY_MESSAGE};
use crate::runtime::{run, Clock, Env, Headless};
use crate::services::openfda::DEFAULT_BASE;

/// Delivers the due reminders of the family in `store` (opened by the caller, with the
/// store's problem if any). Ok: what happened, in a sentence. Err: why nothing could be done.
pub fn deliver_reminders(
    store: StoreHandle,
    problem: Option<String>,
    today: NaiveDate,
) -> Result<String, String> {
    match problem.as_deref() {
        // The open app holds the data folder, and it delivers the reminders itself.
        Some(READ_ONLY_MESSAGE) => {
            return Ok(
                "The app is open on this data folder and delivers the reminders itself: nothing done here."
                    .to_string(),
            )
        }
        Some(other) => return Err(other.to_string()),
        None => {}
    }
    let loaded = store.0.load();
    if let Some(problem) = loaded.problem.as_ref() {
        if loaded.family.children.is_empty() {
            return Err(problem.clone());
        }
    }
    let before = loaded.family.settings.delivered_reminders.len();
    let host = Headless {
        model: Rc::new(RefCell::new(Model::new(loaded.family, None))),
        today,
        env: Env {
            store,
            clock: Clock::default(),
            openfda_base: DEFAULT_BASE.to_string(),
        },
    };
    block_on(run(&host, Event::CheckReminders));
    // What was recorded in the data folder, not what the model believes: a reminder whose
    // delivery could not be saved would arrive again.
    let recorded = host.env.store.0.load().family;
    let delivered = recorded
        .settings
        .delivered_reminders
        .len()
        .saturating_sub(before);
    let due = host.model.borrow().due.len();
    // `delivered` counts keys (missed reminders fold into one notification); `due` counts
    // the notifications shown.
    Ok(match (delivered, due) {
        (0, 0) => "No reminder is due.".to_string(),
        (0, _) => return Err(
            "Reminders are due but no notification could be shown: they are tried again next time."
                .to_string(),
        ),
        (_, 1) => "Delivered 1 reminder.".to_string(),
        (_, n) => format!("Delivered {n} reminders."),
    })
}

/// Runs a future to completion on this thread. The desktop notifier answers at once; there
/// is no network effect in this workflow.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
