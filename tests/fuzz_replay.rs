//! Replays every committed fuzz input through the same code the fuzz targets run
//! (fuzz/harness.rs and fuzz/harness_interview.rs), on the stable toolchain, so CI catches a
//! regression without nightly:
//! - tests/fixtures/fuzz-regressions/<target>/: inputs that once crashed or broke an
//!   invariant, each fixed in the library (docs/reliability.md lists them);
//! - tests/fixtures/fuzz-corpus/<target>/: a small minimized corpus that covers the loaders.

use std::path::{Path, PathBuf};

#[path = "../fuzz/harness.rs"]
mod harness;
#[path = "../fuzz/harness_interview.rs"]
mod harness_interview;

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Runs `run` on each input, naming the input when it panics.
fn replay(kind: &str, target: &str, run: impl Fn(&[u8])) -> usize {
    let files = inputs(kind, target);
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&data)));
        assert!(result.is_ok(), "{} fails its fuzz target", file.display());
    }
    files.len()
}

#[test]
fn framework_loader_regressions_and_corpus_pass() {
    let regressions = replay(
        "fuzz-regressions",
        "framework_loader",
        harness::framework_loader,
    );
    let corpus = replay("fuzz-corpus", "framework_loader", harness::framework_loader);
    // A renamed folder would otherwise replay nothing and pass.
    assert!(regressions >= 4 && corpus > 0, "fuzz inputs missing");
}

#[test]
fn answers_loader_regressions_and_corpus_pass() {
    let frameworks = harness::answer_frameworks();
    let run = |data: &[u8]| harness::answers_loader(&frameworks, data);
    let regressions = replay("fuzz-regressions", "answers_loader", run);
    let corpus = replay("fuzz-corpus", "answers_loader", run);
    assert!(regressions >= 2 && corpus > 0, "fuzz inputs missing");
}

#[test]
fn responses_loader_regressions_and_corpus_pass() {
    let frameworks = harness::response_frameworks();
    let run = |data: &[u8]| harness::responses_loader(&frameworks, data);
    // A new target: no input has crashed it yet, so it has no regressions folder.
    let regressions = replay("fuzz-regressions", "responses_loader", run);
    let corpus = replay("fuzz-corpus", "responses_loader", run);
    assert!(
        corpus >= 10,
        "fuzz inputs missing ({regressions} regressions)"
    );
}

#[test]
fn interview_plain_regressions_and_corpus_pass() {
    let fw = coopai::framework::embedded();
    let run = |data: &[u8]| harness_interview::interview_plain(&fw, data);
    // No input has ever crashed this target, so it has no regressions folder yet.
    let regressions = replay("fuzz-regressions", "interview_plain", run);
    let corpus = replay("fuzz-corpus", "interview_plain", run);
    assert!(
        corpus > 0,
        "fuzz inputs missing ({regressions} regressions)"
    );
}
