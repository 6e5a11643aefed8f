use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::ui::components::ChildBadge;

/// Home: the family's children at a glance, or an invitation to add the first one.
#[component]
pub fn Home() -> Element {
    let state = use_context::<AppState>();
    let family = state.family.read().clone();
    rsx! {
        h1 { "Home" }
        if family.children.is_empty() {
            section { class: "panel empty-state", aria_labelledby: "welcome-title",
                h2 { id: "welcome-title", "Welcome" }
                p {
                    "Keep your child's pump card in one place: the pump, the drug and its dose, "
                    "the clinic's phone numbers and the next refill date, copied from the clinic printout."
                }
                p {
                    "In an emergency, the Emergency card button at the top shows paramedics what they need."
                }
                Link { class: "button primary", to: Route::DeviceCard {}, "Add your first child" }
            }
        } else {
            ul { class: "child-list", aria_label: "Children",
                for child in family.children {
                    li { key: "{child.id}", class: "panel child-summary",
                        ChildBadge { child: Some(child.clone()) }
                        p { class: "muted", "The refill countdown appears here once the pump card is filled in." }
                    }
                }
            }
        }
        section { class: "panel", aria_labelledby: "worried-title",
            h2 { id: "worried-title", "Worried about your child?" }
            Link { class: "button warning", to: Route::SymptomChecker {}, "Check symptoms now" }
        }
    }
}
