//! `coopai framework diff` drawn: a [`FrameworkDiff`] as terminal text, Markdown for release
//! notes, or JSON. The diff itself is worked out in [`crate::framework::diff`].

use std::fmt::Write as _;

use crate::framework::diff::{Change, FrameworkDiff, ItemDiff, Status};
use crate::markdown_escape::{md, md_code};

/// Plain text for the terminal.
pub fn render_text(d: &FrameworkDiff) -> String {
    render(d, false)
}

/// Markdown, for release notes.
pub fn render_markdown(d: &FrameworkDiff) -> String {
    render(d, true)
}

/// JSON, stable field names.
pub fn render_json(d: &FrameworkDiff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_default() + "\n"
}

fn render(d: &FrameworkDiff, markdown: bool) -> String {
    // Text from the frameworks is escaped in Markdown; generated words with `ids` keep them.
    let t = |s: &str| if markdown { md(s) } else { s.to_string() };
    let g = |s: &str| if markdown { md_code(s) } else { s.to_string() };
    let mut out = String::new();
    let title = format!(
        "Framework changes: {} {} → {} {}",
        d.old.id, d.old.version, d.new.id, d.new.version
    );
    if markdown {
        let _ = writeln!(out, "# {}\n", md(&title));
        let _ = writeln!(
            out,
            "Old sha256 `{}`, new sha256 `{}`.\n",
            d.old.sha256, d.new.sha256
        );
    } else {
        let _ = writeln!(
            out,
            "{title}\nold sha256 {}\nnew sha256 {}\n",
            d.old.sha256, d.new.sha256
        );
    }
    for w in &d.warnings {
        if markdown {
            let _ = writeln!(out, "> **Warning:** {}\n", g(w));
        } else {
            let _ = writeln!(out, "warning: {w}");
        }
    }
    if !d.warnings.is_empty() && !markdown {
        out.push('\n');
    }
    if d.identical {
        let _ = writeln!(out, "The two files are identical.");
        return out;
    }
    let (h2, item, sub) = if markdown {
        ("## ", "- ", "  - ")
    } else {
        ("", "  ", "      ")
    };
    let change_line = |c: &Change| {
        let show = |v: &Option<String>| match v {
            Some(v) if v.is_empty() => "(empty)".to_string(),
            Some(v) => g(v),
            None => "none".to_string(),
        };
        format!("{}: {} → {}", c.field, show(&c.old), show(&c.new))
    };
    let section = |out: &mut String, name: &str, changes: &[Change]| {
        if changes.is_empty() {
            return;
        }
        let _ = writeln!(out, "{h2}{name}\n");
        for c in changes {
            let _ = writeln!(out, "{item}{}", change_line(c));
        }
        out.push('\n');
    };
    section(&mut out, "Framework", &d.framework);
    let sign = |s: Status| match s {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
    };
    let items = |out: &mut String, name: &str, what: &str, items: &[ItemDiff]| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "{h2}{name}\n");
        for i in items {
            let _ = writeln!(
                out,
                "{item}{} {what} `{}`: {}",
                sign(i.status),
                i.id,
                t(&i.title)
            );
            for c in &i.changes {
                let _ = writeln!(out, "{sub}{}", change_line(c));
            }
            for o in &i.options {
                match o.status {
                    Status::Changed => {
                        for c in &o.changes {
                            let _ = writeln!(out, "{sub}option `{}`: {}", o.id, change_line(c));
                        }
                    }
                    s => {
                        let _ =
                            writeln!(out, "{sub}option `{}` {}: {}", o.id, sign(s), t(&o.title));
                    }
                }
            }
        }
        out.push('\n');
    };
    items(&mut out, "Respondent roles", "role", &d.roles);
    items(&mut out, "Principles", "principle", &d.principles);
    items(&mut out, "Questions", "question", &d.questions);
    items(&mut out, "Impact levels", "impact level", &d.impact_levels);
    section(&mut out, "Impact rules", &d.impact);
    items(&mut out, "Outcome bands", "band", &d.bands);
    if !d.answers_moved.is_empty() || !d.answers_removed.is_empty() {
        let _ = writeln!(out, "{h2}Answers from the old version\n");
        for a in &d.answers_moved {
            let _ = writeln!(out, "{item}moved {}", a.moved.words());
            if !a.moved.why.is_empty() {
                let _ = writeln!(out, "{sub}why: {}", t(&a.moved.why));
            }
            for o in &a.options_left_out {
                let _ = writeln!(
                    out,
                    "{sub}option `{o}` has no counterpart: answers that choose it are left out"
                );
            }
        }
        for r in &d.answers_removed {
            let _ = writeln!(out, "{item}removed `{}`: {}", r.question, t(&r.why));
        }
        out.push('\n');
    }
    section(&mut out, "Publishing", &d.publishing);
    if markdown {
        let _ = writeln!(out, "**Summary:** {}.", d.summary());
    } else {
        let _ = writeln!(out, "Summary: {}.", d.summary());
    }
    out
}
