//! Listing folders of TOML files compactly, in name order, so that a folder of 100,000 files
//! costs well under a megabyte: the files `coopai rescore` covers, and a responses folder.

use std::path::{Path, PathBuf};

/// The files of some folders and files: each folder's `*.toml` files (not its subfolders),
/// and each file as given, in path order. A folder's names are held compactly, so that listing 100,000
/// assessments costs well under a megabyte: they are sorted in runs of 8,192 names, each run
/// stored front-coded (a name is the length it shares with the one before, then the rest),
/// and the runs are merged as the files are read.
#[derive(Debug, Default)]
pub struct FileList {
    /// Files given by name and folders, sorted by path, without repeats.
    units: Vec<Unit>,
}

/// Names sorted and front-coded together.
const RUN: usize = 8192;

#[derive(Debug)]
enum Unit {
    File(PathBuf),
    Folder(Folder),
}

#[derive(Debug)]
struct Folder {
    path: PathBuf,
    /// Runs of file names without `.toml`: for each name, one byte for the length it shares
    /// with the name before, one for the length of the rest, then the rest.
    runs: Vec<Vec<u8>>,
    len: usize,
    /// Names that are not UTF-8 or are very long (rare), kept as paths and listed last.
    other: Vec<PathBuf>,
}

/// Orders names without `.toml` as the whole file names would sort.
fn by_file_name(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.iter().chain(b".toml").cmp(b.iter().chain(b".toml"))
}

fn encode_run(mut stems: Vec<String>) -> Vec<u8> {
    stems.sort_unstable_by(|a, b| by_file_name(a.as_bytes(), b.as_bytes()));
    let mut run = Vec::new();
    let mut previous: &[u8] = &[];
    for stem in &stems {
        let stem = stem.as_bytes();
        let shared = previous
            .iter()
            .zip(stem)
            .take_while(|(a, b)| a == b)
            .count()
            .min(255);
        let rest = &stem[shared..];
        // Names over 255 bytes never reach here (see `collect_paths`), so both lengths fit.
        run.push(shared as u8);
        run.push(rest.len() as u8);
        run.extend_from_slice(rest);
        previous = stem;
    }
    run.shrink_to_fit();
    run
}

/// Reads one run back, name by name.
struct Cursor<'a> {
    run: &'a [u8],
    at: usize,
    name: Vec<u8>,
    done: bool,
}

impl<'a> Cursor<'a> {
    fn new(run: &'a [u8]) -> Self {
        let mut c = Self {
            run,
            at: 0,
            name: Vec::new(),
            done: false,
        };
        c.advance();
        c
    }

    fn advance(&mut self) {
        let (Some(&shared), Some(&len)) = (self.run.get(self.at), self.run.get(self.at + 1)) else {
            self.done = true;
            return;
        };
        let start = self.at + 2;
        let rest = self
            .run
            .get(start..start + usize::from(len))
            .unwrap_or_default();
        self.name.truncate(usize::from(shared));
        self.name.extend_from_slice(rest);
        self.at = start + usize::from(len);
    }
}

impl Folder {
    /// The folder's files in name order: the runs merged, then the odd names.
    fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let mut cursors: Vec<Cursor> = self.runs.iter().map(|r| Cursor::new(r)).collect();
        let merged = std::iter::from_fn(move || {
            let next = cursors
                .iter_mut()
                .filter(|c| !c.done)
                .min_by(|a, b| by_file_name(&a.name, &b.name))?;
            let path = self
                .path
                .join(format!("{}.toml", String::from_utf8_lossy(&next.name)));
            next.advance();
            Some(path)
        });
        merged.chain(self.other.iter().cloned())
    }
}

impl FileList {
    pub fn len(&self) -> usize {
        self.units
            .iter()
            .map(|u| match u {
                Unit::File(_) => 1,
                Unit::Folder(f) => f.len + f.other.len(),
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The files in order, one path at a time.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.units
            .iter()
            .flat_map(|u| -> Box<dyn Iterator<Item = PathBuf> + '_> {
                match u {
                    Unit::File(p) => Box::new(std::iter::once(p.clone())),
                    Unit::Folder(f) => Box::new(f.paths()),
                }
            })
    }

    /// The files in order, `size` paths at a time; only one chunk of paths exists at once.
    pub fn chunks(&self, size: usize) -> impl Iterator<Item = Vec<PathBuf>> + '_ {
        let mut paths = self.paths();
        let size = size.max(1);
        std::iter::from_fn(move || {
            let chunk: Vec<PathBuf> = paths.by_ref().take(size).collect();
            (!chunk.is_empty()).then_some(chunk)
        })
    }
}

/// Lists the `*.toml` files of each folder in `paths`, and each other path as a file. Folders
/// that cannot be read come back as errors to report, with the files found elsewhere.
pub fn collect_paths(paths: &[PathBuf]) -> (FileList, Vec<(PathBuf, String)>) {
    let mut units = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            units.push(Unit::File(path.clone()));
            continue;
        }
        let mut folder = Folder {
            path: path.clone(),
            runs: Vec::new(),
            len: 0,
            other: Vec::new(),
        };
        let mut batch = Vec::new();
        match std::fs::read_dir(path) {
            Ok(entries) => {
                for entry in entries {
                    let e = match entry {
                        Ok(e) => e,
                        Err(e) => {
                            errors.push((path.clone(), format!("cannot list the folder: {e}")));
                            continue;
                        }
                    };
                    let name = e.file_name();
                    if Path::new(&name).extension().is_none_or(|x| x != "toml") {
                        continue;
                    }
                    // The entry's type needs no extra system call; a link is followed.
                    let is_file = e
                        .file_type()
                        .is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file()));
                    if !is_file {
                        continue;
                    }
                    match name.to_str().and_then(|n| n.strip_suffix(".toml")) {
                        Some(stem) if stem.len() <= 255 => {
                            batch.push(stem.to_string());
                            folder.len += 1;
                            if batch.len() == RUN {
                                folder.runs.push(encode_run(std::mem::take(&mut batch)));
                            }
                        }
                        _ => folder.other.push(e.path()),
                    }
                }
            }
            Err(e) => errors.push((path.clone(), format!("cannot list the folder: {e}"))),
        }
        if !batch.is_empty() {
            folder.runs.push(encode_run(batch));
        }
        folder.other.sort();
        units.push(Unit::Folder(folder));
    }
    units.sort_by(|a, b| unit_path(a).cmp(unit_path(b)));
    units.dedup_by(|a, b| unit_path(a) == unit_path(b));
    (FileList { units }, errors)
}

fn unit_path(u: &Unit) -> &Path {
    match u {
        Unit::File(p) => p,
        Unit::Folder(f) => &f.path,
    }
}

/// Lists the `*.toml` files of `root` and of every folder below it, as [`collect_paths`]
/// does for each folder, skipping responses folders (`NAME.responses/`: they hold the
/// responses of the lead answers file `NAME.toml`), hidden folders and links to folders (so a
/// loop of links cannot recur). For `coopai register`.
pub fn collect_tree(root: &Path) -> (FileList, Vec<(PathBuf, String)>) {
    let mut folders = Vec::new();
    let mut errors = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    if is_dir && !name.starts_with('.') && !name.ends_with(".responses") {
                        pending.push(entry.path());
                    }
                }
                folders.push(dir);
            }
            Err(e) => errors.push((dir, format!("cannot list the folder: {e}"))),
        }
    }
    let (list, more) = collect_paths(&folders);
    errors.extend(more);
    errors.sort();
    (list, errors)
}
