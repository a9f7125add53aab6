//! Loading an answers file and checking it against a framework, with the same pointed
//! diagnostics as the framework loader.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::checks::Check;
use super::migrate::{self, Carried, Route};
use super::responses::response_instead;
use super::{Answer, Assessment, FrameworkRef, Meta, NOT_KNOWN, Value};
use crate::diagnostics::{Diagnostic, FileDiagnostics, one_of, short};
pub use crate::framework::LoadError;
use crate::framework::load::sha256_hex;
use crate::framework::{Framework, Question, QuestionKind};
use crate::source::read_text;
use crate::toml_error::{FileKind, toml_error};

/// An assessment that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub assessment: Assessment,
    pub warnings: FileDiagnostics,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    assessment: Meta,
    framework: Option<Spanned<FrameworkRef>>,
    #[serde(default)]
    answers: RawTables,
}

/// The `[answers.<id>]` tables of a lead answers file or a response, by question id.
pub(super) type RawTables = BTreeMap<Spanned<String>, RawAnswer>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswer {
    answer: Option<Spanned<toml::Value>>,
    #[serde(default)]
    evidence: String,
    /// The evidence is private: never in a case study or a register.
    #[serde(default)]
    private: bool,
}

pub fn load_file(path: &Path, fw: &Framework) -> Result<Loaded, LoadError> {
    let text = read_text(path)?;
    load_str(&path.display().to_string(), text, fw)
}

pub fn load_str(name: &str, text: String, fw: &Framework) -> Result<Loaded, LoadError> {
    check(&parse_str(name, text)?, fw)
}

/// An answers file read and deserialized but not yet checked against a framework, so that
/// it can be checked against several (as `coopai rescore` does) while parsed once.
pub struct Parsed {
    name: String,
    text: String,
    sha256: String,
    raw: RawAnswers,
}

impl Parsed {
    /// The framework the file records it was answered against.
    pub fn framework(&self) -> Option<&FrameworkRef> {
        self.raw.framework.as_ref().map(Spanned::get_ref)
    }
}

/// Phase one of loading answers: TOML syntax, types and known keys.
pub fn parse_str(name: &str, text: String) -> Result<Parsed, LoadError> {
    let sha256 = sha256_hex(text.as_bytes());
    parse(name, text, sha256)
}

/// [`parse_str`] without hashing the text: the assessment's `sha256` is left empty. For
/// callers that never report it and read many files (`coopai rescore`, `coopai register`).
pub fn parse_str_unhashed(name: &str, text: String) -> Result<Parsed, LoadError> {
    parse(name, text, String::new())
}

fn parse(name: &str, text: String, sha256: String) -> Result<Parsed, LoadError> {
    let (raw, text) = from_toml(name, text, FileKind::Answers, response_instead)?;
    Ok(Parsed {
        name: name.to_string(),
        text,
        sha256,
        raw,
    })
}

/// Deserializes a file of `kind`, giving the text back. When it does not deserialize,
/// `instead` may recognise the other kind of answers file (a response given as a lead file,
/// or the other way round) and say so in place of the TOML error, which would only name an
/// unexpected table. Files that deserialize never pay for that second look.
pub(super) fn from_toml<T: DeserializeOwned>(
    name: &str,
    text: String,
    kind: FileKind,
    instead: fn(&str) -> Option<Diagnostic>,
) -> Result<(T, String), LoadError> {
    match toml::from_str(&text) {
        Ok(raw) => Ok((raw, text)),
        Err(e) => Err(LoadError::Invalid(FileDiagnostics {
            file: name.to_string(),
            items: vec![instead(&text).unwrap_or_else(|| toml_error(&e, &text, kind))],
            text,
        })),
    }
}

/// Phase two of loading answers: every answer checked against `fw`.
pub fn check(parsed: &Parsed, fw: &Framework) -> Result<Loaded, LoadError> {
    check_answers(parsed, fw, None)
}

/// Answers left out by [`check_dropping_misfits`], each as "`id`: why".
#[derive(Default)]
pub(super) struct Misfits {
    unknown_questions: Vec<String>,
    others: Vec<String>,
}

