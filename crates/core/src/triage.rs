//! The one-tap symptom checker's rules (clinical reference §5), as one table of signs and one
//! table of combination rules. Everything that lists signs (the checker, the emergency plan,
//! the EIF sheet, the school plan, the EMS card and the pre-app card) reads [`SIGNS`], so no
//! two screens can disagree.
//!
//! The rules: a result is the highest level of any selected sign or fired combination; the
//! lowest level for anything a family tapped is CALL THE PUMP CLINIC NOW (there is no "watch
//! only" result, §5); adding a sign never lowers the level. Nothing selected gives no result,
//! never reassurance.

use super::content::Cited;
use super::profile::Child;

/// The two results, lowest first. There is deliberately no level below the clinic (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    CallClinicNow,
    Call911Now,
}

impl Level {
    /// The band's words. `emergency_number` follows Settings (911 by default).
    pub fn title(self, emergency_number: &str) -> String {
        match self {
            Level::Call911Now => format!("CALL {emergency_number} NOW"),
            Level::CallClinicNow => "CALL THE PUMP CLINIC NOW".into(),
        }
    }

    /// What to do, in one line, on the band itself.
    pub fn action(self, emergency_number: &str) -> String {
        match self {
            Level::Call911Now => {
                format!("Call {emergency_number} now, or go to the nearest emergency room.")
            }
            Level::CallClinicNow => "Call the pump clinic now.".into(),
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Level::Call911Now => "band-911",
            Level::CallClinicNow => "band-clinic",
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

    fn word(self) -> &'static str {
        match self {
            Pattern::Withdrawal => "withdrawal",
            Pattern::Overdose => "overdose",
            Pattern::Infection => "infection",
        }
    }
}

/// One plain line naming the likely patterns, e.g. "These can be signs of withdrawal or of
/// overdose." None when no pattern applies. A sign shared by withdrawal and overdose names
/// both, so a parent never tells EMS "overdose" on the app's word alone.
pub fn pattern_line(patterns: &[Pattern]) -> Option<String> {
    let names: Vec<&str> = patterns.iter().map(|p| p.word()).collect();
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
    /// Observable signs for a child who cannot say what they feel (§5).
    CannotTell,
    BreathingWaking,
    Muscles,
    Mind,
    FeverSkin,
    PumpRefill,
    Other,
}

impl Group {
    /// The order for a child who can speak; [`groups_for`] moves `CannotTell` first otherwise.
    pub const ALL: [Group; 7] = [
        Group::BreathingWaking,
        Group::Muscles,
        Group::Mind,
        Group::FeverSkin,
        Group::PumpRefill,
        Group::CannotTell,
        Group::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::CannotTell => "If your child can't tell you",
            Group::BreathingWaking => "Waking, breathing and heartbeat",
            Group::Muscles => "Muscles and movement",
            Group::Mind => "Thinking and behaviour",
            Group::FeverSkin => "Fever, headache and skin",
            Group::PumpRefill => "The pump and refills",
            Group::Other => "Something else",
        }
    }
}

/// The groups in the order shown: a child whose card says they do not speak sees the
/// observable signs first (§5: "offer observable signs in place of reported ones").
pub fn groups_for(non_verbal: bool) -> Vec<Group> {
    let mut groups: Vec<Group> = Group::ALL.to_vec();
    if non_verbal {
        groups.retain(|g| *g != Group::CannotTell);
        groups.insert(0, Group::CannotTell);
    }
    groups
}

/// What a sign counts as in the combination rules (§5, "Combinations that raise the level").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Any withdrawal sign: itching, stiffer, twitchier, irritable, fever, sweating, fast heartbeat.
    WithdrawalSign,
    /// Any pump alarm, a missed or late refill, or a passed low-reservoir alarm date.
    DeliveryInDoubt,
    Fever,
    /// More stiffness than usual (rebound spasticity [L1]).
    MoreStiff,
    Headache,
    /// A stiff neck or sensitivity to light.
    NeckOrLight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sign {
    pub id: &'static str,
    pub label: &'static str,
    pub group: Group,
    pub level: Level,
    pub patterns: &'static [Pattern],
    pub tags: &'static [Tag],
    pub sources: &'static [&'static str],
}

impl Sign {
    /// The sign as a cited line, for the plan, the printables and the EMS card.
    pub fn cited(&self) -> Cited {
        Cited {
            text: self.label,
            sources: self.sources,
        }
    }

