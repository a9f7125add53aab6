//! Files real users produce by hand or by accident, run through the real binary: each must
//! exit 2 with a message naming the file (with line and column where TOML gives one) and
//! never panic. Files named `valid-*` (byte order mark, CRLF line endings) must just work.
//! The corpus is tests/fixtures/malformed/{frameworks,answers}/; its README says what each
//! file stands for. Special files (a directory, an unreadable file, a symlink loop, a file
//! over the size limit) are made at test time in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{coopai_in as coopai, crate_root, text, transcript};

const FRAMEWORK: &str = "frameworks/example-minimal.toml";

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = crate_root().join("tests/fixtures/malformed").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Checks one run: the exit code, the file named, no panic; returns what to snapshot.
fn check(file: &str, valid: bool, out: &Output) -> String {
    let stderr = text(&out.stderr);
    let expected = if valid { 0 } else { 2 };
    assert_eq!(
        out.status.code(),
        Some(expected),
        "{file}:\n{}",
        transcript(out)
    );
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    if !valid {
        assert!(
            stderr.contains(file),
            "{file}: the message names the file:\n{stderr}"
        );
    }
    transcript(out)
}

fn snapshot_name(kind: &str, path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    format!("{kind}-{stem}")
}

#[test]
fn malformed_frameworks_exit_2_naming_the_file() {
    let files = corpus("frameworks");
    for path in &files {
        let (file, valid) = entry(path);
        let out = coopai(crate_root(), &["framework", "check", &file]);
        let shown = check(&file, valid, &out);
        insta::assert_snapshot!(snapshot_name("framework", path), shown);
    }
}

/// A corpus file as a path relative to the crate root (as snapshots show it), and whether it
/// is one of the `valid-` inputs that must simply work.
fn entry(path: &Path) -> (String, bool) {
    let file = path
        .strip_prefix(crate_root())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let valid = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("valid-");
    (file, valid)
}

#[test]
fn malformed_answers_exit_2_naming_the_file() {
    let files = corpus("answers");
    for path in &files {
        let (file, valid) = entry(path);
        let out = coopai(
            crate_root(),
            &["score", &file, "--framework", FRAMEWORK, "--format", "json"],
        );
        let shown = check(&file, valid, &out);
        if valid {
            // The report is the same as for the same file without the byte order mark or the
            // CRs (all but the file's own sha256); the snapshot keeps only the summary.
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let plain_text = std::fs::read_to_string(path)
                .unwrap()
                .trim_start_matches('\u{feff}')
                .replace("\r\n", "\n");
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("plain.toml"), plain_text).unwrap();
            let framework = crate_root().join(FRAMEWORK);
            let plain = coopai(
                dir.path(),
                &[
                    "score",
                    "plain.toml",
                    "--framework",
                    framework.to_str().unwrap(),
                    "--format",
                    "json",
                ],
            );
            let mut plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
            plain["assessment"]["sha256"] = report["assessment"]["sha256"].clone();
            assert_eq!(
                report, plain,
                "{file} scores differently from its plain form"
            );
            insta::assert_snapshot!(
                snapshot_name("answers", path),
                format!(
                    "exit code: 0\noverall: {}\ndate: {}\nstderr:\n{}",
                    report["overall"],
                    report["assessment"]["date"],
                    text(&out.stderr)
                )
            );
        } else {
            insta::assert_snapshot!(snapshot_name("answers", path), shown);
        }
    }
}

#[test]
fn the_corpus_has_at_least_40_files_and_each_is_described() {
    let readme =
        std::fs::read_to_string(crate_root().join("tests/fixtures/malformed/README.md")).unwrap();
    let mut count = 0;
    for kind in ["frameworks", "answers"] {
        for path in corpus(kind) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                readme.contains(&format!("`{kind}/{name}`")),
                "tests/fixtures/malformed/README.md does not describe {kind}/{name}"
            );
            count += 1;
        }
    }
    assert!(count >= 40, "only {count} malformed files");
}

/// The special files, made in a temporary folder; each is tried as a framework, as an answers
/// file, and as the framework `score` is pointed at.
#[test]
fn special_files_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("folder.toml")).unwrap();
    make_too_large(&d.join("too-large.toml"));
    // Only Unix adds to the list (below).
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut names = vec!["folder.toml", "too-large.toml", "missing.toml"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop-b.toml", d.join("loop-a.toml")).unwrap();
        std::os::unix::fs::symlink("loop-a.toml", d.join("loop-b.toml")).unwrap();
        names.push("loop-a.toml");
        if make_unreadable(&d.join("unreadable.toml")) {
            names.push("unreadable.toml");
        }
    }
    std::fs::write(d.join("answers.toml"), "[assessment]\nsystem = \"x\"\n").unwrap();
    for name in names {
        for (what, args) in [
            ("framework", vec!["framework", "check", name]),
            ("answers", vec!["score", name]),
            (
                "framework-for-score",
                vec!["score", "answers.toml", "--framework", name],
            ),
        ] {
            let out = coopai(d, &args);
            let shown = check(name, false, &out);
            let stem = name.trim_end_matches(".toml");
            insta::assert_snapshot!(format!("special-{stem}-as-{what}"), shown);
        }
    }
}

/// A file one byte over the 10 MiB limit. Sparse, so it costs no disk; its first byte is not
/// UTF-8, so a refusal for size (not encoding) shows the size was checked before reading.
fn make_too_large(path: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    f.write_all(&[0xff]).unwrap();
    f.set_len(coopai::source::MAX_INPUT_BYTES + 1).unwrap();
}

/// A file the current user cannot read. Permissions do not stop the superuser (as in many CI
/// containers), so then the case is skipped, saying so; the message for an unreadable file
/// is the same `cannot read` path as any other I/O error, tested through the symlink loop.
#[cfg(unix)]
fn make_unreadable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, "[framework]\n").unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(path).is_ok() {
        eprintln!(
            "note: running with permission to read any file (root?), so the unreadable-file case is skipped"
        );
        return false;
    }
    true
}

/// Every user file is read through `source::read_text`, so the size limit, the folder check
/// and the encoding checks apply to all of them: no other library code opens files to read.
#[test]
fn user_files_are_read_only_through_read_text() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&crate_root().join("src"), &mut files);
    for file in files {
        if file.ends_with("src/source.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may read what they wrote.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        // coopai's own files are not user files: the lock file beside an answers file, and
        // the temporary files of saves, whose first bytes tell one a crash left behind, and
        // the pages coopai generates, read to leave alone those that would not change.
        let own_files: &[&str] = if file.ends_with("src/lock.rs") {
            &["File::open(", "OpenOptions::"]
        } else if file.ends_with("src/output.rs") {
            &["File::open(", "fs::read(", "OpenOptions::"]
        } else {
            &[]
        };
        for reader in [
            "fs::read(",
            "fs::read_to_string(",
            "File::open(",
            "OpenOptions::",
        ]
        .into_iter()
        .filter(|reader| !own_files.contains(reader))
        {
            assert!(
                !code.contains(reader),
                "{} reads a file with `{reader}`; use coopai::source::read_text",
                file.display()
            );
        }
    }
}
