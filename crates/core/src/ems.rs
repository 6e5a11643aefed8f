//! The emergency card's content, built once from the saved card: the EMS screen, the
//! printables and the QR text all read these lines, so every path shows the same facts.

use chrono::NaiveDate;
use serde::Serialize;

use super::content::{
    Cited, EMS_PRN_NOTE, EMS_SHORT_OVERDOSE, EMS_SHORT_WITHDRAWAL, EMS_STEPS_FIRST,
    EMS_STEPS_OVERDOSE, EMS_STEPS_WITHDRAWAL, EMS_WARNING, MEDTRONIC_CLINICIAN_LINE, MRI_OTHER,
    MRI_PROMETRA, MRI_SYNCHROMED,
};
use super::countdown::{countdown, AlarmSource, ReminderSettings};
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

/// "PASSED 3 days ago: the pump may be empty" once `date` is behind `today` (§6: the key
/// clue to withdrawal), else how far ahead it is.
pub fn passed_note(today: NaiveDate, date: NaiveDate) -> String {
    match days_until(today, date) {
        -1 => "PASSED 1 day ago: the pump may be empty".into(),
        d if d < 0 => format!("PASSED {} days ago: the pump may be empty", -d),
        0 => "today".into(),
        1 => "not passed: tomorrow".into(),
        d => format!("not passed: in {d} days"),
    }
}

/// The MRI warning for this child's pump.
pub fn mri_warning(child: &Child) -> Cited {
    match child.pump.as_ref().map(|p| &p.model) {
        Some(m) if m.is_synchromed() => MRI_SYNCHROMED,
        Some(m) if m.is_prometra() => MRI_PROMETRA,
        _ => MRI_OTHER,
    }
}

/// The child's own signs of one kind, the 911 ones first.
fn both<'a>(call_911: &'a [String], clinic: &'a [String]) -> Vec<&'a str> {
    call_911.iter().chain(clinic).map(String::as_str).collect()
}

fn join_labels<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

/// The card's sections, most urgent first. The first three (the pump with its alarm-date
/// status, the two steps, the calls) are what a crew needs first and fit a phone's first
/// screen (§6); everything else follows.
pub fn ems_sections(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
    order: DateOrder,
) -> Vec<EmsSection> {
    let long_date = |d: NaiveDate| date_in(d, order);
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
    let alarm = match (c.alarm_date, c.alarm_source) {
        (Some(d), Some(AlarmSource::Printout)) => {
            format!("{} (printout): {}", long_date(d), passed_note(today, d))
        }
        (Some(d), _) => format!("{} (estimate): {}", long_date(d), passed_note(today, d)),
        _ => String::new(),
    };
    let last_refill = pump
        .last_refill
        .map(|r| format!("{}, {} mL filled", long_date(r.date), r.volume_ml))
        .unwrap_or_default();
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
    if child.pump.as_ref().is_some_and(|p| p.model.is_synchromed()) {
        calls.push(EmsLine {
            sources: MEDTRONIC_CLINICIAN_LINE.sources,
            ..phone_line(
                "Medtronic clinician line (24 h)",
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
        line("Drug", pump.drug.name.clone()),
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
    // The estimated empty date: among the crew's first facts once it has passed (§6), with
    // the pump's details before that.
    let empty = c.estimate.and_then(|e| e.empty_date);
    if let Some(empty) = empty.filter(|d| *d < today) {
        pump_lines.push(line(
            "Estimated empty date",
            format!(
                "{} (estimate): {}",
                long_date(empty),
                passed_note(today, empty)
            ),
        ));
    }
    let mut details = vec![
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
        line("Last refill", last_refill),
    ];
    if let Some(empty) = empty.filter(|d| *d >= today) {
        details.push(line(
            "Estimated empty date",
            format!("{} (estimate)", long_date(empty)),
        ));
    }
    if !pump.mri_notes.trim().is_empty() {
        details.push(line("MRI notes", pump.mri_notes.clone()));
    }
    let own_withdrawal = both(&child.withdrawal_signs_911, &child.withdrawal_signs);
    let own_overdose = both(&child.overdose_signs_911, &child.overdose_signs);
    let mut signs = vec![
        line(
            "Withdrawal signs",
            join_labels(signs_of(Pattern::Withdrawal).map(|s| s.label)),
        ),
        line(
            "Overdose signs",
            join_labels(signs_of(Pattern::Overdose).map(|s| s.label)),
        ),
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
            steps: EMS_STEPS_FIRST.to_vec(),
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
    order: DateOrder,
) -> EmsCard {
    EmsCard {
        warning: EMS_WARNING,
        sections: ems_sections(child, today, settings, order),
        actions: ems_actions(child),
        updated: card_dates(child, order),
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
    order: DateOrder,
) -> String {
    let mut out = format!("{}\n", EMS_WARNING.text);
    for section in ems_sections(child, today, settings, order) {
        for l in section.lines {
            // The general sign lists are on every card; the QR code keeps to this child.
            let general = matches!(l.label, "Withdrawal signs" | "Overdose signs");
            if l.value != NOT_RECORDED && !general {
                out.push_str(&format!("{}: {}\n", l.label, l.value));
            }
        }
    }
    out.push_str(&card_dates(child, order));
    out.push('\n');
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
