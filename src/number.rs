//! Numbers as coopai rounds and shows them. A leaf helper: the answers writer, the interview,
//! scoring and every renderer show numbers the same way, so it sits below all of them.

/// `x` rounded to `places` decimal places, halves away from zero, as scores and points are
/// reported.
pub fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    // `+ 0.0` turns -0 (from rounding -0.04) into 0, so nothing ever shows "-0".
    (x * scale).round() / scale + 0.0
}

/// A number with at most one decimal place and no trailing `.0`: 12, 12.5.
pub fn num(x: f64) -> String {
    // Beyond what one decimal place can show (and where x * 10 would overflow), 1e20.
    if x.abs() >= 1e15 {
        return format!("{x:e}");
    }
    let rounded = round(x, 1);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
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
    }

    #[test]
    fn rounding_never_gives_negative_zero() {
        assert_eq!(round(-0.004, 2).to_string(), "0");
        assert_eq!(round(12.25, 1), 12.3);
        assert_eq!(round(2.345, 2), 2.35);
    }
}
