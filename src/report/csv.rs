//! CSV for spreadsheets: an outcome row, then one row per question. With several reports, a leading `system`
//! column says which assessment each row belongs to; the header is written once. A report
//! with respondents' views adds [`VIEW_COLUMNS`] and rows after the answers, one per role
//! and question, answer source, and principle (docs/reports.md#score---format-csv).
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) is prefixed with `'`, so opening a shared file never runs code.

use super::text::{answered_words, outcome_words, red_line_words, score_words};
use super::views::{
    counts_words, lead_words, median_words, middle_half_words, respondents_words, responses_words,
    source_words,
};
use crate::number::num;
use crate::scoring::report::{AnswerLine, Report};
use crate::scoring::views::Views;

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

/// Columns after [`COLUMNS`] when a report has respondents' views; a report without views
/// leaves them empty, and without views in any report they are not written at all.
pub const VIEW_COLUMNS: [&str; 8] = [
    "view",
    "role",
    "respondents",
    "median",
    "middle_half",
    "range",
    "agreement",
    "flagged",
];

pub fn render(reports: &[Report]) -> String {
    let several = reports.len() > 1;
    let with_views = reports.iter().any(|r| r.views.is_some());
    let mut header: Vec<&str> = Vec::new();
    if several {
        header.push("system");
    }
    header.extend(COLUMNS);
    if with_views {
        header.extend(VIEW_COLUMNS);
    }
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
        if let Some(stage) = r.assessment.stage {
            let mut row = Vec::new();
            if several {
                row.push(cell(&r.assessment.system));
            }
            row.extend([cell("Lifecycle stage"), String::new(), cell(stage.words())]);
            row.extend(std::iter::repeat_n(String::new(), 4));
            rows.push(row);
        }
        for line in &r.answers {
            let mut row = Vec::new();
            if several {
                row.push(cell(&r.assessment.system));
            }
            row.extend(answer_row(r, line));
            rows.push(row);
        }
        if let Some(v) = &r.views {
            for view in view_rows(r, v) {
                let mut row = Vec::new();
                if several {
                    row.push(cell(&r.assessment.system));
                }
                row.extend(view);
                rows.push(row);
            }
        }
    }
    if with_views {
        // Rows before the views (the header's own columns excepted) fill the view columns
        // with blanks, so every row has as many fields as the header.
        let width = rows[0].len();
        for row in rows.iter_mut().skip(1) {
            row.resize(width, String::new());
        }
    }
    write(&rows)
}

/// A row of the views: the seven columns of [`COLUMNS`], then [`VIEW_COLUMNS`].
#[derive(Default)]
struct ViewRow {
    principle: String,
    question: String,
    prompt: String,
    answer: String,
    evidence: String,
    view: &'static str,
    role: String,
    respondents: String,
    median: String,
    middle_half: String,
    range: String,
    agreement: String,
    flagged: String,
}

impl ViewRow {
    fn cells(self) -> Vec<String> {
        vec![
            cell(&self.principle),
            cell(&self.question),
            cell(&self.prompt),
            cell(&self.answer),
            String::new(),
            String::new(),
            cell(&self.evidence),
            cell(self.view),
            cell(&self.role),
            self.respondents,
            cell(&self.median),
            cell(&self.middle_half),
            cell(&self.range),
            self.agreement,
            self.flagged,
        ]
    }
}

/// The views as rows: who responded (`respondents`), each question asked of respondents with
/// a row for the lead and one per role (`question`), their comments when included
/// (`comment`), which answer scored each question taking its answer from a role
/// (`answer_from`), and each principle's spread by role (`principle`).
fn view_rows(r: &Report, v: &Views) -> Vec<Vec<String>> {
    let mut rows = vec![ViewRow {
        principle: "Respondents".into(),
        answer: respondents_words(v),
        evidence: responses_words(v),
        view: "respondents",
        respondents: v.respondents.total.to_string(),
        ..ViewRow::default()
    }];
    for role in &v.respondents.roles {
        let lead = if role.lead { " (the lead)" } else { "" };
        rows.push(ViewRow {
            principle: "Respondents".into(),
            view: "respondents",
            role: format!("{}{lead}", role.name),
            respondents: role.count.to_string(),
            ..ViewRow::default()
        });
    }
    let lead = v.lead_name();
    for q in &v.questions {
        let section = r.principle_title(q.principle.as_deref()).to_string();
        let flagged = if q.flagged { "yes" } else { "no" };
        let question = |answer: String| ViewRow {
            principle: section.clone(),
            question: q.question.clone(),
            prompt: q.prompt.clone(),
            answer,
            view: "question",
            flagged: flagged.into(),
            ..ViewRow::default()
        };
        rows.push(ViewRow {
            evidence: q.reasons.join("; "),
            role: format!("{lead} (the lead)"),
            ..question(lead_words(q))
        });
        for role in &q.roles {
            rows.push(ViewRow {
                role: role.name.clone(),
                respondents: role.answered.to_string(),
                median: median_words(q, role),
                middle_half: middle_half_words(role),
                agreement: role.agreement.map_or(String::new(), num),
                ..question(counts_words(role))
            });
        }
        for role in &q.roles {
            for comment in &role.comments {
                rows.push(ViewRow {
                    view: "comment",
                    role: role.name.clone(),
                    flagged: String::new(),
                    ..question(comment.clone())
                });
            }
        }
    }
    for s in &v.answer_from {
        rows.push(ViewRow {
            principle: r.principle_title(s.principle.as_deref()).to_string(),
            question: s.question.clone(),
            prompt: s.prompt.clone(),
            answer: s
                .answer
                .as_ref()
                .map_or(String::new(), |g| g.answer.clone()),
            evidence: source_words(s),
            view: "answer_from",
            role: s.role_name.clone(),
            respondents: s.respondents.to_string(),
            ..ViewRow::default()
        });
    }
    for p in &v.principles {
        for s in &p.roles {
            let range = |low: Option<f64>, high: Option<f64>| match (low, high) {
                (Some(low), Some(high)) => format!("{} to {}", num(low), num(high)),
                _ => String::new(),
            };
            rows.push(ViewRow {
                principle: p.title.clone(),
                answer: p.score.map_or("n/a".to_string(), num),
                view: "principle",
                role: s.name.clone(),
                respondents: s.count.to_string(),
                median: s.median.map_or(String::new(), num),
                middle_half: range(s.q1, s.q3),
                range: range(s.low, s.high),
                ..ViewRow::default()
            });
        }
    }
    rows.into_iter().map(ViewRow::cells).collect()
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
