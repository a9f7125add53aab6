//! Responses: what one respondent (a member of staff, a resident, the supplier ...) answered,
//! in the answers format with a `[respondent]` table instead of the lead's `[assessment]`.
//! Responses live beside the lead answers file (`<lead>.responses/`), one file each, and
//! are combined into the report's views (docs/answers-format.md#responses).
//!
//! This module reads one response and checks it: the answers as a lead file's are checked
//! (with the same code), and besides, that the role is a respondent role, that each answer
//! is to a question the role is asked, and that the pseudonym does not identify anyone.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use super::checks::Check;
use super::load::{Checked, RawTables, check_tables, file_diagnostics, from_toml};
use super::pseudonym::identifying;
use super::{Answer, FrameworkRef};
use crate::diagnostics::{Diagnostic, FileDiagnostics, one_of, short};
use crate::framework::load::sha256_hex;
use crate::framework::{Framework, LoadError, Question, Role};
use crate::source::read_text;
use crate::toml_error::FileKind;

/// Who responded: a role the framework declares and, optionally, a pseudonym so that a
/// council can tell its own respondents apart. Never a name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
}

/// One respondent's answers to the questions their role is asked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Response {
    /// The file it was read from, as given, for messages; reports never show it.
    pub name: String,
    /// sha256 of the file's text, so a report records exactly which responses it combined.
    pub sha256: String,
    pub respondent: Respondent,
    /// Answers by question id.
    pub answers: BTreeMap<String, Answer>,
    /// Evidence written for questions not answered yet, by question id: kept and written
    /// back, as a lead answers file's are, so a respondent's note is never lost on resuming.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
}

/// A response that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct LoadedResponse {
    pub response: Response,
    pub warnings: FileDiagnostics,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    respondent: Spanned<RawRespondent>,
    framework: Option<Spanned<FrameworkRef>>,
    #[serde(default)]
    answers: RawTables,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRespondent {
    role: Spanned<String>,
    #[serde(default)]
    pseudonym: Option<Spanned<String>>,
}

pub fn load_response_file(path: &Path, fw: &Framework) -> Result<LoadedResponse, LoadError> {
    let text = read_text(path)?;
    load_response_str(&path.display().to_string(), text, fw)
}

/// Reads one response and checks it against `fw`. Errors refuse the file (every problem
/// found is reported at once, as for a lead answers file); warnings come back with it.
pub fn load_response_str(
    name: &str,
    text: String,
    fw: &Framework,
) -> Result<LoadedResponse, LoadError> {
    let sha256 = sha256_hex(text.as_bytes());
    let (raw, text): (RawResponse, String) =
        from_toml(name, text, FileKind::Response, lead_instead)?;
    let respondent = raw.respondent.get_ref();
    let role = &respondent.role;
    let mut d = Vec::new();
    let role_known = match respondent_role(fw, role.get_ref()) {
        Ok(_) => true,
        Err(e) => {
            d.push(role_diagnostic(fw, role, &e));
            false
        }
    };
    let pseudonym = respondent
        .pseudonym
        .as_ref()
        .filter(|p| !p.get_ref().trim().is_empty());
    if let Some(p) = pseudonym {
        if let Some(what) = identifying(p.get_ref()) {
            d.push(
                Diagnostic::new(
                    Check::IdentifyingPseudonym,
                    format!("the pseudonym looks like {what}"),
                )
                .at(p.span(), "reports must not identify the people who respond")
                .note("a pseudonym only tells responses apart: use a code or word that means nothing outside this assessment, such as `r-07`, or leave it empty"),
            );
        }
    }
    // An answer to a question the role is not asked; only checked for a role that exists.
    let refuse = |q: &Question, id: &Spanned<String>| {
        let role = role.get_ref();
        (role_known && !q.roles.iter().any(|r| r == role)).then(|| {
            Diagnostic::new(
                Check::NotAskedOfRole,
                format!("question `{}` is not asked of role `{role}`", q.id),
            )
            .at(id.span(), "not one of this role's questions")
            .note(format!(
                "role `{role}` is asked: {}",
                one_of(fw.questions_for(role).map(|q| q.id.as_str()))
            ))
        })
    };
    let Checked {
        answers,
        notes,
        diagnostics,
        ..
    } = check_tables(fw, raw.framework.as_ref(), &raw.answers, None, &refuse);
    // Notes on moved answers say how the lead saves them under their new ids; a respondent
    // resumes with their role.
    let lead_resume = "`coopai assess --resume`";
    let resume = format!("`coopai assess --role {} --resume`", short(role.get_ref()));
    d.extend(diagnostics.into_iter().map(|mut diag| {
        for note in &mut diag.notes {
            if note.contains(lead_resume) {
                *note = note.replace(lead_resume, &resume);
            }
        }
        diag
    }));
    let warnings = file_diagnostics(name, &text, d)?;
    Ok(LoadedResponse {
        response: Response {
            name: name.to_string(),
            sha256,
            respondent: Respondent {
                role: role.get_ref().clone(),
                pseudonym: pseudonym.map(|p| p.get_ref().clone()),
            },
            answers,
            notes,
        },
        warnings,
    })
}

