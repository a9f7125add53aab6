//! Phase two of loading: turn a [`RawFramework`] into a [`Framework`], collecting every
//! problem at once. Each lint has a stable code, listed in [`LINTS`] and documented from there.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::condition::Condition;
use super::model::*;
use super::raw::*;
use crate::diagnostics::{Diagnostic, one_of, plural, short};

/// Every check the validator makes: code, severity, and what it means. `framework docs` and
/// docs/framework-format.md are written from this table, so the two cannot drift.
pub const LINTS: &[(&str, &str, &str)] = &[
    (
        "invalid-toml",
        "error",
        "The file is not valid TOML, or a value has the wrong type, or a key is unknown.",
    ),
    (
        "invalid-id",
        "error",
        "Ids use lower-case letters, digits, `-` and `_`, starting with a letter or digit.",
    ),
    (
        "invalid-version",
        "error",
        "`framework.version` must be a semantic version such as 1.2.0.",
    ),
    (
        "duplicate-id",
        "error",
        "Two principles, questions, options in one question, or bands share an id.",
    ),
    (
        "unknown-principle",
        "error",
        "A question names a principle that is not defined.",
    ),
    (
        "unknown-question",
        "error",
        "A condition names a question that is not defined.",
    ),
    (
        "unknown-option",
        "error",
        "A condition names an option its question does not have.",
    ),
    (
        "missing-principle",
        "error",
        "A question that is not an impact-profile risk question has no principle.",
    ),
    (
        "risk-with-principle",
        "error",
        "An impact-profile risk question is not scored, so it takes no principle.",
    ),
    (
        "no-options",
        "error",
        "A single, multiple or yes/no question has no options.",
    ),
    (
        "yes-no-options",
        "error",
        "A yes/no question must have exactly the options `yes` and `no`.",
    ),
    (
        "misplaced-field",
        "error",
        "A field that belongs to another kind of question (options on a scale question, say).",
    ),
    (
        "invalid-scale",
        "error",
        "A scale question needs `scale = { min, max }` with min below max, both within ±1,000,000.",
    ),
    (
        "invalid-ranges",
        "error",
        "A number question's ranges must have strictly increasing `at_least`.",
    ),
    (
        "invalid-number",
        "error",
        "Points and weights must be finite, from 0 to 1,000,000; percentages lie in 0-100; a number question's `min` and `max` are finite, `min` not above `max`.",
    ),
    (
        "invalid-condition",
        "error",
        "A condition must take exactly one of its forms, with values of the right kind.",
    ),
    (
        "condition-cycle",
        "error",
        "Questions whose conditions depend on each other, directly or through the impact level.",
    ),
    (
        "never-applies",
        "error",
        "A question whose condition can never hold, so it can never be asked.",
    ),
    (
        "unreachable-red-line",
        "error",
        "A red line on an option that can never be chosen, or whose own condition can never hold.",
    ),
    (
        "invalid-impact-level",
        "error",
        "`min_impact_level` or a condition names an impact level the framework does not have.",
    ),
    (
        "impact-level-gap",
        "error",
        "Impact levels must be numbered 1, 2, ... and cover 0-100% without gaps or overlaps.",
    ),
    (
        "no-bands",
        "error",
        "The framework defines no outcome band.",
    ),
    (
        "band-thresholds",
        "error",
        "Band thresholds must lie in 0-100, one per impact level, falling from band to band, and the last band must start at 0.",
    ),
    (
        "band-level-order",
        "warning",
        "A band asks for a lower score at a higher impact level; higher levels should demand more.",
    ),
    (
        "empty-principle",
        "warning",
        "A principle with no questions can never be scored.",
    ),
    (
        "missing-help",
        "warning",
        "A question, or a principle's summary, has no help text.",
    ),
    (
        "unknown-ica-value",
        "warning",
        "A principle lists a value that is not one of the ICA co-operative values.",
    ),
    (
        "unused-mitigation",
        "warning",
        "A mitigation rule is defined but no question has `impact = \"mitigation\"`.",
    ),
];

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

type Diags = Vec<Diagnostic>;

