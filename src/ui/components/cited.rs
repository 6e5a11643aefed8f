use dioxus::prelude::*;

use crate::app::Route;
use crate::core::content::{source_title, Cited};

/// Source ids shown beside clinical text, e.g. "[CW][L4]": each a link to its entry on the
/// Sources screen, named for screen readers by the source's title.
#[component]
pub fn SourceIds(#[props(into)] sources: Vec<&'static str>) -> Element {
    let label = sources.join(", ");
    rsx! {
        span { class: "source-ids", title: "Sources: {label}",
            for id in sources {
                Link {
                    key: "{id}",
                    class: "source-link",
                    to: Route::Source { id: id.to_string() },
                    aria_label: "Source {id}: {source_title(id).unwrap_or(\"unknown\")}",
                    "[{id}]"
                }
            }
        }
    }
}

/// A list item holding one cited clinical sentence.
#[component]
pub fn CitedItem(item: Cited) -> Element {
    rsx! {
        li {
            "{item.text} "
            SourceIds { sources: item.sources }
        }
    }
}
