//! The device-card forms as data: which fields exist, their labels and units, and the rules
//! that turn what was typed into a `Child`. The view renders these specs and shows the
//! messages returned here next to each field; nothing invalid ever becomes a `Child`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::countdown::{
    format_day_list, parse_book_refill_days, parse_day_list, parse_overdose_watch_hours,
    parse_review_days,
};
use super::family::FamilySettings;
use super::field_id::FieldId as F;
use super::problems::{ChangeAsk, DrugChange, DrugQuantity, FieldMap, FieldProblem as P, FlexAsk};
use super::profile::{
    flex_daily_dose, plan_step_lines, CareTeamMember, Child, Contact, DrugSource, FlexStep,
    LatexAllergy, Medicine, PrnMedicine, Pump, PumpModel, PumpSite, Refill, WeekDays,
    WEEKDAY_NAMES,
};
use super::profile::{MAX_PLAN_STEPS, MAX_PLAN_STEP_CHARS};
use super::units::{Fixed3, Ratio};

/// What was typed, by field id. Every value is the raw text of its input.
pub type Draft = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// Cannot be after today (birth, implant, refill, weighing).
    PastOrToday,
    /// From the clinic printout: may be past or future.
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Multiline,
    Phone,
    Date(DateRule),
    /// A decimal number with its unit shown beside the input.
    Number {
        unit: &'static str,
    },
    /// A clock time (HH:MM), for flex-dosing steps.
    Time,
    /// A whole number with its unit shown beside the input; its range is the form's own rule.
    Whole {
        unit: &'static str,
    },
    Choice(&'static [(&'static str, &'static str)]),
    Checkbox,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub hint: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormSection {
    pub title: &'static str,
    pub fields: Vec<FieldSpec>,
    /// Set for a list (medicines, contacts, flex steps): its fields come item by item, and
    /// the form offers "Add" and "Remove" for them.
    pub list: Option<ListSpec>,
}

/// A list in a form. Item `n` (from 1) has the fields `{prefix}{n}_{suffix}`; how many items
/// the form shows is kept in the draft (`{prefix}_count`), from `min` up to `max`, so a card
/// with six medicines shows six, and nothing is cut short on an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListSpec {
    pub prefix: &'static str,
    /// "medicine": the buttons say "Add a medicine", "Remove medicine 2".
    pub noun: &'static str,
    pub suffixes: &'static [&'static str],
    pub min: usize,
    pub max: usize,
}

pub const MEDICINES: ListSpec = ListSpec {
    prefix: "med",
    noun: "medicine",
    suffixes: &["name", "dose", "schedule"],
    min: 3,
    max: 40,
};
pub const PRN_MEDICINES: ListSpec = ListSpec {
    prefix: "prn",
    noun: "emergency medicine",
    suffixes: &["name", "dose", "when"],
    min: 2,
    max: 10,
};
pub const CONTACTS: ListSpec = ListSpec {
    prefix: "contact",
    noun: "contact",
    suffixes: &["name", "relation", "phone", "other_phone"],
    min: 3,
    max: 12,
};
/// The steps of the clinic's written plan (at most `MAX_PLAN_STEPS`, as read in an emergency).
pub const PLAN_STEPS: ListSpec = ListSpec {
    prefix: "step",
    noun: "step",
    suffixes: &["text"],
    min: 3,
    max: MAX_PLAN_STEPS,
};
/// The rest of the care team beyond the pump clinic, primary care and neurosurgeon.
pub const CARE_TEAM: ListSpec = ListSpec {
    prefix: "provider",
    noun: "care-team member",
    suffixes: &["role", "name", "phone"],
    min: 1,
    max: 20,
};
/// SynchroMed II runs up to 13 flex-dosing steps a day (reference §2, [M5]).
pub const FLEX_STEPS: ListSpec = ListSpec {
    prefix: "flex",
    noun: "flex-dosing step",
    suffixes: &["start", "days", "rate"],
    min: 4,
    max: 13,
};

impl ListSpec {
    pub fn count_key(&self) -> String {
        format!("{}_count", self.prefix)
    }

    /// How many items the form shows now.
    pub fn count(&self, draft: &Draft) -> usize {
        draft
            .get(&self.count_key())
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(0)
            .clamp(self.min, self.max)
    }

    pub fn key(&self, n: usize, suffix: &str) -> String {
        format!("{}{n}_{suffix}", self.prefix)
    }

    /// One more empty item, up to `max`. False when the list is full.
    pub fn add(&self, draft: &mut Draft) -> bool {
        let count = self.count(draft);
        if count >= self.max {
            return false;
        }
        draft.insert(self.count_key(), (count + 1).to_string());
        true
    }

    /// Removes item `n`: the items after it move up one place. Returns every field whose
    /// value changed (the form re-creates those inputs with their new values).
    pub fn remove(&self, draft: &mut Draft, n: usize) -> Vec<String> {
        let count = self.count(draft);
        let mut changed = Vec::new();
        if n == 0 || n > count {
            return changed;
        }
        for i in n..=count {
            for suffix in self.suffixes {
                let key = self.key(i, suffix);
                match draft.get(&self.key(i + 1, suffix)).cloned() {
                    Some(next) if i < count => {
                        draft.insert(key.clone(), next);
                    }
                    _ => {
                        draft.remove(&key);
                    }
                }
                changed.push(key);
            }
        }
        draft.insert(self.count_key(), (count - 1).max(self.min).to_string());
        changed
    }

    /// Puts `items` (each its values in `suffixes` order) into the draft, with the count.
    fn fill<const N: usize>(&self, draft: &mut Draft, items: impl Iterator<Item = [String; N]>) {
        let mut len = 0;
        for (i, values) in items.enumerate() {
            len = i + 1;
            for (suffix, value) in self.suffixes.iter().zip(values) {
                put(draft, self.key(len, suffix), value);
            }
        }
        draft.insert(self.count_key(), len.clamp(self.min, self.max).to_string());
    }

    /// The items typed, each its values in `suffixes` order; wholly empty items are skipped.
    fn items(&self, draft: &Draft) -> Vec<Vec<String>> {
        (1..=self.count(draft))
            .map(|n| {
                self.suffixes
                    .iter()
                    .map(|suffix| text(draft, self.key(n, suffix)))
                    .collect::<Vec<_>>()
            })
            .filter(|values| values.iter().any(|v| !v.is_empty()))
            .collect()
    }
}

/// Which of the device-card forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CardForm {
    Child,
    Pump,
    /// Recording a refill after a clinic visit (few fields, few taps).
    Refill,
    /// The clinic's written emergency action plan, step by step.
    Plan,
    /// The family's settings: reminder lead times, the overdose watch, the emergency number.
    /// Open beside a device-card form (its own slot in the model), never in its place.
    Settings,
}

pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_MULTILINE_CHARS: usize = 2000;
/// Earliest date any field accepts; anything before is a typo (wrong century).
pub const EARLIEST_DATE: (i32, u32, u32) = (1900, 1, 1);
/// Printout dates may lie ahead, but not more than this many years.
pub const MAX_YEARS_AHEAD: i32 = 10;

/// Typical ranges: warn, never block (reference §2).
pub const TYPICAL_CONCENTRATION_MCG_PER_ML: (u64, u64) = (50, 3000);
pub const TYPICAL_DOSE_MCG_PER_DAY: (u64, u64) = (10, 2000);

const LATEX_CHOICES: [(&str, &str); 3] = [
    ("unknown", "Not known"),
    ("yes", "Yes: latex allergy"),
    ("no", "No latex allergy"),
];

fn field(id: impl AsRef<str>, label: &str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        id: id.as_ref().to_string(),
        label: label.to_string(),
        kind,
        required: false,
        hint: None,
    }
}

fn required(mut spec: FieldSpec) -> FieldSpec {
    spec.required = true;
    spec
}

fn hinted(mut spec: FieldSpec, hint: &'static str) -> FieldSpec {
    spec.hint = Some(hint);
    spec
}

fn number(id: impl AsRef<str>, label: &str, unit: &'static str) -> FieldSpec {
    field(id, label, FieldKind::Number { unit })
}

fn past_date(id: F, label: &str) -> FieldSpec {
    field(id, label, FieldKind::Date(DateRule::PastOrToday))
}

/// The sections of a form with its lists at their shortest, in the order a parent copies
/// them from the paperwork.
pub fn sections(form: CardForm) -> Vec<FormSection> {
    sections_for(form, &Draft::new())
}

/// The sections of a form as `draft` has it: each list with as many items as it holds. Without
/// the saved child, no 2x-change confirm box (see [`sections_with`]).
pub fn sections_for(form: CardForm, draft: &Draft) -> Vec<FormSection> {
    sections_with(form, draft, None)
}

