//! A draft Algorithmic Transparency Recording Standard (ATRS) record from a scored
//! assessment: every field of the standard's field list ([`crate::framework::atrs`]), filled
//! from the metadata and answers the framework's `[[atrs]]` tables name, and marked filled,
//! partly filled (saying what is missing) or to complete (saying who supplies it). Evidence
//! marked private is left out: a record is published. [`render`] draws it.

pub mod render;
pub mod schema;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::assessment::Assessment;
use crate::framework::Framework;
use crate::framework::atrs::{Field, Follows, Mapping, MetaSource, SuppliedBy, standard};
use crate::number::num;
use crate::scoring::report::Report;

pub use render::{AtrsFormat, render};
pub use schema::schema;

/// A draft record. Its JSON form is keyed by field reference (docs/atrs-record.schema.json).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub standard: String,
    /// The version of the standard the draft targets.
    pub standard_version: String,
    /// Always true: a draft to review and complete before publication.
    pub draft: bool,
    pub system: String,
    pub council: String,
    /// The framework the assessment was scored against, as "id version".
    pub framework: String,
    #[serde(serialize_with = "by_reference")]
    pub fields: Vec<Entry>,
}

/// One field of the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    #[serde(skip)]
    pub reference: String,
    pub attribute: String,
    pub name: String,
    pub tier: String,
    pub section: String,
    pub required: bool,
    pub follows: Follows,
    pub status: Status,
    /// The text drafted, paragraphs separated by a blank line; empty when none.
    pub value: String,
    /// What a partly filled field lacks, or who supplies a field to complete.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Filled,
    PartlyFilled,
    ToComplete,
}

impl Status {
    pub fn words(self) -> &'static str {
        match self {
            Self::Filled => "Filled",
            Self::PartlyFilled => "Partly filled",
            Self::ToComplete => "To complete",
        }
    }
}

/// The fields as an object keyed by reference, in the standard's order.
fn by_reference<S: serde::Serializer>(fields: &[Entry], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(fields.len()))?;
    for f in fields {
        map.serialize_entry(&f.reference, f)?;
    }
    map.end()
}

impl Record {
    /// How many fields have each status: filled, partly filled, to complete.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |s| self.fields.iter().filter(|f| f.status == s).count();
        (
            count(Status::Filled),
            count(Status::PartlyFilled),
            count(Status::ToComplete),
        )
    }

    /// The fields grouped by section, in the standard's order.
    pub fn sections(&self) -> Vec<(&str, Vec<&Entry>)> {
        let mut out: Vec<(&str, Vec<&Entry>)> = Vec::new();
        for f in &self.fields {
            match out.last_mut() {
                Some((name, list)) if *name == f.section => list.push(f),
                _ => out.push((&f.section, vec![f])),
            }
        }
        out
    }
}

/// Drafts the record of `assessment`, scored as `report`, with `fw`'s mapping.
pub fn draft(fw: &Framework, assessment: &Assessment, report: &Report) -> Record {
    let s = standard();
    let fields = s
        .fields
        .iter()
        .map(|field| {
            let mapping = fw.atrs.iter().find(|m| m.field == field.reference);
            entry(field, mapping, fw, assessment, report)
        })
        .collect();
    Record {
        standard: s.standard.clone(),
        standard_version: s.version.clone(),
        draft: true,
        system: report.assessment.system.clone(),
        council: report.assessment.council.clone(),
        framework: format!("{} {}", report.framework.id, report.framework.version),
        fields,
    }
}

fn entry(
    field: &Field,
    mapping: Option<&Mapping>,
    fw: &Framework,
    a: &Assessment,
    r: &Report,
) -> Entry {
    let mut parts = Vec::new();
    let mut missing = Vec::new();
    let status = match mapping {
        None => {
            missing.push(supplied_by(field.supplied_by));
            Status::ToComplete
        }
        Some(m) => {
            let mut sources = 0;
            let mut found = 0;
            for &source in &m.meta {
                sources += 1;
                match meta_text(source, fw, a, r) {
                    Some(text) => {
                        found += 1;
                        parts.push(text);
                    }
                    None => missing.push(format!("the assessment's {}", source.name())),
                }
            }
            for q in &m.from {
                let Some(line) = r.answers.iter().find(|l| l.question == *q && l.applies) else {
                    // A question that does not apply to this system has nothing to say here.
                    continue;
                };
                sources += 1;
                let not_known = r.not_known.iter().any(|u| u.question == *q);
                if line.answer.is_empty() || not_known {
                    let why = if not_known { "not known" } else { "unanswered" };
                    missing.push(format!("an answer to {q} ({why}): {}", line.prompt));
                    continue;
                }
                found += 1;
                let text_question = fw
                    .question(q)
                    .is_some_and(|question| question.kind == crate::framework::QuestionKind::Text);
                let mut text = if text_question {
                    line.answer.clone()
                } else {
                    format!("{} {}.", line.prompt, line.answer)
                };
                if a.private.contains(q) {
                    missing.push(format!(
                        "the evidence for `{q}`, marked private, is left out"
                    ));
                } else if !line.evidence.trim().is_empty() {
                    text.push(' ');
                    text.push_str(line.evidence.trim());
                }
                parts.push(text);
            }
            if let (Some(label), false) = (&m.label, parts.is_empty()) {
                parts.insert(0, label.clone());
            }
            if found == 0 {
                missing.push(supplied_by(field.supplied_by));
                Status::ToComplete
            } else if found < sources || !missing.is_empty() {
                Status::PartlyFilled
            } else {
                Status::Filled
            }
        }
    };
    Entry {
        reference: field.reference.clone(),
        attribute: field.attribute.clone(),
        name: field.name.clone(),
        tier: field.tier.clone(),
        section: field.section.clone(),
        required: field.required,
        follows: field.follows,
        status,
        value: parts.join("\n\n"),
        missing,
    }
}

