//! Corrupt-data corpus (issue #8, part 3): the app must start on any bytes in `family.json`.
//!
//! Each case writes one kind of damage over the saved file, then starts the app the way it
//! starts for real: `StoreHandle::platform_default()` with `ITB_COMPANION_DATA_DIR` (the real
//! `FileSlots` and the store policy), and
//!   (a) loads through that handle, with and without a good backup beside the file;
//!   (b) renders the app root with dioxus-ssr on a fresh folder holding the same bytes.
//!
//! A case is *handled* when all of these hold:
//!   - the message names what happened (a phrase per case) and where the original was kept
//!     (the full path of `family.json.damaged-1`), and says what was loaded instead;
//!   - the kept file is byte-for-byte the original;
//!   - the family is the newest good backup (or empty, and the message says so);
//!   - the rendered app shows that same message in its alert banner;
//!   - a save afterwards and a reload through a new handle succeed with no message, and the
//!     kept file is still untouched;
//!   - decoding the bytes on a 256 KiB stack returns an error, never overflows the stack.
//!
//! The 50 MB case also checks the loader does not read the file into memory (peak RSS).
//!
//! Prints `corrupt_cases=<n> handled=<n>` and fails unless every case is handled.

mod common;

use common::{family_named, ssr_unescape, Rng};

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use dioxus::prelude::*;
use itb_companion::core::family::Family;
use itb_companion::core::storefile::{decode, encode, FileKind, SCHEMA_VERSION};
use itb_companion::platform::store::{StoreHandle, MAIN};

const DAMAGED: &str = "family.json.damaged-1";

struct Case {
    name: String,
    bytes: Vec<u8>,
    /// A phrase of the message that names what happened.
    expect: &'static str,
}

fn header(family_json: &str) -> Vec<u8> {
    format!(
        r#"{{"format":"itb-companion","schema_version":{SCHEMA_VERSION},"kind":"family","family":{family_json}}}"#
    )
    .into_bytes()
}

