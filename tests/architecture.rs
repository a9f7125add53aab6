//! The import rule of ARCHITECTURE.md: every top-level module of src/ belongs to a layer, and a
//! module may import from its own layer or lower ones, never higher. The test reads every .rs
//! file under src/, finds each `crate::<module>` path in code (comments and string literals
//! are skipped; grouped `use crate::{a, b}` counts each module) and names the file, the line
//! and both layers of any path that points up.

use std::path::{Path, PathBuf};

/// The layers, lowest first, and the top-level modules of src/ in each.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaf helpers",
        &[
            "diagnostics",
            "source",
            "toml_error",
            "output",
            "lock",
            "number",
            "markdown_escape",
            "listing",
        ],
    ),
    ("framework", &["framework"]),
    ("assessment", &["assessment"]),
    ("scoring", &["scoring"]),
    ("report", &["report"]),
    (
        "verify, rescore, calibrate, interview, form",
        &["verify", "rescore", "calibrate", "interview", "form"],
    ),
    ("commands and cli", &["commands", "cli"]),
];

/// The crate roots: lib.rs only declares the modules, main.rs is the binary above them all.
const ROOTS: &[&str] = &["lib.rs", "main.rs"];

fn layer(module: &str) -> Option<(usize, &'static str)> {
    LAYERS
        .iter()
        .enumerate()
        .find(|(_, (_, modules))| modules.contains(&module))
        .map(|(i, (name, _))| (i, *name))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ is readable").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under src/ belongs to; `None` for the crate roots.
fn module_of(relative: &str) -> Option<&str> {
    if ROOTS.contains(&relative) {
        return None;
    }
    let first = relative.split('/').next().unwrap_or(relative);
    Some(first.strip_suffix(".rs").unwrap_or(first))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text with comments, string literals and character literals blanked to spaces (line
/// breaks kept), so that only code is searched and line numbers still hold.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ident_before = |i: usize| i > 0 && is_ident(chars[i - 1]);
        let end = if c == '/' && at(i + 1) == Some('/') {
            chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |p| i + p)
        } else if c == '/' && at(i + 1) == Some('*') {
            // Block comments nest.
            let (mut j, mut depth) = (i + 2, 1);
            while j < chars.len() && depth > 0 {
                match (chars[j], at(j + 1)) {
                    ('/', Some('*')) => (depth, j) = (depth + 1, j + 2),
                    ('*', Some('/')) => (depth, j) = (depth - 1, j + 2),
                    _ => j += 1,
                }
            }
            j
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            j + 1
        } else if c == 'r'
            && (!ident_before(i) || (chars[i - 1] == 'b' && !ident_before(i - 1)))
            && matches!(chars[i + 1..].iter().find(|&&c| c != '#'), Some('"'))
        {
            // A raw string, r"..." or r#"..."#: it ends at a quote and as many hashes.
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = i + 2 + hashes;
            (body..chars.len())
                .find(|&j| chars[j..].starts_with(&close))
                .map_or(chars.len(), |j| j + close.len())
        } else if c == '\'' && at(i + 1) == Some('\\') {
            // An escaped character literal: '\'', '\n', '\u{7}'.
            (i + 3..chars.len())
                .find(|&j| chars[j] == '\'')
                .map_or(chars.len(), |j| j + 1)
        } else if c == '\'' && at(i + 2) == Some('\'') {
            i + 3
        } else {
            // Code, and lifetimes ('a), which are code too.
            out.push(c);
            i += 1;
            continue;
        };
        let end = end.min(chars.len());
        out.extend(
            chars[i..end]
                .iter()
                .map(|&c| if c == '\n' { '\n' } else { ' ' }),
        );
        i = end;
    }
    out
}

/// Every `crate::<module>` path in the code of `text`, as (line, module); a grouped
/// `crate::{a, b::c}` gives one per module.
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let code: Vec<char> = code_only(text).chars().collect();
    let line_at = |i: usize| 1 + code[..i].iter().filter(|&&c| c == '\n').count();
    let ident_at =
        |i: usize| -> String { code[i..].iter().take_while(|&&c| is_ident(c)).collect() };
    let skip_space = |mut i: usize| {
        while code.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    let needle: Vec<char> = "crate::".chars().collect();
    let mut out = Vec::new();
    for start in 0..code.len() {
        if !code[start..].starts_with(&needle) || (start > 0 && is_ident(code[start - 1])) {
            continue;
        }
        let i = skip_space(start + needle.len());
        if code.get(i) != Some(&'{') {
            out.push((line_at(i), ident_at(i)));
            continue;
        }
        // A group: the first name of each entry at the outer level.
        let (mut j, mut depth, mut entry_start) = (i + 1, 1, true);
        while j < code.len() && depth > 0 {
            if entry_start && depth == 1 {
                j = skip_space(j);
                let name = ident_at(j);
                if !name.is_empty() {
                    out.push((line_at(j), name));
                }
                entry_start = false;
                continue;
            }
            match code[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 1 => entry_start = true,
                _ => {}
            }
            j += 1;
        }
    }
    out
}

