//! `coopai completions <shell>`: a completion script generated from the CLI definition, so it
//! always matches the commands and options of this build.

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::Outcome;
use crate::cli::Cli;

pub fn run(shell: Shell) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "coopai", &mut script);
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    Ok(Outcome::Success)
}
