//! `coopai framework diff`: what changed between two versions of a framework. A pure function
//! over two validated frameworks gives a [`FrameworkDiff`] (its JSON form is stable);
//! `report::framework_diff` puts it in words. Items are matched by id (impact levels by
//! number), so a renamed id reads as one item removed and another added.

use std::collections::BTreeMap;

use serde::Serialize;

mod questions;

use super::{Band, Framework, Move, Removal};
use questions::question_changes;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkDiff {
    pub old: Version,
    pub new: Version,
    /// The two files are byte for byte the same.
    pub identical: bool,
    /// The content changed but the version number did not.
    pub version_not_bumped: bool,
    pub warnings: Vec<String>,
    /// Id, title, version, summary, provenance.
    pub framework: Vec<Change>,
    /// Respondent roles, matched by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<ItemDiff>,
    pub principles: Vec<ItemDiff>,
    pub questions: Vec<ItemDiff>,
    /// Keyed by level number.
    pub impact_levels: Vec<ItemDiff>,
    /// The mitigation rule, the impact rules and the maximum raw impact score.
    pub impact: Vec<Change>,
    pub bands: Vec<ItemDiff>,
    /// The new version's `[[moved]]` entries for questions of the old version: how their
    /// answers load under the new one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers_moved: Vec<AnswersMoved>,
    /// The new version's `[[removed]]` entries for questions of the old version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answers_removed: Vec<Removal>,
    /// What the draft transparency record and the case study take from an assessment: each
    /// `[[atrs]]` field's sources and each `[case_study]` section's questions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub publishing: Vec<Change>,
}

/// A `[[moved]]` entry, with the old question's options that have no counterpart in the
/// question it moved to (answers choosing them are left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswersMoved {
    #[serde(flatten)]
    pub moved: Move,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options_left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// One principle, question, option, impact level or band that is not the same in both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemDiff {
    pub id: String,
    pub status: Status,
    /// The item's title or prompt (the new one when it changed), for context.
    pub title: String,
    /// Field changes, for a changed item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Options of a question that were added, removed or changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ItemDiff>,
}

/// A field whose value changed, both values in words; null when absent on that side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FrameworkDiff {
    /// No change that affects users: metadata, items and thresholds are all the same.
    pub fn is_empty(&self) -> bool {
        self.framework.is_empty()
            && self.roles.is_empty()
            && self.principles.is_empty()
            && self.questions.is_empty()
            && self.impact_levels.is_empty()
            && self.impact.is_empty()
            && self.bands.is_empty()
            && self.answers_moved.is_empty()
            && self.answers_removed.is_empty()
            && self.publishing.is_empty()
    }

    /// Counts of added, removed and changed items, in words: "1 question added, 2 changed".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for (name, items) in [
            ("role", &self.roles),
            ("principle", &self.principles),
            ("question", &self.questions),
            ("impact level", &self.impact_levels),
            ("band", &self.bands),
        ] {
            let count = |s: Status| items.iter().filter(|i| i.status == s).count();
            let words: Vec<String> = [
                (Status::Added, "added"),
                (Status::Removed, "removed"),
                (Status::Changed, "changed"),
            ]
            .into_iter()
            .filter(|(s, _)| count(*s) > 0)
            .map(|(s, w)| format!("{} {w}", count(s)))
            .collect();
            if !words.is_empty() {
                let plural = if items.len() == 1 { "" } else { "s" };
                parts.push(format!("{name}{plural}: {}", words.join(", ")));
            }
        }
        if !self.framework.is_empty() {
            parts.push(format!(
                "framework details: {} changed",
                self.framework.len()
            ));
        }
        if !self.impact.is_empty() {
            parts.push(format!("impact rules: {} changed", self.impact.len()));
        }
        if !self.publishing.is_empty() {
            parts.push(format!("publishing: {} changed", self.publishing.len()));
        }
        let (moved, removed) = (self.answers_moved.len(), self.answers_removed.len());
        if moved + removed > 0 {
            parts.push(format!("old answers: {moved} moved, {removed} removed"));
        }
        if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// Compares two frameworks.
