//! Which questions apply to an assessment, and its impact level. Conditions read earlier
//! answers and the impact level, and the level is worked out from the answers that apply, so
//! the two are evaluated together in the framework's evaluation order. It sits with the
//! assessment because the loader needs it (to warn about answers that do not apply), below
//! scoring, which builds on it.

use serde::{Deserialize, Serialize};

use super::{Assessment, Value};
use crate::framework::model::Step;
use crate::framework::{
    Basis, Facts, Framework, Given, ImpactRole, Possible, Question, QuestionKind, Stage, Tri,
};
use crate::number::{round, round_alike};

/// Which questions apply (by framework index), given the answers.
pub fn applicability(fw: &Framework, a: &Assessment) -> Vec<bool> {
    evaluate(fw, a).applies
}

/// Which questions apply (by framework index), which could apply once the blanks are
/// answered, and the impact level.
pub(crate) struct Evaluation {
    /// Which questions apply now. Conditions that read the impact level see the level used
    /// ([`Impact::level`]), which is precautionary while risk questions are unanswered.
    pub applies: Vec<bool>,
    /// Whether each question applies whatever the blanks turn out to be, for none of them,
    /// or depending on them.
    pub possible: Vec<Tri>,
    pub impact: Impact,
    /// The lowest impact level any answers to the blanks could give.
    pub lowest_level: u8,
    /// Nothing is open: every question that applies is answered, none "not known".
    pub closed: bool,
}

impl Evaluation {
    /// What conditions could see once the blanks are answered.
    pub(crate) fn open<'a>(&'a self, fw: &'a Framework, a: &'a Assessment) -> impl Possible + 'a {
        Open {
            fw,
            a,
            possible: &self.possible,
            levels: (self.lowest_level, self.impact.level),
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

    fn stage(&self) -> Option<Stage> {
        self.a.meta.stage
    }
}

/// What conditions could see once the blanks are answered: answers as given, blanks open.
struct Open<'a> {
    fw: &'a Framework,
    a: &'a Assessment,
    possible: &'a [Tri],
    levels: (u8, u8),
}

impl Possible for Open<'_> {
    fn applies(&self, question: &str) -> Tri {
        self.fw
            .question_index(question)
            .map_or(Tri::No, |i| self.possible[i])
    }

    /// A not-known answer is as open as a blank: the answer, once found out, could be any.
    fn given(&self, question: &str) -> Option<Given<'_>> {
        self.a
            .answers
            .get(question)
            .filter(|a| !a.value.is_not_known())
            .map(|a| (a.value.chosen(), a.value.number()))
    }

    fn impact_levels(&self) -> (u8, u8) {
        self.levels
    }

    fn stage(&self) -> Option<Stage> {
        self.a.meta.stage
    }
}

pub(crate) fn evaluate(fw: &Framework, a: &Assessment) -> Evaluation {
    closed(fw, a).unwrap_or_else(|| open(fw, a))
}

/// The evaluation of an assessment with nothing open: every question that applies is
/// answered, none "not known". Then nothing can change, so every question applies or not for
/// certain and the impact level is the one the answers give: the three-valued pass and the
/// extra readings of the level are skipped (`coopai rescore` scores mostly such files).
/// `None` when something is open.
fn closed(fw: &Framework, a: &Assessment) -> Option<Evaluation> {
    if a.answers.values().any(|answer| answer.value.is_not_known()) {
        return None;
    }
    let mut applies = vec![false; fw.questions.len()];
    let mut impact = None;
    for step in fw.evaluation_order() {
        match *step {
            Step::Question(i) => {
                let seen = Seen {
                    fw,
                    a,
                    applies: &applies,
                    level: impact.as_ref().map_or(1, |i: &Impact| i.level),
                };
                let q = &fw.questions[i];
                applies[i] = q.when.as_ref().is_none_or(|c| c.holds(&seen));
                if applies[i] && !a.answers.contains_key(&q.id) {
                    return None;
                }
            }
            Step::ImpactLevel => {
                let certain: Vec<Tri> = applies.iter().map(|&b| Tri::of(b)).collect();
                impact = Some(impact_level(fw, a, &applies, &certain, Reading::AsAnswered));
            }
        }
    }
    let impact = impact?;
    Some(Evaluation {
        possible: applies.iter().map(|&b| Tri::of(b)).collect(),
        applies,
        lowest_level: impact.level,
        impact,
        closed: true,
    })
}

