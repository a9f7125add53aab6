//! `coopai man`: one manual page per command, and the pages committed under docs/man/ are the
//! ones this build writes.

use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::{coopai_in, crate_root, text};

const REGENERATE: &str = "cargo run -- man -o docs/man --force";

/// The `.1` files of a folder, by name.
fn pages(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "1"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&path).expect("a page reads"))
        })
        .collect()
}

#[test]
fn committed_man_pages_are_up_to_date() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = coopai_in(dir.path(), &["man", "-o", "pages"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = pages(&dir.path().join("pages"));
    let committed = pages(&crate_root().join("docs/man"));
    let names = |pages: &BTreeMap<String, String>| pages.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&written),
        "docs/man/ does not hold one page per command; delete it and regenerate it with\n    {REGENERATE}\n"
    );
    for (name, page) in &written {
        assert!(
            committed[name] == *page,
            "docs/man/{name} is out of date; regenerate the pages with\n    {REGENERATE}\n"
        );
    }
}

#[test]
fn a_page_for_every_command_and_subcommand() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = coopai_in(dir.path(), &["man"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = pages(dir.path());
    assert_eq!(
        text(&out.stderr),
        format!("wrote {} manual pages to .\n", written.len())
    );
    for name in [
        "coopai.1",
        "coopai-assess.1",
        "coopai-framework.1",
        "coopai-framework-check.1",
        "coopai-man.1",
    ] {
        assert!(written.contains_key(name), "{name} in {:?}", written.keys());
    }
    assert!(
        !written.keys().any(|n| n.contains("help")),
        "clap's help command has no page"
    );
    let check = &written["coopai-framework-check.1"];
    assert!(check.contains(".TH coopai-framework-check 1"), "{check}");
    assert!(check.contains("\\-\\-deny\\-warnings"), "{check}");
}

#[test]
fn pages_are_never_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    assert!(coopai_in(dir.path(), &["man"]).status.success());
    std::fs::write(dir.path().join("coopai.1"), "edited").expect("page writable");
    let again = coopai_in(dir.path(), &["man"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("coopai.1: already exists; use --force"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("coopai.1")).unwrap(),
        "edited"
    );
    assert!(coopai_in(dir.path(), &["man", "--force"]).status.success());
    assert!(
        std::fs::read_to_string(dir.path().join("coopai.1"))
            .unwrap()
            .starts_with(".ie")
    );
}
