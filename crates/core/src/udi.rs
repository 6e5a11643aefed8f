//! GS1 UDI parsing (api-notes "Device identifiers"): the human-readable form with
//! parentheses, and a scanner's element string with GS (0x1D) separators and an optional
//! symbology prefix. AIs 01, 11, 17, 10, 21. Every failure is a precise sentence.

use chrono::{Datelike, NaiveDate};

pub const GS: char = '\u{1d}';

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gs1Date {
    /// YYMMDD as printed (DD may be 00: the end of the month).
    pub raw: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Udi {
    /// (01) GTIN-14, the device identifier.
    pub gtin: String,
    /// (11) production date.
    pub production: Option<Gs1Date>,
    /// (17) expiry date.
    pub expiry: Option<Gs1Date>,
    /// (10) lot or batch.
    pub lot: Option<String>,
    /// (21) serial number.
    pub serial: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UdiError {
    Empty,
    Hibcc,
    UnknownAi { at: usize, ai: String },
    BadGtin(String),
    GtinCheckDigit { expected: u8, found: u8 },
    BadDate { ai: &'static str, text: String },
    TooLong { ai: &'static str, max: usize },
    EmptyField { ai: &'static str },
    Repeated { ai: &'static str },
    MissingGtin,
    BadCharacter { ch: char },
}

impl std::fmt::Display for UdiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UdiError::Empty => write!(f, "Paste or type the UDI from the implant card or the box."),
            UdiError::Hibcc => write!(f, "This is not a GS1 code: look it up instead (a code that starts with + is a HIBCC code)."),
            UdiError::UnknownAi { at, ai } => write!(f, "Unknown or unsupported part ({ai}) at character {}: expected (01), (11), (17), (10) or (21).", at + 1),
            UdiError::BadGtin(t) => write!(f, "The device identifier (01) must be 14 digits; found \"{t}\"."),
            UdiError::GtinCheckDigit { expected, found } => write!(f, "The device identifier (01) has a wrong check digit ({found}, should be {expected}): check for a typo."),
            UdiError::BadDate { ai, text } => write!(f, "The date in ({ai}) must be YYMMDD; \"{text}\" is not a valid date."),
            UdiError::TooLong { ai, max } => write!(f, "The ({ai}) field is longer than {max} characters."),
            UdiError::EmptyField { ai } => write!(f, "The ({ai}) field is empty."),
            UdiError::Repeated { ai } => write!(f, "The ({ai}) field appears twice."),
            UdiError::MissingGtin => write!(f, "The device identifier (01) is missing."),
            UdiError::BadCharacter { ch } => write!(f, "The code contains a character that cannot be in a UDI ({ch:?}). Copy it again from the implant card."),
        }
    }
}

/// GTIN check digit of the first 13 digits: weights 3,1,3,1... from the right.
pub fn gtin_check_digit(first13: &str) -> Option<u8> {
    if first13.len() != 13 || !first13.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first13
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    Some(((10 - sum % 10) % 10) as u8)
}

/// YYMMDD with GS1's century rule relative to `today`, and DD = 00 meaning month end.
fn parse_date(ai: &'static str, text: &str, today: NaiveDate) -> Result<Gs1Date, UdiError> {
    let bad = || UdiError::BadDate {
        ai,
        text: text.to_string(),
    };
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let yy: i32 = text[0..2].parse().map_err(|_| bad())?;
    let mm: u32 = text[2..4].parse().map_err(|_| bad())?;
    let dd: u32 = text[4..6].parse().map_err(|_| bad())?;
    // GS1 General Specifications 7.12: within -49..+50 years of the current year.
    let current = today.year();
    let century = current - current.rem_euclid(100);
    let mut year = century + yy;
    if year - current > 50 {
        year -= 100;
    } else if current - year > 49 {
        year += 100;
    }
    let date = if dd == 0 {
        let first_next = if mm == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, mm + 1, 1)
        };
        if !(1..=12).contains(&mm) {
            return Err(bad());
        }
        first_next.and_then(|d| d.pred_opt())
    } else {
        NaiveDate::from_ymd_opt(year, mm, dd)
    };
    Ok(Gs1Date {
        raw: text.to_string(),
        date: date.ok_or_else(bad)?,
    })
}

fn ai_name(ai: &str) -> Option<&'static str> {
    Some(match ai {
        "01" => "01",
        "11" => "11",
        "17" => "17",
        "10" => "10",
        "21" => "21",
        _ => return None,
    })
}

fn fixed_len(ai: &str) -> Option<usize> {
    match ai {
        "01" => Some(14),
        "11" | "17" => Some(6),
        _ => None,
    }
}

