//! The emergency card's content, built once from the saved card: the EMS screen, the
//! printables and the QR text all read these lines, so every path shows the same facts.

use chrono::NaiveDate;
use serde::Serialize;

use super::content::{
    Cited, EMS_MIMICS, EMS_PRN_NOTE, EMS_SHORT_MIMICS, EMS_SHORT_OVERDOSE, EMS_SHORT_WITHDRAWAL,
    EMS_STEPS_FIRST, EMS_STEPS_OVERDOSE, EMS_STEPS_WITHDRAWAL, EMS_WARNING,
    MEDTRONIC_CLINICIAN_LINE, MRI_OTHER, MRI_PROMETRA, MRI_SYNCHROMED, MRI_SYNCHROMED_III,
};
use super::countdown::{countdown, overdose_watch, AlarmSource, ReminderSettings, WatchCause};
use super::dates::{date_in, DateOrder};
use super::profile::{Child, LatexAllergy};
use super::refill::days_until;
use super::triage::{signs_of, Pattern};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsLine {
    pub label: &'static str,
    pub value: String,
    /// A phone number to dial for this line, if any.
    pub phone: Option<String>,
    /// Source ids of a clinical line (shown as links to the Sources screen), else empty.
    pub sources: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsSection {
    pub title: &'static str,
    pub lines: Vec<EmsLine>,
    /// Shown as running lines ("Withdrawal: …") across the whole width, not as a label
    /// column: the steps and the calls then fit the crew's first screen on a phone.
    pub inline: bool,
}

pub const NOT_RECORDED: &str = "Not recorded";

fn line(label: &'static str, value: impl Into<String>) -> EmsLine {
    let value = value.into();
    EmsLine {
        label,
        value: if value.trim().is_empty() {
            NOT_RECORDED.into()
        } else {
            value
        },
        phone: None,
        sources: &[],
    }
}

fn phone_line(label: &'static str, name: &str, phone: &str) -> EmsLine {
    let value = match (name.trim().is_empty(), phone.trim().is_empty()) {
        (_, true) => name.to_string(),
        (true, false) => phone.to_string(),
        (false, false) => format!("{name}: {phone}"),
    };
    EmsLine {
        phone: (!phone.trim().is_empty()).then(|| phone.trim().to_string()),
        ..line(label, value)
    }
}

/// A cited sentence as a card line: the text, then its source ids.
fn cited_line(label: &'static str, item: Cited) -> EmsLine {
    EmsLine {
        sources: item.sources,
        ..line(label, item.text)
    }
}

fn date(d: Option<NaiveDate>, order: DateOrder) -> String {
    d.map(|d| date_in(d, order)).unwrap_or_default()
}

/// Where a card is read: on the screen today, or on paper (a printable, the QR text, the
/// pre-app card) that ages in a wallet for months (§6: absolute dates only there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Screen,
    /// A printable or the QR text: "Printed on {date}".
    Paper,
    /// The pre-app card's snapshot, shown on a later day before the app starts: "Saved on".
    Snapshot,
}

/// How a card is written: the date order, the medium, and the overdose watch's length (a
/// setting, §5). A bare `DateOrder` is a screen card with the default 72-hour watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardView {
    pub order: DateOrder,
    pub medium: Medium,
    pub watch_hours: u32,
}

impl CardView {
    pub fn screen(order: DateOrder, watch_hours: u32) -> CardView {
        CardView {
            order,
            medium: Medium::Screen,
            watch_hours,
        }
    }

    pub fn paper(order: DateOrder, watch_hours: u32) -> CardView {
        CardView {
            order,
            medium: Medium::Paper,
            watch_hours,
        }
    }
}

impl From<DateOrder> for CardView {
    fn from(order: DateOrder) -> CardView {
        CardView::screen(
            order,
            crate::family::FamilySettings::default().overdose_watch_hours,
        )
    }
}

