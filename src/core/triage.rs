//! The one-tap symptom checker's rules (clinical reference §5). Any emergency sign gives
//! CALL 911 NOW whatever else is chosen; every other listed sign, and any fever, gives at
//! least CALL THE PUMP CLINIC NOW. Nothing selected gives no result, never reassurance.

use super::profile::Child;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    WatchClosely,
    CallClinicNow,
    Call911Now,
}

impl Level {
    /// The band's words. `emergency_number` follows Settings (911 by default).
    pub fn title(self, emergency_number: &str) -> String {
        match self {
            Level::Call911Now => format!("CALL {emergency_number} NOW"),
            Level::CallClinicNow => "CALL THE PUMP CLINIC NOW".into(),
            Level::WatchClosely => "WATCH CLOSELY".into(),
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Level::Call911Now => "band-911",
            Level::CallClinicNow => "band-clinic",
            Level::WatchClosely => "band-watch",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pattern {
    Withdrawal,
    Overdose,
    Infection,
}

impl Pattern {
    pub fn sentence(self) -> &'static str {
        match self {
            Pattern::Withdrawal => {
                "These can be signs of withdrawal (the pump may not be delivering)."
            }
            Pattern::Overdose => "These can be signs of overdose (too much baclofen).",
            Pattern::Infection => "These can be signs of infection.",
        }
    }

    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Pattern::Withdrawal => &["L1", "W1", "M7"],
            Pattern::Overdose => &["L4"],
            Pattern::Infection => &["G2", "W6"],
        }
    }
}

/// One plain line naming the likely patterns, e.g. "These can be signs of withdrawal or of
/// infection." None when no pattern applies.
pub fn pattern_line(patterns: &[Pattern]) -> Option<String> {
    let names: Vec<&str> = patterns
        .iter()
        .map(|p| match p {
            Pattern::Withdrawal => "withdrawal",
            Pattern::Overdose => "overdose",
            Pattern::Infection => "infection",
        })
        .collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("These can be signs of {one}.")),
        [init @ .., last] => Some(format!(
            "These can be signs of {} or of {last}.",
            init.join(", of ")
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    BreathingWaking,
    StiffnessMovement,
    FeverSkin,
    Behaviour,
    PumpBeeping,
    MissedRefill,
    Other,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::BreathingWaking,
        Group::StiffnessMovement,
        Group::FeverSkin,
        Group::Behaviour,
        Group::PumpBeeping,
        Group::MissedRefill,
        Group::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::BreathingWaking => "Breathing and waking",
            Group::StiffnessMovement => "Stiffness and movement",
            Group::FeverSkin => "Fever and skin",
            Group::Behaviour => "Behaviour",
            Group::PumpBeeping => "The pump is beeping",
            Group::MissedRefill => "A refill was missed or late",
            Group::Other => "Something else",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symptom {
    pub id: &'static str,
    pub label: &'static str,
    pub group: Group,
    pub level: Level,
    pub patterns: &'static [Pattern],
    pub sources: &'static [&'static str],
}

const fn s(
    id: &'static str,
    label: &'static str,
    group: Group,
    level: Level,
    patterns: &'static [Pattern],
    sources: &'static [&'static str],
) -> Symptom {
    Symptom {
        id,
        label,
        group,
        level,
        patterns,
        sources,
    }
}

use Group::*;
use Level::*;
use Pattern::*;

