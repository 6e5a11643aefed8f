use dioxus::prelude::*;

use crate::core::content::{CALL_911_SIGNS, CALL_CLINIC_SIGNS, KEEP_ORAL_BACLOFEN};
use crate::ui::components::{CitedItem, SourceIds};

/// The child's emergency action plan. The clinic's own plan always comes first; until one is
/// entered, general guidance from the reference is shown, marked as general.
#[component]
pub fn EmergencyPlan() -> Element {
    rsx! {
        h1 { "Emergency plan" }
        section { class: "panel", aria_labelledby: "clinic-plan-title",
            h2 { id: "clinic-plan-title", "Your clinic's plan" }
            p { "No plan from your clinic has been entered yet. Your clinic's written plan always comes before the general guidance below." }
        }
        section { class: "panel general", aria_labelledby: "general-title",
            h2 { id: "general-title", "General guidance (not your clinic's plan)" }
            h3 { "Call 911 now for" }
            ul { for item in CALL_911_SIGNS { CitedItem { item: *item } } }
            h3 { "Call the pump clinic now for" }
            ul { for item in CALL_CLINIC_SIGNS { CitedItem { item: *item } } }
            p { "{KEEP_ORAL_BACLOFEN.text} " SourceIds { sources: KEEP_ORAL_BACLOFEN.sources } }
        }
    }
}
