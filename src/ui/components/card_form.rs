use dioxus::prelude::*;

use crate::app::{AppState, OpenForm};
use crate::core::card_form::{
    sections_with, CardForm, DateRule, FieldKind, FieldSpec, FormSection, ListSpec,
};
use crate::core::update::{folds, Event};
use crate::words::forms::field_problem;

/// Renders the open device-card form (or, with `settings`, the Settings form) from its specs
/// in `core`: every input has a visible label, numbers show their unit beside them, and each
/// message sits next to its field.
#[component]
pub fn CardFormView(
    title: String,
    on_save: EventHandler<()>,
    on_cancel: EventHandler<()>,
    #[props(default)] settings: bool,
    #[props(default = "Save".to_string())] save_label: String,
) -> Element {
    let state = use_context::<AppState>();
    let (open, saved) = {
        let model = state.model.read();
        let open = if settings {
            model.settings_form.clone()
        } else {
            model.form.clone()
        };
        // The saved card the form edits: the pump and refill forms compare with it (a 2x
        // change of dose or concentration shows its confirm box).
        let saved = open
            .as_ref()
            .and_then(|o| o.child_id)
            .and_then(|id| model.family.child(id).cloned());
        (open, saved)
    };
    let Some(open) = open else {
        return rsx! {};
    };
    let today = state.today.read().to_string();
    let error_count = open.issues.errors.len();
    let summary = (open.tried && error_count > 0).then(|| summary_text(error_count));
    let sections = sections_with(open.form, &open.draft, saved.as_ref());
    let first = first_error(&open, &sections);
    rsx! {
        form {
            class: "card-form form",
            novalidate: true,
            aria_label: "{title}",
            onsubmit: move |e: FormEvent| {
                e.prevent_default();
                on_save.call(());
                // A refused save: the first field in error is brought into view and focused;
                // the summary sits in the sticky bar by Save, so it stays in view too.
                let _ = document::eval(FOCUS_FIRST_ERROR);
            },
            h2 { "{title}" }
            if !matches!(open.form, CardForm::Plan | CardForm::Settings) {
                p { class: "muted", "Fields marked (required) must be filled in. Copy numbers exactly from the clinic printout." }
            }
            if folds(open.form, 1) {
                p { class: "muted", "Only the name and date of birth are needed to save. Open the sections below one at a time to add the rest, now or later." }
            }
            for (index, section) in sections.into_iter().enumerate() {
                if open.is_open(index, section.title) {
                    {section_fields(&open, index, section, &today, first.as_deref(), state)}
                } else {
                    div { key: "{section.title}", class: "form-section folded",
                        {toggle(&open, index, section.title, state)}
                        p { class: "muted section-filled", {filled_note(&open, &section.fields)} }
                    }
                }
            }
            div { class: "form-actions",
                if let Some(summary) = summary.as_ref() {
                    p { class: "form-summary", role: "alert", "{summary}" }
                }
                button { class: "button primary", r#type: "submit", "{save_label}" }
                button {
                    class: "button",
                    r#type: "button",
                    onclick: move |_| on_cancel.call(()),
                    "Cancel"
                }
            }
        }
    }
}

/// An open section: its toggle (when it folds), then its fields, list by list.
fn section_fields(
    open: &OpenForm,
    index: usize,
    section: FormSection,
    today: &str,
    first_error: Option<&str>,
    state: AppState,
) -> Element {
    let folds = folds(open.form, index);
    rsx! {
        div { key: "{section.title}", class: "form-section-wrap",
            if folds {
                {toggle(open, index, section.title, state)}
            }
            fieldset { id: "section-{index}", class: "form-section",
                // A folded section's title is on its button; the plan's one list is named
                // by the form's own title.
                legend { class: if folds || open.form == CardForm::Plan { "visually-hidden" } else { "" }, "{section.title}" }
                if let Some(list) = section.list {
                    for (i, item) in section.fields.chunks(list.suffixes.len()).enumerate() {
                        div { key: "{list.prefix}-{i}", class: "list-item",
                            {fields(open, item, today, first_error)}
                            if i + 1 > list.min || item.iter().any(|f| open.draft.get(&f.id).is_some_and(|v| !v.trim().is_empty())) {
                                button {
                                    class: "button list-remove",
                                    r#type: "button",
                                    onclick: move |_| change_list(state, list, Some(i + 1)),
                                    "Remove {list.noun} {i + 1}"
                                }
                            }
                        }
                    }
                    if list.count(&open.draft) < list.max {
                        button {
                            class: "button list-add",
                            r#type: "button",
                            onclick: move |_| change_list(state, list, None),
                            "Add a {list.noun}"
                        }
                    } else {
                        p { class: "muted", "At most {list.max} here." }
                    }
                } else {
                    {fields(open, &section.fields, today, first_error)}
                }
            }
        }
    }
}

/// The button that opens or folds a section: its name is the section's title, and
/// `aria-expanded` says which it is.
fn toggle(open: &OpenForm, index: usize, title: &'static str, state: AppState) -> Element {
    let expanded = open.is_open(index, title);
    rsx! {
        h3 { class: "section-heading",
            button {
                class: "button section-toggle",
                r#type: "button",
                aria_expanded: if expanded { "true" } else { "false" },
                aria_controls: if expanded { Some(format!("section-{index}")) } else { None },
                onclick: move |_| { state.send(Event::ToggleSection(title)); },
                span { class: "toggle-mark", aria_hidden: "true", if expanded { "−" } else { "+" } }
                "{title}"
            }
        }
    }
}

/// "Nothing entered yet" or how many of a folded section's fields hold something.
fn filled_note(open: &OpenForm, specs: &[FieldSpec]) -> String {
    let filled = specs
        .iter()
        .filter(|f| {
            open.draft
                .get(&f.id)
                .is_some_and(|v| !v.trim().is_empty() && v != "false")
        })
        .count();
    match filled {
        0 => "Nothing entered yet.".to_string(),
        1 => "1 field filled in.".to_string(),
        n => format!("{n} fields filled in."),
    }
}

/// Waits for the re-rendered form (a few frames at most), then scrolls the first field
/// marked invalid to the middle of the screen and focuses it. Nothing when the save went
/// through (no field is marked).
const FOCUS_FIRST_ERROR: &str = r#"
let tries = 0;
const look = () => {
  const field = document.querySelector('.card-form [aria-invalid="true"]');
  if (field) { field.scrollIntoView({ block: 'center' }); field.focus({ preventScroll: true }); }
  else if (++tries < 10) requestAnimationFrame(look);
};
requestAnimationFrame(look);
"#;

/// What a refused save says: how many fields, and that nothing was saved.
fn summary_text(errors: usize) -> String {
    if errors == 1 {
        "1 field needs attention. Nothing was saved.".to_string()
    } else {
        format!("{errors} fields need attention. Nothing was saved.")
    }
}

/// The first field in error of a refused save, in the order the form shows them.
fn first_error(open: &OpenForm, sections: &[FormSection]) -> Option<String> {
    if !open.tried {
        return None;
    }
    sections
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| open.issues.errors.contains_key(&f.id))
        .map(|f| f.id.clone())
}

