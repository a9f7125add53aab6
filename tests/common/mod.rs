//! Running the real binary in tests: no colour, no framework or terminal width taken from the
//! environment, so output is the same wherever the tests run.
// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use std::process::Command;

pub fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `coopai` binary, run from the crate root, with no colour and no framework or terminal
/// width taken from the environment.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coopai"));
    command
        .current_dir(crate_root())
        .env("NO_COLOR", "1")
        .env_remove("COOPAI_FRAMEWORK")
        .env_remove("COLUMNS");
    command
}

/// Runs `coopai ARGS` in `dir`.
pub fn coopai_in(dir: &Path, args: &[&str]) -> Output {
    command().current_dir(dir).args(args).output().unwrap()
}

/// Runs `coopai ARGS` from the crate root, so fixture paths and snapshots stay relative.
pub fn coopai(args: &[&str]) -> Output {
    coopai_in(crate_root(), args)
}

/// The lines `child` writes to its (piped) standard output, read on another thread, so a test
/// can wait for one with a timeout.
pub fn stdout_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Runs `command` to the end with `input` on its standard input.
pub fn run_with_input(mut command: Command, input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coopai runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // coopai may stop reading early (a usage error, say): a closed pipe is no failure here.
    match stdin.write_all(input.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("input not written: {e}"),
        _ => {}
    }
    drop(stdin);
    child.wait_with_output().expect("coopai finishes")
}

/// `text` with the temporary folder `dir` written `[TMP]`, and the separator after it `/`, so
/// snapshots read the same on Windows.
pub fn redact_tmp(text: &str, dir: &Path) -> String {
    let dir = dir.display().to_string();
    text.replace(&format!("{dir}{}", std::path::MAIN_SEPARATOR), "[TMP]/")
        .replace(&dir, "[TMP]")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stdout and stderr, for a snapshot that shows all three.
pub fn transcript(out: &Output) -> String {
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr)
    )
}

/// Every file under `dir`, its subfolders included, in path order.
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Checks that the part of the doc `doc` (relative to the crate root) between the markers
/// `open` and `close` is `generated`; with COOPAI_UPDATE_DOCS set, writes it there instead.
/// `test` names the test binary that regenerates it.
pub fn generated_section_is_current(
    doc: &str,
    open: &str,
    close: &str,
    generated: &str,
    test: &str,
) {
    let path = crate_root().join(doc);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(open).expect("the section's opening marker") + open.len();
    let end = start
        + text[start..]
            .find(close)
            .expect("the section's closing marker");
    if std::env::var_os("COOPAI_UPDATE_DOCS").is_some() {
        std::fs::write(
            &path,
            format!("{}{generated}{}", &text[..start], &text[end..]),
        )
        .unwrap();
        return;
    }
    assert!(
        text[start..end] == *generated,
        "{doc} is out of date; regenerate it with\n    COOPAI_UPDATE_DOCS=1 cargo test --test {test}"
    );
}

/// Checks that the file `doc` (relative to the crate root) is `generated`; with
/// COOPAI_UPDATE_DOCS set, writes it instead. `test` names the test binary that regenerates it.
pub fn generated_file_is_current(doc: &str, generated: &str, test: &str) {
    let path = crate_root().join(doc);
    if std::env::var_os("COOPAI_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap() == generated,
        "{doc} is out of date; regenerate it with\n    COOPAI_UPDATE_DOCS=1 cargo test --test {test}"
    );
}

/// Every answers file in assessments/ (the worked assessments), sorted, as a path relative to
/// the crate root.
pub fn worked_assessments() -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(crate_root().join("assessments"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| Path::new("assessments").join(path.file_name().unwrap()))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "worked assessments missing: {files:?}");
    files
}
