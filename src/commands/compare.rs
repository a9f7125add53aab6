//! `coopai compare` and `coopai diff`: score several answers files against one framework and
//! report them side by side, or what changed between two versions.

use std::path::Path;

use anyhow::Result;

use super::{Outcome, emit, load_assessment, load_framework, respondents};
use crate::cli::{CompareArgs, DiffArgs};
use crate::framework::Framework;
use crate::report::compare::{self, Scored};
use crate::report::diff;
use crate::scoring::{ViewOptions, score_with};

pub fn compare(args: &CompareArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let items = args
        .files
        .iter()
        .map(|path| scored(&fw, path))
        .collect::<Result<Vec<_>>>()?;
    let comparison = compare::compare(&fw, &items);
    emit(
        &args.output,
        &compare::render(&fw, &comparison, args.format),
    )?;
    Ok(Outcome::Success)
}

pub fn diff(args: &DiffArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let (old, new) = (scored(&fw, &args.old)?, scored(&fw, &args.new)?);
    let changes = diff::diff(&fw, &old, &new);
    emit(&args.output, &diff::render(&changes, args.format))?;
    Ok(Outcome::Success)
}

/// Scored as `coopai score` scores it, with the respondents' answers beside the file.
fn scored(fw: &Framework, path: &Path) -> Result<Scored> {
    let assessment = load_assessment(path, fw)?;
    let options = ViewOptions::default();
    let mut refused = 0;
    let tally = respondents(fw, path, None, &options, &mut refused)?;
    anyhow::ensure!(
        refused == 0,
        "{}: {} refused (see above)",
        path.display(),
        crate::diagnostics::plural(refused, "response file")
    );
    Ok(Scored {
        file: path.display().to_string(),
        report: score_with(fw, &assessment, tally.as_ref(), &options),
        answered_against: assessment.framework,
    })
}
