use dioxus::prelude::*;

use crate::app::AppState;
use crate::core::profile::PumpModel;
use crate::core::recalls::RecallView;
use crate::core::update::Event;
use crate::runtime::send_and_wait;

/// "Check for recalls" for the child's pump model: runs only when tapped (or weekly if the
/// family opted in), and never shows a failed check as "no recalls".
#[component]
pub fn RecallCheck(model: PumpModel) -> Element {
    let state = use_context::<AppState>();
    let mut busy = use_signal(|| false);
    let (cached, view) = {
        let m = state.model.read();
        let cached = (m.family.settings.recall_cache.iter())
            .find(|c| c.model_key == model.key())
            .cloned();
        let view = (m.recalls.as_ref())
            .filter(|(key, _)| key == model.key())
            .map(|(_, v)| v.clone());
        (cached, view)
    };
    let shown_recalls = match view.as_ref() {
        Some(RecallView::Checked { recalls, .. }) => Some(recalls.clone()),
        Some(RecallView::CouldNotCheckCached { cache, .. }) => Some(cache.recalls.clone()),
        Some(RecallView::CouldNotCheck { .. }) => None,
        None => cached.as_ref().map(|c| c.recalls.clone()),
    };
    rsx! {
        section { class: "panel", aria_labelledby: "recalls-title",
            h2 { id: "recalls-title", "FDA recalls for this pump model" }
            p { class: "muted", "Looks up FDA recall records for {model.display_name()} over the internet, only when you tap. The FDA asks that its data not be used alone for medical decisions: ask your clinic about any recall." }
            button {
                class: "button primary",
                disabled: *busy.read(),
                onclick: {
                    let model = model.clone();
                    move |_| {
                        let model = model.clone();
                        async move {
                            busy.set(true);
                            send_and_wait(state, Event::CheckRecalls(model)).await;
                            busy.set(false);
                        }
                    }
                },
                if *busy.read() { "Checking…" } else { "Check for recalls" }
            }
            p { class: "recall-headline", aria_live: "polite",
                match (view.as_ref(), cached.as_ref()) {
                    (Some(v), _) => rsx! { "{v.headline()}" },
                    (None, Some(c)) => rsx! { "Last successful check: {c.checked_at}." },
                    (None, None) => rsx! { "Not checked yet." },
                }
            }
            if let Some(recalls) = shown_recalls {
                ul { class: "recall-list",
                    for r in recalls {
                        li { key: "{r.number}",
                            strong { "{r.number}" }
                            " · {r.date_initiated} · {r.status} · {r.class.clone().unwrap_or_else(|| \"class not found\".into())}"
                            br {}
                            "{r.reason} "
                            // Only an https link to the FDA is ever rendered as a link.
                            if crate::core::check::check_fda_link("link", &r.link).is_ok() {
                                a { href: "{r.link}", target: "_blank", rel: "noopener noreferrer", "FDA record" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The optional UDI look-up: brand, model, company and MRI safety from the FDA's UDI database,
/// for the device identifier in the pasted UDI. Runs only when tapped.
#[component]
pub fn DeviceLookup(udi: String) -> Element {
    let state = use_context::<AppState>();
    let mut result = use_signal(|| None::<String>);
    let today = *state.today.read();
    let parsed = crate::core::udi::parse_udi(&udi, today);
    let Ok(parsed) = parsed else {
        return rsx! {};
    };
    let gtin = parsed.gtin.clone();
    rsx! {
        section { class: "panel", aria_labelledby: "udi-title",
            h2 { id: "udi-title", "Device from the UDI" }
            p { "Device identifier (GTIN) {gtin}" if let Some(s) = parsed.serial.as_ref() { ", serial {s}" } "." }
            button {
                class: "button",
                onclick: move |_| {
                    let gtin = gtin.clone();
                    async move {
                        result.set(Some("Looking up…".into()));
                        let text = match state.env().openfda().device(&gtin).await {
                            Ok(Some(d)) => format!("{} {} by {}. MRI safety: {}.", d.brand, d.model, d.company, d.mri_safety),
                            Ok(None) => "The FDA's UDI database has no device with this identifier. Check the code on the implant card.".into(),
                            Err(e) => format!("Could not look it up: {e}."),
                        };
                        result.set(Some(text));
                    }
                },
                "Look up this device (FDA)"
            }
            if let Some(text) = result.read().as_ref() {
                p { aria_live: "polite", "{text}" }
            }
        }
    }
}
