//! The symptom checker, tested from the clinical reference, not from the code.
//!
//! `../shared/clinical-reference.md` §5 ("Triage levels the app uses") is read as blocks: the
//! principle paragraph, then one block per top-level bullet. A block's level is the first level
//! it names ("CALL 911 NOW" or "call the pump clinic"). Every row below quotes a phrase of the
//! reference and names the checker's buttons that stand for it; the level the buttons must give
//! is READ from the block the phrase sits in (the higher one where it sits in several, §5's
//! principle), never typed here. Every built-in sign must have a row, and every combination rule
//! a row that fires it, so a sign added without a row, or a level lowered (fast breathing
//! included), fails here.

use itb_companion::core::profile::Child;
use itb_companion::core::triage::{
    groups_for, own_signs, pattern_line, sign, triage, Group, Level, OwnSign, Pattern, Selected,
    Tag, COMBINATIONS, SIGNS,
};
use proptest::prelude::*;

use Level::{Call911Now as N911, CallClinicNow as CLINIC};

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

/// One block of §5's triage part, its text with the line breaks joined.
struct Block {
    first_line: usize,
    text: String,
    level: Option<Level>,
    /// The combinations bullet: its phrases are pinned by combination rows only.
    combinations: bool,
}

fn squash(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "")
}

/// The first level a block names, in the reference's own words.
fn level_named(text: &str) -> Option<Level> {
    let lower = text.to_lowercase();
    let at_911 = lower.find("call 911 now");
    let at_clinic = lower.find("call the pump clinic");
    match (at_911, at_clinic) {
        (Some(a), Some(b)) => Some(if a < b { N911 } else { CLINIC }),
        (Some(_), None) => Some(N911),
        (None, Some(_)) => Some(CLINIC),
        (None, None) => None,
    }
}

/// §5's triage blocks: from "Triage levels the app uses" to the end of §5.
fn blocks() -> Vec<Block> {
    let lines: Vec<&str> = REFERENCE.lines().collect();
    let s5 = lines
        .iter()
        .position(|l| l.starts_with("## 5."))
        .expect("the reference has a §5");
    let start = s5
        + lines[s5..]
            .iter()
            .position(|l| l.starts_with("Triage levels the app uses"))
            .expect("§5 has its triage levels");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.starts_with("## "))
            .expect("§6 follows §5");
    let mut out: Vec<(usize, Vec<&str>)> = vec![(start + 1, Vec::new())];
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if line.starts_with("- ") {
            out.push((i + 1, Vec::new()));
        }
        out.last_mut().unwrap().1.push(line);
    }
    out.into_iter()
        .map(|(first_line, lines)| {
            let text = squash(&lines.join(" "));
            Block {
                first_line,
                level: level_named(&text),
                combinations: text.starts_with("- Combinations that raise the level"),
                text,
            }
        })
        .collect()
}

/// The level §5 gives a phrase (case-insensitive): the highest of the single-sign blocks it
/// stands in. Panics, naming the phrase, when the reference does not say it.
fn level_for_sign(phrase: &str) -> Level {
    let phrase = squash(phrase).to_lowercase();
    let levels: Vec<(usize, Level)> = blocks()
        .iter()
        .filter(|b| !b.combinations && b.text.to_lowercase().contains(&phrase))
        .map(|b| {
            (
                b.first_line,
                b.level.unwrap_or_else(|| {
                    panic!("reference block at line {} names no level", b.first_line)
                }),
            )
        })
        .collect();
    assert!(
        !levels.is_empty(),
        "§5's triage levels do not say {phrase:?} outside the combinations"
    );
    levels.iter().map(|(_, l)| *l).max().unwrap()
}

/// The combinations bullet of §5 and its level, checked to contain `phrase`.
fn level_for_combination(phrase: &str) -> Level {
    let all = blocks();
    let block = all
        .iter()
        .find(|b| b.combinations)
        .expect("§5 lists the combinations");
    assert!(
        block
            .text
            .to_lowercase()
            .contains(&squash(phrase).to_lowercase()),
        "§5's combinations (line {}) do not say {phrase:?}",
        block.first_line
    );
    block.level.expect("the combinations name their level")
}

