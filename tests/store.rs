//! The family store on real files: atomic replace, backup rotation, and damaged files that are
//! moved aside untouched while the newest good backup is loaded.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{family_named, full_family, today};
use itb_companion::core::family::Family;
use itb_companion::core::problems::FieldProblem;
use itb_companion::core::storefile::{
    decode, encode, plan_import, FileKind, ImportRefusal, SCHEMA_VERSION,
};
use itb_companion::core::units::Fixed3;
use itb_companion::platform::store::{FamilyStore, FileSlots, MemorySlots, Slots, MAIN};
use itb_companion::words::forms::import_refusal;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("itb-store-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn save_then_load_gives_the_same_family() {
    let dir = temp_dir("roundtrip");
    let store = FamilyStore::new(FileSlots::new(&dir));
    let family = full_family();
    store.save(&family).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.family, family);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temp file left behind: {leftovers:?}"
    );
}

#[test]
fn each_save_keeps_the_previous_versions_as_rolling_backups() {
    let dir = temp_dir("rotation");
    let store = FamilyStore::new(FileSlots::new(&dir));
    for n in 1..=5 {
        let names: Vec<String> = (1..=n).map(|i| format!("Child {i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        store.save(&family_named(&refs)).unwrap();
    }
    let count = |name: &str| {
        decode(&fs::read(dir.join(name)).unwrap())
            .unwrap()
            .family
            .children
            .len()
    };
    assert_eq!(count(MAIN), 5);
    assert_eq!(count("family.json.bak1"), 4);
    assert_eq!(count("family.json.bak2"), 3);
    assert_eq!(count("family.json.bak3"), 2);
    assert!(
        !dir.join("family.json.bak4").exists(),
        "only three backups are kept"
    );
}

fn damaged_case(tag: &str, bytes: &[u8], expect: &str) {
    let dir = temp_dir(tag);
    let store = FamilyStore::new(FileSlots::new(&dir));
    store.save(&family_named(&["Older"])).unwrap();
    store
        .save(&family_named(&["Older", "Newest good"]))
        .unwrap();
    fs::write(dir.join(MAIN), bytes).unwrap();

    let loaded = store.load();
    let problem = loaded.problem.expect("the user is told");
    assert!(problem.contains(expect), "{tag}: {problem}");
    assert!(
        problem.contains("family.json.damaged-1"),
        "{tag}: says where the file is: {problem}"
    );
    assert_eq!(
        fs::read(dir.join("family.json.damaged-1")).unwrap(),
        bytes,
        "{tag}: kept untouched"
    );
    assert_eq!(
        loaded.family.children.len(),
        1,
        "{tag}: newest good backup (the version before the damaged one)"
    );
    assert!(problem.contains("backup"), "{tag}");

    // Saving again never overwrites the damaged copy.
    store.save(&loaded.family).unwrap();
    assert_eq!(fs::read(dir.join("family.json.damaged-1")).unwrap(), bytes);
}

#[test]
fn an_empty_file_is_moved_aside_and_a_backup_loaded() {
    damaged_case("empty", b"", "empty");
}

#[test]
fn a_truncated_file_is_moved_aside_and_a_backup_loaded() {
    let good = encode(&full_family(), FileKind::Family);
    damaged_case("truncated", &good[..good.len() / 2], "cut short");
}

#[test]
fn random_bytes_are_moved_aside_and_a_backup_loaded() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    damaged_case("random", &bytes, "not text");
}

#[test]
fn a_wrong_schema_is_moved_aside_and_a_backup_loaded() {
    damaged_case("shape", br#"{"format":"itb-companion","schema_version":2,"kind":"family","family":{"children":"lots"}}"#, "missing or wrong");
    damaged_case(
        "foreign",
        br#"{"hello":"world"}"#,
        "not an ITB Companion file",
    );
}

#[test]
fn a_future_version_is_kept_and_not_overwritten() {
    let future = format!(
        r#"{{"format":"itb-companion","schema_version":{},"kind":"family","family":{{"children":[]}}}}"#,
        SCHEMA_VERSION + 1
    );
    damaged_case("future", future.as_bytes(), "newer version");
}

#[test]
fn no_backup_means_an_empty_start_with_a_message() {
    let dir = temp_dir("nobackup");
    fs::write(dir.join(MAIN), b"{ not json").unwrap();
    let store = FamilyStore::new(FileSlots::new(&dir));
    let loaded = store.load();
    assert!(loaded.family.children.is_empty());
    let problem = loaded.problem.unwrap();
    assert!(problem.contains("starts empty"), "{problem}");
    assert_eq!(
        fs::read(dir.join("family.json.damaged-1")).unwrap(),
        b"{ not json"
    );
}

#[test]
fn a_fresh_install_loads_empty_without_a_message() {
    let store = FamilyStore::new(MemorySlots::default());
    let loaded = store.load();
    assert_eq!(loaded.problem, None);
    assert!(loaded.family.children.is_empty());
}

#[test]
fn memory_store_follows_the_same_policy() {
    let store = FamilyStore::new(MemorySlots::default());
    store.save(&family_named(&["A"])).unwrap();
    store.save(&family_named(&["A", "B"])).unwrap();
    store.slots().write_atomic(MAIN, b"garbage").unwrap();
    let loaded = store.load();
    assert_eq!(loaded.family.children.len(), 1);
    assert!(store.slots().exists("family.json.damaged-1"));
}

#[test]
fn version_1_fixture_migrates_forward_exactly() {
    let bytes = include_bytes!("fixtures/family-v1.json");
    let file = decode(bytes).expect("v1 migrates");
    assert_eq!(file.schema_version, SCHEMA_VERSION);
    let maya = &file.family.children[0];
    assert_eq!(maya.name, "Maya Rivera");
    assert_eq!(maya.weight_kg, Some("24.5".parse::<Fixed3>().unwrap()));
    assert_eq!(maya.providers.pump_clinic.phone, "+1 555 010 2000");
    let pump = maya.pump.as_ref().unwrap();
    assert!(pump.model.is_synchromed());
    assert_eq!(pump.serial_number, "NGP123456H");
    assert_eq!(
        pump.drug.daily_dose_mcg_per_day,
        Some("170.5".parse::<Fixed3>().unwrap())
    );
    assert_eq!(pump.drug.concentration_mcg_per_ml, Some(Fixed3::whole(500)));
    assert_eq!(pump.last_refill.unwrap().volume_ml, Fixed3::whole(20));
    assert_eq!(pump.printout_alarm_date.unwrap().to_string(), "2025-07-12");
    assert_eq!(file.family.children[1].name, "Sam Rivera");

    // Loading a v1 file from disk works, and the next save writes the current version.
    let dir = temp_dir("migrate");
    fs::write(dir.join(MAIN), bytes).unwrap();
    let store = FamilyStore::new(FileSlots::new(&dir));
    let loaded = store.load();
    assert_eq!(loaded.problem, None);
    store.save(&loaded.family).unwrap();
    assert_eq!(
        decode(&fs::read(dir.join(MAIN)).unwrap()).unwrap().family,
        file.family
    );
    assert_eq!(
        fs::read(dir.join("family.json.bak1")).unwrap(),
        bytes,
        "the v1 file is kept as a backup"
    );
}

#[test]
fn import_validates_everything_before_touching_anything() {
    let current = family_named(&["Sam"]);
    for (bytes, expect) in [
        (b"".to_vec(), "empty"),
        (b"[1,2,3]".to_vec(), "not an ITB Companion file"),
        (vec![b'x'; 3 * 1024 * 1024], "too large"),
        (br#"{"format":"itb-companion","schema_version":99,"kind":"family","family":{"children":[]}}"#.to_vec(), "newer version"),
    ] {
        let err = import_refusal(&plan_import(&bytes, &current, today()).unwrap_err());
        assert!(err.contains(expect), "{err}");
    }
    // A card that breaks a form rule (alarm volume above reservoir) is refused with its field.
    let mut bad = full_family();
    bad.children[0].pump.as_mut().unwrap().alarm_volume_ml = Some(Fixed3::whole(30));
    let err = plan_import(&encode(&bad, FileKind::Child), &current, today()).unwrap_err();
    let ImportRefusal::Card { name, problem } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "Maya Rivera");
    assert_eq!(
        problem.problem,
        FieldProblem::AlarmVolumeNotBelowReservoir(Fixed3::whole(20))
    );
    let said = import_refusal(&err);
    assert!(
        said.starts_with("Maya Rivera's card: Low-reservoir alarm volume: The alarm volume must be below the reservoir volume (20 mL)."),
        "{said}"
    );
}

#[test]
fn importing_a_child_adds_or_replaces_and_says_which() {
    let exported = encode(&full_family(), FileKind::Child);
    let plan = plan_import(&exported, &family_named(&["Sam"]), today()).unwrap();
    assert!(!plan.replaces);
    assert_eq!(plan.result.children.len(), 2);
    assert!(plan.changes[0].contains("Add Maya Rivera"));
    // Importing again replaces the same child (same name and birth date), never duplicates.
    let plan2 = plan_import(&exported, &plan.result, today()).unwrap();
    assert!(plan2.replaces);
    assert_eq!(plan2.result.children.len(), 2);
    assert!(plan2.changes[0].starts_with("Replace Maya Rivera's card"));
}

#[test]
fn importing_a_family_export_reproduces_it_exactly() {
    let family = full_family();
    let plan = plan_import(
        &encode(&family, FileKind::Family),
        &Family::default(),
        today(),
    )
    .unwrap();
    assert_eq!(plan.result, family);
    assert!(!plan.replaces);
}

/// The browser tests seed this file; it must stay what the app itself writes for the full
/// card. Regenerate with UPDATE_FIXTURES=1 cargo test --test store.
#[test]
fn committed_full_family_fixture_matches_the_current_format() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/full-family.json"
    );
    let bytes = encode(&full_family(), FileKind::Family);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        fs::write(path, &bytes).unwrap();
    }
    let committed =
        fs::read(path).expect("tests/fixtures/full-family.json (UPDATE_FIXTURES=1 to create)");
    assert_eq!(decode(&committed).unwrap().family, full_family());
}

