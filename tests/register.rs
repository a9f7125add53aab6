//! `coopai register`: what the site lists and groups, files that do not load, the output
//! folder's rules (refused unless coopai made it or --force; never a file deleted that coopai
//! did not write), and links that stay inside the folder.

use std::path::Path;

mod common;
use common::{coopai_in, crate_root, files_under, text};

/// Copies a worked assessment into `dir` as `name`, with `service` recorded when given.
fn worked(dir: &Path, source: &str, name: &str, service: Option<&str>) {
    let text = std::fs::read_to_string(crate_root().join("assessments").join(source)).unwrap();
    let text = match service {
        Some(s) => {
            let status = text.find("\nstatus = ").unwrap() + 1;
            let end = status + text[status..].find('\n').unwrap();
            format!("{}\nservice = \"{s}\"{}", &text[..end], &text[end..])
        }
        None => text,
    };
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn register(dir: &Path, args: &[&str]) -> std::process::Output {
    coopai_in(
        dir,
        &[&["register", "archive", "-o", "site"], args].concat(),
    )
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// An archive: two chatbots in housing (the service written in two cases), a triage
/// assistant in adult social care with its responses, and a calibration-like subfolder with a
/// file that is not an assessment.
fn archive(dir: &Path) {
    let a = dir.join("archive");
    worked(
        &a,
        "housing-repairs-chatbot.toml",
        "housing.toml",
        Some("Housing"),
    );
    worked(
        &a,
        "letter-translation.toml",
        "2025/letters.toml",
        Some("housing"),
    );
    worked(
        &a,
        "adult-social-care-triage.toml",
        "triage.toml",
        Some("Adult social care"),
    );
    let responses = crate_root().join("assessments/adult-social-care-triage.responses");
    std::fs::create_dir_all(a.join("triage.responses")).unwrap();
    for entry in std::fs::read_dir(responses).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            a.join("triage.responses").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    std::fs::create_dir_all(a.join("2025/expectations")).unwrap();
    std::fs::write(
        a.join("2025/expectations/letters.toml"),
        "kind = \"other\"\n",
    )
    .unwrap();
}

#[test]
fn every_assessment_is_listed_and_grouped_with_similar_systems() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let out = register(dir.path(), &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let site = dir.path().join("site");
    let index = read(site.join("index.html"));
    for system in [
        "Housing repairs assistant",
        "Machine translation of council letters",
        "Adult social care front door triage assistant",
    ] {
        assert_eq!(index.matches(&format!(">{system}<")).count(), 1, "{system}");
    }
    assert!(index.contains("provisional"), "the letters are provisional");
    assert!(!index.contains("Not loaded"), "every file loaded");
    for slug in ["housing", "2025-letters", "triage"] {
        assert!(
            site.join(format!("reports/{slug}.html")).is_file(),
            "{slug}"
        );
        assert!(
            site.join(format!("case-studies/{slug}.html")).is_file(),
            "{slug}"
        );
    }
    assert!(!site.join("reports/2025-expectations-letters.html").exists());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("published 3 assessments"), "{stderr}");
    assert!(stderr.contains("1 TOML file skipped"), "{stderr}");

    // "Housing" and "housing" are one service area.
    let by_service = read(site.join("by-service.html"));
    assert!(by_service.contains(">Housing (2)</h2>"), "{by_service}");
    assert!(by_service.contains(">Adult social care (1)</h2>"));
    // The chatbot and the translator both generate text; the triage model keeps learning.
    let by_kind = read(site.join("by-kind.html"));
    assert!(
        by_kind.contains("(generative AI, for example a chatbot or drafting assistant) (2)</h2>"),
        "{by_kind}"
    );
    // The triage report combines its respondents' views.
    assert!(read(site.join("reports/triage.html")).contains("Views"));
    let figures = read(site.join("figures.html"));
    assert!(figures.contains("Over the 3 assessments"), "{figures}");
}

#[test]
fn a_file_that_does_not_load_is_listed_and_named_and_the_rest_published() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("archive");
    worked(&a, "housing-repairs-chatbot.toml", "housing.toml", None);
    std::fs::write(
        a.join("broken.toml"),
        "[assessment]\nsystem = \"Broken\"\n\n[answers.no-such-question]\nanswer = \"yes\"\n",
    )
    .unwrap();
    let out = register(dir.path(), &[]);
    assert!(
        out.status.success(),
        "0 when some loaded: {}",
        text(&out.stderr)
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("not loaded broken.toml: line 4"),
        "{stderr}"
    );
    let index = read(dir.path().join("site/index.html"));
    assert!(index.contains("Not loaded"));
    assert!(
        index.contains("<code>broken.toml</code>: line 4"),
        "{index}"
    );
    assert!(!dir.path().join("site/a/broken").exists());

    // Nothing loaded: exit 2, as rescore.
    std::fs::remove_file(a.join("housing.toml")).unwrap();
    let out = register(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("no assessment under archive could be loaded"));
}

