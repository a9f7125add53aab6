//! Replays the committed inputs of the `interview_plain` fuzz target through the same code
//! (fuzz/harness_interview.rs) on the stable toolchain; see tests/fuzz_replay.rs.

use std::path::{Path, PathBuf};

#[path = "../fuzz/harness_interview.rs"]
mod harness_interview;

fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
        .join("interview_plain");
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

#[test]
fn interview_plain_regressions_and_corpus_pass() {
    let fw = coopai::framework::embedded();
    let mut count = 0;
    for kind in ["fuzz-regressions", "fuzz-corpus"] {
        for file in inputs(kind) {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                harness_interview::interview_plain(&fw, &data)
            }));
            assert!(result.is_ok(), "{} fails its fuzz target", file.display());
            count += 1;
        }
    }
    assert!(count > 0, "no fuzz inputs found");
}
