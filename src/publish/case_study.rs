//! `coopai export case-study`: a one- or two-page account of an assessment for other councils
//! in the network: what the system does and why, its impact level and outcome, what residents
//! and staff changed, what was learned, what to know before trying it, and whom to ask.
//!
//! It is built from the report of an assessment already made fit to publish
//! ([`crate::assessment::Assessment::for_publication`]): no assessor, no private evidence. The
//! answers it quotes are those the framework's `[case_study]` table names; a framework
//! without one gives a case study that says so, never an error.

use std::fmt::Write as _;

use clap::ValueEnum;
use maud::{Markup, html};

use crate::framework::Framework;
use crate::markdown_escape::inline;
use crate::report::text::{outcome_words, score_words, sentence_case};
use crate::report::views::{lead_words, respondents_words};
use crate::scoring::report::Report;

/// Formats of a case study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaseStudyFormat {
    /// Markdown, to edit before sharing
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page, to share or print to PDF
    Html,
}

/// Recommendations shown under "before you try it".
const TOP_RECOMMENDATIONS: usize = 5;
/// Questions where respondents' views differ, shown at most.
const TOP_VIEWS: usize = 5;

/// A case study as data; [`markdown`] and [`html`] draw it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStudy {
    pub system: String,
    pub council: String,
    /// Label and value, only those recorded.
    pub facts: Vec<(&'static str, String)>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub paragraphs: Vec<String>,
    pub items: Vec<Item>,
}

/// One answer, finding or recommendation: a short label, the text, and what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    pub text: String,
    pub evidence: String,
}

