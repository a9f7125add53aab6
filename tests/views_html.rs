//! The HTML report with respondents' views: the "Views" section and each role's median
//! principle scores on the chart, in its legend and in the table beside it. Snapshot-tested
//! on tests/fixtures/frameworks/views.toml (two principles: a bar chart) with the responses of
//! tests/views.rs (four staff, three residents), and on the same framework with a third
//! principle added, so the chart is a radar.

use std::collections::{BTreeMap, BTreeSet};

use coopai::report::{ReportFormat, render};
use coopai::scoring::{ViewOptions, score, score_with};

#[path = "common/views_fixture.rs"]
mod views_fixture;
use views_fixture::{framework, lead, report_with};

fn html(radar: bool, options: ViewOptions) -> String {
    let (fw, r) = report_with(radar, options);
    render(&fw, &[r], ReportFormat::Html)
}

#[test]
fn html_report_with_views_and_bars() {
    insta::assert_snapshot!("html_views_bars", html(false, ViewOptions::default()));
}

#[test]
fn html_report_with_views_on_a_radar() {
    insta::assert_snapshot!("html_views_radar", html(true, ViewOptions::default()));
}

/// A tag of the page: its name (with a leading `/` when it closes) and its attributes.
struct Tag {
    name: String,
    attributes: BTreeMap<String, String>,
}

/// Every tag in `html`, in order. Enough for the report, whose text is escaped and whose
/// attribute values hold no `>`.
fn tags(html: &str) -> Vec<Tag> {
    let body = html.split("</style>").nth(1).expect("a style element");
    let mut out = Vec::new();
    for piece in body.split('<').skip(1) {
        let inside = piece.split('>').next().unwrap_or_default();
        let name: String = inside.chars().take_while(|c| !c.is_whitespace()).collect();
        let mut attributes = BTreeMap::new();
        let mut rest = &inside[name.len()..];
        while let Some(eq) = rest.find("=\"") {
            let key = rest[..eq].trim().rsplit(' ').next().unwrap_or_default();
            let after = &rest[eq + 2..];
            let end = after.find('"').expect("a closing quote");
            attributes.insert(key.to_string(), after[..end].to_string());
            rest = &after[end + 1..];
        }
        out.push(Tag {
            name: name.trim_end_matches('/').to_lowercase(),
            attributes,
        });
    }
    out
}

/// The HTML of the Views section.
fn views_section(html: &str) -> &str {
    let start = html
        .find("<section class=\"views\"")
        .expect("a Views section");
    let end = start + html[start..].find("</section>").expect("its end");
    &html[start..end]
}

#[test]
fn the_views_section_says_what_the_markdown_says() {
    let page = html(false, ViewOptions::default());
    let views = views_section(&page);
    for expected in [
        "<h2 id=\"r1-views\">Views</h2>",
        "<caption>Respondents by role</caption>",
        "<th scope=\"row\">Frontline staff</th><td class=\"num\">4</td>",
        "<th scope=\"row\">Everyone</th><td class=\"num\">8</td>",
        "7 responses combined (digest 9bf381a48fbdb4bff02a21afc12c3051e4ecff9660499366a96e94ffd00954dc).",
        "<h3>Flagged: where views differ</h3>",
        "<h3>Other questions asked of respondents</h3>",
        "<strong>Flagged:</strong> the lead's answer (Yes) differs from the median of Frontline staff (No)",
        "<td><ul class=\"counts\"><li>Yes: 1</li>\n<li>No: 3</li>\n</ul>\n</td><td>No</td><td>No</td><td class=\"num\">75%</td>",
        "<span class=\"muted\">Free text: comments are not included</span>",
        "<td>chosen by at least half: By phone</td>",
        "<td>between None and Consulted</td>",
        "<h3>Answers taken from a role</h3>",
        "The median of 4 answers",
        "<td>10 hours</td>",
        "The lead's answer scored it",
        "<h3 id=\"r1-spreads\">Principle scores by role</h3>",
        "<strong>66.7</strong> <span class=\"muted\">(44.4 to 88.9)</span><br><span class=\"muted\">4 respondents</span>",
        "<span class=\"muted\">not asked</span>",
    ] {
        assert!(views.contains(expected), "missing {expected:?} in\n{views}");
    }
    // The flagged questions come first, in interview order.
    let order: Vec<usize> = [
        "staff-consulted",
        "resident-say",
        "trust",
        "channels",
        "review-log",
        "hours-saved",
        "comments",
    ]
    .iter()
    .map(|id| {
        views
            .find(&format!("<code>{id}</code>: "))
            .unwrap_or_else(|| panic!("{id}"))
    })
    .collect();
    assert!(order.is_sorted(), "{order:?}");
    // The section comes before the answers, after the recommendations.
    let at = |s: &str| page.find(s).expect(s);
    assert!(at("r1-recs") < at("r1-views") && at("r1-views") < at("r1-answers"));
}