    pub fn has(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

#[allow(clippy::too_many_arguments)]
const fn s(
    id: &'static str,
    label: &'static str,
    group: Group,
    level: Level,
    patterns: &'static [Pattern],
    tags: &'static [Tag],
    sources: &'static [&'static str],
) -> Sign {
    Sign {
        id,
        label,
        group,
        level,
        patterns,
        tags,
        sources,
    }
}

use Group::*;
use Level::*;
use Pattern::*;
use Tag::*;

/// Every built-in sign, in the order shown within its group. Levels are those of §5:
/// every item on [CW]'s "Call 911 or go to the ER" list and the severe signs give CALL 911
/// NOW; everything else a family can tap gives CALL THE PUMP CLINIC NOW. Where §5 names a
/// sign without a level, the higher level is taken (§5's principle).
pub const SIGNS: &[Sign] = &[
    // [CW] 911 list.
    s(
        "hard_to_wake",
        "Hard to wake up",
        BreathingWaking,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4"],
    ),
    s(
        "sleepier",
        "Much sleepier than usual (extra sleepy)",
        BreathingWaking,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4"],
    ),
    s(
        "breathing",
        "Hard time breathing, or slow or shallow breathing",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &[],
        &["CW", "L4"],
    ),
    // Not named with a level in §5: a breathing problem, so [CW]'s "hard time breathing".
    s(
        "fast_breathing",
        "Breathing fast",
        BreathingWaking,
        Call911Now,
        &[],
        &[],
        &["CW"],
    ),
    s(
        "dizzy",
        "Dizzy or faint",
        BreathingWaking,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4"],
    ),
    s(
        "sweating",
        "Sweating, goosebumps or a fast heartbeat",
        BreathingWaking,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["W1", "M7"],
    ),
    s(
        "slow_heartbeat",
        "Slow heartbeat",
        BreathingWaking,
        CallClinicNow,
        &[Overdose],
        &[],
        &["L4"],
    ),
    s(
        "low_temperature",
        "Low body temperature",
        BreathingWaking,
        CallClinicNow,
        &[Overdose],
        &[],
        &["L4"],
    ),
    s(
        "weakness",
        "Muscle weakness or tingling, or new floppiness",
        Muscles,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4"],
    ),
    s(
        "very_stiff",
        "Looking very stiff",
        Muscles,
        Call911Now,
        &[Withdrawal],
        &[WithdrawalSign, MoreStiff],
        &["CW", "W1"],
    ),
    s(
        "seizure",
        "A seizure",
        Muscles,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["W1", "L4"],
    ),
    s(
        "stiffer",
        "Stiffer than usual: hard to move because of tight muscles",
        Muscles,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign, MoreStiff],
        &["CW", "W1"],
    ),
    s(
        "spasms",
        "Many muscle twitches or spasms",
        Muscles,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign, MoreStiff],
        &["CW", "W1"],
    ),
    s(
        "confusion",
        "Confusion, seeing or hearing things that are not there, or any change in mental state",
        Mind,
        Call911Now,
        &[Withdrawal],
        &[],
        &["W1", "L1"],
    ),
    // Not named with a level in §5: a change in mental state, so 911 (the higher level).
    s(
        "concentrating",
        "Trouble concentrating",
        Mind,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["W1", "L1", "L4"],
    ),
    s(
        "irritable",
        "Acting grumpy or irritable without a good reason",
        Mind,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["CW", "M7"],
    ),
    s(
        "high_fever",
        "High fever with stiffness or confusion",
        FeverSkin,
        Call911Now,
        &[Withdrawal, Infection],
        &[WithdrawalSign, Fever],
        &["W1", "L1"],
    ),
    s(
        "fever",
        "Any fever",
        FeverSkin,
        CallClinicNow,
        &[Withdrawal, Infection],
        &[WithdrawalSign, Fever],
        &["CW", "G2"],
    ),
    s(
        "headache",
        "Headache",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[Headache],
        &["G2", "W6"],
    ),
    s(
        "stiff_neck",
        "Stiff neck",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[NeckOrLight],
        &["G2", "W6"],
    ),
    s(
        "light",
        "Bright light hurts the eyes (sensitivity to light)",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[NeckOrLight],
        &["G2"],
    ),
    s(
        "itchy",
        "Very itchy, with no rash",
        FeverSkin,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["CW", "M7"],
    ),
    s(
        "itchy_rash",
        "Itching with a rash",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[],
        &["CW", "G2"],
    ),
    s(
        "pump_site",
        "Redness, swelling, warmth, hardness or fluid at the pump or at the surgery cut on the back (incision)",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[],
        &["G2", "W6"],
    ),
    s(
        "beeping",
        "The pump is beeping or alarming",
        PumpRefill,
        CallClinicNow,
        &[Withdrawal],
        &[DeliveryInDoubt],
        &["CW", "M1"],
    ),
    s(
        "missed_refill",
        "A refill was missed or is late",
        PumpRefill,
        CallClinicNow,
        &[Withdrawal],
        &[DeliveryInDoubt],
        &["CW", "G1"],
    ),
    s(
        "alarm_date_passed",
        "The low-reservoir alarm date has passed",
        PumpRefill,
        CallClinicNow,
        &[Withdrawal],
        &[DeliveryInDoubt],
        &["M1", "G1"],
    ),
    // Observable signs in place of reported ones (§5): the team's reading, pending clinical
    // sign-off; each gives at least the clinic, and counts as a withdrawal sign.
    s(
        "scratching",
        "Scratching or rubbing the skin",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["L1", "CW"],
    ),
    s(
        "restless",
        "Restless",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["L1", "CW"],
    ),
    s(
        "crying",
        "Crying that cannot be soothed",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["L1", "CW"],
    ),
    s(
        "not_themselves",
        "Not themselves",
        CannotTell,
        CallClinicNow,
        &[Withdrawal, Overdose],
        &[WithdrawalSign],
        &["L1", "CW"],
    ),
    s(
        "other",
        "Something else worries me",
        Other,
        CallClinicNow,
        &[],
        &[],
        &["CW", "M8"],
    ),
];