/// Validates `raw`, returning the framework (when there are no errors) and all diagnostics.
pub fn validate(raw: RawFramework, sha256: String) -> (Option<Framework>, Diags) {
    let mut d = Diags::new();

    check_id(&raw.framework.id, &mut d);
    if !is_semver(raw.framework.version.get_ref()) {
        d.push(
            Diagnostic::error("invalid-version", "version is not a semantic version")
                .at(raw.framework.version.span(), "expected MAJOR.MINOR.PATCH")
                .note("for example: version = \"1.0.0\""),
        );
    }

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
                    Diagnostic::error("condition-cycle", format!("question `{}` depends on its own answer", rq.id.get_ref()))
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

    for (p, rp) in principles.iter().zip(&raw.principle) {
        if !questions
            .iter()
            .any(|q| q.principle.as_deref() == Some(p.id.as_str()))
        {
            d.push(
                Diagnostic::warning(
                    "empty-principle",
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
                "invalid-number",
                &mut d,
            );
            let reduction = percent(
                &m.reduction,
                "mitigation reduction",
                "invalid-number",
                &mut d,
            );
            if !questions
                .iter()
                .any(|q| q.impact == Some(ImpactRole::Mitigation))
            {
                d.push(
                    Diagnostic::warning(
                        "unused-mitigation",
                        "the mitigation rule has no mitigation questions",
                    )
                    .at(m.threshold.span(), "never triggers")
                    .note("mark questions that reduce risk with `impact = \"mitigation\"`"),
                );
            }
            Mitigation {
                threshold,
                reduction,
            }
        });

    let bands = bands(&raw.band, levels.len(), raw.framework.id.span(), &mut d);

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
        principles,
        questions,
        impact: ImpactProfile {
            levels,
            mitigation,
            max_raw_score,
        },
        bands,
        index,
    };
    (Some(framework), d)
}

fn principles(raw: &[RawPrinciple], d: &mut Diags) -> Vec<Principle> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|rp| {
            check_id(&rp.id, d);
            if let Some(first) = seen.insert(rp.id.get_ref().as_str(), rp.id.span()) {
                d.push(duplicate("principle", &rp.id, first));
            }
            for value in &rp.ica_values {
                if !ICA_VALUES.contains(&value.get_ref().as_str()) {
                    d.push(
                        Diagnostic::warning(
                            "unknown-ica-value",
                            format!("`{}` is not an ICA co-operative value", value.get_ref()),
                        )
                        .at(value.span(), "not an ICA value")
                        .suggest(value.get_ref(), ICA_VALUES.iter().copied())
                        .note(format!(
                            "expected one of: {}",
                            one_of(ICA_VALUES.iter().copied())
                        )),
                    );
                }
            }
            if rp.summary.trim().is_empty() {
                d.push(
                    Diagnostic::warning(
                        "missing-help",
                        format!("principle `{}` has no summary", rp.id.get_ref()),
                    )
                    .at(
                        rp.id.span(),
                        "add `summary = \"...\"`: what the principle asks of an AI system",
                    ),
                );
            }
            Principle {
                id: rp.id.get_ref().clone(),
                title: rp.title.clone(),
                ccin_principle: rp.ccin_principle.clone(),
                ica_values: rp.ica_values.iter().map(|v| v.get_ref().clone()).collect(),
                weight: rp
                    .weight
                    .as_ref()
                    .map_or(1.0, |w| non_negative(w, "weight", d)),
                summary: rp.summary.clone(),
            }
        })
        .collect()
}