/// Why a role cannot be a respondent's.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RoleError {
    #[error(
        "framework `{framework}` declares no respondent roles, so it takes no responses; its [[role]] tables name them, the lead role first"
    )]
    NoRoles { framework: String },
    #[error(
        "`{role}` is the lead role of framework `{framework}`: its answers are the lead answers file itself, not a response"
    )]
    Lead { framework: String, role: String },
    #[error("unknown role `{role}`: framework `{framework}` has roles {roles}")]
    Unknown {
        framework: String,
        role: String,
        /// The framework's roles, the lead marked: "officer (lead), staff, resident".
        roles: String,
    },
}

/// The respondent role `id` of `fw`: a role it declares, other than the lead.
pub fn respondent_role<'a>(fw: &'a Framework, id: &str) -> Result<&'a Role, RoleError> {
    let framework = fw.id.clone();
    if fw.roles.len() < 2 {
        return Err(RoleError::NoRoles { framework });
    }
    match fw.roles.iter().position(|r| r.id == id) {
        Some(0) => Err(RoleError::Lead {
            framework,
            role: id.to_string(),
        }),
        Some(i) => Ok(&fw.roles[i]),
        None => Err(RoleError::Unknown {
            framework,
            role: short(id),
            roles: fw
                .roles
                .iter()
                .enumerate()
                .map(|(i, r)| match i {
                    0 => format!("{} (lead)", r.id),
                    _ => r.id.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The ids of the roles a response can be for, in framework order.
pub fn respondent_role_ids(fw: &Framework) -> impl Iterator<Item = &str> {
    fw.roles.iter().skip(1).map(|r| r.id.as_str())
}

fn role_diagnostic(fw: &Framework, role: &Spanned<String>, e: &RoleError) -> Diagnostic {
    let d = Diagnostic::new(Check::NotARespondentRole, e.to_string());
    match e {
        RoleError::NoRoles { .. } => d.at(role.span(), "no respondent role"),
        RoleError::Lead { .. } => d.at(role.span(), "the lead role").note(format!(
            "a response is for one of: {}",
            one_of(respondent_role_ids(fw))
        )),
        RoleError::Unknown { .. } => d
            .at(role.span(), "not a role of this framework")
            .suggest(role.get_ref(), respondent_role_ids(fw))
            .note(format!(
                "a response is for one of: {}",
                one_of(respondent_role_ids(fw))
            )),
    }
}

/// The `[assessment]` and `[respondent]` tables of a file that did not load, to tell which
/// kind of answers file it is. Other keys are ignored.
#[derive(Deserialize)]
struct Kind {
    assessment: Option<Spanned<toml::Value>>,
    respondent: Option<Spanned<toml::Value>>,
}

fn kind(text: &str) -> Option<Kind> {
    toml::from_str(text).ok()
}

/// What a TOML file in a folder of assessments is, by its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `[assessment]`: a lead answers file.
    Lead,
    /// `[respondent]`: one respondent's response.
    Response,
    /// Neither: some other TOML file (a calibration set's expectations, a config file).
    Other,
}

/// The role of a file by its tables; `None` when it is not valid TOML.
pub fn file_role(text: &str) -> Option<FileRole> {
    let found = kind(text)?;
    Some(if found.respondent.is_some() {
        FileRole::Response
    } else if found.assessment.is_some() {
        FileRole::Lead
    } else {
        FileRole::Other
    })
}

/// A file given as a lead answers file that is a response, said plainly.
pub(super) fn response_instead(text: &str) -> Option<Diagnostic> {
    let respondent = kind(text)?.respondent?;
    let role = respondent
        .get_ref()
        .get("role")
        .and_then(toml::Value::as_str)
        .map(short);
    let (message, resume) = match &role {
        Some(role) => (
            format!("this is a response for role `{role}`, not a lead answers file"),
            format!("coopai assess --role {role} --resume FILE"),
        ),
        None => (
            "this is a response, not a lead answers file".to_string(),
            "coopai assess --role ROLE --resume FILE".to_string(),
        ),
    };
    Some(
        Diagnostic::new(Check::ResponseAsLead, message)
            .at(respondent.span(), "a response has [respondent] where a lead answers file has [assessment]")
            .note("score the lead answers file it belongs with: a lead file `NAME.toml` reads its responses from the folder `NAME.responses/` beside it")
            .note(format!("to go on answering the response: {resume}")),
    )
}

/// A file given as a response that is a lead answers file, said plainly.
fn lead_instead(text: &str) -> Option<Diagnostic> {
    let found = kind(text)?;
    if found.respondent.is_some() {
        return None;
    }
    let assessment = found.assessment?;
    Some(
        Diagnostic::new(
            Check::LeadAsResponse,
            "this is a lead answers file, not a response",
        )
        .at(assessment.span(), "a lead answers file has [assessment] where a response has [respondent]")
        .note("a responses folder `NAME.responses/` holds only responses; the lead answers file `NAME.toml` belongs beside it")
        .note("a response starts with [respondent] and role = \"...\"; `coopai template --role ROLE` writes one"),
    )
}
