//! Small formatting helpers shared by the renderers.

use crate::diagnostics::plural;
use crate::framework::{Basis, Bounds, Category, Framework, ImpactLevel, Rounding};
use crate::number::{num, num_full};
use crate::scoring::report::{Recommendation, Report, Unanswered};

/// A terminal table in the style of every report, at most `width` columns wide.
pub fn table(header: impl Into<comfy_table::Row>, width: u16) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    t
}

/// Band `i`'s thresholds as score ranges, one per impact level: up to the threshold of the
/// band above it, or to 100 for the best band.
pub fn band_ranges(fw: &crate::framework::Framework, i: usize) -> Vec<String> {
    fw.bands[i]
        .min_score
        .iter()
        .enumerate()
        .map(|(level, min)| match i.checked_sub(1) {
            None => range(*min, 100.0, true, ""),
            Some(above) => range(*min, fw.bands[above].min_score[level], false, ""),
        })
        .collect()
}

/// A half-open range `[from, to)`, or closed when `closed`, in words: "5 to under 10".
pub fn range(from: f64, to: f64, closed: bool, unit: &str) -> String {
    let upper = if closed { "" } else { "under " };
    format!("{} to {upper}{}{unit}", num(from), num(to))
}

/// An impact level's range of raw impact scores and of percentages of the maximum, in words,
/// as the framework's bounds say: "7.5 to under 15 points" and "25 to under 50%", or with
/// `to-inclusive` bounds "over 7.5 to 15 points" and "over 25 to 50%".
pub fn level_ranges(fw: &Framework, l: &ImpactLevel) -> (String, String) {
    let top = usize::from(l.level) == fw.impact.levels.len();
    let words = |from: f64, to: f64, unit: &str| match fw.impact.bounds {
        Bounds::FromInclusive => range(from, to, top, unit),
        Bounds::ToInclusive if l.level == 1 => range(from, to, true, unit),
        Bounds::ToInclusive => format!("over {}", range(from, to, true, unit)),
    };
    let max = fw.impact.max_raw_score;
    (
        words(l.from * max / 100.0, l.to * max / 100.0, " points"),
        words(l.from, l.to, "%"),
    )
}

/// The impact profile's rules beyond its levels and mitigation rule, a sentence each; none for
/// a framework that keeps coopai's defaults.
pub fn impact_rule_words(fw: &Framework) -> Vec<String> {
    let i = &fw.impact;
    let mut out = Vec::new();
    if i.mitigation.is_some_and(|m| m.basis == Basis::All) {
        out.push("The mitigation threshold is a share of the points of every mitigation question, asked or not.".to_string());
    }
    if i.rounding == Rounding::HalfUp {
        out.push("The raw impact score, after any reduction, is rounded to a whole number (halves up) before levels are cut.".to_string());
    }
    if i.bounds == Bounds::ToInclusive {
        out.push(
            "Each level includes its upper bound, not its lower one; level 1 includes 0."
                .to_string(),
        );
    }
    if let Some(level) = i.safeguards_first_from {
        out.push(format!("From impact level {level} up, recommendations that secure a legal or safety safeguard rank above co-operative practices, after those about red lines."));
    }
    out
}

/// A bar of `width` cells for a 0-100 score.
pub fn bar(score: f64, width: usize) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The outcome in words, provisional first: "Provisional: between Not ready and Ready to
/// proceed; 42 required questions unanswered", "Provisional, but the band is already certain:
/// Not ready; 3 required questions unanswered", or the band's name.
pub fn outcome_words(r: &Report) -> String {
    match provisional_parts(r) {
        Some(Provisional::Between(span, missing)) => format!("Provisional: {span}; {missing}"),
        Some(Provisional::Certain(band, missing)) => {
            format!("Provisional, but the band is already certain: {band}; {missing}")
        }
        None => r.overall.band_name.clone(),
    }
}

/// A provisional outcome's parts: the bands it spans (or the one already certain), and the
/// required questions still unanswered.
pub enum Provisional {
    /// "between Not ready and Ready to proceed", "5 required questions unanswered".
    Between(String, String),
    /// The band's name, and what is unanswered.
    Certain(String, String),
}

pub fn provisional_parts(r: &Report) -> Option<Provisional> {
    let o = &r.overall;
    if !o.provisional {
        return None;
    }
    let missing = o.required.applicable - o.required.answered;
    let missing = format!("{} unanswered", plural(missing, "required question"));
    Some(match o.bands_possible.as_slice() {
        [best, .., worst] => {
            Provisional::Between(format!("between {} and {}", worst.name, best.name), missing)
        }
        [one] => Provisional::Certain(one.name.clone(), missing),
        [] => Provisional::Certain(o.band_name.clone(), missing),
    })
}

/// "41.2 of 100", and while provisional "41.2 of 100 so far; 30.5 to 76 once every question
/// is answered".
pub fn score_words(r: &Report) -> String {
    let o = &r.overall;
    let so_far = format!("{} of 100", num(o.score));
    if !o.provisional {
        return so_far;
    }
    let once_answered = if o.range.low == o.range.high {
        num(o.range.low)
    } else {
        range(o.range.low, o.range.high, true, "")
    };
    format!("{so_far} so far; {once_answered} once every question is answered")
}

/// "62.5% of the safeguard questions' points": what a band's `min_safeguards` is compared
/// with; `None` when no safeguard question applies.
pub fn safeguard_words(r: &Report) -> Option<String> {
    r.overall.safeguards.map(|s| {
        let so_far = if r.overall.provisional { " so far" } else { "" };
        format!(
            "{}% of the points of the legal and safety safeguard questions{so_far}",
            num(s)
        )
    })
}

