//! The `[assessment]` table's fields as a person fills them in: `coopai assess` asks them
//! one line each before the questions and the offline form has a box for each, both in the
//! words [`MetaField::label`] gives, so the two say the same.

use super::Phase;
use crate::framework::Stage;

/// A field of the answers file's `[assessment]` table that a person fills in.
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

    /// What the field is called where a person fills it in, in the officer's words: `coopai
    /// assess` asks with it and the offline form labels its box with it.
    pub fn label(self) -> &'static str {
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
}
