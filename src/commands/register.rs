//! `coopai register`: the disk side of [`crate::publish::register`]. Finds the answers files
//! under a folder, publishes each in parallel (made fit to publish, scored with its
//! respondents' views, its report and case study written), then writes the index, the group
//! pages, the figures and the manifest. Files that do not load are listed on the index and
//! named on stderr; like `rescore`, the exit code is 0 when at least one file loaded.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use super::export::published_report;
use super::{ERROR, Outcome, WARNING, load_framework};
use crate::assessment::{self, FileRole, LoadError};
use crate::cli::RegisterArgs;
use crate::diagnostics::plural;
use crate::framework::Framework;
use crate::listing::collect_tree;
use crate::output::{Written, write_atomic_unsynced, write_generated};
use crate::publish::case_study;
use crate::publish::register::manifest::{self, Manifest};
use crate::publish::register::{
    BY_KIND, BY_SERVICE, Entry, FIGURES, INDEX, NotLoaded, case_study_page, figures, pages,
    report_page, slugs,
};

/// What became of one TOML file found under the folder.
enum Published {
    Entry {
        entry: Box<Entry>,
        /// The file loaded with warnings (shown by `coopai score FILE`).
        warned: bool,
        /// How many of its two pages were written (not already as they would be).
        rewritten: usize,
    },
    /// With the file's diagnostics rendered, when there are any, for stderr.
    NotLoaded(NotLoaded, Option<String>),
    /// A response or some other TOML file, not an assessment.
    Skipped,
}

pub fn run(args: &RegisterArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    anyhow::ensure!(
        args.dir.is_dir(),
        "{}: no such folder; register reads the answers files of a folder and its subfolders",
        args.dir.display()
    );
    let site = &args.output;
    let previous = previous_manifest(site, args.force)?;

    let (files, folder_errors) = collect_tree(&args.dir);
    let paths: Vec<PathBuf> = files.paths().collect();
    anyhow::ensure!(
        !paths.is_empty(),
        "no answers files found under {}",
        args.dir.display()
    );
    let names: Vec<String> = paths.iter().map(|p| relative(p, &args.dir)).collect();
    let slugs = slugs(names.iter().map(String::as_str));
    let own = |slug: &str| [report_page(slug), case_study_page(slug)];
    let planned: BTreeSet<String> = [INDEX, BY_KIND, BY_SERVICE, FIGURES]
        .map(String::from)
        .into_iter()
        .chain(slugs.iter().flat_map(|s| own(s)))
        .collect();
    refuse_overwriting(site, previous.as_ref(), &planned, args.force)?;
    // Listed before anything is written, so a run cut short leaves a folder the next run
    // recognises as its own and can clean.
    let mut claimed = planned.clone();
    claimed.extend(previous.iter().flat_map(|m| m.files.iter().cloned()));
    write_manifest(site, &Manifest::new(claimed))?;

    let published: Vec<Published> = paths
        .par_iter()
        .zip(names.par_iter())
        .zip(slugs.par_iter())
        .map(|((path, name), slug)| publish(&fw, path, name, slug, site))
        .collect::<Result<_>>()?;

    let mut entries = Vec::new();
    let mut not_loaded: Vec<NotLoaded> = folder_errors
        .into_iter()
        .map(|(path, reason)| NotLoaded {
            file: relative(&path, &args.dir),
            reason,
        })
        .collect();
    let (mut skipped, mut warned, mut rewritten) = (0, 0, 0);
    for p in published {
        match p {
            Published::Entry {
                entry,
                warned: with_warnings,
                rewritten: pages,
            } => {
                warned += usize::from(with_warnings);
                rewritten += pages;
                entries.push(*entry);
            }
            Published::NotLoaded(n, shown) => {
                if let Some(shown) = shown {
                    anstream::eprint!("{shown}");
                }
                not_loaded.push(n);
            }
            Published::Skipped => skipped += 1,
        }
    }
    for n in &not_loaded {
        anstream::eprintln!("{ERROR}not loaded{ERROR:#} {}: {}", n.file, n.reason);
    }

    let mut written: BTreeSet<String> = entries.iter().flat_map(|e| own(&e.slug)).collect();
    let f = figures(&fw, &entries);
    for (name, text) in [
        (INDEX, pages::index(&fw, &entries, &not_loaded)),
        (BY_KIND, pages::by_kind(&fw, &entries)),
        (BY_SERVICE, pages::by_service(&fw, &entries)),
        (FIGURES, pages::figures(&fw, &f, entries.len())),
    ] {
        rewritten += usize::from(write(site, name, &text)? != Written::Unchanged);
        written.insert(name.to_string());
    }
    let next = Manifest::new(written);
    write_manifest(site, &next)?;
    if let Some(previous) = &previous {
        remove_stale(site, previous, &next);
    }

    let mut sentence = format!(
        "published {} in {}",
        plural(entries.len(), "assessment"),
        site.display()
    );
    if previous.is_some() {
        // A rebuild leaves the pages that would not change as they were.
        sentence.push_str(&format!(
            "; {rewritten} of {} changed",
            plural(next.files.len(), "page")
        ));
    }
    if !not_loaded.is_empty() {
        sentence.push_str(&format!(
            "; {} not loaded",
            plural(not_loaded.len(), "file")
        ));
    }
    if warned > 0 {
        sentence.push_str(&format!(
            "; {} with warnings (`coopai score FILE` shows them)",
            plural(warned, "file")
        ));
    }
    if skipped > 0 {
        sentence.push_str(&format!(
            "; {} skipped (responses or not answers files)",
            plural(skipped, "TOML file")
        ));
    }
    anstream::eprintln!("{sentence}");
    anyhow::ensure!(
        !entries.is_empty(),
        "no assessment under {} could be loaded",
        args.dir.display()
    );
    Ok(Outcome::Success)
}

