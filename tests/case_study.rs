//! `coopai export case-study`: the case study of every worked assessment, snapshotted; a
//! framework without the questions it quotes; and privacy: the assessor's name and private
//! evidence and notes reach no case study and no register page, while the council's own
//! report still shows them.

use std::path::{Path, PathBuf};

mod common;
use common::{coopai, coopai_in, crate_root, files_under, text};

const WORKED: [&str; 5] = [
    "adult-social-care-triage",
    "council-tax-fraud-risk",
    "housing-repairs-chatbot",
    "letter-translation",
    "planning-application-summariser",
];

#[test]
fn the_case_study_of_every_worked_assessment() {
    for name in WORKED {
        let file = format!("assessments/{name}.toml");
        let out = coopai(&["export", "case-study", &file]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        insta::with_settings!({ snapshot_suffix => name, omit_expression => true }, {
            insta::assert_snapshot!("case_study", text(&out.stdout));
        });
    }
}

#[test]
fn the_html_case_study_is_one_page_with_every_section() {
    let out = coopai(&[
        "export",
        "case-study",
        "assessments/adult-social-care-triage.toml",
        "--format",
        "html",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = text(&out.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    for heading in [
        "What the system does and why",
        "Impact level and outcome",
        "What residents and staff changed",
        "What staff and residents said for themselves",
        "What was learned",
        "Before you try it",
        "Contact",
    ] {
        assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    assert!(!html.contains("<script"), "no script in a case study");
}

#[test]
fn a_framework_without_a_case_study_table_says_what_it_cannot_tell() {
    let out = coopai(&[
        "export",
        "case-study",
        "tests/fixtures/answers/scoring-worked-example.toml",
        "--framework",
        "frameworks/example-minimal.toml",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let none = "does not say which of its answers a case study quotes here";
    assert_eq!(
        md.matches(none).count(),
        3,
        "said under what the system does, what residents and staff changed, and what was learned:\n{md}"
    );
}

/// The answers a case study quotes are the framework's to choose: `[case_study]` names them.
#[test]
fn the_framework_chooses_the_answers_a_case_study_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let reference =
        std::fs::read_to_string(crate_root().join("frameworks/ccin-coop-ai.toml")).unwrap();
    let learned = "learned = [\"lessons-so-far\", \"share-with-network\"]";
    assert!(reference.contains(learned));
    std::fs::write(
        dir.path().join("fw.toml"),
        reference.replace(learned, "learned = [\"system-type\"]"),
    )
    .unwrap();
    let file = crate_root().join("assessments/housing-repairs-chatbot.toml");
    let out = coopai_in(
        dir.path(),
        &[
            "export",
            "case-study",
            file.to_str().unwrap(),
            "--framework",
            "fw.toml",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    let learned =
        &md[md.find("## What was learned").unwrap()..md.find("## Before you try it").unwrap()];
    assert!(learned.contains("What kind of system is it?"), "{learned}");
    assert!(!learned.contains("lessons"), "{learned}");
}

#[test]
fn team_and_contact_are_the_case_studys_contact() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_worked(dir.path(), "housing-repairs-chatbot", |t| {
        t.replacen(
            "status = \"final\"",
            "status = \"final\"\nteam = \"Housing digital team\"\ncontact = \"housing.digital@example.gov.uk\"",
            1,
        )
    });
    let out = coopai_in(
        dir.path(),
        &["export", "case-study", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Housing digital team: housing.digital@example.gov.uk"),
        "{}",
        text(&out.stdout)
    );
}

/// Copies a worked assessment (and its responses) into `dir`, its text changed by `edit`.
fn copy_worked(dir: &Path, name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let source = crate_root()
        .join("assessments")
        .join(format!("{name}.toml"));
    let target = dir.join(format!("{name}.toml"));
    let original = std::fs::read_to_string(&source).unwrap();
    let edited = edit(&original);
    assert_ne!(edited, original, "the edit changed the file");
    std::fs::write(&target, edited).unwrap();
    let responses = crate_root()
        .join("assessments")
        .join(format!("{name}.responses"));
    if responses.is_dir() {
        let copy = dir.join(format!("{name}.responses"));
        std::fs::create_dir_all(&copy).unwrap();
        for entry in std::fs::read_dir(&responses).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    target
}

const ASSESSOR: &str = "Zanzibar Quillfeather";
const EVIDENCE: &str = "PRIVATE-EVIDENCE-7F3K";
const VIEWS_EVIDENCE: &str = "PRIVATE-LEAD-ESTIMATE-2Q9W";
const NOTE: &str = "PRIVATE-NOTE-4M8P";

/// The triage assessment (with its residents' and staff responses) with the markers: the
/// assessor; private evidence on a question the case study quotes; private evidence on a
/// question that takes its answer from residents (the views quote the lead's evidence); a
/// private note on a question the case study quotes, its answer left blank.
fn marked(dir: &Path) -> PathBuf {
    copy_worked(dir, "adult-social-care-triage", |t| {
        let replace_evidence = |t: &str, id: &str, with: &str| {
            let table = format!("[answers.{id}]\n");
            let at = t.find(&table).expect("the question is answered") + table.len();
            let evidence = at + t[at..].find("evidence = ").unwrap();
            let end = evidence + t[evidence..].find('\n').unwrap();
            format!(
                "{}evidence = \"{with}\"\nprivate = true{}",
                &t[..evidence],
                &t[end..]
            )
        };
        let t = t.replacen("assessor = \"", &format!("assessor = \"{ASSESSOR}, "), 1);
        let t = replace_evidence(&t, "resident-changes", EVIDENCE);
        let t = replace_evidence(&t, "resident-influence", VIEWS_EVIDENCE);
        // A note: evidence on a question that applies, its answer left blank.
        let t = replace_evidence(&t, "lessons-so-far", NOTE);
        let table = "[answers.lessons-so-far]\n";
        let at = t.find(table).unwrap() + table.len();
        let end = at + t[at..].find('\n').unwrap();
        format!("{}answer = \"\"{}", &t[..at], &t[end..])
    })
}

const MARKERS: [&str; 4] = [ASSESSOR, EVIDENCE, VIEWS_EVIDENCE, NOTE];

fn assert_has_none(what: &str, contents: &str) {
    for marker in MARKERS {
        assert!(!contents.contains(marker), "{what} contains {marker}");
    }
}

#[test]
fn nothing_private_reaches_a_case_study_or_the_register_but_the_councils_report_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = marked(dir.path());
    let file = file.to_str().unwrap();

    // The council's own reports show everything, marking what is private.
    for format in ["md", "html", "json"] {
        let out = coopai_in(dir.path(), &["score", file, "--format", format]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report = text(&out.stdout);
        for marker in MARKERS {
            assert!(
                report.contains(marker),
                "the {format} report keeps {marker}"
            );
        }
    }
    let md = text(&coopai_in(dir.path(), &["score", file, "--format", "md"]).stdout);
    assert!(md.contains(&format!("**(private)** {EVIDENCE}")), "{md}");

    for format in ["markdown", "html"] {
        let out = coopai_in(
            dir.path(),
            &["export", "case-study", file, "--format", format],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_has_none(&format!("the {format} case study"), &text(&out.stdout));
    }

    let site = dir.path().join("site");
    let out = coopai_in(dir.path(), &["register", ".", "-o", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut pages = 0;
    for path in files_under(&site) {
        assert_has_none(
            &path.display().to_string(),
            &std::fs::read_to_string(&path).unwrap(),
        );
        pages += 1;
    }
    assert!(pages >= 6, "the site was written: {pages} files");
    let report =
        std::fs::read_to_string(site.join("reports/adult-social-care-triage.html")).unwrap();
    assert!(
        report.contains("(private)"),
        "the published report says evidence is withheld"
    );
}
