//! `coopai assess` in plain mode, end to end: a script of answers piped into the real binary,
//! the written answers file and the whole transcript (prompts and the final report) compared
//! with snapshots. Runs in a temporary folder on a copy of frameworks/example-minimal.toml.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use coopai::framework::Framework;

struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let framework =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/example-minimal.toml");
        std::fs::copy(framework, tmp.path().join("example-minimal.toml"))
            .expect("framework copied");
        Self { tmp }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Runs `coopai assess --framework example-minimal.toml ARGS` with `input` on stdin.
    fn assess(&self, args: &[&str], input: &str) -> Output {
        let args = [&["--framework", "example-minimal.toml"], args].concat();
        assess_in(self.tmp.path(), &args, Some("2026-11-23"), input)
    }

    fn framework(&self) -> Framework {
        coopai::framework::load_file(&self.path("example-minimal.toml"))
            .expect("framework loads")
            .framework
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A complete session that uses every part of the protocol once.
const FULL_SCRIPT: &str = "\
Testshire County Council
Housing Repairs Chatbot
Answers residents' questions about repairs and books appointments
retired
pilot
A. Officer, Digital Services lead
Digital Services
The digital team
b
digital@testshire.gov.uk
Housing repairs
South West
beta
3
maybe
2
?
Supplier specification, section 4
?
1,500
Service data 2025
s
b
consulted, panel
Resident panel minutes, March
yes
Sample explanations reviewed by the panel
always
Team procedure DS-12
7
4
Staff survey and union meeting
no

Start with a small pilot and publish what you learn.

";

/// Runs `coopai assess ARGS` in `dir` with `input` on stdin; `date`, when given, is today's.
fn assess_in(dir: &Path, args: &[&str], date: Option<&str>, input: &str) -> Output {
    let mut command = common::command();
    command.arg("assess").args(args).current_dir(dir);
    if let Some(date) = date {
        command.env("COOPAI_DATE", date);
    }
    common::run_with_input(command, input)
}

#[test]
fn a_complete_script_writes_the_answers_file_and_prints_the_report() {
    let dir = Dir::new();
    let out = dir.assess(&["-o", "answers.toml"], FULL_SCRIPT);
    assert_eq!(text(&out.stderr), "");
    assert!(out.status.success(), "{:?}", out.status);
    let answers = dir.read("answers.toml");
    insta::assert_snapshot!("full_script_answers_file", answers);
    insta::assert_snapshot!("full_script_transcript", text(&out.stdout));

    // The file loads cleanly and scores the same as `coopai score` reports it.
    let fw = dir.framework();
    let loaded =
        coopai::assessment::load_file(&dir.path("answers.toml"), &fw).expect("answers load");
    assert!(loaded.warnings.is_empty(), "{}", loaded.warnings);
    let report = coopai::scoring::score(&fw, &loaded.assessment);
    assert!(report.overall.complete);
    assert_eq!((report.overall.answered, report.overall.applicable), (8, 8));
    let score = common::coopai_in(
        dir.tmp.path(),
        &[
            "score",
            "--framework",
            "example-minimal.toml",
            "answers.toml",
        ],
    );
    assert!(score.status.success());
    assert!(
        text(&out.stdout).contains(&text(&score.stdout)),
        "the interview ends with the `coopai score` report"
    );
}

#[test]
fn end_of_input_saves_what_was_confirmed_and_exits_0() {
    let dir = Dir::new();
    // The input ends while the third question is being answered.
    let out = dir.assess(
        &["-o", "answers.toml"],
        "Testshire\nChatbot\n\n\n\n\n\n\n\n\ninforms\nBoard paper\n2000\n",
    );
    assert!(out.status.success(), "{:?}", out.status);
    let fw = dir.framework();
    let a = coopai::assessment::load_file(&dir.path("answers.toml"), &fw)
        .expect("answers load")
        .assessment;
    assert_eq!(a.answers.len(), 2, "{:?}", a.answers);
    assert_eq!(a.answers["decides-about-people"].evidence, "Board paper");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("2 of 8 applicable questions answered; 6 left. Continue with:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("coopai assess --framework example-minimal.toml --resume answers.toml"),
        "{stdout}"
    );
}

#[test]
fn without_output_the_file_is_named_for_the_system_and_never_overwrites() {
    let dir = Dir::new();
    let script = "Testshire\nRepairs Chatbot (pilot)\n\n\n\nq\n";
    for _ in 0..3 {
        let out = dir.assess(&[], script);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path("assessments"))
        .expect("assessments/ created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "repairs-chatbot-pilot-2.toml",
            "repairs-chatbot-pilot-3.toml",
            "repairs-chatbot-pilot.toml"
        ]
    );
    let out = dir.assess(&[], script);
    let saved = Path::new("assessments").join("repairs-chatbot-pilot-4.toml");
    assert!(text(&out.stdout).contains(&format!("Answers saved to {}", saved.display())));
}