fn sel(ids: &[&'static str]) -> Vec<Selected> {
    for id in ids {
        assert!(sign(id).is_some(), "the checker has no sign {id:?}");
    }
    ids.iter().map(|id| Selected::Builtin(id)).collect()
}

fn level(ids: &[&'static str]) -> Level {
    triage(&sel(ids)).expect("a selection gives a result").level
}

/// (phrase of §5's triage levels, the checker's buttons that stand for it).
const SIGN_ROWS: &[(&str, &[&str])] = &[
    // [CW]'s "Call 911 or go to the ER" list, every item.
    ("hard to wake up", &["hard_to_wake"]),
    ("or extra sleepy (much sleepier than usual)", &["sleepier"]),
    ("dizzy or faint", &["dizzy"]),
    // Fast breathing is an early withdrawal sign in §5 with no level: a breathing problem,
    // so [CW]'s "hard time breathing" (the higher level, §5's principle).
    (
        "having a hard time breathing",
        &["breathing", "fast_breathing"],
    ),
    ("slow or shallow breathing", &["breathing"]),
    ("muscle weakness or tingling", &["weakness"]),
    ("new floppiness", &["weakness"]),
    ("looking very stiff", &["very_stiff"]),
    // The severe signs.
    ("a seizure", &["seizure"]),
    (
        "confusion, hallucinations or any change in mental state",
        &["confusion", "concentrating"],
    ),
    ("high fever with stiffness or confusion", &["high_fever"]),
    // The overdose progression signs (corrected 2026-12-07).
    (
        "a heartbeat slower than usual for the child",
        &["slow_heartbeat"],
    ),
    (
        "a body temperature lower than usual (feels cold)",
        &["low_temperature"],
    ),
    (
        "a rash that does not fade under a pressed glass",
        &["rash_glass"],
    ),
    // CALL THE PUMP CLINIC NOW [CW][G2].
    ("very itchy", &["itchy"]),
    (
        "hard to move because of tight muscles (stiffer)",
        &["stiffer"],
    ),
    ("many muscle twitches or spasms", &["spasms"]),
    (
        "acting grumpy or irritable without a good reason",
        &["irritable"],
    ),
    ("(a missed or late refill)", &["missed_refill"]),
    ("any pump beeping", &["beeping"]),
    ("any fever", &["fever"]),
    (
        "redness, swelling, warmth, firmness or fluid at the pump or the back incision",
        &["pump_site", "itchy_rash"],
    ),
    (
        "headache; stiff neck; sensitivity to light",
        &["headache", "stiff_neck", "light"],
    ),
    ("sweating, goosebumps, fast heartbeat", &["sweating"]),
    ("nausea or vomiting", &["nausea"]),
    ("drooling more than usual", &["drooling"]),
    ("\"something else worries me\"", &["other"]),
    // A passed alarm date alone: "the lowest level is call the pump clinic" (no watch-only).
    (
        "the lowest level is \"call the pump clinic\"",
        &["alarm_date_passed"],
    ),
    // Observable signs for a child who cannot speak: each at least the clinic.
    ("scratching or rubbing the skin (itching)", &["scratching"]),
    ("restlessness", &["restless"]),
    ("crying that cannot be soothed", &["crying"]),
    ("\"not themselves\"", &["not_themselves"]),
];

#[test]
fn every_sign_has_a_row_and_its_level_is_read_from_the_reference_section() {
    for s in SIGNS {
        assert!(
            SIGN_ROWS.iter().any(|(_, ids)| ids.contains(&s.id)),
            "the sign {:?} ({}) has no row citing §5: add one with the phrase it stands for",
            s.id,
            s.words
        );
    }
    for (phrase, ids) in SIGN_ROWS {
        let want = level_for_sign(phrase);
        for id in *ids {
            assert_eq!(
                level(&[id]),
                want,
                "§5 {phrase:?}: button {id} alone gives the level of its section"
            );
            // The table's own level says the same (what the plan and the printables list).
            assert_eq!(sign(id).unwrap().level, want, "{id}");
        }
    }
}

#[test]
fn the_reference_is_read_as_its_sections_say() {
    // Guards the reader above: the three level bullets carry the levels they are titled with.
    let all = blocks();
    let find = |start: &str| {
        all.iter()
            .find(|b| b.text.starts_with(start))
            .unwrap_or_else(|| panic!("§5 has no bullet {start:?}"))
    };
    assert_eq!(find("- CALL 911 NOW").level, Some(N911));
    assert_eq!(find("- CALL THE PUMP CLINIC NOW").level, Some(CLINIC));
    assert_eq!(find("- Combinations").level, Some(N911));
    assert_eq!(level_for_sign("any fever"), CLINIC);
    assert_eq!(level_for_sign("a seizure"), N911);
}

/// §5's list of withdrawal signs for the first combination, and the buttons for each word.
const WITHDRAWAL_WORDS: &[(&str, &[&str])] = &[
    ("itching", &["itchy", "scratching"]),
    ("stiffer", &["stiffer"]),
    ("twitchier", &["spasms"]),
    ("irritable", &["irritable", "restless"]),
    ("fever", &["fever"]),
    ("sweating", &["sweating"]),
    ("fast heartbeat", &["sweating"]),
    ("headache", &["headache"]),
    ("tingling", &["weakness"]),
];

/// Does a selection fire a combination rule (every part of it matched by a selected sign)?
fn fires(ids: &[&str], rule: &str) -> bool {
    let c = COMBINATIONS.iter().find(|c| c.id == rule).unwrap();
    c.needs.iter().all(|any: &&[Tag]| {
        ids.iter()
            .any(|id| sign(id).unwrap().tags.iter().any(|t| any.contains(t)))
    })
}

/// (phrase of §5's combinations, the rule, selections that must reach the section's level).
fn combination_rows() -> Vec<(&'static str, &'static str, Vec<Vec<&'static str>>)> {
    let mut delivery_rows = Vec::new();
    for d in ["beeping", "missed_refill", "alarm_date_passed"] {
        for (_, ids) in WITHDRAWAL_WORDS {
            for w in *ids {
                delivery_rows.push(vec![d, *w]);
            }
        }
        for w in ["crying", "not_themselves"] {
            delivery_rows.push(vec![d, w]);
        }
    }
    vec![
        (
            "any pump alarm, a missed or late refill, or a low-reservoir alarm date that has passed, together with ANY withdrawal sign",
            "delivery_in_doubt_with_withdrawal",
            delivery_rows,
        ),
        (
            "any fever together with more stiffness than usual",
            "fever_with_stiffness",
            vec![vec!["fever", "stiffer"], vec!["fever", "spasms"]],
        ),
        (
            "fever together with ANY ONE of headache, stiff neck or light sensitivity",
            "fever_with_a_meningitis_sign",
            vec![
                vec!["fever", "headache"],
                vec!["fever", "stiff_neck"],
                vec!["fever", "light"],
            ],
        ),
        (
            "fever together with a stiff neck and crying that cannot be soothed or \"not themselves\"",
            "fever_stiff_neck_cannot_say",
            vec![
                vec!["fever", "stiff_neck", "crying"],
                vec!["fever", "stiff_neck", "not_themselves"],
            ],
        ),
    ]
}

#[test]
fn every_combination_has_rows_and_gives_the_level_of_its_reference_section() {
    let rows = combination_rows();
    for c in COMBINATIONS {
        assert!(
            rows.iter().any(|(_, rule, _)| *rule == c.id),
            "the combination {} has no row citing §5",
            c.id
        );
    }
    for (phrase, rule, selections) in &rows {
        let want = level_for_combination(phrase);
        for ids in selections {
            assert!(fires(ids, rule), "{ids:?} should fire {rule}");
            assert_eq!(level(ids), want, "§5 {phrase:?}: {ids:?}");
            let mut backwards = ids.clone();
            backwards.reverse();
            assert_eq!(level(&backwards), want, "in either order: {backwards:?}");
        }
    }
    // Each delivery-in-doubt fact alone stays at the clinic (the rule needs a sign with it).
    for d in ["beeping", "missed_refill", "alarm_date_passed"] {
        assert_eq!(level(&[d]), CLINIC, "{d} alone");
    }
}

#[test]
fn the_withdrawal_signs_of_the_first_combination_are_every_word_section_5_lists() {
    // The words in the parenthesis of the first combination, read from the reference: every
    // one has buttons in WITHDRAWAL_WORDS (a word added to §5 fails here until it has).
    let all = blocks();
    let text = &all.iter().find(|b| b.combinations).unwrap().text;
    let open =
        text.find("ANY withdrawal sign (").expect("the list") + "ANY withdrawal sign (".len();
    let close = open + text[open..].find(')').unwrap();
    for word in text[open..close].split(',').map(str::trim) {
        let ids = WITHDRAWAL_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .unwrap_or_else(|| panic!("§5 names the withdrawal sign {word:?}: map it to buttons"))
            .1;
        for id in ids {
            assert!(
                sign(id).unwrap().has(Tag::WithdrawalSign),
                "{id} ({word}) counts as a withdrawal sign"
            );
        }
    }
}

#[test]
fn slow_heartbeat_and_low_temperature_are_911() {
    // The review's finding: both gave CALL THE PUMP CLINIC NOW (corrected 2026-12-07).
    assert_eq!(
        level_for_sign("a heartbeat slower than usual for the child"),
        N911
    );
    assert_eq!(level_for_sign("a body temperature lower than usual"), N911);
    for id in ["slow_heartbeat", "low_temperature"] {
        let r = triage(&sel(&[id])).unwrap();
        assert_eq!(r.level.title("911"), "CALL 911 NOW", "{id}");
        assert!(r.patterns.contains(&Pattern::Overdose), "{id}");
    }
    // In a parent's words, with the child's name.
    assert_eq!(
        sign("slow_heartbeat").unwrap().label("Maya"),
        "Heartbeat slower than usual for Maya"
    );
    assert_eq!(
        sign("low_temperature").unwrap().label("Maya"),
        "Feels cold: temperature lower than usual"
    );
}

#[test]
fn fever_with_any_one_of_headache_stiff_neck_or_light_is_911() {
    let want = level_for_combination(
        "fever together with ANY ONE of headache, stiff neck or light sensitivity",
    );
    assert_eq!(want, N911);
    for other in ["headache", "stiff_neck", "light"] {
        assert_eq!(level(&["fever", other]), want, "fever + {other}");
        assert_eq!(level(&[other]), CLINIC, "{other} alone");
    }
    assert_eq!(level(&["fever"]), CLINIC);
    // The non-fading rash is 911 on its own [NHS-M].
    assert_eq!(level(&["rash_glass"]), N911);
}

#[test]
fn a_non_verbal_childs_fever_stiff_neck_and_crying_is_911() {
    // A child who cannot say their head hurts: the meningitis rule needs no reported headache.
    for cannot_say in ["crying", "not_themselves"] {
        let r = triage(&sel(&["fever", "stiff_neck", cannot_say])).unwrap();
        assert_eq!(r.level, N911);
        assert!(
            r.because.iter().any(|b| b.contains("meningitis")),
            "{:?}",
            r.because
        );
    }
}

#[test]
fn headache_and_tingling_count_as_withdrawal_signs() {
    // §5: "(… headache, tingling): the drug may not be flowing".
    level_for_combination("fast heartbeat, headache, tingling");
    assert_eq!(level(&["missed_refill", "headache"]), N911);
    assert_eq!(level(&["beeping", "headache"]), N911);
    assert!(sign("headache").unwrap().has(Tag::WithdrawalSign));
    assert!(sign("weakness").unwrap().has(Tag::WithdrawalSign));
    let r = triage(&sel(&["headache"])).unwrap();
    assert!(r.patterns.contains(&Pattern::Withdrawal));
    assert!(r.patterns.contains(&Pattern::Infection));
}

#[test]
fn much_sleepier_than_usual_is_911_not_the_clinic() {
    // The 2026-11-26 finding: [CW] says "Call 911 or go to the ER if your child is hard to
    // wake up, or is extra sleepy".
    assert_eq!(level_for_sign("or extra sleepy"), N911);
    let r = triage(&sel(&["sleepier"])).unwrap();
    assert_eq!(r.level, N911);
    assert_eq!(r.level.title("911"), "CALL 911 NOW");
}

#[test]
fn a_childs_own_withdrawal_sign_with_a_beeping_pump_is_911() {
    // ANY withdrawal sign, which includes the child's own.
    assert!(squash(REFERENCE).contains("together with ANY withdrawal sign"));
    assert!(squash(REFERENCE).contains("The family's own signs (copied from the child's plan)"));
    let own = Selected::Own(OwnSign {
        text: "Picks at skin".into(),
        overdose: false,
        level: CLINIC,
    });
    let mut picks = sel(&["beeping"]);
    picks.push(own);
    assert_eq!(triage(&picks).unwrap().level, N911);
}

#[test]
fn the_familys_own_signs_carry_the_level_of_their_plan() {
    assert!(squash(REFERENCE).contains(
        "carry the level the plan gives them, including CALL 911; the app never caps them below the plan"
    ));
    let child = Child {
        overdose_signs: vec!["Head lolls".into()],
        withdrawal_signs_911: vec!["Legs shaking".into()],
        ..Child::default()
    };
    let own = own_signs(&child);
    assert_eq!(own.len(), 2);
    for o in &own {
        let Selected::Own(s) = o else {
            panic!("own signs only")
        };
        let got = triage(std::slice::from_ref(o)).unwrap().level;
        match s.text.as_str() {
            "Legs shaking" => assert_eq!(got, N911, "the plan says 911"),
            "Head lolls" => assert_eq!(got, CLINIC, "the default for a new sign is the clinic"),
            other => panic!("{other}"),
        }
    }
}

#[test]
fn nothing_a_family_taps_gives_less_than_the_clinic() {
    assert!(squash(REFERENCE)
        .contains("There is no \"watch only\" result for anything a family has selected"));
    for s in SIGNS {
        assert!(level(&[s.id]) >= CLINIC, "{}", s.id);
    }
    assert_eq!(triage(&[]), None, "no selection is never reassurance");
}

#[test]
fn a_child_who_cannot_speak_sees_observable_signs_first() {
    level_for_sign("a child who cannot speak for themselves is at higher risk");
    assert_eq!(groups_for(true)[0], Group::CannotTell);
    for s in SIGNS.iter().filter(|s| s.group == Group::CannotTell) {
        assert!(level(&[s.id]) >= CLINIC);
        assert!(
            s.team_reading,
            "{}: the team's reading, shown as such",
            s.id
        );
    }
}

#[test]
fn shared_signs_name_both_withdrawal_and_overdose() {
    // Tingling is early withdrawal, dizziness and "hard to wake" are overdose (§5): a parent
    // never tells EMS "overdose" on the app's word alone.
    assert!(squash(REFERENCE).contains("goosebumps, tingling or other unusual sensations"));
    assert!(squash(REFERENCE).contains("drowsiness, confusion, dizziness"));
    for id in ["weakness", "dizzy", "hard_to_wake", "sleepier", "sweating"] {
        let r = triage(&sel(&[id])).unwrap();
        assert!(
            r.patterns.contains(&Pattern::Withdrawal) && r.patterns.contains(&Pattern::Overdose),
            "{id}: {:?}",
            r.patterns
        );
        let line = pattern_line(&r.patterns).unwrap();
        assert!(
            line.contains("withdrawal") && line.contains("overdose"),
            "{line}"
        );
    }
}

#[test]
fn below_911_the_result_lists_the_911_signs_to_watch_for() {
    let r = triage(&sel(&["other"])).unwrap();
    assert_eq!(r.level, CLINIC);
    for s in SIGNS
        .iter()
        .filter(|s| s.level == N911 && s.group != Group::Other)
    {
        assert!(r.watch_for.iter().any(|w| w.id == s.id), "{}", s.id);
    }
    assert!(triage(&sel(&["seizure"])).unwrap().watch_for.is_empty());
}

#[test]
fn the_emergency_number_follows_settings() {
    assert!(squash(REFERENCE).contains("every \"call 911\" label and `tel:` link follows it"));
    assert_eq!(N911.title("112"), "CALL 112 NOW");
    assert!(N911.action("112").contains("112"));
    assert!(!N911.action("112").contains("911"));
}

#[test]
fn a_combination_that_fires_says_why() {
    let r = triage(&sel(&["beeping", "itchy"])).unwrap();
    assert!(
        r.because.iter().any(|b| b.contains("may not be flowing")),
        "{:?}",
        r.because
    );
}

fn any_selection() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0usize..SIGNS.len(), 1..8)
}