/// [`check`], except that an answer that does not fit `fw` (an unknown question or option, a
/// value of the wrong type or out of range) is left out instead of refusing the file, and
/// listed as "`id`: why", unknown questions first. So a framework that removes or changes
/// questions can still be tried on old answers (`coopai rescore`).
pub fn check_dropping_misfits(
    parsed: &Parsed,
    fw: &Framework,
) -> Result<(Loaded, Vec<String>), LoadError> {
    let mut misfits = Misfits::default();
    let loaded = check_answers(parsed, fw, Some(&mut misfits))?;
    let mut dropped = misfits.unknown_questions;
    dropped.extend(misfits.others);
    Ok((loaded, dropped))
}

/// Checks every answer; with `misfits`, answers that do not fit are left out and listed
/// there instead of reported as errors.
fn check_answers(
    parsed: &Parsed,
    fw: &Framework,
    misfits: Option<&mut Misfits>,
) -> Result<Loaded, LoadError> {
    let raw = &parsed.raw;
    let Checked {
        answers,
        notes,
        spans,
        diagnostics: mut d,
    } = check_tables(
        fw,
        raw.framework.as_ref(),
        &raw.answers,
        misfits,
        &|_, _| None,
    );
    let private = raw
        .answers
        .iter()
        .filter(|(id, table)| {
            table.private
                && (answers.contains_key(id.get_ref()) || notes.contains_key(id.get_ref()))
        })
        .map(|(id, _)| id.get_ref().clone())
        .collect();
    let assessment = Assessment {
        meta: raw.assessment.clone(),
        framework: raw.framework.as_ref().map(|f| f.get_ref().clone()),
        answers,
        notes,
        private,
        sha256: parsed.sha256.clone(),
    };
    let applies = crate::assessment::applicability(fw, &assessment);
    for (id, span) in spans {
        let Some(i) = fw.question_index(&id) else {
            continue;
        };
        if !applies[i] {
            let q = &fw.questions[i];
            let when = q.when.as_ref().map(ToString::to_string).unwrap_or_default();
            d.push(
                Diagnostic::new(
                    Check::NotApplicable,
                    format!("question `{id}` does not apply to this assessment"),
                )
                .at(span, "answer kept, but not scored")
                .note(format!("it is asked only when {when}")),
            );
        }
    }
    d.extend(super::contact::check(
        &assessment.meta.contact,
        &parsed.text,
    ));
    let warnings = file_diagnostics(&parsed.name, &parsed.text, d)?;
    Ok(Loaded {
        assessment,
        warnings,
    })
}

