//! The family file: one versioned JSON format for the saved data and for export/import.
//! Decoding never panics and never guesses: bytes are either a valid family or a precise
//! reason why not. Older schema versions are migrated forward here.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::card_form::{
    child_draft, child_from_draft, pump_draft, pump_from_draft, sections_for, CardForm, Draft,
    FormIssues,
};
use super::check::{check_child, check_settings, Problem};
use super::family::{Family, FamilySettings};
use super::profile::Child;

pub const FORMAT_NAME: &str = "itb-companion";
pub const SCHEMA_VERSION: u32 = 2;
/// Far above any real family (a full card is a few KB), far below what could hurt a phone.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// The whole family (the saved data, or a full export).
    Family,
    /// One child's card, exported to share with another caregiver.
    Child,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyFile {
    pub format: String,
    pub schema_version: u32,
    pub kind: FileKind,
    pub family: Family,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    TooLarge { bytes: usize },
    NotText,
    NotJson { line: usize, column: usize },
    NotOurFile,
    NewerVersion { version: u64 },
    WrongShape { detail: String },
    Invalid { detail: String },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "The file is empty."),
            DecodeError::TooLarge { bytes } => write!(
                f,
                "The file is too large ({} KB; the limit is {} KB).",
                bytes / 1024,
                MAX_FILE_BYTES / 1024
            ),
            DecodeError::NotText => write!(f, "The file is not text: it may be damaged."),
            DecodeError::NotJson { line, column } => write!(
                f,
                "The file is damaged or cut short (it stops making sense at line {line}, column {column})."
            ),
            DecodeError::NotOurFile => write!(f, "This is not an ITB Companion file."),
            DecodeError::NewerVersion { version } => write!(
                f,
                "This file was written by a newer version of the app (format {version}; this app reads up to {SCHEMA_VERSION}). Update the app to open it."
            ),
            DecodeError::WrongShape { detail } => {
                write!(f, "The file has missing or wrong parts: {detail}.")
            }
            DecodeError::Invalid { detail } => write!(f, "The file holds data that is not valid: {detail}."),
        }
    }
}

/// Encodes the family for saving or export (pretty, so a person can read an export).
pub fn encode(family: &Family, kind: FileKind) -> Vec<u8> {
    let file = FamilyFile {
        format: FORMAT_NAME.to_string(),
        schema_version: SCHEMA_VERSION,
        kind,
        family: family.clone(),
    };
    serde_json::to_vec_pretty(&file).expect("a Family always serialises")
}

/// Decodes bytes from storage or an import, migrating older versions forward.
pub fn decode(bytes: &[u8]) -> Result<FamilyFile, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| DecodeError::NotText)?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| DecodeError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let Value::Object(map) = &value else {
        return Err(DecodeError::NotOurFile);
    };
    let version = map
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::NotOurFile)?;
    let value = match version {
        1 => migrate_v1(value)?,
        v if v == u64::from(SCHEMA_VERSION) => value,
        v if v > u64::from(SCHEMA_VERSION) => return Err(DecodeError::NewerVersion { version: v }),
        _ => return Err(DecodeError::NotOurFile),
    };
    let file: FamilyFile = serde_json::from_value(value).map_err(|e| DecodeError::WrongShape {
        detail: e.to_string(),
    })?;
    if file.format != FORMAT_NAME {
        return Err(DecodeError::NotOurFile);
    }
    check_integrity(&file.family)?;
    Ok(file)
}

/// Rules every stored family obeys whatever its origin.
fn check_integrity(family: &Family) -> Result<(), DecodeError> {
    // A sorted list, not a set: one less map type in the web build.
    let mut ids: Vec<u64> = family.children.iter().map(|c| c.id).collect();
    crate::sorting::sort(&mut ids);
    let twice = |id: u64| {
        ids.binary_search(&id)
            .is_ok_and(|i| ids.get(i + 1) == Some(&id) || (i > 0 && ids[i - 1] == id))
    };
    for child in &family.children {
        if child.id == 0 || twice(child.id) {
            return Err(DecodeError::Invalid {
                detail: format!("child id {} is missing or used twice", child.id),
            });
        }
        if child.name.trim().is_empty() {
            return Err(DecodeError::Invalid {
                detail: "a child has no name".into(),
            });
        }
    }
    Ok(())
}

