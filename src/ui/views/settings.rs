use dioxus::prelude::*;

use crate::app::AppState;
use crate::core::content::SOURCES;

/// Settings, storage status, and the sources every clinical text in the app cites.
#[component]
pub fn Settings() -> Element {
    let state = use_context::<AppState>();
    let persisted = *state.persisted.read();
    rsx! {
        h1 { "Settings" }
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