/// The sections of a form as `draft` has it, for editing `child` (the saved card): the pump
/// and refill forms show the box that confirms a 2x change of dose or concentration only when
/// the draft makes one against the saved card (the save needs it ticked then).
pub fn sections_with(form: CardForm, draft: &Draft, child: Option<&Child>) -> Vec<FormSection> {
    let all = match form {
        CardForm::Child => child_sections(draft),
        CardForm::Pump => pump_sections(draft, child),
        CardForm::Refill => refill_sections(draft, child),
        CardForm::Plan => plan_sections(draft),
        CardForm::Settings => settings_sections(),
    };
    // A section shown only in some cases (the flex check) is left out when empty.
    all.into_iter()
        .filter(|s| s.list.is_some() || !s.fields.is_empty())
        .collect()
}

fn child_sections(draft: &Draft) -> Vec<FormSection> {
    let mut medicines = Vec::new();
    for n in 1..=MEDICINES.count(draft) {
        medicines.push(field(
            format!("med{n}_name"),
            &format!("Medicine {n}"),
            FieldKind::Text,
        ));
        medicines.push(field(
            format!("med{n}_dose"),
            &format!("Medicine {n} dose"),
            FieldKind::Text,
        ));
        medicines.push(field(
            format!("med{n}_schedule"),
            &format!("Medicine {n} schedule"),
            FieldKind::Text,
        ));
    }
    let mut prn = Vec::new();
    for n in 1..=PRN_MEDICINES.count(draft) {
        prn.push(hinted(
            field(
                format!("prn{n}_name"),
                &format!("Emergency medicine {n}"),
                FieldKind::Text,
            ),
            "For example oral baclofen or diazepam, as prescribed.",
        ));
        prn.push(field(
            format!("prn{n}_dose"),
            &format!("Emergency medicine {n} dose"),
            FieldKind::Text,
        ));
        prn.push(field(
            format!("prn{n}_when"),
            &format!("Emergency medicine {n}: when to give"),
            FieldKind::Text,
        ));
    }
    let mut contacts = Vec::new();
    for n in 1..=CONTACTS.count(draft) {
        let who = if n == 1 {
            "Contact 1 (parent or guardian)".to_string()
        } else {
            format!("Contact {n}")
        };
        contacts.push(field(
            format!("contact{n}_name"),
            &format!("{who} name"),
            FieldKind::Text,
        ));
        contacts.push(field(
            format!("contact{n}_relation"),
            &format!("Contact {n} relation"),
            FieldKind::Text,
        ));
        contacts.push(field(
            format!("contact{n}_phone"),
            &format!("Contact {n} phone"),
            FieldKind::Phone,
        ));
        contacts.push(field(
            format!("contact{n}_other_phone"),
            &format!("Contact {n} second phone"),
            FieldKind::Phone,
        ));
    }
    let mut care_team = Vec::new();
    for n in 1..=CARE_TEAM.count(draft) {
        care_team.push(hinted(
            field(
                CARE_TEAM.key(n, "role"),
                &format!("Care-team member {n}: role"),
                FieldKind::Text,
            ),
            "For example physiatrist, respite nurse or pharmacy.",
        ));
        care_team.push(field(
            CARE_TEAM.key(n, "name"),
            &format!("Care-team member {n}: name"),
            FieldKind::Text,
        ));
        care_team.push(field(
            CARE_TEAM.key(n, "phone"),
            &format!("Care-team member {n}: phone"),
            FieldKind::Phone,
        ));
    }
    vec![
        FormSection {
            title: "Child",
            list: None,
            fields: vec![
                required(field(F::Name, "Child's name", FieldKind::Text)),
                required(past_date(F::DateOfBirth, "Date of birth")),
                number(F::WeightKg, "Weight", "kg"),
                past_date(F::WeightDate, "Date weighed"),
                field(F::Diagnoses, "Diagnoses", FieldKind::Multiline),
                field(F::MedicalId, "Medical ID bracelet or card", FieldKind::Text),
            ],
        },
        FormSection {
            title: "Baseline (how your child usually is)",
            list: None,
            fields: vec![
                field(
                    F::NeuroStatus,
                    "Neurological and mental status",
                    FieldKind::Multiline,
                ),
                field(F::Mobility, "Mobility", FieldKind::Text),
                field(F::Communication, "Communication", FieldKind::Text),
                field(F::NonVerbal, "Non-verbal", FieldKind::Checkbox),
                field(F::VitalSigns, "Baseline vital signs", FieldKind::Text),
            ],
        },
        FormSection {
            title: "Allergies",
            list: None,
            fields: vec![
                field(F::AllergyDrug, "Drug allergies", FieldKind::Text),
                field(F::AllergyFood, "Food allergies", FieldKind::Text),
                field(
                    F::AllergyLatex,
                    "Latex allergy",
                    FieldKind::Choice(&LATEX_CHOICES),
                ),
            ],
        },
        FormSection {
            title: "Current medicines",
            fields: medicines,
            list: Some(MEDICINES),
        },
        FormSection {
            title: "Emergency (PRN) medicines",
            fields: prn,
            list: Some(PRN_MEDICINES),
        },
        FormSection {
            title: "Guardians and emergency contacts",
            fields: contacts,
            list: Some(CONTACTS),
        },
        FormSection {
            title: "Doctors and hospital",
            list: None,
            fields: vec![
                field(
                    F::ClinicName,
                    "Pump clinic or managing physician",
                    FieldKind::Text,
                ),
                field(F::ClinicPhone, "Pump clinic phone", FieldKind::Phone),
                field(
                    F::ClinicAfterHours,
                    "Pump clinic after-hours phone",
                    FieldKind::Phone,
                ),
                field(F::PrimaryName, "Primary care provider", FieldKind::Text),
                field(F::PrimaryPhone, "Primary care phone", FieldKind::Phone),
                field(F::NeurosurgeonName, "Neurosurgeon", FieldKind::Text),
                field(F::NeurosurgeonPhone, "Neurosurgeon phone", FieldKind::Phone),
                field(F::Hospital, "Preferred hospital", FieldKind::Text),
            ],
        },
        FormSection {
            title: "Other doctors and services",
            fields: care_team,
            list: Some(CARE_TEAM),
        },
        FormSection {
            title: "Care instructions",
            list: None,
            fields: vec![
                field(
                    F::ProceduresToAvoid,
                    "Procedures to avoid",
                    FieldKind::Multiline,
                ),
                field(
                    F::ActivityRestrictions,
                    "Activity and positioning restrictions",
                    FieldKind::Multiline,
                ),
                field(F::FeverProtocol, "Fever protocol", FieldKind::Multiline),
                hinted(
                    field(
                        F::OverdoseSigns,
                        "Your child's own signs of overdose: call the pump clinic",
                        FieldKind::Multiline,
                    ),
                    "One sign per line, as the clinic's plan words it.",
                ),
                hinted(
                    field(
                        F::OverdoseSigns911,
                        "Your child's own signs of overdose: call emergency services (only if the clinic's plan says so)",
                        FieldKind::Multiline,
                    ),
                    "One sign per line. The symptom checker says to call emergency services now for these.",
                ),
                hinted(
                    field(
                        F::WithdrawalSigns,
                        "Your child's own signs of withdrawal: call the pump clinic",
                        FieldKind::Multiline,
                    ),
                    "One sign per line, as the clinic's plan words it.",
                ),
                hinted(
                    field(
                        F::WithdrawalSigns911,
                        "Your child's own signs of withdrawal: call emergency services (only if the clinic's plan says so)",
                        FieldKind::Multiline,
                    ),
                    "One sign per line. The symptom checker says to call emergency services now for these.",
                ),
            ],
        },
    ]
}

/// The box that confirms flex steps whose sum differs from the daily dose (shown only then).
pub const FLEX_CONFIRMED: F = F::FlexConfirmed;
pub const FLEX_CONFIRM_LABEL: &str =
    "The printout gives these steps and this daily dose: keep both";

/// The flex steps' daily sum when it differs from the entered daily dose by more than
/// 1 mcg/day (compared exactly), as text with one decimal.
pub fn flex_mismatch(steps: &[FlexStep], dose: Fixed3) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let sum = flex_daily_dose(steps)?.as_ratio();
    let entered = Ratio {
        numerator: u128::from(dose.thousandths()),
        denominator: 1000,
    };
    // |sum - entered| > 1 mcg/day.
    let lhs = sum.numerator * entered.denominator;
    let rhs = entered.numerator * sum.denominator;
    let tolerance = sum.denominator * entered.denominator;
    (lhs.abs_diff(rhs) > tolerance).then(|| sum.to_decimal_string(1))
}

/// The flex steps and daily dose as typed, when they differ (the confirm box is shown).
fn draft_flex_mismatch(draft: &Draft) -> bool {
    let Ok(dose) = get(draft, F::DailyDose).parse::<Fixed3>() else {
        return false;
    };
    let mut steps = Vec::new();
    for n in 1..=FLEX_STEPS.count(draft) {
        let start = parse_time(get(draft, format!("flex{n}_start")));
        let rate = get(draft, format!("flex{n}_rate")).parse::<Fixed3>();
        let days = WeekDays::parse(get(draft, format!("flex{n}_days")));
        if let (Ok(start_minute), Ok(rate_mcg_per_hour), Ok(days)) = (start, rate, days) {
            steps.push(FlexStep {
                start_minute,
                rate_mcg_per_hour,
                days,
            });
        }
    }
    crate::sorting::sort_by(&mut steps, |a, b| a.start_minute.cmp(&b.start_minute));
    flex_mismatch(&steps, dose).is_some()
}

