use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::content::{Cited, EMS_WARNING};
use crate::core::ems::{ems_card, ems_plain_text, qr_svg, CardView, EmsActions, EmsCard};
use crate::ui::components::{CitedItem, SourceIds};
use crate::words::date_order;

/// The card a caregiver hands to a paramedic: high contrast, large type, everything essential
/// first. It keeps the screen awake while shown (Wake Lock API where the browser has it).
#[component]
pub fn EmergencyCard() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    let today = *state.today.read();
    let settings = state.model.read().family.settings.clone();
    let copies = state.model.read().family.shared_copies.clone();
    let mut show_qr = use_signal(|| false);

    use_effect(|| {
        let _ = document::eval(
            "if ('wakeLock' in navigator) { navigator.wakeLock.request('screen').then(l => { window.__itbWake = l; }).catch(() => {}); }",
        );
    });
    use_drop(|| {
        let _ = document::eval(
            "if (window.__itbWake) { window.__itbWake.release(); window.__itbWake = null; }",
        );
    });

    rsx! {
        div { class: "ems-card",
            h1 { "Emergency card" }
            match child {
                Some(child) => {
                    let view = CardView::screen(date_order(), settings.overdose_watch_hours);
                    let card = ems_card(&child, today, &settings.reminders, view);
                    // Encoded only while shown: the card must appear at once.
                    let svg = show_qr().then(|| qr_svg(&ems_plain_text(&child, today, &settings.reminders, view), "QR code of the emergency card"));
                    rsx! {
                        EmsCardContent { card }
                        div { class: "actions no-print",
                            button {
                                class: "button",
                                aria_expanded: if *show_qr.read() { "true" } else { "false" },
                                onclick: move |_| { let v = *show_qr.read(); show_qr.set(!v); },
                                if *show_qr.read() { "Hide the QR code" } else { "Show a QR code of this card" }
                            }
                            Link { class: "button", to: Route::Printables {}, "Print the card" }
                        }
                        if let Some(svg) = svg {
                            if let Some(svg) = svg {
                                figure { class: "qr",
                                    div { class: "qr-code", dangerous_inner_html: "{svg}" }
                                    figcaption { "Another caregiver's phone camera reads this card as text, offline." }
                                }
                            } else {
                                p { "The card is too long for a QR code. Use the printed card or the export file." }
                            }
                        }
                    }
                }
                // A caregiver with no child of their own: the cards shared with this device.
                None if !copies.is_empty() => rsx! {
                    for (copy, title) in copies.iter().map(|c| (c, crate::words::share::copy_title(&c.card))) {
                        section { key: "{copy.card.key}", aria_label: "{title}",
                            p { class: "copy-title", strong { "{title}" } }
                            EmsCardContent { card: ems_card(&copy.card.child, today, &settings.reminders, CardView::screen(date_order(), settings.overdose_watch_hours)) }
                        }
                    }
                },
                None => rsx! {
                    EmsWarning { item: EMS_WARNING }
                    p { class: "ems-missing", "No device card saved yet." }
                    Link { class: "button primary", to: Route::DeviceCard {}, "Add a device card" }
                    section { aria_labelledby: "ems-steps-title",
                        h2 { id: "ems-steps-title", "For EMS and the emergency department" }
                        EmsActionGroups { groups: crate::core::ems::ems_actions(&crate::core::profile::Child::default()) }
                    }
                },
            }
        }
    }
}

/// The card's facts. index.html's inline script builds the same elements, with the same
/// classes and text, from the saved snapshot before the app starts (keep the two in step:
/// tests/e2e/instant.test.mjs compares them).
#[component]
pub fn EmsCardContent(card: EmsCard) -> Element {
    rsx! {
        div { class: "ems-content", "data-ems-content": "app",
            EmsWarning { item: card.warning }
            div { class: "ems-grid",
                for section in card.sections {
                    section { key: "{section.title}", class: if section.inline { "ems-section ems-inline" } else { "ems-section" }, aria_label: "{section.title}",
                        h2 { "{section.title}" }
                        dl { class: "ems-facts",
                            for l in section.lines {
                                dt { "{l.label}" }
                                dd {
                                    if let Some(phone) = l.phone.clone() {
                                        a { class: "ems-phone", href: "tel:{phone}", "{l.value}" }
                                    } else {
                                        "{l.value}"
                                    }
                                    if !l.sources.is_empty() {
                                        " "
                                        SourceIds { sources: l.sources }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section { class: "ems-section ems-actions", aria_labelledby: "ems-steps-title",
                h2 { id: "ems-steps-title", "For EMS and the emergency department" }
                EmsActionGroups { groups: card.actions }
            }
            p { class: "ems-updated", "{card.updated}" }
        }
    }
}

/// The steps for EMS, each group under its own heading (withdrawal and overdose apart).
#[component]
fn EmsActionGroups(groups: Vec<EmsActions>) -> Element {
    rsx! {
        for group in groups {
            div { key: "{group.title}", class: "ems-action-group",
                h3 { "{group.title}" }
                ol { for item in group.steps { CitedItem { item } } }
            }
        }
    }
}

/// The red opening line of the card, with its sources.
#[component]
fn EmsWarning(item: Cited) -> Element {
    rsx! {
        p { class: "ems-warning", role: "note",
            "{item.text} "
            SourceIds { sources: item.sources }
        }
    }
}