fn question(rq: &RawQuestion, principle_ids: &[&str], levels: u8, d: &mut Diags) -> Question {
    let id = rq.id.get_ref();
    check_id(&rq.id, d);
    let kind = *rq.kind.get_ref();
    let role = rq.impact.as_ref().map(|r| *r.get_ref());
    match (&rq.principle, role) {
        (Some(p), Some(ImpactRole::Risk)) => d.push(
            Diagnostic::error("risk-with-principle", format!("risk question `{id}` names a principle"))
                .at(p.span(), "remove this line")
                .note("impact-profile risk questions feed the impact level and are not scored against a principle"),
        ),
        (Some(p), _) if !principle_ids.contains(&p.get_ref().as_str()) => d.push(
            Diagnostic::error("unknown-principle", format!("unknown principle `{}` for question `{id}`", p.get_ref()))
                .at(p.span(), "no principle has this id")
                .suggest(p.get_ref(), principle_ids.iter().copied())
                .note(format!("expected one of: {}", one_of(principle_ids.iter().copied()))),
        ),
        (None, role) if role != Some(ImpactRole::Risk) => d.push(
            Diagnostic::error("missing-principle", format!("question `{id}` has no principle"))
                .at(rq.id.span(), "add `principle = \"...\"`")
                .note(format!("expected one of: {}", one_of(principle_ids.iter().copied())))
                .note("or mark it as an impact-profile question with `impact = \"risk\"`"),
        ),
        _ => {}
    }
    if rq
        .help
        .as_ref()
        .is_none_or(|h| h.get_ref().trim().is_empty())
    {
        let span = rq.help.as_ref().map_or(rq.id.span(), Spanned::span);
        d.push(
            Diagnostic::warning("missing-help", format!("question `{id}` has no help text")).at(
                span,
                "add `help = \"...\"`: why the question is asked and what good looks like",
            ),
        );
    }

    let misplaced = |at: Option<Range<usize>>, field: &str, belongs: &str, d: &mut Diags| {
        if let Some(at) = at {
            d.push(
                Diagnostic::error(
                    "misplaced-field",
                    format!(
                        "`{field}` does not apply to {} question `{id}`",
                        kind.name()
                    ),
                )
                .at(at, format!("only {belongs} questions take `{field}`"))
                .also(
                    rq.kind.span(),
                    format!("this is a `{}` question", kind.name()),
                )
                .note("remove the field, or change the question's kind"),
            );
        }
    };
    let choice = "single, multiple and yes_no";
    misplaced(
        rq.option
            .first()
            .filter(|_| !kind.has_options())
            .map(|o| o.id.span()),
        "[[question.option]]",
        choice,
        d,
    );
    misplaced(
        rq.scale
            .as_ref()
            .filter(|_| kind != QuestionKind::Scale)
            .map(Spanned::span),
        "scale",
        "scale",
        d,
    );
    misplaced(
        rq.points
            .as_ref()
            .filter(|_| kind != QuestionKind::Scale)
            .map(Spanned::span),
        "points",
        "scale",
        d,
    );
    misplaced(
        rq.number
            .as_ref()
            .filter(|_| kind != QuestionKind::Number)
            .map(Spanned::span),
        "number",
        "number",
        d,
    );
    misplaced(
        rq.range
            .first()
            .filter(|_| kind != QuestionKind::Number)
            .map(|r| r.at_least.span()),
        "[[question.range]]",
        "number",
        d,
    );

    let options = options(rq, role, levels, d);
    let scale = (kind == QuestionKind::Scale)
        .then(|| scale(rq, d))
        .flatten();
    let number = (kind == QuestionKind::Number).then(|| number(rq, d));

    Question {
        id: id.clone(),
        principle: rq.principle.as_ref().map(|p| p.get_ref().clone()),
        impact: role,
        area: rq.area.clone(),
        kind,
        prompt: rq.prompt.get_ref().clone(),
        help: rq
            .help
            .as_ref()
            .map(|h| h.get_ref().clone())
            .unwrap_or_default(),
        weight: rq
            .weight
            .as_ref()
            .map_or(1.0, |w| non_negative(w, "weight", d)),
        required: rq.required.unwrap_or(true),
        references: rq.references.clone(),
        recommendation: rq.recommendation.clone(),
        when: None,
        options,
        scale,
        number,
    }
}

