//! Reports with respondents' views, snapshot-tested on tests/fixtures/frameworks/views.toml
//! (roles: a lead officer, frontline staff, residents) with hand-built responses: four staff
//! and three residents. The snapshots are the specification of how each format shows views.
//!
//! What the responses say, worked by hand:
//! - `staff-consulted` (takes its answer from staff): staff no, no, yes, no; median no, 75%
//!   agree; the lead's yes differs, so it is flagged, and no scores it.
//! - `resident-say` (none 0, consulted 1, involved 2, co-designed 3): residents consulted,
//!   none, consulted, median consulted; the lead's co-designed is two steps away: flagged.
//! - `trust` (scale 1-5): residents 1, 5, 3, only a third within one step of 3: flagged.
//! - `channels` (multiple): residents phone; phone and in person; phone: the most common
//!   answer, phone alone, is two thirds: flagged.
//! - `review-log`, `hours-saved` and `comments` are not flagged; `hours-saved` takes its
//!   answer from staff: 2, 0.5, 6, 3 hours, median range 1 to under 5, so 2 hours (1 point)
//!   scores it, not the lead's 10 (2 points).
//! - `residents-informed` takes its answer from residents, and none answered it.

use coopai::assessment::{Assessment, Response};
use coopai::framework::Framework;
use coopai::report::{ReportFormat, render};
use coopai::scoring::report::Report;
use coopai::scoring::{Tally, ViewOptions, score, score_with};

#[path = "common/views_fixture.rs"]
mod views_fixture;

fn framework() -> Framework {
    views_fixture::framework(false)
}

fn lead() -> Assessment {
    views_fixture::lead(false)
}

fn responses() -> Vec<Response> {
    views_fixture::responses(false)
}

fn report_with(options: ViewOptions) -> (Framework, Report) {
    views_fixture::report_with(false, options)
}

fn report() -> (Framework, Report) {
    report_with(ViewOptions::default())
}

/// The terminal report without colour codes, as a terminal that is not a TTY gets it.
fn plain(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

#[test]
fn terminal_report_with_views() {
    let (fw, r) = report();
    insta::assert_snapshot!("terminal", plain(&render(&fw, &[r], ReportFormat::Table)));
}

#[test]
fn markdown_report_with_views() {
    let (fw, r) = report();
    insta::assert_snapshot!("markdown", render(&fw, &[r], ReportFormat::Md));
}

#[test]
fn csv_report_with_views() {
    let (fw, r) = report();
    insta::assert_snapshot!("csv", render(&fw, &[r], ReportFormat::Csv));
}

#[test]
fn json_report_with_views() {
    let (fw, r) = report();
    let json: serde_json::Value =
        serde_json::from_str(&render(&fw, &[r], ReportFormat::Json)).expect("JSON");
    insta::assert_json_snapshot!("json_views", json["views"]);
}

/// Comments are shown only when asked for, and then in every format; a comment that a
/// spreadsheet would run is defused.
#[test]
fn comments_when_asked_for() {
    let (fw, r) = report_with(ViewOptions {
        include_comments: true,
    });
    let terminal = plain(&render(&fw, std::slice::from_ref(&r), ReportFormat::Table));
    assert!(terminal.contains("\"I was never told\""), "{terminal}");
    let md = render(&fw, std::slice::from_ref(&r), ReportFormat::Md);
    assert!(
        md.contains("Comments from Residents:\n\n- I was never told"),
        "{md}"
    );
    let csv = render(&fw, std::slice::from_ref(&r), ReportFormat::Csv);
    assert!(csv.contains(",comment,"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    let json = render(&fw, &[r], ReportFormat::Json);
    assert!(json.contains("\"comments_included\": true"));
    assert!(json.contains("Saves time on letters"));

    let (fw, r) = report();
    for format in [
        ReportFormat::Table,
        ReportFormat::Md,
        ReportFormat::Csv,
        ReportFormat::Json,
    ] {
        let out = render(&fw, std::slice::from_ref(&r), format);
        assert!(
            !out.contains("never told"),
            "{format:?} shows a comment not asked for"
        );
    }
}

/// Nothing in any format names a response's file, a pseudonym or a respondent's evidence.
#[test]
fn no_format_names_a_respondent() {
    let (fw, r) = report_with(ViewOptions {
        include_comments: true,
    });
    for format in [
        ReportFormat::Table,
        ReportFormat::Md,
        ReportFormat::Csv,
        ReportFormat::Json,
    ] {
        let out = render(&fw, std::slice::from_ref(&r), format);
        for personal in [
            "responses/",
            "staff-1",
            "residents-5",
            views_fixture::RESPONDENT_EVIDENCE,
        ] {
            assert!(!out.contains(personal), "{format:?} shows {personal}");
        }
    }
}

/// A report without responses is the report it always was, in every format: `score_with`
/// without a tally is `score`, and the JSON has no `views` key.
#[test]
fn without_responses_every_format_is_unchanged() {
    let fw = framework();
    let plain_report = score(&fw, &lead());
    let with_none = score_with(&fw, &lead(), None, &ViewOptions::default());
    for format in [
        ReportFormat::Table,
        ReportFormat::Md,
        ReportFormat::Csv,
        ReportFormat::Json,
        ReportFormat::Html,
    ] {
        assert_eq!(
            render(&fw, std::slice::from_ref(&plain_report), format),
            render(&fw, std::slice::from_ref(&with_none), format),
        );
    }
    let json = render(&fw, &[with_none], ReportFormat::Json);
    assert!(!json.contains("\"views\":"), "no views key");
}

/// The responses are combined in any order to the same report.
#[test]
fn the_order_of_responses_does_not_matter() {
    let fw = framework();
    let (_, forward) = report();
    let mut tally = Tally::new(&fw);
    for response in responses().iter().rev() {
        tally.add(&fw, response);
    }
    let backward = score_with(&fw, &lead(), Some(&tally), &ViewOptions::default());
    assert_eq!(forward, backward);
}

/// A JSON report with views reads back as the same report.
#[test]
fn a_report_with_views_reads_back() {
    let (fw, r) = report();
    let json = render(&fw, std::slice::from_ref(&r), ReportFormat::Json);
    let back: Report = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, r);
}

/// Every field of the views in a JSON report is documented in docs/report-format.md's
/// `views` section.
#[test]
fn every_views_field_is_documented() {
    fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    out.insert(key.clone());
                    keys(value, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
            _ => {}
        }
    }
    let (fw, r) = report_with(ViewOptions {
        include_comments: true,
    });
    let json: serde_json::Value =
        serde_json::from_str(&render(&fw, &[r], ReportFormat::Json)).expect("JSON");
    let mut found = std::collections::BTreeSet::new();
    keys(&json["views"], &mut found);
    assert!(
        found.contains("comments") && found.contains("q3"),
        "{found:?}"
    );
    let docs = std::fs::read_to_string("docs/report-format.md").expect("docs");
    let section = docs
        .split("\n## `views`\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a views section");
    let word = |key: &str| {
        section.match_indices(key).any(|(at, _)| {
            let before = section[..at].chars().last();
            let after = section[at + key.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        })
    };
    let missing: Vec<&String> = found.iter().filter(|k| !word(k)).collect();
    assert!(missing.is_empty(), "undocumented views fields: {missing:?}");
}
