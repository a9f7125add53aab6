//! The views' rules on hand-built responses, against tests/fixtures/frameworks/views.toml:
//! roles officer (the lead), staff and residents; `staff-consulted` (yes/no, 2 points) and
//! `hours-saved` (number: 0, 1 and 5 hours and up earn 0, 1, 2) take their answers from
//! staff, `residents-informed` (yes/no) from residents; `review-log` is asked of staff only
//! once the system is in use (stage pilot or live).

use super::*;
use crate::assessment::{Answer, Respondent, Response, Value};
use crate::framework::fixture;

fn choice(id: &str) -> Value {
    Value::Choice(id.into())
}

fn choices(ids: &[&str]) -> Value {
    Value::Choices(ids.iter().map(|id| id.to_string()).collect())
}

fn answers(pairs: &[(&str, Value)]) -> std::collections::BTreeMap<String, Answer> {
    pairs
        .iter()
        .map(|(id, value)| {
            let answer = Answer {
                value: value.clone(),
                evidence: "said in confidence".into(),
            };
            (id.to_string(), answer)
        })
        .collect()
}

fn response(role: &str, n: usize, pairs: &[(&str, Value)]) -> Response {
    Response {
        name: format!("{role}-{n}.toml"),
        sha256: format!("{role}-{n}"),
        respondent: Respondent {
            role: role.into(),
            pseudonym: Some(format!("{role} pseudonym {n}")),
        },
        answers: answers(pairs),
        ..Response::default()
    }
}

/// The lead's answers: every question, the system live (so `review-log` applies).
fn lead() -> Assessment {
    let mut a = Assessment {
        answers: answers(&[
            ("staff-consulted", choice("yes")),
            ("resident-say", choice("co-designed")),
            ("trust", Value::Number(4.0)),
            ("channels", choices(&["phone", "online"])),
            ("residents-informed", choice("yes")),
            ("review", choice("sometimes")),
            ("review-log", choice("yes")),
            ("hours-saved", Value::Number(10.0)),
        ]),
        ..Assessment::default()
    };
    a.meta.stage = Some(crate::framework::Stage::Live);
    a
}

/// A tally of one answer to `question` per value, each from a different respondent in `role`.
fn tally_of(fw: &Framework, role: &str, question: &str, values: &[Value]) -> Tally {
    let mut tally = Tally::new(fw);
    for (n, v) in values.iter().enumerate() {
        tally.add(fw, &response(role, n, &[(question, v.clone())]));
    }
    tally
}

fn views_of(fw: &Framework, tally: &Tally) -> (Report, Views) {
    let report = score_with(fw, &lead(), Some(tally), &ViewOptions::default());
    let views = report.views.clone().expect("views with a tally");
    (report, views)
}

fn role<'v>(views: &'v Views, question: &str, role: &str) -> &'v RoleAnswers {
    views
        .questions
        .iter()
        .find(|q| q.question == question)
        .and_then(|q| q.roles.iter().find(|r| r.role == role))
        .unwrap_or_else(|| panic!("{question} has no view for {role}"))
}

fn question<'v>(views: &'v Views, id: &str) -> &'v QuestionView {
    views
        .questions
        .iter()
        .find(|q| q.question == id)
        .unwrap_or_else(|| panic!("no view of {id}"))
}

fn combined(views: &Views, q: &str, r: &str) -> serde_json::Value {
    role(views, q, r)
        .combined
        .as_ref()
        .map_or(serde_json::Value::Null, |g| g.value.clone())
}

#[test]
fn without_a_tally_the_report_is_the_plain_score() {
    let fw = fixture("views.toml");
    let plain = crate::scoring::score(&fw, &lead());
    assert_eq!(
        score_with(&fw, &lead(), None, &ViewOptions::default()),
        plain
    );
    assert!(plain.views.is_none());
    let json = serde_json::to_string(&plain).unwrap_or_default();
    assert!(
        !json.contains("\"views\":"),
        "no views key without responses"
    );
}

