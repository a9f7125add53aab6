//! The Markdown report: ready to paste into a committee paper.

use std::fmt::Write as _;

use super::text::{
    answered_words, gap_mark, gap_sections, impact_summary, outcome_words, recommendation_mark,
    red_line_words, safeguard_words, score_words, sentence_case,
};
use super::views::{
    agreement_words, counts_words, lead_words, median_words, middle_half_words, question_sections,
    respondents_words, responses_words, source_words, spread_roles, spread_words,
};
use crate::markdown_escape::{cell, inline};
use crate::number::num;
use crate::scoring::report::{RedLineHit, Report};
use crate::scoring::views::Views;

/// "**Clears a red line:** " for a mark such as "clears a red line: ".
fn bold_mark(mark: &str) -> String {
    if mark.is_empty() {
        return String::new();
    }
    format!("**{}** ", sentence_case(mark.trim_end()))
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# AI assessment: {}\n", inline(&r.assessment.system));
    let _ = writeln!(out, "| | |\n|---|---|");
    for (label, value) in [
        ("Council", r.assessment.council.as_str()),
        ("System", r.assessment.system.as_str()),
        ("Description", r.assessment.description.as_str()),
        ("Assessor", r.assessment.assessor.as_str()),
        ("Date", r.assessment.date.as_str()),
        ("Status", r.assessment.status.as_str()),
        (
            "Lifecycle stage",
            r.assessment.stage.map_or("", |s| s.words()),
        ),
    ] {
        if !value.is_empty() {
            let _ = writeln!(out, "| {label} | {} |", cell(value));
        }
    }
    let _ = writeln!(
        out,
        "| Framework | {} {} (`{}`) |\n| Framework sha256 | `{}` |\n| Answers sha256 | `{}` |\n",
        cell(&r.framework.title),
        r.framework.version,
        r.framework.id,
        r.framework.sha256,
        r.assessment.sha256
    );

    let _ = writeln!(out, "## Outcome: {}\n", inline(&outcome_words(r)));
    let _ = writeln!(out, "- **Overall score:** {}", inline(&score_words(r)));
    if let Some(words) = safeguard_words(r) {
        let _ = writeln!(out, "- **Safeguards:** {}", inline(&words));
    }
    let _ = writeln!(out, "- **Impact level:** {}", inline(&impact_summary(r)));
    let _ = writeln!(out, "- **Answered:** {}", answered_words(r));
    let _ = writeln!(out, "- **Red lines:** {}\n", inline(&red_line_words(r)));

    let _ = writeln!(
        out,
        "## Scores by principle\n\n| Principle | Score | Answered | Weight |\n|---|---:|---:|---:|"
    );
    for p in &r.principles {
        let score = p.score.map_or("n/a".to_string(), num);
        let _ = writeln!(
            out,
            "| {} | {score} | {}/{} | {} |",
            cell(&p.title),
            p.answered,
            p.applicable,
            num(p.weight)
        );
    }

    if !r.red_lines.is_empty() {
        let _ = writeln!(out, "\n## Red lines crossed\n");
        for hit in &r.red_lines {
            let _ = writeln!(out, "{}", red_line_item(hit));
        }
    }
    if !r.recommendations.is_empty() {
        let _ = writeln!(
            out,
            "\n## Recommendations\n\nRanked by the points the overall score would gain.\n"
        );
        for (i, rec) in r.recommendations.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **+{}** {}{} (`{}`)",
                i + 1,
                num(rec.gain),
                bold_mark(recommendation_mark(rec)),
                inline(&rec.text),
                rec.question
            );
        }
    }
    for (title, gaps) in gap_sections(r) {
        let _ = writeln!(out, "\n## {title}\n");
        for u in gaps {
            let _ = writeln!(
                out,
                "- `{}`{}: {}",
                u.question,
                gap_mark(u),
                inline(&u.prompt)
            );
        }
    }
    if !r.not_applicable.is_empty() {
        let _ = writeln!(
            out,
            "\n## Answered but not applicable\n\nKept in the answers file, not scored.\n"
        );
        for id in &r.not_applicable {
            let prompt = r
                .answers
                .iter()
                .find(|a| &a.question == id)
                .map(|a| inline(&a.prompt));
            match prompt {
                Some(p) => {
                    let _ = writeln!(out, "- `{id}`: {p}");
                }
                None => {
                    let _ = writeln!(out, "- `{id}`");
                }
            }
        }
    }

    if let Some(v) = &r.views {
        views(&mut out, v);
    }

    let _ = writeln!(out, "\n## Answers");
    let mut section = None;
    for line in &r.answers {
        if section != Some(&line.principle) {
            let title = r.principle_title(line.principle.as_deref());
            let _ = writeln!(
                out,
                "\n### {}\n\n| Question | Answer | Points | Evidence |\n|---|---|---:|---|",
                inline(title)
            );
            section = Some(&line.principle);
        }
        let points = match (line.points, line.applies) {
            (_, false) => "not applicable".to_string(),
            (_, true) if line.max_points == 0.0 => "not scored".to_string(),
            (Some(p), true) => format!("{} of {}", num(p), num(line.max_points)),
            (None, true) => format!("0 of {} (unanswered)", num(line.max_points)),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {points} | {}{} |",
            cell(&line.prompt),
            cell(&line.answer),
            if line.private { "**(private)** " } else { "" },
            cell(&line.evidence)
        );
    }
    out
}