/// "48 of 50 required questions, 2 of 4 optional (incomplete)".
pub fn answered_words(r: &Report) -> String {
    let (required, optional) = (&r.overall.required, &r.overall.optional);
    let state = if r.overall.complete {
        "complete"
    } else {
        "incomplete"
    };
    format!(
        "{} of {} required questions, {} of {} optional ({state})",
        required.answered, required.applicable, optional.answered, optional.applicable
    )
}

/// "none crossed", "1 crossed", and the red lines answers still to come could cross.
pub fn red_line_words(r: &Report) -> String {
    let crossed = match r.red_lines.len() {
        0 => "none crossed".to_string(),
        n => format!("{n} crossed: the outcome is {}", r.overall.band_name),
    };
    match r.possible_red_lines.len() {
        0 => crossed,
        n => format!("{crossed}; {n} could be crossed by answers still to come"),
    }
}

/// The lists of gaps, each with its title: not known, required and optional unanswered;
/// empty lists left out.
pub fn gap_sections(r: &Report) -> Vec<(&'static str, Vec<&Unanswered>)> {
    let (required, optional): (Vec<&Unanswered>, Vec<&Unanswered>) =
        r.unanswered.iter().partition(|u| u.required);
    [
        ("Answered not known", r.not_known.iter().collect()),
        ("Unanswered, required", required),
        ("Unanswered, optional", optional),
    ]
    .into_iter()
    .filter(|(_, gaps)| !gaps.is_empty())
    .collect()
}

/// " (could cross a red line)" after a gap that could.
pub fn gap_mark(u: &Unanswered) -> &'static str {
    if u.could_cross_red_line {
        " (could cross a red line)"
    } else {
        ""
    }
}

/// What a recommendation is about, before its text: "clears a red line: ", "could cross a
/// red line: ", "safeguard: ", or nothing.
pub fn recommendation_mark(rec: &Recommendation) -> &'static str {
    if rec.clears_red_line {
        "clears a red line: "
    } else if rec.could_cross_red_line {
        "could cross a red line: "
    } else if rec.category == Category::Safeguard {
        "safeguard: "
    } else {
        ""
    }
}

/// The text with its first letter in capitals.
pub fn sentence_case(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "2, Moderate (raw score 8.5 of 30 points, 10 before a 15% reduction for mitigation)", and
/// while risk questions are unanswered, that the level is precautionary. Percentages are shown
/// as the report holds them, which is as precisely as it takes to read the comparison true.
pub fn impact_summary(r: &Report) -> String {
    let i = &r.impact;
    let mut out = format!("{}, {}", i.level, i.name);
    if i.precautionary {
        out.push_str(&format!(
            ", precautionary: the highest level the unanswered risk questions allow (the answers given reach level {})",
            i.range.low
        ));
    }
    out.push_str(&format!(
        " (raw score {} of {} points",
        num(i.raw_score),
        num(i.max_raw_score)
    ));
    let reduced = i.mitigation.as_ref().filter(|m| m.applied);
    // The framework rounded the score when the reduction alone does not give it, beyond the
    // two decimal places the report keeps of each.
    let factor = reduced.map_or(1.0, |m| 1.0 - m.reduction / 100.0);
    let rounded = (i.unreduced_score * factor - i.raw_score).abs() > 0.01;
    let rounding = if rounded { " and rounding" } else { "" };
    match reduced {
        Some(m) => out.push_str(&format!(
            ", {} before a {}% reduction for mitigation{rounding}",
            num(i.unreduced_score),
            num(m.reduction)
        )),
        None if rounded => out.push_str(&format!(", {} before rounding", num(i.unreduced_score))),
        None => {}
    }
    if let Some(m) = i.mitigation.as_ref().filter(|m| !m.applied) {
        out.push_str(&format!(
            "; mitigation {}%, below the {}% that earns a reduction",
            num_full(m.percent),
            num_full(m.threshold)
        ));
    }
    if let Some(floor) = i.floor {
        out.push_str(&format!("; raised to level {floor} by an answer"));
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_drop_needless_decimals() {
        assert_eq!(range(2.5, 5.0, false, " points"), "2.5 to under 5 points");
    }

    /// On the AIA's rules (tests/fixtures/frameworks/aia-rules.toml): the summary shows the
    /// score before the reduction and rounding, and a percentage as precisely as its
    /// comparison needs.
    #[test]
    fn the_impact_summary_shows_both_scores_and_what_was_compared() {
        use crate::assessment::{Answer, Assessment, Value};
        let fw = crate::framework::fixture("aia-rules.toml");
        let summary = |answers: &[(&str, f64)]| {
            let mut a = Assessment::default();
            a.meta.stage = Some(crate::framework::Stage::Live);
            for (id, n) in answers {
                let value = Value::Number(*n);
                let evidence = String::new();
                a.answers.insert(id.to_string(), Answer { value, evidence });
            }
            impact_summary(&crate::scoring::score(&fw, &a))
        };
        assert_eq!(
            summary(&[("risk", 10.0), ("checks", 5.0), ("later-checks", 5.0)]),
            "1, Level I (raw score 9 of 36 points, 10 before a 15% reduction for mitigation and rounding)"
        );
        assert_eq!(
            summary(&[("risk", 20.0), ("checks", 5.0), ("later-checks", 2.996)]),
            "3, Level III (raw score 20 of 36 points; mitigation 79.96%, below the 80% that earns a reduction)"
        );
    }
}
