//! What the form's script needs of the framework, embedded in the page as JSON: every
//! question's answer rules and condition (conditions may read questions the role is not
//! asked, and the impact level reads the risk questions), the evaluation order, the impact
//! profile, and the answers writer's layout for the role. The text people read is in the
//! page's HTML, not here, so nothing is sent twice.

use serde::Serialize;

use crate::assessment::{Layout, layout};
use crate::framework::model::Step;
use crate::framework::{Condition, Framework, ImpactRole, QuestionKind};

#[derive(Debug, Serialize)]
pub struct FormData<'a> {
    pub framework: FrameworkId<'a>,
    /// The role answering: the lead role's id (or `lead` in a framework without roles).
    pub role: &'a str,
    /// Whether the answers are the lead's (an assessment) rather than a response.
    pub lead: bool,
    /// Where the browser keeps the answers: `coopai-form:<sha256>:<role>`.
    pub storage_key: String,
    pub questions: Vec<Logic<'a>>,
    /// Question indices in evaluation order; -1 where the impact level is worked out.
    pub order: Vec<i64>,
    pub impact: Impact<'a>,
    pub layout: Layout,
}

#[derive(Debug, Serialize)]
pub struct FrameworkId<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub sha256: &'a str,
}

/// A question as conditions and the impact level read it.
#[derive(Debug, Serialize)]
pub struct Logic<'a> {
    pub id: &'a str,
    pub kind: QuestionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<ImpactRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<&'a Condition>,
    pub not_known: bool,
    pub options: Vec<OptionLogic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleLogic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<NumberLogic>,
}

#[derive(Debug, Serialize)]
pub struct OptionLogic<'a> {
    pub id: &'a str,
    pub points: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<u8>,
}

#[derive(Debug, Serialize)]
pub struct ScaleLogic {
    pub min: i64,
    pub max: i64,
    pub points: f64,
}

#[derive(Debug, Serialize)]
pub struct NumberLogic {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub ranges: Vec<RangeLogic>,
}

#[derive(Debug, Serialize)]
pub struct RangeLogic {
    pub at_least: f64,
    pub points: f64,
}

#[derive(Debug, Serialize)]
pub struct Impact<'a> {
    pub levels: Vec<Level>,
    pub bounds: &'a str,
    pub rounding: &'a str,
    pub max_raw_score: f64,
    pub mitigation: Option<Mitigation<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Level {
    pub level: u8,
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Serialize)]
pub struct Mitigation<'a> {
    pub threshold: f64,
    pub reduction: f64,
    pub basis: &'a str,
}

/// The role id the form stores and names answers under when the framework has no roles.
pub const LEAD_WITHOUT_ROLES: &str = "lead";

/// The data for the form of `role` (a respondent role) or of the lead (`None`).
pub fn form_data<'a>(fw: &'a Framework, role: Option<&'a str>) -> FormData<'a> {
    let role_id =
        role.unwrap_or_else(|| fw.lead_role().map_or(LEAD_WITHOUT_ROLES, |r| r.id.as_str()));
    FormData {
        framework: FrameworkId {
            id: &fw.id,
            version: &fw.version,
            sha256: &fw.sha256,
        },
        role: role_id,
        lead: role.is_none(),
        storage_key: format!("coopai-form:{}:{role_id}", fw.sha256),
        questions: fw.questions.iter().map(logic).collect(),
        order: fw
            .evaluation_order()
            .iter()
            .map(|step| match *step {
                Step::Question(i) => i64::try_from(i).unwrap_or(i64::MAX),
                Step::ImpactLevel => -1,
            })
            .collect(),
        impact: Impact {
            levels: fw
                .impact
                .levels
                .iter()
                .map(|l| Level {
                    level: l.level,
                    from: l.from,
                    to: l.to,
                })
                .collect(),
            bounds: fw.impact.bounds.name(),
            rounding: fw.impact.rounding.name(),
            max_raw_score: fw.impact.max_raw_score,
            mitigation: fw.impact.mitigation.map(|m| Mitigation {
                threshold: m.threshold,
                reduction: m.reduction,
                basis: m.basis.name(),
            }),
        },
        layout: layout(fw, role),
    }
}

fn logic(q: &crate::framework::Question) -> Logic<'_> {
    Logic {
        id: &q.id,
        kind: q.kind,
        impact: q.impact,
        when: q.when.as_ref(),
        not_known: q.not_known,
        options: q
            .options
            .iter()
            .map(|o| OptionLogic {
                id: &o.id,
                points: o.points,
                floor: o.min_impact_level,
            })
            .collect(),
        scale: q.scale.as_ref().map(|s| ScaleLogic {
            min: s.min,
            max: s.max,
            points: s.points,
        }),
        number: q.number.as_ref().map(|n| NumberLogic {
            min: n.min,
            max: n.max,
            ranges: n
                .ranges
                .iter()
                .map(|r| RangeLogic {
                    at_least: r.at_least,
                    points: r.points,
                })
                .collect(),
        }),
    }
}

/// The data as JSON that can sit inside a `<script type="application/json">` element: `<`
/// is written as its escape, so no text in it can close the element or open a comment.
pub fn to_json(data: &FormData<'_>) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(data)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