/// "3 days ago", "today", "in 2 days": how far a date is from today, for the screen only.
pub fn days_ago(today: NaiveDate, date: NaiveDate) -> String {
    match days_until(today, date) {
        0 => "today".into(),
        -1 => "1 day ago".into(),
        d if d < 0 => format!("{} days ago", -d),
        1 => "tomorrow".into(),
        d => format!("in {d} days"),
    }
}

/// "PASSED 3 days ago: the pump may be empty, unless refilled since (last refill recorded on
/// …)" once `date` is behind `today` (§6: the key clue to withdrawal), else how far ahead it is.
pub fn passed_note(
    today: NaiveDate,
    date: NaiveDate,
    last_refill: Option<NaiveDate>,
    order: DateOrder,
) -> String {
    let since = match last_refill {
        Some(r) => format!(
            ", unless refilled since (last refill recorded on {}, {})",
            date_in(r, order),
            days_ago(today, r)
        ),
        None => ", unless refilled since (no refill recorded)".into(),
    };
    match days_until(today, date) {
        -1 => format!("PASSED 1 day ago: the pump may be empty{since}"),
        d if d < 0 => format!("PASSED {} days ago: the pump may be empty{since}", -d),
        0 => "today".into(),
        1 => "not passed: tomorrow".into(),
        d => format!("not passed: in {d} days"),
    }
}

/// The rule a printed date carries instead of a countdown (§6): true on any later day.
pub fn paper_rule(date: NaiveDate, order: DateOrder) -> String {
    format!(
        "if today is after {} and the pump has not been refilled since, it may be empty",
        date_in(date, order)
    )
}

/// The MRI warning for this child's pump (reference §1): SynchroMed II, Prometra, SynchroMed
/// III (ask the clinic: its MRI conditions are UNCONFIRMED), or another model. Each names the
/// withdrawal risk of a scan.
/// The MRI warning in one sentence, for the wallet card.
pub fn mri_short(child: &Child) -> Cited {
    use super::content::{
        MRI_SHORT_OTHER, MRI_SHORT_PROMETRA, MRI_SHORT_SYNCHROMED, MRI_SHORT_SYNCHROMED_III,
    };
    match child.pump.as_ref().map(|p| &p.model) {
        Some(m) if m.is_synchromed() => MRI_SHORT_SYNCHROMED,
        Some(m) if m.is_synchromed_iii() => MRI_SHORT_SYNCHROMED_III,
        Some(m) if m.is_prometra() => MRI_SHORT_PROMETRA,
        _ => MRI_SHORT_OTHER,
    }
}

pub fn mri_warning(child: &Child) -> Cited {
    match child.pump.as_ref().map(|p| &p.model) {
        Some(m) if m.is_synchromed() => MRI_SYNCHROMED,
        Some(m) if m.is_synchromed_iii() => MRI_SYNCHROMED_III,
        Some(m) if m.is_prometra() => MRI_PROMETRA,
        _ => MRI_OTHER,
    }
}

