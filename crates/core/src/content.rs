//! Clinical wording the app shows, each line with the source ids of
//! shared/clinical-reference.md. Nothing clinical is written anywhere else: views take their
//! texts from here, so the Sources screen and the tests can check every citation.

/// A sentence and the reference ids it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Cited {
    pub text: &'static str,
    pub sources: &'static [&'static str],
}

impl Cited {
    /// "[CW][W1]" for display beside the text.
    pub fn source_label(&self) -> String {
        self.sources.iter().map(|s| format!("[{s}]")).collect()
    }
}

const fn cited(text: &'static str, sources: &'static [&'static str]) -> Cited {
    Cited { text, sources }
}

/// Shown on every triage and plan screen: the clinic's own plan outranks the app.
pub const GENERAL_GUIDANCE_NOTE: &str = "General guidance. Your clinic's plan comes first.";

/// The opening line of the EMS card: withdrawal (the FDA boxed warning [L1]) and overdose after
/// a refill or a dose change (§5 [L4][GB], §6: a card biased toward withdrawal misleads a crew).
pub const EMS_WARNING: Cited = cited(
    "INTRATHECAL BACLOFEN PUMP: withdrawal, or overdose after a refill or a dose change, can be life-threatening",
    &["L1", "L4", "GB"],
);

/// EMS_STEPS_FIRST in one line, for the wallet card's back.
pub const EMS_SHORT_FIRST: Cited = cited(
    "Airway, breathing, circulation first; contact a physician experienced in ITB therapy IMMEDIATELY, even for mild symptoms.",
    &["M8", "S1"],
);

/// The mimics in one line, for the card's first screen (§6 [M8][JEM20]); the full line is
/// among the steps.
pub const EMS_SHORT_MIMICS: Cited = cited(
    "Withdrawal can mimic sepsis, NMS, malignant hyperthermia, dysreflexia; overdose can mimic withdrawal. Check the pump history first.",
    &["M8", "JEM20"],
);

/// What withdrawal and overdose can look like (§6 [M8][JEM20]).
pub const EMS_MIMICS: Cited = cited(
    "Withdrawal may resemble sepsis, neuroleptic malignant syndrome, malignant hyperthermia or autonomic dysreflexia; an overdose can look like withdrawal (sweating, fast heart rate). Check the pump and its history before treating as either.",
    &["M8", "JEM20"],
);

/// Keep oral baclofen with the child as the doctor prescribed (reference §5).
pub const KEEP_ORAL_BACLOFEN: Cited = cited(
    "Keep oral baclofen with your child as the doctor prescribed.",
    &["CW", "M6"],
);

/// What EMS and the ER should do (reference §6): first for any case, then the withdrawal and
/// the overdose steps, kept apart and labelled (the overdose steps never say to refill).
pub const EMS_STEPS_FIRST: &[Cited] = &[
    cited("Support airway, breathing and circulation first.", &["M8"]),
    cited(
        "Contact a physician experienced in intrathecal baclofen (ITB) therapy IMMEDIATELY, even for mild symptoms.",
        &["M8", "S1"],
    ),
];

pub const EMS_STEPS_WITHDRAWAL: &[Cited] = &[
    cited(
        "Treat suspected withdrawal (pump empty, alarm, catheter problem) as a medical emergency.",
        &["M11"],
    ),
    cited(
        "Restore intrathecal delivery as soon as possible: interrogate the pump, X-ray the pump and catheter, refill at the correct concentration.",
        &["M11", "S1"],
    ),
    cited(
        "Supportive care, in intensive care if severe. High-dose benzodiazepines are the mainstay of symptom control; low-dose propofol in selected cases (adult evidence).",
        &["W2", "S1"],
    ),
    cited("Oral baclofen alone may not be enough.", &["W1", "S3"]),
];

pub const EMS_STEPS_OVERDOSE: &[Cited] = &[
    cited(
        "Stop delivery: the ITB physician reprograms or empties the pump.",
        &["S1", "L4"],
    ),
    cited(
        "Support breathing: intubation and ventilation may be needed.",
        &["S1", "L4"],
    ),
    cited(
        "Consider draining cerebrospinal fluid. There is no specific antidote.",
        &["S1", "L4"],
    ),
    cited(
        "Do NOT refill the pump or restore delivery for a suspected overdose.",
        &["S1"],
    ),
];

/// The two steps in one line each, for the first screen of the card and the wallet card.
pub const EMS_SHORT_WITHDRAWAL: Cited = cited(
    "Restore pump delivery urgently; benzodiazepines.",
    &["M11", "S1", "W2"],
);
pub const EMS_SHORT_OVERDOSE: Cited = cited(
    "Support breathing; stop the pump. Do NOT refill.",
    &["S1", "L4"],
);

/// Medtronic's 24-hour line for clinicians (reference §6; marked "verify before shipping"
/// there, so it is shown with its sources and only on a SynchroMed card).
pub const MEDTRONIC_CLINICIAN_LINE: Cited = cited("1-800-707-0933", &["M8", "M11"]);

/// Before giving more medicine: what was already given matters [L1, interactions].
pub const EMS_PRN_NOTE: Cited = cited(
    "Ask what emergency medicine was given and when before giving more: baclofen's effects on the nervous system may add to those of other CNS depressants, benzodiazepines among them.",
    &["L1"],
);

/// After a refill, a dose change, a concentration change or a restart, overdose is most
/// likely (§5): the family watches for its signs for a few days (72 hours by default: the
/// team's choice, since no source gives a window).
pub const OVERDOSE_WATCH: Cited = cited(
    "Overdose is most likely after a refill, a dose change or a concentration change (how long to watch is the team's reading: no source gives a window; your clinic's plan wins). Watch for these signs:",
    &["L4", "M11"],
);

/// On the plan's PRN section (§5): the family's emergency medicines can deepen an overdose.
pub const PRN_OVERDOSE_CAUTION: Cited = cited(
    "Do not give oral baclofen or diazepam for sleepiness, floppiness or slow breathing unless the clinic or the emergency number tells you to: they can deepen an overdose. Tell the crew what you gave and when.",
    &["SN1", "L1"],
);

/// Every EMS step, in the order of the card (for the tests and the Sources check).
pub fn ems_steps_all() -> Vec<Cited> {
    EMS_STEPS_FIRST
        .iter()
        .chain(EMS_STEPS_WITHDRAWAL)
        .chain(EMS_STEPS_OVERDOSE)
        .copied()
        .chain([
            EMS_SHORT_WITHDRAWAL,
            EMS_SHORT_OVERDOSE,
            EMS_PRN_NOTE,
            OVERDOSE_WATCH,
            EMS_MIMICS,
            EMS_SHORT_MIMICS,
            EMS_SHORT_FIRST,
            PRN_OVERDOSE_CAUTION,
        ])
        .collect()
}

/// Every source id the app may cite, with its title (reference, Sources).
pub const SOURCES: &[(&str, &str)] = &[
    ("M1", "Medtronic, ITB pump management"),
    ("M2", "Medtronic, severe spasticity product advisories"),
    ("M3", "Medtronic, getting a replacement (severe spasticity)"),
    ("M4", "Medtronic UK, drug pump replacement"),
    (
        "M5",
        "Medtronic UK, SynchroMed II pump for severe spasticity",
    ),
    ("M6", "Medtronic, ITB therapy: your responsibilities"),
    ("M7", "baclofenpump.com, underdose and overdose"),
    ("M8", "Medtronic ITB emergency card"),
    ("M9", "Medtronic professional, SynchroMed II MRI guidelines"),
    ("M10", "TGA, SynchroMed II caution after MRI"),
    (
        "M11",
        "Medtronic clinician pages, ITB therapy emergency procedures",
    ),
    (
        "F1",
        "Flowonix brief statement for US health care providers (2024)",
    ),
    ("F2", "Flowonix 20 mL programmable pump (REF 11827) manual"),
    ("F3", "Flowonix Prometra II manual, MRI section"),
    ("F4", "Flowonix Prometra patient therapy controller manual"),
    (
        "G1",
        "Gillette Children's, intrathecal baclofen pump refills",
    ),
    (
        "G2",
        "Gillette Children's, intrathecal baclofen discharge information",
    ),
    (
        "CW",
        "Children's Wisconsin teaching sheet 1227, intrathecal baclofen pump",
    ),
    (
        "L1",
        "FDA drug label for intrathecal baclofen, boxed warning",
    ),
    ("L2", "Lioresal Intrathecal ampules and refill kits"),
    ("L4", "Lioresal Intrathecal overdosage section"),
    ("L6", "CHEO outreach, intrathecal baclofen dosing"),
    ("L7", "openFDA NDC 72888-146 (1000 mcg/mL)"),
    ("L8", "Gablofen prescribing summary"),
    ("W1", "Intrathecal baclofen withdrawal review"),
    ("W2", "WikEM, baclofen withdrawal"),
    (
        "W5",
        "PMC514562, intrathecal baclofen withdrawal case review",
    ),
    (
        "W6",
        "Gram-negative meningitis after ITB pump surgery (case study)",
    ),
    (
        "S1",
        "Management of acute overdose or withdrawal state in intrathecal baclofen therapy, Spinal Cord 2011",
    ),
    (
        "S2",
        "Intrathecal baclofen overdose and withdrawal, Pediatr Emerg Care 2006",
    ),
    (
        "S3",
        "Baclofen withdrawal after pump removal despite oral baclofen replacement, J Toxicol Clin Toxicol 2003",
    ),
    ("A1", "PMC4218763, SynchroMed II delivery accuracy"),
    ("A3", "PMID 38043050, refill interval limit"),
    (
        "E1",
        "AAP, emergency preparedness for children with special health care needs",
    ),
    ("E2", "Emergency Information Form essential elements"),
    ("E3", "AAP/ACEP sample Emergency Information Form"),
    (
        "E4",
        "Massachusetts DPH, Emergency Information Form guidance",
    ),
    ("I1", "Individual health plan contents (Exceptional Parent)"),
    (
        "FDA-R",
        "FDA recall records Z-3043-2011 and Z-1570-2014 (SynchroMed II)",
    ),
    ("SN1", "School-nurse factsheet \"Baclofen Pump\""),
    (
        "GB",
        "Gablofen (intrathecal baclofen) patient counselling information, medication guide",
    ),
    (
        "GC",
        "Gillette Children's, intrathecal baclofen pump: possible complications",
    ),
    (
        "OB",
        "Oral baclofen prescribing information, overdosage section",
    ),
    ("NHS-M", "NHS parent pages on meningitis in children"),
    ("F5", "Prometra MRI safety information (Flowonix)"),
    (
        "M13",
        "Medtronic news release, FDA approval of SynchroMed III (10 Oct 2023)",
    ),
    (
        "R1",
        "Survey of emergency providers' use of smartphone medical IDs (PMC7391891)",
    ),
    (
        "R5",
        "What first responders want to see on medical ID bracelets (Road ID, responders' testimonials)",
    ),
    (
        "JEM20",
        "Intrathecal baclofen overdose with paradoxical autonomic features mimicking withdrawal, J Emerg Med 2020",
    ),
];

/// Title of a source id, if the app knows it.
pub fn source_title(id: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(s, _)| *s == id).map(|(_, t)| *t)
}

