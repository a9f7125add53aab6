//! The validated framework. Every id it holds resolves, conditions are acyclic and the impact
//! levels and bands cover their ranges, so scoring never has to check again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::moves::Moves;
pub use super::raw::{ImpactRole, QuestionKind};
use super::rules::is_default;
pub use super::rules::{Basis, Bounds, Category, Rounding};

/// Made only by validation, or read back from validation's output (the embedded framework's
/// compiled form), so it is deliberately not `Deserialize`: the lookups it holds must agree
/// with its questions.
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub version: String,
    pub summary: String,
    pub provenance: String,
    /// sha256 of the file's bytes, so reports can name exactly what they were scored against.
    pub sha256: String,
    /// Respondent roles, the lead role first; empty when one lead respondent answers all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    pub principles: Vec<Principle>,
    pub questions: Vec<Question>,
    pub impact: ImpactProfile,
    pub bands: Vec<Band>,
    /// How answers written for earlier versions load under this one.
    #[serde(skip_serializing_if = "Moves::is_empty")]
    pub moves: Moves,
    /// What fills each field of a draft transparency record (ATRS), in the file's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub atrs: Vec<super::atrs::Mapping>,
    /// Which answers a case study quotes, by section.
    #[serde(default, skip_serializing_if = "CaseStudyQuestions::is_empty")]
    pub case_study: CaseStudyQuestions,
    #[serde(skip)]
    pub(crate) index: Index,
}

/// A validated `[case_study]` table: question ids, each a question of the framework, whose
/// answers a case study quotes in each section, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStudyQuestions {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purpose: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residents: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learned: Vec<String>,
}

impl CaseStudyQuestions {
    /// Each section: its key in `[case_study]`, what it tells in a case study, and its
    /// questions.
    pub fn sections(&self) -> [(&'static str, &'static str, &[String]); 4] {
        [
            ("purpose", "What the system does and why", &self.purpose),
            ("residents", "What residents changed", &self.residents),
            ("staff", "What staff changed", &self.staff),
            ("learned", "What was learned", &self.learned),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.sections().iter().all(|(_, _, ids)| ids.is_empty())
    }
}

/// Lookups built once at validation time.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub question: HashMap<String, usize>,
    pub principle: HashMap<String, usize>,
    /// Question indices in an order where every question comes after those its condition
    /// reads, and after the impact level when it reads that.
    pub evaluation_order: Vec<Step>,
}

impl Index {
    pub fn new(
        questions: &[Question],
        principles: &[Principle],
        evaluation_order: Vec<Step>,
    ) -> Self {
        Self {
            question: questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.clone(), i))
                .collect(),
            principle: principles
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            evaluation_order,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Step {
    Question(usize),
    ImpactLevel,
}

/// A kind of respondent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    pub title: String,
    pub ccin_principle: String,
    pub ica_values: Vec<String>,
    pub weight: f64,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    /// None only for impact-profile risk questions.
    pub principle: Option<String>,
    pub impact: Option<ImpactRole>,
    pub area: Option<String>,
    pub kind: QuestionKind,
    pub prompt: String,
    pub help: String,
    pub weight: f64,
    /// Its points count only as earned: what it could earn beyond that is not available.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bonus: bool,
    pub required: bool,
    /// Whether "not known" is an accepted answer.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub not_known: bool,
    pub references: Vec<String>,
    pub recommendation: Option<String>,
    /// A legal or safety safeguard, or a co-operative practice.
    #[serde(default, skip_serializing_if = "is_default")]
    pub category: Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<NumberSpec>,
    /// Roles asked besides the lead role, which answers every question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The prompt as a role is asked it, by role id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub wording: std::collections::BTreeMap<String, String>,
    /// The role whose combined answer scores the question once anyone in it has responded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub points: f64,
    pub recommendation: Option<String>,
    pub min_impact_level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub red_line: Option<RedLine>,
    /// Overrides the question's category for this option's recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RedLine {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    /// Points for an answer of `max`; an answer earns its linear share.
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberSpec {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    /// Sorted by `at_least`, strictly increasing.
    pub ranges: Vec<NumberRange>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberRange {
    pub at_least: f64,
    pub points: f64,
    pub label: Option<String>,
    pub recommendation: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImpactProfile {
    /// Levels 1..=n in order; n is 1 when the framework has no impact profile.
    pub levels: Vec<ImpactLevel>,
    pub mitigation: Option<Mitigation>,
    /// The sum of every risk question's maximum points.
    pub max_raw_score: f64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub rounding: Rounding,
    #[serde(default, skip_serializing_if = "is_default")]
    pub bounds: Bounds,
    /// From this level up, safeguard recommendations rank above practice ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguards_first_from: Option<u8>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImpactLevel {
    pub level: u8,
    pub name: String,
    pub description: String,
    /// Percent of `max_raw_score`; which end is included, `ImpactProfile::bounds` says.
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Mitigation {
    pub threshold: f64,
    pub reduction: f64,
    #[serde(default, skip_serializing_if = "is_default")]
    pub basis: Basis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Band {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Score needed at impact level i + 1.
    pub min_score: Vec<f64>,
    /// Share of the safeguard questions' points needed at impact level i + 1, when the band
    /// asks for one: a high overall score cannot make up for missing safeguards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_safeguards: Option<Vec<f64>>,
}

impl Framework {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.question.get(id).map(|&i| &self.questions[i])
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.index.question.get(id).copied()
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.index.principle.get(id).map(|&i| &self.principles[i])
    }

    pub(crate) fn evaluation_order(&self) -> &[Step] {
        &self.index.evaluation_order
    }

    /// Questions scored against one principle, in framework order.
    pub fn questions_of<'a>(&'a self, principle: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.principle.as_deref() == Some(principle))
    }

    /// The scored questions whose category is `safeguard`, in framework order: what a band's
    /// `min_safeguards` is a share of.
    pub fn safeguard_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.principle.is_some() && q.category == Category::Safeguard)
    }

