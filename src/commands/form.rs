//! `coopai form`: the questionnaire as one offline HTML page, for the lead or, with `--role`,
//! for one respondent role.

use anyhow::Result;

use super::template::respondent;
use super::{Outcome, load_framework};
use crate::cli::FormArgs;
use crate::output::write_atomic;

pub fn run(args: &FormArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let role = respondent(&fw, args.role.as_deref())?;
    let page = crate::form::render(&fw, role);
    write_atomic(&args.output, page.as_bytes(), args.force)?;
    anstream::eprintln!("wrote {}", args.output.display());
    Ok(Outcome::Success)
}