fn options(rq: &RawQuestion, role: Option<ImpactRole>, levels: u8, d: &mut Diags) -> Vec<Choice> {
    let kind = *rq.kind.get_ref();
    let id = rq.id.get_ref();
    if !kind.has_options() {
        return Vec::new();
    }
    if rq.option.is_empty() {
        d.push(
            Diagnostic::error(
                "no-options",
                format!("{} question `{id}` has no options", kind.name()),
            )
            .at(rq.kind.span(), "needs at least one [[question.option]]"),
        );
    }
    if kind == QuestionKind::YesNo {
        let mut ids: Vec<&str> = rq.option.iter().map(|o| o.id.get_ref().as_str()).collect();
        ids.sort_unstable();
        if ids != ["no", "yes"] {
            d.push(
                Diagnostic::error(
                    "yes-no-options",
                    format!("yes/no question `{id}` must have the options `yes` and `no`"),
                )
                .at(rq.kind.span(), format!("has: {}", one_of(ids)))
                .note("use kind = \"single\" for other options"),
            );
        }
    }
    let mut seen = HashMap::new();
    rq.option
        .iter()
        .map(|ro| {
            check_id(&ro.id, d);
            if let Some(first) = seen.insert(ro.id.get_ref().as_str(), ro.id.span()) {
                d.push(duplicate("option", &ro.id, first).with_message(format!(
                    "duplicate option id `{}` in question `{id}`",
                    ro.id.get_ref()
                )));
            }
            let min_impact_level = ro.min_impact_level.as_ref().and_then(|l| {
                if role != Some(ImpactRole::Risk) {
                    d.push(
                        Diagnostic::error(
                            "misplaced-field",
                            "`min_impact_level` is only for options of risk questions",
                        )
                        .at(l.span(), "question is not `impact = \"risk\"`"),
                    );
                }
                impact_level(l, levels, d)
            });
            Choice {
                id: ro.id.get_ref().clone(),
                label: ro.label.clone(),
                points: ro
                    .points
                    .as_ref()
                    .map_or(0.0, |p| non_negative(p, "points", d)),
                recommendation: ro.recommendation.clone(),
                min_impact_level,
                red_line: ro.red_line.as_ref().map(|r| RedLine {
                    title: r.title.get_ref().clone(),
                    when: None,
                }),
            }
        })
        .collect()
}

fn scale(rq: &RawQuestion, d: &mut Diags) -> Option<Scale> {
    let Some(rs) = rq.scale.as_ref().map(Spanned::get_ref) else {
        d.push(
            Diagnostic::error(
                "invalid-scale",
                format!("scale question `{}` has no `scale`", rq.id.get_ref()),
            )
            .at(rq.kind.span(), "add scale = { min = 1, max = 5 }"),
        );
        return None;
    };
    let (min, max) = (*rs.min.get_ref(), *rs.max.get_ref());
    for end in [&rs.min, &rs.max] {
        if !(-MAX_SCALE..=MAX_SCALE).contains(end.get_ref()) {
            d.push(
                Diagnostic::error(
                    "invalid-scale",
                    format!("scale end {} is out of bounds", end.get_ref()),
                )
                .at(end.span(), format!("expected -{MAX_SCALE} to {MAX_SCALE}")),
            );
        }
    }
    if min >= max {
        d.push(
            Diagnostic::error(
                "invalid-scale",
                format!("scale min ({min}) must be below max ({max})"),
            )
            .at(
                rs.min.span().start..rs.max.span().end,
                "min must be below max",
            ),
        );
    }
    let points = rq
        .points
        .as_ref()
        // In f64: out-of-bounds ends are reported above, and must not overflow here.
        .map_or(max as f64 - min as f64, |p| non_negative(p, "points", d));
    Some(Scale {
        min,
        max,
        min_label: rs.min_label.clone(),
        max_label: rs.max_label.clone(),
        points,
    })
}

