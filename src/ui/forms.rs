//! Typed input that must outlive the screen it was typed on: the open form and the other
//! editors' text, kept across a reload to update the app. (Opening, checking and saving a
//! form is `core::update`.)

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::core::card_form::{CardForm, Draft};
use crate::core::family::Family;
use crate::core::update::OpenForm;
use crate::platform::store::{StoreHandle, EXTRA_DRAFT};
use crate::runtime::AppState;

/// Unsaved input as kept in the store's draft slot while the app reloads to update: the open
/// device-card form and the other editors' typed text.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptDraft {
    form: Option<KeptForm>,
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

/// What `restore_draft` brings back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    pub form: Option<OpenForm>,
    pub screens: BTreeMap<String, String>,
}

/// Keeps all unsaved input (if any) so it survives a reload. Err: it could not be kept, and
/// the reload must not happen.
pub fn keep_draft(state: AppState) -> Result<(), String> {
    let form = state.model.read().form.as_ref().map(|open| KeptForm {
        form: open.form,
        child_id: open.child_id,
        original: open.original.clone(),
        draft: open.draft.clone(),
    });
    let screens = state.kept.read().clone();
    let kept = (form.is_some() || !screens.is_empty()).then(|| {
        serde_json::to_string(&KeptDraft { form, screens }).expect("a draft is plain strings")
    });
    state.store().0.write_extra(EXTRA_DRAFT, kept.as_deref())
}

/// The input kept by `keep_draft` before a reload, the form re-checked against the saved
/// family; the slot is cleared so it is restored once. Empty if nothing was kept (or it was
/// unreadable).
pub fn restore_draft(store: &StoreHandle, family: &Family, today: NaiveDate) -> Restored {
    let Some(text) = store.0.read_extra(EXTRA_DRAFT) else {
        return Restored::default();
    };
    let _ = store.0.write_extra(EXTRA_DRAFT, None);
    let Ok(kept) = serde_json::from_str::<KeptDraft>(&text) else {
        return Restored::default();
    };
    // A draft for a child deleted meanwhile cannot be restored onto anything.
    let form = kept
        .form
        .filter(|f| f.child_id.is_none_or(|id| family.child(id).is_some()))
        .map(|f| OpenForm::checked(f.form, f.child_id, f.original, f.draft, family, today));
    Restored {
        form,
        screens: kept.screens,
    }
}

/// Mirrors one editor field's typed text into `AppState::kept`: kept while it differs from
/// the saved value, dropped once it matches (saved, cancelled or typed back).
pub fn keep(mut state: AppState, key: &str, typed: Option<&str>, saved: &str) {
    let wanted = typed.filter(|t| *t != saved);
    if state.kept.peek().get(key).map(String::as_str) == wanted {
        return;
    }
    let mut kept = state.kept.write();
    match wanted {
        Some(t) => kept.insert(key.to_string(), t.to_string()),
        None => kept.remove(key),
    };
}

/// The kept text for an editor field, if any.
pub fn kept(state: AppState, key: &str) -> Option<String> {
    state.kept.peek().get(key).cloned()
}