/// Version 1 (the first release) kept the pump fields flat and stored numbers as JSON
/// numbers. Version 2 nests the drug and stores exact decimal strings.
fn migrate_v1(value: Value) -> Result<Value, DecodeError> {
    let shape = |detail: &str| DecodeError::WrongShape {
        detail: format!("version 1 file: {detail}"),
    };
    let children = value
        .get("children")
        .and_then(Value::as_array)
        .ok_or_else(|| shape("no children list"))?;
    let mut migrated = Vec::new();
    for old in children {
        let obj = old
            .as_object()
            .ok_or_else(|| shape("a child is not an object"))?;
        let mut child = serde_json::Map::new();
        for key in [
            "id",
            "name",
            "colour",
            "date_of_birth",
            "diagnoses",
            "last_updated",
        ] {
            if let Some(v) = obj.get(key) {
                child.insert(key.to_string(), v.clone());
            }
        }
        if let Some(w) = obj.get("weight_kg") {
            child.insert(
                "weight_kg".into(),
                decimal_text(w).ok_or_else(|| shape("weight_kg"))?,
            );
        }
        if let Some(phone) = obj.get("clinic_phone").and_then(Value::as_str) {
            child.insert(
                "providers".into(),
                serde_json::json!({ "pump_clinic": { "name": obj.get("clinic_name").cloned().unwrap_or(Value::String(String::new())), "phone": phone } }),
            );
        }
        if let Some(pump) = obj.get("pump").and_then(Value::as_object) {
            let num = |key: &str| -> Result<Value, DecodeError> {
                match pump.get(key) {
                    None | Some(Value::Null) => Ok(Value::Null),
                    Some(v) => decimal_text(v).ok_or_else(|| shape(key)),
                }
            };
            let model = match pump.get("model").and_then(Value::as_str).unwrap_or("") {
                "8637-20" => serde_json::json!({"kind": "synchromed_ii_8637_20"}),
                "8637-40" => serde_json::json!({"kind": "synchromed_ii_8637_40"}),
                other => serde_json::json!({"kind": "other", "text": other}),
            };
            let last_refill = match (pump.get("last_refill_date"), num("last_refill_volume_ml")?) {
                (Some(Value::String(date)), Value::String(volume)) => {
                    serde_json::json!({ "date": date, "volume_ml": volume })
                }
                _ => Value::Null,
            };
            child.insert(
                "pump".into(),
                serde_json::json!({
                    "model": model,
                    "serial_number": pump.get("serial").cloned().unwrap_or(Value::String(String::new())),
                    "implant_date": pump.get("implant_date").cloned().unwrap_or(Value::Null),
                    "reservoir_ml": num("reservoir_ml")?,
                    "alarm_volume_ml": num("alarm_volume_ml")?,
                    "drug": {
                        "name": "Baclofen (intrathecal)",
                        "concentration_mcg_per_ml": num("concentration_mcg_per_ml")?,
                        "daily_dose_mcg_per_day": num("dose_mcg_per_day")?,
                    },
                    "last_refill": last_refill,
                    "printout_alarm_date": pump.get("alarm_date").cloned().unwrap_or(Value::Null),
                }),
            );
        }
        migrated.push(Value::Object(child));
    }
    Ok(serde_json::json!({
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "kind": "family",
        "family": { "children": migrated },
    }))
}

/// A JSON number (or numeric string) as the exact decimal text it was written as.
fn decimal_text(v: &Value) -> Option<Value> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    text.parse::<super::units::Fixed3>()
        .ok()
        .map(|n| Value::String(n.to_string()))
}

