//! Turning the TOML parser's errors into diagnostics a council officer can act on: serde's
//! type names put into words, and the mistakes people make with hand-edited files (merge
//! conflict markers, pasted control characters, JSON, the other kind of coopai file, a key
//! under the wrong table) recognised and explained.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, FileCode};

/// The kind of coopai file a TOML error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Framework,
    Answers,
    /// One respondent's answers: the answers format with `[respondent]` for `[assessment]`.
    Response,
}

impl FileKind {
    fn phrase(self) -> &'static str {
        match self {
            Self::Framework => "a framework file",
            Self::Answers => "an answers file",
            Self::Response => "a response file",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            Self::Framework => "docs/framework-format.md",
            Self::Answers => "docs/answers-format.md",
            Self::Response => "docs/answers-format.md#responses",
        }
    }

    fn top_level_tables(self) -> &'static [&'static str] {
        match self {
            Self::Framework => &["framework", "principle", "question", "impact", "band"],
            Self::Answers => &["assessment", "framework", "answers"],
            Self::Response => &["respondent", "framework", "answers"],
        }
    }
}

/// Turns a TOML or serde error about `text`, a file of `kind`, into a diagnostic.
pub fn toml_error(e: &toml::de::Error, text: &str, kind: FileKind) -> Diagnostic {
    let message = e.message().trim().to_string();
    let d = match conflict_marker(text) {
        // Whatever the parser tripped on, markers left by a merge are the thing to fix.
        Some(line) => Diagnostic::new(
            FileCode::InvalidToml,
            "the file contains unresolved merge conflict markers",
        )
        .at(line, "conflict marker")
        .note("keep the version you want, then delete the lines starting with <<<<<<<, ======= and >>>>>>>"),
        None => explain(&message, e.span(), text, kind),
    };
    let d = match wrong_kind_of_file(text, kind) {
        Some(note) => d.note(note),
        None => d,
    };
    if text.trim_start().starts_with('{') {
        return d.note("this looks like JSON; coopai reads TOML (`key = \"value\"` lines under [table] headers)");
    }
    d
}

fn explain(message: &str, span: Option<Range<usize>>, text: &str, kind: FileKind) -> Diagnostic {
    let at = |d: Diagnostic, label: &str| match &span {
        Some(span) => d.at(span.clone(), label),
        None => d,
    };
    if TOO_DEEP.contains(&message) {
        // The parser's own words, and for a long dotted key no position at all.
        let d = Diagnostic::new(
            FileCode::InvalidToml,
            "tables, lists or dotted keys are nested too deeply to read",
        )
        .note("coopai reads up to 80 levels of nesting; files written by hand need a handful");
        return match span.clone().or_else(|| deepest_key(text)) {
            Some(span) => d.at(span, "nested too deeply"),
            None => d,
        };
    }
    if let Some(c) = span
        .as_ref()
        .and_then(|s| text.get(s.start..))
        .and_then(|t| t.chars().next())
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        let d = Diagnostic::new(
            FileCode::InvalidToml,
            format!(
                "the file contains an invisible control character (U+{:04X})",
                u32::from(c)
            ),
        );
        return at(d, "here")
            .note("delete it; such characters often come with text pasted from another program");
    }
    if let Some(words) = invalid_type(message, span.as_ref().and_then(|s| text.get(s.clone()))) {
        return at(Diagnostic::new(FileCode::InvalidToml, words), "here");
    }
    if message == "duplicate key" {
        let key = span
            .as_ref()
            .and_then(|s| text.get(s.clone()))
            .map(|k| k.trim().trim_matches(['[', ']', '"', '\'']).trim())
            .filter(|k| !k.is_empty() && k.len() <= 80);
        let words = match key {
            Some(key) => format!("`{key}` is defined twice"),
            None => "a key is defined twice".to_string(),
        };
        return at(
            Diagnostic::new(FileCode::InvalidToml, words),
            "defined again here",
        )
        .note("each key and each [table] may appear once in a file; keep one, or merge them");
    }
    let label = match message.strip_prefix("missing field ") {
        Some(field) => format!("this table needs {field}"),
        None => "here".to_string(),
    };
    let mut d = at(Diagnostic::new(FileCode::InvalidToml, message), &label);
    if let Some((unknown, expected)) = unknown_field(message) {
        d = d.suggest(unknown, expected.iter().copied());
        if kind.top_level_tables().contains(&unknown) && !expected.contains(&unknown) {
            d = d.note(format!(
                "a key belongs to the [table] above it; if `{unknown}` is meant as a section of its own, give it its own [{unknown}] header"
            ));
        }
    }
    if message.starts_with("missing field") {
        if text.trim().is_empty() {
            d = d.note("the file is empty");
        }
        d = d.note(format!(
            "see {} for what {} must contain",
            kind.doc(),
            kind.phrase()
        ));
    }
    if message.starts_with("carriage return") {
        d = d.note("the file has old-style line endings (a carriage return alone); save it with Windows (CRLF) or Unix (LF) line endings");
    }
    d
}