pub fn sign(id: &str) -> Option<&'static Sign> {
    SIGNS.iter().find(|s| s.id == id)
}

/// The built-in signs at one level, in table order (for the plan and the printables).
pub fn signs_at(level: Level) -> impl Iterator<Item = &'static Sign> {
    SIGNS
        .iter()
        .filter(move |s| s.level == level && s.group != Other)
}

/// The built-in signs that point to a pattern (for the EMS card's sign lists).
pub fn signs_of(pattern: Pattern) -> impl Iterator<Item = &'static Sign> {
    SIGNS
        .iter()
        .filter(move |s| s.patterns.contains(&pattern) && s.group != PumpRefill)
}

/// A combination of signs that raises the level (§5). Each entry of `needs` is satisfied by
/// any selected sign that carries one of its tags; the rule fires when all are satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Combination {
    pub id: &'static str,
    pub needs: &'static [&'static [Tag]],
    pub level: Level,
    pub reason: &'static str,
    pub sources: &'static [&'static str],
}

impl Combination {
    pub fn cited(&self) -> Cited {
        Cited {
            text: self.reason,
            sources: self.sources,
        }
    }
}

pub const COMBINATIONS: &[Combination] = &[
    Combination {
        id: "delivery_in_doubt_with_withdrawal",
        needs: &[&[DeliveryInDoubt], &[WithdrawalSign]],
        level: Call911Now,
        reason: "A pump alarm, a missed or late refill, or a passed alarm date, together with any sign of withdrawal: the medicine may not be flowing.",
        sources: &["M1", "M11"],
    },
    Combination {
        id: "fever_with_stiffness",
        needs: &[&[Fever], &[MoreStiff]],
        level: Call911Now,
        reason: "Fever together with more stiffness than usual: this can be severe withdrawal.",
        sources: &["L1"],
    },
    Combination {
        id: "fever_headache_stiff_neck",
        needs: &[&[Fever], &[Headache], &[NeckOrLight]],
        level: Call911Now,
        reason: "Fever with a headache and a stiff neck or sensitivity to light: this can be an infection around the brain and spine (meningitis).",
        sources: &["G2", "W6"],
    },
];

/// A tapped sign: a built-in one, or one of the child's own signs from the card (with the
/// level the clinic's plan gives it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selected {
    Builtin(&'static str),
    Own(OwnSign),
}

/// One of the child's own signs, as the family copied it from the clinic's plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwnSign {
    pub text: String,
    pub overdose: bool,
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageResult {
    pub level: Level,
    pub patterns: Vec<Pattern>,
    /// The selected signs and combinations that set the level (what made it this serious).
    pub because: Vec<String>,
    pub sources: Vec<&'static str>,
    /// The 911 signs to watch for while waiting for the clinic (empty at 911).
    pub watch_for: Vec<&'static str>,
}

