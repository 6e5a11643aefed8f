use dioxus::prelude::*;

use crate::core::content::SOURCES;

/// The Sources screen, opened from a source id beside a clinical text ([A1] is a link here):
/// every source of the clinical reference, the one tapped marked and scrolled into view.
#[component]
pub fn Source(id: String) -> Element {
    let known = SOURCES.iter().any(|(s, _)| *s == id);
    rsx! {
        h1 { "Sources" }
        p { class: "muted", "Every clinical text in the app names its source with one of these ids. Your clinic's plan comes first." }
        if !known {
            p { class: "field-error", "There is no source [{id}]." }
        }
        dl { class: "sources",
            for (sid, title) in SOURCES {
                dt {
                    key: "{sid}",
                    id: "source-{sid}",
                    class: if *sid == id { "source-current" } else { "" },
                    aria_current: if *sid == id { "true" } else { "false" },
                    onmounted: {
                        let current = *sid == id;
                        move |e: MountedEvent| {
                            if current {
                                spawn(async move {
                                    let _ = e.data().scroll_to(ScrollBehavior::Instant).await;
                                });
                            }
                        }
                    },
                    "[{sid}]"
                }
                dd { class: if *sid == id { "source-current" } else { "" }, "{title}" }
            }
        }
    }
}