pub fn diff(old: &Framework, new: &Framework) -> FrameworkDiff {
    let version = |fw: &Framework| Version {
        id: fw.id.clone(),
        version: fw.version.clone(),
        sha256: fw.sha256.clone(),
    };
    let mut framework = Vec::new();
    change(&mut framework, "id", Some(&old.id), Some(&new.id));
    change(&mut framework, "title", Some(&old.title), Some(&new.title));
    change(
        &mut framework,
        "version",
        Some(&old.version),
        Some(&new.version),
    );
    change(
        &mut framework,
        "summary",
        Some(&old.summary),
        Some(&new.summary),
    );
    change(
        &mut framework,
        "provenance",
        Some(&old.provenance),
        Some(&new.provenance),
    );

    let roles = matched(
        &old.roles,
        &new.roles,
        |r| r.id.clone(),
        |r| r.name.clone(),
        |a, b| {
            let mut c = Vec::new();
            change(&mut c, "name", Some(&a.name), Some(&b.name));
            change(
                &mut c,
                "description",
                Some(&a.description),
                Some(&b.description),
            );
            (c, Vec::new())
        },
    );
    let principles = matched(
        &old.principles,
        &new.principles,
        |p| p.id.clone(),
        |p| p.title.clone(),
        |a, b| {
            let mut c = Vec::new();
            change(&mut c, "title", Some(&a.title), Some(&b.title));
            change(
                &mut c,
                "CCIN principle",
                Some(&a.ccin_principle),
                Some(&b.ccin_principle),
            );
            change(
                &mut c,
                "ICA values",
                Some(&a.ica_values.join(", ")),
                Some(&b.ica_values.join(", ")),
            );
            change(
                &mut c,
                "weight",
                Some(&num_exact(a.weight)),
                Some(&num_exact(b.weight)),
            );
            change(&mut c, "summary", Some(&a.summary), Some(&b.summary));
            (c, Vec::new())
        },
    );
    let questions = matched(
        &old.questions,
        &new.questions,
        |q| q.id.clone(),
        |q| q.prompt.clone(),
        question_changes,
    );
    let impact_levels = matched(
        &old.impact.levels,
        &new.impact.levels,
        |l| l.level.to_string(),
        |l| l.name.clone(),
        |a, b| {
            let mut c = Vec::new();
            change(&mut c, "name", Some(&a.name), Some(&b.name));
            change(
                &mut c,
                "description",
                Some(&a.description),
                Some(&b.description),
            );
            change(
                &mut c,
                "from (% of the maximum raw impact score)",
                Some(&num_exact(a.from)),
                Some(&num_exact(b.from)),
            );
            change(
                &mut c,
                "to (% of the maximum raw impact score)",
                Some(&num_exact(a.to)),
                Some(&num_exact(b.to)),
            );
            (c, Vec::new())
        },
    );
    let mut impact = Vec::new();
    let mitigation = |fw: &Framework| {
        fw.impact
            .mitigation
            .map(|m| (num_exact(m.threshold), num_exact(m.reduction)))
    };
    let (om, nm) = (mitigation(old), mitigation(new));
    change(
        &mut impact,
        "mitigation threshold (%)",
        om.as_ref().map(|m| &m.0),
        nm.as_ref().map(|m| &m.0),
    );
    change(
        &mut impact,
        "mitigation reduction (%)",
        om.as_ref().map(|m| &m.1),
        nm.as_ref().map(|m| &m.1),
    );
    let rules = |fw: &Framework| {
        let i = &fw.impact;
        [
            i.mitigation.map_or("none", |m| m.basis.name()).to_string(),
            i.rounding.name().to_string(),
            i.bounds.name().to_string(),
            i.safeguards_first_from
                .map_or("none".to_string(), |l| l.to_string()),
        ]
    };
    let fields = [
        "mitigation basis",
        "rounding",
        "level bounds",
        "safeguards first from impact level",
    ];
    for ((field, old), new) in fields.iter().zip(rules(old)).zip(rules(new)) {
        change(&mut impact, field, Some(&old), Some(&new));
    }
    change(
        &mut impact,
        "maximum raw impact score",
        Some(&num_exact(old.impact.max_raw_score)),
        Some(&num_exact(new.impact.max_raw_score)),
    );
    let bands = matched(
        &old.bands,
        &new.bands,
        |b| b.id.clone(),
        |b| b.name.clone(),
        |a, b| {
            let mut c = Vec::new();
            change(&mut c, "name", Some(&a.name), Some(&b.name));
            change(
                &mut c,
                "description",
                Some(&a.description),
                Some(&b.description),
            );
            for level in 0..a.min_score.len().max(b.min_score.len()) {
                change(
                    &mut c,
                    &format!("score needed at impact level {}", level + 1),
                    a.min_score.get(level).map(|s| num_exact(*s)).as_ref(),
                    b.min_score.get(level).map(|s| num_exact(*s)).as_ref(),
                );
            }
            let share = |band: &Band, level: usize| {
                band.min_safeguards
                    .as_ref()
                    .and_then(|m| m.get(level))
                    .map_or_else(|| "none".to_string(), |s| format!("{}%", num_exact(*s)))
            };
            for level in 0..a.min_score.len().max(b.min_score.len()) {
                change(
                    &mut c,
                    &format!("safeguards needed at impact level {}", level + 1),
                    Some(&share(a, level)),
                    Some(&share(b, level)),
                );
            }
            (c, Vec::new())
        },
    );

    let identical = old.sha256 == new.sha256;
    let version_not_bumped = !identical && old.version == new.version;
    let mut warnings = Vec::new();
    if version_not_bumped {
        warnings.push(format!(
            "the version number did not change ({}) but the content did; give the new file a higher version",
            new.version
        ));
    }
    if let (Some(a), Some(b)) = (semver(&old.version), semver(&new.version)) {
        if b < a {
            warnings.push(format!(
                "the new version {} is lower than the old version {}",
                new.version, old.version
            ));
        }
    }
    if old.id != new.id {
        warnings.push(format!(
            "the two files are different frameworks (`{}` and `{}`); answers files record the id they were answered against",
            old.id, new.id
        ));
    }
    let (answers_moved, answers_removed) = declared_moves(old, new);
    if !new.moves.is_empty() {
        warnings.extend(undeclared(old, new));
    }
    let mut d = FrameworkDiff {
        old: version(old),
        new: version(new),
        identical,
        version_not_bumped,
        warnings,
        framework,
        roles,
        principles,
        questions,
        impact_levels,
        impact,
        bands,
        answers_moved,
        answers_removed,
        publishing: publishing(old, new),
    };
    if !identical && d.is_empty() {
        d.warnings
            .push("the files differ only in comments or layout".to_string());
    }
    d
}

