//! Reading input files safely: size limit, directories, UTF-8 with a position, BOM.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::diagnostics::line_col;

/// Framework and answers files are hand-written TOML; anything larger is a mistake
/// (or an attack) and is refused before it is read into memory.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{}: no such file", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a directory, expected a TOML file", .path.display())]
    IsDirectory { path: PathBuf },
    /// The reason is in the message, so it is not chained as a source as well.
    #[error("{}: cannot read: {}", .path.display(), plain(.reason))]
    Io {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error(
        "{}: file is too large ({size} bytes); the limit is {} MiB",
        .path.display(), MAX_INPUT_BYTES / 1024 / 1024
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{}:{line}:{column}: file is not valid UTF-8 text (byte 0x{byte:02X}; it may be saved in a Windows or Latin-1 encoding); save it as UTF-8 and try again",
        .path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        /// The first byte that is not UTF-8, which often tells the encoding (0xE9 is `é` in
        /// Latin-1 and Windows-1252).
        byte: u8,
    },
    #[error(
        "{}: file is saved as UTF-16 (Notepad calls it \"Unicode\"); save it as UTF-8 and try again",
        .path.display()
    )]
    Utf16 { path: PathBuf },
    /// A folder of input files that cannot be listed, or is not a folder; the reason says.
    #[error("{}: {reason}", .path.display())]
    Folder { path: PathBuf, reason: String },
}

/// The system's reason without its error number: "Permission denied".
fn plain(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" (os error ") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

/// Reads a text file, refusing directories, files over [`MAX_INPUT_BYTES`] and non-UTF-8
/// bytes, and dropping a leading byte order mark.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => ReadError::Io {
            path: path.to_path_buf(),
            reason: source,
        },
    };
    let meta = fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Limit the read too: a file can grow between the metadata call and the read.
    fs::File::open(path)
        .map_err(io)?
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    // A UTF-16 byte order mark: the whole file is in the wrong encoding, not one character.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(ReadError::Utf16 {
            path: path.to_path_buf(),
        });
    }
    text_from_bytes(bytes).map_err(|(line, column, byte)| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        line,
        column,
        byte,
    })
}

/// UTF-8 text without a byte order mark, or the line, column and value of the first bad byte.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, (usize, usize, u8)> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let (line, column) = line_col(&prefix, good);
            Err((line, column, bytes[good]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_locates_bad_bytes() {
        assert_eq!(
            text_from_bytes(b"\xef\xbb\xbfa = 1".to_vec()).unwrap(),
            "a = 1"
        );
        assert_eq!(
            text_from_bytes(b"a = 1\nb = \"\xff\"".to_vec()),
            Err((2, 6, 0xff))
        );
    }
}
