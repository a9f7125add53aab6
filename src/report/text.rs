//! Small formatting helpers shared by the renderers.

use crate::number::num;

/// A terminal table in the style of every report, at most `width` columns wide.
pub fn table(header: impl Into<comfy_table::Row>, width: u16) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    t
}

/// Band `i`'s thresholds as score ranges, one per impact level: up to the threshold of the
/// band above it, or to 100 for the best band.
pub fn band_ranges(fw: &crate::framework::Framework, i: usize) -> Vec<String> {
    fw.bands[i]
        .min_score
        .iter()
        .enumerate()
        .map(|(level, min)| match i.checked_sub(1) {
            None => range(*min, 100.0, true, ""),
            Some(above) => range(*min, fw.bands[above].min_score[level], false, ""),
        })
        .collect()
}

/// A half-open range `[from, to)`, or closed when `closed`, in words: "5 to under 10".
pub fn range(from: f64, to: f64, closed: bool, unit: &str) -> String {
    let upper = if closed { "" } else { "under " };
    format!("{} to {upper}{}{unit}", num(from), num(to))
}

/// A bar of `width` cells for a 0-100 score.
pub fn bar(score: f64, width: usize) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// "2, Moderate (raw score 8 of 30 points; mitigation 85%: reduced by 15%)".
pub fn impact_summary(r: &crate::scoring::report::Report) -> String {
    let i = &r.impact;
    let mut out = format!(
        "{}, {} (raw score {} of {} points",
        i.level,
        i.name,
        num(i.raw_score),
        num(i.max_raw_score)
    );
    if let Some(m) = &i.mitigation {
        if m.applied {
            out.push_str(&format!(
                ", after a {}% reduction for mitigation",
                num(m.reduction)
            ));
        } else {
            out.push_str(&format!(
                "; mitigation {}%, below the {}% that earns a reduction",
                num(m.percent),
                num(m.threshold)
            ));
        }
    }
    if let Some(floor) = i.floor {
        out.push_str(&format!("; raised to level {floor} by an answer"));
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_drop_needless_decimals() {
        assert_eq!(range(2.5, 5.0, false, " points"), "2.5 to under 5 points");
    }
}
