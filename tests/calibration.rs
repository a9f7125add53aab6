//! The calibration set scored against the embedded framework: docs/calibration.md holds the
//! table `coopai calibrate` makes of it, kept current by this test.
//!
//! Regenerate the table with `COOPAI_UPDATE_DOCS=1 cargo test --test calibration`.

use std::path::Path;

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
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = doc.find(OPEN).expect("the table's opening marker") + OPEN.len();
    let end = start
        + doc[start..]
            .find(CLOSE)
            .expect("the table's closing marker");
    let table = table();
    if std::env::var_os("COOPAI_UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &doc[..start], &doc[end..])).unwrap();
        return;
    }
    assert!(
        doc[start..end] == table,
        "{DOC} is out of date; regenerate it with\n    COOPAI_UPDATE_DOCS=1 cargo test --test calibration"
    );
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
