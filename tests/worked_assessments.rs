//! The worked assessments in assessments/: every report of every file is snapshotted, scoring
//! twice gives the same bytes, and together the files keep covering the bands, impact levels,
//! red lines, incomplete and not-applicable cases the README promises.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use coopai::framework::embedded;
use coopai::scoring::report::Report;

mod common;
use common::{coopai, text, worked_assessments};

const FORMATS: [&str; 3] = ["table", "md", "json"];

fn stem(file: &Path) -> String {
    file.file_stem().unwrap().to_string_lossy().into_owned()
}

fn score(file: &Path, format: &str) -> Output {
    coopai(&["score", file.to_str().unwrap(), "--format", format])
}

#[test]
fn every_report_is_snapshotted_and_byte_identical_twice() {
    for file in worked_assessments() {
        let name = stem(&file);
        for format in FORMATS {
            let first = score(&file, format);
            let second = score(&file, format);
            assert_eq!(
                first.status.code(),
                Some(0),
                "{name} ({format}):\n{}",
                text(&first.stderr)
            );
            assert_eq!(
                first.stdout, second.stdout,
                "{name}: {format} report differs between runs"
            );
            assert_eq!(
                first.stderr, second.stderr,
                "{name}: {format} warnings differ between runs"
            );
            insta::assert_snapshot!(format!("{name}-{format}"), text(&first.stdout));
        }
    }
}

#[test]
fn warnings_are_snapshotted() {
    // The same warnings whatever the format, so one snapshot per file.
    for file in worked_assessments() {
        let name = stem(&file);
        let stderr: Vec<String> = FORMATS
            .iter()
            .map(|format| text(&score(&file, format).stderr))
            .collect();
        assert!(
            stderr.iter().all(|s| s == &stderr[0]),
            "{name}: warnings differ between formats"
        );
        assert!(!stderr[0].contains("error"), "{name}: {}", stderr[0]);
        insta::assert_snapshot!(format!("{name}-stderr"), stderr[0]);
    }
}

#[test]
fn the_set_spans_bands_impact_levels_red_lines_and_gaps() {
    let reports: Vec<(String, Report)> = worked_assessments()
        .iter()
        .map(|file| {
            let out = score(file, "json");
            assert!(out.status.success(), "{}", text(&out.stderr));
            (stem(file), serde_json::from_slice(&out.stdout).unwrap())
        })
        .collect();
    assert!(reports.len() >= 5, "at least five worked assessments");

    let levels: BTreeSet<u8> = reports.iter().map(|(_, r)| r.impact_level).collect();
    assert!(levels.len() >= 3, "impact levels covered: {levels:?}");

    // Every band of the embedded framework: a band added to it must be reached too.
    let bands: BTreeSet<String> = embedded().bands.into_iter().map(|b| b.id).collect();
    assert!(bands.len() >= 4, "bands: {bands:?}");
    let reached: BTreeSet<String> = reports
        .iter()
        .map(|(_, r)| r.overall.band.clone())
        .collect();
    assert_eq!(reached, bands, "every band is reached by some assessment");

    let with = |what: &str, pred: &dyn Fn(&Report) -> bool| {
        let names: Vec<&str> = reports
            .iter()
            .filter(|(_, r)| pred(r))
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(!names.is_empty(), "no worked assessment {what}");
    };
    with("crosses a red line", &|r| !r.red_lines.is_empty());
    with("is incomplete", &|r| {
        !r.overall.complete && r.unanswered.iter().any(|u| u.required)
    });
    with("keeps an answer that no longer applies", &|r| {
        !r.not_applicable.is_empty()
    });
}

#[test]
fn answers_and_evidence_follow_the_table_report_with_answers() {
    let file = "assessments/housing-repairs-chatbot.toml";
    let listed = coopai(&["score", file, "--answers"]);
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed.stderr));
    let listed = text(&listed.stdout);
    // The report itself is unchanged; the answers follow it.
    let report = text(&score(Path::new(file), "table").stdout);
    let answers = listed
        .strip_prefix(report.as_str())
        .expect("the table report comes first");
    insta::assert_snapshot!("housing-repairs-chatbot-answers", answers);

    // Evidence noted ahead of an answer is shown with the question still unanswered.
    let file = "assessments/letter-translation.toml";
    let listed = text(&coopai(&["score", file, "--answers"]).stdout);
    assert!(
        listed.contains(
            "[staff-consultation]\n    Answer:   not answered yet\n    Evidence: Not yet answered:"
        ),
        "{listed}"
    );
    // The other formats always include the answers, so --answers leaves them as they are.
    for format in ["md", "html", "csv", "json"] {
        let with = coopai(&["score", file, "--format", format, "--answers"]).stdout;
        assert_eq!(with, score(Path::new(file), format).stdout, "{format}");
    }
}

/// docs/respondents-example.html, linked from docs/reports.md, is the HTML report of the
/// worked triage assessment with its respondents, as coopai writes it today (regenerate it
/// with `COOPAI_UPDATE_DOCS=1 cargo test --test worked_assessments`).
#[test]
fn the_respondents_example_in_the_docs_is_current() {
    const EXAMPLE: &str = "docs/respondents-example.html";
    let out = score(
        &common::crate_root().join("assessments/adult-social-care-triage.toml"),
        "html",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(
        page.contains("Views"),
        "the example shows respondents' views"
    );
    common::generated_file_is_current(EXAMPLE, &page, "worked_assessments");
}
