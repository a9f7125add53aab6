//! The framework file exactly as written: serde types that keep the position of every value a
//! lint may need to point at. Nothing here is checked beyond TOML types and known keys; the
//! validator turns a [`RawFramework`] into a trusted [`super::Framework`].

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// A coopai framework: principles, questions, an impact profile and outcome bands.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    /// Who wrote the framework and which version this is.
    pub framework: RawMeta,
    /// The principles an assessment is scored against, in display order.
    #[serde(default)]
    pub principle: Vec<RawPrinciple>,
    /// Every question, in the order the interview asks them.
    #[serde(default)]
    pub question: Vec<RawQuestion>,
    /// How risk questions become an impact level (1 = lowest).
    pub impact: Option<RawImpact>,
    /// Outcome bands, best first; the last one catches every other score.
    #[serde(default)]
    pub band: Vec<RawBand>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Stable identifier, lower-case letters, digits and hyphens.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    /// Semantic version (MAJOR.MINOR.PATCH); bump it whenever the content changes.
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    #[serde(default)]
    pub summary: String,
    /// Where the framework comes from: the body that wrote it, and when.
    #[serde(default)]
    pub provenance: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrinciple {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    /// The CCIN principle this expresses, by name.
    #[serde(default)]
    pub ccin_principle: String,
    /// ICA co-operative values it draws on, e.g. "democracy", "openness".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ica_values: Vec<Spanned<String>>,
    /// Share of the overall score relative to other principles (default 1).
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    /// What the principle asks of an AI system.
    #[serde(default)]
    pub summary: String,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick one option.
    Single,
    /// Pick any number of options; their points add up.
    Multiple,
    /// Options `yes` and `no`.
    YesNo,
    /// A whole number between `scale.min` and `scale.max`; points grow linearly.
    Scale,
    /// A number; `[[question.range]]` turns it into points.
    Number,
    /// Free text, never scored.
    Text,
}

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, Self::Single | Self::Multiple | Self::YesNo)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::YesNo => "yes_no",
            Self::Scale => "scale",
            Self::Number => "number",
            Self::Text => "text",
        }
    }
}