/// A file the store cannot read (here: over the size limit, refused before it is read) is
/// moved aside before a save, never written over, even when no load came first.
#[test]
fn a_file_that_cannot_be_read_is_never_saved_over() {
    let dir = temp_dir("unreadable");
    let huge = vec![b' '; itb_companion::core::storefile::MAX_FILE_BYTES + 1];
    fs::write(dir.join(MAIN), &huge).unwrap();
    let store = FamilyStore::new(FileSlots::new(&dir));
    let err = store.slots().read(MAIN).unwrap_err();
    assert!(err.contains("too large"), "{err}");
    store.save(&family_named(&["Maya"])).unwrap();
    assert_eq!(fs::read(dir.join("family.json.damaged-1")).unwrap(), huge);
    assert_eq!(store.load().family, family_named(&["Maya"]));
}

/// A save killed part-way (found by tests/crash_safety.rs) must not cost a backup: the retry
/// neither keeps the same version twice nor shifts backups past a free slot.
#[test]
fn a_save_cut_short_does_not_push_a_backup_out() {
    let names = |n: usize| -> Family {
        let names: Vec<String> = (1..=n).map(|i| format!("Child {i}")).collect();
        family_named(&names.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let count = |store: &FamilyStore<MemorySlots>, name: &str| {
        decode(&store.slots().read(name).unwrap().unwrap())
            .unwrap()
            .family
            .children
            .len()
    };
    // Killed after each step of saving version 5 over main=4, bak1..3 = 3, 2, 1.
    for steps in 1..=3 {
        let store = FamilyStore::new(MemorySlots::default());
        for n in 1..=4 {
            store.save(&names(n)).unwrap();
        }
        let slots = store.slots();
        slots
            .rename("family.json.bak2", "family.json.bak3")
            .unwrap();
        if steps >= 2 {
            slots
                .rename("family.json.bak1", "family.json.bak2")
                .unwrap();
        }
        if steps >= 3 {
            let main = slots.read(MAIN).unwrap().unwrap();
            slots.write_atomic("family.json.bak1", &main).unwrap();
        }
        store.save(&names(5)).unwrap();
        let kept: Vec<usize> = [
            MAIN,
            "family.json.bak1",
            "family.json.bak2",
            "family.json.bak3",
        ]
        .iter()
        .map(|name| count(&store, name))
        .collect();
        assert_eq!(kept, [5, 4, 3, 2], "killed after step {steps}");
    }
}

/// Issue 15.6: the form's and the import's limits apply on load too. A stored card changed
/// outside the app (a 100,000-character 4th contact name, a dose hidden behind a
/// right-to-left override) is kept, not thrown away, and the family is told which field.
#[test]
fn a_stored_card_beyond_the_limits_is_kept_and_named_on_load() {
    let mut family = full_family();
    let child = &mut family.children[0];
    while child.contacts.len() < 4 {
        child.contacts.push(Default::default());
    }
    child.contacts[3].name = "x".repeat(100_000);
    let slots = MemorySlots::default();
    slots
        .write_atomic(MAIN, &encode(&family, FileKind::Family))
        .unwrap();
    let loaded = FamilyStore::new(slots).load();
    assert_eq!(loaded.family, family, "nothing lost");
    let problem = loaded.problem.expect("the family is told");
    assert!(problem.contains("Maya Rivera's card"), "{problem}");
    assert!(problem.contains("Too long"), "{problem}");

    let mut family = full_family();
    family.children[0].medicines[0].dose = "\u{202E}gm 0001".into();
    let slots = MemorySlots::default();
    slots
        .write_atomic(MAIN, &encode(&family, FileKind::Family))
        .unwrap();
    let problem = FamilyStore::new(slots).load().problem.expect("told");
    assert!(problem.contains("hidden text-direction"), "{problem}");

    // A card the app saved itself loads without a word.
    let slots = MemorySlots::default();
    slots
        .write_atomic(MAIN, &encode(&full_family(), FileKind::Family))
        .unwrap();
    assert_eq!(FamilyStore::new(slots).load().problem, None);
}
