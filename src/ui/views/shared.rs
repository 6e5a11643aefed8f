//! Cards shared with this device (issue 17.2-17.3): opening a link with its code, the preview
//! of what changed since the copy kept before, and the kept, read-only copies.

use dioxus::prelude::*;

use super::emergency_card::EmsCardContent;
use crate::app::{AppState, Route};
use crate::core::countdown::countdown;
use crate::core::ems::ems_card;
use crate::core::share::{changes, normalize_code, read_link, SharedCard};
use crate::core::update::Event;
use crate::platform::share::open;
use crate::words::date_order;
use crate::words::share::{copy_age_line, copy_title, parts as parts_words, share_error};

/// Opens a link (the one the app was opened with, or one pasted here), asks for its code, and
/// shows the card before anything is kept.
#[component]
pub fn OpenShared() -> Element {
    let state = use_context::<AppState>();
    let opened = state.model.read().opened_share.clone();
    let link_text = state.opened_link.read().clone();
    let mut pasted = use_signal(String::new);
    let mut code = use_signal(String::new);
    let mut problem = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);
    let today = *state.today.read();

    if let Some(card) = opened {
        return rsx! { Preview { card } };
    }
    let link = link_text.as_deref().map(read_link);

    let open_card = move || async move {
        problem.set(None);
        let Some(text) = state.opened_link.peek().clone() else {
            return;
        };
        let result = async {
            let link = read_link(&text)?;
            let code = if link.coded {
                normalize_code(&code.peek())?
            } else {
                String::new()
            };
            busy.set(true);
            let json = open(&link, &code).await;
            busy.set(false);
            SharedCard::from_json(&json?)
        }
        .await;
        match result {
            Ok(card) => {
                state.send(Event::ShareOpened(Box::new(card)));
                let mut link = state.opened_link;
                link.set(None);
            }
            Err(e) => problem.set(Some(share_error(&e))),
        }
    };

    rsx! {
        h1 { "A card shared with you" }
        match link {
            None => rsx! {
                section { class: "panel form", aria_labelledby: "paste-title",
                    h2 { id: "paste-title", "Open a card link" }
                    p { "Someone caring for the same child sent you a link? Paste it here (the whole message is fine)." }
                    div { class: "field",
                        label { r#for: "paste-link", "The link" }
                        // Not bound to a value: a pasted or fast-typed link is never re-rendered
                        // over while it arrives.
                        textarea {
                            id: "paste-link",
                            rows: 3,
                            oninput: move |e: FormEvent| pasted.set(e.value()),
                        }
                    }
                    if let Some(p) = problem.read().as_ref() {
                        p { class: "field-error", role: "alert", "{p}" }
                    }
                    button {
                        class: "button primary",
                        onclick: move |_| {
                            let text = pasted.peek().clone();
                            match read_link(&text) {
                                Ok(_) => {
                                    problem.set(None);
                                    let mut link = state.opened_link;
                                    link.set(Some(text));
                                }
                                Err(e) => problem.set(Some(share_error(&e))),
                            }
                        },
                        "Open the link"
                    }
                }
            },
            Some(Err(e)) => rsx! {
                section { class: "panel",
                    p { class: "field-error", role: "alert", "{share_error(&e)}" }
                    button {
                        class: "button",
                        onclick: move |_| { let mut link = state.opened_link; link.set(None); },
                        "Paste another link"
                    }
                }
            },
            Some(Ok(l)) => rsx! {
                // A form: Enter in the code field opens the card too.
                form {
                    class: "panel form",
                    aria_labelledby: "code-title",
                    onsubmit: move |e: FormEvent| {
                        e.prevent_default();
                        spawn(open_card());
                    },
                    h2 { id: "code-title", if l.coded { "Enter the code" } else { "Open the card" } }
                    if l.coded {
                        p { "The person who shared the card gave you a code of 10 letters and numbers, separately from the link." }
                        div { class: "field",
                            label { r#for: "share-code", "The code you were given" }
                            input {
                                id: "share-code",
                                r#type: "text",
                                autocomplete: "off",
                                autocapitalize: "characters",
                                spellcheck: false,
                                value: "{code}",
                                oninput: move |e: FormEvent| code.set(e.value()),
                            }
                        }
                    } else {
                        p { "This link has no code: it holds only the emergency card." }
                    }
                    if let Some(p) = problem.read().as_ref() {
                        p { class: "field-error", role: "alert", "{p}" }
                    }
                    button {
                        class: "button primary",
                        r#type: "submit",
                        disabled: *busy.read(),
                        if *busy.read() { "Opening…" } else { "Open the card" }
                    }
                    p { class: "muted", "Opened on {crate::words::date(today)}. Nothing is kept until you choose to keep it." }
                }
            },
        }
    }
}

/// The opened card before it is kept: with the changes since the kept copy of the same card.
#[component]
fn Preview(card: SharedCard) -> Element {
    let state = use_context::<AppState>();
    let today = *state.today.read();
    let old = state
        .model
        .read()
        .family
        .shared_copies
        .iter()
        .find(|c| c.card.key == card.key)
        .map(|c| c.card.clone());
    let older_than_kept = old.as_ref().is_some_and(|o| o.shared_on > card.shared_on);
    let changed = old
        .as_ref()
        .map(|o| changes(o, &card, today, date_order()))
        .unwrap_or_default();
    let key = card.key.clone();
    rsx! {
        h1 { "{copy_title(&card)}" }
        section { class: "panel", aria_labelledby: "keep-title",
            h2 { id: "keep-title", if old.is_some() { "Update your copy?" } else { "Keep this card?" } }
            p { "It holds {parts_words(&card.parts)}. Kept on this device, it works offline; it stays read-only and apart from your own children's cards." }
            if old.is_some() {
                if older_than_kept {
                    p { class: "warning-note", role: "note", "This link is older than the copy you have." }
                }
                if changed.is_empty() {
                    p { "Nothing on the card changed since your copy." }
                } else {
                    h3 { "What changed since your copy" }
                    ul { class: "share-changes", aria_label: "What changed",
                        for c in changed {
                            li { key: "{c.label}",
                                strong { "{c.label}: " }
                                if c.before.is_empty() { "(not on your copy)" } else { del { "{c.before}" } }
                                " → "
                                if c.after.is_empty() { "(removed)" } else { ins { "{c.after}" } }
                            }
                        }
                    }
                }
            }
            div { class: "actions",
                button {
                    class: "button primary",
                    onclick: move |_| {
                        state.send(Event::KeepSharedCopy);
                        let at = state.model.peek().family.shared_copies.iter().position(|c| c.card.key == key);
                        navigator().replace(Route::SharedCopyView { copy: at.map_or(1, |i| i + 1) });
                    },
                    if old.is_some() { "Replace my copy" } else { "Keep on this device" }
                }
                button {
                    class: "button",
                    onclick: move |_| {
                        state.send(Event::CloseShared);
                        navigator().replace(Route::Home {});
                    },
                    "Close without keeping"
                }
            }
        }
        SharedCardBody { card }
    }
}

/// A kept copy: its age, the card, read-only.
#[component]
pub fn SharedCopyView(copy: usize) -> Element {
    let at = copy;
    let state = use_context::<AppState>();
    let today = *state.today.read();
    let copy = state
        .model
        .read()
        .family
        .shared_copies
        .get(at.wrapping_sub(1))
        .cloned();
    let mut confirm = use_signal(|| false);
    let Some(copy) = copy else {
        return rsx! {
            h1 { "Shared card" }
            section { class: "panel",
                p { "This shared card is no longer on this device." }
                Link { class: "button", to: Route::Home {}, "Home" }
            }
        };
    };
    let card = copy.card;
    let key = card.key.clone();
    let (age, out_of_date) = copy_age_line(&card, today);
    let name = card.child.name.clone();
    rsx! {
        h1 { "{copy_title(&card)}" }
        p { class: if out_of_date { "copy-age warning-note" } else { "copy-age muted" }, role: if out_of_date { "alert" } else { "note" }, "{age}" }
        SharedCardBody { card: card.clone() }
        section { class: "panel no-print", aria_labelledby: "copy-remove",
            h2 { id: "copy-remove", "This copy" }
            p { class: "muted", "To change the card, ask {card.sharer} to change it and share it again. To edit it yourself, ask for the card file and import it." }
            if *confirm.read() {
                p { role: "alert", "Remove {name}'s shared card from this device?" }
                button {
                    class: "button danger",
                    onclick: move |_| {
                        state.send(Event::RemoveSharedCopy(key.clone()));
                        navigator().replace(Route::Home {});
                    },
                    "Yes, remove {name}'s card"
                }
                button { class: "button", onclick: move |_| confirm.set(false), "Keep it" }
            } else {
                button { class: "button", onclick: move |_| confirm.set(true), "Remove this copy" }
            }
        }
    }
}

/// What a shared card shows: the emergency card, the clinic's plan, and whatever else was
/// shared (contacts, refill dates).
#[component]
fn SharedCardBody(card: SharedCard) -> Element {
    let state = use_context::<AppState>();
    let today = *state.today.read();
    let reminders = state.model.read().family.settings.reminders.clone();
    let child = card.child.clone();
    let ems = ems_card(&child, today, &reminders, date_order());
    let p = child.providers.clone();
    // The refill dates section's countdown, only for a card that shares them.
    let c = card
        .parts
        .refill_dates
        .then(|| countdown(&child, today, &reminders));
    let history = child
        .pump
        .as_ref()
        .map(|p| p.refill_history.clone())
        .unwrap_or_default();
    rsx! {
        section { class: "ems-card shared-card", aria_label: "Emergency card",
            h2 { "Emergency card" }
            EmsCardContent { card: ems }
        }
        section { class: "panel", aria_labelledby: "shared-plan",
            h2 { id: "shared-plan", "The clinic's emergency plan" }
            if child.plan_steps.is_empty() {
                p { "No plan steps on this card: follow the emergency card's steps and call the pump clinic." }
            } else {
                ol { for (i, step) in child.plan_steps.iter().enumerate() { li { key: "{i}", "{step}" } } }
            }
        }
        if card.parts.contacts {
            section { class: "panel", aria_labelledby: "shared-contacts",
                h2 { id: "shared-contacts", "Contacts and care team" }
                ul {
                    for (i, ct) in child.contacts.iter().enumerate() {
                        li { key: "c{i}", "{ct.name} ({ct.relation}) " a { href: "tel:{ct.phone}", "{ct.phone}" } }
                    }
                    for (label, who) in [("Primary care", &p.primary_care), ("Neurosurgeon", &p.neurosurgeon)] {
                        if !who.phone.is_empty() {
                            li { key: "{label}", "{label}: {who.name} " a { href: "tel:{who.phone}", "{who.phone}" } }
                        }
                    }
                    for (i, m) in p.others.iter().enumerate() {
                        li { key: "o{i}", "{m.role}: {m.name} " a { href: "tel:{m.phone}", "{m.phone}" } }
                    }
                }
            }
        }
        if let Some(c) = c {
            section { class: "panel", aria_labelledby: "shared-refills",
                h2 { id: "shared-refills", "Refill dates" }
                dl { class: "ems-facts",
                    dt { "Refill by" }
                    dd { {c.refill_by.map(crate::words::date).unwrap_or_else(|| "Not recorded".into())} }
                    if let Some(v) = c.visit {
                        dt { "Refill visit booked" }
                        dd { {crate::words::date(v.date)} }
                    }
                    for (i, r) in history.iter().enumerate() {
                        div { key: "h{i}", class: "fact-row",
                            dt { "Earlier refill" }
                            dd { "{crate::words::date(r.refill.date)}, {r.refill.volume_ml} mL" }
                        }
                    }
                }
            }
        }
    }
}
