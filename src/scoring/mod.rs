//! Scoring: points per principle, the overall score and band, red lines, completeness and
//! ranked recommendations, on top of which questions apply and the impact level
//! ([`crate::assessment::applicability()`]). Pure: a framework and an assessment in, a
//! [`Report`] out. The rules are documented in docs/scoring.md. With responses from other
//! respondents, [`views::score_with`] scores the assessment their answers complete and adds
//! their views.

mod range;
mod recommend;
mod red_lines;
pub mod report;
pub mod views;

pub use views::{Tally, ViewOptions, score_with};

use crate::assessment::{Assessment, Evaluation, Value, evaluate, points};
use crate::framework::{Band, Framework, Question};
use crate::number::{num, round};
use recommend::{Findings, recommendations};
use report::*;

/// What [`score`] and [`outcome`] both work out first, so the two cannot disagree.
struct Core<'f> {
    state: Evaluation,
    principles: Vec<PrincipleScore>,
    overall_score: f64,
    total_weight: f64,
    safeguards: Option<f64>,
    red_lines: Vec<RedLineHit>,
    possible_red_lines: Vec<PossibleRedLine>,
    band: &'f Band,
}

fn core<'f>(fw: &'f Framework, a: &Assessment) -> Core<'f> {
    let state = evaluate(fw, a);
    let principles = principle_scores(fw, a, &state.applies);
    let (overall_score, total_weight) = overall_score(&principles);
    let safeguards = safeguard_share(fw, a, &state.applies);
    let (red_lines, possible_red_lines) = red_lines::red_lines(fw, a, &state);
    let band = band(
        fw,
        (overall_score, safeguards),
        state.impact.level,
        !red_lines.is_empty(),
    );
    Core {
        state,
        principles,
        overall_score,
        total_weight,
        safeguards,
        red_lines,
        possible_red_lines,
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
        safeguards,
        red_lines,
        possible_red_lines,
        band,
    } = core(fw, a);
    // Only the full report needs what the blanks still allow; `outcome` (rescore) does not,
    // and with nothing open the score and band are all there is.
    let ((low, high), safeguard_range) = if state.closed {
        ((overall_score, overall_score), safeguards.map(|s| (s, s)))
    } else {
        (
            range::score_range(fw, a, &state),
            range::safeguard_range(fw, a, &state),
        )
    };
    let bands_possible = if state.closed {
        vec![band]
    } else if red_lines.is_empty() {
        range::bands_possible(
            fw,
            (
                (low, safeguard_range.map(|r| r.0)),
                (high, safeguard_range.map(|r| r.1)),
            ),
            (state.lowest_level, state.impact.level),
            !possible_red_lines.is_empty(),
        )
    } else {
        vec![fw.lowest_band()]
    };

    let (mut unanswered, mut not_known) = (Vec::new(), Vec::new());
    let mut answers = Vec::new();
    let (mut required, mut optional) = (Count::default(), Count::default());
    for q in fw.interview_order() {
        let i = fw.question_index(&q.id).unwrap_or_default();
        let applies = state.applies[i];
        let answer = a.answers.get(&q.id);
        if applies {
            let count = if q.required {
                &mut required
            } else {
                &mut optional
            };
            count.applicable += 1;
            let gap = || Unanswered {
                question: q.id.clone(),
                principle: q.principle.clone(),
                prompt: q.prompt.clone(),
                required: q.required,
                could_cross_red_line: possible_red_lines.iter().any(|p| p.question == q.id),
            };
            match answer {
                Some(given) => {
                    count.answered += 1;
                    if given.value.is_not_known() {
                        not_known.push(gap());
                    }
                }
                None => unanswered.push(gap()),
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
                private: a.private.contains(&q.id),
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
            stage: a.meta.stage,
            sha256: a.sha256.clone(),
        },
        overall: Overall {
            score: overall_score,
            band: band.id.clone(),
            band_name: band.name.clone(),
            complete: required.answered == required.applicable,
            provisional: required.answered < required.applicable,
            range: ScoreRange { low, high },
            safeguards,
            bands_possible: bands_possible
                .iter()
                .map(|b| BandRef {
                    id: b.id.clone(),
                    name: b.name.clone(),
                })
                .collect(),
            answered: required.answered + optional.answered,
            applicable: required.applicable + optional.applicable,
            required,
            optional,
        },
        impact_level: state.impact.level,
        recommendations: recommendations(
            fw,
            a,
            &Findings {
                applies: &state.applies,
                principles: &principles,
                total_weight,
                red_lines: &red_lines,
                possible_red_lines: &possible_red_lines,
                safeguards_first: fw
                    .impact
                    .safeguards_first_from
                    .is_some_and(|from| state.impact.level >= from),
            },
        ),
        impact: state.impact,
        principles,
        red_lines,
        possible_red_lines,
        unanswered,
        not_known,
        not_applicable,
        answers,
        views: None,
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

/// The best band at the impact level whose thresholds the overall score and the safeguard
/// share both reach; the lowest band when a red line is crossed. An assessment with no
/// safeguard question that applies meets every safeguard threshold.
pub(crate) fn band(
    fw: &Framework,
    (score, safeguards): (f64, Option<f64>),
    level: u8,
    red_line_crossed: bool,
) -> &Band {
    if red_line_crossed {
        return fw.lowest_band();
    }
    let at = usize::from(level) - 1;
    fw.bands
        .iter()
        .find(|b| {
            score >= b.min_score[at]
                && b.min_safeguards
                    .as_ref()
                    .zip(safeguards)
                    .is_none_or(|(min, share)| share >= min[at])
        })
        .unwrap_or_else(|| fw.lowest_band())
}

/// Weighted points earned and available, and how many were answered and applied, over the
/// questions given that apply.
fn tally<'q>(
    fw: &Framework,
    a: &Assessment,
    applies: &[bool],
    questions: impl Iterator<Item = &'q Question>,
) -> (f64, f64, usize, usize) {
    let (mut earned, mut available, mut answered, mut applicable) = (0.0, 0.0, 0, 0);
    for q in questions {
        if !applies[fw.question_index(&q.id).unwrap_or_default()] {
            continue;
        }
        applicable += 1;
        let earns = a.answers.get(&q.id).map(|answer| points(q, &answer.value));
        available += q.weight * q.available(earns);
        if let Some(earns) = earns {
            answered += 1;
            earned += q.weight * earns;
        }
    }
    (earned, available, answered, applicable)
}

/// The share (percent, one decimal place) of the points of the safeguard questions that
/// apply which the answers earn, blanks earning nothing; `None` when none can earn points.
fn safeguard_share(fw: &Framework, a: &Assessment, applies: &[bool]) -> Option<f64> {
    let (earned, available, ..) = tally(fw, a, applies, fw.safeguard_questions());
    (available > 0.0).then(|| round(100.0 * earned / available, 1))
}

fn principle_scores(fw: &Framework, a: &Assessment, applies: &[bool]) -> Vec<PrincipleScore> {
    fw.principles
        .iter()
        .map(|p| {
            let (earned, available, answered, applicable) =
                tally(fw, a, applies, fw.questions_of(&p.id));
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

/// An answer in words: option labels, the value with its unit, the text, or "Not known".
pub fn describe(q: &Question, v: &Value) -> String {
    match v {
        Value::NotKnown => "Not known".to_string(),
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
