//! Coverage rules for the embedded reference framework (frameworks/ccin-coop-ai.toml).
//!
//! The framework is data that a policy lab will edit. These tests pin down what it must keep
//! covering, so an edit cannot silently drop a principle, an assessment area, the impact
//! profile, a red line, help text or a recommendation. If one fails, the message says what is
//! missing; fix the framework (or, if the rule itself should change, change it here on purpose).

use std::collections::{BTreeMap, BTreeSet};

use coopai::framework::load::{EMBEDDED_NAME, EMBEDDED_TEXT};
use coopai::framework::validate::ICA_VALUES;
use coopai::framework::{
    Condition, Framework, ImpactRole, Question, QuestionKind, embedded, load_str,
};

const PRINCIPLES: [&str; 10] = [
    "co-production",
    "community-leadership",
    "democratic-engagement",
    "social-economy",
    "innovation",
    "learning",
    "social-value",
    "new-models",
    "social-partnership",
    "walking-the-talk",
];

/// The areas DOMAIN.md says an AI assessment has to cover.
const AREAS: [&str; 11] = [
    "purpose-and-benefit",
    "explainability",
    "bias-and-equality",
    "citizen-participation",
    "human-oversight",
    "staff-and-unions",
    "data-protection",
    "procurement",
    "democratic-accountability",
    "learning-and-sharing",
    "environmental-impact",
];

/// The area tag of impact-profile (risk) questions.
const PROFILE_AREA: &str = "impact-profile";

/// The impact-profile topics and the risk question that covers each.
const PROFILE_TOPICS: [(&str, &str); 7] = [
    ("decisions about individuals", "decisions-about-people"),
    ("vulnerable groups", "vulnerable-groups"),
    ("special category data", "sensitive-data"),
    ("scale (residents affected)", "people-affected"),
    ("reversibility", "reversibility"),
    ("autonomy", "autonomy"),
    ("public-facing generated content", "public-content"),
];

const ALL_KINDS: [QuestionKind; 6] = [
    QuestionKind::Single,
    QuestionKind::Multiple,
    QuestionKind::YesNo,
    QuestionKind::Scale,
    QuestionKind::Number,
    QuestionKind::Text,
];

fn fw() -> Framework {
    embedded()
}

fn question<'a>(fw: &'a Framework, id: &str) -> &'a Question {
    fw.question(id)
        .unwrap_or_else(|| panic!("the reference framework has no question `{id}`"))
}

fn scored(fw: &Framework) -> impl Iterator<Item = &Question> {
    fw.questions.iter().filter(|q| q.is_scored())
}

#[test]
fn embedded_framework_loads_with_zero_warnings() {
    let loaded = load_str(EMBEDDED_NAME, EMBEDDED_TEXT.to_string())
        .unwrap_or_else(|e| panic!("the embedded framework does not load:\n{e}"));
    assert!(
        loaded.warnings.items.is_empty(),
        "the embedded framework must check clean, but has warnings:\n{}",
        loaded.warnings
    );
    assert_eq!(loaded.framework.id, "ccin-coop-ai");
    assert_eq!(EMBEDDED_NAME, "<embedded>/ccin-coop-ai.toml");
}

#[test]
fn has_the_ten_ccin_principles_in_order() {
    let fw = fw();
    let ids: Vec<&str> = fw.principles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids, PRINCIPLES,
        "the principles must be the ten CCIN principles, in the CCIN's order"
    );
}

#[test]
fn every_principle_has_a_summary_ica_values_and_a_weight() {
    let fw = fw();
    for p in &fw.principles {
        assert!(
            !p.title.trim().is_empty(),
            "principle `{}` has no title",
            p.id
        );
        assert!(
            !p.ccin_principle.trim().is_empty(),
            "principle `{}` does not name its CCIN principle",
            p.id
        );
        assert!(
            p.summary.split_whitespace().count() >= 25,
            "principle `{}` needs a one-paragraph summary of what it asks of an AI system",
            p.id
        );
        assert!(
            !p.ica_values.is_empty(),
            "principle `{}` lists no ICA values",
            p.id
        );
        for v in &p.ica_values {
            assert!(
                ICA_VALUES.contains(&v.as_str()),
                "principle `{}`: `{v}` is not an ICA value",
                p.id
            );
        }
        assert!(
            p.weight > 0.0,
            "principle `{}` has weight {}; every principle must count",
            p.id,
            p.weight
        );
    }
}

