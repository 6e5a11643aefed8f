//! The symptom checker, tested from the clinical reference, not from the code: every row below
//! quotes a phrase of `../shared/clinical-reference.md` §5 with the line it stands on (checked
//! against the file, so a row cannot drift from its source), names the checker's buttons that
//! stand for it, and the level §5 gives. A [CW] 911 item that gives less than CALL 911 NOW
//! fails here.

use itb_companion::core::profile::Child;
use itb_companion::core::triage::{
    groups_for, own_signs, pattern_line, sign, triage, Group, Level, OwnSign, Pattern, Selected,
    COMBINATIONS, SIGNS,
};
use proptest::prelude::*;

use Level::{Call911Now as N911, CallClinicNow as CLINIC};

const REFERENCE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/clinical-reference.md"
));

/// The phrase must stand on `line` of the reference (1-based), case-insensitive.
fn cite(line: usize, phrase: &str) {
    let text = REFERENCE
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("the reference has no line {line}"));
    assert!(
        text.to_lowercase().contains(&phrase.to_lowercase()),
        "reference line {line} should say {phrase:?}, it says {text:?}"
    );
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

/// (reference line, phrase on that line, the checker's buttons for it, level §5 gives).
const SINGLE_SIGNS: &[(usize, &str, &[&str], Level)] = &[
    // [CW]'s "Call 911 or go to the ER" list, every item (§5, lines 88-93).
    (89, "hard to wake up", &["hard_to_wake"], N911),
    (89, "extra sleepy", &["sleepier"], N911),
    (90, "dizzy or faint", &["dizzy"], N911),
    (91, "hard time breathing", &["breathing"], N911),
    (91, "slow or shallow breathing", &["breathing"], N911),
    (92, "muscle weakness or tingling", &["weakness"], N911),
    (92, "new floppiness", &["weakness"], N911),
    (93, "looking very stiff", &["very_stiff"], N911),
    // The severe signs [W1][L1][L4].
    (94, "a seizure", &["seizure"], N911),
    (
        94,
        "confusion, hallucinations or any change in mental",
        &["confusion", "concentrating"],
        N911,
    ),
    (
        95,
        "high fever with stiffness or confusion",
        &["high_fever"],
        N911,
    ),
    // CALL THE PUMP CLINIC NOW [CW][G2].
    (108, "very itchy", &["itchy"], CLINIC),
    (
        108,
        "hard to move because of tight muscles (stiffer)",
        &["stiffer"],
        CLINIC,
    ),
    (109, "many muscle twitches or spasms", &["spasms"], CLINIC),
    (
        109,
        "acting grumpy or irritable without a good reason",
        &["irritable"],
        CLINIC,
    ),
    (110, "a missed or late refill", &["missed_refill"], CLINIC),
    (110, "any pump beeping", &["beeping"], CLINIC),
    (111, "any fever", &["fever"], CLINIC),
    (
        111,
        "redness, swelling, warmth, firmness",
        &["pump_site"],
        CLINIC,
    ),
    (112, "headache", &["headache"], CLINIC),
    (112, "stiff neck", &["stiff_neck"], CLINIC),
    (112, "sensitivity to light", &["light"], CLINIC),
    (
        113,
        "sweating, goosebumps, fast heartbeat",
        &["sweating"],
        CLINIC,
    ),
    (
        113,
        "low body temperature or slow heartbeat",
        &["low_temperature", "slow_heartbeat"],
        CLINIC,
    ),
    (114, "something else worries me", &["other"], CLINIC),
    // A passed low-reservoir alarm date: "call the clinic IMMEDIATELY" (§4 table).
    (
        99,
        "a low-reservoir alarm date that has passed",
        &["alarm_date_passed"],
        CLINIC,
    ),
    // Observable signs for a child who cannot speak: each at least the clinic.
    (120, "scratching or", &["scratching"], CLINIC),
    (121, "restlessness", &["restless"], CLINIC),
    (121, "crying that cannot be soothed", &["crying"], CLINIC),
    (121, "not themselves", &["not_themselves"], CLINIC),
];

#[test]
fn every_sign_in_section_5_alone_gives_the_level_section_5_gives() {
    for (line, phrase, ids, want) in SINGLE_SIGNS {
        cite(*line, phrase);
        for id in *ids {
            assert_eq!(
                level(&[id]),
                *want,
                "reference line {line} ({phrase}): button {id} alone"
            );
        }
    }
}

#[test]
fn much_sleepier_than_usual_is_911_not_the_clinic() {
    // The review's finding: [CW] says "Call 911 or go to the ER if your child is hard to wake
    // up, or is extra sleepy" (reference line 89, corrected 2026-11-26, line 96).
    cite(89, "or extra sleepy");
    cite(96, "extra sleepy");
    let r = triage(&sel(&["sleepier"])).unwrap();
    assert_eq!(r.level, N911);
    assert_eq!(r.level.title("911"), "CALL 911 NOW");
}

