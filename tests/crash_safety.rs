//! Crash safety of the interview's autosave: start `coopai assess --plain`, answer questions,
//! and kill the process with SIGKILL at moments a fixed-seed generator picks (between lines,
//! and a moment after an answer, when a save may be under way). After each kill the answers
//! file must load and hold every answer the program had confirmed; then `--resume` must take
//! the assessment to completion.
//!
//! The program confirms an answer by saving it and only then printing its next prompt (see
//! docs/interview.md, "Saving, and what survives a crash"), so an answer counts as confirmed
//! once any later prompt has appeared on standard output.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

mod common;
use common::crate_root;

use coopai::assessment::Value;
use coopai::framework::{Framework, Question, QuestionKind};

const FRAMEWORK: &str = "frameworks/example-minimal.toml";
const KILLS: usize = 60;
const SEED: u64 = 0x00c0_09a1_2026_1123;
/// Longest wait for the next line of output before the test gives up.
const PATIENCE: Duration = Duration::from_secs(20);

/// SplitMix64: a small, fixed-seed generator, so every run kills at the same moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn framework() -> Framework {
    match coopai::framework::load_file(&crate_root().join(FRAMEWORK)) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}

/// A running `coopai assess --plain`, its output read line by line on another thread.
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    transcript: Vec<String>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("coopai"))
            .current_dir(crate_root())
            .args(["assess", "--plain", "--framework", FRAMEWORK])
            .args(args)
            .env("NO_COLOR", "1")
            .env("COOPAI_DATE", "2026-11-23")
            .env_remove("COOPAI_FRAMEWORK")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("coopai starts");
        Session {
            stdin: child.stdin.take(),
            lines: common::stdout_lines(&mut child),
            child,
            transcript: Vec::new(),
        }
    }

    /// The lines of output up to and including the next prompt (a line ending in `:`), or
    /// `None` when the output ended first.
    fn next_prompt(&mut self) -> Option<Vec<String>> {
        let mut block = Vec::new();
        loop {
            match self.lines.recv_timeout(PATIENCE) {
                Ok(line) => {
                    self.transcript.push(line.clone());
                    let end = line.trim_end().ends_with(':');
                    block.push(line);
                    if end {
                        return Some(block);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!(
                        "no prompt within {PATIENCE:?}; output so far:\n{}",
                        self.transcript.join("\n")
                    );
                }
            }
        }
    }

    fn send(&mut self, line: &str) {
        self.transcript.push(format!("> {line}"));
        if let Some(stdin) = self.stdin.as_mut() {
            // The program may have exited (at the end of the questions); that is for the
            // caller to see in the output.
            let _ = writeln!(stdin, "{line}").and_then(|()| stdin.flush());
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }

    /// Closes standard input and waits for the exit code.
    fn finish(&mut self) -> Option<i32> {
        self.stdin = None;
        while self.lines.recv_timeout(PATIENCE).is_ok() {}
        self.child.wait().ok().and_then(|s| s.code())
    }
}

/// What a question block asks: the framework question whose prompt it shows.
fn asked<'f>(fw: &'f Framework, block: &[String]) -> Option<&'f Question> {
    fw.questions
        .iter()
        .find(|q| block.iter().any(|line| line == &q.prompt))
}

/// A valid reply line for `q`, and the value the answers file must then hold.
fn reply(q: &Question, rng: &mut Rng) -> (String, Value) {
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => {
            let o = &q.options[rng.below(q.options.len())];
            (o.id.clone(), Value::Choice(o.id.clone()))
        }
        QuestionKind::Multiple => {
            let chosen: Vec<String> = q
                .options
                .iter()
                .filter(|_| rng.below(2) == 0)
                .map(|o| o.id.clone())
                .collect();
            let chosen = if chosen.is_empty() {
                vec![q.options[0].id.clone()]
            } else {
                chosen
            };
            (chosen.join(", "), Value::Choices(chosen))
        }
        QuestionKind::Scale => {
            let s = q.scale.as_ref().expect("a scale question has a scale");
            let n = s.min + rng.below((s.max - s.min + 1) as usize) as i64;
            (n.to_string(), Value::Number(n as f64))
        }
        QuestionKind::Number => {
            let n = [0, 250, 999, 1000, 5000, 120_000][rng.below(6)];
            (n.to_string(), Value::Number(n as f64))
        }
        QuestionKind::Text => {
            let text = format!("Lesson {}", rng.below(1000));
            (text.clone(), Value::Text(text))
        }
    }
}

