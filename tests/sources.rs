//! Every source id the app shows beside clinical text is listed on the Sources screen with
//! its title (clinical reference, Sources), and no clinical text is uncited.

use itb_companion::core::alarms::{
    ANY_BEEPING, NOT_SURE_WHICH_SOUND, OTHER_MODEL, SYNCHROMED_III_ANY_ALARM, SYNCHROMED_SOUNDS,
};
use itb_companion::core::content::{
    source_title, MRI_OTHER, MRI_PROMETRA, MRI_SYNCHROMED, MRI_SYNCHROMED_III,
};
use itb_companion::core::triage::{Pattern, COMBINATIONS, SIGNS};

fn check(where_: &str, ids: &[&str]) {
    assert!(!ids.is_empty(), "{where_} cites nothing");
    for id in ids {
        assert!(
            source_title(id).is_some(),
            "{where_} cites [{id}], which Sources does not list"
        );
    }
}

#[test]
fn every_cited_id_is_on_the_sources_screen() {
    for s in SIGNS {
        check(s.id, s.sources);
    }
    for c in COMBINATIONS {
        check(c.id, c.sources);
    }
    for c in itb_companion::core::content::ems_steps_all() {
        check(c.text, c.sources);
    }
    for p in [Pattern::Withdrawal, Pattern::Overdose, Pattern::Infection] {
        check(p.sentence(), p.sources());
    }
    for a in SYNCHROMED_SOUNDS {
        check(a.sound, a.sources);
    }
    for c in [
        ANY_BEEPING,
        OTHER_MODEL,
        SYNCHROMED_III_ANY_ALARM,
        NOT_SURE_WHICH_SOUND,
        MRI_SYNCHROMED,
        MRI_PROMETRA,
        MRI_SYNCHROMED_III,
        MRI_OTHER,
    ] {
        check(c.text, c.sources);
    }
}

#[test]
fn sources_in_view_text_are_known() {
    // Ids written inline in views and forms ("[A1]", "[M3]", ...) must be listed too.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("src"), root.join("crates/core/src")];
    let mut found = 0;
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices('[') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find(']') else { continue };
            let id = &rest[..end];
            let looks_like_id = (2..=5).contains(&id.len())
                && id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
                && id.chars().any(|c| c.is_ascii_digit());
            if looks_like_id {
                found += 1;
                assert!(
                    source_title(id).is_some(),
                    "{} shows [{id}], not on the Sources screen",
                    path.display()
                );
            }
        }
    }
    assert!(found > 10, "the scan found the inline citations ({found})");
}