/// The confirm box of a 2x change of dose or concentration in `form`, if it has one.
pub fn change_confirm_field(form: CardForm) -> Option<F> {
    match form {
        CardForm::Pump => Some(F::DrugChangeChecked),
        // Its key predates the dose check ("refill_concentration_checked"): a kept draft reads.
        CardForm::Refill => Some(F::RefillConcentrationChecked),
        _ => None,
    }
}

pub const CHANGE_CONFIRM_LABEL: &str =
    "I checked the new dose and concentration against the clinic printout";
const CHANGE_CONFIRM_HINT: &str = "Needed when the daily dose or the concentration changes by 2 times or more: 500 typed for 2000 mcg/mL is a 4 times error, and a mistyped number moves the refill dates by weeks.";

/// Whether `new` is at least twice `old` or at most half of it (§5: a change of 2x or more).
pub fn is_twofold(old: Fixed3, new: Fixed3) -> bool {
    let (old, new) = (u128::from(old.thousandths()), u128::from(new.thousandths()));
    new >= old * 2 || old >= new * 2
}

/// The changes of 2x or more that `draft` makes to the saved card's concentration and daily
/// dose (§5: "a change of 2x or more in the concentration OR the daily dose, in any form"),
/// each with the field it was typed in. None for a first pump (nothing to compare with).
pub fn twofold_changes(
    form: CardForm,
    draft: &Draft,
    child: Option<&Child>,
) -> Vec<(F, DrugChange)> {
    let Some(drug) = child.and_then(|c| c.pump.as_ref()).map(|p| &p.drug) else {
        return Vec::new();
    };
    let (concentration, dose) = match form {
        CardForm::Pump => (F::Concentration, F::DailyDose),
        CardForm::Refill => (F::RefillConcentration, F::RefillDose),
        _ => return Vec::new(),
    };
    [
        (
            concentration,
            DrugQuantity::Concentration,
            drug.concentration_mcg_per_ml,
        ),
        (dose, DrugQuantity::DailyDose, drug.daily_dose_mcg_per_day),
    ]
    .into_iter()
    .filter_map(|(field, quantity, old)| {
        let old = old.filter(|o| !o.is_zero())?;
        let new = opt_number(draft, field)?;
        is_twofold(old, new).then_some((field, DrugChange { quantity, old, new }))
    })
    .collect()
}

/// The confirm box, when the draft makes a 2x change (otherwise nothing is shown).
fn change_confirm_box(form: CardForm, draft: &Draft, child: Option<&Child>) -> Vec<FieldSpec> {
    match change_confirm_field(form) {
        Some(id) if !twofold_changes(form, draft, child).is_empty() => vec![hinted(
            field(id, CHANGE_CONFIRM_LABEL, FieldKind::Checkbox),
            CHANGE_CONFIRM_HINT,
        )],
        _ => Vec::new(),
    }
}

/// A 2x change is never saved unseen (§5): it blocks the save, on the changed field and on
/// the confirm box, until the box is ticked; then it stays as a caution on the field.
fn confirm_twofold_changes(
    form: CardForm,
    draft: &Draft,
    child: Option<&Child>,
    issues: &mut FormIssues,
) {
    let (Some(confirm), changes) = (
        change_confirm_field(form),
        twofold_changes(form, draft, child),
    ) else {
        return;
    };
    if changes.is_empty() {
        return;
    }
    let ticked = get(draft, confirm) == "true";
    let said = |changes: Vec<DrugChange>, ask| P::TwofoldChange { changes, ask };
    for (id, change) in &changes {
        if ticked {
            issues.warn(id, said(vec![*change], ChangeAsk::Confirmed));
        } else {
            // Said live beside the number as it is typed, and blocking once a save is tried.
            issues.warn(id, said(vec![*change], ChangeAsk::TickBelow));
            issues.error(id, said(vec![*change], ChangeAsk::TickBelow));
        }
    }
    if !ticked {
        let all: Vec<DrugChange> = changes.iter().map(|(_, c)| *c).collect();
        issues.warn(confirm, said(all.clone(), ChangeAsk::TickThis));
        issues.error(confirm, said(all, ChangeAsk::TickThis));
    }
}

fn pump_sections(draft: &Draft, child: Option<&Child>) -> Vec<FormSection> {
    let mut flex = Vec::new();
    for n in 1..=FLEX_STEPS.count(draft) {
        flex.push(field(
            format!("flex{n}_start"),
            &format!("Step {n} start time"),
            FieldKind::Time,
        ));
        let days = field(
            format!("flex{n}_days"),
            &format!("Step {n} days"),
            FieldKind::Text,
        );
        flex.push(if n == 1 {
            hinted(days, "Blank: every day. Or the days from the printout when the program varies by weekday, for example Mon-Fri or Sat, Sun [M5].")
        } else {
            days
        });
        flex.push(number(
            format!("flex{n}_rate"),
            &format!("Step {n} rate"),
            "mcg/h",
        ));
    }
    vec![
        FormSection {
            title: "Pump",
            list: None,
            fields: vec![
                required(field(F::PumpModel, "Pump model", FieldKind::Choice(&PumpModel::CHOICES))),
                field(F::PumpModelOther, "Other pump model", FieldKind::Text),
                hinted(
                    field(F::Udi, "UDI from the implant card or box", FieldKind::Text),
                    "Paste or type the code under the barcode, e.g. (01)...(21)...: it fills the serial number.",
                ),
                hinted(
                    field(F::SerialNumber, "Serial number", FieldKind::Text),
                    "From the implant card (SN).",
                ),
                past_date(F::ImplantDate, "Implant date"),
                required(field(F::PumpSite, "Pump site", FieldKind::Choice(&PumpSite::CHOICES))),
                field(F::PumpSiteOther, "Other pump site", FieldKind::Text),
                field(F::CatheterModel, "Catheter model", FieldKind::Text),
                hinted(
                    field(F::CatheterTip, "Catheter tip level", FieldKind::Text),
                    "For example T10.",
                ),
                past_date(F::CatheterDate, "Catheter placed on"),
                number(F::ReservoirMl, "Reservoir volume", "mL"),
                number(F::AlarmVolumeMl, "Low-reservoir alarm volume", "mL"),
                field(F::MriNotes, "MRI notes", FieldKind::Multiline),
            ],
        },
        FormSection {
            title: "Drug and dose (from the clinic printout)",
            list: None,
            fields: vec![
                field(F::DrugName, "Drug name", FieldKind::Text),
                field(F::DrugSource, "Drug source", FieldKind::Choice(&DrugSource::CHOICES)),
                required(hinted(
                    number(F::Concentration, "Concentration", "mcg/mL"),
                    "Micrograms per millilitre, as on the printout: 500, 1000 or 2000 are common. 1 mg/mL = 1000 mcg/mL.",
                )),
                required(hinted(
                    number(F::DailyDose, "Daily dose", "mcg/day"),
                    "Micrograms per day: the average daily dose on the printout.",
                )),
            ]
            .into_iter()
            .chain(change_confirm_box(CardForm::Pump, draft, child))
            .collect(),
        },
        FormSection {
            title: "Flex dosing steps (optional)",
            fields: flex,
            list: Some(FLEX_STEPS),
        },
        FormSection {
            title: "Check the flex steps",
            list: None,
            fields: if draft_flex_mismatch(draft) {
                vec![field(FLEX_CONFIRMED, FLEX_CONFIRM_LABEL, FieldKind::Checkbox)]
            } else {
                Vec::new()
            },
        },
        FormSection {
            title: "Refill and printout dates",
            list: None,
            fields: vec![
                past_date(F::LastRefillDate, "Last refill date"),
                number(F::LastRefillVolume, "Volume filled", "mL"),
                hinted(
                    field(
                        F::PrintoutAlarmDate,
                        "Low-reservoir alarm date (printout)",
                        FieldKind::Date(DateRule::Any),
                    ),
                    "Copy it from the clinic printout: it wins over the app's estimate.",
                ),
                field(
                    F::NextAppointment,
                    "Next refill appointment",
                    FieldKind::Date(DateRule::Any),
                ),
                field(
                    F::EriDate,
                    "The pump's replacement alarm (ERI) date",
                    FieldKind::Date(DateRule::Any),
                ),
                hinted(
                    field(
                        F::ReplacementDate,
                        "Replacement date from the clinic",
                        FieldKind::Date(DateRule::Any),
                    ),
                    "Only if the clinic gave you one.",
                ),
            ],
        },
    ]
}

