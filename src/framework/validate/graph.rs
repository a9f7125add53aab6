//! The questions as a graph of what each condition reads: the order to evaluate them in,
//! cycles, and what can never apply.

use std::collections::{BTreeSet, HashMap, HashSet};

use toml::Spanned;

use super::super::condition::Condition;
use super::super::model::*;
use super::super::raw::*;
use super::conditions::when_span;
use super::{Diags, Lint};
use crate::diagnostics::Diagnostic;

/// Orders questions so each comes after what its condition reads; reports cycles.
pub(super) fn evaluation_order(
    raw: &[RawQuestion],
    questions: &[Question],
    d: &mut Diags,
) -> Vec<Step> {
    // Node n = questions.len() is the impact level: it reads every risk and mitigation answer.
    let impact = questions.len();
    let index: HashMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let deps: Vec<Vec<usize>> = questions
        .iter()
        .map(|q| {
            let mut deps: Vec<usize> = q
                .when
                .iter()
                .flat_map(|c| c.questions())
                .filter_map(|id| index.get(id).copied())
                .collect();
            if q.when.as_ref().is_some_and(Condition::reads_impact_level) {
                deps.push(impact);
            }
            deps
        })
        .chain(std::iter::once(
            questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.impact.is_some())
                .map(|(i, _)| i)
                .collect(),
        ))
        .collect();

    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks = vec![Mark::New; deps.len()];
    let mut order = Vec::with_capacity(deps.len());
    let mut reported = HashSet::new();
    let name = |n: usize| {
        if n == impact {
            "the impact level".to_string()
        } else {
            format!("`{}`", questions[n].id)
        }
    };

    // Iterative depth-first search, so a long chain cannot overflow the stack.
    for start in 0..deps.len() {
        if marks[start] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Active;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&dep) = deps[node].get(*next) {
                *next += 1;
                match marks[dep] {
                    Mark::New => {
                        marks[dep] = Mark::Active;
                        stack.push((dep, 0));
                    }
                    Mark::Active => {
                        let from = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                        let cycle: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                        let first = cycle
                            .iter()
                            .copied()
                            .filter(|&n| n != impact)
                            .min()
                            .unwrap_or(dep);
                        if reported.insert(cycle.iter().copied().collect::<BTreeSet<_>>())
                            && cycle.len() > 1
                        {
                            let mut path: Vec<String> = cycle.iter().map(|&n| name(n)).collect();
                            path.push(name(dep));
                            let mut diag = Diagnostic::new(
                                Lint::ConditionCycle,
                                format!("conditions form a cycle: {}", path.join(" -> ")),
                            )
                            .at(
                                when_span(&raw[first]),
                                format!("the condition of `{}`", questions[first].id),
                            );
                            for &n in cycle.iter().filter(|&&n| n != impact && n != first) {
                                diag = diag.also(
                                    when_span(&raw[n]),
                                    format!("the condition of `{}`", questions[n].id),
                                );
                            }
                            diag = if cycle.contains(&impact) {
                                diag.note("risk and mitigation questions decide the impact level, so their conditions cannot read it")
                            } else {
                                diag.note("none of these questions can be asked first; remove or change one of their conditions")
                            };
                            d.push(diag);
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                order.push(if node == impact {
                    Step::ImpactLevel
                } else {
                    Step::Question(node)
                });
                stack.pop();
            }
        }
    }
    order
}

