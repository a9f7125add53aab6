//! Everything rendered for people to read.

pub mod chart;
pub mod codes;
pub mod compare;
pub mod csv;
pub mod diff;
pub mod framework_diff;
pub mod framework_docs;
pub mod framework_table;
pub mod html;
pub mod markdown;
pub mod terminal;
pub mod text;
pub mod views;

use clap::ValueEnum;

use crate::framework::Framework;
use crate::scoring::report::Report;

/// Formats of the assessment report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for the terminal
    Table,
    /// Markdown, for committee papers
    Md,
    /// Stable JSON, for tools (docs/report-format.md)
    Json,
    /// One self-contained HTML page, to share or print to PDF
    Html,
    /// CSV for spreadsheets: one row per question (score) or per measure (compare)
    Csv,
}

/// Formats of `coopai diff` and `coopai framework diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for the terminal
    Table,
    /// Markdown
    Md,
    /// Stable JSON, for tools (docs/reports.md, docs/policy-labs.md)
    Json,
}

/// Renders reports in one format. Several reports are joined (text formats), listed in a
/// JSON array (one report in JSON is a single object), made one HTML page with an article
/// each, or one CSV table with a leading `system` column.
pub fn render(fw: &Framework, reports: &[Report], format: ReportFormat) -> String {
    render_with(fw, reports, format, false)
}

/// Renders reports as [`render`] does; with `answers`, each terminal report ends with every
/// answer and its evidence (`score --answers`). The other formats always include them.
pub fn render_with(
    fw: &Framework,
    reports: &[Report],
    format: ReportFormat,
    answers: bool,
) -> String {
    match format {
        ReportFormat::Table => reports
            .iter()
            .map(|r| {
                let text = terminal::render(r, terminal::BandRank::of(fw, &r.overall.band));
                if answers {
                    text + &terminal::answers(r)
                } else {
                    text
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        ReportFormat::Md => reports
            .iter()
            .map(markdown::render)
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        ReportFormat::Json => {
            let json = match reports {
                [one] => serde_json::to_string_pretty(one),
                many => serde_json::to_string_pretty(many),
            };
            json.unwrap_or_default() + "\n"
        }
        ReportFormat::Html => html::render(fw, reports),
        ReportFormat::Csv => csv::render(reports),
    }
}