    /// The lead role: the one whose answers file is the assessment.
    pub fn lead_role(&self) -> Option<&Role> {
        self.roles.first()
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The questions a respondent in `role` is asked, in interview order: every question
    /// for the lead role.
    pub fn questions_for<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Question> {
        let lead = self.lead_role().is_none_or(|r| r.id == role);
        self.interview_order()
            .into_iter()
            .filter(move |q| lead || q.roles.iter().any(|r| r == role))
    }

    /// The impact-profile (risk) questions, in framework order.
    pub fn profile_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.impact == Some(ImpactRole::Risk))
    }

    /// The section a question is asked in: its principle's title, or "Impact profile".
    pub fn section_title<'a>(&'a self, q: &'a Question) -> &'a str {
        match &q.principle {
            None => "Impact profile",
            Some(id) => self.principle(id).map_or(id.as_str(), |p| p.title.as_str()),
        }
    }

    /// Impact profile first, then each principle's questions, in framework order: the order
    /// the interview asks them, answers files list them and reports show them.
    pub fn interview_order(&self) -> Vec<&Question> {
        self.profile_questions()
            .chain(
                self.principles
                    .iter()
                    .flat_map(|p| self.questions_of(&p.id)),
            )
            .collect()
    }

    /// Every option that carries a red line, with its question, in framework order.
    pub fn red_lines(&self) -> impl Iterator<Item = (&Question, &Choice)> {
        self.questions.iter().flat_map(|q| {
            q.options
                .iter()
                .filter(|o| o.red_line.is_some())
                .map(move |o| (q, o))
        })
    }

    pub fn red_line_count(&self) -> usize {
        self.red_lines().count()
    }

    pub fn level(&self, level: u8) -> Option<&ImpactLevel> {
        self.impact.levels.iter().find(|l| l.level == level)
    }

    /// The lowest band: the one a red line forces.
    pub fn lowest_band(&self) -> &Band {
        // Validation guarantees at least one band.
        &self.bands[self.bands.len() - 1]
    }
}

impl Question {
    /// The prompt as `role` is asked it: its `wording` for the role, or the prompt.
    pub fn prompt_for(&self, role: &str) -> &str {
        self.wording.get(role).map_or(&self.prompt, String::as_str)
    }

    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn option_ids(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.id.as_str()).collect()
    }

    /// The most points an answer can earn (before the question weight).
    pub fn max_points(&self) -> f64 {
        match self.kind {
            QuestionKind::Single | QuestionKind::YesNo => {
                self.options.iter().map(|o| o.points).fold(0.0, f64::max)
            }
            QuestionKind::Multiple => self.options.iter().map(|o| o.points).sum(),
            QuestionKind::Scale => self.scale.as_ref().map_or(0.0, |s| s.points),
            QuestionKind::Number => self.number.as_ref().map_or(0.0, |n| {
                n.ranges.iter().map(|r| r.points).fold(0.0, f64::max)
            }),
            QuestionKind::Text => 0.0,
        }
    }

    pub fn is_scored(&self) -> bool {
        self.principle.is_some() && self.max_points() > 0.0
    }

    /// The points the question makes available to its principle (before the question
    /// weight), given what its answer earns (`None` when unanswered): its most points, or for
    /// a bonus question only what it earns.
    pub fn available(&self, earned: Option<f64>) -> f64 {
        if self.bonus {
            earned.unwrap_or(0.0)
        } else {
            self.max_points()
        }
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl RedLine {
    /// The title, with its condition when it has one: "… (when …)".
    pub fn words(&self) -> String {
        match &self.when {
            Some(when) => format!("{} (when {when})", self.title),
            None => self.title.clone(),
        }
    }
}

impl Scale {
    /// The ends with their labels: "1 (Not at all) to 5 (Fully)".
    pub fn range_words(&self) -> String {
        let label = |l: &Option<String>| l.as_ref().map_or(String::new(), |l| format!(" ({l})"));
        format!(
            "{}{} to {}{}",
            self.min,
            label(&self.min_label),
            self.max,
            label(&self.max_label)
        )
    }
}

impl NumberSpec {
    /// The range a value falls in: the one with the highest `at_least` not above it.
    pub fn range_for(&self, value: f64) -> Option<&NumberRange> {
        self.ranges.iter().rev().find(|r| value >= r.at_least)
    }
}