/// The evaluation of an assessment with blanks or not-known answers: the two-valued pass that
/// the report shows, with the precautionary level, beside the three-valued pass of what the
/// open answers could still change.
fn open(fw: &Framework, a: &Assessment) -> Evaluation {
    let count = fw.questions.len();
    let mut applies = vec![false; count];
    let mut possible = vec![Tri::No; count];
    let mut levels = None;
    for step in fw.evaluation_order() {
        match *step {
            Step::Question(i) => {
                let (lowest, level) = levels
                    .as_ref()
                    .map_or((1, 1), |(impact, lowest): &(Impact, u8)| {
                        (*lowest, impact.level)
                    });
                let when = fw.questions[i].when.as_ref();
                let seen = Seen {
                    fw,
                    a,
                    applies: &applies,
                    level,
                };
                applies[i] = when.is_none_or(|c| c.holds(&seen));
                let open = Open {
                    fw,
                    a,
                    possible: &possible,
                    levels: (lowest, level),
                };
                possible[i] = when.map_or(Tri::Yes, |c| c.could_hold(&open));
            }
            Step::ImpactLevel => levels = Some(impact(fw, a, &applies, &possible)),
        }
    }
    let (impact, lowest_level) = levels.unwrap_or_else(|| impact(fw, a, &applies, &possible));
    Evaluation {
        applies,
        possible,
        impact,
        lowest_level,
        closed: false,
    }
}

/// How blanks and uncertain questions count towards an impact level.
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    /// The answers as given: blanks add nothing.
    AsAnswered,
    /// The most the blanks could add: each at its most points and highest floor, and the
    /// mitigation at its worst.
    Highest,
    /// The least any answers could give: only what certainly applies, and the mitigation
    /// reduction whenever answers still to come could earn it.
    Lowest,
}

/// The impact level used, which is precautionary (the highest the blanks allow) while risk
/// questions that may apply are unanswered, and the lowest level answers could still give.
fn impact(fw: &Framework, a: &Assessment, applies: &[bool], possible: &[Tri]) -> (Impact, u8) {
    let as_answered = impact_level(fw, a, applies, possible, Reading::AsAnswered);
    let highest = impact_level(fw, a, applies, possible, Reading::Highest);
    let lowest = impact_level(fw, a, applies, possible, Reading::Lowest);
    let precautionary = fw.questions.iter().enumerate().any(|(i, q)| {
        q.impact == Some(ImpactRole::Risk)
            && possible[i].possible()
            && !a.answers.contains_key(&q.id)
    });
    let impact = Impact {
        range: LevelRange {
            low: as_answered.level,
            high: highest.level,
        },
        precautionary,
        ..highest
    };
    let lowest = lowest.level.min(as_answered.level);
    (impact, lowest)
}