/// The child's own signs of one kind, the 911 ones first.
fn both<'a>(call_911: &'a [String], clinic: &'a [String]) -> Vec<&'a str> {
    call_911.iter().chain(clinic).map(String::as_str).collect()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The card's sections, most urgent first. The first three (the pump with its alarm-date
/// status, the two steps, the calls) are what a crew needs first and fit a phone's first
/// screen (§6); everything else follows.
pub fn ems_sections(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    view: impl Into<CardView>,
) -> Vec<EmsSection> {
    sections_in(child, today, settings, view.into())
}

/// [`ems_sections`] for one view (not generic: one copy in the web build).
fn sections_in(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    view: CardView,
) -> Vec<EmsSection> {
    let order = view.order;
    let paper = view.medium != Medium::Screen;
    let long_date = |d: NaiveDate| date_in(d, order);
    // "(3 days ago)" on the screen; nothing on paper, which is read on a later day.
    let ago = |d: NaiveDate| {
        if paper {
            String::new()
        } else {
            format!(" ({})", days_ago(today, d))
        }
    };
    let pump = child.pump.clone().unwrap_or_default();
    let has_pump = child.pump.is_some();
    let c = countdown(child, today, settings);
    // Pounds beside kilograms: a weight typed in pounds then stands out to the crew, who
    // dose emergency medicines by weight.
    let pounds = |w: super::units::Fixed3| {
        (u128::from(w.thousandths()) * 2_204_623 + 500_000_000) / 1_000_000_000
    };
    let weight = match (child.weight_kg, child.weight_date) {
        (Some(w), Some(d)) => format!("{w} kg = {} lb (weighed {})", pounds(w), long_date(d)),
        (Some(w), None) => format!("{w} kg = {} lb", pounds(w)),
        _ => String::new(),
    };
    let communication =
        if child.baseline.non_verbal && child.baseline.communication.trim().is_empty() {
            "NON-VERBAL".to_string()
        } else if child.baseline.non_verbal {
            format!("NON-VERBAL. {}", child.baseline.communication)
        } else {
            child.baseline.communication.clone()
        };
    let latex = match child.allergies.latex {
        LatexAllergy::Yes => "LATEX ALLERGY",
        LatexAllergy::No => "No latex allergy",
        LatexAllergy::Unknown => "Latex: not known",
    };
    let allergies = [child.allergies.drug.as_str(), child.allergies.food.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.to_string())
        .chain(std::iter::once(latex.to_string()))
        .collect::<Vec<_>>()
        .join("; ");
    let medicines = child
        .medicines
        .iter()
        .map(|m| format!("{} {} ({})", m.name, m.dose, m.schedule))
        .collect::<Vec<_>>()
        .join("; ");
    let prn = child
        .prn_medicines
        .iter()
        .map(|m| format!("{} {} (when: {})", m.name, m.dose, m.when_to_give))
        .collect::<Vec<_>>()
        .join("; ");
    let refilled_on = pump.last_refill.map(|r| r.date);
    // On the screen, where the date stands today; on paper, the rule that stays true (§6).
    let status = |d: NaiveDate| {
        if paper {
            format!(". {}", capitalise(&paper_rule(d, order)))
        } else {
            format!(": {}", passed_note(today, d, refilled_on, order))
        }
    };
    let alarm = match (c.alarm_date, c.alarm_source) {
        (Some(d), Some(AlarmSource::Printout)) => {
            format!("{} (printout){}", long_date(d), status(d))
        }
        (Some(d), _) => format!("{} (estimate){}", long_date(d), status(d)),
        _ => String::new(),
    };
    let last_refill = pump
        .last_refill
        .map(|r| {
            format!(
                "{}{}, {} mL filled",
                long_date(r.date),
                ago(r.date),
                r.volume_ml
            )
        })
        .unwrap_or_default();
    let dose_change = pump
        .dose_changed_on
        .map(|d| format!("{}{}", long_date(d), ago(d)))
        .unwrap_or_default();
    // During the overdose watch, the key clue to overdose (§6 [S2]); on paper the dates above
    // say it, since "now" would not stay true.
    let watch = overdose_watch(child, today, view.watch_hours)
        .filter(|_| !paper)
        .map(|w| {
            let what = match w.cause {
                WatchCause::Refill => "Refilled",
                WatchCause::DoseChange => "Dose or concentration changed",
            };
            let when = match w.days_ago {
                0 => "today".to_string(),
                1 => "1 day ago".to_string(),
                n => format!("{n} days ago"),
            };
            format!("{what} {when}: overdose most likely now")
        });
    let p = &child.providers;
    // The pump clinic and a parent first (both on a phone's first screen), then the rest.
    let mut calls = vec![phone_line(
        "Pump clinic / ITB physician",
        &p.pump_clinic.name,
        &p.pump_clinic.phone,
    )];
    calls.extend(
        child
            .contacts
            .iter()
            .filter(|ct| !ct.phone.trim().is_empty())
            .take(2)
            .map(|ct| {
                phone_line(
                    "Parent / guardian",
                    &format!("{} ({})", ct.name, ct.relation),
                    &ct.phone,
                )
            }),
    );
    calls.push(phone_line(
        "Clinic after hours",
        "",
        &p.pump_clinic.after_hours_phone,
    ));
    // A SynchroMed pump's maker has a 24-hour line for clinicians (reference §6 [M8][M11]).
    if child
        .pump
        .as_ref()
        .is_some_and(|p| p.model.is_synchromed_family())
    {
        calls.push(EmsLine {
            sources: MEDTRONIC_CLINICIAN_LINE.sources,
            ..phone_line(
                "Medtronic clinician line (24 h, US number)",
                "",
                MEDTRONIC_CLINICIAN_LINE.text,
            )
        });
    }
    let model = if has_pump {
        pump.model.display_name()
    } else {
        String::new()
    };
    let mut pump_lines = vec![
        line("Pump", model),
        line(
            "Concentration",
            pump.drug
                .concentration_mcg_per_ml
                .map(|c| format!("{c} mcg/mL"))
                .unwrap_or_default(),
        ),
        line(
            "Daily dose",
            pump.drug
                .daily_dose_mcg_per_day
                .map(|d| format!("{d} mcg/day"))
                .unwrap_or_default(),
        ),
        line("Low-reservoir alarm date", alarm),
    ];
    // Once the alarm or empty date has passed on screen, its PASSED note names the last refill
    // and how long ago: the first screen does not say it twice.
    let empty_passed = c
        .estimate
        .and_then(|e| e.empty_date)
        .is_some_and(|d| d < today);
    let passed = !paper && (c.alarm_date.is_some_and(|d| d < today) || empty_passed);
    if !passed || pump.last_refill.is_none() {
        pump_lines.push(line("Last refill", last_refill));
    }
    // The last dose or concentration change, where the card knows one (§6).
    if !dose_change.is_empty() {
        pump_lines.push(line("Last dose or concentration change", dose_change));
    }
    if let Some(watch) = watch {
        pump_lines.insert(
            0,
            EmsLine {
                sources: &["L4", "S2"],
                ..line("OVERDOSE WATCH", watch)
            },
        );
    }
    // The estimated empty date: among the crew's first facts once it has passed (§6), with
    // the pump's details before that.
    let empty = c.estimate.and_then(|e| e.empty_date);
    if let Some(empty) = empty.filter(|d| *d < today) {
        pump_lines.push(line(
            "Estimated empty date",
            format!("{} (estimate){}", long_date(empty), status(empty)),
        ));
    }
    // The drug's name after the first screen: the headline says intrathecal baclofen, and the
    // concentration and the dose (the numbers a crew needs) stay first.
    let mut details = vec![
        line("Drug", pump.drug.name.clone()),
        line("Serial number", pump.serial_number.clone()),
        line(
            "Site",
            if has_pump {
                pump.site.display_name()
            } else {
                String::new()
            },
        ),
        line("Implant date", date(pump.implant_date, order)),
        line("Catheter", pump.catheter.model.clone()),
        line("Catheter tip level", pump.catheter.tip_level.clone()),
        line("Catheter placed", date(pump.catheter.date_placed, order)),
    ];
    if let Some(empty) = empty.filter(|d| paper || *d >= today) {
        let rule = if paper {
            format!(". {}", capitalise(&paper_rule(empty, order)))
        } else {
            String::new()
        };
        details.push(line(
            "Estimated empty date",
            format!("{} (estimate){rule}", long_date(empty)),
        ));
    }
    if !pump.mri_notes.trim().is_empty() {
        details.push(line("MRI notes", pump.mri_notes.clone()));
    }
    let own_withdrawal = both(&child.withdrawal_signs_911, &child.withdrawal_signs);
    let own_overdose = both(&child.overdose_signs_911, &child.overdose_signs);
    let labels = |pattern| {
        signs_of(pattern)
            .map(|s| s.label(&child.name))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut signs = vec![
        line("Withdrawal signs", labels(Pattern::Withdrawal)),
        line("Overdose signs", labels(Pattern::Overdose)),
    ];
    if !own_withdrawal.is_empty() {
        signs.push(line(
            "This child's withdrawal signs",
            own_withdrawal.join("; "),
        ));
    }
    if !own_overdose.is_empty() {
        signs.push(line("This child's overdose signs", own_overdose.join("; ")));
    }
    let recorded = |lines: Vec<EmsLine>| -> Vec<EmsLine> {
        lines
            .into_iter()
            .filter(|l| l.value != NOT_RECORDED)
            .collect()
    };
    vec![
        EmsSection {
            title: "Intrathecal baclofen pump",
            inline: true,
            lines: pump_lines,
        },
        EmsSection {
            title: "If you suspect",
            inline: true,
            lines: vec![
                cited_line("Withdrawal", EMS_SHORT_WITHDRAWAL),
                cited_line("Overdose", EMS_SHORT_OVERDOSE),
                cited_line("Either", EMS_SHORT_MIMICS),
            ],
        },
        EmsSection {
            title: "Call",
            inline: true,
            lines: recorded(calls),
        },
        EmsSection {
            title: "Patient",
            inline: false,
            lines: vec![
                line("Name", child.name.clone()),
                line("Date of birth", date(child.date_of_birth, order)),
                line("Weight", weight),
                line("Diagnoses", child.diagnoses.clone()),
                line("Communication", communication),
                line("Baseline", child.baseline.neuro_mental_status.clone()),
                line("Baseline vital signs", child.baseline.vital_signs.clone()),
            ],
        },
        EmsSection {
            title: "Allergies and medicines",
            inline: false,
            lines: vec![
                line("Allergies", allergies),
                line("Emergency medicines (PRN)", prn),
                line("Medicines", medicines),
            ],
        },
        EmsSection {
            title: "Hospital and procedures",
            inline: false,
            lines: vec![
                line("Preferred hospital", child.preferred_hospital.clone()),
                line("Procedures to avoid", child.procedures_to_avoid.clone()),
            ],
        },
        EmsSection {
            title: "Pump details",
            inline: false,
            lines: recorded(details),
        },
        EmsSection {
            title: "Signs to look for",
            inline: false,
            lines: signs,
        },
    ]
}

/// A labelled group of steps for EMS (§6: withdrawal and overdose kept apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsActions {
    pub title: &'static str,
    pub steps: Vec<Cited>,
}

/// What EMS should do (reference §6), then the medicines note and the MRI warning.
pub fn ems_actions(child: &Child) -> Vec<EmsActions> {
    vec![
        EmsActions {
            title: "First, whatever the cause",
            steps: EMS_STEPS_FIRST.iter().copied().chain([EMS_MIMICS]).collect(),
        },
        EmsActions {
            title: "Suspected WITHDRAWAL (pump empty, alarm, catheter problem)",
            steps: EMS_STEPS_WITHDRAWAL.to_vec(),
        },
        EmsActions {
            title: "Suspected OVERDOSE (after a refill, a dose change or a restart; sleepy, floppy, slow breathing)",
            steps: EMS_STEPS_OVERDOSE.to_vec(),
        },
        EmsActions {
            title: "Medicines and MRI",
            steps: vec![EMS_PRN_NOTE, mri_warning(child)],
        },
    ]
}

/// Everything the emergency card shows for one child, as text. The app's EMS screen renders
/// it, and so does the small script in index.html that shows the last saved card before the
/// app has started (from `instant_card_json`), so both paths show the same content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsCard {
    pub warning: Cited,
    pub sections: Vec<EmsSection>,
    pub actions: Vec<EmsActions>,
    /// "Card last changed: …. Checked with the clinic on: …" in words.
    pub updated: String,
}