#[test]
fn an_even_split_on_yes_no_combines_to_the_answer_with_fewer_points() {
    let fw = fixture("views.toml");
    let t = tally_of(
        &fw,
        "staff",
        "staff-consulted",
        &[choice("yes"), choice("no")],
    );
    let (_, views) = views_of(&fw, &t);
    let staff = role(&views, "staff-consulted", "staff");
    assert_eq!(combined(&views, "staff-consulted", "staff"), "no");
    assert_eq!(staff.median.as_ref().map(|g| g.answer.as_str()), Some("No"));
    assert_eq!(
        staff.agreement,
        Some(50.0),
        "two-way: the share giving the median"
    );
    assert_eq!(staff.lead_steps, Some(1));
    let q = question(&views, "staff-consulted");
    assert!(q.flagged);
    assert_eq!(
        q.reasons,
        [
            "Frontline staff are divided: 50% gave the median answer, under 70%",
            "the lead's answer (Yes) differs from the median of Frontline staff (No)"
        ]
    );
}

#[test]
fn ordered_options_take_the_lower_middle_option_and_agree_within_one_step() {
    let fw = fixture("views.toml");
    // By points: none 0, consulted 1, involved 2, co-designed 3. Middle answers: consulted
    // and involved; the median is consulted.
    let values = [
        choice("none"),
        choice("consulted"),
        choice("involved"),
        choice("co-designed"),
    ];
    let t = tally_of(&fw, "residents", "resident-say", &values);
    let (_, views) = views_of(&fw, &t);
    let r = role(&views, "resident-say", "residents");
    assert_eq!(combined(&views, "resident-say", "residents"), "consulted");
    assert_eq!(
        r.agreement,
        Some(75.0),
        "none, consulted and involved are within one step"
    );
    let iqr = r.iqr.as_ref().expect("an interquartile range");
    assert_eq!(
        (iqr.low.answer.as_str(), iqr.high.answer.as_str()),
        ("None", "Involved")
    );
    assert_eq!(iqr.steps, 2);
    // The lead says co-designed: two steps from consulted.
    assert_eq!(r.lead_steps, Some(2));
    assert_eq!(
        question(&views, "resident-say").reasons,
        ["the lead's answer (Co-designed) is 2 steps from the median of Residents (Consulted)"]
    );
    assert_eq!(
        r.counts.iter().map(|c| c.count).collect::<Vec<_>>(),
        [1, 1, 1, 1],
        "one per option, in framework order"
    );
}

#[test]
fn a_half_step_scale_median_is_the_lower_value_and_spread_is_flagged() {
    let fw = fixture("views.toml");
    let numbers = |ns: &[f64]| ns.iter().map(|n| Value::Number(*n)).collect::<Vec<_>>();
    let t = tally_of(&fw, "staff", "trust", &numbers(&[3.0, 4.0]));
    let (_, views) = views_of(&fw, &t);
    assert_eq!(combined(&views, "trust", "staff"), 3.0);
    assert_eq!(role(&views, "trust", "staff").agreement, Some(100.0));
    assert!(
        !question(&views, "trust").flagged,
        "the lead's 4 is one step away"
    );

    let t = tally_of(&fw, "residents", "trust", &numbers(&[1.0, 5.0, 3.0]));
    let (_, views) = views_of(&fw, &t);
    let r = role(&views, "trust", "residents");
    assert_eq!(r.median.as_ref().map(|g| g.value.clone()), Some(3.0.into()));
    assert_eq!(r.agreement, Some(33.3));
    assert_eq!(r.counts.len(), 5, "every value of the scale");
    assert_eq!(r.counts[0].label, "1 (Not at all)");
    assert_eq!(
        question(&views, "trust").reasons,
        ["Residents are divided: 33.3% answered within one step of the median, under 70%"]
    );
}

#[test]
fn a_number_combines_to_the_lowest_answer_in_the_median_range() {
    let fw = fixture("views.toml");
    let values: Vec<Value> = [2.0, 0.5, 6.0, 3.0].map(Value::Number).to_vec();
    let t = tally_of(&fw, "staff", "hours-saved", &values);
    let (report, views) = views_of(&fw, &t);
    // Ranges: 0 to under 1 (0.5), 1 to under 5 (2 and 3), 5 or more (6). The median range is
    // 1 to under 5, and its lowest answer 2.
    let staff = role(&views, "hours-saved", "staff");
    assert_eq!(combined(&views, "hours-saved", "staff"), 2.0);
    assert_eq!(
        staff.median.as_ref().map(|g| g.answer.as_str()),
        Some("1 to under 5 hours")
    );
    assert_eq!(
        staff.counts.iter().map(|c| c.count).collect::<Vec<_>>(),
        [1, 2, 1]
    );
    // The lead's 10 hours is one range away.
    assert_eq!(staff.lead_steps, Some(1));
    // The combined answer scores the question: 1 point, not the lead's 2.
    let line = report.answers.iter().find(|a| a.question == "hours-saved");
    assert_eq!(line.and_then(|l| l.points), Some(1.0));
}

