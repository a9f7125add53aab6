//! The views of other respondents in words, shared by the terminal, Markdown and CSV reports,
//! so every format says the same thing the same way.

use crate::assessment::NOT_KNOWN;
use crate::framework::QuestionKind;
use crate::number::num;
use crate::scoring::views::{AnswerSource, QuestionView, RoleAnswers, RoleSpread, Views};

/// "8 respondents: Lead officer 1 (the lead), Frontline staff 4, Residents 3".
pub fn respondents_words(v: &Views) -> String {
    let r = &v.respondents;
    let roles: Vec<String> = r
        .roles
        .iter()
        .map(|role| {
            let lead = if role.lead { " (the lead)" } else { "" };
            format!("{} {}{lead}", role.name, role.count)
        })
        .collect();
    let total = plural(r.total, "respondent");
    if roles.is_empty() {
        total
    } else {
        format!("{total}: {}", roles.join(", "))
    }
}

/// "7 responses combined (digest 3f2a...)", and how many were left out.
pub fn responses_words(v: &Views) -> String {
    let r = &v.respondents;
    let ignored = match r.ignored {
        0 => String::new(),
        n => format!(
            "; {} left out, in a role the framework does not declare",
            plural(n, "response")
        ),
    };
    format!(
        "{} combined (digest {}){ignored}",
        plural(r.responses, "response"),
        r.digest
    )
}

/// The lead's answer to a question, or that the lead has not answered.
pub fn lead_words(q: &QuestionView) -> String {
    let answer = q
        .lead
        .as_ref()
        .map_or("not answered", |g| g.answer.as_str());
    if q.applies {
        answer.to_string()
    } else {
        format!("{answer} (the question does not apply)")
    }
}

/// How many gave each answer: "Yes: 1, No: 3"; empty for free text.
pub fn counts_words(r: &RoleAnswers) -> String {
    let mut parts: Vec<String> = r
        .counts
        .iter()
        .map(|c| format!("{}: {}", c.label, c.count))
        .collect();
    if r.not_known > 0 {
        parts.push(format!("Not known: {}", r.not_known));
    }
    parts.join(", ")
}

/// The middle half of a role's answers (from the first quartile to the third): "between
/// Consulted and Involved", or the one answer.
pub fn middle_half_words(r: &RoleAnswers) -> String {
    r.iqr.as_ref().map_or(String::new(), |iqr| {
        if iqr.steps == 0 {
            iqr.low.answer.clone()
        } else {
            format!("between {} and {}", iqr.low.answer, iqr.high.answer)
        }
    })
}

/// "75%", or empty when there is no agreement to measure.
pub fn agreement_words(r: &RoleAnswers) -> String {
    r.agreement
        .map_or(String::new(), |a| format!("{}%", num(a)))
}

/// One role's answers in a line: "Frontline staff (4 answered): Yes: 3, No: 1; median Yes,
/// middle half between No and Yes; agreement 75%".
pub fn role_line(q: &QuestionView, r: &RoleAnswers) -> String {
    if r.answered == 0 {
        return format!("{}: no answers", r.name);
    }
    let mut out = format!("{} ({} answered)", r.name, r.answered);
    let counts = counts_words(r);
    if !counts.is_empty() {
        out.push_str(&format!(": {counts}"));
    }
    if let Some(median) = &r.median {
        out.push_str(&format!("; median {}", median.answer));
        if r.iqr.as_ref().is_some_and(|i| i.steps > 0) {
            out.push_str(&format!(", middle half {}", middle_half_words(r)));
        }
    } else if r.combined.is_some() {
        out.push_str(&format!("; {}", median_words(q, r)));
    }
    let agreement = agreement_words(r);
    if !agreement.is_empty() {
        out.push_str(&format!("; agreement {agreement}"));
    }
    out
}

/// A role's answer as one: the median of an ordered question; otherwise the combined answer
/// and how it was reached, "most common: Involved" or "chosen by at least half: By phone".
pub fn median_words(q: &QuestionView, r: &RoleAnswers) -> String {
    if let Some(median) = &r.median {
        return median.answer.clone();
    }
    let Some(combined) = &r.combined else {
        return String::new();
    };
    let what = match q.kind {
        _ if combined.value.as_str() == Some(NOT_KNOWN) => "as one",
        QuestionKind::Multiple => "chosen by at least half",
        QuestionKind::Single | QuestionKind::YesNo => "most common",
        _ => "as one",
    };
    let answer = if combined.answer.is_empty() {
        "none"
    } else {
        combined.answer.as_str()
    };
    format!("{what}: {answer}")
}

/// Which answer scored a question that takes its answer from a role: "No: the combined answer
/// of Frontline staff, the median of 4 answers; the lead's estimate: Yes".
pub fn source_words(s: &AnswerSource) -> String {
    let answer = s
        .answer
        .as_ref()
        .map_or("not answered", |g| g.answer.as_str());
    let estimate = s
        .lead_estimate
        .as_ref()
        .map_or("none given", |g| g.answer.as_str());
    if s.used {
        format!(
            "{answer}: the combined answer of {}, {}; the lead's estimate: {estimate}",
            s.role_name, s.how
        )
    } else {
        format!("{answer}: {}", s.how)
    }
}

/// A role's spread of a principle's scores: "50 (33.3 to 100), 3 respondents", or "none"
/// when no one in the role has a score.
pub fn spread_words(s: &RoleSpread) -> String {
    match (s.low, s.median, s.high) {
        (Some(low), Some(median), Some(high)) => {
            let approximate = if s.approximate { ", approximate" } else { "" };
            format!(
                "{} ({} to {}), {}{approximate}",
                num(median),
                num(low),
                num(high),
                plural(s.count, "respondent")
            )
        }
        _ => "none".to_string(),
    }
}

/// The roles that appear in any principle's spread, in the order the views first name them
/// (framework order), for the columns of a table.
pub fn spread_roles(v: &Views) -> Vec<(String, String)> {
    let mut roles: Vec<(String, String)> = Vec::new();
    for r in v.respondents.roles.iter() {
        // A role no one in has answered would only fill a column with "none".
        let appears = r.count > 0
            && v.principles
                .iter()
                .any(|p| p.roles.iter().any(|s| s.role == r.role));
        if appears {
            roles.push((r.role.clone(), r.name.clone()));
        }
    }
    roles
}

/// The flagged questions and the rest, each with its title; empty lists left out.
pub fn question_sections(v: &Views) -> Vec<(&'static str, Vec<&QuestionView>)> {
    let (flagged, rest): (Vec<&QuestionView>, Vec<&QuestionView>) =
        v.questions.iter().partition(|q| q.flagged);
    [
        ("Flagged: where views differ", flagged),
        ("Other questions asked of respondents", rest),
    ]
    .into_iter()
    .filter(|(_, qs)| !qs.is_empty())
    .collect()
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