/// The new version's moves and removals that concern questions of the old version (a move of
/// options in place, options the old question had); older entries are left out.
fn declared_moves(old: &Framework, new: &Framework) -> (Vec<AnswersMoved>, Vec<Removal>) {
    let moved = new
        .moves
        .moved
        .iter()
        .filter_map(|m| {
            let q = old.question(&m.from)?;
            let to = new.question(&m.to)?;
            if m.in_place() && !m.options.keys().any(|o| q.option(o).is_some()) {
                return None;
            }
            // Options of a question that kept its id that are not mapped are the subject
            // of `undeclared`: answers choosing them do not load at all.
            let options_left_out = q
                .options
                .iter()
                .filter(|o| {
                    !m.in_place() && m.option(&o.id, |id| to.option(id).is_some()).is_none()
                })
                .map(|o| o.id.clone())
                .collect();
            Some(AnswersMoved {
                moved: m.clone(),
                options_left_out,
            })
        })
        .collect();
    let removed = new
        .moves
        .removed
        .iter()
        .filter(|r| old.question(&r.question).is_some())
        .cloned()
        .collect();
    (moved, removed)
}

/// For a new version that declares moves: the old questions and options it drops without
/// saying where their answers go, so answers to them would not load.
fn undeclared(old: &Framework, new: &Framework) -> Vec<String> {
    let mut out = Vec::new();
    for q in &old.questions {
        let Some(kept) = new.question(&q.id) else {
            if new.moves.from(&q.id).is_none() && new.moves.removal(&q.id).is_none() {
                out.push(format!(
                    "question `{}` is gone without a [[moved]] or [[removed]] entry: answers files that answer it will not load under the new version",
                    q.id
                ));
            }
            continue;
        };
        let renamed = new.moves.from(&q.id);
        for o in &q.options {
            if kept.option(&o.id).is_none()
                && renamed.is_none_or(|m| !m.options.contains_key(&o.id))
            {
                out.push(format!(
                    "option `{}` of `{}` is gone without a [[moved]] entry for it: answers that choose it will not load under the new version",
                    o.id, q.id
                ));
            }
        }
    }
    out
}

