//! The lifecycle stage an assessment records: where the AI system is in its life. Conditions
//! read it (`when = { stage = ["pilot", "live"] }`), so it is defined with the framework,
//! below the answers files that record it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the AI system is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Proposed, not yet in use.
    Proposal,
    /// In use on a limited scale, to learn from.
    Pilot,
    /// In service.
    Live,
    /// Being taken out of service.
    BeingRetired,
}

impl Stage {
    pub const ALL: [Self; 4] = [Self::Proposal, Self::Pilot, Self::Live, Self::BeingRetired];

    /// As answers files and conditions write it: `being-retired`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Proposal => "proposal",
            Self::Pilot => "pilot",
            Self::Live => "live",
            Self::BeingRetired => "being-retired",
        }
    }

    /// In words, for reports and prompts: "being retired".
    pub fn words(self) -> &'static str {
        match self {
            Self::BeingRetired => "being retired",
            other => other.name(),
        }
    }

    /// The stage written exactly as files write it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Every name, for messages: "proposal, pilot, live, being-retired".
    pub fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(Self::name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_what_serde_writes() {
        for stage in Stage::ALL {
            let json = serde_json::to_string(&stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.name()));
            assert_eq!(Stage::from_name(stage.name()), Some(stage));
        }
        assert_eq!(Stage::from_name("being retired"), None);
        assert_eq!(Stage::BeingRetired.words(), "being retired");
    }
}
