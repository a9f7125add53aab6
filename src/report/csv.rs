//! CSV for spreadsheets: an outcome row, then one row per question. With several reports, a leading `system`
//! column says which assessment each row belongs to; the header is written once.
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) is prefixed with `'`, so opening a shared file never runs code.

use super::text::{answered_words, outcome_words, red_line_words, score_words};
use crate::number::num;
use crate::scoring::report::{AnswerLine, Report};

/// Column names after the optional `system` column.
pub const COLUMNS: [&str; 7] = [
    "principle",
    "question",
    "prompt",
    "answer",
    "points",
    "max_points",
    "evidence",
];

pub fn render(reports: &[Report]) -> String {
    let several = reports.len() > 1;
    let mut header: Vec<&str> = Vec::new();
    if several {
        header.push("system");
    }
    header.extend(COLUMNS);
    let mut rows = vec![header.into_iter().map(str::to_string).collect::<Vec<_>>()];
    for r in reports {
        // The outcome first, so a provisional one is seen before any answer.
        let mut outcome = Vec::new();
        if several {
            outcome.push(cell(&r.assessment.system));
        }
        outcome.extend([
            cell("Outcome"),
            String::new(),
            cell(&outcome_words(r)),
            cell(&score_words(r)),
            String::new(),
            String::new(),
            cell(&format!(
                "{}; red lines: {}",
                answered_words(r),
                red_line_words(r)
            )),
        ]);
        rows.push(outcome);
        for line in &r.answers {
            let mut row = Vec::new();
            if several {
                row.push(cell(&r.assessment.system));
            }
            row.extend(answer_row(r, line));
            rows.push(row);
        }
    }
    write(&rows)
}

fn answer_row(r: &Report, line: &AnswerLine) -> Vec<String> {
    let principle = r.principle_title(line.principle.as_deref()).to_string();
    // Points are blank when the question is unanswered or does not apply, so a spreadsheet
    // sum counts only what was earned; max points are blank when the question does not apply.
    let points = line
        .points
        .filter(|_| line.applies)
        .map(num)
        .unwrap_or_default();
    let max_points = if line.applies {
        num(line.max_points)
    } else {
        String::new()
    };
    vec![
        cell(&principle),
        cell(&line.question),
        cell(&line.prompt),
        cell(&line.answer),
        points,
        max_points,
        cell(&line.evidence),
    ]
}

/// Writes rows as RFC 4180 CSV (quoted where needed, CRLF-free `\n` line ends).
pub(crate) fn write(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A text cell, defused against formula injection.
pub(crate) fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_commas_quoted() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("plain, text"), "plain, text");
        let out = write(&[vec![
            "a, b".into(),
            "say \"hi\"".into(),
            "line\nbreak".into(),
        ]]);
        assert_eq!(out, "\"a, b\",\"say \"\"hi\"\"\",\"line\nbreak\"\n");
    }
}