fn refill_sections(draft: &Draft, child: Option<&Child>) -> Vec<FormSection> {
    vec![FormSection {
        title: "Refill",
        list: None,
        fields: vec![
            required(past_date(F::RefillDate, "Refill date")),
            required(number(F::RefillVolume, "Volume filled", "mL")),
            hinted(
                field(
                    F::RefillAlarmDate,
                    "New low-reservoir alarm date (printout)",
                    FieldKind::Date(DateRule::Any),
                ),
                "From the printout the clinic gave you today. Without it the app shows its estimate.",
            ),
            hinted(
                number(F::RefillConcentration, "New concentration", "mcg/mL"),
                "Only if it changed.",
            ),
            hinted(
                number(F::RefillDose, "New daily dose", "mcg/day"),
                "Only if it changed.",
            ),
        ]
        .into_iter()
        .chain(change_confirm_box(CardForm::Refill, draft, child))
        .collect(),
    }]
}

fn plan_sections(draft: &Draft) -> Vec<FormSection> {
    let steps = (1..=PLAN_STEPS.count(draft))
        .map(|n| {
            let step = field(
                PLAN_STEPS.key(n, "text"),
                &format!("Step {n}"),
                FieldKind::Multiline,
            );
            if n == 1 {
                hinted(step, "Copy the words of the clinic's written plan exactly, one step per box. A plan pasted into one box is split into steps, one per line, when saved.")
            } else {
                step
            }
        })
        .collect();
    vec![FormSection {
        title: "Steps from the clinic's plan, in order",
        fields: steps,
        list: Some(PLAN_STEPS),
    }]
}

/// The plan form filled from the saved plan, one step per item.
pub fn plan_draft(child: &Child) -> Draft {
    let mut d = Draft::new();
    PLAN_STEPS.fill(&mut d, child.plan_steps.iter().map(|s| [s.clone()]));
    d
}

/// The child with the plan as typed: each item's lines become steps (a pasted plan splits),
/// empty items are skipped; at most `MAX_PLAN_STEPS` steps of `MAX_PLAN_STEP_CHARS` each.
pub fn plan_from_draft(
    draft: &Draft,
    base: &Child,
    today: NaiveDate,
) -> Result<(Child, FormIssues), FormIssues> {
    let mut issues = FormIssues::default();
    check_fields(CardForm::Plan, draft, None, today, &mut issues);
    let mut steps = Vec::new();
    for n in 1..=PLAN_STEPS.count(draft) {
        let key = PLAN_STEPS.key(n, "text");
        let lines = if get(draft, &key).contains('\n') {
            plan_step_lines(get(draft, &key))
        } else {
            // One step typed in its own box keeps its words as they are.
            Some(text(draft, &key))
                .filter(|t| !t.trim().is_empty())
                .into_iter()
                .collect()
        };
        if lines
            .iter()
            .any(|l| l.chars().count() > MAX_PLAN_STEP_CHARS)
        {
            issues.error(
                &key,
                P::StepTooLong {
                    max: MAX_PLAN_STEP_CHARS,
                },
            );
        }
        steps.extend(lines);
        if steps.len() > MAX_PLAN_STEPS {
            issues.error(
                &key,
                P::TooManySteps {
                    max: MAX_PLAN_STEPS,
                },
            );
            break;
        }
    }
    if !issues.is_ok() {
        return Err(issues);
    }
    let mut child = base.clone();
    child.plan_steps = steps;
    Ok((child, issues))
}

fn settings_sections() -> Vec<FormSection> {
    let section = |title, fields| FormSection {
        title,
        fields,
        list: None,
    };
    vec![
        section(
            "When to remind",
            vec![
                hinted(
                    field(F::SettingsRefill, "Days before the refill-by date", FieldKind::Text),
                    "Separate with commas. Default: 14, 7, 3, 1.",
                ),
                field(
                    F::SettingsAlarm,
                    "Remind on the low-reservoir alarm date",
                    FieldKind::Checkbox,
                ),
                hinted(
                    field(
                        F::SettingsReplace,
                        "Days before the pump replacement deadline",
                        FieldKind::Text,
                    ),
                    "Default: 180, 90, 30.",
                ),
                field(
                    F::SettingsBook,
                    "Show \"Book the refill\" from this many days before the refill-by date",
                    FieldKind::Whole { unit: "days" },
                ),
            ],
        ),
        section(
            "Overdose watch",
            vec![hinted(
                field(
                    F::SettingsWatch,
                    "Watch for overdose signs after a refill or a dose change for",
                    FieldKind::Whole { unit: "hours" },
                ),
                "Overdose is most likely after a refill, a dose change or a concentration change. The app uses 72 hours; if your clinic's plan gives another time, use theirs. [L4][M11]",
            )],
        ),
        section(
            "Emergency number",
            vec![hinted(
                field(F::SettingsEmergency, "Emergency number to call", FieldKind::Phone),
                "911 in the US and Canada; 112, 999 or 000 elsewhere.",
            )],
        ),
        section(
            "Review period",
            vec![hinted(
                field(
                    F::SettingsReview,
                    "Check the card with the clinic, and count shared copies as current, for",
                    FieldKind::Whole { unit: "days" },
                ),
                "Default: 30. After this many days, the app reminds you to check the card, and copies you shared say they may be out of date.",
            )],
        ),
    ]
}

/// The Settings form filled from the saved settings, as the fields show them ("14, 7, 3, 1").
pub fn settings_draft(s: &FamilySettings) -> Draft {
    let r = &s.reminders;
    Draft::from([
        (
            F::SettingsRefill.key().into(),
            format_day_list(&r.refill_days_before),
        ),
        (F::SettingsAlarm.key().into(), r.on_alarm_date.to_string()),
        (
            F::SettingsReplace.key().into(),
            format_day_list(&r.replacement_days_before),
        ),
        (F::SettingsBook.key().into(), r.book_refill_days.to_string()),
        (
            F::SettingsWatch.key().into(),
            s.overdose_watch_hours.to_string(),
        ),
        (
            F::SettingsEmergency.key().into(),
            s.emergency_number.clone(),
        ),
        (F::SettingsReview.key().into(), r.review_days.to_string()),
    ])
}

/// The settings as typed, checked with the rules an imported file's settings meet too
/// (`core::check`); what the form does not show (look-ups, delivered reminders) is kept.
pub fn settings_from_draft(
    draft: &Draft,
    saved: &FamilySettings,
) -> Result<(FamilySettings, FormIssues), FormIssues> {
    let mut issues = FormIssues::default();
    let mut check = |id: F, r: Result<(), P>| {
        if let Err(p) = r {
            issues.error(id, p);
        }
    };
    let mut s = saved.clone();
    let r = &mut s.reminders;
    check(
        F::SettingsRefill,
        parse_day_list(get(draft, F::SettingsRefill)).map(|d| r.refill_days_before = d),
    );
    check(
        F::SettingsReplace,
        parse_day_list(get(draft, F::SettingsReplace)).map(|d| r.replacement_days_before = d),
    );
    check(
        F::SettingsBook,
        parse_book_refill_days(get(draft, F::SettingsBook)).map(|d| r.book_refill_days = d),
    );
    check(
        F::SettingsReview,
        parse_review_days(get(draft, F::SettingsReview)).map(|d| r.review_days = d),
    );
    r.on_alarm_date = get(draft, F::SettingsAlarm) == "true";
    // Hours of the overdose watch after a refill or a dose change (§5: 72 by default; the
    // clinic's plan wins).
    check(
        F::SettingsWatch,
        parse_overdose_watch_hours(get(draft, F::SettingsWatch))
            .map(|h| s.overdose_watch_hours = h),
    );
    let number = get(draft, F::SettingsEmergency);
    check(
        F::SettingsEmergency,
        // Digits and separators only: no hidden direction control gets through.
        check_phone(number).map(|n| s.emergency_number = n),
    );
    // Every "call 911" button dials it (§5): a number that is no national emergency number
    // the app knows is said, never refused (the list cannot hold every country's).
    if check_phone(number).is_ok() && !is_known_emergency_number(number) {
        issues.warn(
            F::SettingsEmergency,
            P::UnknownEmergencyNumber(number.to_string()),
        );
    }
    if issues.is_ok() {
        Ok((s, issues))
    } else {
        Err(issues)
    }
}

