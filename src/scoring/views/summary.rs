//! One role's answers to one question, summarised: the counts, the median and interquartile
//! range where answers have an order, the agreement, the role's combined answer, and how far
//! the lead's answer is from it. The rules are in docs/scoring.md#responses.
//!
//! Ordered questions place every answer at a position on a line: single choice and yes/no by
//! the option's place when the options are sorted by points, fewest first (ties in framework
//! order); scale by the value; number by the range it falls in, below every range first.
//! A single-choice question whose options all earn the same points has no order.

use serde_json::json;

use super::model::{AnswerCount, Given, Iqr};
use super::stats;
use super::tally::{AnswerTally, Bucket, Counts};
use crate::assessment::Value;
use crate::framework::{NumberSpec, Question, QuestionKind};
use crate::number::num;
use crate::scoring::describe;

/// A scale with more values than this lists only the values given.
const DENSE_SCALE: i64 = 21;

pub(super) struct Summary {
    pub counts: Vec<AnswerCount>,
    pub median: Option<Given>,
    pub iqr: Option<Iqr>,
    /// Answers that agree, of the answers other than "not known".
    pub agree: u64,
    pub given: u64,
    pub combined: Option<Value>,
    /// How `combined` was reached, in words.
    pub how: String,
    pub lead_steps: Option<u64>,
    pub comments: Vec<String>,
}

/// What the agreement of a question counts, and how far the lead's answer may be from the
/// combined answer before the question is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// Ordered, with more than two possible answers: agreement within one step of the median;
    /// flagged at two steps.
    Steps,
    /// Ordered, with two possible answers (yes/no): agreement is giving the median answer;
    /// flagged at any difference.
    TwoWay,
    /// Single choice without an order: the most common answer.
    MostCommon,
    /// Multiple choice: the most common set of options; the lead flagged at two options.
    Sets,
    /// Free text: no statistics.
    Text,
}

impl Measure {
    /// Steps from the combined answer at which the lead's answer flags the question.
    pub(super) fn lead_threshold(self) -> Option<u64> {
        match self {
            Self::Steps | Self::Sets => Some(2),
            Self::TwoWay => Some(1),
            Self::MostCommon | Self::Text => None,
        }
    }

    /// What agreeing means, after a percentage: "... within one step of the median".
    pub(super) fn agreement_words(self) -> &'static str {
        match self {
            Self::Steps => "answered within one step of the median",
            Self::TwoWay => "gave the median answer",
            Self::MostCommon | Self::Sets | Self::Text => "gave the most common answer",
        }
    }
}

/// Whether a question's answers have an order, and how its agreement is measured.
pub(super) fn measure(q: &Question) -> Measure {
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => {
            let first = q.options.first().map(|o| o.points);
            if q.options.iter().all(|o| Some(o.points) == first) {
                Measure::MostCommon
            } else if q.options.len() == 2 {
                Measure::TwoWay
            } else {
                Measure::Steps
            }
        }
        QuestionKind::Scale => match &q.scale {
            Some(s) if s.max - s.min == 1 => Measure::TwoWay,
            _ => Measure::Steps,
        },
        QuestionKind::Number => match q.number.as_ref().map(number_buckets) {
            Some(buckets) if buckets.len() == 2 => Measure::TwoWay,
            _ => Measure::Steps,
        },
        QuestionKind::Multiple => Measure::Sets,
        QuestionKind::Text => Measure::Text,
    }
}

