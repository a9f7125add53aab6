//! The rescore drawn: rows as CSV records, a terminal table or Markdown, each with the
//! summary. With rescore rather than in `report`, because the rows are rescore's own type and
//! `report` sits below it; they share the report's table style and Markdown escaping.

use clap::ValueEnum;

use super::{Row, Summary};
use crate::framework::Framework;
use crate::markdown_escape::{md, md_code};
use crate::number::num;
use crate::report::text::table;

/// Formats of `coopai rescore`: CSV and JSON are written row by row as files are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RescoreFormat {
    /// Tables for the terminal
    Table,
    /// Markdown, for a policy lab's notes
    Md,
    /// One row per file, written as each is scored
    Csv,
    /// One object per file and a summary, written as each is scored
    Json,
}

/// The CSV header and fields, in order.
pub const CSV_HEADER: [&str; 10] = [
    "file",
    "system",
    "baseline",
    "old_score",
    "old_band",
    "new_score",
    "new_band",
    "change",
    "dropped",
    "error",
];

pub fn csv_record(row: &Row) -> [String; 10] {
    let score = |s: Option<f64>| s.map(num).unwrap_or_default();
    [
        row.file.clone(),
        row.system.clone(),
        row.baseline.clone(),
        score(row.old_score),
        row.old_band.clone().unwrap_or_default(),
        score(row.new_score),
        row.new_band.clone().unwrap_or_default(),
        row.change.clone(),
        row.dropped.join("; "),
        row.error.clone().unwrap_or_default(),
    ]
}

/// The rows as a terminal table, with the summary under it.
pub fn render_table(fw: &Framework, rows: &[Row], summary: &Summary) -> String {
    let mut t = table(
        vec![
            "File", "System", "Baseline", "Old", "Old band", "New", "New band", "Change",
        ],
        140,
    );
    for row in rows {
        let r = csv_record(row);
        let change = match &row.error {
            Some(e) => format!("error: {e}"),
            None if row.dropped.is_empty() => r[7].clone(),
            None => format!("{}; answers left out: {}", r[7], r[8]),
        };
        t.add_row(vec![
            r[0].clone(),
            r[1].clone(),
            r[2].clone(),
            r[3].clone(),
            r[4].clone(),
            r[5].clone(),
            r[6].clone(),
            change,
        ]);
    }
    format!(
        "Rescored against {} {}\n{t}\n{}.\n",
        fw.id,
        fw.version,
        summary.sentence()
    )
}

/// The rows as a Markdown table, with the summary under it.
pub fn render_markdown(fw: &Framework, rows: &[Row], summary: &Summary) -> String {
    let mut out = format!(
        "# Rescored against {} {}\n\n| File | System | Baseline | Old score | Old band | New score | New band | Change |\n|---|---|---|---:|---|---:|---|---|\n",
        md(&fw.title),
        fw.version
    );
    for row in rows {
        let r = csv_record(row);
        let change = match &row.error {
            Some(e) => format!("error: {}", md(e)),
            None if row.dropped.is_empty() => r[7].clone(),
            None => format!("{}; answers left out: {}", r[7], md_code(&r[8])),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {change} |\n",
            md(&r[0]),
            md(&r[1]),
            md(&r[2]),
            r[3],
            md(&r[4]),
            r[5],
            md(&r[6])
        ));
    }
    out.push_str(&format!("\n**Summary:** {}.\n", md(&summary.sentence())));
    out
}
