use dioxus::prelude::*;

use crate::core::profile::Child;

/// The child's initial in their own colour, with their name: on every screen, so a caregiver
/// always sees whose card this is.
#[component]
pub fn ChildBadge(child: Option<Child>) -> Element {
    match child {
        Some(child) => rsx! {
            span { class: "child-badge",
                span {
                    class: "child-initial",
                    style: "background:{child.colour_hex()}",
                    aria_hidden: "true",
                    "{child.initial()}"
                }
                span { class: "child-name", "{child.name}" }
            }
        },
        None => rsx! {
            span { class: "child-badge child-badge-empty", "No child added yet" }
        },
    }
}
