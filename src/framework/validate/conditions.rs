//! Resolving raw conditions against the questions defined.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::super::condition::Condition;
use super::super::model::*;
use super::super::raw::*;
use super::values::{finite, impact_level};
use super::{Diags, Lint};
use crate::diagnostics::{Diagnostic, one_of};

/// Resolves raw conditions against the questions defined.
pub(super) struct Resolver<'a> {
    pub(super) questions: &'a HashMap<&'a str, &'a Question>,
    /// Question ids in framework order, for messages.
    pub(super) ids: &'a [&'a str],
    pub(super) levels: u8,
}

const CONDITION_FORMS: &str = "a condition takes one of the forms: { question = \"id\", is = \"option\" }, { question = \"id\", at_least = N, at_most = N }, { question = \"id\", answered = true }, { impact_level_at_least = N }, { all = [...] }, { any = [...] }, { not = {...} }";

impl Resolver<'_> {
    pub(super) fn resolve(&self, c: &Spanned<RawCondition>, d: &mut Diags) -> Option<Condition> {
        let span = c.span();
        let c = c.get_ref();
        let keys = |pairs: &[(&'static str, bool)]| -> Vec<&'static str> {
            pairs
                .iter()
                .filter(|(_, present)| *present)
                .map(|(k, _)| *k)
                .collect()
        };
        let forms = keys(&[
            ("question", c.question.is_some()),
            ("impact_level_at_least", c.impact_level_at_least.is_some()),
            ("impact_level_at_most", c.impact_level_at_most.is_some()),
            ("all", c.all.is_some()),
            ("any", c.any.is_some()),
            ("not", c.not.is_some()),
        ]);
        let tests = keys(&[
            ("is", c.is.is_some()),
            ("at_least", c.at_least.is_some()),
            ("at_most", c.at_most.is_some()),
            ("answered", c.answered.is_some()),
        ]);
        let quoted = |keys: &[&str]| {
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let invalid = |message: String, note: &str, d: &mut Diags| {
            d.push(
                Diagnostic::new(Lint::InvalidCondition, message)
                    .at(span.clone(), "in this condition")
                    .note(note.to_string()),
            );
            None
        };
        let is_level = |k: &&str| k.starts_with("impact_level");
        let is_range = |k: &&str| k.starts_with("at_");
        if forms.is_empty() && tests.is_empty() {
            return invalid("empty condition".into(), CONDITION_FORMS, d);
        }
        if forms.len() > 1 && !forms.iter().all(is_level) {
            return invalid(
                format!(
                    "a condition takes one form, but this one mixes {}",
                    quoted(&forms)
                ),
                "combine conditions with `all = [...]` or `any = [...]`",
                d,
            );
        }
        if let Some(q) = &c.question {
            if tests.is_empty() {
                return invalid(
                    format!(
                        "condition names question `{}` but not what its answer must be",
                        q.get_ref()
                    ),
                    "add `is = \"option\"`, `at_least` / `at_most`, or `answered = true`",
                    d,
                );
            }
            if tests.len() > 1 && !tests.iter().all(is_range) {
                return invalid(
                    format!(
                        "condition tests `{}` in more than one way: {}",
                        q.get_ref(),
                        quoted(&tests)
                    ),
                    "keep one test, or combine conditions with `all = [...]`",
                    d,
                );
            }
            return self.answer_condition(c, q, d);
        }
        if !tests.is_empty() {
            return invalid(
                format!("condition has {} but no `question`", quoted(&tests)),
                "name the question whose answer it tests: { question = \"id\", ... }",
                d,
            );
        }
        if c.impact_level_at_least.is_some() || c.impact_level_at_most.is_some() {
            let lo = c
                .impact_level_at_least
                .as_ref()
                .map(|l| impact_level(l, self.levels, d));
            let hi = c
                .impact_level_at_most
                .as_ref()
                .map(|l| impact_level(l, self.levels, d));
            return Some(Condition::ImpactLevel {
                impact_level_at_least: lo.flatten(),
                impact_level_at_most: hi.flatten(),
            });
        }
        let list = |cs: &Vec<Spanned<RawCondition>>, d: &mut Diags| -> Option<Vec<Condition>> {
            if cs.is_empty() {
                invalid(
                    "`all` and `any` need at least one condition".into(),
                    "list the conditions inside the brackets, or remove the empty list",
                    d,
                );
                return None;
            }
            let out: Vec<Option<Condition>> = cs.iter().map(|c| self.resolve(c, d)).collect();
            out.into_iter().collect()
        };
        if let Some(all) = &c.all {
            return list(all, d).map(|all| Condition::All { all });
        }
        if let Some(any) = &c.any {
            return list(any, d).map(|any| Condition::Any { any });
        }
        let not = c.not.as_ref()?;
        self.resolve(not, d)
            .map(|c| Condition::Not { not: Box::new(c) })
    }

    fn answer_condition(
        &self,
        c: &RawCondition,
        q: &Spanned<String>,
        d: &mut Diags,
    ) -> Option<Condition> {
        let Some(target) = self.questions.get(q.get_ref().as_str()) else {
            d.push(
                Diagnostic::new(
                    Lint::UnknownQuestion,
                    format!("condition names unknown question `{}`", q.get_ref()),
                )
                .at(q.span(), "no question has this id")
                .suggest(q.get_ref(), self.ids.iter().copied())
                .note(format!(
                    "expected one of: {}",
                    one_of(self.ids.iter().copied())
                )),
            );
            return None;
        };
        let question = q.get_ref().clone();
        if let Some(answered) = c.answered {
            return Some(Condition::Answered { question, answered });
        }
        if let Some(is) = &c.is {
            if !target.kind.has_options() {
                d.push(
                    Diagnostic::new(
                        Lint::InvalidCondition,
                        format!(
                            "`is` needs a choice question, but `{question}` is a {} question",
                            target.kind.name()
                        ),
                    )
                    .at(
                        is.span(),
                        "use at_least / at_most for scale and number answers",
                    ),
                );
                return None;
            }
            let mut ok = true;
            for option in is.get_ref().items(is.span()) {
                if target.option(option.get_ref()).is_none() {
                    ok = false;
                    let ids = target.option_ids();
                    d.push(
                        Diagnostic::new(
                            Lint::UnknownOption,
                            format!(
                                "unknown option `{}` for question `{question}`",
                                option.get_ref()
                            ),
                        )
                        .at(option.span(), "not an option of that question")
                        .suggest(option.get_ref(), ids.iter().copied())
                        .note(format!("expected one of: {}", one_of(ids))),
                    );
                }
            }
            let is = is
                .get_ref()
                .items(is.span())
                .into_iter()
                .map(Spanned::into_inner)
                .collect();
            return ok.then_some(Condition::Is { question, is });
        }
        if !matches!(target.kind, QuestionKind::Scale | QuestionKind::Number) {
            let span = c
                .at_least
                .as_ref()
                .or(c.at_most.as_ref())
                .map_or(q.span(), Spanned::span);
            d.push(
                Diagnostic::new(Lint::InvalidCondition, format!("`at_least` / `at_most` need a scale or number question, but `{question}` is a {} question", target.kind.name()))
                    .at(span, "use `is = \"option\"` for choice questions"),
            );
            return None;
        }
        Some(Condition::Range {
            question,
            at_least: c.at_least.as_ref().map(|v| finite(v, "at_least", d)),
            at_most: c.at_most.as_ref().map(|v| finite(v, "at_most", d)),
        })
    }
}

/// Where a question's condition is written, or its id when it has none.
pub(super) fn when_span(rq: &RawQuestion) -> Range<usize> {
    rq.when.as_ref().map_or(rq.id.span(), Spanned::span)
}