#[test]
fn multiple_choice_combines_the_options_at_least_half_chose() {
    let fw = fixture("views.toml");
    let values = [
        choices(&["phone"]),
        choices(&["phone", "in-person"]),
        choices(&["phone"]),
        choices(&["in-person", "online"]),
    ];
    let t = tally_of(&fw, "residents", "channels", &values);
    let (_, views) = views_of(&fw, &t);
    // phone 3 of 4, in person 2 of 4 (half), online 1 of 4.
    let r = role(&views, "channels", "residents");
    assert_eq!(
        combined(&views, "channels", "residents"),
        serde_json::json!(["phone", "in-person"])
    );
    // The most common set, phone alone, is 2 of 4.
    assert_eq!(r.agreement, Some(50.0));
    // The lead chose phone and online: differs on in person and online.
    assert_eq!(r.lead_steps, Some(2));
    assert!(r.median.is_none() && r.iqr.is_none(), "no order");
    assert_eq!(question(&views, "channels").reasons.len(), 2);
}

#[test]
fn an_unordered_single_choice_takes_the_most_common_answer_ties_to_the_first() {
    let text = include_str!("../../../tests/fixtures/frameworks/views.toml")
        // Every option of resident-say worth the same: no order.
        .replace(
            "points = 1\n[[question.option]]\nid = \"involved\"",
            "points = 0\n[[question.option]]\nid = \"involved\"",
        )
        .replace(
            "id = \"involved\"\nlabel = \"Involved\"\npoints = 2",
            "id = \"involved\"\nlabel = \"Involved\"\npoints = 0",
        )
        .replace(
            "label = \"Co-designed\"\npoints = 3",
            "label = \"Co-designed\"\npoints = 0",
        );
    let fw = crate::framework::load_str("views.toml", text)
        .map(|l| l.framework)
        .unwrap_or_else(|e| panic!("{e}"));
    let values = [
        choice("involved"),
        choice("consulted"),
        choice("consulted"),
        choice("involved"),
    ];
    let t = tally_of(&fw, "staff", "resident-say", &values);
    let (_, views) = views_of(&fw, &t);
    let staff = role(&views, "resident-say", "staff");
    assert!(!question(&views, "resident-say").ordered);
    assert_eq!(
        combined(&views, "resident-say", "staff"),
        "consulted",
        "first in framework order"
    );
    assert_eq!(staff.agreement, Some(50.0));
    assert_eq!(staff.lead_steps, None, "no steps without an order");
}

#[test]
fn not_known_answers_are_counted_apart_and_all_not_known_combines_to_not_known() {
    let fw = fixture("views.toml");
    let t = tally_of(
        &fw,
        "staff",
        "staff-consulted",
        &[Value::NotKnown, Value::NotKnown],
    );
    let (report, views) = views_of(&fw, &t);
    let staff = role(&views, "staff-consulted", "staff");
    assert_eq!((staff.answered, staff.not_known), (2, 2));
    assert_eq!(staff.agreement, None);
    assert_eq!(combined(&views, "staff-consulted", "staff"), "not known");
    assert!(
        report
            .not_known
            .iter()
            .any(|u| u.question == "staff-consulted")
    );

    let t = tally_of(
        &fw,
        "staff",
        "staff-consulted",
        &[Value::NotKnown, choice("yes")],
    );
    let (_, views) = views_of(&fw, &t);
    assert_eq!(combined(&views, "staff-consulted", "staff"), "yes");
    assert_eq!(
        views.answer_from[0].how,
        "the median of 1 answer, 1 more not known"
    );
}

