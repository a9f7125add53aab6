//! Responses: what one respondent (a member of staff, a resident, the supplier ...) answered,
//! in the answers format with a `[respondent]` table instead of the lead's `[assessment]`.
//! Responses live beside the lead answers file (`<lead>.responses/`), one file each, and
//! are combined into the report's views (docs/respondents.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Answer;

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
}
