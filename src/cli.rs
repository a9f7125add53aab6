//! Command-line definitions (clap). Behaviour lives in [`crate::commands`]; each output format
//! enum lives with the code that renders it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::calibrate::render::CalibrateFormat;
use crate::publish::atrs::AtrsFormat;
use crate::publish::case_study::CaseStudyFormat;
use crate::report::framework_docs::DocsFormat;
use crate::report::framework_table::ShowFormat;
use crate::report::{DiffFormat, ReportFormat};
use crate::rescore::RescoreFormat;

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
    /// Answer the framework's questions interactively; every answer is saved as you go
    #[command(
        after_help = "Examples:\n  coopai assess\n  coopai assess -o assessments/housing-repairs-chatbot.toml\n  coopai assess --resume assessments/housing-repairs-chatbot.toml\n  coopai assess --plain < answers.txt\n  coopai assess --role staff -o assessments/housing-repairs-chatbot.responses/staff-1.toml\n\nThe plain line protocol and the autosave guarantees: docs/interview.md\nCOOPAI_DATE=2026-11-23 records that date instead of today's (for tests and reproducible runs)."
    )]
    Assess(AssessArgs),
    /// Score answers files and print the assessment report
    #[command(
        after_help = "Examples:\n  coopai score assessments/housing-repairs-chatbot.toml\n  coopai score answers.toml --answers\n  coopai score answers.toml --format md -o report.md\n  coopai score answers.toml --format html -o report.html\n  coopai score answers.toml --fail-under 60 --deny-red-lines"
    )]
    Score(ScoreArgs),
    /// Compare assessments side by side, one column each
    #[command(
        after_help = "Examples:\n  coopai compare assessments/*.toml\n  coopai compare a.toml b.toml --format html -o comparison.html"
    )]
    Compare(CompareArgs),
    /// Show what changed between two versions of an assessment
    #[command(
        after_help = "Example:\n  coopai diff old/chatbot.toml assessments/chatbot.toml --format md"
    )]
    Diff(DiffArgs),
    /// Write a fill-in answers file listing every question, or a response file for one role
    #[command(
        after_help = "Examples:\n  coopai template -o assessments/my-system.toml\n  coopai template --role staff -o staff-response.toml\n\nA response file holds one respondent's answers to their role's questions; the lead keeps\nresponses in NAME.responses/ beside the lead answers file NAME.toml (docs/answers-format.md)."
    )]
    Template(TemplateArgs),
    /// Write the questionnaire as one offline HTML page to answer in any browser
    #[command(
        after_help = "Examples:\n  coopai form -o questions.html\n  coopai form --role residents -o residents.html\n\nThe page needs nothing installed and sends nothing anywhere: answers stay in the browser\nand in the answers file it saves, which coopai reads like any other (docs/form.md)."
    )]
    Form(FormArgs),
    /// Work with framework files: lint, show, docs, diff, schema
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  coopai framework check frameworks/my-framework.toml\n  coopai framework show"
    )]
    Framework(FrameworkCommand),
    /// Score many assessments against a new framework and show which change band
    #[command(
        after_help = "Examples:\n  coopai rescore assessments/ --framework frameworks/ccin-coop-ai-2.toml\n  coopai rescore assessments/ --framework new.toml --baseline old.toml --format csv -o rescore.csv\n\nA file that cannot be loaded is reported by name and skipped; the exit code is 0 when at\nleast one file scored, 2 when none did."
    )]
    Rescore(RescoreArgs),
    /// Score a calibration set and compare each case with what its reviewer expected
    #[command(
        after_help = "Examples:\n  coopai calibrate assessments/calibration\n  coopai calibrate assessments/calibration --framework new.toml\n  coopai calibrate assessments/calibration --format md -o calibration.md\n\nA set is a folder of answers files (<case>.toml, and <case>-completed.toml where the\nunknowns are filled in) with the reviewer's expectation of each in expectations/<case>.toml,\nwritten before the case was scored (docs/calibration.md). Exit 1 when any case disagrees."
    )]
    Calibrate(CalibrateArgs),
    /// Publish from an assessment: a draft transparency record or a case study
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  coopai export atrs assessments/housing-repairs-chatbot.toml -o record.md\n  coopai export case-study assessments/housing-repairs-chatbot.toml --format html -o case-study.html"
    )]
    Export(ExportCommand),
    /// Build a static site of every assessment in a folder: an index, groups and figures
    #[command(
        after_help = "Examples:\n  coopai register assessments -o site\n  coopai register archive/ -o site --force\n\nEvery answers file under DIR is published (responses in NAME.responses/ are combined with\ntheir lead file; other TOML files are skipped), without the assessor's name or evidence\nmarked private. A file that cannot be loaded is listed as not loaded and named on stderr;\nthe exit code is 0 when at least one file loaded, 2 when none did. SITE is refused if it\nexists and was not made by coopai register, unless --force; files coopai did not write are\nnever deleted, and a rebuild rewrites only the pages that change (docs/register.md)."
    )]
    Register(RegisterArgs),
    /// Check that a JSON report follows from its framework and answers
    #[command(
        after_help = "Examples:\n  coopai verify report.json --answers assessments/housing-repairs-chatbot.toml\n  coopai verify report.json --framework frameworks/ccin-coop-ai.toml --answers answers.toml\n\nWithout --answers, the answers recorded inside the report are scored again, so the scores\nare checked but the answers file's sha256 is not. Exit 1 on any mismatch."
    )]
    Verify(VerifyArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  coopai completions bash > ~/.local/share/bash-completion/completions/coopai\n  coopai completions zsh > ~/.zfunc/_coopai\n  coopai completions fish > ~/.config/fish/completions/coopai.fish\n  coopai completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages, one for each command
    #[command(
        after_help = "Examples:\n  coopai man -o ~/.local/share/man/man1\n  man coopai-assess\n\nThe pages are also in the repository, under docs/man/."
    )]
    Man {
        /// Folder to write the pages into (created if needed)
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        output: PathBuf,
        /// Overwrite pages that exist
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Write the answers to this file (it must not exist yet)
    /// [default: assessments/<system-name>.toml, numbered if taken]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Continue a saved assessment at its first unanswered question
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Use the plain line protocol (as when stdin or stdout is not a terminal)
    #[arg(long)]
    pub plain: bool,
    /// Answer as a respondent in this role: only the role's questions, in its wording,
    /// saved as a response [default output: responses/<role>-<n>.toml, the first n free]
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Write a response file for a respondent in this role: only the role's questions, in
    /// its wording [default: the lead answers file, every question]
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FormArgs {
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Make the form for a respondent in this role: only the role's questions, in its
    /// wording, saved as a response [default: the lead's form, every question]
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Write the page to this file
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Lint framework files and print a one-line summary of each
    #[command(
        after_help = "Examples:\n  coopai framework check frameworks/*.toml --deny-warnings\n  coopai framework check --explain unknown-principle"
    )]
    Check {
        /// Framework files to check [default: the embedded reference framework]
        files: Vec<PathBuf>,
        /// Exit with code 2 when there are warnings, not only errors
        #[arg(long)]
        deny_warnings: bool,
        /// Explain a diagnostic code (the word in brackets, as in error[unknown-principle]),
        /// from framework or answers files, and check nothing
        #[arg(long, value_name = "CODE", conflicts_with_all = ["files", "deny_warnings"])]
        explain: Option<String>,
    },
    /// Show a framework's principles, questions, impact levels and bands
    #[command(
        after_help = "Example:\n  coopai framework show frameworks/example-minimal.toml --format json"
    )]
    Show {
        /// Framework file [default: the embedded reference framework]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Publish the framework as a guidance document (Markdown or HTML)
    #[command(
        after_help = "Examples:\n  coopai framework docs -o framework.md\n  coopai framework docs frameworks/example-minimal.toml --format html -o framework.html"
    )]
    Docs {
        /// Framework file [default: the embedded reference framework]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = DocsFormat::Md)]
        format: DocsFormat,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show what changed between two versions of a framework
    #[command(
        after_help = "Example:\n  coopai framework diff frameworks/ccin-coop-ai-1.0.toml frameworks/ccin-coop-ai.toml --format md"
    )]
    Diff {
        /// The earlier version
        old: PathBuf,
        /// The later version
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print the JSON Schema of the framework format, for editors
    #[command(after_help = "Example:\n  coopai framework schema -o framework.schema.json")]
    Schema {
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answers files to score
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// List every answer and its evidence, by principle, after the table report (the md,
    /// html, csv and json reports always include them)
    #[arg(long)]
    pub answers: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit with code 1 when an overall score is below N (0-100); while an assessment is
    /// provisional, the lowest score its blanks allow is compared
    #[arg(long, value_name = "N")]
    pub fail_under: Option<f64>,
    /// Exit with code 1 when an assessment crosses a red line, or leaves one open to a
    /// question unanswered or answered "not known"
    #[arg(long)]
    pub deny_red_lines: bool,
    /// Read respondents' answers from DIR instead of the folder beside the answers file (its
    /// name with `.responses`: triage.responses/ for triage.toml); with one FILE only
    #[arg(long, value_name = "DIR")]
    pub responses: Option<PathBuf>,
    /// Score the answers file alone, ignoring any respondents' answers beside it
    #[arg(long, conflicts_with = "responses")]
    pub no_responses: bool,
    /// Show respondents' free-text answers in the report; off by default, since they can
    /// identify the people who wrote them
    #[arg(long)]
    pub include_comments: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Answers files to compare (two or more)
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Comparison format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RescoreArgs {
    /// Answers files, or folders whose `*.toml` files are all rescored (not recursively)
    #[arg(required = true, value_name = "DIR|FILE")]
    pub paths: Vec<PathBuf>,
    /// The new framework to score against
    #[arg(long, value_name = "FILE", required = true)]
    pub framework: PathBuf,
    /// The framework to compare with [default: the one each file was answered against when
    /// it is the new or the embedded framework, else the embedded one]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = RescoreFormat::Table)]
    pub format: RescoreFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Draft an Algorithmic Transparency Recording Standard (ATRS) record from an assessment
    #[command(
        after_help = "Examples:\n  coopai export atrs assessments/housing-repairs-chatbot.toml\n  coopai export atrs answers.toml --format html -o record.html\n  coopai export atrs answers.toml --format json -o record.json\n\nEvery field is marked filled, partly filled (with what is missing) or to complete (with who\nsupplies it). Review the draft before publishing it: docs/atrs.md."
    )]
    Atrs(ExportAtrsArgs),
    /// A one- or two-page case study to share across the network
    #[command(
        after_help = "Examples:\n  coopai export case-study assessments/housing-repairs-chatbot.toml\n  coopai export case-study answers.toml --format html -o case-study.html\n\nThe assessor's name and evidence marked `private = true` are left out (docs/case-study.md)."
    )]
    CaseStudy(CaseStudyArgs),
}

