//! `coopai score`: score answers files and report, with gates for pipelines.

use anyhow::Result;

use super::{Outcome, emit, emit_styled, load_assessment, load_framework, respondents};
use crate::cli::ScoreArgs;
use crate::diagnostics::plural;
use crate::number::num;
use crate::report::{ReportFormat, render_with};
use crate::scoring::report::Report;
use crate::scoring::{ViewOptions, score_with};

pub fn run(args: &ScoreArgs) -> Result<Outcome> {
    if let Some(n) = args.fail_under {
        anyhow::ensure!(
            (0.0..=100.0).contains(&n),
            "--fail-under takes a score from 0 to 100, not {n}"
        );
    }
    anyhow::ensure!(
        args.responses.is_none() || args.files.len() == 1,
        "--responses names the responses of one answers file; give one FILE, or leave it out to read each file's own folder"
    );
    let fw = load_framework(&args.framework)?;
    let options = ViewOptions {
        include_comments: args.include_comments,
    };
    let mut refused = 0;
    let reports = args
        .files
        .iter()
        .map(|path| {
            let a = load_assessment(path, &fw)?;
            let tally = if args.no_responses {
                None
            } else {
                respondents(&fw, path, args.responses.as_deref(), &options, &mut refused)?
            };
            Ok(score_with(&fw, &a, tally.as_ref(), &options))
        })
        .collect::<Result<Vec<Report>>>()?;
    let text = render_with(&fw, &reports, args.format, args.answers);
    if args.format == ReportFormat::Table {
        emit_styled(&args.output, &text)?;
    } else {
        emit(&args.output, &text)?;
    }

    let mut failed = false;
    for (path, r) in args.files.iter().zip(&reports) {
        let worst = r.worst_case_score();
        if let Some(n) = args.fail_under.filter(|n| worst < *n) {
            let how = if r.overall.provisional {
                format!(
                    "could score as little as {} once answered (provisional; {} so far)",
                    num(worst),
                    num(r.overall.score)
                )
            } else {
                format!("scored {}", num(worst))
            };
            anstream::eprintln!(
                "gate failed: {} {how}, under --fail-under {n}",
                path.display()
            );
            failed = true;
        }
        if args.deny_red_lines && r.worst_case_red_lines() > 0 {
            anstream::eprintln!(
                "gate failed: {} crosses {} and leaves {} open to answers still to come (--deny-red-lines)",
                path.display(),
                plural(r.red_lines.len(), "red line"),
                r.possible_red_lines.len()
            );
            failed = true;
        }
    }
    anyhow::ensure!(
        refused == 0,
        "{} refused (see above); the report combines the others",
        plural(refused, "response file")
    );
    Ok(if failed {
        Outcome::GateFailed
    } else {
        Outcome::Success
    })
}