/// What other respondents said: who responded, each question asked of them (flagged first,
/// with why), the answers taken from a role, and the principle scores by role.
fn views(out: &mut String, v: &Views) {
    let _ = writeln!(
        out,
        "\n## Views\n\n{}.\n\n{}.",
        inline(&respondents_words(v)),
        inline(&super::text::sentence_case(&responses_words(v)))
    );
    let lead = v.lead_name();
    for (title, questions) in question_sections(v) {
        let _ = writeln!(out, "\n### {title}");
        for q in questions {
            let _ = writeln!(out, "\n#### `{}`: {}\n", q.question, inline(&q.prompt));
            for reason in &q.reasons {
                let _ = writeln!(out, "- **Flagged:** {}", inline(reason));
            }
            if !q.reasons.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "| Who | Answered | Answers | Median | Middle half | Agreement |\n|---|---:|---|---|---|---:|"
            );
            let _ = writeln!(
                out,
                "| {} (the lead) | | {} | | | |",
                cell(lead),
                cell(&lead_words(q))
            );
            for role in &q.roles {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&role.name),
                    role.answered,
                    cell(&counts_words(role)),
                    cell(&median_words(q, role)),
                    cell(&middle_half_words(role)),
                    agreement_words(role)
                );
            }
            for role in q.roles.iter().filter(|r| !r.comments.is_empty()) {
                let _ = writeln!(out, "\nComments from {}:\n", inline(&role.name));
                for comment in &role.comments {
                    let _ = writeln!(out, "- {}", inline(&comment.replace('\n', " ")));
                }
            }
        }
    }
    if !v.answer_from.is_empty() {
        let _ = writeln!(
            out,
            "\n### Answers taken from a role\n\n| Question | Answer that scored it |\n|---|---|"
        );
        for s in &v.answer_from {
            let _ = writeln!(out, "| `{}` | {} |", s.question, cell(&source_words(s)));
        }
    }
    let roles = spread_roles(v);
    if !roles.is_empty() {
        let _ = writeln!(
            out,
            "\n### Principle scores by role\n\nEach respondent's score of a principle, over the questions they answered that apply: the median (lowest to highest), and how many respondents have a score. The score is the principle's in this report.\n"
        );
        let names: Vec<String> = roles.iter().map(|(_, name)| cell(name)).collect();
        let _ = writeln!(
            out,
            "| Principle | Score | {} |\n|---|---:|{}",
            names.join(" | "),
            "---|".repeat(roles.len())
        );
        for p in &v.principles {
            let spreads: Vec<String> = roles
                .iter()
                .map(|(id, _)| {
                    p.roles
                        .iter()
                        .find(|s| &s.role == id)
                        .map_or("not asked".to_string(), spread_words)
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&p.title),
                p.score.map_or("n/a".to_string(), num),
                spreads.join(" | ")
            );
        }
    }
}

/// A red line as a list item: title, question and answer.
pub(crate) fn red_line_item(hit: &RedLineHit) -> String {
    format!(
        "- **{}** (question `{}`, answer `{}`)",
        inline(&hit.title),
        hit.question,
        hit.option
    )
}