/// Records a refill: the previous one moves to the history, a changed concentration or dose
/// replaces the old, and the old printout alarm date is dropped (it belonged to the previous
/// fill) unless a new one is given.
pub fn refill_from_draft(
    draft: &Draft,
    child: &Child,
    today: NaiveDate,
) -> Result<(Pump, FormIssues), FormIssues> {
    let mut issues = FormIssues::default();
    check_fields(CardForm::Refill, draft, Some(child), today, &mut issues);
    let Some(pump) = child.pump.clone() else {
        issues.error(F::RefillDate, P::NoPump);
        return Err(issues);
    };
    let date = opt_date(draft, F::RefillDate, today);
    let volume = opt_number(draft, F::RefillVolume);
    let alarm = opt_date(draft, F::RefillAlarmDate, today);
    if let (Some(date), Some(previous)) = (date, pump.last_refill) {
        if date < previous.date {
            issues.error(F::RefillDate, P::RefillBeforeLastRefill(previous.date));
        }
    }
    if let (Some(date), Some(implant)) = (date, pump.implant_date) {
        if date < implant {
            issues.error(F::RefillDate, P::RefillBeforeImplant);
        }
    }
    if let (Some(v), Some(reservoir)) = (volume, pump.reservoir_ml) {
        if v > reservoir {
            issues.error(F::RefillVolume, P::MoreThanReservoir(reservoir));
        }
    }
    if let (Some(v), Some(alarm_volume)) = (volume, pump.alarm_volume_ml) {
        if v <= alarm_volume {
            issues.error(F::RefillVolume, P::NotMoreThanAlarmVolume);
        }
    }
    if let (Some(alarm), Some(date)) = (alarm, date) {
        if alarm <= date {
            issues.error(F::RefillAlarmDate, P::AlarmNotAfterRefill);
        }
    }
    let concentration = opt_number(draft, F::RefillConcentration);
    let dose = opt_number(draft, F::RefillDose);
    warn_unusual_drug(
        &mut issues,
        (F::RefillConcentration, concentration),
        (F::RefillDose, dose),
    );
    // A concentration or dose that changes by 2x or more at a refill is confirmed against the
    // printout before it is saved (§5: a 4x-style error risk, and overdose follows a change).
    confirm_twofold_changes(CardForm::Refill, draft, Some(child), &mut issues);
    let (Some(date), Some(volume_ml), true) = (date, volume, issues.is_ok()) else {
        return Err(issues);
    };
    let mut pump = pump;
    if let Some(previous) = pump.last_refill {
        pump.refill_history.insert(
            0,
            crate::profile::RefillRecord {
                refill: previous,
                concentration_mcg_per_ml: pump.drug.concentration_mcg_per_ml,
                daily_dose_mcg_per_day: pump.drug.daily_dose_mcg_per_day,
                printout_alarm_date: pump.printout_alarm_date,
            },
        );
    }
    pump.last_refill = Some(Refill { date, volume_ml });
    pump.printout_alarm_date = alarm;
    // Overdose is most likely after a refill (§5): the watch follows `last_refill`, and a new
    // dose or concentration is dated the refill's day.
    let changed = concentration.is_some_and(|c| Some(c) != pump.drug.concentration_mcg_per_ml)
        || dose.is_some_and(|d| Some(d) != pump.drug.daily_dose_mcg_per_day);
    if changed {
        pump.dose_changed_on = Some(date);
    }
    if concentration.is_some() {
        pump.drug.concentration_mcg_per_ml = concentration;
    }
    if dose.is_some() {
        pump.drug.daily_dose_mcg_per_day = dose;
        // A new average dose replaces the old flex schedule, which no longer adds up to it.
        pump.drug.flex_steps.clear();
    }
    // The booked visit this refill was: one on or before it, or one before the new refill
    // window opens (too early to be the next refill's). The loop is closed; a visit booked
    // for the next refill's window is kept.
    let new_alarm = alarm.or_else(|| super::countdown::estimate_for(&pump).map(|e| e.alarm_date));
    let opens = new_alarm
        .and_then(super::refill::refill_window)
        .map(|w| w.earliest);
    if pump
        .next_refill_appointment
        .is_some_and(|visit| visit <= date || opens.is_some_and(|o| visit < o))
    {
        pump.next_refill_appointment = None;
    }
    Ok((pump, issues))
}

/// The refill form, opened with today's date filled in.
pub fn refill_draft(today: NaiveDate) -> Draft {
    let mut d = Draft::new();
    put(&mut d, F::RefillDate, date_text(Some(today)));
    d
}

/// What the form says beside its fields, by field id: errors block saving, warnings only
/// inform. Values, not sentences (the app's `words::forms` says them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormIssues {
    pub errors: FieldMap,
    pub warnings: FieldMap,
}

impl FormIssues {
    fn error(&mut self, id: impl AsRef<str>, problem: P) {
        self.errors.insert_first(id, problem);
    }
    fn warn(&mut self, id: impl AsRef<str>, problem: P) {
        self.warnings.insert_first(id, problem);
    }
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What was typed in field `id` (a fixed field or a list item's key), trimmed.
fn get(draft: &Draft, id: impl AsRef<str>) -> &str {
    draft.get(id.as_ref()).map(|s| s.trim()).unwrap_or("")
}

fn text(draft: &Draft, id: impl AsRef<str>) -> String {
    get(draft, id).to_string()
}

fn lines(draft: &Draft, id: F) -> Vec<String> {
    get(draft, id)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(EARLIEST_DATE.0, EARLIEST_DATE.1, EARLIEST_DATE.2).expect("valid")
}

/// Characters that change the direction text is displayed in without being seen (embedding,
/// override and isolate controls): "RLO" can make "0001 mg" display as "1000 mg".
pub fn has_bidi_control(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    })
}

/// Parses a date as typed or as a date input gives it (YYYY-MM-DD), in a sane range.
pub fn parse_date(textual: &str, rule: DateRule, today: NaiveDate) -> Result<NaiveDate, P> {
    let date = super::dates::parse_iso_date(textual.trim()).ok_or(P::DateFormat)?;
    if date < earliest_date() {
        return Err(P::DateTooLongAgo(date));
    }
    match rule {
        DateRule::PastOrToday if date > today => Err(P::DateInFuture { today }),
        DateRule::Any if date.year() > today.year() + MAX_YEARS_AHEAD => Err(P::DateTooFarAhead {
            date,
            years: MAX_YEARS_AHEAD,
        }),
        _ => Ok(date),
    }
}

