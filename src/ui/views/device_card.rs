use dioxus::prelude::*;

use crate::app::AppState;

/// The device card: the child's details. (Pump, drug and contacts fields come with the full
/// card form; the child's name is real and drives the header.)
#[component]
pub fn DeviceCard() -> Element {
    let mut state = use_context::<AppState>();
    let mut name = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let children = state.family.read().children.clone();

    let save = move |evt: FormEvent| {
        evt.prevent_default();
        let typed = name.read().trim().to_string();
        if typed.is_empty() {
            error.set(Some("Enter the child's first name.".to_string()));
            return;
        }
        let id = state.family.write().add_child(&typed);
        state.selected.set(Some(id));
        name.set(String::new());
        error.set(None);
    };

    rsx! {
        h1 { "Device card" }
        if !children.is_empty() {
            section { class: "panel", aria_labelledby: "children-title",
                h2 { id: "children-title", "Children" }
                ul { class: "plain-list",
                    for child in children {
                        li { key: "{child.id}", "{child.name}" }
                    }
                }
                p { class: "muted", "The pump, drug, dose and contacts fields of the card are not built yet." }
            }
        }
        form { class: "panel form", onsubmit: save, novalidate: true,
            h2 { "Add a child" }
            div { class: "field",
                label { r#for: "child-name", "Child's first name " span { class: "required", "(required)" } }
                input {
                    id: "child-name",
                    r#type: "text",
                    autocomplete: "off",
                    maxlength: "80",
                    aria_invalid: if error.read().is_some() { "true" } else { "false" },
                    aria_describedby: "child-name-error",
                    value: "{name}",
                    oninput: move |e| name.set(e.value()),
                }
                p { id: "child-name-error", class: "field-error", role: "alert",
                    if let Some(message) = error.read().as_ref() { "{message}" }
                }
            }
            button { class: "button primary", r#type: "submit", "Save child" }
        }
    }
}
