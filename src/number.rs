//! Numbers as coopai rounds and shows them. A leaf helper: the answers writer, the interview,
//! scoring and every renderer show numbers the same way, so it sits below all of them.

/// `x` rounded to `places` decimal places, halves away from zero, as scores and points are
/// reported.
pub fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    // `+ 0.0` turns -0 (from rounding -0.04) into 0, so nothing ever shows "-0".
    (x * scale).round() / scale + 0.0
}

/// `x` rounded to `places` decimal places, or to as many more as it takes for `test` to say
/// the same of the rounded value as of `x`. A percentage compared with a bar then never reads
/// the wrong side of it: 79.96 against 80 is not shown as 80.0.
pub fn round_alike<T: PartialEq>(x: f64, places: i32, test: impl Fn(f64) -> T) -> f64 {
    let wanted = test(x);
    (places..=15)
        .map(|p| round(x, p))
        .find(|rounded| test(*rounded) == wanted)
        .unwrap_or(x)
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

/// A number with every decimal place it has: for a value already rounded to what must be
/// shown ([`round_alike`]), such as 79.96 or 80.
pub fn num_full(x: f64) -> String {
    if x.abs() >= 1e15 {
        return format!("{x:e}");
    }
    // `+ 0.0` turns -0 into 0.
    format!("{}", x + 0.0)
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
    fn rounding_alike_keeps_a_value_on_its_side_of_a_bar() {
        let below = |p: f64| p < 80.0;
        assert_eq!(round_alike(79.96, 1, below), 79.96);
        assert_eq!(round_alike(79.999_4, 1, below), 79.999);
        assert_eq!(
            round_alike(79.94, 1, below),
            79.9,
            "one place when it reads true"
        );
        assert_eq!(round_alike(80.04, 1, below), 80.0);
        assert_eq!(round_alike(100.0 * 2.0 / 3.0, 1, below), 66.7);
        assert_eq!(num_full(79.96), "79.96");
        assert_eq!(num_full(80.0), "80");
        assert_eq!(num_full(-0.0), "0");
    }

    #[test]
    fn rounding_never_gives_negative_zero() {
        assert_eq!(round(-0.004, 2).to_string(), "0");
        assert_eq!(round(12.25, 1), 12.3);
        assert_eq!(round(2.345, 2), 2.35);
    }
}
