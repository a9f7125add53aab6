//! Scoring: points per principle, the overall score and band, red lines, completeness and
//! ranked recommendations, on top of which questions apply and the impact level
//! ([`crate::assessment::applicability()`]). Pure: a framework and an assessment in, a
//! [`Report`] out. The rules are documented in docs/scoring.md.

pub mod report;

use std::collections::HashSet;

use crate::assessment::{Assessment, Evaluation, Value, evaluate, points};
use crate::framework::{Band, Framework, Question, QuestionKind};
use crate::number::{num, round};
use report::*;

/// What [`score`] and [`outcome`] both work out first, so the two cannot disagree.
struct Core<'f> {
    state: Evaluation,
    principles: Vec<PrincipleScore>,
    overall_score: f64,
    total_weight: f64,
    red_lines: Vec<RedLineHit>,
    band: &'f Band,
}

fn core<'f>(fw: &'f Framework, a: &Assessment) -> Core<'f> {
    let state = evaluate(fw, a);
    let principles = principle_scores(fw, a, &state.applies);
    let (overall_score, total_weight) = overall_score(&principles);
    let red_lines = red_lines(fw, a, &state);
    let band = band(fw, overall_score, state.impact.level, !red_lines.is_empty());
    Core {
        state,
        principles,
        overall_score,
        total_weight,
        red_lines,
        band,
    }
}

/// Scores one assessment against one framework.
pub fn score(fw: &Framework, a: &Assessment) -> Report {
    let Core {
        state,
        principles,
        overall_score,
        total_weight,
        red_lines,
        band,
    } = core(fw, a);

    let mut unanswered = Vec::new();
    let mut answers = Vec::new();
    let (mut answered_count, mut applicable_count, mut complete) = (0, 0, true);
    for q in fw.interview_order() {
        let i = fw.question_index(&q.id).unwrap_or_default();
        let applies = state.applies[i];
        let answer = a.answers.get(&q.id);
        if applies {
            applicable_count += 1;
            match answer {
                Some(_) => answered_count += 1,
                None => {
                    complete &= !q.required;
                    unanswered.push(Unanswered {
                        question: q.id.clone(),
                        principle: q.principle.clone(),
                        prompt: q.prompt.clone(),
                        required: q.required,
                    });
                }
            }
        }
        if applies || answer.is_some() {
            answers.push(AnswerLine {
                question: q.id.clone(),
                principle: q.principle.clone(),
                area: q.area.clone(),
                prompt: q.prompt.clone(),
                applies,
                answer: answer.map(|a| describe(q, &a.value)).unwrap_or_default(),
                value: answer.map(|a| serde_json::to_value(&a.value).unwrap_or_default()),
                points: answer
                    .filter(|_| applies)
                    .map(|a| round(points(q, &a.value), 2)),
                max_points: round(q.max_points(), 2),
                weight: q.weight,
                evidence: answer.map_or_else(
                    || a.notes.get(&q.id).cloned().unwrap_or_default(),
                    |given| given.evidence.clone(),
                ),
            });
        }
    }
    let not_applicable = fw
        .interview_order()
        .into_iter()
        .filter(|q| {
            a.answers.contains_key(&q.id)
                && !state.applies[fw.question_index(&q.id).unwrap_or_default()]
        })
        .map(|q| q.id.clone())
        .collect();

    Report {
        framework: FrameworkInfo::of(fw),
        assessment: AssessmentInfo {
            system: a.meta.system.clone(),
            council: a.meta.council.clone(),
            description: a.meta.description.clone(),
            assessor: a.meta.assessor.clone(),
            date: a.meta.date.clone(),
            status: a.meta.status.name().to_string(),
            sha256: a.sha256.clone(),
        },
        overall: Overall {
            score: overall_score,
            band: band.id.clone(),
            band_name: band.name.clone(),
            complete,
            answered: answered_count,
            applicable: applicable_count,
        },
        impact_level: state.impact.level,
        recommendations: recommendations(
            fw,
            a,
            &state.applies,
            &principles,
            total_weight,
            &red_lines,
        ),
        impact: state.impact,
        principles,
        red_lines,
        unanswered,
        not_applicable,
        answers,
    }
}

/// The overall score and band alone, exactly as [`score`] computes them, for callers that
/// score many assessments and keep only the outcome (`coopai rescore`).
pub fn outcome<'f>(fw: &'f Framework, a: &Assessment) -> (f64, &'f Band) {
    let core = core(fw, a);
    (core.overall_score, core.band)
}

/// The weighted average of the principle scores (one decimal place), and the total weight
/// of the principles that have a score.
fn overall_score(principles: &[PrincipleScore]) -> (f64, f64) {
    let total_weight: f64 = principles
        .iter()
        .filter(|p| p.score.is_some())
        .map(|p| p.weight)
        .sum();
    let overall = if total_weight > 0.0 {
        principles
            .iter()
            .filter_map(|p| p.score.map(|s| s * p.weight))
            .sum::<f64>()
            / total_weight
    } else {
        0.0
    };
    (round(overall, 1), total_weight)
}

/// The best band whose threshold at the impact level the score reaches; the lowest band when
/// a red line is crossed.
fn band(fw: &Framework, score: f64, level: u8, red_line_crossed: bool) -> &Band {
    if red_line_crossed {
        return fw.lowest_band();
    }
    fw.bands
        .iter()
        .find(|b| score >= b.min_score[usize::from(level) - 1])
        .unwrap_or_else(|| fw.lowest_band())
}