#[derive(Debug, Args)]
pub struct CaseStudyArgs {
    /// The answers file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    #[arg(long, value_enum, default_value_t = CaseStudyFormat::Md)]
    pub format: CaseStudyFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The folder of assessments, searched with its subfolders
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The folder to write the site into
    #[arg(short, long, value_name = "SITE", required = true)]
    pub output: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Write into SITE even if it was not made by coopai register (files coopai did not
    /// write are still never deleted)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The calibration set: a folder of answers files with an expectations/ folder
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Table)]
    pub format: CalibrateFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier answers file
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later answers file
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Diff format
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A report written by `coopai score --format json`
    #[arg(value_name = "REPORT.json")]
    pub report: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// The answers file the report was scored from
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// With --answers: the respondents' answers the report combined, when not in the folder
    /// beside the answers file
    #[arg(long, value_name = "DIR", requires = "answers")]
    pub responses: Option<PathBuf>,
    /// With --answers: check the report as scored without respondents' answers
    #[arg(long, requires = "answers", conflicts_with = "responses")]
    pub no_responses: bool,
    /// The report was written with --include-comments
    #[arg(long)]
    pub include_comments: bool,
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

#[derive(Debug, Args)]
pub struct ExportAtrsArgs {
    /// The answers file to draft the record from
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub framework: FrameworkArgs,
    /// Record format
    #[arg(long, value_enum, default_value_t = AtrsFormat::Md)]
    pub format: AtrsFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}
