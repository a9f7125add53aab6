//! `coopai score` and `coopai template` end to end: the real binary on fixture files.

use std::path::Path;

mod common;
use common::{coopai, coopai_in, crate_root, text, transcript};

const EXAMPLE: &str = "frameworks/example-minimal.toml";
const WORKED: &str = "tests/fixtures/answers/scoring-worked-example.toml";

#[test]
fn answers_problems_are_pointed_out_with_what_would_be_valid() {
    let cases = [
        ("unknown-question", 2),
        ("unknown-option", 2),
        ("wrong-answer-type", 2),
        ("multiple-answers", 2),
        ("out-of-range", 2),
        ("unknown-key", 2),
        ("missing-system", 2),
        ("many-problems", 2),
        ("not-applicable", 0),
        ("framework-mismatch", 0),
        ("contact-not-email", 0),
    ];
    for (name, code) in cases {
        let file = format!("tests/fixtures/answers/{name}.toml");
        let out = coopai(&["score", &file, "--framework", EXAMPLE, "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{name}:\n{}",
            transcript(&out)
        );
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(
            stderr.contains(&file),
            "{name}: the message names the file:\n{stderr}"
        );
        insta::assert_snapshot!(format!("answers-{name}"), stderr);
    }
}

#[test]
fn the_complete_example_in_the_answers_docs_scores_cleanly() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/answers-format.md"),
    )
    .unwrap();
    let start = doc.find("## A complete example").expect("the section");
    let block = doc[start..]
        .split("```toml\n")
        .nth(1)
        .expect("a TOML block");
    let example = &block[..block.find("```").expect("the block's end")];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.toml"), example).unwrap();
    let framework = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    let out = coopai_in(
        dir.path(),
        &[
            "score",
            "example.toml",
            "--framework",
            framework.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", transcript(&out));
    assert_eq!(text(&out.stderr), "", "no warnings expected");
}

#[test]
fn the_worked_example_in_the_scoring_docs_holds() {
    let out = coopai(&["score", WORKED, "--framework", EXAMPLE, "--format", "json"]);
    assert!(out.status.success(), "{}", transcript(&out));
    let r: coopai::scoring::report::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r.impact_level, 4);
    assert_eq!((r.impact.raw_score, r.impact.percent), (6.0, 100.0));
    assert_eq!(
        r.impact.mitigation.as_ref().map(|m| (m.percent, m.applied)),
        Some((40.0, false))
    );
    let scores: Vec<Option<f64>> = r.principles.iter().map(|p| p.score).collect();
    assert_eq!(scores, vec![Some(50.0), Some(22.2)]);
    assert_eq!(r.overall.score, 40.7);
    assert_eq!(r.overall.band_name, "Do not proceed yet");
    assert_eq!(r.red_lines.len(), 1);
    let gains: Vec<f64> = r.recommendations.iter().map(|x| x.gain).collect();
    assert_eq!(gains, vec![11.1, 33.3, 7.4, 7.4]);
    assert!(r.recommendations[0].clears_red_line);
}

#[test]
fn reports_in_every_format_are_snapshotted_and_byte_identical_twice() {
    for format in ["table", "md", "json"] {
        let first = coopai(&["score", WORKED, "--framework", EXAMPLE, "--format", format]);
        let second = coopai(&["score", WORKED, "--framework", EXAMPLE, "--format", format]);
        assert!(first.status.success(), "{}", transcript(&first));
        assert_eq!(
            first.stdout, second.stdout,
            "{format} output differs between runs"
        );
        insta::assert_snapshot!(format!("worked-example-{format}"), text(&first.stdout));
    }
}