pub(super) fn summarise(q: &Question, t: &AnswerTally, lead: Option<&Value>) -> Summary {
    let given = t.answered - t.not_known;
    let measure = measure(q);
    let mut s = Summary {
        counts: counts(q, &t.counts),
        median: None,
        iqr: None,
        agree: 0,
        given,
        combined: None,
        how: String::new(),
        lead_steps: None,
        comments: Vec::new(),
    };
    let of = |rule: &str| {
        let more = match t.not_known {
            0 => String::new(),
            n => format!(", {n} more not known"),
        };
        format!("{rule} of {given} {}{more}", plural(given, "answer"))
    };
    match (&t.counts, measure) {
        (Counts::Text(comments), _) => {
            let mut comments = comments.clone();
            comments.sort();
            s.comments = comments;
            s.how = "a free-text question: answers are not combined".to_string();
            return s;
        }
        (Counts::Sets { options, sets }, _) => {
            let chosen: Vec<String> = q
                .options
                .iter()
                .zip(options)
                .filter(|&(_, &count)| given > 0 && 2 * count >= given)
                .map(|(o, _)| o.id.clone())
                .collect();
            s.agree = sets.values().copied().max().unwrap_or(0);
            if given > 0 {
                s.lead_steps = lead.and_then(|v| match v {
                    Value::Choices(ids) => Some(
                        q.options
                            .iter()
                            .filter(|o| ids.contains(&o.id) != chosen.contains(&o.id))
                            .count() as u64,
                    ),
                    _ => None,
                });
                s.combined = Some(Value::Choices(chosen));
                s.how = of("the options chosen by at least half");
            }
        }
        (Counts::Options(counts), Measure::MostCommon) => {
            // Ties go to the first option in framework order.
            let top =
                counts
                    .iter()
                    .enumerate()
                    .fold(None, |best: Option<(usize, u64)>, (i, &c)| match best {
                        Some((_, b)) if b >= c => best,
                        _ if c > 0 => Some((i, c)),
                        _ => best,
                    });
            if let Some((i, count)) = top {
                s.agree = count;
                s.combined = q.options.get(i).map(|o| Value::Choice(o.id.clone()));
                s.how = of("the most common");
            }
        }
        (counts, _) => {
            let line = line(q, counts);
            if let Some(median) = stats::median(&line) {
                let tolerance = u64::from(measure != Measure::TwoWay);
                s.agree = stats::within(&line, median, tolerance);
                s.median = Some(at(q, counts, median));
                s.iqr = stats::quartiles(&line).map(|(low, high)| Iqr {
                    low: at(q, counts, low),
                    high: at(q, counts, high),
                    steps: low.abs_diff(high),
                });
                s.combined = value_at(q, counts, median);
                s.lead_steps = lead
                    .and_then(|v| position(q, v))
                    .map(|p| p.abs_diff(median));
                s.how = if q.kind == QuestionKind::Number {
                    of("the lowest answer in the median range")
                } else {
                    of("the median")
                };
            }
        }
    }
    if s.combined.is_none() && t.not_known > 0 {
        s.combined = Some(Value::NotKnown);
        s.how = format!("all {} answered not known", t.not_known);
    }
    s
}

/// The answers given (not "not known") of an ordered question, on its line.
fn line(q: &Question, counts: &Counts) -> Vec<(i64, u64)> {
    match counts {
        Counts::Options(counts) => option_order(q)
            .iter()
            .enumerate()
            .map(|(rank, &i)| (rank as i64, counts.get(i).copied().unwrap_or(0)))
            .collect(),
        Counts::Scale(counts) => counts.iter().map(|(&v, &c)| (v, c)).collect(),
        Counts::Number(buckets) => buckets
            .iter()
            .enumerate()
            .map(|(i, b)| (i as i64, b.count))
            .collect(),
        Counts::Sets { .. } | Counts::Text(_) => Vec::new(),
    }
}

/// Option indices sorted by points, fewest first; ties in framework order.
fn option_order(q: &Question) -> Vec<usize> {
    let mut order: Vec<usize> = (0..q.options.len()).collect();
    order.sort_by(|&a, &b| q.options[a].points.total_cmp(&q.options[b].points));
    order
}

/// Where an answer lies on the question's line; `None` for "not known" or what does not fit.
fn position(q: &Question, v: &Value) -> Option<i64> {
    match (q.kind, v) {
        (QuestionKind::Single | QuestionKind::YesNo, Value::Choice(id)) => option_order(q)
            .iter()
            .position(|&i| &q.options[i].id == id)
            .map(|rank| rank as i64),
        (QuestionKind::Scale, Value::Number(n)) => Some(*n as i64),
        (QuestionKind::Number, Value::Number(n)) => Some(
            q.number
                .as_ref()
                .and_then(|spec| spec.ranges.iter().rposition(|r| *n >= r.at_least))
                .map_or(0, |i| i as i64 + 1),
        ),
        _ => None,
    }
}

/// The answer at a position of the line, as the combined answer takes it: the option, the
/// scale value, or the lowest number given in the range.
fn value_at(q: &Question, counts: &Counts, position: i64) -> Option<Value> {
    match counts {
        Counts::Options(_) => {
            let i = *option_order(q).get(usize::try_from(position).ok()?)?;
            Some(Value::Choice(q.options[i].id.clone()))
        }
        Counts::Scale(_) => Some(Value::Number(position as f64)),
        Counts::Number(buckets) => buckets
            .get(usize::try_from(position).ok()?)
            .filter(|b| b.count > 0)
            .map(|b| Value::Number(b.lowest)),
        Counts::Sets { .. } | Counts::Text(_) => None,
    }
}

