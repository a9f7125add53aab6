//! Scoring rules pinned on hand-computed cases, against tests/fixtures/frameworks/scoring-rules.toml.
//!
//! Alpha (weight 3): review 4 x2, safeguards 6, review-log 2 (only when reviews happen).
//! Beta (weight 1): confidence 8 (scale 1-5), audit 4 (only at impact level 3+), notes unscored.
//! Risk: decides 0/2/4 (decides: level 3 at least), residents 0/2/4; levels cut at 2, 4, 6.

use super::*;
use crate::assessment::{Answer, Assessment, LevelRange, Value};
use crate::framework::{Framework, load_str};

fn fw() -> Framework {
    let text = include_str!("../../tests/fixtures/frameworks/scoring-rules.toml");
    match load_str("scoring-rules.toml", text.to_string()) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}

fn choice(id: &str) -> Value {
    Value::Choice(id.into())
}

fn assessment(answers: &[(&str, Value)]) -> Assessment {
    let mut a = Assessment::default();
    for (id, value) in answers {
        a.answers.insert(
            id.to_string(),
            Answer {
                value: value.clone(),
                evidence: String::new(),
            },
        );
    }
    a
}

fn best() -> Vec<(&'static str, Value)> {
    vec![
        ("decides", choice("none")),
        ("residents", Value::Number(50.0)),
        ("review", choice("always")),
        (
            "safeguards",
            Value::Choices(vec!["x".into(), "y".into(), "z".into()]),
        ),
        ("review-log", choice("yes")),
        ("confidence", Value::Number(5.0)),
        ("notes", Value::Text("fine".into())),
    ]
}

