//! Phase two of loading: turn a [`RawFramework`] into a [`Framework`], collecting every
//! problem at once. Each lint has a stable code, declared in [`lints`] with its
//! documentation.
//!
//! The concerns, one a module: [`fields`] checks each principle, question, impact level and
//! band on its own; [`conditions`] resolves the conditions against the questions; [`graph`]
//! orders the questions by what their conditions read and finds what can never apply;
//! [`values`] checks single numbers.

mod atrs;
mod case_study;
mod conditions;
mod fields;
mod follow_ups;
mod graph;
mod impact;
pub mod lints;
mod moves;
mod roles;
mod values;

use std::collections::HashMap;

use super::condition::Condition;
use super::model::*;
use super::raw::*;
use crate::diagnostics::Diagnostic;
use conditions::{Resolver, when_span};
use fields::{bands, check_id, duplicate, impact_levels, is_semver, principles, question};
use graph::{evaluation_order, reachability};
pub use lints::Lint;
use toml::Spanned;
use values::percent;

/// The ICA's co-operative values and ethical values.
pub const ICA_VALUES: &[&str] = &[
    "self-help",
    "self-responsibility",
    "democracy",
    "equality",
    "equity",
    "solidarity",
    "honesty",
    "openness",
    "social responsibility",
    "caring for others",
];

/// The largest magnitude of a scale's ends. Scales are for answers such as 1 to 5; the bound
/// keeps every sum of points finite and exact.
pub const MAX_SCALE: i64 = 1_000_000;

/// The largest points or weight a framework may give. Sums of points times weights then stay
/// finite for any file under the size limit, so a score can never become NaN or infinite.
pub const MAX_POINTS: f64 = 1_000_000.0;

pub(super) type Diags = Vec<Diagnostic>;