fn number(rq: &RawQuestion, d: &mut Diags) -> NumberSpec {
    let mut previous: Option<f64> = None;
    let ranges = rq
        .range
        .iter()
        .map(|r| {
            let at_least = finite(&r.at_least, "at_least", d);
            if previous.is_some_and(|p| at_least <= p) {
                d.push(
                    Diagnostic::error(
                        "invalid-ranges",
                        "ranges must have strictly increasing `at_least`",
                    )
                    .at(
                        r.at_least.span(),
                        format!(
                            "not above the previous range's {}",
                            previous.unwrap_or_default()
                        ),
                    ),
                );
            }
            previous = Some(at_least);
            NumberRange {
                at_least,
                points: r
                    .points
                    .as_ref()
                    .map_or(0.0, |p| non_negative(p, "points", d)),
                label: r.label.clone(),
                recommendation: r.recommendation.clone(),
            }
        })
        .collect();
    if let Some(n) = &rq.number {
        let (lo, hi) = (n.get_ref().min, n.get_ref().max);
        for (what, v) in [("number.min", lo), ("number.max", hi)] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                d.push(
                    Diagnostic::error(
                        "invalid-number",
                        format!("{what} must be a finite number, not {v}"),
                    )
                    .at(n.span(), "not finite"),
                );
            }
        }
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo > hi {
                d.push(
                    Diagnostic::error(
                        "invalid-number",
                        format!(
                            "number.min ({}) is above number.max ({})",
                            show(lo),
                            show(hi)
                        ),
                    )
                    .at(n.span(), "no answer could lie in this range"),
                );
            }
        }
    }
    let spec = rq.number.as_ref().map(Spanned::get_ref);
    NumberSpec {
        min: spec.and_then(|n| n.min),
        max: spec.and_then(|n| n.max),
        unit: spec.and_then(|n| n.unit.clone()),
        ranges,
    }
}

fn impact_levels(raw: Option<&RawImpact>, d: &mut Diags) -> Vec<ImpactLevel> {
    let Some(raw) = raw.filter(|r| !r.level.is_empty()) else {
        return vec![ImpactLevel {
            level: 1,
            name: "Not assessed".into(),
            description: "The framework has no impact profile.".into(),
            from: 0.0,
            to: 100.0,
        }];
    };
    if let Some(extra) = raw.level.get(usize::from(u8::MAX)) {
        d.push(
            Diagnostic::error(
                "impact-level-gap",
                format!("too many impact levels: {}", raw.level.len()),
            )
            .at(extra.level.span(), "level 256 and above cannot be used")
            .note("a framework has at most 255 impact levels; most need 3 to 5"),
        );
    }
    let mut expected_from = 0.0;
    let last = raw.level.len() - 1;
    raw.level
        .iter()
        .enumerate()
        .map(|(i, rl)| {
            let number = *rl.level.get_ref();
            if number != i as i64 + 1 {
                d.push(
                    Diagnostic::error(
                        "impact-level-gap",
                        format!("impact level {number} is out of order"),
                    )
                    .at(rl.level.span(), format!("expected level {}", i + 1))
                    .note("number levels 1, 2, 3, ... in the order they are written"),
                );
            }
            let from = percent(&rl.from, "from", "invalid-number", d);
            let to = percent(&rl.to, "to", "invalid-number", d);
            if from != expected_from {
                let what = if from > expected_from {
                    "leaves a gap below it"
                } else {
                    "overlaps the level below it"
                };
                let mut diag =
                    Diagnostic::error("impact-level-gap", format!("impact level {number} {what}"))
                        .at(rl.from.span(), format!("expected from = {expected_from}"));
                if let Some(below) = i.checked_sub(1).map(|b| &raw.level[b]) {
                    diag = diag.also(below.to.span(), "the level below ends here");
                }
                d.push(
                    diag.note("each level starts where the one before ends; level 1 starts at 0"),
                );
            }
            if to <= from {
                d.push(
                    Diagnostic::error(
                        "impact-level-gap",
                        format!("impact level {number} is empty"),
                    )
                    .at(rl.to.span(), "`to` must be above `from`"),
                );
            }
            if i == last && to != 100.0 {
                d.push(
                    Diagnostic::error(
                        "impact-level-gap",
                        format!("the top impact level ends at {to}%, not 100%"),
                    )
                    .at(rl.to.span(), "expected to = 100"),
                );
            }
            expected_from = to;
            ImpactLevel {
                level: u8::try_from(number).unwrap_or(0),
                name: rl.name.clone(),
                description: rl.description.clone(),
                from,
                to,
            }
        })
        .collect()
}