/// (reference line, phrase, one selection for each side of the rule that must give 911).
#[test]
fn every_combination_in_section_5_raises_the_level_to_911() {
    cite(98, "combinations that raise the level to call 911 now");
    // Line 99-101: any alarm, missed or late refill, or passed alarm date + ANY withdrawal sign.
    cite(99, "any pump alarm, a missed or late refill");
    cite(
        100,
        "itching, stiffer, twitchier, irritable, fever, sweating",
    );
    let delivery = ["beeping", "missed_refill", "alarm_date_passed"];
    let withdrawal = [
        "itchy",
        "stiffer",
        "spasms",
        "irritable",
        "fever",
        "sweating",
        // Observable signs stand for reported withdrawal signs (line 121).
        "scratching",
        "restless",
        "crying",
        "not_themselves",
    ];
    for d in delivery {
        assert_eq!(level(&[d]), CLINIC, "{d} alone");
        for w in withdrawal {
            assert_eq!(level(&[d, w]), N911, "line 99: {d} + {w}");
        }
    }
    // Line 102: any fever together with more stiffness than usual.
    cite(102, "any fever together with more stiffness than usual");
    for f in ["fever"] {
        for st in ["stiffer", "spasms"] {
            assert_eq!(level(&[f, st]), N911, "line 102: {f} + {st}");
        }
    }
    // Line 105: fever with headache and a stiff neck or light sensitivity.
    cite(
        105,
        "fever together with headache and a stiff neck or light sensitivity",
    );
    assert_eq!(level(&["fever", "headache", "stiff_neck"]), N911);
    assert_eq!(level(&["fever", "headache", "light"]), N911);
    // Each part alone stays at the clinic (the rule needs all of them).
    assert_eq!(level(&["headache", "stiff_neck", "light"]), CLINIC);
    assert_eq!(level(&["fever", "headache"]), CLINIC);
}

#[test]
fn a_childs_own_withdrawal_sign_with_a_beeping_pump_is_911() {
    // Line 100: ANY withdrawal sign, which includes the child's own (line 124).
    cite(124, "the family's own signs");
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
    cite(124, "carry the level the plan gives them");
    cite(
        125,
        "including call 911; the app never caps them below the plan",
    );
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
    cite(
        84,
        "there is no \"watch only\" result for anything a family has selected",
    );
    for s in SIGNS {
        assert!(level(&[s.id]) >= CLINIC, "{}", s.id);
    }
    assert_eq!(triage(&[]), None, "no selection is never reassurance");
}

#[test]
fn a_child_who_cannot_speak_sees_observable_signs_first() {
    cite(
        119,
        "a child who cannot speak for themselves is at higher risk",
    );
    assert_eq!(groups_for(true)[0], Group::CannotTell);
    for s in SIGNS.iter().filter(|s| s.group == Group::CannotTell) {
        assert!(level(&[s.id]) >= CLINIC);
    }
}

#[test]
fn shared_signs_name_both_withdrawal_and_overdose() {
    // Issue 14: tingling, dizziness and reduced consciousness are signs of both (§5 lines 72
    // and 76: tingling is early withdrawal, dizziness and "hard to wake" are overdose), so a
    // parent never tells EMS "overdose" on the app's word alone.
    cite(72, "tingling");
    cite(76, "dizziness");
    for id in ["weakness", "dizzy", "hard_to_wake", "sleepier"] {
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
    assert!(r
        .watch_for
        .contains(&"Much sleepier than usual (extra sleepy)"));
    assert!(triage(&sel(&["seizure"])).unwrap().watch_for.is_empty());
}

#[test]
fn the_emergency_number_follows_settings() {
    cite(134, "every \"call 911\" label and `tel:` link follows it");
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
    for c in COMBINATIONS {
        assert_eq!(c.level, N911, "§5 names only 911 combinations: {}", c.id);
    }
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
    fn combinations_fire_in_any_order(mut picks in any_selection(), rule in 0usize..3, rot in 0usize..8) {
        let cases: [&[&'static str]; 3] = [
            &["missed_refill", "irritable"],
            &["fever", "stiffer"],
            &["fever", "headache", "stiff_neck"],
        ];
        let mut ids: Vec<&'static str> = picks.drain(..).map(|i| SIGNS[i].id).collect();
        ids.extend_from_slice(cases[rule]);
        let n = ids.len();
        ids.rotate_left(rot % n);
        prop_assert_eq!(level(&ids), N911);
        ids.reverse();
        prop_assert_eq!(level(&ids), N911);
    }
}
