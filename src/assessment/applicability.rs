//! Which questions apply to an assessment, and its impact level. Conditions read earlier
//! answers and the impact level, and the level is worked out from the answers that apply, so
//! the two are evaluated together in the framework's evaluation order. It sits with the
//! assessment because the loader needs it (to warn about answers that do not apply), below
//! scoring, which builds on it.

use serde::{Deserialize, Serialize};

use super::{Assessment, Value};
use crate::framework::model::Step;
use crate::framework::{Facts, Framework, ImpactRole, Question, QuestionKind};
use crate::number::round;

/// Which questions apply (by framework index), given the answers.
pub fn applicability(fw: &Framework, a: &Assessment) -> Vec<bool> {
    evaluate(fw, a).applies
}

/// Which questions apply (by framework index), and the impact level they give.
pub(crate) struct Evaluation {
    pub applies: Vec<bool>,
    pub impact: Impact,
}

impl Evaluation {
    /// What conditions see once every question is evaluated, such as a red line's own
    /// condition.
    pub(crate) fn facts<'a>(&'a self, fw: &'a Framework, a: &'a Assessment) -> impl Facts + 'a {
        Seen {
            fw,
            a,
            applies: &self.applies,
            level: self.impact.level,
        }
    }
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

pub(crate) fn evaluate(fw: &Framework, a: &Assessment) -> Evaluation {
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
    Evaluation {
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

/// Points an answer earns, before the question's weight. Here rather than in scoring because
/// the impact level adds up the risk questions' points.
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

/// The impact level and how it was reached, as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    pub level: u8,
    pub name: String,
    /// Points from the risk questions, after any mitigation reduction.
    pub raw_score: f64,
    pub max_raw_score: f64,
    /// `raw_score` as a percentage of `max_raw_score`.
    pub percent: f64,
    pub mitigation: Option<MitigationResult>,
    /// A level forced by an answer (`min_impact_level`), when above the computed one.
    pub floor: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MitigationResult {
    /// Share of the mitigation questions' points earned.
    pub percent: f64,
    pub threshold: f64,
    pub reduction: f64,
    pub applied: bool,
}
