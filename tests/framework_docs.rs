//! `coopai framework docs`: the guidance document is generated from the framework, and the
//! committed docs/framework.md is what the embedded framework gives today.

use std::path::Path;

mod common;

use coopai::framework;
use coopai::report::framework_docs as docs;

fn fixture() -> framework::Framework {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/framework-diff/old.toml");
    framework::load_file(&path)
        .expect("fixture framework loads")
        .framework
}

#[test]
fn committed_framework_docs_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/framework.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = docs::markdown(&framework::embedded());
    assert!(
        committed == current,
        "docs/framework.md is out of date with the embedded framework; regenerate it with\n    {}\n",
        docs::REGENERATE
    );
}

#[test]
fn markdown_docs() {
    insta::assert_snapshot!(docs::markdown(&fixture()));
}

#[test]
fn html_docs() {
    // One element a line, so a change shows as a readable snapshot diff.
    let page = docs::html(&fixture()).replace("><", ">\n<");
    insta::assert_snapshot!(page);
}

#[test]
fn html_escapes_framework_text() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/framework-diff/old.toml"),
    )
    .unwrap()
    .replace(
        "title = \"Co-production\"",
        "title = \"Co-production <script>alert(1)</script>\"",
    );
    let fw = framework::load_str("escaped.toml", text).unwrap().framework;
    let page = docs::html(&fw);
    assert!(
        !page.contains("<script>alert"),
        "framework text must be escaped"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = docs::markdown(&fw);
    assert!(md.contains("Co-production \\<script\\>"), "{md}");
}

#[test]
fn cli_writes_html_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("framework.html");
    let run = || {
        common::command()
            .args([
                "framework",
                "docs",
                "tests/fixtures/framework-diff/old.toml",
                "--format",
                "html",
                "-o",
            ])
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let again = run();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
