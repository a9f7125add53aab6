//! The comparison drawn: terminal table, Markdown, CSV, JSON and HTML, each marking the best
//! and worst scores in words.

use std::fmt::Write as _;

use comfy_table::{ColumnConstraint, Width};
use maud::html;

use super::*;
use crate::number::num;
use crate::report::ReportFormat;

/// Renders a comparison. `fw` gives the bands' order, for the HTML colours.
pub fn render(fw: &Framework, c: &Comparison, format: ReportFormat) -> String {
    match format {
        ReportFormat::Table => table(c),
        ReportFormat::Md => markdown(c),
        ReportFormat::Html => html(fw, c),
        ReportFormat::Csv => csv(c),
        ReportFormat::Json => serde_json::to_string_pretty(c).unwrap_or_default() + "\n",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Best,
    Worst,
    /// Shares the best value with another assessment.
    TiedBest,
    TiedWorst,
    /// Every compared value in the row is equal.
    Tie,
}

impl Mark {
    /// The mark of position `i` in a row ranked `best` and `worst`; `tie` when the row
    /// was compared and every value in it is equal.
    fn of(best: &[usize], worst: &[usize], tie: bool, i: usize) -> Option<Self> {
        if best.contains(&i) {
            Some(if best.len() > 1 {
                Self::TiedBest
            } else {
                Self::Best
            })
        } else if worst.contains(&i) {
            Some(if worst.len() > 1 {
                Self::TiedWorst
            } else {
                Self::Worst
            })
        } else {
            tie.then_some(Self::Tie)
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Best => "best",
            Self::Worst => "worst",
            Self::TiedBest => "tied best",
            Self::TiedWorst => "tied worst",
            Self::Tie => "tie",
        }
    }

    /// The HTML class that colours the mark; a tie is not coloured.
    fn class(self) -> Option<&'static str> {
        match self {
            Self::Best | Self::TiedBest => Some("best-mark"),
            Self::Worst | Self::TiedWorst => Some("worst-mark"),
            Self::Tie => None,
        }
    }
}

/// One row of the side-by-side grid: a label, then per assessment its text and mark.
struct Row {
    label: String,
    kind: RowKind,
    cells: Vec<(String, Option<Mark>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Text,
    Band,
    Score,
    /// The first principle score opens the principles' part of the grid.
    FirstPrinciple,
    Principle,
}

/// Column headings: the assessments' labels.
fn headings(c: &Comparison) -> Vec<String> {
    c.assessments.iter().map(|a| a.label.clone()).collect()
}

/// The principles whose scores are not ranked, each with the reason.
fn not_compared(c: &Comparison) -> impl Iterator<Item = (&str, &str)> {
    c.principles
        .iter()
        .filter_map(|p| Some((p.title.as_str(), p.not_compared.as_deref()?)))
}

fn rows(c: &Comparison) -> Vec<Row> {
    let each = |f: &dyn Fn(&ComparedAssessment) -> String| -> Vec<(String, Option<Mark>)> {
        c.assessments.iter().map(|a| (f(a), None)).collect()
    };
    let overall_tie = c.overall_best.is_empty() && c.assessments.len() > 1;
    let mut rows = vec![
        Row {
            label: "Council".into(),
            kind: RowKind::Text,
            cells: each(&|a| a.council.clone()),
        },
        Row {
            label: "Overall score".into(),
            kind: RowKind::Score,
            cells: c
                .assessments
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mark = Mark::of(&c.overall_best, &c.overall_worst, overall_tie, i);
                    (num(a.score), mark)
                })
                .collect(),
        },
        Row {
            label: "Band".into(),
            kind: RowKind::Band,
            cells: each(&|a| a.band_name.clone()),
        },
        Row {
            label: "Impact level".into(),
            kind: RowKind::Text,
            cells: each(&|a| format!("{}, {}", a.impact_level, a.impact_name)),
        },
        Row {
            label: "Red lines".into(),
            kind: RowKind::Text,
            cells: each(&|a| match a.red_lines.len() {
                0 => "none crossed".to_string(),
                n => format!("{n} crossed: {}", a.red_lines.join("; ")),
            }),
        },
        Row {
            label: "Completeness".into(),
            kind: RowKind::Text,
            cells: each(&|a| {
                let state = if a.complete { "complete" } else { "incomplete" };
                format!("{} of {} answered, {state}", a.answered, a.applicable)
            }),
        },
        Row {
            label: "Answered against".into(),
            kind: RowKind::Text,
            cells: each(&|a| {
                let version = a
                    .answered_against
                    .as_ref()
                    .map_or("not recorded".to_string(), |r| {
                        format!("{} {}", r.id, r.version)
                    });
                if a.framework_flag.is_some() {
                    format!("{version} (flagged)")
                } else {
                    version
                }
            }),
        },
    ];
    // Which respondents' answers each column combines, and whether two columns combine the
    // same ones; shown only when some column has any.
    if c.assessments.iter().any(|a| a.respondents.is_some()) {
        let first = c.assessments.iter().find_map(|a| a.respondents.as_ref());
        let all_same = c
            .assessments
            .iter()
            .all(|a| a.respondents.as_ref().map(|r| &r.digest) == first.map(|r| &r.digest));
        rows.push(Row {
            label: "Respondents".into(),
            kind: RowKind::Text,
            cells: each(&|a| match &a.respondents {
                None => "none".to_string(),
                Some(r) if all_same => r.words.clone(),
                Some(r) => format!("{} (set {})", r.words, &r.digest[..8.min(r.digest.len())]),
            }),
        });
    }
    for (n, p) in c.principles.iter().enumerate() {
        rows.push(Row {
            label: p.title.clone(),
            kind: if n == 0 {
                RowKind::FirstPrinciple
            } else {
                RowKind::Principle
            },
            cells: p
                .scores
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        s.map_or("n/a".to_string(), num),
                        Mark::of(&p.best, &p.worst, p.tie(), i),
                    )
                })
                .collect(),
        });
    }
    rows
}

