//! Typed input that must outlive the page it was typed on: the open device-card form and the
//! Settings form, kept across a reload to update the app. (Opening, checking and saving a form
//! is `core::update`; while the app runs, both forms live in the model.)

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::core::card_form::{CardForm, Draft};
use crate::core::family::Family;
use crate::core::update::OpenForm;
use crate::platform::store::{StoreHandle, EXTRA_DRAFT};
use dioxus::prelude::*;

use crate::runtime::AppState;

/// Unsaved input as kept in the store's draft slot while the app reloads to update.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptDraft {
    form: Option<KeptForm>,
    #[serde(default)]
    settings: Option<KeptForm>,
    /// Settings typing as versions before the Settings form kept it (by the same field keys).
    #[serde(default)]
    screens: BTreeMap<String, String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeptForm {
    form: CardForm,
    child_id: Option<u64>,
    original: Draft,
    draft: Draft,
}

impl KeptForm {
    fn of(open: &OpenForm) -> Self {
        KeptForm {
            form: open.form,
            child_id: open.child_id,
            original: open.original.clone(),
            draft: open.draft.clone(),
        }
    }
}

/// What `restore_draft` brings back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    pub form: Option<OpenForm>,
    pub settings: Option<OpenForm>,
}

/// Keeps all unsaved input (if any) so it survives a reload. Err: it could not be kept, and
/// the reload must not happen.
pub fn keep_draft(state: AppState) -> Result<(), String> {
    let model = state.model.read();
    let form = model.form.as_ref().map(KeptForm::of);
    let settings = model
        .settings_form
        .as_ref()
        .filter(|f| f.is_dirty())
        .map(KeptForm::of);
    let kept = (form.is_some() || settings.is_some()).then(|| {
        let draft = KeptDraft {
            form,
            settings,
            screens: BTreeMap::new(),
        };
        serde_json::to_string(&draft).expect("a draft is plain strings")
    });
    state.store().0.write_extra(EXTRA_DRAFT, kept.as_deref())
}

/// The input kept by `keep_draft` before a reload, re-checked against the saved family; the
/// slot is cleared so it is restored once. Empty if nothing was kept (or it was unreadable).
pub fn restore_draft(store: &StoreHandle, family: &Family, today: NaiveDate) -> Restored {
    let Some(text) = store.0.read_extra(EXTRA_DRAFT) else {
        return Restored::default();
    };
    let _ = store.0.write_extra(EXTRA_DRAFT, None);
    // Read as a `Value` first, as storefile and restore points are: the web build then has
    // one JSON reader for text, not a second one made for this struct.
    let Ok(kept) = serde_json::from_str(&text).and_then(serde_json::from_value::<KeptDraft>) else {
        return Restored::default();
    };
    let open =
        |f: KeptForm| OpenForm::checked(f.form, f.child_id, f.original, f.draft, family, today);
    // A draft for a child deleted meanwhile cannot be restored onto anything.
    let form = kept
        .form
        .filter(|f| f.form != CardForm::Settings)
        .filter(|f| f.child_id.is_none_or(|id| family.child(id).is_some()))
        .map(open);
    let mut settings = kept
        .settings
        .filter(|f| f.form == CardForm::Settings)
        .map(open);
    if settings.is_none() && !kept.screens.is_empty() {
        // An older version kept Settings typing by field key: onto the saved settings.
        let saved = OpenForm::open(CardForm::Settings, None, family, today);
        let mut draft = saved.original.clone();
        for (key, value) in kept.screens {
            if let Some(slot) = draft.get_mut(&key) {
                *slot = value;
            }
        }
        settings = Some(OpenForm::checked(
            CardForm::Settings,
            None,
            saved.original,
            draft,
            family,
            today,
        ));
    }
    Restored { form, settings }
}
