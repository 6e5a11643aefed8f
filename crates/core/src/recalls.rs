//! openFDA response shapes (api-notes.md) and what the family is shown. A failed check is
//! never "no recalls": it is "could not check", with the last successful answer and its date.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::profile::PumpModel;

/// One recall as listed to the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recall {
    pub number: String,
    pub date_initiated: String,
    pub status: String,
    /// "Class I" / "Class II" / "Class III", from the enforcement report; None if not found.
    pub class: Option<String>,
    pub reason: String,
    pub firm: String,
    /// The FDA record to read.
    pub link: String,
}

/// The last successful check, kept for offline use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecallCache {
    pub model_key: String,
    /// RFC 3339 time of the successful check.
    pub checked_at: String,
    pub recalls: Vec<Recall>,
}

/// The openFDA search for a pump model (api-notes: product code LKK plus the model's name).
pub fn recall_search(model: &PumpModel) -> String {
    if model.is_prometra() {
        "product_code:LKK AND (recalling_firm:flowonix OR product_description:prometra)".into()
    } else if model.is_synchromed_family() {
        // SynchroMed II and III: the maker's product name covers both.
        "product_code:LKK AND product_description:synchromed".into()
    } else {
        "product_code:LKK".into()
    }
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

/// Reads `/device/recall.json` results. Errors name what was missing.
pub fn parse_recalls(body: &Value) -> Result<Vec<Recall>, String> {
    let results = body
        .get("results")
        .and_then(Value::as_array)
        .ok_or("the answer has no results list")?;
    let mut out = Vec::new();
    for r in results {
        let number = text(r, "product_res_number");
        if number.is_empty() {
            return Err("a recall without its number (product_res_number)".into());
        }
        let cfres = text(r, "cfres_id");
        out.push(Recall {
            link: if cfres.is_empty() {
                format!("https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfRES/res.cfm?start_search=1&productnumber={number}")
            } else {
                format!("https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfRES/res.cfm?id={cfres}")
            },
            number,
            date_initiated: text(r, "event_date_initiated"),
            status: text(r, "recall_status"),
            class: None,
            reason: text(r, "reason_for_recall"),
            firm: text(r, "recalling_firm"),
        });
    }
    crate::sorting::sort_by(&mut out, |a, b| b.date_initiated.cmp(&a.date_initiated));
    Ok(out)
}

/// Joins the class from `/device/enforcement.json` (recall_number = product_res_number).
pub fn apply_classes(recalls: &mut [Recall], enforcement: &Value) {
    let Some(results) = enforcement.get("results").and_then(Value::as_array) else {
        return;
    };
    for r in recalls.iter_mut() {
        if let Some(e) = results
            .iter()
            .find(|e| text(e, "recall_number") == r.number)
        {
            let class = text(e, "classification");
            if !class.is_empty() {
                r.class = Some(class);
            }
        }
    }
}

/// Device details from `/device/udi.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub brand: String,
    pub model: String,
    pub company: String,
    pub mri_safety: String,
    pub description: String,
}

pub fn parse_device(body: &Value) -> Result<Option<DeviceInfo>, String> {
    let results = body
        .get("results")
        .and_then(Value::as_array)
        .ok_or("the answer has no results list")?;
    Ok(results.first().map(|r| DeviceInfo {
        brand: text(r, "brand_name"),
        model: text(r, "version_or_model_number"),
        company: text(r, "company_name"),
        mri_safety: text(r, "mri_safety"),
        description: text(r, "device_description"),
    }))
}

/// The drug label's boxed warning (`/drug/label.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoxedWarning {
    pub text: String,
    /// The label's effective date (YYYYMMDD as given).
    pub effective: String,
    pub set_id: String,
    /// RFC 3339 time it was fetched.
    pub fetched_at: String,
}

pub fn parse_boxed_warning(body: &Value, fetched_at: &str) -> Result<Option<BoxedWarning>, String> {
    let results = body
        .get("results")
        .and_then(Value::as_array)
        .ok_or("the answer has no results list")?;
    Ok(results.iter().find_map(|r| {
        let text = r.get("boxed_warning").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        Some(BoxedWarning {
            text,
            effective: self::text(r, "effective_time"),
            set_id: self::text(r, "set_id"),
            fetched_at: fetched_at.to_string(),
        })
    }))
}

/// What went wrong with a look-up, in words for the family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    Network(String),
    Timeout,
    RateLimited,
    Server(u16),
    Rejected(u16),
    Malformed(String),
    TooLarge,
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::Network(_) => write!(f, "no connection to the FDA service"),
            LookupError::Timeout => write!(f, "the FDA service did not answer in time"),
            LookupError::RateLimited => write!(f, "the FDA service is busy (too many requests)"),
            LookupError::Server(code) => write!(f, "the FDA service had an error ({code})"),
            LookupError::Rejected(code) => {
                write!(f, "the FDA service refused the question ({code})")
            }
            LookupError::Malformed(_) => {
                write!(f, "the FDA service sent an answer the app cannot read")
            }
            LookupError::TooLarge => write!(f, "the FDA service sent far more data than expected"),
        }
    }
}

/// What the recall screen says after a check (or a failed one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecallView {
    /// A check succeeded just now.
    Checked {
        recalls: Vec<Recall>,
        checked_at: String,
    },
    /// The check failed; the last good answer is shown with its date.
    CouldNotCheckCached { reason: String, cache: RecallCache },
    /// The check failed and nothing was ever checked: never "no recalls".
    CouldNotCheck { reason: String },
}

impl RecallView {
    pub fn headline(&self) -> String {
        match self {
            RecallView::Checked { recalls, checked_at } if recalls.is_empty() => {
                format!("No recalls found for this pump model (checked {checked_at}).")
            }
            RecallView::Checked { recalls, checked_at } => {
                format!("{} recall record(s) for this pump model (checked {checked_at}).", recalls.len())
            }
            RecallView::CouldNotCheckCached { reason, cache } => format!(
                "Could not check for recalls: {reason}. Showing the last successful check, from {}.",
                cache.checked_at
            ),
            RecallView::CouldNotCheck { reason } => format!(
                "Could not check for recalls: {reason}. No earlier check is saved, so this does not mean there are no recalls."
            ),
        }
    }
}

/// Combines a check's outcome with the cache (for the same model only).
pub fn recall_view(
    outcome: Result<Vec<Recall>, LookupError>,
    cache: Option<&RecallCache>,
    model_key: &str,
    now: &str,
) -> (RecallView, Option<RecallCache>) {
    match outcome {
        Ok(recalls) => {
            let cache = RecallCache {
                model_key: model_key.to_string(),
                checked_at: now.to_string(),
                recalls: recalls.clone(),
            };
            (
                RecallView::Checked {
                    recalls,
                    checked_at: now.to_string(),
                },
                Some(cache),
            )
        }
        Err(e) => match cache.filter(|c| c.model_key == model_key) {
            Some(c) => (
                RecallView::CouldNotCheckCached {
                    reason: e.to_string(),
                    cache: c.clone(),
                },
                None,
            ),
            None => (
                RecallView::CouldNotCheck {
                    reason: e.to_string(),
                },
                None,
            ),
        },
    }
}
