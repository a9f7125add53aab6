//! The HTML report: one self-contained page (inline CSS and SVG, no scripts, fonts or
//! network requests) to read on screen, share by email or print to PDF from a browser.
//! maud escapes every piece of text it interpolates, so answers, evidence and framework
//! text can never become markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::chart::{self, Axis, Series};
use super::terminal::BandRank;
use super::text::{
    Provisional, answered_words, gap_mark, gap_sections, impact_summary, provisional_parts, range,
    recommendation_mark, red_line_words, safeguard_words, sentence_case,
};
use crate::framework::Framework;
use crate::number::num;
use crate::scoring::report::{AnswerLine, Report};
use views::role_medians;

mod views;

/// Renders one page with one article per report.
pub fn render(fw: &Framework, reports: &[Report]) -> String {
    let title = match reports {
        [one] => format!("AI assessment: {}", one.assessment.system),
        many => format!("AI assessments ({})", many.len()),
    };
    let body = html! {
        @for (i, r) in reports.iter().enumerate() {
            (article(fw, r, &format!("r{}", i + 1)))
        }
    };
    // The views' styles only on pages that show views, so other pages stay as they were.
    let extra = if reports.iter().any(|r| r.views.is_some()) {
        views::CSS
    } else {
        ""
    };
    page(&title, body, extra)
}

/// A whole page around `body`, with the shared stylesheet. Used by the report and `compare`.
pub fn document(title: &str, body: Markup) -> String {
    page(title, body, "")
}

/// "'sha256-...'", as a Content-Security-Policy names an inline script or stylesheet it
/// allows: how the pages with a script (the form, the register) allow only their own.
pub fn csp_hash(text: &str) -> String {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A whole page around `body`, with the shared stylesheet and `extra` styles after it. Used
/// by the report, its views and the draft transparency record.
pub fn page(title: &str, body: Markup, extra: &str) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en-GB" {
            (head(html! { (title) }, &[CSS, extra], None, "coopai"))
            body {
                main { (body) }
                footer {
                    p { "Made with coopai, the co-operative values assessment tool for council AI systems." }
                }
            }
        }
    };
    with_line_breaks(&page.into_string())
}

/// The `<head>` of every page coopai writes: UTF-8, a viewport for phones, the generator, the
/// title and the inline stylesheet (`styles`, one after another); with `policy`, a
/// Content-Security-Policy first, for pages that carry a script.
pub fn head(title: Markup, styles: &[&str], policy: Option<&str>, generator: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            @if let Some(policy) = policy {
                meta http-equiv="Content-Security-Policy" content=(policy);
            }
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content=(generator);
            title { (title) }
            style { @for style in styles { (PreEscaped(style)) } }
        }
    }
}

/// Tags after which a line break is only whitespace between elements.
fn ends_a_line(tag: &str) -> bool {
    matches!(
        tag,
        "</head>"
            | "</style>"
            | "<main>"
            | "</main>"
            | "</footer>"
            | "</header>"
            | "</article>"
            | "</section>"
            | "</figure>"
            | "</figcaption>"
            | "</h1>"
            | "</h2>"
            | "</h3>"
            | "</h4>"
            | "</p>"
            | "</div>"
            | "</dl>"
            | "</ul>"
            | "</ol>"
            | "</li>"
            | "</table>"
            | "</thead>"
            | "</tfoot>"
            | "</tr>"
            | "</g>"
            | "</text>"
            | "</desc>"
    )
}

