//! The draft record drawn: Markdown to edit, JSON for tools, and one self-contained HTML page
//! styled like the HTML report (its stylesheet and page, maud escaping every text).

use clap::ValueEnum;
use maud::{Markup, html};

use super::{Entry, Record, Status};
use crate::markdown_escape::inline;
use crate::report::text::sentence_case;

/// Formats of the draft record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AtrsFormat {
    /// Markdown, to edit before publication
    #[value(alias = "markdown")]
    Md,
    /// JSON keyed by field reference (docs/atrs-record.schema.json)
    Json,
    /// One self-contained HTML page
    Html,
}

pub fn render(record: &Record, format: AtrsFormat) -> String {
    match format {
        AtrsFormat::Md => markdown(record),
        AtrsFormat::Json => json(record),
        AtrsFormat::Html => html_page(record),
    }
}

const REVIEW: &str = "A draft written by coopai from an assessment. Review every field, complete what is marked, and remove anything that should not be published before the record is submitted.";

fn summary(record: &Record) -> String {
    let (filled, partly, to_complete) = record.counts();
    format!(
        "{} v{}: {filled} fields filled, {partly} partly filled, {to_complete} to complete. From the assessment against {}.",
        record.standard, record.standard_version, record.framework
    )
}

/// What a field lacks or who supplies it, as one sentence.
fn status_line(f: &Entry) -> String {
    if f.missing.is_empty() {
        f.status.words().to_string()
    } else {
        format!("{}: {}", f.status.words(), f.missing.join("; "))
    }
}

/// The field's facts after its name: attribute, tier, required, version followed.
fn facts(f: &Entry) -> String {
    let tier = match f.tier.as_str() {
        "metadata" => "metadata".to_string(),
        tier => format!("tier {tier}"),
    };
    let required = if f.required { "required" } else { "optional" };
    format!("{}, {tier}, {required}, {}", f.attribute, f.follows.words())
}

fn markdown(record: &Record) -> String {
    let mut out = format!(
        "# Draft transparency record: {}\n\n> {REVIEW}\n\n{}\n",
        inline(&record.system),
        inline(&summary(record))
    );
    for (section, fields) in record.sections() {
        out.push_str(&format!("\n## {}\n", inline(section)));
        for f in fields {
            out.push_str(&format!(
                "\n### {} {}\n\n*{}* ({})\n",
                f.reference,
                inline(&f.name),
                inline(&status_line(f)),
                inline(&facts(f))
            ));
            if !f.value.is_empty() {
                out.push('\n');
                out.push_str(&inline(&f.value));
                out.push('\n');
            }
        }
    }
    out
}

fn json(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_default() + "\n"
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Filled => "status status-filled",
        Status::PartlyFilled => "status status-partly",
        Status::ToComplete => "status status-to-complete",
    }
}

fn html_page(record: &Record) -> String {
    let title = format!("Draft transparency record: {}", record.system);
    let body = html! {
        header {
            p.kicker { "Draft · Algorithmic Transparency Recording Standard" }
            h1 { (title) }
            p.flag { (REVIEW) }
            p { (summary(record)) }
        }
        @for (section, fields) in record.sections() {
            section {
                h2 { (section) }
                @for f in fields { (field(f)) }
            }
        }
    };
    crate::report::html::page(&title, body, CSS)
}

fn field(f: &Entry) -> Markup {
    html! {
        div.field id=(format!("field-{}", f.reference)) {
            h3 { (f.reference) " " (f.name) }
            p.field-facts { span class=(status_class(f.status)) { (f.status.words()) } " " (facts(f)) }
            @if !f.missing.is_empty() {
                p.missing { (sentence_case(&f.missing.join("; "))) }
            }
            @for paragraph in f.value.split("\n\n").filter(|p| !p.is_empty()) {
                p.evidence { (paragraph) }
            }
        }
    }
}

const CSS: &str = r#"
.field { margin: 1rem 0 1.5rem; break-inside: avoid; }
.field h3 { margin-bottom: .25rem; }
.field-facts { margin: 0 0 .4rem; font-size: .9rem; color: var(--muted); }
.status { display: inline-block; margin-right: .4rem; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; font-weight: 700; border: 1px solid; }
.status-filled { background: var(--best-bg); color: var(--best); }
.status-partly { background: var(--middle-bg); color: var(--middle); }
.status-to-complete { background: var(--lowest-bg); color: var(--lowest); }
.missing { margin: 0 0 .4rem; font-style: italic; }
@media print { .status, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"#;
