//! The calibration table: each case's expectation and result side by side.

use std::fmt::Write as _;

use super::Case;
use crate::markdown_escape::cell;
use crate::report::text::table;

/// The outcome as the comparison reads it: the band, or the bands a provisional one spans,
/// worst to best.
fn outcome(case: &Case) -> String {
    let o = &case.report.overall;
    match o.bands_possible.as_slice() {
        [best, .., worst] if o.provisional => {
            format!("provisional: {} to {}", worst.name, best.name)
        }
        _ if o.provisional => format!("provisional: {}", o.band_name),
        _ => o.band_name.clone(),
    }
}

fn expected_outcome(case: &Case) -> String {
    case.expected_bands.join(" or ")
}

/// The level used, and while it is precautionary the range it could still take.
fn level(case: &Case) -> String {
    let i = &case.report.impact;
    if i.precautionary {
        format!(
            "{} (precautionary; {} to {})",
            i.level, i.range.low, i.range.high
        )
    } else {
        i.level.to_string()
    }
}

fn levels(levels: &[u8]) -> String {
    levels
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

fn agrees(case: &Case) -> &'static str {
    match (case.level_agrees, case.outcome_agrees) {
        (true, true) => "yes",
        (false, true) => "no: level",
        (true, false) => "no: outcome",
        (false, false) => "no: level and outcome",
    }
}

/// "11 of 13 cases agree".
pub fn summary(cases: &[Case]) -> String {
    let agree = cases.iter().filter(|c| c.agrees()).count();
    format!(
        "{agree} of {} cases agree with their expectation",
        cases.len()
    )
}

/// For the terminal.
pub fn text(cases: &[Case]) -> String {
    let mut t = table(
        vec![
            "Case",
            "Variant",
            "Level (expected)",
            "Outcome",
            "Expected",
            "Agrees",
        ],
        120,
    );
    for c in cases {
        t.add_row(vec![
            c.slug.clone(),
            c.variant.name().to_string(),
            format!("{} ({})", level(c), levels(&c.expected().impact_level)),
            format!("{} ({})", outcome(c), c.report.overall.score),
            expected_outcome(c),
            agrees(c).to_string(),
        ]);
    }
    format!("{t}\n{}\n", summary(cases))
}

/// For docs/calibration.md: the table, then each expectation's reasoning.
pub fn markdown(cases: &[Case]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| Case | Kind | Stage | Variant | Level | Expected level | Outcome | Score | Expected outcome | Agrees |\n|---|---|---|---|---:|---|---|---:|---|---|"
    );
    for c in cases {
        let e = &c.expectation;
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&format!("{}, {}", e.system, e.council)),
            e.record,
            cell(&e.kind),
            cell(&e.stage),
            c.variant.name(),
            level(c),
            levels(&c.expected().impact_level),
            cell(&outcome(c)),
            c.report.overall.score,
            cell(&expected_outcome(c)),
            agrees(c)
        );
    }
    let _ = writeln!(out, "\n{}.\n", summary(cases));
    let _ = writeln!(out, "### What each reviewer expected, and why\n");
    for c in cases {
        let expected = c.expected();
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            cell(&c.slug),
            c.variant.name(),
            cell(&expected.reasoning)
        );
        if let Some(revised) = c
            .expectation
            .revised
            .as_ref()
            .filter(|_| c.variant == super::Variant::RecordOnly)
        {
            let _ = writeln!(out, "  Revised: {}", cell(revised));
        }
    }
    out
}

/// How `coopai calibrate` writes its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalibrateFormat {
    /// A table for the terminal
    Table,
    /// Markdown, as docs/calibration.md holds it
    Md,
}