/// maud writes the page on one line; a line break after block-level closing tags keeps the
/// source (and its snapshots) readable. Text never holds these tags: it is escaped.
/// One pass over the page, looking at each `<` only (found with SIMD by memchr: std's search
/// was 4% of a register's instructions), and at the tag only up to its `>`: a register of
/// 1,000 pages spent half its time in a pass a tag.
fn with_line_breaks(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 32);
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', page.as_bytes()) {
        let rest = &page.as_bytes()[at..];
        // The longest tag, `</figcaption>`, is 13 bytes.
        let Some(len) = rest.iter().take(13).position(|&b| b == b'>') else {
            continue;
        };
        let end = at + len + 1;
        if ends_a_line(&page[at..end]) {
            out.push_str(&page[copied..end]);
            out.push('\n');
            copied = end;
        }
    }
    out.push_str(&page[copied..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn article(fw: &Framework, r: &Report, id: &str) -> Markup {
    // A provisional outcome is no band yet: it takes the middle colour, not a band's.
    let rank = if r.overall.provisional {
        BandRank::Middle
    } else {
        BandRank::of(fw, &r.overall.band)
    };
    // A provisional outcome whose band is already certain is described by that band.
    let band = match r.overall.bands_possible.as_slice() {
        [certain] if r.overall.provisional => &certain.id,
        _ => &r.overall.band,
    };
    let band_description = fw
        .bands
        .iter()
        .find(|b| &b.id == band)
        .map(|b| b.description.as_str());
    let a = &r.assessment;
    let details: Vec<(&str, String)> = [
        ("Council", a.council.clone()),
        ("Description", a.description.clone()),
        ("Assessor", a.assessor.clone()),
        ("Date", a.date.clone()),
        ("Status", a.status.clone()),
        (
            "Lifecycle stage",
            a.stage.map_or(String::new(), |s| s.words().to_string()),
        ),
        (
            "Framework",
            format!(
                "{} {} ({})",
                r.framework.title, r.framework.version, r.framework.id
            ),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let axes: Vec<Axis<'_>> = r
        .principles
        .iter()
        .map(|p| Axis {
            label: &p.title,
            score: p.score,
        })
        .collect();
    let unscored = r.principles.iter().filter(|p| p.score.is_none()).count();
    let roles = role_medians(r);
    let series: Vec<Series<'_>> = roles
        .iter()
        .map(|m| Series {
            name: &m.name,
            scores: m.medians.clone(),
        })
        .collect();
    html! {
        article.report aria-labelledby=(format!("{id}-h")) {
            header {
                p.kicker { "Co-operative values assessment of an AI system" }
                h1 id=(format!("{id}-h")) { (a.system) }
                dl.details {
                    @for (label, value) in &details {
                        div { dt { (label) } dd { (value) } }
                    }
                }
            }
            section.outcome.(band_class(rank)) aria-labelledby=(format!("{id}-outcome")) {
                h2 id=(format!("{id}-outcome")) { "Outcome" }
                div.headline {
                    div.tile.band {
                        @if let Some(Provisional::Between(span, missing)) = provisional_parts(r) {
                            p.tile-label { "Provisional outcome" }
                            p.tile-value { (band_icon(rank)) " " (sentence_case(&span)) }
                            p.tile-note { (sentence_case(&missing)) ". Not final: the band can change until they are answered." }
                        } @else if let Some(Provisional::Certain(band, missing)) = provisional_parts(r) {
                            p.tile-label { "Provisional outcome, band already certain" }
                            p.tile-value { (band_icon(rank)) " " (band) }
                            p.tile-note { (sentence_case(&missing)) "." }
                            @if let Some(text) = band_description.filter(|t| !t.is_empty()) {
                                p.tile-note { (text) }
                            }
                        } @else {
                            p.tile-label { "Band" }
                            p.tile-value { (band_icon(rank)) " " (r.overall.band_name) }
                            @if let Some(text) = band_description.filter(|t| !t.is_empty()) {
                                p.tile-note { (text) }
                            }
                        }
                    }
                    div.tile {
                        p.tile-label { "Overall score" }
                        p.tile-value { (num(r.overall.score)) span.unit { " of 100" } }
                        @if r.overall.provisional {
                            p.tile-note { "So far; " (range(r.overall.range.low, r.overall.range.high, true, "")) " once every question is answered" }
                        }
                    }
                    div.tile {
                        p.tile-label { "Impact level" }
                        p.tile-value { (r.impact.level) " " span.unit { (r.impact.name) } }
                        @if r.impact.precautionary {
                            p.tile-note { "Precautionary until the risk questions are answered" }
                        }
                    }
                }
                dl.facts {
                    div { dt { "Impact level" } dd { (impact_summary(r)) } }
                    @if let Some(words) = safeguard_words(r) {
                        div { dt { "Safeguards" } dd { (words) } }
                    }
                    div { dt { "Answered" } dd { (answered_words(r)) } }
                    div {
                        dt { "Red lines" }
                        dd {
                            @if r.red_lines.is_empty() { (red_line_words(r)) }
                            @else { strong { (red_line_words(r)) } }
                        }
                    }
                }
            }
            section.scores aria-labelledby=(format!("{id}-scores")) {
                h2 id=(format!("{id}-scores")) { "Scores by principle" }
                div.chart-and-table.with-views[!series.is_empty()] {
                    figure {
                        (chart::chart(&format!("{id}-chart"), &axes, &series))
                        @if !series.is_empty() {
                            (chart::legend(&series))
                        }
                        figcaption {
                            @if series.is_empty() {
                                "Each principle's score out of 100; the table gives the same numbers."
                            } @else {
                                "Each principle's score out of 100 in this report, and the median of each role's respondents' scores (a median is left out where no one in the role has a score); the table gives the same numbers."
                            }
                            @if unscored > 0 {
                                " Principles with no question that applies are drawn at 0 and marked n/a."
                            }
                        }
                    }
                    @if roles.is_empty() {
                        (principles_table(r, &roles))
                    } @else {
                        // Many roles make the table wide: on a narrow screen it scrolls
                        // sideways in a frame that takes the keyboard's focus.
                        div.wide role="region" aria-label="Table of scores by principle" tabindex="0" {
                            (principles_table(r, &roles))
                        }
                    }
                }
            }
            section.red-lines aria-labelledby=(format!("{id}-red")) {
                h2 id=(format!("{id}-red")) { "Red lines" }
                @if r.red_lines.is_empty() {
                    p { "No red line is crossed." }
                } @else {
                    p { "A red line blocks the system whatever its score. Crossed:" }
                    ul.red-line-list {
                        @for hit in &r.red_lines {
                            li { strong { (hit.title) } " (question " code { (hit.question) } ", answer " code { (hit.option) } ")" }
                        }
                    }
                }
            }
            section.recommendations aria-labelledby=(format!("{id}-recs")) {
                h2 id=(format!("{id}-recs")) { "Recommendations" }
                @if r.recommendations.is_empty() {
                    p { "None: no answer loses points that a recommendation could recover." }
                } @else {
                    p { "Ranked by the points the overall score would gain." }
                    ol.recommendation-list {
                        @for rec in &r.recommendations {
                            li {
                                span.gain { "+" (num(rec.gain)) } " "
                                @if !recommendation_mark(rec).is_empty() { strong { (sentence_case(recommendation_mark(rec))) } }
                                (rec.text) " "
                                span.muted { "(" (r.principle_title(rec.principle.as_deref())) ", question " code { (rec.question) } ")" }
                            }
                        }
                    }
                }
                @for (title, gaps) in gap_sections(r) {
                    h3 { (title) }
                    ul {
                        @for u in gaps {
                            li { code { (u.question) } (gap_mark(u)) ": " (u.prompt) }
                        }
                    }
                }
            }
            @if let Some(v) = &r.views {
                (views::section(v, id))
            }
            section.answers aria-labelledby=(format!("{id}-answers")) {
                h2 id=(format!("{id}-answers")) { "Answers and evidence" }
                @for (principle, lines) in groups(&r.answers) {
                    h3 { (r.principle_title(principle)) }
                    table.answer-table {
                        thead { tr { th scope="col" { "Question" } th scope="col" { "Answer" } th.num scope="col" { "Points" } th scope="col" { "Evidence" } } }
                        tbody {
                            @for line in lines {
                                tr.not-applicable[!line.applies] {
                                    td { (line.prompt) br; code.muted { (line.question) } }
                                    td { @if line.answer.is_empty() { span.muted { "not answered" } } @else { (line.answer) } }
                                    td.num { (points(line)) }
                                    td.evidence { @if line.private { strong { "(private) " } } (line.evidence) }
                                }
                            }
                        }
                    }
                }
                p.hashes {
                    "Framework sha256 " code { (r.framework.sha256) } br;
                    @if !r.assessment.sha256.is_empty() { "Answers sha256 " code { (r.assessment.sha256) } }
                }
            }
        }
    }
}

/// The scores by principle in a table, with a column for each role's median when the report
/// has views.
fn principles_table(r: &Report, roles: &[views::RoleMedians]) -> Markup {
    html! {
        table.principles {
            caption.visually-hidden { "Scores by principle" }
            thead { tr { th scope="col" { "Principle" } th.num scope="col" { "Score" } th.num scope="col" { "Answered" } th.num scope="col" { "Weight" } @for m in roles { th.num scope="col" { (m.name) ", median" } } } }
            tbody {
                @for (i, p) in r.principles.iter().enumerate() {
                    tr {
                        th scope="row" { (p.title) }
                        td.num { (p.score.map_or("n/a".to_string(), num)) }
                        td.num { (p.answered) "/" (p.applicable) }
                        td.num { (num(p.weight)) }
                        @for m in roles { td.num { (m.words[i]) } }
                    }
                }
            }
        }
    }
}

/// Answer lines grouped by principle, keeping their order (impact profile first).
fn groups(lines: &[AnswerLine]) -> Vec<(Option<&str>, Vec<&AnswerLine>)> {
    let mut out: Vec<(Option<&str>, Vec<&AnswerLine>)> = Vec::new();
    for line in lines {
        let key = line.principle.as_deref();
        match out.last_mut() {
            Some((k, group)) if *k == key => group.push(line),
            _ => out.push((key, vec![line])),
        }
    }
    out
}

fn points(line: &AnswerLine) -> String {
    match (line.points, line.applies) {
        (_, false) => "not applicable".to_string(),
        (_, true) if line.max_points == 0.0 => "not scored".to_string(),
        (Some(p), true) => format!("{} of {}", num(p), num(line.max_points)),
        (None, true) => format!("0 of {}", num(line.max_points)),
    }
}

pub(crate) fn band_class(rank: BandRank) -> &'static str {
    match rank {
        BandRank::Best => "band-best",
        BandRank::Middle => "band-middle",
        BandRank::Lowest => "band-lowest",
    }
}

/// A small icon beside the band's name; the name carries the meaning, the icon and colour
/// only repeat it.
pub(crate) fn band_icon(rank: BandRank) -> Markup {
    let path = match rank {
        BandRank::Best => "M6 12.5l4 4 8-9",
        BandRank::Middle => "M12 6.5v7M12 16.5v1",
        BandRank::Lowest => "M7.5 7.5l9 9M16.5 7.5l-9 9",
    };
    html! {
        svg.icon xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" {
            circle cx="12" cy="12" r="11" {}
            path d=(path) {}
        }
    }
}

/// The stylesheet: readable on screen, A4 when printed, colours with WCAG AA contrast.
pub(crate) const CSS: &str = r#"
:root { --ink: #1b1b1b; --muted: #4d4d4d; --rule: #c9c9c9; --accent: #0b4f6c; --paper: #ffffff; --soft: #f4f6f8;
  --best: #1d6b32; --best-bg: #e4f2e7; --middle: #8a4f00; --middle-bg: #fcf0d2; --lowest: #a4161a; --lowest-bg: #fbe4e4; }
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.5rem 0; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; color: var(--muted); font-size: .875rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .2rem 0 1rem; color: var(--accent); }
h2 { font-size: 1.4rem; margin: 0 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
section { margin: 2rem 0; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; font-weight: 600; color: var(--muted); }
.muted { color: var(--muted); }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .85em; }
.details { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .5rem 1.5rem; margin: 0; }
.details div, .facts div { break-inside: avoid; }
dt { font-weight: 600; font-size: .85rem; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.outcome { border-left: 8px solid var(--band); background: var(--band-bg); padding: 1rem 1.25rem; border-radius: 4px; }
.outcome h2 { border-bottom-color: var(--band); }
.band-best { --band: var(--best); --band-bg: var(--best-bg); }
.band-middle { --band: var(--middle); --band-bg: var(--middle-bg); }
.band-lowest { --band: var(--lowest); --band-bg: var(--lowest-bg); }
.headline { display: grid; grid-template-columns: 2fr 1fr 1fr; gap: 1rem; margin-bottom: 1rem; }
.tile { background: var(--paper); border: 1px solid var(--rule); border-radius: 4px; padding: .6rem .9rem; }
.tile p { margin: 0; }
.tile-label { font-size: .85rem; font-weight: 600; color: var(--muted); }
.tile-value { font-size: 1.6rem; font-weight: 700; line-height: 1.3; }
.tile.band .tile-value { color: var(--band); display: flex; align-items: center; gap: .4rem; }
.tile-note { font-size: .9rem; }
.unit { font-size: 1rem; font-weight: 600; color: var(--muted); }
.icon { flex: none; }
.icon circle { fill: var(--band); }
.icon path { fill: none; stroke: #ffffff; stroke-width: 2.6; stroke-linecap: round; stroke-linejoin: round; }
.facts { display: grid; gap: .4rem; margin: 0; }
.facts div { display: grid; grid-template-columns: 9rem 1fr; gap: 1rem; }
.chart-and-table { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
figure { margin: 0; }
figcaption { font-size: .85rem; color: var(--muted); margin-top: .25rem; }
.chart { width: 100%; height: auto; display: block; font-size: 13px; font-family: inherit; }
.chart .grid polygon, .chart .grid line { fill: none; stroke: #8c8c8c; stroke-width: 1; }
.chart .grid polygon:last-child { stroke: #5c5c5c; }
.chart .grid-labels text { fill: #555555; font-size: 11px; }
.chart .shape { fill: #1f5fa8; fill-opacity: .22; stroke: #1f5fa8; stroke-width: 2.5; stroke-linejoin: round; }
.chart .point { fill: #1f5fa8; }
.chart .point.unscored { fill: #ffffff; stroke: #a4161a; stroke-width: 2; }
.chart .labels text, .chart .bar-label { fill: var(--ink); }
.chart .score { font-weight: 700; fill: #1f5fa8; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: .85rem; }
.num { text-align: right; white-space: nowrap; }
tbody th { font-weight: 600; }
tr { break-inside: avoid; }
.answer-table td:first-child { width: 34%; }
.answer-table td:nth-child(2) { width: 22%; }
.evidence { overflow-wrap: anywhere; white-space: pre-line; }
tr.not-applicable td { color: var(--muted); }
.red-line-list li { color: var(--lowest); }
.red-line-list li strong { color: var(--ink); }
.recommendation-list li { margin: .35rem 0; break-inside: avoid; }
.gain { display: inline-block; min-width: 3.2rem; font-weight: 700; color: var(--accent); }
.hashes { margin-top: 1.5rem; font-size: .8rem; color: var(--muted); overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.best-mark, .worst-mark { display: inline-block; margin-left: .3rem; padding: 0 .35rem; border-radius: 3px; font-size: .75rem; font-weight: 700; }
.best-mark { background: var(--best-bg); color: var(--best); border: 1px solid var(--best); }
.worst-mark { background: var(--lowest-bg); color: var(--lowest); border: 1px solid var(--lowest); }
.flag { background: var(--middle-bg); border-left: 6px solid var(--middle); padding: .5rem .9rem; }
.comparison th, .comparison td { min-width: 9rem; }
.band-cell { display: inline-flex; align-items: center; gap: .35rem; font-weight: 700; color: var(--band); }
.band-cell .icon { width: 20px; height: 20px; }
@media (max-width: 48rem) {
  .headline, .chart-and-table { grid-template-columns: 1fr; }
  .facts div { grid-template-columns: 1fr; gap: 0; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  main, footer { max-width: none; padding: 0; }
  .report + .report { break-before: page; }
  .scores, .answers { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, li, figure, .tile, .outcome { break-inside: avoid; }
  thead { display: table-header-group; }
  .headline { grid-template-columns: 2fr 1fr 1fr; }
  .facts div { grid-template-columns: 9rem 1fr; gap: 1rem; }
  .chart-and-table { grid-template-columns: 1fr; }
  figure { width: 100%; max-width: 165mm; margin: 0 auto; }
  .red-lines { break-inside: avoid; }
  .recommendations > p { break-after: avoid; }
  .outcome, .tile, .best-mark, .worst-mark, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
