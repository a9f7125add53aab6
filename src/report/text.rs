//! Small formatting helpers shared by the renderers.

/// To one decimal place, as scores are reported.
pub fn round1(x: f64) -> f64 {
    // `+ 0.0` turns -0 (from rounding -0.04) into 0.
    (x * 10.0).round() / 10.0 + 0.0
}

/// A terminal table in the style of every report, at most `width` columns wide.
pub fn table(header: impl Into<comfy_table::Row>, width: u16) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    t
}

/// A number with at most one decimal place and no trailing `.0`: 12, 12.5.
pub fn num(x: f64) -> String {
    // Beyond what one decimal place can show (and where x * 10 would overflow), 1e20.
    if x.abs() >= 1e15 {
        return format!("{x:e}");
    }
    let rounded = round1(x);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A half-open range `[from, to)`, or closed when `closed`, in words: "5 to under 10".
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
pub fn impact_summary(r: &super::model::Report) -> String {
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
    fn numbers_drop_needless_decimals() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.46), "12.5");
        assert_eq!(num(0.04), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(-2.5e20), "-2.5e20");
        assert_eq!(range(2.5, 5.0, false, " points"), "2.5 to under 5 points");
    }
}