/// When the card last changed and when the family last checked it with the clinic (issue
/// 17.4): what tells EMS how far to trust it. On the card, the printables and shared copies.
pub fn card_dates(child: &Child, order: DateOrder) -> String {
    let changed = child
        .last_updated
        .map(|d| date_in(d, order))
        .unwrap_or_else(|| "not recorded".into());
    match child.clinic_checked {
        Some(d) => format!(
            "Card last changed: {changed}. Checked with the clinic on: {}",
            date_in(d, order)
        ),
        None => format!("Card last changed: {changed}. Not yet checked with the clinic"),
    }
}

pub fn ems_card(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    view: impl Into<CardView>,
) -> EmsCard {
    card_in(child, today, settings, view.into())
}

fn card_in(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    view: CardView,
) -> EmsCard {
    let dates = card_dates(child, view.order);
    let updated = match view.medium {
        Medium::Screen => dates,
        Medium::Paper => format!("{dates}. Printed on {}", date_in(today, view.order)),
        Medium::Snapshot => format!("{dates}. Saved on {}", date_in(today, view.order)),
    };
    EmsCard {
        warning: EMS_WARNING,
        sections: sections_in(child, today, settings, view),
        actions: ems_actions(child),
        updated,
    }
}

/// Version of the snapshot format read by index.html's inline script (it ignores others).
pub const INSTANT_CARD_VERSION: u32 = 2;