#[test]
fn at_least_40_questions_and_3_scored_per_principle() {
    let fw = fw();
    let count = fw
        .questions
        .iter()
        .filter(|q| q.impact != Some(ImpactRole::Risk))
        .count();
    assert!(
        count >= 40,
        "expected at least 40 questions outside the impact profile, found {count}"
    );
    for p in PRINCIPLES {
        let n = fw.questions_of(p).filter(|q| q.is_scored()).count();
        assert!(
            n >= 3,
            "principle `{p}` needs at least 3 scored questions, has {n}"
        );
        // Every principle is always scored, whatever the other answers, so the overall score
        // never silently loses a principle.
        let always = fw
            .questions_of(p)
            .filter(|q| q.is_scored() && q.when.is_none())
            .count();
        assert!(
            always >= 1,
            "principle `{p}` needs at least one scored question that is always asked"
        );
    }
}

#[test]
fn every_assessment_area_is_covered_and_tags_are_known() {
    let fw = fw();
    let mut by_area: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &fw.questions {
        let area = q
            .area
            .as_deref()
            .unwrap_or_else(|| panic!("question `{}` has no `area` tag", q.id));
        if q.impact == Some(ImpactRole::Risk) {
            assert_eq!(
                area, PROFILE_AREA,
                "risk question `{}` must have area = \"{PROFILE_AREA}\"",
                q.id
            );
        } else {
            assert!(
                AREAS.contains(&area),
                "question `{}` has unknown area `{area}`; expected one of: {}",
                q.id,
                AREAS.join(", ")
            );
            if q.is_scored() {
                *by_area.entry(area).or_default() += 1;
            }
        }
    }
    let missing: Vec<&str> = AREAS
        .iter()
        .copied()
        .filter(|a| !by_area.contains_key(a))
        .collect();
    assert!(
        missing.is_empty(),
        "no scored question covers the area(s): {}",
        missing.join(", ")
    );
}

#[test]
fn impact_profile_covers_the_seven_topics() {
    let fw = fw();
    let risk: Vec<&Question> = fw.profile_questions().collect();
    assert!(
        risk.len() >= 6,
        "the impact profile needs at least 6 questions, has {}",
        risk.len()
    );
    for (topic, id) in PROFILE_TOPICS {
        let q = question(&fw, id);
        assert_eq!(
            q.impact,
            Some(ImpactRole::Risk),
            "`{id}` (impact-profile topic: {topic}) must be an impact = \"risk\" question"
        );
        assert!(
            q.max_points() > 0.0,
            "`{id}` (topic: {topic}) adds nothing to the impact score"
        );
    }
    // A system that makes significant decisions about people cannot score its way below
    // level 3, whatever else is answered.
    let decides = question(&fw, "decisions-about-people")
        .option("decides")
        .expect("option `decides`");
    assert_eq!(
        decides.min_impact_level,
        Some(3),
        "a system that decides about people must be at least impact level 3"
    );
}

#[test]
fn four_impact_levels_at_quarters_with_mitigation() {
    let fw = fw();
    let cuts: Vec<(u8, f64, f64)> = fw
        .impact
        .levels
        .iter()
        .map(|l| (l.level, l.from, l.to))
        .collect();
    assert_eq!(
        cuts,
        [
            (1, 0.0, 25.0),
            (2, 25.0, 50.0),
            (3, 50.0, 75.0),
            (4, 75.0, 100.0)
        ],
        "expected impact levels 1-4 cut at 0/25/50/75/100%"
    );
    let m = fw
        .impact
        .mitigation
        .expect("the framework needs an [impact.mitigation] rule");
    assert_eq!(
        (m.threshold, m.reduction),
        (80.0, 15.0),
        "mitigation: threshold 80, reduction 15"
    );
    let mitigation: BTreeSet<&str> = fw
        .questions
        .iter()
        .filter(|q| q.impact == Some(ImpactRole::Mitigation))
        .map(|q| q.id.as_str())
        .collect();
    for id in [
        "plain-language-explanation",
        "equality-impact-assessment",
        "human-review",
        "dpia",
    ] {
        assert!(
            mitigation.contains(id),
            "`{id}` should count towards mitigation; mitigation questions: {mitigation:?}"
        );
    }
}

