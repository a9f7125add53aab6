//! Answers written for an earlier version of the framework, carried over through the moves the
//! framework declares (`[[moved]]`, `[[removed]]`; docs/framework-format.md). Never silently:
//! each answer carried to a new id, and each one left out, gets a warning pointing at it.

use std::borrow::Cow;
use std::collections::HashSet;

use toml::Spanned;

use super::NOT_KNOWN;
use super::checks::Check;
use crate::diagnostics::Diagnostic;
use crate::framework::{Framework, Move, Question};

/// Where an answers-file table goes in the framework.
pub(super) enum Route<'a> {
    /// To this question; with the move that renamed it or its options, when there is one.
    To(&'a Question, Option<&'a Move>),
    /// Nowhere: the framework removed the question, or the file answers it twice (under its
    /// old id and its new one). The warning says which.
    LeftOut(Diagnostic),
    /// The framework has no such question and no move for it.
    Unknown,
}

/// Whether the framework's moves apply to a file: unless it says it was answered against
/// another framework, whose ids these moves know nothing about.
pub(super) fn applies(recorded_id: Option<&str>, fw: &Framework) -> bool {
    recorded_id.is_none_or(|id| id == fw.id)
}

/// Where the table `[answers.<id>]` goes. `in_file` holds every question id the file answers
/// (blank tables aside).
pub(super) fn route<'a>(
    fw: &'a Framework,
    id: &Spanned<String>,
    moving: bool,
    in_file: &HashSet<&str>,
) -> Route<'a> {
    let old = id.get_ref();
    if let Some(q) = fw.question(old) {
        let renamed = fw.moves.from(old).filter(|m| moving && m.in_place());
        return Route::To(q, renamed);
    }
    if !moving {
        return Route::Unknown;
    }
    if let Some((i, m)) = fw
        .moves
        .moved
        .iter()
        .enumerate()
        .find(|(_, m)| m.from == *old)
    {
        let Some(to) = fw.question(&m.to) else {
            return Route::Unknown;
        };
        // The file may answer the question again: under its new id, or under another old id
        // moved to it (a question renamed twice, or two merged). The new id wins, then the
        // move listed first.
        let before = fw.moves.moved[..i]
            .iter()
            .find(|other| other.to == m.to && in_file.contains(other.from.as_str()));
        let taken = if in_file.contains(m.to.as_str()) {
            Some(&m.to)
        } else {
            before.map(|other| &other.from)
        };
        if let Some(taken) = taken {
            return Route::LeftOut(
                Diagnostic::new(
                    Check::AnswerRemoved,
                    format!("`{old}` is now `{}`, which this file also answers as `{taken}`", m.to),
                )
                .at(id.span(), "answer under the old id left out")
                .note(format!(
                    "the answer under `{taken}` counts; delete this table once you have checked nothing in it is lost"
                )),
            );
        }
        return Route::To(to, Some(m));
    }
    match fw.moves.removal(old) {
        Some(removal) => Route::LeftOut(
            Diagnostic::new(
                Check::AnswerRemoved,
                format!(
                    "question `{old}` was removed from framework `{}` {}",
                    fw.id, fw.version
                ),
            )
            .at(id.span(), "answer left out")
            .note(format!("why: {}", removal.why))
            .note("it is not scored, and `coopai assess --resume` does not write it back: copy it elsewhere first if you need it"),
        ),
        None => Route::Unknown,
    }
}

/// The warning for a table carried from an old question id to a new one, with the options
/// its answer had renamed on the way; `counts` when an answer was carried (not only evidence,
/// and not left out).
pub(super) fn moved(
    fw: &Framework,
    id: &Spanned<String>,
    m: &Move,
    to: &Question,
    carried: &Carried,
    counts: bool,
) -> Diagnostic {
    let mut diag = Diagnostic::new(
        Check::AnswerMoved,
        format!("`{}` is now `{}`", m.from, m.to),
    )
    .at(id.span(), "answered under the id of an earlier version")
    .note(format!(
        "framework `{}` {} asks: {}",
        fw.id, fw.version, to.prompt
    ));
    for (old, new) in &carried.renamed {
        diag = diag.note(format!("option `{old}` is now `{new}`"));
    }
    if !m.why.is_empty() {
        diag = diag.note(format!("why: {}", m.why));
    }
    if counts {
        diag = diag.note(format!(
            "the answer counts for `{}`; `coopai assess --resume` saves it under the new id",
            m.to
        ));
    }
    diag
}

/// An answer's value with its option ids carried over by `m` to options of `to`, the options
/// renamed (old, new), and the options with no counterpart in `to`. Those are left out of the
/// value, except when `m` only renames options of a question that kept its id: then an option
/// it does not list is the answer's own, and is checked as usual. `None` when nothing is left.
pub(super) fn options<'v>(
    value: &'v Spanned<toml::Value>,
    m: &Move,
    to: &Question,
) -> (Option<Cow<'v, Spanned<toml::Value>>>, Carried) {
    use toml::Value as T;
    let mut carried = Carried::default();
    if !to.kind.has_options() {
        return (Some(Cow::Borrowed(value)), carried);
    }
    let mut one = |v: &T| -> Option<T> {
        let old = match v {
            T::Boolean(b) => if *b { "yes" } else { "no" }.to_string(),
            T::String(s) if s != NOT_KNOWN => s.clone(),
            other => return Some(other.clone()),
        };
        match m.option(&old, |o| to.option(o).is_some()) {
            Some(new) => {
                if new != old {
                    carried.renamed.push((old.clone(), new.to_string()));
                }
                Some(T::String(new.to_string()))
            }
            None if m.in_place() => Some(v.clone()),
            None => {
                carried.unmatched.push(old);
                None
            }
        }
    };
    let mapped = match value.get_ref() {
        T::Array(items) => {
            // Two old options may become one new one, which is chosen once.
            let mut kept: Vec<T> = Vec::with_capacity(items.len());
            for item in items.iter().filter_map(&mut one) {
                if !kept.contains(&item) {
                    kept.push(item);
                }
            }
            (!kept.is_empty() || items.is_empty()).then_some(T::Array(kept))
        }
        v => one(v),
    };
    let mapped = mapped.map(|v| Cow::Owned(Spanned::new(value.span(), v)));
    (mapped, carried)
}

