//! The calibration set scored against the embedded framework: docs/calibration.md holds the
//! table `coopai calibrate` makes of it, kept current by this test.
//!
//! Regenerate the table with `COOPAI_UPDATE_DOCS=1 cargo test --test calibration`.

use coopai::calibrate::{calibrate, render};

mod common;
use common::{command, crate_root, text};

const SET: &str = "assessments/calibration";
const DOC: &str = "docs/calibration.md";
const OPEN: &str =
    "<!-- calibration: generated from the code, checked by tests/calibration.rs -->\n";
const CLOSE: &str = "<!-- end of generated table -->";

fn table() -> String {
    let cases = calibrate(&crate_root().join(SET), &coopai::framework::embedded())
        .unwrap_or_else(|e| panic!("{e}"));
    render::markdown(&cases)
}

#[test]
fn the_table_in_the_docs_is_current() {
    common::generated_section_is_current(DOC, OPEN, CLOSE, &table(), "calibration");
}

/// The set holds at least 12 cases, every expectation was written with its reasoning, and the
/// command reads the same set the library does.
#[test]
fn the_set_is_whole_and_the_command_reads_it() {
    let cases = calibrate(&crate_root().join(SET), &coopai::framework::embedded()).unwrap();
    let systems: std::collections::BTreeSet<&str> = cases
        .iter()
        .map(|c| c.expectation.record.as_str())
        .collect();
    assert!(systems.len() >= 12, "{} cases", systems.len());
    assert!(
        cases
            .iter()
            .all(|c| !c.expected().reasoning.trim().is_empty())
    );
    let out = command().args(["calibrate", SET]).output().unwrap();
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&render::summary(&cases)), "{stdout}");
    let agree = cases.iter().all(|c| c.agrees());
    assert_eq!(out.status.code(), Some(if agree { 0 } else { 1 }));
}

/// Every case agrees with what its reviewer expected, written before it was scored: the
/// impact level coopai uses is one the reviewer accepts (for a record-only file, the range the
/// blanks allow includes one), and the outcome is one the reviewer accepts (for a provisional
/// outcome, the bands still possible include one). docs/calibration.md explains the judging.
#[test]
fn every_case_agrees_with_its_expectation() {
    let cases = calibrate(&crate_root().join(SET), &coopai::framework::embedded()).unwrap();
    let disagree: Vec<String> = cases
        .iter()
        .filter(|c| !c.agrees())
        .map(|c| {
            format!(
                "{} ({}): level {} (expected {:?}), band {} (expected {:?}), score {}",
                c.slug,
                c.variant.name(),
                c.report.impact.level,
                c.expected().impact_level,
                c.report.overall.band,
                c.expected().outcome,
                c.report.overall.score,
            )
        })
        .collect();
    assert!(
        disagree.is_empty(),
        "{} of {} cases disagree with their expectation:\n{}",
        disagree.len(),
        cases.len(),
        disagree.join("\n")
    );
}

/// The completed variants answer every risk question, so their levels and outcomes are final:
/// they test the level itself, not a range.
#[test]
fn completed_variants_are_judged_on_final_results() {
    let cases = calibrate(&crate_root().join(SET), &coopai::framework::embedded()).unwrap();
    let completed: Vec<_> = cases
        .iter()
        .filter(|c| c.variant.name() == "completed")
        .collect();
    assert!(
        completed.len() >= 4,
        "{} completed variants",
        completed.len()
    );
    for c in completed {
        assert!(
            !c.report.impact.precautionary && !c.report.overall.provisional,
            "{}: a completed variant must answer every question that applies ({} required unanswered)",
            c.slug,
            c.report.overall.required.applicable - c.report.overall.required.answered
        );
    }
}
