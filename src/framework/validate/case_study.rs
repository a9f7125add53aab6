//! `[case_study]`: every question it names is one the framework has.

use super::super::model::CaseStudyQuestions;
use super::super::raw::RawCaseStudy;
use super::{Diags, known_questions};
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
        known_questions(
            ids,
            question_ids,
            &format!("`[case_study]` `{name}` quotes"),
            d,
        );
        ids.iter().map(|q| q.get_ref().clone()).collect()
    };
    CaseStudyQuestions {
        purpose: section("purpose", &raw.purpose),
        residents: section("residents", &raw.residents),
        staff: section("staff", &raw.staff),
        learned: section("learned", &raw.learned),
    }
}
