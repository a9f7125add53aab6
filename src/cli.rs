//! Command-line definitions (clap). Behaviour lives in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Assess whether a proposed AI system lives up to co-operative values.
///
/// coopai walks a council officer through the CCIN co-operative AI guidance framework,
/// scores the answers and writes a report to share.
#[derive(Debug, Parser)]
#[command(name = "coopai", version, propagate_version = true)]
#[command(after_help = "Start an assessment:  coopai assess\nDocs: docs/user-guide.md")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work with framework files: lint, show, schema
    #[command(subcommand)]
    Framework(FrameworkCommand),
}

#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Lint framework files and print a one-line summary of each
    #[command(after_help = "Example:\n  coopai framework check frameworks/*.toml --deny-warnings")]
    Check {
        /// Framework files to check [default: the embedded reference framework]
        files: Vec<PathBuf>,
        /// Exit with code 2 when there are warnings, not only errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Show a framework's principles, questions, impact levels and bands
    #[command(after_help = "Example:\n  coopai framework show frameworks/example-minimal.toml --format json")]
    Show {
        /// Framework file [default: the embedded reference framework]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Print the JSON Schema of the framework format, for editors
    #[command(after_help = "Example:\n  coopai framework schema -o framework.schema.json")]
    Schema {
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}

/// Where a command writes its result.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists
    #[arg(long)]
    pub force: bool,
}

/// Which framework a command uses.
#[derive(Debug, Clone, Args)]
pub struct FrameworkArgs {
    /// Framework file [default: the embedded CCIN reference framework]
    #[arg(long, value_name = "FILE", env = "COOPAI_FRAMEWORK")]
    pub framework: Option<PathBuf>,
}