/// The impact level in one [`Reading`]: risk points, less the mitigation reduction when it
/// applies, rounded as the framework says, placed in the levels' percentage bands of the
/// maximum, then raised to any floor an answer sets. A not-known risk answer counts as its most
/// points and highest floor: not knowing must never lower the bar.
fn impact_level(
    fw: &Framework,
    a: &Assessment,
    applies: &[bool],
    possible: &[Tri],
    reading: Reading,
) -> Impact {
    let role = |role: ImpactRole| {
        fw.questions
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.impact == Some(role))
            .map(|(i, q)| (i, q, a.answers.get(&q.id).map(|a| &a.value)))
    };
    let (mut raw, mut floor) = (0.0, None);
    for (i, q, answer) in role(ImpactRole::Risk) {
        let most = (
            q.max_points(),
            q.options.iter().filter_map(|o| o.min_impact_level).max(),
        );
        let given = |v: &Value| match v {
            Value::NotKnown => most,
            v => (
                points(q, v),
                v.chosen()
                    .iter()
                    .filter_map(|c| q.option(c)?.min_impact_level)
                    .max(),
            ),
        };
        let (p, f) = match (reading, answer) {
            (Reading::AsAnswered, Some(v)) if applies[i] => given(v),
            (Reading::Highest, Some(v)) if possible[i].possible() => given(v),
            (Reading::Highest, None) if possible[i].possible() => most,
            (Reading::Lowest, Some(v)) if possible[i] == Tri::Yes => given(v),
            _ => (0.0, None),
        };
        raw += p;
        floor = floor.max(f);
    }
    let unreduced = raw;
    let mitigation = fw.impact.mitigation.map(|m| {
        let (mut earned, mut available, mut open) = (0.0, 0.0, false);
        for (i, q, answer) in role(ImpactRole::Mitigation) {
            open |= possible[i] == Tri::Maybe || (possible[i] == Tri::Yes && answer.is_none());
            // At its highest, the level takes mitigation at its worst: a question that may
            // yet apply counts as applicable and unanswered.
            let (counts, earns) = match reading {
                Reading::Highest => (possible[i].possible(), possible[i] == Tri::Yes),
                Reading::AsAnswered | Reading::Lowest => (applies[i], applies[i]),
            };
            // Measured against every mitigation question, each counts whether it applies or not.
            let counts = counts || m.basis == Basis::All;
            if counts {
                available += q.max_points();
            }
            if earns {
                earned += answer.map_or(0.0, |v| points(q, v));
            }
        }
        let percent = if available > 0.0 {
            100.0 * earned / available
        } else {
            0.0
        };
        let applied =
            (available > 0.0 && percent >= m.threshold) || (reading == Reading::Lowest && open);
        if applied {
            raw *= 1.0 - m.reduction / 100.0;
        }
        MitigationResult {
            percent: round_alike(percent, 1, |p| p >= m.threshold),
            threshold: m.threshold,
            reduction: m.reduction,
            applied,
        }
    });
    let raw = fw.impact.rounding.apply(raw);
    let max = fw.impact.max_raw_score;
    let percent = if max > 0.0 { 100.0 * raw / max } else { 0.0 };
    let computed = fw.impact.level_at(percent);
    let floor = floor.filter(|f| *f > computed);
    let level = floor.unwrap_or(computed);
    Impact {
        level,
        name: fw.level(level).map(|l| l.name.clone()).unwrap_or_default(),
        raw_score: round(raw, 2),
        unreduced_score: round(unreduced, 2),
        max_raw_score: round(max, 2),
        percent: round_alike(percent, 1, |p| fw.impact.level_at(p)),
        mitigation,
        floor,
        range: LevelRange {
            low: level,
            high: level,
        },
        precautionary: false,
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
    /// Points from the risk questions, after any mitigation reduction and rounding: the score
    /// the levels are cut on.
    pub raw_score: f64,
    /// Points from the risk questions, before any mitigation reduction or rounding.
    #[serde(default)]
    pub unreduced_score: f64,
    pub max_raw_score: f64,
    /// `raw_score` as a percentage of `max_raw_score`, to one decimal place, or more where
    /// one would put it in another level.
    pub percent: f64,
    pub mitigation: Option<MitigationResult>,
    /// A level forced by an answer (`min_impact_level`), when above the computed one.
    pub floor: Option<u8>,
    /// The level the answers given reach (blanks adding nothing) and the highest the blanks
    /// allow; equal once every risk question that may apply is answered. Reports written
    /// before ranges existed read as a range of one level.
    #[serde(default)]
    pub range: LevelRange,
    /// Risk questions that may apply are unanswered, so `level` is the highest in `range`:
    /// missing answers never lower the bar.
    #[serde(default)]
    pub precautionary: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelRange {
    pub low: u8,
    pub high: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MitigationResult {
    /// Share of the mitigation questions' points earned, to one decimal place, or more where
    /// one would put it on the other side of the threshold.
    pub percent: f64,
    pub threshold: f64,
    pub reduction: f64,
    pub applied: bool,
}