fn semver(v: &str) -> Option<(u64, u64, u64)> {
    let mut parts = v
        .split(['-', '+'])
        .next()?
        .split('.')
        .map(|p| p.parse::<u64>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// An exact number (not rounded for display, so 2.25 → 2.5 shows).
pub(super) fn num_exact(x: f64) -> String {
    format!("{x}")
}

/// The sources of each `[[atrs]]` field, by reference, and the questions of each
/// `[case_study]` section, that differ; absent on a side that maps nothing there.
fn publishing(old: &Framework, new: &Framework) -> Vec<Change> {
    let words = |ids: &[String]| (!ids.is_empty()).then(|| ids.join(", "));
    let atrs = |fw: &Framework| -> BTreeMap<String, String> {
        fw.atrs
            .iter()
            .map(|m| {
                let sources: Vec<String> = m
                    .meta
                    .iter()
                    .map(|s| format!("metadata {}", s.name()))
                    .chain(m.from.iter().cloned())
                    .collect();
                (m.field.clone(), sources.join(", "))
            })
            .collect()
    };
    let (a, b) = (atrs(old), atrs(new));
    let mut out = Vec::new();
    for field in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
        change(
            &mut out,
            &format!("transparency record field {field}"),
            a.get(field),
            b.get(field),
        );
    }
    for ((key, _, x), (_, _, y)) in old
        .case_study
        .sections()
        .into_iter()
        .zip(new.case_study.sections())
    {
        change(
            &mut out,
            &format!("case study {key}"),
            words(x).as_ref(),
            words(y).as_ref(),
        );
    }
    out
}

pub(super) fn change(
    out: &mut Vec<Change>,
    field: &str,
    old: Option<&String>,
    new: Option<&String>,
) {
    if old != new {
        out.push(Change {
            field: field.to_string(),
            old: old.cloned(),
            new: new.cloned(),
        });
    }
}

/// Matches items by key: removed ones in old order, then changed and added ones in new order.
pub(super) fn matched<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    title: impl Fn(&T) -> String,
    compare: impl Fn(&T, &T) -> (Vec<Change>, Vec<ItemDiff>),
) -> Vec<ItemDiff> {
    let mut out = Vec::new();
    for o in old {
        if !new.iter().any(|n| key(n) == key(o)) {
            out.push(ItemDiff {
                id: key(o),
                status: Status::Removed,
                title: title(o),
                changes: Vec::new(),
                options: Vec::new(),
            });
        }
    }
    for n in new {
        match old.iter().find(|o| key(o) == key(n)) {
            None => out.push(ItemDiff {
                id: key(n),
                status: Status::Added,
                title: title(n),
                changes: Vec::new(),
                options: Vec::new(),
            }),
            Some(o) => {
                let (changes, options) = compare(o, n);
                if !changes.is_empty() || !options.is_empty() {
                    out.push(ItemDiff {
                        id: key(n),
                        status: Status::Changed,
                        title: title(n),
                        changes,
                        options,
                    });
                }
            }
        }
    }
    out
}
