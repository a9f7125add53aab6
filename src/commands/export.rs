//! `coopai export`: what a council publishes from an assessment, made fit to share beyond the
//! council.

use std::path::Path;

use anyhow::Result;

use super::{Outcome, emit, load_assessment, load_framework, respondents};
use crate::assessment::Assessment;
use crate::cli::{CaseStudyArgs, ExportAtrsArgs, ExportCommand};
use crate::diagnostics::plural;
use crate::framework::Framework;
use crate::publish::{atrs, case_study};
use crate::scoring::report::Report;
use crate::scoring::{ViewOptions, score, score_with};

pub fn run(cmd: &ExportCommand) -> Result<Outcome> {
    match cmd {
        ExportCommand::Atrs(args) => export_atrs(args),
        ExportCommand::CaseStudy(args) => run_case_study(args),
    }
}
/// The draft record scores the lead answers alone: a record describes the system, and
/// respondents' views belong in the council's own report.
fn export_atrs(args: &ExportAtrsArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let assessment = load_assessment(&args.file, &fw)?;
    let report = score(&fw, &assessment);
    let record = atrs::draft(&fw, &assessment, &report);
    emit(&args.output, &atrs::render(&record, args.format))?;
    Ok(Outcome::Success)
}

fn run_case_study(args: &CaseStudyArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let a = load_assessment(&args.file, &fw)?;
    let mut refused = 0;
    let (published, report) = published_report(&fw, &args.file, &a, &mut refused)?;
    let cs = case_study::build(&fw, &report, &published.meta.team, &published.meta.contact);
    emit(&args.output, &case_study::render(&cs, args.format))?;
    anyhow::ensure!(
        refused == 0,
        "{} refused (see above); the case study combines the others",
        plural(refused, "response file")
    );
    Ok(Outcome::Success)
}

/// The assessment at `path` made fit to publish, and its report with the respondents' views
/// (their free text left out): what a case study and a register page are made from.
pub(super) fn published_report(
    fw: &Framework,
    path: &Path,
    a: &Assessment,
    refused: &mut usize,
) -> Result<(Assessment, Report)> {
    let options = ViewOptions::default();
    let tally = respondents(fw, path, None, &options, refused)?;
    let published = a.for_publication();
    let report = score_with(fw, &published, tally.as_ref(), &options);
    Ok((published, report))
}
