//! The family's device cards: children, pump, drug and contacts. Fields follow the AAP/ACEP
//! Emergency Information Form and the school health-plan checklist (reference §7), plus what
//! the pump needs (§1-§3). Numbers carry their unit in the field name and are exact decimals.
//! The family as a whole (its children and settings) is in `family`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::problems::FieldProblem;
use super::units::Fixed3;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Child {
    /// Stable identifier (never reused), so a card is never shown under another child.
    pub id: u64,
    /// Index into [`CHILD_COLOURS`], chosen for this child and kept.
    pub colour: usize,
    pub name: String,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub date_of_birth: Option<NaiveDate>,
    pub weight_kg: Option<Fixed3>,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub weight_date: Option<NaiveDate>,
    pub diagnoses: String,
    pub baseline: Baseline,
    pub allergies: Allergies,
    pub medicines: Vec<Medicine>,
    /// PRN emergency medicines (oral baclofen, diazepam, ...).
    pub prn_medicines: Vec<PrnMedicine>,
    /// Guardians first, then other emergency contacts, in calling order.
    pub contacts: Vec<Contact>,
    pub providers: Providers,
    pub preferred_hospital: String,
    pub procedures_to_avoid: String,
    pub activity_restrictions: String,
    pub fever_protocol: String,
    /// The child's own signs, as the family copied them from the clinic's plan: these call
    /// the pump clinic (the default for a new sign)...
    pub overdose_signs: Vec<String>,
    pub withdrawal_signs: Vec<String>,
    /// ...and these call 911, where the clinic's plan says so (§5: never capped below the plan).
    pub overdose_signs_911: Vec<String>,
    pub withdrawal_signs_911: Vec<String>,
    pub medical_id: String,
    pub pump: Option<Pump>,
    /// The clinic's own emergency action plan, step by step, as written by the clinic.
    pub plan_steps: Vec<String>,
    /// Set on every change by [`Family::save_child`]; never typed by hand.
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub last_updated: Option<NaiveDate>,
    /// The day the family last checked the card against the clinic's records (at a refill
    /// visit): shown next to "Card last changed" so EMS can tell how current it is (issue 17.4).
    #[serde(
        deserialize_with = "crate::dates::de_opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub clinic_checked: Option<NaiveDate>,
    /// Names this child's shares, so a caregiver's copy is replaced by the next share, never
    /// doubled (set the first time the card is shared; empty until then).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub share_key: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Baseline {
    pub neuro_mental_status: String,
    pub mobility: String,
    /// How the child communicates; "non-verbal" matters to EMS.
    pub communication: String,
    pub non_verbal: bool,
    pub vital_signs: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Allergies {
    pub drug: String,
    pub food: String,
    pub latex: LatexAllergy,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LatexAllergy {
    #[default]
    Unknown,
    Yes,
    No,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Medicine {
    pub name: String,
    pub dose: String,
    pub schedule: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrnMedicine {
    pub name: String,
    pub dose: String,
    pub when_to_give: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub relation: String,
    pub phone: String,
    pub other_phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provider {
    pub name: String,
    pub phone: String,
    pub after_hours_phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Providers {
    /// The pump clinic / managing physician: the first call for anything pump-related.
    pub pump_clinic: Provider,
    pub primary_care: Provider,
    pub neurosurgeon: Provider,
    /// The rest of the care team, as many as the family has (physiatrist, respite nurse,
    /// pharmacy, …): a list, never cut short (issue 15.3).
    pub others: Vec<CareTeamMember>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareTeamMember {
    /// What they do for the child, in the family's words ("Physiatrist", "Pharmacy").
    pub role: String,
    pub name: String,
    pub phone: String,
}

/// Pump models families carry (reference §1), or another with free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum PumpModel {
    #[serde(rename = "synchromed_ii_8637_20")]
    SynchromedII8637_20,
    #[serde(rename = "synchromed_ii_8637_40")]
    SynchromedII8637_40,
    /// Medtronic SynchroMed III (FDA approval 10 Oct 2023 [M13]). Its alarm tones, battery
    /// life and MRI conditions are UNCONFIRMED in the reference (§1): the app asks the clinic.
    /// A new key: files from before it never hold it, so they read as they did.
    #[serde(rename = "synchromed_iii")]
    SynchromedIII,
    #[serde(rename = "prometra_11827")]
    Prometra11827,
    #[serde(rename = "prometra_ii_13827")]
    PrometraII13827,
    #[serde(rename = "prometra_ii_16827")]
    PrometraII16827,
    /// Another model, typed by the family. The default is an empty one: never a real model
    /// chosen silently (a SynchroMed default once gave a Prometra card the wrong MRI line).
    Other(String),
}

impl Default for PumpModel {
    fn default() -> Self {
        PumpModel::Other(String::new())
    }
}

impl PumpModel {
    /// Choice keys for the form, with their labels.
    pub const CHOICES: [(&'static str, &'static str); 7] = [
        (
            "synchromed_ii_8637_20",
            "Medtronic SynchroMed II 8637-20 (20 mL)",
        ),
        (
            "synchromed_ii_8637_40",
            "Medtronic SynchroMed II 8637-40 (40 mL)",
        ),
        ("synchromed_iii", "Medtronic SynchroMed III"),
        ("prometra_11827", "Flowonix Prometra 11827 (20 mL)"),
        ("prometra_ii_13827", "Flowonix Prometra II 13827 (20 mL)"),
        ("prometra_ii_16827", "Flowonix Prometra II 16827 (40 mL)"),
        ("other", "Other (type the model)"),
    ];

    pub fn key(&self) -> &'static str {
        match self {
            PumpModel::SynchromedII8637_20 => "synchromed_ii_8637_20",
            PumpModel::SynchromedII8637_40 => "synchromed_ii_8637_40",
            PumpModel::SynchromedIII => "synchromed_iii",
            PumpModel::Prometra11827 => "prometra_11827",
            PumpModel::PrometraII13827 => "prometra_ii_13827",
            PumpModel::PrometraII16827 => "prometra_ii_16827",
            PumpModel::Other(_) => "other",
        }
    }

    pub fn from_key(key: &str, other_text: &str) -> Option<PumpModel> {
        Some(match key {
            "synchromed_ii_8637_20" => PumpModel::SynchromedII8637_20,
            "synchromed_ii_8637_40" => PumpModel::SynchromedII8637_40,
            "synchromed_iii" => PumpModel::SynchromedIII,
            "prometra_11827" => PumpModel::Prometra11827,
            "prometra_ii_13827" => PumpModel::PrometraII13827,
            "prometra_ii_16827" => PumpModel::PrometraII16827,
            "other" => PumpModel::Other(other_text.trim().to_string()),
            _ => return None,
        })
    }

    /// The name a paramedic reads on the card.
    pub fn display_name(&self) -> String {
        match self {
            PumpModel::SynchromedII8637_20 => "Medtronic SynchroMed II 8637-20".into(),
            PumpModel::SynchromedII8637_40 => "Medtronic SynchroMed II 8637-40".into(),
            PumpModel::SynchromedIII => "Medtronic SynchroMed III".into(),
            PumpModel::Prometra11827 => "Flowonix Prometra 11827".into(),
            PumpModel::PrometraII13827 => "Flowonix Prometra II 13827".into(),
            PumpModel::PrometraII16827 => "Flowonix Prometra II 16827".into(),
            PumpModel::Other(text) => text.clone(),
        }
    }

    /// A SynchroMed II: the model whose alarm tones, 7-year battery and ERI + 90 days rule,
    /// and MRI behaviour the reference documents (§1, §3, §4). SynchroMed III is not one: for
    /// it the app asks the clinic (see [`PumpModel::is_synchromed_family`]).
    pub fn is_synchromed(&self) -> bool {
        matches!(
            self,
            PumpModel::SynchromedII8637_20 | PumpModel::SynchromedII8637_40
        )
    }

    /// SynchroMed III (§1: tones, battery life and MRI conditions UNCONFIRMED).
    pub fn is_synchromed_iii(&self) -> bool {
        matches!(self, PumpModel::SynchromedIII)
    }

    /// Any Medtronic SynchroMed (II or III): what holds for the maker, not the model (the
    /// recall search, Medtronic's lines).
    pub fn is_synchromed_family(&self) -> bool {
        self.is_synchromed() || self.is_synchromed_iii()
    }

    pub fn is_prometra(&self) -> bool {
        matches!(
            self,
            PumpModel::Prometra11827 | PumpModel::PrometraII13827 | PumpModel::PrometraII16827
        )
    }

    /// Reservoir size printed on the model, if known (reference §1).
    pub fn reservoir_ml(&self) -> Option<Fixed3> {
        match self {
            PumpModel::SynchromedII8637_20
            | PumpModel::Prometra11827
            | PumpModel::PrometraII13827 => Some(Fixed3::whole(20)),
            PumpModel::SynchromedII8637_40 | PumpModel::PrometraII16827 => Some(Fixed3::whole(40)),
            // Not in the reference: the family types the reservoir from the printout.
            PumpModel::SynchromedIII | PumpModel::Other(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum PumpSite {
    AbdomenRight,
    AbdomenLeft,
    /// Described by the family; empty by default (never a side chosen silently).
    Other(String),
}

impl Default for PumpSite {
    fn default() -> Self {
        PumpSite::Other(String::new())
    }
}

impl PumpSite {
    pub const CHOICES: [(&'static str, &'static str); 3] = [
        ("abdomen_right", "Abdomen, right side"),
        ("abdomen_left", "Abdomen, left side"),
        ("other", "Other (describe)"),
    ];

    pub fn key(&self) -> &'static str {
        match self {
            PumpSite::AbdomenRight => "abdomen_right",
            PumpSite::AbdomenLeft => "abdomen_left",
            PumpSite::Other(_) => "other",
        }
    }

    pub fn from_key(key: &str, other_text: &str) -> Option<PumpSite> {
        Some(match key {
            "abdomen_right" => PumpSite::AbdomenRight,
            "abdomen_left" => PumpSite::AbdomenLeft,
            "other" => PumpSite::Other(other_text.trim().to_string()),
            _ => return None,
        })
    }

    pub fn display_name(&self) -> String {
        match self {
            PumpSite::AbdomenRight => "Abdomen, right side".into(),
            PumpSite::AbdomenLeft => "Abdomen, left side".into(),
            PumpSite::Other(text) => text.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugSource {
    #[default]
    Unknown,
    Brand,
    Compounded,
}

impl DrugSource {
    pub const CHOICES: [(&'static str, &'static str); 3] = [
        ("unknown", "Not sure"),
        ("brand", "Brand (e.g. Lioresal, Gablofen)"),
        ("compounded", "Compounded by a pharmacy"),
    ];

    pub fn key(self) -> &'static str {
        match self {
            DrugSource::Unknown => "unknown",
            DrugSource::Brand => "brand",
            DrugSource::Compounded => "compounded",
        }
    }

    pub fn from_key(key: &str) -> Option<DrugSource> {
        Some(match key {
            "unknown" => DrugSource::Unknown,
            "brand" => DrugSource::Brand,
            "compounded" => DrugSource::Compounded,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Catheter {
    pub model: String,
    /// Spinal level of the catheter tip, such as "T10".
    pub tip_level: String,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub date_placed: Option<NaiveDate>,
}

/// One flex-dosing step: from `start_minute` (minutes after midnight) at this rate until the
/// next step of the same day starts [M5]. A program can vary by weekday (reference §2):
/// `days` says which days the step runs (every day when empty).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlexStep {
    pub start_minute: u16,
    pub rate_mcg_per_hour: Fixed3,
    #[serde(default, skip_serializing_if = "WeekDays::is_every_day")]
    pub days: WeekDays,
}

/// Days of the week as bits, Monday = bit 0 … Sunday = bit 6; none set means every day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WeekDays(pub u8);

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// The days in full, Monday first (messages; typed words match their beginning).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl WeekDays {
    pub const ALL: u8 = 0b111_1111;

    pub fn is_every_day(&self) -> bool {
        self.0 == 0 || self.0 == Self::ALL
    }

    /// Whether the step runs on day `d` (0 = Monday).
    pub fn has(&self, d: usize) -> bool {
        self.is_every_day() || self.0 & (1 << d) != 0
    }

    /// From the printout's words: "Mon-Fri", "Sat, Sun", "mon wed fri", "weekdays",
    /// "weekends"; blank is every day.
    pub fn parse(text: &str) -> Result<WeekDays, FieldProblem> {
        let day = |word: &str| -> Option<usize> {
            let w = word.trim().to_ascii_lowercase();
            (w.len() >= 2)
                .then(|| {
                    WEEKDAY_NAMES.iter().position(|full| {
                        full.get(..w.len())
                            .is_some_and(|p| p.eq_ignore_ascii_case(&w))
                    })
                })
                .flatten()
        };
        let mut bits = 0u8;
        for part in text
            .split([',', ';', '/', ' ', '&'])
            .map(str::trim)
            .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("and"))
        {
            let lower = part.to_ascii_lowercase();
            if lower == "weekdays" {
                bits |= 0b001_1111;
            } else if lower == "weekends" || lower == "weekend" {
                bits |= 0b110_0000;
            } else if let Some((from, to)) = part.split_once(['-', '–']) {
                let (Some(a), Some(b)) = (day(from), day(to)) else {
                    return Err(FieldProblem::Weekdays);
                };
                let mut d = a;
                loop {
                    bits |= 1 << d;
                    if d == b {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            } else if let Some(d) = day(part) {
                bits |= 1 << d;
            } else {
                return Err(FieldProblem::Weekdays);
            }
        }
        Ok(WeekDays(if bits == Self::ALL { 0 } else { bits }))
    }
}

/// "Mon–Fri", "Sat, Sun" or "" (every day).
impl std::fmt::Display for WeekDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_every_day() {
            return Ok(());
        }
        let on: Vec<usize> = (0..7).filter(|d| self.0 & (1 << d) != 0).collect();
        let run = on.len() >= 3 && on.windows(2).all(|w| w[1] == w[0] + 1);
        if run {
            write!(f, "{}-{}", DAY_NAMES[on[0]], DAY_NAMES[on[on.len() - 1]])
        } else {
            let names: Vec<&str> = on.iter().map(|d| DAY_NAMES[*d]).collect();
            write!(f, "{}", names.join(", "))
        }
    }
}

/// What a flex program delivers on average per day: one day's steps, or with weekday
/// programs the week's total over 7 days (the printout's average daily dose, reference §2).
/// None when empty, when two steps of one day start together, or when a day has no step.
pub fn flex_daily_dose(steps: &[FlexStep]) -> Option<super::refill::DailyDose> {
    let days: Vec<Vec<(u16, Fixed3)>> = (0..7)
        .map(|d| {
            steps
                .iter()
                .filter(|s| s.days.has(d))
                .map(|s| (s.start_minute, s.rate_mcg_per_hour))
                .collect()
        })
        .collect();
    super::refill::DailyDose::weekly_average(&days)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Drug {
    pub name: String,
    pub source: DrugSource,
    pub concentration_mcg_per_ml: Option<Fixed3>,
    /// The average daily dose from the printout.
    pub daily_dose_mcg_per_day: Option<Fixed3>,
    pub flex_steps: Vec<FlexStep>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refill {
    #[serde(deserialize_with = "crate::dates::de_date")]
    pub date: NaiveDate,
    pub volume_ml: Fixed3,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pump {
    pub model: PumpModel,
    /// The UDI as pasted from the implant card (GS1), kept as typed.
    pub udi: String,
    pub serial_number: String,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub implant_date: Option<NaiveDate>,
    pub site: PumpSite,
    pub catheter: Catheter,
    pub reservoir_ml: Option<Fixed3>,
    pub alarm_volume_ml: Option<Fixed3>,
    pub drug: Drug,
    pub last_refill: Option<Refill>,
    /// From the clinic printout: these win over any estimate.
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub printout_alarm_date: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub next_refill_appointment: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub eri_date: Option<NaiveDate>,
    /// A replacement date the clinic gave, if any (wins when earlier than the rule).
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub replacement_date: Option<NaiveDate>,
    pub mri_notes: String,
    /// Earlier refills, newest first (the current one is `last_refill`).
    pub refill_history: Vec<RefillRecord>,
    /// The day of the last refill, dose change or concentration change as recorded before
    /// 2026-12-07 (kept so an older file keeps its watch). The watch now follows the card's own
    /// dates: `last_refill` and `dose_changed_on` (§5, [`crate::countdown::overdose_watch`]).
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub overdose_watch_since: Option<NaiveDate>,
    /// The day the dose, the concentration or the flex schedule last changed (in the pump
    /// form: the day it was saved; at a refill: the refill's day). The EMS card shows it, and
    /// the overdose watch runs from it (§5, §6).
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub dose_changed_on: Option<NaiveDate>,
}

/// A refill as recorded after a clinic visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefillRecord {
    pub refill: Refill,
    pub concentration_mcg_per_ml: Option<Fixed3>,
    pub daily_dose_mcg_per_day: Option<Fixed3>,
    #[serde(default, deserialize_with = "crate::dates::de_opt_date")]
    pub printout_alarm_date: Option<NaiveDate>,
}

/// Badge colours for telling children apart. Each passes WCAG AA (>= 4.5:1) with white text.
pub const CHILD_COLOURS: [&str; 6] = [
    "#1d4ed8", // blue
    "#7e22ce", // purple
    "#047857", // green
    "#9a3412", // rust
    "#be185d", // pink
    "#0e7490", // teal
];

impl Child {
    /// The initial shown in the child's badge: first letter of the name, upper-cased.
    pub fn initial(&self) -> String {
        self.name
            .trim()
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_else(|| "?".to_string())
    }

    pub fn colour_hex(&self) -> &'static str {
        CHILD_COLOURS[self.colour % CHILD_COLOURS.len()]
    }
}

/// Most steps a written plan may have, and longest step: a plan is read in an emergency.
pub const MAX_PLAN_STEPS: usize = 30;
pub const MAX_PLAN_STEP_CHARS: usize = 500;

/// The steps in text pasted or typed from the clinic's plan: one per line, blank lines and
/// list numbers ("1.", "2)") dropped. A number that is part of the step stays: "10 mg
/// diazepam" and "1.5 mL" are kept whole.
pub fn plan_step_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| strip_list_number(l.trim()).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// "3. Call the clinic" -> "Call the clinic"; "3.5 mL" and "10 mg" are left alone.
fn strip_list_number(line: &str) -> &str {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return line;
    }
    let rest = &line[digits..];
    match rest.strip_prefix(['.', ')']) {
        Some(after) if after.is_empty() || after.starts_with(char::is_whitespace) => after,
        _ => line,
    }
}

/// The clinic's plan as typed, one step per line (blank lines and list numbers dropped).
pub fn plan_steps_from_text(text: &str) -> Result<Vec<String>, String> {
    let steps = plan_step_lines(text);
    if steps.len() > MAX_PLAN_STEPS {
        return Err(format!(
            "At most {MAX_PLAN_STEPS} steps: keep the plan short enough to read in an emergency."
        ));
    }
    if let Some(long) = steps
        .iter()
        .position(|s| s.chars().count() > MAX_PLAN_STEP_CHARS)
    {
        return Err(format!(
            "Step {} is too long: at most {MAX_PLAN_STEP_CHARS} characters.",
            long + 1
        ));
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::Family;

    #[test]
    fn initial_is_first_letter_upper_cased() {
        let mut family = Family::default();
        let id = family.add_child("  élodie ");
        assert_eq!(family.child(id).unwrap().initial(), "É");
        assert_eq!(family.child(id).unwrap().name, "élodie");
    }

    #[test]
    fn each_child_gets_its_own_id_and_colour() {
        let mut family = Family::default();
        let a = family.add_child("Maya");
        let b = family.add_child("Sam");
        assert_ne!(a, b);
        assert_ne!(
            family.child(a).unwrap().colour,
            family.child(b).unwrap().colour
        );
    }

    #[test]
    fn saving_stamps_last_updated_and_keeps_identity() {
        let mut family = Family::default();
        let day1 = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let day2 = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let id = family.save_child(
            Child {
                name: "Maya".into(),
                ..Child::default()
            },
            Some(day1),
        );
        let mut edited = family.child(id).unwrap().clone();
        let colour = edited.colour;
        edited.colour = 5;
        edited.diagnoses = "Cerebral palsy".into();
        assert_eq!(family.save_child(edited, Some(day2)), id);
        let saved = family.child(id).unwrap();
        assert_eq!(saved.last_updated, Some(day2));
        assert_eq!(saved.colour, colour, "a child's colour never changes");
        assert_eq!(family.children.len(), 1);
    }

    #[test]
    fn removed_child_can_be_restored_in_place() {
        let mut family = Family::default();
        family.add_child("A");
        let b = family.add_child("B");
        family.add_child("C");
        let (index, child) = family.remove_child(b).unwrap();
        assert_eq!(family.children.len(), 2);
        assert!(family.restore_child(index, child.clone()));
        assert_eq!(family.children[1].name, "B");
        assert!(
            !family.restore_child(index, child),
            "no duplicate on double undo"
        );
    }

    #[test]
    fn pump_model_keys_round_trip() {
        for (key, _) in PumpModel::CHOICES {
            let model = PumpModel::from_key(key, "Codman 3000").unwrap();
            assert_eq!(model.key(), key);
        }
        assert_eq!(
            PumpModel::from_key("other", " SynchroMed EL ")
                .unwrap()
                .display_name(),
            "SynchroMed EL"
        );
        assert!(PumpModel::from_key("nonsense", "").is_none());
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;

    #[test]
    fn plan_text_becomes_ordered_steps() {
        let steps =
            plan_steps_from_text("1. Call the clinic\n\n2) Give oral baclofen 5 mg\nGo to ER")
                .unwrap();
        assert_eq!(
            steps,
            vec!["Call the clinic", "Give oral baclofen 5 mg", "Go to ER"]
        );
        assert!(plan_steps_from_text(&"x\n".repeat(31)).is_err());
        // A dose at the start of a step is part of it, not a list number.
        assert_eq!(
            plan_step_lines("1. Give 10 mg diazepam\n10 mg diazepam rectally\n2) 1.5 mL oral baclofen\n3.\n4)Call"),
            vec![
                "Give 10 mg diazepam",
                "10 mg diazepam rectally",
                "1.5 mL oral baclofen",
                "4)Call"
            ]
        );
        assert!(plan_steps_from_text(&"y".repeat(501))
            .unwrap_err()
            .contains("Step 1"));
    }
}
