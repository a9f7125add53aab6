//! Small formatting helpers shared by the renderers.

/// A number with at most one decimal place and no trailing `.0`: 12, 12.5.
pub fn num(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A half-open range `[from, to)`, or closed when `closed`, in words: "5 to under 10".
pub fn range(from: f64, to: f64, closed: bool, unit: &str) -> String {
    let upper = if closed { "" } else { "under " };
    format!("{} to {upper}{}{unit}", num(from), num(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.46), "12.5");
        assert_eq!(num(0.04), "0");
        assert_eq!(range(2.5, 5.0, false, " points"), "2.5 to under 5 points");
    }
}