#[test]
fn an_existing_output_file_is_refused() {
    let dir = Dir::new();
    std::fs::write(dir.path("answers.toml"), "keep me").expect("written");
    let out = dir.assess(&["-o", "answers.toml"], "Testshire\nChatbot\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: answers.toml: already exists; continue it with `coopai assess --resume answers.toml`, or choose another name\n"
    );
    assert_eq!(dir.read("answers.toml"), "keep me");
}

#[test]
fn resume_continues_and_a_complete_assessment_offers_review() {
    let dir = Dir::new();
    let first = dir.assess(
        &["-o", "answers.toml"],
        "Testshire\nChatbot\n\n\n\n\n\n\n\n\nnone\n\n500\n\nq\n",
    );
    assert!(first.status.success());

    // Resume: the next question asked is the first unanswered one.
    let rest = "1\n\nyes\n\n5\n\nNothing yet\n\n";
    let out = dir.assess(&["--resume", "answers.toml"], rest);
    assert_eq!(text(&out.stderr), "");
    let stdout = text(&out.stdout);
    let first_question = stdout
        .lines()
        .find(|l| l.starts_with('['))
        .unwrap_or_default();
    assert_eq!(
        first_question,
        "[Co-production] question 3 of 6 - 33% answered"
    );
    assert!(
        stdout.contains("All 6 applicable questions answered."),
        "{stdout}"
    );

    // Resume a complete assessment: review, revisit question 5, finish.
    let out = dir.assess(&["--resume", "answers.toml"], "5\n2\nRe-surveyed\nq\n");
    assert_eq!(text(&out.stderr), "");
    let stdout = text(&out.stdout);
    let review = &stdout[stdout.find("Review:").expect("review offered")..];
    insta::assert_snapshot!(
        "review_list",
        review.lines().take(8).collect::<Vec<_>>().join("\n")
    );
    let fw = dir.framework();
    let a = coopai::assessment::load_file(&dir.path("answers.toml"), &fw)
        .expect("answers load")
        .assessment;
    assert_eq!(
        a.answers["staff-confidence"].value,
        coopai::assessment::Value::Number(2.0)
    );
    assert_eq!(a.answers["staff-confidence"].evidence, "Re-surveyed");
}

#[test]
fn an_invalid_line_is_explained_in_one_line_and_the_question_asked_again() {
    let dir = Dir::new();
    let out = dir.assess(
        &["-o", "answers.toml"],
        "Testshire\nChatbot\n\n\n\n\n\n\n\n\n4\nq\n",
    );
    let stdout = text(&out.stdout);
    let at = stdout.find("Not accepted").expect("explained");
    let next: Vec<&str> = stdout[at..].lines().take(3).collect();
    assert_eq!(
        next,
        [
            "Not accepted: 4 is not an option number, enter a number from 1 to 3 or an option id (none, informs, decides).",
            "What part does the system play in decisions about individual residents?",
            "Choose one: type its number or id, or u if not known; ? help, b back, s skip, q save and quit:",
        ]
    );
}

/// `u` (or the words "not known") answers any question not known: saved as `"not known"`,
/// shown so when the question comes round again, and scored as an answer.
#[test]
fn u_answers_not_known_and_it_is_saved_as_such() {
    let dir = Dir::new();
    let out = dir.assess(
        &["-o", "answers.toml"],
        "Testshire\nChatbot\n\n\n\n\n\n\n\n\nu\nAsked the supplier; no reply\nNot Known\n\nb\nb\n\nq\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Current answer: Not known (empty line keeps it)"),
        "{stdout}"
    );
    let saved = std::fs::read_to_string(dir.path("answers.toml")).unwrap();
    assert!(
        saved.contains("[answers.decides-about-people]\nanswer = \"not known\"\nevidence = \"Asked the supplier; no reply\""),
        "{saved}"
    );
    let fw = dir.framework();
    let a = coopai::assessment::load_file(&dir.path("answers.toml"), &fw)
        .expect("answers load")
        .assessment;
    for q in ["decides-about-people", "residents-affected"] {
        assert_eq!(
            a.answers[q].value,
            coopai::assessment::Value::NotKnown,
            "{q}"
        );
    }
}

#[test]
fn the_readme_quick_start_runs_on_the_embedded_framework() {
    // `cargo run --release -- assess`, with the input ending after the metadata.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = assess_in(dir.path(), &[], None, "Testshire\nRepairs chatbot\n\n\n\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let saved = Path::new("assessments").join("repairs-chatbot.toml");
    assert!(text(&out.stdout).contains(&format!("Answers saved to {}", saved.display())));
    let fw = coopai::framework::embedded();
    let a =
        coopai::assessment::load_file(&dir.path().join("assessments/repairs-chatbot.toml"), &fw)
            .expect("answers load")
            .assessment;
    assert_eq!(a.meta.system, "Repairs chatbot");
    assert!(a.meta.date.len() == 10, "today's date: {:?}", a.meta.date);
}