/// Finds questions that can never be asked and red lines that can never apply. The analysis
/// is conservative: it reports only what certainly cannot happen.
pub(super) fn reachability(
    raw: &[RawQuestion],
    questions: &[Question],
    order: &[Step],
    levels: u8,
    d: &mut Diags,
) {
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut never: HashSet<&str> = HashSet::new();
    let reach = Reach {
        by_id: &by_id,
        levels,
    };
    for step in order {
        let Step::Question(i) = *step else { continue };
        let q = &questions[i];
        if let Some(c) = q.when.as_ref().filter(|c| !reach.can_hold(c, &never)) {
            never.insert(q.id.as_str());
            d.push(
                Diagnostic::new(
                    Lint::NeverApplies,
                    format!("question `{}` can never be asked", q.id),
                )
                .at(when_span(&raw[i]), "this condition can never hold")
                .also(raw[i].id.span(), "for this question")
                .note(format!("asked only when {c}"))
                .note(
                    "change the condition so that some answers satisfy it, or remove the question",
                ),
            );
        }
    }
    for (q, rq) in questions.iter().zip(raw) {
        for (o, ro) in q.options.iter().zip(&rq.option) {
            let Some(red) = &o.red_line else { continue };
            let Some(rr) = &ro.red_line else { continue };
            let diag = Diagnostic::new(
                Lint::UnreachableRedLine,
                format!(
                    "red line on option `{}` of `{}` can never apply",
                    o.id, q.id
                ),
            );
            if never.contains(q.id.as_str()) {
                d.push(
                    diag.at(rr.title.span(), "this red line can never apply")
                        .also(rq.id.span(), "because this question can never be asked")
                        .note("fix the question's condition, or move the red line to a question that is asked"),
                );
            } else if let Some(c) = red.when.as_ref().filter(|c| !reach.can_hold(c, &never)) {
                let span = rr.when.as_ref().map_or(rr.title.span(), Spanned::span);
                d.push(
                    diag.at(span, "this condition can never hold")
                        .also(rr.title.span(), "so this red line can never apply")
                        .note(format!("the red line applies only when {c}"))
                        .note("change the condition so that some answers satisfy it, or remove it"),
                );
            }
        }
    }
}

struct Reach<'a> {
    by_id: &'a HashMap<&'a str, &'a Question>,
    levels: u8,
}

