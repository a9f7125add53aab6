//! `coopai verify`: a report written by `coopai score --format json` matches its inputs; a
//! tampered one fails (exit 1) naming each field that differs.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{coopai, text};

const FRAMEWORK: &str = "tests/fixtures/framework-diff/old.toml";
const ANSWERS: &str = "tests/fixtures/rescore/chatbot.toml";

/// A fresh report of the chatbot fixture in a temporary folder.
fn report(dir: &Path) -> PathBuf {
    let out = coopai(&[
        "score",
        ANSWERS,
        "--framework",
        FRAMEWORK,
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = dir.join("report.json");
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

fn tamper(path: &Path, from: &str, to: &str) -> PathBuf {
    let json = std::fs::read_to_string(path).unwrap();
    assert!(json.contains(from), "fixture report lacks {from}");
    let tampered = path.with_file_name("tampered.json");
    std::fs::write(&tampered, json.replacen(from, to, 1)).unwrap();
    tampered
}

/// Output with the temporary folder's path replaced, for stable snapshots.
fn stable(out: &Output, dir: &Path) -> String {
    common::redact_tmp(&text(&out.stdout), dir)
}

#[test]
fn a_matching_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let out = coopai(&[
        "verify",
        report.to_str().unwrap(),
        "--framework",
        FRAMEWORK,
        "--answers",
        ANSWERS,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("matching", stable(&out, dir.path()));
}

#[test]
fn a_tampered_report_fails_naming_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let tampered = tamper(&report, "\"band\": \"proceed\"", "\"band\": \"conditions\"");
    let tampered = tamper(&tampered, "\"score\": 71.4", "\"score\": 81.4");
    let out = coopai(&[
        "verify",
        tampered.to_str().unwrap(),
        "--framework",
        FRAMEWORK,
        "--answers",
        ANSWERS,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("does not match"));
    insta::assert_snapshot!("tampered", stable(&out, dir.path()));
}

#[test]
fn without_answers_the_recorded_answers_are_scored_again() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let ok = coopai(&["verify", report.to_str().unwrap(), "--framework", FRAMEWORK]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stdout));
    assert!(text(&ok.stdout).contains("the answers recorded in the report"));
    // Changing a recorded answer without its points is caught.
    let tampered = tamper(&report, "\"value\": \"yes\"", "\"value\": \"no\"");
    let out = coopai(&[
        "verify",
        tampered.to_str().unwrap(),
        "--framework",
        FRAMEWORK,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("answers[explainable].points: report says 2.0, recomputed 0.0"),
        "{stdout}"
    );
    assert!(
        stdout.contains("overall.score: report says 90.5"),
        "{stdout}"
    );
}

#[test]
fn other_inputs_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let report = report(dir.path());
    let other_answers = coopai(&[
        "verify",
        report.to_str().unwrap(),
        "--framework",
        FRAMEWORK,
        "--answers",
        "tests/fixtures/rescore/benefits-triage.toml",
    ]);
    assert_eq!(other_answers.status.code(), Some(1));
    assert!(
        text(&other_answers.stdout)
            .contains("input differs: answers: the report was scored from answers with sha256")
    );
    let other_framework = coopai(&[
        "verify",
        report.to_str().unwrap(),
        "--framework",
        "tests/fixtures/framework-diff/new.toml",
    ]);
    assert_eq!(other_framework.status.code(), Some(1));
    assert!(text(&other_framework.stdout).contains("input differs: framework: the report was scored against `example-minimal` 1.0.0 with sha256"));
}

#[test]
fn a_file_that_is_not_a_report_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-report.json");
    std::fs::write(&path, "{\"overall\": 1}").unwrap();
    let out = coopai(&["verify", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a coopai JSON report"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(&path, "{ not json").unwrap();
    let out = coopai(&["verify", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not valid JSON: key must be a string at line 1 column 3"),
        "{}",
        text(&out.stderr)
    );
}
