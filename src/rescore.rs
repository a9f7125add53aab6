//! `coopai rescore`: score many assessments against a new framework and compare each with its
//! baseline. Streaming: files are scored in parallel, a chunk at a time in path order, and each
//! becomes a small [`Row`]; full reports are never kept, so memory stays flat however many
//! files there are. A file that fails to load becomes a row with its error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::assessment::{self, Assessment, LoadError};
use crate::diagnostics::{FileDiagnostics, line_col};
use crate::framework::Framework;
use crate::scoring::score;

/// Files scored in parallel before their rows are written; bounds memory on huge folders.
pub const CHUNK: usize = 2048;

/// The frameworks a rescore uses.
pub struct Frameworks {
    pub new: Framework,
    /// `--baseline`, when given: every file is compared against it.
    pub baseline: Option<Framework>,
    pub embedded: Framework,
}

/// One assessment's old and new outcome, or why it could not be scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub file: String,
    pub system: String,
    /// The framework the old score comes from, and why that one.
    pub baseline: String,
    pub old_score: Option<f64>,
    pub old_band: Option<String>,
    pub new_score: Option<f64>,
    pub new_band: Option<String>,
    /// `same`, `better band`, `worse band`, or `error`.
    pub change: String,
    /// Answers left out because they no longer fit a framework (a question or option removed,
    /// a question of another kind), as "`id`: why"; they count as unanswered.
    pub dropped: Vec<String>,
    pub error: Option<String>,
}

/// Counts over all rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub scored: usize,
    pub failed: usize,
    pub changed_band: usize,
    pub better_band: usize,
    pub worse_band: usize,
    /// Scored files whose score moved, whether or not the band did.
    pub changed_score: usize,
    /// Scored files with answers left out because they no longer fit a framework.
    pub with_dropped_answers: usize,
    /// "old → new" band ids, with how many files moved that way.
    pub band_moves: BTreeMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, row: &Row) {
        self.files += 1;
        if row.error.is_some() {
            self.failed += 1;
            return;
        }
        self.scored += 1;
        if !row.dropped.is_empty() {
            self.with_dropped_answers += 1;
        }
        if row.old_score != row.new_score {
            self.changed_score += 1;
        }
        match row.change.as_str() {
            "better band" => self.better_band += 1,
            "worse band" => self.worse_band += 1,
            _ => return,
        }
        self.changed_band += 1;
        let name = |b: &Option<String>| b.clone().unwrap_or_default();
        *self.band_moves.entry(format!("{} → {}", name(&row.old_band), name(&row.new_band))).or_default() += 1;
    }

    /// "3 of 40 files changed band (1 better, 2 worse); 1 could not be scored".
    pub fn sentence(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut out = format!(
            "{} of {} scored file{} changed band ({} better, {} worse); {} changed score",
            self.changed_band,
            self.scored,
            plural(self.scored),
            self.better_band,
            self.worse_band,
            self.changed_score
        );
        if self.with_dropped_answers > 0 {
            let n = self.with_dropped_answers;
            out.push_str(&format!("; {n} file{} had answers left out that no longer fit", plural(n)));
        }
        if self.failed > 0 {
            out.push_str(&format!("; {} file{} could not be scored", self.failed, plural(self.failed)));
        }
        if !self.band_moves.is_empty() {
            let moves: Vec<String> = self.band_moves.iter().map(|(m, n)| format!("{m}: {n}")).collect();
            out.push_str(&format!(" [{}]", moves.join(", ")));
        }
        out
    }
}

/// The files a rescore covers: each folder's `*.toml` files (not its subfolders), and each
/// file as given; sorted by path, without repeats. Folders that cannot be read come back as
/// errors to report, with the files found elsewhere.
pub fn collect_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                for entry in entries {
                    match entry {
                        Ok(e) => {
                            let p = e.path();
                            let is_file = e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()) && !p.is_dir();
                            if is_file && p.extension().is_some_and(|x| x == "toml") {
                                files.push(p);
                            }
                        }
                        Err(e) => errors.push((path.clone(), format!("cannot list the folder: {e}"))),
                    }
                }
            }
            Err(e) => errors.push((path.clone(), format!("cannot list the folder: {e}"))),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