/// The part a question plays in the impact profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpactRole {
    /// Its points add to the raw impact score; it is not scored against a principle.
    Risk,
    /// Scored against its principle, and also counts towards the mitigation rule.
    Mitigation,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable identifier, used as the key in answers files.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The principle it is scored against (every question but risk questions).
    #[schemars(with = "Option<String>")]
    pub principle: Option<Spanned<String>>,
    #[schemars(with = "Option<ImpactRole>")]
    pub impact: Option<Spanned<ImpactRole>>,
    /// The assessment area it covers, e.g. "explainability".
    pub area: Option<String>,
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    #[schemars(with = "String")]
    pub prompt: Spanned<String>,
    /// Why the question is asked and what good looks like.
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<String>>,
    /// Multiplies the question's points within its principle (default 1).
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    /// Whether an assessment is incomplete without it (default true).
    pub required: Option<bool>,
    /// Laws, standards and guidance behind the question.
    #[serde(default)]
    pub references: Vec<String>,
    /// For scale and number questions: shown when the answer earns less than full points.
    pub recommendation: Option<String>,
    /// For scale questions: the points a top answer earns (default max - min).
    #[schemars(with = "Option<f64>")]
    pub points: Option<Spanned<f64>>,
    /// The question is asked only when this holds.
    #[schemars(with = "Option<RawCondition>")]
    pub when: Option<Spanned<RawCondition>>,
    /// For scale questions: the lowest and highest answer, and their labels.
    #[schemars(with = "Option<RawScale>")]
    pub scale: Option<Spanned<RawScale>>,
    /// For number questions: the accepted values and their unit.
    #[schemars(with = "Option<RawNumber>")]
    pub number: Option<Spanned<RawNumber>>,
    #[serde(default)]
    pub option: Vec<RawOption>,
    /// For number questions: the points of the highest `at_least` the answer reaches.
    #[serde(default)]
    pub range: Vec<RawRange>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    #[schemars(with = "Option<f64>")]
    pub points: Option<Spanned<f64>>,
    /// What to do about it. Single choice: shown when chosen and short of full points.
    /// Multiple choice: shown when not chosen.
    pub recommendation: Option<String>,
    /// Risk questions only: choosing the option sets the impact level to at least this.
    #[schemars(with = "Option<u8>")]
    pub min_impact_level: Option<Spanned<i64>>,
    /// Choosing the option blocks the assessment, whatever the score.
    pub red_line: Option<RawRedLine>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRedLine {
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The red line applies only when this also holds.
    #[schemars(with = "Option<RawCondition>")]
    pub when: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    #[schemars(with = "i64")]
    pub min: Spanned<i64>,
    #[schemars(with = "i64")]
    pub max: Spanned<i64>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNumber {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    #[schemars(with = "f64")]
    pub at_least: Spanned<f64>,
    #[schemars(with = "Option<f64>")]
    pub points: Option<Spanned<f64>>,
    pub label: Option<String>,
    pub recommendation: Option<String>,
}

/// A condition, written as exactly one of these forms:
/// `{ question = "q", is = "option" }` or `is = ["a", "b"]`;
/// `{ question = "q", at_least = 3 }` and/or `at_most` (scale and number answers);
/// `{ question = "q", answered = true }`;
/// `{ impact_level_at_least = 3 }` and/or `impact_level_at_most`;
/// `{ all = [...] }`, `{ any = [...] }`, `{ not = {...} }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[schemars(with = "Option<String>")]
    pub question: Option<Spanned<String>>,
    #[schemars(with = "Option<OneOrMany>")]
    pub is: Option<Spanned<OneOrMany>>,
    #[schemars(with = "Option<f64>")]
    pub at_least: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub at_most: Option<Spanned<f64>>,
    pub answered: Option<bool>,
    #[schemars(with = "Option<u8>")]
    pub impact_level_at_least: Option<Spanned<i64>>,
    #[schemars(with = "Option<u8>")]
    pub impact_level_at_most: Option<Spanned<i64>>,
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub all: Option<Vec<Spanned<RawCondition>>>,
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub any: Option<Vec<Spanned<RawCondition>>>,
    #[schemars(with = "Option<Box<RawCondition>>")]
    pub not: Option<Box<Spanned<RawCondition>>>,
}

/// One option id, or a list of them (any of which satisfies the condition).
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(#[schemars(with = "Vec<String>")] Vec<Spanned<String>>),
}

impl OneOrMany {
    /// The ids with their positions; a lone string takes the position of the whole value.
    pub fn items(&self, whole: std::ops::Range<usize>) -> Vec<Spanned<String>> {
        match self {
            Self::One(one) => vec![Spanned::new(whole, one.clone())],
            Self::Many(many) => many.clone(),
        }
    }
}

// Written by hand because serde's untagged enums buffer their input, which loses the
// positions `Spanned` needs.
impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option id or a list of option ids")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawImpact {
    /// Impact levels, numbered from 1, covering 0-100% of the maximum raw impact score.
    #[serde(default)]
    pub level: Vec<RawLevel>,
    pub mitigation: Option<RawMitigation>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    #[schemars(with = "u8")]
    pub level: Spanned<i64>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Lower bound, percent of the maximum raw impact score (inclusive).
    #[schemars(with = "f64")]
    pub from: Spanned<f64>,
    /// Upper bound, percent (exclusive, except 100 on the top level).
    #[schemars(with = "f64")]
    pub to: Spanned<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMitigation {
    /// Percent of the mitigation questions' points that triggers the reduction.
    #[schemars(with = "f64")]
    pub threshold: Spanned<f64>,
    /// Percent by which the raw impact score is then reduced.
    #[schemars(with = "f64")]
    pub reduction: Spanned<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The overall score needed at each impact level, level 1 first.
    #[schemars(with = "Vec<f64>")]
    pub min_score: Spanned<Vec<Spanned<f64>>>,
}