/// What [`options`] did to an answer's options.
#[derive(Default)]
pub(super) struct Carried {
    pub renamed: Vec<(String, String)>,
    pub unmatched: Vec<String>,
}

impl Carried {
    /// Warnings at the answer's value for options renamed in a question that kept its id.
    pub(super) fn renamed_in_place(
        &self,
        value: &Spanned<toml::Value>,
        m: &Move,
    ) -> Vec<Diagnostic> {
        if !m.in_place() {
            return Vec::new();
        }
        self.renamed
            .iter()
            .map(|(old, new)| {
                Diagnostic::new(
                    Check::AnswerMoved,
                    format!("option `{old}` of `{}` is now `{new}`", m.to),
                )
                .at(value.span(), "an option id of an earlier version")
                .note("`coopai assess --resume` saves it under the new id")
            })
            .collect()
    }

    /// Warnings at the answer's value for options left out; `whole` when nothing was left.
    pub(super) fn left_out(
        &self,
        value: &Spanned<toml::Value>,
        m: &Move,
        whole: bool,
    ) -> Vec<Diagnostic> {
        self.unmatched
            .iter()
            .map(|old| {
                Diagnostic::new(
                    Check::AnswerRemoved,
                    format!(
                        "option `{old}` of `{}` has no counterpart in `{}`",
                        m.from, m.to
                    ),
                )
                .at(value.span(), "left out")
                .note(if whole {
                    format!(
                        "`{}` is unanswered until it is answered again; the evidence is kept",
                        m.to
                    )
                } else {
                    "the other options chosen are kept".to_string()
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load_str;

    /// `to` is a multiple-choice question with options `a`, `b`, `c`, and a yes/no question.
    fn framework() -> Framework {
        let text = "[framework]\nid = \"f\"\ntitle = \"F\"\nversion = \"2.0.0\"\n\
            [[principle]]\nid = \"p\"\ntitle = \"P\"\nsummary = \"s\"\n\
            [[question]]\nid = \"to\"\nprinciple = \"p\"\nkind = \"multiple\"\nprompt = \"?\"\nhelp = \"h\"\n\
            option = [{ id = \"a\", label = \"A\", points = 1 }, { id = \"b\", label = \"B\" }, { id = \"c\", label = \"C\" }]\n\
            [[question]]\nid = \"single\"\nprinciple = \"p\"\nkind = \"single\"\nprompt = \"?\"\nhelp = \"h\"\n\
            option = [{ id = \"always\", label = \"A\", points = 1 }, { id = \"never\", label = \"N\" }]\n\
            [[band]]\nid = \"b\"\nname = \"B\"\nmin_score = [0]\n\
            [[moved]]\nfrom = \"old\"\nto = \"to\"\noptions = { x = \"a\", y = \"a\" }\n\
            [[moved]]\nfrom = \"yes-no\"\nto = \"single\"\noptions = { yes = \"always\", no = \"never\" }\n";
        load_str("f.toml", text.to_string()).unwrap().framework
    }

    fn carry(fw: &Framework, from: &str, value: toml::Value) -> (Option<toml::Value>, Vec<String>) {
        let m = fw.moves.from(from).unwrap();
        let to = fw.question(&m.to).unwrap();
        let written = Spanned::new(0..1, value);
        let (value, carried) = options(&written, m, to);
        (value.map(|v| v.get_ref().clone()), carried.unmatched)
    }

    fn list(ids: &[&str]) -> toml::Value {
        toml::Value::Array(
            ids.iter()
                .map(|id| toml::Value::String(id.to_string()))
                .collect(),
        )
    }

    #[test]
    fn options_are_mapped_kept_merged_or_left_out() {
        let fw = framework();
        // `x` and `y` both become `a`, chosen once; `b` is an option of `to` too; `z` is not.
        assert_eq!(
            carry(&fw, "old", list(&["x", "b", "y", "z"])),
            (Some(list(&["a", "b"])), vec!["z".to_string()])
        );
        assert_eq!(
            carry(&fw, "old", list(&["z"])),
            (None, vec!["z".to_string()])
        );
        // A yes/no answer written as true or false is read as `yes` or `no`.
        assert_eq!(
            carry(&fw, "yes-no", toml::Value::Boolean(false)),
            (Some(toml::Value::String("never".into())), vec![])
        );
        // "Not known" is no option id, and stays as it is.
        let not_known = toml::Value::String(NOT_KNOWN.into());
        assert_eq!(
            carry(&fw, "yes-no", not_known.clone()),
            (Some(not_known), vec![])
        );
    }
}