impl Section {
    fn new(title: &'static str) -> Self {
        Self {
            title,
            paragraphs: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The answers to `ids` (questions the framework's `[case_study]` table names), each as
    /// an item ("Not answered yet." when it is not); no ids at all becomes a sentence saying
    /// the framework names none.
    fn answers(mut self, fw: &Framework, r: &Report, ids: &[String]) -> Self {
        if ids.is_empty() {
            self.paragraphs.push(format!(
                "The framework ({} {}) does not say which of its answers a case study quotes here.",
                fw.id, fw.version
            ));
        }
        for id in ids {
            // Validation made sure every id is a question of the framework.
            let Some(q) = fw.question(id) else { continue };
            self.items
                .push(match r.answers.iter().find(|l| l.question == *id) {
                    Some(line) if !line.answer.is_empty() => Item {
                        label: line.prompt.clone(),
                        text: line.answer.clone(),
                        evidence: line.evidence.clone(),
                    },
                    _ => Item {
                        label: q.prompt.clone(),
                        text: "Not answered yet.".to_string(),
                        evidence: String::new(),
                    },
                });
        }
        self
    }
}

/// Builds the case study of a report scored from an assessment made fit to publish.
pub fn build(fw: &Framework, r: &Report, team: &str, contact: &str) -> CaseStudy {
    let a = &r.assessment;
    let facts: Vec<(&'static str, String)> = [
        ("Council", a.council.clone()),
        (
            "Lifecycle stage",
            a.stage.map_or(String::new(), |s| s.words().to_string()),
        ),
        ("Assessed", a.date.clone()),
        (
            "Framework",
            format!("{} {}", r.framework.title, r.framework.version),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();

    let mut what = Section::new("What the system does and why");
    if !a.description.is_empty() {
        what.paragraphs.push(a.description.clone());
    }
    let what = what.answers(fw, r, &fw.case_study.purpose);

    let mut outcome = Section::new("Impact level and outcome");
    outcome.paragraphs.push(format!(
        "Impact level {} ({}). Outcome: {}. Overall score: {}.",
        r.impact.level,
        r.impact.name,
        outcome_words(r),
        score_words(r)
    ));
    outcome.paragraphs.push(if r.red_lines.is_empty() {
        "No red line is crossed.".to_string()
    } else {
        let titles: Vec<&str> = r.red_lines.iter().map(|h| h.title.as_str()).collect();
        format!("Red lines crossed: {}.", titles.join("; "))
    });

    let residents_and_staff: Vec<String> = fw
        .case_study
        .residents
        .iter()
        .chain(&fw.case_study.staff)
        .cloned()
        .collect();
    let changed =
        Section::new("What residents and staff changed").answers(fw, r, &residents_and_staff);
    let mut said = Section::new("What staff and residents said for themselves");
    views(&mut said, r);

    let learned = Section::new("What was learned").answers(fw, r, &fw.case_study.learned);

    let mut before = Section::new("Before you try it");
    before.paragraphs.push(if r.recommendations.is_empty() {
        "The assessment makes no recommendation: no answer loses points one could recover."
            .to_string()
    } else {
        "What this assessment says still needs doing, most important first; check the same in your own council.".to_string()
    });
    before.items = r
        .recommendations
        .iter()
        .take(TOP_RECOMMENDATIONS)
        .map(|rec| Item {
            label: r.principle_title(rec.principle.as_deref()).to_string(),
            text: rec.text.clone(),
            evidence: String::new(),
        })
        .collect();
    if r.overall.provisional {
        before.paragraphs.push(format!(
            "The outcome is provisional: {} required questions are not answered yet.",
            r.overall.required.applicable - r.overall.required.answered
        ));
    }

    let mut contact_section = Section::new("Contact");
    contact_section.paragraphs.push(match (team, contact) {
        ("", "") => {
            "No team contact recorded: the answers file's team and contact are blank.".to_string()
        }
        (team, "") => format!("{team}; no contact email recorded."),
        ("", contact) => contact.to_string(),
        (team, contact) => format!("{team}: {contact}"),
    });

    CaseStudy {
        system: a.system.clone(),
        council: a.council.clone(),
        facts,
        sections: vec![
            what,
            outcome,
            changed,
            said,
            learned,
            before,
            contact_section,
        ],
    }
}

/// Who responded besides the lead, and the questions where their views differ most.
fn views(section: &mut Section, r: &Report) {
    let Some(v) = &r.views else {
        section
            .paragraphs
            .push("No staff or residents answered for themselves: the answers above are the lead officer's.".to_string());
        return;
    };
    section.paragraphs.push(format!(
        "{}. Where their views differ most from the lead officer's:",
        respondents_words(v)
    ));
    for q in v.questions.iter().filter(|q| q.flagged).take(TOP_VIEWS) {
        let roles: Vec<String> = q
            .roles
            .iter()
            .filter(|role| role.answered > 0)
            .filter_map(|role| {
                let combined = role.combined.as_ref()?;
                Some(format!(
                    "{} ({}): {}",
                    role.name, role.answered, combined.answer
                ))
            })
            .collect();
        section.items.push(Item {
            label: q.prompt.clone(),
            text: format!(
                "{}: {}. {}.",
                v.lead_name(),
                lead_words(q),
                roles.join("; ")
            ),
            evidence: sentence_case(&q.reasons.join("; ")),
        });
    }
}

/// The case study in Markdown, to edit before it is shared.
pub fn markdown(cs: &CaseStudy) -> String {
    let mut out = format!("# Case study: {}\n\n", inline(&cs.system));
    for (label, value) in &cs.facts {
        let _ = writeln!(out, "- **{label}:** {}", inline(value));
    }
    for s in &cs.sections {
        let _ = write!(out, "\n## {}\n\n", s.title);
        for p in &s.paragraphs {
            let _ = write!(out, "{}\n\n", inline(p));
        }
        for item in &s.items {
            let _ = writeln!(out, "- **{}** {}", inline(&item.label), inline(&item.text));
            if !item.evidence.is_empty() {
                let _ = writeln!(out, "  *{}*", inline(&item.evidence).replace('\n', " "));
            }
        }
        if !s.items.is_empty() {
            out.push('\n');
        }
    }
    out.push_str("---\n\nMade with coopai from the council's assessment; the assessor's name and evidence marked private are left out.\n");
    out
}

/// The case study as the body of a page; [`crate::report::html::document`] wraps it.
pub fn html_body(cs: &CaseStudy) -> Markup {
    html! {
        article.report.case-study aria-labelledby="cs-h" {
            header {
                p.kicker { "Case study for the network" }
                h1 id="cs-h" { (cs.system) }
                dl.details {
                    @for (label, value) in &cs.facts {
                        div { dt { (label) } dd { (value) } }
                    }
                }
            }
            @for (i, s) in cs.sections.iter().enumerate() {
                section aria-labelledby=(format!("cs-{i}")) {
                    h2 id=(format!("cs-{i}")) { (s.title) }
                    @for p in &s.paragraphs { p { (p) } }
                    @if !s.items.is_empty() {
                        ul {
                            @for item in &s.items {
                                li {
                                    strong { (item.label) } " " (item.text)
                                    @if !item.evidence.is_empty() { br; span.muted { (item.evidence) } }
                                }
                            }
                        }
                    }
                }
            }
            p.muted { "Made from the council's assessment; the assessor's name and evidence marked private are left out." }
        }
    }
}

/// The case study as one self-contained HTML page.
pub fn html(cs: &CaseStudy) -> String {
    crate::report::html::document(&format!("Case study: {}", cs.system), html_body(cs))
}

/// The case study in a format.
pub fn render(cs: &CaseStudy, format: CaseStudyFormat) -> String {
    match format {
        CaseStudyFormat::Md => markdown(cs),
        CaseStudyFormat::Html => html(cs),
    }
}
