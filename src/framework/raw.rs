//! The framework file exactly as written: serde types that keep the position of every value a
//! lint may need to point at. Nothing here is checked beyond TOML types and known keys; the
//! validator turns a [`RawFramework`] into a trusted [`super::Framework`].

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::rules::{Basis, Bounds, Category, Rounding};
use super::stage::Stage;

/// A coopai framework: principles, questions, an impact profile and outcome bands.
/// The format is documented in docs/framework-format.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "coopai framework")]
pub struct RawFramework {
    /// Who wrote the framework and which version this is.
    pub framework: RawMeta,
    /// Who answers: the respondent roles, the lead role (whose answers file is the
    /// assessment) first. Optional; without roles, one lead respondent answers everything.
    #[serde(default)]
    pub role: Vec<RawRole>,
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
    /// Questions and options renamed since an earlier version: answers written for that
    /// version load under the new ids, with a warning for each.
    #[serde(default)]
    pub moved: Vec<super::moves::RawMove>,
    /// Questions of an earlier version that this one no longer asks, and why.
    #[serde(default)]
    pub removed: Vec<super::moves::RawRemoved>,
    /// Which answers and assessment metadata fill which field of a draft Algorithmic
    /// Transparency Recording Standard (ATRS) record (`coopai export atrs`), one table a field.
    #[serde(default)]
    pub atrs: Vec<RawAtrs>,
    /// Which answers a case study for the network quotes (`coopai export case-study`), by
    /// section. Optional: without it, a case study quotes no answers and says so.
    pub case_study: Option<RawCaseStudy>,
}

/// `[case_study]`: the questions whose answers each section of a case study quotes, in order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCaseStudy {
    /// "What the system does and why".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub purpose: Vec<Spanned<String>>,
    /// "What residents changed".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub residents: Vec<Spanned<String>>,
    /// "What staff changed".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub staff: Vec<Spanned<String>>,
    /// "What was learned".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub learned: Vec<Spanned<String>>,
}

/// `[[atrs]]`: one field of a draft transparency record and what fills it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAtrs {
    /// The field, by reference number ("2.3.4") or attribute name
    /// ("human_decisions_and_review"); docs/atrs.md lists them.
    #[schemars(with = "String")]
    pub field: Spanned<String>,
    /// Assessment metadata that fills it, in order, before any answers.
    #[serde(default)]
    pub meta: Vec<super::atrs::MetaSource>,
    /// Questions whose answers and evidence fill it, in order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub from: Vec<Spanned<String>>,
    /// Introduces the answers in the record, instead of each question's prompt.
    pub label: Option<String>,
}

/// `[[role]]`: a kind of respondent, such as frontline staff or residents.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    /// Stable identifier; questions name it in `roles` and `answer_from`, responses in
    /// `[respondent] role`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The role as reports show it, e.g. "Frontline staff".
    pub name: String,
    /// Who takes this role, for the person inviting respondents.
    #[serde(default)]
    pub description: String,
}

/// `[framework]`: what the framework is and which version.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Stable identifier, lower-case letters, digits, `-` and `_`; reports name it.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The framework's name, as reports show it.
    pub title: String,
    /// Semantic version (MAJOR.MINOR.PATCH); bump it whenever the content changes.
    #[schemars(with = "String", regex(pattern = r"^[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$"))]
    pub version: Spanned<String>,
    /// What the framework is for, in a sentence or two.
    #[serde(default)]
    pub summary: String,
    /// Where the framework comes from: the body that wrote it, and when.
    #[serde(default)]
    pub provenance: String,
}

/// `[[principle]]`: something an assessment is scored on.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrinciple {
    /// Stable identifier; questions name it in `principle`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The principle's name, as reports show it.
    pub title: String,
    /// The CCIN principle this expresses, by name.
    #[serde(default)]
    pub ccin_principle: String,
    /// ICA co-operative values it draws on, e.g. "democracy", "openness".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ica_values: Vec<Spanned<String>>,
    /// Share of the overall score relative to other principles (default 1).
    #[schemars(with = "Option<f64>", range(min = 0))]
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

    /// The kind in words, for messages: "single-choice".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Single => "single-choice",
            Self::Multiple => "multiple-choice",
            Self::YesNo => "yes/no",
            Self::Scale => "scale",
            Self::Number => "number",
            Self::Text => "free-text",
        }
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

