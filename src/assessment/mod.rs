//! An assessment: metadata about the AI system and council, and the answers given. The
//! answers format is one TOML file per assessment (docs/answers-format.md).

mod applicability;
mod checks;
mod contact;
#[cfg(test)]
mod impact_tests;
mod load;
mod meta_field;
mod migrate;
mod pseudonym;
pub mod responses;
mod responses_folder;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::framework::Stage;

pub use checks::Check;
pub use contact::is_email_shaped;
pub use load::{
    LoadError, Loaded, Parsed, check, check_dropping_misfits, load_file, load_str, parse_str,
    parse_str_unhashed,
};
pub use meta_field::MetaField;
pub use pseudonym::identifying as identifying_pseudonym;
pub use responses::{
    FileRole, LoadedResponse, Respondent, Response, RoleError, file_role, load_response_file,
    load_response_str, respondent_role, respondent_role_ids,
};
pub use responses_folder::{KEPT, ResponsesRead, read_responses, responses_dir};
pub use write::{
    Layout, QuestionLayout, layout, response_template, response_to_toml, template, to_toml,
};

pub(crate) use applicability::{Evaluation, evaluate};
pub use applicability::{Impact, LevelRange, MitigationResult, applicability, points};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assessment {
    pub meta: Meta,
    /// The framework the answers were given against, as the file records it.
    pub framework: Option<FrameworkRef>,
    /// Answers by question id.
    pub answers: BTreeMap<String, Answer>,
    /// Evidence written for questions not answered yet, by question id: kept, written back
    /// and shown in reports, so a note made ahead of the answer is never lost.
    pub notes: BTreeMap<String, String>,
    /// Question ids whose evidence (or note) is private (`private = true` in the file): kept
    /// in the council's own reports, never in a case study or a register.
    pub private: BTreeSet<String>,
    /// sha256 of the answers file's text; empty for an assessment not read from a file.
    pub sha256: String,
}

impl Assessment {
    /// The assessment as it may be published (a case study, a register): without the
    /// assessor's name, the private evidence and notes, or the sha256 of a file that held
    /// them. The one place redaction happens, so what is published cannot leak what is not
    /// there. The private question ids are kept, so a report can say evidence was withheld.
    pub fn for_publication(&self) -> Self {
        let mut published = self.clone();
        published.meta.assessor.clear();
        published.sha256.clear();
        for id in &self.private {
            if let Some(answer) = published.answers.get_mut(id) {
                answer.evidence.clear();
            }
            published.notes.remove(id);
        }
        published
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The council proposing to use the system.
    #[serde(default)]
    pub council: String,
    /// The AI system's name.
    pub system: String,
    #[serde(default)]
    pub description: String,
    /// Where the system is in its life, when recorded; conditions can read it. Written
    /// `stage = ""` when not recorded, as `coopai template` leaves it.
    #[serde(
        default,
        deserialize_with = "stage_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub stage: Option<Stage>,
    /// Who answered: name and role.
    #[serde(default)]
    pub assessor: String,
    /// When the assessment was made, e.g. "2026-11-23". A TOML date without quotes
    /// (`date = 2026-11-23`) is read as the same text.
    #[serde(default, deserialize_with = "date_text")]
    pub date: String,
    #[serde(default)]
    pub status: Status,
    /// The team that owns the system, for the transparency record.
    #[serde(default)]
    pub team: String,
    /// The team's contact email (a shared inbox rather than a person's), for the
    /// transparency record and the case study.
    #[serde(default)]
    pub contact: String,
    /// The service area the system serves, e.g. "Adult social care"; the register groups
    /// assessments by it.
    #[serde(default)]
    pub service: String,
    /// Where the system is used, e.g. "North West" or "Wales", for the transparency record.
    #[serde(default)]
    pub region: String,
    /// The transparency record's phase; `phase = ""` when not recorded.
    #[serde(
        default,
        deserialize_with = "phase_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub phase: Option<Phase>,
}

/// The phase of an Algorithmic Transparency Recording Standard record (ATRS v4.0), which
/// is not the framework's lifecycle stage: a live system can be in public beta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    PreDeployment,
    PrivateBeta,
    PublicBeta,
    Production,
    Retired,
}

impl Phase {
    pub const ALL: [Self; 5] = [
        Self::PreDeployment,
        Self::PrivateBeta,
        Self::PublicBeta,
        Self::Production,
        Self::Retired,
    ];

