//! The assessment's metadata the interview asks before the questions: the lead's (council,
//! system, ..., and what a transparency record needs: team, contact, service, region and
//! phase), or a respondent's pseudonym.

use super::Who;
use super::parse::{parse_phase, parse_stage};
use crate::assessment::{Assessment, Phase, identifying_pseudonym};
use crate::framework::Stage;

/// The assessment's metadata, asked one line each before the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    Council,
    System,
    Description,
    /// The lifecycle stage: a choice of [`Stage::ALL`], which may be skipped.
    Stage,
    Assessor,
    /// What a transparency record needs and an assessment does not, all optional.
    Team,
    Contact,
    Service,
    Region,
    /// The transparency record's phase: a choice of [`Phase::ALL`], which may be skipped.
    Phase,
    /// A respondent's optional pseudonym, asked instead of the assessment's metadata.
    Pseudonym,
}

impl MetaField {
    /// What the lead is asked about the assessment.
    pub const ALL: [Self; 10] = [
        Self::Council,
        Self::System,
        Self::Description,
        Self::Stage,
        Self::Assessor,
        Self::Team,
        Self::Contact,
        Self::Service,
        Self::Region,
        Self::Phase,
    ];
    /// What a respondent in another role is asked before their questions.
    pub const RESPONDENT: [Self; 1] = [Self::Pseudonym];

    /// The names and words of the values a choice field takes (the stage, the phase); `None`
    /// for a field typed as text.
    pub fn choices(self) -> Option<Vec<(&'static str, &'static str)>> {
        match self {
            Self::Stage => Some(Stage::ALL.iter().map(|s| (s.name(), s.words())).collect()),
            Self::Phase => Some(Phase::ALL.iter().map(|p| (p.name(), p.words())).collect()),
            _ => None,
        }
    }

    /// The prompt, in the officer's words.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Council => "Council proposing to use the system",
            Self::System => "Name of the AI system (it names the answers file)",
            Self::Description => "Short description: what the system does and for whom",
            Self::Stage => "Lifecycle stage of the system",
            Self::Assessor => "Assessor: your name and role",
            Self::Team => "Team responsible for the system (optional, for the transparency record)",
            Self::Contact => "Team contact email, a shared inbox rather than yours (optional)",
            Self::Service => "Service area, such as Housing repairs (optional)",
            Self::Region => {
                "Region where the system affects the public, such as North West (optional)"
            }
            Self::Phase => "Phase, as the transparency record names it (optional)",
            Self::Pseudonym => {
                "Pseudonym (optional): a code or word to tell your response apart, never your name, email address or phone number"
            }
        }
    }

    pub(super) fn get<'a>(self, a: &'a Assessment, who: &'a Who) -> &'a str {
        let m = &a.meta;
        match self {
            Self::Council => &m.council,
            Self::System => &m.system,
            Self::Description => &m.description,
            Self::Stage => m.stage.map_or("", Stage::name),
            Self::Assessor => &m.assessor,
            Self::Team => &m.team,
            Self::Contact => &m.contact,
            Self::Service => &m.service,
            Self::Region => &m.region,
            Self::Phase => m.phase.map_or("", Phase::name),
            Self::Pseudonym => match who {
                Who::Respondent(r) => r.pseudonym.as_deref().unwrap_or(""),
                Who::Lead => "",
            },
        }
    }

    /// Sets the field from what was typed; a stage that is not one, or a pseudonym that
    /// would identify someone, is refused, with why.
    pub(super) fn set(
        self,
        a: &mut Assessment,
        who: &mut Who,
        value: String,
    ) -> Result<(), String> {
        let m = &mut a.meta;
        match self {
            Self::Council => m.council = value,
            Self::System => m.system = value,
            Self::Description => m.description = value,
            Self::Stage => m.stage = Some(parse_stage(&value)?),
            Self::Assessor => m.assessor = value,
            Self::Team => m.team = value,
            Self::Contact => m.contact = value,
            Self::Service => m.service = value,
            Self::Region => m.region = value,
            Self::Phase => m.phase = Some(parse_phase(&value)?),
            Self::Pseudonym => {
                if let Some(what) = identifying_pseudonym(&value) {
                    return Err(format!(
                        "that looks like {what}; reports must not identify the people who answer, so use a code or word such as r-07, or leave it empty"
                    ));
                }
                if let Who::Respondent(r) = who {
                    r.pseudonym = Some(value);
                }
            }
        }
        Ok(())
    }
}
