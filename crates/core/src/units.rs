//! Exact decimal quantities for clinical numbers.
//!
//! Volumes, concentrations and doses are stored as whole thousandths (`Fixed3`), never as
//! floating point: 20 mL at 500 mcg/mL and 170 mcg/day must give exactly 50 days, where f64
//! gives 49.999... and a floor then loses a day. The unit lives in the field name that holds
//! the value (`concentration_mcg_per_ml`), and every screen prints it beside the number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A non-negative decimal with exactly three fractional digits, held as thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fixed3(u64);

/// Largest value accepted: far above any real volume, dose or concentration, and small
/// enough that products of three values fit comfortably in u128.
pub const FIXED3_MAX_WHOLE: u64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    Negative,
    TooManyDecimals,
    TooLarge,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            NumberError::Empty => "Enter a number.",
            NumberError::NotANumber => "Enter a number using digits, like 20 or 0.5.",
            NumberError::Negative => "The number cannot be negative.",
            NumberError::TooManyDecimals => "Use at most 3 digits after the decimal point.",
            NumberError::TooLarge => "This number is far too large. Check it against the printout.",
        };
        f.write_str(text)
    }
}

impl Fixed3 {
    pub const ZERO: Fixed3 = Fixed3(0);

    /// From whole units (20 -> 20.000).
    pub const fn whole(units: u64) -> Fixed3 {
        Fixed3(units * 1000)
    }

    /// From thousandths (500 -> 0.500).
    pub const fn from_thousandths(thousandths: u64) -> Fixed3 {
        Fixed3(thousandths)
    }

    pub const fn thousandths(self) -> u64 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn checked_sub(self, other: Fixed3) -> Option<Fixed3> {
        self.0.checked_sub(other.0).map(Fixed3)
    }
}

impl FromStr for Fixed3 {
    type Err = NumberError;

    /// Parses what a person types: "20", "20.5", "0.125", " 2,000 " (thousands commas are
    /// allowed only in groups of three, so a decimal comma like "0,5" is refused, not misread).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(NumberError::Empty);
        }
        if trimmed.starts_with('-') {
            return Err(NumberError::Negative);
        }
        let trimmed = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let (whole_part, frac_part) = match trimmed.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (trimmed, None),
        };
        let whole_digits = strip_thousands_commas(whole_part).ok_or(NumberError::NotANumber)?;
        if whole_digits.is_empty() && frac_part.is_none_or(str::is_empty) {
            return Err(NumberError::NotANumber);
        }
        if !whole_digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        let frac = frac_part.unwrap_or("");
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 3 {
            return Err(NumberError::TooManyDecimals);
        }
        let whole_digits = whole_digits.trim_start_matches('0');
        if whole_digits.len() > 10 {
            return Err(NumberError::TooLarge);
        }
        let whole: u64 = if whole_digits.is_empty() {
            0
        } else {
            whole_digits.parse().map_err(|_| NumberError::NotANumber)?
        };
        if whole > FIXED3_MAX_WHOLE {
            return Err(NumberError::TooLarge);
        }
        let mut thousandths: u64 = 0;
        for (i, b) in frac.bytes().enumerate() {
            thousandths += u64::from(b - b'0') * 10u64.pow(2 - i as u32);
        }
        Ok(Fixed3(whole * 1000 + thousandths))
    }
}

/// "2,000" -> "2000"; "20,00" -> None (not a thousands grouping).
fn strip_thousands_commas(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let mut groups = text.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        out.push_str(group);
    }
    Some(out)
}

impl fmt::Display for Fixed3 {
    /// Shortest exact form: 20, 20.5, 0.125.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl Serialize for Fixed3 {
    /// Stored as a decimal string so that no reader ever round-trips it through a float.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Fixed3 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A rational number of days, kept exact until the one place that rounds (always down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub numerator: u128,
    pub denominator: u128,
}

impl Ratio {
    pub fn floor(self) -> u128 {
        self.numerator / self.denominator
    }

    /// Decimal text with `places` digits, rounded half up (for display only).
    pub fn to_decimal_string(self, places: u32) -> String {
        let scale = 10u128.pow(places);
        let scaled = (self.numerator * scale * 2 + self.denominator) / (self.denominator * 2);
        let whole = scaled / scale;
        if places == 0 {
            return whole.to_string();
        }
        let frac = scaled % scale;
        let frac_text = format!("{frac:0width$}", width = places as usize);
        let frac_text = frac_text.trim_end_matches('0');
        if frac_text.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{frac_text}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!("20".parse::<Fixed3>(), Ok(Fixed3::whole(20)));
        assert_eq!(
            "20.5".parse::<Fixed3>(),
            Ok(Fixed3::from_thousandths(20_500))
        );
        assert_eq!(
            " 0.125 ".parse::<Fixed3>(),
            Ok(Fixed3::from_thousandths(125))
        );
        assert_eq!(".5".parse::<Fixed3>(), Ok(Fixed3::from_thousandths(500)));
        assert_eq!("2,000".parse::<Fixed3>(), Ok(Fixed3::whole(2000)));
        assert_eq!(
            "1.2500".parse::<Fixed3>(),
            Ok(Fixed3::from_thousandths(1250))
        );
    }

    #[test]
    fn refuses_ambiguous_or_bad_numbers() {
        assert_eq!("".parse::<Fixed3>(), Err(NumberError::Empty));
        assert_eq!("-3".parse::<Fixed3>(), Err(NumberError::Negative));
        assert_eq!("0,5".parse::<Fixed3>(), Err(NumberError::NotANumber));
        assert_eq!("abc".parse::<Fixed3>(), Err(NumberError::NotANumber));
        assert_eq!(".".parse::<Fixed3>(), Err(NumberError::NotANumber));
        assert_eq!("1e3".parse::<Fixed3>(), Err(NumberError::NotANumber));
        assert_eq!(
            "0.1234".parse::<Fixed3>(),
            Err(NumberError::TooManyDecimals)
        );
        assert_eq!("99999999999".parse::<Fixed3>(), Err(NumberError::TooLarge));
    }

    #[test]
    fn display_round_trips() {
        for text in ["0", "0.5", "20", "20.25", "2000", "0.001"] {
            assert_eq!(text.parse::<Fixed3>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn serde_uses_exact_decimal_strings() {
        let json = serde_json::to_string(&Fixed3::from_thousandths(20_500)).unwrap();
        assert_eq!(json, "\"20.5\"");
        let back: Fixed3 = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Fixed3::from_thousandths(20_500));
        assert!(serde_json::from_str::<Fixed3>("\"-1\"").is_err());
    }

    #[test]
    fn ratio_display_rounds_half_up() {
        let r = Ratio {
            numerator: 1,
            denominator: 3,
        };
        assert_eq!(r.to_decimal_string(3), "0.333");
        let r = Ratio {
            numerator: 1,
            denominator: 5,
        };
        assert_eq!(r.to_decimal_string(3), "0.2");
        assert_eq!(r.floor(), 0);
    }
}
