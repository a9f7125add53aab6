//! The Report: everything a renderer shows, computed once by scoring. Its JSON form is a
//! stable, documented contract (docs/report-format.md), so field names never change lightly.

use serde::{Deserialize, Serialize};

use crate::assessment::Impact;
use crate::framework::{Category, Stage};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub framework: FrameworkInfo,
    pub assessment: AssessmentInfo,
    pub overall: Overall,
    /// 1 (lowest) to the framework's highest level.
    pub impact_level: u8,
    pub impact: Impact,
    pub principles: Vec<PrincipleScore>,
    pub red_lines: Vec<RedLineHit>,
    /// Red lines that answers still to come could cross: on questions unanswered or answered
    /// "not known", or whose crossing depends on such answers.
    #[serde(default)]
    pub possible_red_lines: Vec<PossibleRedLine>,
    /// Ranked: what could cross a red line first, then the most overall score recovered.
    pub recommendations: Vec<Recommendation>,
    /// Applicable questions without an answer.
    pub unanswered: Vec<Unanswered>,
    /// Applicable questions answered "not known".
    #[serde(default)]
    pub not_known: Vec<Unanswered>,
    /// Questions answered in the file that do not apply; kept, never scored.
    pub not_applicable: Vec<String>,
    /// Every question that applies or was answered, in interview order.
    pub answers: Vec<AnswerLine>,
    /// What other respondents said, when responses were combined ([`super::score_with`]);
    /// absent otherwise, so a report without responses is as it always was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views: Option<super::views::Views>,
}

impl Report {
    /// The score a `--fail-under` gate compares: while the outcome is provisional, the lowest
    /// the blanks allow, so a gate is never passed by leaving questions blank.
    pub fn worst_case_score(&self) -> f64 {
        if self.overall.provisional {
            self.overall.range.low
        } else {
            self.overall.score
        }
    }

    /// The red lines a `--deny-red-lines` gate counts: those crossed, and those a blank or a
    /// not-known answer leaves open.
    pub fn worst_case_red_lines(&self) -> usize {
        self.red_lines.len() + self.possible_red_lines.len()
    }

    /// The score of the principle with this id, when it has one.
    pub fn principle_score(&self, id: &str) -> Option<f64> {
        self.principles
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.score)
    }

    /// A principle's title by id, for section headings; `None` is the impact profile.
    pub fn principle_title<'a>(&'a self, id: Option<&'a str>) -> &'a str {
        match id {
            None => "Impact profile",
            Some(id) => self
                .principles
                .iter()
                .find(|p| p.id == id)
                .map_or(id, |p| p.title.as_str()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub sha256: String,
}

impl FrameworkInfo {
    pub fn of(fw: &crate::framework::Framework) -> Self {
        Self {
            id: fw.id.clone(),
            title: fw.title.clone(),
            version: fw.version.clone(),
            sha256: fw.sha256.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentInfo {
    pub system: String,
    pub council: String,
    pub description: String,
    pub assessor: String,
    pub date: String,
    pub status: String,
    /// The lifecycle stage recorded; null when none is.
    #[serde(default)]
    pub stage: Option<Stage>,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    /// The outcome is provisional: applicable required questions are unanswered. First, so
    /// that nothing reading the JSON meets a band before it meets this.
    #[serde(default)]
    pub provisional: bool,
    /// 0-100, one decimal place, blanks earning nothing.
    pub score: f64,
    /// Id of the outcome band.
    pub band: String,
    pub band_name: String,
    /// Every required applicable question is answered.
    pub complete: bool,
    /// The lowest and highest score that answers to the blanks could give.
    #[serde(default)]
    pub range: ScoreRange,
    /// The share (0-100, one decimal place, blanks earning nothing) of the points of the
    /// safeguard questions that apply, which a band's `min_safeguards` is compared with;
    /// absent when no safeguard question applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguards: Option<f64>,
    /// The bands the outcome could still end in, best first; one when it is certain.
    #[serde(default)]
    pub bands_possible: Vec<BandRef>,
    /// Applicable questions answered, and applicable questions, required and optional alike.
    pub answered: usize,
    pub applicable: usize,
    #[serde(default)]
    pub required: Count,
    #[serde(default)]
    pub optional: Count,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreRange {
    pub low: f64,
    pub high: f64,
}

/// Applicable questions of one kind (required or optional): how many are answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub answered: usize,
    pub applicable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleScore {
    pub id: String,
    pub title: String,
    pub weight: f64,
    /// 0-100; null when no scored question applies.
    pub score: Option<f64>,
    /// Weighted points earned and available on the questions that apply.
    pub earned: f64,
    pub available: f64,
    /// Applicable questions answered, and applicable questions.
    pub answered: usize,
    pub applicable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedLineHit {
    pub question: String,
    pub option: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PossibleRedLine {
    pub question: String,
    pub option: String,
    pub title: String,
    /// Why it is open: `unanswered`, `not_known`, or `depends` (the answer is given, but
    /// whether the red line applies depends on answers still to come).
    pub open: Openness,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Openness {
    Unanswered,
    NotKnown,
    Depends,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub question: String,
    /// None for impact-profile questions.
    pub principle: Option<String>,
    pub text: String,
    /// Overall score points recovered by acting on it: for a gap, the most its answer could
    /// recover.
    pub gain: f64,
    /// Acting on it removes a red line that is crossed; such recommendations rank first.
    #[serde(default)]
    pub clears_red_line: bool,
    /// What it is about: an answer given (`answer`), a question unanswered (`unanswered`) or
    /// answered "not known" (`not_known`).
    #[serde(default)]
    pub about: About,
    /// The question's answer, once found out, could cross a red line; ranks right after
    /// those that clear one.
    #[serde(default)]
    pub could_cross_red_line: bool,
    /// What acting on it secures: a legal or safety `safeguard`, or a co-operative `practice`.
    /// From the framework's `safeguards_first_from` level up, safeguards rank above practices.
    #[serde(default)]
    pub category: Category,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    #[default]
    Answer,
    Unanswered,
    NotKnown,
}

/// An applicable question that is unanswered, or answered "not known".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unanswered {
    pub question: String,
    pub principle: Option<String>,
    pub prompt: String,
    pub required: bool,
    /// One of its options is a red line that could apply.
    #[serde(default)]
    pub could_cross_red_line: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerLine {
    pub question: String,
    /// None for impact-profile questions.
    pub principle: Option<String>,
    pub area: Option<String>,
    pub prompt: String,
    pub applies: bool,
    /// The answer in words (option labels, or the value); empty when unanswered.
    pub answer: String,
    /// Option ids or the value, as written in the answers file; null when unanswered.
    pub value: Option<serde_json::Value>,
    /// Points earned, before the question weight; null when unanswered or not applicable.
    pub points: Option<f64>,
    pub max_points: f64,
    pub weight: f64,
    pub evidence: String,
    /// The evidence (or note) is marked private in the answers file: shown in the council's
    /// own reports, never published. Absent when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub private: bool,
}

/// For `skip_serializing_if`: fields that are false are left out of the JSON.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
