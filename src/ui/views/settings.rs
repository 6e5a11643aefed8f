use dioxus::prelude::*;

use crate::core::content::SOURCES;

/// Settings, and the sources every clinical text in the app cites.
#[component]
pub fn Settings() -> Element {
    rsx! {
        h1 { "Settings" }
        section { class: "panel", aria_labelledby: "privacy-title",
            h2 { id: "privacy-title", "Privacy" }
            p { "Everything you enter stays on this device. There is no account and no analytics." }
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