/// The inputs of `specs`, each keyed so it is re-created when the app changes its value.
/// `first_error`: the field a refused save focuses (it carries the summary's words too).
fn fields(open: &OpenForm, specs: &[FieldSpec], today: &str, first_error: Option<&str>) -> Element {
    let count = open.issues.errors.len();
    rsx! {
        for spec in specs.iter().cloned() {
            FormField {
                // At large text sizes the Save bar is not fixed on screen, so the summary is
                // also said above the field that gets the focus (CSS shows it only then).
                note: (first_error == Some(spec.id.as_str())).then(|| summary_text(count)),
                key: "{open.form:?}-{open.child_id:?}-{spec.id}-{open.revisions.get(&spec.id)}",
                value: open.draft.get(&spec.id).cloned().unwrap_or_default(),
                error: if open.tried { open.issues.errors.get(&spec.id).map(field_problem) } else { None },
                // A caution said live is not said twice once the same words are an error.
                warning: open.issues.warnings.get(&spec.id).filter(|w| !open.tried || open.issues.errors.get(&spec.id) != Some(*w)).map(field_problem),
                today: today.to_string(),
                spec,
            }
        }
    }
}

/// Adds an item to a list of the open form (`remove: None`), or removes item `n`; the inputs
/// whose values moved are re-created with their new values (`core::update`).
fn change_list(state: AppState, list: ListSpec, remove: Option<usize>) {
    state.send(match remove {
        None => Event::AddRow(list),
        Some(n) => Event::RemoveRow(list, n),
    });
}