impl Reach<'_> {
    fn can_hold(&self, c: &Condition, never: &HashSet<&str>) -> bool {
        match c {
            Condition::Is { question, .. } => !never.contains(question.as_str()),
            Condition::Range {
                question,
                at_least,
                at_most,
            } => {
                !never.contains(question.as_str()) && {
                    let (lo, hi) = self.value_range(question);
                    let lo = at_least.map_or(lo, |a| a.max(lo));
                    let hi = at_most.map_or(hi, |a| a.min(hi));
                    lo <= hi
                }
            }
            Condition::Answered { question, answered } => {
                !*answered || !never.contains(question.as_str())
            }
            Condition::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            } => impact_level_at_least.unwrap_or(1) <= impact_level_at_most.unwrap_or(self.levels),
            Condition::All { all } => {
                all.iter().all(|c| self.can_hold(c, never)) && self.compatible(all)
            }
            Condition::Any { any } => any.iter().any(|c| self.can_hold(c, never)),
            Condition::Not { not } => self.can_fail(not, never),
        }
    }

    /// Over-approximates: true unless the condition certainly always holds.
    fn can_fail(&self, c: &Condition, never: &HashSet<&str>) -> bool {
        match c {
            Condition::ImpactLevel {
                impact_level_at_least,
                impact_level_at_most,
            } => {
                impact_level_at_least.unwrap_or(1) > 1
                    || impact_level_at_most.unwrap_or(self.levels) < self.levels
            }
            Condition::Answered {
                question,
                answered: false,
            } => !never.contains(question.as_str()),
            Condition::Not { not } => self.can_hold(not, never),
            Condition::All { all } => all.iter().any(|c| self.can_fail(c, never)),
            Condition::Any { any } => any.iter().all(|c| self.can_fail(c, never)),
            _ => true,
        }
    }

    /// Conditions joined by `all` that certainly contradict each other: two single-choice
    /// option sets that do not meet, or disjoint numeric or impact-level ranges.
    fn compatible(&self, all: &[Condition]) -> bool {
        let mut options: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut ranges: HashMap<&str, (f64, f64)> = HashMap::new();
        let (mut level_lo, mut level_hi) = (1, self.levels);
        for c in all {
            match c {
                Condition::Is { question, is }
                    if self
                        .by_id
                        .get(question.as_str())
                        .is_some_and(|q| q.kind != QuestionKind::Multiple) =>
                {
                    let set: HashSet<&str> = is.iter().map(String::as_str).collect();
                    let entry = options.entry(question).or_insert_with(|| set.clone());
                    entry.retain(|o| set.contains(o));
                }
                Condition::Range {
                    question,
                    at_least,
                    at_most,
                } => {
                    let entry = ranges
                        .entry(question)
                        .or_insert_with(|| self.value_range(question));
                    entry.0 = at_least.map_or(entry.0, |a| a.max(entry.0));
                    entry.1 = at_most.map_or(entry.1, |a| a.min(entry.1));
                }
                Condition::ImpactLevel {
                    impact_level_at_least,
                    impact_level_at_most,
                } => {
                    level_lo = level_lo.max(impact_level_at_least.unwrap_or(1));
                    level_hi = level_hi.min(impact_level_at_most.unwrap_or(self.levels));
                }
                _ => {}
            }
        }
        options.values().all(|s| !s.is_empty())
            && ranges.values().all(|(lo, hi)| lo <= hi)
            && level_lo <= level_hi
    }

    fn value_range(&self, question: &str) -> (f64, f64) {
        match self.by_id.get(question) {
            Some(Question { scale: Some(s), .. }) => (s.min as f64, s.max as f64),
            Some(Question {
                number: Some(n), ..
            }) => (
                n.min.unwrap_or(f64::NEG_INFINITY),
                n.max.unwrap_or(f64::INFINITY),
            ),
            _ => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load_str;

    /// Four questions, conditions written by each test: `risk` (an impact-profile risk
    /// question), and `a`, `b`, `c` (single choice: `x` or `y`; `c`'s option `y` is a red line).
    const TEXT: &str = r#"
[framework]
id = "graph"
title = "Graph"
version = "1.0.0"
[[principle]]
id = "p"
title = "P"
summary = "s"
[[impact.level]]
level = 1
name = "Low"
from = 0
to = 50
description = "d"
[[impact.level]]
level = 2
name = "High"
from = 50
to = 100
description = "d"
[[question]]
id = "risk"
impact = "risk"
kind = "single"
prompt = "?"
help = "h"
option = [{ id = "low", label = "Low" }, { id = "high", label = "High", points = 1 }]
[[question]]
id = "a"
principle = "p"
kind = "single"
prompt = "?"
help = "h"
option = [{ id = "x", label = "X" }, { id = "y", label = "Y" }]
[[question]]
id = "b"
principle = "p"
kind = "single"
prompt = "?"
help = "h"
option = [{ id = "x", label = "X" }, { id = "y", label = "Y" }]
[[question]]
id = "c"
principle = "p"
kind = "single"
prompt = "?"
help = "h"
option = [{ id = "x", label = "X" }, { id = "y", label = "Y", red_line = { title = "No" } }]
[[band]]
id = "b"
name = "B"
min_score = [0, 0]
"#;

    /// The raw and validated questions of [`TEXT`], with `whens` set as conditions
    /// (question id, condition), so a test can build any graph, cycles included.
    fn questions(whens: &[(&str, Condition)]) -> (Vec<RawQuestion>, Vec<Question>) {
        let raw: RawFramework = toml::from_str(TEXT).unwrap();
        let mut questions = load_str("graph.toml", TEXT.to_string())
            .unwrap()
            .framework
            .questions;
        for (id, when) in whens {
            let q = questions.iter_mut().find(|q| q.id == *id).unwrap();
            q.when = Some(when.clone());
        }
        (raw.question, questions)
    }

    fn is(question: &str, option: &str) -> Condition {
        Condition::Is {
            question: question.into(),
            is: vec![option.into()],
        }
    }

    fn codes(d: &Diags) -> Vec<&str> {
        d.iter().map(|d| d.code).collect()
    }

    #[test]
    fn each_question_comes_after_what_its_condition_reads() {
        let (raw, qs) = questions(&[
            ("a", is("b", "x")),
            (
                "b",
                Condition::ImpactLevel {
                    impact_level_at_least: Some(2),
                    impact_level_at_most: None,
                },
            ),
        ]);
        let mut d = Diags::new();
        let order = evaluation_order(&raw, &qs, &mut d);
        assert!(d.is_empty(), "{d:?}");
        let at = |step: Step| order.iter().position(|s| *s == step).unwrap();
        let (risk, a, b) = (Step::Question(0), Step::Question(1), Step::Question(2));
        assert!(at(risk) < at(Step::ImpactLevel));
        assert!(at(Step::ImpactLevel) < at(b));
        assert!(at(b) < at(a));
        assert_eq!(
            order.len(),
            qs.len() + 1,
            "every question and the impact level once"
        );
    }

    #[test]
    fn a_cycle_is_reported_once_naming_every_question_in_it() {
        let (raw, qs) = questions(&[
            ("a", is("b", "x")),
            ("b", is("c", "x")),
            ("c", is("a", "y")),
        ]);
        let mut d = Diags::new();
        evaluation_order(&raw, &qs, &mut d);
        assert_eq!(codes(&d), ["condition-cycle"]);
        assert!(
            d[0].message.contains("`a` -> `b` -> `c` -> `a`"),
            "{}",
            d[0].message
        );
        assert_eq!(
            d[0].related.len(),
            2,
            "the other two conditions are pointed at"
        );
    }

    #[test]
    fn a_risk_question_reading_the_impact_level_is_a_cycle_through_it() {
        let level = Condition::ImpactLevel {
            impact_level_at_least: Some(2),
            impact_level_at_most: None,
        };
        let (raw, qs) = questions(&[("risk", level)]);
        let mut d = Diags::new();
        evaluation_order(&raw, &qs, &mut d);
        assert_eq!(codes(&d), ["condition-cycle"]);
        assert!(
            d[0].message.contains("the impact level"),
            "{}",
            d[0].message
        );
        assert!(d[0].notes[0].contains("decide the impact level"));
    }

    #[test]
    fn what_can_never_apply_is_found_through_the_chain() {
        // `a` needs two options of one single-choice question at once; `c` needs `a`.
        let contradiction = Condition::All {
            all: vec![is("b", "x"), is("b", "y")],
        };
        let (raw, qs) = questions(&[("a", contradiction), ("c", is("a", "x"))]);
        let mut d = Diags::new();
        let order = evaluation_order(&raw, &qs, &mut d);
        reachability(&raw, &qs, &order, 2, &mut d);
        assert_eq!(
            codes(&d),
            ["never-applies", "never-applies", "unreachable-red-line"]
        );
        assert!(d[0].message.contains("`a`") && d[1].message.contains("`c`"));
        assert!(
            d[2].message.contains("option `y` of `c`"),
            "{}",
            d[2].message
        );
    }

    #[test]
    fn a_condition_that_some_answers_satisfy_passes() {
        let either = Condition::Any {
            any: vec![is("b", "x"), is("b", "y")],
        };
        let not_both = Condition::Not {
            not: Box::new(Condition::All {
                all: vec![is("a", "x"), is("b", "x")],
            }),
        };
        let (raw, qs) = questions(&[("a", either), ("c", not_both)]);
        let mut d = Diags::new();
        let order = evaluation_order(&raw, &qs, &mut d);
        reachability(&raw, &qs, &order, 2, &mut d);
        assert!(d.is_empty(), "{d:?}");
    }
}
