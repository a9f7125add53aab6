//! The reference framework scores as its authors intend: the best answers give 100 and the top
//! band at every impact level; the worst give the lowest band at every level.

use coopai::assessment::{Answer, Assessment, Value, applicability};
use coopai::framework::{Framework, Question, QuestionKind, embedded};
use coopai::scoring::report::Report;
use coopai::scoring::score;

#[derive(Clone, Copy, PartialEq)]
enum Quality {
    Best,
    Worst,
}

fn answer(q: &Question, quality: Quality) -> Value {
    let by_points = |best: bool| {
        let pick = if best {
            q.options
                .iter()
                .max_by(|a, b| a.points.total_cmp(&b.points))
        } else {
            q.options
                .iter()
                .min_by(|a, b| a.points.total_cmp(&b.points))
        };
        pick.map(|o| o.id.clone()).unwrap_or_default()
    };
    match (q.kind, quality) {
        (QuestionKind::Single | QuestionKind::YesNo, Quality::Best) => {
            Value::Choice(by_points(true))
        }
        (QuestionKind::Single | QuestionKind::YesNo, Quality::Worst) => {
            Value::Choice(by_points(false))
        }
        (QuestionKind::Multiple, Quality::Best) => Value::Choices(
            q.options
                .iter()
                .filter(|o| o.points > 0.0)
                .map(|o| o.id.clone())
                .collect(),
        ),
        (QuestionKind::Multiple, Quality::Worst) => Value::Choices(vec![by_points(false)]),
        (QuestionKind::Scale, quality) => {
            let s = q.scale.as_ref().unwrap();
            Value::Number(if quality == Quality::Best {
                s.max
            } else {
                s.min
            } as f64)
        }
        (QuestionKind::Number, quality) => {
            let spec = q.number.as_ref().unwrap();
            let pick = if quality == Quality::Best {
                spec.ranges
                    .iter()
                    .max_by(|a, b| a.points.total_cmp(&b.points))
            } else {
                spec.ranges
                    .iter()
                    .min_by(|a, b| a.points.total_cmp(&b.points))
            };
            Value::Number(pick.map_or(spec.min.unwrap_or(0.0), |r| {
                r.at_least.max(spec.min.unwrap_or(f64::MIN))
            }))
        }
        (QuestionKind::Text, _) => Value::Text("Answered by the reference scoring test.".into()),
    }
}

/// Answers every question outside the profile that applies, until answering switches no
/// further question on; the profile answers are given.
fn complete(fw: &Framework, profile: &[(String, Value)], quality: Quality) -> Assessment {
    let mut a = Assessment::default();
    for (id, value) in profile {
        a.answers.insert(
            id.clone(),
            Answer {
                value: value.clone(),
                evidence: String::new(),
            },
        );
    }
    loop {
        let applies = applicability(fw, &a);
        let missing: Vec<&Question> = fw
            .questions
            .iter()
            .zip(&applies)
            .filter(|(q, applies)| {
                **applies && q.principle.is_some() && !a.answers.contains_key(&q.id)
            })
            .map(|(q, _)| q)
            .collect();
        if missing.is_empty() {
            return a;
        }
        for q in missing {
            a.answers.insert(
                q.id.clone(),
                Answer {
                    value: answer(q, quality),
                    evidence: String::new(),
                },
            );
        }
    }
}

/// Profile answers drawn from a fixed-seed generator, so each level is reached reproducibly.
fn profiles(fw: &Framework) -> impl Iterator<Item = Vec<(String, Value)>> + '_ {
    let mut seed: u64 = 0x5eed;
    std::iter::repeat_with(move || {
        fw.profile_questions()
            .map(|q| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = (seed >> 33) as usize;
                let value = match q.kind {
                    QuestionKind::Multiple => Value::Choices(
                        q.options
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| pick >> i & 1 == 1)
                            .map(|(_, o)| o.id.clone())
                            .collect(),
                    ),
                    QuestionKind::Number => {
                        let ranges = &q.number.as_ref().unwrap().ranges;
                        Value::Number(ranges[pick % ranges.len()].at_least)
                    }
                    QuestionKind::Scale => {
                        let s = q.scale.as_ref().unwrap();
                        Value::Number((s.min + (pick as i64 % (s.max - s.min + 1))) as f64)
                    }
                    _ => Value::Choice(q.options[pick % q.options.len()].id.clone()),
                };
                (q.id.clone(), value)
            })
            .collect()
    })
}

/// For each impact level, a report of answers of the given quality that reaches it.
fn one_per_level(quality: Quality) -> Vec<Report> {
    let fw = embedded();
    let mut found: Vec<Option<Report>> = vec![None; fw.impact.levels.len()];
    for profile in profiles(&fw).take(20_000) {
        let report = score(&fw, &complete(&fw, &profile, quality));
        let slot = &mut found[usize::from(report.impact_level) - 1];
        if slot.is_none() {
            *slot = Some(report);
        }
        if found.iter().all(Option::is_some) {
            break;
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| panic!("no profile reached impact level {}", i + 1)))
        .collect()
}

#[test]
fn the_best_answers_score_100_and_reach_the_top_band_at_every_impact_level() {
    let fw = embedded();
    for r in one_per_level(Quality::Best) {
        assert_eq!(r.overall.score, 100.0, "impact level {}", r.impact_level);
        assert_eq!(
            r.overall.band, fw.bands[0].id,
            "impact level {}",
            r.impact_level
        );
        assert!(
            r.red_lines.is_empty(),
            "impact level {}: {:?}",
            r.impact_level,
            r.red_lines
        );
        assert!(
            r.principles.iter().all(|p| p.score == Some(100.0)),
            "{:?}",
            r.principles
        );
        assert!(
            r.overall.complete,
            "impact level {}: {:?}",
            r.impact_level, r.unanswered
        );
    }
}

#[test]
fn the_worst_answers_reach_the_lowest_band_at_every_impact_level() {
    let fw = embedded();
    for r in one_per_level(Quality::Worst) {
        assert_eq!(
            r.overall.band,
            fw.lowest_band().id,
            "impact level {}",
            r.impact_level
        );
        assert!(
            r.overall.score
                < fw.bands[fw.bands.len() - 2].min_score[usize::from(r.impact_level) - 1]
        );
        assert!(
            r.overall.complete,
            "impact level {}: {:?}",
            r.impact_level, r.unanswered
        );
        assert!(!r.recommendations.is_empty());
    }
}
