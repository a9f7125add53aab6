//! The register's own pages: the index (every assessment, sortable and filterable by a small
//! inline script, complete without it), the groups of similar systems and the figures across
//! the archive. Each page allows, by a Content Security Policy, only its own style and script
//! (by sha256), and nothing from anywhere else; links are relative, so the folder works from
//! a disk, a zip file or any static host.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{
    BY_KIND, BY_SERVICE, Entry, FIGURES, Figures, INDEX, KIND_QUESTION, NotLoaded, group_by,
};
use crate::framework::Framework;
use crate::number::num;
use crate::report::html::{CSS, band_class, csp_hash, head};
use crate::report::terminal::BandRank;

/// Sorting and filtering on the index page.
const SCRIPT: &str = include_str!("sort.js");

/// Styles of the register's pages, after the report's.
const REGISTER_CSS: &str = r#"
nav.site ul { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; list-style: none; margin: 0 0 1rem; padding: 0; }
a { color: var(--accent); }
.wide { overflow-x: auto; }
.register-table td, .register-table th { white-space: nowrap; }
.register-table td.wrap, .register-table th.wrap { white-space: normal; min-width: 12rem; }
th button { font: inherit; font-weight: 700; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer; text-align: left; text-decoration: underline; }
th[aria-sort="ascending"] button::after { content: " \2191"; }
th[aria-sort="descending"] button::after { content: " \2193"; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
.controls input { font: inherit; padding: .3rem .5rem; border: 1px solid var(--muted); border-radius: 3px; min-width: 18rem; }
.register-table .file { font-weight: 400; font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
.tag { display: inline-block; padding: 0 .35rem; border: 1px solid var(--middle); border-radius: 3px; color: var(--middle); font-size: .8rem; font-weight: 700; }
"#;

/// A whole register page: the shared stylesheet and, on the index, the script.
fn page(title: &str, body: Markup, script: Option<&str>) -> String {
    let style = format!("{CSS}{REGISTER_CSS}");
    let script_src = script.map_or("'none'".to_string(), csp_hash);
    let policy = format!(
        "default-src 'none'; style-src {}; script-src {script_src}; img-src 'none'; base-uri 'none'; form-action 'none'",
        csp_hash(&style)
    );
    let page = html! {
        (DOCTYPE)
        html lang="en-GB" {
            (head(html! { (title) }, &[&style], Some(&policy), "coopai"))
            body {
                main {
                    nav.site aria-label="Register" {
                        ul {
                            li { a href=(INDEX) { "All assessments" } }
                            li { a href=(BY_KIND) { "By kind of system" } }
                            li { a href=(BY_SERVICE) { "By service area" } }
                            li { a href=(FIGURES) { "Figures" } }
                        }
                    }
                    (body)
                }
                footer { p { "Made with coopai, the co-operative values assessment tool for council AI systems." } }
                @if let Some(script) = script { script { (PreEscaped(script)) } }
            }
        }
    };
    page.into_string() + "\n"
}

/// "Ready to proceed", coloured as the report colours the band, with a provisional marker.
fn outcome_cell(fw: &Framework, e: &Entry) -> Markup {
    let rank = if e.provisional {
        BandRank::Middle
    } else {
        BandRank::of(fw, &e.band)
    };
    html! {
        span.band-cell.(band_class(rank)) { (e.band_name) }
        @if e.provisional { " " span.tag { "provisional" } }
    }
}

fn score_cell(score: Option<f64>) -> Markup {
    html! {
        td.num data-sort=(score.map_or("-1".to_string(), num)) { (score.map_or("n/a".to_string(), num)) }
    }
}

/// A table of entries: the index's (with the date, the framework version answered against
/// and every principle score) or a group's, narrower.
fn entries_table(
    fw: &Framework,
    entries: &[&Entry],
    caption: &str,
    id: Option<&str>,
    full: bool,
) -> Markup {
    html! {
        div.wide role="region" aria-label=(caption) tabindex="0" {
            table.register-table id=[id] {
                caption.visually-hidden { (caption) }
                thead {
                    tr {
                        th.wrap scope="col" { "System" }
                        th scope="col" data-nosort { "Pages" }
                        th.wrap scope="col" { "Council" }
                        th.num scope="col" { "Impact level" }
                        th scope="col" { "Outcome" }
                        th.num scope="col" { "Score" }
                        th scope="col" { "Stage" }
                        @if full {
                            th scope="col" { "Date" }
                            th scope="col" { "Answered against" }
                            @for p in &fw.principles { th.num scope="col" { (p.title) } }
                        }
                    }
                }
                tbody {
                    @for e in entries {
                        tr {
                            th.wrap scope="row" { (e.system) br; span.file { (e.file) } }
                            td {
                                a href=(e.report_href()) { "Report" span.visually-hidden { ": " (e.system) } }
                                br;
                                a href=(e.case_study_href()) { "Case study" span.visually-hidden { ": " (e.system) } }
                            }
                            td.wrap { (e.council) }
                            td.num data-sort=(e.impact_level) { (e.impact_level) " " span.muted { (e.impact_name) } }
                            td data-sort=(fw.bands.iter().position(|b| b.id == e.band).unwrap_or(0)) { (outcome_cell(fw, e)) }
                            (score_cell(Some(e.score)))
                            td { (e.stage.map_or("", |s| s.words())) }
                            @if full {
                                td { (e.date) }
                                td { (e.answered_against) }
                                @for s in &e.principles { (score_cell(*s)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The index page: every assessment, then the files that did not load.
pub fn index(fw: &Framework, entries: &[Entry], not_loaded: &[NotLoaded]) -> String {
    let councils = entries
        .iter()
        .map(|e| e.council.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let all: Vec<&Entry> = entries.iter().collect();
    let body = html! {
        h1 { "Register of AI assessments" }
        p {
            (entries.len()) " assessments from " (councils) " councils, each scored against "
            (fw.title) " " (fw.version) ". “Answered against” is the framework version each answers file records; "
            a href=(FIGURES) { "the figures" } " compare only assessments scored against the same framework."
        }
        p { "Assessors' names and evidence marked private are not published." }
        div.controls id="controls" hidden {
            label for="filter" { "Filter the assessments" }
            input id="filter" type="search" autocomplete="off";
            p id="shown" role="status" aria-live="polite" {}
        }
        (entries_table(fw, &all, "Every assessment, with its principle scores", Some("register"), true))
        @if !not_loaded.is_empty() {
            h2 { "Not loaded" }
            p { "These files could not be loaded, so they are not in the register:" }
            ul {
                @for n in not_loaded { li { code { (n.file) } ": " (n.reason) } }
            }
        }
    };
    page("Register of AI assessments", body, Some(SCRIPT))
}

/// A page of groups: who else assessed a similar system.
fn groups_page(
    fw: &Framework,
    title: &str,
    intro: Markup,
    groups: Vec<(Option<String>, Vec<&Entry>)>,
    unnamed: &str,
) -> String {
    let body = html! {
        h1 { (title) }
        (intro)
        @for (i, (name, list)) in groups.iter().enumerate() {
            section aria-labelledby=(format!("g{i}")) {
                h2 id=(format!("g{i}")) { (name.as_deref().unwrap_or(unnamed)) " (" (list.len()) ")" }
                (entries_table(fw, list, name.as_deref().unwrap_or(unnamed), None, false))
            }
        }
    };
    page(title, body, None)
}

/// Assessments grouped by the kind of system (the `system-type` answer).
pub fn by_kind(fw: &Framework, entries: &[Entry]) -> String {
    let intro = match fw.question(KIND_QUESTION) {
        Some(q) => {
            html! { p { "Grouped by the answer to “" (q.prompt) "”, so a council can find who else assessed a similar system." } }
        }
        None => {
            html! { p { "The framework (" (fw.id) " " (fw.version) ") has no question " code { (KIND_QUESTION) } ", so systems cannot be grouped by kind." } }
        }
    };
    groups_page(
        fw,
        "Assessments by kind of system",
        intro,
        group_by(entries, |e| e.kind.as_deref()),
        "Kind not recorded",
    )
}

/// Assessments grouped by service area (`service` in the answers file).
pub fn by_service(fw: &Framework, entries: &[Entry]) -> String {
    let intro = html! { p { "Grouped by the service area each answers file records (" code { "service" } " in its " code { "[assessment]" } " table)." } };
    groups_page(
        fw,
        "Assessments by service area",
        intro,
        group_by(entries, |e| Some(e.service.as_str())),
        "Service area not recorded",
    )
}

/// Figures across the archive.
pub fn figures(fw: &Framework, f: &Figures, count: usize) -> String {
    let body = html! {
        h1 { "Figures across the register" }
        p {
            "Over the " (count) " assessments, all scored against " (fw.title) " " (fw.version) " (" (fw.id) "), so their figures compare."
            @if f.other_versions > 0 {
                " " (f.other_versions) " of them record another framework version; their answers were read through that version's mapping to this one."
            }
        }
        section aria-labelledby="outcomes" {
        h2 id="outcomes" { "Outcomes" }
        table {
            thead { tr { th scope="col" { "Band" } th.num scope="col" { "Assessments" } th.num scope="col" { "Of them provisional" } th.num scope="col" { "Councils" } } }
            tbody {
                @for b in &f.bands {
                    tr { th scope="row" { (b.name) } td.num { (b.assessments) } td.num { (b.provisional) } td.num { (b.councils) } }
                }
            }
        }
        }
        section aria-labelledby="below" {
        h2 id="below" { "Principles most often below threshold" }
        p { "A principle is below threshold when its score is under the overall score the second-best band (" (fw.bands.get(1).or(fw.bands.first()).map_or("", |b| b.name.as_str())) ") needs at the assessment's impact level. Most often below first." }
        table {
            thead { tr { th scope="col" { "Principle" } th.num scope="col" { "Assessments with a score" } th.num scope="col" { "Below threshold" } th.num scope="col" { "Median score" } } }
            tbody {
                @for p in &f.principles {
                    tr {
                        th scope="row" { (p.title) }
                        td.num { (p.scored) }
                        td.num { (p.below) }
                        td.num { (p.median.map_or("n/a".to_string(), num)) }
                    }
                }
            }
        }
        }
    };
    page("Figures across the register", body, None)
}
