//! `coopai framework diff` on a fixture pair with known changes
//! (tests/fixtures/framework-diff/new.toml is old.toml with, and only with):
//! - principle `openness` added; `social-partnership` weight 1 → 2
//! - question `lessons` removed; `published-record` added (in `openness`)
//! - `explainable`: option `yes` points 2 → 3
//! - `human-review`: condition narrowed to `decides`; option `sometimes` added; the red line
//!   of option `never` loses its condition
//! - `independent-audit`: asked from impact level 2 instead of 3
//! - impact levels 2 and 3 meet at 45% instead of 50%; mitigation reduction 15 → 20
//! - band `proceed` needs 65 instead of 60 at impact level 1
//! - the version number stays 1.0.0, so the diff warns.

use std::path::Path;

mod common;

use coopai::framework::{self, diff};
use coopai::report::framework_diff;

fn load(name: &str) -> framework::Framework {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/framework-diff")
        .join(name);
    framework::load_file(&path)
        .expect("fixture framework loads")
        .framework
}

#[test]
fn finds_every_known_change() {
    let d = diff::diff(&load("old.toml"), &load("new.toml"));
    assert!(d.version_not_bumped);
    assert_eq!(
        d.summary(),
        "principles: 1 added, 1 changed; questions: 1 added, 1 removed, 3 changed; impact levels: 2 changed; band: 1 changed; impact rules: 1 changed"
    );
}

#[test]
fn text_diff() {
    insta::assert_snapshot!(framework_diff::render_text(&diff::diff(
        &load("old.toml"),
        &load("new.toml")
    )));
}

#[test]
fn markdown_diff() {
    insta::assert_snapshot!(framework_diff::render_markdown(&diff::diff(
        &load("old.toml"),
        &load("new.toml")
    )));
}

#[test]
fn json_diff() {
    insta::assert_snapshot!(framework_diff::render_json(&diff::diff(
        &load("old.toml"),
        &load("new.toml")
    )));
}

#[test]
fn a_framework_against_itself_is_identical() {
    let d = diff::diff(&load("old.toml"), &load("old.toml"));
    assert!(d.identical && d.is_empty() && d.warnings.is_empty());
    assert!(framework_diff::render_text(&d).contains("The two files are identical."));
}

#[test]
fn a_bumped_version_is_not_warned_about() {
    let old = load("old.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/framework-diff/new.toml"),
    )
    .unwrap()
    .replace("version = \"1.0.0\"", "version = \"1.1.0\"");
    let new = framework::load_str("new.toml", text).unwrap().framework;
    let d = diff::diff(&old, &new);
    assert!(
        !d.version_not_bumped && d.warnings.is_empty(),
        "{:?}",
        d.warnings
    );
    assert_eq!(d.framework[0].field, "version");
}

#[test]
fn cli_warns_on_stderr_when_the_version_is_not_bumped() {
    let out = common::command()
        .args([
            "framework",
            "diff",
            "tests/fixtures/framework-diff/old.toml",
            "tests/fixtures/framework-diff/new.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the version number did not change (1.0.0) but the content did"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version_not_bumped"], true);
}

/// The impact rules and recommendation categories are part of what a new version can change:
/// aia-rules.toml against itself with each of them changed.
#[test]
fn impact_rules_and_categories_are_changes() {
    let path = "tests/fixtures/frameworks/aia-rules.toml";
    let old = framework::load_file(Path::new(path))
        .expect("fixture loads")
        .framework;
    let text = std::fs::read_to_string(path)
        .expect("fixture reads")
        .replace("rounding = \"half-up\"\n", "safeguards_first_from = 2\n")
        .replace("basis = \"all\"\n", "")
        .replace(
            "id = \"checks\"\n",
            "id = \"checks\"\ncategory = \"safeguard\"\n",
        );
    let new = framework::load_str("new.toml", text)
        .expect("changed fixture loads")
        .framework;
    let d = diff::diff(&old, &new);
    let impact: Vec<String> = d
        .impact
        .iter()
        .map(|c| format!("{}: {:?} -> {:?}", c.field, c.old, c.new))
        .collect();
    assert_eq!(
        impact,
        [
            "mitigation basis: Some(\"all\") -> Some(\"applicable\")",
            "rounding: Some(\"half-up\") -> Some(\"none\")",
            "safeguards first from impact level: Some(\"none\") -> Some(\"2\")",
        ]
    );
    assert_eq!(d.questions.len(), 1);
    assert_eq!(d.questions[0].changes[0].field, "category");
}

/// Roles added, renamed and asked: the diff says who is asked each question, in whose
/// words, and whose answer scores it.
#[test]
fn respondent_roles_and_who_is_asked() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks/unused-role.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let old = framework::load_str("old.toml", text.clone())
        .unwrap()
        .framework;
    let new_text = text
        .replace("name = \"Frontline staff\"", "name = \"Frontline staff and union representatives\"")
        .replace(
            "help = \"Residents can only challenge what they understand.\"\n",
            "help = \"Residents can only challenge what they understand.\"\nroles = [\"staff\"]\nanswer_from = \"staff\"\nwording = { staff = \"Is it yes for you?\" }\n",
        );
    let new = framework::load_str("new.toml", new_text).unwrap().framework;
    let d = diff::diff(&old, &new);
    assert_eq!(d.roles.len(), 1, "{:?}", d.roles);
    assert_eq!(d.roles[0].id, "staff");
    let changes: Vec<String> = d.questions[0]
        .changes
        .iter()
        .map(|c| format!("{}: {:?} -> {:?}", c.field, c.old, c.new))
        .collect();
    assert_eq!(
        changes,
        [
            "asked of: Some(\"the lead only\") -> Some(\"the lead, staff\")",
            "wording for staff: None -> Some(\"Is it yes for you?\")",
            "answer taken from: Some(\"the lead\") -> Some(\"staff\")",
        ]
    );
    let md = framework_diff::render_markdown(&d);
    assert!(md.contains("## Respondent roles"), "{md}");
}

/// A change to what the transparency record or the case study takes from an assessment is a
/// change a policy lab sees, not "comments or layout".
#[test]
fn publishing_mappings_are_changes() {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/framework-diff/old.toml"),
    )
    .unwrap();
    let old = framework::load_str("old.toml", base.clone())
        .unwrap()
        .framework;
    let mapped = base
        + "\n[case_study]\nlearned = [\"residents-involved\"]\n\n[[atrs]]\nfield = \"2.3.4\"\nfrom = [\"decides-about-people\"]\n";
    let new = framework::load_str("new.toml", mapped).unwrap().framework;
    let d = diff::diff(&old, &new);
    let fields: Vec<(&str, Option<&str>)> = d
        .publishing
        .iter()
        .map(|c| (c.field.as_str(), c.new.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "transparency record field 2.3.4",
                Some("decides-about-people")
            ),
            ("case study learned", Some("residents-involved")),
        ]
    );
    assert!(
        !d.warnings.iter().any(|w| w.contains("comments or layout")),
        "{:?}",
        d.warnings
    );
    let text = framework_diff::render_text(&d);
    assert!(text.contains("Publishing"), "{text}");
    assert!(text.contains("publishing: 2 changed"), "{text}");
}
