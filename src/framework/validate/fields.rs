//! Checks on each principle, question, option, impact level and band taken alone.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::super::model::*;
use super::super::raw::*;
use super::values::{finite, impact_level, non_negative, percent, show};
use super::{Diags, ICA_VALUES, Lint, MAX_SCALE};
use crate::diagnostics::{Diagnostic, one_of, plural, short};

pub(super) fn principles(raw: &[RawPrinciple], d: &mut Diags) -> Vec<Principle> {
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
                        Diagnostic::new(
                            Lint::UnknownIcaValue,
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
                    Diagnostic::new(
                        Lint::MissingHelp,
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

pub(super) fn question(
    rq: &RawQuestion,
    principle_ids: &[&str],
    levels: u8,
    d: &mut Diags,
) -> Question {
    let id = rq.id.get_ref();
    check_id(&rq.id, d);
    let kind = *rq.kind.get_ref();
    let role = rq.impact.as_ref().map(|r| *r.get_ref());
    match (&rq.principle, role) {
        (Some(p), Some(ImpactRole::Risk)) => d.push(
            Diagnostic::new(Lint::RiskWithPrinciple, format!("risk question `{id}` names a principle"))
                .at(p.span(), "remove this line")
                .note("impact-profile risk questions feed the impact level and are not scored against a principle"),
        ),
        (Some(p), _) if !principle_ids.contains(&p.get_ref().as_str()) => d.push(
            Diagnostic::new(Lint::UnknownPrinciple, format!("unknown principle `{}` for question `{id}`", p.get_ref()))
                .at(p.span(), "no principle has this id")
                .suggest(p.get_ref(), principle_ids.iter().copied())
                .note(format!("expected one of: {}", one_of(principle_ids.iter().copied()))),
        ),
        (None, role) if role != Some(ImpactRole::Risk) => d.push(
            Diagnostic::new(Lint::MissingPrinciple, format!("question `{id}` has no principle"))
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
            Diagnostic::new(
                Lint::MissingHelp,
                format!("question `{id}` has no help text"),
            )
            .at(
                span,
                "add `help = \"...\"`: why the question is asked and what good looks like",
            ),
        );
    }

    let misplaced = |at: Option<Range<usize>>, field: &str, belongs: &str, d: &mut Diags| {
        if let Some(at) = at {
            d.push(
                Diagnostic::new(
                    Lint::MisplacedField,
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
        bonus: bonus(rq, role, d),
        required: rq.required.unwrap_or(true),
        not_known: not_known(rq, d),
        references: rq.references.clone(),
        recommendation: rq.recommendation.clone(),
        category: rq.category,
        when: None,
        options,
        scale,
        number,
        roles: rq.roles.as_ref().map_or(Vec::new(), |r| {
            r.get_ref().iter().map(|x| x.get_ref().clone()).collect()
        }),
        wording: rq
            .wording
            .iter()
            .map(|(role, text)| (role.get_ref().clone(), text.clone()))
            .collect(),
        answer_from: rq.answer_from.as_ref().map(|r| r.get_ref().clone()),
    }
}

/// Whether the question's points count only as earned; a risk question is not scored, so
/// the field would do nothing there.
fn bonus(rq: &RawQuestion, role: Option<ImpactRole>, d: &mut Diags) -> bool {
    let Some(field) = &rq.bonus else {
        return false;
    };
    if role == Some(ImpactRole::Risk) {
        d.push(
            Diagnostic::new(
                Lint::MisplacedField,
                "`bonus` is only for questions scored against a principle",
            )
            .at(field.span(), "risk questions are not scored")
            .note("remove the field"),
        );
    }
    *field.get_ref()
}

/// Whether the question accepts "not known"; forbidding it on an optional question is
/// needless, since leaving it blank says the same.
fn not_known(rq: &RawQuestion, d: &mut Diags) -> bool {
    let Some(field) = &rq.not_known else {
        return true;
    };
    if !field.get_ref() && rq.required == Some(false) {
        d.push(
            Diagnostic::new(
                Lint::NeedlessNotKnown,
                format!(
                    "optional question `{}` forbids a not-known answer",
                    rq.id.get_ref()
                ),
            )
            .at(field.span(), "needless on an optional question")
            .note("an optional question can be left blank; remove `not_known = false`, or make the question required"),
        );
    }
    *field.get_ref()
}

fn options(rq: &RawQuestion, role: Option<ImpactRole>, levels: u8, d: &mut Diags) -> Vec<Choice> {
    let kind = *rq.kind.get_ref();
    let id = rq.id.get_ref();
    if !kind.has_options() {
        return Vec::new();
    }
    if rq.option.is_empty() {
        d.push(
            Diagnostic::new(
                Lint::NoOptions,
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
                Diagnostic::new(
                    Lint::YesNoOptions,
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
                        Diagnostic::new(
                            Lint::MisplacedField,
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
                category: ro.category,
            }
        })
        .collect()
}

fn scale(rq: &RawQuestion, d: &mut Diags) -> Option<Scale> {
    let Some(rs) = rq.scale.as_ref().map(Spanned::get_ref) else {
        d.push(
            Diagnostic::new(
                Lint::InvalidScale,
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
                Diagnostic::new(
                    Lint::InvalidScale,
                    format!("scale end {} is out of bounds", end.get_ref()),
                )
                .at(end.span(), format!("expected -{MAX_SCALE} to {MAX_SCALE}")),
            );
        }
    }
    if min >= max {
        d.push(
            Diagnostic::new(
                Lint::InvalidScale,
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
                    Diagnostic::new(
                        Lint::InvalidRanges,
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
                    Diagnostic::new(
                        Lint::InvalidNumber,
                        format!("{what} must be a finite number, not {v}"),
                    )
                    .at(n.span(), "not finite"),
                );
            }
        }
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if lo > hi {
                d.push(
                    Diagnostic::new(
                        Lint::InvalidNumber,
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

pub(super) fn impact_levels(raw: Option<&RawImpact>, d: &mut Diags) -> Vec<ImpactLevel> {
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
            Diagnostic::new(
                Lint::ImpactLevelGap,
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
                    Diagnostic::new(
                        Lint::ImpactLevelGap,
                        format!("impact level {number} is out of order"),
                    )
                    .at(rl.level.span(), format!("expected level {}", i + 1))
                    .note("number levels 1, 2, 3, ... in the order they are written"),
                );
            }
            let from = percent(&rl.from, "from", Lint::InvalidNumber, d);
            let to = percent(&rl.to, "to", Lint::InvalidNumber, d);
            if from != expected_from {
                let what = if from > expected_from {
                    "leaves a gap below it"
                } else {
                    "overlaps the level below it"
                };
                let mut diag = Diagnostic::new(
                    Lint::ImpactLevelGap,
                    format!("impact level {number} {what}"),
                )
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
                    Diagnostic::new(
                        Lint::ImpactLevelGap,
                        format!("impact level {number} is empty"),
                    )
                    .at(rl.to.span(), "`to` must be above `from`"),
                );
            }
            if i == last && to != 100.0 {
                d.push(
                    Diagnostic::new(
                        Lint::ImpactLevelGap,
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
pub(super) fn bands(
    raw: &[RawBand],
    levels: usize,
    framework: Range<usize>,
    d: &mut Diags,
) -> Vec<Band> {
    if raw.is_empty() {
        d.push(
            Diagnostic::new(Lint::NoBands, "the framework defines no outcome bands")
                .at(framework, "this framework has no [[band]] table")
                .note("add [[band]] tables, best first, the last with min_score 0 at every level"),
        );
    }
    let mut seen = HashMap::new();
    let mut previous: Option<Vec<f64>> = None;
    let mut safeguards_above: Vec<f64> = vec![100.0; levels];
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
                    Diagnostic::new(Lint::BandThresholds, format!("band `{}` gives {} for {}", rb.id.get_ref(), plural(scores.len(), "threshold"), plural(levels, "impact level")))
                        .at(rb.min_score.span(), format!("expected {}, one per impact level", plural(levels, "score"))),
                );
            }
            let min_score: Vec<f64> = scores.iter().map(|s| percent(s, "min_score", Lint::BandThresholds, d)).collect();
            if let Some(prev) = &previous {
                for (i, (s, p)) in min_score.iter().zip(prev).enumerate() {
                    if s >= p {
                        d.push(
                            Diagnostic::new(Lint::BandThresholds, format!("band `{}` needs {s} at impact level {}, not below the band above it ({p})", rb.id.get_ref(), i + 1))
                                .at(scores[i].span(), format!("expected below {p}"))
                                .note("list bands best first, each needing a lower score than the one before"),
                        );
                    }
                }
            }
            for (i, pair) in min_score.windows(2).enumerate() {
                if pair[1] < pair[0] {
                    d.push(
                        Diagnostic::new(Lint::BandLevelOrder, format!("band `{}` asks less at impact level {} than at level {}", rb.id.get_ref(), i + 2, i + 1))
                            .at(scores[i + 1].span(), format!("below {}", pair[0])),
                    );
                }
            }
            previous = Some(min_score.clone());
            let min_safeguards = rb.min_safeguards.as_ref().map(|shares| {
                if shares.get_ref().len() != levels {
                    d.push(
                        Diagnostic::new(Lint::BandThresholds, format!("band `{}` gives {} safeguard shares for {}", rb.id.get_ref(), shares.get_ref().len(), plural(levels, "impact level")))
                            .at(shares.span(), format!("expected {}, one per impact level", plural(levels, "share"))),
                    );
                }
                let min: Vec<f64> = shares.get_ref().iter().map(|s| percent(s, "min_safeguards", Lint::BandThresholds, d)).collect();
                for (i, (s, above)) in min.iter().zip(&safeguards_above).enumerate() {
                    if s > above {
                        d.push(
                            Diagnostic::new(Lint::BandThresholds, format!("band `{}` asks for {s}% of the safeguards at impact level {}, more than the band above it ({above}%)", rb.id.get_ref(), i + 1))
                                .at(shares.get_ref()[i].span(), format!("expected at most {above}"))
                                .note("a better band must ask for at least the safeguards of every band below it"),
                        );
                    }
                }
                min
            });
            safeguards_above = min_safeguards.clone().unwrap_or_else(|| vec![0.0; levels]);
            Band {
                id: rb.id.get_ref().clone(),
                name: rb.name.clone(),
                description: rb.description.clone(),
                min_score,
                min_safeguards,
            }
        })
        .collect();
    if let Some(last) = raw.last() {
        if let Some(shares) = &last.min_safeguards {
            d.push(
                Diagnostic::new(Lint::BandThresholds, format!("the last band `{}` cannot ask for safeguards", last.id.get_ref()))
                    .at(shares.span(), "some assessments would have no band")
                    .note("the last band catches every assessment the others do not take; remove `min_safeguards` from it"),
            );
        }
        if last.min_score.get_ref().iter().any(|s| *s.get_ref() != 0.0) {
            d.push(
                Diagnostic::new(Lint::BandThresholds, format!("the last band `{}` must start at 0 at every impact level", last.id.get_ref()))
                    .at(last.min_score.span(), "some scores would have no band")
                    .note("the last band catches every score below the others, and is the band a red line forces"),
            );
        }
    }
    bands
}

pub(super) fn duplicate(what: &str, id: &Spanned<String>, first: Range<usize>) -> Diagnostic {
    Diagnostic::new(
        Lint::DuplicateId,
        format!("duplicate {what} id `{}`", id.get_ref()),
    )
    .at(id.span(), "defined again here")
    .also(first, "first defined here")
    .note(format!(
        "each {what} needs its own id: rename one of them, or remove the copy"
    ))
}

pub(super) fn check_id(id: &Spanned<String>, d: &mut Diags) {
    let s = id.get_ref();
    let valid = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        d.push(
            Diagnostic::new(Lint::InvalidId, format!("invalid id `{}`", short(s)))
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

pub(super) fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}
