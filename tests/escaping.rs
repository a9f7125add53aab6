//! Every piece of user-provided text reaches the HTML only escaped: the answers file's
//! metadata, answers and evidence, the framework's own text, respondents' views (role names,
//! option labels, comments), and (by rewriting every string of a scored report) any field a
//! report may gain later.

use std::collections::BTreeMap;

use coopai::assessment::{Answer, Assessment, Respondent, Response, Value};
use coopai::report::ReportFormat;
use coopai::report::compare::{self, Scored};
use coopai::scoring::report::Report;
use coopai::scoring::{Tally, ViewOptions, score_with};

const PAYLOAD: &str = r#"<script>alert(1)</script> "quoted" 'single' & AT&T"#;
const ESCAPED: &str =
    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; 'single' &amp; AT&amp;T";

/// The payload as the inside of a TOML basic string.
fn toml_payload() -> String {
    PAYLOAD.replace('"', "\\\"")
}

/// example-minimal with the payload at the start of every title, name, label, prompt,
/// help, summary, description and recommendation.
fn hostile_framework() -> coopai::framework::Framework {
    hostile("frameworks/example-minimal.toml")
}

/// The framework at `path` with the payload at the start of every title, name (roles'
/// included), label, prompt, help, summary, description and recommendation.
fn hostile(path: &str) -> coopai::framework::Framework {
    let text = std::fs::read_to_string(path).expect("framework");
    let mut out = String::new();
    for line in text.lines() {
        let key = line.split(" = \"").next().unwrap_or_default();
        if [
            "title",
            "name",
            "label",
            "prompt",
            "help",
            "summary",
            "description",
            "recommendation",
            "min_label",
            "max_label",
        ]
        .contains(&key)
        {
            out.push_str(&line.replacen(" = \"", &format!(" = \"{} ", toml_payload()), 1));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    coopai::framework::load_str("hostile.toml", out)
        .expect("hostile framework loads")
        .framework
}

fn hostile_answers() -> String {
    let p = toml_payload();
    format!(
        r#"[assessment]
council = "{p}"
system = "{p}"
description = "{p}"
assessor = "{p}"
date = "{p}"

[framework]
id = "example-minimal"
version = "1.0.0"

[answers.decides-about-people]
answer = "decides"
evidence = "{p}"

[answers.residents-affected]
answer = 5000
evidence = "{p}"

[answers.residents-involved]
answer = ["consulted"]
evidence = "{p}"

[answers.explainable]
answer = "no"
evidence = "{p}"

[answers.human-review]
answer = "never"
evidence = "{p}"

[answers.staff-confidence]
answer = 2
evidence = "{p}"

[answers.lessons]
answer = "{p}"
evidence = "{p}"
"#
    )
}

/// Replaces every string in the report with the payload, apart from the values of fields
/// that name one of a fixed set of words (what a recommendation is about and its category,
/// why a red line is open, the lifecycle stage, a question's kind in the views), which are
/// no free text.
fn poison(r: &Report) -> Report {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = PAYLOAD.to_string(),
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(map) => map
                .iter_mut()
                .filter(|(key, _)| {
                    !["about", "open", "category", "stage", "kind"].contains(&key.as_str())
                })
                .for_each(|(_, v)| walk(v)),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(r).expect("report serialises");
    walk(&mut json);
    serde_json::from_value(json).expect("report deserialises")
}

/// Fails unless `html` holds the payload only in escaped form.
fn assert_escaped(html: &str) {
    assert!(html.contains(ESCAPED), "the escaped payload is shown");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script element");
    assert!(
        !html.contains("alert(1)</"),
        "no raw closing tag after the payload"
    );
    assert!(
        !html.contains("\"quoted\""),
        "no raw double quotes from the payload"
    );
    assert!(!html.contains("AT&T"), "no raw ampersand from the payload");
    // Every ampersand starts an entity.
    for (i, _) in html.match_indices('&') {
        let rest = &html[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "raw ampersand at byte {i}: {}",
            &rest[..rest.len().min(40)]
        );
    }
}

#[test]
fn html_report_escapes_every_free_text_field() {
    let fw = hostile_framework();
    let loaded = coopai::assessment::load_str("hostile-answers.toml", hostile_answers(), &fw)
        .expect("answers load");
    let report = coopai::scoring::score(&fw, &loaded.assessment);
    assert!(
        !report.red_lines.is_empty()
            && !report.recommendations.is_empty()
            && !report.unanswered.is_empty()
    );

    let html = coopai::report::render(&fw, std::slice::from_ref(&report), ReportFormat::Html);
    assert_escaped(&html);
    // Each field from the answers file and the framework arrives escaped.
    for expected in [
        format!("<h1 id=\"r1-h\">{ESCAPED}</h1>"),
        format!("<title>AI assessment: {ESCAPED}</title>"),
        format!("<dd>{ESCAPED}</dd>"),
        format!("<td class=\"evidence\">{ESCAPED}</td>"),
        format!("<th scope=\"row\">{ESCAPED} Co-production</th>"),
        format!("<strong>{ESCAPED} Solely automated decisions"),
        format!("{ESCAPED} Do not proceed yet"),
        format!("<p class=\"tile-note\">{ESCAPED} Significant gaps"),
    ] {
        assert!(html.contains(&expected), "missing {expected}");
    }

    let everything = poison(&report);
    assert_escaped(&coopai::report::render(
        &fw,
        std::slice::from_ref(&everything),
        ReportFormat::Html,
    ));
}

#[test]
fn comparison_html_escapes_every_free_text_field() {
    let fw = hostile_framework();
    let loaded = coopai::assessment::load_str("hostile-answers.toml", hostile_answers(), &fw)
        .expect("answers load");
    let report = coopai::scoring::score(&fw, &loaded.assessment);
    let items = [
        Scored {
            file: PAYLOAD.to_string(),
            report: report.clone(),
            answered_against: loaded.assessment.framework.clone(),
        },
        Scored {
            file: format!("{PAYLOAD}2"),
            report: poison(&report),
            answered_against: None,
        },
    ];
    let html = compare::render(&fw, &compare::compare(&fw, &items), ReportFormat::Html);
    assert_escaped(&html);
}

/// A report with views of the views fixture made hostile: the lead's answers, and two staff
/// and a resident who answer and comment with the payload.
fn hostile_views_report() -> (coopai::framework::Framework, Report) {
    let fw = hostile("tests/fixtures/frameworks/views.toml");
    let answers = |pairs: Vec<(&str, Value)>| -> BTreeMap<String, Answer> {
        pairs
            .into_iter()
            .map(|(id, value)| {
                let evidence = PAYLOAD.to_string();
                (id.to_string(), Answer { value, evidence })
            })
            .collect()
    };
    let choice = |id: &str| Value::Choice(id.into());
    let mut lead = Assessment {
        answers: answers(vec![
            ("staff-consulted", choice("yes")),
            ("resident-say", choice("co-designed")),
            ("trust", Value::Number(4.0)),
            ("hours-saved", Value::Number(10.0)),
        ]),
        sha256: "lead".into(),
        ..Assessment::default()
    };
    lead.meta.system = PAYLOAD.into();
    let options = ViewOptions {
        include_comments: true,
    };
    let mut tally = Tally::with_options(&fw, &options);
    for (n, role) in ["staff", "staff", "residents"].into_iter().enumerate() {
        let mut pairs = vec![
            ("resident-say", choice("none")),
            ("trust", Value::Number(1.0 + 4.0 * n as f64)),
            ("comments", Value::Text(PAYLOAD.into())),
        ];
        if role == "staff" {
            pairs.push(("staff-consulted", choice("no")));
            pairs.push(("hours-saved", Value::Number(2.0)));
        }
        let response = Response {
            name: format!("{PAYLOAD}{n}.toml"),
            sha256: format!("{n:064x}"),
            respondent: Respondent {
                role: role.into(),
                pseudonym: Some(PAYLOAD.into()),
            },
            answers: answers(pairs),
            ..Response::default()
        };
        tally.add(&fw, &response);
    }
    let report = score_with(&fw, &lead, Some(&tally), &options);
    (fw, report)
}

#[test]
fn html_views_escape_every_free_text_field() {
    let (fw, report) = hostile_views_report();
    let views = report.views.as_ref().expect("views");
    assert!(
        views.questions.iter().any(|q| q.flagged)
            && !views.answer_from.is_empty()
            && views.principles.iter().any(|p| !p.roles.is_empty())
            && views
                .questions
                .iter()
                .any(|q| q.roles.iter().any(|r| !r.comments.is_empty()))
    );
    let html = coopai::report::render(&fw, std::slice::from_ref(&report), ReportFormat::Html);
    assert_escaped(&html);
    // Role names, prompts, option labels, reasons and comments arrive escaped, in the Views
    // section and on the chart.
    for expected in [
        format!("<th scope=\"row\">{ESCAPED} Frontline staff</th>"),
        format!(
            "<th scope=\"row\">{ESCAPED} Lead officer<span class=\"muted\"> (the lead)</span></th>"
        ),
        format!("<code>resident-say</code>: {ESCAPED} How much say did residents have"),
        format!("<li>{ESCAPED} Consulted: 0</li>"),
        format!("<strong>Flagged:</strong> the lead's answer ({ESCAPED} Yes) differs"),
        format!("<p class=\"comments-from\">Comments from {ESCAPED} Residents:</p>"),
        format!("<li>{ESCAPED}</li>"),
        format!("{ESCAPED} Frontline staff, median</li>"),
        format!("Median scores of {ESCAPED} Frontline staff: {ESCAPED} Voice"),
    ] {
        assert!(html.contains(&expected), "missing {expected}");
    }
    // No response's file name or pseudonym, escaped or not: they never reach the page.
    assert!(!html.contains(&format!("{ESCAPED}0.toml")));

    let everything = poison(&report);
    assert!(everything.views.is_some());
    assert_escaped(&coopai::report::render(
        &fw,
        std::slice::from_ref(&everything),
        ReportFormat::Html,
    ));
}