/// `[[question]]`: one question of the assessment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable identifier, used as the key in answers files.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The principle it is scored against (every question but risk questions).
    #[schemars(with = "Option<String>")]
    pub principle: Option<Spanned<String>>,
    /// Its part in the impact profile: `risk` or `mitigation` (default: none).
    #[schemars(with = "Option<ImpactRole>")]
    pub impact: Option<Spanned<ImpactRole>>,
    /// The assessment area it covers, e.g. "explainability".
    pub area: Option<String>,
    /// How the question is answered.
    #[schemars(with = "QuestionKind")]
    pub kind: Spanned<QuestionKind>,
    /// The question as the person answering reads it.
    #[schemars(with = "String")]
    pub prompt: Spanned<String>,
    /// Why the question is asked and what good looks like.
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<String>>,
    /// Multiplies the question's points within its principle (default 1).
    #[schemars(with = "Option<f64>", range(min = 0))]
    pub weight: Option<Spanned<f64>>,
    /// Its points count only as earned (default false): an answer adds what it earns both to
    /// what its principle earned and to what was available, so the question can raise a
    /// score but never lower it. For follow-ups that a better answer switches on.
    #[schemars(with = "Option<bool>")]
    pub bonus: Option<Spanned<bool>>,
    /// Whether an assessment is incomplete without it (default true).
    pub required: Option<bool>,
    /// Whether it may be answered "not known" (default true): an officer who has asked and
    /// cannot find out says so, and gets a recommendation to find out. Set false where not
    /// knowing makes no sense.
    #[schemars(with = "Option<bool>")]
    pub not_known: Option<Spanned<bool>>,
    /// Laws, standards and guidance behind the question.
    #[serde(default)]
    pub references: Vec<String>,
    /// For scale and number questions: shown when the answer earns less than full points.
    pub recommendation: Option<String>,
    /// What acting on its recommendations secures: a legal or safety `safeguard`, or a
    /// co-operative `practice` (default).
    #[serde(default)]
    pub category: Category,
    /// For scale questions: the points a top answer earns (default max - min).
    #[schemars(with = "Option<f64>", range(min = 0))]
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
    /// For single, multiple and yes/no questions: the answers to choose from.
    /// The respondent roles asked this question besides the lead role, which answers every
    /// question.
    #[schemars(with = "Option<Vec<String>>")]
    pub roles: Option<Spanned<Vec<Spanned<String>>>>,
    /// The prompt as a role is asked it, where the question's own prompt does not read
    /// right, keyed by role id.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub wording: std::collections::BTreeMap<Spanned<String>, String>,
    /// The role whose combined answer scores the question once anyone in it has responded;
    /// the lead's answer is then shown beside it as the lead's estimate.
    #[schemars(with = "Option<String>")]
    pub answer_from: Option<Spanned<String>>,
    #[serde(default)]
    pub option: Vec<RawOption>,
    /// For number questions: the points of the highest `at_least` the answer reaches.
    #[serde(default)]
    pub range: Vec<RawRange>,
}

/// `[[question.option]]`: one answer to a choice question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Identifier, unique within the question; answers files and conditions use it.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The answer as the person answering reads it.
    pub label: String,
    /// Points the option earns (default 0).
    #[schemars(with = "Option<f64>", range(min = 0))]
    pub points: Option<Spanned<f64>>,
    /// What to do about it. Single choice: shown when chosen and short of full points.
    /// Multiple choice: shown when not chosen.
    pub recommendation: Option<String>,
    /// Risk questions only: choosing the option sets the impact level to at least this.
    #[schemars(with = "Option<u8>", range(min = 1))]
    pub min_impact_level: Option<Spanned<i64>>,
    /// Choosing the option blocks the assessment, whatever the score.
    pub red_line: Option<RawRedLine>,
    /// The category of this option's recommendation, when not the question's.
    pub category: Option<Category>,
}

/// `[question.option.red_line]`: choosing the option blocks the assessment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRedLine {
    /// What is not acceptable, as reports show it.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The red line applies only when this also holds.
    #[schemars(with = "Option<RawCondition>")]
    pub when: Option<Spanned<RawCondition>>,
}

/// `scale = { min, max }`: the whole numbers a scale question accepts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    /// The lowest answer; it earns no points.
    #[schemars(with = "i64")]
    pub min: Spanned<i64>,
    /// The highest answer; it earns the question's `points`.
    #[schemars(with = "i64")]
    pub max: Spanned<i64>,
    /// What the lowest answer means, e.g. "Not at all".
    pub min_label: Option<String>,
    /// What the highest answer means, e.g. "Fully".
    pub max_label: Option<String>,
}

/// `number = { min, max, unit }`: the values a number question accepts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNumber {
    /// The lowest value accepted (default: no limit).
    pub min: Option<f64>,
    /// The highest value accepted (default: no limit).
    pub max: Option<f64>,
    /// What is counted, e.g. "residents".
    pub unit: Option<String>,
}

/// `[[question.range]]`: points for number answers from `at_least` up to the next range.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    /// The lowest value in the range; ranges are listed with increasing `at_least`.
    #[schemars(with = "f64")]
    pub at_least: Spanned<f64>,
    /// Points an answer in the range earns (default 0).
    #[schemars(with = "Option<f64>", range(min = 0))]
    pub points: Option<Spanned<f64>>,
    /// What the range means, e.g. "1,000 or more".
    pub label: Option<String>,
    /// Shown when the answer falls in this range and earns less than the most points.
    pub recommendation: Option<String>,
}

