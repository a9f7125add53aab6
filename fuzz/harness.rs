#![allow(dead_code)] // each target uses only part of the harness
//! What each fuzz target does with one input. Shared by the cargo-fuzz targets (nightly,
//! `fuzz/fuzz_targets/*.rs`) and by `tests/fuzz_replay.rs`, which replays the committed corpus
//! and every crash input found so far through the very same code on the stable toolchain.
//!
//! A target passes an input when nothing panics and the invariants asserted here hold.

use coopai::assessment::{self, Assessment};
use coopai::framework::{self, Framework, LoadError};
use coopai::report::{ReportFormat, framework_table, render};
use coopai::scoring::score;
use coopai::source::text_from_bytes;

/// The frameworks answers are checked against: the embedded one, and a second one with
/// different question kinds and conditions.
pub fn answer_frameworks() -> Vec<Framework> {
    let rules = include_str!("../tests/fixtures/frameworks/scoring-rules.toml");
    let rules = match framework::load_str("scoring-rules.toml", rules.to_string()) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("the scoring-rules fixture must load:\n{e}"),
    };
    vec![framework::embedded(), rules]
}

/// Bytes as a framework file: decode, load, and render whatever comes out (diagnostics,
/// or the framework as a table, as JSON and as a template), then score a blank assessment.
pub fn framework_loader(data: &[u8]) {
    let Ok(text) = text_from_bytes(data.to_vec()) else {
        return;
    };
    match framework::load_str("fuzz.toml", text) {
        Ok(loaded) => {
            let _ = loaded.warnings.to_string();
            let fw = &loaded.framework;
            let _ = framework_table::render(fw);
            let _ = serde_json::to_string(fw);
            let template = assessment::template(fw);
            // A template must load back against the framework it was made from.
            if let Err(e) = assessment::load_str("template.toml", template, fw) {
                panic!("the template of a valid framework does not load:\n{e}");
            }
            for a in [Assessment::default(), best_answers(fw)] {
                let report = score(fw, &a);
                check_report(&report);
                for format in [ReportFormat::Table, ReportFormat::Md, ReportFormat::Json] {
                    let _ = render(fw, std::slice::from_ref(&report), format);
                }
            }
        }
        Err(LoadError::Invalid(diags)) => {
            assert!(diags.has_errors(), "a failed load reports an error");
            let _ = diags.to_string();
        }
        Err(e) => panic!("load_str does not read files, yet failed with: {e}"),
    }
}

/// Bytes as an answers file, against each framework: load, score, render in every format,
/// and write back with the interview's writer, which must read back to the same answers.
pub fn answers_loader(frameworks: &[Framework], data: &[u8]) {
    let Ok(text) = text_from_bytes(data.to_vec()) else {
        return;
    };
    for fw in frameworks {
        match assessment::load_str("fuzz.toml", text.clone(), fw) {
            Ok(loaded) => {
                let _ = loaded.warnings.to_string();
                let a = &loaded.assessment;
                let report = score(fw, a);
                check_report(&report);
                for format in [ReportFormat::Table, ReportFormat::Md, ReportFormat::Json] {
                    let _ = render(fw, std::slice::from_ref(&report), format);
                }
                round_trip(fw, a);
            }
            Err(LoadError::Invalid(diags)) => {
                assert!(diags.has_errors(), "a failed load reports an error");
                let _ = diags.to_string();
            }
            Err(e) => panic!("load_str does not read files, yet failed with: {e}"),
        }
    }
}

/// The frameworks responses are checked against: a small one with respondent roles, and the
/// embedded one, which declares none (so every response is refused, after a full check).
pub fn response_frameworks() -> Vec<Framework> {
    let roles = include_str!("../tests/fixtures/responses/framework.toml");
    let roles = match framework::load_str("roles.toml", roles.to_string()) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("the responses fixture framework must load:\n{e}"),
    };
    vec![roles, framework::embedded()]
}

/// Bytes as a response file, against each framework: load, render the diagnostics, and
/// write a response that loads back with the interview's writer, which must read back to
/// the same respondent and answers.
pub fn responses_loader(frameworks: &[Framework], data: &[u8]) {
    let Ok(text) = text_from_bytes(data.to_vec()) else {
        return;
    };
    for fw in frameworks {
        match assessment::load_response_str("fuzz.toml", text.clone(), fw) {
            Ok(loaded) => {
                let _ = loaded.warnings.to_string();
                let r = &loaded.response;
                assert!(
                    fw.role(&r.respondent.role).is_some(),
                    "a response loaded for a role the framework does not declare"
                );
                let saved = assessment::response_to_toml(fw, r);
                match assessment::load_response_str("saved.toml", saved.clone(), fw) {
                    Ok(back) => {
                        let back = back.response;
                        assert_eq!(
                            back.respondent, r.respondent,
                            "respondent changed:\n{saved}"
                        );
                        assert_eq!(back.answers, r.answers, "answers changed:\n{saved}");
                        assert_eq!(back.notes, r.notes, "notes changed:\n{saved}");
                    }
                    Err(e) => {
                        panic!("a saved response does not load back:\n{e}\n--- saved:\n{saved}")
                    }
                }
            }
            Err(LoadError::Invalid(diags)) => {
                assert!(diags.has_errors(), "a refused response reports an error");
                let _ = diags.to_string();
            }
            Err(e) => panic!("load_response_str does not read files, yet failed with: {e}"),
        }
    }
}

/// The writer the interview saves with must never produce a file that reads back differently.
fn round_trip(fw: &Framework, a: &Assessment) {
    let saved = assessment::to_toml(fw, a);
    match assessment::load_str("saved.toml", saved.clone(), fw) {
        Ok(back) => {
            let back = back.assessment;
            assert_eq!(back.meta, a.meta, "metadata changed on saving:\n{saved}");
            assert_eq!(back.framework, a.framework, "framework reference changed");
            assert_eq!(
                back.answers, a.answers,
                "answers changed on saving:\n{saved}"
            );
        }
        Err(e) => panic!("a saved assessment does not load back:\n{e}\n--- saved:\n{saved}"),
    }
}

/// Every question answered with its best answer: the assessment that sums the most points.
fn best_answers(fw: &Framework) -> Assessment {
    use coopai::assessment::{Answer, Value};
    use coopai::framework::QuestionKind;
    let mut a = Assessment::default();
    for q in &fw.questions {
        let best_option = || {
            q.options
                .iter()
                .max_by(|x, y| x.points.total_cmp(&y.points))
                .map(|o| o.id.clone())
        };
        let value = match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => best_option().map(Value::Choice),
            QuestionKind::Multiple => Some(Value::Choices(
                q.options.iter().map(|o| o.id.clone()).collect(),
            )),
            QuestionKind::Scale => q.scale.as_ref().map(|s| Value::Number(s.max as f64)),
            QuestionKind::Number => q
                .number
                .as_ref()
                .and_then(|n| n.ranges.last())
                .map(|r| Value::Number(r.at_least)),
            QuestionKind::Text => Some(Value::Text("text".into())),
        };
        if let Some(value) = value {
            let evidence = String::new();
            a.answers.insert(q.id.clone(), Answer { value, evidence });
        }
    }
    a
}

fn check_report(r: &coopai::scoring::report::Report) {
    let in_range = |x: f64| (0.0..=100.0).contains(&x);
    assert!(in_range(r.overall.score), "overall {}", r.overall.score);
    for p in &r.principles {
        if let Some(s) = p.score {
            assert!(in_range(s), "principle {} scored {s}", p.id);
        }
    }
}
