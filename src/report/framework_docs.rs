//! `coopai framework docs`: the framework published as a guidance document, written from the
//! same validated [`Framework`] the checker and the scorer use, so the two cannot drift.
//! Markdown for repositories and wikis, HTML (maud, escaped) for a standalone page.

use std::fmt::Write as _;

use clap::ValueEnum;
use maud::{DOCTYPE, Markup, html};

use super::text::{band_ranges, impact_rule_words, level_ranges};
use crate::framework::{
    Category, Choice, Framework, ImpactRole, Principle, Question, QuestionKind, RedLine,
};
use crate::markdown_escape::{md, md_code};
use crate::number::num;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    /// Markdown, for a repository or a wiki
    Md,
    /// A standalone HTML page
    Html,
}

/// The command that regenerates the committed docs/framework.md.
pub const REGENERATE: &str = "cargo run -- framework docs -o docs/framework.md --force";

/// Sections of the document in order: the impact profile (when there is one), then each
/// principle with its questions.
struct Section<'a> {
    title: String,
    principle: Option<&'a Principle>,
    questions: Vec<&'a Question>,
}

fn sections(fw: &Framework) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let profile: Vec<&Question> = fw.profile_questions().collect();
    if !profile.is_empty() {
        out.push(Section {
            title: "Impact profile".to_string(),
            principle: None,
            questions: profile,
        });
    }
    for p in &fw.principles {
        out.push(Section {
            title: format!("Principle: {}", p.title),
            principle: Some(p),
            questions: fw.questions_of(&p.id).collect(),
        });
    }
    out
}

/// How a question is answered, in words.
fn kind_words(q: &Question) -> String {
    match q.kind {
        QuestionKind::Single => "choose one option".to_string(),
        QuestionKind::Multiple => "choose any of the options; their points add up".to_string(),
        QuestionKind::YesNo => "yes or no".to_string(),
        QuestionKind::Scale => q.scale.as_ref().map_or_else(String::new, |s| {
            format!(
                "a whole number from {}; {} earns {} points, in proportion between",
                s.range_words(),
                s.max,
                num(s.points)
            )
        }),
        QuestionKind::Number => {
            let unit = q
                .number
                .as_ref()
                .and_then(|n| n.unit.clone())
                .map(|u| format!(" of {u}"))
                .unwrap_or_default();
            format!("a number{unit}")
        }
        QuestionKind::Text => "free text, not scored".to_string(),
    }
}

/// Facts about a question shown under its prompt, each a short line.
fn facts(q: &Question) -> Vec<String> {
    let mut out = vec![format!("Answer: {}.", kind_words(q))];
    match (q.impact, &q.principle) {
        (Some(ImpactRole::Risk), _) => {
            out.push("Adds to the raw impact score; not scored against a principle.".to_string())
        }
        (Some(ImpactRole::Mitigation), _) => {
            out.push("Counts towards the mitigation rule of the impact profile.".to_string())
        }
        _ => {}
    }
    if q.principle.is_some() && q.kind != QuestionKind::Text {
        out.push(format!(
            "Weight {} within its principle; up to {} points.",
            num(q.weight),
            num(q.max_points())
        ));
    }
    if q.bonus {
        out.push(
            "Bonus: its points count only as earned, so it can raise a score but never lower it."
                .to_string(),
        );
    }
    if let Some(area) = &q.area {
        out.push(format!("Area: {area}."));
    }
    if q.category == Category::Safeguard {
        out.push(
            "Safeguard: its recommendations secure a legal or safety requirement.".to_string(),
        );
    }
    out.push(if q.required {
        "Required.".to_string()
    } else {
        "Optional.".to_string()
    });
    match &q.when {
        Some(when) => out.push(format!("Asked only when {when}.")),
        None => out.push("Always asked.".to_string()),
    }
    out
}

/// The "red line" cell for an option, in words.
fn red_line_words(o: &Choice) -> String {
    o.red_line.as_ref().map_or(String::new(), RedLine::words)
}

/// An option's recommendation, marked with the option's category where it is not the
/// question's: "(safeguard) Carry out a DPIA."
fn option_recommendation_words(q: &Question, o: &Choice) -> String {
    let text = o.recommendation.as_deref().unwrap_or("");
    match o.category.filter(|c| *c != q.category && !text.is_empty()) {
        Some(c) => format!("({}) {text}", c.name()),
        None => text.to_string(),
    }
}

