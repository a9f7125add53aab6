//! The views as a report carries them: what respondents besides the lead said, combined. Part
//! of the JSON report's contract (docs/report-format.md#views), so field names never change
//! lightly. Everything here is counts and summaries: no file names, pseudonyms or evidence,
//! and free text only when it was asked for.

use serde::{Deserialize, Serialize};

use crate::framework::QuestionKind;

/// What the respondents said, by role, beside the lead's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Views {
    pub respondents: Respondents,
    /// Questions asked of a role besides the lead's and answered by at least one respondent:
    /// the flagged ones first, then the rest, each in interview order.
    pub questions: Vec<QuestionView>,
    /// Every question that takes its answer from a role, in interview order: whose answer
    /// scored it.
    pub answer_from: Vec<AnswerSource>,
    /// Every principle, in framework order: the report's score beside each role's spread.
    pub principles: Vec<PrincipleSpread>,
    /// Whether respondents' free-text answers are included (`comments`). They are left out
    /// unless asked for, since they can identify people.
    pub comments_included: bool,
}

impl Views {
    /// The lead role's name, as the views call the lead's answers ("The lead" when the
    /// framework declares no roles).
    pub fn lead_name(&self) -> &str {
        self.respondents
            .roles
            .iter()
            .find(|r| r.lead)
            .map_or("The lead", |r| r.name.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Respondents {
    /// Everyone whose answers are combined: the lead, and every response in a declared role.
    pub total: u64,
    /// Every role the framework declares, in its order (the lead role first).
    pub roles: Vec<RoleCount>,
    /// Responses combined: every respondent but the lead.
    pub responses: u64,
    /// Responses left out because the framework declares no such role.
    pub ignored: u64,
    /// A digest of the sha256 of every response combined, whatever order they were read in
    /// (docs/scoring.md#the-responses-digest), so the responses can be checked later.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleCount {
    pub role: String,
    pub name: String,
    /// The lead role: its count includes the lead, as one.
    pub lead: bool,
    pub count: u64,
}

/// An answer: as written in an answers file, and in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Given {
    /// An option id, a list of them, a number, or "not known".
    pub value: serde_json::Value,
    /// The answer in words, as the report's `answers` give it.
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub question: String,
    /// None for impact-profile questions.
    pub principle: Option<String>,
    pub prompt: String,
    pub kind: QuestionKind,
    /// Its answers have an order (options by points, scale values, number ranges), so each
    /// role has a median and an interquartile range.
    pub ordered: bool,
    /// It applies to this assessment.
    pub applies: bool,
    pub flagged: bool,
    /// Why it is flagged, a sentence each; empty when it is not.
    pub reasons: Vec<String>,
    /// The lead's own answer; null when the lead has not answered.
    pub lead: Option<Given>,
    /// The role whose combined answer scores the question, when it takes its answer from one.
    pub answer_from: Option<String>,
    /// Every role asked the question, in framework order.
    pub roles: Vec<RoleAnswers>,
}

/// One role's answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleAnswers {
    pub role: String,
    pub name: String,
    /// Respondents in the role who answered, "not known" included.
    pub answered: u64,
    pub not_known: u64,
    /// How many chose each option (framework order), gave each scale value, or gave a number
    /// in each range (the lowest first); empty for a free-text question.
    pub counts: Vec<AnswerCount>,
    /// Ordered questions: the median answer (of two middle answers, the lower).
    pub median: Option<Given>,
    /// Ordered questions: the interquartile range.
    pub iqr: Option<Iqr>,
    /// Percent (one decimal place) of the answers other than "not known" that agree: within
    /// one step of the median on an ordered question (the median itself where there are only
    /// two possible answers), the most common answer otherwise. Null when there are none.
    pub agreement: Option<f64>,
    /// What the role says as one: the median, the most common answer, or for multiple
    /// choice the options chosen by at least half; "not known" when that is every answer.
    pub combined: Option<Given>,
    /// Steps between the lead's answer and `combined`: places in the order of an ordered
    /// question, options chosen or not for multiple choice. Null when either is missing.
    pub lead_steps: Option<u64>,
    /// Free-text answers, sorted, when comments are included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerCount {
    /// The option id, the scale value, or the range's `at_least` (null: below every range).
    pub value: serde_json::Value,
    pub label: String,
    pub count: u64,
}

/// The answers at the first and third quartiles, and how many steps apart they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Iqr {
    pub low: Given,
    pub high: Given,
    pub steps: u64,
}

/// Which answer scored a question that takes its answer from a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerSource {
    pub question: String,
    /// None for impact-profile questions.
    pub principle: Option<String>,
    pub prompt: String,
    pub role: String,
    pub role_name: String,
    /// Respondents in the role who answered it, "not known" included.
    pub respondents: u64,
    /// The role's combined answer scored it; false when no one in the role has answered (or
    /// it is free text), so the lead's answer scored it.
    pub used: bool,
    /// How the answer was reached, in words.
    pub how: String,
    /// The answer that scored it; null when none did (the lead has not answered either).
    pub answer: Option<Given>,
    /// The lead's own answer, shown as the lead's estimate; null when the lead has not
    /// answered.
    pub lead_estimate: Option<Given>,
}

/// One principle's score beside what each role's respondents would score it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleSpread {
    pub id: String,
    pub title: String,
    /// The principle's score in this report; null when no scored question applies.
    pub score: Option<f64>,
    /// Every role asked a scored question of the principle, in framework order.
    pub roles: Vec<RoleSpread>,
}

/// The spread of one role's respondents' scores of a principle (0-100, to 0.1): each
/// respondent scored over the questions they answered that apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSpread {
    pub role: String,
    pub name: String,
    /// Respondents with a score: who answered a scored question of the principle that applies.
    pub count: u64,
    pub low: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub high: Option<f64>,
    /// More of the principle's questions asked of the role have conditions than are followed
    /// one by one, so some are counted whenever answered, whether they apply or not.
    #[serde(default, skip_serializing_if = "crate::scoring::report::is_false")]
    pub approximate: bool,
}
