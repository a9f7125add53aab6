//! One session at a time per answers file: `coopai assess` holds an advisory lock on a file
//! beside the answers (`x.toml.lock` for `x.toml`) for as long as it may save, so two sessions
//! never interleave their saves. The lock is the operating system's (`flock` on Unix,
//! `LockFileEx` on Windows, through the fs4 crate, which mirrors std's `File::try_lock` of
//! Rust 1.89 for the older toolchains coopai supports): it is released when the process
//! ends, however it ends, so a crash cannot leave a file locked. The lock file holds the
//! holder's process id, to name it to whoever is refused.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use fs4::{FileExt, TryLockError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "{}: another coopai{} is saving answers to this file; finish or quit that session first (its lock is {})",
        .target.display(),
        .holder.map_or(String::new(), |pid| format!(" (process {pid})")),
        .lock.display()
    )]
    Held {
        target: PathBuf,
        lock: PathBuf,
        /// The holder's process id, when the lock file can be read (not on Windows, which
        /// locks the file's content too).
        holder: Option<u32>,
    },
    #[error("{}: cannot lock: {source}", .lock.display())]
    Io {
        lock: PathBuf,
        source: std::io::Error,
    },
}

/// The lock on one answers file, held until dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Locks the answers file `target`, or says who holds it. Its folder must exist.
    pub fn acquire(target: &Path) -> Result<Self, LockError> {
        let path = lock_path(target);
        let io = |source| LockError::Io {
            lock: path.clone(),
            source,
        };
        // The holder removes the lock file as it finishes; one opened just before that is
        // locked by no one else, so it is opened again (a few times, as each attempt can
        // only lose to a session that then holds the lock).
        for _ in 0..3 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match FileExt::try_lock(&file) {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        target: target.to_path_buf(),
                        holder: holder(&mut file),
                        lock: path,
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if still_named(&file, &path) {
                file.set_len(0)
                    .and_then(|()| writeln!(file, "{}", std::process::id()))
                    .and_then(|()| file.flush())
                    .map_err(io)?;
                return Ok(Self { file, path });
            }
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced",
        )))
    }
}

impl Drop for Lock {
    /// Removes the lock file while still holding the lock; the lock goes with the handle.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = FileExt::unlock(&self.file);
    }
}

/// `x.toml.lock` beside `x.toml`.
fn lock_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Whether `path` still names the file this process has just locked through `file`: the
/// holder removes the lock file as its session ends, maybe between this process's open and
/// its lock. On Unix, by device and inode; not by a second handle, which on NFS (where locks
/// belong to the process) would take the lock too, and release it when closed.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(ours), Ok(named)) => (ours.dev(), ours.ino()) == (named.dev(), named.ino()),
        _ => false,
    }
}

/// Elsewhere (Windows, whose file ids std does not offer yet), by a second handle: locks
/// belong to a handle, so one on the same file cannot take the lock, while one on a file
/// that replaced it can.
#[cfg(not(unix))]
fn still_named(_: &File, path: &Path) -> bool {
    match File::open(path).map(|f| FileExt::try_lock(&f)) {
        Ok(Err(TryLockError::WouldBlock)) => true,
        Ok(_) | Err(_) => false,
    }
}

/// The process id a lock file holds.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.toml");
        let first = Lock::acquire(&target).unwrap();
        let lock = dir.path().join("x.toml.lock");
        assert_eq!(
            std::fs::read_to_string(&lock).unwrap(),
            format!("{}\n", std::process::id())
        );
        let err = Lock::acquire(&target).unwrap_err();
        assert!(
            matches!(&err, LockError::Held { holder, .. } if cfg!(windows) || *holder == Some(std::process::id())),
            "{err:?}"
        );
        assert!(err.to_string().contains("another coopai"), "{err}");
        drop(first);
        assert!(!lock.exists(), "the lock file goes with the lock");
        drop(Lock::acquire(&target).unwrap());
    }

    #[test]
    fn a_lock_file_left_behind_does_not_lock() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.toml");
        // As a killed session leaves it: the file, with a process id, and no lock.
        std::fs::write(lock_path(&target), "999999\n").unwrap();
        let _lock = Lock::acquire(&target).unwrap();
        assert_eq!(
            std::fs::read_to_string(lock_path(&target)).unwrap(),
            format!("{}\n", std::process::id())
        );
    }

    /// Unix only: Windows does not let a file that is open be replaced.
    #[cfg(unix)]
    #[test]
    fn a_replaced_lock_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml.lock");
        let file = File::create(&path).unwrap();
        FileExt::try_lock(&file).unwrap();
        assert!(still_named(&file, &path));
        std::fs::remove_file(&path).unwrap();
        assert!(!still_named(&file, &path), "removed");
        File::create(&path).unwrap();
        assert!(!still_named(&file, &path), "replaced by another file");
    }
}