#[test]
fn a_folder_coopai_did_not_make_is_refused_without_force_and_its_files_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    std::fs::write(site.join("index.html"), "my own index").unwrap();

    let out = register(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("was not made by coopai register"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(read(site.join("index.html")), "my own index");
    assert_eq!(
        std::fs::read_dir(&site).unwrap().count(),
        2,
        "nothing written"
    );

    let out = register(dir.path(), &["--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(read(site.join("notes.txt")), "mine");
    assert!(read(site.join("index.html")).contains("Register of AI assessments"));
}

#[test]
fn a_rebuild_removes_only_the_stale_files_coopai_wrote() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let site = dir.path().join("site");
    assert!(register(dir.path(), &[]).status.success());
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    std::fs::write(site.join("reports/my-notes.txt"), "mine too").unwrap();

    // The housing and letters assessments leave the archive: their pages go, files that are
    // not coopai's stay, even in the folders coopai made.
    std::fs::remove_file(dir.path().join("archive/housing.toml")).unwrap();
    std::fs::remove_file(dir.path().join("archive/2025/letters.toml")).unwrap();
    let out = register(dir.path(), &[]);
    assert!(
        out.status.success(),
        "a folder coopai made needs no --force: {}",
        text(&out.stderr)
    );
    assert!(!site.join("reports/housing.html").exists());
    assert!(
        !site.join("reports/2025-letters.html").exists(),
        "a page in a subfolder goes too"
    );
    assert_eq!(read(site.join("notes.txt")), "mine");
    assert_eq!(read(site.join("reports/my-notes.txt")), "mine too");
    assert!(site.join("reports/triage.html").is_file());

    // A page it would write where a file it did not write now is: refused without --force.
    std::fs::create_dir_all(site.join("reports")).unwrap();
    std::fs::write(site.join("reports/housing.html"), "not coopai's").unwrap();
    worked(
        &dir.path().join("archive"),
        "housing-repairs-chatbot.toml",
        "housing.toml",
        None,
    );
    let out = register(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("reports/housing.html"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(read(site.join("reports/housing.html")), "not coopai's");
    assert!(register(dir.path(), &["--force"]).status.success());
    assert!(read(site.join("reports/housing.html")).contains("Housing repairs assistant"));
}

#[cfg(unix)]
#[test]
fn a_rebuild_rewrites_only_the_pages_that_change() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    let site = dir.path().join("site");
    assert!(register(dir.path(), &[]).status.success());
    let identity = |page: &str| {
        let meta = std::fs::metadata(site.join(page)).unwrap();
        (meta.ino(), meta.modified().unwrap())
    };
    // Dated a day back, so a rewrite within the clock's resolution cannot pass for none.
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    for page in ["reports/triage.html", "case-studies/triage.html"] {
        std::fs::File::options()
            .write(true)
            .open(site.join(page))
            .and_then(|f| f.set_modified(day_ago))
            .unwrap();
    }
    let triage = identity("reports/triage.html");
    let triage_case_study = identity("case-studies/triage.html");

    // The housing assessment moves service; a page edited by hand is put right.
    worked(
        &dir.path().join("archive"),
        "housing-repairs-chatbot.toml",
        "housing.toml",
        Some("Tenancy services"),
    );
    std::fs::write(site.join("case-studies/housing.html"), "edited").unwrap();
    assert!(register(dir.path(), &[]).status.success());

    assert_eq!(
        identity("reports/triage.html"),
        triage,
        "an unchanged page is left alone"
    );
    assert_eq!(identity("case-studies/triage.html"), triage_case_study);
    assert!(read(site.join("by-service.html")).contains("Tenancy services"));
    assert!(read(site.join("case-studies/housing.html")).contains("Housing repairs assistant"));
    let leftovers: Vec<_> = files_under(&site)
        .into_iter()
        .filter(|f| f.to_string_lossy().contains(".coopai-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");

    // Nothing changed since: nothing is written, and the summary says so.
    let out = register(dir.path(), &[]);
    assert!(
        text(&out.stderr).contains("published 3 assessments in site; 0 of 10 pages changed"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(identity("reports/triage.html"), triage);
}

/// Every `href` and `src` in the site's pages: relative, resolving to a file in the site.
#[test]
fn every_link_is_relative_and_resolves_inside_the_site_and_nothing_is_fetched() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path());
    assert!(register(dir.path(), &[]).status.success());
    let site = dir.path().join("site");
    let mut links = 0;
    for page in files_under(&site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = read(&page);
        assert!(
            !html.contains(" src="),
            "{}: nothing is loaded from elsewhere",
            page.display()
        );
        for forbidden in ["@import", "url(", "<link", "http-equiv=\"refresh\""] {
            assert!(!html.contains(forbidden), "{}: {forbidden}", page.display());
        }
        for part in html.split("href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap()];
            assert!(
                !href.contains(':') && !href.starts_with('/'),
                "{}: {href} is not relative",
                page.display()
            );
            let target = href.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let resolved = page.parent().unwrap().join(target).canonicalize();
            let resolved = resolved.unwrap_or_else(|e| panic!("{}: {href}: {e}", page.display()));
            assert!(resolved.starts_with(site.canonicalize().unwrap()), "{href}");
            assert!(resolved.is_file(), "{href}");
            links += 1;
        }
    }
    assert!(links > 20, "the pages link to each other: {links} links");
    let index = read(site.join("index.html"));
    assert!(index.contains("Content-Security-Policy"));
    assert!(index.contains("default-src 'none'"));
}
