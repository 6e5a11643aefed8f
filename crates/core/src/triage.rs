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
    StomachMouth,
    PumpRefill,
    Other,
}

impl Group {
    /// The order for a child who can speak; [`groups_for`] moves `CannotTell` first otherwise.
    pub const ALL: [Group; 8] = [
        Group::BreathingWaking,
        Group::Muscles,
        Group::Mind,
        Group::FeverSkin,
        Group::StomachMouth,
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
            Group::StomachMouth => "Stomach and mouth",
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
    /// Any withdrawal sign: itching, stiffer, twitchier, irritable, fever, sweating, fast
    /// heartbeat, headache, tingling (§5, first combination).
    WithdrawalSign,
    /// Any pump alarm, a missed or late refill, or a passed low-reservoir alarm date.
    DeliveryInDoubt,
    Fever,
    /// More stiffness than usual (rebound spasticity [L1]).
    MoreStiff,
    /// Headache, stiff neck or sensitivity to light: with a fever, ANY ONE is meningitis until
    /// shown otherwise (§5, corrected 2026-12-07).
    MeningitisSign,
    /// A stiff neck (with a fever and a child who cannot say their head hurts, §5).
    StiffNeck,
    /// Crying that cannot be soothed, or "not themselves": what a child who cannot speak shows
    /// in place of a headache (§5).
    CannotSayHeadHurts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sign {
    pub id: &'static str,
    /// The button's words; `{child}` stands for the child's name ([`Sign::label`]).
    pub words: &'static str,
    pub group: Group,
    pub level: Level,
    pub patterns: &'static [Pattern],
    pub tags: &'static [Tag],
    pub sources: &'static [&'static str],
    /// Which reported sign an observable one stands for, or a level §5 does not name, is the
    /// team's reading, pending clinical sign-off (§5): shown as such.
    pub team_reading: bool,
}

/// What the words say for a child with no name on the card (the EMS card's general lists).
pub const NO_NAME: &str = "the child";

impl Sign {
    /// The button's words for `child` (a blank name reads "the child").
    pub fn label(&self, child: &str) -> String {
        let name = if child.trim().is_empty() {
            NO_NAME
        } else {
            child.trim()
        };
        self.words.replace("{child}", name)
    }

