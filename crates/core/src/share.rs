//! Sharing one child's card with a caregiver, with no server (issue 17): what a share carries,
//! how a link is read back, what changed since the last share, and how a kept copy ages.
//!
//! The link is the app's own address with the card in the URL fragment (after `#`, which a
//! browser never sends to a server): `…/#share=1.c.<data>`. Sealing it (compression, then
//! AES-GCM with a key derived from a short code) is the browser's own Web Crypto and
//! CompressionStream (`src/platform/share.js`), so the wasm carries no cipher; this module decides
//! what goes in and checks everything that comes out.

use chrono::NaiveDate;

use super::check::{check_child, Problem};
pub use super::copies::{SharedCard, SharedCopy, SharedParts};
use super::countdown::ReminderSettings;
use super::dates::DateOrder;
use super::ems::ems_sections;
use super::profile::{Child, Contact, Providers, Pump};
use super::refill::days_until;

/// The format of a share (link and payload). A link from a newer app says so.
pub const SHARE_FORMAT: u32 = 1;
/// A code is this many characters of [`CODE_ALPHABET`] (50 bits), shown as two groups of 5.
pub const CODE_LEN: usize = 10;
/// Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken.
pub const CODE_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Where the card starts in a link.
pub const FRAGMENT_MARK: &str = "#share=";

/// Why a link did not open (nothing was changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No `#share=` in what was opened or pasted.
    NotALink,
    /// Made by a newer version of the app (its format number).
    NewerVersion(u32),
    /// Cut short or altered: it cannot be read.
    Damaged,
    /// The code does not open this link.
    WrongCode,
    /// The code typed is not 10 letters and digits of the code alphabet.
    CodeFormat,
    /// It opened, but the card in it breaks a rule the device card keeps.
    Refused(Problem),
    /// The device cannot open or make links (the platform's reason).
    Unsupported(String),
}

/// A link's parts, checked (its format is this app's: a newer one is refused): whether it
/// needs a code, and its data (base64url).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub coded: bool,
    pub data: String,
}

/// The fewest bytes a coded link holds: salt (16), key check (4), nonce (12), tag (16).
const CODED_MIN_BYTES: usize = 16 + 4 + 12 + 16;

/// Finds and checks a share link in what was opened or pasted (a whole message may be pasted:
/// the link is found in it).
pub fn read_link(text: &str) -> Result<Link, ShareError> {
    let at = text.find(FRAGMENT_MARK).ok_or(ShareError::NotALink)?;
    let fragment = text[at + FRAGMENT_MARK.len()..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .next()
        .unwrap_or_default()
        // A link at the end of a sentence in a message: its full stop is not part of it (the
        // data is base64url, which has no punctuation).
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
    let mut parts = fragment.splitn(3, '.');
    let version: u32 = parts
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or(ShareError::Damaged)?;
    if version > SHARE_FORMAT {
        return Err(ShareError::NewerVersion(version));
    }
    if version == 0 {
        return Err(ShareError::Damaged);
    }
    let coded = match parts.next() {
        Some("c") => true,
        Some("o") => false,
        _ => return Err(ShareError::Damaged),
    };
    let data = parts.next().unwrap_or_default();
    let bytes = base64url_len(data).ok_or(ShareError::Damaged)?;
    if bytes < if coded { CODED_MIN_BYTES } else { 2 } {
        return Err(ShareError::Damaged);
    }
    Ok(Link {
        coded,
        data: data.to_string(),
    })
}

/// The number of bytes unpadded base64url text decodes to, or None if it is not that.
fn base64url_len(text: &str) -> Option<usize> {
    let valid = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (valid && text.len() % 4 != 1).then_some(text.len() * 3 / 4)
}

/// The code as typed, made canonical: upper case, spaces and dashes dropped, and the letters
/// people mistake for digits read as those digits (O as 0, I and L as 1).
pub fn normalize_code(typed: &str) -> Result<String, ShareError> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let valid = code.chars().count() == CODE_LEN && code.chars().all(|c| CODE_ALPHABET.contains(c));
    valid.then_some(code).ok_or(ShareError::CodeFormat)
}

/// "7KQ2MX9P4R" -> "7KQ2M-X9P4R", as shown and read aloud.
pub fn display_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(5));
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a}-{b}")
    }
}

/// The child as shared: the emergency card and the clinic's plan always (every fact they
/// show, and every number the card's dates are worked out from), the rest only if chosen.
/// Never the sharer's ids, colour or share key.
pub fn shared_child(child: &Child, parts: SharedParts) -> Child {
    let mut c = child.clone();
    c.id = 0;
    c.colour = 0;
    c.share_key = String::new();
    if !parts.contacts {
        // The card's calls: the pump clinic and the first two contacts with a phone.
        c.contacts = child
            .contacts
            .iter()
            .filter(|ct| !ct.phone.trim().is_empty())
            .take(2)
            .map(|ct| Contact {
                other_phone: String::new(),
                ..ct.clone()
            })
            .collect();
        c.providers = Providers {
            pump_clinic: child.providers.pump_clinic.clone(),
            ..Providers::default()
        };
    }
    if !parts.device_card {
        c.baseline.mobility.clear();
        c.activity_restrictions.clear();
        c.fever_protocol.clear();
        c.medical_id.clear();
        // The catheter stays: the emergency card prints it (issue 24.6).
        if let Some(p) = c.pump.as_mut() {
            p.udi.clear();
        }
    }
    if !parts.refill_dates {
        if let Some(p) = c.pump.as_mut() {
            *p = Pump {
                refill_history: Vec::new(),
                next_refill_appointment: None,
                eri_date: None,
                replacement_date: None,
                overdose_watch_since: None,
                ..p.clone()
            };
        }
    }
    c
}