#[component]
fn FormField(
    spec: FieldSpec,
    value: String,
    error: Option<String>,
    warning: Option<String>,
    today: String,
    note: Option<String>,
) -> Element {
    let state = use_context::<AppState>();
    let id = spec.id.clone();
    let input_id = format!("f-{id}");
    let message_id = format!("f-{id}-message");
    let set = move |value: String| {
        state.send(Event::EditField {
            key: id.clone(),
            value,
        });
    };
    let invalid = if error.is_some() { "true" } else { "false" };
    let described = if error.is_some() || warning.is_some() || spec.hint.is_some() {
        Some(message_id.clone())
    } else {
        None
    };

    let control = match &spec.kind {
        FieldKind::Multiline => rsx! {
            textarea {
                id: "{input_id}",
                rows: "3",
                aria_invalid: invalid,
                aria_describedby: described.clone(),
                aria_required: if spec.required { "true" } else { "false" },
                initial_value: "{value}",
                oninput: move |e| set(e.value()),
            }
        },
        FieldKind::Choice(choices) => rsx! {
            select {
                id: "{input_id}",
                aria_invalid: invalid,
                aria_describedby: described.clone(),
                aria_required: if spec.required { "true" } else { "false" },
                value: "{value}",
                onchange: move |e| set(e.value()),
                // Nothing is chosen for the family: a required choice starts at "Choose…".
                if value.is_empty() {
                    option { key: "{\"choose\"}", value: "", selected: value.is_empty(), "Choose…" }
                }
                for (key, label) in choices.iter() {
                    option { key: "{key}", value: "{key}", selected: *key == value, "{label}" }
                }
            }
        },
        FieldKind::Checkbox => rsx! {
            input {
                id: "{input_id}",
                r#type: "checkbox",
                class: "checkbox",
                checked: value == "true",
                aria_invalid: invalid,
                aria_describedby: described.clone(),
                onchange: move |e| set(if e.checked() { "true".to_string() } else { "false".to_string() }),
            }
        },
        kind => {
            let (input_type, mode, autocomplete) = match kind {
                FieldKind::Phone => ("tel", "tel", "tel"),
                FieldKind::Date(_) => ("date", "numeric", "off"),
                FieldKind::Time => ("time", "numeric", "off"),
                FieldKind::Number { .. } => ("text", "decimal", "off"),
                FieldKind::Whole { .. } => ("text", "numeric", "off"),
                _ => ("text", "text", "off"),
            };
            let max = match kind {
                FieldKind::Date(DateRule::PastOrToday) => Some(today.clone()),
                _ => None,
            };
            rsx! {
                input {
                    id: "{input_id}",
                    r#type: input_type,
                    inputmode: mode,
                    autocomplete,
                    min: if matches!(kind, FieldKind::Date(_)) { Some("1900-01-01") } else { None },
                    max,
                    aria_invalid: invalid,
                    aria_describedby: described.clone(),
                    aria_required: if spec.required { "true" } else { "false" },
                    initial_value: "{value}",
                    oninput: move |e| set(e.value()),
                }
            }
        }
    };
    // A number's unit is said with its label ("… in mL"); a whole number's label says it.
    let (unit, said_unit) = match spec.kind {
        FieldKind::Number { unit } => (Some(unit), true),
        FieldKind::Whole { unit } => (Some(unit), false),
        _ => (None, false),
    };
    let is_checkbox = matches!(spec.kind, FieldKind::Checkbox);

    rsx! {
        div { class: if is_checkbox { "field field-checkbox" } else { "field" },
            if let Some(note) = note {
                p { class: "first-error-note", aria_hidden: "true", "{note}" }
            }
            if is_checkbox {
                label { r#for: "{input_id}", class: "checkbox-label",
                    {control}
                    span { "{spec.label}" }
                }
            } else {
                label { r#for: "{input_id}",
                    "{spec.label}"
                    if let (Some(unit), true) = (unit, said_unit) { span { class: "visually-hidden", " in {unit}" } }
                    if spec.required { span { class: "required", " (required)" } }
                }
                if let Some(unit) = unit {
                    div { class: "with-unit",
                        {control}
                        span { class: "unit", "{unit}" }
                    }
                } else {
                    {control}
                }
            }
            div { id: "{message_id}",
                if let Some(hint) = spec.hint { p { class: "field-hint", "{hint}" } }
                if let Some(message) = error { p { class: "field-error", "{message}" } }
                if let Some(message) = warning { p { class: "field-warning", "Check: {message}" } }
            }
        }
    }
}
