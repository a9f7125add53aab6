//! `coopai rescore` over tests/fixtures/rescore: `chatbot.toml` drops from `proceed` to
//! `conditions` against tests/fixtures/framework-diff/new.toml (and its answer to the removed
//! question `lessons` is left out), `benefits-triage.toml` keeps its band, and `broken.toml`
//! is not valid TOML: it is reported by name and the others still score.

use std::path::Path;
use std::process::Output;

mod common;
use common::{coopai, text};

const OLD: &str = "tests/fixtures/framework-diff/old.toml";
const NEW: &str = "tests/fixtures/framework-diff/new.toml";
const DIR: &str = "tests/fixtures/rescore";

/// The arguments of `coopai rescore` of the fixture folder from the old framework to the
/// new, in `format`.
fn args(format: &str) -> Vec<&str> {
    vec![
        "rescore",
        DIR,
        "--framework",
        NEW,
        "--baseline",
        OLD,
        "--format",
        format,
    ]
}

fn rescore(format: &str) -> Output {
    coopai(&args(format))
}

#[test]
fn csv_rows_and_a_malformed_file_reported_by_name() {
    let out = rescore("csv");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("csv", text(&out.stdout));
    insta::assert_snapshot!("csv_stderr", text(&out.stderr));
}

#[test]
fn markdown_table_with_summary() {
    let out = rescore("md");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("md", text(&out.stdout));
}

#[test]
fn json_rows_and_summary() {
    let out = rescore("json");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["summary"]["changed_band"], 1);
    assert_eq!(json["summary"]["failed"], 1);
    insta::assert_snapshot!("json", text(&out.stdout));
}

