//! `coopai framework show`: the framework as terminal tables.

use clap::ValueEnum;
use comfy_table::Table;

use super::text::{band_ranges, range};
use crate::framework::{Framework, ImpactRole};
use crate::number::num;

/// Formats of `coopai framework show`: these tables, or the framework as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
}

fn table(header: &[&str]) -> Table {
    super::text::table(header.to_vec(), 120)
}

pub fn render(fw: &Framework) -> String {
    let mut out = format!("{} {} ({})\n", fw.title, fw.version, fw.id);
    if !fw.summary.is_empty() {
        out.push_str(&format!("{}\n", fw.summary));
    }
    out.push_str(&format!("sha256 {}\n\nPrinciples\n", fw.sha256));

    let mut principles = table(&["Principle", "Title", "Weight", "Questions", "ICA values"]);
    for p in &fw.principles {
        principles.add_row(vec![
            p.id.clone(),
            p.title.clone(),
            num(p.weight),
            fw.questions_of(&p.id).count().to_string(),
            p.ica_values.join(", "),
        ]);
    }
    out.push_str(&format!("{principles}\n\nQuestions\n"));

    let mut questions = table(&[
        "Question",
        "Principle",
        "Kind",
        "Points",
        "Weight",
        "Asked when",
    ]);
    for q in &fw.questions {
        let part = match (&q.principle, q.impact) {
            (Some(p), Some(ImpactRole::Mitigation)) => format!("{p} (mitigation)"),
            (Some(p), _) => p.clone(),
            (None, _) => "impact profile".to_string(),
        };
        let red_lines = q.options.iter().filter(|o| o.red_line.is_some()).count();
        let kind = if red_lines > 0 {
            format!("{} (red line)", q.kind.name())
        } else {
            q.kind.name().to_string()
        };
        questions.add_row(vec![
            q.id.clone(),
            part,
            kind,
            num(q.max_points()),
            num(q.weight),
            q.when
                .as_ref()
                .map_or("always".to_string(), ToString::to_string),
        ]);
    }
    out.push_str(&format!("{questions}\n\nImpact levels\n"));

    let max = fw.impact.max_raw_score;
    let mut levels = table(&["Level", "Name", "Raw impact score", "Share of maximum"]);
    let top = fw.impact.levels.len();
    for l in &fw.impact.levels {
        let closed = l.level as usize == top;
        levels.add_row(vec![
            format!("impact level {}", l.level),
            l.name.clone(),
            range(l.from * max / 100.0, l.to * max / 100.0, closed, " points"),
            range(l.from, l.to, closed, "%"),
        ]);
    }
    out.push_str(&format!("{levels}\n"));
    out.push_str(&format!("Maximum raw impact score: {} points.", num(max)));
    if let Some(m) = fw.impact.mitigation {
        out.push_str(&format!(
            " Mitigation: once mitigation answers reach {}% of their points, the raw score is reduced by {}%.",
            num(m.threshold),
            num(m.reduction)
        ));
    }
    out.push_str("\n\nOutcome bands (overall score needed)\n");

    let mut header = vec!["Band".to_string()];
    header.extend(
        fw.impact
            .levels
            .iter()
            .map(|l| format!("impact level {}", l.level)),
    );
    let mut bands = table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for (i, b) in fw.bands.iter().enumerate() {
        let mut row = vec![b.name.clone()];
        row.extend(band_ranges(fw, i));
        bands.add_row(row);
    }
    out.push_str(&format!(
        "{bands}\nA red line forces the lowest band, {}, whatever the score.\n",
        fw.lowest_band().name
    ));
    out
}