fn marked(text: &str, mark: Option<Mark>) -> String {
    match mark {
        Some(m) => format!("{text} ({})", m.word()),
        None => text.to_string(),
    }
}

fn table(c: &Comparison) -> String {
    let mut header = vec![String::new()];
    header.extend(headings(c));
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows(c) {
        if row.kind == RowKind::FirstPrinciple {
            let mut divider = vec!["Principle scores".to_string()];
            divider.extend(c.assessments.iter().map(|_| String::new()));
            grid.push(divider);
        }
        let mut cells = vec![row.label];
        cells.extend(row.cells.iter().map(|(text, mark)| marked(text, *mark)));
        grid.push(cells);
    }
    // Text wraps between words, never inside one ("barnet-coun"), even when that makes the
    // table wider than usual: each column is at least as wide as its longest word.
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            std::iter::once(&header)
                .chain(&grid)
                .flat_map(|cells| cells[i].split_whitespace())
                .map(|word| word.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut t = crate::report::text::table(header, 120);
    for (i, width) in widths.into_iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            // The boundary counts the padding either side of the text.
            let width = u16::try_from(width).unwrap_or(u16::MAX) + column.padding_width();
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
        }
    }
    t.add_rows(grid);
    let mut out = format!(
        "Comparison of {} assessments, scored against {} {} ({})\n",
        c.assessments.len(),
        c.framework.title,
        c.framework.version,
        c.framework.id
    );
    let _ = writeln!(out, "{t}");
    let mut notes = not_compared(c).peekable();
    if notes.peek().is_some() {
        out.push_str(&format!("\n{NOT_COMPARED}\n"));
        for (title, reason) in notes {
            let _ = writeln!(out, "- {title}: {reason}.");
        }
    }
    out.push_str(&flags_text(c));
    out
}

/// The heading of the notes on principles that are not ranked.
const NOT_COMPARED: &str = "Not compared (no best or worst marked)";

/// What the marks mean, for the introductions of the Markdown and HTML comparisons.
const MARKS: &str = "The best and worst scores in each row are marked in words (\"tied\" when \
     shared, \"tie\" when all are equal). A principle is ranked only where the same scored \
     questions apply to every assessment.";

fn flags_text(c: &Comparison) -> String {
    let mut out = String::new();
    if !c.framework_flags.is_empty() {
        out.push_str("\nFramework versions differ\n");
        for flag in &c.framework_flags {
            let _ = writeln!(out, "! {flag}");
        }
    }
    out
}

