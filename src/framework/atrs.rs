//! The Algorithmic Transparency Recording Standard (ATRS) as data: the fields of a record
//! (`atrs_fields.toml`, with where each comes from) and a framework's mapping of its questions
//! and the assessment's metadata to those fields. The framework validator checks a mapping
//! against this list; the draft record (`crate::publish::atrs`) is written from both.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The field list, embedded so every build drafts the same record.
const FIELDS_TOML: &str = include_str!("atrs_fields.toml");

/// The ATRS field list coopai drafts records in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub standard: String,
    /// The version of the standard a draft targets, as the record's `standard_version`.
    pub version: String,
    #[serde(rename = "field")]
    pub fields: Vec<Field>,
}

/// One field of a record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The reference number, e.g. "2.3.4".
    pub reference: String,
    /// The machine name, e.g. "human_decisions_and_review".
    pub attribute: String,
    /// The name as a record shows it.
    pub name: String,
    /// "metadata", "1" or "2".
    pub tier: String,
    pub section: String,
    /// The section's name in v3.0, where the field was taken from.
    pub v3_section: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub required: bool,
    /// Who fills the field when an assessment cannot.
    pub supplied_by: SuppliedBy,
    pub follows: Follows,
    /// The v3.0 attribute of a field renamed in v4.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v3_attribute: Option<String>,
    /// The values the field allows, when it is a list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppliedBy {
    Council,
    Supplier,
    Publisher,
}

impl SuppliedBy {
    /// Who completes a field, in words: "the supplier".
    pub fn words(self) -> &'static str {
        match self {
            Self::Council => "the council",
            Self::Supplier => "the supplier or developer",
            Self::Publisher => "set when the record is published",
        }
    }
}

/// Which version of the standard a field follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Follows {
    /// As in the v3.0 template table.
    #[serde(rename = "v3.0")]
    V3,
    /// Renamed in v4.0 ("external supplier" became "third party").
    #[serde(rename = "v4.0-renamed")]
    V4Renamed,
    /// A v3.0 field whose allowed values v4.0 sets (the phase).
    #[serde(rename = "v4.0-values")]
    V4Values,
}

impl Follows {
    pub fn words(self) -> &'static str {
        match self {
            Self::V3 => "v3.0",
            Self::V4Renamed => "renamed in v4.0",
            Self::V4Values => "v3.0 field, v4.0 values",
        }
    }
}

static STANDARD: LazyLock<Standard> = LazyLock::new(|| match toml::from_str(FIELDS_TOML) {
    Ok(standard) => standard,
    // The file is part of the source and a unit test reads it: not a user error.
    Err(e) => panic!("src/framework/atrs_fields.toml does not read: {e}"),
});

/// The field list.
pub fn standard() -> &'static Standard {
    &STANDARD
}

impl Standard {
    /// The field with this reference number or attribute name. A reference is unique; an
    /// attribute may be shared (`phase`), and then names its first field.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.reference == name)
            .or_else(|| self.fields.iter().find(|f| f.attribute == name))
    }

    /// Every reference and attribute name, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .flat_map(|f| [f.reference.as_str(), f.attribute.as_str()])
    }
}

/// What an `[[atrs]]` entry fills a field from, besides questions: the assessment's
/// metadata, or what scoring found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MetaSource {
    /// `[assessment] council`.
    Council,
    /// `[assessment] system`.
    System,
    /// `[assessment] description`.
    Description,
    /// `[assessment] team`.
    Team,
    /// `[assessment] contact`, the team's email.
    Contact,
    /// `[assessment] service`, the service area.
    Service,
    /// `[assessment] region`.
    Region,
    /// `[assessment] phase`, in the record's words.
    Phase,
    /// `[assessment] date`.
    Date,
    /// This assessment itself: its date, outcome band and framework version.
    Assessment,
    /// The principles below the threshold of the best band and the red lines, each with its
    /// recommendation.
    Risks,
}

impl MetaSource {
    /// As a framework writes it: `contact`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Council => "council",
            Self::System => "system",
            Self::Description => "description",
            Self::Team => "team",
            Self::Contact => "contact",
            Self::Service => "service",
            Self::Region => "region",
            Self::Phase => "phase",
            Self::Date => "date",
            Self::Assessment => "assessment",
            Self::Risks => "risks",
        }
    }
}

/// A validated `[[atrs]]` entry: a field of the record and what fills it, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The field's reference number (an attribute name in the file is resolved to it).
    pub field: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meta: Vec<MetaSource>,
    /// Question ids whose answers and evidence fill the field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
    /// Introduces the answers in the record, instead of each question's prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_list_reads_with_unique_references() {
        let s = standard();
        assert_eq!(s.version, "4.0");
        assert!(s.fields.len() > 60, "{} fields", s.fields.len());
        let mut refs: Vec<&str> = s.fields.iter().map(|f| f.reference.as_str()).collect();
        refs.sort_unstable();
        refs.dedup();
        assert_eq!(refs.len(), s.fields.len(), "a reference is repeated");
    }

    #[test]
    fn fields_resolve_by_reference_or_attribute() {
        let s = standard();
        assert_eq!(
            s.field("2.3.4").map(|f| f.attribute.as_str()),
            Some("human_decisions_and_review")
        );
        assert_eq!(
            s.field("third_party").map(|f| f.reference.as_str()),
            Some("2.1.4.1")
        );
        assert_eq!(s.field("phase").map(|f| f.reference.as_str()), Some("0.13"));
        assert!(
            s.field("external_supplier").is_none(),
            "v3.0 names are not v4.0 fields"
        );
        assert_eq!(s.field("0.13").map(|f| f.values.len()), Some(5));
    }
}
