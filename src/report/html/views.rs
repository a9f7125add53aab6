//! The views of other respondents in the HTML report: a "Views" section with what the
//! Markdown report says (respondents by role, the questions asked of them, flagged ones first,
//! the answers taken from a role and the principle scores by role), and each role's median
//! principle scores for the chart and the table beside it. Counts and summaries only: no
//! respondent is named. Text goes through maud, so it is escaped like the rest of the page.

use maud::{Markup, html};

use crate::number::num;
use crate::report::text::sentence_case;
use crate::report::views::{
    agreement_words, lead_words, median_words, middle_half_words, question_sections,
    responses_words, spread_roles,
};
use crate::scoring::report::Report;
use crate::scoring::views::{AnswerSource, QuestionView, RoleSpread, Views};

/// One role's median score of each of the report's principles, for the chart and the table.
pub(super) struct RoleMedians {
    pub name: String,
    /// In the order of the report's principles; `None` when the role has no score.
    pub medians: Vec<Option<f64>>,
    /// The same in words: the median, "none" (asked, but no one in the role has a score) or
    /// "not asked".
    pub words: Vec<String>,
}

/// The median principle scores of every role with a spread, in framework order; empty without
/// views.
pub(super) fn role_medians(r: &Report) -> Vec<RoleMedians> {
    let Some(v) = &r.views else {
        return Vec::new();
    };
    spread_roles(v)
        .into_iter()
        .map(|(role, name)| {
            let spreads: Vec<Option<&RoleSpread>> = r
                .principles
                .iter()
                .map(|p| {
                    v.principles
                        .iter()
                        .find(|s| s.id == p.id)
                        .and_then(|s| s.roles.iter().find(|s| s.role == role))
                })
                .collect();
            RoleMedians {
                name,
                medians: spreads.iter().map(|s| s.and_then(|s| s.median)).collect(),
                words: spreads
                    .iter()
                    .map(|s| match s {
                        None => "not asked".to_string(),
                        Some(s) => s.median.map_or("none".to_string(), num),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The "Views" section of the article `id`.
pub(super) fn section(v: &Views, id: &str) -> Markup {
    let lead = v.lead_name();
    html! {
        section.views aria-labelledby=(format!("{id}-views")) {
            h2 id=(format!("{id}-views")) { "Views" }
            table.respondents {
                caption { "Respondents by role" }
                thead { tr { th scope="col" { "Role" } th.num scope="col" { "Respondents" } } }
                tbody {
                    @for role in &v.respondents.roles {
                        tr {
                            th scope="row" { (role.name) @if role.lead { span.muted { " (the lead)" } } }
                            td.num { (role.count) }
                        }
                    }
                }
                tfoot {
                    tr { th scope="row" { "Everyone" } td.num { (v.respondents.total) } }
                }
            }
            p.muted { (sentence_case(&responses_words(v))) "." }
            @for (s, (title, questions)) in question_sections(v).into_iter().enumerate() {
                h3 { (title) }
                @for (i, q) in questions.into_iter().enumerate() {
                    (question(q, lead, v.comments_included, &format!("{id}-v{}-{}", s + 1, i + 1)))
                }
            }
            @if !v.answer_from.is_empty() {
                h3 { "Answers taken from a role" }
                (answer_from(&v.answer_from))
            }
            (spreads(v, &format!("{id}-spreads")))
        }
    }
}

/// A question asked of respondents: why it is flagged, and the lead's answer above each role's.
fn question(q: &QuestionView, lead: &str, comments: bool, id: &str) -> Markup {
    html! {
        h4 id=(id) { code { (q.question) } ": " (q.prompt) }
        @match q.reasons.as_slice() {
            [] => {},
            [reason] => { p.flag { strong { "Flagged:" } " " (reason) } },
            reasons => {
                div.flag {
                    p { strong { "Flagged:" } }
                    ul { @for reason in reasons { li { (reason) } } }
                }
            },
        }
        table.views-table aria-labelledby=(id) {
            thead {
                tr {
                    th scope="col" { "Who" }
                    th.num scope="col" { "Answered" }
                    th scope="col" { "Answers" }
                    th scope="col" { "Median" }
                    th scope="col" { "Middle half" }
                    th.num scope="col" { "Agreement" }
                }
            }
            tbody {
                tr.lead-row {
                    th scope="row" { (lead) span.muted { " (the lead)" } }
                    td.num {}
                    td { (lead_words(q)) }
                    td {} td {} td.num {}
                }
                @for role in &q.roles {
                    tr {
                        th scope="row" { (role.name) }
                        td.num { (role.answered) }
                        td {
                            @if role.counts.is_empty() && role.answered > 0 {
                                span.muted { (free_text(comments)) }
                            } @else if !role.counts.is_empty() || role.not_known > 0 {
                                ul.counts {
                                    @for c in &role.counts { li { (c.label) ": " (c.count) } }
                                    @if role.not_known > 0 { li { "Not known: " (role.not_known) } }
                                }
                            }
                        }
                        td { (median_words(q, role)) }
                        td { (middle_half_words(role)) }
                        td.num { (agreement_words(role)) }
                    }
                }
            }
        }
        @for role in q.roles.iter().filter(|r| !r.comments.is_empty()) {
            p.comments-from { "Comments from " (role.name) ":" }
            ul.comments {
                @for comment in &role.comments {
                    li { (comment) }
                }
            }
        }
    }
}

/// What a free-text question's answers cell says instead of counts.
fn free_text(comments: bool) -> &'static str {
    if comments {
        "Free text: the comments follow"
    } else {
        "Free text: comments are not included"
    }
}

/// The questions that take their answer from a role: the answer that scored each, how it was
/// reached, and the lead's estimate.
fn answer_from(sources: &[AnswerSource]) -> Markup {
    html! {
        table.answer-from {
            caption.visually-hidden { "Answers taken from a role" }
            thead {
                tr {
                    th scope="col" { "Question" }
                    th scope="col" { "Taken from" }
                    th scope="col" { "Answer that scored it" }
                    th scope="col" { "The lead's estimate" }
                }
            }
            tbody {
                @for s in sources {
                    tr {
                        td { (s.prompt) br; code.muted { (s.question) } }
                        td { (s.role_name) br; span.muted { (s.respondents) " answered" } }
                        td {
                            (s.answer.as_ref().map_or("not answered", |g| g.answer.as_str()))
                            br; span.muted { (sentence_case(&s.how)) }
                        }
                        td {
                            @if s.used {
                                (s.lead_estimate.as_ref().map_or("none given", |g| g.answer.as_str()))
                            } @else {
                                span.muted { "The lead's answer scored it" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each principle's score beside each role's spread: median, lowest to highest, respondents.
/// With many roles the table scrolls sideways on a narrow screen; its frame can take the
/// keyboard's focus, so it can be scrolled without a mouse.
fn spreads(v: &Views, id: &str) -> Markup {
    let roles = spread_roles(v);
    html! {
        @if !roles.is_empty() {
            h3 id=(id) { "Principle scores by role" }
            p {
                "Each respondent's score of a principle, over the questions they answered that apply: "
                "the median (lowest to highest), and how many respondents have a score. "
                "The score is the principle's in this report."
            }
            div.wide role="region" aria-labelledby=(id) tabindex="0" {
                table.spreads {
                    caption.visually-hidden { "Principle scores by role" }
                    thead {
                        tr {
                            th scope="col" { "Principle" }
                            th.num scope="col" { "Score" }
                            @for (_, name) in &roles { th scope="col" { (name) } }
                        }
                    }
                    tbody {
                        @for p in &v.principles {
                            tr {
                                th scope="row" { (p.title) }
                                td.num { (p.score.map_or("n/a".to_string(), num)) }
                                @for (role, _) in &roles {
                                    td { (spread(p.roles.iter().find(|s| &s.role == role))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One role's spread of a principle's scores, in a table cell.
fn spread(s: Option<&RoleSpread>) -> Markup {
    html! {
        @match s {
            None => { span.muted { "not asked" } },
            Some(s) => {
                @match (s.low, s.median, s.high) {
                    (Some(low), Some(median), Some(high)) => {
                        strong { (num(median)) } " "
                        span.muted { "(" (num(low)) " to " (num(high)) ")" }
                        br;
                        span.muted {
                            (s.count)
                            @if s.count == 1 { " respondent" } @else { " respondents" }
                            @if s.approximate { ", approximate" }
                        }
                    },
                    _ => { span.muted { "none" } },
                }
            },
        }
    }
}

/// The styles of the views and the chart's series, added to the page only when a report has
/// views, so pages without them stay as they were.
pub(super) const CSS: &str = r#"
.respondents { width: auto; min-width: 20rem; margin-bottom: .75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
h4 code { font-size: .9em; }
.flag { margin: .4rem 0; }
.flag p, .flag ul { margin: 0; }
.flag ul { padding-left: 1.25rem; }
.views-table { table-layout: fixed; }
.views-table th:nth-child(1) { width: 18%; }
.views-table th:nth-child(2), .views-table th:nth-child(6) { width: 12%; }
.views-table th:nth-child(3) { width: 26%; }
.views-table th:nth-child(4), .views-table th:nth-child(5) { width: 16%; }
.views-table td, .views-table tbody th { overflow-wrap: anywhere; }
.views-table thead th { white-space: normal; }
.chart-and-table.with-views { grid-template-columns: minmax(0, 1fr); }
.with-views figure { max-width: 44rem; }
.with-views .wide { justify-self: start; max-width: 100%; }
.with-views .principles { width: auto; }
.with-views .principles thead th { white-space: normal; }
.lead-row th, .lead-row td { background: var(--soft); }
.counts { list-style: none; margin: 0; padding: 0; }
.counts li + li { margin-top: .15rem; }
.comments-from { margin: .6rem 0 .2rem; font-weight: 600; }
.comments li { white-space: pre-line; overflow-wrap: anywhere; }
.answer-from td:first-child { width: 34%; }
.wide { overflow-x: auto; }
.chart-legend { list-style: none; margin: .5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; font-size: .85rem; }
.chart-legend li { display: inline-flex; align-items: center; gap: .4rem; }
.chart-legend svg { flex: none; }
.chart .series-label { fill: var(--muted); font-size: 12px; }
.chart .series-score { font-size: 12px; font-weight: 700; }
.respondents caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
tfoot th, tfoot td { border-top: 2px solid var(--ink); border-bottom: none; }
@media (max-width: 48rem) {
  .views-table { table-layout: auto; }
}
@media print {
  .views { break-before: page; }
  h4, .flag { break-after: avoid; }
  .wide { overflow: visible; }
  .with-views figure { max-width: 165mm; }
  .lead-row th, .lead-row td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
