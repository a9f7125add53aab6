//! Calibration: real systems whose outcome an experienced reviewer wrote down before they
//! were scored, scored again, and compared with what the reviewer expected. A policy lab runs
//! it after every change to a framework (`coopai calibrate DIR`); the reference framework's
//! set is in assessments/calibration/ and its table in docs/calibration.md.
//!
//! A set is a folder: `expectations/<case>.toml` holds the reviewer's judgement, `<case>.toml`
//! the answers taken from the published record alone, and `<case>-completed.toml`, when the
//! expectation has a `[completed]` table, the same answers with the unknowns filled in.

pub mod render;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::assessment::{self, LoadError};
use crate::framework::Framework;
use crate::scoring::report::Report;
use crate::scoring::score;
use crate::source::read_text;

/// What a reviewer wrote about one system before it was scored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub system: String,
    pub council: String,
    /// Where the published record is.
    pub record: String,
    /// What sort of system it is: chatbot, transcription, child-risk and so on.
    pub kind: String,
    pub stage: String,
    /// When the expectation was written: before the case was scored.
    pub written: String,
    /// Why and when an expectation was changed, if it was: never after seeing a score
    /// without saying so here.
    #[serde(default)]
    pub revised: Option<String>,
    pub record_only: Expected,
    pub completed: Option<Expected>,
}

/// The impact levels and bands a reviewer would accept for one answers file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub impact_level: Vec<u8>,
    /// Band ids.
    pub outcome: Vec<String>,
    pub reasoning: String,
    /// For a completed variant: what was assumed where the record is silent.
    #[serde(default)]
    pub assumptions: Option<String>,
}

/// Which answers file of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Only what the published record says; blanks where it is silent.
    RecordOnly,
    /// The unknowns filled with the most plausible answers for a typical council.
    Completed,
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Self::RecordOnly => "record only",
            Self::Completed => "completed",
        }
    }
}

/// One answers file scored and judged against its expectation.
#[derive(Debug, Clone)]
pub struct Case {
    /// The file name of the expectation, without `.toml`.
    pub slug: String,
    pub variant: Variant,
    pub expectation: Expectation,
    pub report: Report,
    pub level_agrees: bool,
    pub outcome_agrees: bool,
    /// The names of the bands the reviewer accepts, as the framework calls them.
    pub expected_bands: Vec<String>,
}

impl Case {
    pub fn expected(&self) -> &Expected {
        match self.variant {
            Variant::Completed => self
                .expectation
                .completed
                .as_ref()
                .unwrap_or(&self.expectation.record_only),
            Variant::RecordOnly => &self.expectation.record_only,
        }
    }

    pub fn agrees(&self) -> bool {
        self.level_agrees && self.outcome_agrees
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    #[error("{0}: cannot list the folder: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error(
        "{0}: no expectations/*.toml files: a calibration set keeps each reviewer's expectation there"
    )]
    Empty(PathBuf),
    #[error("{0}: {1}")]
    Expectation(PathBuf, String),
    #[error(
        "{path}: expects band `{band}`, which framework `{framework}` does not have; expected one of: {bands}"
    )]
    UnknownBand {
        path: PathBuf,
        band: String,
        framework: String,
        bands: String,
    },
    #[error(transparent)]
    Answers(#[from] LoadError),
}

/// Scores every case of the set in `dir` against `fw`, in file-name order.
pub fn calibrate(dir: &Path, fw: &Framework) -> Result<Vec<Case>, CalibrationError> {
    let folder = dir.join("expectations");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| CalibrationError::Folder(folder.clone(), e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(CalibrationError::Empty(folder));
    }
    let mut cases = Vec::new();
    for path in paths {
        let text = read_text(&path)
            .map_err(|e| CalibrationError::Expectation(path.clone(), e.to_string()))?;
        let expectation: Expectation = toml::from_str(&text)
            .map_err(|e| CalibrationError::Expectation(path.clone(), e.to_string()))?;
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let variants = std::iter::once((
            Variant::RecordOnly,
            &expectation.record_only,
            format!("{slug}.toml"),
        ))
        .chain(
            expectation
                .completed
                .as_ref()
                .map(|c| (Variant::Completed, c, format!("{slug}-completed.toml"))),
        );
        for (variant, expected, file) in variants {
            if let Some(band) = expected
                .outcome
                .iter()
                .find(|b| !fw.bands.iter().any(|fb| &fb.id == *b))
            {
                return Err(CalibrationError::UnknownBand {
                    path: path.clone(),
                    band: band.clone(),
                    framework: fw.id.clone(),
                    bands: fw
                        .bands
                        .iter()
                        .map(|b| b.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            let loaded = assessment::load_file(&dir.join(file), fw)?;
            let report = score(fw, &loaded.assessment);
            let mut case = judge(slug.clone(), variant, expectation.clone(), report);
            case.expected_bands = fw
                .bands
                .iter()
                .filter(|b| case.expected().outcome.contains(&b.id))
                .map(|b| b.name.clone())
                .collect();
            cases.push(case);
        }
    }
    Ok(cases)
}

/// A level agrees when it is one the reviewer accepts; while the level is precautionary
/// (risk questions unanswered), when the range it could still take includes one. A final
/// outcome agrees when its band is; a provisional one when the bands it could still end in
/// include one the reviewer accepts, so the blanks of a published record are never read as
/// the reviewer's verdict.
fn judge(slug: String, variant: Variant, expectation: Expectation, report: Report) -> Case {
    let mut case = Case {
        slug,
        variant,
        expectation,
        report,
        level_agrees: false,
        outcome_agrees: false,
        expected_bands: Vec::new(),
    };
    let expected = case.expected();
    let impact = &case.report.impact;
    let level_agrees = if impact.precautionary {
        (impact.range.low..=impact.range.high).any(|l| expected.impact_level.contains(&l))
    } else {
        expected.impact_level.contains(&case.report.impact_level)
    };
    let o = &case.report.overall;
    let outcome_agrees = if o.provisional {
        o.bands_possible
            .iter()
            .any(|b| expected.outcome.contains(&b.id))
    } else {
        expected.outcome.contains(&o.band)
    };
    case.level_agrees = level_agrees;
    case.outcome_agrees = outcome_agrees;
    case
}
