//! The impact level under Canada's Algorithmic Impact Assessment's rules, worked by hand on
//! tests/fixtures/frameworks/aia-rules.toml: one risk question worth its answer, 0 to 36
//! points (levels cut at 9, 18 and 27); two mitigation questions of 5 points each, the second
//! asked only of live systems; 15% off once mitigation reaches 80% of all 10 points (8 points),
//! asked or not; the reduced score rounded halves up; levels including their upper bound.
//! Each case is checked in all three readings of the level: as answered, highest and lowest.

use super::{Answer, Assessment, Value, evaluate};
use crate::framework::{Basis, Bounds, Framework, Rounding, Stage, fixture};

fn fw() -> Framework {
    fixture("aia-rules.toml")
}

/// An assessment of a live system with these answers (question id, number).
fn live(answers: &[(&str, f64)]) -> Assessment {
    let mut a = Assessment::default();
    a.meta.stage = Some(Stage::Live);
    for (id, n) in answers {
        let answer = Answer {
            value: Value::Number(*n),
            evidence: String::new(),
        };
        a.answers.insert(id.to_string(), answer);
    }
    a
}

/// (unreduced score, raw score, level, whether mitigation applied) of a complete
/// assessment, after checking that the three readings agree on the level.
fn impact(fw: &Framework, a: &Assessment) -> (f64, f64, u8, bool) {
    let ev = evaluate(fw, a);
    let i = &ev.impact;
    assert!(!i.precautionary);
    assert_eq!(
        (i.range.low, i.range.high, ev.lowest_level),
        (i.level, i.level, i.level),
        "as answered, highest and lowest agree once everything is answered"
    );
    let applied = i.mitigation.as_ref().is_some_and(|m| m.applied);
    (i.unreduced_score, i.raw_score, i.level, applied)
}

#[test]
fn mitigation_one_point_either_side_of_the_bar() {
    let fw = fw();
    // Risk 20. Mitigation 7 of 10 (70%): no reduction; 20 is 55.6%, level 3.
    let below = impact(
        &fw,
        &live(&[("risk", 20.0), ("checks", 5.0), ("later-checks", 2.0)]),
    );
    assert_eq!(below, (20.0, 20.0, 3, false));
    // On the bar, 8 of 10 (80%), and a point above it, 9: 20 x 0.85 = 17, 47.2%, level 2.
    for later in [3.0, 4.0] {
        let a = live(&[("risk", 20.0), ("checks", 5.0), ("later-checks", later)]);
        assert_eq!(
            impact(&fw, &a),
            (20.0, 17.0, 2, true),
            "later checks {later}"
        );
    }
}

#[test]
fn every_mitigation_question_counts_whether_asked_or_not() {
    let mut fw = fw();
    // Not live: `later-checks` is not asked. `checks` earns all its 5 points, which is 50% of
    // the 10 points of both questions: no reduction, 20 stays level 3.
    let mut a = live(&[("risk", 20.0), ("checks", 5.0)]);
    a.meta.stage = Some(Stage::Pilot);
    assert_eq!(impact(&fw, &a), (20.0, 20.0, 3, false));
    let m = evaluate(&fw, &a).impact.mitigation.unwrap();
    assert_eq!((m.percent, m.threshold), (50.0, 80.0));
    // Measured against the questions that apply, the same answers earn 100%: 17, level 2.
    fw.impact.mitigation.as_mut().unwrap().basis = Basis::Applicable;
    assert_eq!(impact(&fw, &a), (20.0, 17.0, 2, true));
}

#[test]
fn a_reduced_score_that_rounds_across_a_cut() {
    let mut fw = fw();
    let a = live(&[("risk", 10.0), ("checks", 5.0), ("later-checks", 5.0)]);
    // 10 x 0.85 = 8.5, rounded halves up to 9: exactly 25%, the top of level 1.
    assert_eq!(impact(&fw, &a), (10.0, 9.0, 1, true));
    assert_eq!(evaluate(&fw, &a).impact.percent, 25.0);
    // With levels including their lower bound instead, 9 is the bottom of level 2...
    fw.impact.bounds = Bounds::FromInclusive;
    assert_eq!(impact(&fw, &a), (10.0, 9.0, 2, true));
    // ...which the unrounded 8.5 (23.6%) does not reach.
    fw.impact.rounding = Rounding::None;
    assert_eq!(impact(&fw, &a), (10.0, 8.5, 1, true));
    assert_eq!(evaluate(&fw, &a).impact.percent, 23.6);
}

#[test]
fn a_score_exactly_on_a_bound_under_both_bound_settings() {
    let mut fw = fw();
    // No mitigation earned, so no reduction: 9 and 18 points are exactly 25% and 50%.
    let level = |fw: &Framework, risk: f64| {
        let a = live(&[("risk", risk), ("checks", 0.0), ("later-checks", 0.0)]);
        impact(fw, &a).2
    };
    // Including their upper bound, as the AIA's levels do: 25% is level 1, 50% level 2.
    assert_eq!(
        [0.0, 9.0, 10.0, 18.0, 36.0].map(|r| level(&fw, r)),
        [1, 1, 2, 2, 4]
    );
    // Including their lower bound, coopai's default: 25% is level 2, 50% level 3.
    fw.impact.bounds = Bounds::FromInclusive;
    assert_eq!(
        [0.0, 9.0, 10.0, 18.0, 36.0].map(|r| level(&fw, r)),
        [1, 2, 2, 3, 4]
    );
}

#[test]
fn the_three_readings_of_an_unfinished_assessment_follow_the_rules() {
    let mut fw = fw();
    // `later-checks` unanswered. As answered: 5 of 10 points, no reduction, 10 (27.8%) is
    // level 2; at its highest, mitigation at its worst, the same. At its lowest, the blank
    // could earn the reduction: 8.5, rounded to 9, is 25%, level 1 here...
    let a = live(&[("risk", 10.0), ("checks", 5.0)]);
    let ev = evaluate(&fw, &a);
    assert_eq!((ev.impact.range.low, ev.impact.range.high), (2, 2));
    assert_eq!(ev.lowest_level, 1);
    // ...and level 2 when levels include their lower bound: the rounding is applied there too.
    fw.impact.bounds = Bounds::FromInclusive;
    assert_eq!(evaluate(&fw, &a).lowest_level, 2);
    fw.impact.rounding = Rounding::None;
    assert_eq!(evaluate(&fw, &a).lowest_level, 1);
}

#[test]
fn a_percentage_shown_never_reads_the_wrong_side_of_what_it_was_compared_with() {
    // 7.996 of 10 points is 79.96%, below the 80% bar: one decimal place would show 80.0.
    let a = live(&[("risk", 20.0), ("checks", 5.0), ("later-checks", 2.996)]);
    let i = evaluate(&fw(), &a).impact;
    let m = i.mitigation.unwrap();
    assert_eq!((m.percent, m.applied), (79.96, false));
    // Unrounded, 8.999 of 36 points is 24.997%: 25.0 reads as the top of level 1, which it is,
    // so one place is enough; 9.001 (25.003%) is level 2, which 25.0 would not read as.
    let mut fw = fw();
    fw.impact.rounding = Rounding::None;
    let level = |risk| evaluate(&fw, &live(&[("risk", risk)])).impact;
    assert_eq!((level(8.999).percent, level(8.999).level), (25.0, 1));
    assert_eq!((level(9.001).percent, level(9.001).level), (25.003, 2));
}
