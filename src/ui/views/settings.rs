use dioxus::prelude::*;

use crate::app::AppState;
use crate::core::card_form::CardForm;
use crate::core::content::SOURCES;
use crate::core::restore::MAX_RESTORE_POINTS;
use crate::core::update::Event;
use crate::platform::notify::{availability, request_permission, Availability};
use crate::platform::worker::closed_app_channel;
use crate::runtime::send_and_wait;
use crate::ui::components::{CardFormView, SourceIds};
use crate::ui::format::long_date;

/// Settings: reminders, the emergency number, storage status, and the sources every clinical
/// text in the app cites.
#[component]
pub fn Settings() -> Element {
    let state = use_context::<AppState>();
    let persisted = *state.persisted.read();
    let settings = state.model.read().family.settings.clone();
    // The Settings form lives in the model (its own slot), so typing survives moving between
    // screens, another tab's save (fields not typed in follow it) and a reload to update.
    let had_unsaved = state.model.peek().settings_are_dirty();
    use_effect(move || {
        if state.model.peek().settings_form.is_none() {
            state.send(Event::OpenForm {
                form: CardForm::Settings,
                child: None,
            });
        }
    });
    // The desktop switch for reminders with the app closed (None: not on this platform).
    let mut closed_app = use_signal(crate::platform::closed_app_reminders);
    let mut status = use_signal(|| {
        had_unsaved.then(|| {
            "Your unsaved changes from before are still here: Save to keep them.".to_string()
        })
    });
    let mut notify_state = use_signal(|| None::<Availability>);
    // Web: whether the service worker is woken with the app closed (periodic sync).
    let mut closed_channel = use_signal(|| None::<String>);
    use_future(move || async move {
        notify_state.set(Some(availability().await));
        closed_channel.set(closed_app_channel().await);
    });

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
                Some(Availability::Ready) => rsx! {
                    p { class: "reminder-state", "Reminders are on: they arrive as notifications when the app is open or opened." }
                    if let Some(channel) = closed_channel.read().as_ref() {
                        p { class: "reminder-state", "{channel}" }
                    }
                },
                Some(Availability::NeedsPermission) => rsx! {
                    p { "Reminders need your permission to show notifications." }
                    button {
                        class: "button primary",
                        onclick: move |_| async move {
                            let result = request_permission().await;
                            notify_state.set(Some(result));
                            crate::app::deliver_reminders(state).await;
                            closed_channel.set(closed_app_channel().await);
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
                onclick: move |_| status.set(Some(crate::app::add_to_calendar(state))),
                "Add to calendar (.ics)"
            }
        }
        div { class: "panel",
            CardFormView {
                title: "Reminder and emergency settings",
                settings: true,
                save_label: "Save settings",
                on_save: move |_| status.set(state.send(Event::SaveSettings)),
                on_cancel: move |_| status.set(state.send(Event::CancelSettings)),
            }
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
        section { class: "panel", aria_labelledby: "sharing-title",
            h2 { id: "sharing-title", "Sharing cards" }
            p { "A shared card travels inside its link, locked with a code: no server sees it. Share from the Device card screen; open a link you were sent here." }
            if !cfg!(target_arch = "wasm32") {
                match crate::platform::share::PUBLIC_ADDRESS {
                    Some(address) => rsx! { p { "Links from this app open at {address}." } },
                    None => rsx! { p { class: "storage-note", role: "note", "This desktop app was built without the web app's address (ITB_PUBLIC_URL), so it cannot make links: share a card as a file (Device card, Export this card). It can still open a link you paste." } },
                }
            }
            Link { class: "button", to: crate::app::Route::OpenShared {}, "Open a card link" }
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
