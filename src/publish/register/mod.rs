//! `coopai register`: a static site of many assessments, for a network or a council's archive.
//! This module holds what the site shows, as data: one [`Entry`] a published assessment, the
//! files that did not load ([`NotLoaded`]), the groups of similar systems and the figures
//! across the archive; [`pages`] draws them and [`manifest`] records what the site holds, so
//! a rebuild removes only files coopai wrote. The command (src/commands/register.rs) finds,
//! loads and scores the files and writes the pages.

pub mod manifest;
pub mod pages;

use std::collections::{BTreeMap, BTreeSet};

use crate::assessment::Assessment;
use crate::framework::{Framework, Stage};
use crate::scoring::report::Report;

/// The question whose answer says what kind of system an assessment is about.
pub const KIND_QUESTION: &str = "system-type";

/// The site's pages besides each assessment's own, relative to its folder.
pub const INDEX: &str = "index.html";
pub const BY_KIND: &str = "by-kind.html";
pub const BY_SERVICE: &str = "by-service.html";
pub const FIGURES: &str = "figures.html";

/// One published assessment, as the register lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The answers file, relative to the folder the register was made from.
    pub file: String,
    /// Its name in the site: its report is `reports/<slug>.html`, its case study
    /// `case-studies/<slug>.html` (two folders, not one a file: building a register of 1,000
    /// spent a fifth of its time creating folders).
    pub slug: String,
    pub council: String,
    pub system: String,
    pub stage: Option<Stage>,
    pub date: String,
    /// The framework version the file records it was answered against ("" when it records
    /// none).
    pub answered_against: String,
    pub service: String,
    /// The `system-type` answer in words; `None` when unanswered or not asked.
    pub kind: Option<String>,
    pub impact_level: u8,
    pub impact_name: String,
    pub band: String,
    pub band_name: String,
    pub provisional: bool,
    pub score: f64,
    /// One score a principle of the framework, in its order.
    pub principles: Vec<Option<f64>>,
    /// The principles whose score is below [`threshold`] at the entry's impact level.
    pub below: Vec<usize>,
}

/// An answers file that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NotLoaded {
    pub file: String,
    pub reason: String,
}

impl Entry {
    /// The entry of a report scored from `published` (already made fit to publish).
    pub fn new(
        fw: &Framework,
        file: String,
        slug: String,
        published: &Assessment,
        r: &Report,
    ) -> Self {
        let threshold = threshold(fw, r.impact_level);
        let principles: Vec<Option<f64>> = r.principles.iter().map(|p| p.score).collect();
        let below = principles
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some_and(|s| s < threshold))
            .map(|(i, _)| i)
            .collect();
        Self {
            file,
            slug,
            council: published.meta.council.clone(),
            system: published.meta.system.clone(),
            stage: published.meta.stage,
            date: published.meta.date.clone(),
            answered_against: published
                .framework
                .as_ref()
                .map_or(String::new(), |f| format!("{} {}", f.id, f.version)),
            service: published.meta.service.trim().to_string(),
            kind: r
                .answers
                .iter()
                .find(|l| l.question == KIND_QUESTION && !l.answer.is_empty())
                .map(|l| l.answer.clone()),
            impact_level: r.impact_level,
            impact_name: r.impact.name.clone(),
            band: r.overall.band.clone(),
            band_name: r.overall.band_name.clone(),
            provisional: r.overall.provisional,
            score: r.overall.score,
            principles,
            below,
        }
    }

    pub fn report_href(&self) -> String {
        report_page(&self.slug)
    }

    pub fn case_study_href(&self) -> String {
        case_study_page(&self.slug)
    }
}

/// Where an assessment's report is in the site, from its slug ([`slugs`]).
pub fn report_page(slug: &str) -> String {
    format!("reports/{slug}.html")
}

/// Where an assessment's case study is in the site.
pub fn case_study_page(slug: &str) -> String {
    format!("case-studies/{slug}.html")
}