/// The red line on `question`, which must read `reads` in its condition.
fn assert_red_line(fw: &Framework, question_id: &str, reads: &str) {
    let q = question(fw, question_id);
    let red: Vec<_> = q
        .options
        .iter()
        .filter_map(|o| o.red_line.as_ref())
        .collect();
    assert!(!red.is_empty(), "`{question_id}` must carry a red line");
    for r in red {
        assert!(
            !r.title.trim().is_empty(),
            "red line on `{question_id}` has no title"
        );
        let when = r.when.as_ref().unwrap_or_else(|| {
            panic!("red line on `{question_id}` should be narrowed by a condition on {reads}")
        });
        let ok = match reads {
            "impact level" => matches!(
                when,
                Condition::ImpactLevel {
                    impact_level_at_least: Some(3),
                    ..
                }
            ),
            id => when.questions().contains(&id),
        };
        assert!(
            ok,
            "red line on `{question_id}` should apply only depending on {reads}, but applies when {when}"
        );
    }
}

#[test]
fn has_the_red_lines() {
    let fw = fw();
    assert!(
        fw.red_line_count() >= 3,
        "expected at least 3 red lines, found {}",
        fw.red_line_count()
    );
    // UK GDPR Article 22: solely automated significant decisions with no human review.
    assert_red_line(&fw, "human-review", "decisions-about-people");
    // No Equality Impact Assessment at impact level 3 or 4.
    assert_red_line(&fw, "equality-impact-assessment", "impact level");
    // Staff roles replaced without consulting staff and their unions.
    assert_red_line(&fw, "staff-consultation", "staff-role-change");
}

#[test]
fn every_question_kind_is_used() {
    let fw = fw();
    let used: Vec<QuestionKind> = fw.questions.iter().map(|q| q.kind).collect();
    for kind in ALL_KINDS {
        assert!(
            used.contains(&kind),
            "no question uses kind `{}`",
            kind.name()
        );
    }
    for q in fw.questions.iter().filter(|q| q.kind == QuestionKind::Text) {
        assert!(
            !q.required,
            "text question `{}` is unscored and should be `required = false`",
            q.id
        );
    }
}

#[test]
fn every_question_has_help_saying_why_and_what_good_looks_like() {
    let fw = fw();
    for q in &fw.questions {
        assert!(
            q.help.split_whitespace().count() >= 12,
            "question `{}` needs help text that says why it is asked",
            q.id
        );
        if q.is_scored() {
            assert!(
                q.help.contains("Good practice") || q.help.contains("good practice"),
                "scored question `{}`: help should say what good looks like (\"Good practice: ...\")",
                q.id
            );
        }
    }
}

#[test]
fn uk_references_are_cited() {
    let fw = fw();
    let cited = |needle: &str| {
        fw.questions
            .iter()
            .any(|q| q.references.iter().any(|r| r.contains(needle)))
    };
    for (reference, id) in [
        ("Equality Act 2010, s.149", "equality-impact-assessment"),
        ("UK GDPR Articles 22A-22D", "human-review"),
        ("UK GDPR Articles 22A-22D", "decisions-about-people"),
        (
            "Human Rights Act 1998, Schedule 1, Article 8",
            "outputs-about-people",
        ),
        ("Procurement Act 2023", "social-value-weighting"),
        ("Accessibility Regulations 2018", "accessibility"),
        ("UK GDPR Article 35", "dpia"),
        (
            "Algorithmic Transparency Recording Standard",
            "transparency-record",
        ),
        (
            "Public Services (Social Value) Act 2012",
            "social-value-weighting",
        ),
    ] {
        assert!(cited(reference), "no question cites `{reference}`");
        assert!(
            question(&fw, id)
                .references
                .iter()
                .any(|r| r.contains(reference)),
            "`{id}` should cite `{reference}`"
        );
    }
}