/// Every built-in symptom button, in the order shown. Levels follow reference §5: the
/// "CALL 911 NOW" and "CALL THE PUMP CLINIC NOW" lists [CW] plus the severe signs [W1][L4];
/// other early signs of withdrawal or overdose go to the clinic, because a physician
/// experienced in ITB must be contacted even for mild symptoms [M8].
pub const SYMPTOMS: &[Symptom] = &[
    s(
        "hard_to_wake",
        "Hard to wake, or cannot be woken",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &["CW", "L4"],
    ),
    s(
        "breathing",
        "Trouble breathing, or slow or shallow breathing",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &["CW", "L4"],
    ),
    s(
        "fainting",
        "Dizzy or fainting",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &["CW", "L4"],
    ),
    s(
        "drowsy",
        "Much sleepier or more drowsy than usual",
        BreathingWaking,
        CallClinicNow,
        &[Overdose],
        &["L4", "M8"],
    ),
    s(
        "seizure",
        "A seizure",
        StiffnessMovement,
        Call911Now,
        &[Withdrawal, Overdose],
        &["CW", "W1", "L4"],
    ),
    s(
        "very_stiff",
        "Very stiff (severe rigidity)",
        StiffnessMovement,
        Call911Now,
        &[Withdrawal],
        &["W1"],
    ),
    s(
        "weakness",
        "New weakness, floppiness or tingling",
        StiffnessMovement,
        Call911Now,
        &[Overdose],
        &["CW", "L4"],
    ),
    s(
        "stiffer",
        "Stiffer or twitchier than usual",
        StiffnessMovement,
        CallClinicNow,
        &[Withdrawal],
        &["CW", "W1"],
    ),
    s(
        "high_fever",
        "High fever with stiffness or confusion",
        FeverSkin,
        Call911Now,
        &[Withdrawal, Infection],
        &["W1"],
    ),
    s(
        "fever",
        "Any fever",
        FeverSkin,
        CallClinicNow,
        &[Withdrawal, Infection],
        &["CW", "G2"],
    ),
    s(
        "itchy",
        "Very itchy (with no rash)",
        FeverSkin,
        CallClinicNow,
        &[Withdrawal],
        &["CW", "M7"],
    ),
    s(
        "pump_site",
        "Redness, swelling or fluid at the pump or incision",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &["G2", "W6"],
    ),
    s(
        "stiff_neck",
        "Headache with a stiff neck",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &["G2", "W6"],
    ),
    s(
        "sweating",
        "Sweating, goosebumps or a fast heartbeat",
        FeverSkin,
        CallClinicNow,
        &[Withdrawal],
        &["W1", "M7"],
    ),
    s(
        "confusion",
        "Confusion or hallucinations",
        Behaviour,
        Call911Now,
        &[Withdrawal],
        &["CW", "W1"],
    ),
    s(
        "irritable",
        "Unusually irritable or grumpy",
        Behaviour,
        CallClinicNow,
        &[Withdrawal],
        &["CW"],
    ),
    s(
        "beeping",
        "The pump is beeping or alarming",
        PumpBeeping,
        CallClinicNow,
        &[Withdrawal],
        &["CW", "M1"],
    ),
    s(
        "missed_refill",
        "A refill was missed or is late",
        MissedRefill,
        CallClinicNow,
        &[Withdrawal],
        &["CW", "G1"],
    ),
    s(
        "other",
        "Something else worries me",
        Other,
        WatchClosely,
        &[],
        &["CW"],
    ),
];

pub fn symptom(id: &str) -> Option<&'static Symptom> {
    SYMPTOMS.iter().find(|s| s.id == id)
}

/// A tapped sign: a built-in one, or one of the child's own signs from the card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selected {
    Builtin(&'static str),
    OwnOverdose(String),
    OwnWithdrawal(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageResult {
    pub level: Level,
    pub patterns: Vec<Pattern>,
    /// The selected signs that set the level (what made it this serious).
    pub because: Vec<String>,
    pub sources: Vec<&'static str>,
    /// What to watch for, and when to escalate, below 911.
    pub watch_for: Vec<&'static str>,
}

/// The child's own signs, from the card, as extra buttons.
pub fn own_signs(child: &Child) -> Vec<Selected> {
    child
        .overdose_signs
        .iter()
        .map(|s| Selected::OwnOverdose(s.clone()))
        .chain(
            child
                .withdrawal_signs
                .iter()
                .map(|s| Selected::OwnWithdrawal(s.clone())),
        )
        .collect()
}

/// The rules. None when nothing is selected: no selection is never reassurance.
pub fn triage(selected: &[Selected]) -> Option<TriageResult> {
    if selected.is_empty() {
        return None;
    }
    let mut parts: Vec<(Level, &[Pattern], String, &'static [&'static str])> = Vec::new();
    for sel in selected {
        match sel {
            Selected::Builtin(id) => {
                if let Some(sym) = symptom(id) {
                    parts.push((sym.level, sym.patterns, sym.label.to_string(), sym.sources));
                }
            }
            // The family's own signs, agreed with their clinic: at least a call to the clinic.
            Selected::OwnOverdose(text) => parts.push((
                CallClinicNow,
                &[Overdose],
                format!("{text} (your child's own sign of overdose)"),
                &["L4", "M8"],
            )),
            Selected::OwnWithdrawal(text) => parts.push((
                CallClinicNow,
                &[Withdrawal],
                format!("{text} (your child's own sign of withdrawal)"),
                &["L1", "M8"],
            )),
        }
    }
    let level = parts.iter().map(|p| p.0).max()?;
    let mut patterns: Vec<Pattern> = parts.iter().flat_map(|p| p.1.iter().copied()).collect();
    patterns.sort();
    patterns.dedup();
    let because = parts
        .iter()
        .filter(|p| p.0 == level)
        .map(|p| p.2.clone())
        .collect();
    let mut sources: Vec<&'static str> = parts.iter().flat_map(|p| p.3.iter().copied()).collect();
    sources.extend(patterns.iter().flat_map(|p| p.sources().iter().copied()));
    sources.sort();
    sources.dedup();
    let watch_for = if level < Call911Now {
        SYMPTOMS
            .iter()
            .filter(|s| s.level == Call911Now)
            .map(|s| s.label)
            .collect()
    } else {
        Vec::new()
    };
    Some(TriageResult {
        level,
        patterns,
        because,
        sources,
        watch_for,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_group_has_a_button() {
        for (i, a) in SYMPTOMS.iter().enumerate() {
            assert!(SYMPTOMS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
        for g in Group::ALL {
            assert!(SYMPTOMS.iter().any(|s| s.group == g), "{}", g.title());
        }
    }
}