/// Plausible phone: digits with spaces, dashes, dots, brackets and a leading +; 3 to 15
/// digits (911 and 112 are 3, E.164 allows 15).
pub fn check_phone(textual: &str) -> Result<String, P> {
    let trimmed = textual.trim();
    let allowed = |c: char| c.is_ascii_digit() || " -.()".contains(c);
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if !body.chars().all(allowed) {
        return Err(P::PhoneCharacters);
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if !(3..=15).contains(&digits) {
        return Err(P::PhoneDigits);
    }
    Ok(trimmed.to_string())
}

/// National emergency numbers in use (ambulance, fire, police and general ones), to catch a
/// typo in Settings ("991", "11"): a warning only, never a refusal. Not clinical content and
/// not a directory: a family whose number is missing saves it anyway.
pub const KNOWN_EMERGENCY_NUMBERS: &[&str] = &[
    // General (North America, Europe and many others, UK, Australia, New Zealand).
    "911", "112", "999", "000", "111", //
    // East and South-East Asia (Japan, Korea, China, Taiwan, Vietnam, Thailand, Singapore).
    "110", "119", "120", "113", "114", "115", "191", "1669", "995", //
    // Europe (Italy, France, Spain, Switzerland, Austria, Czechia, Greece, Poland, Russia,
    // Ukraine, Turkey, Belgium, Norway).
    "15", "17", "18", "061", "100", "101", "102", "103", "116", "117", "118", "122", "133", "144",
    "150", "155", "158", "166", "997", "998", //
    // South Asia, Middle East, Africa (India, Pakistan, Israel, Egypt, South Africa).
    "108", "123", "1122", "10111", "10177", //
    // Latin America (Brazil, Mexico, Argentina, Chile, Peru).
    "190", "192", "193", "060", "065", "066", "080", "106", "107", "131", "132",
];

/// Whether `number` (spaces, dashes, dots and brackets ignored) is one of
/// [`KNOWN_EMERGENCY_NUMBERS`].
pub fn is_known_emergency_number(number: &str) -> bool {
    let digits: String = number
        .trim()
        .chars()
        .filter(|c| !" -.()".contains(*c))
        .collect();
    KNOWN_EMERGENCY_NUMBERS.contains(&digits.as_str())
}

/// A plausibility range for a child's weight at an age, in kg (to 0.1 kg): a check for a
/// typo (pounds for kg, a digit missing or extra), NOT a clinical fact. The clinical reference
/// has no growth chart, so the range is the team's, chosen far wider than any growth chart's
/// 1st to 99th percentile, to stay quiet for a very small child with severe cerebral palsy or a
/// heavy teenager: from half of the larger of 1.5 kg and 2 kg per year of age (5 kg at 5 years,
/// 10 kg at 10), up to 1.8 times (10 kg + 6 kg per year) (72 kg at 5 years, 126 kg at 10), at
/// most 150 kg. From 18 years the age gives no range (only the 250 kg check stands).
pub fn weight_range_for_age(age_days: i64) -> Option<(Fixed3, Fixed3)> {
    const DAYS_IN_4_YEARS: i64 = 1461;
    if !(0..18 * DAYS_IN_4_YEARS / 4).contains(&age_days) {
        return None;
    }
    // In grams, age in years = days * 4 / 1461.
    let low = (age_days * 4000 / DAYS_IN_4_YEARS).max(750);
    let high = (18_000 + age_days * 43_200 / DAYS_IN_4_YEARS).min(150_000);
    // Rounded outwards to 0.1 kg (100 g).
    let kg = |grams: i64, up: bool| {
        let tenths = if up { (grams + 99) / 100 } else { grams / 100 };
        Fixed3::from_thousandths(u64::try_from(tenths.max(0)).unwrap_or(0) * 100)
    };
    Some((kg(low, false), kg(high, true)))
}

/// A weight older than this is said on the card form (weigh again).
pub const WEIGHT_MAX_AGE_MONTHS: u32 = 6;

/// Parses "HH:MM" into minutes after midnight.
pub fn parse_time(textual: &str) -> Result<u16, P> {
    let (h, m) = textual.trim().split_once(':').ok_or(P::TimeFormat)?;
    let h: u16 = h.parse().map_err(|_| P::TimeFormat)?;
    let m: u16 = m.parse().map_err(|_| P::TimeFormat)?;
    if h > 23 || m > 59 {
        return Err(P::TimeFormat);
    }
    Ok(h * 60 + m)
}

pub fn format_time(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Field-level checks shared by both forms: required, length, type. `child`: the saved card
/// the form edits (its 2x-change confirm box is checked when shown).
fn check_fields(
    form: CardForm,
    draft: &Draft,
    child: Option<&Child>,
    today: NaiveDate,
    issues: &mut FormIssues,
) {
    for section in sections_with(form, draft, child) {
        for spec in section.fields {
            let value = get(draft, &spec.id);
            if value.is_empty() {
                if spec.required {
                    let choice = matches!(spec.kind, FieldKind::Choice(_));
                    let label = spec.label.clone();
                    issues.error(&spec.id, P::Required { label, choice });
                }
                continue;
            }
            let limit = match spec.kind {
                FieldKind::Multiline => MAX_MULTILINE_CHARS,
                _ if spec.id == F::Name.key() => MAX_NAME_CHARS,
                _ => MAX_TEXT_CHARS,
            };
            if value.chars().count() > limit {
                issues.error(&spec.id, P::TooLong { max: limit });
                continue;
            }
            if has_bidi_control(value) {
                issues.error(&spec.id, P::HiddenDirection);
                continue;
            }
            let result = match &spec.kind {
                FieldKind::Date(rule) => parse_date(value, *rule, today).map(|_| ()),
                FieldKind::Phone => check_phone(value).map(|_| ()),
                FieldKind::Time => parse_time(value).map(|_| ()),
                FieldKind::Number { unit } => value
                    .parse::<Fixed3>()
                    .map_err(|error| P::Number { error, unit })
                    .and_then(|n| {
                        if n.is_zero() {
                            Err(P::NotPositive { unit })
                        } else {
                            Ok(())
                        }
                    }),
                FieldKind::Choice(choices) => {
                    if choices.iter().any(|(k, _)| *k == value) {
                        Ok(())
                    } else {
                        Err(P::ChooseOption)
                    }
                }
                FieldKind::Checkbox => {
                    if value == "true" || value == "false" {
                        Ok(())
                    } else {
                        Err(P::TickBox)
                    }
                }
                FieldKind::Text | FieldKind::Multiline | FieldKind::Whole { .. } => Ok(()),
            };
            if let Err(problem) = result {
                issues.error(&spec.id, problem);
            }
        }
    }
}

/// Warns (never blocks) on a concentration or dose outside the typical ranges (reference §2),
/// naming the unit, since 2 typed for 2000 mcg/mL is a 1000x error.
fn warn_unusual_drug(
    issues: &mut FormIssues,
    (concentration_field, concentration): (F, Option<Fixed3>),
    (dose_field, dose): (F, Option<Fixed3>),
) {
    let outside =
        |n: Fixed3, (low, high): (u64, u64)| n < Fixed3::whole(low) || n > Fixed3::whole(high);
    if concentration.is_some_and(|c| outside(c, TYPICAL_CONCENTRATION_MCG_PER_ML)) {
        let (low, high) = TYPICAL_CONCENTRATION_MCG_PER_ML;
        issues.warn(concentration_field, P::UnusualConcentration { low, high });
    }
    if dose.is_some_and(|d| outside(d, TYPICAL_DOSE_MCG_PER_DAY)) {
        let (low, high) = TYPICAL_DOSE_MCG_PER_DAY;
        issues.warn(dose_field, P::UnusualDose { low, high });
    }
}

fn opt_date(draft: &Draft, id: F, today: NaiveDate) -> Option<NaiveDate> {
    let value = get(draft, id);
    if value.is_empty() {
        return None;
    }
    parse_date(value, DateRule::Any, today).ok()
}

fn opt_number(draft: &Draft, id: F) -> Option<Fixed3> {
    get(draft, id)
        .parse::<Fixed3>()
        .ok()
        .filter(|n| !n.is_zero())
}

/// Builds the child's details from the child form. `base` keeps what the form does not edit
/// (id, colour, pump). Returns the child and any warnings, or every error found.
pub fn child_from_draft(
    draft: &Draft,
    base: &Child,
    today: NaiveDate,
) -> Result<(Child, FormIssues), FormIssues> {
    let mut issues = FormIssues::default();
    check_fields(CardForm::Child, draft, None, today, &mut issues);
    let dob = opt_date(draft, F::DateOfBirth, today);
    let weighed = opt_date(draft, F::WeightDate, today);
    if let (Some(dob), Some(weighed)) = (dob, weighed) {
        if weighed < dob {
            issues.error(F::WeightDate, P::WeighedBeforeBirth);
        }
    }
    let weight = get(draft, F::WeightKg).parse::<Fixed3>().ok();
    if weight.is_some_and(|w| w > Fixed3::whole(250)) {
        issues.warn(F::WeightKg, P::HeavierThan250Kg);
    }
    // Warnings only (§5's "warn, never block" for numbers): a weight implausible for the
    // child's age at weighing, and a weight too old to dose emergency medicines by.
    if let (Some(w), Some(dob)) = (weight.filter(|w| !w.is_zero()), dob) {
        let at = weighed.unwrap_or(today);
        if let Some((low, high)) = weight_range_for_age((at - dob).num_days()) {
            if w < low || w > high {
                let age_years = at.years_since(dob).unwrap_or(0);
                issues.warn(
                    F::WeightKg,
                    P::UnusualWeightForAge {
                        age_years,
                        low,
                        high,
                    },
                );
            }
        }
    }
    if let (Some(_), Some(date)) = (weight, weighed) {
        let limit = today.checked_sub_months(chrono::Months::new(WEIGHT_MAX_AGE_MONTHS));
        if limit.is_some_and(|limit| date < limit) {
            issues.warn(
                F::WeightDate,
                P::WeighedLongAgo {
                    date,
                    months: WEIGHT_MAX_AGE_MONTHS,
                },
            );
        }
    }
    if !issues.is_ok() {
        return Err(issues);
    }
    let mut child = base.clone();
    child.name = text(draft, F::Name);
    child.date_of_birth = dob;
    child.weight_kg = opt_number(draft, F::WeightKg);
    child.weight_date = weighed;
    child.diagnoses = text(draft, F::Diagnoses);
    child.medical_id = text(draft, F::MedicalId);
    child.baseline.neuro_mental_status = text(draft, F::NeuroStatus);
    child.baseline.mobility = text(draft, F::Mobility);
    child.baseline.communication = text(draft, F::Communication);
    child.baseline.non_verbal = get(draft, F::NonVerbal) == "true";
    child.baseline.vital_signs = text(draft, F::VitalSigns);
    child.allergies.drug = text(draft, F::AllergyDrug);
    child.allergies.food = text(draft, F::AllergyFood);
    child.allergies.latex = match get(draft, F::AllergyLatex) {
        "yes" => LatexAllergy::Yes,
        "no" => LatexAllergy::No,
        _ => LatexAllergy::Unknown,
    };
    child.medicines = MEDICINES
        .items(draft)
        .into_iter()
        .map(|v| Medicine {
            name: v[0].clone(),
            dose: v[1].clone(),
            schedule: v[2].clone(),
        })
        .collect();
    child.prn_medicines = PRN_MEDICINES
        .items(draft)
        .into_iter()
        .map(|v| PrnMedicine {
            name: v[0].clone(),
            dose: v[1].clone(),
            when_to_give: v[2].clone(),
        })
        .collect();
    child.contacts = CONTACTS
        .items(draft)
        .into_iter()
        .map(|v| Contact {
            name: v[0].clone(),
            relation: v[1].clone(),
            phone: v[2].clone(),
            other_phone: v[3].clone(),
        })
        .collect();
    child.providers.pump_clinic.name = text(draft, F::ClinicName);
    child.providers.pump_clinic.phone = text(draft, F::ClinicPhone);
    child.providers.pump_clinic.after_hours_phone = text(draft, F::ClinicAfterHours);
    child.providers.primary_care.name = text(draft, F::PrimaryName);
    child.providers.primary_care.phone = text(draft, F::PrimaryPhone);
    child.providers.neurosurgeon.name = text(draft, F::NeurosurgeonName);
    child.providers.neurosurgeon.phone = text(draft, F::NeurosurgeonPhone);
    child.providers.others = CARE_TEAM
        .items(draft)
        .into_iter()
        .map(|v| CareTeamMember {
            role: v[0].clone(),
            name: v[1].clone(),
            phone: v[2].clone(),
        })
        .collect();
    child.preferred_hospital = text(draft, F::Hospital);
    child.procedures_to_avoid = text(draft, F::ProceduresToAvoid);
    child.activity_restrictions = text(draft, F::ActivityRestrictions);
    child.fever_protocol = text(draft, F::FeverProtocol);
    child.overdose_signs = lines(draft, F::OverdoseSigns);
    child.withdrawal_signs = lines(draft, F::WithdrawalSigns);
    child.overdose_signs_911 = lines(draft, F::OverdoseSigns911);
    child.withdrawal_signs_911 = lines(draft, F::WithdrawalSigns911);
    Ok((child, issues))
}

/// Builds the pump from the pump form, checking the cross-field rules of the reference.
pub fn pump_from_draft(
    draft: &Draft,
    child: &Child,
    today: NaiveDate,
) -> Result<(Pump, FormIssues), FormIssues> {
    let mut issues = FormIssues::default();
    check_fields(CardForm::Pump, draft, Some(child), today, &mut issues);

    let model_key = get(draft, F::PumpModel);
    if model_key == "other" && get(draft, F::PumpModelOther).is_empty() {
        issues.error(F::PumpModelOther, P::PumpModelOther);
    }
    if get(draft, F::PumpSite) == "other" && get(draft, F::PumpSiteOther).is_empty() {
        issues.error(F::PumpSiteOther, P::PumpSiteOther);
    }
    let udi_text = get(draft, F::Udi);
    if !udi_text.is_empty() {
        match super::udi::parse_udi(udi_text, today) {
            Ok(udi) => {
                if let Some(serial) = udi.serial {
                    let typed = get(draft, F::SerialNumber);
                    if !typed.is_empty() && typed != serial {
                        issues.warn(
                            F::SerialNumber,
                            P::UdiSerial {
                                udi: serial,
                                typed: typed.to_string(),
                            },
                        );
                    }
                }
            }
            Err(e) => issues.error(F::Udi, P::Udi(e)),
        }
    }
    let implant = opt_date(draft, F::ImplantDate, today);
    if let (Some(implant), Some(dob)) = (implant, child.date_of_birth) {
        if implant < dob {
            issues.error(F::ImplantDate, P::ImplantBeforeBirth);
        }
    }
    let catheter_date = opt_date(draft, F::CatheterDate, today);
    let reservoir = opt_number(draft, F::ReservoirMl);
    let alarm_volume = opt_number(draft, F::AlarmVolumeMl);
    if let (Some(reservoir), Some(alarm)) = (reservoir, alarm_volume) {
        if alarm >= reservoir {
            issues.error(F::AlarmVolumeMl, P::AlarmVolumeNotBelowReservoir(reservoir));
        }
    }
    let model = PumpModel::from_key(model_key, get(draft, F::PumpModelOther));
    if let (Some(model_size), Some(reservoir)) =
        (model.as_ref().and_then(PumpModel::reservoir_ml), reservoir)
    {
        if model_size != reservoir {
            issues.warn(F::ReservoirMl, P::ModelHolds(model_size));
        }
    }

    let concentration = opt_number(draft, F::Concentration);
    let dose = opt_number(draft, F::DailyDose);
    warn_unusual_drug(
        &mut issues,
        (F::Concentration, concentration),
        (F::DailyDose, dose),
    );
    // A concentration or dose that changes by 2x or more from the saved card is confirmed
    // against the printout before it is saved (§5), as at a refill.
    confirm_twofold_changes(CardForm::Pump, draft, Some(child), &mut issues);

    let mut steps = Vec::new();
    for n in 1..=FLEX_STEPS.count(draft) {
        let start_id = format!("flex{n}_start");
        let rate_id = format!("flex{n}_rate");
        let days_id = format!("flex{n}_days");
        let start = get(draft, &start_id);
        let rate = get(draft, &rate_id);
        let days = match WeekDays::parse(get(draft, &days_id)) {
            Ok(days) => days,
            Err(problem) => {
                issues.error(&days_id, problem);
                continue;
            }
        };
        match (start.is_empty(), rate.is_empty()) {
            (true, true) if days.is_every_day() => {}
            (true, true) => issues.error(&start_id, P::StepStartMissing),
            (false, true) => issues.error(&rate_id, P::StepRateMissing),
            (true, false) => issues.error(&start_id, P::StepStartMissing),
            (false, false) => {
                if let (Ok(minute), Ok(rate)) = (parse_time(start), rate.parse::<Fixed3>()) {
                    let same_day = |s: &FlexStep| (0..7).any(|d| s.days.has(d) && days.has(d));
                    if steps
                        .iter()
                        .any(|s: &FlexStep| s.start_minute == minute && same_day(s))
                    {
                        issues.error(&start_id, P::StepsAtSameTime);
                    }
                    steps.push(FlexStep {
                        start_minute: minute,
                        rate_mcg_per_hour: rate,
                        days,
                    });
                }
            }
        }
    }
    // A weekday program needs steps for every day, or that day's dose is unknown.
    if steps.iter().any(|s| !s.days.is_every_day()) {
        let missing: Vec<usize> = (0..WEEKDAY_NAMES.len())
            .filter(|d| !steps.iter().any(|s| s.days.has(*d)))
            .collect();
        if !missing.is_empty() {
            issues.error("flex1_days", P::NoStepOn(missing));
        }
    }
    if let Some(sum) = dose.and_then(|d| flex_mismatch(&steps, d).map(|sum| (sum, d))) {
        let (sum, dose) = sum;
        let said = |ask| P::FlexSum {
            sum: sum.clone(),
            dose,
            ask,
        };
        issues.warn(F::DailyDose, said(FlexAsk::CheckPrintout));
        // Next to the steps being typed, and never saved unseen: fixed, or confirmed.
        issues.warn(FLEX_CONFIRMED, said(FlexAsk::TickIfExact));
        if get(draft, FLEX_CONFIRMED) != "true" {
            issues.error(F::DailyDose, said(FlexAsk::FixOrTickBelow));
            for n in 1..=FLEX_STEPS.count(draft) {
                for id in [format!("flex{n}_start"), format!("flex{n}_rate")] {
                    if !get(draft, &id).is_empty() {
                        issues.error(&id, said(FlexAsk::FixOrTickBelow));
                    }
                }
            }
            issues.error(FLEX_CONFIRMED, said(FlexAsk::FixOrTickThis));
        }
    }

    let refill_date = opt_date(draft, F::LastRefillDate, today);
    let refill_volume = opt_number(draft, F::LastRefillVolume);
    match (refill_date, refill_volume) {
        (Some(_), None) if get(draft, F::LastRefillVolume).is_empty() => {
            issues.error(F::LastRefillVolume, P::LastRefillVolumeMissing)
        }
        (None, Some(_)) if get(draft, F::LastRefillDate).is_empty() => {
            issues.error(F::LastRefillDate, P::LastRefillDateMissing)
        }
        _ => {}
    }
    if let (Some(volume), Some(reservoir)) = (refill_volume, reservoir) {
        if volume > reservoir {
            issues.error(F::LastRefillVolume, P::MoreThanReservoir(reservoir));
        }
    }
    if let (Some(volume), Some(alarm)) = (refill_volume, alarm_volume) {
        if volume <= alarm {
            issues.error(F::LastRefillVolume, P::NotMoreThanAlarmVolume);
        }
    }
    if let (Some(refill), Some(implant)) = (refill_date, implant) {
        if refill < implant {
            issues.error(F::LastRefillDate, P::LastRefillBeforeImplant);
        }
    }
    let printout_alarm = opt_date(draft, F::PrintoutAlarmDate, today);
    if let (Some(alarm), Some(refill)) = (printout_alarm, refill_date) {
        if alarm <= refill {
            issues.error(F::PrintoutAlarmDate, P::PrintoutAlarmNotAfterRefill);
        }
    }
    let eri = opt_date(draft, F::EriDate, today);
    if let (Some(eri), Some(implant)) = (eri, implant) {
        if eri < implant {
            issues.error(F::EriDate, P::EriBeforeImplant);
        }
    }

    if !issues.is_ok() {
        return Err(issues);
    }
    let mut pump = child.pump.clone().unwrap_or_default();
    let before = child.pump.as_ref().map(|p| {
        (
            p.drug.concentration_mcg_per_ml,
            p.drug.daily_dose_mcg_per_day,
            p.drug.flex_steps.clone(),
        )
    });
    pump.model = model.unwrap_or_default();
    pump.udi = text(draft, F::Udi);
    pump.serial_number = text(draft, F::SerialNumber);
    if pump.serial_number.is_empty() {
        if let Some(serial) = super::udi::parse_udi(&pump.udi, today)
            .ok()
            .and_then(|u| u.serial)
        {
            pump.serial_number = serial;
        }
    }
    pump.implant_date = implant;
    pump.site = PumpSite::from_key(get(draft, F::PumpSite), get(draft, F::PumpSiteOther))
        .unwrap_or_default();
    pump.catheter.model = text(draft, F::CatheterModel);
    pump.catheter.tip_level = text(draft, F::CatheterTip);
    pump.catheter.date_placed = catheter_date;
    pump.reservoir_ml = reservoir;
    pump.alarm_volume_ml = alarm_volume;
    pump.drug.name = text(draft, F::DrugName);
    pump.drug.source = DrugSource::from_key(get(draft, F::DrugSource)).unwrap_or_default();
    pump.drug.concentration_mcg_per_ml = concentration;
    pump.drug.daily_dose_mcg_per_day = dose;
    crate::sorting::sort_by(&mut steps, |a, b| a.start_minute.cmp(&b.start_minute));
    pump.drug.flex_steps = steps;
    pump.last_refill = match (refill_date, refill_volume) {
        (Some(date), Some(volume_ml)) => Some(Refill { date, volume_ml }),
        _ => None,
    };
    pump.printout_alarm_date = printout_alarm;
    pump.next_refill_appointment = opt_date(draft, F::NextAppointment, today);
    pump.eri_date = eri;
    pump.replacement_date = opt_date(draft, F::ReplacementDate, today);
    pump.mri_notes = text(draft, F::MriNotes);
    // A new dose, concentration or flex schedule: overdose is most likely now (§5), so the
    // change is dated today (the watch and the EMS card follow it).
    if before.is_some_and(|b| b != (concentration, dose, pump.drug.flex_steps.clone())) {
        pump.dose_changed_on = Some(today);
    }
    Ok((pump, issues))
}

fn put(draft: &mut Draft, id: impl AsRef<str>, value: impl ToString) {
    let value = value.to_string();
    if !value.is_empty() {
        draft.insert(id.as_ref().to_string(), value);
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn number_text(n: Option<Fixed3>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The child form filled from a saved child (for editing).
pub fn child_draft(child: &Child) -> Draft {
    let mut d = Draft::new();
    put(&mut d, F::Name, &child.name);
    put(&mut d, F::DateOfBirth, date_text(child.date_of_birth));
    put(&mut d, F::WeightKg, number_text(child.weight_kg));
    put(&mut d, F::WeightDate, date_text(child.weight_date));
    put(&mut d, F::Diagnoses, &child.diagnoses);
    put(&mut d, F::MedicalId, &child.medical_id);
    put(&mut d, F::NeuroStatus, &child.baseline.neuro_mental_status);
    put(&mut d, F::Mobility, &child.baseline.mobility);
    put(&mut d, F::Communication, &child.baseline.communication);
    put(&mut d, F::NonVerbal, child.baseline.non_verbal);
    put(&mut d, F::VitalSigns, &child.baseline.vital_signs);
    put(&mut d, F::AllergyDrug, &child.allergies.drug);
    put(&mut d, F::AllergyFood, &child.allergies.food);
    let latex = match child.allergies.latex {
        LatexAllergy::Unknown => "unknown",
        LatexAllergy::Yes => "yes",
        LatexAllergy::No => "no",
    };
    put(&mut d, F::AllergyLatex, latex);
    // Every item of every list: the form grows to hold them all (nothing is cut short).
    MEDICINES.fill(
        &mut d,
        child
            .medicines
            .iter()
            .map(|m| [m.name.clone(), m.dose.clone(), m.schedule.clone()]),
    );
    PRN_MEDICINES.fill(
        &mut d,
        child
            .prn_medicines
            .iter()
            .map(|m| [m.name.clone(), m.dose.clone(), m.when_to_give.clone()]),
    );
    CONTACTS.fill(
        &mut d,
        child.contacts.iter().map(|c| {
            [
                c.name.clone(),
                c.relation.clone(),
                c.phone.clone(),
                c.other_phone.clone(),
            ]
        }),
    );
    let p = &child.providers;
    put(&mut d, F::ClinicName, &p.pump_clinic.name);
    put(&mut d, F::ClinicPhone, &p.pump_clinic.phone);
    put(
        &mut d,
        F::ClinicAfterHours,
        &p.pump_clinic.after_hours_phone,
    );
    put(&mut d, F::PrimaryName, &p.primary_care.name);
    put(&mut d, F::PrimaryPhone, &p.primary_care.phone);
    put(&mut d, F::NeurosurgeonName, &p.neurosurgeon.name);
    put(&mut d, F::NeurosurgeonPhone, &p.neurosurgeon.phone);
    CARE_TEAM.fill(
        &mut d,
        p.others
            .iter()
            .map(|m| [m.role.clone(), m.name.clone(), m.phone.clone()]),
    );
    put(&mut d, F::Hospital, &child.preferred_hospital);
    put(&mut d, F::ProceduresToAvoid, &child.procedures_to_avoid);
    put(
        &mut d,
        F::ActivityRestrictions,
        &child.activity_restrictions,
    );
    put(&mut d, F::FeverProtocol, &child.fever_protocol);
    put(&mut d, F::OverdoseSigns, child.overdose_signs.join("\n"));
    put(
        &mut d,
        F::WithdrawalSigns,
        child.withdrawal_signs.join("\n"),
    );
    put(
        &mut d,
        F::OverdoseSigns911,
        child.overdose_signs_911.join("\n"),
    );
    put(
        &mut d,
        F::WithdrawalSigns911,
        child.withdrawal_signs_911.join("\n"),
    );
    d
}

/// The pump form filled from the child's saved pump (or defaults for a new pump).
pub fn pump_draft(child: &Child) -> Draft {
    let mut d = Draft::new();
    let Some(pump) = &child.pump else {
        // No default model or site: both change clinical content (MRI, battery, reservoir),
        // so the family chooses them from the implant card ("Choose…" until then).
        put(&mut d, F::DrugSource, DrugSource::default().key());
        put(&mut d, F::DrugName, "Baclofen (intrathecal)");
        return d;
    };
    match &pump.model {
        // Never chosen (a card from before the model was required): "Choose…" again.
        PumpModel::Other(text) if text.trim().is_empty() => {}
        PumpModel::Other(text) => {
            put(&mut d, F::PumpModel, "other");
            put(&mut d, F::PumpModelOther, text);
        }
        model => put(&mut d, F::PumpModel, model.key()),
    }
    put(&mut d, F::Udi, &pump.udi);
    put(&mut d, F::SerialNumber, &pump.serial_number);
    put(&mut d, F::ImplantDate, date_text(pump.implant_date));
    match &pump.site {
        PumpSite::Other(text) if text.trim().is_empty() => {}
        PumpSite::Other(text) => {
            put(&mut d, F::PumpSite, "other");
            put(&mut d, F::PumpSiteOther, text);
        }
        site => put(&mut d, F::PumpSite, site.key()),
    }
    put(&mut d, F::CatheterModel, &pump.catheter.model);
    put(&mut d, F::CatheterTip, &pump.catheter.tip_level);
    put(
        &mut d,
        F::CatheterDate,
        date_text(pump.catheter.date_placed),
    );
    put(&mut d, F::ReservoirMl, number_text(pump.reservoir_ml));
    put(&mut d, F::AlarmVolumeMl, number_text(pump.alarm_volume_ml));
    put(&mut d, F::MriNotes, &pump.mri_notes);
    put(&mut d, F::DrugName, &pump.drug.name);
    put(&mut d, F::DrugSource, pump.drug.source.key());
    put(
        &mut d,
        F::Concentration,
        number_text(pump.drug.concentration_mcg_per_ml),
    );
    put(
        &mut d,
        F::DailyDose,
        number_text(pump.drug.daily_dose_mcg_per_day),
    );
    FLEX_STEPS.fill(
        &mut d,
        pump.drug.flex_steps.iter().map(|s| {
            [
                format_time(s.start_minute),
                s.days.to_string(),
                s.rate_mcg_per_hour.to_string(),
            ]
        }),
    );
    // A saved mismatch was confirmed when it was saved: the box starts ticked.
    if let Some(dose) = pump.drug.daily_dose_mcg_per_day {
        if flex_mismatch(&pump.drug.flex_steps, dose).is_some() {
            put(&mut d, FLEX_CONFIRMED, "true");
        }
    }
    if let Some(r) = pump.last_refill {
        put(&mut d, F::LastRefillDate, date_text(Some(r.date)));
        put(&mut d, F::LastRefillVolume, r.volume_ml);
    }
    put(
        &mut d,
        F::PrintoutAlarmDate,
        date_text(pump.printout_alarm_date),
    );
    put(
        &mut d,
        F::NextAppointment,
        date_text(pump.next_refill_appointment),
    );
    put(&mut d, F::EriDate, date_text(pump.eri_date));
    put(&mut d, F::ReplacementDate, date_text(pump.replacement_date));
    d
}

/// Fills what a change implies: a pasted UDI fills the serial number (the family types nothing).
pub fn apply_derived(draft: &mut Draft, changed: &str, today: NaiveDate) {
    if changed == F::Udi.key() {
        if let Some(serial) = super::udi::parse_udi(get(draft, F::Udi), today)
            .ok()
            .and_then(|u| u.serial)
        {
            draft.insert(F::SerialNumber.key().into(), serial);
        }
    }
}
