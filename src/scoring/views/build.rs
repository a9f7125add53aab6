//! The views of a report, from the tally: respondents by role, each question's answers by role
//! with its flags, and each principle's spread by role.

use super::model::{
    AnswerSource, PrincipleSpread, QuestionView, Respondents, RoleAnswers, RoleCount, RoleSpread,
    Views,
};
use super::spread::scored_questions;
use super::stats;
use super::summary::{Measure, given, measure, summarise};
use super::tally::Tally;
use super::{ViewOptions, asked};
use crate::assessment::Assessment;
use crate::framework::{Framework, Question};
use crate::scoring::report::Report;

/// What scoring the effective assessment gave, which the views are set beside.
pub(super) struct Scored<'a> {
    /// The lead's own answers, before any were taken from a role.
    pub lead: &'a Assessment,
    pub report: &'a Report,
    /// Which questions apply to the effective assessment, by framework index.
    pub applies: &'a [bool],
    pub sources: Vec<AnswerSource>,
}

pub(super) fn views(fw: &Framework, scored: Scored, tally: &Tally, options: &ViewOptions) -> Views {
    let mut questions: Vec<QuestionView> = fw
        .interview_order()
        .into_iter()
        .filter_map(|q| question(fw, q, &scored, tally, options))
        .collect();
    // Flagged first; the sort is stable, so each part keeps the interview order.
    questions.sort_by_key(|q| !q.flagged);
    Views {
        respondents: respondents(fw, tally),
        questions,
        principles: principles(fw, &scored, tally),
        answer_from: scored.sources,
        comments_included: options.include_comments,
    }
}

fn respondents(fw: &Framework, tally: &Tally) -> Respondents {
    let roles = fw
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| RoleCount {
            role: r.id.clone(),
            name: r.name.clone(),
            lead: i == 0,
            count: tally.per_role.get(i).copied().unwrap_or(0) + u64::from(i == 0),
        })
        .collect();
    Respondents {
        total: 1 + tally.responses(),
        roles,
        responses: tally.responses(),
        ignored: tally.ignored,
        digest: tally.digest(),
    }
}

/// A question's view: `None` unless it is asked of a role besides the lead's and a respondent
/// answered it.
fn question(
    fw: &Framework,
    q: &Question,
    scored: &Scored,
    tally: &Tally,
    options: &ViewOptions,
) -> Option<QuestionView> {
    if q.roles.is_empty() {
        return None;
    }
    let index = fw.question_index(&q.id)?;
    // The roles asked besides the lead, and the lead role too when respondents in it answered.
    let roles: Vec<usize> = (0..fw.roles.len())
        .filter(|&r| {
            if r == 0 {
                tally.answers.contains_key(&(index, 0))
            } else {
                asked(fw, q, r)
            }
        })
        .collect();
    if !roles
        .iter()
        .any(|&r| tally.answers.contains_key(&(index, r)))
    {
        return None;
    }
    let lead = scored.lead.answers.get(&q.id).map(|a| &a.value);
    let lead_given = lead.map(|v| given(q, v));
    let measure = measure(q);
    let mut reasons = Vec::new();
    let roles = roles
        .into_iter()
        .map(|r| {
            let name = fw.roles[r].name.clone();
            let mut view = RoleAnswers {
                role: fw.roles[r].id.clone(),
                name: name.clone(),
                answered: 0,
                not_known: 0,
                counts: Vec::new(),
                median: None,
                iqr: None,
                agreement: None,
                combined: None,
                lead_steps: None,
                comments: Vec::new(),
            };
            let Some(t) = tally.answers.get(&(index, r)) else {
                return view;
            };
            let s = summarise(q, t, lead);
            if measure != Measure::Text && stats::disagrees(s.agree, s.given) {
                reasons.push(format!(
                    "{name} are divided: {}% {}, under {}%",
                    crate::number::num(stats::percent(s.agree, s.given).unwrap_or(0.0)),
                    measure.agreement_words(),
                    stats::AGREEMENT_THRESHOLD
                ));
            }
            let combined = s.combined.as_ref().map(|v| given(q, v));
            if let (Some(steps), Some(threshold), Some(lead), Some(combined)) = (
                s.lead_steps,
                measure.lead_threshold(),
                &lead_given,
                &combined,
            ) {
                if steps >= threshold {
                    reasons.push(lead_reason(
                        measure,
                        steps,
                        &lead.answer,
                        &name,
                        &combined.answer,
                    ));
                }
            }
            view.answered = t.answered;
            view.not_known = t.not_known;
            view.counts = s.counts;
            view.median = s.median;
            view.iqr = s.iqr;
            view.agreement = stats::percent(s.agree, s.given).filter(|_| measure != Measure::Text);
            view.combined = combined;
            view.lead_steps = s.lead_steps;
            if options.include_comments {
                view.comments = s.comments;
            }
            view
        })
        .collect();
    Some(QuestionView {
        question: q.id.clone(),
        principle: q.principle.clone(),
        prompt: q.prompt.clone(),
        kind: q.kind,
        ordered: matches!(measure, Measure::Steps | Measure::TwoWay),
        applies: scored.applies.get(index).copied().unwrap_or(false),
        flagged: !reasons.is_empty(),
        reasons,
        lead: lead_given,
        answer_from: q.answer_from.clone(),
        roles,
    })
}

/// Why the lead's answer flags a question, in words.
fn lead_reason(measure: Measure, steps: u64, lead: &str, role: &str, combined: &str) -> String {
    match measure {
        Measure::TwoWay => {
            format!("the lead's answer ({lead}) differs from the median of {role} ({combined})")
        }
        Measure::Sets => format!(
            "the lead's answer ({lead}) differs on {steps} options from what most of {role} chose ({combined})"
        ),
        _ => format!(
            "the lead's answer ({lead}) is {steps} steps from the median of {role} ({combined})"
        ),
    }
}

fn principles(fw: &Framework, scored: &Scored, tally: &Tally) -> Vec<PrincipleSpread> {
    fw.principles
        .iter()
        .enumerate()
        .map(|(p, principle)| {
            let roles = (0..fw.roles.len())
                .filter(|&r| {
                    if r == 0 {
                        tally.spreads.contains_key(&(0, p))
                    } else {
                        scored_questions(fw, r, p).next().is_some()
                    }
                })
                .map(|r| role_spread(fw, r, p, scored.applies, tally))
                .collect();
            PrincipleSpread {
                id: principle.id.clone(),
                title: principle.title.clone(),
                score: scored.report.principle_score(&principle.id),
                roles,
            }
        })
        .collect()
}

fn role_spread(fw: &Framework, r: usize, p: usize, applies: &[bool], tally: &Tally) -> RoleSpread {
    let spread = tally.spreads.get(&(r, p));
    let line = spread.map_or(Vec::new(), |s| s.line(applies));
    let score = |num, den| stats::quantile(&line, num, den).map(|tenths| tenths as f64 / 10.0);
    RoleSpread {
        role: fw.roles[r].id.clone(),
        name: fw.roles[r].name.clone(),
        count: line.iter().map(|(_, c)| c).sum(),
        low: line.first().map(|&(tenths, _)| tenths as f64 / 10.0),
        q1: score(1, 4),
        median: score(1, 2),
        q3: score(3, 4),
        high: line.last().map(|&(tenths, _)| tenths as f64 / 10.0),
        approximate: spread.is_some_and(|s| s.approximate),
    }
}
