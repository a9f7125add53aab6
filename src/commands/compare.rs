//! `coopai compare` and `coopai diff`: score several answers files against one framework and
//! report them side by side, or what changed between two versions.

use std::path::Path;

use anyhow::Result;

use super::{Outcome, emit, load_assessment, load_framework};
use crate::cli::{CompareArgs, DiffArgs};
use crate::framework::Framework;
use crate::report::compare::{self, Scored};
use crate::report::diff;
use crate::scoring::score;

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

fn scored(fw: &Framework, path: &Path) -> Result<Scored> {
    let assessment = load_assessment(path, fw)?;
    Ok(Scored {
        file: path.display().to_string(),
        report: score(fw, &assessment),
        answered_against: assessment.framework,
    })
}
