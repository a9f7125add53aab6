//! `coopai framework check` on the fixtures under tests/fixtures/frameworks/.
//!
//! Each fixture is a framework that is valid apart from one problem. Its test runs the real
//! binary from the crate root (so paths in messages are stable), asserts the exit code and the
//! exact set of lint codes reported, and snapshots stdout, stderr and the exit code: the
//! snapshot is the spec of the message. Further tests check that every framework lint has a
//! fixture that produces it, that every fixture has a test, and that the committed JSON Schema
//! matches the code.
//!
//! To add a lint: add a variant with its code, severity, summary and explanation to `Lint`
//! (src/framework/validate/lints.rs), add `tests/fixtures/frameworks/<code>.toml`, list it
//! below, run `cargo test --test framework_check` and review the new snapshot
//! (`cargo insta review`, or `INSTA_UPDATE=always` and `git diff`), then regenerate the docs'
//! table (see tests/diagnostic_codes.rs).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

mod common;

use coopai::diagnostics::{Code, FileCode};
use coopai::framework::validate::Lint;
use insta_cmd::Spawn;

const FIXTURES: &str = "tests/fixtures/frameworks";

/// Runs `coopai ARGS` from the crate root without colour; returns what it printed.
fn coopai(args: &[&str]) -> (Output, impl serde::Serialize) {
    let mut cmd = common::command();
    cmd.args(args);
    let (info, output) = cmd.spawn_with_info(None);
    (output, info)
}