/// `framework` is where to point when there is no band to point at.
fn bands(raw: &[RawBand], levels: usize, framework: Range<usize>, d: &mut Diags) -> Vec<Band> {
    if raw.is_empty() {
        d.push(
            Diagnostic::error("no-bands", "the framework defines no outcome bands")
                .at(framework, "this framework has no [[band]] table")
                .note("add [[band]] tables, best first, the last with min_score 0 at every level"),
        );
    }
    let mut seen = HashMap::new();
    let mut previous: Option<Vec<f64>> = None;
    let bands: Vec<Band> = raw
        .iter()
        .map(|rb| {
            check_id(&rb.id, d);
            if let Some(first) = seen.insert(rb.id.get_ref().as_str(), rb.id.span()) {
                d.push(duplicate("band", &rb.id, first));
            }
            let scores = rb.min_score.get_ref();
            if scores.len() != levels {
                d.push(
                    Diagnostic::error("band-thresholds", format!("band `{}` gives {} for {}", rb.id.get_ref(), plural(scores.len(), "threshold"), plural(levels, "impact level")))
                        .at(rb.min_score.span(), format!("expected {}, one per impact level", plural(levels, "score"))),
                );
            }
            let min_score: Vec<f64> = scores.iter().map(|s| percent(s, "min_score", "band-thresholds", d)).collect();
            if let Some(prev) = &previous {
                for (i, (s, p)) in min_score.iter().zip(prev).enumerate() {
                    if s >= p {
                        d.push(
                            Diagnostic::error("band-thresholds", format!("band `{}` needs {s} at impact level {}, not below the band above it ({p})", rb.id.get_ref(), i + 1))
                                .at(scores[i].span(), format!("expected below {p}"))
                                .note("list bands best first, each needing a lower score than the one before"),
                        );
                    }
                }
            }
            for (i, pair) in min_score.windows(2).enumerate() {
                if pair[1] < pair[0] {
                    d.push(
                        Diagnostic::warning("band-level-order", format!("band `{}` asks less at impact level {} than at level {}", rb.id.get_ref(), i + 2, i + 1))
                            .at(scores[i + 1].span(), format!("below {}", pair[0])),
                    );
                }
            }
            previous = Some(min_score.clone());
            Band {
                id: rb.id.get_ref().clone(),
                name: rb.name.clone(),
                description: rb.description.clone(),
                min_score,
            }
        })
        .collect();
    if let Some(last) = raw.last() {
        if last.min_score.get_ref().iter().any(|s| *s.get_ref() != 0.0) {
            d.push(
                Diagnostic::error("band-thresholds", format!("the last band `{}` must start at 0 at every impact level", last.id.get_ref()))
                    .at(last.min_score.span(), "some scores would have no band")
                    .note("the last band catches every score below the others, and is the band a red line forces"),
            );
        }
    }
    bands
}

/// Resolves raw conditions against the questions defined.
struct Resolver<'a> {
    questions: &'a HashMap<&'a str, &'a Question>,
    /// Question ids in framework order, for messages.
    ids: &'a [&'a str],
    levels: u8,
}

const CONDITION_FORMS: &str = "a condition takes one of the forms: { question = \"id\", is = \"option\" }, { question = \"id\", at_least = N, at_most = N }, { question = \"id\", answered = true }, { impact_level_at_least = N }, { all = [...] }, { any = [...] }, { not = {...} }";

