//! The tally: responses added one at a time, kept as counts. A response is read, added and
//! dropped, so the memory held grows with the framework (questions, roles, options, scale
//! values, principles), never with the number of responses: except free-text answers, which
//! are kept only when asked for.

use std::collections::BTreeMap;

use super::ViewOptions;
use super::digest::Digest;
use super::spread::{Part, Spread};
use crate::assessment::{Response, Value, points};
use crate::framework::{Framework, Question, QuestionKind};

/// Every response's answers, counted by question and role, and each respondent's principle
/// scores, counted by role. Build one with [`Tally::new`], [`add`](Tally::add) each response,
/// and give it to [`super::score_with`].
#[derive(Debug, Clone)]
pub struct Tally {
    comments: bool,
    digest: Digest,
    /// Responses by role (framework order).
    pub(super) per_role: Vec<u64>,
    /// Responses whose role the framework does not declare.
    pub(super) ignored: u64,
    /// By (question, role), framework indices.
    pub(super) answers: BTreeMap<(usize, usize), AnswerTally>,
    /// By (role, principle), framework indices.
    pub(super) spreads: BTreeMap<(usize, usize), Spread>,
}

/// One role's answers to one question.
#[derive(Debug, Clone)]
pub(super) struct AnswerTally {
    /// Every answer counted, "not known" included.
    pub answered: u64,
    pub not_known: u64,
    pub counts: Counts,
}

#[derive(Debug, Clone)]
pub(super) enum Counts {
    /// Single choice and yes/no: how many chose each option, in framework order.
    Options(Vec<u64>),
    /// Multiple choice: how many chose each option, and each set of options (option
    /// indices, ascending) chosen together. The sets seen are at most 2 to the number of
    /// options.
    Sets {
        options: Vec<u64>,
        sets: BTreeMap<Vec<u16>, u64>,
    },
    /// Scale: how many gave each value.
    Scale(BTreeMap<i64, u64>),
    /// Number: below every range, then each range.
    Number(Vec<Bucket>),
    /// Free text: the answers, when comments are kept.
    Text(Vec<String>),
}

/// The numbers given in one range: how many, and the lowest, which a combined answer takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bucket {
    pub count: u64,
    pub lowest: f64,
}

impl Tally {
    /// A tally that keeps no free-text answers.
    pub fn new(fw: &Framework) -> Self {
        Self::with_options(fw, &ViewOptions::default())
    }

    /// A tally that keeps free-text answers when `options.include_comments`.
    pub fn with_options(fw: &Framework, options: &ViewOptions) -> Self {
        Self {
            comments: options.include_comments,
            digest: Digest::default(),
            per_role: vec![0; fw.roles.len()],
            ignored: 0,
            answers: BTreeMap::new(),
            spreads: BTreeMap::new(),
        }
    }

    /// Responses combined so far.
    pub fn responses(&self) -> u64 {
        self.per_role.iter().sum()
    }

    /// The digest of every response combined (docs/scoring.md#the-responses-digest).
    pub fn digest(&self) -> String {
        self.digest.hex()
    }

