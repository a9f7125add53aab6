//! Scoring: which questions apply, the impact level, points per principle, the overall score
//! and band, red lines, completeness and ranked recommendations. Pure: a framework and an
//! assessment in, a [`Report`] out. The rules are documented in docs/scoring.md.

pub mod report;

use std::collections::HashSet;

use crate::assessment::{Assessment, Value};
use crate::framework::model::Step;
use crate::framework::{Band, Facts, Framework, ImpactRole, Question, QuestionKind};
use crate::number::{num, round};
use report::*;

/// What [`score`] and [`outcome`] both work out first, so the two cannot disagree.
struct Core<'f> {
    state: State,
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

/// Which questions apply (by framework index), given the answers.
pub fn applicability(fw: &Framework, a: &Assessment) -> Vec<bool> {
    evaluate(fw, a).applies
}

struct State {
    applies: Vec<bool>,
    impact: Impact,
}

/// What conditions see while questions are evaluated in dependency order.
struct Seen<'a> {
    fw: &'a Framework,
    a: &'a Assessment,
    applies: &'a [bool],
    level: u8,
}

impl Seen<'_> {
    fn value(&self, question: &str) -> Option<&Value> {
        let i = self.fw.question_index(question)?;
        if !self.applies[i] {
            return None;
        }
        self.a.answers.get(question).map(|a| &a.value)
    }
}

impl Facts for Seen<'_> {
    fn chosen(&self, question: &str) -> Option<&[String]> {
        self.value(question)
            .map(Value::chosen)
            .filter(|c| !c.is_empty())
    }

    fn value(&self, question: &str) -> Option<f64> {
        Seen::value(self, question).and_then(Value::number)
    }

    fn answered(&self, question: &str) -> bool {
        Seen::value(self, question).is_some()
    }

    fn impact_level(&self) -> u8 {
        self.level
    }
}

fn evaluate(fw: &Framework, a: &Assessment) -> State {
    let mut applies = vec![false; fw.questions.len()];
    let mut impact = None;
    for step in fw.evaluation_order() {
        let level = impact.as_ref().map_or(1, |i: &Impact| i.level);
        match *step {
            Step::Question(i) => {
                let seen = Seen {
                    fw,
                    a,
                    applies: &applies,
                    level,
                };
                applies[i] = fw.questions[i].when.as_ref().is_none_or(|c| c.holds(&seen));
            }
            Step::ImpactLevel => impact = Some(impact_level(fw, a, &applies)),
        }
    }
    State {
        impact: impact.unwrap_or_else(|| impact_level(fw, a, &applies)),
        applies,
    }
}

/// The impact level: risk points, less the mitigation reduction when it applies, placed in
/// the levels' percentage bands of the maximum, then raised to any floor an answer sets.
fn impact_level(fw: &Framework, a: &Assessment, applies: &[bool]) -> Impact {
    let answered = |role: ImpactRole| {
        fw.questions
            .iter()
            .enumerate()
            .filter(move |(i, q)| applies[*i] && q.impact == Some(role))
            .map(|(_, q)| (q, a.answers.get(&q.id)))
    };
    let mut raw: f64 = answered(ImpactRole::Risk)
        .filter_map(|(q, answer)| answer.map(|a| points(q, &a.value)))
        .sum();
    let mitigation = fw.impact.mitigation.map(|m| {
        let (earned, available) =
            answered(ImpactRole::Mitigation).fold((0.0, 0.0), |(e, av), (q, answer)| {
                (
                    e + answer.map_or(0.0, |a| points(q, &a.value)),
                    av + q.max_points(),
                )
            });
        let percent = if available > 0.0 {
            100.0 * earned / available
        } else {
            0.0
        };
        let applied = available > 0.0 && percent >= m.threshold;
        if applied {
            raw *= 1.0 - m.reduction / 100.0;
        }
        MitigationResult {
            percent: round(percent, 1),
            threshold: m.threshold,
            reduction: m.reduction,
            applied,
        }
    });
    let max = fw.impact.max_raw_score;
    let percent = if max > 0.0 { 100.0 * raw / max } else { 0.0 };
    let top = fw.impact.levels.len();
    let computed = fw
        .impact
        .levels
        .iter()
        .find(|l| percent >= l.from && (percent < l.to || usize::from(l.level) == top))
        .map_or(1, |l| l.level);
    let floor = answered(ImpactRole::Risk)
        .filter_map(|(q, answer)| answer.map(|a| (q, a)))
        .flat_map(|(q, a)| {
            a.value
                .chosen()
                .iter()
                .filter_map(|c| q.option(c)?.min_impact_level)
        })
        .max()
        .filter(|f| *f > computed);
    let level = floor.unwrap_or(computed);
    Impact {
        level,
        name: fw.level(level).map(|l| l.name.clone()).unwrap_or_default(),
        raw_score: round(raw, 2),
        max_raw_score: round(max, 2),
        percent: round(percent, 1),
        mitigation,
        floor,
    }
}

/// Points an answer earns, before the question's weight.
pub fn points(q: &Question, v: &Value) -> f64 {
    let option_points = |ids: &[String]| -> f64 {
        ids.iter()
            .filter_map(|id| q.option(id))
            .map(|o| o.points)
            .sum()
    };
    match (q.kind, v) {
        (QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple, v) => {
            option_points(v.chosen())
        }
        (QuestionKind::Scale, Value::Number(n)) => q.scale.as_ref().map_or(0.0, |s| {
            let span = s.max as f64 - s.min as f64;
            if span > 0.0 {
                s.points * (n - s.min as f64) / span
            } else {
                0.0
            }
        }),
        (QuestionKind::Number, Value::Number(n)) => q
            .number
            .as_ref()
            .and_then(|spec| spec.range_for(*n))
            .map_or(0.0, |r| r.points),
        _ => 0.0,
    }
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

fn red_lines(fw: &Framework, a: &Assessment, state: &State) -> Vec<RedLineHit> {
    let seen = Seen {
        fw,
        a,
        applies: &state.applies,
        level: state.impact.level,
    };
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
