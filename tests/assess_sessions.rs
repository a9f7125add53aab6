//! Two `coopai assess` sessions of one answers file, run as real processes: the second is
//! refused (exit 2, naming the first by its process id) rather than interleaving its saves;
//! a session that was killed leaves nothing locked; and resuming removes the temporary files
//! that saves cut short left beside the answers, and only those.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, SystemTime};

mod common;
use common::{command, crate_root, run_with_input, stdout_lines, text};

/// `coopai assess --plain --framework example-minimal.toml ARGS`, run in `dir`.
fn assess(dir: &Path) -> std::process::Command {
    let mut cmd = command();
    cmd.current_dir(dir)
        .args(["assess", "--plain", "--framework"])
        .arg(crate_root().join("frameworks/example-minimal.toml"))
        .env("COOPAI_DATE", "2026-11-23");
    cmd
}

/// Runs a session to the end on `input`.
fn run(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut cmd = assess(dir);
    cmd.args(args);
    run_with_input(cmd, input)
}

/// A folder with `x.toml`, an assessment with its metadata and no answers yet.
fn folder_with_answers() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run(
        dir.path(),
        &["-o", "x.toml"],
        "Testshire\nRepairs chatbot\n\n\nA. Officer\n\n\n\n\n\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

/// A session left open at its first question, after typing `input`.
struct Open {
    child: Child,
}

impl Open {
    fn start(dir: &Path, args: &[&str], input: &str) -> Open {
        let mut child = assess(dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("coopai starts");
        let lines = stdout_lines(&mut child);
        let stdin = child.stdin.as_mut().expect("piped stdin");
        stdin.write_all(input.as_bytes()).expect("input typed");
        stdin.flush().expect("input sent");
        // The first question: the session holds its lock and has read or saved the file.
        while let Ok(line) = lines.recv_timeout(Duration::from_secs(60)) {
            if line.starts_with("Choose one") {
                return Open { child };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the first session never asked its first question");
    }
}

#[test]
fn a_second_session_of_the_same_file_is_refused_and_names_the_first() {
    let dir = folder_with_answers();
    let before = std::fs::read(dir.path().join("x.toml")).expect("answers saved");
    let mut first = Open::start(dir.path(), &["--resume", "x.toml"], "");

    let second = run(dir.path(), &["--resume", "x.toml"], "1\nrefused\n");
    assert_eq!(second.status.code(), Some(2), "{}", text(&second.stdout));
    let stderr = text(&second.stderr);
    assert_eq!(
        stderr,
        format!(
            "error: x.toml: another coopai (process {}) is saving answers to this file; \
             finish or quit that session first (its lock is x.toml.lock)\n",
            first.child.id()
        )
    );
    assert!(second.stdout.is_empty(), "the second session asked nothing");
    assert_eq!(std::fs::read(dir.path().join("x.toml")).unwrap(), before);

    // The first session answers, saves and ends as usual, and takes its lock file with it.
    let mut stdin = first.child.stdin.take().expect("piped stdin");
    stdin.write_all(b"2\nBoard paper\n").expect("answer typed");
    drop(stdin);
    assert!(first.child.wait().expect("first session ends").success());
    assert!(!dir.path().join("x.toml.lock").exists());
    let saved = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    assert!(saved.contains("Board paper"), "{saved}");

    // Now the file is free.
    let third = run(dir.path(), &["--resume", "x.toml"], "");
    assert!(third.status.success(), "{}", text(&third.stderr));
}

#[test]
fn a_session_that_was_killed_leaves_nothing_locked() {
    let dir = folder_with_answers();
    let mut first = Open::start(dir.path(), &["--resume", "x.toml"], "");
    first.child.kill().expect("killed"); // SIGKILL on Unix, TerminateProcess on Windows
    first.child.wait().expect("reaped");
    assert!(
        dir.path().join("x.toml.lock").exists(),
        "a killed session cannot remove its lock file, only the lock"
    );
    let next = run(dir.path(), &["--resume", "x.toml"], "1\n\n");
    assert!(next.status.success(), "{}", text(&next.stderr));
    assert!(!dir.path().join("x.toml.lock").exists());
}

#[test]
fn a_new_assessment_is_locked_from_its_first_save() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut first = Open::start(
        dir.path(),
        &["-o", "y.toml"],
        "Testshire\nRepairs chatbot\n\n\nA. Officer\n\n\n\n\n\n",
    );
    let second = run(dir.path(), &["--resume", "y.toml"], "");
    assert_eq!(second.status.code(), Some(2));
    assert!(
        text(&second.stderr).contains(&format!("another coopai (process {})", first.child.id())),
        "{}",
        text(&second.stderr)
    );
    drop(first.child.stdin.take());
    assert!(first.child.wait().expect("first session ends").success());
    assert!(!dir.path().join("y.toml.lock").exists());
}

#[test]
fn resume_removes_the_temporary_files_of_saves_cut_short_and_only_those() {
    let dir = folder_with_answers();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let make = |name: &str, contents: &str, old: bool| {
        let file = std::fs::File::create(dir.path().join(name)).expect("file made");
        (&file).write_all(contents.as_bytes()).expect("written");
        if old {
            file.set_modified(hour_ago).expect("time set");
        }
    };
    // What a killed save leaves: part of an answers file, or nothing at all.
    make(
        ".coopai-k1lLed.tmp",
        "# coopai answers: Repairs chatbot\n# Fram",
        true,
    );
    make(".coopai-3mpty0.tmp", "", true);
    // A save in progress, a report being written, files coopai did not name: kept.
    make(
        ".coopai-n0wnow.tmp",
        "# coopai answers: Repairs chatbot\n",
        false,
    );
    make(".coopai-rep0rt.tmp", "<!DOCTYPE html>", true);
    make(".coopai-toolong.tmp", "# coopai answers: mine", true);
    make("notes.tmp", "# coopai answers: mine", true);
    std::fs::create_dir(dir.path().join(".coopai-folder.tmp")).expect("folder made");

    let out = run(dir.path(), &["--resume", "x.toml"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "removed {}: the temporary file of a save that was cut short\n\
             removed {}: the temporary file of a save that was cut short\n",
            Path::new(".").join(".coopai-3mpty0.tmp").display(),
            Path::new(".").join(".coopai-k1lLed.tmp").display(),
        )
    );
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".coopai-folder.tmp",
            ".coopai-n0wnow.tmp",
            ".coopai-rep0rt.tmp",
            ".coopai-toolong.tmp",
            "notes.tmp",
            "x.toml"
        ]
    );
}

#[test]
fn resuming_a_file_that_is_not_there_creates_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run(dir.path(), &["--resume", "nowhere/x.toml"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "error: nowhere/x.toml: no such file\n");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no folder or lock file: {left:?}");
}
