//! Writing results: to stdout, or atomically to a file that is never silently overwritten.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{}: already exists; use --force to overwrite it, or choose another name", .0.display())]
    Exists(std::path::PathBuf),
    #[error("{}: cannot write: {source}", .path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` atomically (see [`AtomicFile`]). Without `overwrite`, an
/// existing file is an error.
pub fn write_atomic(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| file.error(e))?;
    file.commit(overwrite)
}

/// What [`write_generated`] did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// It already held the contents, and was left as it was.
    Unchanged,
    Created,
    Replaced,
}

/// Writes a file coopai makes by the thousand and can make again (a register's pages) with
/// as few file-system operations as will do, since those were most of a register's time:
/// - a file that already holds `contents` is left alone, so a rebuild rewrites only the
///   pages that changed (and a static host uploads only those);
/// - a new file is created and written in place: nobody can be reading it yet, and one a
///   crash cuts short differs from its contents, so the next build replaces it;
/// - any other file is replaced atomically, a temporary file renamed over it, so a reader
///   sees the old page or the new one, but without a flush to disk first: after a power cut
///   it may be empty until the next build.
///
/// The folder is created when missing. Unlike [`write_atomic`], an existing file is always
/// replaced: the caller has checked it may be.
pub fn write_generated(path: &Path, contents: &[u8]) -> Result<Written, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::read(path) {
        Ok(old) if old == contents => return Ok(Written::Unchanged),
        Ok(_) => return replace_unsynced(path, contents),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // Unreadable (a folder, no permission): the atomic write says why, or replaces it.
        Err(_) => return replace_unsynced(path, contents),
    }
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let created = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(folder_of(path)).map_err(io)?;
            create()
        }
        created => created,
    };
    let mut file = match created {
        Ok(file) => file,
        // Made since it was read (another build of the same folder): replaced whole.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return replace_unsynced(path, contents);
        }
        Err(e) => return Err(io(e)),
    };
    if let Err(e) = file.write_all(contents) {
        drop(file);
        // Half a new page is not left behind.
        let _ = std::fs::remove_file(path);
        return Err(io(e));
    }
    Ok(Written::Created)
}

/// [`write_atomic`], replacing any file there, without flushing the file to disk before the
/// rename: still all or nothing for a reader, but after a power cut the file may be empty. For
/// files coopai can write again (a register's), where a flush each would be most of the time.
pub fn write_atomic_unsynced(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| file.error(e))?;
    file.rename(true, false)
}

fn replace_unsynced(path: &Path, contents: &[u8]) -> Result<Written, WriteError> {
    write_atomic_unsynced(path, contents).map(|()| Written::Replaced)
}

/// The folder a file is in: "." for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// How [`AtomicFile`] names its temporary files: `.coopai-` and six random letters or digits,
/// then `.tmp`.
const TMP_PREFIX: &str = ".coopai-";
const TMP_RANDOM: usize = 6;
const TMP_SUFFIX: &str = ".tmp";

/// Removes what saves into `dir` cut short by a crash left behind: temporary files named as
/// [`AtomicFile`] names them, last written over `age` ago (a save takes milliseconds), whose
/// first bytes `ours` recognises. Anything else, or a file that cannot be read, is left
/// alone. Returns the files removed.
pub fn remove_stale_temporary_files(
    dir: &Path,
    age: std::time::Duration,
    ours: impl Fn(&[u8]) -> bool,
) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let is_stale = |path: &Path| -> std::io::Result<bool> {
        let meta = std::fs::symlink_metadata(path)?;
        if !meta.is_file() || meta.modified()?.elapsed().map_or(true, |a| a < age) {
            return Ok(false);
        }
        let mut start = Vec::new();
        std::fs::File::open(path)?
            .take(64)
            .read_to_end(&mut start)?;
        Ok(ours(&start))
    };
    let mut removed: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_temporary_name)
        })
        .filter(|path| is_stale(path).unwrap_or(false))
        .filter(|path| std::fs::remove_file(path).is_ok())
        .collect();
    removed.sort();
    removed
}

fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(TMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// A file written atomically: a temporary file in the target's folder (created if needed)
/// takes the writes, and [`AtomicFile::commit`] flushes it to disk and renames it over the
/// target, so a reader (or a crash) sees either the old file or the new one, never half of
/// one. Dropped without a commit, it is removed.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self, WriteError> {
        let io = |source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = folder_of(path);
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(TMP_PREFIX)
            .rand_bytes(TMP_RANDOM)
            .suffix(TMP_SUFFIX);
        // On Unix, tempfile makes files private (0600); a report is meant to be shared, so it
        // is created as any new file would be (the kernel applies the umask), or with the
        // permissions of the file it replaces, never more open than those. On Windows a new
        // file takes its folder's access rules.
        #[cfg(unix)]
        builder.permissions(match std::fs::metadata(path) {
            Ok(meta) => meta.permissions(),
            Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o666),
        });
        let tmp = builder.tempfile_in(dir).map_err(io)?;
        Ok(Self {
            tmp,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An I/O error, named by the target file.
    pub fn error(&self, source: std::io::Error) -> WriteError {
        WriteError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Renames the written file over the target; without `overwrite`, an existing target is
    /// an error and is left as it is.
    pub fn commit(self, overwrite: bool) -> Result<(), WriteError> {
        self.rename(overwrite, true)
    }

    fn rename(self, overwrite: bool, flush: bool) -> Result<(), WriteError> {
        keep_permissions(self.tmp.as_file(), &self.path).map_err(|e| self.error(e))?;
        if flush {
            self.tmp.as_file().sync_all().map_err(|e| self.error(e))?;
        }
        let Self { tmp, path } = self;
        let io = |source| WriteError::Io {
            path: path.clone(),
            source,
        };
        if overwrite {
            tmp.persist(&path).map_err(|e| io(e.error))?;
        } else {
            tmp.persist_noclobber(&path).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    WriteError::Exists(path.clone())
                } else {
                    io(e.error)
                }
            })?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// A rewrite keeps the permissions (on Windows, the read-only flag) the file had: the
/// temporary file was created with them less what the umask removes.
fn keep_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    match std::fs::metadata(target) {
        Ok(meta) => file.set_permissions(meta.permissions()),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_the_folder_it_writes_into() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessments/new/out.txt");
        write_atomic(&path, b"hello", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
    }

    #[test]
    fn generated_files_are_created_left_alone_when_the_same_and_replaced_when_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reports/a.html");
        assert_eq!(write_generated(&path, b"one").unwrap(), Written::Created);
        assert_eq!(write_generated(&path, b"one").unwrap(), Written::Unchanged);
        assert_eq!(write_generated(&path, b"two").unwrap(), Written::Replaced);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.html"], "no temporary files are left behind");
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_generated_file_is_not_touched() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        write_generated(&path, b"page").unwrap();
        // Dated a day back, so a rewrite within the clock's resolution cannot pass for none.
        let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(day_ago))
            .unwrap();
        let before = std::fs::metadata(&path).unwrap();
        write_generated(&path, b"page").unwrap();
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!(before.ino(), after.ino(), "not replaced by another file");
        assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    }

    #[test]
    fn never_overwrites_without_permission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"one", false).unwrap();
        let err = write_atomic(&path, b"two", false).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary files are left behind");
    }

    #[test]
    fn temporary_files_have_the_names_that_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let file = AtomicFile::create(&dir.path().join("x.toml")).unwrap();
        let name = file.tmp.path().file_name().unwrap().to_str().unwrap();
        assert!(is_temporary_name(name), "{name}");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_rewrites_keep_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "").unwrap();
        let path = dir.path().join("report.html");
        write_atomic(&path, b"one", false).unwrap();
        assert_eq!(mode(&path), mode(&plain), "as any new file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(mode(&path), 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(mode(&path), 0o664, "bits the umask would remove are kept");
    }
}