fn supplied_by(who: SuppliedBy) -> String {
    match who {
        SuppliedBy::Publisher => who.words().to_string(),
        _ => format!("supplied by {}", who.words()),
    }
}

/// The text a metadata source gives, or `None` when the assessment does not record it.
fn meta_text(source: MetaSource, fw: &Framework, a: &Assessment, r: &Report) -> Option<String> {
    let m = &a.meta;
    let text = match source {
        MetaSource::Council => m.council.clone(),
        MetaSource::System => m.system.clone(),
        MetaSource::Description => m.description.clone(),
        MetaSource::Team => m.team.clone(),
        MetaSource::Contact => m.contact.clone(),
        MetaSource::Service => m.service.clone(),
        MetaSource::Region => m.region.clone(),
        MetaSource::Phase => m.phase.map(|p| p.words().to_string()).unwrap_or_default(),
        MetaSource::Date => m.date.clone(),
        MetaSource::Assessment => return Some(assessment_text(r)),
        MetaSource::Risks => return Some(risks_text(fw, r)),
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// This assessment as an impact assessment: what, when, and its outcome.
fn assessment_text(r: &Report) -> String {
    let when = if r.assessment.date.is_empty() {
        String::new()
    } else {
        format!(", {}", r.assessment.date)
    };
    let provisional = if r.overall.provisional {
        " The outcome is provisional: some required questions are unanswered."
    } else {
        ""
    };
    format!(
        "Co-operative values assessment with coopai against {} {}{when}: {}, score {} of 100 at impact level {}.{provisional}",
        r.framework.title,
        r.framework.version,
        r.overall.band_name,
        num(r.overall.score),
        r.impact_level,
    )
}

/// The principles below the best band's threshold at the report's impact level, and the red
/// lines, each with the recommendation that answers it.
fn risks_text(fw: &Framework, r: &Report) -> String {
    let mut lines = Vec::new();
    for hit in &r.red_lines {
        let rec = r
            .recommendations
            .iter()
            .find(|rec| rec.question == hit.question && rec.clears_red_line);
        lines.push(with_recommendation(
            format!("Red line crossed: {}.", hit.title),
            rec,
        ));
    }
    for open in &r.possible_red_lines {
        let rec = r
            .recommendations
            .iter()
            .find(|rec| rec.question == open.question);
        lines.push(with_recommendation(
            format!("Red line not yet ruled out: {}.", open.title),
            rec,
        ));
    }
    let best = fw.bands.first();
    let threshold = best.and_then(|b| {
        b.min_score
            .get(usize::from(r.impact_level).saturating_sub(1))
    });
    if let (Some(band), Some(&threshold)) = (best, threshold) {
        for p in &r.principles {
            let Some(score) = p.score.filter(|s| *s < threshold) else {
                continue;
            };
            let rec = r
                .recommendations
                .iter()
                .find(|rec| rec.principle.as_deref() == Some(p.id.as_str()));
            lines.push(with_recommendation(
                format!(
                    "{} scores {}, below the {} that \"{}\" asks at impact level {}.",
                    p.title,
                    num(score),
                    num(threshold),
                    band.name,
                    r.impact_level
                ),
                rec,
            ));
        }
    }
    if lines.is_empty() {
        return "No red line is crossed or open, and every principle reaches the threshold of the best outcome band.".to_string();
    }
    lines.join("\n\n")
}

fn with_recommendation(
    risk: String,
    rec: Option<&crate::scoring::report::Recommendation>,
) -> String {
    match rec {
        Some(rec) => format!("{risk} Mitigation: {}", rec.text),
        None => risk,
    }
}
