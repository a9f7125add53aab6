//! Diagnostic codes as users meet them: the tables in the format docs are generated from the
//! code families, and `coopai framework check --explain` documents every code.
//!
//! When a code is added or its summary changes, regenerate the tables with
//! `COOPAI_UPDATE_DOCS=1 cargo test --test diagnostic_codes` and review the diff.

use std::path::Path;

use coopai::assessment::Check;
use coopai::diagnostics::{Code, FileCode};
use coopai::framework::validate::Lint;
use coopai::report::codes;

mod common;
use common::{command, text};

/// The generated table between its markers in `doc`, replaced by `table` when
/// COOPAI_UPDATE_DOCS is set, else compared with it.
fn check_table(doc: &str, marker: &str, table: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
    let text = std::fs::read_to_string(&path).unwrap();
    let open = format!(
        "<!-- {marker}: generated from the code, checked by tests/diagnostic_codes.rs -->\n"
    );
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("{doc} has no `{open}` marker"))
        + open.len();
    let end = start
        + text[start..]
            .find("<!-- end of generated table -->")
            .unwrap_or_else(|| panic!("{doc}: the {marker} table has no end marker"));
    if std::env::var_os("COOPAI_UPDATE_DOCS").is_some() {
        let updated = format!("{}{table}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        text[start..end] == *table,
        "the {marker} table in {doc} is out of date; regenerate it with\n    COOPAI_UPDATE_DOCS=1 cargo test --test diagnostic_codes\nexpected:\n{table}"
    );
}

#[test]
fn the_framework_lint_table_is_generated() {
    check_table(
        "docs/framework-format.md",
        "framework lints",
        &codes::framework_lints_table(),
    );
}

#[test]
fn the_answers_check_table_is_generated() {
    check_table(
        "docs/answers-format.md",
        "answers checks",
        &codes::answers_checks_table(),
    );
}

/// Every code of every family, as users write it.
fn every_code() -> Vec<(&'static str, &'static str, &'static str)> {
    fn of<C: Code>() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
        C::all()
            .iter()
            .map(|c| (c.code(), c.severity().name(), c.summary()))
    }
    of::<FileCode>()
        .chain(of::<Lint>())
        .chain(of::<Check>())
        .collect()
}

#[test]
fn every_code_has_an_explanation() {
    for (code, severity, summary) in every_code() {
        let out = command()
            .args(["framework", "check", "--explain", code])
            .output()
            .unwrap();
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--explain {code}: {}",
            text(&out.stderr)
        );
        assert!(stdout.starts_with(&format!("{code}: ")), "{stdout}");
        assert!(
            stdout.contains(&format!(", {severity}\n")),
            "{code}: {stdout}"
        );
        let first_words: String = summary
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            stdout
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&first_words),
            "{code}: the summary is missing:\n{stdout}"
        );
        // The explanation says more than the summary: at least two more sentences' worth.
        assert!(
            stdout.len() > summary.len() + 80,
            "{code}: explanation too thin:\n{stdout}"
        );
    }
}

#[test]
fn explain_snapshot() {
    let out = command()
        .args(["framework", "check", "--explain", "unknown-option"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn an_unknown_code_is_refused_with_a_suggestion() {
    let out = command()
        .args(["framework", "check", "--explain", "unknown-princple"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "unknown diagnostic code `unknown-princple`; did you mean `unknown-principle`?"
        ),
        "{stderr}"
    );
    // Every code, in alphabetical order.
    assert!(
        stderr.contains("expected one of: ambiguous-move, answer-moved,"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn explain_checks_no_files() {
    let out = command()
        .args([
            "framework",
            "check",
            "--explain",
            "no-bands",
            "frameworks/example-minimal.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot be used with"),
        "{}",
        text(&out.stderr)
    );
}
