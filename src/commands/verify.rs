//! `coopai verify`: the terminal and disk side of [`crate::verify`].

use anyhow::{Context, Result};

use super::{ERROR, Outcome, load_assessment, load_framework, respondents};
use crate::cli::VerifyArgs;
use crate::scoring::ViewOptions;
use crate::scoring::report::Report;
use crate::verify::{answers_from_report, check_inputs, verify};

/// Differences listed in full; more are counted. Inputs that differ explain a long list.
const SHOWN: usize = 40;

pub fn run(args: &VerifyArgs) -> Result<Outcome> {
    let path = &args.report;
    let text = crate::source::read_text(path)?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not valid JSON", path.display()))?;
    if let serde_json::Value::Array(items) = &json {
        anyhow::bail!(
            "{}: holds {} reports; verify takes one (write each with `coopai score FILE --format json`)",
            path.display(),
            items.len()
        );
    }
    let report: Report = serde_json::from_value(json.clone()).with_context(|| {
        format!(
            "{}: not a coopai JSON report (docs/report-format.md)",
            path.display()
        )
    })?;
    let fw = load_framework(&args.framework)?;
    let fw_name = args
        .framework
        .framework
        .as_ref()
        .map_or("the embedded framework".to_string(), |p| {
            p.display().to_string()
        });
    anstream::println!("Verifying {}", path.display());
    anstream::println!(
        "  framework: {fw_name} ({} {}, sha256 {})",
        fw.id,
        fw.version,
        fw.sha256
    );
    let (answers, answers_line) = match &args.answers {
        Some(a) => (load_assessment(a, &fw)?, format!("{}", a.display())),
        None => match answers_from_report(&report, &fw) {
            Ok(answers) => (
                answers,
                "the answers recorded in the report (pass --answers FILE to check the file too)"
                    .to_string(),
            ),
            Err(mut e) => {
                if let crate::framework::LoadError::Invalid(d) = &mut e {
                    d.items.retain(|d| d.is_error());
                }
                // A report whose own answers do not fit its framework cannot have come from it.
                for m in check_inputs(&report, &fw, None) {
                    anstream::println!("input differs: {m}");
                }
                anstream::println!("the answers recorded in the report do not fit {fw_name}:\n{e}");
                anstream::eprintln!(
                    "{ERROR}mismatch{ERROR:#}: {} does not match what its inputs give",
                    path.display()
                );
                return Ok(Outcome::GateFailed);
            }
        },
    };
    let options = ViewOptions {
        include_comments: args.include_comments,
    };
    let mut refused = 0;
    let tally = match &args.answers {
        Some(file) if !args.no_responses => {
            respondents(&fw, file, args.responses.as_deref(), &options, &mut refused)?
        }
        _ => None,
    };
    anyhow::ensure!(
        refused == 0,
        "{} refused (see above): the report cannot be checked against them",
        crate::diagnostics::plural(refused, "response file")
    );
    let v = verify(
        &json,
        &report,
        &fw,
        &answers,
        args.answers.is_some(),
        tally.as_ref(),
        &options,
    );

    let mut out = format!("  answers:   {answers_line}\n");
    if let Some(t) = &tally {
        out.push_str(&format!(
            "  responses: {} combined, digest {}\n",
            t.responses(),
            t.digest()
        ));
    }
    if v.views_unchecked {
        out.push_str("  views:     not checked: the report combines respondents' answers, which are not in it (pass --answers FILE to check them against the responses beside it)\n");
    }
    for m in &v.input_mismatches {
        out.push_str(&format!("input differs: {m}\n"));
    }
    match v.differences.len() {
        0 => out.push_str("recomputed report: every field matches\n"),
        n => {
            out.push_str(&format!(
                "recomputed report: {n} field{} differ{}:\n",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" }
            ));
            for d in v.differences.iter().take(SHOWN) {
                out.push_str(&format!("  {d}\n"));
            }
            if n > SHOWN {
                out.push_str(&format!("  ... and {} more\n", n - SHOWN));
            }
        }
    }
    if v.matches() {
        out.push_str("ok: the report matches its framework and answers\n");
        anstream::print!("{out}");
        Ok(Outcome::Success)
    } else {
        anstream::print!("{out}");
        anstream::eprintln!(
            "{ERROR}mismatch{ERROR:#}: {} does not match what its inputs give",
            path.display()
        );
        Ok(Outcome::GateFailed)
    }
}
