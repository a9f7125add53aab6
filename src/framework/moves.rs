//! How answers written for an earlier version of a framework load under this one: the
//! `[[moved]]` and `[[removed]]` tables as written ([`RawMove`], [`RawRemoved`]) and as
//! validated ([`Moves`]). The answers loader applies them, warning about every answer it
//! carries over or leaves out; `framework diff` lists them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// `[[moved]]`: a question (or some of its options) renamed since an earlier version.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    /// The question's id in the earlier version. It must not be a question of this version,
    /// unless it equals `to` and only options were renamed.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub from: Spanned<String>,
    /// The question of this version that takes its answers.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub to: Spanned<String>,
    /// Old option id = new option id. Options not listed keep their id; an answer with an
    /// option that `to` does not have is left out, with a warning.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub options: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Why it moved, shown with the warning.
    pub why: Option<String>,
}

/// `[[removed]]`: a question of an earlier version that this version no longer asks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRemoved {
    /// The question's id in the earlier version.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub question: Spanned<String>,
    /// Why it was removed, shown to whoever loads an answer to it.
    pub why: String,
}

/// Every id of an earlier version that answers may still use, validated: each `from` and
/// removed id is moved or removed once and is not a question of this version (except a
/// question whose options alone were renamed), and every target exists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Moves {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Move>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub from: String,
    pub to: String,
    /// Old option id to new option id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    pub question: String,
    pub why: String,
}

impl Moves {
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty() && self.removed.is_empty()
    }

    /// The move of an earlier version's question `id`, or of its options when it kept its id.
    pub fn from(&self, id: &str) -> Option<&Move> {
        self.moved.iter().find(|m| m.from == id)
    }

    pub fn removal(&self, id: &str) -> Option<&Removal> {
        self.removed.iter().find(|r| r.question == id)
    }
}

impl Move {
    /// Only options were renamed; the question kept its id.
    pub fn in_place(&self) -> bool {
        self.from == self.to
    }

    /// The option `old` of the earlier question as an option of `to`: its mapping when listed,
    /// else the same id when `to` has it.
    pub fn option<'a>(&'a self, old: &'a str, to_has: impl Fn(&str) -> bool) -> Option<&'a str> {
        match self.options.get(old) {
            Some(new) => Some(new),
            None => to_has(old).then_some(old),
        }
    }

    /// "`a` → `b` (options: `x` → `y`)", for messages and the framework diff.
    pub fn words(&self) -> String {
        let options: Vec<String> = self
            .options
            .iter()
            .map(|(old, new)| format!("`{old}` → `{new}`"))
            .collect();
        let head = if self.in_place() {
            format!("options of `{}`", self.to)
        } else {
            format!("`{}` → `{}`", self.from, self.to)
        };
        match (self.in_place(), options.is_empty()) {
            (true, _) => format!("{head}: {}", options.join(", ")),
            (false, true) => head,
            (false, false) => format!("{head} (options: {})", options.join(", ")),
        }
    }
}
