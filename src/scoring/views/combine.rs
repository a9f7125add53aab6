//! The effective assessment: the lead's answers, except where a question takes its answer from
//! a role (`answer_from`) and someone in that role has answered it. Then the role's combined
//! answer scores the question, and everything downstream of the answers (which questions
//! apply, the impact level, principle scores, the range, the band, red lines and
//! recommendations) follows from it, because the effective assessment is what is scored.

use super::model::AnswerSource;
use super::summary::{given, summarise};
use super::tally::Tally;
use crate::assessment::{Answer, Assessment};
use crate::framework::Framework;

/// The assessment to score, and for every question that takes its answer from a role, in
/// interview order, which answer scored it.
pub(super) fn effective(
    fw: &Framework,
    lead: &Assessment,
    tally: &Tally,
) -> (Assessment, Vec<AnswerSource>) {
    let mut a = lead.clone();
    let mut sources = Vec::new();
    for q in fw.interview_order() {
        let Some(role_id) = &q.answer_from else {
            continue;
        };
        let Some(role) = fw.roles.iter().position(|r| &r.id == role_id) else {
            continue;
        };
        let role_name = fw.roles[role].name.clone();
        let index = fw.question_index(&q.id).unwrap_or_default();
        let own = lead.answers.get(&q.id);
        let lead_estimate = own.map(|answer| given(q, &answer.value));
        let tally = tally.answers.get(&(index, role));
        let summary = tally.map(|t| summarise(q, t, None));
        let respondents = tally.map_or(0, |t| t.answered);
        let (used, how) = match summary {
            Some(summary) => match summary.combined {
                Some(value) => {
                    let estimate = lead_estimate
                        .as_ref()
                        .map_or("none given".to_string(), |g| g.answer.clone());
                    let mut evidence = format!(
                        "The combined answer of {role_name}: {}. The lead's estimate: {estimate}.",
                        summary.how
                    );
                    let lead_evidence = own
                        .map(|answer| answer.evidence.as_str())
                        .or_else(|| lead.notes.get(&q.id).map(String::as_str))
                        .filter(|e| !e.is_empty());
                    if let Some(lead_evidence) = lead_evidence {
                        evidence.push_str(&format!(" The lead's evidence: {lead_evidence}"));
                    }
                    a.answers.insert(q.id.clone(), Answer { value, evidence });
                    (true, summary.how)
                }
                // Free text, which is never combined.
                None => (false, format!("{}; the lead's answer stands", summary.how)),
            },
            None => (
                false,
                format!("no one in {role_name} has answered; the lead's answer scores it"),
            ),
        };
        sources.push(AnswerSource {
            question: q.id.clone(),
            principle: q.principle.clone(),
            prompt: q.prompt.clone(),
            role: role_id.clone(),
            role_name,
            respondents,
            used,
            how,
            answer: a.answers.get(&q.id).map(|answer| given(q, &answer.value)),
            lead_estimate,
        });
    }
    (a, sources)
}
