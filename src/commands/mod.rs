//! What each subcommand does: load inputs, call the library, write outputs, choose the exit
//! code. The only layer, with the interview, that touches the terminal and the disk.

mod assess;
mod calibrate;
mod compare;
mod completions;
mod form;
mod framework;
mod man;
mod rescore;
mod respond;
mod score;
mod template;
mod verify;

use std::path::Path;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Cli, Command, FrameworkArgs, OutputArgs};
use crate::diagnostics::FileDiagnostics;
use crate::framework::{Framework, LoadError};
use crate::output::write_atomic;

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: a gate the user asked for failed (`--fail-under`, `--deny-red-lines`, `verify`).
    GateFailed,
}

/// Exit code for bad input or usage, as clap uses for usage errors.
const BAD_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        // The reader went away (`coopai score FILE | head`): it has what it wanted.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(&e);
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Assess(args) => assess::run(&args),
        Command::Completions { shell } => completions::run(shell),
        Command::Framework(cmd) => framework::run(cmd),
        Command::Man { output, force } => man::run(&output, force),
        Command::Score(args) => score::run(&args),
        Command::Compare(args) => compare::compare(&args),
        Command::Diff(args) => compare::diff(&args),
        Command::Rescore(args) => rescore::run(&args),
        Command::Calibrate(args) => calibrate::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Form(args) => form::run(&args),
    }
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

fn report_error(e: &anyhow::Error) {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        // Errors that already put their cause into words are not repeated.
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(&format!(": {cause}"));
        }
    }
    anstream::eprintln!("{ERROR}error{ERROR:#}: {message}");
}

/// Prints diagnostics (warnings, or errors before failing) to stderr.
fn print_diagnostics(diags: &FileDiagnostics) {
    if !diags.is_empty() {
        anstream::eprint!("{diags}");
    }
}

/// Loads the framework a command was pointed at, or the embedded one; shows warnings.
pub(crate) fn load_framework(args: &FrameworkArgs) -> Result<Framework> {
    match &args.framework {
        Some(path) => load_framework_file(path),
        None => Ok(crate::framework::embedded()),
    }
}

fn load_framework_file(path: &Path) -> Result<Framework> {
    match crate::framework::load_file(path) {
        Ok(loaded) => {
            print_diagnostics(&loaded.warnings);
            Ok(loaded.framework)
        }
        Err(LoadError::Invalid(diags)) => {
            print_diagnostics(&diags);
            anyhow::bail!("could not load framework {}", diags.summary())
        }
        Err(e) => Err(e.into()),
    }
}

/// Loads and checks an answers file against `fw`; shows warnings, fails on errors.
pub(crate) fn load_assessment(
    path: &Path,
    fw: &Framework,
) -> Result<crate::assessment::Assessment> {
    match crate::assessment::load_file(path, fw) {
        Ok(loaded) => {
            print_diagnostics(&loaded.warnings);
            Ok(loaded.assessment)
        }
        Err(LoadError::Invalid(diags)) => {
            print_diagnostics(&diags);
            anyhow::bail!("could not load answers {}", diags.summary())
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes a command's result to `-o FILE` (atomically) or to stdout.
fn emit(output: &OutputArgs, contents: &str) -> Result<()> {
    match &output.output {
        Some(path) => {
            write_atomic(path, contents.as_bytes(), output.force)?;
            anstream::eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => {
            use std::io::Write;
            let mut out = anstream::stdout();
            out.write_all(contents.as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write to standard output")
        }
    }
}

/// The respondents' answers for the answers file at `lead`, combined as they are read: from
/// `given`, or the folder beside the file. `None` when that folder does not exist or holds no
/// responses, so a report without respondents is exactly what it was; a folder named with
/// `--responses` must exist. Refused files are reported here, named, and counted in `refused`.
pub(crate) fn respondents(
    fw: &crate::framework::Framework,
    lead: &std::path::Path,
    given: Option<&std::path::Path>,
    options: &crate::scoring::ViewOptions,
    refused: &mut usize,
) -> Result<Option<crate::scoring::Tally>> {
    let dir = given.map_or_else(
        || crate::assessment::responses_dir(lead),
        std::path::Path::to_path_buf,
    );
    if !dir.exists() {
        anyhow::ensure!(
            given.is_none(),
            "--responses {}: no such folder",
            dir.display()
        );
        return Ok(None);
    }
    let mut tally = crate::scoring::Tally::with_options(fw, options);
    let read = crate::assessment::read_responses(&dir, fw, |r| tally.add(fw, &r));
    if read.has_errors() || read.warned > 0 {
        anstream::eprint!("{read}");
    }
    *refused += read.refused;
    Ok((read.loaded > 0).then_some(tally))
}