impl SharedCard {
    /// The share of `child` as chosen, made on `today`.
    pub fn new(
        child: &Child,
        parts: SharedParts,
        sharer: &str,
        key: &str,
        today: NaiveDate,
        review_days: u32,
    ) -> SharedCard {
        SharedCard {
            v: SHARE_FORMAT,
            key: key.to_string(),
            sharer: sharer.trim().to_string(),
            shared_on: today,
            review_days,
            parts,
            child: shared_child(child, parts),
        }
    }

    /// The payload sealed into the link. Written as the saved file is (`to_vec_pretty`: the
    /// card's serializer is then the one the web build already has, 20 KB of wasm not doubled;
    /// the indentation costs next to nothing once compressed).
    pub fn to_json(&self) -> String {
        let bytes = serde_json::to_vec_pretty(self).expect("a shared card serializes");
        String::from_utf8(bytes).expect("JSON is UTF-8")
    }

    /// Reads an opened payload: a newer format says so; anything else unreadable is damaged;
    /// a card that breaks the device card's rules is refused.
    pub fn from_json(json: &str) -> Result<SharedCard, ShareError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|_| ShareError::Damaged)?;
        let v = value
            .get("v")
            .and_then(serde_json::Value::as_u64)
            .ok_or(ShareError::Damaged)?;
        if v > u64::from(SHARE_FORMAT) {
            return Err(ShareError::NewerVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ));
        }
        let card: SharedCard = serde_json::from_value(value).map_err(|_| ShareError::Damaged)?;
        if card.key.trim().is_empty() || card.key.len() > 100 || card.sharer.chars().count() > 100 {
            return Err(ShareError::Damaged);
        }
        check_child(&card.child).map_err(ShareError::Refused)?;
        Ok(card)
    }
}

/// One difference between a kept copy and a newer share, as the caregiver reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// What changed from `old` to `new`, line by line as the emergency card and the plan show
/// them (so the preview speaks the card's language: "Daily dose: 400 → 450 mcg/day").
pub fn changes(
    old: &SharedCard,
    new: &SharedCard,
    today: NaiveDate,
    order: DateOrder,
) -> Vec<Change> {
    let settings = ReminderSettings::default();
    let lines = |card: &SharedCard| {
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut bases: Vec<&str> = Vec::new();
        // As paper is written (absolute dates): a preview compares facts, not "3 days ago".
        let view = super::ems::CardView::paper(order, 72);
        for section in ems_sections(&card.child, today, &settings, view) {
            for line in section.lines {
                // A label the card repeats ("Parent / guardian") is numbered from its second.
                let n = bases.iter().filter(|b| **b == line.label).count();
                bases.push(line.label);
                let label = match n {
                    0 => line.label.to_string(),
                    n => format!("{} ({})", line.label, n + 1),
                };
                seen.push((label, line.value));
            }
        }
        let steps = &card.child.plan_steps;
        for (i, step) in steps.iter().enumerate() {
            seen.push((format!("Plan step {}", i + 1), step.clone()));
        }
        seen
    };
    let (before, after) = (lines(old), lines(new));
    let mut out = Vec::new();
    for (label, value) in &after {
        let old_value = before
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone());
        if old_value.as_ref() != Some(value) {
            out.push(Change {
                label: label.clone(),
                before: old_value.unwrap_or_default(),
                after: value.clone(),
            });
        }
    }
    for (label, value) in &before {
        if !after.iter().any(|(l, _)| l == label) {
            out.push(Change {
                label: label.clone(),
                before: value.clone(),
                after: String::new(),
            });
        }
    }
    out
}

/// How old a kept copy is, and whether it is past its sharer's review period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyAge {
    pub days: i64,
    pub out_of_date: bool,
}

pub fn copy_age(card: &SharedCard, today: NaiveDate) -> CopyAge {
    let days = -days_until(today, card.shared_on);
    CopyAge {
        days,
        out_of_date: days > i64::from(card.review_days),
    }
}

/// After a recorded refill (issue 17.4): the refill day to ask "checked the card with the
/// clinic at this visit?" about, while the card has no check since it and the refill is
/// recent (within the review period).
pub fn ask_clinic_check(child: &Child, today: NaiveDate, review_days: u32) -> Option<NaiveDate> {
    let refill = child.pump.as_ref()?.last_refill?.date;
    let recent = (0..=i64::from(review_days)).contains(&-days_until(today, refill));
    let unchecked = child.clinic_checked.is_none_or(|d| d < refill);
    (recent && unchecked).then_some(refill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_typed() {
        assert_eq!(normalize_code("7kq2m-x9p4r").unwrap(), "7KQ2MX9P4R");
        assert_eq!(normalize_code(" 7KQ2M X9P4R ").unwrap(), "7KQ2MX9P4R");
        assert_eq!(
            normalize_code("OIL23456789").err(),
            Some(ShareError::CodeFormat)
        );
        assert_eq!(normalize_code("OIL2345678").unwrap(), "0112345678");
        assert_eq!(
            normalize_code("7KQ2MX9P4").err(),
            Some(ShareError::CodeFormat)
        );
        assert_eq!(
            normalize_code("7KQ2MX9P4U").err(),
            Some(ShareError::CodeFormat)
        );
        assert_eq!(display_code("7KQ2MX9P4R"), "7KQ2M-X9P4R");
    }
}