/// Runs `coopai ARGS`, snapshots the result under `name` and returns the exit code and the
/// lint codes reported on stderr (as `error[code]` or `warning[code]`).
fn check(name: &str, args: &[&str]) -> (i32, BTreeSet<String>) {
    let (output, info) = coopai(args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    assert!(
        !stderr.contains("panicked"),
        "coopai {args:?} panicked:\n{stderr}"
    );
    let snapshot = format!(
        "success: {}\nexit_code: {code}\n----- stdout -----\n{stdout}\n----- stderr -----\n{stderr}",
        output.status.success(),
    );
    insta::with_settings!({ info => &info, omit_expression => true }, {
        insta::assert_snapshot!(name, snapshot);
    });
    (code, reported(&stderr).into_keys().collect())
}

/// Lint codes found in rendered diagnostics, with the severity each was reported at.
fn reported(stderr: &str) -> BTreeMap<String, String> {
    stderr
        .lines()
        .filter_map(|line| {
            let (severity, rest) = line.split_once('[')?;
            let (code, _) = rest.split_once("]: ")?;
            matches!(severity, "error" | "warning")
                .then(|| (code.to_string(), severity.to_string()))
        })
        .collect()
}

fn check_fixture(file: &str, exit: i32, codes: &[&str]) {
    let path = format!("{FIXTURES}/{file}");
    let stem = file.trim_end_matches(".toml");
    let (code, found) = check(stem, &["framework", "check", &path]);
    let expected: BTreeSet<String> = codes.iter().map(|c| c.to_string()).collect();
    assert_eq!(found, expected, "{file}: lint codes reported");
    assert_eq!(code, exit, "{file}: exit code");
}

/// One test per fixture, and the table the coverage tests read.
macro_rules! fixtures {
    ($($test:ident: $file:literal => exit $exit:literal, [$($code:literal),*];)*) => {
        /// (fixture file, exit code, lint codes it reports)
        const CASES: &[(&str, i32, &[&str])] = &[$(($file, $exit, &[$($code),*])),*];
        $(
            #[test]
            fn $test() {
                check_fixture($file, $exit, &[$($code),*]);
            }
        )*
    };
}

fixtures! {
    valid: "valid.toml" => exit 0, [];
    extreme_values: "extreme-values.toml" => exit 0, [];

    // The file cannot be read as a framework at all.
    syntax_error: "syntax-error.toml" => exit 2, ["invalid-toml"];
    truncated: "truncated.toml" => exit 2, ["invalid-toml"];
    empty: "empty.toml" => exit 2, ["invalid-toml"];
    // Written byte for byte (0xE9, `é` in Latin-1, in a title); .gitattributes keeps git
    // from touching it.
    not_utf8: "not-utf8.toml" => exit 2, [];
    invalid_toml_unknown_key: "invalid-toml-unknown-key.toml" => exit 2, ["invalid-toml"];
    invalid_toml_unknown_kind: "invalid-toml-unknown-kind.toml" => exit 2, ["invalid-toml"];
    invalid_toml_wrong_type: "invalid-toml-wrong-type.toml" => exit 2, ["invalid-toml"];
    invalid_toml_missing_field: "invalid-toml-missing-field.toml" => exit 2, ["invalid-toml"];

    // Ids and metadata.
    invalid_id: "invalid-id.toml" => exit 2, ["invalid-id"];
    invalid_version: "invalid-version.toml" => exit 2, ["invalid-version"];
    duplicate_id_principle: "duplicate-id-principle.toml" => exit 2, ["duplicate-id"];
    duplicate_id_question: "duplicate-id-question.toml" => exit 2, ["duplicate-id"];
    duplicate_id_option: "duplicate-id-option.toml" => exit 2, ["duplicate-id"];
    duplicate_id_band: "duplicate-id-band.toml" => exit 2, ["duplicate-id"];
    unknown_principle: "unknown-principle.toml" => exit 2, ["unknown-principle"];
    unknown_question: "unknown-question.toml" => exit 2, ["unknown-question"];
    unknown_question_atrs: "unknown-question-atrs.toml" => exit 2, ["unknown-question"];
    unknown_question_case_study: "unknown-question-case-study.toml" => exit 2, ["unknown-question"];
    unknown_atrs_field: "unknown-atrs-field.toml" => exit 2, ["unknown-atrs-field"];
    duplicate_atrs_field: "duplicate-atrs-field.toml" => exit 2, ["duplicate-atrs-field"];
    unknown_option: "unknown-option.toml" => exit 2, ["unknown-option"];
    unknown_role: "unknown-role.toml" => exit 2, ["unknown-role"];
    unused_role: "unused-role.toml" => exit 0, ["unused-role"];
    role_not_asked: "role-not-asked.toml" => exit 2, ["role-not-asked"];
    unknown_option_near_miss: "unknown-option-near-miss.toml" => exit 2, ["unknown-option"];

    // Questions.
    missing_principle: "missing-principle.toml" => exit 2, ["missing-principle"];
    risk_with_principle: "risk-with-principle.toml" => exit 2, ["risk-with-principle"];
    no_options: "no-options.toml" => exit 2, ["no-options"];
    yes_no_options: "yes-no-options.toml" => exit 2, ["yes-no-options"];
    misplaced_field: "misplaced-field.toml" => exit 2, ["misplaced-field"];
    misplaced_field_min_impact_level: "misplaced-field-min-impact-level.toml" => exit 2, ["misplaced-field"];
    misplaced_field_impact_rule: "misplaced-field-impact-rule.toml" => exit 2, ["misplaced-field"];
    invalid_scale: "invalid-scale.toml" => exit 2, ["invalid-scale"];
    invalid_scale_missing: "invalid-scale-missing.toml" => exit 2, ["invalid-scale"];
    invalid_ranges: "invalid-ranges.toml" => exit 2, ["invalid-ranges"];
    invalid_number_negative: "invalid-number-negative.toml" => exit 2, ["invalid-number"];
    invalid_number_non_finite: "invalid-number-non-finite.toml" => exit 2, ["invalid-number"];
    invalid_number_nan: "invalid-number-nan.toml" => exit 2, ["invalid-number"];
    invalid_number_percent: "invalid-number-percent.toml" => exit 2, ["invalid-number"];

    // Conditions.
    invalid_condition: "invalid-condition.toml" => exit 2, ["invalid-condition"];
    invalid_condition_empty_any: "invalid-condition-empty-any.toml" => exit 2, ["invalid-condition"];
    invalid_condition_is_on_scale: "invalid-condition-is-on-scale.toml" => exit 2, ["invalid-condition"];
    invalid_condition_stage: "invalid-condition-stage.toml" => exit 2, ["invalid-condition"];
    condition_cycle: "condition-cycle.toml" => exit 2, ["condition-cycle"];
    condition_cycle_self: "condition-cycle-self.toml" => exit 2, ["condition-cycle"];
    condition_cycle_impact_level: "condition-cycle-impact-level.toml" => exit 2, ["condition-cycle"];
    never_applies: "never-applies.toml" => exit 2, ["never-applies"];
    never_applies_chain: "never-applies-chain.toml" => exit 2, ["never-applies"];
    never_applies_scale: "never-applies-scale.toml" => exit 2, ["never-applies"];
    unreachable_red_line: "unreachable-red-line.toml" => exit 2, ["never-applies", "unreachable-red-line"];
    unreachable_red_line_when: "unreachable-red-line-when.toml" => exit 2, ["unreachable-red-line"];

    // The impact profile.
    invalid_impact_level: "invalid-impact-level.toml" => exit 2, ["invalid-impact-level"];
    invalid_impact_level_option: "invalid-impact-level-option.toml" => exit 2, ["invalid-impact-level"];
    invalid_impact_level_safeguards: "invalid-impact-level-safeguards.toml" => exit 2, ["invalid-impact-level"];
    impact_level_gap: "impact-level-gap.toml" => exit 2, ["impact-level-gap"];
    impact_level_gap_overlap: "impact-level-gap-overlap.toml" => exit 2, ["impact-level-gap"];
    impact_level_gap_top: "impact-level-gap-top.toml" => exit 2, ["impact-level-gap"];
    impact_level_gap_numbering: "impact-level-gap-numbering.toml" => exit 2, ["impact-level-gap"];

    // Outcome bands.
    no_bands: "no-bands.toml" => exit 2, ["no-bands"];
    band_thresholds_order: "band-thresholds-order.toml" => exit 2, ["band-thresholds"];
    band_thresholds_range: "band-thresholds-range.toml" => exit 2, ["band-thresholds"];
    band_thresholds_count: "band-thresholds-count.toml" => exit 2, ["band-thresholds"];
    band_thresholds_last: "band-thresholds-last.toml" => exit 2, ["band-thresholds"];

    // Moves of answers from earlier versions.
    unknown_move_target: "unknown-move-target.toml" => exit 2, ["unknown-move-target"];
    ambiguous_move: "ambiguous-move.toml" => exit 2, ["ambiguous-move"];
    duplicate_move: "duplicate-move.toml" => exit 2, ["duplicate-move"];

    // Warnings: the framework loads, so the exit code is 0 (2 with --deny-warnings).
    band_level_order: "band-level-order.toml" => exit 0, ["band-level-order"];
    empty_principle: "empty-principle.toml" => exit 0, ["empty-principle"];
    missing_help: "missing-help.toml" => exit 0, ["missing-help"];
    missing_help_summary: "missing-help-summary.toml" => exit 0, ["missing-help"];
    unknown_ica_value: "unknown-ica-value.toml" => exit 0, ["unknown-ica-value"];
    unused_mitigation: "unused-mitigation.toml" => exit 0, ["unused-mitigation"];
    needless_not_known: "needless-not-known.toml" => exit 0, ["needless-not-known"];
    follow_up_can_lower_score: "follow-up-can-lower-score.toml" => exit 0, ["follow-up-can-lower-score"];
    // Fixtures that other tests score, kept as they are because they pin how follow-ups
    // that a better answer switches behave without `bonus`.
    conditional_follow_ups: "conditional-follow-ups.toml" => exit 0, ["follow-up-can-lower-score"];
    scoring_rules: "scoring-rules.toml" => exit 0, ["follow-up-can-lower-score"];

    // Every problem in a file is reported in one run.
    many_problems: "many-problems.toml" => exit 2, [
        "invalid-version", "invalid-number", "duplicate-id", "unknown-principle",
        "unknown-question", "missing-help", "no-options", "band-thresholds"
    ];
}

#[test]
fn missing_file() {
    let (code, found) = check(
        "missing-file",
        &[
            "framework",
            "check",
            "tests/fixtures/frameworks/missing.toml",
        ],
    );
    assert_eq!((code, found.len()), (2, 0));
}

#[test]
fn directory() {
    let (code, found) = check("directory", &["framework", "check", FIXTURES]);
    assert_eq!((code, found.len()), (2, 0));
}

#[test]
fn deny_warnings() {
    let path = format!("{FIXTURES}/missing-help.toml");
    let (code, found) = check(
        "deny-warnings",
        &["framework", "check", "--deny-warnings", &path],
    );
    assert_eq!(code, 2);
    assert!(found.contains("missing-help"));
}

#[test]
fn several_files_are_all_checked() {
    let files = [
        "valid.toml",
        "missing-help.toml",
        "syntax-error.toml",
        "missing.toml",
    ]
    .map(|f| format!("{FIXTURES}/{f}"));
    let mut args = vec!["framework", "check"];
    args.extend(files.iter().map(String::as_str));
    let (code, found) = check("several-files", &args);
    assert_eq!(code, 2);
    assert_eq!(
        found,
        ["invalid-toml", "missing-help"].map(String::from).into()
    );
}

/// Impact levels are numbered in a byte; more than 255 is an error, not a silent wrap-around.
#[test]
fn too_many_impact_levels() {
    let valid = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(FIXTURES)
            .join("valid.toml"),
    )
    .unwrap();
    let levels: String = (0..300)
        .map(|i| {
            format!(
                "[[impact.level]]\nlevel = {}\nname = \"L\"\nfrom = {}\nto = {}\n\n",
                i + 1,
                i as f64 / 3.0,
                if i == 299 {
                    100.0
                } else {
                    (i + 1) as f64 / 3.0
                }
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("levels.toml");
    std::fs::write(&path, format!("{levels}{valid}")).unwrap();
    let (output, _) = coopai(&["framework", "check", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("too many impact levels: 300"), "{stderr}");
    assert!(
        stderr.contains("gives 1 threshold for 300 impact levels"),
        "{stderr}"
    );
}

/// A file of one 10,000-character line with a mistake in its middle: the message shows a
/// window of the line around the mistake, not the whole line, and still gives the true column.
#[test]
fn a_very_long_line_is_cut_around_the_mistake() {
    // A list missing the comma between its two long strings.
    let filler = "a".repeat(4980);
    let line = format!("words = [\"{filler}\" \"{filler}\"]");
    let line = format!("{line}{}", " ".repeat(10_000 - line.len()));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one-line.toml"), &line).unwrap();
    let out = common::coopai_in(dir.path(), &["framework", "check", "one-line.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = common::text(&out.stderr);
    assert!(stderr.lines().all(|l| l.chars().count() < 200), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn example_framework_is_clean() {
    let (output, _) = coopai(&[
        "framework",
        "check",
        "--deny-warnings",
        "frameworks/example-minimal.toml",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn warnings_fail_with_deny_warnings() {
    for (file, exit, codes) in CASES {
        if *exit == 0 && !codes.is_empty() {
            let (output, _) = coopai(&[
                "framework",
                "check",
                "--deny-warnings",
                &format!("{FIXTURES}/{file}"),
            ]);
            assert_eq!(output.status.code(), Some(2), "{file} with --deny-warnings");
        }
    }
}

/// Every framework lint and the shared file codes: code and severity.
fn lints() -> Vec<(&'static str, &'static str)> {
    FileCode::all()
        .iter()
        .map(|c| (c.code(), c.severity().name()))
        .chain(Lint::all().iter().map(|c| (c.code(), c.severity().name())))
        .collect()
}

/// A new lint cannot ship without a fixture that produces it, and every code reported is
/// a framework lint at the severity it is reported with.
#[test]
fn every_lint_has_a_fixture() {
    let lints = lints();
    let listed: BTreeMap<&str, &str> = lints.iter().copied().collect();
    assert_eq!(listed.len(), lints.len(), "a code is listed twice");
    let mut produced = BTreeSet::new();
    for (file, _, _) in CASES {
        let (output, _) = coopai(&["framework", "check", &format!("{FIXTURES}/{file}")]);
        for (code, severity) in reported(&String::from_utf8_lossy(&output.stderr)) {
            assert_eq!(
                listed.get(code.as_str()),
                Some(&severity.as_str()),
                "{file} reports {severity}[{code}], not a framework lint of that severity"
            );
            produced.insert(code);
        }
    }
    let missing: Vec<&str> = listed
        .keys()
        .copied()
        .filter(|c| !produced.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "lints without a fixture that produces them: {missing:?}"
    );
    for (code, _) in lints {
        let named = CASES.iter().any(|(file, _, _)| file.starts_with(code));
        assert!(
            named || code == FileCode::InvalidToml.code(),
            "no fixture is named after `{code}`"
        );
    }
}

/// Every file in the fixtures folder is listed above, so no lint fixture goes untested. The
/// folder also holds frameworks that other tests score (such as bonus-follow-ups.toml); those
/// are not listed here, so they must pass the check cleanly.
#[test]
fn every_fixture_is_tested() {
    let listed: BTreeSet<&str> = CASES.iter().map(|(file, _, _)| *file).collect();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    for entry in std::fs::read_dir(folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !listed.contains(name.as_str()) {
            let path = format!("{FIXTURES}/{name}");
            let (output, _) = coopai(&["framework", "check", "--deny-warnings", &path]);
            assert!(
                output.status.success(),
                "{path} is not listed in tests/framework_check.rs, and does not pass the check:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// The complete example at the top of docs/framework-format.md is a framework that passes the
/// check without warnings.
#[test]
fn documented_example_is_clean() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/framework-format.md"),
    )
    .unwrap();
    let section = doc
        .split("## A complete example")
        .nth(1)
        .expect("the doc has a complete example");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a toml block");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small-example.toml");
    std::fs::write(&path, example).unwrap();
    let (output, _) = coopai(&[
        "framework",
        "check",
        "--deny-warnings",
        path.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// docs/framework.schema.json is what `coopai framework schema` prints. To regenerate it:
/// `cargo run -- framework schema -o docs/framework.schema.json --force`.
#[test]
fn committed_schema_is_current() {
    let (output, _) = coopai(&["framework", "schema"]);
    assert_eq!(output.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/framework.schema.json"),
    )
    .unwrap();
    assert!(
        committed == String::from_utf8_lossy(&output.stdout),
        "docs/framework.schema.json is out of date; regenerate it with\n  cargo run -- framework schema -o docs/framework.schema.json --force"
    );
}
