//! Rules a framework may choose beyond points and thresholds: how the impact level rounds the
//! score, which end of a level's range it includes and what mitigation is measured against (so
//! that Canada's Algorithmic Impact Assessment can be stated exactly), and which
//! recommendations are safeguards. Each default keeps coopai's own rule.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::ImpactProfile;

/// How the raw impact score is rounded, after any mitigation reduction, before levels are cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Not rounded.
    #[default]
    None,
    /// To a whole number, halves up (as the AIA's `Math.round`).
    HalfUp,
}

/// Which end of each impact level's range belongs to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Bounds {
    /// From `from` up to, not including, `to`; the top level includes 100%.
    #[default]
    FromInclusive,
    /// From above `from` up to and including `to` (as the AIA's levels); level 1 includes 0%.
    ToInclusive,
}

/// What the mitigation threshold is a share of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The points of the mitigation questions that apply to the assessment.
    #[default]
    Applicable,
    /// The points of every mitigation question, asked or not (as the AIA).
    All,
}

/// What acting on a question's recommendations secures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A co-operative practice: good to have, ranked by what it adds to the score.
    #[default]
    Practice,
    /// A legal or safety safeguard: ranked first at high impact levels.
    Safeguard,
}

// Each rule's name as framework files write it, for messages and diffs.

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Self::Practice => "practice",
            Self::Safeguard => "safeguard",
        }
    }
}

impl Rounding {
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::HalfUp => "half-up",
        }
    }
}

impl Basis {
    pub fn name(self) -> &'static str {
        match self {
            Self::Applicable => "applicable",
            Self::All => "all",
        }
    }
}

impl Bounds {
    pub fn name(self) -> &'static str {
        match self {
            Self::FromInclusive => "from-inclusive",
            Self::ToInclusive => "to-inclusive",
        }
    }
}

impl Rounding {
    pub fn apply(self, score: f64) -> f64 {
        match self {
            Self::None => score,
            // Scores are never negative, so rounding halves away from zero is rounding them up.
            Self::HalfUp => score.round(),
        }
    }
}

impl ImpactProfile {
    /// The level whose range holds `percent` of the maximum raw impact score, under the
    /// framework's bounds. The lowest level takes anything below its range and the top level
    /// anything above, so every score has a level.
    pub fn level_at(&self, percent: f64) -> u8 {
        let top = self.levels.len();
        self.levels
            .iter()
            .find(|l| {
                let (above_from, below_to) = match self.bounds {
                    Bounds::FromInclusive => (percent >= l.from, percent < l.to),
                    Bounds::ToInclusive => (percent > l.from, percent <= l.to),
                };
                (above_from || l.level == 1) && (below_to || usize::from(l.level) == top)
            })
            .map_or(1, |l| l.level)
    }
}

/// For `skip_serializing_if`: a rule left at its default is not written, so frameworks that
/// do not use it compile and print exactly as before.
pub(super) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