#[test]
fn the_chart_and_its_table_show_each_roles_median() {
    for radar in [false, true] {
        let page = html(radar, ViewOptions::default());
        let kind = if radar { "Radar" } else { "Bar" };
        assert!(
            page.contains(&format!(
                "{kind} chart of the score of each principle, out of 100, and each role's median score"
            )),
            "{page}"
        );
        assert!(page.contains("Median scores of Frontline staff: Voice 66.7; Care 50"));
        assert!(page.contains("Median scores of Residents: Voice 40; Care no score"));
        // An outline each on the radar, a bar each for every principle on the bar chart,
        // and a legend naming them.
        let each = if radar { 1 } else { 2 };
        assert_eq!(
            page.matches("<g class=\"outline\" data-series=\"0\"")
                .count(),
            each
        );
        assert_eq!(
            page.matches("<g class=\"outline\" data-series=\"1\"")
                .count(),
            each
        );
        assert!(page.contains("<ul class=\"chart-legend\">"));
        assert!(page.contains("Score in this report</li>"));
        assert!(page.contains("Frontline staff, median</li>"));
        assert!(page.contains("Residents, median</li>"));
        // Each role's outline has its own colour and dash pattern.
        assert!(page.contains("stroke=\"#b84200\" stroke-width=\"2.5\" stroke-dasharray=\"10 5\""));
        assert!(page.contains("stroke=\"#00755a\" stroke-width=\"2.5\" stroke-dasharray=\"1 5\""));
        // The table beside the chart has a column per role's median.
        assert!(page.contains("<th class=\"num\" scope=\"col\">Frontline staff, median</th>"));
        assert!(page.contains("<th class=\"num\" scope=\"col\">Residents, median</th>"));
        assert!(page.contains(
            "<th scope=\"row\">Care</th><td class=\"num\">62.5</td><td class=\"num\">3/4</td><td class=\"num\">1</td><td class=\"num\">50</td><td class=\"num\">not asked</td>"
        ), "{page}");
    }
    // On the radar, residents were asked about two principles of three: their outline is the
    // line between those two axes, not a closed shape.
    let page = html(true, ViewOptions::default());
    let residents = page
        .split("<g class=\"outline\" data-series=\"1\">")
        .nth(1)
        .expect("the residents' outline");
    let d = residents
        .split("d=\"")
        .nth(1)
        .and_then(|d| d.split('"').next())
        .expect("a path");
    assert_eq!(d.matches('M').count(), 1, "{d}");
    assert!(!d.contains('Z'), "{d}");
    let staff = page
        .split("<g class=\"outline\" data-series=\"0\">")
        .nth(1)
        .and_then(|s| s.split("d=\"").nth(1))
        .and_then(|d| d.split('"').next())
        .expect("the staff's outline");
    assert!(staff.ends_with('Z'), "staff have every score: {staff}");
}