/// What the session has been told and what it has confirmed.
#[derive(Default)]
struct Ledger {
    /// Answers whose evidence line was sent, not yet confirmed by a later prompt.
    sent: Option<(String, Value, String)>,
    /// Confirmed answers: question id to value and evidence.
    confirmed: BTreeMap<String, (Value, String)>,
    /// The metadata was confirmed (the first save happens after it).
    meta_confirmed: bool,
    meta_sent: usize,
}

impl Ledger {
    /// A prompt appeared: whatever was sent before it has been saved.
    fn prompt_seen(&mut self) {
        if let Some((id, value, evidence)) = self.sent.take() {
            self.confirmed.insert(id, (value, evidence));
        }
        if self.meta_sent == META.len() {
            self.meta_confirmed = true;
        }
    }
}

const META: [&str; 10] = [
    "Testshire County Council",
    "Repairs triage assistant",
    "Sorts repair requests by urgency",
    "pilot",
    "A. Officer, Digital lead",
    "Digital Services",
    "digital@testshire.gov.uk",
    "Housing repairs",
    "South West",
    "private-beta",
];

/// Drives a session through the protocol, recording in `ledger`. Stops right after `budget`
/// input lines (None: at the end). Returns whether the program was still running.
fn drive(
    s: &mut Session,
    fw: &Framework,
    rng: &mut Rng,
    ledger: &mut Ledger,
    mut budget: Option<usize>,
) -> bool {
    let mut pending: Option<(String, Value)> = None;
    loop {
        if budget == Some(0) {
            return true; // kill now: right after the last line sent, or before any output
        }
        let Some(block) = s.next_prompt() else {
            return false; // the program ended
        };
        ledger.prompt_seen();
        let last = block.last().cloned().unwrap_or_default();
        let line = if last.starts_with("Evidence or notes") {
            let (id, value) = pending.take().expect("evidence follows an answer");
            let evidence = format!("Minutes {}", rng.below(100));
            ledger.sent = Some((id, value, evidence.clone()));
            evidence
        } else if last.starts_with("Type a question number") {
            "q".to_string()
        } else if let Some(q) = asked(fw, &block) {
            assert!(
                !block.iter().any(|l| l.starts_with("Not accepted")),
                "a valid answer was refused:\n{}",
                s.transcript.join("\n")
            );
            let (line, value) = reply(q, rng);
            pending = Some((q.id.clone(), value));
            line
        } else {
            // One of the metadata prompts.
            let line = META[ledger.meta_sent.min(META.len() - 1)].to_string();
            ledger.meta_sent += 1;
            line
        };
        s.send(&line);
        if let Some(b) = budget.as_mut() {
            *b -= 1;
        }
    }
}

