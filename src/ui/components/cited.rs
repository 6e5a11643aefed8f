use dioxus::prelude::*;

use crate::core::content::Cited;

/// Source ids shown beside clinical text, e.g. "[CW][L4]", named for screen readers.
#[component]
pub fn SourceIds(sources: &'static [&'static str]) -> Element {
    let label = sources.join(", ");
    let text: String = sources.iter().map(|s| format!("[{s}]")).collect();
    rsx! {
        span { class: "source-ids", title: "Sources: {label}", "{text}" }
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
