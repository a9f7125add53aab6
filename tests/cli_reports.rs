//! The report commands end to end: `score --format html|csv`, `compare` and `diff`, with
//! their exit codes and file output.

use assert_cmd::Command;

mod common;

const FRAMEWORK: &str = "frameworks/example-minimal.toml";
const V1: &str = "tests/fixtures/reports/minimal/benefits-triage-v1.toml";
const V2: &str = "tests/fixtures/reports/minimal/benefits-triage-v2.toml";

fn coopai() -> Command {
    Command::from_std(common::command())
}

#[test]
fn score_writes_an_html_file_and_never_overwrites_it_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.html");
    let out_arg = out.display().to_string();
    let args = [
        "score",
        V1,
        "--framework",
        FRAMEWORK,
        "--format",
        "html",
        "-o",
        &out_arg,
    ];
    coopai().args(args).assert().success();
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Do not proceed yet"));

    let refused = coopai().args(args).assert().code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("already exists"), "{stderr}");
    coopai().args(args).arg("--force").assert().success();
}

#[test]
fn score_writes_csv_to_stdout() {
    let out = coopai()
        .args(["score", V2, "--framework", FRAMEWORK, "--format", "csv"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("principle,question,prompt,answer,points,max_points,evidence\n"),
        "{stdout}"
    );
}

#[test]
fn compare_needs_two_files_and_writes_json() {
    coopai()
        .args(["compare", V1, "--framework", FRAMEWORK])
        .assert()
        .code(2);
    let out = coopai()
        .args([
            "compare",
            V1,
            V2,
            "--framework",
            FRAMEWORK,
            "--format",
            "json",
        ])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(json["overall_best"], serde_json::json!([1]));
    assert_eq!(
        json["assessments"][0]["red_lines"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn diff_reports_changes_and_fails_on_bad_input() {
    let out = coopai()
        .args(["diff", V1, V2, "--framework", FRAMEWORK, "--format", "md"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("## Red lines cleared"), "{stdout}");
    coopai()
        .args(["diff", V1, "no-such-file.toml", "--framework", FRAMEWORK])
        .assert()
        .code(2);
}