/// Validates `raw`, returning the framework (when there are no errors) and all diagnostics.
pub fn validate(raw: RawFramework, sha256: String) -> (Option<Framework>, Diags) {
    let mut d = Diags::new();

    check_id(&raw.framework.id, &mut d);
    if !is_semver(raw.framework.version.get_ref()) {
        d.push(
            Diagnostic::new(Lint::InvalidVersion, "version is not a semantic version")
                .at(raw.framework.version.span(), "expected MAJOR.MINOR.PATCH")
                .note("for example: version = \"1.0.0\""),
        );
    }

    let roles = roles::roles(&raw.role, &mut d);
    roles::question_roles(&raw.role, &raw.question, &mut d);
    let principles = principles(&raw.principle, &mut d);
    let levels = impact_levels(raw.impact.as_ref(), &mut d);
    // impact_levels reports more than u8::MAX levels; count the rest as absent.
    let level_count = u8::try_from(levels.len()).unwrap_or(u8::MAX);
    let mut principle_ids: Vec<&str> = Vec::with_capacity(principles.len());
    for p in &principles {
        if !principle_ids.contains(&p.id.as_str()) {
            principle_ids.push(p.id.as_str());
        }
    }

    // Questions in two passes: their own fields first, then conditions, which need every
    // question's options to be known.
    let mut questions = Vec::with_capacity(raw.question.len());
    let mut seen = HashMap::new();
    for rq in &raw.question {
        if let Some(first) = seen.insert(rq.id.get_ref().as_str(), rq.id.span()) {
            d.push(duplicate("question", &rq.id, first));
        }
        questions.push(question(rq, &principle_ids, level_count, &mut d));
    }
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let question_ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let resolver = Resolver {
        questions: &by_id,
        ids: &question_ids,
        levels: level_count,
    };
    let mut whens: Vec<Option<Condition>> = Vec::new();
    let mut red_whens: Vec<Vec<Option<Condition>>> = Vec::new();
    for rq in &raw.question {
        let when = rq.when.as_ref().and_then(|c| resolver.resolve(c, &mut d));
        if let Some(c) = &when {
            if c.questions().contains(&rq.id.get_ref().as_str()) {
                d.push(
                    Diagnostic::new(Lint::ConditionCycle, format!("question `{}` depends on its own answer", rq.id.get_ref()))
                        .at(when_span(rq), format!("this condition reads `{}` itself", rq.id.get_ref()))
                        .note("a question's condition can read only other questions' answers and the impact level"),
                );
            }
        }
        whens.push(when);
        red_whens.push(
            rq.option
                .iter()
                .map(|o| {
                    o.red_line
                        .as_ref()
                        .and_then(|r| r.when.as_ref())
                        .and_then(|c| resolver.resolve(c, &mut d))
                })
                .collect(),
        );
    }
    for ((q, when), reds) in questions.iter_mut().zip(whens).zip(red_whens) {
        q.when = when;
        for (o, red_when) in q.options.iter_mut().zip(reds) {
            if let Some(red) = &mut o.red_line {
                red.when = red_when;
            }
        }
    }

    let order = evaluation_order(&raw.question, &questions, &mut d);
    reachability(&raw.question, &questions, &order, level_count, &mut d);
    // Follow-ups are analysed in the evaluation order, which errors may have left incomplete.
    if !d.iter().any(Diagnostic::is_error) {
        follow_ups::follow_ups(&raw.question, &questions, &order, level_count, &mut d);
    }

    for (p, rp) in principles.iter().zip(&raw.principle) {
        if !questions
            .iter()
            .any(|q| q.principle.as_deref() == Some(p.id.as_str()))
        {
            d.push(
                Diagnostic::new(
                    Lint::EmptyPrinciple,
                    format!("principle `{}` has no questions", p.id),
                )
                .at(rp.id.span(), "no question names this principle")
                .note("add questions with `principle = \"...\"`, or remove the principle"),
            );
        }
    }

    let mitigation = raw
        .impact
        .as_ref()
        .and_then(|i| i.mitigation.as_ref())
        .map(|m| {
            let threshold = percent(
                &m.threshold,
                "mitigation threshold",
                Lint::InvalidNumber,
                &mut d,
            );
            let reduction = percent(
                &m.reduction,
                "mitigation reduction",
                Lint::InvalidNumber,
                &mut d,
            );
            if !questions
                .iter()
                .any(|q| q.impact == Some(ImpactRole::Mitigation))
            {
                d.push(
                    Diagnostic::new(
                        Lint::UnusedMitigation,
                        "the mitigation rule has no mitigation questions",
                    )
                    .at(m.threshold.span(), "never triggers")
                    .note("mark questions that reduce risk with `impact = \"mitigation\"`"),
                );
            }
            Mitigation {
                threshold,
                reduction,
                basis: m.basis,
            }
        });
    let (rounding, bounds, safeguards_first_from) =
        impact::rules(raw.impact.as_ref(), level_count, &mut d);

    let bands = bands(&raw.band, levels.len(), raw.framework.id.span(), &mut d);
    let moves = moves::moves(&raw.moved, &raw.removed, &questions, &mut d);
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let atrs = atrs::mappings(&raw.atrs, &ids, &mut d);
    let case_study = case_study::questions(raw.case_study.as_ref(), &ids, &mut d);

    // Report in the order of the file, as a reader goes through it; problems without a
    // position come first. The sort is stable, so problems at one place keep their order.
    d.sort_by_key(|diag| diag.span.as_ref().map(|s| s.start));
    if d.iter().any(Diagnostic::is_error) {
        return (None, d);
    }
    let max_raw_score = questions
        .iter()
        .filter(|q| q.impact == Some(ImpactRole::Risk))
        .map(Question::max_points)
        .sum();
    let index = Index::new(&questions, &principles, order);
    let framework = Framework {
        id: raw.framework.id.into_inner(),
        title: raw.framework.title,
        version: raw.framework.version.into_inner(),
        summary: raw.framework.summary,
        provenance: raw.framework.provenance,
        sha256,
        roles,
        principles,
        questions,
        impact: ImpactProfile {
            levels,
            mitigation,
            max_raw_score,
            rounding,
            bounds,
            safeguards_first_from,
        },
        bands,
        moves,
        atrs,
        case_study,
        index,
    };
    (Some(framework), d)
}

