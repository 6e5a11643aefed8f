use dioxus::prelude::*;

use crate::app::Route;
use crate::core::content::{CALL_911_SIGNS, CALL_CLINIC_SIGNS, GENERAL_GUIDANCE_NOTE};
use crate::ui::components::CitedItem;

/// Symptom checker. (The one-tap toggles and result band come with the triage rules; until
/// then the screen lists the reference's signs for each action.)
#[component]
pub fn SymptomChecker() -> Element {
    let state = use_context::<crate::app::AppState>();
    let number = state.family.read().settings.emergency_number.clone();
    rsx! {
        h1 { "Symptom checker" }
        p { class: "guidance-note", "{GENERAL_GUIDANCE_NOTE}" }
        section { class: "panel level level-911", aria_labelledby: "call-911-title",
            h2 { id: "call-911-title", "CALL {number} NOW if your child has any of these" }
            ul { for item in CALL_911_SIGNS { CitedItem { item: *item } } }
            a { class: "button danger", href: "tel:{number}", "Call {number}" }
        }
        section { class: "panel level level-clinic", aria_labelledby: "call-clinic-title",
            h2 { id: "call-clinic-title", "CALL THE PUMP CLINIC NOW for any of these" }
            ul { for item in CALL_CLINIC_SIGNS { CitedItem { item: *item } } }
        }
        p { class: "muted", "Tap-to-check symptom buttons are not built yet." }
        Link { class: "button", to: Route::EmergencyPlan {}, "Open the emergency plan" }
    }
}
