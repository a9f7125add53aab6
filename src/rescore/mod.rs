//! `coopai rescore`: score many assessments against a new framework and compare each with its
//! baseline. Streaming: files are scored in parallel, a chunk at a time in path order, and each
//! becomes a small [`Row`]; full reports are never kept, so memory stays flat however many
//! files there are. A file that fails to load becomes a row with its error.

mod render;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::assessment::{self, Assessment, LoadError};
use crate::diagnostics::{Code, FileCode, FileDiagnostics, line_col};
use crate::framework::Framework;
use crate::scoring::outcome;

pub use crate::listing::{FileList, collect_paths};
pub use render::{CSV_HEADER, RescoreFormat, csv_record, render_markdown, render_table};

/// Files scored in parallel before their rows are written; bounds memory on huge folders.
pub const CHUNK: usize = 2048;

/// The frameworks a rescore uses.
pub struct Frameworks {
    pub new: Framework,
    /// `--baseline`, when given: every file is compared against it.
    pub baseline: Option<Framework>,
    pub embedded: Framework,
    /// sha256s of the baseline frameworks that take the same answers as the new one, so a
    /// file checked against the new framework need not be checked again.
    same_answers: Vec<String>,
}

impl Frameworks {
    pub fn new(new: Framework, baseline: Option<Framework>, embedded: Framework) -> Self {
        let same_answers = baseline
            .iter()
            .chain([&embedded])
            .filter(|fw| answer_shape(fw) == answer_shape(&new))
            .map(|fw| fw.sha256.clone())
            .collect();
        Self {
            new,
            baseline,
            embedded,
            same_answers,
        }
    }
}

/// Everything that decides whether an answers file loads against a framework and what it
/// loads to: question ids, kinds, option ids, the bounds of scale and number answers, and
/// where answers under earlier versions' ids go.
fn answer_shape(fw: &Framework) -> Vec<String> {
    fw.questions
        .iter()
        .map(|q| {
            let scale = q.scale.as_ref().map(|s| (s.min, s.max));
            let number = q.number.as_ref().map(|n| (n.min, n.max));
            format!(
                "{} {} {:?} {scale:?} {number:?}",
                q.id,
                q.kind.name(),
                q.option_ids()
            )
        })
        .chain(std::iter::once(format!("{:?}", fw.moves)))
        .collect()
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

impl Row {
    /// The row of a file that could not be scored.
    pub fn failed(file: String, baseline: String, error: String) -> Self {
        Self {
            file,
            system: String::new(),
            baseline,
            old_score: None,
            old_band: None,
            new_score: None,
            new_band: None,
            change: "error".to_string(),
            dropped: Vec::new(),
            error: Some(error),
        }
    }
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
        *self
            .band_moves
            .entry(format!("{} → {}", name(&row.old_band), name(&row.new_band)))
            .or_default() += 1;
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
            out.push_str(&format!(
                "; {n} file{} had answers left out that no longer fit",
                plural(n)
            ));
        }
        if self.failed > 0 {
            out.push_str(&format!(
                "; {} file{} could not be scored",
                self.failed,
                plural(self.failed)
            ));
        }
        if !self.band_moves.is_empty() {
            let moves: Vec<String> = self
                .band_moves
                .iter()
                .map(|(m, n)| format!("{m}: {n}"))
                .collect();
            out.push_str(&format!(" [{}]", moves.join(", ")));
        }
        out
    }
}

