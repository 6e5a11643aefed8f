//! Opening, checking and saving the device-card forms: the glue between the form state in
//! `AppState` and the rules in `core::card_form`. Shared by every screen that opens a form.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dioxus::prelude::*;

use crate::app::{AppState, OpenForm};
use crate::core::card_form::{
    child_draft, child_from_draft, pump_draft, pump_from_draft, refill_draft, refill_from_draft,
    CardForm, Draft, FormIssues,
};
use crate::core::family::Family;
use crate::core::profile::Child;
use crate::platform::store::{StoreHandle, EXTRA_DRAFT};

/// Re-checks the open form against the saved family (live warnings, and errors once shown).
pub fn validate_open_form(open: &OpenForm, family: &Family, today: NaiveDate) -> FormIssues {
    let base = open
        .child_id
        .and_then(|id| family.child(id).cloned())
        .unwrap_or_default();
    let result = match open.form {
        CardForm::Child => child_from_draft(&open.draft, &base, today).map(|r| r.1),
        CardForm::Pump => pump_from_draft(&open.draft, &base, today).map(|r| r.1),
        CardForm::Refill => refill_from_draft(&open.draft, &base, today).map(|r| r.1),
    };
    match result {
        Ok(issues) | Err(issues) => issues,
    }
}

/// A form filled from the saved card (or empty for a new child).
pub fn open_form(
    form: CardForm,
    child: Option<&Child>,
    family: &Family,
    today: NaiveDate,
) -> OpenForm {
    let draft: Draft = match (form, child) {
        (CardForm::Child, Some(c)) => child_draft(c),
        (CardForm::Child, None) => Draft::new(),
        (CardForm::Pump, Some(c)) => pump_draft(c),
        (CardForm::Pump, None) => pump_draft(&Child::default()),
        (CardForm::Refill, _) => refill_draft(today),
    };
    checked_form(
        form,
        child.map(|c| c.id),
        draft.clone(),
        draft,
        family,
        today,
    )
}

/// An open form as first shown (nothing tried yet), with its live checks against the family.
fn checked_form(
    form: CardForm,
    child_id: Option<u64>,
    original: Draft,
    draft: Draft,
    family: &Family,
    today: NaiveDate,
) -> OpenForm {
    let mut open = OpenForm {
        form,
        child_id,
        original,
        draft,
        issues: FormIssues::default(),
        tried: false,
        revisions: Default::default(),
    };
    open.issues = validate_open_form(&open, family, today);
    open
}

/// Saves the open form if it is valid and returns the message to show; otherwise keeps the
/// form open with its errors shown and returns None. Nothing invalid is ever saved.
pub fn save_open_form(mut state: AppState) -> Option<String> {
    let mut open = state.form.read().clone()?;
    let today = *state.today.read();
    let mut family = state.family.read().clone();
    let base = open
        .child_id
        .and_then(|id| family.child(id).cloned())
        .unwrap_or_default();
    let result = match open.form {
        CardForm::Child => child_from_draft(&open.draft, &base, today).map(|(c, _)| c),
        CardForm::Pump | CardForm::Refill => {
            let pump = if open.form == CardForm::Pump {
                pump_from_draft(&open.draft, &base, today)
            } else {
                refill_from_draft(&open.draft, &base, today)
            };
            pump.map(|(pump, _)| {
                let mut c = base.clone();
                c.pump = Some(pump);
                c
            })
        }
    };
    match result {
        Ok(saved) => {
            let is_new = open.child_id.is_none();
            let name = saved.name.clone();
            let id = family.save_child(saved, Some(today));
            let ok = state.commit(family.clone());
            state.selected.set(Some(id));
            if is_new && open.form == CardForm::Child {
                // Next: the pump, while the printout is at hand.
                let child = family.child(id).cloned();
                state.form.set(Some(open_form(
                    CardForm::Pump,
                    child.as_ref(),
                    &family,
                    today,
                )));
                return Some(format!("{name}'s details saved. Now the pump and drug."));
            }
            state.form.set(None);
            let what = match open.form {
                CardForm::Refill => format!("Refill recorded for {name}."),
                _ => format!("{name}'s card saved."),
            };
            Some(if ok {
                what
            } else {
                format!("{what} (not stored: see the message above)")
            })
        }
        Err(issues) => {
            open.issues = issues;
            open.tried = true;
            state.form.set(Some(open));
            None
        }
    }
}

/// Opens a form in the app state: for the child on screen, or (`for_current_child` false)
/// for a new child.
pub fn start_form(mut state: AppState, form: CardForm, for_current_child: bool) {
    let family = state.family.read().clone();
    let today = *state.today.read();
    let child = if for_current_child {
        state.current_child()
    } else {
        None
    };
    state
        .form
        .set(Some(open_form(form, child.as_ref(), &family, today)));
}

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
    let form = state.form.read().as_ref().map(|open| KeptForm {
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
        .map(|f| checked_form(f.form, f.child_id, f.original, f.draft, family, today));
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
