use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::content::{EMS_STEPS, EMS_WARNING};
use crate::ui::components::{CitedItem, SourceIds};

/// The card a caregiver hands to a paramedic: high contrast, large type.
#[component]
pub fn EmergencyCard() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    rsx! {
        div { class: "ems-card",
            h1 { "Emergency card" }
            p { class: "ems-warning", role: "note",
                "{EMS_WARNING.text} "
                SourceIds { sources: EMS_WARNING.sources }
            }
            match child {
                Some(child) => rsx! {
                    dl { class: "ems-facts",
                        dt { "Patient" }
                        dd { "{child.name}" }
                    }
                    p { class: "ems-missing", "Pump, drug and contact details are not on this card yet: fill in the device card." }
                },
                None => rsx! {
                    p { class: "ems-missing", "No device card saved yet." }
                    Link { class: "button primary", to: Route::DeviceCard {}, "Add a device card" }
                },
            }
            section { aria_labelledby: "ems-steps-title",
                h2 { id: "ems-steps-title", "For EMS and the emergency department" }
                ol { for item in EMS_STEPS { CitedItem { item: *item } } }
            }
        }
    }
}
