//! Reminders with the app closed on the web (issue 16.1). The app keeps, in Cache Storage, the
//! reminders of the next 12 months (`core::countdown::planned_reminders`, worded by
//! `words::reminders`) and registers a periodic background sync; the service worker, woken by
//! the browser (installed app, Chromium on Android), shows the ones that are due and records
//! them, and the app takes those records into the family when it next opens, so nothing is
//! shown twice. Elsewhere this is a no-op (desktop: `--deliver-reminders`, see `background`).

use chrono::NaiveDate;

use crate::core::countdown::planned_reminders;
use crate::core::family::Family;

/// How far ahead the worker's list reaches.
pub const PLAN_DAYS: u32 = 365;

/// The worker's list as JSON: `[{key, group, date, until, title, body, book}]`, every child's
/// reminders not yet delivered, worded as of the day each is due; `book`: it offers "I booked
/// it".
pub fn plan_json(family: &Family, today: NaiveDate) -> String {
    let settings = &family.settings;
    let mut out = Vec::new();
    for child in &family.children {
        for p in planned_reminders(child, today, &settings.reminders, PLAN_DAYS) {
            if settings.delivered_reminders.contains(&p.reminder.key) {
                continue;
            }
            let (title, body) = crate::words::reminders::text(
                &p.reminder,
                p.reminder.date,
                &settings.emergency_number,
            );
            let text = |s: &str| serde_json::to_string(s).expect("a string is JSON");
            out.push(format!(
                r#"{{"key":{},"group":{},"date":"{}","until":"{}","title":{},"body":{},"book":{}}}"#,
                text(&p.reminder.key),
                text(&p.group),
                p.reminder.date,
                p.until,
                text(&title),
                text(&body),
                p.reminder.kind.offers_booking(),
            ));
        }
    }
    format!("[{}]", out.join(","))
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use dioxus::document::eval;

    /// Takes the keys the worker delivered (and clears them).
    const TAKE: &str = r#"(async () => {
  const out = [];
  try {
    const c = await caches.open('itb-reminders');
    const r = await c.match('/__itb/delivered.json');
    if (r) { out.push(...await r.json()); await c.delete('/__itb/delivered.json'); }
  } catch (e) {}
  dioxus.send(out.join('\n'));
})();"#;

    /// Registers the periodic sync where the browser offers it and notifications are allowed
    /// (once the worker is active: on a first visit, after it has installed).
    const REGISTER: &str = r#"navigator.serviceWorker.ready.then(async (reg) => {
  if (reg.periodicSync && Notification.permission === 'granted') {
    const p = await navigator.permissions.query({ name: 'periodic-background-sync' });
    if (p.state === 'granted') await reg.periodicSync.register('itb-reminders', { minInterval: 12 * 3600 * 1000 });
  }
}).catch(() => {});"#;

    /// Whether the worker will be woken with the app closed.
    const CHANNEL: &str = r#"(async () => {
  let ok = false;
  try {
    const reg = await navigator.serviceWorker.getRegistration();
    const p = await navigator.permissions.query({ name: 'periodic-background-sync' });
    ok = !!(reg && reg.periodicSync) && p.state === 'granted' && (await reg.periodicSync.getTags()).includes('itb-reminders');
  } catch (e) {}
  dioxus.send(ok);
})();"#;

    pub async fn take_deliveries() -> Vec<String> {
        let mut e = eval(TAKE);
        let keys = e.recv::<String>().await.unwrap_or_default();
        keys.lines().map(str::to_string).collect()
    }

    pub fn register() {
        let _ = eval(REGISTER);
    }

    pub fn write_plan(json: &str) {
        let _ = eval(&format!(
            "caches.open('itb-reminders').then((c) => c.put('/__itb/reminders.json', new Response(JSON.stringify({json})))).catch(() => {{}});"
        ));
    }

    pub async fn closed_app_channel() -> Option<String> {
        let mut e = eval(CHANNEL);
        let works = e.recv::<bool>().await.unwrap_or(false);
        Some(super::channel_words(works).to_string())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub async fn take_deliveries() -> Vec<String> {
        Vec::new()
    }

    pub fn write_plan(_json: &str) {}

    pub fn register() {}

    pub async fn closed_app_channel() -> Option<String> {
        None
    }
}

/// The reminders the worker delivered while the app was closed (keys), taken once.
pub use imp::take_deliveries;

/// Asks the browser to wake the worker about twice a day (web, where it can; else nothing).
pub use imp::register;

/// Says whether reminders reach the family with the app closed on this browser (None: not a
/// web page; the desktop has its own switch).
pub use imp::closed_app_channel;

/// The Settings line for the web's closed-app channel.
pub fn channel_words(works: bool) -> &'static str {
    if works {
        "Reminders arrive even with the app closed."
    } else {
        "Reminders arrive only when the app is open on this browser: add the dates to your calendar too."
    }
}

/// Rewrites the worker's list (web; nothing elsewhere).
pub fn write_plan(family: &Family, today: NaiveDate) {
    if cfg!(target_arch = "wasm32") {
        imp::write_plan(&plan_json(family, today));
    }
}
