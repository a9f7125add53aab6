//! What changed in one question and its options, for [`super::diff`].

use super::super::{Choice, Condition, Question};
use super::{Change, ItemDiff, change, matched, num_exact};

fn condition_words(c: &Option<Condition>) -> String {
    match c {
        Some(c) => format!("asked only when {c}"),
        None => "always asked".to_string(),
    }
}

pub(super) fn question_changes(a: &Question, b: &Question) -> (Vec<Change>, Vec<ItemDiff>) {
    let mut c = Vec::new();
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".to_string());
    let role = |q: &Question| {
        q.impact
            .map_or("none".to_string(), |r| format!("{r:?}").to_lowercase())
    };
    change(
        &mut c,
        "principle",
        Some(&opt(&a.principle)),
        Some(&opt(&b.principle)),
    );
    change(&mut c, "impact role", Some(&role(a)), Some(&role(b)));
    change(&mut c, "area", Some(&opt(&a.area)), Some(&opt(&b.area)));
    change(
        &mut c,
        "kind",
        Some(&a.kind.name().to_string()),
        Some(&b.kind.name().to_string()),
    );
    change(&mut c, "prompt", Some(&a.prompt), Some(&b.prompt));
    change(&mut c, "help", Some(&a.help), Some(&b.help));
    change(
        &mut c,
        "weight",
        Some(&num_exact(a.weight)),
        Some(&num_exact(b.weight)),
    );
    let required = |q: &Question| if q.required { "required" } else { "optional" }.to_string();
    change(&mut c, "required", Some(&required(a)), Some(&required(b)));
    let category = |q: &Question| q.category.name().to_string();
    change(&mut c, "category", Some(&category(a)), Some(&category(b)));
    let bonus = |q: &Question| {
        if q.bonus {
            "only as earned"
        } else {
            "all available"
        }
        .to_string()
    };
    change(&mut c, "points count", Some(&bonus(a)), Some(&bonus(b)));
    let asked = |q: &Question| {
        if q.roles.is_empty() {
            "the lead only".to_string()
        } else {
            format!("the lead, {}", q.roles.join(", "))
        }
    };
    change(&mut c, "asked of", Some(&asked(a)), Some(&asked(b)));
    for role in a
        .wording
        .keys()
        .chain(b.wording.keys().filter(|r| !a.wording.contains_key(*r)))
    {
        change(
            &mut c,
            &format!("wording for {role}"),
            a.wording.get(role),
            b.wording.get(role),
        );
    }
    let from = |q: &Question| {
        q.answer_from
            .clone()
            .unwrap_or_else(|| "the lead".to_string())
    };
    change(&mut c, "answer taken from", Some(&from(a)), Some(&from(b)));
    change(
        &mut c,
        "references",
        Some(&a.references.join("; ")),
        Some(&b.references.join("; ")),
    );
    change(
        &mut c,
        "recommendation",
        Some(&opt(&a.recommendation)),
        Some(&opt(&b.recommendation)),
    );
    change(
        &mut c,
        "condition",
        Some(&condition_words(&a.when)),
        Some(&condition_words(&b.when)),
    );
    let scale = |q: &Question| {
        q.scale.as_ref().map(|s| {
            format!(
                "{}, {} points at the top",
                s.range_words(),
                num_exact(s.points)
            )
        })
    };
    change(&mut c, "scale", scale(a).as_ref(), scale(b).as_ref());
    let number = |q: &Question| {
        q.number.as_ref().map(|n| {
            let bound = |b: Option<f64>| b.map_or("none".to_string(), num_exact);
            format!(
                "min {}, max {}, unit {}",
                bound(n.min),
                bound(n.max),
                n.unit.as_deref().unwrap_or("none")
            )
        })
    };
    change(&mut c, "number", number(a).as_ref(), number(b).as_ref());
    let ranges = |q: &Question| {
        q.number.as_ref().map(|n| {
            n.ranges
                .iter()
                .map(|r| {
                    format!(
                        "at least {}: {} points",
                        num_exact(r.at_least),
                        num_exact(r.points)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    change(&mut c, "ranges", ranges(a).as_ref(), ranges(b).as_ref());
    let range_texts = |q: &Question| {
        q.number.as_ref().map(|n| {
            n.ranges
                .iter()
                .map(|r| {
                    format!(
                        "at least {}: {} / {}",
                        num_exact(r.at_least),
                        r.label.as_deref().unwrap_or("no label"),
                        r.recommendation.as_deref().unwrap_or("no recommendation")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    change(
        &mut c,
        "range labels and recommendations",
        range_texts(a).as_ref(),
        range_texts(b).as_ref(),
    );
    let options = matched(
        &a.options,
        &b.options,
        |o| o.id.clone(),
        |o| o.label.clone(),
        option_changes,
    );
    (c, options)
}

fn option_changes(a: &Choice, b: &Choice) -> (Vec<Change>, Vec<ItemDiff>) {
    let mut c = Vec::new();
    change(&mut c, "label", Some(&a.label), Some(&b.label));
    change(
        &mut c,
        "points",
        Some(&num_exact(a.points)),
        Some(&num_exact(b.points)),
    );
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "none".to_string());
    change(
        &mut c,
        "recommendation",
        Some(&opt(&a.recommendation)),
        Some(&opt(&b.recommendation)),
    );
    let level = |o: &Choice| {
        o.min_impact_level
            .map_or("none".to_string(), |l| l.to_string())
    };
    change(
        &mut c,
        "minimum impact level",
        Some(&level(a)),
        Some(&level(b)),
    );
    let red = |o: &Choice| {
        o.red_line
            .as_ref()
            .map_or("none".to_string(), super::super::RedLine::words)
    };
    change(&mut c, "red line", Some(&red(a)), Some(&red(b)));
    let category = |o: &Choice| {
        o.category
            .map_or("the question's", |c| c.name())
            .to_string()
    };
    change(&mut c, "category", Some(&category(a)), Some(&category(b)));
    (c, Vec::new())
}