impl Frameworks {
    /// Scores one file against its baseline and the new framework. The second value holds
    /// the file's error diagnostics, rendered, for stderr.
    pub fn row(&self, path: &Path) -> (Row, Option<String>) {
        let file = path.display().to_string();
        let failed = |baseline: String, error: String, shown: Option<String>| {
            (Row::failed(file.clone(), baseline, error), shown)
        };
        let text = match crate::source::read_text(path) {
            Ok(text) => text,
            Err(e) => return failed(String::new(), e.to_string(), None),
        };
        // Parsed once, checked against each framework.
        let parsed = match assessment::parse_str_unhashed(&file, text) {
            Ok(parsed) => parsed,
            Err(e) => return fail_load(failed, self.baseline_for(None).1, "", e),
        };
        let (base, label) = self.baseline_for(parsed.framework());
        let (new_a, mut dropped) = match load_lenient(&parsed, &self.new) {
            Ok(loaded) => loaded,
            Err(e) => return fail_load(failed, label, "the new framework", e),
        };
        // A baseline that takes the same answers needs no second check.
        let old_a = if base.sha256 == self.new.sha256 || self.same_answers.contains(&base.sha256) {
            None
        } else {
            match load_lenient(&parsed, base) {
                Ok((a, old_dropped)) => {
                    dropped.extend(old_dropped.into_iter().map(|d| format!("{d} (baseline)")));
                    Some(a)
                }
                Err(e) => return fail_load(failed, label, "the baseline framework", e),
            }
        };
        // Only the outcome is kept, so the full report is never built.
        let (new_score, new_band) = outcome(&self.new, &new_a);
        let (old_score, old_band) = if base.sha256 == self.new.sha256 {
            (new_score, new_band)
        } else {
            outcome(base, old_a.as_ref().unwrap_or(&new_a))
        };
        let (old_rank, new_rank) = (rank(base, &old_band.id), rank(&self.new, &new_band.id));
        let change = if old_band.id == new_band.id {
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
                old_band: Some(old_band.id.clone()),
                new_score: Some(new_score),
                new_band: Some(new_band.id.clone()),
                change: change.to_string(),
                dropped,
                error: None,
            },
            None,
        )
    }

    /// The baseline for an assessment, and how to name it in the `baseline` column.
    fn baseline_for(&self, recorded: Option<&assessment::FrameworkRef>) -> (&Framework, String) {
        let name = |fw: &Framework| format!("{} {}", fw.id, fw.version);
        if let Some(given) = &self.baseline {
            return (given, name(given));
        }
        match recorded {
            Some(r) if !r.sha256.is_empty() && r.sha256 == self.new.sha256 => {
                (&self.new, format!("{} (as answered)", name(&self.new)))
            }
            Some(r) if !r.sha256.is_empty() && r.sha256 == self.embedded.sha256 => (
                &self.embedded,
                format!("{} (as answered)", name(&self.embedded)),
            ),
            Some(r) => (
                &self.embedded,
                format!(
                    "{} (embedded; answered against {} {})",
                    name(&self.embedded),
                    r.id,
                    r.version
                ),
            ),
            None => (
                &self.embedded,
                format!("{} (embedded)", name(&self.embedded)),
            ),
        }
    }
}

/// Loads answers against `fw`; answers that no longer fit it are left out and listed.
/// Anything else wrong with the file (invalid TOML, a bad `[assessment]` table) is an error.
pub fn load_lenient(
    parsed: &assessment::Parsed,
    fw: &Framework,
) -> Result<(Assessment, Vec<String>), LoadError> {
    assessment::check_dropping_misfits(parsed, fw)
        .map(|(loaded, dropped)| (loaded.assessment, dropped))
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
            let toml = against.is_empty()
                || diags
                    .items
                    .iter()
                    .any(|d| d.code == FileCode::InvalidToml.code());
            let message = if toml {
                message
            } else {
                format!("against {against}: {message}")
            };
            failed(label, message, Some(shown))
        }
        LoadError::Read(e) => failed(label, e.to_string(), None),
    }
}

/// A one-line summary of a file's errors ("line 3, column 7: unknown option `maybe` ...
/// (and 2 more errors)"), and the errors rendered in full.
pub fn first_error(diags: &FileDiagnostics) -> (String, String) {
    let errors: Vec<_> = diags
        .items
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
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
        line.push_str(&format!(
            " (and {} more error{})",
            errors.len() - 1,
            if errors.len() == 2 { "" } else { "s" }
        ));
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
    fw.bands
        .iter()
        .position(|b| b.id == band)
        .unwrap_or(usize::MAX)
}