/// The upward imports of one file (its path relative to src/), one message each.
fn upward_imports(relative: &str, text: &str) -> Vec<String> {
    let Some(module) = module_of(relative) else {
        return Vec::new();
    };
    let Some((from, from_name)) = layer(module) else {
        return vec![format!(
            "src/{relative}: module `{module}` has no layer in tests/architecture.rs"
        )];
    };
    let mut out = Vec::new();
    for (line, target) in crate_references(text) {
        match layer(&target) {
            None => out.push(format!(
                "src/{relative}:{line}: `crate::{target}` is not a top-level module with a layer"
            )),
            Some((to, to_name)) if to > from => out.push(format!(
                "src/{relative}:{line}: `{module}` (layer {from}, {from_name}) imports `{target}` (layer {to}, {to_name}), a higher layer"
            )),
            Some(_) => {}
        }
    }
    out
}

/// One concern a file: a source file that outgrows this is holding several, and is split by
/// concern (as validate/ and compare/ were).
const LONGEST_FILE: usize = 700;

#[test]
fn no_source_file_is_longer_than_700_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    assert!(files.len() > 40, "only {} files found", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path)
                .expect("source is UTF-8")
                .lines()
                .count();
            (lines > LONGEST_FILE).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:?}");
}

#[test]
fn no_module_imports_from_a_higher_layer() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut references = 0;
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .expect("under src/")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        references += crate_references(&text).len();
        problems.extend(upward_imports(&relative, &text));
    }
    // The scan found the crate's paths at all: a broken scanner finds none and passes nothing.
    assert!(references > 100, "only {references} `crate::` paths found");
    assert!(
        problems.is_empty(),
        "imports must point down the layers of ARCHITECTURE.md:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(src()).expect("src/ is readable") {
        let path = entry.expect("src/ is readable").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 names");
        if path.is_dir() {
            found.push(name.to_string());
        } else if !ROOTS.contains(&name) {
            if let Some(stem) = name.strip_suffix(".rs") {
                found.push(stem.to_string());
            }
        }
    }
    found.sort();
    let missing: Vec<&String> = found.iter().filter(|m| layer(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "add these modules to a layer in ARCHITECTURE.md and LAYERS: {missing:?}"
    );
    let mut listed: Vec<&str> = LAYERS.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    listed.sort();
    assert_eq!(listed, found, "LAYERS lists exactly the modules under src/");
}

#[test]
fn the_scanner_catches_an_upward_import() {
    let text = r##"//! Mentions crate::commands in a comment, which is no import.
use crate::{
    diagnostics::Diagnostic,
    report::{text::table, render},
};
use crate::framework::Framework;
/* crate::cli /* nested */ crate::cli */
fn quote<'a>(c: char, s: &'a str) -> bool {
    let _ = ("crate::cli", r#"crate::cli"#, '"', '\'');
    c == '"' && crate::scoring::score(s)
}
"##;
    assert_eq!(
        crate_references(text),
        [
            (3, "diagnostics".to_string()),
            (4, "report".to_string()),
            (6, "framework".to_string()),
            (10, "scoring".to_string()),
        ]
    );
    let problems = upward_imports("assessment/write.rs", text);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[0],
        "src/assessment/write.rs:4: `assessment` (layer 2, assessment) imports `report` (layer 4, report), a higher layer"
    );
    assert!(problems[1].starts_with("src/assessment/write.rs:10: `assessment` (layer 2"));
    // The same file one layer up may import scoring, not report.
    assert_eq!(upward_imports("scoring/mod.rs", text).len(), 1);
    assert_eq!(upward_imports("main.rs", text), Vec::<String>::new());
    assert_eq!(
        upward_imports("newthing.rs", "")[0],
        "src/newthing.rs: module `newthing` has no layer in tests/architecture.rs"
    );
}