/// Each of `refs` is a question of the framework; one that is not is an `unknown-question`
/// error, "{context} unknown question `x`", with the nearest id.
pub(super) fn known_questions(
    refs: &[Spanned<String>],
    question_ids: &[&str],
    context: &str,
    d: &mut Diags,
) {
    for q in refs {
        if !question_ids.contains(&q.get_ref().as_str()) {
            d.push(
                Diagnostic::new(
                    lints::Lint::UnknownQuestion,
                    format!("{context} unknown question `{}`", q.get_ref()),
                )
                .at(q.span(), "no question has this id")
                .suggest(q.get_ref(), question_ids.iter().copied()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::{LoadError, load_str};

    /// The diagnostic codes and messages a framework text fails with.
    fn errors(text: &str) -> Vec<String> {
        match load_str("t.toml", text.to_string()) {
            Ok(_) => Vec::new(),
            Err(LoadError::Invalid(diags)) => diags
                .items
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    /// A framework with one principle `p` and one band, for tests to add questions to.
    pub(super) const HEAD: &str = "[framework]\nid = \"x\"\ntitle = \"x\"\nversion = \"1.0.0\"\n\
        [[principle]]\nid = \"p\"\ntitle = \"P\"\nsummary = \"s\"\n\
        [[band]]\nid = \"b\"\nname = \"B\"\nmin_score = [0]\n";

    #[test]
    fn more_impact_levels_than_fit_in_a_level_number_are_refused() {
        let text = include_str!(
            "../../../tests/fixtures/fuzz-regressions/framework_loader/256-impact-levels.toml"
        );
        let errors = errors(text);
        assert!(
            errors.contains(&"impact-level-gap: too many impact levels: 256".to_string()),
            "{errors:?}"
        );
    }

    #[test]
    fn points_and_weights_too_large_to_add_up_are_refused() {
        let text = include_str!(
            "../../../tests/fixtures/fuzz-regressions/framework_loader/points-overflow-to-infinity.toml"
        );
        let mut errors = errors(text);
        errors.sort();
        assert_eq!(
            errors,
            [
                "invalid-number: points must be at most 1000000, found 1.7e308",
                "invalid-number: points must be at most 1000000, found 1.7e308",
                "invalid-number: weight must be at most 1000000, found 1e300",
            ]
        );
    }

    #[test]
    fn number_bounds_must_be_finite_and_in_order() {
        let question = |bounds: &str| {
            format!(
                "{HEAD}[[question]]\nid = \"q\"\nprinciple = \"p\"\nkind = \"number\"\nprompt = \"?\"\nhelp = \"h\"\n\
                 number = {{ {bounds} }}\n"
            )
        };
        assert_eq!(
            errors(&question("min = nan, max = inf")),
            [
                "invalid-number: number.min must be a finite number, not NaN",
                "invalid-number: number.max must be a finite number, not inf",
            ]
        );
        assert_eq!(
            errors(&question("min = 5, max = 1")),
            ["invalid-number: number.min (5) is above number.max (1)"]
        );
        assert!(errors(&question("min = 0, max = 10")).is_empty());
    }

    #[test]
    fn a_stage_condition_takes_stage_names_alone() {
        let when = |condition: &str| {
            errors(&format!(
                "{HEAD}[[question]]\nid = \"q\"\nprinciple = \"p\"\nkind = \"text\"\nprompt = \"?\"\nhelp = \"h\"\n\
                 when = {condition}\n"
            ))
        };
        assert!(when(r#"{ stage = "live" }"#).is_empty());
        assert!(when(r#"{ stage = ["proposal", "being-retired"] }"#).is_empty());
        assert_eq!(
            when(r#"{ stage = [] }"#),
            ["invalid-condition: `stage` needs at least one stage"]
        );
        assert_eq!(
            when(r#"{ stage = "live", impact_level_at_least = 1 }"#),
            [
                "invalid-condition: a condition takes one form, but this one mixes `impact_level_at_least`, `stage`"
            ]
        );
    }

    #[test]
    fn scale_ends_far_apart_are_refused_not_overflowed() {
        let text = format!(
            "{HEAD}[[question]]\nid = \"q\"\nprinciple = \"p\"\nkind = \"scale\"\nprompt = \"?\"\nhelp = \"h\"\n\
             scale = {{ min = -9223372036854775808, max = 9223372036854775807 }}\n"
        );
        assert_eq!(
            errors(&text),
            [
                "invalid-scale: scale end -9223372036854775808 is out of bounds",
                "invalid-scale: scale end 9223372036854775807 is out of bounds",
            ]
        );
    }
}