fn with(
    mut answers: Vec<(&'static str, Value)>,
    id: &'static str,
    value: Value,
) -> Vec<(&'static str, Value)> {
    answers.retain(|(q, _)| *q != id);
    answers.push((id, value));
    answers
}

#[test]
fn best_answers_score_100_in_the_top_band() {
    let r = score(&fw(), &assessment(&best()));
    assert_eq!(r.overall.score, 100.0);
    assert_eq!(r.overall.band, "proceed");
    assert!(r.overall.complete);
    assert!(r.recommendations.is_empty());
    assert_eq!(r.impact_level, 1);
}

#[test]
fn principle_scores_are_weighted_shares_of_applicable_points() {
    // review sometimes: 2x2 = 4 of 8; safeguards x+z = 4 of 6; review-log no = 0 of 2.
    // Alpha = 8 / 16 = 50. Confidence 3 of 1-5 = 4 of 8: Beta = 50 (audit does not apply).
    // Overall = (3 x 50 + 1 x 50) / 4 = 50.
    let answers = vec![
        ("decides", choice("none")),
        ("residents", Value::Number(10.0)),
        ("review", choice("sometimes")),
        ("safeguards", Value::Choices(vec!["x".into(), "z".into()])),
        ("review-log", choice("no")),
        ("confidence", Value::Number(3.0)),
    ];
    let r = score(&fw(), &assessment(&answers));
    let alpha = &r.principles[0];
    assert_eq!(
        (alpha.earned, alpha.available, alpha.score),
        (8.0, 16.0, Some(50.0))
    );
    let beta = &r.principles[1];
    assert_eq!(
        (beta.earned, beta.available, beta.score),
        (4.0, 8.0, Some(50.0))
    );
    assert_eq!(r.overall.score, 50.0);
    // Level 1 (raw 0): 50 reaches "conditions" (40) but not "proceed" (60).
    assert_eq!(r.overall.band, "conditions");
}

#[test]
fn a_condition_that_switches_off_removes_the_question_from_scoring() {
    // review never: review-log does not apply, even though it is answered.
    // Alpha = (0 + 6) / (8 + 6) = 42.857 -> 42.9.
    let answers = with(best(), "review", choice("never"));
    let r = score(&fw(), &assessment(&answers));
    assert_eq!(r.principles[0].available, 14.0);
    assert_eq!(r.principles[0].score, Some(42.9));
    assert_eq!(r.not_applicable, vec!["review-log"]);
    let line = r
        .answers
        .iter()
        .find(|l| l.question == "review-log")
        .unwrap();
    assert!(!line.applies);
    assert_eq!(line.points, None);
    // Overall comes from the principle scores as shown, so a reader can check it by hand:
    // (3 x 42.9 + 100) / 4 = 57.175 -> 57.2.
    assert_eq!(r.overall.score, 57.2);
}

#[test]
fn impact_level_follows_the_percentage_of_the_maximum_raw_score() {
    let fw = fw();
    // Review never: mitigation is 0 + 8 of 4 + 8 points = 66.7%, below 80%: no reduction.
    let unmitigated = with(best(), "review", choice("never"));
    let level = |decides: &str, residents: f64| {
        let answers = with(
            with(unmitigated.clone(), "decides", choice(decides)),
            "residents",
            Value::Number(residents),
        );
        let i = score(&fw, &assessment(&answers)).impact;
        assert!(!i.mitigation.as_ref().unwrap().applied);
        (i.raw_score, i.percent, i.level)
    };
    // Lower bounds are inclusive: exactly 25% is level 2, exactly 75% level 4.
    assert_eq!(level("none", 0.0), (0.0, 0.0, 1));
    assert_eq!(level("none", 100.0), (2.0, 25.0, 2));
    assert_eq!(level("informs", 100.0), (4.0, 50.0, 3));
    assert_eq!(level("informs", 1000.0), (6.0, 75.0, 4));
    assert_eq!(level("none", 1000.0), (4.0, 50.0, 3));
}

#[test]
fn mitigation_at_its_threshold_reduces_the_raw_score() {
    // Review always and confidence 5: mitigation 4 + 8 of 12 = 100%: raw 6 halved to 3 = 37.5%.
    let answers = with(
        with(best(), "decides", choice("informs")),
        "residents",
        Value::Number(1000.0),
    );
    let i = score(&fw(), &assessment(&answers)).impact;
    let m = i.mitigation.unwrap();
    assert_eq!((m.percent, m.applied), (100.0, true));
    assert_eq!((i.raw_score, i.percent, i.level), (3.0, 37.5, 2));
}

#[test]
fn mitigation_below_its_threshold_does_not_reduce_the_raw_score() {
    // Review always (4 of 4) and confidence 4 (6 of 8): 10 of 12 = 83.3%, reduced;
    // confidence 3 (4 of 8): 8 of 12 = 66.7%, not reduced.
    let base = with(
        with(best(), "decides", choice("informs")),
        "residents",
        Value::Number(1000.0),
    );
    let i = score(
        &fw(),
        &assessment(&with(base.clone(), "confidence", Value::Number(4.0))),
    )
    .impact;
    assert_eq!((i.mitigation.unwrap().percent, i.level), (83.3, 2));
    let i = score(
        &fw(),
        &assessment(&with(base, "confidence", Value::Number(3.0))),
    )
    .impact;
    let m = i.mitigation.unwrap();
    assert_eq!((m.percent, m.applied), (66.7, false));
    // 6 of 8 = 75%: level 4 (the top level includes 100%).
    assert_eq!((i.raw_score, i.level), (6.0, 4));
}

#[test]
fn an_answer_with_a_minimum_level_raises_the_impact_level() {
    // decides = 4 of 8 = 50%, halved by mitigation to 25%: level 2, raised to 3 by the floor.
    let answers = with(best(), "decides", choice("decides"));
    let r = score(&fw(), &assessment(&answers));
    assert_eq!((r.impact.level, r.impact.floor), (3, Some(3)));
    // Level 3 switches on the audit question, which is unanswered: incomplete.
    assert!(!r.overall.complete);
    assert_eq!(r.unanswered[0].question, "audit");
}

#[test]
fn band_thresholds_depend_on_the_impact_level() {
    // Same answers below the profile: beta loses 4 of 12 with audit yes at level 3.
    let base = with(
        with(best(), "confidence", Value::Number(3.0)),
        "decides",
        choice("decides"),
    );
    let at_level_3 = score(
        &fw(),
        &assessment(&with(base.clone(), "audit", choice("yes"))),
    );
    // Beta = (4 + 4) / 12 = 66.7; overall = (300 + 66.67) / 4 = 91.7.
    assert_eq!(at_level_3.impact_level, 3);
    assert_eq!(at_level_3.overall.score, 91.7);
    assert_eq!(at_level_3.overall.band, "proceed");
    // The same score passes "proceed" at level 1 (threshold 60) but not at level 3 (80).
    let low = with(
        with(best(), "safeguards", Value::Choices(vec!["x".into()])),
        "review-log",
        choice("no"),
    );
    // Alpha = (8 + 1 + 0) / 16 = 56.25; overall = (3 x 56.25 + 100) / 4 = 67.2.
    let r1 = score(&fw(), &assessment(&low));
    assert_eq!(
        (r1.overall.score, r1.impact_level, r1.overall.band.as_str()),
        (67.2, 1, "proceed")
    );
    let r3 = score(
        &fw(),
        &assessment(&with(
            with(low, "decides", choice("decides")),
            "audit",
            choice("yes"),
        )),
    );
    assert_eq!(
        (r3.overall.score, r3.impact_level, r3.overall.band.as_str()),
        (67.2, 3, "conditions")
    );
}

#[test]
fn a_red_line_forces_the_lowest_band_whatever_the_score() {
    let answers = with(
        with(best(), "decides", choice("decides")),
        "audit",
        choice("no"),
    );
    let r = score(&fw(), &assessment(&answers));
    // Beta = 8 / 12 = 66.7; overall = (300 + 66.67) / 4 = 91.7: "proceed" but for the red line.
    assert_eq!(r.overall.score, 91.7);
    assert_eq!(r.red_lines.len(), 1);
    assert_eq!(r.red_lines[0].question, "audit");
    assert_eq!(r.overall.band, "stop");
}

#[test]
fn incomplete_answers_score_zero_on_what_is_missing_and_say_so() {
    let answers = vec![("decides", choice("none")), ("review", choice("always"))];
    let r = score(&fw(), &assessment(&answers));
    assert!(!r.overall.complete);
    assert!(r.overall.provisional);
    // review 8 of 16 available (safeguards 6 and review-log 2 unanswered): alpha 50; beta 0.
    assert_eq!(r.principles[0].score, Some(50.0));
    assert_eq!(r.principles[1].score, Some(0.0));
    // `residents` is unanswered, so the level is precautionary: 0 + its 4 of 8 is 50%, level
    // 3 (the mitigation answers are not yet at the threshold), which asks `audit` too.
    assert_eq!(r.impact.range, LevelRange { low: 1, high: 3 });
    assert_eq!(r.impact_level, 3);
    assert_eq!((r.overall.answered, r.overall.applicable), (2, 8));
    assert_eq!(
        (r.overall.required, r.overall.optional),
        (
            Count {
                answered: 2,
                applicable: 7
            },
            Count {
                answered: 0,
                applicable: 1
            }
        )
    );
    let missing: Vec<&str> = r.unanswered.iter().map(|u| u.question.as_str()).collect();
    assert_eq!(
        missing,
        vec![
            "residents",
            "safeguards",
            "review-log",
            "confidence",
            "audit",
            "notes"
        ]
    );
    // An optional question does not make an assessment incomplete.
    let all_but_notes: Vec<_> = best().into_iter().filter(|(q, _)| *q != "notes").collect();
    assert!(score(&fw(), &assessment(&all_but_notes)).overall.complete);
}

#[test]
fn recommendations_are_ranked_by_overall_points_recovered() {
    let answers = with(
        with(best(), "safeguards", Value::Choices(vec!["y".into()])),
        "confidence",
        Value::Number(4.0),
    );
    let r = score(&fw(), &assessment(&answers));
    let recs: Vec<(&str, f64)> = r
        .recommendations
        .iter()
        .map(|x| (x.text.as_str(), x.gain))
        .collect();
    // Alpha available 16, weight 3/4: Z recovers 3 -> 75 x 3/16 = 14.1; X recovers 1 -> 4.7.
    // Beta available 8, weight 1/4: confidence 4 of 5 loses 2 -> 25 x 2/8 = 6.25 -> 6.3.
    assert_eq!(
        recs,
        vec![
            ("Adopt Z.", 14.1),
            ("Talk to staff.", 6.3),
            ("Adopt X.", 4.7)
        ]
    );
}

#[test]
fn multiple_choice_points_are_visible_per_answer() {
    let answers = with(
        best(),
        "safeguards",
        Value::Choices(vec!["x".into(), "z".into()]),
    );
    let r = score(&fw(), &assessment(&answers));
    let line = r
        .answers
        .iter()
        .find(|l| l.question == "safeguards")
        .unwrap();
    assert_eq!((line.points, line.max_points), (Some(4.0), 6.0));
    assert_eq!(line.answer, "X; Z");
}

#[test]
fn scoring_is_deterministic() {
    let fw = fw();
    let a = assessment(&best());
    let once = serde_json::to_string(&score(&fw, &a)).unwrap();
    let twice = serde_json::to_string(&score(&fw, &a)).unwrap();
    assert_eq!(once, twice);
}

#[test]
fn the_recommendation_that_clears_a_red_line_ranks_first_whatever_its_gain() {
    let answers = with(
        with(best(), "decides", choice("decides")),
        "audit",
        choice("no"),
    );
    let answers = with(answers, "safeguards", Value::Choices(vec!["y".into()]));
    let r = score(&fw(), &assessment(&answers));
    let recs: Vec<(&str, f64, bool)> = r
        .recommendations
        .iter()
        .map(|x| (x.text.as_str(), x.gain, x.clears_red_line))
        .collect();
    // Audit: beta 25 x 4/12 = 8.3, below Z's 75 x 3/16 = 14.1, yet first: it clears the red line.
    assert_eq!(
        recs,
        vec![
            ("Commission an audit.", 8.3, true),
            ("Adopt Z.", 14.1, false),
            ("Adopt X.", 4.7, false)
        ]
    );
}

/// On the reference framework: a note saved with the answers file is shown in the report.
#[test]
fn evidence_noted_before_the_answer_survives_a_save_and_reaches_the_report() {
    use crate::assessment::{load_str, to_toml};
    let fw = crate::framework::embedded();
    let q = &fw.questions[0].id;
    let text = format!(
        "[assessment]\nsystem = \"S\"\n\n[answers.{q}]\nanswer = \"\"\nevidence = \"Meeting booked for 3 May.\"\n"
    );
    let a = load_str("a.toml", text, &fw).unwrap().assessment;
    assert_eq!(
        a.notes.get(q).map(String::as_str),
        Some("Meeting booked for 3 May.")
    );
    let saved = to_toml(&fw, &a);
    let again = load_str("b.toml", saved, &fw).unwrap().assessment;
    assert_eq!(again.notes, a.notes);
    assert!(again.answers.is_empty());
    let report = score(&fw, &again);
    let line = report.answers.iter().find(|l| &l.question == q).unwrap();
    assert_eq!(
        (line.answer.as_str(), line.evidence.as_str()),
        ("", "Meeting booked for 3 May.")
    );
}

fn band_ids(r: &Report) -> Vec<&str> {
    r.overall
        .bands_possible
        .iter()
        .map(|b| b.id.as_str())
        .collect()
}

// Ranges, worked by hand. Levels cut the raw impact maximum of 8 at 2, 4 and 6 points;
// bands need 60/40 (level 1), 70/50 (2), 80/60 (3) and 90/70 (4).

/// Everything answered but a risk question: the level is a range, the highest used; the
/// score cannot move, so the band is already certain while the outcome is provisional.
#[test]
fn a_risk_question_unanswered_gives_a_precautionary_level_and_a_certain_band() {
    let answers: Vec<_> = best()
        .into_iter()
        .filter(|(q, _)| *q != "residents")
        .collect();
    let r = score(&fw(), &assessment(&answers));
    // As answered: raw 0, level 1. At most: residents adds 4, halved by mitigation (review
    // and confidence earn 100% of their points): 2 of 8 is 25%, level 2.
    assert_eq!(r.impact.range, LevelRange { low: 1, high: 2 });
    assert!(r.impact.precautionary);
    assert_eq!(r.impact_level, 2);
    assert!(r.overall.provisional);
    assert_eq!(r.overall.score, 100.0);
    assert_eq!(
        r.overall.range,
        ScoreRange {
            low: 100.0,
            high: 100.0
        }
    );
    assert_eq!(band_ids(&r), ["proceed"]);
    assert_eq!(r.unanswered.len(), 1);
    assert_eq!(r.recommendations[0].about, About::Unanswered);
    assert_eq!(r.recommendations[0].question, "residents");
}

/// A follow-up (`review-log`) that the best answer to an unanswered question (`review`)
/// would switch on: the range holds every score answers could give. Its high end is exact;
/// its low end is cautious, since the condition reads the open answer.
#[test]
fn a_follow_up_the_best_answer_would_switch_on_widens_the_range() {
    let answers = vec![
        ("decides", choice("none")),
        ("residents", Value::Number(50.0)),
        (
            "safeguards",
            Value::Choices(vec!["x".into(), "y".into(), "z".into()]),
        ),
        ("confidence", Value::Number(5.0)),
        ("notes", Value::Text("fine".into())),
    ];
    let r = score(&fw(), &assessment(&answers));
    // Today: review-log does not apply (review unanswered); alpha 6 of 14 = 42.9, beta 100,
    // overall (3 x 42.9 + 100) / 4 = 57.2.
    assert_eq!(r.overall.score, 57.2);
    // At least: review 0 of 8 and review-log 0 of 2 counted in: alpha 6 / 16 = 37.5, overall
    // (3 x 37.5 + 100) / 4 = 53.1. At most: review 8 and review-log 2: alpha 100, overall 100.
    assert_eq!(
        r.overall.range,
        ScoreRange {
            low: 53.1,
            high: 100.0
        }
    );
    assert_eq!(band_ids(&r), ["proceed", "conditions"]);
    for (review, log, expected) in [
        ("never", None, 57.2),
        ("sometimes", Some("no"), 71.9),
        ("always", Some("yes"), 100.0),
    ] {
        let mut given = with(answers.clone(), "review", choice(review));
        if let Some(log) = log {
            given = with(given, "review-log", choice(log));
        }
        let s = score(&fw(), &assessment(&given)).overall.score;
        assert_eq!(s, expected, "review {review}");
        assert!((53.1..=100.0).contains(&s));
    }
}

/// Precaution switches on a level-dependent question (`audit`, with a red line) that the
/// answers given would not reach: its blank could cross the red line, so the outcome is
/// certain to be the lowest band, and the gate's worst case is the range's low end.
#[test]
fn precaution_asks_level_dependent_questions_and_their_red_lines_stay_open() {
    let answers = vec![
        ("decides", choice("informs")),
        ("review", choice("never")),
        (
            "safeguards",
            Value::Choices(vec!["x".into(), "y".into(), "z".into()]),
        ),
        ("confidence", Value::Number(1.0)),
        ("notes", Value::Text("fine".into())),
    ];
    let r = score(&fw(), &assessment(&answers));
    // As answered: 2 of 8, 25%, level 2. At most: residents adds 4: 6 of 8, 75%, level 4.
    assert_eq!(r.impact.range, LevelRange { low: 2, high: 4 });
    assert_eq!(r.impact_level, 4);
    assert!(r.red_lines.is_empty(), "a blank never crosses a red line");
    assert_eq!(r.possible_red_lines.len(), 1);
    assert_eq!(r.possible_red_lines[0].question, "audit");
    assert_eq!(r.possible_red_lines[0].open, Openness::Unanswered);
    // Alpha 6 of 14 = 42.9 either way; beta 0 of 8, or 4 of 12 = 33.3 with a yes to audit.
    assert_eq!(
        r.overall.range,
        ScoreRange {
            low: 32.2,
            high: 40.5
        }
    );
    assert_eq!(r.overall.score, 32.2);
    assert_eq!(band_ids(&r), ["stop"]);
    let first = &r.recommendations[0];
    assert_eq!(
        (first.question.as_str(), first.could_cross_red_line),
        ("audit", true)
    );
    assert!(
        r.unanswered
            .iter()
            .any(|u| u.question == "audit" && u.could_cross_red_line)
    );
}

/// "Not known" is an answer: complete, scoring nothing, listed and recommended on; on a risk
/// question it counts as the most points, so not knowing never lowers the bar.
#[test]
fn not_known_is_an_answer_that_scores_nothing_and_never_lowers_the_level() {
    let answers = with(
        with(best(), "residents", Value::NotKnown),
        "review-log",
        Value::NotKnown,
    );
    let r = score(&fw(), &assessment(&answers));
    assert!(r.overall.complete && !r.overall.provisional);
    assert_eq!(r.impact.range, LevelRange { low: 2, high: 2 });
    assert!(!r.impact.precautionary);
    // Alpha 14 of 16 = 87.5; beta 100; overall (3 x 87.5 + 100) / 4 = 90.6, exact.
    assert_eq!(r.overall.score, 90.6);
    assert_eq!(
        r.overall.range,
        ScoreRange {
            low: 90.6,
            high: 90.6
        }
    );
    let listed: Vec<&str> = r.not_known.iter().map(|n| n.question.as_str()).collect();
    assert_eq!(listed, ["residents", "review-log"]);
    let found_out: Vec<&str> = r
        .recommendations
        .iter()
        .filter(|r| r.about == About::NotKnown)
        .map(|r| r.question.as_str())
        .collect();
    assert_eq!(
        found_out,
        ["review-log", "residents"],
        "ranked by points recoverable"
    );
    assert!(r.recommendations[0].text.starts_with("Find out"));
}

/// tests/fixtures/frameworks/bonus-follow-ups.toml, whose follow-ups count their points only
/// as earned (`bonus = true`).
fn bonus_fw() -> Framework {
    let text = include_str!("../../tests/fixtures/frameworks/bonus-follow-ups.toml");
    match load_str("bonus-follow-ups.toml", text.to_string()) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}

/// Level 1 (the system does not decide); DPIA planned, no data bought, residents consulted,
/// staff confidence 3 of 1-5; `resident-influence` (bonus) applies and is unanswered.
fn bonus_answers() -> Vec<(&'static str, Value)> {
    vec![
        ("decides", choice("no")),
        ("dpia", choice("planned")),
        ("third-party-data", choice("no")),
        (
            "residents-involved",
            Value::Choices(vec!["consulted".into()]),
        ),
        ("staff-confidence", Value::Number(3.0)),
    ]
}

fn principle(r: &Report, id: &str) -> (Option<f64>, f64, f64) {
    let p = r.principles.iter().find(|p| p.id == id).unwrap();
    (p.score, p.earned, p.available)
}

#[test]
fn a_bonus_follow_up_counts_only_what_it_earns() {
    let fw = bonus_fw();
    // Openness: dpia planned 1 of 2 = 50. Co-production: consulted 1 of 3, confidence
    // 4 x (3 - 1) / 4 = 2 of 4, resident-influence unanswered: 0 of 0, not 0 of 4.
    // 3 of 7 = 42.9. Overall (1 x 50 + 2 x 42.9) / 3 = 45.3.
    let r = score(&fw, &assessment(&bonus_answers()));
    assert_eq!(principle(&r, "openness"), (Some(50.0), 1.0, 2.0));
    assert_eq!(principle(&r, "co-production"), (Some(42.9), 3.0, 7.0));
    assert_eq!(r.overall.score, 45.3);
    // Answered 2 of 4, it adds 2 to both: 5 of 9 = 55.6, where a plain follow-up would
    // give 5 of 11 = 45.5.
    let r = score(
        &fw,
        &assessment(&with(
            bonus_answers(),
            "resident-influence",
            Value::Number(2.0),
        )),
    );
    assert_eq!(principle(&r, "co-production"), (Some(55.6), 5.0, 9.0));
    // A DPIA done switches on `dpia-published`: unanswered, or answered no, it takes nothing
    // away (2 of 2 = 100, not 2 of 4); answered yes, 4 of 4.
    for published in [None, Some("no"), Some("yes")] {
        let mut answers = with(bonus_answers(), "dpia", choice("done"));
        answers.extend(published.map(|p| ("dpia-published", choice(p))));
        let (score, ..) = principle(&score(&fw, &assessment(&answers)), "openness");
        assert_eq!(score, Some(100.0), "{published:?}");
    }
}

#[test]
fn a_bonus_follow_up_widens_the_range_upwards_only() {
    // Co-production: at least 3 of 7 (resident-influence left at nothing, which costs
    // nothing), at most (3 + 4) of (7 + 4) = 63.6. Overall: (50 + 2 x 42.9) / 3 = 45.3 to
    // (50 + 2 x 63.6) / 3 = 59.1.
    let r = score(&bonus_fw(), &assessment(&bonus_answers()));
    assert_eq!((r.overall.range.low, r.overall.range.high), (45.3, 59.1));
}

#[test]
fn answering_a_bonus_follow_up_gains_its_share_of_earned_and_available() {
    // Answering resident-influence at 4 takes Co-production from 3 of 7 to 7 of 11:
    // 63.6 - 42.9 = 20.8 points of a principle weighing 2 of 3: 100 x 2/3 x (7/11 - 3/7)
    // = 13.9.
    let r = score(&bonus_fw(), &assessment(&bonus_answers()));
    let gain = r
        .recommendations
        .iter()
        .find(|rec| rec.question == "resident-influence")
        .map(|rec| rec.gain);
    assert_eq!(gain, Some(13.9));
}

#[test]
fn a_principle_with_only_bonus_points_is_scored_once_they_are_earned() {
    // `a` answered no: A = 0. B's only question is a bonus, unanswered: B has no score, and
    // the overall is A's 0. Answering yes gives B 1 of 1 = 100, and the overall (0 + 100) / 2
    // = 50: the gain the recommendation to answer it shows.
    let text = "[framework]\nid = \"f\"\ntitle = \"F\"\nversion = \"1.0.0\"\n\
        [[principle]]\nid = \"a\"\ntitle = \"A\"\nsummary = \"s\"\n\
        [[principle]]\nid = \"b\"\ntitle = \"B\"\nsummary = \"s\"\n\
        [[question]]\nid = \"qa\"\nprinciple = \"a\"\nkind = \"yes_no\"\nprompt = \"?\"\nhelp = \"h\"\n\
        option = [{ id = \"yes\", label = \"Y\", points = 1 }, { id = \"no\", label = \"N\" }]\n\
        [[question]]\nid = \"qb\"\nprinciple = \"b\"\nkind = \"yes_no\"\nbonus = true\nprompt = \"?\"\nhelp = \"h\"\n\
        option = [{ id = \"yes\", label = \"Y\", points = 1 }, { id = \"no\", label = \"N\" }]\n\
        [[band]]\nid = \"b\"\nname = \"B\"\nmin_score = [0]\n";
    let fw = load_str("f.toml", text.to_string()).unwrap().framework;
    let r = score(&fw, &assessment(&[("qa", choice("no"))]));
    assert_eq!(principle(&r, "b").0, None);
    assert_eq!(r.overall.score, 0.0);
    let rec = r.recommendations.iter().find(|rec| rec.question == "qb");
    assert_eq!(rec.map(|rec| rec.gain), Some(50.0));
    assert_eq!((r.overall.range.low, r.overall.range.high), (0.0, 50.0));
    let r = score(
        &fw,
        &assessment(&[("qa", choice("no")), ("qb", choice("yes"))]),
    );
    assert_eq!((principle(&r, "b").0, r.overall.score), (Some(100.0), 50.0));
}

mod safeguards;