/// MRI warnings by pump family (reference §1, MRI row, corrected 2026-12-07): each says what
/// the scan does to the pump and that the baclofen can stop, so the family watches for
/// withdrawal until the clinic confirms the pump delivers again.
pub const MRI_SYNCHROMED: Cited = cited(
    "MRI: the magnet stalls the pump motor during the scan; restarting may take 2-24 hours. The pump clinic must check (interrogate) the pump after ANY MRI; if it was alarming it will not restart until checked. Baclofen stops during and after the scan: withdrawal risk. The pump doctor plans the scan; watch for signs of withdrawal until the clinic confirms the pump delivers again.",
    &["M9", "M10"],
);
pub const MRI_PROMETRA: Cited = cited(
    "MRI: the pump must be EMPTIED before an MRI, or the magnet can release the reservoir (overdose). Prometra II has a safety valve that then needs a reset. An emptied pump delivers no baclofen: withdrawal risk until it is refilled (and, for Prometra II, reset); other routes (oral, IV) may be needed meanwhile.",
    &["F3", "F5"],
);
/// SynchroMed III: its MRI conditions are UNCONFIRMED in the reference (§1), so the clinic is
/// asked; the withdrawal watch of the SynchroMed II line applies, the higher level (§5).
pub const MRI_SYNCHROMED_III: Cited = cited(
    "MRI: ask your clinic before any MRI: the MRI conditions of SynchroMed III are not confirmed here. The baclofen may stop during and after a scan: withdrawal risk. Watch for signs of withdrawal until the clinic confirms the pump delivers again.",
    &["M13", "M9", "M10"],
);
pub const MRI_OTHER: Cited = cited(
    "MRI: call the pump clinic before any MRI: the clinic plans the scan. Depending on the pump, an MRI can stop the baclofen (withdrawal risk) or release the reservoir (overdose). Watch for signs of withdrawal until the clinic confirms the pump delivers again.",
    &["M9", "M10", "F3", "F5"],
);