/// What an import would do, shown before anything is replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub result: Family,
    /// One plain sentence per change, e.g. "Replace Maya's card (last updated 2026-11-01)".
    pub changes: Vec<String>,
    /// True when something saved would be replaced (the app asks first).
    pub replaces: bool,
    /// Every setting the file would change, "Emergency number: 911 → 112" (family files only).
    pub settings_changes: Vec<String>,
    /// Whether this plan replaces the settings (only when the family chose to).
    pub replaces_settings: bool,
}

/// Choices the family makes about an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Replace this device's settings with the file's. Off unless chosen: by default an import
    /// adds or replaces cards and leaves the settings alone.
    pub replace_settings: bool,
}

/// Each setting that differs, old → new, in the words of the Settings screen.
pub fn settings_changes(old: &FamilySettings, new: &FamilySettings) -> Vec<String> {
    let days = |d: &[u32]| super::countdown::format_day_list(d);
    let yes_no = |b: bool| if b { "on" } else { "off" }.to_string();
    let mut out = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}: {a} → {b}"));
        }
    };
    diff(
        "Emergency number",
        old.emergency_number.clone(),
        new.emergency_number.clone(),
    );
    diff(
        "Days before the refill-by date",
        days(&old.reminders.refill_days_before),
        days(&new.reminders.refill_days_before),
    );
    diff(
        "Days before the pump replacement deadline",
        days(&old.reminders.replacement_days_before),
        days(&new.reminders.replacement_days_before),
    );
    diff(
        "Show \"Book the refill\" from (days)",
        old.reminders.book_refill_days.to_string(),
        new.reminders.book_refill_days.to_string(),
    );
    diff(
        "Review period (days)",
        old.reminders.review_days.to_string(),
        new.reminders.review_days.to_string(),
    );
    diff(
        "Remind on the low-reservoir alarm date",
        yes_no(old.reminders.on_alarm_date),
        yes_no(new.reminders.on_alarm_date),
    );
    diff(
        "Weekly recall check",
        yes_no(old.auto_recall_check),
        yes_no(new.auto_recall_check),
    );
    diff(
        "Overdose watch (hours)",
        old.overdose_watch_hours.to_string(),
        new.overdose_watch_hours.to_string(),
    );
    let cached = |s: &FamilySettings| {
        format!(
            "{} recall check(s){}",
            s.recall_cache.len(),
            if s.boxed_warning.is_some() {
                ", the boxed warning"
            } else {
                ""
            }
        )
    };
    diff("Saved FDA look-ups", cached(old), cached(new));
    out
}

/// Why an import was refused (nothing was changed). The app's `words::forms` says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    /// The file could not be read as a family file.
    Decode(DecodeError),
    NoChild,
    /// A card breaks a rule: whose, and where.
    Card {
        name: String,
        problem: Problem,
    },
    Settings(Problem),
}

/// Validates an import fully (size, format, version, every field) and plans it against the
/// current family, without changing anything.
pub fn plan_import(
    bytes: &[u8],
    current: &Family,
    today: chrono::NaiveDate,
) -> Result<ImportPlan, ImportRefusal> {
    plan_import_with(bytes, current, today, ImportOptions::default())
}