/// Parses a GS1 UDI in either form. `today` settles the century of two-digit years.
pub fn parse_udi(input: &str, today: NaiveDate) -> Result<Udi, UdiError> {
    let text = input.trim_matches(|c: char| c.is_whitespace() && c != GS);
    if text.is_empty() {
        return Err(UdiError::Empty);
    }
    if text.starts_with('+') {
        return Err(UdiError::Hibcc);
    }
    // Symbology identifiers: ]d2 (DataMatrix), ]C1 (GS1-128), ]Q3 (QR), ]e0 (DataBar).
    let text = if text.starts_with(']') {
        text.char_indices().nth(3).map_or("", |(i, _)| &text[i..])
    } else {
        text
    };
    let text = text.strip_prefix(GS).unwrap_or(text);
    if let Some(ch) = text.chars().find(|c| c.is_control() && *c != GS) {
        return Err(UdiError::BadCharacter { ch });
    }
    let fields = if text.starts_with('(') {
        split_parenthesised(text)?
    } else {
        split_element_string(text)?
    };
    let mut udi = Udi::default();
    let mut seen: Vec<&'static str> = Vec::new();
    for (ai, value) in fields {
        if seen.contains(&ai) {
            return Err(UdiError::Repeated { ai });
        }
        seen.push(ai);
        if value.is_empty() {
            return Err(UdiError::EmptyField { ai });
        }
        match ai {
            "01" => {
                if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(UdiError::BadGtin(value));
                }
                let expected = gtin_check_digit(&value[..13]).expect("13 digits");
                let found = value.as_bytes()[13] - b'0';
                if expected != found {
                    return Err(UdiError::GtinCheckDigit { expected, found });
                }
                udi.gtin = value;
            }
            "11" => udi.production = Some(parse_date("11", &value, today)?),
            "17" => udi.expiry = Some(parse_date("17", &value, today)?),
            "10" | "21" => {
                if value.chars().count() > 20 {
                    return Err(UdiError::TooLong { ai, max: 20 });
                }
                // GS1 character set 82, less the brackets that the printed form uses as
                // separators (a bracket inside a value could not be printed unambiguously).
                if let Some(ch) = value
                    .chars()
                    .find(|c| !(c.is_ascii_alphanumeric() || "!\"%&'*+,-./:;<=>?_".contains(*c)))
                {
                    return Err(UdiError::BadCharacter { ch });
                }
                if ai == "10" {
                    udi.lot = Some(value);
                } else {
                    udi.serial = Some(value);
                }
            }
            _ => unreachable!("ai_name only yields known AIs"),
        }
    }
    if udi.gtin.is_empty() {
        return Err(UdiError::MissingGtin);
    }
    Ok(udi)
}

fn split_parenthesised(text: &str) -> Result<Vec<(&'static str, String)>, UdiError> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut at = 0;
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('(') else {
            return Err(UdiError::UnknownAi {
                at,
                ai: rest.chars().take(4).collect(),
            });
        };
        let close = after.find(')').ok_or_else(|| UdiError::UnknownAi {
            at,
            ai: rest.chars().take(4).collect(),
        })?;
        let ai_text = &after[..close];
        let ai = ai_name(ai_text).ok_or_else(|| UdiError::UnknownAi {
            at,
            ai: format!("({ai_text})"),
        })?;
        let body = &after[close + 1..];
        let end = body.find('(').unwrap_or(body.len());
        let value: String = body[..end].chars().filter(|c| *c != GS).collect();
        out.push((ai, value.trim().to_string()));
        at += 1 + close + 1 + end;
        rest = &body[end..];
    }
    Ok(out)
}

fn split_element_string(text: &str) -> Result<Vec<(&'static str, String)>, UdiError> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == GS {
            i += 1;
            continue;
        }
        let ai_text: String = chars[i..chars.len().min(i + 2)].iter().collect();
        let ai = ai_name(&ai_text).ok_or_else(|| UdiError::UnknownAi {
            at: i,
            ai: format!("({ai_text})"),
        })?;
        let start = i + 2;
        let end = match fixed_len(ai) {
            Some(n) => (start + n).min(chars.len()),
            None => chars[start..]
                .iter()
                .position(|c| *c == GS)
                .map_or(chars.len(), |p| start + p),
        };
        out.push((ai, chars[start..end].iter().collect()));
        i = end;
    }
    Ok(out)
}

/// The human-readable form, as printed under a barcode.
pub fn to_parenthesised(udi: &Udi) -> String {
    let mut out = format!("(01){}", udi.gtin);
    if let Some(d) = &udi.production {
        out.push_str(&format!("(11){}", d.raw));
    }
    if let Some(d) = &udi.expiry {
        out.push_str(&format!("(17){}", d.raw));
    }
    if let Some(lot) = &udi.lot {
        out.push_str(&format!("(10){lot}"));
    }
    if let Some(serial) = &udi.serial {
        out.push_str(&format!("(21){serial}"));
    }
    out
}

/// A scanner's element string: GS after each variable-length field that is not last.
pub fn to_element_string(udi: &Udi, prefix: &str) -> String {
    let mut out = format!("{prefix}01{}", udi.gtin);
    if let Some(d) = &udi.production {
        out.push_str(&format!("11{}", d.raw));
    }
    if let Some(d) = &udi.expiry {
        out.push_str(&format!("17{}", d.raw));
    }
    if let Some(lot) = &udi.lot {
        out.push_str(&format!("10{lot}"));
        if udi.serial.is_some() {
            out.push(GS);
        }
    }
    if let Some(serial) = &udi.serial {
        out.push_str(&format!("21{serial}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_matches_the_gs1_example() {
        // GS1's worked example: 629104150021 3 (GTIN-13 6291041500213 -> 14 digits 06291041500213).
        assert_eq!(gtin_check_digit("0629104150021"), Some(3));
    }
}
