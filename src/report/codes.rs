//! Diagnostic codes for people to read: the code tables in docs/framework-format.md and
//! docs/answers-format.md, and `coopai framework check --explain CODE`. Both are written from
//! the code families themselves, so neither can drift from what the checkers report.

use crate::assessment::Check;
use crate::diagnostics::{Code, FileCode, did_you_mean};
use crate::framework::validate::Lint;

/// One family of codes as the docs and `--explain` name it.
struct Family {
    name: &'static str,
    codes: Vec<Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
    explanation: &'static str,
}

fn entries<C: Code>() -> Vec<Entry> {
    C::all()
        .iter()
        .map(|c| Entry {
            code: c.code(),
            severity: c.severity().name(),
            summary: c.summary(),
            explanation: c.explanation(),
        })
        .collect()
}

/// Every family, each with the codes every file kind shares listed first.
fn families() -> [Family; 2] {
    let with_shared = |own: Vec<Entry>| entries::<FileCode>().into_iter().chain(own).collect();
    [
        Family {
            name: "framework lint",
            codes: with_shared(entries::<Lint>()),
        },
        Family {
            name: "answers check",
            codes: with_shared(entries::<Check>()),
        },
    ]
}

/// The Markdown table of one family's codes, as committed in its format doc.
fn table(family: &Family) -> String {
    let mut out = String::from("| code | severity | meaning |\n| --- | --- | --- |\n");
    for e in &family.codes {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code, e.severity, e.summary
        ));
    }
    out
}

/// The lint table of docs/framework-format.md.
pub fn framework_lints_table() -> String {
    table(&families()[0])
}

/// The checks table of docs/answers-format.md.
pub fn answers_checks_table() -> String {
    table(&families()[1])
}

/// Columns `--explain` wraps its text to: the same on every terminal, so output is stable.
const WIDTH: usize = 88;

/// The documentation of `code`: which kind of file reports it,
/// at what severity, its summary and its explanation. A code that two families share
/// (`unknown-option` is both a framework lint and an answers check) is explained for each;
/// `invalid-toml`, which every kind of file reports, once.
pub fn explain(code: &str) -> Option<String> {
    let mut sections: Vec<(String, Entry)> = Vec::new();
    for family in families() {
        if let Some(e) = family.codes.iter().find(|e| e.code == code) {
            match sections
                .iter_mut()
                .find(|(_, s)| s.explanation == e.explanation)
            {
                Some((names, _)) => names.push_str(&format!(" and {}", family.name)),
                None => sections.push((family.name.to_string(), *e)),
            }
        }
    }
    if sections.is_empty() {
        return None;
    }
    let wrap = |text: &str| textwrap::fill(text, WIDTH);
    let sections: Vec<String> = sections
        .iter()
        .map(|(names, e)| {
            format!(
                "{}: {names}, {}\n\n{}\n\n{}\n",
                e.code,
                e.severity,
                wrap(e.summary),
                wrap(&paragraph(e.explanation))
            )
        })
        .collect();
    Some(sections.join("\n"))
}

/// A doc comment's lines joined into one paragraph.
fn paragraph(doc: &str) -> String {
    doc.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

/// Every code any family has, sorted, without repeats: for "expected one of" messages.
pub fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&str> = families()
        .iter()
        .flat_map(|f| f.codes.iter().map(|e| e.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The code nearest to a misspelt one, if any is close.
pub fn nearest_code(code: &str) -> Option<&'static str> {
    did_you_mean(code, all_codes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_two_families_share_is_explained_for_each() {
        let text = explain("unknown-option").unwrap();
        assert!(
            text.contains("unknown-option: framework lint, error"),
            "{text}"
        );
        assert!(
            text.contains("unknown-option: answers check, error"),
            "{text}"
        );
        assert!(text.contains("A condition names an option"), "{text}");
        assert!(
            text.contains("An option id the question does not have."),
            "{text}"
        );
    }

    #[test]
    fn the_shared_toml_code_is_explained_once() {
        let text = explain("invalid-toml").unwrap();
        assert_eq!(text.matches("invalid-toml:").count(), 1, "{text}");
        assert!(text.starts_with("invalid-toml: framework lint and answers check, error"));
    }

    #[test]
    fn unknown_codes_have_no_explanation_but_may_have_a_neighbour() {
        assert!(explain("no-such-code").is_none());
        assert_eq!(nearest_code("unknown-princple"), Some("unknown-principle"));
    }

    #[test]
    fn codes_are_unique_within_each_family() {
        for family in families() {
            let mut codes: Vec<&str> = family.codes.iter().map(|e| e.code).collect();
            let all = codes.len();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), all, "{} lists a code twice", family.name);
        }
    }
}
