//! The risk management file (docs/hazards.md) names, for each hazard, its scores before and
//! after the mitigations and the tests that fail if a mitigation breaks. This reads the file
//! and checks it against its own rules: every hazard block has every field, the scores are
//! integers from 1 to 5, the stated risks are severity x probability, every residual risk is
//! acceptable by the file's own criteria (or justified as ALARP), every mitigation names a
//! test, every named test exists, and the change log pins each correction of the reference.

use std::fs;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The fields of a hazard block, in the order the file gives them.
const FIELDS: &[&str] = &[
    "Hazard",
    "Sequence of events",
    "Harm",
    "Severity before",
    "Probability before",
    "Risk before",
    "Mitigations",
    "Severity after",
    "Probability after",
    "Residual risk",
    "Acceptability",
];

/// Hazards added by issue 24 point 10: (id, a word its title must contain).
const NEW_HAZARDS: &[(&str, &str)] = &[
    ("H25", "reference itself is wrong"),
    ("H26", "overdose progression under-called"),
    ("H27", "withdrawal kept at home"),
    ("H28", "meningitis missed in a non-verbal child"),
    ("H29", "late refill unused by the checker"),
    ("H30", "never escalate"),
    ("H31", "mistyped dose"),
    ("H32", "biased toward withdrawal after a refill"),
    ("H33", "mri-related withdrawal"),
    ("H34", "prn sedatives"),
    ("H35", "stale printed cards and shared copies"),
    ("H36", "alarm not heard"),
    ("H37", "not in the list"),
    ("H38", "travel abroad"),
    ("H39", "\"ok\""),
];

/// The corrections of the clinical reference the change log must hold: (date, a word of its
/// row).
const CORRECTIONS: &[(&str, &str)] = &[
    ("2026-11-26", "extra sleepy"),
    ("2026-12-07", "slow heartbeat"),
    ("2026-12-07", "meningitis"),
    ("2026-12-07", "hospital now"),
    ("2026-12-07", "mri"),
    ("2026-12-07", "prn"),
    ("2026-12-07", "first screen"),
    ("2026-12-07", "printed dates"),
];

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

fn log() -> String {
    fs::read_to_string(format!("{ROOT}/docs/hazards.md")).expect("docs/hazards.md")
}

/// The spans between backticks.
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[derive(Debug)]
struct Mitigation {
    text: String,
    tests: Vec<String>,
}

#[derive(Debug)]
struct Hazard {
    id: String,
    title: String,
    /// (field name, value) in the order they stand.
    fields: Vec<(String, String)>,
    mitigations: Vec<Mitigation>,
    /// Lines of the block that are neither a field nor a mitigation.
    stray: Vec<String>,
}

impl Hazard {
    fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{} has no field {name:?}", self.id))
    }

    /// A score field: an integer and nothing else.
    fn score(&self, name: &str) -> u32 {
        let v = self.field(name);
        v.parse()
            .unwrap_or_else(|_| panic!("{} {name}: {v:?} is not an integer", self.id))
    }

    /// The residual risk: an integer first, then what remains.
    fn residual(&self) -> u32 {
        let v = self.field("Residual risk");
        let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().unwrap_or_else(|_| {
            panic!(
                "{} Residual risk {v:?} does not start with the score",
                self.id
            )
        })
    }
}

/// A block starts at `### H<n> <title>` and runs to the next heading.
fn hazards(log: &str) -> Vec<Hazard> {
    let mut out: Vec<Hazard> = Vec::new();
    let mut in_block = false;
    for line in log.lines() {
        if line.starts_with('#') {
            in_block = false;
            if let Some(rest) = line.strip_prefix("### H") {
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                let title = rest[digits.len()..].trim().to_string();
                if !digits.is_empty() {
                    in_block = true;
                    out.push(Hazard {
                        id: format!("H{digits}"),
                        title,
                        fields: Vec::new(),
                        mitigations: Vec::new(),
                        stray: Vec::new(),
                    });
                }
            }
            continue;
        }
        if !in_block || line.trim().is_empty() {
            continue;
        }
        let h = out.last_mut().unwrap();
        if let Some(item) = line.strip_prefix("  - ") {
            let in_mitigations = h.fields.last().is_some_and(|(n, _)| n == "Mitigations");
            match item.rsplit_once("Tests:") {
                Some((text, tests)) if in_mitigations => h.mitigations.push(Mitigation {
                    text: text.trim().to_string(),
                    tests: backticked(tests),
                }),
                _ if in_mitigations => h.mitigations.push(Mitigation {
                    text: item.trim().to_string(),
                    tests: Vec::new(),
                }),
                _ => h.stray.push(line.to_string()),
            }
        } else if let Some((name, value)) = line.strip_prefix("- ").and_then(|f| f.split_once(':'))
        {
            h.fields
                .push((name.trim().to_string(), value.trim().to_string()));
        } else {
            h.stray.push(line.to_string());
        }
    }
    out
}