    /// As answers files write it: `pre-deployment`.
    pub fn name(self) -> &'static str {
        match self {
            Self::PreDeployment => "pre-deployment",
            Self::PrivateBeta => "private-beta",
            Self::PublicBeta => "public-beta",
            Self::Production => "production",
            Self::Retired => "retired",
        }
    }

    /// In words, as the transparency record writes it: "Pre-deployment".
    pub fn words(self) -> &'static str {
        match self {
            Self::PreDeployment => "Pre-deployment",
            Self::PrivateBeta => "Private beta",
            Self::PublicBeta => "Public beta",
            Self::Production => "Production",
            Self::Retired => "Retired",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(Self::name)
    }
}

/// A phase by name, or none for `""`.
fn phase_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Phase>, D::Error> {
    let name = String::deserialize(deserializer)?;
    if name.is_empty() {
        return Ok(None);
    }
    Phase::from_name(&name).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown phase `{name}`, expected one of: {}, or \"\" when not recorded",
            crate::diagnostics::one_of(Phase::names())
        ))
    })
}

/// Text, or a TOML date or date-time written without quotes, as text.
fn date_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match toml::Value::deserialize(deserializer)? {
        toml::Value::String(s) => Ok(s),
        toml::Value::Datetime(d) => Ok(d.to_string()),
        _ => Err(serde::de::Error::custom(
            "expected a date such as \"2026-11-23\"",
        )),
    }
}

/// A lifecycle stage by name, or none for `""`.
fn stage_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Stage>, D::Error> {
    let name = String::deserialize(deserializer)?;
    if name.is_empty() {
        return Ok(None);
    }
    Stage::from_name(&name).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown stage `{name}`, expected one of: {}, or \"\" when not recorded",
            crate::diagnostics::one_of(Stage::names())
        ))
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Final,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in-review",
            Self::Final => "final",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub sha256: String,
}

impl FrameworkRef {
    pub fn of(fw: &crate::framework::Framework) -> Self {
        Self {
            id: fw.id.clone(),
            version: fw.version.clone(),
            sha256: fw.sha256.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub value: Value,
    /// What the answer rests on: documents, decisions, who was asked.
    pub evidence: String,
}

/// An answer's value, already checked against its question's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Single choice and yes/no: one option id.
    Choice(String),
    /// Multiple choice: option ids, in framework order, without repeats.
    Choices(Vec<String>),
    /// Scale and number questions.
    Number(f64),
    Text(String),
    /// The officer asked and could not find out: answered, scoring nothing, and recommended
    /// on. Written [`NOT_KNOWN`] in answers files, for a question of any kind.
    NotKnown,
}

/// How an answers file, the interview and the JSON report write a not-known answer. No option
/// id can contain a space, so it never collides with one.
pub const NOT_KNOWN: &str = "not known";

/// As in the answers file: an option id, a list of them, a number, text, or "not known".
impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Choice(c) | Self::Text(c) => s.serialize_str(c),
            Self::Choices(cs) => cs.serialize(s),
            Self::Number(n) => s.serialize_f64(*n),
            Self::NotKnown => s.serialize_str(NOT_KNOWN),
        }
    }
}

impl Value {
    /// The chosen option ids, for choice questions.
    pub fn chosen(&self) -> &[String] {
        match self {
            Self::Choice(c) => std::slice::from_ref(c),
            Self::Choices(cs) => cs,
            _ => &[],
        }
    }

    pub fn is_not_known(&self) -> bool {
        matches!(self, Self::NotKnown)
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Number(n) => Some(*n),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::Stage;

    /// The stage an `[assessment]` table records, or why it is refused.
    fn stage(line: &str) -> Result<Option<Stage>, String> {
        let text = format!("[assessment]\nsystem = \"S\"\n{line}\n");
        super::parse_str("a.toml", text)
            .and_then(|parsed| super::check(&parsed, &crate::framework::embedded()))
            .map(|loaded| loaded.assessment.meta.stage)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_stage_is_one_of_four_names_or_blank_for_none() {
        assert_eq!(
            stage("stage = \"being-retired\""),
            Ok(Some(Stage::BeingRetired))
        );
        assert_eq!(stage("stage = \"\""), Ok(None));
        assert_eq!(stage(""), Ok(None));
        let refused = stage("stage = \"retired\"").unwrap_err();
        assert!(
            refused.contains("unknown stage `retired`, expected one of: proposal, pilot, live, being-retired, or \"\" when not recorded"),
            "{refused}"
        );
    }
}
