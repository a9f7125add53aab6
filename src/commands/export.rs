//! `coopai export`: what a council publishes from an assessment.

use anyhow::Result;

use super::{Outcome, emit, load_assessment, load_framework};
use crate::cli::{ExportAtrsArgs, ExportCommand};
use crate::publish::atrs;
use crate::scoring::score;

pub fn run(cmd: ExportCommand) -> Result<Outcome> {
    match cmd {
        ExportCommand::Atrs(args) => export_atrs(&args),
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