/// The rows of the change log table (section "Change log"), each as its cells.
fn change_log(log: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_section = false;
    for line in log.lines() {
        if line.starts_with("## ") {
            in_section = line.to_lowercase().contains("change log");
            continue;
        }
        if in_section && line.starts_with("| 20") {
            rows.push(
                line.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().to_string())
                    .collect(),
            );
        }
    }
    rows
}

/// The acceptance bands the file states: (band word, lowest risk, highest risk).
fn criteria(log: &str) -> Vec<(String, u32, u32)> {
    let mut bands = Vec::new();
    for line in log.lines() {
        for band in ["Acceptable", "ALARP", "Unacceptable"] {
            if let Some(rest) = line.strip_prefix(&format!("- {band}: risk ")) {
                let range: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                let (lo, hi) = range
                    .split_once('-')
                    .unwrap_or_else(|| panic!("band {band} has no range: {line}"));
                bands.push((band.to_string(), lo.parse().unwrap(), hi.parse().unwrap()));
            }
        }
    }
    bands
}

fn band_of(bands: &[(String, u32, u32)], risk: u32) -> &str {
    bands
        .iter()
        .find(|(_, lo, hi)| (*lo..=*hi).contains(&risk))
        .map(|(b, _, _)| b.as_str())
        .unwrap_or_else(|| panic!("no acceptance band holds risk {risk}"))
}

#[test]
fn every_test_named_in_the_hazard_log_exists() {
    let log = log();
    let hazards = hazards(&log);
    let mut named = 0;
    let mut missing = Vec::new();
    let changes = change_log(&log);
    let refs = hazards
        .iter()
        .flat_map(|h| h.mitigations.iter().flat_map(|m| m.tests.iter()))
        .cloned()
        .chain(
            changes
                .iter()
                .flat_map(|row| backticked(row.last().unwrap())),
        );
    for r in refs {
        named += 1;
        if !test_exists(&r) && !missing.contains(&r) {
            missing.push(r);
        }
    }
    assert!(
        missing.is_empty(),
        "docs/hazards.md names {} tests that do not exist:\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(
        hazards.len() >= 39,
        "the file covers the 39 hazards ({})",
        hazards.len()
    );
    assert!(named >= hazards.len());
}

#[test]
fn every_hazard_block_has_every_field_in_order() {
    let hazards = hazards(&log());
    assert!(!hazards.is_empty(), "no hazard block (### H<n> <title>)");
    for h in &hazards {
        assert!(!h.title.is_empty(), "{} has no title", h.id);
        let names: Vec<&str> = h.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, FIELDS, "{}: the fields, in order", h.id);
        for (name, value) in &h.fields {
            if name != "Mitigations" {
                assert!(!value.is_empty(), "{} {name} is empty", h.id);
            }
        }
        assert!(
            h.stray.is_empty(),
            "{}: lines that are no field: {:?}",
            h.id,
            h.stray
        );
    }
}

#[test]
fn severity_and_probability_are_1_to_5_and_each_risk_is_their_product() {
    for h in hazards(&log()) {
        let (sb, pb) = (h.score("Severity before"), h.score("Probability before"));
        let (sa, pa) = (h.score("Severity after"), h.score("Probability after"));
        for (name, v) in [
            ("Severity before", sb),
            ("Probability before", pb),
            ("Severity after", sa),
            ("Probability after", pa),
        ] {
            assert!((1..=5).contains(&v), "{} {name} {v} is not 1-5", h.id);
        }
        assert_eq!(
            h.score("Risk before"),
            sb * pb,
            "{} Risk before = S x P",
            h.id
        );
        assert_eq!(h.residual(), sa * pa, "{} Residual risk = S x P", h.id);
        assert!(
            sa <= sb,
            "{}: a mitigation never makes the harm worse",
            h.id
        );
        assert!(
            pa <= pb,
            "{}: a mitigation never makes the harm likelier",
            h.id
        );
    }
}