proptest! {
    /// Adding a sign never lowers the level.
    #[test]
    fn adding_a_sign_never_lowers_the_level(picks in any_selection(), extra in 0usize..SIGNS.len()) {
        let ids: Vec<&'static str> = picks.iter().map(|i| SIGNS[*i].id).collect();
        let before = level(&ids);
        let mut more = ids.clone();
        more.push(SIGNS[extra].id);
        prop_assert!(level(&more) >= before);
    }

    /// No non-empty selection gives less than CALL THE PUMP CLINIC NOW, and a selection with
    /// any 911 sign gives 911.
    #[test]
    fn no_selection_gives_less_than_the_clinic(picks in any_selection()) {
        let ids: Vec<&'static str> = picks.iter().map(|i| SIGNS[*i].id).collect();
        let got = level(&ids);
        prop_assert!(got >= CLINIC);
        if ids.iter().any(|id| sign(id).unwrap().level == N911) {
            prop_assert_eq!(got, N911);
        }
    }

    /// Every combination rule fires in any order of taps, whatever else is tapped.
    #[test]
    fn combinations_fire_in_any_order(mut picks in any_selection(), rule in 0usize..4, rot in 0usize..8) {
        let rows = combination_rows();
        let case = rows[rule].2[0].clone();
        let mut ids: Vec<&'static str> = picks.drain(..).map(|i| SIGNS[i].id).collect();
        ids.extend_from_slice(&case);
        let n = ids.len();
        ids.rotate_left(rot % n);
        prop_assert_eq!(level(&ids), N911);
        ids.reverse();
        prop_assert_eq!(level(&ids), N911);
    }
}