fn markdown(c: &Comparison) -> String {
    use crate::markdown_escape::{cell, inline};
    let mut out = format!(
        "# Comparison of {} AI assessments\n\nScored against {} {} (`{}`). {MARKS}\n\n",
        c.assessments.len(),
        inline(&c.framework.title),
        c.framework.version,
        c.framework.id
    );
    let heads = headings(c);
    let _ = writeln!(
        out,
        "| | {} |",
        heads
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---|".repeat(heads.len()));
    for row in rows(c) {
        if row.kind == RowKind::FirstPrinciple {
            let _ = writeln!(out, "| **Principle scores** |{}", " |".repeat(heads.len()));
        }
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|(text, mark)| match mark {
                Some(m) => format!("{} **({})**", cell(text), m.word()),
                None => cell(text),
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", cell(&row.label), cells.join(" | "));
    }
    let mut notes = not_compared(c).peekable();
    if notes.peek().is_some() {
        let _ = writeln!(out, "\n{NOT_COMPARED}:\n");
        for (title, reason) in notes {
            let _ = writeln!(out, "- **{}**: {}.", inline(title), inline(reason));
        }
    }
    if !c.framework_flags.is_empty() {
        out.push_str("\n## Framework versions differ\n\n");
        for flag in &c.framework_flags {
            let _ = writeln!(out, "- {}", inline(flag));
        }
    }
    out
}

fn csv(c: &Comparison) -> String {
    use crate::report::csv::{cell, write};
    let heads = headings(c);
    let mut header = vec!["measure".to_string()];
    header.extend(heads.iter().map(|h| cell(h)));
    header.extend(["best", "worst", "note"].map(String::from));
    let mut out = vec![header];
    let rows = rows(c);
    // The principles' rows come last, in the order of `c.principles`.
    let first_principle = rows.len() - c.principles.len();
    for (n, row) in rows.iter().enumerate() {
        let mut line = vec![cell(&row.label)];
        line.extend(row.cells.iter().map(|(text, _)| cell(text)));
        let with = |marks: [Mark; 2]| {
            let names: Vec<&str> = row
                .cells
                .iter()
                .zip(&heads)
                .filter(|((_, mark), _)| mark.is_some_and(|m| marks.contains(&m)))
                .map(|(_, head)| head.as_str())
                .collect();
            cell(&names.join("; "))
        };
        line.push(with([Mark::Best, Mark::TiedBest]));
        line.push(with([Mark::Worst, Mark::TiedWorst]));
        let not_compared = n
            .checked_sub(first_principle)
            .and_then(|i| c.principles[i].not_compared.as_deref());
        let note = match not_compared {
            Some(reason) => format!("not compared: {reason}"),
            None if row.cells.iter().any(|(_, m)| *m == Some(Mark::Tie)) => "tie".to_string(),
            None => String::new(),
        };
        line.push(cell(&note));
        out.push(line);
    }
    write(&out)
}

fn html(fw: &Framework, c: &Comparison) -> String {
    use crate::report::html::{band_class, band_icon, document};
    use crate::report::terminal::BandRank;
    let heads = headings(c);
    let all_rows = rows(c);
    let mut notes = not_compared(c).peekable();
    let body = html! {
        article.report.comparison-report aria-labelledby="cmp-h" {
            header {
                p.kicker { "Co-operative values assessment of AI systems" }
                h1 id="cmp-h" { "Comparison of " (c.assessments.len()) " assessments" }
                p { "Scored against " (c.framework.title) " " (c.framework.version) " (" code { (c.framework.id) } "). " (MARKS) }
            }
            @if !c.framework_flags.is_empty() {
                section.flag aria-labelledby="cmp-flags" {
                    h2 id="cmp-flags" { "Framework versions differ" }
                    ul { @for flag in &c.framework_flags { li { (flag) } } }
                }
            }
            section aria-labelledby="cmp-table" {
                h2 id="cmp-table" { "Side by side" }
                div style="overflow-x: auto" {
                    table.comparison {
                        thead {
                            tr {
                                th scope="col" { "Measure" }
                                @for h in &heads { th scope="col" { (h) } }
                            }
                        }
                        tbody {
                            @for row in &all_rows {
                                @if row.kind == RowKind::FirstPrinciple {
                                    tr { th scope="rowgroup" colspan=(heads.len() + 1) { "Principle scores" } }
                                }
                                tr {
                                    th scope="row" { (row.label) }
                                    @for (i, (text, mark)) in row.cells.iter().enumerate() {
                                        @if row.kind == RowKind::Band {
                                            @let rank = BandRank::of(fw, &c.assessments[i].band);
                                            td.(band_class(rank)) {
                                                span.band-cell { (band_icon(rank)) " " (text) }
                                            }
                                        } @else {
                                            td class=[(row.kind != RowKind::Text).then_some("num")] {
                                                (text)
                                                @if let Some(m) = mark {
                                                    " " span class=[m.class()] { (m.word()) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if notes.peek().is_some() {
                    p { (NOT_COMPARED) ":" }
                    ul { @for (title, reason) in notes { li { strong { (title) } ": " (reason) "." } } }
                }
            }
        }
    };
    document(
        &format!("Comparison of {} AI assessments", c.assessments.len()),
        body,
    )
}
