//! Each respondent's score of each principle, kept as a histogram per role, so the spread of a
//! role's views is known however many responded, in memory that does not grow with them.
//!
//! A respondent's principle score counts only the questions that apply to the assessment, and
//! which apply is known only once every response is in (a question can take its answer from a
//! role, and that answer can switch follow-ups on or off). So for a principle whose questions
//! asked of the role include some with conditions, one histogram is kept for every
//! combination of those that could apply, and the report picks the one that does. Up to
//! [`FOLLOWED`] such questions are followed one by one (at most 64 histograms); any more are
//! counted whenever answered, and the spread says it is approximate.

use crate::framework::Framework;
use crate::number::round;

/// Conditional questions of one principle, asked of one role, followed one by one.
const FOLLOWED: usize = 6;
/// Scores 0-100 in tenths.
const BINS: usize = 1001;

#[derive(Debug, Clone)]
pub(super) struct Spread {
    /// The conditional questions followed (framework indices), at most [`FOLLOWED`].
    conditional: Vec<usize>,
    /// More conditional questions are asked than are followed.
    pub(super) approximate: bool,
    /// One histogram per subset of `conditional` that applies (bit i: `conditional[i]`),
    /// each allocated when first used. Counts are 32-bit (4 KiB a histogram), saturating:
    /// billions of respondents are out of reach.
    histograms: Vec<Vec<u32>>,
}

/// One answer to a scored question: its framework index, and its weighted points earned and
/// available.
pub(super) type Part = (usize, f64, f64);

impl Spread {
    /// The spread of principle `principle`'s scores among respondents in role `role` (indices
    /// into the framework's principles and roles).
    pub(super) fn new(fw: &Framework, role: usize, principle: usize) -> Self {
        let conditional: Vec<usize> = scored_questions(fw, role, principle)
            .filter(|&i| fw.questions[i].when.is_some())
            .collect();
        let approximate = conditional.len() > FOLLOWED;
        let conditional: Vec<usize> = conditional.into_iter().take(FOLLOWED).collect();
        Self {
            histograms: vec![Vec::new(); 1 << conditional.len()],
            conditional,
            approximate,
        }
    }

    /// Adds one respondent's answers to the principle's scored questions.
    pub(super) fn add(&mut self, parts: &[Part]) {
        // What every subset of the conditional questions adds: built from the subset without
        // its lowest member, so each costs one addition.
        let mut sums = vec![(0.0, 0.0); self.histograms.len()];
        let (mut earned, mut available) = (0.0, 0.0);
        let mut own = vec![(0.0, 0.0); self.conditional.len()];
        for &(question, e, a) in parts {
            match self.conditional.iter().position(|&c| c == question) {
                Some(bit) => own[bit] = (e, a),
                None => {
                    earned += e;
                    available += a;
                }
            }
        }
        for subset in 1..sums.len() {
            let bit = subset.trailing_zeros() as usize;
            let (e, a) = sums[subset & (subset - 1)];
            sums[subset] = (e + own[bit].0, a + own[bit].1);
        }
        for (histogram, (e, a)) in self.histograms.iter_mut().zip(sums) {
            let (e, a) = (earned + e, available + a);
            if a <= 0.0 {
                continue;
            }
            if histogram.is_empty() {
                histogram.resize(BINS, 0);
            }
            let tenths = (round(100.0 * e / a, 1) * 10.0).round().clamp(0.0, 1000.0);
            let bin = &mut histogram[tenths as usize];
            *bin = bin.saturating_add(1);
        }
    }

    /// The scores (in tenths) counted, for the questions that apply (by framework index).
    pub(super) fn line(&self, applies: &[bool]) -> Vec<(i64, u64)> {
        let subset = self
            .conditional
            .iter()
            .enumerate()
            .filter(|&(_, &q)| applies.get(q).copied().unwrap_or(false))
            .fold(0, |subset, (bit, _)| subset | 1 << bit);
        self.histograms.get(subset).map_or(Vec::new(), |h| {
            h.iter()
                .enumerate()
                .filter(|&(_, &count)| count > 0)
                .map(|(tenths, &count)| (tenths as i64, u64::from(count)))
                .collect()
        })
    }
}

/// The scored questions of a principle that a role is asked, by framework index.
pub(super) fn scored_questions(
    fw: &Framework,
    role: usize,
    principle: usize,
) -> impl Iterator<Item = usize> + '_ {
    let id = fw.principles.get(principle).map(|p| p.id.as_str());
    fw.questions
        .iter()
        .enumerate()
        .filter(move |(_, q)| {
            q.principle.as_deref() == id && q.is_scored() && super::asked(fw, q, role)
        })
        .map(|(i, _)| i)
}