#[test]
fn answer_from_scores_with_the_role_and_shows_the_lead_estimate() {
    let fw = fixture("views.toml");
    let plain = crate::scoring::score(&fw, &lead());
    let t = tally_of(
        &fw,
        "staff",
        "staff-consulted",
        &[choice("no"), choice("no"), choice("yes")],
    );
    let (report, views) = views_of(&fw, &t);
    let source = &views.answer_from[0];
    assert_eq!(source.question, "staff-consulted");
    assert!(source.used);
    assert_eq!(source.respondents, 3);
    assert_eq!(
        source.answer.as_ref().map(|g| g.answer.as_str()),
        Some("No")
    );
    assert_eq!(
        source.lead_estimate.as_ref().map(|g| g.answer.as_str()),
        Some("Yes")
    );
    // Downstream: the voice principle loses the 2 points the lead claimed.
    let voice = |r: &Report| r.principles[0].earned;
    assert_eq!(voice(&plain) - voice(&report), 2.0);
    assert!(report.overall.score < plain.overall.score);
    let line = report
        .answers
        .iter()
        .find(|a| a.question == "staff-consulted");
    assert_eq!(
        line.map(|l| l.evidence.as_str()),
        Some(
            "The combined answer of Frontline staff: the median of 3 answers. The lead's estimate: Yes. The lead's evidence: said in confidence"
        )
    );
    // Nobody in residents answered residents-informed: the lead's answer stands.
    let informed = &views.answer_from[1];
    assert_eq!(informed.question, "residents-informed");
    assert!(!informed.used);
    assert_eq!(informed.respondents, 0);
    assert_eq!(
        informed.how,
        "no one in Residents has answered; the lead's answer scores it"
    );
    assert_eq!(informed.answer, informed.lead_estimate);
}

#[test]
fn respondents_are_counted_by_role_with_the_lead_as_one() {
    let fw = fixture("views.toml");
    let mut t = Tally::new(&fw);
    t.add(&fw, &response("staff", 1, &[("trust", Value::Number(2.0))]));
    t.add(&fw, &response("staff", 2, &[]));
    t.add(
        &fw,
        &response("residents", 1, &[("trust", Value::Number(2.0))]),
    );
    t.add(
        &fw,
        &response("contractors", 1, &[("trust", Value::Number(2.0))]),
    );
    let (_, views) = views_of(&fw, &t);
    let r = &views.respondents;
    let counts: Vec<(&str, u64, bool)> = r
        .roles
        .iter()
        .map(|c| (c.role.as_str(), c.count, c.lead))
        .collect();
    assert_eq!(
        counts,
        [
            ("officer", 1, true),
            ("staff", 2, false),
            ("residents", 1, false)
        ]
    );
    assert_eq!((r.total, r.responses, r.ignored), (4, 3, 1));
    let json = serde_json::to_string(&views).unwrap_or_default();
    assert!(
        !json.contains("pseudonym") && !json.contains(".toml"),
        "{json}"
    );
    assert!(
        !json.contains("in confidence"),
        "no evidence of a respondent"
    );
}

#[test]
fn answers_a_role_is_not_asked_are_left_out() {
    let fw = fixture("views.toml");
    // Residents are not asked staff-consulted, nor review (lead only).
    let mut t = Tally::new(&fw);
    t.add(
        &fw,
        &response(
            "residents",
            1,
            &[
                ("staff-consulted", choice("no")),
                ("review", choice("never")),
            ],
        ),
    );
    t.add(&fw, &response("staff", 1, &[("trust", choice("no"))]));
    let (_, views) = views_of(&fw, &t);
    assert!(views.questions.is_empty(), "{:?}", views.questions);
    assert!(views.answer_from[0].respondents == 0);
}