/// An option's points, and the impact level it sets as a floor when it does.
fn option_points_words(q: &Question, o: &Choice) -> String {
    let points = points_words(q, o.points);
    match o.min_impact_level {
        Some(level) => format!("{points}, impact level at least {level}"),
        None => points,
    }
}

fn points_words(q: &Question, points: f64) -> String {
    if q.impact == Some(ImpactRole::Risk) {
        format!("{} risk", num(points))
    } else {
        num(points)
    }
}

fn mitigation_words(fw: &Framework) -> Option<String> {
    fw.impact.mitigation.map(|m| {
        format!(
            "Mitigation: once the answers to the mitigation questions earn {}% of their points, the raw impact score is reduced by {}%.",
            num(m.threshold),
            num(m.reduction)
        )
    })
}

const HOW_SCORING_WORKS: [&str; 4] = [
    "Each principle is scored from 0 to 100: the points earned on its questions that apply, each multiplied by the question's weight, as a share of the points available.",
    "The overall score is the average of the principle scores, weighted by the principles' weights. Principles with no question that applies are left out.",
    "The impact profile questions give the system an impact level. The higher the level, the higher the overall score each outcome band needs.",
    "A red line blocks the assessment: whatever the score, the outcome is the lowest band.",
];

/// The framework as a Markdown guidance document.
pub fn markdown(fw: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", md(&fw.title), fw.version);
    let _ = writeln!(
        out,
        "<!-- Generated by `coopai framework docs` from framework `{}` {} (sha256 {}). Do not edit by hand: regenerate with `{REGENERATE}`. -->\n",
        fw.id, fw.version, fw.sha256
    );
    if !fw.summary.is_empty() {
        let _ = writeln!(out, "{}\n", md(&fw.summary));
    }
    if !fw.provenance.is_empty() {
        let _ = writeln!(out, "*Provenance:* {}\n", md(&fw.provenance));
    }
    let _ = writeln!(
        out,
        "Framework id `{}`, version {}, sha256 `{}`.\n",
        fw.id, fw.version, fw.sha256
    );

    let _ = writeln!(out, "## How scoring works\n");
    for line in HOW_SCORING_WORKS {
        let _ = writeln!(out, "- {line}");
    }

    let _ = writeln!(
        out,
        "\n## Principles\n\n| Principle | CCIN principle | ICA values | Weight | Questions |\n|---|---|---|---:|---:|"
    );
    for p in &fw.principles {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&p.title),
            md(&p.ccin_principle),
            md(&p.ica_values.join(", ")),
            num(p.weight),
            fw.questions_of(&p.id).count()
        );
    }

    for section in sections(fw) {
        let _ = writeln!(out, "\n## {}\n", md(&section.title));
        match section.principle {
            Some(p) => {
                if !p.summary.is_empty() {
                    let _ = writeln!(out, "{}\n", md(&p.summary));
                }
                let _ = writeln!(out, "- CCIN principle: {}", md(&p.ccin_principle));
                let _ = writeln!(out, "- ICA values: {}", md(&p.ica_values.join(", ")));
                let _ = writeln!(out, "- Weight: {}\n", num(p.weight));
            }
            None => {
                let _ = writeln!(
                    out,
                    "These questions set the impact level (see [Impact levels](#impact-levels)); they are not scored against a principle.\n"
                );
            }
        }
        for q in section.questions {
            let _ = writeln!(out, "### `{}`: {}\n", q.id, md(&q.prompt));
            for fact in facts(q) {
                let _ = writeln!(out, "- {}", md_code(&fact));
            }
            out.push('\n');
            if !q.help.is_empty() {
                let _ = writeln!(out, "{}\n", md(&q.help));
            }
            if !q.options.is_empty() {
                let _ = writeln!(
                    out,
                    "| Option | Answer | Points | Recommendation | Red line |\n|---|---|---:|---|---|"
                );
                for o in &q.options {
                    let points = option_points_words(q, o);
                    let _ = writeln!(
                        out,
                        "| `{}` | {} | {points} | {} | {} |",
                        o.id,
                        md(&o.label),
                        md(&option_recommendation_words(q, o)),
                        md_code(&red_line_words(o))
                    );
                }
                out.push('\n');
            }
            if let Some(spec) = &q.number {
                let _ = writeln!(
                    out,
                    "| Answer at least | Meaning | Points | Recommendation |\n|---:|---|---:|---|"
                );
                for r in &spec.ranges {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} |",
                        num(r.at_least),
                        md(r.label.as_deref().unwrap_or("")),
                        points_words(q, r.points),
                        md(r.recommendation.as_deref().unwrap_or(""))
                    );
                }
                out.push('\n');
            }
            if let (Some(rec), true) = (&q.recommendation, q.options.is_empty()) {
                let _ = writeln!(
                    out,
                    "*Recommendation when the answer falls short:* {}\n",
                    md(rec)
                );
            }
            if !q.references.is_empty() {
                let _ = writeln!(out, "References: {}\n", md(&q.references.join("; ")));
            }
        }
    }

    let _ = writeln!(out, "## Impact levels\n");
    let max = fw.impact.max_raw_score;
    let _ = writeln!(
        out,
        "| Level | Name | Raw impact score | Share of maximum | Description |\n|---:|---|---|---|---|"
    );
    for l in &fw.impact.levels {
        let (points, percent) = level_ranges(fw, l);
        let _ = writeln!(
            out,
            "| {} | {} | {points} | {percent} | {} |",
            l.level,
            md(&l.name),
            md(&l.description)
        );
    }
    let _ = writeln!(out, "\nMaximum raw impact score: {} points.", num(max));
    for line in mitigation_words(fw)
        .into_iter()
        .chain(impact_rule_words(fw))
    {
        let _ = writeln!(out, "{line}");
    }

    let _ = writeln!(
        out,
        "\n## Outcome bands\n\nThe overall score needed for each band, by impact level. Bands are tried best first.\n"
    );
    let mut header = "| Band | Description |".to_string();
    let mut rule = "|---|---|".to_string();
    for l in &fw.impact.levels {
        let _ = write!(header, " Impact level {} |", l.level);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for (i, b) in fw.bands.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} |",
            md(&b.name),
            b.id,
            md(&b.description),
            band_ranges(fw, i).join(" | ")
        );
    }

    let _ = writeln!(out, "\n## Red lines\n");
    let red: Vec<(&Question, &Choice)> = fw.red_lines().collect();
    if red.is_empty() {
        let _ = writeln!(out, "This framework has no red lines.");
    } else {
        let _ = writeln!(
            out,
            "Choosing one of these answers forces the lowest band, {}, whatever the score.\n",
            md(&fw.lowest_band().name)
        );
        for (q, o) in red {
            let _ = writeln!(
                out,
                "- {}: answering `{}` to `{}`",
                md_code(&red_line_words(o)),
                o.id,
                q.id
            );
        }
    }
    for t in publishing_tables(fw) {
        let [left, right] = t.columns;
        let _ = writeln!(
            out,
            "\n## {}\n\n{}\n\n| {left} | {right} |\n|---|---|",
            t.heading,
            md_code(t.intro)
        );
        for (name, sources) in &t.rows {
            let _ = writeln!(out, "| {} | {} |", md(name), md_code(sources));
        }
    }
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

