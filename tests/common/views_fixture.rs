//! The views fixture shared by tests/views.rs and tests/views_html.rs: the framework
//! tests/fixtures/frameworks/views.toml (roles: a lead officer, frontline staff, residents), the
//! lead's answers and the responses of four staff and three residents; with `radar`, a third
//! principle that staff and residents answer too, so the HTML chart is a radar.

use std::collections::BTreeMap;

use coopai::assessment::{Answer, Assessment, Respondent, Response, Value};
use coopai::framework::{Framework, Stage};
use coopai::scoring::report::Report;
use coopai::scoring::{Tally, ViewOptions, score_with};

const FIXTURE: &str = "tests/fixtures/frameworks/views.toml";

/// A third principle for the fixture, asked of staff and residents, so the chart is a radar.
const OPENNESS: &str = r#"
[[principle]]
id = "openness"
title = "Openness"
summary = "The system's use is public."

[[question]]
id = "published"
principle = "openness"
kind = "single"
prompt = "How openly is the system's use published?"
help = "h"
roles = ["staff", "residents"]
[[question.option]]
id = "not"
label = "Not at all"
points = 0
[[question.option]]
id = "partly"
label = "Partly"
points = 1
[[question.option]]
id = "fully"
label = "Fully"
points = 2
"#;

pub fn framework(radar: bool) -> Framework {
    let mut text = std::fs::read_to_string(FIXTURE).expect("fixture framework");
    if radar {
        text.push_str(OPENNESS);
    }
    coopai::framework::load_str(FIXTURE, text)
        .expect("fixture framework loads")
        .framework
}

pub fn choice(id: &str) -> Value {
    Value::Choice(id.into())
}

pub fn answers(pairs: Vec<(&str, Value)>) -> BTreeMap<String, Answer> {
    answers_with(pairs, "what I saw")
}

/// A respondent's evidence differs from the lead's, so a test can tell that no report shows it.
pub const RESPONDENT_EVIDENCE: &str = "what I saw as a respondent";

fn answers_with(pairs: Vec<(&str, Value)>, evidence: &str) -> BTreeMap<String, Answer> {
    pairs
        .into_iter()
        .map(|(id, value)| {
            let evidence = evidence.to_string();
            (id.to_string(), Answer { value, evidence })
        })
        .collect()
}

pub fn lead(radar: bool) -> Assessment {
    let mut pairs = vec![
        ("staff-consulted", choice("yes")),
        ("resident-say", choice("co-designed")),
        ("trust", Value::Number(4.0)),
        (
            "channels",
            Value::Choices(vec!["phone".into(), "online".into()]),
        ),
        ("residents-informed", choice("yes")),
        ("review", choice("sometimes")),
        ("review-log", choice("yes")),
        ("hours-saved", Value::Number(10.0)),
    ];
    if radar {
        pairs.push(("published", choice("fully")));
    }
    let mut a = Assessment {
        answers: answers(pairs),
        sha256: "lead-sha256".into(),
        ..Assessment::default()
    };
    a.meta.system = "Benefits letters assistant".into();
    a.meta.council = "Example Council".into();
    a.meta.stage = Some(Stage::Live);
    a
}

/// The responses of tests/views.rs; with `radar`, staff and residents also say how openly the
/// system's use is published.
pub fn responses(radar: bool) -> Vec<Response> {
    let response = |role: &str, n: usize, mut pairs: Vec<(&str, Value)>, published: &str| {
        if radar {
            pairs.push(("published", choice(published)));
        }
        Response {
            name: format!("responses/{role}-{n}.toml"),
            sha256: format!("{n:064x}"),
            respondent: Respondent {
                role: role.into(),
                pseudonym: Some(format!("{role}-{n}")),
            },
            answers: answers_with(pairs, RESPONDENT_EVIDENCE),
            ..Response::default()
        }
    };
    let staff = |n, consulted, say, trust, log, hours, comment: Option<&str>, published| {
        let mut pairs = vec![
            ("staff-consulted", choice(consulted)),
            ("resident-say", choice(say)),
            ("trust", Value::Number(trust)),
            ("review-log", choice(log)),
            ("hours-saved", Value::Number(hours)),
        ];
        pairs.extend(comment.map(|c| ("comments", Value::Text(c.into()))));
        response("staff", n, pairs, published)
    };
    let resident = |n, say, trust, channels: &[&str], comment: Option<&str>, published| {
        let mut pairs = vec![
            ("resident-say", choice(say)),
            ("trust", Value::Number(trust)),
            (
                "channels",
                Value::Choices(channels.iter().map(|c| c.to_string()).collect()),
            ),
        ];
        pairs.extend(comment.map(|c| ("comments", Value::Text(c.into()))));
        response("residents", n, pairs, published)
    };
    vec![
        staff(
            1,
            "no",
            "involved",
            5.0,
            "yes",
            2.0,
            Some("Saves time on letters"),
            "partly",
        ),
        staff(2, "no", "consulted", 4.0, "yes", 0.5, None, "fully"),
        staff(3, "yes", "co-designed", 4.0, "yes", 6.0, None, "partly"),
        staff(
            4,
            "no",
            "involved",
            5.0,
            "no",
            3.0,
            Some("=HYPERLINK(\"x\")"),
            "fully",
        ),
        resident(
            5,
            "consulted",
            1.0,
            &["phone"],
            Some("I was never told"),
            "not",
        ),
        resident(6, "none", 5.0, &["phone", "in-person"], None, "partly"),
        resident(7, "consulted", 3.0, &["phone"], None, "not"),
    ]
}

pub fn report_with(radar: bool, options: ViewOptions) -> (Framework, Report) {
    let fw = framework(radar);
    let mut tally = Tally::with_options(&fw, &options);
    for response in responses(radar) {
        tally.add(&fw, &response);
    }
    let report = score_with(&fw, &lead(radar), Some(&tally), &options);
    (fw, report)
}
