//! The register's manifest, `coopai-register.json` in the site's folder: the files coopai
//! wrote there. A folder with a manifest was made by coopai, so it can be rebuilt without
//! `--force`; a rebuild removes only the files the previous manifest lists that the new site
//! no longer has, never a file coopai did not write.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};

/// The manifest's file name in the site's folder.
pub const NAME: &str = "coopai-register.json";

/// Says what wrote the manifest, so another tool's JSON file of that name is not taken for one.
const GENERATOR: &str = "coopai register";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    /// Paths relative to the site's folder, with `/`, in name order; the manifest itself
    /// is not listed.
    pub files: BTreeSet<String>,
}

impl Manifest {
    pub fn new(files: BTreeSet<String>) -> Self {
        Self {
            generator: GENERATOR.to_string(),
            files,
        }
    }

    /// A manifest read back; `None` when the text is not one coopai wrote.
    pub fn parse(text: &str) -> Option<Self> {
        let m: Self = serde_json::from_str(text).ok()?;
        (m.generator == GENERATOR).then_some(m)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Files the previous manifest lists that `next` does not write: to remove. Only plain
    /// relative paths inside the folder count, so an edited manifest cannot point elsewhere.
    pub fn stale<'a>(&'a self, next: &'a Manifest) -> impl Iterator<Item = &'a str> {
        self.files
            .iter()
            .filter(|f| !next.files.contains(*f) && is_inside(f))
            .map(String::as_str)
    }
}

/// A relative path of plain names: no root, no `..`, nothing that leaves the folder.
pub fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[&str]) -> Manifest {
        Manifest::new(files.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn only_files_it_listed_and_inside_the_folder_are_stale() {
        let old = manifest(&[
            "index.html",
            "reports/x.html",
            "../outside.html",
            "/etc/passwd",
        ]);
        let new = manifest(&["index.html"]);
        assert_eq!(old.stale(&new).collect::<Vec<_>>(), ["reports/x.html"]);
    }

    #[test]
    fn another_tools_json_is_not_a_manifest() {
        assert_eq!(
            Manifest::parse(&manifest(&["a"]).to_json()),
            Some(manifest(&["a"]))
        );
        assert_eq!(
            Manifest::parse(r#"{"generator": "other", "files": []}"#),
            None
        );
        assert_eq!(Manifest::parse("not json"), None);
    }
}
