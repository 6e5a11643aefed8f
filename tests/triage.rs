//! The symptom checker's rules as a table (clinical reference §5): emergencies always win,
//! fever always reaches at least the clinic, and nothing selected is never reassurance.

use itb_companion::core::triage::{triage, Level, Pattern, Selected, SYMPTOMS};
use proptest::prelude::*;

fn sel(ids: &[&'static str]) -> Vec<Selected> {
    ids.iter().map(|id| Selected::Builtin(id)).collect()
}

fn emergencies() -> Vec<&'static str> {
    SYMPTOMS
        .iter()
        .filter(|s| s.level == Level::Call911Now)
        .map(|s| s.id)
        .collect()
}

#[test]
fn the_reference_911_list_is_all_emergency() {
    for id in [
        "hard_to_wake",
        "breathing",
        "seizure",
        "fainting",
        "weakness",
        "very_stiff",
        "confusion",
        "high_fever",
    ] {
        assert!(emergencies().contains(&id), "{id}");
    }
}

#[test]
fn each_emergency_symptom_alone_gives_911() {
    for id in emergencies() {
        let r = triage(&sel(&[id])).unwrap();
        assert_eq!(r.level, Level::Call911Now, "{id}");
        assert_eq!(r.level.title("911"), "CALL 911 NOW");
    }
}

#[test]
fn each_emergency_symptom_with_anything_else_still_gives_911() {
    for e in emergencies() {
        for other in SYMPTOMS {
            let r = triage(&sel(&[other.id, e])).unwrap();
            assert_eq!(r.level, Level::Call911Now, "{e} + {}", other.id);
        }
        let mut with_own = sel(&[e]);
        with_own.push(Selected::OwnWithdrawal("Itchy nose".into()));
        assert_eq!(triage(&with_own).unwrap().level, Level::Call911Now);
    }
    let all: Vec<&'static str> = SYMPTOMS.iter().map(|s| s.id).collect();
    assert_eq!(triage(&sel(&all)).unwrap().level, Level::Call911Now);
}

#[test]
fn fever_always_gives_at_least_a_call_to_the_clinic() {
    assert_eq!(
        triage(&sel(&["fever"])).unwrap().level,
        Level::CallClinicNow
    );
    for other in SYMPTOMS {
        assert!(
            triage(&sel(&["fever", other.id])).unwrap().level >= Level::CallClinicNow,
            "{}",
            other.id
        );
    }
    assert!(triage(&sel(&["fever"]))
        .unwrap()
        .patterns
        .contains(&Pattern::Infection));
}

#[test]
fn a_missed_refill_or_a_beeping_pump_gives_call_the_clinic_now() {
    for id in ["missed_refill", "beeping"] {
        let r = triage(&sel(&[id])).unwrap();
        assert_eq!(r.level, Level::CallClinicNow, "{id}");
        assert_eq!(r.level.title("911"), "CALL THE PUMP CLINIC NOW");
        assert!(
            r.patterns.contains(&Pattern::Withdrawal),
            "{id}: withdrawal risk named"
        );
    }
}

#[test]
fn no_selection_gives_no_result_and_no_reassurance() {
    assert_eq!(triage(&[]), None);
}

#[test]
fn the_likely_pattern_is_named() {
    let r = triage(&sel(&["itchy", "stiffer"])).unwrap();
    assert_eq!(r.patterns, vec![Pattern::Withdrawal]);
    assert!(r.patterns[0].sentence().contains("withdrawal"));
    let r = triage(&sel(&["drowsy"])).unwrap();
    assert_eq!(r.patterns, vec![Pattern::Overdose]);
    let r = triage(&sel(&["pump_site"])).unwrap();
    assert_eq!(r.patterns, vec![Pattern::Infection]);
}

#[test]
fn own_signs_from_the_card_reach_at_least_the_clinic() {
    let r = triage(&[Selected::OwnOverdose("Floppy head".into())]).unwrap();
    assert_eq!(r.level, Level::CallClinicNow);
    assert!(r.because[0].contains("own sign of overdose"));
}

#[test]
fn below_911_the_result_says_what_to_watch_for() {
    let r = triage(&sel(&["other"])).unwrap();
    assert_eq!(r.level, Level::WatchClosely);
    assert!(r.watch_for.contains(&"Hard to wake, or cannot be woken"));
    assert!(triage(&sel(&["seizure"])).unwrap().watch_for.is_empty());
}

#[test]
fn the_emergency_number_follows_settings() {
    assert_eq!(Level::Call911Now.title("112"), "CALL 112 NOW");
}

proptest! {
    /// Adding a sign never lowers the level (a triage never down-grades an emergency).
    #[test]
    fn adding_a_symptom_never_lowers_the_level(
        picks in proptest::collection::vec(0usize..SYMPTOMS.len(), 1..8), extra in 0usize..SYMPTOMS.len(),
    ) {
        let ids: Vec<&'static str> = picks.iter().map(|i| SYMPTOMS[*i].id).collect();
        let before = triage(&sel(&ids)).unwrap().level;
        let mut more = ids.clone();
        more.push(SYMPTOMS[extra].id);
        let after = triage(&sel(&more)).unwrap().level;
        prop_assert!(after >= before);
        let max = ids.iter().map(|id| SYMPTOMS.iter().find(|s| s.id == *id).unwrap().level).max().unwrap();
        prop_assert_eq!(before, max);
    }
}