/// The answer tables of a file, lead or response, checked against a framework.
pub(super) struct Checked {
    pub answers: BTreeMap<String, Answer>,
    /// Evidence written for questions not answered yet, by question id.
    pub notes: BTreeMap<String, String>,
    /// Where each answer kept was written, by question id.
    pub spans: BTreeMap<String, Range<usize>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks every answer table against `fw`, after the file's framework `reference`; with
/// `misfits`, answers that do not fit are left out and listed there instead of reported as
/// errors. `refuse` may refuse an answer to a question (as a response's role is not asked it)
/// with an error, before its value is looked at.
pub(super) fn check_tables(
    fw: &Framework,
    reference: Option<&Spanned<FrameworkRef>>,
    tables: &RawTables,
    mut misfits: Option<&mut Misfits>,
    refuse: &dyn Fn(&Question, &Spanned<String>) -> Option<Diagnostic>,
) -> Checked {
    let mut d = Vec::new();
    if let Some(reference) = reference {
        framework_mismatch(reference, fw, &mut d);
    }
    let mut answers = BTreeMap::new();
    let mut notes = BTreeMap::new();
    let mut spans = BTreeMap::new();
    let moving = migrate::applies(reference.map(|f| f.get_ref().id.as_str()), fw);
    // The questions the file answers (not only notes), which moved answers must not overwrite.
    let in_file: HashSet<&str> = tables
        .iter()
        .filter(|(_, a)| a.answer.as_ref().is_some_and(|v| !blank(v.get_ref())))
        .map(|(id, _)| id.get_ref().as_str())
        .collect();
    for (id, raw_answer) in tables {
        let (question, mv) = match migrate::route(fw, id, moving, &in_file) {
            Route::To(question, mv) => (question, mv),
            Route::LeftOut(warning) => {
                left_out(&mut d, misfits.as_deref_mut(), id.get_ref(), warning);
                continue;
            }
            Route::Unknown => {
                if let Some(misfits) = misfits.as_deref_mut() {
                    let why = format!("`{}`: no such question", id.get_ref());
                    misfits.unknown_questions.push(why);
                    continue;
                }
                d.push(
                    Diagnostic::new(
                        Check::UnknownQuestion,
                        format!("unknown question `{}`", short(id.get_ref())),
                    )
                    .at(
                        id.span(),
                        format!("framework `{}` has no such question", fw.id),
                    )
                    .suggest(id.get_ref(), fw.questions.iter().map(|q| q.id.as_str())),
                );
                continue;
            }
        };
        if let Some(refused) = refuse(question, id) {
            d.push(refused);
            continue;
        }
        // An answer carried from another question that does not fit it is left out, with a
        // warning; its evidence is kept as a note there.
        let moved = mv.filter(|m| !m.in_place());
        let mut keep_evidence = || {
            if !raw_answer.evidence.trim().is_empty() {
                notes
                    .entry(question.id.clone())
                    .or_insert_with(|| raw_answer.evidence.clone());
            }
        };
        let Some(written) = raw_answer.answer.as_ref().filter(|v| !blank(v.get_ref())) else {
            // Not answered yet; evidence noted ahead of the answer is kept all the same.
            if let Some(m) = moved {
                d.push(migrate::moved(
                    fw,
                    id,
                    m,
                    question,
                    &Carried::default(),
                    false,
                ));
            }
            keep_evidence();
            continue;
        };
        let (value, carried) = match mv {
            Some(m) => migrate::options(written, m, question),
            None => (Some(Cow::Borrowed(written)), Carried::default()),
        };
        if let Some(m) = mv {
            if let Some(m) = moved {
                d.push(migrate::moved(
                    fw,
                    id,
                    m,
                    question,
                    &carried,
                    value.is_some(),
                ));
            }
            d.extend(carried.renamed_in_place(written, m));
            for warning in carried.left_out(written, m, value.is_none()) {
                left_out(&mut d, misfits.as_deref_mut(), id.get_ref(), warning);
            }
        }
        let Some(value) = value else {
            keep_evidence();
            continue;
        };
        let mut problems = Vec::new();
        let value = answer_value(question, &value, &mut problems);
        if let (Some(m), Some(first)) = (moved, problems.iter().find(|p| p.is_error())) {
            let mut warning = Diagnostic::new(
                Check::AnswerRemoved,
                format!(
                    "the answer to `{}` does not fit `{}`: {}",
                    m.from, m.to, first.message
                ),
            )
            .at(written.span(), "left out");
            warning.notes.extend(first.notes.iter().cloned());
            let warning = warning.note(format!(
                "`{}` is unanswered until it is answered again; the evidence is kept",
                m.to
            ));
            left_out(&mut d, misfits.as_deref_mut(), id.get_ref(), warning);
            keep_evidence();
            continue;
        }
        if let Some(misfits) = misfits.as_deref_mut() {
            if let Some(first) = problems.iter().find(|p| p.is_error()) {
                misfits
                    .others
                    .push(format!("`{}`: {}", id.get_ref(), first.message));
                continue;
            }
        }
        d.extend(problems);
        if let Some(value) = value {
            spans.insert(question.id.clone(), id.span());
            answers.insert(
                question.id.clone(),
                Answer {
                    value,
                    evidence: raw_answer.evidence.clone(),
                },
            );
        }
    }
    Checked {
        answers,
        notes,
        spans,
        diagnostics: d,
    }
}

/// A file's diagnostics in file order, as a reader goes through the file: its warnings, or
/// the error that refuses it when there is any error among them.
pub(super) fn file_diagnostics(
    name: &str,
    text: &str,
    mut d: Vec<Diagnostic>,
) -> Result<FileDiagnostics, LoadError> {
    d.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    let diags = FileDiagnostics {
        file: name.to_string(),
        // Only diagnostics show the text; a clean file needs no copy.
        text: if d.is_empty() {
            String::new()
        } else {
            text.to_string()
        },
        items: d,
    };
    if diags.has_errors() {
        return Err(LoadError::Invalid(diags));
    }
    Ok(diags)
}

/// An empty string or list: not answered yet, which is how `coopai template` leaves answers.
fn blank(v: &toml::Value) -> bool {
    match v {
        toml::Value::String(s) => s.is_empty(),
        toml::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// An answer left out with a warning; listed among the misfits too, when they are collected.
fn left_out(d: &mut Vec<Diagnostic>, misfits: Option<&mut Misfits>, id: &str, warning: Diagnostic) {
    if let Some(misfits) = misfits {
        misfits.others.push(format!("`{id}`: {}", warning.message));
    }
    d.push(warning);
}

fn framework_mismatch(reference: &Spanned<FrameworkRef>, fw: &Framework, d: &mut Vec<Diagnostic>) {
    let r = reference.get_ref();
    let mut changed = Vec::new();
    if r.id != fw.id {
        changed.push(format!("id `{}` (loaded: `{}`)", r.id, fw.id));
    }
    if r.version != fw.version {
        changed.push(format!("version {} (loaded: {})", r.version, fw.version));
    }
    if !r.sha256.is_empty() && r.sha256 != fw.sha256 && r.version == fw.version {
        changed.push("the same version number, but different content (sha256)".to_string());
    }
    if !changed.is_empty() {
        d.push(
            Diagnostic::new(
                Check::FrameworkMismatch,
                format!("answered against another framework: {}", changed.join(", ")),
            )
            .at(reference.span(), "recorded here")
            .note(format!(
                "scoring against the loaded framework `{}` {}; pass --framework to use another",
                fw.id, fw.version
            )),
        );
    }
}

/// Checks a raw TOML value against the question's kind. Blank values (not answered yet) are
/// filtered out before this is called.
fn answer_value(
    q: &Question,
    raw: &Spanned<toml::Value>,
    d: &mut Vec<Diagnostic>,
) -> Option<Value> {
    use toml::Value as T;
    let span = raw.span();
    let value = raw.get_ref();
    let options = || format!("one of: {}", one_of(q.option_ids()));
    if value.as_str() == Some(NOT_KNOWN) {
        if q.not_known {
            return Some(Value::NotKnown);
        }
        d.push(
            Diagnostic::new(
                Check::NotKnownForbidden,
                format!("question `{}` cannot be answered not known", q.id),
            )
            .at(span, "the framework asks for a real answer here")
            .note(match q.kind {
                QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple => {
                    format!("expected {}", options())
                }
                _ => format!("expected {}", q.kind.describe()),
            }),
        );
        return None;
    }
    let wrong = |expected: String, d: &mut Vec<Diagnostic>| {
        d.push(not_known_hint(
            Diagnostic::new(
                Check::WrongAnswerType,
                format!(
                    "wrong kind of answer for {} question `{}`",
                    q.kind.describe(),
                    q.id
                ),
            )
            .at(span.clone(), format!("found {}", found(value)))
            .note(format!("expected {expected}")),
            q,
            value.as_str(),
        ));
        None
    };
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => match value {
            T::String(s) => option(q, s, span.clone(), d).map(Value::Choice),
            T::Boolean(b) if q.kind == QuestionKind::YesNo => {
                Some(Value::Choice(if *b { "yes" } else { "no" }.into()))
            }
            T::Array(items) if items.len() > 1 => {
                d.push(
                    Diagnostic::new(
                        Check::MultipleAnswers,
                        format!(
                            "{} question `{}` takes one answer, found {}",
                            q.kind.describe(),
                            q.id,
                            items.len()
                        ),
                    )
                    .at(span.clone(), "more than one option")
                    .note(format!("choose {}", options())),
                );
                None
            }
            T::Array(items) => match items.first() {
                Some(T::String(s)) => option(q, s, span.clone(), d).map(Value::Choice),
                _ => wrong(format!("an option id, {}", options()), d),
            },
            _ => wrong(format!("an option id, {}", options()), d),
        },
        QuestionKind::Multiple => {
            let items: Vec<&T> = match value {
                T::Array(items) => items.iter().collect(),
                single => vec![single],
            };
            let mut chosen = Vec::new();
            for item in items {
                let T::String(s) = item else {
                    return wrong(format!("a list of option ids, each {}", options()), d);
                };
                chosen.push(option(q, s, span.clone(), d)?);
            }
            // Framework order, no repeats: the same choice written twice counts once.
            let chosen = q
                .options
                .iter()
                .filter(|o| chosen.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            Some(Value::Choices(chosen))
        }
        QuestionKind::Scale => {
            let Some(s) = &q.scale else { return None };
            let T::Integer(n) = value else {
                return wrong(format!("a whole number from {} to {}", s.min, s.max), d);
            };
            if !(s.min..=s.max).contains(n) {
                d.push(
                    Diagnostic::new(
                        Check::OutOfRange,
                        format!("{n} is outside the scale of question `{}`", q.id),
                    )
                    .at(span, "out of range")
                    .note(format!(
                        "expected a whole number from {} to {}",
                        s.min, s.max
                    )),
                );
                return None;
            }
            Some(Value::Number(*n as f64))
        }
        QuestionKind::Number => {
            let n = match value {
                T::Integer(n) => *n as f64,
                T::Float(f) if f.is_finite() => *f,
                _ => return wrong("a number".into(), d),
            };
            let spec = q.number.as_ref();
            let (lo, hi) = (spec.and_then(|s| s.min), spec.and_then(|s| s.max));
            if lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi) {
                let range = match (lo, hi) {
                    (Some(lo), Some(hi)) => format!("from {lo} to {hi}"),
                    (Some(lo), None) => format!("of at least {lo}"),
                    (None, Some(hi)) => format!("of at most {hi}"),
                    (None, None) => String::new(),
                };
                d.push(
                    Diagnostic::new(
                        Check::OutOfRange,
                        format!("{n} is outside the range of question `{}`", q.id),
                    )
                    .at(span, "out of range")
                    .note(format!("expected a number {range}")),
                );
                return None;
            }
            Some(Value::Number(n))
        }
        QuestionKind::Text => match value {
            T::String(s) => Some(Value::Text(s.clone())),
            _ => wrong("text in quotes".into(), d),
        },
    }
}

/// What was found instead, in words.
fn found(value: &toml::Value) -> String {
    let word = |v: &toml::Value| match v {
        toml::Value::String(_) => "text",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(f) if f.is_finite() => "a decimal number",
        toml::Value::Float(_) => "nan or infinity, which is not a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    };
    match value {
        toml::Value::Array(items) => match items.iter().find(|i| !i.is_str()) {
            Some(item) => format!("a list holding {}", word(item)),
            None => "a list".to_string(),
        },
        other => word(other).to_string(),
    }
}

fn option(q: &Question, id: &str, span: Range<usize>, d: &mut Vec<Diagnostic>) -> Option<String> {
    if q.option(id).is_some() {
        return Some(id.to_string());
    }
    let ids = q.option_ids();
    d.push(not_known_hint(
        Diagnostic::new(
            Check::UnknownOption,
            format!("unknown option `{}` for question `{}`", short(id), q.id),
        )
        .at(span, "not an option of this question")
        .suggest(id, ids.iter().copied())
        .note(format!("expected one of: {}", one_of(ids))),
        q,
        Some(id),
    ));
    None
}

/// Words people write for "I don't know", which coopai reads only as [`NOT_KNOWN`].
fn looks_not_known(s: &str) -> bool {
    let s = s.trim().to_lowercase().replace(['-', '_', '\'', '’'], " ");
    [
        "unknown",
        "not known",
        "dont know",
        "don t know",
        "do not know",
        "n/k",
        "nk",
    ]
    .contains(&s.as_str())
}

/// Adds how to write a not-known answer, when `written` looks like an attempt at one.
fn not_known_hint(d: Diagnostic, q: &Question, written: Option<&str>) -> Diagnostic {
    match written {
        Some(w) if q.not_known && looks_not_known(w) => d.note(format!(
            "to record that the answer is not known, write answer = \"{NOT_KNOWN}\""
        )),
        _ => d,
    }
}
