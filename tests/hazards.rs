//! The hazard log (docs/hazards.md) names, for each hazard, the tests that fail if its
//! mitigation breaks. This checks every named test exists where the log says.

use std::fs;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn test_exists(reference: &str) -> bool {
    match reference.split_once("::") {
        Some((file, name)) if file.ends_with(".rs") => {
            let text = fs::read_to_string(format!("{ROOT}/{file}")).unwrap_or_default();
            text.contains(&format!("fn {name}("))
        }
        Some((file, title)) if file.ends_with(".mjs") => {
            let text = fs::read_to_string(format!("{ROOT}/{file}")).unwrap_or_default();
            // A single-quoted JS title writes its apostrophes as \'.
            let quoted = format!("'{}'", title.replace('\'', "\\'"));
            text.contains(&format!("'{title}'"))
                || text.contains(&quoted)
                || text.contains(&format!("`{title}`"))
        }
        None if reference.ends_with(".sh") => fs::metadata(format!("{ROOT}/{reference}")).is_ok(),
        _ => false,
    }
}

#[test]
fn every_test_named_in_the_hazard_log_exists() {
    let log = fs::read_to_string(format!("{ROOT}/docs/hazards.md")).expect("docs/hazards.md");
    let mut hazards = 0;
    let mut named = 0;
    for row in log.lines().filter(|l| l.starts_with("| H")) {
        hazards += 1;
        let tests_cell = row.trim_end_matches('|').rsplit('|').next().unwrap();
        let refs: Vec<&str> = tests_cell
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        assert!(!refs.is_empty(), "hazard without a test: {row}");
        for r in refs {
            named += 1;
            assert!(
                test_exists(r),
                "docs/hazards.md names a test that does not exist: {r}"
            );
        }
    }
    assert!(
        hazards >= 12,
        "the log covers the 12 required hazards ({hazards})"
    );
    assert!(named >= hazards);
}
