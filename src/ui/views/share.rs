//! "Share with a caregiver" (issue 17.1): the current child's card as a private link, a QR
//! code and text to copy, sealed in the page (platform::share) with a code given separately.

use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::ems::qr_svg;
use crate::core::share::{display_code, SharedCard, SharedParts, FRAGMENT_MARK};
use crate::core::update::Event;
use crate::platform::share::{app_address, copy_text, new_key, seal, share_sheet, PUBLIC_ADDRESS};
use crate::words::share::{parts as parts_words, share_error};

/// A link made, with its code (None: shared without one).
#[derive(Clone, PartialEq)]
struct Made {
    link: String,
    code: Option<String>,
    name: String,
    parts: SharedParts,
}

#[component]
pub fn ShareCard() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    let sharer_saved = state.model.read().family.settings.sharer_name.clone();
    let mut sharer = use_signal(move || sharer_saved);
    let mut parts = use_signal(SharedParts::default);
    let mut with_code = use_signal(|| true);
    let mut made = use_signal(|| None::<Made>);
    let mut problem = use_signal(|| None::<String>);
    let mut status = use_signal(|| None::<String>);
    let mut busy = use_signal(|| false);

    let Some(child) = child else {
        return rsx! {
            h1 { "Share with a caregiver" }
            section { class: "panel",
                p { "No device card saved yet: add one first, then share it." }
                Link { class: "button primary", to: Route::DeviceCard {}, "Add a device card" }
            }
        };
    };
    let name = child.name.clone();
    let card_only = parts.read().card_only();
    // The web app links to itself; a desktop build to the address it was built with.
    let has_address = cfg!(target_arch = "wasm32") || PUBLIC_ADDRESS.is_some();

    let make = {
        let child = child.clone();
        move |_| {
            let child = child.clone();
            async move {
                problem.set(None);
                status.set(None);
                let who = sharer.read().trim().to_string();
                if who.is_empty() {
                    problem.set(Some(
                        "Type your name first: the caregiver sees who shared the card.".into(),
                    ));
                    return;
                }
                let Some(address) = app_address().await else {
                    problem.set(Some(
                        "No web address to make a link to: share the card as a file (Device card, Export this card).".into(),
                    ));
                    return;
                };
                busy.set(true);
                let key = if child.share_key.is_empty() {
                    match new_key().await {
                        Ok(key) => key,
                        Err(e) => {
                            problem.set(Some(share_error(&e)));
                            busy.set(false);
                            return;
                        }
                    }
                } else {
                    child.share_key.clone()
                };
                state.send(Event::Shared {
                    child: child.id,
                    sharer: who.clone(),
                    key: key.clone(),
                });
                let today = *state.today.peek();
                let (shared, review_days) = {
                    let m = state.model.peek();
                    let c = m.family.child(child.id).cloned().unwrap_or(child.clone());
                    (c, m.family.settings.reminders.review_days)
                };
                // The card's name for its shares as the family now has it (a second tap while the
                // first was naming the card uses the first's).
                let key = if shared.share_key.is_empty() {
                    key
                } else {
                    shared.share_key.clone()
                };
                let chosen = *parts.peek();
                let card = SharedCard::new(&shared, chosen, &who, &key, today, review_days);
                let coded = *with_code.peek() || !chosen.card_only();
                match seal(&card.to_json(), coded).await {
                    Ok(sealed) => {
                        made.set(Some(Made {
                            link: format!("{address}{FRAGMENT_MARK}{}", sealed.fragment),
                            code: sealed.code,
                            name: shared.name.clone(),
                            parts: chosen,
                        }));
                        // The code and the QR code are below the form: bring them on screen.
                        let _ = document::eval(
                            "setTimeout(() => document.getElementById('share-made-title')?.scrollIntoView({ block: 'start' }), 50);",
                        );
                    }
                    Err(e) => problem.set(Some(share_error(&e))),
                }
                busy.set(false);
            }
        }
    };

    let toggle = move |which: u8| {
        move |evt: FormEvent| {
            let on = evt.checked();
            let mut p = parts.write();
            match which {
                0 => p.device_card = on,
                1 => p.contacts = on,
                _ => p.refill_dates = on,
            }
            made.set(None);
        }
    };

    rsx! {
        h1 { "Share {name}'s card" }
        p { class: "status-line", role: "status", aria_live: "polite",
            if let Some(s) = status.read().as_ref() { "{s}" }
        }
        if !has_address {
            section { class: "panel", aria_label: "No web address",
                p {
                    "This desktop app was built without the web app's public address (ITB_PUBLIC_URL), "
                    "so it cannot make a link another phone opens. Share the card as a file instead: "
                    "Device card, Export this card."
                }
                Link { class: "button primary", to: Route::DeviceCard {}, "Go to the export" }
            }
        }
        section { class: "panel form", aria_labelledby: "share-what",
            h2 { id: "share-what", "What to share" }
            p { class: "muted",
                "The link holds the card itself, locked with a code. It never goes to a server: "
                "not ours (there is none), not anyone's."
            }
            fieldset { class: "choices",
                legend { "Share" }
                label { class: "choice",
                    input { r#type: "checkbox", checked: true, disabled: true }
                    " The emergency card and the clinic's plan (always)"
                }
                label { class: "choice",
                    input { r#type: "checkbox", checked: parts.read().device_card, onchange: toggle(0) }
                    " The rest of the device card (UDI, catheter, school and fever notes)"
                }
                label { class: "choice",
                    input { r#type: "checkbox", checked: parts.read().contacts, onchange: toggle(1) }
                    " All contacts and the care team"
                }
                label { class: "choice",
                    input { r#type: "checkbox", checked: parts.read().refill_dates, onchange: toggle(2) }
                    " Refill dates, the booked visit and the battery dates"
                }
            }
            if card_only {
                label { class: "choice",
                    input {
                        r#type: "checkbox",
                        checked: *with_code.read(),
                        onchange: move |e: FormEvent| { with_code.set(e.checked()); made.set(None); },
                    }
                    " Lock the link with a code"
                }
                if !*with_code.read() {
                    p { class: "warning-note", role: "note",
                        "Without a code, anyone who gets the link can read the emergency card, as anyone "
                        "handed the printed card can. Choose this only for what you would print anyway."
                    }
                }
            } else {
                p { class: "muted", "A code is always needed when you share more than the emergency card." }
            }
            div { class: "field",
                label { r#for: "share-sharer", "Your name (the caregiver sees who shared the card)" }
                input {
                    id: "share-sharer",
                    r#type: "text",
                    autocomplete: "name",
                    value: "{sharer}",
                    oninput: move |e: FormEvent| sharer.set(e.value()),
                }
            }
            if let Some(p) = problem.read().as_ref() {
                p { class: "field-error", role: "alert", "{p}" }
            }
            button {
                class: "button primary",
                disabled: *busy.read(),
                onclick: make,
                if *busy.read() { "Making the link…" } else { "Make the link" }
            }
        }
        if let Some(m) = made.read().clone() {
            MadeLink { made: m, status }
        }
    }
}

#[component]
fn MadeLink(made: Made, status: Signal<Option<String>>) -> Element {
    let svg = qr_svg(&made.link, "QR code of the link to the card");
    let link = made.link.clone();
    let title = format!("{}'s card", made.name);
    let share_text = format!(
        "{}'s card from ITB Companion (the {}). Open the link; {}",
        made.name,
        parts_words(&made.parts),
        if made.code.is_some() {
            "I will give you the code separately."
        } else {
            "no code is needed."
        }
    );
    rsx! {
        section { class: "panel form share-made", aria_labelledby: "share-made-title",
            h2 { id: "share-made-title", "The link to {made.name}'s card" }
            if let Some(code) = made.code.as_ref() {
                p { "The code that opens it:" }
                p { class: "share-code", aria_label: "The code", "{display_code(code)}" }
                p {
                    strong { "Give the code separately: " }
                    "say it, or send it in another message. The link alone does not open the card."
                }
            } else {
                p { class: "warning-note", "No code: anyone with this link can read the emergency card." }
            }
            p { class: "muted", "It holds {parts_words(&made.parts)}, as of today. After a change, share again: the caregiver's copy is replaced once they open the new link." }
            if let Some(svg) = svg {
                figure { class: "qr",
                    div { class: "qr-code", dangerous_inner_html: "{svg}" }
                    figcaption { "For the phone next to you: its camera opens the link." }
                }
            } else {
                p { "This card is too long for a QR code: share or copy the link instead." }
            }
            div { class: "actions",
                button {
                    class: "button primary",
                    onclick: {
                        let link = link.clone();
                        move |_| {
                            let (title, text, link) = (title.clone(), share_text.clone(), link.clone());
                            async move {
                                let told = match share_sheet(&title, &text, &link).await {
                                    Ok(true) => "Link shared.".to_string(),
                                    Ok(false) => "This browser has no share sheet: copy the link instead.".to_string(),
                                    Err(e) => format!("Not shared: {e}"),
                                };
                                status.set(Some(told));
                            }
                        }
                    },
                    "Share the link…"
                }
                button {
                    class: "button",
                    onclick: {
                        let link = link.clone();
                        move |_| {
                            let link = link.clone();
                            async move {
                                let told = if copy_text(&link).await {
                                    "Link copied."
                                } else {
                                    "Could not copy here: select the link below and copy it."
                                };
                                status.set(Some(told.to_string()));
                            }
                        }
                    },
                    "Copy the link"
                }
            }
            div { class: "field",
                label { r#for: "share-link", "The link" }
                textarea { id: "share-link", readonly: true, rows: 4, value: "{link}" }
            }
        }
    }
}