/// What the framework maps from an assessment into something it publishes: a heading, a
/// sentence, two column names and a row each (the name, then its sources with `ids`).
struct PublishingTable {
    heading: &'static str,
    intro: &'static str,
    columns: [&'static str; 2],
    rows: Vec<(String, String)>,
}

/// The `[[atrs]]` mapping and the `[case_study]` table, those the framework has.
fn publishing_tables(fw: &Framework) -> Vec<PublishingTable> {
    [
        PublishingTable {
            heading: "Transparency record",
            intro: ATRS_INTRO,
            columns: ["Field", "Filled from"],
            rows: atrs_rows(fw),
        },
        PublishingTable {
            heading: "Case study",
            intro: CASE_STUDY_INTRO,
            columns: ["Section", "Quotes the answers to"],
            rows: case_study_rows(fw),
        },
    ]
    .into_iter()
    .filter(|t| !t.rows.is_empty())
    .collect()
}

/// The `[[atrs]]` mapping: each field ("2.3.4 Human decisions and review") and what fills it
/// ("metadata `team`, `human-review`").
fn atrs_rows(fw: &Framework) -> Vec<(String, String)> {
    let standard = crate::framework::atrs::standard();
    fw.atrs
        .iter()
        .map(|m| {
            let name = standard
                .field(&m.field)
                .map_or(String::new(), |f| format!(" {}", f.name));
            let sources: Vec<String> = m
                .meta
                .iter()
                .map(|s| format!("metadata `{}`", s.name()))
                .chain(m.from.iter().map(|q| format!("`{q}`")))
                .collect();
            (format!("{}{name}", m.field), sources.join(", "))
        })
        .collect()
}

/// The `[case_study]` table: each section of a case study and the questions it quotes.
fn case_study_rows(fw: &Framework) -> Vec<(String, String)> {
    fw.case_study
        .sections()
        .into_iter()
        .filter(|(_, _, ids)| !ids.is_empty())
        .map(|(_, section, ids)| {
            let ids: Vec<String> = ids.iter().map(|q| format!("`{q}`")).collect();
            (section.to_string(), ids.join(", "))
        })
        .collect()
}

const CASE_STUDY_INTRO: &str = "`coopai export case-study` writes a case study for the network from an assessment, quoting these answers in each section.";

const ATRS_INTRO: &str = "`coopai export atrs` drafts an Algorithmic Transparency Recording Standard record from an assessment; these fields are filled from its metadata and answers, and every other field is left for the council or the supplier to complete.";

/// The framework as a standalone HTML page. maud escapes every text value.
pub fn html(fw: &Framework) -> String {
    let max = fw.impact.max_raw_score;
    let red: Vec<(&Question, &Choice)> = fw.red_lines().collect();
    let publishing = publishing_tables(fw);
    let rules: Vec<String> = mitigation_words(fw)
        .into_iter()
        .chain(impact_rule_words(fw))
        .collect();
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            (super::html::head(
                html! { (fw.title) " " (fw.version) },
                &[CSS],
                None,
                &format!("coopai framework docs; framework {} {} sha256 {}", fw.id, fw.version, fw.sha256),
            ))
            body {
                main {
                    h1 { (fw.title) " " (fw.version) }
                    @if !fw.summary.is_empty() { p.summary { (fw.summary) } }
                    @if !fw.provenance.is_empty() { p { em { "Provenance: " } (fw.provenance) } }
                    p.meta { "Framework id " code { (fw.id) } ", version " (fw.version) ", sha256 " code { (fw.sha256) } "." }
                    h2 { "How scoring works" }
                    ul { @for line in HOW_SCORING_WORKS { li { (line) } } }
                    h2 { "Principles" }
                    table {
                        thead { tr { th { "Principle" } th { "CCIN principle" } th { "ICA values" } th.num { "Weight" } th.num { "Questions" } } }
                        tbody {
                            @for p in &fw.principles {
                                tr {
                                    td { (p.title) } td { (p.ccin_principle) } td { (p.ica_values.join(", ")) }
                                    td.num { (num(p.weight)) } td.num { (fw.questions_of(&p.id).count()) }
                                }
                            }
                        }
                    }
                    @for section in sections(fw) {
                        section {
                            h2 { (section.title) }
                            @match section.principle {
                                Some(p) => {
                                    @if !p.summary.is_empty() { p { (p.summary) } }
                                    ul {
                                        li { "CCIN principle: " (p.ccin_principle) }
                                        li { "ICA values: " (p.ica_values.join(", ")) }
                                        li { "Weight: " (num(p.weight)) }
                                    }
                                }
                                None => { p { "These questions set the impact level (see " a href="#impact-levels" { "Impact levels" } "); they are not scored against a principle." } }
                            }
                            @for q in &section.questions {
                                article.question id=(format!("q-{}", q.id)) {
                                    h3 { code { (q.id) } ": " (q.prompt) }
                                    ul.facts { @for fact in facts(q) { li { (code_spans(&fact)) } } }
                                    @if !q.help.is_empty() { p.help { (q.help) } }
                                    @if !q.options.is_empty() {
                                        table {
                                            thead { tr { th { "Option" } th { "Answer" } th.num { "Points" } th { "Recommendation" } th { "Red line" } } }
                                            tbody {
                                                @for o in &q.options {
                                                    tr {
                                                        td { code { (o.id) } }
                                                        td { (o.label) }
                                                        td.num { (option_points_words(q, o)) }
                                                        td { (option_recommendation_words(q, o)) }
                                                        td.red { (code_spans(&red_line_words(o))) }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    @if let Some(spec) = &q.number {
                                        table {
                                            thead { tr { th.num { "Answer at least" } th { "Meaning" } th.num { "Points" } th { "Recommendation" } } }
                                            tbody {
                                                @for r in &spec.ranges {
                                                    tr {
                                                        td.num { (num(r.at_least)) }
                                                        td { (r.label.as_deref().unwrap_or("")) }
                                                        td.num { (points_words(q, r.points)) }
                                                        td { (r.recommendation.as_deref().unwrap_or("")) }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    @if let (Some(rec), true) = (&q.recommendation, q.options.is_empty()) {
                                        p { em { "Recommendation when the answer falls short: " } (rec) }
                                    }
                                    @if !q.references.is_empty() { p.references { "References: " (q.references.join("; ")) } }
                                }
                            }
                        }
                    }
                    h2 id="impact-levels" { "Impact levels" }
                    table {
                        thead { tr { th.num { "Level" } th { "Name" } th { "Raw impact score" } th { "Share of maximum" } th { "Description" } } }
                        tbody {
                            @for l in &fw.impact.levels {
                                @let (points, percent) = level_ranges(fw, l);
                                tr {
                                    td.num { (l.level) } td { (l.name) }
                                    td { (points) } td { (percent) }
                                    td { (l.description) }
                                }
                            }
                        }
                    }
                    p { "Maximum raw impact score: " (num(max)) " points." @for rule in &rules { " " (rule) } }
                    h2 { "Outcome bands" }
                    p { "The overall score needed for each band, by impact level. Bands are tried best first." }
                    table {
                        thead { tr { th { "Band" } th { "Description" } @for l in &fw.impact.levels { th { "Impact level " (l.level) } } } }
                        tbody {
                            @for (i, b) in fw.bands.iter().enumerate() {
                                tr { td { (b.name) " (" code { (b.id) } ")" } td { (b.description) } @for r in band_ranges(fw, i) { td { (r) } } }
                            }
                        }
                    }
                    h2 { "Red lines" }
                    @if red.is_empty() {
                        p { "This framework has no red lines." }
                    } @else {
                        p { "Choosing one of these answers forces the lowest band, " (fw.lowest_band().name) ", whatever the score." }
                        ul {
                            @for (q, o) in &red {
                                li { (code_spans(&red_line_words(o))) ": answering " code { (o.id) } " to " a href=(format!("#q-{}", q.id)) { code { (q.id) } } }
                            }
                        }
                    }
                    @for t in &publishing {
                        h2 { (t.heading) }
                        p { (code_spans(t.intro)) }
                        table {
                            thead { tr { th { (t.columns[0]) } th { (t.columns[1]) } } }
                            tbody {
                                @for (name, sources) in &t.rows {
                                    tr { td { (name) } td { (code_spans(sources)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string() + "\n"
}

const CSS: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;margin:0}\
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}\
table{border-collapse:collapse;margin:0.75rem 0;width:100%}\
th,td{border:1px solid #ccc;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}\
th{background:#f2f2f2}.num{text-align:right}.red{color:#a00000}\
.question{border-top:1px solid #ddd;margin-top:1.5rem}.facts{color:#444}\
code{background:#f4f4f4;padding:0 0.2rem}";

/// Text whose `backticked` parts become `<code>`, everything escaped.
fn code_spans(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_says_when_a_question_is_asked() {
        let fw = crate::framework::embedded();
        let doc = markdown(&fw);
        assert!(doc.contains("Asked only when"), "{doc}");
    }

    #[test]
    fn html_escapes_every_text() {
        assert_eq!(
            code_spans("x `a<b` <y>").into_string(),
            "x <code>a&lt;b</code> &lt;y&gt;"
        );
        let fw = crate::framework::embedded();
        let page = html(&fw);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("Asked only when"));
    }
}