impl Resolver<'_> {
    fn resolve(&self, c: &Spanned<RawCondition>, d: &mut Diags) -> Option<Condition> {
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
                Diagnostic::error("invalid-condition", message)
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
                Diagnostic::error(
                    "unknown-question",
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
                    Diagnostic::error(
                        "invalid-condition",
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
                        Diagnostic::error(
                            "unknown-option",
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
                Diagnostic::error("invalid-condition", format!("`at_least` / `at_most` need a scale or number question, but `{question}` is a {} question", target.kind.name()))
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
fn when_span(rq: &RawQuestion) -> Range<usize> {
    rq.when.as_ref().map_or(rq.id.span(), Spanned::span)
}

/// Orders questions so each comes after what its condition reads; reports cycles.
fn evaluation_order(raw: &[RawQuestion], questions: &[Question], d: &mut Diags) -> Vec<Step> {
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
                        if reported.insert(
                            cycle
                                .iter()
                                .copied()
                                .collect::<std::collections::BTreeSet<_>>(),
                        ) && cycle.len() > 1
                        {
                            let mut path: Vec<String> = cycle.iter().map(|&n| name(n)).collect();
                            path.push(name(dep));
                            let mut diag = Diagnostic::error(
                                "condition-cycle",
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
fn reachability(
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
                Diagnostic::error(
                    "never-applies",
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
            let diag = Diagnostic::error(
                "unreachable-red-line",
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

fn duplicate(what: &str, id: &Spanned<String>, first: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        "duplicate-id",
        format!("duplicate {what} id `{}`", id.get_ref()),
    )
    .at(id.span(), "defined again here")
    .also(first, "first defined here")
    .note(format!(
        "each {what} needs its own id: rename one of them, or remove the copy"
    ))
}

fn check_id(id: &Spanned<String>, d: &mut Diags) {
    let s = id.get_ref();
    let valid = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        d.push(
            Diagnostic::error("invalid-id", format!("invalid id `{}`", short(s)))
                .at(id.span(), "ids use a-z, 0-9, `-` and `_`")
                .note(format!("for example: `{}`", short(&suggest_id(s)))),
        );
    }
}

fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        match c {
            'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "my-id".into() } else { out }
}

fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn finite(v: &Spanned<f64>, what: &str, d: &mut Diags) -> f64 {
    let x = *v.get_ref();
    if x.is_finite() {
        x
    } else {
        d.push(
            Diagnostic::error(
                "invalid-number",
                format!("{what} must be a finite number, not {x}"),
            )
            .at(v.span(), "not finite"),
        );
        0.0
    }
}

/// A number as a person would write it: 2.5, or 1.7e308 rather than 309 digits.
fn show(x: f64) -> String {
    if x.abs() < 1e15 {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

fn non_negative(v: &Spanned<f64>, what: &str, d: &mut Diags) -> f64 {
    let x = finite(v, what, d);
    if x > MAX_POINTS {
        d.push(
            Diagnostic::error(
                "invalid-number",
                format!("{what} must be at most {MAX_POINTS}, found {}", show(x)),
            )
            .at(v.span(), format!("expected 0 to {MAX_POINTS}"))
            .note("only the ratio between points or weights matters; small numbers such as 0 to 10 read best"),
        );
        return 0.0;
    }
    if x < 0.0 {
        d.push(
            Diagnostic::error(
                "invalid-number",
                format!("{what} must not be negative, found {}", show(x)),
            )
            .at(v.span(), "expected 0 or more"),
        );
        return 0.0;
    }
    x
}

/// A percentage; one out of 0-100 is reported under `code`.
fn percent(v: &Spanned<f64>, what: &str, code: &'static str, d: &mut Diags) -> f64 {
    let x = finite(v, what, d);
    if !(0.0..=100.0).contains(&x) {
        d.push(
            Diagnostic::error(code, format!("{what} must lie in 0-100, found {}", show(x)))
                .at(v.span(), "expected a percentage from 0 to 100"),
        );
    }
    x.clamp(0.0, 100.0)
}

fn impact_level(v: &Spanned<i64>, levels: u8, d: &mut Diags) -> Option<u8> {
    let x = *v.get_ref();
    match u8::try_from(x) {
        Ok(l) if (1..=levels).contains(&l) => Some(l),
        _ => {
            d.push(
                Diagnostic::error(
                    "invalid-impact-level",
                    format!("impact level {x} does not exist"),
                )
                .at(v.span(), format!("expected 1 to {levels}")),
            );
            None
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

    const HEAD: &str = "[framework]\nid = \"x\"\ntitle = \"x\"\nversion = \"1.0.0\"\n\
        [[principle]]\nid = \"p\"\ntitle = \"P\"\nsummary = \"s\"\n\
        [[band]]\nid = \"b\"\nname = \"B\"\nmin_score = [0]\n";

    #[test]
    fn more_impact_levels_than_fit_in_a_level_number_are_refused() {
        let text = include_str!(
            "../../tests/fixtures/fuzz-regressions/framework_loader/256-impact-levels.toml"
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
            "../../tests/fixtures/fuzz-regressions/framework_loader/points-overflow-to-infinity.toml"
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
