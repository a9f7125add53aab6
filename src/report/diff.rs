//! `coopai diff`: what changed between two versions of the assessment of one system:
//! answers (old and new, with evidence), the score of each principle and overall, band,
//! impact level, and red lines raised or cleared. [`diff`] computes an [`AssessmentDiff`]
//! (its JSON is documented in docs/reports.md); the renderers draw it.

use std::fmt::Write as _;

use comfy_table::CellAlignment;
use serde::{Deserialize, Serialize};

use super::DiffFormat;
use super::compare::{Scored, framework_flag};
use crate::assessment::FrameworkRef;
use crate::framework::Framework;
use crate::number::{num, round};
use crate::scoring::report::{AnswerLine, FrameworkInfo, RedLineHit, Report};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentDiff {
    /// The framework both files were scored against.
    pub framework: FrameworkInfo,
    pub old: DiffSide,
    pub new: DiffSide,
    pub overall: ScoreChange,
    pub band: BandChange,
    pub impact_level: LevelChange,
    /// Every principle, in framework order, changed or not.
    pub principles: Vec<PrincipleChange>,
    /// Answers added, removed or changed (answer or evidence), in interview order.
    pub answers: Vec<AnswerChange>,
    pub red_lines_raised: Vec<RedLineHit>,
    pub red_lines_cleared: Vec<RedLineHit>,
    /// Things to check before trusting the diff: different systems, framework versions.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffSide {
    pub file: String,
    pub system: String,
    pub council: String,
    pub date: String,
    pub status: String,
    /// sha256 of the answers file.
    pub sha256: String,
    pub complete: bool,
    pub answered: usize,
    pub applicable: usize,
    pub answered_against: Option<FrameworkRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreChange {
    pub old: f64,
    pub new: f64,
    /// `new - old`, one decimal place.
    pub change: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BandChange {
    pub old: String,
    pub old_name: String,
    pub new: String,
    pub new_name: String,
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub old: u8,
    pub old_name: String,
    pub new: u8,
    pub new_name: String,
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleChange {
    pub id: String,
    pub title: String,
    /// null where no scored question applies.
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// `new - old`; null unless both are scored.
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerChange {
    pub question: String,
    /// null for impact-profile questions.
    pub principle: Option<String>,
    pub prompt: String,
    pub change: ChangeKind,
    /// null when the question was not answered in that version.
    pub old: Option<AnswerState>,
    pub new: Option<AnswerState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Answered in the new version only.
    Added,
    /// Answered in the old version only.
    Removed,
    /// A different answer.
    Changed,
    /// The same answer with different evidence.
    EvidenceChanged,
}

impl ChangeKind {
    fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
            Self::EvidenceChanged => "evidence changed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerState {
    /// The answer in words.
    pub answer: String,
    /// Option ids or the value, as written in the answers file.
    pub value: serde_json::Value,
    pub evidence: String,
    /// Points earned before the question weight; null when the question does not apply.
    pub points: Option<f64>,
    pub max_points: f64,
    pub applies: bool,
}

/// Whether the respondents' answers combined changed between two reports, in words: their
/// count by role, or, with the same counts, their digest.
fn responses_note(o: &Report, n: &Report) -> Option<String> {
    let count = |r: &Report| {
        r.views.as_ref().map_or_else(
            || "no respondents' answers".to_string(),
            crate::report::compare::respondent_words,
        )
    };
    let digest = |r: &Report| r.views.as_ref().map(|v| v.respondents.digest.clone());
    match (count(o), count(n)) {
        (a, b) if a != b => Some(format!(
            "The respondents' answers changed: {a} before, {b} now."
        )),
        _ if digest(o) != digest(n) => Some(format!(
            "The respondents' answers changed: as many in each role, but not the same answers ({}).",
            count(n)
        )),
        _ => None,
    }
}

/// Compares two scored versions of an assessment. Pure.
pub fn diff(fw: &Framework, old: &Scored, new: &Scored) -> AssessmentDiff {
    let framework = FrameworkInfo::of(fw);
    let (o, n) = (&old.report, &new.report);
    let principles = fw
        .principles
        .iter()
        .map(|p| {
            let (a, b) = (o.principle_score(&p.id), n.principle_score(&p.id));
            PrincipleChange {
                id: p.id.clone(),
                title: p.title.clone(),
                old: a,
                new: b,
                change: a.zip(b).map(|(a, b)| round(b - a, 1)),
            }
        })
        .collect();

    let mut answers = Vec::new();
    for q in fw.interview_order() {
        let state = |r: &Report| {
            r.answers
                .iter()
                .find(|l| l.question == q.id)
                .and_then(answer_state)
        };
        let (a, b) = (state(o), state(n));
        let change = match (&a, &b) {
            (None, None) => continue,
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            (Some(a), Some(b)) if a.value != b.value => ChangeKind::Changed,
            (Some(a), Some(b)) if a.evidence != b.evidence => ChangeKind::EvidenceChanged,
            _ => continue,
        };
        answers.push(AnswerChange {
            question: q.id.clone(),
            principle: q.principle.clone(),
            prompt: q.prompt.clone(),
            change,
            old: a,
            new: b,
        });
    }

    let same = |x: &RedLineHit, y: &RedLineHit| x.question == y.question && x.option == y.option;
    let red_lines_raised = n
        .red_lines
        .iter()
        .filter(|h| !o.red_lines.iter().any(|x| same(x, h)))
        .cloned()
        .collect();
    let red_lines_cleared = o
        .red_lines
        .iter()
        .filter(|h| !n.red_lines.iter().any(|x| same(x, h)))
        .cloned()
        .collect();

    let mut notes = Vec::new();
    if o.assessment.system != n.assessment.system || o.assessment.council != n.assessment.council {
        notes.push(format!(
            "The files describe different systems: \"{}\" ({}) and \"{}\" ({}).",
            o.assessment.system, o.assessment.council, n.assessment.system, n.assessment.council
        ));
    }
    for side in [old, new] {
        if let Some(flag) = framework_flag(side.answered_against.as_ref(), &framework) {
            notes.push(format!("{}: {flag}.", side.file));
        }
    }
    if o.assessment.sha256 == n.assessment.sha256 && !o.assessment.sha256.is_empty() {
        notes.push("The two files are identical.".to_string());
    }
    if let Some(note) = responses_note(o, n) {
        notes.push(note);
    }

    AssessmentDiff {
        old: side(old),
        new: side(new),
        overall: ScoreChange {
            old: o.overall.score,
            new: n.overall.score,
            change: round(n.overall.score - o.overall.score, 1),
        },
        band: BandChange {
            old: o.overall.band.clone(),
            old_name: o.overall.band_name.clone(),
            new: n.overall.band.clone(),
            new_name: n.overall.band_name.clone(),
            changed: o.overall.band != n.overall.band,
        },
        impact_level: LevelChange {
            old: o.impact.level,
            old_name: o.impact.name.clone(),
            new: n.impact.level,
            new_name: n.impact.name.clone(),
            changed: o.impact.level != n.impact.level,
        },
        framework,
        principles,
        answers,
        red_lines_raised,
        red_lines_cleared,
        notes,
    }
}

fn side(s: &Scored) -> DiffSide {
    let r = &s.report;
    DiffSide {
        file: s.file.clone(),
        system: r.assessment.system.clone(),
        council: r.assessment.council.clone(),
        date: r.assessment.date.clone(),
        status: r.assessment.status.clone(),
        sha256: r.assessment.sha256.clone(),
        complete: r.overall.complete,
        answered: r.overall.answered,
        applicable: r.overall.applicable,
        answered_against: s.answered_against.clone(),
    }
}

fn answer_state(line: &AnswerLine) -> Option<AnswerState> {
    Some(AnswerState {
        answer: line.answer.clone(),
        value: line.value.clone()?,
        evidence: line.evidence.clone(),
        points: line.points,
        max_points: line.max_points,
        applies: line.applies,
    })
}

/// A signed change: "+4.5", "-2", "0".
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

fn score_or_na(s: Option<f64>) -> String {
    s.map_or("n/a".to_string(), num)
}

pub fn render(d: &AssessmentDiff, format: DiffFormat) -> String {
    match format {
        DiffFormat::Table => table(d),
        DiffFormat::Md => markdown(d),
        DiffFormat::Json => serde_json::to_string_pretty(d).unwrap_or_default() + "\n",
    }
}

/// "Ready to proceed (unchanged)" or "Do not proceed yet → Ready to proceed".
fn band_line(d: &AssessmentDiff) -> String {
    if d.band.changed {
        format!("{} → {}", d.band.old_name, d.band.new_name)
    } else {
        format!("{} (unchanged)", d.band.new_name)
    }
}

fn level_line(d: &AssessmentDiff) -> String {
    let l = &d.impact_level;
    if l.changed {
        format!("{}, {} → {}, {}", l.old, l.old_name, l.new, l.new_name)
    } else {
        format!("{}, {} (unchanged)", l.new, l.new_name)
    }
}

fn answer_text(a: &Option<AnswerState>) -> String {
    a.as_ref().map_or("(not answered)".to_string(), |a| {
        if a.answer.is_empty() {
            "(empty)".to_string()
        } else {
            a.answer.clone()
        }
    })
}

fn evidence_text(a: &Option<AnswerState>) -> String {
    a.as_ref().map_or(String::new(), |a| a.evidence.clone())
}

fn table(d: &AssessmentDiff) -> String {
    let mut out = format!("Changes to the assessment of {}", d.new.system);
    if !d.new.council.is_empty() {
        let _ = write!(out, ", {}", d.new.council);
    }
    let _ = writeln!(
        out,
        "\nOld: {} ({}, {})\nNew: {} ({}, {})\n",
        d.old.file,
        or_dash(&d.old.date),
        d.old.status,
        d.new.file,
        or_dash(&d.new.date),
        d.new.status
    );
    let _ = writeln!(
        out,
        "Overall score: {} → {} ({})",
        num(d.overall.old),
        num(d.overall.new),
        signed(d.overall.change)
    );
    let _ = writeln!(out, "Band:          {}", band_line(d));
    let _ = writeln!(out, "Impact level:  {}", level_line(d));
    let _ = writeln!(
        out,
        "Answered:      {} of {} → {} of {}",
        d.old.answered, d.old.applicable, d.new.answered, d.new.applicable
    );
    out.push_str(&red_lines_text(d));

    let mut t = super::text::table(vec!["Principle", "Old", "New", "Change"], 100);
    for p in &d.principles {
        t.add_row(vec![
            p.title.clone(),
            score_or_na(p.old),
            score_or_na(p.new),
            p.change.map_or("-".to_string(), signed),
        ]);
    }
    for column in 1..=3 {
        if let Some(c) = t.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "\n{t}");

    if d.answers.is_empty() {
        out.push_str("\nNo answer changed.\n");
    } else {
        let _ = writeln!(out, "\nAnswers that changed ({})", d.answers.len());
        let mut t = super::text::table(vec!["Question", "Change", "Old answer", "New answer"], 120);
        for a in &d.answers {
            let cell = |s: &Option<AnswerState>| {
                let evidence = evidence_text(s);
                if evidence.is_empty() {
                    answer_text(s)
                } else {
                    format!("{}\nEvidence: {evidence}", answer_text(s))
                }
            };
            t.add_row(vec![
                a.question.clone(),
                a.change.word().to_string(),
                cell(&a.old),
                cell(&a.new),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if !d.notes.is_empty() {
        out.push_str("\nNotes\n");
        for note in &d.notes {
            let _ = writeln!(out, "! {note}");
        }
    }
    out
}

fn red_lines_text(d: &AssessmentDiff) -> String {
    let mut out = String::new();
    if d.red_lines_raised.is_empty() && d.red_lines_cleared.is_empty() {
        out.push_str("Red lines:     no change\n");
    }
    for (word, hits) in [
        ("raised", &d.red_lines_raised),
        ("cleared", &d.red_lines_cleared),
    ] {
        if !hits.is_empty() {
            let _ = writeln!(out, "Red lines {word}:");
            for h in hits {
                let _ = writeln!(
                    out,
                    "  {} (question `{}`, answer `{}`)",
                    h.title, h.question, h.option
                );
            }
        }
    }
    out
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "no date" } else { s }
}

fn markdown(d: &AssessmentDiff) -> String {
    use crate::markdown_escape::{cell, inline};
    let mut out = format!(
        "# Changes to the assessment of {}\n\n",
        inline(&d.new.system)
    );
    let _ = writeln!(out, "| | Old | New |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| File | `{}` | `{}` |",
        d.old.file.replace('`', "'"),
        d.new.file.replace('`', "'")
    );
    let _ = writeln!(
        out,
        "| Date | {} | {} |",
        cell(&d.old.date),
        cell(&d.new.date)
    );
    let _ = writeln!(out, "| Status | {} | {} |", d.old.status, d.new.status);
    let _ = writeln!(
        out,
        "| Overall score | {} | {} ({}) |",
        num(d.overall.old),
        num(d.overall.new),
        signed(d.overall.change)
    );
    let _ = writeln!(
        out,
        "| Band | {} | {} |",
        cell(&d.band.old_name),
        cell(&d.band.new_name)
    );
    let l = &d.impact_level;
    let _ = writeln!(
        out,
        "| Impact level | {}, {} | {}, {} |",
        l.old,
        cell(&l.old_name),
        l.new,
        cell(&l.new_name)
    );
    let _ = writeln!(
        out,
        "| Answered | {} of {} | {} of {} |",
        d.old.answered, d.old.applicable, d.new.answered, d.new.applicable
    );
    let _ = writeln!(
        out,
        "| Red lines raised / cleared | | {} / {} |",
        d.red_lines_raised.len(),
        d.red_lines_cleared.len()
    );
    let _ = writeln!(
        out,
        "\n**Band:** {}. **Impact level:** {}.",
        inline(&band_line(d)),
        inline(&level_line(d))
    );

    for (word, hits) in [
        ("raised", &d.red_lines_raised),
        ("cleared", &d.red_lines_cleared),
    ] {
        if !hits.is_empty() {
            let _ = writeln!(out, "\n## Red lines {word}\n");
            for h in hits {
                let _ = writeln!(out, "{}", super::markdown::red_line_item(h));
            }
        }
    }

    let _ = writeln!(
        out,
        "\n## Scores by principle\n\n| Principle | Old | New | Change |\n|---|---:|---:|---:|"
    );
    for p in &d.principles {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&p.title),
            score_or_na(p.old),
            score_or_na(p.new),
            p.change.map_or("-".to_string(), signed)
        );
    }

    let _ = writeln!(out, "\n## Answers that changed\n");
    if d.answers.is_empty() {
        out.push_str("No answer changed.\n");
    } else {
        let _ = writeln!(
            out,
            "| Question | Change | Old answer | Old evidence | New answer | New evidence |\n|---|---|---|---|---|---|"
        );
        for a in &d.answers {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} | {} | {} |",
                cell(&a.prompt),
                a.question,
                a.change.word(),
                cell(&answer_text(&a.old)),
                cell(&evidence_text(&a.old)),
                cell(&answer_text(&a.new)),
                cell(&evidence_text(&a.new))
            );
        }
    }
    if !d.notes.is_empty() {
        out.push_str("\n## Notes\n\n");
        for note in &d.notes {
            let _ = writeln!(out, "- {}", inline(note));
        }
    }
    out
}