impl Frameworks {
    /// Scores one file against its baseline and the new framework. The second value holds
    /// the file's error diagnostics, rendered, for stderr.
    pub fn row(&self, path: &Path) -> (Row, Option<String>) {
        let file = path.display().to_string();
        let failed = |baseline: String, error: String, shown: Option<String>| {
            (
                Row {
                    file: file.clone(),
                    system: String::new(),
                    baseline,
                    old_score: None,
                    old_band: None,
                    new_score: None,
                    new_band: None,
                    change: "error".to_string(),
                    dropped: Vec::new(),
                    error: Some(error),
                },
                shown,
            )
        };
        let text = match crate::source::read_text(path) {
            Ok(text) => text,
            Err(e) => return failed(String::new(), e.to_string(), None),
        };
        let new_load = load_lenient(&file, &text, &self.new);
        let (base, label) = match &new_load {
            Ok((a, _)) => self.baseline_for(a),
            Err(_) => self.baseline_for_text(&text),
        };
        let base_load = if base.sha256 == self.new.sha256 {
            None
        } else {
            Some(load_lenient(&file, &text, base))
        };
        let (new_a, mut dropped) = match new_load {
            Ok(loaded) => loaded,
            Err(e) => return fail_load(failed, label, "the new framework", e),
        };
        let old_a = match base_load {
            None => None,
            Some(Ok((a, old_dropped))) => {
                dropped.extend(old_dropped.into_iter().map(|d| format!("{d} (baseline)")));
                Some(a)
            }
            Some(Err(e)) => return fail_load(failed, label, "the baseline framework", e),
        };
        let new_r = score(&self.new, &new_a);
        let (old_score, old_band, old_rank) = match &old_a {
            Some(a) => {
                let r = score(base, a);
                let rank = rank(base, &r.overall.band);
                (r.overall.score, r.overall.band, rank)
            }
            None => (new_r.overall.score, new_r.overall.band.clone(), rank(&self.new, &new_r.overall.band)),
        };
        let new_rank = rank(&self.new, &new_r.overall.band);
        let change = if old_band == new_r.overall.band {
            "same"
        } else if new_rank < old_rank {
            "better band"
        } else {
            "worse band"
        };
        (
            Row {
                file,
                system: new_a.meta.system,
                baseline: label,
                old_score: Some(old_score),
                old_band: Some(old_band),
                new_score: Some(new_r.overall.score),
                new_band: Some(new_r.overall.band),
                change: change.to_string(),
                dropped,
                error: None,
            },
            None,
        )
    }

    /// The baseline for an assessment, and how to name it in the `baseline` column.
    fn baseline_for(&self, a: &Assessment) -> (&Framework, String) {
        let name = |fw: &Framework| format!("{} {}", fw.id, fw.version);
        if let Some(given) = &self.baseline {
            return (given, name(given));
        }
        match &a.framework {
            Some(r) if !r.sha256.is_empty() && r.sha256 == self.new.sha256 => {
                (&self.new, format!("{} (as answered)", name(&self.new)))
            }
            Some(r) if !r.sha256.is_empty() && r.sha256 == self.embedded.sha256 => {
                (&self.embedded, format!("{} (as answered)", name(&self.embedded)))
            }
            Some(r) => (
                &self.embedded,
                format!("{} (embedded; answered against {} {})", name(&self.embedded), r.id, r.version),
            ),
            None => (&self.embedded, format!("{} (embedded)", name(&self.embedded))),
        }
    }

    /// The baseline for a file the new framework rejects: read only its `[framework]` table.
    fn baseline_for_text(&self, text: &str) -> (&Framework, String) {
        let recorded = toml::from_str::<toml::Table>(text)
            .ok()
            .and_then(|t| t.get("framework").cloned())
            .and_then(|f| f.try_into::<assessment::FrameworkRef>().ok());
        let a = Assessment {
            framework: recorded,
            ..Assessment::default()
        };
        self.baseline_for(&a)
    }
}

/// Checks that make an answer not fit a framework; such answers are left out and noted, so
/// that a framework that removes or changes a question can still be tried on old answers.
const DROPPABLE: &[&str] = &["unknown-question", "unknown-option", "wrong-answer-type", "multiple-answers", "out-of-range"];

/// Loads answers against `fw`; answers that no longer fit it are left out and listed.
/// Anything else wrong with the file (invalid TOML, a bad `[assessment]` table) is an error.
pub fn load_lenient(name: &str, text: &str, fw: &Framework) -> Result<(Assessment, Vec<String>), LoadError> {
    let fits = |d: &FileDiagnostics| d.items.iter().filter(|x| x.is_error()).all(|x| DROPPABLE.contains(&x.code));
    let first = match assessment::load_str(name, text.to_string(), fw) {
        Ok(loaded) => return Ok((loaded.assessment, Vec::new())),
        Err(LoadError::Invalid(d)) if fits(&d) => d,
        Err(e) => return Err(e),
    };
    let Ok(mut doc) = toml::from_str::<toml::Table>(text) else { return Err(LoadError::Invalid(first)) };
    let mut dropped = Vec::new();
    if let Some(toml::Value::Table(answers)) = doc.get_mut("answers") {
        answers.retain(|id, _| {
            let known = fw.question(id).is_some();
            if !known {
                dropped.push(format!("`{id}`: no such question"));
            }
            known
        });
    }
    // Each pass drops the answers the loader still rejects; every pass drops at least one,
    // so this ends.
    loop {
        let rewritten = toml::to_string(&doc).unwrap_or_default();
        let diags = match assessment::load_str(name, rewritten, fw) {
            Ok(loaded) => return Ok((loaded.assessment, dropped)),
            Err(LoadError::Invalid(d)) if fits(&d) => d,
            Err(_) => return Err(LoadError::Invalid(first)),
        };
        let mut ids = Vec::new();
        for d in diags.items.iter().filter(|d| d.is_error()) {
            let id = d.span.as_ref().and_then(|span| answer_at(&diags.text, span.start));
            match id {
                Some(id) if !ids.iter().any(|(i, _)| i == &id) => ids.push((id, d.message.clone())),
                Some(_) => {}
                None => return Err(LoadError::Invalid(first)),
            }
        }
        let Some(toml::Value::Table(answers)) = doc.get_mut("answers") else { return Err(LoadError::Invalid(first)) };
        let before = answers.len();
        for (id, why) in ids {
            answers.remove(&id);
            dropped.push(format!("`{id}`: {why}"));
        }
        if answers.len() == before {
            return Err(LoadError::Invalid(first));
        }
    }
}

