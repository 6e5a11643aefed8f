//! The refill and replacement countdown for one child, and the reminders it gives rise to
//! (reference §3). The printout's alarm date wins; the estimate is labelled as such and a
//! disagreement beyond the pump's delivery accuracy is flagged. "Today" is an argument.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::problems::FieldProblem;
use super::profile::{flex_daily_dose, Child, Pump};
use super::refill::{
    days_until, estimate_alarm, refill_window, synchromed_replacement_deadline, AlarmEstimate,
    DailyDose,
};

/// How often the card is checked with the clinic, and how long a copy shared with a caregiver
/// counts as current, unless the family set another period (issue 17).
pub const DEFAULT_REVIEW_DAYS: u32 = 30;

/// Reminder and status settings, saved with the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// Days before the refill-by date to remind (default 14, 7, 3, 1).
    pub refill_days_before: Vec<u32>,
    /// Remind on the low-reservoir alarm date itself.
    pub on_alarm_date: bool,
    /// Days before the replacement deadline to remind (default 180, 90, 30).
    pub replacement_days_before: Vec<u32>,
    /// "Book the refill" shows from this many days before the refill-by date.
    pub book_refill_days: u32,
    /// How often the card should be checked with the clinic, and how long a copy shared with a
    /// caregiver counts as current (issue 17: 30 days unless the family sets another).
    pub review_days: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            refill_days_before: vec![14, 7, 3, 1],
            on_alarm_date: true,
            replacement_days_before: vec![180, 90, 30],
            book_refill_days: 14,
            review_days: DEFAULT_REVIEW_DAYS,
        }
    }
}

/// Delivery accuracy of about ±2.5 % per refill interval [A1], at least 2 days.
pub const ACCURACY_PER_MILLE: i64 = 25;
pub const ACCURACY_MIN_DAYS: i64 = 2;
/// SynchroMed II: schedule replacement about 6 months before shut-off [M4].
pub const REPLACEMENT_REMIND_MONTHS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing to do yet.
    Ok,
    /// Within the booking lead time of the refill-by date.
    BookRefill,
    /// A refill visit is booked on or before the refill-by date and has not come yet: no
    /// nagging, a reminder the day before (issue 16.3).
    Booked,
    /// Inside the refill-by window (from 5 days before the alarm date to the refill-by date).
    Due,
    /// After the refill-by date, up to the alarm date: the refill is late.
    Late,
    /// Past the alarm date (or the estimated empty date): the pump may be empty.
    Overdue,
    /// Not enough data to count down.
    Unknown,
}