#[test]
fn free_text_is_kept_only_when_asked_for() {
    let fw = fixture("views.toml");
    let text = |s: &str| Value::Text(s.into());
    let add = |t: &mut Tally| {
        t.add(
            &fw,
            &response("staff", 1, &[("comments", text("Saves time"))]),
        );
        t.add(
            &fw,
            &response("residents", 1, &[("comments", text("I was never told"))]),
        );
    };
    let mut t = Tally::new(&fw);
    add(&mut t);
    let (_, views) = views_of(&fw, &t);
    assert!(!views.comments_included);
    assert_eq!(role(&views, "comments", "staff").answered, 1);
    assert!(role(&views, "comments", "staff").comments.is_empty());
    assert!(
        !serde_json::to_string(&views)
            .unwrap_or_default()
            .contains("Saves time")
    );

    let options = ViewOptions {
        include_comments: true,
    };
    let mut t = Tally::with_options(&fw, &options);
    add(&mut t);
    let report = score_with(&fw, &lead(), Some(&t), &options);
    let views = report.views.expect("views");
    assert!(views.comments_included);
    assert_eq!(
        role(&views, "comments", "residents").comments,
        ["I was never told"]
    );
    assert_eq!(role(&views, "comments", "staff").agreement, None);
}

#[test]
fn flagged_questions_come_first_then_the_rest_in_interview_order() {
    let fw = fixture("views.toml");
    let mut t = Tally::new(&fw);
    for n in 0..3 {
        t.add(
            &fw,
            &response(
                "staff",
                n,
                &[
                    ("staff-consulted", choice("yes")),
                    ("trust", Value::Number(4.0)),
                    ("review-log", choice("yes")),
                    // 1 or more hours, under 5: the lead's 10 is one range away.
                    ("hours-saved", Value::Number(3.0)),
                    (
                        "resident-say",
                        choice(if n == 0 { "none" } else { "co-designed" }),
                    ),
                ],
            ),
        );
    }
    // Staff on resident-say: none, co-designed, co-designed: two thirds within one step.
    let (_, views) = views_of(&fw, &t);
    let order: Vec<(&str, bool)> = views
        .questions
        .iter()
        .map(|q| (q.question.as_str(), q.flagged))
        .collect();
    assert_eq!(
        order,
        [
            ("resident-say", true),
            ("staff-consulted", false),
            ("trust", false),
            ("review-log", false),
            ("hours-saved", false),
        ]
    );
}

/// Each respondent's principle score counts the questions they answered that apply: staff
/// answer staff-consulted (2 points), trust (4 points, linear from 1 to 5) and, in care,
/// review-log (2 points, asked only once the system is in use) and hours-saved (2 points).
#[test]
fn principle_scores_spread_by_role_over_the_questions_that_apply() {
    let fw = fixture("views.toml");
    let staff = |n, consulted: &str, trust: f64, log: &str, hours: f64| {
        response(
            "staff",
            n,
            &[
                ("staff-consulted", choice(consulted)),
                ("trust", Value::Number(trust)),
                ("review-log", choice(log)),
                ("hours-saved", Value::Number(hours)),
            ],
        )
    };
    let mut t = Tally::new(&fw);
    // Voice: (2 + 4) / 6 = 100; (0 + 2) / 6 = 33.3; (2 + 1) / 6 = 50.
    // Care with review-log: (2 + 2) / 4 = 100; (0 + 1) / 4 = 25; (0 + 0) / 4 = 0.
    // Care without it: 2 / 2 = 100; 1 / 2 = 50; 0 / 2 = 0.
    t.add(&fw, &staff(1, "yes", 5.0, "yes", 6.0));
    t.add(&fw, &staff(2, "no", 3.0, "no", 1.0));
    t.add(&fw, &staff(3, "yes", 2.0, "no", 0.0));
    let (report, views) = views_of(&fw, &t);
    let spread = |views: &Views, principle: usize| {
        let s = &views.principles[principle].roles;
        assert_eq!(s.len(), 1, "only staff answer scored questions of care");
        let s = &s[0];
        (s.count, s.low, s.median, s.high)
    };
    let voice = &views.principles[0];
    assert_eq!(
        voice
            .roles
            .iter()
            .map(|r| r.role.as_str())
            .collect::<Vec<_>>(),
        ["staff", "residents"]
    );
    assert_eq!(voice.score, report.principle_score("voice"));
    let staff_voice = &voice.roles[0];
    assert_eq!(
        (
            staff_voice.count,
            staff_voice.low,
            staff_voice.median,
            staff_voice.high
        ),
        (3, Some(33.3), Some(50.0), Some(100.0))
    );
    assert_eq!(voice.roles[1].count, 0);
    assert_eq!(voice.roles[1].median, None);
    assert_eq!(spread(&views, 1), (3, Some(0.0), Some(25.0), Some(100.0)));

    // At the proposal stage, review-log does not apply, and is left out of each staff score.
    let mut a = lead();
    a.meta.stage = Some(crate::framework::Stage::Proposal);
    let report = score_with(&fw, &a, Some(&t), &ViewOptions::default());
    let views = report.views.expect("views");
    assert_eq!(spread(&views, 1), (3, Some(0.0), Some(50.0), Some(100.0)));
    assert!(!question(&views, "review-log").applies);
}