/// [`plan_import`] with the family's choices (whether to replace the settings too).
pub fn plan_import_with(
    bytes: &[u8],
    current: &Family,
    today: chrono::NaiveDate,
    options: ImportOptions,
) -> Result<ImportPlan, ImportRefusal> {
    let file = decode(bytes).map_err(ImportRefusal::Decode)?;
    if file.family.children.is_empty() {
        return Err(ImportRefusal::NoChild);
    }
    for child in &file.family.children {
        let refused = |problem| ImportRefusal::Card {
            name: child.name.clone(),
            problem,
        };
        // Every list item, typed (the form round trip below sees only the form's slots).
        check_child(child).map_err(refused)?;
        validate_saved_child(child, today).map_err(refused)?;
    }
    check_settings(&file.family.settings).map_err(ImportRefusal::Settings)?;
    match file.kind {
        FileKind::Family => {
            let mut changes = vec![format!(
                "Replace all {} saved card(s) with the {} card(s) in the file.",
                current.children.len(),
                file.family.children.len()
            )];
            changes.extend(
                file.family
                    .children
                    .iter()
                    .map(|c| format!("Card: {}", c.name)),
            );
            let settings_changes = settings_changes(&current.settings, &file.family.settings);
            let mut result = file.family;
            if !options.replace_settings {
                result.settings = current.settings.clone();
            }
            // Cards other families shared with this device stay (issue 17): a file's copies
            // join them, the newer share of the same card winning.
            let incoming =
                std::mem::replace(&mut result.shared_copies, current.shared_copies.clone());
            for copy in incoming {
                match result
                    .shared_copies
                    .iter_mut()
                    .find(|c| c.card.key == copy.card.key)
                {
                    Some(kept) if kept.card.shared_on >= copy.card.shared_on => {}
                    Some(kept) => {
                        changes.push(format!(
                            "Update the shared card: {}'s card, shared by {}.",
                            copy.card.child.name, copy.card.sharer
                        ));
                        *kept = copy;
                    }
                    None => {
                        changes.push(format!(
                            "Add the shared card: {}'s card, shared by {}.",
                            copy.card.child.name, copy.card.sharer
                        ));
                        result.shared_copies.push(copy);
                    }
                }
            }
            Ok(ImportPlan {
                replaces: !current.children.is_empty(),
                result,
                changes,
                replaces_settings: options.replace_settings && !settings_changes.is_empty(),
                settings_changes,
            })
        }
        FileKind::Child => {
            let mut result = current.clone();
            let mut changes = Vec::new();
            let mut replaces = false;
            for incoming in file.family.children {
                let same = result
                    .children
                    .iter()
                    .find(|c| same_child(c, &incoming))
                    .map(|c| (c.id, c.last_updated));
                let mut child = incoming.clone();
                match same {
                    Some((id, updated)) => {
                        replaces = true;
                        changes.push(format!(
                            "Replace {}'s card (saved here, last updated {}).",
                            child.name,
                            updated
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "unknown".into())
                        ));
                        child.id = id;
                    }
                    None => {
                        changes.push(format!("Add {}'s card.", child.name));
                        child.id = 0;
                    }
                }
                result.save_child(child, None);
            }
            Ok(ImportPlan {
                result,
                changes,
                replaces,
                settings_changes: Vec::new(),
                replaces_settings: false,
            })
        }
    }
}

fn same_child(a: &Child, b: &Child) -> bool {
    a.name.trim().eq_ignore_ascii_case(b.name.trim()) && a.date_of_birth == b.date_of_birth
}

/// Runs a saved child back through the form rules: an import must meet the same bar as
/// typing the card in.
/// The first problem is named by its field's label, as the form shows it.
pub fn validate_saved_child(child: &Child, today: chrono::NaiveDate) -> Result<(), Problem> {
    fn first_error(form: CardForm, draft: &Draft, issues: FormIssues) -> Problem {
        let (id, problem) = issues.errors.first().expect("a refused form has an error");
        let (id, problem) = (id.to_string(), problem.clone());
        let label = sections_for(form, draft)
            .into_iter()
            .flat_map(|s| s.fields)
            .find(|f| f.id == id)
            .map_or(id, |f| f.label);
        Problem {
            field: label,
            problem,
        }
    }
    let draft = child_draft(child);
    child_from_draft(&draft, child, today).map_err(|i| first_error(CardForm::Child, &draft, i))?;
    if child.pump.is_some() {
        let draft = pump_draft(child);
        pump_from_draft(&draft, child, today)
            .map_err(|i| first_error(CardForm::Pump, &draft, i))?;
    }
    Ok(())
}
