//! Every command with the paths council officers really have: folders with spaces (a OneDrive
//! folder is "OneDrive - <Council name>"), Welsh and other non-ASCII letters, files named by
//! hand. The real binary is run on them, by absolute path and from inside the folder.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{command, crate_root, text};

/// A folder as Windows and OneDrive name them, with two worked assessments and, in a folder
/// of its own, the example and reference frameworks, each under a name with spaces and
/// accents.
struct Folder {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

const CHATBOT: &str = "Sgwrsfot atgyweirio tai – fersiwn 2.toml";
const TRANSLATION: &str = "Cyfieithu llythyrau (Côr).toml";
const EXAMPLE: &str = "Fframweithiau ŵ/fframwaith enghreifftiol.toml";
const REFERENCE: &str = "Fframweithiau ŵ/CCIN fframwaith – 2026.toml";

impl Folder {
    fn new() -> Folder {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp
            .path()
            .join("OneDrive - Cyngor Sir Ynys Môn")
            .join("Asesiadau AI é ü");
        std::fs::create_dir_all(dir.join("Fframweithiau ŵ")).expect("folders made");
        for (from, to) in [
            ("assessments/housing-repairs-chatbot.toml", CHATBOT),
            ("assessments/letter-translation.toml", TRANSLATION),
            ("frameworks/example-minimal.toml", EXAMPLE),
            ("frameworks/ccin-coop-ai.toml", REFERENCE),
        ] {
            std::fs::copy(crate_root().join(from), dir.join(to)).expect("file copied");
        }
        Folder { _tmp: tmp, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `coopai ARGS`, from inside the folder.
    fn inside(&self, args: &[&str]) -> Output {
        command()
            .current_dir(&self.dir)
            .args(args)
            .output()
            .expect("coopai runs")
    }

    /// `coopai ARGS`, paths given in full.
    fn outside(&self, args: &[&Path]) -> Output {
        command().args(args).output().expect("coopai runs")
    }
}

fn succeeds(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout) + &text(&out.stderr)
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

#[test]
fn score_and_its_reports() {
    let f = Folder::new();
    let out = succeeds(&f.outside(&[p("score"), &f.path(CHATBOT)]));
    assert!(out.contains("Housing repairs assistant"), "{out}");
    let report = f.path("Adroddiad – sgwrsfot.html");
    succeeds(&f.outside(&[
        p("score"),
        &f.path(CHATBOT),
        p("--format"),
        p("html"),
        p("-o"),
        &report,
    ]));
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    succeeds(&f.inside(&["score", CHATBOT, "--format", "md", "-o", "Adroddiad ŵ.md"]));
    assert!(f.path("Adroddiad ŵ.md").is_file());
}

#[test]
fn template_to_a_new_folder() {
    let f = Folder::new();
    let out_file = f.path("Drafftiau newydd").join("System â bylchau.toml");
    let out = succeeds(&f.outside(&[p("template"), p("-o"), &out_file]));
    assert_eq!(out, format!("wrote {}\n", out_file.display()));
    let again = f.outside(&[p("template"), p("-o"), &out_file]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains(&out_file.display().to_string()));
    succeeds(&f.inside(&["template", "--framework", EXAMPLE, "-o", "Ffurflen ŷ.toml"]));
}

#[test]
fn assess_plain_saves_resumes_and_quotes_what_it_suggests() {
    let f = Folder::new();
    let answers = "Asesiad newydd – Môn.toml";
    let run = |args: &[&str], input: &str| {
        let mut cmd = command();
        cmd.current_dir(&f.dir)
            .args(["assess", "--plain", "--framework", EXAMPLE])
            .args(args)
            .env("COOPAI_DATE", "2026-11-23");
        common::run_with_input(cmd, input)
    };
    let out = succeeds(&run(
        &["-o", answers],
        "Cyngor Sir Ynys Môn\nSgwrsfot\n\n\nA. Swyddog\n\n\n\n\n\n2\n\n",
    ));
    assert!(
        out.contains(&format!("Answers saved to {answers}")),
        "{out}"
    );
    let quoted = if cfg!(windows) {
        format!("\"{answers}\"")
    } else {
        format!("'{answers}'")
    };
    assert!(out.contains(&format!("--resume {quoted}")), "{out}");
    assert!(
        out.contains("-o 'Asesiad newydd – Môn-report.md'") || cfg!(windows),
        "{out}"
    );
    let out = succeeds(&run(&["--resume", answers], "1500\nData 2025\n"));
    assert!(
        out.contains("2 of 8 applicable questions answered"),
        "{out}"
    );
    let saved = std::fs::read_to_string(f.path(answers)).unwrap();
    assert!(
        saved.contains("Cyngor Sir Ynys Môn") && saved.contains("Data 2025"),
        "{saved}"
    );
}

#[test]
fn framework_check_names_the_file_as_given() {
    let f = Folder::new();
    let out = succeeds(&f.outside(&[p("framework"), p("check"), &f.path(EXAMPLE)]));
    assert!(
        out.contains(&f.path(EXAMPLE).display().to_string()),
        "{out}"
    );
    let out = succeeds(&f.inside(&["framework", "check", EXAMPLE, REFERENCE]));
    assert!(out.contains(EXAMPLE) && out.contains(REFERENCE), "{out}");
    // An error in such a file points at it, line and column.
    std::fs::write(f.path("wedi torri ŵ.toml"), "[framework\n").unwrap();
    let out = f.inside(&["framework", "check", "wedi torri ŵ.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("wedi torri ŵ.toml:1:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn rescore_a_folder_with_spaces() {
    let f = Folder::new();
    let out = succeeds(&f.outside(&[
        p("rescore"),
        &f.dir,
        p("--framework"),
        &f.path(REFERENCE),
        p("--format"),
        p("md"),
    ]));
    assert!(out.contains("Housing repairs assistant"), "{out}");
    let csv = f.path("Ail-sgorio ŵ.csv");
    succeeds(&f.outside(&[
        p("rescore"),
        &f.path(CHATBOT),
        &f.path(TRANSLATION),
        p("--framework"),
        &f.path(REFERENCE),
        p("--format"),
        p("csv"),
        p("-o"),
        &csv,
    ]));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.contains(CHATBOT) && written.contains(TRANSLATION),
        "{written}"
    );
}

#[test]
fn compare_and_diff() {
    let f = Folder::new();
    let out = succeeds(&f.outside(&[p("compare"), &f.path(CHATBOT), &f.path(TRANSLATION)]));
    assert!(out.contains("Housing repairs assistant"), "{out}");
    succeeds(&f.inside(&[
        "compare",
        CHATBOT,
        TRANSLATION,
        "--format",
        "csv",
        "-o",
        "Cymharu ŵ.csv",
    ]));
    assert!(f.path("Cymharu ŵ.csv").is_file());
    succeeds(&f.inside(&["diff", CHATBOT, TRANSLATION, "--format", "md"]));
}