/// The tally keeps counts: adding the same responses many times over changes counts, never
/// what is held.
#[test]
fn the_tally_does_not_grow_with_the_responses() {
    let fw = fixture("views.toml");
    let batch = |t: &mut Tally, from: usize| {
        for n in from..from + 50 {
            t.add(
                &fw,
                &response(
                    if n % 2 == 0 { "staff" } else { "residents" },
                    n,
                    &[
                        ("trust", Value::Number((n % 5 + 1) as f64)),
                        ("resident-say", choice("involved")),
                        ("comments", Value::Text(format!("comment {n}"))),
                    ],
                ),
            );
        }
    };
    let mut t = Tally::new(&fw);
    batch(&mut t, 0);
    let held = |t: &Tally| format!("{:?}", (t.answers.len(), t.spreads.len()));
    let shape = |t: &Tally| {
        t.answers
            .values()
            .map(|a| match &a.counts {
                super::tally::Counts::Text(kept) => kept.len(),
                super::tally::Counts::Scale(counts) => counts.len(),
                _ => 0,
            })
            .collect::<Vec<_>>()
    };
    let (before, before_shape) = (held(&t), shape(&t));
    batch(&mut t, 50);
    batch(&mut t, 100);
    assert_eq!(held(&t), before);
    assert_eq!(shape(&t), before_shape);
    assert_eq!(t.responses(), 150);
}

/// Past six conditional questions of one principle asked of one role, the rest are counted
/// whenever answered, and the spread says it is approximate.
#[test]
fn beyond_six_conditional_questions_a_spread_is_approximate() {
    let mut text = String::from(
        "[framework]\nid = \"many\"\ntitle = \"Many\"\nversion = \"1.0.0\"\n\
         [[role]]\nid = \"lead\"\nname = \"Lead\"\n[[role]]\nid = \"staff\"\nname = \"Staff\"\n\
         [[principle]]\nid = \"p\"\ntitle = \"P\"\nsummary = \"s\"\n",
    );
    for i in 0..8 {
        text.push_str(&format!(
            "[[question]]\nid = \"q{i}\"\nprinciple = \"p\"\nkind = \"yes_no\"\nprompt = \"?\"\n\
             help = \"h\"\nroles = [\"staff\"]\nwhen = {{ stage = \"live\" }}\n\
             [[question.option]]\nid = \"yes\"\nlabel = \"Yes\"\npoints = 1\n\
             [[question.option]]\nid = \"no\"\nlabel = \"No\"\npoints = 0\n"
        ));
    }
    text.push_str("[[band]]\nid = \"all\"\nname = \"All\"\nmin_score = [0]\n");
    let fw = crate::framework::load_str("many.toml", text)
        .map(|l| l.framework)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut t = Tally::new(&fw);
    // Yes to the first six, no to the last two.
    let all: Vec<(String, Value)> = (0..8)
        .map(|i| (format!("q{i}"), choice(if i < 6 { "yes" } else { "no" })))
        .collect();
    let pairs: Vec<(&str, Value)> = all.iter().map(|(q, v)| (q.as_str(), v.clone())).collect();
    t.add(&fw, &response("staff", 1, &pairs));
    let spread = |stage| {
        let mut a = Assessment::default();
        a.meta.stage = Some(stage);
        let report = score_with(&fw, &a, Some(&t), &ViewOptions::default());
        let s = report.views.expect("views").principles[0].roles[0].clone();
        (s.median, s.approximate)
    };
    // Live: all eight apply, 6 of 8.
    assert_eq!(spread(crate::framework::Stage::Live), (Some(75.0), true));
    // At the proposal stage none applies, but the two not followed still count: 0 of 2.
    assert_eq!(spread(crate::framework::Stage::Proposal), (Some(0.0), true));
}
