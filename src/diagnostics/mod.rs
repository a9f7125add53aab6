//! Problems found in an input file, each pointing at the text it is about, rendered the way
//! compilers do: code, message, `file:line:column`, the offending line with carets, and help.

use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label};
use codespan_reporting::term::{self, Config};
use serde::Serialize;

mod excerpt;
use excerpt::Excerpt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// As written in messages and docs: `error`, `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier of the check, e.g. `unknown-principle`.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the source the problem is about; none for whole-file problems.
    pub span: Option<Range<usize>>,
    /// Short text under the carets.
    pub label: String,
    /// Other places that explain the problem, such as an id's first definition.
    pub related: Vec<(Range<usize>, String)>,
    /// What would be valid, a suggestion, or background.
    pub notes: Vec<String>,
}

/// A family of diagnostic codes: framework lints, answers checks, and so on. Each code
/// carries its severity and documentation, so a diagnostic's severity cannot disagree with
/// its code and a misspelt code does not compile. Families are declared with [`codes!`].
pub trait Code: Copy + 'static {
    /// The stable code users see and grep for, e.g. `unknown-principle`.
    fn code(self) -> &'static str;
    fn severity(self) -> Severity;
    /// One line: what the code means.
    fn summary(self) -> &'static str;
    /// A paragraph or two: why it matters and how to put it right (`--explain`).
    fn explanation(self) -> &'static str;
    /// Every code of the family, in documentation order.
    fn all() -> &'static [Self];
}

/// Declares a family of codes as an enum implementing [`Code`]. Each variant's doc comment
/// is its explanation; the tuple gives its code, severity and one-line summary.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $doc:literal])+
                $variant:ident = ($code:literal, $severity:ident, $summary:literal),
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl $crate::diagnostics::Code for $name {
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }
            fn severity(self) -> $crate::diagnostics::Severity {
                match self { $(Self::$variant => $crate::diagnostics::Severity::$severity,)+ }
            }
            fn summary(self) -> &'static str {
                match self { $(Self::$variant => $summary,)+ }
            }
            fn explanation(self) -> &'static str {
                match self { $(Self::$variant => concat!($($doc, "\n"),+),)+ }
            }
            fn all() -> &'static [Self] {
                &[$(Self::$variant),+]
            }
        }
    };
}
pub(crate) use codes;

codes! {
    /// Codes that any coopai input file can produce, whatever its kind.
    pub enum FileCode {
        /// The file could not be read as TOML of the expected shape: a syntax error (an
        /// unclosed quote or bracket, a missing `=`), a value of the wrong type (text where a
        /// number belongs), a key the format does not have, a key defined twice, or an empty
        /// file. The message points at the place and, for an unknown key, suggests the
        /// nearest known one. Files edited by hand also trip on merge conflict markers and
        /// pasted control characters; both are named when found.
        InvalidToml = ("invalid-toml", Error, "The file is not valid TOML, or a value has the wrong type, or a key is unknown."),
    }
}

/// The code of `family` written `code`, if there is one.
pub fn find_code<C: Code>(code: &str) -> Option<C> {
    C::all().iter().copied().find(|c| c.code() == code)
}

impl Diagnostic {
    /// A diagnostic with `code`, at the code's severity.
    pub fn new(code: impl Code, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code: code.code(),
            message: message.into(),
            span: None,
            label: String::new(),
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn also(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds "did you mean `x`?" when a candidate is close to `word`.
    pub fn suggest<'a>(self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(word, candidates) {
            Some(best) => self.note(format!("did you mean `{best}`?")),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The closest candidate to `word`, if it is close enough to be a likely typo: similar by
/// Jaro-Winkler (good for long ids with a shared prefix), or within a few edits, counting a
/// swap of neighbouring letters as one (good for short ids such as `yse` for `yes`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max_edits = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            (
                strsim::jaro_winkler(word, c),
                strsim::osa_distance(word, c),
                c,
            )
        })
        .filter(|(similar, edits, _)| *similar >= 0.8 || *edits <= max_edits)
        .min_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)).then(a.2.cmp(b.2)))
        .map(|(_, _, c)| c)
}

/// A value from the file, shortened for a message: a 20,000-character id would bury the
/// message (the snippet under it still shows where it is).
pub fn short(s: &str) -> String {
    const SHOWN: usize = 40;
    let count = s.chars().count();
    if count <= SHOWN + 20 {
        return s.to_string();
    }
    let head: String = s.chars().take(SHOWN).collect();
    format!("{head}... ({count} characters)")
}

/// "one of: a, b, c" for messages, capped so a long list stays readable.
pub fn one_of<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 12;
    let items: Vec<&str> = items.into_iter().collect();
    let mut out = items
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        out.push_str(&format!(", ... ({} in all)", items.len()));
    }
    if items.is_empty() {
        out.push_str("(none defined)");
    }
    out
}

/// An input file and the problems found in it.
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    pub file: String,
    pub text: String,
    pub items: Vec<Diagnostic>,
}

impl FileDiagnostics {
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// "answers.toml: 2 errors, 1 warning".
    pub fn summary(&self) -> String {
        format!(
            "{}: {}, {}",
            self.file,
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning")
        )
    }
}

/// "1 band", "3 bands".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for FileDiagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = Config::default();
        for d in &self.items {
            let at = d.span.as_ref().map(|s| clamp(s, &self.text).start);
            let file = Excerpt::new(&self.file, &self.text, at);
            let span = |s: &Range<usize>| file.span(clamp(s, &self.text));
            let rendered = match d.severity {
                Severity::Error => Rendered::error(),
                Severity::Warning => Rendered::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message)
            .with_notes(d.notes.clone());
            let rendered = match &d.span {
                Some(range) => rendered.with_labels(
                    std::iter::once(Label::primary((), span(range)).with_message(&d.label))
                        .chain(
                            d.related
                                .iter()
                                .map(|(s, l)| Label::secondary((), span(s)).with_message(l)),
                        )
                        .collect(),
                ),
                None => rendered.with_notes(vec![format!("in {}", self.file)]),
            };
            let text = term::emit_into_string(&config, &file, &rendered).map_err(|_| fmt::Error)?;
            f.write_str(&text)?;
        }
        Ok(())
    }
}

/// Keeps a span inside the text and on character boundaries, so rendering never fails.
fn clamp(span: &Range<usize>, text: &str) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    fix(span.start)..fix(span.end.max(span.start))
}

/// Line and column (both from 1) of a byte offset, for one-line messages.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["explainability", "bias", "oversight"];
        assert_eq!(did_you_mean("explainabilty", ids), Some("explainability"));
        assert_eq!(did_you_mean("procurement", ids), None);
        assert_eq!(did_you_mean("yse", ["yes", "no"]), Some("yes"));
        assert_eq!(did_you_mean("maybe", ["yes", "no"]), None);
    }

    #[test]
    fn positions_count_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn renders_file_line_column_and_snippet() {
        let text = "[framework]\nid = \"x\"\n".to_string();
        let diags = FileDiagnostics {
            file: "f.toml".into(),
            text,
            items: vec![
                Diagnostic::new(FileCode::InvalidToml, "bad id")
                    .at(17..20, "here")
                    .note("expected one of: y"),
            ],
        };
        let out = diags.to_string();
        assert!(out.contains("error[invalid-toml]: bad id"), "{out}");
        assert!(out.contains("f.toml:2:6"), "{out}");
        assert!(out.contains("id = \"x\""), "{out}");
        assert!(out.contains("= expected one of: y"), "{out}");
    }
}
