//! `coopai compare`: several assessments side by side, one column each, with the best and
//! worst scores marked and framework versions that differ flagged. [`compare`] computes a
//! [`Comparison`] (its JSON is documented in docs/reports.md); the renderers draw it.
//!
//! A principle's scores are ranked only when the same scored questions apply to every
//! assessment: a score over other questions measures something else, so calling one "best"
//! would mislead. Such a principle is shown unranked, with the reason in a note.

mod render;

use serde::{Deserialize, Serialize};

use crate::assessment::FrameworkRef;
use crate::framework::Framework;
use crate::scoring::report::{FrameworkInfo, Report};
pub use render::render;

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
    /// The respondents' answers combined, in words ("18 responses: Frontline staff 6,
    /// Residents 12"), and their digest; absent when none were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<ComparedRespondents>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedRespondents {
    pub words: String,
    pub digest: String,
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

/// "18 responses: Frontline staff 6, Residents 12".
pub fn respondent_words(v: &crate::scoring::views::Views) -> String {
    let roles: Vec<String> = v
        .respondents
        .roles
        .iter()
        .skip(1)
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.name, c.count))
        .collect();
    format!(
        "{}: {}",
        crate::diagnostics::plural(v.respondents.responses as usize, "response"),
        roles.join(", ")
    )
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
                respondents: r.views.as_ref().map(|v| ComparedRespondents {
                    words: respondent_words(v),
                    digest: v.respondents.digest.clone(),
                }),
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
