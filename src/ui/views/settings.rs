use dioxus::prelude::*;

use crate::app::AppState;
use crate::core::content::SOURCES;
use crate::core::family::FamilySettings;
use crate::core::ics::calendar;
use crate::core::restore::MAX_RESTORE_POINTS;
use crate::core::update::{field, Event, SettingsText};
use crate::platform::export::export_calendar;
use crate::platform::notify::{availability, request_permission, Availability};
use crate::runtime::send_and_wait;
use crate::ui::components::SourceIds;
use crate::ui::format::long_date;
use crate::ui::forms::{keep, kept};
use crate::words::reminders::calendar_event;

/// `AppState::kept` keys of the fields below, in the order of `saved_text` (the same keys as
/// the fields' errors in the model).
const KEPT_KEYS: [&str; 6] = [
    field::REFILL_DAYS,
    field::REPLACEMENT_DAYS,
    field::BOOK_DAYS,
    "settings.alarm",
    field::EMERGENCY_NUMBER,
    field::WATCH_HOURS,
];

/// Settings: reminders, the emergency number, storage status, and the sources every clinical
/// text in the app cites.
#[component]
pub fn Settings() -> Element {
    let state = use_context::<AppState>();
    let persisted = *state.persisted.read();
    let settings = state.model.read().family.settings.clone();
    // Typed values start from what was typed earlier and not saved (kept in `AppState::kept`
    // while moving between screens and across "Reload to update"), else from the saved ones.
    // The saved values as the fields show them (`SettingsText::of`), in `KEPT_KEYS` order.
    let saved_text = |s: &FamilySettings| {
        let t = SettingsText::of(s);
        [
            t.refill_days,
            t.replacement_days,
            t.book_days,
            t.on_alarm_date.to_string(),
            t.emergency_number,
            t.watch_hours,
        ]
    };
    let start = saved_text(&settings);
    let initial = |i: usize| kept(state, KEPT_KEYS[i]).unwrap_or_else(|| start[i].clone());
    let had_unsaved = KEPT_KEYS.iter().any(|k| kept(state, k).is_some());
    let mut refill_days = use_signal(|| initial(0));
    let mut replacement_days = use_signal(|| initial(1));
    let mut book_days = use_signal(|| initial(2));
    let mut on_alarm = use_signal(|| initial(3) == "true");
    let mut emergency_number = use_signal(|| initial(4));
    let mut watch_hours = use_signal(|| initial(5));
    // The saved settings as this screen last saw them. When they change under it (another
    // tab saved, an import was undone, a restore point was restored), every field the family
    // had not changed follows the new saved value; a field they had typed in keeps their typing.
    let mut seen = use_signal(|| start.clone());
    use_effect(move || {
        let saved = saved_text(&state.model.read().family.settings);
        let old = seen.peek().clone();
        if saved == old {
            return;
        }
        let mut text_fields = [
            refill_days,
            replacement_days,
            book_days,
            emergency_number,
            watch_hours,
        ];
        for (field, i) in text_fields.iter_mut().zip([0, 1, 2, 4, 5]) {
            if *field.peek() == old[i] {
                field.set(saved[i].clone());
            }
        }
        if on_alarm.peek().to_string() == old[3] {
            on_alarm.set(saved[3] == "true");
        }
        seen.set(saved);
    });
    // The desktop switch for reminders with the app closed (None: not on this platform).
    let mut closed_app = use_signal(crate::platform::closed_app_reminders);
    let mut status = use_signal(|| {
        had_unsaved.then(|| {
            "Your unsaved changes from before are still here: Save to keep them.".to_string()
        })
    });
    use_effect(move || {
        let saved = saved_text(&state.model.read().family.settings);
        let typed = [
            refill_days.read().clone(),
            replacement_days.read().clone(),
            book_days.read().clone(),
            on_alarm.read().to_string(),
            emergency_number.read().clone(),
            watch_hours.read().clone(),
        ];
        for i in 0..KEPT_KEYS.len() {
            keep(state, KEPT_KEYS[i], Some(&typed[i]), &saved[i]);
        }
    });
    let mut notify_state = use_signal(|| None::<Availability>);
    use_future(move || async move {
        notify_state.set(Some(availability().await));
    });

    let save = move |e: FormEvent| {
        e.prevent_default();
        let told = state.send(Event::SaveSettings(SettingsText {
            refill_days: refill_days.read().clone(),
            replacement_days: replacement_days.read().clone(),
            book_days: book_days.read().clone(),
            on_alarm_date: *on_alarm.read(),
            emergency_number: emergency_number.read().clone(),
            watch_hours: watch_hours.read().clone(),
        }));
        let m = state.model.peek();
        if !m.errors.keys().any(|k| k.starts_with("settings.")) {
            // The fields show what was saved, as it is written back (e.g. "14,7" as
            // "14, 7"), so nothing counts as unsaved afterwards.
            let [refill, replace, book, _, number, watch] = saved_text(&m.family.settings);
            drop(m);
            refill_days.set(refill);
            replacement_days.set(replace);
            book_days.set(book);
            emergency_number.set(number);
            watch_hours.set(watch);
        }
        status.set(told);
    };
    let error_for = move |key: &'static str| {
        state
            .model
            .read()
            .errors
            .get(key)
            .map(crate::words::forms::field_problem)
    };
    let children = state.model.read().family.children.clone();
    // Read from the device when the family changes (an import or a restore adds a point), not
    // at start-up nor on every keystroke in the fields above: each point holds a whole family.
    let restore_points = use_memo(move || {
        let _ = state.model.read().family.revision;
        state.restore_points()
    });
    let restore_points = restore_points.read().clone();

    rsx! {
        h1 { "Settings" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        section { class: "panel", aria_labelledby: "reminders-settings-title",
            h2 { id: "reminders-settings-title", "Reminders" }
            match notify_state.read().clone() {
                Some(Availability::Ready) => rsx! { p { class: "reminder-state", "Reminders are on: they arrive as notifications when the app is open or opened." } },
                Some(Availability::NeedsPermission) => rsx! {
                    p { "Reminders need your permission to show notifications." }
                    button {
                        class: "button primary",
                        onclick: move |_| async move {
                            let result = request_permission().await;
                            notify_state.set(Some(result));
                            crate::app::deliver_reminders(state).await;
                        },
                        "Turn on reminders"
                    }
                },
                Some(Availability::Blocked(text)) | Some(Availability::Unsupported(text)) => rsx! { p { class: "reminder-state", "{text}" } },
                None => rsx! {},
            }
            if let Some(on) = *closed_app.read() {
                div { class: "field field-checkbox",
                    label { r#for: "s-closed-app", class: "checkbox-label",
                        input {
                            id: "s-closed-app",
                            class: "checkbox",
                            r#type: "checkbox",
                            checked: on,
                            onchange: move |e: FormEvent| {
                                let wanted = e.checked();
                                let said = crate::platform::set_closed_app_reminders(wanted);
                                closed_app.set(crate::platform::closed_app_reminders());
                                status.set(Some(said.unwrap_or_else(|e| format!("Not changed: {e}"))));
                            },
                        }
                        span { "Remind me even when the app is closed" }
                    }
                }
            }
            p { "Your phone's own calendar can remind you too, even when the app is closed:" }
            button {
                class: "button",
                disabled: children.is_empty(),
                onclick: move |_| {
                    let family = state.family();
                    let today = *state.today.read();
                    let ics = calendar(&family.children, today, chrono::Utc::now(), &family.settings.reminders, calendar_event);
                    let result = export_calendar("itb-reminders.ics", &ics);
                    status.set(Some(result.unwrap_or_else(|e| format!("Calendar export failed: {e}"))));
                },
                "Add to calendar (.ics)"
            }
        }
        form { class: "panel form", onsubmit: save, novalidate: true, aria_labelledby: "lead-title",
            h2 { id: "lead-title", "When to remind" }
            div { class: "field",
                label { r#for: "s-refill", "Days before the refill-by date" }
                input { id: "s-refill", inputmode: "numeric", value: "{refill_days}", aria_describedby: "s-refill-msg",
                    oninput: move |e| refill_days.set(e.value()) }
                div { id: "s-refill-msg",
                    p { class: "field-hint", "Separate with commas. Default: 14, 7, 3, 1." }
                    if let Some(m) = error_for(field::REFILL_DAYS) { p { class: "field-error", "{m}" } }
                }
            }
            div { class: "field field-checkbox",
                label { r#for: "s-alarm", class: "checkbox-label",
                    input { id: "s-alarm", class: "checkbox", r#type: "checkbox", checked: *on_alarm.read(),
                        onchange: move |e| on_alarm.set(e.checked()) }
                    span { "Remind on the low-reservoir alarm date" }
                }
            }
            div { class: "field",
                label { r#for: "s-replace", "Days before the pump replacement deadline" }
                input { id: "s-replace", inputmode: "numeric", value: "{replacement_days}", aria_describedby: "s-replace-msg",
                    oninput: move |e| replacement_days.set(e.value()) }
                div { id: "s-replace-msg",
                    p { class: "field-hint", "Default: 180, 90, 30." }
                    if let Some(m) = error_for(field::REPLACEMENT_DAYS) { p { class: "field-error", "{m}" } }
                }
            }
            div { class: "field",
                label { r#for: "s-book", "Show \"Book the refill\" from this many days before the refill-by date" }
                div { class: "with-unit",
                    input { id: "s-book", inputmode: "numeric", value: "{book_days}", aria_describedby: "s-book-msg",
                        oninput: move |e| book_days.set(e.value()) }
                    span { class: "unit", "days" }
                }
                div { id: "s-book-msg",
                    if let Some(m) = error_for(field::BOOK_DAYS) { p { class: "field-error", "{m}" } }
                }
            }
            h2 { "Overdose watch" }
            div { class: "field",
                label { r#for: "s-watch", "Watch for overdose signs after a refill or a dose change for" }
                div { class: "with-unit",
                    input { id: "s-watch", inputmode: "numeric", value: "{watch_hours}", aria_describedby: "s-watch-msg",
                        oninput: move |e| watch_hours.set(e.value()) }
                    span { class: "unit", "hours" }
                }
                div { id: "s-watch-msg",
                    p { class: "field-hint", "Overdose is most likely after a refill, a dose change or a concentration change. The app uses 72 hours; if your clinic's plan gives another time, use theirs. " SourceIds { sources: &["L4", "M11"] } }
                    if let Some(m) = error_for(field::WATCH_HOURS) { p { class: "field-error", "{m}" } }
                }
            }
            h2 { "Emergency number" }
            div { class: "field",
                label { r#for: "s-emergency", "Emergency number to call" }
                input { id: "s-emergency", r#type: "tel", inputmode: "tel", value: "{emergency_number}", aria_describedby: "s-emergency-msg",
                    oninput: move |e| emergency_number.set(e.value()) }
                div { id: "s-emergency-msg",
                    p { class: "field-hint", "911 in the US and Canada; 112, 999 or 000 elsewhere." }
                    if let Some(m) = error_for(field::EMERGENCY_NUMBER) { p { class: "field-error", "{m}" } }
                }
            }
            button { class: "button primary", r#type: "submit", "Save settings" }
        }
        section { class: "panel", aria_labelledby: "privacy-title",
            h2 { id: "privacy-title", "Privacy and storage" }
            p { "Everything you enter stays on this device. There is no account and no analytics." }
            match persisted {
                Some(false) => rsx! {
                    p { class: "storage-note", role: "note",
                        "This browser has not promised to keep your cards: it may delete them if the phone runs low on space. "
                        "Export your cards after each change (Device card, Export all cards), or add the app to your home screen."
                    }
                },
                Some(true) => rsx! {
                    p { "This browser has agreed to keep your cards (persistent storage is on)." }
                },
                None => rsx! {},
            }
        }
        section { class: "panel", aria_labelledby: "lookups-title",
            h2 { id: "lookups-title", "Safety look-ups (internet)" }
            p { "The app uses the internet only when you ask: to check FDA recalls for the pump model (Device card) and to fetch the drug's boxed warning below." }
            div { class: "field field-checkbox",
                label { r#for: "s-auto-recalls", class: "checkbox-label",
                    input {
                        id: "s-auto-recalls",
                        class: "checkbox",
                        r#type: "checkbox",
                        checked: settings.auto_recall_check,
                        onchange: move |e| { state.send(Event::SetAutoRecallCheck(e.checked())); },
                    }
                    span { "Check for recalls once a week when the app opens" }
                }
            }
            h3 { "FDA boxed warning for intrathecal baclofen " SourceIds { sources: &["L1"] } }
            match settings.boxed_warning.clone() {
                Some(w) => rsx! {
                    p { class: "muted", "Label dated {w.effective}, fetched {w.fetched_at}." }
                    blockquote { class: "boxed-warning", "{w.text}" }
                },
                None => rsx! { p { class: "muted", "Not fetched yet." } },
            }
            button {
                class: "button",
                onclick: move |_| async move {
                    status.set(send_and_wait(state, Event::FetchBoxedWarning).await);
                },
                "Get the current boxed warning"
            }
        }
        section { class: "panel", aria_labelledby: "restore-title",
            h2 { id: "restore-title", "Restore points" }
            p { class: "muted", "The cards as they were before each import or restore on this device (the newest {MAX_RESTORE_POINTS})." }
            if restore_points.is_empty() {
                p { "None yet." }
            }
            ul { class: "plain-list restore-points",
                for (i, point) in restore_points.into_iter().enumerate() {
                    li { key: "{i}-{point.name}",
                        span { "{point.name}: {point.family.children.len()} card(s)" }
                        " "
                        button {
                            class: "button",
                            aria_label: "Restore: {point.name}",
                            onclick: {
                                let point = point.clone();
                                move |_| {
                                    let point_name = format!("Before restoring \"{}\" on {}", point.name, long_date(*state.today.read()));
                                    let point = Box::new(point.clone());
                                    status.set(state.send(Event::Restore { point, point_name }));
                                }
                            },
                            "Restore"
                        }
                    }
                }
            }
        }
        section { class: "panel", aria_labelledby: "sources-title",
            h2 { id: "sources-title", "Sources" }
            p { class: "muted", "Every clinical text in the app names its source with one of these ids." }
            dl { class: "sources",
                for (id, title) in SOURCES {
                    dt { key: "{id}", "[{id}]" }
                    dd { "{title}" }
                }
            }
        }
    }
}
