//! Loading a framework: read the file, deserialize it into the raw model (phase one), then
//! validate (phase two). Either phase's problems come back as [`FileDiagnostics`].

use std::path::Path;

use sha2::{Digest, Sha256};
use thiserror::Error;

use super::Framework;
use super::raw::RawFramework;
use super::validate::validate;
use crate::diagnostics::{Diagnostic, FileCode, FileDiagnostics};
use crate::source::{ReadError, read_text};
use crate::toml_error::{FileKind, toml_error};

/// Where the embedded framework is kept, from the top of the source tree.
macro_rules! embedded_path {
    () => {
        "frameworks/ccin-coop-ai.toml"
    };
}
pub const EMBEDDED_PATH: &str = embedded_path!();
/// The reference framework, compiled into the binary so a new user needs no paths. Commands
/// load it from its compiled form ([`super::embedded`]); the text is what
/// `coopai framework check` checks and what its sha256 is taken of.
pub const EMBEDDED_TEXT: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", embedded_path!()));
/// How the embedded framework is named in messages and reports.
pub const EMBEDDED_NAME: &str = "<embedded>/ccin-coop-ai.toml";

#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file was read but has errors; every problem found is inside.
    #[error("{0}")]
    Invalid(FileDiagnostics),
}

/// A framework that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub framework: Framework,
    pub warnings: FileDiagnostics,
}

pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let text = read_text(path)?;
    load_str(&path.display().to_string(), text)
}

pub fn load_str(name: &str, text: String) -> Result<Loaded, LoadError> {
    let sha256 = sha256_hex(text.as_bytes());
    let mut diags = FileDiagnostics {
        file: name.to_string(),
        text,
        items: Vec::new(),
    };
    if diags.text.trim().is_empty() {
        diags.items.push(
            Diagnostic::new(FileCode::InvalidToml, "the file is empty")
                .at(0..0, "expected a [framework] table")
                .note("a framework file starts with [framework] (id, title, version), then [[principle]], [[question]] and [[band]] tables")
                .note("see docs/framework-format.md, or copy frameworks/example-minimal.toml"),
        );
        return Err(LoadError::Invalid(diags));
    }
    let raw: RawFramework = match toml::from_str(&diags.text) {
        Ok(raw) => raw,
        Err(e) => {
            diags
                .items
                .push(toml_error(&e, &diags.text, FileKind::Framework));
            return Err(LoadError::Invalid(diags));
        }
    };
    let (framework, items) = validate(raw, sha256);
    diags.items = items;
    match framework {
        Some(framework) if !diags.has_errors() => Ok(Loaded {
            framework,
            warnings: diags,
        }),
        _ => Err(LoadError::Invalid(diags)),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// JSON Schema of the framework format, generated from the raw types.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(RawFramework);
    serde_json::to_value(schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_nested_too_deeply_are_pointed_at() {
        let text = format!("[framework]\nid = \"x\"\n{}a = 1\n", "b.".repeat(100));
        let Err(LoadError::Invalid(diags)) = load_str("deep.toml", text) else {
            panic!("a key 100 levels deep must be refused");
        };
        let out = diags.to_string();
        assert!(out.contains("nested too deeply"), "{out}");
        assert!(out.contains("deep.toml:3:1"), "{out}");
    }

    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// No warning but follow-up-can-lower-score on `resident-influence`, which the reference
    /// framework is to mark `bonus = true` (tests/reference_framework.rs lists it).
    #[test]
    fn embedded_framework_loads_without_warnings() {
        let loaded = load_str(EMBEDDED_NAME, EMBEDDED_TEXT.to_string()).unwrap();
        let codes: Vec<&str> = loaded.warnings.items.iter().map(|d| d.code).collect();
        assert!(
            codes.iter().all(|c| *c == "follow-up-can-lower-score") && codes.len() <= 1,
            "{}",
            loaded.warnings
        );
    }
}