    /// Adds one response. A response in a role the framework does not declare is counted as
    /// ignored; answers to questions its role is not asked, or that do not fit the question
    /// (the loader refuses both), are left out. Nothing of the response is kept but counts,
    /// and its free-text answers when comments are kept.
    pub fn add(&mut self, fw: &Framework, response: &Response) {
        let Some(role) = fw
            .roles
            .iter()
            .position(|r| r.id == response.respondent.role)
        else {
            self.ignored += 1;
            return;
        };
        if let Some(count) = self.per_role.get_mut(role) {
            *count += 1;
        }
        self.digest.add(&response.sha256);
        let mut parts: Vec<(usize, Part)> = Vec::new();
        for (id, answer) in &response.answers {
            let Some(index) = fw.question_index(id) else {
                continue;
            };
            let q = &fw.questions[index];
            if !super::asked(fw, q, role) {
                continue;
            }
            // A question is tallied from its first answer that fits, so only questions
            // someone answered are shown.
            let fits = match self.answers.get_mut(&(index, role)) {
                Some(tally) => tally.add(q, &answer.value, self.comments),
                None => {
                    let mut tally = AnswerTally::new(q);
                    let fits = tally.add(q, &answer.value, self.comments);
                    if fits {
                        self.answers.insert((index, role), tally);
                    }
                    fits
                }
            };
            if !fits {
                continue;
            }
            let principle = q
                .principle
                .as_ref()
                .and_then(|p| fw.principles.iter().position(|x| &x.id == p));
            if let Some(principle) = principle.filter(|_| q.is_scored()) {
                let earned = points(q, &answer.value);
                let part = (
                    index,
                    q.weight * earned,
                    q.weight * q.available(Some(earned)),
                );
                parts.push((principle, part));
            }
        }
        parts.sort_by_key(|(principle, _)| *principle);
        for group in parts.chunk_by(|a, b| a.0 == b.0) {
            let principle = group[0].0;
            let own: Vec<Part> = group.iter().map(|(_, part)| *part).collect();
            self.spreads
                .entry((role, principle))
                .or_insert_with(|| Spread::new(fw, role, principle))
                .add(&own);
        }
    }
}

impl AnswerTally {
    fn new(q: &Question) -> Self {
        let counts = match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => Counts::Options(vec![0; q.options.len()]),
            QuestionKind::Multiple => Counts::Sets {
                options: vec![0; q.options.len()],
                sets: BTreeMap::new(),
            },
            QuestionKind::Scale => Counts::Scale(BTreeMap::new()),
            QuestionKind::Number => {
                let ranges = q.number.as_ref().map_or(0, |n| n.ranges.len());
                let empty = Bucket {
                    count: 0,
                    lowest: f64::INFINITY,
                };
                Counts::Number(vec![empty; ranges + 1])
            }
            QuestionKind::Text => Counts::Text(Vec::new()),
        };
        Self {
            answered: 0,
            not_known: 0,
            counts,
        }
    }

    /// Counts one answer; false when it does not fit the question, and is left out.
    fn add(&mut self, q: &Question, value: &Value, keep_text: bool) -> bool {
        let fits = match (&mut self.counts, value) {
            (_, Value::NotKnown) => {
                self.not_known += 1;
                true
            }
            (Counts::Options(counts), Value::Choice(id)) => {
                match q.options.iter().position(|o| &o.id == id) {
                    Some(i) => {
                        counts[i] += 1;
                        true
                    }
                    None => false,
                }
            }
            (Counts::Sets { options, sets }, Value::Choices(ids)) => {
                let chosen: Vec<u16> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| ids.contains(&o.id))
                    .map(|(i, _)| i as u16)
                    .collect();
                if chosen.len() != ids.len() {
                    false
                } else {
                    for &i in &chosen {
                        options[usize::from(i)] += 1;
                    }
                    *sets.entry(chosen).or_default() += 1;
                    true
                }
            }
            (Counts::Scale(counts), Value::Number(n)) => match q.scale.as_ref() {
                Some(s) if n.fract() == 0.0 && (s.min as f64..=s.max as f64).contains(n) => {
                    *counts.entry(*n as i64).or_default() += 1;
                    true
                }
                _ => false,
            },
            (Counts::Number(buckets), Value::Number(n)) if n.is_finite() => {
                let at = q
                    .number
                    .as_ref()
                    .and_then(|spec| spec.ranges.iter().rposition(|r| *n >= r.at_least))
                    .map_or(0, |i| i + 1);
                match buckets.get_mut(at) {
                    Some(bucket) => {
                        bucket.count += 1;
                        bucket.lowest = bucket.lowest.min(*n);
                        true
                    }
                    None => false,
                }
            }
            (Counts::Text(kept), Value::Text(text)) => {
                if keep_text {
                    kept.push(text.clone());
                }
                true
            }
            _ => false,
        };
        if fits {
            self.answered += 1;
        }
        fits
    }
}
