//! Views: what respondents besides the lead (staff, residents, others a framework declares as
//! roles) said, combined with the lead's assessment. Responses are added one at a time to a
//! [`Tally`], which keeps counts, not responses; [`score_with`] then scores the assessment, with
//! a role's combined answer in place of the lead's where a question takes its answer from that
//! role, and adds [`Views`] to the report. The rules are in docs/scoring.md#responses.
//!
//! One concern a module: [`tally`] accumulates, [`digest`] names the responses combined,
//! [`stats`] and [`summary`] summarise one role's answers to one question, [`spread`] keeps the
//! principle scores by role, [`combine`] builds the effective assessment and [`build`] the
//! views.

mod build;
mod combine;
mod digest;
mod model;
mod spread;
mod stats;
mod summary;
mod tally;
#[cfg(test)]
mod tests;

pub use model::*;
pub use tally::Tally;

use crate::assessment::{Assessment, applicability};
use crate::framework::{Framework, Question};
use crate::scoring::report::Report;

/// What the views include.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// Respondents' free-text answers. Off by default: they can identify people. A tally
    /// keeps them only when made with this on ([`Tally::with_options`]).
    pub include_comments: bool,
}

/// Scores an assessment with the responses tallied: [`crate::scoring::score`] of the effective
/// assessment (the lead's answers, with a role's combined answer where a question takes its
/// answer from the role and someone in it answered), with [`Views`] added. Without a tally it
/// is exactly [`crate::scoring::score`].
pub fn score_with(
    fw: &Framework,
    a: &Assessment,
    tally: Option<&Tally>,
    options: &ViewOptions,
) -> Report {
    let Some(tally) = tally else {
        return crate::scoring::score(fw, a);
    };
    let (effective, sources) = combine::effective(fw, a, tally);
    let mut report = crate::scoring::score(fw, &effective);
    let applies = applicability(fw, &effective);
    let scored = build::Scored {
        lead: a,
        report: &report,
        applies: &applies,
        sources,
    };
    report.views = Some(build::views(fw, scored, tally, options));
    report
}

/// Whether a respondent in role `role` (an index into the framework's roles) is asked `q`: the
/// lead role is asked every question.
fn asked(fw: &Framework, q: &Question, role: usize) -> bool {
    role == 0 || fw.roles.get(role).is_some_and(|r| q.roles.contains(&r.id))
}