/// What the TOML parser says when nesting passes its limit (80 levels).
const TOO_DEEP: [&str; 2] = [
    "recursion limit",
    "cannot recurse further; max recursion depth met",
];

/// The table header or key with the most dotted parts, for pointing at a key nested too deeply.
fn deepest_key(text: &str) -> Option<Range<usize>> {
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let trimmed = line.trim();
        let key = match trimmed.strip_prefix('[') {
            Some(header) => header.split(']').next().unwrap_or(""),
            None => trimmed.split('=').next().unwrap_or(""),
        };
        let depth = key.matches('.').count();
        if depth > 0 && best.as_ref().is_none_or(|(d, _)| depth > *d) {
            best = Some((depth, start..start + trimmed.len()));
        }
    }
    best.map(|(_, span)| span)
}

/// The first line that starts with a merge conflict marker.
fn conflict_marker(text: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.starts_with("<<<<<<< ")
            || content == "<<<<<<<"
            || content.starts_with(">>>>>>> ")
            || content == "======="
        {
            return Some(start..start + content.len());
        }
    }
    None
}

/// A note when the file is plainly the other kind of coopai file.
fn wrong_kind_of_file(text: &str, kind: FileKind) -> Option<&'static str> {
    let has_line = |prefixes: &[&str]| {
        text.lines()
            .any(|l| prefixes.iter().any(|p| l.trim_start().starts_with(p)))
    };
    if kind == FileKind::Framework && has_line(&["[assessment]", "[answers."]) {
        Some("this looks like an answers file: score it with `coopai score FILE`")
    } else if kind != FileKind::Framework
        && has_line(&["[[question]]", "[[principle]]", "[[band]]"])
    {
        Some(
            "this looks like a framework file: check it with `coopai framework check FILE`, or score answers against it with `--framework FILE`",
        )
    } else {
        None
    }
}

/// Serde's "invalid type: string \"high\", expected f64" in words.
fn invalid_type(message: &str, found_text: Option<&str>) -> Option<String> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let found = if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        format!("the number {}", n.trim_end_matches('`'))
    } else if let Some(b) = found.strip_prefix("boolean `") {
        b.trim_end_matches('`').to_string()
    } else if found == "sequence" {
        "a list".to_string()
    } else if found == "map" && found_text.is_some_and(looks_like_date) {
        "a date".to_string()
    } else if found == "map" {
        "a table".to_string()
    } else {
        found.to_string()
    };
    let expected = match expected {
        "f64" | "f32" => "a number",
        "i64" | "i32" | "u64" | "u32" | "u8" | "i8" | "u16" | "i16" | "usize" => "a whole number",
        "a string" => "text in quotes",
        "a boolean" => "true or false",
        "a sequence" => "a list in [ ]",
        e if e.starts_with("struct ") || e == "a map" => "a table",
        e => e,
    };
    Some(format!("expected {expected}, found {found}"))
}

fn looks_like_date(s: &str) -> bool {
    let s = s.trim();
    s.len() >= 8 && s.chars().take(4).all(|c| c.is_ascii_digit()) && s.chars().nth(4) == Some('-')
}

/// Parses serde's "unknown field `x`, expected one of `a`, `b`" message, and the same for
/// "unknown variant" (a question `kind` or `impact` role).
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((unknown, expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::did_you_mean;

    #[test]
    fn parses_serde_unknown_field_messages() {
        let (unknown, expected) =
            unknown_field("unknown field `promt`, expected one of `id`, `prompt`, `help`").unwrap();
        assert_eq!(unknown, "promt");
        assert_eq!(expected, vec!["id", "prompt", "help"]);
        assert_eq!(did_you_mean(unknown, expected), Some("prompt"));
        let (unknown, expected) =
            unknown_field("unknown variant `yesno`, expected one of `single`, `yes_no`").unwrap();
        assert_eq!(did_you_mean(unknown, expected), Some("yes_no"));
    }

    #[test]
    fn serde_type_names_become_words() {
        let t = |m| invalid_type(m, None).unwrap();
        assert_eq!(
            t("invalid type: string \"high\", expected f64"),
            "expected a number, found the text \"high\""
        );
        assert_eq!(
            t("invalid type: integer `42`, expected a string"),
            "expected text in quotes, found the number 42"
        );
        assert_eq!(
            t("invalid type: string \"yes\", expected struct RawOption"),
            "expected a table, found the text \"yes\""
        );
        assert_eq!(
            invalid_type("invalid type: map, expected a string", Some("2026-11-23")).unwrap(),
            "expected text in quotes, found a date"
        );
    }

    #[test]
    fn finds_merge_conflict_markers() {
        let text = "a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> other\n";
        assert_eq!(conflict_marker(text), Some(6..18));
        assert_eq!(conflict_marker("a = \"<<<<<<< x\"\n"), None);
    }
}
