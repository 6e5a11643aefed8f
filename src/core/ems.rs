//! The emergency card's content, built once from the saved card: the EMS screen, the
//! printables and the QR text all read these lines, so every path shows the same facts.

use chrono::NaiveDate;
use serde::Serialize;

use super::content::{Cited, EMS_STEPS, EMS_WARNING, MRI_OTHER, MRI_PROMETRA, MRI_SYNCHROMED};
use super::countdown::{countdown, AlarmSource, ReminderSettings};
use super::profile::{Child, LatexAllergy};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsLine {
    pub label: &'static str,
    pub value: String,
    /// A phone number to dial for this line, if any.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsSection {
    pub title: &'static str,
    pub lines: Vec<EmsLine>,
}

fn line(label: &'static str, value: impl Into<String>) -> EmsLine {
    let value = value.into();
    EmsLine {
        label,
        value: if value.trim().is_empty() {
            "Not recorded".into()
        } else {
            value
        },
        phone: None,
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

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The MRI warning for this child's pump.
pub fn mri_warning(child: &Child) -> Cited {
    match child.pump.as_ref().map(|p| &p.model) {
        Some(m) if m.is_synchromed() => MRI_SYNCHROMED,
        Some(m) if m.is_prometra() => MRI_PROMETRA,
        _ => MRI_OTHER,
    }
}

pub fn ems_sections(
    child: &Child,
    today: NaiveDate,
    settings: &ReminderSettings,
) -> Vec<EmsSection> {
    let pump = child.pump.clone().unwrap_or_default();
    let has_pump = child.pump.is_some();
    let c = countdown(child, today, settings);
    let weight = match (child.weight_kg, child.weight_date) {
        (Some(w), Some(d)) => format!("{w} kg (weighed {d})"),
        (Some(w), None) => format!("{w} kg"),
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
    let alarm = match (c.alarm_date, c.alarm_source) {
        (Some(d), Some(AlarmSource::Printout)) => format!("{d} (clinic printout)"),
        (Some(d), _) => format!("{d} (estimate)"),
        _ => String::new(),
    };
    let last_refill = pump
        .last_refill
        .map(|r| format!("{}, {} mL filled", r.date, r.volume_ml))
        .unwrap_or_default();
    let p = &child.providers;
    let mut contacts = vec![
        phone_line(
            "Pump clinic / managing physician",
            &p.pump_clinic.name,
            &p.pump_clinic.phone,
        ),
        phone_line("Clinic after hours", "", &p.pump_clinic.after_hours_phone),
    ];
    contacts.extend(child.contacts.iter().take(2).map(|ct| {
        phone_line(
            "Parent / guardian",
            &format!("{} ({})", ct.name, ct.relation),
            &ct.phone,
        )
    }));
    let mut pump_lines = vec![
        line(
            "Pump",
            if has_pump {
                pump.model.display_name()
            } else {
                String::new()
            },
        ),
        line("Serial number", pump.serial_number.clone()),
        line(
            "Site",
            if has_pump {
                pump.site.display_name()
            } else {
                String::new()
            },
        ),
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
        line("Last refill", last_refill),
        line("Low-reservoir alarm date", alarm),
    ];
    if !pump.mri_notes.trim().is_empty() {
        pump_lines.push(line("MRI notes", pump.mri_notes.clone()));
    }
    vec![
        EmsSection {
            title: "Patient",
            lines: vec![
                line("Name", child.name.clone()),
                line("Date of birth", date(child.date_of_birth)),
                line("Weight", weight),
                line("Diagnoses", child.diagnoses.clone()),
                line("Communication", communication),
                line("Baseline", child.baseline.neuro_mental_status.clone()),
            ],
        },
        EmsSection {
            title: "Intrathecal baclofen pump",
            lines: pump_lines,
        },
        EmsSection {
            title: "Allergies and medicines",
            lines: vec![line("Allergies", allergies), line("Medicines", medicines)],
        },
        EmsSection {
            title: "Call",
            lines: contacts
                .into_iter()
                .filter(|l| l.value != "Not recorded")
                .collect(),
        },
    ]
}

/// What EMS should do (reference §6), then the MRI warning for this pump.
pub fn ems_actions(child: &Child) -> Vec<Cited> {
    let mut steps: Vec<Cited> = EMS_STEPS.to_vec();
    steps.push(mri_warning(child));
    steps
}

/// Everything the emergency card shows for one child, as text. The app's EMS screen renders
/// it, and so does the small script in index.html that shows the last saved card before the
/// app has started (from `instant_card_json`), so both paths show the same content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmsCard {
    pub warning: Cited,
    pub sections: Vec<EmsSection>,
    pub actions: Vec<Cited>,
    /// "Card last updated: …" line, in words.
    pub updated: String,
}

pub fn ems_card(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> EmsCard {
    EmsCard {
        warning: EMS_WARNING,
        sections: ems_sections(child, today, settings),
        actions: ems_actions(child),
        updated: format!(
            "Card last updated: {}",
            child
                .last_updated
                .map(|d| d.to_string())
                .unwrap_or_else(|| "not recorded".into())
        ),
    }
}

/// Version of the snapshot format read by index.html's inline script (it ignores others).
pub const INSTANT_CARD_VERSION: u32 = 1;

/// The snapshot index.html renders before the app starts: `{"v":1,"card":{...}}`.
pub fn instant_card_json(card: &EmsCard) -> String {
    #[derive(Serialize)]
    struct Snapshot<'a> {
        v: u32,
        card: &'a EmsCard,
    }
    serde_json::to_string(&Snapshot {
        v: INSTANT_CARD_VERSION,
        card,
    })
    .expect("the card is plain strings")
}

/// The card as plain text (for the QR code and sharing): readable by any phone camera.
pub fn ems_plain_text(child: &Child, today: NaiveDate, settings: &ReminderSettings) -> String {
    let mut out = format!("{}\n", EMS_WARNING.text);
    for section in ems_sections(child, today, settings) {
        for l in section.lines {
            if l.value != "Not recorded" {
                out.push_str(&format!("{}: {}\n", l.label, l.value));
            }
        }
    }
    if let Some(d) = child.last_updated {
        out.push_str(&format!("Card updated: {d}\n"));
    }
    out
}

/// The card text as a QR code in SVG (error correction M), or None if it is too long.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code of the emergency card\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"{path}\" fill=\"#000000\"/></svg>"
    ))
}
