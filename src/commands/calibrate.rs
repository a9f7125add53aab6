//! `coopai calibrate`: the terminal and disk side of [`crate::calibrate`].

use anyhow::Result;

use super::{Outcome, emit, load_framework, print_diagnostics};
use crate::calibrate::render::{self, CalibrateFormat};
use crate::calibrate::{CalibrationError, calibrate};
use crate::cli::CalibrateArgs;
use crate::framework::LoadError;

pub fn run(args: &CalibrateArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    let cases = match calibrate(&args.dir, &fw) {
        Ok(cases) => cases,
        // Answers files explain themselves with file, line and column.
        Err(CalibrationError::Answers(LoadError::Invalid(diags))) => {
            print_diagnostics(&diags);
            anyhow::bail!("could not load answers {}", diags.summary())
        }
        Err(e) => return Err(e.into()),
    };
    let text = match args.format {
        CalibrateFormat::Table => render::text(&cases),
        CalibrateFormat::Md => render::markdown(&cases),
    };
    emit(&args.output, &text)?;
    Ok(if cases.iter().all(|c| c.agrees()) {
        Outcome::Success
    } else {
        Outcome::GateFailed
    })
}
