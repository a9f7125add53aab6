//! Respondent roles: each declared once, each named by a question known, each asked by some
//! question, and a question's `wording` and `answer_from` only for roles it asks.

use std::collections::HashMap;

use super::super::model::Role;
use super::super::raw::{RawQuestion, RawRole};
use super::Diags;
use super::fields::{check_id, duplicate};
use super::lints::Lint;
use crate::diagnostics::Diagnostic;
use toml::Spanned;

pub(super) fn roles(raw: &[RawRole], d: &mut Diags) -> Vec<Role> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|r| {
            check_id(&r.id, d);
            if let Some(first) = seen.insert(r.id.get_ref().as_str(), r.id.span()) {
                d.push(duplicate("role", &r.id, first));
            }
            Role {
                id: r.id.get_ref().clone(),
                name: r.name.clone(),
                description: r.description.clone(),
            }
        })
        .collect()
}

/// Checks the roles each question names, and that every role besides the lead is asked
/// something.
pub(super) fn question_roles(raw_roles: &[RawRole], questions: &[RawQuestion], d: &mut Diags) {
    let ids: Vec<&str> = raw_roles.iter().map(|r| r.id.get_ref().as_str()).collect();
    let lead = ids.first().copied();
    let known = |role: &Spanned<String>, field: &str, question: &str, d: &mut Diags| {
        let ok = ids.contains(&role.get_ref().as_str());
        if !ok {
            let diag = Diagnostic::new(
                Lint::UnknownRole,
                format!(
                    "unknown role `{}` in `{field}` of question `{question}`",
                    role.get_ref()
                ),
            )
            .at(role.span(), "no [[role]] has this id");
            d.push(if ids.is_empty() {
                diag.note(
                    "the framework declares no roles: add [[role]] tables, the lead role first",
                )
            } else {
                diag.suggest(role.get_ref(), ids.iter().copied())
                    .note(format!("expected one of: {}", ids.join(", ")))
            });
        }
        ok
    };
    for rq in questions {
        let id = rq.id.get_ref();
        let asked: Vec<&Spanned<String>> = rq
            .roles
            .as_ref()
            .map_or(Vec::new(), |r| r.get_ref().iter().collect());
        for role in &asked {
            if known(role, "roles", id, d) && Some(role.get_ref().as_str()) == lead {
                d.push(
                    Diagnostic::new(
                        Lint::RoleNotAsked,
                        format!(
                            "question `{id}` lists the lead role `{}` in `roles`",
                            role.get_ref()
                        ),
                    )
                    .at(role.span(), "the lead role answers every question")
                    .note("`roles` lists the roles asked besides the lead; remove this one"),
                );
            }
        }
        let is_asked = |role: &str| Some(role) == lead || asked.iter().any(|r| r.get_ref() == role);
        for role in rq.wording.keys() {
            if known(role, "wording", id, d) && !is_asked(role.get_ref()) {
                d.push(not_asked(id, role, "wording"));
            }
        }
        if let Some(role) = &rq.answer_from {
            if known(role, "answer_from", id, d) {
                if Some(role.get_ref().as_str()) == lead {
                    d.push(
                        Diagnostic::new(Lint::RoleNotAsked, format!("question `{id}` takes its answer from the lead role"))
                            .at(role.span(), "the lead's answer scores it already")
                            .note("`answer_from` names another role, whose combined answer then scores the question"),
                    );
                } else if !is_asked(role.get_ref()) {
                    d.push(not_asked(id, role, "answer_from"));
                }
            }
        }
    }
    for r in raw_roles.iter().skip(1) {
        let role = r.id.get_ref();
        let asked = questions.iter().any(|q| {
            q.roles
                .as_ref()
                .is_some_and(|rs| rs.get_ref().iter().any(|x| x.get_ref() == role))
        });
        if !asked {
            d.push(
                Diagnostic::new(Lint::UnusedRole, format!("no question asks role `{role}`"))
                    .at(r.id.span(), "respondents in this role would be asked nothing")
                    .note(format!("add `roles = [\"{role}\"]` to the questions they should answer, or remove the role")),
            );
        }
    }
}

fn not_asked(question: &str, role: &Spanned<String>, field: &str) -> Diagnostic {
    Diagnostic::new(
        Lint::RoleNotAsked,
        format!(
            "question `{question}` has `{field}` for role `{}`, which it does not ask",
            role.get_ref()
        ),
    )
    .at(role.span(), "not in the question's `roles`")
    .note(format!(
        "add `\"{}\"` to the question's `roles`",
        role.get_ref()
    ))
}