/// Headings in order, every header cell scoped, ids unique and every id referred to present;
/// every table of the views and of the scores captioned or labelled.
#[test]
fn the_views_are_accessible_html() {
    for radar in [false, true] {
        let page = html(
            radar,
            ViewOptions {
                include_comments: true,
            },
        );
        let tags = tags(&page);
        let mut level = 1;
        for t in &tags {
            if let Some(n) = t
                .name
                .strip_prefix('h')
                .and_then(|n| n.parse::<usize>().ok())
            {
                assert!(n <= level + 1, "h{n} after h{level}");
                level = n;
            }
        }
        let mut ids = BTreeSet::new();
        for (i, t) in tags.iter().enumerate() {
            if let Some(id) = t.attributes.get("id") {
                assert!(ids.insert(id.clone()), "id {id} is used twice");
            }
            if t.name == "th" {
                assert!(t.attributes.contains_key("scope"), "a th without scope");
            }
            let ours = [
                "respondents",
                "views-table",
                "answer-from",
                "spreads",
                "principles",
            ];
            if t.name == "table"
                && t.attributes
                    .get("class")
                    .is_some_and(|c| ours.contains(&c.as_str()))
            {
                let labelled = t.attributes.contains_key("aria-labelledby")
                    || tags.get(i + 1).is_some_and(|next| next.name == "caption");
                assert!(labelled, "a table with neither caption nor label");
            }
        }
        for t in &tags {
            for key in ["aria-labelledby", "aria-describedby"] {
                if let Some(targets) = t.attributes.get(key) {
                    for target in targets.split(' ') {
                        assert!(ids.contains(target), "{key} names a missing id {target}");
                    }
                }
            }
        }
        let h4s = tags.iter().filter(|t| t.name == "h4").count();
        assert_eq!(h4s, if radar { 8 } else { 7 });
    }
}

/// Comments are shown only when asked for; no one is named, whatever is shown.
#[test]
fn comments_only_when_asked_for_and_no_one_named() {
    let page = html(false, ViewOptions::default());
    assert!(!page.contains("never told"));
    assert!(!page.contains("Comments from"));
    let page = html(
        false,
        ViewOptions {
            include_comments: true,
        },
    );
    let views = views_section(&page);
    assert!(
        views.contains("<p class=\"comments-from\">Comments from Residents:</p>\n<ul class=\"comments\"><li>I was never told</li>\n</ul>"),
        "{views}"
    );
    assert!(views.contains("<li>=HYPERLINK(&quot;x&quot;)</li>"));
    for personal in ["responses/", "staff-1", "residents-5", "what I saw"] {
        assert!(!views.contains(personal), "the views show {personal}");
    }
    for personal in ["responses/", "staff-1", "residents-5"] {
        assert!(!page.contains(personal), "the page shows {personal}");
    }
}

/// A page without views is the page it always was: no legend, no outlines, no views styles.
#[test]
fn without_views_nothing_changes() {
    let fw = framework(true);
    let plain = score(&fw, &lead(true));
    let with_none = score_with(&fw, &lead(true), None, &ViewOptions::default());
    let page = render(&fw, std::slice::from_ref(&plain), ReportFormat::Html);
    assert_eq!(
        page,
        render(&fw, std::slice::from_ref(&with_none), ReportFormat::Html)
    );
    for absent in ["chart-legend", "outline", "r1-views", "median", ".views"] {
        assert!(!page.contains(absent), "{absent}");
    }
    // Two reports on one page, one with views: the styles are there once, each article shows
    // only its own views.
    let (fw, with_views) = report_with(true, ViewOptions::default());
    let both = render(&fw, &[plain, with_views], ReportFormat::Html);
    assert_eq!(both.matches(".chart-legend {").count(), 1);
    assert!(!both.contains("id=\"r1-views\"") && both.contains("id=\"r2-views\""));
    assert_eq!(both.matches("<ul class=\"chart-legend\">").count(), 1);
}
