//! What is wrong with a typed or imported value, as a value (issue 15.8): the rules in
//! `card_form`, `check` and `countdown` return these, and the app's `words::forms` says them in
//! the family's language, in one place. Nothing here is a sentence.

use chrono::NaiveDate;

use super::udi::UdiError;
use super::units::{Fixed3, NumberError};

/// One problem (or, in `FormIssues::warnings`, one caution) about one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    // -- any field
    /// Empty but required; `label` is the field's label (a choice says "choose").
    Required {
        label: String,
        choice: bool,
    },
    TooLong {
        max: usize,
    },
    /// A hidden text-direction control ("RLO" can make "0001 mg" display as "1000 mg").
    HiddenDirection,
    DateFormat,
    DateTooLongAgo(NaiveDate),
    DateInFuture {
        today: NaiveDate,
    },
    DateTooFarAhead {
        date: NaiveDate,
        years: i32,
    },
    PhoneCharacters,
    PhoneDigits,
    TimeFormat,
    Number {
        error: NumberError,
        unit: &'static str,
    },
    NotPositive {
        unit: &'static str,
    },
    ChooseOption,
    TickBox,
    Weekdays,
    /// A list longer than its form can show (it would come back cut short).
    ListTooLong {
        len: usize,
        max: usize,
    },
    /// Imported flex-step days that are not days of the week.
    NotWeekdays,
    // -- the refill form
    NoPump,
    RefillBeforeLastRefill(NaiveDate),
    RefillBeforeImplant,
    MoreThanReservoir(Fixed3),
    NotMoreThanAlarmVolume,
    AlarmNotAfterRefill,
    /// The concentration or the daily dose changes by 2 times or more (in the pump form or at
    /// a refill): confirmed against the printout before it is saved (§5). On a changed field
    /// its own change; on the confirm box every change.
    TwofoldChange {
        changes: Vec<DrugChange>,
        ask: ChangeAsk,
    },
    // -- the plan
    StepTooLong {
        max: usize,
    },
    TooManySteps {
        max: usize,
    },
    // -- the child form
    WeighedBeforeBirth,
    /// A caution: over 250 kg, likely pounds.
    HeavierThan250Kg,
    /// A caution: a weight outside the wide plausibility range for the child's age (a typo
    /// check, not a growth chart), in kg.
    UnusualWeightForAge {
        age_years: u32,
        low: Fixed3,
        high: Fixed3,
    },
    /// A caution: the weight is older than `months` months.
    WeighedLongAgo {
        date: NaiveDate,
        months: u32,
    },
    // -- the pump form
    PumpModelOther,
    PumpSiteOther,
    /// A caution: the UDI's serial differs from the one typed.
    UdiSerial {
        udi: String,
        typed: String,
    },
    Udi(UdiError),
    ImplantBeforeBirth,
    AlarmVolumeNotBelowReservoir(Fixed3),
    /// A caution: the model's reservoir differs from the one typed.
    ModelHolds(Fixed3),
    StepStartMissing,
    StepRateMissing,
    StepsAtSameTime,
    /// Weekdays (0 = Monday) on which no flex step runs.
    NoStepOn(Vec<usize>),
    /// The steps' daily total (to one decimal place) differs from the typed daily dose.
    FlexSum {
        sum: String,
        dose: Fixed3,
        ask: FlexAsk,
    },
    LastRefillVolumeMissing,
    LastRefillDateMissing,
    LastRefillBeforeImplant,
    PrintoutAlarmNotAfterRefill,
    EriBeforeImplant,
    /// Cautions: outside the typical range of the reference (§2).
    UnusualConcentration {
        low: u64,
        high: u64,
    },
    UnusualDose {
        low: u64,
        high: u64,
    },
    // -- settings (the Settings screen and an imported file)
    NotWholeDays(String),
    LeadTooFar(u32),
    TooManyReminders {
        max: usize,
    },
    BookRefillDays {
        max: u32,
    },
    /// The review period: a whole number of days, 1 to `max`.
    ReviewDays {
        max: u32,
    },
    WatchHours {
        min: u32,
        max: u32,
    },
    /// A caution: not a national emergency number the app knows (saved anyway).
    UnknownEmergencyNumber(String),
    /// Links are accepted only to these hosts.
    NotAnFdaLink(&'static [&'static str]),
    TooManyEntries,
    /// A refill visit cannot be booked for a day already gone.
    VisitBeforeToday,
}

/// Which number of the drug changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrugQuantity {
    /// mcg/mL
    Concentration,
    /// mcg/day
    DailyDose,
}

impl DrugQuantity {
    pub const fn unit(self) -> &'static str {
        match self {
            DrugQuantity::Concentration => "mcg/mL",
            DrugQuantity::DailyDose => "mcg/day",
        }
    }
}

/// A concentration or daily dose that changes by 2 times or more, from the saved card's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrugChange {
    pub quantity: DrugQuantity,
    pub old: Fixed3,
    pub new: Fixed3,
}

/// Where a 2x change is said, and so what it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeAsk {
    /// On the changed field, blocking the save: check, then tick the box below.
    TickBelow,
    /// On the confirm box, blocking the save.
    TickThis,
    /// On the changed field once the box is ticked, as a caution.
    Confirmed,
}

/// Where a flex-dose mismatch is said, and so what it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlexAsk {
    /// Beside the daily dose, as a caution.
    CheckPrintout,
    /// Beside the confirm box, as a caution.
    TickIfExact,
    /// On the dose and the steps, blocking the save.
    FixOrTickBelow,
    /// On the confirm box, blocking the save.
    FixOrTickThis,
}

/// Problems by field id, in the order they were found; the first problem of a field is kept.
/// A list, not a map: a form has at most a few dozen problems, and a `BTreeMap` of this value
/// type is several KB more code in the web build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap(Vec<(String, FieldProblem)>);

impl FieldMap {
    /// The problem of field `id` (a `FieldId`, or a list item's key).
    pub fn get(&self, id: impl AsRef<str>) -> Option<&FieldProblem> {
        let id = id.as_ref();
        self.0.iter().find(|(k, _)| k == id).map(|(_, p)| p)
    }
    pub fn contains_key(&self, id: impl AsRef<str>) -> bool {
        self.get(id).is_some()
    }
    /// Adds a problem for `id` unless it already has one.
    pub fn insert_first(&mut self, id: impl AsRef<str>, problem: FieldProblem) {
        let id = id.as_ref();
        if !self.contains_key(id) {
            self.0.push((id.to_string(), problem));
        }
    }
    pub fn remove(&mut self, id: &str) {
        self.0.retain(|(k, _)| k != id);
    }
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.0.retain(|(k, _)| keep(k));
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldProblem)> {
        self.0.iter().map(|(k, p)| (k.as_str(), p))
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
    /// The first problem found.
    pub fn first(&self) -> Option<(&str, &FieldProblem)> {
        self.iter().next()
    }
}

impl std::ops::Index<&str> for FieldMap {
    type Output = FieldProblem;
    fn index(&self, id: &str) -> &FieldProblem {
        self.get(id).expect("a problem for this field")
    }
}

impl std::ops::Index<super::field_id::FieldId> for FieldMap {
    type Output = FieldProblem;
    fn index(&self, id: super::field_id::FieldId) -> &FieldProblem {
        self.get(id).expect("a problem for this field")
    }
}