    /// The sign as a cited line, for the plan, the printables and the EMS card (general words).
    pub fn cited(&self) -> Cited {
        Cited {
            text: self.words,
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
    words: &'static str,
    group: Group,
    level: Level,
    patterns: &'static [Pattern],
    tags: &'static [Tag],
    sources: &'static [&'static str],
) -> Sign {
    Sign {
        id,
        words,
        group,
        level,
        patterns,
        tags,
        sources,
        team_reading: false,
    }
}

/// A sign whose level or meaning is the team's reading of §5 (pending clinical sign-off).
const fn reading(sign: Sign) -> Sign {
    Sign {
        team_reading: true,
        ..sign
    }
}

use Group::*;
use Level::*;
use Pattern::*;
use Tag::*;

/// Every built-in sign, in the order shown within its group. Levels are those of §5:
/// every item on [CW]'s "Call 911 or go to the ER" list, the severe signs and the overdose
/// progression signs give CALL 911 NOW; everything else a family can tap gives CALL THE PUMP
/// CLINIC NOW. Where §5 names a sign without a level, the higher level is taken (§5's
/// principle). `tests/triage.rs` reads each sign's level from the section of the reference
/// its row cites.
pub const SIGNS: &[Sign] = &[
    // [CW] 911 list.
    s(
        "hard_to_wake",
        "Hard to wake up",
        BreathingWaking,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4", "SN1"],
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
        &["CW", "L4", "SN1"],
    ),
    // Not named with a level in §5 (an early withdrawal sign there): a breathing problem, so
    // [CW]'s "hard time breathing", the higher level.
    reading(s(
        "fast_breathing",
        "Breathing fast",
        BreathingWaking,
        Call911Now,
        &[Withdrawal],
        &[WithdrawalSign],
        &["CW", "W1"],
    )),
    s(
        "dizzy",
        "Dizzy or faint",
        BreathingWaking,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["CW", "L4"],
    ),
    // The overdose progression signs (§5, corrected 2026-12-07): 911.
    s(
        "slow_heartbeat",
        "Heartbeat slower than usual for {child}",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &[],
        &["SN1", "GB", "OB", "L4"],
    ),
    s(
        "low_temperature",
        "Feels cold: temperature lower than usual",
        BreathingWaking,
        Call911Now,
        &[Overdose],
        &[],
        &["SN1", "GB", "OB", "L4"],
    ),
    // An overdose can show withdrawal-like autonomic signs [JEM20]: both are named.
    s(
        "sweating",
        "Sweating, goosebumps or a fast heartbeat",
        BreathingWaking,
        CallClinicNow,
        &[Withdrawal, Overdose],
        &[WithdrawalSign],
        &["W1", "M7", "JEM20"],
    ),
    s(
        "weakness",
        "Muscle weakness or tingling, or new floppiness",
        Muscles,
        Call911Now,
        &[Withdrawal, Overdose],
        &[WithdrawalSign],
        &["CW", "L4", "SN1"],
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
        &["W1", "L4", "SN1"],
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
        &[Withdrawal, Overdose],
        &[],
        &["W1", "L1", "L4"],
    ),
    // Not named with a level in §5: a change in mental state, so 911 (the higher level).
    reading(s(
        "concentrating",
        "Trouble concentrating",
        Mind,
        Call911Now,
        &[Withdrawal, Overdose],
        &[],
        &["W1", "L1", "L4"],
    )),
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
        "rash_glass",
        "A rash that does not fade when a glass is pressed on it",
        FeverSkin,
        Call911Now,
        &[Infection],
        &[],
        &["NHS-M"],
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
        &[Withdrawal, Infection],
        &[WithdrawalSign, MeningitisSign],
        &["GC", "SN1"],
    ),
    s(
        "stiff_neck",
        "Stiff neck",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[MeningitisSign, StiffNeck],
        &["GC"],
    ),
    s(
        "light",
        "Bright light hurts the eyes (sensitivity to light)",
        FeverSkin,
        CallClinicNow,
        &[Infection],
        &[MeningitisSign],
        &["GC"],
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
        "nausea",
        "Nausea or vomiting",
        StomachMouth,
        CallClinicNow,
        &[Overdose],
        &[],
        &["OB", "GC"],
    ),
    s(
        "drooling",
        "Drooling more than usual",
        StomachMouth,
        CallClinicNow,
        &[Overdose],
        &[],
        &["OB", "GC"],
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
    reading(s(
        "scratching",
        "Scratching or rubbing the skin",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["L1", "CW"],
    )),
    reading(s(
        "restless",
        "Restless",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign],
        &["L1", "CW"],
    )),
    reading(s(
        "crying",
        "Crying that cannot be soothed",
        CannotTell,
        CallClinicNow,
        &[Withdrawal],
        &[WithdrawalSign, CannotSayHeadHurts],
        &["L1", "CW", "NHS-M"],
    )),
    reading(s(
        "not_themselves",
        "Not themselves",
        CannotTell,
        CallClinicNow,
        &[Withdrawal, Overdose],
        &[WithdrawalSign, CannotSayHeadHurts],
        &["L1", "CW", "NHS-M"],
    )),
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
        sources: &["M1", "M11", "GC"],
    },
    Combination {
        id: "fever_with_stiffness",
        needs: &[&[Fever], &[MoreStiff]],
        level: Call911Now,
        reason: "Fever together with more stiffness than usual: this can be severe withdrawal.",
        sources: &["L1"],
    },
    // §5 (corrected 2026-12-07): fever with ANY ONE of headache, stiff neck or light
    // sensitivity. A child who cannot say their head hurts (crying that cannot be soothed, "not
    // themselves") with a fever and a stiff neck is covered by it, and has its own rule so the
    // reason names it.
    Combination {
        id: "fever_with_a_meningitis_sign",
        needs: &[&[Fever], &[MeningitisSign]],
        level: Call911Now,
        reason: "Fever with a headache, a stiff neck or sensitivity to light (any one of them): this can be an infection around the brain and spine (meningitis).",
        sources: &["GC", "W6", "NHS-M"],
    },
    Combination {
        id: "fever_stiff_neck_cannot_say",
        needs: &[&[Fever], &[StiffNeck], &[CannotSayHeadHurts]],
        level: Call911Now,
        reason: "Fever and a stiff neck in a child who cannot say their head hurts (crying that cannot be soothed, or not themselves): this can be meningitis.",
        sources: &["GC", "W6", "NHS-M"],
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
    pub watch_for: Vec<&'static Sign>,
    /// The tags of everything selected (for the band's notes, [`band_notes`]).
    pub tags: Vec<Tag>,
    /// The built-in signs selected.
    pub signs: Vec<&'static str>,
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
                because: sign.label("your child"),
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
        signs_at(Call911Now).collect()
    } else {
        Vec::new()
    };
    let tags = parts.iter().flat_map(|p| p.tags.iter().copied()).collect();
    let signs = selected
        .iter()
        .filter_map(|s| match s {
            Selected::Builtin(id) => sign(id).map(|s| s.id),
            Selected::Own(_) => None,
        })
        .collect();
    Some(TriageResult {
        level,
        patterns,
        because,
        sources,
        watch_for,
        tags,
        signs,
    })
}

/// If the pump clinic cannot be reached at once, and any withdrawal or overdose sign is
/// present: go to the ER or call 911 (§5). Shown on the result itself, never behind a control.
/// 30 minutes is the team's choice where the clinic's plan gives no time (§5).
pub const CANT_REACH_CLINIC: Cited = Cited {
    text: "Can't reach the pump clinic now (after hours, no answer, or no call back within the time {child}'s plan gives, or 30 minutes if it gives none)? Go to the ER or call {number}.",
    sources: &["M11", "M7"],
};

/// A CLINIC result that points to withdrawal, or has a pump alarm or a late refill in it (§5,
/// the label's counselling [GB]).
pub const RIGHT_AWAY: Cited = Cited {
    text: "If the clinic cannot see {child} right away, take {child} to the emergency room now.",
    sources: &["GB"],
};

