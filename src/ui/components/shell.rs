use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::ui::components::ChildBadge;

/// The frame around every screen: the header with whose data this is and the Emergency card
/// button, the screen itself, and the bottom navigation.
#[component]
pub fn Shell() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    rsx! {
        a { class: "skip-link", href: "#main", "Skip to content" }
        header { class: "app-header",
            div { class: "header-row",
                span { class: "app-name", "ITB Companion" }
                Link {
                    class: "emergency-button",
                    to: Route::EmergencyCard {},
                    "Emergency card"
                }
            }
            div { class: "header-row header-child", ChildBadge { child } }
        }
        main { id: "main", class: "screen", Outlet::<Route> {} }
        nav { class: "bottom-nav", aria_label: "Main",
            Link { to: Route::Home {}, span { "Home" } }
            Link { to: Route::DeviceCard {}, span { "Device card" } }
            Link { to: Route::SymptomChecker {}, span { "Symptom checker" } }
            Link { to: Route::EmergencyPlan {}, span { "Emergency plan" } }
            Link { to: Route::Settings {}, span { "Settings" } }
        }
    }
}
