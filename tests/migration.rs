//! Answers written for an earlier framework version, loaded under the next one through the
//! moves the newer version declares. tests/fixtures/migration/new.toml (1.1.0) revises old.toml
//! (1.0.0): it renames `resident-influence` to `resident-say`; moves `human-review` to
//! `human-oversight` with two options renamed; replaces `data-use` by `data-shared`, whose
//! option map has no counterpart for `other`; renames option `partly` of `published` in place;
//! and removes `lessons`. answers-1.0.toml answers every old question.

use std::path::Path;

mod common;
use common::{coopai, coopai_in, text, transcript};

use coopai::assessment::{self, Value};
use coopai::framework::{self, Framework, diff};
use coopai::report::framework_diff;

const DIR: &str = "tests/fixtures/migration";
const ANSWERS: &str = "tests/fixtures/migration/answers-1.0.toml";
const NEW: &str = "tests/fixtures/migration/new.toml";

fn load(name: &str) -> Framework {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name);
    framework::load_file(&path)
        .expect("fixture framework loads")
        .framework
}

fn answers_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ANSWERS)).unwrap()
}

fn choice(id: &str) -> Value {
    Value::Choice(id.to_string())
}

#[test]
fn old_answers_load_under_the_new_version_with_a_warning_for_each_move() {
    let out = coopai(&["score", ANSWERS, "--framework", NEW, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    insta::assert_snapshot!("old_answers_under_the_new_version", text(&out.stderr));

    let loaded = assessment::load_str("answers-1.0.toml", answers_text(), &load("new.toml"))
        .expect("the old answers load");
    let a = loaded.assessment;
    let values: Vec<(&str, &Value)> = a
        .answers
        .iter()
        .map(|(id, answer)| (id.as_str(), &answer.value))
        .collect();
    assert_eq!(
        values,
        [
            ("human-oversight", &choice("sampled")),
            ("published", &choice("summary")),
            ("resident-say", &Value::Number(3.0)),
        ]
    );
    assert_eq!(
        a.answers["human-oversight"].evidence,
        "A team leader checks one case in ten."
    );
    // The answer with no counterpart is left out; what was written as evidence is kept.
    assert_eq!(
        a.notes["data-shared"],
        "Shared with the repairs contractor under the contract."
    );
    let codes: Vec<&str> = loaded.warnings.items.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "framework-mismatch",
            "answer-moved",
            "answer-moved",
            "answer-moved",
            "answer-removed",
            "answer-moved",
            "answer-removed",
        ]
    );
}

#[test]
fn the_old_answers_load_cleanly_under_the_old_version() {
    let loaded = assessment::load_str("answers-1.0.toml", answers_text(), &load("old.toml"))
        .expect("the answers load");
    assert!(loaded.warnings.is_empty(), "{}", loaded.warnings);
}

/// The errors, as (code, message), of answers `text` that the new version refuses.
fn refused(text: String) -> Vec<(&'static str, String)> {
    match assessment::load_str("answers.toml", text, &load("new.toml")) {
        Err(assessment::LoadError::Invalid(diags)) => diags
            .items
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| (d.code, d.message))
            .collect(),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("the answers must be refused"),
    }
}

#[test]
fn an_unknown_question_with_no_move_is_still_an_error() {
    let text = answers_text() + "\n[answers.bogus]\nanswer = \"yes\"\n";
    assert_eq!(
        refused(text),
        [("unknown-question", "unknown question `bogus`".to_string())]
    );
}

/// The moves of one framework say nothing about another framework's ids.
#[test]
fn answers_recorded_against_another_framework_are_not_moved() {
    let text = answers_text().replace("id = \"migration-example\"", "id = \"another\"");
    let unknown: Vec<String> = refused(text)
        .into_iter()
        .filter(|(code, _)| *code == "unknown-question")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(
        unknown,
        [
            "unknown question `human-review`",
            "unknown question `data-use`",
            "unknown question `resident-influence`",
            "unknown question `lessons`",
        ]
    );
}

#[test]
fn an_answer_under_its_old_and_new_id_keeps_the_new_one() {
    let text = answers_text() + "\n[answers.human-oversight]\nanswer = \"never\"\n";
    let loaded = assessment::load_str("answers.toml", text, &load("new.toml")).unwrap();
    assert_eq!(
        loaded.assessment.answers["human-oversight"].value,
        choice("never")
    );
    let left_out = loaded
        .warnings
        .items
        .iter()
        .find(|d| {
            d.message
                .starts_with("`human-review` is now `human-oversight`, which")
        })
        .expect("the old table is warned about");
    assert_eq!(left_out.code, "answer-removed");
}