/// A pump alarm among the signs (§4: not sure which sound counts as the two-tone alarm).
pub const TWO_TONE_ALARM: Cited = Cited {
    text: "A two-tone alarm, or an alarm you are not sure of, means the medicine may not be flowing: call the clinic now, and if they cannot be reached within minutes, go to the emergency room now, before any sign appears.",
    sources: &["M1", "G2", "GB"],
};

/// A 911 result with a child who is hard to wake, has a seizure or has trouble breathing (§5:
/// the team's reading, pending clinical sign-off).
pub const CALL_NOT_DRIVE: Cited = Cited {
    text: "Call {number}: do not drive {child} to hospital yourself (the team's reading, pending clinical sign-off).",
    sources: &["CW", "L4"],
};

/// Every band that names overdose (§5: the family's PRN medicines can deepen an overdose).
pub const PRN_CAUTION: Cited = Cited {
    text: "Do not give oral baclofen or diazepam for sleepiness, floppiness or slow breathing unless the clinic or {number} tells you to: they can deepen an overdose. Tell the crew what you gave and when.",
    sources: &["SN1", "L1"],
};

/// Below a 911 result: the signs that would make it 911, on the band itself (§5).
pub const WHILE_YOU_WAIT: Cited = Cited {
    text: "While you wait, call {number} at once if you see:",
    sources: &["CW"],
};

/// The signs that mean "call, do not drive" at 911 (§5).
pub const CALL_NOT_DRIVE_SIGNS: &[&str] = &["hard_to_wake", "seizure", "breathing"];

/// What a result band says below its title and action, each line on the band itself (never
/// behind a control), in the order shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BandNotes {
    pub right_away: Option<Cited>,
    pub call_not_drive: Option<Cited>,
    pub fallback: Option<Cited>,
    pub alarm: Option<Cited>,
    pub prn_caution: Option<Cited>,
    /// The heading of the 911 signs to watch for (`TriageResult::watch_for`), at the clinic.
    pub while_you_wait: Option<Cited>,
}

/// The band's notes for a result (§4, §5).
pub fn band_notes(r: &TriageResult) -> BandNotes {
    let clinic = r.level == Level::CallClinicNow;
    let delivery = r.tags.contains(&Tag::DeliveryInDoubt);
    let withdrawal = r.patterns.contains(&Pattern::Withdrawal);
    BandNotes {
        right_away: (clinic && (withdrawal || delivery)).then_some(RIGHT_AWAY),
        call_not_drive: (!clinic && r.signs.iter().any(|s| CALL_NOT_DRIVE_SIGNS.contains(s)))
            .then_some(CALL_NOT_DRIVE),
        fallback: clinic.then_some(CANT_REACH_CLINIC),
        alarm: (clinic && r.signs.contains(&"beeping")).then_some(TWO_TONE_ALARM),
        prn_caution: r
            .patterns
            .contains(&Pattern::Overdose)
            .then_some(PRN_CAUTION),
        while_you_wait: (clinic && !r.watch_for.is_empty()).then_some(WHILE_YOU_WAIT),
    }
}

/// Why a sign starts selected: what the app already knows from the card (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownFact {
    /// The low-reservoir alarm date (printout or estimate) has passed.
    AlarmDatePassed,
    /// The refill-by date has passed and no refill is recorded since: a late refill.
    RefillLate,
}

impl KnownFact {
    /// The sign it selects.
    pub fn sign(self) -> &'static str {
        match self {
            KnownFact::AlarmDatePassed => "alarm_date_passed",
            KnownFact::RefillLate => "missed_refill",
        }
    }
}

/// The signs the checker starts with selected, from the card's own dates (§5: "a late refill
/// that the app itself knows about ... counts as a missed or late refill without a tap, as a
/// passed alarm date does"). Each is shown with a note and can be untapped.
pub fn known_facts(c: &crate::countdown::Countdown, today: chrono::NaiveDate) -> Vec<KnownFact> {
    let mut out = Vec::new();
    if c.refill_by.is_some_and(|by| by < today) {
        out.push(KnownFact::RefillLate);
    }
    if c.alarm_date.is_some_and(|d| d < today) {
        out.push(KnownFact::AlarmDatePassed);
    }
    out
}

/// A band's words for this child and emergency number: `{child}` is the child's name ("your
/// child" when the card has none), `{number}` the Settings number.
pub fn fill(text: &str, child: &str, number: &str) -> String {
    let name = if child.trim().is_empty() {
        "your child"
    } else {
        child.trim()
    };
    text.replace("{child}", name).replace("{number}", number)
}

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
        for sign in SIGNS {
            assert!(!sign.label("Maya").contains('{'), "{}", sign.id);
        }
    }

    #[test]
    fn a_child_who_cannot_speak_sees_the_observable_signs_first() {
        assert_eq!(groups_for(true)[0], Group::CannotTell);
        assert_ne!(groups_for(false)[0], Group::CannotTell);
        assert_eq!(groups_for(true).len(), Group::ALL.len());
    }
}
