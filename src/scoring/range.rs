//! What the blanks still allow: the overall scores that answering them in any way could give,
//! and the bands those scores span at the impact levels still possible.
//!
//! Each principle's score is a share of available points, so a blank can move it both ways:
//! its own points count, and an answer can switch a follow-up on (more points available) or
//! off. A question that certainly applies counts its blank at its least and most points; one
//! that may or may not apply is left in or out, whichever moves the share further. The result
//! contains every reachable score, and is exact when no condition reads an open answer.

use crate::assessment::{Assessment, Evaluation, points};
use crate::framework::{Band, Framework, Question, QuestionKind, Tri};
use crate::number::round;

/// The lowest and highest overall score any answers to the blanks could give.
pub(super) fn score_range(fw: &Framework, a: &Assessment, ev: &Evaluation) -> (f64, f64) {
    let mut low = Share::default();
    let mut high = Share::default();
    for p in &fw.principles {
        // A principle that may have no applicable question is left out whichever way helps;
        // one whose only points are bonus points has a score only if they are earned.
        match share_range(fw, a, ev, fw.questions_of(&p.id)) {
            (Some((lo, certain)), Some((hi, _))) => {
                low.add(lo * p.weight, p.weight, certain);
                high.add(hi * p.weight, p.weight, certain);
            }
            (None, Some((hi, _))) => high.add(hi * p.weight, p.weight, false),
            _ => {}
        }
    }
    (
        round(low.extreme(Extreme::Lowest), 1),
        round(high.extreme(Extreme::Highest), 1),
    )
}

/// The lowest and highest share of the safeguard questions' points any answers to the blanks
/// could give; `None` when no safeguard question can apply.
pub(super) fn safeguard_range(
    fw: &Framework,
    a: &Assessment,
    ev: &Evaluation,
) -> Option<(f64, f64)> {
    match share_range(fw, a, ev, fw.safeguard_questions()) {
        (Some((low, _)), Some((high, _))) => Some((low, high)),
        (None, Some((high, _))) => Some((0.0, high)),
        _ => None,
    }
}

/// A share's lowest or highest value (0-100, one decimal place, as reports show them), with
/// whether it is certainly counted; `None` when it can never be.
type Bound = Option<(f64, bool)>;

/// The range of the share of points earned over `questions` (a principle's, or the
/// safeguards'), as [`score_range`] explains.
fn share_range<'q>(
    fw: &Framework,
    a: &Assessment,
    ev: &Evaluation,
    questions: impl Iterator<Item = &'q Question>,
) -> (Bound, Bound) {
    let mut low = Share::default();
    let mut high = Share::default();
    for q in questions {
        let i = fw.question_index(&q.id).unwrap_or_default();
        let certain = match ev.possible[i] {
            Tri::No => continue,
            Tri::Maybe => false,
            Tri::Yes => true,
        };
        // (earned, available) at the least and the most an answer can earn. A bonus question
        // makes available only what it earns.
        let (least, most) = match a.answers.get(&q.id) {
            Some(answer) => {
                let earned = points(q, &answer.value);
                (earned, earned)
            }
            None => (least_points(q), q.max_points()),
        };
        let at = |earned: f64| (q.weight * earned, q.weight * q.available(Some(earned)));
        let ((least, least_of), (most, most_of)) = (at(least), at(most));
        low.add(least, least_of, certain);
        high.add(most, most_of, certain);
    }
    let bound = |share: &Share, extreme| {
        share.can_be_scored().then(|| {
            (
                round(100.0 * share.extreme(extreme), 1),
                share.certain_weight > 0.0,
            )
        })
    };
    (bound(&low, Extreme::Lowest), bound(&high, Extreme::Highest))
}

/// The fewest points an answer to `q` can earn: nothing when "not known" is allowed.
fn least_points(q: &Question) -> f64 {
    if q.not_known {
        return 0.0;
    }
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple => q
            .options
            .iter()
            .map(|o| o.points)
            .fold(f64::INFINITY, f64::min)
            .min(q.max_points()),
        QuestionKind::Scale | QuestionKind::Number | QuestionKind::Text => 0.0,
    }
}

#[derive(Clone, Copy)]
enum Extreme {
    Lowest,
    Highest,
}

/// A ratio of sums, earned over available: some parts certainly counted, others optional.
#[derive(Default)]
struct Share {
    earned: f64,
    certain_weight: f64,
    optional: Vec<(f64, f64)>,
}

impl Share {
    fn add(&mut self, earned: f64, weight: f64, certain: bool) {
        if certain {
            self.earned += earned;
            self.certain_weight += weight;
        } else if weight > 0.0 {
            self.optional.push((earned, weight));
        }
    }

    fn can_be_scored(&self) -> bool {
        self.certain_weight > 0.0 || !self.optional.is_empty()
    }

    /// The lowest or highest ratio over every choice of optional parts: taking them in order
    /// of their own ratio, each one that pulls the ratio its way is added (the optimum of a
    /// ratio of sums). 0 when nothing can be counted.
    fn extreme(&self, extreme: Extreme) -> f64 {
        let mut parts = self.optional.clone();
        parts.sort_by(|a, b| {
            let order = (a.0 / a.1).total_cmp(&(b.0 / b.1));
            match extreme {
                Extreme::Lowest => order,
                Extreme::Highest => order.reverse(),
            }
        });
        let (mut earned, mut weight) = (self.earned, self.certain_weight);
        for (e, w) in parts {
            let pulls = weight <= 0.0
                || match extreme {
                    Extreme::Lowest => e / w < earned / weight,
                    Extreme::Highest => e / w > earned / weight,
                };
            if !pulls {
                break;
            }
            earned += e;
            weight += w;
        }
        if weight > 0.0 { earned / weight } else { 0.0 }
    }
}

/// The bands that assessments between `worst` and `best` (each an overall score and a
/// safeguard share) reach at impact levels `levels.0` to `levels.1`, best first; the lowest
/// band too when a red line could still be crossed. Bands are best first and each asks at
/// least as much as the next, so every band from the best one's to the worst one's is
/// possible, and none outside.
pub(super) fn bands_possible(
    fw: &Framework,
    (worst, best): ((f64, Option<f64>), (f64, Option<f64>)),
    levels: (u8, u8),
    red_line_possible: bool,
) -> Vec<&Band> {
    let mut possible = vec![false; fw.bands.len()];
    let index = |band: &Band| fw.bands.iter().position(|b| b.id == band.id);
    for level in levels.0..=levels.1.max(levels.0) {
        let from = index(super::band(fw, best, level, false)).unwrap_or_default();
        let to = index(super::band(fw, worst, level, false)).unwrap_or(fw.bands.len() - 1);
        for p in possible.iter_mut().take(to + 1).skip(from) {
            *p = true;
        }
    }
    if red_line_possible {
        if let Some(last) = possible.last_mut() {
            *last = true;
        }
    }
    fw.bands
        .iter()
        .zip(possible)
        .filter_map(|(band, p)| p.then_some(band))
        .collect()
}
