//! `coopai compare`: several assessments side by side, one column each, with the best and
//! worst scores marked and framework versions that differ flagged. [`compare`] computes a
//! [`Comparison`] (its JSON is documented in docs/reports.md); the renderers draw it.
//!
//! A principle's scores are ranked only when the same scored questions apply to every
//! assessment: a score over other questions measures something else, so calling one "best"
//! would mislead. Such a principle is shown unranked, with the reason in a note.

use std::fmt::Write as _;

use comfy_table::{ColumnConstraint, Width};
use maud::html;
use serde::{Deserialize, Serialize};

use super::ReportFormat;
use crate::assessment::FrameworkRef;
use crate::framework::Framework;
use crate::number::num;
use crate::scoring::report::{FrameworkInfo, Report};

/// A scored answers file: what compare and diff start from.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The answers file, as the user named it.
    pub file: String,
    pub report: Report,
    /// The framework the answers file records (`[framework]`), if any.
    pub answered_against: Option<FrameworkRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The framework every assessment was scored against.
    pub framework: FrameworkInfo,
    /// One per answers file, in the order given.
    pub assessments: Vec<ComparedAssessment>,
    /// Positions in `assessments` with the highest and the lowest overall score; both
    /// empty when every score is equal (a tie).
    pub overall_best: Vec<usize>,
    pub overall_worst: Vec<usize>,
    /// Every principle of the framework, in framework order.
    pub principles: Vec<ComparedPrinciple>,
    /// Framework versions that differ, among the files or from the loaded framework; empty
    /// when every file was answered against the framework used.
    pub framework_flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedAssessment {
    pub file: String,
    /// The column heading: the system, with the council or the file name added when
    /// systems share a name.
    #[serde(default)]
    pub label: String,
    pub system: String,
    pub council: String,
    pub date: String,
    pub status: String,
    /// Overall score, 0-100.
    pub score: f64,
    pub band: String,
    pub band_name: String,
    pub impact_level: u8,
    pub impact_name: String,
    /// Titles of the red lines crossed.
    pub red_lines: Vec<String>,
    pub complete: bool,
    pub answered: usize,
    pub applicable: usize,
    /// The framework the answers file records; null when it records none.
    pub answered_against: Option<FrameworkRef>,
    /// Why the file's framework is flagged; null when it matches the framework used.
    pub framework_flag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedPrinciple {
    pub id: String,
    pub title: String,
    /// One per assessment; null where no scored question applies.
    pub scores: Vec<Option<f64>>,
    /// Positions with the highest and lowest score; empty when all scores are equal (a tie)
    /// or the scores are not compared.
    pub best: Vec<usize>,
    pub worst: Vec<usize>,
    /// Why the scores are not ranked (not the same scored questions apply to every
    /// assessment); null when they are.
    #[serde(default)]
    pub not_compared: Option<String>,
}

impl ComparedPrinciple {
    /// Compared, and every score is equal.
    pub fn tie(&self) -> bool {
        self.not_compared.is_none() && self.best.is_empty()
    }
}

/// Compares scored assessments. Pure.
pub fn compare(fw: &Framework, items: &[Scored]) -> Comparison {
    let framework = FrameworkInfo::of(fw);
    let labels = labels(items);
    let assessments: Vec<ComparedAssessment> = items
        .iter()
        .zip(&labels)
        .map(|(s, label)| {
            let r = &s.report;
            ComparedAssessment {
                file: s.file.clone(),
                label: label.clone(),
                system: r.assessment.system.clone(),
                council: r.assessment.council.clone(),
                date: r.assessment.date.clone(),
                status: r.assessment.status.clone(),
                score: r.overall.score,
                band: r.overall.band.clone(),
                band_name: r.overall.band_name.clone(),
                impact_level: r.impact.level,
                impact_name: r.impact.name.clone(),
                red_lines: r.red_lines.iter().map(|h| h.title.clone()).collect(),
                complete: r.overall.complete,
                answered: r.overall.answered,
                applicable: r.overall.applicable,
                answered_against: s.answered_against.clone(),
                framework_flag: framework_flag(s.answered_against.as_ref(), &framework),
            }
        })
        .collect();
    let overall: Vec<Option<f64>> = assessments.iter().map(|a| Some(a.score)).collect();
    let (overall_best, overall_worst) = extremes(&overall);
    let principles = fw
        .principles
        .iter()
        .map(|p| {
            let scores: Vec<Option<f64>> = items
                .iter()
                .map(|s| s.report.principle_score(&p.id))
                .collect();
            let not_compared = not_comparable(fw, &p.id, items, &labels);
            let (best, worst) = match not_compared {
                None => extremes(&scores),
                Some(_) => (Vec::new(), Vec::new()),
            };
            ComparedPrinciple {
                id: p.id.clone(),
                title: p.title.clone(),
                scores,
                best,
                worst,
                not_compared,
            }
        })
        .collect();
    let framework_flags = framework_flags(&assessments, &framework);
    Comparison {
        framework,
        assessments,
        overall_best,
        overall_worst,
        principles,
        framework_flags,
    }
}

/// Column headings: each system's name; where names are shared, the council is added, then
/// the file name instead, then the path as given, until every heading is distinct (or the
/// same file was given twice).
fn labels(items: &[Scored]) -> Vec<String> {
    let label = |s: &Scored, detail: usize| {
        let a = &s.report.assessment;
        let stem = std::path::Path::new(&s.file)
            .file_stem()
            .map_or(s.file.clone(), |n| n.to_string_lossy().into_owned());
        // A blank template has no system name yet: its file name stands in.
        let name = if a.system.is_empty() {
            &stem
        } else {
            &a.system
        };
        match detail {
            0 => name.clone(),
            1 if !a.council.is_empty() => format!("{name} ({})", a.council),
            1 | 2 if !a.system.is_empty() => format!("{name} ({stem})"),
            _ => s.file.clone(),
        }
    };
    let mut detail = vec![0; items.len()];
    loop {
        let labels: Vec<String> = items
            .iter()
            .zip(&detail)
            .map(|(s, d)| label(s, *d))
            .collect();
        let mut changed = false;
        for (i, d) in detail.iter_mut().enumerate() {
            let shared = labels.iter().filter(|l| **l == labels[i]).count() > 1;
            if shared && *d < 3 {
                *d += 1;
                changed = true;
            }
        }
        if !changed {
            return labels;
        }
    }
}

/// Why a principle's scores cannot be ranked: the scored questions that apply to some of
/// the assessments and not to others, or none applying at all. `None` when the same
/// questions apply to every assessment.
fn not_comparable(
    fw: &Framework,
    principle: &str,
    items: &[Scored],
    labels: &[String],
) -> Option<String> {
    let applies = |s: &Scored, question: &str| {
        s.report
            .answers
            .iter()
            .any(|a| a.question == question && a.applies && a.max_points > 0.0)
    };
    // Questions that apply to some assessments only, grouped by which ones they apply to.
    let mut any_applies = false;
    let mut groups: Vec<(Vec<bool>, Vec<&str>)> = Vec::new();
    for q in fw.questions_of(principle) {
        let to: Vec<bool> = items.iter().map(|s| applies(s, &q.id)).collect();
        any_applies |= to.contains(&true);
        if to.iter().all(|a| *a) || !to.contains(&true) {
            continue;
        }
        match groups.iter_mut().find(|(g, _)| *g == to) {
            Some((_, questions)) => questions.push(&q.id),
            None => groups.push((to, vec![&q.id])),
        }
    }
    if !any_applies {
        return Some("no scored question applies to any assessment".to_string());
    }
    let reasons: Vec<String> = groups
        .iter()
        .map(|(to, questions)| {
            let applying = to.iter().filter(|a| **a).count();
            // Name the smaller side: "applies only to A" or "does not apply to B".
            let only = applying * 2 <= to.len();
            let names: Vec<&str> = to
                .iter()
                .zip(labels)
                .filter(|(a, _)| **a == only)
                .map(|(_, label)| label.as_str())
                .collect();
            let (noun, verb) = match (questions.len(), only) {
                (1, true) => ("question", "applies only to"),
                (1, false) => ("question", "does not apply to"),
                (_, true) => ("questions", "apply only to"),
                (_, false) => ("questions", "do not apply to"),
            };
            format!("{noun} {} {verb} {}", and_list(questions), and_list(&names))
        })
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Why an answers file's recorded framework differs from the one it was scored against.
pub fn framework_flag(answered: Option<&FrameworkRef>, fw: &FrameworkInfo) -> Option<String> {
    let Some(a) = answered else {
        return Some("the answers file does not record its framework".to_string());
    };
    if a.id != fw.id {
        Some(format!(
            "answered against framework {} {}, scored against {} {}",
            a.id, a.version, fw.id, fw.version
        ))
    } else if a.version != fw.version {
        Some(format!(
            "answered against version {}, scored against {}",
            a.version, fw.version
        ))
    } else if !a.sha256.is_empty() && a.sha256 != fw.sha256 {
        Some(format!(
            "answered against another text of version {} (sha256 differs)",
            a.version
        ))
    } else {
        None
    }
}

fn framework_flags(assessments: &[ComparedAssessment], fw: &FrameworkInfo) -> Vec<String> {
    let mut versions: Vec<String> = Vec::new();
    for a in assessments {
        if let Some(r) = &a.answered_against {
            let v = format!("{} {}", r.id, r.version);
            if !versions.contains(&v) {
                versions.push(v);
            }
        }
    }
    let mut flags = Vec::new();
    if versions.len() > 1 {
        flags.push(format!(
            "The files were answered against different framework versions: {}.",
            versions.join(", ")
        ));
    }
    for a in assessments {
        if let Some(flag) = &a.framework_flag {
            flags.push(format!("{}: {flag}.", a.file));
        }
    }
    if !flags.is_empty() {
        flags.push(format!(
            "Every file was scored against {} {}.",
            fw.id, fw.version
        ));
    }
    flags
}

/// Positions of the highest and lowest scores; none when fewer than two differ.
fn extremes(scores: &[Option<f64>]) -> (Vec<usize>, Vec<usize>) {
    let known = scores.iter().flatten();
    let (Some(max), Some(min)) = (
        known.clone().copied().reduce(f64::max),
        known.copied().reduce(f64::min),
    ) else {
        return (Vec::new(), Vec::new());
    };
    if max == min {
        return (Vec::new(), Vec::new());
    }
    let at = |v: f64| {
        scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == Some(v))
            .map(|(i, _)| i)
            .collect()
    };
    (at(max), at(min))
}

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
    let mut t = super::text::table(header, 120);
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
    use super::csv::{cell, write};
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
    use super::html::{band_class, band_icon, document};
    use super::terminal::BandRank;
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
