//! `coopai man`: a manual page for every command, generated from the CLI definition, so the
//! pages always match the commands and options of this build. The same pages are committed
//! under docs/man/ (a test keeps them current).

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;
use crate::output::write_atomic;

pub fn run(dir: &Path, force: bool) -> Result<Outcome> {
    let pages = pages().context("cannot render the manual pages")?;
    for (name, page) in &pages {
        write_atomic(&dir.join(name), page, force)?;
    }
    anstream::eprintln!("wrote {} manual pages to {}", pages.len(), dir.display());
    Ok(Outcome::Success)
}

/// Each command's page, named as man looks for it (`coopai-framework-check.1`).
fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn add(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone())
            .source(concat!("coopai ", env!("CARGO_PKG_VERSION")))
            .manual("coopai manual");
        let mut page = Vec::new();
        man.render(&mut page)?;
        pages.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            add(sub, pages)?;
        }
        Ok(())
    }
    // Built, so subcommands carry their full names (`coopai-framework-check`); `help` is
    // clap's own and has no page.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    add(&cmd, &mut pages)?;
    Ok(pages)
}
