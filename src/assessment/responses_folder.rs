//! Reading a lead answers file's responses: the `*.toml` files of `<lead stem>.responses/`,
//! in name order, each loaded as a response and passed on as soon as it is read. Nothing
//! grows with the number of responses but the compact list of file names and a table of the
//! pseudonyms seen (five bytes a file), so 100,000 responses can be combined in little more
//! memory than 10,000.

use std::collections::{BTreeSet, HashMap};
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
    let mut seen = Pseudonyms::new(files.len());
    let mut base = 0;
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<LoadedResponse, LoadError>> = chunk
            .par_iter()
            .map(|path| load_response_file(path, fw))
            .collect();
        let keys: Vec<Option<(String, u64)>> = results
            .iter()
            .map(|r| {
                let pseudonym = r.as_ref().ok()?.response.respondent.pseudonym.as_deref()?;
                let key = same(pseudonym);
                let hash = hash(&key);
                Some((key, hash))
            })
            .collect();
        let earlier = earlier_files(&files, &seen, &keys, base);
        for (k, (path, result)) in chunk.iter().zip(results).enumerate() {
            let loaded = match result {
                Ok(loaded) => loaded,
                Err(e) => {
                    read.refuse(e);
                    continue;
                }
            };
            if let Some((key, hash)) = &keys[k] {
                let path_of = |n: usize| match n.checked_sub(base) {
                    Some(i) => chunk.get(i),
                    None => earlier.get(&n),
                };
                let first = seen
                    .candidates(*hash)
                    .filter_map(path_of)
                    .find(|p| pseudonym_of(p).is_some_and(|q| same(&q) == *key))
                    .cloned();
                if let Some(first) = first {
                    read.refuse(duplicate(path, &first));
                    continue;
                }
                seen.insert(*hash, base + k);
            }
            if !loaded.warnings.is_empty() {
                read.warn(loaded.warnings);
            }
            read.loaded += 1;
            each(loaded.response);
        }
        base += chunk.len();
    }
    read
}

/// The paths of the files before this chunk (numbered from `base`) that may have given one
/// of `keys`' pseudonyms, found in one pass over the file list; usually there are none, and
/// the list is not gone over at all.
fn earlier_files(
    files: &FileList,
    seen: &Pseudonyms,
    keys: &[Option<(String, u64)>],
    base: usize,
) -> HashMap<usize, PathBuf> {
    let wanted: BTreeSet<usize> = keys
        .iter()
        .flatten()
        .flat_map(|(_, hash)| seen.candidates(*hash))
        .filter(|&n| n < base)
        .collect();
    let Some(&last) = wanted.last() else {
        return HashMap::new();
    };
    files
        .paths()
        .take(last + 1)
        .enumerate()
        .filter(|(n, _)| wanted.contains(n))
        .collect()
}

/// The pseudonyms seen so far, in a table sized once for the folder: a slot holds a file's
/// number (its place in name order) and, in the bits left beside it, part of its pseudonym's
/// hash, four bytes to a slot and five slots to every four files (half a megabyte for
/// 100,000 files; a general hash map of the same would take several times that). Matching
/// hash bits only make a file a candidate: it is read again to compare the pseudonyms, so
/// two that merely hash alike are never taken for one.
struct Pseudonyms {
    /// Empty (0), or the file's number plus one, with hash bits above `index_bits`.
    slots: Vec<u32>,
    index_bits: u32,
}

impl Pseudonyms {
    fn new(files: usize) -> Self {
        // Numbers up to `files` (one more than the last file's) fit in `index_bits`; past
        // 2^24 files, too few hash bits would be left, and nothing this reads is that large.
        let index_bits = usize::BITS - files.leading_zeros();
        let slots = if files == 0 || index_bits > 24 {
            Vec::new()
        } else {
            vec![0; files + files / 4 + 1]
        };
        Self { slots, index_bits }
    }

    fn start(&self, hash: u64) -> usize {
        ((u128::from(hash) * self.slots.len() as u128) >> 64) as usize
    }

    /// The hash bits kept beside a file's number.
    fn tag(&self, hash: u64) -> u32 {
        (hash as u32) >> self.index_bits
    }

    /// The files whose pseudonym may hash to `hash`: those on its probe sequence, up to the
    /// first empty slot, whose kept hash bits match.
    fn candidates(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let tag = self.tag(hash);
        let len = self.slots.len();
        let start = if len == 0 { 0 } else { self.start(hash) };
        (0..len)
            .map(move |i| self.slots[(start + i) % len])
            .take_while(|&slot| slot != 0)
            .filter(move |&slot| slot >> self.index_bits == tag)
            .map(|slot| (slot & ((1 << self.index_bits) - 1)) as usize - 1)
    }

    /// Notes that file `n` gives a pseudonym hashing to `hash`. There are more slots than
    /// files, so a free one is always found.
    fn insert(&mut self, hash: u64, n: usize) {
        let len = self.slots.len();
        if len == 0 {
            return;
        }
        let slot = (self.tag(hash) << self.index_bits) | (n as u32 + 1);
        let start = self.start(hash);
        if let Some(i) = (0..len)
            .map(|i| (start + i) % len)
            .find(|&i| self.slots[i] == 0)
        {
            self.slots[i] = slot;
        }
    }
}

fn hash(key: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
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

#[cfg(test)]
mod tests {
    use super::Pseudonyms;

    #[test]
    fn files_whose_pseudonyms_hash_alike_are_all_candidates() {
        let mut seen = Pseudonyms::new(10);
        let h = 0xdead_beef_0123_4567;
        assert_eq!(seen.candidates(h).count(), 0);
        seen.insert(h, 0);
        seen.insert(h, 7);
        // Another hash that starts at the same slot, with other kept bits: no candidate.
        let other = h ^ 0x8000_0000;
        seen.insert(other, 3);
        assert_eq!(seen.candidates(h).collect::<Vec<_>>(), [0, 7]);
        assert_eq!(seen.candidates(other).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn the_table_wraps_round_and_never_fills() {
        let files = 40;
        let mut seen = Pseudonyms::new(files);
        // Every file's hash starts at the last slot.
        let last = u64::MAX;
        for n in 0..files {
            seen.insert(last, n);
        }
        assert_eq!(seen.candidates(last).count(), files);
        assert!(seen.slots.contains(&0));
    }

    #[test]
    fn an_empty_folder_has_no_table() {
        let mut seen = Pseudonyms::new(0);
        seen.insert(1, 0);
        assert_eq!(seen.candidates(1).count(), 0);
    }
}
