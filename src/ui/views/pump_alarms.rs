use dioxus::prelude::*;

use crate::app::{AppState, Route};
use crate::core::alarms::{any_alarm_for, sounds_for, ANY_BEEPING, NOT_SURE_WHICH_SOUND};
use crate::ui::components::SourceIds;

/// The pump-alarm guide for the child's own pump model.
#[component]
pub fn PumpAlarms() -> Element {
    let state = use_context::<AppState>();
    let child = state.current_child();
    let model = child
        .as_ref()
        .and_then(|c| c.pump.as_ref())
        .map(|p| p.model.clone());
    let sounds = sounds_for(model.as_ref());
    // Prometra, SynchroMed III, other models: call the clinic for any alarm (§1, §4).
    let any_alarm = any_alarm_for(model.as_ref());
    let clinic = child
        .as_ref()
        .map(|c| c.providers.pump_clinic.phone.clone())
        .filter(|p| !p.is_empty());
    rsx! {
        h1 { "Pump alarms" }
        p { class: "muted",
            match &model {
                Some(m) => rsx! { "For this pump: {m.display_name()}." },
                None => rsx! { "No pump model on the card yet." },
            }
        }
        if sounds.is_empty() {
            section { class: "panel alarm urgent",
                h2 { "{any_alarm.text} " SourceIds { sources: any_alarm.sources } }
            }
        } else {
            for sound in sounds {
                section { key: "{sound.sound}", class: if sound.urgent { "panel alarm urgent" } else { "panel alarm" },
                    h2 { "{sound.sound}" }
                    p { strong { "What it means: " } "{sound.means}" }
                    p { class: "alarm-action", strong { "What to do: " } "{sound.action} " SourceIds { sources: sound.sources } }
                }
            }
        }
        // For every model (§4): not sure which sound, the higher level.
        p { class: "alarm-not-sure", strong { "{NOT_SURE_WHICH_SOUND.text} " } SourceIds { sources: NOT_SURE_WHICH_SOUND.sources } }
        p { "{ANY_BEEPING.text} " SourceIds { sources: ANY_BEEPING.sources } }
        div { class: "actions",
            if let Some(phone) = clinic {
                a { class: "button clinic", href: "tel:{phone}", "Call the pump clinic" }
            }
            Link { class: "button", to: Route::SymptomChecker {}, "Back to the symptom checker" }
        }
    }
}