/// A condition, written as exactly one of these forms:
/// `{ question = "q", is = "option" }` or `is = ["a", "b"]`;
/// `{ question = "q", at_least = 3 }` and/or `at_most` (scale and number answers);
/// `{ question = "q", answered = true }`;
/// `{ impact_level_at_least = 3 }` and/or `impact_level_at_most`;
/// `{ stage = "live" }` or `stage = ["pilot", "live"]`;
/// `{ all = [...] }`, `{ any = [...] }`, `{ not = {...} }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// The question whose answer is tested, with `is`, `at_least` / `at_most` or `answered`.
    #[schemars(with = "Option<String>")]
    pub question: Option<Spanned<String>>,
    /// Holds when any of these options was chosen.
    #[schemars(with = "Option<OneOrMany>")]
    pub is: Option<Spanned<OneOrMany>>,
    /// Holds when the scale or number answer is at least this.
    #[schemars(with = "Option<f64>")]
    pub at_least: Option<Spanned<f64>>,
    /// Holds when the scale or number answer is at most this.
    #[schemars(with = "Option<f64>")]
    pub at_most: Option<Spanned<f64>>,
    /// Holds when the question was answered (true) or was not (false).
    pub answered: Option<bool>,
    /// Holds when the impact level is at least this.
    #[schemars(with = "Option<u8>", range(min = 1))]
    pub impact_level_at_least: Option<Spanned<i64>>,
    /// Holds when the impact level is at most this.
    #[schemars(with = "Option<u8>", range(min = 1))]
    pub impact_level_at_most: Option<Spanned<i64>>,
    /// Holds when the assessment records any of these lifecycle stages.
    #[schemars(with = "Option<StageOrStages>")]
    pub stage: Option<Spanned<OneOrMany>>,
    /// Holds when every one of these conditions holds.
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub all: Option<Vec<Spanned<RawCondition>>>,
    /// Holds when at least one of these conditions holds.
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub any: Option<Vec<Spanned<RawCondition>>>,
    /// Holds when this condition does not.
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

/// The schema of a condition's `stage`: one stage, or a list of them.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum StageOrStages {
    One(Stage),
    Many(Vec<Stage>),
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
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
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

/// `[impact]`: the impact profile.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawImpact {
    /// Impact levels, numbered from 1, covering 0-100% of the maximum raw impact score.
    #[serde(default)]
    pub level: Vec<RawLevel>,
    /// Lowers the raw impact score when mitigation questions score well.
    pub mitigation: Option<RawMitigation>,
    /// How the raw impact score is rounded before levels are cut: `none` (default) or
    /// `half-up`, to a whole number.
    #[schemars(with = "Option<Rounding>")]
    pub rounding: Option<Spanned<Rounding>>,
    /// Which end of each level's range belongs to it: `from-inclusive` (default) or
    /// `to-inclusive`.
    #[schemars(with = "Option<Bounds>")]
    pub bounds: Option<Spanned<Bounds>>,
    /// From this impact level up, safeguard recommendations rank above practice ones.
    #[schemars(with = "Option<u8>", range(min = 1))]
    pub safeguards_first_from: Option<Spanned<i64>>,
}

/// `[[impact.level]]`: one impact level and the share of the raw score it covers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// The level's number: 1, 2, ... in the order written.
    #[schemars(with = "u8", range(min = 1))]
    pub level: Spanned<i64>,
    /// The level's name, e.g. "Moderate".
    pub name: String,
    /// What the level means for the people affected.
    #[serde(default)]
    pub description: String,
    /// Lower bound, percent of the maximum raw impact score (inclusive, unless
    /// `bounds = "to-inclusive"`).
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub from: Spanned<f64>,
    /// Upper bound, percent (exclusive, except 100 on the top level, unless
    /// `bounds = "to-inclusive"`).
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub to: Spanned<f64>,
}

/// `[impact.mitigation]`: the mitigation rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMitigation {
    /// Percent of the mitigation questions' points that triggers the reduction.
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub threshold: Spanned<f64>,
    /// What the threshold is a share of: the points of the mitigation questions that apply
    /// (`applicable`, the default), or of every mitigation question, asked or not (`all`).
    #[serde(default)]
    pub basis: Basis,
    /// Percent by which the raw impact score is then reduced.
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub reduction: Spanned<f64>,
}

/// `[[band]]`: an outcome, such as "proceed"; bands are listed best first.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    /// Stable identifier; reports name it.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub id: Spanned<String>,
    /// The outcome as reports show it, e.g. "Proceed with conditions".
    pub name: String,
    /// What the outcome means for the project.
    #[serde(default)]
    pub description: String,
    /// The overall score needed at each impact level, level 1 first.
    #[schemars(with = "Vec<f64>")]
    pub min_score: Spanned<Vec<Spanned<f64>>>,
    /// The share (percent) of the points of the questions with `category = "safeguard"` that
    /// apply needed at each impact level, level 1 first, as well as `min_score`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<f64>>")]
    pub min_safeguards: Option<Spanned<Vec<Spanned<f64>>>>,
}