/// The MRI line of each pump family in one sentence, for the wallet card (§1); the full lines
/// above are on the EMS card, the plan and the sheets.
pub const MRI_SHORT_SYNCHROMED: Cited = cited(
    "MRI: the pump stops during the scan (withdrawal risk); the clinic must check it after ANY MRI.",
    &["M9", "M10"],
);
pub const MRI_SHORT_SYNCHROMED_III: Cited = cited(
    "MRI: ask the pump clinic before any MRI (conditions not confirmed here); watch for withdrawal after it.",
    &["M13", "M9", "M10"],
);
pub const MRI_SHORT_PROMETRA: Cited = cited(
    "MRI: the pump must be EMPTIED first (overdose risk), then refilled and reset: withdrawal risk meanwhile.",
    &["F3", "F5"],
);
pub const MRI_SHORT_OTHER: Cited = cited(
    "MRI: call the pump clinic before any MRI (withdrawal or overdose risk).",
    &["M9", "F3"],
);

#[cfg(test)]
mod tests {
    use super::*;

    fn all_cited() -> Vec<Cited> {
        let mut all = vec![EMS_WARNING, KEEP_ORAL_BACLOFEN];
        all.extend(crate::triage::SIGNS.iter().map(|s| s.cited()));
        all.extend(crate::triage::COMBINATIONS.iter().map(|c| c.cited()));
        all.extend([
            crate::triage::CANT_REACH_CLINIC,
            crate::triage::RIGHT_AWAY,
            crate::triage::TWO_TONE_ALARM,
            crate::triage::CALL_NOT_DRIVE,
            crate::triage::PRN_CAUTION,
            crate::triage::WHILE_YOU_WAIT,
        ]);
        all.extend(ems_steps_all());
        all.extend([
            MRI_SYNCHROMED,
            MRI_SYNCHROMED_III,
            MRI_PROMETRA,
            MRI_OTHER,
            MRI_SHORT_SYNCHROMED,
            MRI_SHORT_SYNCHROMED_III,
            MRI_SHORT_PROMETRA,
            MRI_SHORT_OTHER,
        ]);
        all
    }

    #[test]
    fn every_clinical_text_cites_a_known_source() {
        for c in all_cited() {
            assert!(!c.sources.is_empty(), "uncited: {}", c.text);
            for id in c.sources {
                assert!(
                    source_title(id).is_some(),
                    "unknown source {id} in {}",
                    c.text
                );
            }
        }
    }

    #[test]
    fn no_text_reassures() {
        for c in all_cited() {
            let lower = c.text.to_lowercase();
            assert!(!lower.contains("no problem"), "{}", c.text);
        }
    }

    #[test]
    fn source_label_brackets_each_id() {
        assert_eq!(KEEP_ORAL_BACLOFEN.source_label(), "[CW][M6]");
    }
}