/// The child's own signs, from the card, as extra buttons: each at the level the family chose
/// from their clinic's plan (the default is the clinic; the app never caps a 911 sign).
pub fn own_signs(child: &Child) -> Vec<Selected> {
    let own = |list: &[String], overdose: bool, level: Level| -> Vec<Selected> {
        list.iter()
            .map(|text| {
                Selected::Own(OwnSign {
                    text: text.clone(),
                    overdose,
                    level,
                })
            })
            .collect()
    };
    let mut out = own(&child.overdose_signs_911, true, Call911Now);
    out.extend(own(&child.withdrawal_signs_911, false, Call911Now));
    out.extend(own(&child.overdose_signs, true, CallClinicNow));
    out.extend(own(&child.withdrawal_signs, false, CallClinicNow));
    out
}

/// One selected item as the rules see it.
struct Part {
    level: Level,
    patterns: &'static [Pattern],
    tags: &'static [Tag],
    because: String,
    sources: &'static [&'static str],
}

fn part(sel: &Selected) -> Option<Part> {
    Some(match sel {
        Selected::Builtin(id) => {
            let sign = sign(id)?;
            Part {
                level: sign.level,
                patterns: sign.patterns,
                tags: sign.tags,
                because: sign.label.to_string(),
                sources: sign.sources,
            }
        }
        Selected::Own(own) if own.overdose => Part {
            level: own.level,
            patterns: &[Overdose],
            tags: &[],
            because: format!("{} (your child's own sign of overdose)", own.text),
            sources: &["L4", "M8"],
        },
        Selected::Own(own) => Part {
            level: own.level,
            patterns: &[Withdrawal],
            tags: &[WithdrawalSign],
            because: format!("{} (your child's own sign of withdrawal)", own.text),
            sources: &["L1", "M8"],
        },
    })
}

/// The rules. None when nothing is selected: no selection is never reassurance.
pub fn triage(selected: &[Selected]) -> Option<TriageResult> {
    let parts: Vec<Part> = selected.iter().filter_map(part).collect();
    if parts.is_empty() {
        return None;
    }
    let fired: Vec<&Combination> = COMBINATIONS
        .iter()
        .filter(|c| {
            c.needs
                .iter()
                .all(|any| parts.iter().any(|p| p.tags.iter().any(|t| any.contains(t))))
        })
        .collect();
    let level = parts
        .iter()
        .map(|p| p.level)
        .chain(fired.iter().map(|c| c.level))
        .max()?;
    let mut patterns: Vec<Pattern> = parts
        .iter()
        .flat_map(|p| p.patterns.iter().copied())
        .collect();
    crate::sorting::sort(&mut patterns);
    patterns.dedup();
    let because = fired
        .iter()
        .filter(|c| c.level == level)
        .map(|c| c.reason.to_string())
        .chain(
            parts
                .iter()
                .filter(|p| p.level == level)
                .map(|p| p.because.clone()),
        )
        .collect();
    let mut sources: Vec<&'static str> = parts
        .iter()
        .flat_map(|p| p.sources.iter().copied())
        .chain(fired.iter().flat_map(|c| c.sources.iter().copied()))
        .chain(patterns.iter().flat_map(|p| p.sources().iter().copied()))
        .collect();
    crate::sorting::sort(&mut sources);
    sources.dedup();
    let watch_for = if level < Call911Now {
        signs_at(Call911Now).map(|s| s.label).collect()
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

/// If the pump clinic cannot be reached at once, and any withdrawal or overdose sign is
/// present: go to the ER or call 911 (§5). Shown on the result itself, never behind a control.
pub const CANT_REACH_CLINIC: Cited = Cited {
    text: "Can't reach the pump clinic now (after hours, no answer, no call back)? Go to the ER or call",
    sources: &["M11", "M7"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_group_has_a_sign() {
        for (i, a) in SIGNS.iter().enumerate() {
            assert!(SIGNS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
        for g in Group::ALL {
            assert!(SIGNS.iter().any(|s| s.group == g), "{}", g.title());
        }
    }

    #[test]
    fn a_child_who_cannot_speak_sees_the_observable_signs_first() {
        assert_eq!(groups_for(true)[0], Group::CannotTell);
        assert_ne!(groups_for(false)[0], Group::CannotTell);
        assert_eq!(groups_for(true).len(), Group::ALL.len());
    }
}