/// The snapshot index.html renders before the app starts: `{"v":2,"child":3,"card":{...}}`,
/// for the child the app showed last (the app opens with that child again, so the pre-app
/// card and the app's card are the same child's).
pub fn instant_card_json(child_id: u64, card: &EmsCard) -> String {
    #[derive(Serialize)]
    struct Snapshot<'a> {
        v: u32,
        child: u64,
        card: &'a EmsCard,
    }
    serde_json::to_string(&Snapshot {
        v: INSTANT_CARD_VERSION,
        child: child_id,
        card,
    })
    .expect("the card is plain strings")
}

/// Whose card a snapshot holds (None for a damaged or older snapshot).
pub fn instant_card_child(json: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Head {
        v: u32,
        child: u64,
    }
    // Through a `Value`, as the other saved files are read: one JSON reader in the web build.
    let head: Head = serde_json::from_value(serde_json::from_str(json).ok()?).ok()?;
    (head.v == INSTANT_CARD_VERSION).then_some(head.child)
}

/// The card as plain text (for the QR code and sharing): readable by any phone camera.
pub fn ems_plain_text(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    view: impl Into<CardView>,
) -> String {
    // The text is kept by the phone that reads it: written as paper is (§6).
    let view = CardView {
        medium: Medium::Paper,
        ..view.into()
    };
    let order = view.order;
    let mut out = format!("{}\n", EMS_WARNING.text);
    for section in ems_sections(child, today, settings, view) {
        for l in section.lines {
            // The general sign lists are on every card; the QR code keeps to this child.
            let general = matches!(l.label, "Withdrawal signs" | "Overdose signs");
            if l.value != NOT_RECORDED && !general {
                out.push_str(&format!("{}: {}\n", l.label, l.value));
            }
        }
    }
    out.push_str(&format!(
        "{}. Printed on {}\n",
        card_dates(child, order),
        date_in(today, order)
    ));
    out
}

/// `text` as a QR code in SVG named `label` (error correction M, or L where M does not fit),
/// or None if it is too long for any QR code.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .or_else(|_| QrCode::encode_text(text, QrCodeEcc::Low))
        .ok()?;
    let size = qr.size();
    let border = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let dim = size + border * 2;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"{path}\" fill=\"#000000\"/></svg>"
    ))
}
