//! Recommendations: what to change in an answer that loses points, what to answer where the
//! assessment is blank, and what to find out where it says "not known". Ranked by what they
//! could change: clearing a red line, then what could still cross one, then (at the impact
//! levels where the framework says so) safeguards before practices, then the overall score
//! they could recover.

use std::collections::HashSet;

use super::report::{About, PossibleRedLine, PrincipleScore, Recommendation, RedLineHit};
use crate::assessment::{Assessment, Value, points};
use crate::framework::{Category, Framework, Question, QuestionKind};
use crate::number::round;

/// Recommendations for answers that lose points, ranked by the overall score they would
/// recover: (principle weight / total weight) x (question weight x points lost / principle's
/// available points) x 100.
pub(super) struct Findings<'a> {
    pub applies: &'a [bool],
    pub principles: &'a [PrincipleScore],
    pub total_weight: f64,
    pub red_lines: &'a [RedLineHit],
    pub possible_red_lines: &'a [PossibleRedLine],
    /// The impact level is at or above the framework's `safeguards_first_from`.
    pub safeguards_first: bool,
}

pub(super) fn recommendations(fw: &Framework, a: &Assessment, f: &Findings) -> Vec<Recommendation> {
    let mut out = Vec::new();
    let mut seen_text = HashSet::new();
    for (order, q) in fw.interview_order().into_iter().enumerate() {
        if !f.applies[fw.question_index(&q.id).unwrap_or_default()] {
            continue;
        }
        let could_cross_red_line = f.possible_red_lines.iter().any(|p| p.question == q.id);
        // Overall score points recovered by earning `lost` more points on this question.
        let gain = |lost: f64| {
            let principle = q.principle.as_ref();
            match f.principles.iter().find(|p| Some(&p.id) == principle) {
                Some(ps) if q.bonus => bonus_gain(f, ps, q.weight * lost),
                Some(ps) if ps.available > 0.0 && f.total_weight > 0.0 => round(
                    100.0 * (ps.weight / f.total_weight) * q.weight * lost / ps.available,
                    1,
                ),
                _ => 0.0,
            }
        };
        let max = q.max_points();
        // An optional question that earns nothing and guards no red line changes nothing.
        let worth_closing = q.required || max > 0.0 || could_cross_red_line;
        let answer = match a.answers.get(&q.id).map(|a| &a.value) {
            None | Some(Value::NotKnown) if !worth_closing => continue,
            None => {
                out.push((
                    order,
                    gap(q, About::Unanswered, gain(max), could_cross_red_line),
                ));
                continue;
            }
            Some(Value::NotKnown) => {
                out.push((
                    order,
                    gap(q, About::NotKnown, gain(max), could_cross_red_line),
                ));
                continue;
            }
            Some(value) if q.principle.is_some() => value,
            Some(_) => continue,
        };
        let mut push = |text: &Option<String>,
                        lost: f64,
                        clears_red_line: bool,
                        category: Option<Category>| {
            if let Some(text) = text.as_ref().filter(|_| lost > 0.0 || clears_red_line) {
                if seen_text.insert((q.id.clone(), text.clone())) {
                    out.push((
                        order,
                        Recommendation {
                            question: q.id.clone(),
                            principle: q.principle.clone(),
                            text: text.clone(),
                            gain: gain(lost),
                            clears_red_line,
                            about: About::Answer,
                            could_cross_red_line: false,
                            category: category.unwrap_or(q.category),
                        },
                    ));
                }
            }
        };
        match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => {
                for id in answer.chosen() {
                    if let Some(o) = q.option(id) {
                        let crossed = f
                            .red_lines
                            .iter()
                            .any(|h| h.question == q.id && &h.option == id);
                        push(&o.recommendation, max - o.points, crossed, o.category);
                    }
                }
            }
            QuestionKind::Multiple => {
                for o in q
                    .options
                    .iter()
                    .filter(|o| !answer.chosen().contains(&o.id))
                {
                    push(&o.recommendation, o.points, false, o.category);
                }
            }
            QuestionKind::Scale | QuestionKind::Number => {
                let lost = max - points(q, answer);
                let text = match (q.kind, answer.number(), &q.number) {
                    (QuestionKind::Number, Some(n), Some(spec)) => spec
                        .range_for(n)
                        .and_then(|r| r.recommendation.clone())
                        .or_else(|| q.recommendation.clone()),
                    _ => q.recommendation.clone(),
                };
                push(&text, lost, false, None);
            }
            QuestionKind::Text => {}
        }
    }
    // While a red line stands no score gain changes the band, so what clears one comes first,
    // then what could still cross one; then, at high impact, safeguards; then the highest
    // gain; ties keep interview order so the output is stable.
    let safeguard = |r: &Recommendation| f.safeguards_first && r.category == Category::Safeguard;
    out.sort_by(|(oa, a), (ob, b)| {
        b.clears_red_line
            .cmp(&a.clears_red_line)
            .then(b.could_cross_red_line.cmp(&a.could_cross_red_line))
            .then(safeguard(b).cmp(&safeguard(a)))
            .then(b.gain.total_cmp(&a.gain))
            .then(oa.cmp(ob))
    });
    out.into_iter().map(|(_, r)| r).collect()
}

/// The overall score recovered by earning `more` (weighted) points on a bonus question of the
/// principle `ps`: the points are added to what it earned and to what was available. A
/// principle with nothing available yet has no score, and would score 100 with them.
fn bonus_gain(f: &Findings, ps: &PrincipleScore, more: f64) -> f64 {
    let gain = match (ps.available > 0.0, f.total_weight > 0.0) {
        _ if more <= 0.0 => 0.0,
        (true, true) => {
            let share = (ps.earned + more) / (ps.available + more) - ps.earned / ps.available;
            100.0 * (ps.weight / f.total_weight) * share
        }
        (true, false) => 0.0,
        (false, scored) => {
            let overall = if scored {
                let sum: f64 = f
                    .principles
                    .iter()
                    .filter_map(|p| Some(p.score? * p.weight))
                    .sum();
                sum / f.total_weight
            } else {
                0.0
            };
            let weight = f.total_weight + ps.weight;
            if weight > 0.0 {
                (100.0 - overall) * ps.weight / weight
            } else {
                0.0
            }
        }
    };
    round(gain, 1)
}

/// A recommendation to close a gap: answer the question, or find out what was not known.
fn gap(q: &Question, about: About, gain: f64, could_cross_red_line: bool) -> Recommendation {
    let text = match about {
        About::NotKnown => format!("Find out, and record in the assessment: {}", q.prompt),
        _ => format!("Answer: {}", q.prompt),
    };
    Recommendation {
        question: q.id.clone(),
        principle: q.principle.clone(),
        text,
        gain,
        clears_red_line: false,
        about,
        could_cross_red_line,
        category: q.category,
    }
}