fn principle_scores(fw: &Framework, a: &Assessment, applies: &[bool]) -> Vec<PrincipleScore> {
    fw.principles
        .iter()
        .map(|p| {
            let (mut earned, mut available, mut answered, mut applicable) = (0.0, 0.0, 0, 0);
            for q in fw.questions_of(&p.id) {
                if !applies[fw.question_index(&q.id).unwrap_or_default()] {
                    continue;
                }
                applicable += 1;
                available += q.weight * q.max_points();
                if let Some(answer) = a.answers.get(&q.id) {
                    answered += 1;
                    earned += q.weight * points(q, &answer.value);
                }
            }
            PrincipleScore {
                id: p.id.clone(),
                title: p.title.clone(),
                weight: p.weight,
                score: (available > 0.0).then(|| round(100.0 * earned / available, 1)),
                earned: round(earned, 2),
                available: round(available, 2),
                answered,
                applicable,
            }
        })
        .collect()
}

fn red_lines(fw: &Framework, a: &Assessment, state: &Evaluation) -> Vec<RedLineHit> {
    let seen = state.facts(fw, a);
    let mut hits = Vec::new();
    for (i, q) in fw.questions.iter().enumerate() {
        let Some(answer) = a.answers.get(&q.id).filter(|_| state.applies[i]) else {
            continue;
        };
        for option in q
            .options
            .iter()
            .filter(|o| answer.value.chosen().contains(&o.id))
        {
            if let Some(red) = &option.red_line {
                if red.when.as_ref().is_none_or(|c| c.holds(&seen)) {
                    hits.push(RedLineHit {
                        question: q.id.clone(),
                        option: option.id.clone(),
                        title: red.title.clone(),
                    });
                }
            }
        }
    }
    hits
}

/// Recommendations for answers that lose points, ranked by the overall score they would
/// recover: (principle weight / total weight) x (question weight x points lost / principle's
/// available points) x 100.
fn recommendations(
    fw: &Framework,
    a: &Assessment,
    applies: &[bool],
    principles: &[PrincipleScore],
    total_weight: f64,
    red_lines: &[RedLineHit],
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    let mut seen_text = HashSet::new();
    for (order, q) in fw.interview_order().into_iter().enumerate() {
        let (Some(principle), Some(answer)) = (&q.principle, a.answers.get(&q.id)) else {
            continue;
        };
        if !applies[fw.question_index(&q.id).unwrap_or_default()] {
            continue;
        }
        let Some(ps) = principles.iter().find(|p| &p.id == principle) else {
            continue;
        };
        if ps.available <= 0.0 || total_weight <= 0.0 {
            continue;
        }
        let gain = |lost: f64| {
            round(
                100.0 * (ps.weight / total_weight) * q.weight * lost / ps.available,
                1,
            )
        };
        let max = q.max_points();
        let mut push = |text: &Option<String>, lost: f64, clears_red_line: bool| {
            if let Some(text) = text.as_ref().filter(|_| lost > 0.0 || clears_red_line) {
                if seen_text.insert((q.id.clone(), text.clone())) {
                    out.push((
                        order,
                        Recommendation {
                            question: q.id.clone(),
                            principle: principle.clone(),
                            text: text.clone(),
                            gain: gain(lost),
                            clears_red_line,
                        },
                    ));
                }
            }
        };
        match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => {
                for id in answer.value.chosen() {
                    if let Some(o) = q.option(id) {
                        let crossed = red_lines
                            .iter()
                            .any(|h| h.question == q.id && &h.option == id);
                        push(&o.recommendation, max - o.points, crossed);
                    }
                }
            }
            QuestionKind::Multiple => {
                for o in q
                    .options
                    .iter()
                    .filter(|o| !answer.value.chosen().contains(&o.id))
                {
                    push(&o.recommendation, o.points, false);
                }
            }
            QuestionKind::Scale | QuestionKind::Number => {
                let lost = max - points(q, &answer.value);
                let text = match (q.kind, answer.value.number(), &q.number) {
                    (QuestionKind::Number, Some(n), Some(spec)) => spec
                        .range_for(n)
                        .and_then(|r| r.recommendation.clone())
                        .or_else(|| q.recommendation.clone()),
                    _ => q.recommendation.clone(),
                };
                push(&text, lost, false);
            }
            QuestionKind::Text => {}
        }
    }
    // While a red line stands no score gain changes the band, so what clears one comes first;
    // then the highest gain; ties keep interview order so the output is stable.
    out.sort_by(|(oa, a), (ob, b)| {
        b.clears_red_line
            .cmp(&a.clears_red_line)
            .then(b.gain.total_cmp(&a.gain))
            .then(oa.cmp(ob))
    });
    out.into_iter().map(|(_, r)| r).collect()
}

/// An answer in words: option labels, the value with its unit, or the text.
pub fn describe(q: &Question, v: &Value) -> String {
    match v {
        Value::Choice(_) | Value::Choices(_) => v
            .chosen()
            .iter()
            .map(|id| q.option(id).map_or(id.clone(), |o| o.label.clone()))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => {
            let unit = q
                .number
                .as_ref()
                .and_then(|s| s.unit.as_deref())
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let scale = q
                .scale
                .as_ref()
                .map(|s| format!(" (of {})", s.max))
                .unwrap_or_default();
            format!("{}{unit}{scale}", num(*n))
        }
        Value::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests;
