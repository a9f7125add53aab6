//! `coopai rescore` over tests/fixtures/rescore: `chatbot.toml` drops from `proceed` to
//! `conditions` against tests/fixtures/framework-diff/new.toml (and its answer to the removed
//! question `lessons` is left out), `benefits-triage.toml` keeps its band, and `broken.toml`
//! is not valid TOML: it is reported by name and the others still score.

use std::path::Path;
use std::process::{Command, Output};

const OLD: &str = "tests/fixtures/framework-diff/old.toml";
const NEW: &str = "tests/fixtures/framework-diff/new.toml";
const DIR: &str = "tests/fixtures/rescore";

fn coopai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopai"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COOPAI_FRAMEWORK")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn csv_rows_and_a_malformed_file_reported_by_name() {
    let out = coopai(&["rescore", DIR, "--framework", NEW, "--baseline", OLD, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("csv", text(&out.stdout));
    insta::assert_snapshot!("csv_stderr", text(&out.stderr));
}

#[test]
fn markdown_table_with_summary() {
    let out = coopai(&["rescore", DIR, "--framework", NEW, "--baseline", OLD, "--format", "md"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("md", text(&out.stdout));
}

#[test]
fn json_rows_and_summary() {
    let out = coopai(&["rescore", DIR, "--framework", NEW, "--baseline", OLD, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["summary"]["changed_band"], 1);
    assert_eq!(json["summary"]["failed"], 1);
    insta::assert_snapshot!("json", text(&out.stdout));
}

#[test]
fn the_output_is_the_same_every_run() {
    let args = ["rescore", DIR, "--framework", NEW, "--baseline", OLD, "--format", "json"];
    assert_eq!(coopai(&args).stdout, coopai(&args).stdout);
}

#[test]
fn baseline_defaults_to_the_framework_the_file_was_answered_against() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let answers = std::fs::read_to_string(root.join(DIR).join("benefits-triage.toml")).unwrap();
    let old_sha = coopai::framework::load::sha256_hex(&std::fs::read(root.join(OLD)).unwrap());
    let new_sha = coopai::framework::load::sha256_hex(&std::fs::read(root.join(NEW)).unwrap());
    // Recorded as answered against the new framework: it is its own baseline.
    std::fs::write(dir.path().join("as-answered.toml"), answers.replace(&old_sha, &new_sha)).unwrap();
    // Recorded against a framework that is neither the new nor the embedded one.
    std::fs::write(dir.path().join("unknown.toml"), &answers).unwrap();
    let out = coopai(&["rescore", dir.path().to_str().unwrap(), "--framework", NEW, "--format", "csv"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("as-answered.toml,Benefits letter triage,example-minimal 1.0.0 (as answered),0,not-yet,0,not-yet,same"), "{stdout}");
    assert!(stdout.contains("(embedded; answered against example-minimal 1.0.0)"), "{stdout}");
}

#[test]
fn files_and_folders_together_and_a_missing_file_is_skipped() {
    let out = coopai(&[
        "rescore",
        "tests/fixtures/rescore/chatbot.toml",
        "tests/fixtures/rescore/no-such-file.toml",
        "--framework",
        NEW,
        "--baseline",
        OLD,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("chatbot.toml,Housing repairs chatbot"), "{stdout}");
    assert!(stdout.contains("no-such-file.toml: no such file"), "{stdout}");
    assert!(text(&out.stderr).contains("skipped tests/fixtures/rescore/no-such-file.toml"));
}

#[test]
fn exit_2_when_no_file_could_be_scored() {
    let out = coopai(&["rescore", "tests/fixtures/rescore/broken.toml", "--framework", NEW, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no file could be scored"));
}

#[test]
fn writes_the_output_file_and_never_overwrites_it_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("rescore.csv");
    let path = out_file.to_str().unwrap();
    let args = ["rescore", DIR, "--framework", NEW, "--baseline", OLD, "--format", "csv", "-o", path];
    assert_eq!(coopai(&args).status.code(), Some(0));
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(written.starts_with("file,system,baseline,"));
    let again = coopai(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists"));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(coopai(&forced).status.code(), Some(0));
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary files are left behind");
}

#[test]
fn answers_that_no_longer_fit_are_left_out_and_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fw = coopai::framework::load_file(&root.join(OLD)).unwrap().framework;
    let text = std::fs::read_to_string(root.join(DIR).join("chatbot.toml"))
        .unwrap()
        .replace("answer = \"always\"", "answer = \"sometimes\"")
        .replace("answer = 3\n", "answer = \"three\"\n");
    let (a, dropped) = coopai::rescore::load_lenient("chatbot.toml", &text, &fw).unwrap();
    assert_eq!(
        dropped,
        vec![
            "`human-review`: unknown option `sometimes` for question `human-review`",
            "`staff-confidence`: wrong kind of answer for scale question `staff-confidence`"
        ]
    );
    assert!(!a.answers.contains_key("human-review") && a.answers.contains_key("explainable"));
}
