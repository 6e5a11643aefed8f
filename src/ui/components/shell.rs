use dioxus::prelude::*;

use crate::app::{reload_to_update, AppState, Route};
use crate::core::update::Event;
use crate::ui::components::ChildBadge;
use crate::words::notices::alert;
use crate::words::reminders;

/// The frame around every screen: the header with whose data this is and the Emergency card
/// button, messages that must not be missed, the screen itself, and the bottom navigation.
#[component]
pub fn Shell() -> Element {
    let state = use_context::<AppState>();
    let model = state.model.read();
    let child = model.current_child().cloned();
    let children = model.family.children.clone();
    let dirty = state.device_card_form_is_dirty();
    let mut leaving_to = use_signal(|| None::<Route>);
    // The EMS card is handed to a paramedic: no family reminders on top of it.
    let on_ems_card = matches!(use_route::<Route>(), Route::EmergencyCard {});
    let today = *state.today.read();

    // The browser asks before a reload or close loses typed input (a half-filled form, the
    // plan editor, Settings). A memo, so the
    // page is told when the flag flips, not on every keystroke.
    let dirty_flag = use_memo(move || state.has_unsaved_input());
    use_effect(move || {
        let dirty = dirty_flag();
        let _ = document::eval(&format!(
            "window.__itbDirty = {dirty}; if (!window.__itbGuard) {{ window.__itbGuard = true; \
             window.addEventListener('beforeunload', e => {{ if (window.__itbDirty) {{ e.preventDefault(); e.returnValue = ''; }} }}); }}"
        ));
    });

    // Opened from a card link (issue 17.2): to the screen that asks for its code.
    use_hook(move || {
        spawn(async move {
            if let Some(link) = crate::platform::share::take_opened_link().await {
                // A card opened earlier and neither kept nor closed gives way to this link.
                state.send(Event::CloseShared);
                let mut opened = state.opened_link;
                opened.set(Some(link));
                navigator().push(Route::OpenShared {});
            }
        });
    });

    let nav = [
        (Route::Home {}, "Home"),
        (Route::DeviceCard {}, "Device card"),
        (Route::SymptomChecker {}, "Symptom checker"),
        (Route::EmergencyPlan {}, "Emergency plan"),
        (Route::Settings {}, "Settings"),
    ];

    rsx! {
        a { class: "skip-link", href: "#content", "Skip to content" }
        header { class: if on_ems_card { "app-header app-header-ems" } else { "app-header" },
            // On the card itself the button to it is not needed: the app's name moves into the
            // row that says whose card it is, and the crew's first screen gets the room.
            if !on_ems_card {
                div { class: "header-row",
                    span { class: "app-name", "ITB Companion" }
                    // Never guarded: the card must be one tap away, and a half-filled form is kept.
                    Link {
                        class: "emergency-button",
                        to: Route::EmergencyCard {},
                        "Emergency card"
                    }
                }
            }
            div { class: "header-row header-child",
                if on_ems_card {
                    span { class: "app-name", "ITB Companion" }
                }
                if children.len() > 1 {
                    div { class: "switcher", role: "group", aria_label: "Whose card to show",
                        for c in children {
                            button {
                                key: "{c.id}",
                                class: "switch-child",
                                aria_pressed: if child.as_ref().is_some_and(|cur| cur.id == c.id) { "true" } else { "false" },
                                onclick: {
                                    let id = c.id;
                                    move |_| { state.send(Event::Select(id)); }
                                },
                                ChildBadge { child: Some(c.clone()) }
                            }
                        }
                    }
                } else {
                    ChildBadge { child }
                }
            }
        }
        if let Some(problem) = model.problem.as_ref() {
            div { class: "banner banner-problem", role: "alert",
                p { "{alert(problem)}" }
                button { class: "button", onclick: move |_| { state.send(Event::DismissProblem); }, "I understand" }
            }
        }
        // Always in the page (like the reminders below), so the offer is announced.
        div { class: "update-live", aria_live: "polite",
            if !on_ems_card && *state.update_ready.read() {
                div { class: "banner banner-update", role: "status",
                    p { "A new version of ITB Companion is ready. Anything you are typing is kept." }
                    button { class: "button", onclick: move |_| reload_to_update(state), "Reload to update" }
                }
            }
        }
        // Always in the page, so reminders that come due while the app is open are announced
        // (a live region added together with its text is not).
        div { class: "reminders-live", aria_live: "polite",
            if !on_ems_card && !model.due.is_empty() {
                div { class: "banner banner-reminders", role: "status", aria_labelledby: "reminders-title",
                    div { class: "banner-text",
                        p { id: "reminders-title", "Reminders" }
                        ul {
                            for (key, (summary, body)) in model.due.iter().map(|r| (&r.key, reminders::text(r, today, &model.family.settings.emergency_number))) {
                                li { key: "{key}", strong { "{summary}" } " {body}" }
                            }
                        }
                    }
                    // A refill reminder: the day of the booked visit is entered on Home.
                    if model.due.iter().any(|r| r.kind.offers_booking()) {
                        Link { class: "button", to: Route::Home {}, "I booked it" }
                    }
                    button { class: "button", onclick: move |_| { state.send(Event::DismissReminders); }, "Dismiss reminders" }
                }
            }
        }
        if model.undo_import.is_some() {
            div { class: "banner banner-undo", role: "status",
                p { "The cards were replaced. The cards from before are kept as a restore point in Settings." }
                button {
                    class: "button",
                    onclick: move |_| { state.send(Event::UndoImport); },
                    "Undo import"
                }
            }
        }
        if let Some((_, removed)) = model.undo_delete.as_ref() {
            div { class: "banner banner-undo", role: "status",
                p { "{removed.name}'s card was deleted." }
                button {
                    class: "button",
                    onclick: move |_| { state.send(Event::UndoDelete); },
                    "Undo delete"
                }
            }
        }
        if let Some(target) = leaving_to.read().clone() {
            div {
                class: "banner banner-leave",
                role: "alertdialog",
                aria_labelledby: "leave-title",
                // Escape is "Stay and finish" (the first button), as in any dialog. A plain
                // handler in the page, not `onkeydown`: any keyboard listener in the app links
                // dioxus-web's key and code names (9 KiB gzip of the web build's first load).
                "onkeydown": "if (event.key === 'Escape') this.querySelector('button').click()",
                p { id: "leave-title", "You have unsaved changes on the device card. Leave without saving?" }
                button {
                    class: "button",
                    // Focus moves into the dialog, on the safe choice, so a keyboard or screen
                    // reader user is not left on the navigation link behind it.
                    onmounted: move |e: MountedEvent| async move {
                        let _ = e.set_focus(true).await;
                    },
                    onclick: move |_| leaving_to.set(None),
                    "Stay and finish"
                }
                button {
                    class: "button danger",
                    onclick: move |_| {
                        state.send(Event::CancelForm);
                        leaving_to.set(None);
                        navigator().push(target.clone());
                    },
                    "Leave without saving"
                }
            }
        }
        main { id: "content", class: "screen", Outlet::<Route> {} }
        nav { class: "bottom-nav", aria_label: "Main",
            for (route, label) in nav {
                Link {
                    key: "{label}",
                    to: route.clone(),
                    onclick_only: dirty && route != (Route::DeviceCard {}),
                    onclick: move |_| {
                        if state.device_card_form_is_dirty() && route != (Route::DeviceCard {}) {
                            leaving_to.set(Some(route.clone()));
                        }
                    },
                    span { "{label}" }
                }
            }
        }
    }
}