#[test]
fn every_point_losing_answer_has_a_recommendation() {
    let fw = fw();
    let has = |r: &Option<String>| {
        r.as_deref()
            .is_some_and(|r| r.split_whitespace().count() >= 5)
    };
    for q in scored(&fw) {
        let max = q.max_points();
        match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => {
                for o in q.options.iter().filter(|o| o.points < max) {
                    assert!(
                        has(&o.recommendation),
                        "`{}` option `{}` loses points but has no recommendation",
                        q.id,
                        o.id
                    );
                }
            }
            QuestionKind::Multiple => {
                // Shown when the option is NOT ticked, so it is worded as the action to take.
                for o in q.options.iter().filter(|o| o.points > 0.0) {
                    assert!(
                        has(&o.recommendation),
                        "`{}` option `{}` has points but no recommendation",
                        q.id,
                        o.id
                    );
                }
            }
            QuestionKind::Scale | QuestionKind::Number => {
                assert!(
                    has(&q.recommendation),
                    "{} question `{}` has no recommendation",
                    q.kind.name(),
                    q.id
                );
            }
            QuestionKind::Text => {}
        }
    }
}

/// Supports the scoring promise: the best answers earn every point without crossing a red
/// line, and the worst earn none.
#[test]
fn best_answers_cross_no_red_line_and_worst_earn_nothing() {
    let fw = fw();
    for q in scored(&fw) {
        let max = q.max_points();
        for o in q.options.iter().filter(|o| o.red_line.is_some()) {
            assert!(
                q.kind != QuestionKind::Multiple && o.points < max,
                "`{}` option `{}` carries a red line but is a best answer",
                q.id,
                o.id
            );
        }
        let zero = match q.kind {
            QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple => {
                q.options.iter().any(|o| o.points == 0.0)
            }
            QuestionKind::Scale => true, // the bottom of the scale earns nothing
            QuestionKind::Number => q.number.as_ref().is_some_and(|n| {
                n.ranges
                    .first()
                    .is_some_and(|r| r.points == 0.0 && n.min.is_none_or(|min| min >= r.at_least))
            }),
            QuestionKind::Text => true,
        };
        assert!(
            zero,
            "`{}` has no answer worth 0 points, so the worst answers could not score 0",
            q.id
        );
    }
}

#[test]
fn conditions_save_the_officer_time() {
    let fw = fw();
    let training = question(&fw, "training-data");
    assert!(
        training
            .when
            .as_ref()
            .is_some_and(|c| c.questions().contains(&"system-type")),
        "`training-data` should be asked only for systems that learn from data"
    );
    let stricter: Vec<&str> = fw
        .questions
        .iter()
        .filter(|q| q.when.as_ref().is_some_and(Condition::reads_impact_level))
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        stricter.len() >= 2,
        "expected stricter questions switched on at higher impact levels, found {stricter:?}"
    );
    for id in ["dpia", "data-protection-basics", "data-security"] {
        assert!(
            question(&fw, id)
                .when
                .as_ref()
                .is_some_and(|c| c.questions().contains(&"sensitive-data")),
            "`{id}` should be asked only when the system uses personal data"
        );
    }
}

#[test]
fn bands_have_plain_names_and_rise_with_impact_level() {
    let fw = fw();
    let names: Vec<&str> = fw.bands.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ready to proceed",
            "Proceed with conditions",
            "Not ready",
            "Do not proceed"
        ]
    );
    let levels = fw.impact.levels.len();
    for (i, b) in fw.bands.iter().enumerate() {
        assert_eq!(
            b.min_score.len(),
            levels,
            "band `{}` needs one threshold per impact level",
            b.id
        );
        assert!(
            !b.description.trim().is_empty(),
            "band `{}` has no description",
            b.id
        );
        if i + 1 == fw.bands.len() {
            assert!(
                b.min_score.iter().all(|s| *s == 0.0),
                "the last band must start at 0 at every level"
            );
        } else {
            assert!(
                b.min_score.windows(2).all(|w| w[0] < w[1]),
                "band `{}` must demand strictly more at each higher impact level: {:?}",
                b.id,
                b.min_score
            );
        }
    }
    assert!(
        fw.bands[0].min_score.iter().all(|s| *s <= 100.0),
        "a perfect score must reach the top band at every level"
    );
}