/// Temporary files a killed save can leave beside the answers file.
fn leftovers(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".coopai-"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn killed_interviews_keep_every_confirmed_answer_and_resume_to_completion() {
    let fw = framework();
    let dir = tempfile::tempdir().unwrap();
    let mut mid_save_kills = 0;
    let (mut files_checked, mut answers_checked) = (0, 0);
    for round in 0..KILLS {
        let path: PathBuf = dir.path().join(format!("round-{round}.toml"));
        let file = path.to_string_lossy().into_owned();
        let mut ledger = Ledger::default();
        // Each round's kill moment is drawn first, so it does not depend on how far the
        // program got: how many lines to send (up to 5 metadata lines and 2 lines per
        // question), then whether to kill at once or a moment later, when the program may be
        // writing or renaming the file.
        let mut rng = Rng(SEED ^ round as u64);
        let budget = rng.below(META.len() + 2 * fw.questions.len() + 1);
        let pause = rng.below(4);

        let mut s = Session::start(&["-o", &file]);
        let alive = drive(&mut s, &fw, &mut rng, &mut ledger, Some(budget));
        if alive && pause > 0 {
            mid_save_kills += 1;
            std::thread::sleep(Duration::from_micros(300 * pause as u64));
        }
        s.kill();
        // Output written before the kill still confirms what it confirms.
        while let Ok(line) = s.lines.recv_timeout(PATIENCE) {
            if line.trim_end().ends_with(':') {
                ledger.prompt_seen();
            }
        }

        let must_exist = ledger.meta_confirmed || !ledger.confirmed.is_empty();
        if path.exists() {
            let loaded = match coopai::assessment::load_file(&path, &fw) {
                Ok(loaded) => loaded.assessment,
                Err(e) => panic!(
                    "round {round}: the file does not load after a kill:\n{e}\n--- session:\n{}",
                    s.transcript.join("\n")
                ),
            };
            for (id, (value, evidence)) in &ledger.confirmed {
                let Some(saved) = loaded.answers.get(id) else {
                    panic!(
                        "round {round}: confirmed answer `{id}` is missing\n--- session:\n{}",
                        s.transcript.join("\n")
                    );
                };
                assert_eq!(&saved.value, value, "round {round}: `{id}`");
                assert_eq!(&saved.evidence, evidence, "round {round}: `{id}`");
            }
            if ledger.meta_confirmed {
                assert_eq!(loaded.meta.system, META[1], "round {round}");
            }
            files_checked += 1;
            answers_checked += ledger.confirmed.len();
        } else {
            assert!(
                !must_exist,
                "round {round}: no file, though the program had confirmed a save\n--- session:\n{}",
                s.transcript.join("\n")
            );
        }

        // Resume (or, when nothing was saved, start again) and go through to the end.
        let mut rest = if path.exists() {
            Session::start(&["--resume", &file])
        } else {
            Session::start(&["-o", &file])
        };
        let mut resumed = Ledger {
            // A resumed session asks no metadata.
            meta_sent: if path.exists() { 4 } else { 0 },
            ..Ledger::default()
        };
        drive(&mut rest, &fw, &mut rng, &mut resumed, None);
        let code = rest.finish();
        assert_eq!(
            code,
            Some(0),
            "round {round}: resuming did not finish\n--- session:\n{}",
            rest.transcript.join("\n")
        );
        let done = match coopai::assessment::load_file(&path, &fw) {
            Ok(loaded) => loaded.assessment,
            Err(e) => panic!("round {round}: the resumed file does not load:\n{e}"),
        };
        let report = coopai::scoring::score(&fw, &done);
        assert!(
            report.overall.complete,
            "round {round}: not complete after resuming: {:?}\n--- session:\n{}",
            report.unanswered,
            rest.transcript.join("\n")
        );
        for (id, (value, _)) in &ledger.confirmed {
            assert_eq!(
                done.answers.get(id).map(|a| &a.value),
                Some(value),
                "round {round}: resuming changed `{id}`"
            );
        }
    }
    // A kill between writing the temporary file and renaming it leaves the temporary file
    // (never the answers file half-written); docs/reliability.md says so.
    eprintln!(
        "{KILLS} kills ({mid_save_kills} a moment after a line); {files_checked} files checked \
         after a kill, holding {answers_checked} confirmed answers; temporary files left: {}",
        leftovers(dir.path())
    );
    // The checks above ran, on enough of the kills to mean something.
    assert!(
        files_checked >= KILLS / 2 && answers_checked > 0 && mid_save_kills > 0,
        "too few kills were checked: {files_checked} files, {answers_checked} answers, \
         {mid_save_kills} mid-save kills"
    );
}
