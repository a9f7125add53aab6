//! `coopai score` with respondents' answers: the worked adult-social-care triage assessment
//! and its 6 staff and 12 residents' responses (assessments/adult-social-care-triage.responses),
//! and what happens when one response is bad, missing or not wanted.

use std::path::{Path, PathBuf};

mod common;
use common::{coopai, coopai_in, crate_root, text};

const LEAD: &str = "assessments/adult-social-care-triage.toml";

/// A copy of the lead answers file and its responses in a temporary folder.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(crate_root().join(LEAD), dir.path().join("triage.toml")).unwrap();
    let from = crate_root().join("assessments/adult-social-care-triage.responses");
    let to = dir.path().join("triage.responses");
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn the_responses_beside_the_answers_file_are_combined() {
    let out = coopai(&["score", LEAD]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("Views of 19 respondents"), "{report}");
    assert!(report.contains("18 responses combined"), "{report}");
    // Staff are less confident than the officer believed, and their answer scores it.
    assert!(
        report.contains("staff-confidence: 2 (of 5): the combined answer of Frontline staff and union representatives, the median of 6 answers; the lead's estimate: 3 (of 5)"),
        "{report}"
    );
    let alone = coopai(&["score", LEAD, "--no-responses"]);
    assert_eq!(alone.status.code(), Some(0));
    assert!(!text(&alone.stdout).contains("Views"));
    assert_ne!(alone.stdout, out.stdout);
}

#[test]
fn a_bad_response_is_named_and_the_others_still_count() {
    let dir = copy();
    let bad = dir.path().join("triage.responses/resident-13.toml");
    std::fs::write(
        &bad,
        "[respondent]\nrole = \"residents\"\npseudonym = \"someone@example.org\"\n\n[answers.ai-use-disclosed]\nanswer = \"no\"\n",
    )
    .unwrap();
    let out = coopai_in(dir.path(), &["score", "triage.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let (report, errors) = (text(&out.stdout), text(&out.stderr));
    assert!(report.contains("18 responses combined"), "{report}");
    assert!(errors.contains("resident-13.toml"), "{errors}");
    assert!(errors.contains("identifying-pseudonym"), "{errors}");
    assert!(errors.contains("1 response file refused"), "{errors}");
}

#[test]
fn free_text_appears_only_when_asked_for() {
    let dir = copy();
    let file = dir.path().join("triage.responses/resident-01.toml");
    let mut response = std::fs::read_to_string(&file).unwrap();
    response.push_str("\n[answers.resident-changes]\nanswer = \"We asked for domestic abuse contacts to be left alone.\"\nevidence = \"\"\n");
    std::fs::write(&file, response).unwrap();
    let without = coopai_in(dir.path(), &["score", "triage.toml"]);
    assert_eq!(without.status.code(), Some(0), "{}", text(&without.stderr));
    assert!(!text(&without.stdout).contains("domestic abuse contacts to be left alone"));
    let with = coopai_in(dir.path(), &["score", "triage.toml", "--include-comments"]);
    assert_eq!(with.status.code(), Some(0));
    assert!(
        text(&with.stdout).contains("domestic abuse contacts to be left alone"),
        "{}",
        text(&with.stdout)
    );
}

#[test]
fn a_responses_folder_named_must_exist_and_belongs_to_one_file() {
    let out = coopai(&["score", LEAD, "--responses", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no such folder"),
        "{}",
        text(&out.stderr)
    );
    let out = coopai(&[
        "score",
        LEAD,
        "assessments/letter-translation.toml",
        "--responses",
        "assessments/adult-social-care-triage.responses",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("give one FILE"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn verify_checks_the_report_against_the_same_responses() {
    let dir = copy();
    let report = dir.path().join("report.json");
    let out = coopai_in(
        dir.path(),
        &[
            "score",
            "triage.toml",
            "--format",
            "json",
            "-o",
            "report.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ok = coopai_in(
        dir.path(),
        &["verify", "report.json", "--answers", "triage.toml"],
    );
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stdout));
    // One response changed after the report was written: the digest and the views differ.
    let file: &Path = &dir.path().join("triage.responses/staff-05.toml");
    let changed = std::fs::read_to_string(file)
        .unwrap()
        .replace("answer = 1\n", "answer = 4\n");
    std::fs::write(file, changed).unwrap();
    let out = coopai_in(
        dir.path(),
        &["verify", "report.json", "--answers", "triage.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("views.respondents.digest"),
        "{}",
        text(&out.stdout)
    );
    assert!(report.exists());
}