impl Status {
    pub fn css(self) -> &'static str {
        match self {
            Status::Ok => "status-ok",
            Status::BookRefill => "status-book",
            Status::Booked => "status-ok",
            Status::Due => "status-due",
            Status::Late | Status::Overdue => "status-overdue",
            Status::Unknown => "status-unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmSource {
    /// Copied from the clinic printout: this is the date.
    Printout,
    /// Computed from the card: an estimate.
    Estimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch {
    pub printout: NaiveDate,
    pub estimate: NaiveDate,
    pub days_apart: i64,
    pub margin_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replacement {
    /// A date to replace by, and whether it came from the SynchroMed II rule or the clinic.
    Deadline {
        date: NaiveDate,
        remind_from: NaiveDate,
        months_left: i64,
        from_rule: bool,
    },
    /// Prometra or other model with no date entered.
    AskClinic,
    /// No pump, or a SynchroMed with no implant or ERI date.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Countdown {
    pub alarm_date: Option<NaiveDate>,
    pub alarm_source: Option<AlarmSource>,
    pub estimate: Option<AlarmEstimate>,
    pub refill_by: Option<NaiveDate>,
    pub window_earliest: Option<NaiveDate>,
    pub days_to_refill_by: Option<i64>,
    pub status: Status,
    pub mismatch: Option<Mismatch>,
    pub replacement: Replacement,
    /// What the countdown or a crisis needs and the card does not have.
    pub missing: Vec<Missing>,
    /// The booked refill visit, and how it stands.
    pub visit: Option<Visit>,
}

/// The booked refill visit (the pump's next refill appointment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub date: NaiveDate,
    /// After the refill-by date: too late, the clinic must be called to move it earlier.
    pub after_refill_by: bool,
    /// The day has passed and no refill was recorded since: "Was the pump refilled?".
    pub passed: bool,
}

/// Something the card lacks, for Home to ask for (the words are the app's, `words::home`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No pump on the card yet.
    Pump,
    /// The printout's low-reservoir alarm date: the date shown is the estimate.
    PrintoutAlarmDate,
    /// What the estimate needs, in the card's order.
    EstimateInputs(Vec<EstimateInput>),
    /// SynchroMed without implant date (or ERI date): no replacement deadline.
    ImplantDate,
    /// Prometra or other model: the clinic's replacement date.
    ReplacementDate,
    /// The pump clinic's phone (the checker's "Call the pump clinic").
    PumpClinicPhone,
    /// A parent or guardian with a phone (the emergency card).
    GuardianPhone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateInput {
    LastRefill,
    AlarmVolume,
    Concentration,
    DailyDose,
}

/// The estimate from the card, when every input is there.
pub fn estimate_for(pump: &Pump) -> Option<AlarmEstimate> {
    let refill = pump.last_refill?;
    let conc = pump.drug.concentration_mcg_per_ml?;
    let alarm_volume = pump.alarm_volume_ml?;
    let dose = match pump.drug.daily_dose_mcg_per_day {
        Some(d) => DailyDose::mcg_per_day(d),
        None => flex_daily_dose(&pump.drug.flex_steps)?,
    };
    estimate_alarm(refill.date, refill.volume_ml, alarm_volume, conc, dose)
}

/// The reservoir as a line from the last refill to the estimated empty date (or the alarm
/// date when there is no estimate), for Home's picture (issue 16.5). Positions are per mille
/// of the line, clamped to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gauge {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub today: u16,
    /// The refill-by window: from its first day to the refill-by date.
    pub window: (u16, u16),
    pub alarm: u16,
    pub visit: Option<u16>,
    /// Days from the last refill to today (may be past the end).
    pub day: i64,
    pub days: i64,
}

/// The gauge of a countdown, when the card has a last refill and an alarm date.
pub fn gauge(child: &Child, c: &Countdown, today: NaiveDate) -> Option<Gauge> {
    let start = child.pump.as_ref()?.last_refill?.date;
    let alarm = c.alarm_date?;
    let end = c
        .estimate
        .and_then(|e| e.empty_date)
        .filter(|e| *e > alarm)
        .unwrap_or(alarm);
    let days = (end - start).num_days().max(1);
    let at = |d: NaiveDate| ((d - start).num_days().clamp(0, days) * 1000 / days) as u16;
    Some(Gauge {
        start,
        end,
        today: at(today),
        window: (at(c.window_earliest?), at(c.refill_by?)),
        alarm: at(alarm),
        visit: c.visit.map(|v| at(v.date)),
        day: (today - start).num_days(),
        days,
    })
}

/// The accuracy margin for an interval: 2.5 % of it, rounded up, at least 2 days.
pub fn margin_days(interval_days: i64) -> i64 {
    let scaled = interval_days.max(0) * ACCURACY_PER_MILLE;
    let margin = (scaled + 999) / 1000;
    margin.max(ACCURACY_MIN_DAYS)
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    months
}

pub fn replacement(pump: &Pump, today: NaiveDate) -> Replacement {
    let (date, from_rule) = if pump.model.is_synchromed() {
        let rule = synchromed_replacement_deadline(pump.implant_date, pump.eri_date);
        match (rule, pump.replacement_date) {
            (Some(r), Some(c)) if c < r => (Some(c), false),
            (Some(r), _) => (Some(r), true),
            (None, c) => (c, false),
        }
    } else {
        // Prometra / other: battery life and ERI behaviour are UNCONFIRMED in the reference,
        // so only a date the family copied from the clinic counts.
        (pump.replacement_date.or(pump.eri_date), false)
    };
    match date {
        Some(date) => Replacement::Deadline {
            date,
            remind_from: date
                .checked_sub_months(Months::new(REPLACEMENT_REMIND_MONTHS))
                .unwrap_or(date),
            months_left: months_between(today, date),
            from_rule,
        },
        None if pump.model.is_synchromed() => Replacement::Unknown,
        None => Replacement::AskClinic,
    }
}

pub fn countdown(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> Countdown {
    let mut c = pump_countdown(child, today, settings);
    c.missing.extend(contact_notes(child));
    c
}

/// The numbers a crisis needs that the card lacks. The first save asks only for the child's
/// name and date of birth (issue 15.7), so Home says what is still to add.
fn contact_notes(child: &Child) -> Vec<Missing> {
    let mut notes = Vec::new();
    if child.providers.pump_clinic.phone.trim().is_empty() {
        notes.push(Missing::PumpClinicPhone);
    }
    if !child.contacts.iter().any(|c| !c.phone.trim().is_empty()) {
        notes.push(Missing::GuardianPhone);
    }
    notes
}

fn pump_countdown(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> Countdown {
    let Some(pump) = child.pump.as_ref() else {
        return Countdown {
            alarm_date: None,
            alarm_source: None,
            estimate: None,
            refill_by: None,
            window_earliest: None,
            days_to_refill_by: None,
            status: Status::Unknown,
            mismatch: None,
            replacement: Replacement::Unknown,
            missing: vec![Missing::Pump],
            visit: None,
        };
    };
    let estimate = estimate_for(pump);
    let mut missing = Vec::new();
    if pump.printout_alarm_date.is_none() {
        missing.push(Missing::PrintoutAlarmDate);
    }
    if estimate.is_none() {
        let mut needs = Vec::new();
        if pump.last_refill.is_none() {
            needs.push(EstimateInput::LastRefill);
        }
        if pump.alarm_volume_ml.is_none() {
            needs.push(EstimateInput::AlarmVolume);
        }
        if pump.drug.concentration_mcg_per_ml.is_none() {
            needs.push(EstimateInput::Concentration);
        }
        if pump.drug.daily_dose_mcg_per_day.is_none() && pump.drug.flex_steps.is_empty() {
            needs.push(EstimateInput::DailyDose);
        }
        if !needs.is_empty() {
            missing.push(Missing::EstimateInputs(needs));
        }
    }
    let (alarm_date, alarm_source) = match (pump.printout_alarm_date, estimate) {
        (Some(p), _) => (Some(p), Some(AlarmSource::Printout)),
        (None, Some(e)) => (Some(e.alarm_date), Some(AlarmSource::Estimate)),
        (None, None) => (None, None),
    };
    let mismatch = match (pump.printout_alarm_date, estimate, pump.last_refill) {
        (Some(printout), Some(est), Some(refill)) => {
            let interval = (printout - refill.date)
                .num_days()
                .max(i64::from(est.interval_days));
            let margin = margin_days(interval);
            let apart = (printout - est.alarm_date).num_days().abs();
            (apart > margin).then_some(Mismatch {
                printout,
                estimate: est.alarm_date,
                days_apart: apart,
                margin_days: margin,
            })
        }
        _ => None,
    };
    let window = alarm_date.and_then(refill_window);
    let days_to_refill_by = window.map(|w| days_until(today, w.refill_by));
    let empty_passed = estimate
        .and_then(|e| e.empty_date)
        .is_some_and(|empty| today > empty);
    let status = match (alarm_date, window) {
        (Some(alarm), Some(w)) => {
            if today > alarm || empty_passed {
                Status::Overdue
            } else if today > w.refill_by {
                Status::Late
            } else if today >= w.earliest {
                Status::Due
            } else if days_until(today, w.refill_by) <= i64::from(settings.book_refill_days) {
                Status::BookRefill
            } else {
                Status::Ok
            }
        }
        _ => Status::Unknown,
    };
    let refill_by = window.map(|w| w.refill_by);
    let visit = pump.next_refill_appointment.map(|date| Visit {
        date,
        after_refill_by: refill_by.is_some_and(|by| date > by),
        passed: date < today,
    });
    // A visit booked in time replaces "Book the refill" (and "Due") until its day; a late
    // refill or a possibly empty pump is never hidden behind a booking.
    let status = match (status, visit) {
        (Status::Ok | Status::BookRefill | Status::Due, Some(v))
            if !v.after_refill_by && !v.passed && refill_by.is_some() =>
        {
            Status::Booked
        }
        (status, _) => status,
    };
    let replacement = replacement(pump, today);
    match &replacement {
        Replacement::Unknown => missing.push(Missing::ImplantDate),
        Replacement::AskClinic => missing.push(Missing::ReplacementDate),
        Replacement::Deadline { .. } => {}
    }
    Countdown {
        alarm_date,
        alarm_source,
        estimate,
        refill_by: window.map(|w| w.refill_by),
        window_earliest: window.map(|w| w.earliest),
        days_to_refill_by,
        status,
        mismatch,
        replacement,
        missing,
        visit,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    RefillBy,
    /// Every day after the refill-by date until a refill is recorded.
    Overdue,
    AlarmDate,
    Replacement,
    /// The day before the booked refill visit.
    VisitTomorrow,
    /// The day after the booked visit, with no refill recorded: was the pump refilled?
    VisitCheck,
    /// The card was last checked with the clinic longer ago than the review period (issue 17.4).
    ReviewCard,
}

impl ReminderKind {
    /// A reminder to get the pump refilled offers "I booked it" (issue 16.3): in the app's
    /// banner and as a notification action.
    pub fn offers_booking(self) -> bool {
        matches!(self, ReminderKind::RefillBy | ReminderKind::Overdue)
    }
}

/// One reminder: shown on `date`, about `event_date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub kind: ReminderKind,
    /// Stable key so a reminder is delivered once: child, kind, event date, lead.
    pub key: String,
    pub date: NaiveDate,
    pub event_date: NaiveDate,
    /// The child's name, for the words (`words::reminders`, as of the day they are shown).
    pub name: String,
    /// From the day after this date the pump may be empty: the earlier of the alarm date and
    /// the estimated empty date. The words escalate past it (§5: "the pump may be empty").
    pub empty_from: Option<NaiveDate>,
}

/// Every reminder for a child's current countdown, in date order.
pub fn reminders(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> Vec<Reminder> {
    let c = countdown(child, today, settings);
    let empty_from = may_be_empty_after(&c);
    let mut out = Vec::new();
    let mut push = |kind: ReminderKind, key: String, date: NaiveDate, event: NaiveDate| {
        out.push(Reminder {
            kind,
            key,
            date,
            event_date: event,
            name: child.name.clone(),
            empty_from,
        });
    };
    // A visit booked in time: the refill-by reminders up to its day are not needed.
    let booked_until = c.visit.filter(|v| !v.after_refill_by).map(|v| v.date);
    if let Some(refill_by) = c.refill_by {
        for &lead in &settings.refill_days_before {
            if let Some(date) = refill_by
                .checked_sub_days(Days::new(u64::from(lead)))
                .filter(|d| booked_until.is_none_or(|visit| *d > visit))
            {
                push(
                    ReminderKind::RefillBy,
                    format!("{}:refill-by:{refill_by}:{lead}", child.id),
                    date,
                    refill_by,
                );
            }
        }
    }
    // Overdue: one reminder a day after the refill-by date until a refill is recorded (a
    // recorded refill moves the refill-by date, which ends these). Never silent (§5, §6).
    // Only today's is listed: a day missed while the app was closed has nothing to add to it.
    if let Some(refill_by) = c.refill_by.filter(|d| *d < today) {
        push(
            ReminderKind::Overdue,
            format!("{}:overdue:{refill_by}:{today}", child.id),
            today,
            refill_by,
        );
    }
    if let Some(visit) = c.visit {
        if let Some(before) = visit.date.pred_opt() {
            let key = format!("{}:visit:{}:tomorrow", child.id, visit.date);
            push(ReminderKind::VisitTomorrow, key, before, visit.date);
        }
        if let Some(after) = visit.date.succ_opt() {
            let key = format!("{}:visit:{}:check", child.id, visit.date);
            push(ReminderKind::VisitCheck, key, after, visit.date);
        }
    }
    // Once the check with the clinic is older than the review period: check the card again.
    if let Some(checked) = child.clinic_checked {
        let days = u64::from(settings.review_days) + 1;
        if let Some(due) = checked.checked_add_days(Days::new(days)) {
            let key = format!("{}:review:{checked}", child.id);
            push(ReminderKind::ReviewCard, key, due, due);
        }
    }
    if let (Some(alarm), true) = (c.alarm_date, settings.on_alarm_date) {
        push(
            ReminderKind::AlarmDate,
            format!("{}:alarm:{alarm}", child.id),
            alarm,
            alarm,
        );
    }
    if let Replacement::Deadline { date, .. } = c.replacement {
        for &lead in &settings.replacement_days_before {
            if let Some(remind) = date.checked_sub_days(Days::new(u64::from(lead))) {
                push(
                    ReminderKind::Replacement,
                    format!("{}:replace:{date}:{lead}", child.id),
                    remind,
                    date,
                );
            }
        }
    }
    crate::sorting::sort_by(&mut out, |a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
    out
}

/// The day after which the pump may be empty: the earlier of the alarm date and the estimated
/// empty date (the countdown's Overdue status starts the day after it).
pub fn may_be_empty_after(c: &Countdown) -> Option<NaiveDate> {
    let empty = c.estimate.and_then(|e| e.empty_date);
    match (c.alarm_date, empty) {
        (Some(a), Some(e)) => Some(a.min(e)),
        (a, e) => a.or(e),
    }
}

/// Reminders whose day has come (today, or missed while the app was closed) and that were
/// not delivered before. Returns the ones to show (only the latest for each event, so a
/// phone left off for a week gets one message, not three) and every key to mark delivered.
pub fn due_reminders(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    delivered: &std::collections::BTreeSet<String>,
) -> (Vec<Reminder>, Vec<String>) {
    let due: Vec<Reminder> = reminders(child, today, settings)
        .into_iter()
        .filter(|r| r.date <= today && !delivered.contains(&r.key))
        // Past events stay relevant for a week; an overdue refill never goes quiet (a reminder
        // a day until a refill is recorded).
        .filter(|r| r.kind == ReminderKind::Overdue || days_until(today, r.event_date) >= -7)
        .collect();
    let keys = due.iter().map(|r| r.key.clone()).collect();
    let mut show: Vec<Reminder> = Vec::new();
    for r in due {
        let group = event_group(&r.key);
        match show.iter_mut().find(|s| event_group(&s.key) == group) {
            Some(existing) if existing.date < r.date => *existing = r,
            Some(_) => {}
            None => show.push(r),
        }
    }
    (show, keys)
}

/// A reminder as the service worker keeps it while the app is closed (issue 16.1): shown on
/// or after `reminder.date` while still worth showing (up to `until`), and only the latest of
/// its `group` at a time, as [`due_reminders`] does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub reminder: Reminder,
    pub until: NaiveDate,
    pub group: String,
}

/// Every reminder from `today` to `days` days ahead, laid out for the service worker, which
/// picks what is due on any later day with one rule and no `core`: due when `date <= day <=
/// until` and not delivered; of a group, the latest. Overdue refills get one reminder a day
/// (never silent) until a recorded refill moves the dates and the app writes a new plan.
pub fn planned_reminders(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    days: u32,
) -> Vec<Planned> {
    let last = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(today);
    let planned = |reminder: Reminder, until| Planned {
        group: event_group(&reminder.key).to_string(),
        reminder,
        until,
    };
    let mut out: Vec<Planned> = reminders(child, today, settings)
        .into_iter()
        .filter(|r| r.kind != ReminderKind::Overdue && r.date <= last)
        .filter_map(|r| {
            // Past events stay relevant for a week (as in `due_reminders`).
            let until = r.event_date.checked_add_days(Days::new(7))?;
            (until >= today).then(|| planned(r, until))
        })
        .collect();
    let c = countdown(child, today, settings);
    let empty_from = may_be_empty_after(&c);
    if let Some(refill_by) = c.refill_by {
        let mut day = refill_by.succ_opt().map_or(last, |d| d.max(today));
        while day <= last {
            let reminder = Reminder {
                kind: ReminderKind::Overdue,
                key: format!("{}:overdue:{refill_by}:{day}", child.id),
                date: day,
                event_date: refill_by,
                name: child.name.clone(),
                empty_from,
            };
            out.push(planned(reminder, day));
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    out
}

/// "3:refill-by:2027-01-05:7" -> "3:refill-by:2027-01-05".
fn event_group(key: &str) -> &str {
    match key.match_indices(':').nth(2) {
        Some((i, _)) => &key[..i],
        None => key,
    }
}

/// What started the overdose watch (§5): the card's own dates, however they were entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchCause {
    /// The last refill (recorded with "Record a refill" or typed into the pump form).
    Refill,
    /// A change of dose, concentration or flex schedule.
    DoseChange,
}

/// The overdose watch after a refill or a dose, concentration or flex change (§5: overdose is
/// most likely then; 72 hours by default, a setting, never below 24 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverdoseWatch {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub cause: WatchCause,
    /// Whole days from `since` to today.
    pub days_ago: i64,
}

/// The shortest watch whatever Settings or an older file says (§5: "never below 24 hours").
pub const MIN_OVERDOSE_WATCH_HOURS: u32 = 24;

/// The overdose watch, if it is on today. It runs from the latest of the last refill's date and
/// the last dose, concentration or flex change (and, for a file from before 2026-12-07, the
/// date it kept for the watch), so a refill typed into the pump form starts it as much as one
/// recorded with "Record a refill".
pub fn overdose_watch(child: &Child, today: NaiveDate, hours: u32) -> Option<OverdoseWatch> {
    let pump = child.pump.as_ref()?;
    let refill = pump.last_refill.map(|r| (r.date, WatchCause::Refill));
    let change = pump
        .dose_changed_on
        .or(pump.overdose_watch_since)
        .map(|d| (d, WatchCause::DoseChange));
    // The latest start wins; on the same day a refill names the cause (it is the wider clue).
    let (since, cause) = match (refill, change) {
        (Some(r), Some(c)) if c.0 > r.0 => c,
        (Some(r), _) => r,
        (None, c) => c?,
    };
    let hours = hours.max(MIN_OVERDOSE_WATCH_HOURS);
    let until = since.checked_add_days(Days::new(u64::from(hours.div_ceil(24))))?;
    (since <= today && today <= until).then_some(OverdoseWatch {
        since,
        until,
        cause,
        days_ago: (today - since).num_days(),
    })
}

/// The last day of the overdose watch, if it is still on (see [`overdose_watch`]).
pub fn overdose_watch_until(child: &Child, today: NaiveDate, hours: u32) -> Option<NaiveDate> {
    overdose_watch(child, today, hours).map(|w| w.until)
}

/// The Settings rules, kept here so the Settings screen and an imported file (`core::check`)
/// obey the same ones: at most 10 reminders, each at most two years ahead; "Book the refill"
/// at most a year ahead; the overdose watch 24 hours to 2 weeks (§5: never below 24 hours; a
/// file from before keeps a shorter setting, and the watch still lasts 24 hours).
pub const MAX_REMINDERS: usize = 10;
pub const MAX_LEAD_DAYS: u32 = 730;
pub const MAX_BOOK_REFILL_DAYS: u32 = 365;
pub const OVERDOSE_WATCH_HOURS: std::ops::RangeInclusive<u32> = MIN_OVERDOSE_WATCH_HOURS..=336;

/// A list of lead times within the rules above.
pub fn check_day_list(days: &[u32]) -> Result<(), FieldProblem> {
    if let Some(n) = days.iter().find(|d| **d > MAX_LEAD_DAYS) {
        return Err(FieldProblem::LeadTooFar(*n));
    }
    if days.len() > MAX_REMINDERS {
        return Err(FieldProblem::TooManyReminders { max: MAX_REMINDERS });
    }
    Ok(())
}

/// Parses a list of lead times typed in Settings, such as "14, 7, 3, 1".
pub fn parse_day_list(text: &str) -> Result<Vec<u32>, FieldProblem> {
    let mut days = Vec::new();
    for part in text.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let n: u32 = part
            .trim()
            .parse()
            .map_err(|_| FieldProblem::NotWholeDays(part.trim().to_string()))?;
        check_day_list(&[n])?;
        if !days.contains(&n) {
            days.push(n);
        }
    }
    check_day_list(&days)?;
    crate::sorting::sort_by(&mut days, |a, b| b.cmp(a));
    Ok(days)
}

/// "Book the refill" lead time as typed in Settings.
pub fn parse_book_refill_days(text: &str) -> Result<u32, FieldProblem> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_BOOK_REFILL_DAYS)
        .ok_or(FieldProblem::BookRefillDays {
            max: MAX_BOOK_REFILL_DAYS,
        })
}

/// Longest review period: a card unchecked for over a year is not one to trust.
pub const MAX_REVIEW_DAYS: u32 = 365;

/// The review period (issue 17) as typed in Settings: 1 to 365 days.
pub fn parse_review_days(text: &str) -> Result<u32, FieldProblem> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=MAX_REVIEW_DAYS).contains(d))
        .ok_or(FieldProblem::ReviewDays {
            max: MAX_REVIEW_DAYS,
        })
}

/// The overdose watch in hours as typed in Settings.
pub fn parse_overdose_watch_hours(text: &str) -> Result<u32, FieldProblem> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|h| OVERDOSE_WATCH_HOURS.contains(h))
        .ok_or(FieldProblem::WatchHours {
            min: *OVERDOSE_WATCH_HOURS.start(),
            max: *OVERDOSE_WATCH_HOURS.end(),
        })
}

pub fn format_day_list(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_lists_parse_sort_and_refuse_nonsense() {
        assert_eq!(parse_day_list("1, 3,7 14"), Ok(vec![14, 7, 3, 1]));
        assert_eq!(parse_day_list(""), Ok(vec![]));
        assert_eq!(parse_day_list("7,7"), Ok(vec![7]));
        assert_eq!(
            parse_day_list("seven"),
            Err(FieldProblem::NotWholeDays("seven".into()))
        );
        assert!(parse_day_list("-1").is_err());
        assert_eq!(parse_day_list("1000"), Err(FieldProblem::LeadTooFar(1000)));
        assert_eq!(format_day_list(&[14, 7]), "14, 7");
    }
}
