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

/// The opening line of the EMS card (issue wording, after the FDA boxed warning [L1]).
pub const EMS_WARNING: Cited = cited(
    "IMPLANTED INTRATHECAL BACLOFEN PUMP: therapy must not stop abruptly; withdrawal can be life-threatening",
    &["L1"],
);

/// CALL 911 NOW: any of these wins over everything else selected (reference §5).
pub const CALL_911_SIGNS: &[Cited] = &[
    cited("Hard to wake, or cannot be roused", &["CW", "L4"]),
    cited(
        "Trouble breathing, or slow or shallow breathing",
        &["CW", "L4"],
    ),
    cited("A seizure", &["CW", "W1"]),
    cited("Dizzy or fainting", &["CW"]),
    cited("New weakness or tingling", &["CW"]),
    cited("Very stiff (severe rigidity)", &["W1"]),
    cited("Confusion or hallucinations", &["CW", "W1"]),
    cited("High fever with stiffness or confusion", &["W1"]),
];

/// CALL THE PUMP CLINIC NOW (reference §5).
pub const CALL_CLINIC_SIGNS: &[Cited] = &[
    cited("Very itchy", &["CW", "M7"]),
    cited("Stiffer or twitchier than usual", &["CW"]),
    cited("Unusually irritable or grumpy", &["CW"]),
    cited("Any fever", &["CW", "G2"]),
    cited(
        "Redness, swelling or fluid at the pump or incision",
        &["G2", "W6"],
    ),
    cited("Any pump beeping", &["CW", "M1"]),
    cited("A missed or late refill", &["CW", "G1"]),
];

/// Keep oral baclofen with the child as the doctor prescribed (reference §5).
pub const KEEP_ORAL_BACLOFEN: Cited = cited(
    "Keep oral baclofen with your child as the doctor prescribed.",
    &["CW", "M6"],
);

/// What EMS and the ER should do (reference §6, Medtronic emergency card).
pub const EMS_STEPS: &[Cited] = &[
    cited("Support airway, breathing and circulation first.", &["M8"]),
    cited(
        "Contact a physician experienced in intrathecal baclofen therapy IMMEDIATELY, even for mild symptoms.",
        &["M8"],
    ),
    cited(
        "Troubleshoot the system: interrogate the pump, X-ray pump and catheter, refill at the correct concentration. Restoring intrathecal delivery is the key treatment; oral baclofen alone may not be enough.",
        &["M8", "W5"],
    ),
    cited(
        "Withdrawal: high-dose benzodiazepines are the mainstay.",
        &["W2"],
    ),
];

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
];

/// Title of a source id, if the app knows it.
pub fn source_title(id: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(s, _)| *s == id).map(|(_, t)| *t)
}

/// MRI warnings by pump family (reference §1).
pub const MRI_SYNCHROMED: Cited = cited(
    "MRI: the magnet stalls the pump motor during the scan; restarting may take 2-24 hours. The pump clinic must check (interrogate) the pump after ANY MRI; if it was alarming it will not restart until checked.",
    &["M9", "M10"],
);
pub const MRI_PROMETRA: Cited = cited(
    "MRI: the pump must be EMPTIED before an MRI, or the magnet can release the reservoir (overdose). Prometra II has a safety valve that then needs a reset.",
    &["F3"],
);
pub const MRI_OTHER: Cited = cited("MRI: call the pump clinic before any MRI.", &["M9", "F3"]);

#[cfg(test)]
mod tests {
    use super::*;

    fn all_cited() -> Vec<Cited> {
        let mut all = vec![EMS_WARNING, KEEP_ORAL_BACLOFEN];
        all.extend_from_slice(CALL_911_SIGNS);
        all.extend_from_slice(CALL_CLINIC_SIGNS);
        all.extend_from_slice(EMS_STEPS);
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
        assert_eq!(CALL_911_SIGNS[0].source_label(), "[CW][L4]");
    }
}