fn corpus() -> Vec<Case> {
    let good = encode(&common::full_family(), FileKind::Family);
    let mut cases = vec![
        Case {
            name: "50 MB file".into(),
            bytes: {
                let mut b = header(r#"{"children":[]}"#);
                b.resize(50 * 1024 * 1024, b' ');
                b
            },
            expect: "too large",
        },
        Case {
            name: "empty".into(),
            bytes: Vec::new(),
            expect: "empty",
        },
        Case {
            name: "only whitespace".into(),
            bytes: b" \n\t\r\n ".to_vec(),
            expect: "empty",
        },
    ];
    for tenth in 1..=9 {
        cases.push(Case {
            name: format!("truncated at {}%", tenth * 10),
            bytes: good[..good.len() * tenth / 10].to_vec(),
            expect: "damaged or cut short",
        });
    }
    let mut rng = Rng(0x1718_2026_0008_0003);
    cases.push(Case {
        name: "random bytes".into(),
        bytes: (0..4096).map(|_| rng.next() as u8).collect(),
        expect: "not text",
    });
    cases.push(Case {
        name: "random printable text".into(),
        bytes: (0..4096).map(|_| b' ' + (rng.next() % 95) as u8).collect(),
        expect: "damaged or cut short",
    });
    cases.push(Case {
        name: "NUL bytes".into(),
        bytes: vec![0; 512],
        expect: "damaged or cut short",
    });
    let mut bad_utf8 = good.clone();
    let at = bad_utf8.windows(4).position(|w| w == b"Maya").unwrap();
    bad_utf8[at] = 0xFF;
    cases.push(Case {
        name: "invalid UTF-8 inside a valid file".into(),
        bytes: bad_utf8,
        expect: "not text",
    });
    let mut surrogate = good.clone();
    surrogate.splice(at..at + 1, [0xED, 0xA0, 0x80]);
    cases.push(Case {
        name: "UTF-8 encoded surrogate".into(),
        bytes: surrogate,
        expect: "not text",
    });
    for (name, json, expect) in [
        ("JSON array", "[1,2,3]", "not an ITB Companion file"),
        ("JSON null", "null", "not an ITB Companion file"),
        ("JSON string", r#""family""#, "not an ITB Companion file"),
        (
            "JSON object of another app",
            r#"{"hello":"world"}"#,
            "not an ITB Companion file",
        ),
        (
            "schema version as text",
            r#"{"format":"itb-companion","schema_version":"2","kind":"family","family":{"children":[]}}"#,
            "not an ITB Companion file",
        ),
        (
            "another format name",
            r#"{"format":"other-app","schema_version":2,"kind":"family","family":{"children":[]}}"#,
            "not an ITB Companion file",
        ),
        (
            "children is not a list",
            r#"{"format":"itb-companion","schema_version":2,"kind":"family","family":{"children":"lots"}}"#,
            "missing or wrong parts",
        ),
        (
            "a child with a number for a name",
            r#"{"format":"itb-companion","schema_version":2,"kind":"family","family":{"children":[{"id":1,"name":42}]}}"#,
            "missing or wrong parts",
        ),
        (
            "two children with the same id",
            r#"{"format":"itb-companion","schema_version":2,"kind":"family","family":{"children":[{"id":1,"name":"A"},{"id":1,"name":"B"}]}}"#,
            "not valid",
        ),
        (
            "version 1 file without a children list",
            r#"{"schema_version":1,"kids":[]}"#,
            "missing or wrong parts",
        ),
    ] {
        cases.push(Case {
            name: format!("wrong shape: {name}"),
            bytes: json.as_bytes().to_vec(),
            expect,
        });
    }
    for version in [SCHEMA_VERSION + 1, 99] {
        cases.push(Case {
            name: format!("future schema version {version}"),
            bytes: format!(
                r#"{{"format":"itb-companion","schema_version":{version},"kind":"family","family":{{"children":[]}}}}"#
            )
            .into_bytes(),
            expect: "newer version",
        });
    }
    const DEPTH: usize = 100_000;
    cases.push(Case {
        name: format!("{DEPTH} nested arrays"),
        bytes: ["[".repeat(DEPTH), "]".repeat(DEPTH)].concat().into_bytes(),
        expect: "damaged or cut short",
    });
    cases.push(Case {
        name: format!("{DEPTH} nested objects"),
        bytes: [r#"{"a":"#.repeat(DEPTH), "1".into(), "}".repeat(DEPTH)]
            .concat()
            .into_bytes(),
        expect: "damaged or cut short",
    });
    cases.push(Case {
        name: format!("{DEPTH} nested arrays inside a real header"),
        bytes: header(&format!(
            r#"{{"children":{}{}}}"#,
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        )),
        expect: "damaged or cut short",
    });
    cases
}

fn fresh_dir(tag: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("itb-corpus-{}", std::process::id()))
        .join(tag);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The app's own startup: the platform store, from the folder the environment names.
fn platform_store(dir: &Path) -> StoreHandle {
    std::env::set_var("ITB_COMPANION_DATA_DIR", dir);
    let (store, problem) = StoreHandle::platform_default();
    assert_eq!(problem, None, "the data folder is usable");
    store
}

/// Two good saves (so `family.json.bak1` holds ["Older"]), then the damage over the file.
fn prepare(dir: &Path, bytes: &[u8], with_backup: bool) {
    if with_backup {
        let store = platform_store(dir);
        store.0.save(&family_named(&["Older"])).unwrap();
        store.0.save(&family_named(&["Older", "Newest"])).unwrap();
    }
    fs::write(dir.join(MAIN), bytes).unwrap();
}

/// Peak resident memory in KB, after resetting it (Linux); None elsewhere.
fn reset_peak_rss() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}
fn peak_rss_kb() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn kept_untouched(dir: &Path, bytes: &[u8]) -> Result<(), String> {
    let kept = fs::read(dir.join(DAMAGED)).map_err(|e| format!("{DAMAGED} missing: {e}"))?;
    if kept != bytes {
        return Err(format!("{DAMAGED} differs from the original"));
    }
    if dir.join("family.json.damaged-2").exists() {
        return Err("the file was moved aside twice".into());
    }
    Ok(())
}

/// Scenario (a): load through the platform handle, then save and reload.
fn load_save_reload(case: &Case, with_backup: bool) -> Result<String, String> {
    let dir = fresh_dir(&format!(
        "{}-{}",
        case.name.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        if with_backup { "backup" } else { "alone" }
    ));
    prepare(&dir, &case.bytes, with_backup);
    let store = platform_store(&dir);
    let measure = case.bytes.len() > 10 * 1024 * 1024 && reset_peak_rss();
    let before = peak_rss_kb();
    let loaded = store.0.load();
    if measure {
        if let (Some(before), Some(after)) = (before, peak_rss_kb()) {
            let grew_mb = after.saturating_sub(before) / 1024;
            if grew_mb >= 16 {
                return Err(format!(
                    "loading read the large file into memory (peak +{grew_mb} MB)"
                ));
            }
        }
    }
    let problem = loaded.problem.ok_or("no message was shown")?;
    let where_kept = dir.join(DAMAGED).display().to_string();
    for phrase in [case.expect, "could not be opened", "kept, untouched, at"] {
        if !problem.contains(phrase) {
            return Err(format!("message lacks {phrase:?}: {problem}"));
        }
    }
    if !problem.contains(&where_kept) {
        return Err(format!("message does not say where the file is: {problem}"));
    }
    let (expected, instead) = if with_backup {
        (family_named(&["Older"]), "last good backup was loaded")
    } else {
        (Family::default(), "starts empty")
    };
    if !problem.contains(instead) {
        return Err(format!("message lacks {instead:?}: {problem}"));
    }
    if loaded.family != expected {
        return Err(format!("loaded {:?}", loaded.family));
    }
    kept_untouched(&dir, &case.bytes)?;

    // It keeps working: a save, then a reload through a new handle.
    let mut next = loaded.family.clone();
    next.add_child("After");
    store
        .0
        .save(&next)
        .map_err(|e| format!("save failed: {e}"))?;
    // The app closes (releasing the data folder) and starts again.
    drop(store);
    let again = platform_store(&dir).0.load();
    if again.problem.is_some() || again.family != next {
        return Err(format!("reload after save: {:?}", again.problem));
    }
    kept_untouched(&dir, &case.bytes)?;
    Ok(problem.replace(&dir.display().to_string(), "<DIR>"))
}

/// Scenario (b): the app root rendered on a fresh folder holding the same damage.
fn rendered_app(case: &Case, message: &str) -> Result<(), String> {
    let dir = fresh_dir(&format!(
        "{}-app",
        case.name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    ));
    prepare(&dir, &case.bytes, true);
    std::env::set_var("ITB_COMPANION_DATA_DIR", &dir);
    let (store, store_problem) = StoreHandle::platform_default();
    let html = ssr_unescape(&dioxus_ssr::render(&common::app_at(
        store,
        "/",
        store_problem,
    )));
    let banner_at = html
        .find(r#"class="banner banner-problem" role="alert""#)
        .ok_or("no alert banner")?;
    let expected = message.replace("<DIR>", &dir.display().to_string());
    let shown_at = html
        .find(&format!("<p>{expected}</p>"))
        .ok_or_else(|| format!("the banner does not show the message {expected:?}"))?;
    if shown_at < banner_at {
        return Err("the message is not in the banner".into());
    }
    if !html.contains("Older") {
        return Err("the backup's child is not on screen".into());
    }
    kept_untouched(&dir, &case.bytes)
}

fn decode_on_a_small_stack(bytes: &[u8]) -> Result<(), String> {
    let bytes = bytes.to_vec();
    let refused = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || decode(&bytes).is_err())
        .unwrap()
        .join()
        .map_err(|_| "decode panicked".to_string())?;
    if refused {
        Ok(())
    } else {
        Err("decode accepted the bytes".into())
    }
}

fn check(case: &Case) -> Result<(), String> {
    decode_on_a_small_stack(&case.bytes)?;
    let message = load_save_reload(case, true)?;
    load_save_reload(case, false)?;
    rendered_app(case, &message)
}

/// One test, so the cases run one after another (they share the process environment).
#[test]
fn every_corrupt_file_is_kept_reported_and_the_app_keeps_working() {
    let cases = corpus();
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(e) = check(case) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    let _ = fs::remove_dir_all(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("itb-corpus-{}", std::process::id())),
    );
    let handled = cases.len() - failures.len();
    // Straight to the stderr stream, past the test harness's capture: the figure is always shown.
    let _ = writeln!(
        std::io::stderr(),
        "corrupt_cases={} handled={handled}",
        cases.len()
    );
    assert!(cases.len() >= 30, "the corpus shrank: {}", cases.len());
    assert!(failures.is_empty(), "not handled:\n{}", failures.join("\n"));
}