/// The answer at a position of the line, for the median and quartiles: a number question's
/// is the range, its `at_least` as the value.
fn at(q: &Question, counts: &Counts, position: i64) -> Given {
    match (counts, q.number.as_ref()) {
        (Counts::Number(_), Some(spec)) => {
            let buckets = number_buckets(spec);
            let index = usize::try_from(position).unwrap_or(0);
            buckets
                .into_iter()
                .find(|(i, _, _)| *i == index)
                .map_or_else(
                    || Given {
                        value: serde_json::Value::Null,
                        answer: String::new(),
                    },
                    |(_, value, answer)| Given { value, answer },
                )
        }
        _ => value_at(q, counts, position).map_or_else(
            || Given {
                value: serde_json::Value::Null,
                answer: String::new(),
            },
            |v| given(q, &v),
        ),
    }
}

/// An answer as the report gives one: as written in an answers file, and in words.
pub(super) fn given(q: &Question, v: &Value) -> Given {
    Given {
        value: serde_json::to_value(v).unwrap_or_default(),
        answer: describe(q, v),
    }
}

/// How many gave each possible answer: every option in framework order; every scale value
/// (only those given on a scale of more than 21 values); every number range, lowest first,
/// with "under" the lowest range where a number can fall there.
fn counts(q: &Question, counts: &Counts) -> Vec<AnswerCount> {
    let option_counts = |counts: &[u64]| {
        q.options
            .iter()
            .zip(counts)
            .map(|(o, &count)| AnswerCount {
                value: json!(o.id),
                label: o.label.clone(),
                count,
            })
            .collect()
    };
    match counts {
        Counts::Options(counts) => option_counts(counts),
        Counts::Sets { options, .. } => option_counts(options),
        Counts::Scale(counts) => {
            let Some(s) = &q.scale else {
                return Vec::new();
            };
            let values: Vec<i64> = if s.max - s.min < DENSE_SCALE {
                (s.min..=s.max).collect()
            } else {
                counts.keys().copied().collect()
            };
            values
                .into_iter()
                .map(|v| {
                    let end = |label: &Option<String>| {
                        label.as_ref().map_or(String::new(), |l| format!(" ({l})"))
                    };
                    let suffix = match v {
                        v if v == s.min => end(&s.min_label),
                        v if v == s.max => end(&s.max_label),
                        _ => String::new(),
                    };
                    AnswerCount {
                        // As a number, the way a scale answer is written everywhere else.
                        value: json!(v as f64),
                        label: format!("{v}{suffix}"),
                        count: counts.get(&v).copied().unwrap_or(0),
                    }
                })
                .collect()
        }
        Counts::Number(buckets) => q.number.as_ref().map_or(Vec::new(), |spec| {
            number_buckets(spec)
                .into_iter()
                .filter_map(|(i, value, label)| {
                    let Bucket { count, .. } = buckets.get(i)?;
                    Some(AnswerCount {
                        value,
                        label,
                        count: *count,
                    })
                })
                .collect()
        }),
        Counts::Text(_) => Vec::new(),
    }
}

/// A number question's buckets that an answer can fall in: (index in the tally, `at_least`
/// or null below every range, label). The bucket below every range is left out when no
/// answer can fall there.
fn number_buckets(spec: &NumberSpec) -> Vec<(usize, serde_json::Value, String)> {
    let unit = spec
        .unit
        .as_ref()
        .map_or(String::new(), |u| format!(" {u}"));
    let mut out = Vec::new();
    let first = spec.ranges.first().map(|r| r.at_least);
    let below_possible = match (first, spec.min) {
        (Some(first), Some(min)) => min < first,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if let Some(first) = first.filter(|_| below_possible) {
        out.push((
            0,
            serde_json::Value::Null,
            format!("under {}{unit}", num(first)),
        ));
    }
    for (i, r) in spec.ranges.iter().enumerate() {
        let label = r
            .label
            .clone()
            .unwrap_or_else(|| match spec.ranges.get(i + 1) {
                Some(next) => format!("{} to under {}{unit}", num(r.at_least), num(next.at_least)),
                None => format!("{} or more{unit}", num(r.at_least)),
            });
        out.push((i + 1, json!(r.at_least), label));
    }
    out
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