/// A path under the register's folder as the pages name it: relative, with `/`.
fn relative(path: &Path, dir: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes one of the site's pages. Every page is coopai's own (checked before anything is
/// written), so it is replaced when it differs, left alone when it does not.
fn write(site: &Path, name: &str, text: &str) -> Result<Written> {
    Ok(write_generated(&site.join(name), text.as_bytes())?)
}

/// The manifest is written whole or not at all: a torn one would leave a folder the next
/// build no longer recognises as its own.
fn write_manifest(site: &Path, manifest: &Manifest) -> Result<()> {
    write_atomic_unsynced(&site.join(manifest::NAME), manifest.to_json().as_bytes())?;
    Ok(())
}

/// The manifest of a folder coopai made, `None` for a new or empty folder; a folder with
/// other files and no manifest is refused without `force`.
fn previous_manifest(site: &Path, force: bool) -> Result<Option<Manifest>> {
    if !site.exists() {
        return Ok(None);
    }
    anyhow::ensure!(
        site.is_dir(),
        "{}: exists and is not a folder",
        site.display()
    );
    if let Some(m) = crate::source::read_text(&site.join(manifest::NAME))
        .ok()
        .and_then(|text| Manifest::parse(&text))
    {
        return Ok(Some(m));
    }
    let empty = std::fs::read_dir(site)
        .map_err(|e| anyhow::anyhow!("{}: cannot list the folder: {e}", site.display()))?
        .next()
        .is_none();
    anyhow::ensure!(
        empty || force,
        "{}: the folder exists and was not made by coopai register (it has no {}); choose a new folder, or use --force to write into it (coopai never deletes files it did not write)",
        site.display(),
        manifest::NAME
    );
    Ok(None)
}

/// In a folder coopai made, a page it would write over that the manifest does not list is
/// someone else's: refused without `force`.
fn refuse_overwriting(
    site: &Path,
    previous: Option<&Manifest>,
    planned: &BTreeSet<String>,
    force: bool,
) -> Result<()> {
    let Some(previous) = previous else {
        return Ok(());
    };
    let theirs: Vec<&str> = planned
        .iter()
        .filter(|f| !previous.files.contains(*f) && site.join(f).exists())
        .map(String::as_str)
        .collect();
    anyhow::ensure!(
        theirs.is_empty() || force,
        "{}: {} coopai did not write would be overwritten ({}); move them, or use --force",
        site.display(),
        plural(theirs.len(), "file"),
        theirs.join(", ")
    );
    Ok(())
}

/// Removes the files the previous build wrote that this one did not, and folders they leave
/// empty; nothing else.
fn remove_stale(site: &Path, previous: &Manifest, next: &Manifest) {
    for name in previous.stale(next) {
        let path = site.join(name);
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if !is_file || std::fs::remove_file(&path).is_err() {
            continue;
        }
        // Only empty folders go; one holding anything else fails to be removed and stays.
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != site) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

/// Loads one file and, when it is an assessment, writes its report and case study.
fn publish(fw: &Framework, path: &Path, name: &str, slug: &str, site: &Path) -> Result<Published> {
    let not_loaded = |reason: String, shown: Option<String>| {
        Ok(Published::NotLoaded(
            NotLoaded {
                file: name.to_string(),
                reason,
            },
            shown,
        ))
    };
    let text = match crate::source::read_text(path) {
        Ok(text) => text,
        Err(e) => return not_loaded(e.to_string(), None),
    };
    // Unhashed: a published assessment leaves out its file's sha256 (the hash of private text).
    let loaded = match assessment::parse_str_unhashed(&path.display().to_string(), text) {
        // Only a file that is not a lead answers file pays for a second look at its tables.
        Err(LoadError::Invalid(diags))
            if matches!(
                assessment::file_role(&diags.text),
                Some(FileRole::Response | FileRole::Other)
            ) =>
        {
            return Ok(Published::Skipped);
        }
        parsed => parsed.and_then(|parsed| assessment::check(&parsed, fw)),
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(LoadError::Invalid(diags)) => {
            let (reason, shown) = crate::rescore::first_error(&diags);
            return not_loaded(reason, Some(shown));
        }
        Err(LoadError::Read(e)) => return not_loaded(e.to_string(), None),
    };
    let warned = !loaded.warnings.is_empty();
    let mut refused = 0;
    let (published, report) = published_report(fw, path, &loaded.assessment, &mut refused)?;
    if refused > 0 {
        anstream::eprintln!(
            "{WARNING}warning{WARNING:#}: {name}: {} refused; its pages combine the others",
            plural(refused, "response file")
        );
    }
    let cs = case_study::build(fw, &report, &published.meta.team, &published.meta.contact);
    let entry = Entry::new(fw, name.to_string(), slug.to_string(), &published, &report);
    let pages = [
        write(
            site,
            &report_page(slug),
            &crate::report::html::render(fw, std::slice::from_ref(&report)),
        )?,
        write(site, &case_study_page(slug), &case_study::html(&cs))?,
    ];
    Ok(Published::Entry {
        entry: Box::new(entry),
        warned,
        rewritten: pages.iter().filter(|w| **w != Written::Unchanged).count(),
    })
}