/// The id of the `[answers.ID]` table that holds byte `offset` of a file written by `toml`.
fn answer_at(text: &str, offset: usize) -> Option<String> {
    let header = text.get(..offset)?.rfind("[answers.")?;
    let rest = &text[header + "[answers.".len()..];
    let id = rest.split(']').next()?.trim_matches('"');
    Some(id.to_string())
}

fn fail_load(
    failed: impl Fn(String, String, Option<String>) -> (Row, Option<String>),
    label: String,
    against: &str,
    e: LoadError,
) -> (Row, Option<String>) {
    match e {
        LoadError::Invalid(diags) => {
            let (message, shown) = first_error(&diags);
            let toml = diags.items.iter().any(|d| d.code == "invalid-toml");
            let message = if toml { message } else { format!("against {against}: {message}") };
            failed(label, message, Some(shown))
        }
        LoadError::Read(e) => failed(label, e.to_string(), None),
    }
}

/// A one-line summary of a file's errors ("line 3, column 7: unknown option `maybe` ...
/// (and 2 more errors)"), and the errors rendered in full.
fn first_error(diags: &FileDiagnostics) -> (String, String) {
    let errors: Vec<_> = diags.items.iter().filter(|d| d.is_error()).cloned().collect();
    let mut line = match errors.first() {
        Some(d) => match &d.span {
            Some(span) => {
                let (l, c) = line_col(&diags.text, span.start);
                format!("line {l}, column {c}: {}", d.message)
            }
            None => d.message.clone(),
        },
        None => "could not be loaded".to_string(),
    };
    if errors.len() > 1 {
        line.push_str(&format!(" (and {} more error{})", errors.len() - 1, if errors.len() == 2 { "" } else { "s" }));
    }
    let shown = FileDiagnostics {
        file: diags.file.clone(),
        text: diags.text.clone(),
        items: errors,
    }
    .to_string();
    (line, shown)
}

/// A band's position, best first; unknown bands sort last.
fn rank(fw: &Framework, band: &str) -> usize {
    fw.bands.iter().position(|b| b.id == band).unwrap_or(usize::MAX)
}

/// The CSV header and fields, in order.
pub const CSV_HEADER: [&str; 10] =
    ["file", "system", "baseline", "old_score", "old_band", "new_score", "new_band", "change", "dropped", "error"];

pub fn csv_record(row: &Row) -> [String; 10] {
    let score = |s: Option<f64>| s.map(crate::report::text::num).unwrap_or_default();
    [
        row.file.clone(),
        row.system.clone(),
        row.baseline.clone(),
        score(row.old_score),
        row.old_band.clone().unwrap_or_default(),
        score(row.new_score),
        row.new_band.clone().unwrap_or_default(),
        row.change.clone(),
        row.dropped.join("; "),
        row.error.clone().unwrap_or_default(),
    ]
}

/// The rows as a terminal table, with the summary under it.
pub fn render_table(fw: &Framework, rows: &[Row], summary: &Summary) -> String {
    use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(140)
        .set_header(vec!["File", "System", "Baseline", "Old", "Old band", "New", "New band", "Change"]);
    for row in rows {
        let r = csv_record(row);
        let change = match &row.error {
            Some(e) => format!("error: {e}"),
            None if row.dropped.is_empty() => r[7].clone(),
            None => format!("{}; answers left out: {}", r[7], r[8]),
        };
        t.add_row(vec![r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone(), r[4].clone(), r[5].clone(), r[6].clone(), change]);
    }
    format!("Rescored against {} {}\n{t}\n{}.\n", fw.id, fw.version, summary.sentence())
}

/// The rows as a Markdown table, with the summary under it.
pub fn render_markdown(fw: &Framework, rows: &[Row], summary: &Summary) -> String {
    use crate::framework::docs::md;
    let mut out = format!(
        "# Rescored against {} {}\n\n| File | System | Baseline | Old score | Old band | New score | New band | Change |\n|---|---|---|---:|---|---:|---|---|\n",
        md(&fw.title),
        fw.version
    );
    for row in rows {
        let r = csv_record(row);
        let change = match &row.error {
            Some(e) => format!("error: {}", md(e)),
            None if row.dropped.is_empty() => r[7].clone(),
            None => format!("{}; answers left out: {}", r[7], crate::framework::docs::md_code(&r[8])),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {change} |\n",
            md(&r[0]),
            md(&r[1]),
            md(&r[2]),
            r[3],
            md(&r[4]),
            r[5],
            md(&r[6])
        ));
    }
    out.push_str(&format!("\n**Summary:** {}.\n", md(&summary.sentence())));
    out
}
