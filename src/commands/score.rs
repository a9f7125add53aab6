//! `coopai score`: score answers files and report, with gates for pipelines.

use anyhow::Result;

use super::{Outcome, emit, load_assessment, load_framework};
use crate::cli::ScoreArgs;
use crate::report::render_with;
use crate::scoring::report::Report;
use crate::scoring::score;

pub fn run(args: &ScoreArgs) -> Result<Outcome> {
    if let Some(n) = args.fail_under {
        anyhow::ensure!(
            (0.0..=100.0).contains(&n),
            "--fail-under takes a score from 0 to 100, not {n}"
        );
    }
    let fw = load_framework(&args.framework)?;
    let reports = args
        .files
        .iter()
        .map(|path| Ok(score(&fw, &load_assessment(path, &fw)?)))
        .collect::<Result<Vec<Report>>>()?;
    emit(
        &args.output,
        &render_with(&fw, &reports, args.format, args.answers),
    )?;

    let mut failed = false;
    for (path, r) in args.files.iter().zip(&reports) {
        if let Some(n) = args.fail_under.filter(|n| r.overall.score < *n) {
            anstream::eprintln!(
                "gate failed: {} scored {}, under --fail-under {n}",
                path.display(),
                r.overall.score
            );
            failed = true;
        }
        if args.deny_red_lines && !r.red_lines.is_empty() {
            anstream::eprintln!(
                "gate failed: {} crosses {} red line(s) (--deny-red-lines)",
                path.display(),
                r.red_lines.len()
            );
            failed = true;
        }
    }
    Ok(if failed {
        Outcome::GateFailed
    } else {
        Outcome::Success
    })
}
