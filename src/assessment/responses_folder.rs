//! Reading a lead answers file's responses: the `*.toml` files of `<lead stem>.responses/`,
//! in name order, each loaded as a response and passed on as soon as it is read. Nothing
//! grows with the number of responses but the compact list of file names and the set of
//! pseudonyms seen (eight bytes and a file number each), so 100,000 responses can be
//! combined in little more memory than 10,000.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::checks::Check;
use super::responses::{LoadedResponse, Response, load_response_file};
use crate::diagnostics::{Diagnostic, FileDiagnostics, plural};
use crate::framework::{Framework, LoadError};
use crate::listing::{FileList, collect_paths};
use crate::source::{ReadError, read_text};

/// Files loaded at once (in parallel) before they are passed on in name order: bounds the
/// responses in memory together.
const CHUNK: usize = 256;

/// Files whose diagnostics are kept in full, of those refused and of those loaded with
/// warnings each; the rest are counted. A framework upgrade can give every one of 100,000
/// responses the same warning, and keeping each file's text to show it would cost more than
/// the responses.
pub const KEPT: usize = 50;

/// Where a lead answers file's responses live: `assessments/triage.toml` reads its responses
/// from `assessments/triage.responses/`.
pub fn responses_dir(lead: &Path) -> PathBuf {
    let mut name = lead.file_stem().unwrap_or_default().to_os_string();
    name.push(".responses");
    lead.with_file_name(name)
}

/// What reading a responses folder found, besides the responses themselves.
#[derive(Debug, Default)]
pub struct ResponsesRead {
    /// The folder read.
    pub dir: PathBuf,
    /// Responses loaded and passed on.
    pub loaded: usize,
    /// Why files were refused (unreadable, invalid, a pseudonym given twice), in name order:
    /// the first [`KEPT`]. A folder that cannot be listed is one of them.
    pub errors: Vec<LoadError>,
    /// Files refused, counting those beyond `errors`.
    pub refused: usize,
    /// The warnings of files that loaded, in name order: the first [`KEPT`].
    pub warnings: Vec<FileDiagnostics>,
    /// Files that loaded with warnings, counting those beyond `warnings`.
    pub warned: usize,
}

impl ResponsesRead {
    pub fn has_errors(&self) -> bool {
        self.refused > 0
    }

    /// "assessments/triage.responses: 12 responses, 1 file refused, 2 with warnings".
    pub fn summary(&self) -> String {
        format!(
            "{}: {}, {} refused, {} with warnings",
            self.dir.display(),
            plural(self.loaded, "response"),
            plural(self.refused, "file"),
            self.warned
        )
    }

    fn refuse(&mut self, e: LoadError) {
        self.refused += 1;
        if self.errors.len() < KEPT {
            self.errors.push(e);
        }
    }

    fn warn(&mut self, w: FileDiagnostics) {
        self.warned += 1;
        if self.warnings.len() < KEPT {
            self.warnings.push(w);
        }
    }
}

/// Every diagnostic kept, errors first, each naming its file; then how many were not kept.
impl fmt::Display for ResponsesRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            match e {
                LoadError::Invalid(diags) => write!(f, "{diags}")?,
                LoadError::Read(e) => writeln!(f, "error: {e}\n")?,
            }
        }
        if self.refused > self.errors.len() {
            writeln!(
                f,
                "error: {} more files in {} were refused (the first {KEPT} are shown)\n",
                self.refused - self.errors.len(),
                self.dir.display()
            )?;
        }
        for w in &self.warnings {
            write!(f, "{w}")?;
        }
        if self.warned > self.warnings.len() {
            writeln!(
                f,
                "warning: {} more files in {} have warnings (the first {KEPT} are shown)\n",
                self.warned - self.warnings.len(),
                self.dir.display()
            )?;
        }
        Ok(())
    }
}

