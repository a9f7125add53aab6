//! `[case_study]`: every question it names is one the framework has.

use super::super::model::CaseStudyQuestions;
use super::super::raw::RawCaseStudy;
use super::Diags;
use super::lints::Lint;
use crate::diagnostics::Diagnostic;
use toml::Spanned;

pub(super) fn questions(
    raw: Option<&RawCaseStudy>,
    question_ids: &[&str],
    d: &mut Diags,
) -> CaseStudyQuestions {
    let Some(raw) = raw else {
        return CaseStudyQuestions::default();
    };
    let mut section = |name: &str, ids: &[Spanned<String>]| -> Vec<String> {
        for q in ids {
            if !question_ids.contains(&q.get_ref().as_str()) {
                d.push(
                    Diagnostic::new(
                        Lint::UnknownQuestion,
                        format!(
                            "`[case_study]` `{name}` quotes unknown question `{}`",
                            q.get_ref()
                        ),
                    )
                    .at(q.span(), "no question has this id")
                    .suggest(q.get_ref(), question_ids.iter().copied()),
                );
            }
        }
        ids.iter().map(|q| q.get_ref().clone()).collect()
    };
    CaseStudyQuestions {
        purpose: section("purpose", &raw.purpose),
        residents: section("residents", &raw.residents),
        staff: section("staff", &raw.staff),
        learned: section("learned", &raw.learned),
    }
}