#[test]
fn the_output_is_the_same_every_run() {
    let (first, second) = (rescore("json"), rescore("json"));
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn baseline_defaults_to_the_framework_the_file_was_answered_against() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let answers = std::fs::read_to_string(root.join(DIR).join("benefits-triage.toml")).unwrap();
    let old_sha = coopai::framework::load::sha256_hex(&std::fs::read(root.join(OLD)).unwrap());
    let new_sha = coopai::framework::load::sha256_hex(&std::fs::read(root.join(NEW)).unwrap());
    // Recorded as answered against the new framework: it is its own baseline.
    std::fs::write(
        dir.path().join("as-answered.toml"),
        answers.replace(&old_sha, &new_sha),
    )
    .unwrap();
    // Recorded against a framework that is neither the new nor the embedded one.
    std::fs::write(dir.path().join("unknown.toml"), &answers).unwrap();
    let out = coopai(&[
        "rescore",
        dir.path().to_str().unwrap(),
        "--framework",
        NEW,
        "--format",
        "csv",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("as-answered.toml,Benefits letter triage,example-minimal 1.0.0 (as answered),0,not-yet,0,not-yet,same"), "{stdout}");
    assert!(
        stdout.contains("(embedded; answered against example-minimal 1.0.0)"),
        "{stdout}"
    );
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
    assert!(
        stdout.contains("chatbot.toml,Housing repairs chatbot"),
        "{stdout}"
    );
    assert!(
        stdout.contains("no-such-file.toml: no such file"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("skipped tests/fixtures/rescore/no-such-file.toml"));
}

#[test]
fn exit_2_when_no_file_could_be_scored() {
    let out = coopai(&[
        "rescore",
        "tests/fixtures/rescore/broken.toml",
        "--framework",
        NEW,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no file could be scored"));
}

#[test]
fn writes_the_output_file_and_never_overwrites_it_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("rescore.csv");
    let path = out_file.to_str().unwrap();
    let mut args = args("csv");
    args.extend(["-o", path]);
    assert_eq!(coopai(&args).status.code(), Some(0));
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(written.starts_with("file,system,baseline,"));
    #[cfg(unix)]
    {
        // A report is for sharing: the file gets the permissions of any new file under the
        // umask (coopai runs with this process's), not the temporary file's private 0600.
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(mode(&out_file), mode(&plain));
        std::fs::remove_file(&plain).unwrap();
    }
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
    let fw = coopai::framework::load_file(&root.join(OLD))
        .unwrap()
        .framework;
    let text = std::fs::read_to_string(root.join(DIR).join("chatbot.toml"))
        .unwrap()
        .replace("answer = \"always\"", "answer = \"sometimes\"")
        .replace("answer = 3\n", "answer = \"three\"\n");
    let parsed = coopai::assessment::parse_str("chatbot.toml", text).unwrap();
    let (a, dropped) = coopai::rescore::load_lenient(&parsed, &fw).unwrap();
    assert_eq!(
        dropped,
        vec![
            "`human-review`: unknown option `sometimes` for question `human-review`",
            "`staff-confidence`: wrong kind of answer for scale question `staff-confidence`"
        ]
    );
    assert!(!a.answers.contains_key("human-review") && a.answers.contains_key("explainable"));
}

#[test]
fn the_outcome_rescore_keeps_is_the_one_score_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for fw in [OLD, NEW] {
        let fw = coopai::framework::load_file(&root.join(fw))
            .unwrap()
            .framework;
        for file in ["chatbot.toml", "benefits-triage.toml"] {
            let text = std::fs::read_to_string(root.join(DIR).join(file)).unwrap();
            let (a, _) = coopai::rescore::load_lenient(
                &coopai::assessment::parse_str(file, text).unwrap(),
                &fw,
            )
            .unwrap();
            let report = coopai::scoring::score(&fw, &a);
            let (score, band) = coopai::scoring::outcome(&fw, &a);
            assert_eq!(
                (score, band.id.as_str()),
                (report.overall.score, report.overall.band.as_str())
            );
        }
    }
}

#[test]
fn a_framework_that_only_moves_thresholds() {
    // Same questions: each file is checked once and scored against both frameworks.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stricter = std::fs::read_to_string(root.join(OLD))
        .unwrap()
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
        .replace(
            "min_score = [60, 70, 80, 90]",
            "min_score = [95, 95, 95, 95]",
        );
    let path = dir.path().join("stricter.toml");
    std::fs::write(&path, stricter).unwrap();
    let out = coopai(&[
        "rescore",
        "tests/fixtures/rescore/chatbot.toml",
        "--framework",
        path.to_str().unwrap(),
        "--baseline",
        OLD,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("chatbot.toml,Housing repairs chatbot,example-minimal 1.0.0,90.5,proceed,90.5,conditions,worse band,,"), "{stdout}");
}

#[test]
fn folders_list_their_toml_files_sorted_by_name_in_chunks() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.toml", "a.toml", "a-b.toml", "notes.txt", "c.toml.bak"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub.toml")).unwrap();
    let (files, errors) =
        coopai::rescore::collect_paths(&[dir.path().to_path_buf(), "given.toml".into()]);
    assert!(errors.is_empty());
    assert_eq!(files.len(), 4);
    let chunks: Vec<Vec<String>> = files
        .chunks(2)
        .map(|c| {
            c.iter()
                .map(|p| common::redact_tmp(&p.display().to_string(), dir.path()))
                .collect()
        })
        .collect();
    let mut expected = vec![
        vec!["[TMP]/a-b.toml".to_string(), "[TMP]/a.toml".to_string()],
        vec!["[TMP]/b.toml".to_string(), "given.toml".to_string()],
    ];
    // Units are ordered by path: the temporary folder sorts before or after `given.toml`.
    if dir.path() > Path::new("given.toml") {
        expected = vec![
            vec!["given.toml".to_string(), "[TMP]/a-b.toml".to_string()],
            vec!["[TMP]/a.toml".to_string(), "[TMP]/b.toml".to_string()],
        ];
    }
    assert_eq!(chunks, expected);
}

#[test]
fn a_large_folder_is_listed_in_name_order() {
    // More names than one sorted run holds, in no particular order, with shared prefixes.
    let dir = tempfile::tempdir().unwrap();
    let n = 17_001;
    let mut names: Vec<String> = (0..n)
        .map(|i| format!("assessment-{}.toml", (i * 7919) % n))
        .collect();
    names.push("a.toml".into());
    names.push("a-b.toml".into());
    names.push("é.toml".into());
    for name in &names {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    names.sort();
    let (files, _) = coopai::rescore::collect_paths(&[dir.path().to_path_buf()]);
    let listed: Vec<String> = files
        .chunks(1000)
        .flatten()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), names.len());
    assert!(listed == names, "not in name order");
}