/// Reads every response in `dir` (its `*.toml` files, not its subfolders) in name order,
/// passing each one that loads to `each` as soon as it is read. A file that cannot be read
/// or has errors is reported and left out, and the others still passed on; so is a response
/// whose pseudonym an earlier file in the folder already gave. A folder that does not exist
/// holds no responses.
pub fn read_responses(dir: &Path, fw: &Framework, mut each: impl FnMut(Response)) -> ResponsesRead {
    let mut read = ResponsesRead {
        dir: dir.to_path_buf(),
        ..ResponsesRead::default()
    };
    if !dir.exists() {
        return read;
    }
    if !dir.is_dir() {
        read.refuse(LoadError::Read(ReadError::Folder {
            path: dir.to_path_buf(),
            reason: "is a file, where the folder of responses should be".to_string(),
        }));
        return read;
    }
    let (files, folder_errors) = collect_paths(&[dir.to_path_buf()]);
    for (path, reason) in folder_errors {
        read.refuse(LoadError::Read(ReadError::Folder { path, reason }));
    }
    let mut pseudonyms = Pseudonyms::new(&files);
    let mut index = 0;
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<LoadedResponse, LoadError>> = chunk
            .par_iter()
            .map(|path| load_response_file(path, fw))
            .collect();
        for (path, result) in chunk.iter().zip(results) {
            let n = index;
            index += 1;
            let loaded = match result {
                Ok(loaded) => loaded,
                Err(e) => {
                    read.refuse(e);
                    continue;
                }
            };
            if let Some(p) = &loaded.response.respondent.pseudonym {
                if let Some(first) = pseudonyms.first_with(p, n) {
                    read.refuse(duplicate(path, &first));
                    continue;
                }
            }
            if !loaded.warnings.is_empty() {
                read.warn(loaded.warnings);
            }
            read.loaded += 1;
            each(loaded.response);
        }
    }
    read
}

/// The pseudonyms seen so far, as hashes with the number of the file that gave each (its
/// place in name order). A hash that matches is confirmed against that file, so two
/// pseudonyms that merely hash alike are never taken for one.
struct Pseudonyms<'a> {
    files: &'a FileList,
    seen: HashMap<u64, u32>,
    /// Pseudonyms found given twice, with the file that gave each first: a pseudonym given
    /// many times is confirmed once.
    repeated: HashMap<String, PathBuf>,
}

impl<'a> Pseudonyms<'a> {
    fn new(files: &'a FileList) -> Self {
        Self {
            files,
            seen: HashMap::new(),
            repeated: HashMap::new(),
        }
    }

    /// The file that gave `pseudonym` before file `n`, if any; else notes that `n` gives it.
    fn first_with(&mut self, pseudonym: &str, n: usize) -> Option<PathBuf> {
        let key = same(pseudonym);
        if let Some(first) = self.repeated.get(&key) {
            return Some(first.clone());
        }
        let Ok(n) = u32::try_from(n) else {
            return None; // four thousand million files: past anything this is for
        };
        let mut h = {
            let mut hasher = std::hash::DefaultHasher::new();
            key.hash(&mut hasher);
            hasher.finish()
        };
        loop {
            match self.seen.entry(h) {
                Entry::Vacant(slot) => {
                    slot.insert(n);
                    return None;
                }
                Entry::Occupied(slot) => {
                    let first = *slot.get();
                    let path = self.files.paths().nth(first as usize);
                    if let Some(path) =
                        path.filter(|p| pseudonym_of(p).is_some_and(|q| same(&q) == key))
                    {
                        self.repeated.insert(key, path.clone());
                        return Some(path);
                    }
                    // Another pseudonym with the same hash: try the next slot.
                    h = h.wrapping_add(1);
                }
            }
        }
    }
}

/// Pseudonyms are the same when they differ only in case or surrounding spaces.
fn same(pseudonym: &str) -> String {
    pseudonym.trim().to_lowercase()
}

/// Just the `[respondent]` pseudonym of a response, with where it is written.
#[derive(Deserialize)]
struct PseudonymOnly {
    respondent: RespondentPseudonym,
}

#[derive(Deserialize)]
struct RespondentPseudonym {
    pseudonym: Option<Spanned<String>>,
}

fn pseudonym_at(text: &str) -> Option<Spanned<String>> {
    toml::from_str::<PseudonymOnly>(text)
        .ok()?
        .respondent
        .pseudonym
}

/// The pseudonym of a response file read again.
fn pseudonym_of(path: &Path) -> Option<String> {
    let text = read_text(path).ok()?;
    pseudonym_at(&text).map(Spanned::into_inner)
}

/// The error for `path`, whose pseudonym `first` gave already.
fn duplicate(path: &Path, first: &Path) -> LoadError {
    let file = path.display().to_string();
    let text = read_text(path).unwrap_or_default();
    let mut d = Diagnostic::new(
        Check::DuplicatePseudonym,
        format!("the same pseudonym as {}", first.display()),
    )
    .note(format!(
        "{file} is left out; {} is kept (the first in name order)",
        first.display()
    ))
    .note("give each respondent their own pseudonym, or remove the repeated response");
    if let Some(p) = pseudonym_at(&text) {
        d = d.at(p.span(), "given already by another response");
    }
    LoadError::Invalid(FileDiagnostics {
        file,
        text,
        items: vec![d],
    })
}
