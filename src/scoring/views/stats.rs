//! The statistics of the views, on counts: quantiles, agreement and percentages. Answers are
//! placed on a line of positions (an option's place in the order of points, a scale value, a
//! number range's place, a principle score in tenths), so one definition serves every kind.

use crate::number::round;

/// Counts at positions on a line, ascending, each position once.
pub(super) type Line = [(i64, u64)];

/// The `num/den` quantile of the answers counted on `line`: the answer at rank
/// ceil(n x num / den) of the n answers in order (the "inverted distribution" quantile). It is
/// always an answer someone gave, so a median between two answers is the lower of them.
/// `None` when nothing is counted.
pub(super) fn quantile(line: &Line, num: u64, den: u64) -> Option<i64> {
    let n: u64 = line.iter().map(|(_, c)| c).sum();
    if n == 0 || den == 0 {
        return None;
    }
    let rank = (n * num).div_ceil(den).max(1);
    let mut seen = 0;
    line.iter().find_map(|&(position, count)| {
        seen += count;
        (seen >= rank).then_some(position)
    })
}

pub(super) fn median(line: &Line) -> Option<i64> {
    quantile(line, 1, 2)
}

/// The first and third quartiles.
pub(super) fn quartiles(line: &Line) -> Option<(i64, i64)> {
    Some((quantile(line, 1, 4)?, quantile(line, 3, 4)?))
}

/// How many answers lie within `tolerance` positions of `centre`.
pub(super) fn within(line: &Line, centre: i64, tolerance: u64) -> u64 {
    line.iter()
        .filter(|(position, _)| position.abs_diff(centre) <= tolerance)
        .map(|(_, count)| count)
        .sum()
}

/// `part` of `whole` as a percentage to one decimal place; `None` of nothing.
pub(super) fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round(100.0 * part as f64 / whole as f64, 1))
}

/// The agreement below which a question is flagged, in percent.
pub(super) const AGREEMENT_THRESHOLD: u64 = 70;

/// `part` of `whole` is under [`AGREEMENT_THRESHOLD`] percent, compared in whole numbers so
/// that no rounding puts a share on the wrong side of it.
pub(super) fn disagrees(part: u64, whole: u64) -> bool {
    whole > 0 && part * 100 < whole * AGREEMENT_THRESHOLD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_lower_middle_answer() {
        // 1, 2, 3, 4: the middle answers are 2 and 3.
        let line = [(1, 1), (2, 1), (3, 1), (4, 1)];
        assert_eq!(median(&line), Some(2));
        // 1, 2, 3: the middle one.
        assert_eq!(median(&[(1, 1), (2, 1), (3, 1)]), Some(2));
        assert_eq!(median(&[(5, 1)]), Some(5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(1, 0), (2, 0)]), None);
    }

    #[test]
    fn quartiles_are_answers_at_a_quarter_and_three_quarters() {
        // Eight answers: 1 1 2 3 3 3 4 5; ranks 2 and 6.
        let line = [(1, 2), (2, 1), (3, 3), (4, 1), (5, 1)];
        assert_eq!(quartiles(&line), Some((1, 3)));
        assert_eq!(median(&line), Some(3), "rank 4");
        // One answer: every quantile is it.
        assert_eq!(quartiles(&[(7, 1)]), Some((7, 7)));
        // Five answers 1 2 3 4 5: ranks 2 and 4.
        let five = [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)];
        assert_eq!(quartiles(&five), Some((2, 4)));
    }

    #[test]
    fn agreement_counts_answers_within_a_step_and_is_under_70_percent_exactly() {
        let line = [(1, 3), (2, 2), (3, 1), (5, 4)];
        assert_eq!(within(&line, 2, 1), 6);
        assert_eq!(within(&line, 2, 0), 2);
        assert_eq!(percent(6, 10), Some(60.0));
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(1, 0), None);
        assert!(disagrees(6, 10));
        assert!(!disagrees(7, 10), "70% is not under 70%");
        assert!(disagrees(69_999, 100_000));
        assert!(!disagrees(0, 0));
    }
}
