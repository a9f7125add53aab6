//! `coopai compare`: several assessments side by side, one column each, with the best and
//! worst scores marked and framework versions that differ flagged. [`compare`] computes a
//! [`Comparison`] (its JSON is documented in docs/reports.md); the renderers draw it.

use std::fmt::Write as _;

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
    /// empty when every score is equal.
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
    /// Positions with the highest and lowest score; empty when all scores are equal.
    pub best: Vec<usize>,
    pub worst: Vec<usize>,
}

/// Compares scored assessments. Pure.
pub fn compare(fw: &Framework, items: &[Scored]) -> Comparison {
    let framework = FrameworkInfo::of(fw);
    let assessments: Vec<ComparedAssessment> = items
        .iter()
        .map(|s| {
            let r = &s.report;
            ComparedAssessment {
                file: s.file.clone(),
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
            let (best, worst) = extremes(&scores);
            ComparedPrinciple {
                id: p.id.clone(),
                title: p.title.clone(),
                scores,
                best,
                worst,
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
}

impl Mark {
    fn of(best: &[usize], worst: &[usize], i: usize) -> Option<Self> {
        if best.contains(&i) {
            Some(Self::Best)
        } else if worst.contains(&i) {
            Some(Self::Worst)
        } else {
            None
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Best => "best",
            Self::Worst => "worst",
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

/// Column headings: the file names, or the paths as given where two names are the same.
fn headings(c: &Comparison) -> Vec<String> {
    let name = |f: &str| {
        std::path::Path::new(f)
            .file_name()
            .map_or(f.to_string(), |n| n.to_string_lossy().into_owned())
    };
    let names: Vec<String> = c.assessments.iter().map(|a| name(&a.file)).collect();
    let unique = names
        .iter()
        .enumerate()
        .all(|(i, n)| !names[..i].contains(n));
    if unique {
        names
    } else {
        c.assessments.iter().map(|a| a.file.clone()).collect()
    }
}

fn rows(c: &Comparison) -> Vec<Row> {
    let each = |f: &dyn Fn(&ComparedAssessment) -> String| -> Vec<(String, Option<Mark>)> {
        c.assessments.iter().map(|a| (f(a), None)).collect()
    };
    let mut rows = vec![
        Row {
            label: "System".into(),
            kind: RowKind::Text,
            cells: each(&|a| a.system.clone()),
        },
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
                .map(|(i, a)| (num(a.score), Mark::of(&c.overall_best, &c.overall_worst, i)))
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
                        Mark::of(&p.best, &p.worst, i),
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
    let mut t = super::text::table(header, 120);
    for row in rows(c) {
        if row.kind == RowKind::FirstPrinciple {
            let mut divider = vec!["Principle scores".to_string()];
            divider.extend(c.assessments.iter().map(|_| String::new()));
            t.add_row(divider);
        }
        let mut cells = vec![row.label];
        cells.extend(row.cells.iter().map(|(text, mark)| marked(text, *mark)));
        t.add_row(cells);
    }
    let mut out = format!(
        "Comparison of {} assessments, scored against {} {} ({})\n",
        c.assessments.len(),
        c.framework.title,
        c.framework.version,
        c.framework.id
    );
    let _ = writeln!(out, "{t}");
    out.push_str(&flags_text(c));
    out
}

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
        "# Comparison of {} AI assessments\n\nScored against {} {} (`{}`). The best and worst scores in each row are marked.\n\n",
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
            .map(|h| format!("`{}`", h.replace('`', "'")))
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
    let mut header = vec!["measure".to_string()];
    header.extend(c.assessments.iter().map(|a| cell(&a.file)));
    header.extend(["best".to_string(), "worst".to_string()]);
    let mut out = vec![header];
    for row in rows(c) {
        let mut line = vec![cell(&row.label)];
        line.extend(row.cells.iter().map(|(text, _)| cell(text)));
        let with = |m: Mark| {
            let files: Vec<&str> = row
                .cells
                .iter()
                .zip(&c.assessments)
                .filter(|((_, mark), _)| *mark == Some(m))
                .map(|(_, a)| a.file.as_str())
                .collect();
            cell(&files.join("; "))
        };
        line.push(with(Mark::Best));
        line.push(with(Mark::Worst));
        out.push(line);
    }
    write(&out)
}

fn html(fw: &Framework, c: &Comparison) -> String {
    use super::html::{band_class, band_icon, document};
    use super::terminal::BandRank;
    let heads = headings(c);
    let all_rows = rows(c);
    let body = html! {
        article.report.comparison-report aria-labelledby="cmp-h" {
            header {
                p.kicker { "Co-operative values assessment of AI systems" }
                h1 id="cmp-h" { "Comparison of " (c.assessments.len()) " assessments" }
                p { "Scored against " (c.framework.title) " " (c.framework.version) " (" code { (c.framework.id) } "). The best and worst scores in each row are marked in words." }
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
                                @for h in &heads { th scope="col" { code { (h) } } }
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
                                                @match mark {
                                                    Some(Mark::Best) => { " " span.best-mark { "best" } }
                                                    Some(Mark::Worst) => { " " span.worst-mark { "worst" } }
                                                    None => {}
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    document(
        &format!("Comparison of {} AI assessments", c.assessments.len()),
        body,
    )
}