/// The score a principle must reach not to count as below threshold: the overall score the
/// second-best band needs at the impact level ("Proceed with conditions" in the reference
/// framework; the best band's when there is only one). A principle under it would, alone,
/// hold an assessment back from going ahead at all.
pub fn threshold(fw: &Framework, level: u8) -> f64 {
    fw.bands
        .get(1)
        .or(fw.bands.first())
        .and_then(|b| b.min_score.get(usize::from(level).saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

/// A folder name for each answers file, from its path relative to the register's folder:
/// lower-case letters, digits and hyphens, unique (a number is added to a repeat).
pub fn slugs<'a>(files: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    files
        .into_iter()
        .map(|file| {
            let stem = file.strip_suffix(".toml").unwrap_or(file);
            let mut slug = String::new();
            for c in stem.chars() {
                if c.is_ascii_alphanumeric() {
                    slug.push(c.to_ascii_lowercase());
                } else if !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            let base = match slug.trim_matches('-') {
                "" => "assessment".to_string(),
                s => s.to_string(),
            };
            let mut slug = base.clone();
            let mut n = 2;
            while !seen.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            slug
        })
        .collect()
}

/// Entries grouped by a key (the kind of system, the service area), groups in name order,
/// entries in the register's order; entries without the key are in the group `None`, last.
pub fn group_by(
    entries: &[Entry],
    key: impl Fn(&Entry) -> Option<&str>,
) -> Vec<(Option<String>, Vec<&Entry>)> {
    let mut groups: BTreeMap<Option<String>, (String, Vec<&Entry>)> = BTreeMap::new();
    for e in entries {
        let shown = key(e).map(str::trim).filter(|k| !k.is_empty());
        // Service areas typed by hand differ in case: "Housing" and "housing" are one group.
        let group = groups
            .entry(shown.map(str::to_lowercase))
            .or_insert_with(|| (shown.unwrap_or_default().to_string(), Vec::new()));
        group.1.push(e);
    }
    let (named, none): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(k, _)| k.is_some());
    named
        .into_iter()
        .chain(none)
        .map(|(k, (shown, list))| (k.map(|_| shown), list))
        .collect()
}

/// Figures across the archive, over the assessments scored against one framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Per band, best first: assessments in it, of them provisional, and councils.
    pub bands: Vec<BandCount>,
    /// Per principle, most often below threshold first.
    pub principles: Vec<PrincipleFigure>,
    /// Assessments that record another framework version than the one they were scored
    /// against.
    pub other_versions: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BandCount {
    pub name: String,
    pub assessments: usize,
    pub provisional: usize,
    pub councils: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleFigure {
    pub title: String,
    /// Assessments with a score for it.
    pub scored: usize,
    pub below: usize,
    pub median: Option<f64>,
}

pub fn figures(fw: &Framework, entries: &[Entry]) -> Figures {
    let bands = fw
        .bands
        .iter()
        .map(|b| {
            let in_band: Vec<&Entry> = entries.iter().filter(|e| e.band == b.id).collect();
            let councils: BTreeSet<&str> = in_band
                .iter()
                .map(|e| e.council.trim())
                .filter(|c| !c.is_empty())
                .collect();
            BandCount {
                name: b.name.clone(),
                assessments: in_band.len(),
                provisional: in_band.iter().filter(|e| e.provisional).count(),
                councils: councils.len(),
            }
        })
        .collect();
    let mut principles: Vec<PrincipleFigure> = fw
        .principles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut scores: Vec<f64> = entries
                .iter()
                .filter_map(|e| e.principles.get(i).copied().flatten())
                .collect();
            scores.sort_by(f64::total_cmp);
            PrincipleFigure {
                title: p.title.clone(),
                scored: scores.len(),
                below: entries.iter().filter(|e| e.below.contains(&i)).count(),
                // Of two middle scores, the lower, as the views take a median.
                median: scores.get(scores.len().saturating_sub(1) / 2).copied(),
            }
        })
        .collect();
    principles.sort_by_key(|p| std::cmp::Reverse(p.below));
    let scored_against = format!("{} {}", fw.id, fw.version);
    Figures {
        bands,
        principles,
        other_versions: entries
            .iter()
            .filter(|e| !e.answered_against.is_empty() && e.answered_against != scored_against)
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_unique() {
        assert_eq!(
            slugs([
                "housing.toml",
                "calibration/Camden RentSense.toml",
                "housing.toml",
                "..toml"
            ]),
            [
                "housing",
                "calibration-camden-rentsense",
                "housing-2",
                "assessment"
            ]
        );
    }
}