#[test]
fn gates_exit_1_only_when_they_fail() {
    let code = |extra: &[&str]| {
        let mut args = vec!["score", WORKED, "--framework", EXAMPLE];
        args.extend_from_slice(extra);
        coopai(&args).status.code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-under", "40"]), Some(0));
    assert_eq!(code(&["--fail-under", "41"]), Some(1));
    assert_eq!(code(&["--deny-red-lines"]), Some(1));
    assert_eq!(code(&["--fail-under", "101"]), Some(2));
    let not_applicable = "tests/fixtures/answers/not-applicable.toml";
    let out = coopai(&[
        "score",
        not_applicable,
        "--framework",
        EXAMPLE,
        "--deny-red-lines",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
}

/// Gates judge a provisional assessment on its worst case, so leaving questions blank never
/// passes one: the score gate compares the lowest score the blanks allow, and the red-line
/// gate counts a red line that a blank or a not-known answer leaves open.
#[test]
fn gates_use_the_worst_case_of_an_incomplete_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let framework = crate_root().join("tests/fixtures/frameworks/scoring-rules.toml");
    let run = |answers: &str, gate: &[&str]| {
        std::fs::write(dir.path().join("a.toml"), answers).unwrap();
        let mut args = vec![
            "score",
            "a.toml",
            "--framework",
            framework.to_str().unwrap(),
        ];
        args.extend_from_slice(gate);
        coopai_in(dir.path(), &args)
    };
    // `residents` blank: the level is precautionary (4), which asks `audit`, whose "no" is a
    // red line; nothing crosses it yet.
    let open = "[assessment]\nsystem = \"S\"\n\
        [answers.decides]\nanswer = \"informs\"\n\
        [answers.review]\nanswer = \"never\"\n\
        [answers.safeguards]\nanswer = [\"x\", \"y\", \"z\"]\n\
        [answers.confidence]\nanswer = 1\n";
    let out = run(open, &["--deny-red-lines"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    assert!(
        text(&out.stderr)
            .contains("crosses 0 red lines and leaves 1 open to answers still to come"),
        "{}",
        transcript(&out)
    );
    // So far 32.2, and 32.2 is also the least the blanks allow.
    assert_eq!(run(open, &["--fail-under", "32.2"]).status.code(), Some(0));
    let out = run(open, &["--fail-under", "33"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("could score as little as 32.2 once answered"));
    // Answered "not known", the red line stays open; answered yes, it is closed.
    let not_known = format!(
        "{open}[answers.residents]\nanswer = 5000\n[answers.audit]\nanswer = \"not known\"\n"
    );
    assert_eq!(
        run(&not_known, &["--deny-red-lines"]).status.code(),
        Some(1)
    );
    let known = not_known.replace("\"not known\"", "\"yes\"");
    let out = run(&known, &["--deny-red-lines"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
}

/// "Not known" on a question that decides whether a follow-up is asked leaves the follow-up
/// and its red line open, as a blank would: not knowing never closes a red line.
#[test]
fn not_known_on_a_deciding_question_leaves_its_follow_ups_red_line_open() {
    let dir = tempfile::tempdir().unwrap();
    let framework = crate_root().join(EXAMPLE);
    let worked = std::fs::read_to_string(crate_root().join(WORKED)).unwrap();
    let not_known = worked
        .replace("answer = \"decides\"", "answer = \"not known\"")
        .replace(
            "[answers.human-review]\nanswer = \"never\"",
            "[answers.human-review]\nanswer = \"\"",
        );
    assert_ne!(not_known, worked);
    std::fs::write(dir.path().join("a.toml"), &not_known).unwrap();
    let args = [
        "score",
        "a.toml",
        "--framework",
        framework.to_str().unwrap(),
        "--format",
        "json",
    ];
    let out = coopai_in(dir.path(), &args);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["possible_red_lines"][0]["question"], "human-review",
        "{report:#}"
    );
    assert_eq!(report["possible_red_lines"][0]["open"], "unanswered");
    let bands = report["overall"]["bands_possible"].as_array().unwrap();
    assert_eq!(
        bands.last().unwrap()["id"],
        "not-yet",
        "the lowest band stays possible"
    );
    let gate = coopai_in(dir.path(), &[&args[..4], &["--deny-red-lines"]].concat());
    assert_eq!(gate.status.code(), Some(1), "{}", transcript(&gate));
}

#[test]
fn missing_and_unreadable_inputs_exit_2_naming_the_file() {
    let out = coopai(&["score", "no/such/answers.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: no/such/answers.toml: no such file\n"
    );
    let out = coopai(&["score", "tests/fixtures"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("tests/fixtures: is a directory"),
        "{}",
        transcript(&out)
    );
}

/// Fills every `answer = ""` of a template with a valid answer, leaving its structure alone.
fn fill(template: &str, fw: &coopai::framework::Framework) -> String {
    use coopai::framework::QuestionKind;
    let mut out = String::new();
    let mut current = None;
    for line in template.lines() {
        if let Some(id) = line
            .strip_prefix("[answers.")
            .and_then(|l| l.strip_suffix(']'))
        {
            current = fw.question(id);
        }
        match (line, current) {
            ("answer = \"\"", Some(q)) => {
                let answer = match q.kind {
                    QuestionKind::Single | QuestionKind::YesNo => format!("{:?}", q.options[0].id),
                    QuestionKind::Multiple => format!("[{:?}]", q.options[0].id),
                    QuestionKind::Scale => q.scale.as_ref().unwrap().max.to_string(),
                    QuestionKind::Number => "10".to_string(),
                    QuestionKind::Text => "\"Filled in by the round-trip test.\"".to_string(),
                };
                out.push_str(&format!("answer = {answer}\n"));
            }
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

#[test]
fn a_filled_in_template_scores_without_edits_to_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    for (framework, fw) in [
        (None, coopai::framework::embedded()),
        (
            Some(EXAMPLE),
            coopai::framework::load_file(Path::new(EXAMPLE))
                .unwrap()
                .framework,
        ),
    ] {
        let mut args = vec!["template"];
        args.extend(framework.iter().flat_map(|f| ["--framework", f]));
        let out = coopai(&args);
        assert!(out.status.success(), "{}", transcript(&out));
        let template = text(&out.stdout);

        // A template as written is valid and scores as an empty, incomplete assessment.
        let blank = dir.path().join(format!("blank-{}.toml", fw.id));
        std::fs::write(&blank, &template).unwrap();
        let mut score = vec!["score", blank.to_str().unwrap(), "--format", "json"];
        score.extend(framework.iter().flat_map(|f| ["--framework", f]));
        let out = coopai(&score);
        assert!(out.status.success(), "{}", transcript(&out));
        let r: coopai::scoring::report::Report = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r.overall.answered, 0);

        let filled = dir.path().join(format!("filled-{}.toml", fw.id));
        std::fs::write(&filled, fill(&template, &fw)).unwrap();
        score[1] = filled.to_str().unwrap();
        let out = coopai(&score);
        assert!(out.status.success(), "{}", transcript(&out));
        let r: coopai::scoring::report::Report = serde_json::from_slice(&out.stdout).unwrap();
        assert!(r.overall.complete, "{:?}", r.unanswered);
        assert!(r.overall.answered > 0);
        assert_eq!(r.overall.answered, r.overall.applicable);
    }
}

#[test]
fn template_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(&path, "keep me").unwrap();
    let out = coopai(&["template", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("already exists; use --force"),
        "{}",
        transcript(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    let out = coopai(&["template", "-o", path.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", transcript(&out));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("[assessment]")
    );
}

#[test]
fn listed_evidence_cannot_restyle_the_terminal_and_keeps_its_column() {
    let fixture = "tests/fixtures/reports/minimal/library-chatbot.toml";
    let answers = std::fs::read_to_string(fixture).unwrap().replacen(
        "evidence = \"Every answer links to the page it came from.\"",
        "evidence = \"Every answer links to its page.\\u001b[2J\\nSecond line.\"",
        1,
    );
    assert!(answers.contains("\\u001b"), "the fixture changed");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    std::fs::write(&file, answers).unwrap();
    let out = coopai(&[
        "score",
        file.to_str().unwrap(),
        "--framework",
        EXAMPLE,
        "--answers",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    assert!(
        stdout.contains(
            "    Evidence: Every answer links to its page. [2J\n              Second line.\n"
        ),
        "{stdout}"
    );
}

/// JSON and Markdown on a pipe are data: a control character the answers hold (DEL here,
/// which JSON need not escape) reaches the reader, while the terminal table written to a file
/// carries no colour codes.
#[test]
fn data_formats_on_a_pipe_are_written_exactly_and_tables_in_files_unstyled() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("del.toml");
    std::fs::write(&answers, "[assessment]\nsystem = \"Repairs\\u007Fbot\"\n").unwrap();
    let answers = answers.to_str().unwrap();
    let framework = crate_root().join(EXAMPLE);
    let framework = framework.to_str().unwrap();
    for format in ["json", "md"] {
        let out = coopai(&[
            "score",
            answers,
            "--framework",
            framework,
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
        assert!(
            text(&out.stdout).contains("Repairs\u{7f}bot"),
            "{format}: {}",
            text(&out.stdout)
        );
    }
    let table = dir.path().join("report.txt");
    let out = coopai(&[
        "score",
        WORKED,
        "--framework",
        EXAMPLE,
        "-o",
        table.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    let written = std::fs::read_to_string(&table).unwrap();
    assert!(written.contains("Score"), "{written}");
    assert!(!written.contains('\u{1b}'), "{written:?}");
}