/// `coopai assess --resume` on the old file writes the new ids, and the file then loads
/// under the new version with no moves left to warn about.
#[test]
fn resuming_saves_the_new_ids() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["new.toml", "answers-1.0.toml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let mut command = common::command();
    command
        .current_dir(dir.path())
        .env("COOPAI_DATE", "2026-11-23")
        .args([
            "assess",
            "--plain",
            "--framework",
            "new.toml",
            "--resume",
            "answers-1.0.toml",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    // Answer the first question asked (`data-shared`, left out on loading), keep the
    // evidence, and quit.
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"1\n\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", transcript(&out));
    assert!(text(&out.stderr).contains("warning[answer-moved]"));

    let saved = std::fs::read_to_string(dir.path().join("answers-1.0.toml")).unwrap();
    for new in [
        "[answers.human-oversight]\nanswer = \"sampled\"",
        "[answers.published]\nanswer = \"summary\"",
        "[answers.resident-say]\nanswer = 3",
        "[answers.data-shared]\nanswer = \"no\"\nevidence = \"Shared with the repairs contractor under the contract.\"",
        "version = \"1.1.0\"",
    ] {
        assert!(saved.contains(new), "{new} not in:\n{saved}");
    }
    for old in [
        "human-review",
        "resident-influence",
        "data-use",
        "lessons",
        "partly",
    ] {
        assert!(!saved.contains(old), "{old} still in:\n{saved}");
    }
    let again = coopai_in(
        dir.path(),
        &["score", "answers-1.0.toml", "--framework", "new.toml"],
    );
    assert!(again.status.success(), "{}", transcript(&again));
    assert_eq!(text(&again.stderr), "", "nothing left to move");
}

#[test]
fn rescore_carries_the_answers_over_and_lists_what_it_left_out() {
    let new = load("new.toml");
    let frameworks =
        coopai::rescore::Frameworks::new(new, Some(load("old.toml")), framework::embedded());
    let (row, error) = frameworks.row(&Path::new(env!("CARGO_MANIFEST_DIR")).join(ANSWERS));
    assert_eq!(error, None);
    assert_eq!(
        row.dropped,
        [
            "`data-use`: option `other` of `data-use` has no counterpart in `data-shared`",
            "`lessons`: question `lessons` was removed from framework `migration-example` 1.1.0",
        ]
    );
    // Without the moves, only `published` would still count.
    assert_eq!((row.old_score, row.new_score), (Some(54.2), Some(51.8)));
}

#[test]
fn framework_diff_lists_the_declared_moves() {
    let d = diff::diff(&load("old.toml"), &load("new.toml"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    insta::assert_snapshot!("diff_text", framework_diff::render_text(&d));
    insta::assert_snapshot!("diff_json_moves", {
        let json: serde_json::Value =
            serde_json::from_str(&framework_diff::render_json(&d)).unwrap();
        serde_json::to_string_pretty(&(&json["answers_moved"], &json["answers_removed"])).unwrap()
    });
}

#[test]
fn framework_diff_warns_about_questions_gone_without_a_move() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(NEW))
        .unwrap()
        .replace(
            "[[removed]]\nquestion = \"lessons\"",
            "[[removed]]\nquestion = \"retired\"",
        )
        .replace(
            "options = { partly = \"summary\" }",
            "options = { half = \"summary\" }",
        );
    let new = framework::load_str("new.toml", text).unwrap().framework;
    let d = diff::diff(&load("old.toml"), &new);
    assert_eq!(
        d.warnings,
        [
            "option `partly` of `published` is gone without a [[moved]] entry for it: answers that choose it will not load under the new version",
            "question `lessons` is gone without a [[moved]] or [[removed]] entry: answers files that answer it will not load under the new version",
        ]
    );
}

/// A question renamed twice, or two merged: two old ids move to one question, and a file that
/// answers both keeps the one whose move is listed first.
#[test]
fn two_old_ids_moved_to_one_question_keep_the_first_listed() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(NEW)).unwrap()
        + "\n[[moved]]\nfrom = \"officer-review\"\nto = \"human-oversight\"\n";
    let new = framework::load_str("new.toml", text)
        .expect("two moves to one question are valid")
        .framework;
    let answers = answers_text() + "\n[answers.officer-review]\nanswer = \"never\"\n";
    let loaded = assessment::load_str("answers.toml", answers, &new).unwrap();
    assert_eq!(
        loaded.assessment.answers["human-oversight"].value,
        choice("sampled")
    );
    assert!(
        loaded.warnings.items.iter().any(|d| d.code == "answer-removed"
            && d.message == "`officer-review` is now `human-oversight`, which this file also answers as `human-review`"),
        "{}",
        loaded.warnings
    );
}

/// Every answers file the repository held for reference framework 1.0 (tests/fixtures/
/// answers-1.0) loads under the embedded 1.1: each answer is kept, under its own id or the one
/// 1.1 moved it to, and the only warnings are the version difference, the moves, and answers
/// to questions that no longer apply.
#[test]
fn every_answers_file_written_for_1_0_loads_under_1_1() {
    let fw = framework::embedded();
    let old = load("../../../frameworks/ccin-coop-ai-1.0.toml");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers-1.0");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 24, "{} files", files.len());
    let mut moved = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let before = assessment::load_str(&name, text.clone(), &old)
            .unwrap_or_else(|e| panic!("{e}"))
            .assessment;
        let loaded =
            assessment::load_str(&name, text, &fw).unwrap_or_else(|e| panic!("under 1.1: {e}"));
        for d in &loaded.warnings.items {
            assert!(
                ["framework-mismatch", "answer-moved", "not-applicable"].contains(&d.code),
                "{name}: {}: {}",
                d.code,
                d.message
            );
            moved += usize::from(d.code == "answer-moved");
        }
        assert_eq!(
            loaded.assessment.answers.len(),
            before.answers.len(),
            "{name}: an answer was lost"
        );
    }
    assert!(moved > 0, "no file exercised a move");
}