#[test]
fn every_residual_risk_is_acceptable_by_the_files_own_criteria() {
    let log = log();
    let bands = criteria(&log);
    let names: Vec<&str> = bands.iter().map(|(b, _, _)| b.as_str()).collect();
    assert_eq!(
        names,
        ["Acceptable", "ALARP", "Unacceptable"],
        "the stated bands"
    );
    // The bands cover 1-25 with no gap or overlap.
    let mut next = 1;
    for (band, lo, hi) in &bands {
        assert_eq!(*lo, next, "band {band} starts where the one before ends");
        assert!(hi >= lo);
        next = hi + 1;
    }
    assert_eq!(next, 26, "the bands reach 25");
    for h in hazards(&log) {
        let residual = h.residual();
        let band = band_of(&bands, residual);
        assert_ne!(
            band, "Unacceptable",
            "{} has an unacceptable residual risk {residual}",
            h.id
        );
        let verdict = h.field("Acceptability");
        assert!(
            verdict.starts_with(band),
            "{}: residual risk {residual} is {band}, the verdict says {verdict:?}",
            h.id
        );
        if band == "ALARP" {
            let justification = verdict[band.len()..].trim_start_matches([',', '.', ':', ' ']);
            assert!(
                justification.len() >= 60,
                "{}: an ALARP verdict says why no further reduction is practicable: {verdict:?}",
                h.id
            );
        }
        let remains = h.field("Residual risk");
        assert!(
            remains.len() > residual.to_string().len() + 10,
            "{}: the residual risk says what remains",
            h.id
        );
    }
}

#[test]
fn every_mitigation_names_at_least_one_test() {
    for h in hazards(&log()) {
        assert!(!h.mitigations.is_empty(), "{} has no mitigation", h.id);
        for m in &h.mitigations {
            assert!(!m.text.is_empty(), "{}: a mitigation with no text", h.id);
            assert!(
                !m.tests.is_empty(),
                "{}: the mitigation {:?} names no test (end it with Tests: `file::name`)",
                h.id,
                m.text
            );
            for t in &m.tests {
                assert!(
                    t.starts_with("tests/") && (t.contains("::") || t.ends_with(".sh")),
                    "{}: {t:?} is not written as file::name",
                    h.id
                );
            }
        }
    }
}

#[test]
fn hazard_ids_are_stable_and_the_new_hazards_are_present() {
    let hazards = hazards(&log());
    let ids: Vec<&str> = hazards.iter().map(|h| h.id.as_str()).collect();
    let expected: Vec<String> = (1..=hazards.len()).map(|n| format!("H{n}")).collect();
    assert_eq!(
        ids, expected,
        "ids run H1, H2, … with none missing or repeated"
    );
    for (id, word) in NEW_HAZARDS {
        let h = hazards
            .iter()
            .find(|h| h.id == *id)
            .unwrap_or_else(|| panic!("no hazard {id} ({word})"));
        assert!(
            h.title.to_lowercase().contains(word),
            "{id}'s title {:?} should name {word:?}",
            h.title
        );
    }
}

#[test]
fn the_change_log_has_every_correction_with_a_test_that_exists() {
    let log = log();
    let rows = change_log(&log);
    let ids: Vec<String> = hazards(&log).into_iter().map(|h| h.id).collect();
    for row in &rows {
        assert_eq!(
            row.len(),
            4,
            "a change log row has date, correction, hazards, tests"
        );
        for h in row[2].split(',').map(str::trim) {
            assert!(
                ids.iter().any(|id| id == h),
                "the change log names no hazard {h:?}"
            );
        }
    }
    for (date, word) in CORRECTIONS {
        let row = rows
            .iter()
            .find(|r| r[0] == *date && r[1].to_lowercase().contains(word))
            .unwrap_or_else(|| panic!("the change log has no {date} entry for {word:?}"));
        let tests = backticked(&row[3]);
        assert!(
            tests.iter().any(|t| test_exists(t)),
            "the {date} correction {word:?} names no test that exists: {tests:?}"
        );
    }
}

#[test]
fn the_risk_matrix_defines_every_level_and_says_the_probabilities_are_estimates() {
    let log = log();
    for (heading, words) in [
        (
            "### Severity",
            ["Negligible", "Minor", "Serious", "Critical", "Catastrophic"],
        ),
        (
            "### Probability",
            ["Very low", "Low", "Medium", "High", "Very high"],
        ),
    ] {
        let section = log
            .split_once(&format!("{heading}\n"))
            .unwrap_or_else(|| panic!("no {heading} section"))
            .1;
        let section = section.split("\n### ").next().unwrap();
        for (i, word) in words.iter().enumerate() {
            let row = format!("| {} | {word} | ", i + 1);
            let line = section
                .lines()
                .find(|l| l.starts_with(&row))
                .unwrap_or_else(|| panic!("{heading} has no row {row:?}"));
            assert!(
                line.len() > row.len() + 20,
                "{heading} {word} is defined: {line}"
            );
        }
    }
    let lower = log.to_lowercase();
    assert!(lower.contains("team's estimate") && lower.contains("not a measured rate"));
    assert!(lower.contains("clinical safety officer"));
}
