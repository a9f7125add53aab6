//! `coopai verify`: recompute a JSON report from its framework and answers and say whether it
//! matches. The inputs are checked first by sha256, then the report is scored again and the two
//! are compared field by field, each difference named by its path (`overall.score`,
//! `principles[co-production].score`).

use serde_json::Value as Json;

use crate::assessment::{self, Assessment, LoadError};
use crate::framework::Framework;
use crate::scoring::report::Report;
use crate::scoring::{Tally, ViewOptions, score_with};

/// What a verification found.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// An input whose sha256 is not the one the report records, in words.
    pub input_mismatches: Vec<String>,
    /// Fields where the report and the recomputed report differ.
    pub differences: Vec<Difference>,
    /// The report combines respondents' answers, which are not at hand (the answers were
    /// rebuilt from the report), so its views were set aside rather than compared.
    pub views_unchecked: bool,
}

impl Verification {
    pub fn matches(&self) -> bool {
        self.input_mismatches.is_empty() && self.differences.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Path of the field, e.g. `principles[co-production].score`.
    pub path: String,
    /// The value in the report; None when the report lacks the field.
    pub report: Option<Json>,
    /// The recomputed value; None when the recomputed report has no such field.
    pub recomputed: Option<Json>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Json>| v.as_ref().map_or("nothing".to_string(), |v| v.to_string());
        write!(
            f,
            "{}: report says {}, recomputed {}",
            self.path,
            show(&self.report),
            show(&self.recomputed)
        )
    }
}

/// Checks `report` (parsed from `json`) against a framework and the answers it was scored from.
/// `answers_checked` says whether `answers` came from the answers file, so its sha256 can be
/// compared; answers rebuilt from the report itself can only be scored again. `responses` is
/// the respondents' answers combined as `coopai score` combined them, when at hand: their
/// digest and views are then compared like every other field.
pub fn verify(
    json: &Json,
    report: &Report,
    fw: &Framework,
    answers: &Assessment,
    answers_checked: bool,
    responses: Option<&Tally>,
    options: &ViewOptions,
) -> Verification {
    let input_mismatches = check_inputs(report, fw, answers_checked.then_some(answers));
    let recomputed =
        serde_json::to_value(score_with(fw, answers, responses, options)).unwrap_or_default();
    // Answers rebuilt from a report already hold what the respondents' answers decided; the
    // views themselves need the responses, so without them they are set aside, and said so.
    let views_unchecked = responses.is_none() && !answers_checked && json.get("views").is_some();
    let mut json = json.clone();
    if let (true, Some(fields)) = (views_unchecked, json.as_object_mut()) {
        fields.remove("views");
    }
    let mut differences = Vec::new();
    compare("", Some(&json), Some(&recomputed), &mut differences);
    Verification {
        input_mismatches,
        differences,
        views_unchecked,
    }
}

/// The inputs whose sha256 is not the one the report records, in words.
pub fn check_inputs(
    report: &Report,
    fw: &Framework,
    answers_file: Option<&Assessment>,
) -> Vec<String> {
    let mut input_mismatches = Vec::new();
    if report.framework.sha256 != fw.sha256 {
        input_mismatches.push(format!(
            "framework: the report was scored against `{}` {} with sha256 {}, but the framework given is `{}` {} with sha256 {}",
            report.framework.id, report.framework.version, report.framework.sha256, fw.id, fw.version, fw.sha256
        ));
    }
    if let Some(answers) = answers_file.filter(|a| a.sha256 != report.assessment.sha256) {
        input_mismatches.push(format!(
            "answers: the report was scored from answers with sha256 {}, but the answers file given has sha256 {}",
            report.assessment.sha256, answers.sha256
        ));
    }
    input_mismatches
}

/// Rebuilds the answers recorded in a report (value and evidence of every answered question)
/// as an assessment, checked against `fw` like any answers file. Its sha256 is the one the
/// report records, since the file itself is not at hand.
pub fn answers_from_report(report: &Report, fw: &Framework) -> Result<Assessment, LoadError> {
    let a = &report.assessment;
    let mut meta = toml::Table::new();
    for (key, value) in [
        ("council", &a.council),
        ("system", &a.system),
        ("description", &a.description),
        ("assessor", &a.assessor),
        ("date", &a.date),
        ("status", &a.status),
    ] {
        meta.insert(key.to_string(), toml::Value::String(value.clone()));
    }
    if let Some(stage) = a.stage {
        meta.insert("stage".to_string(), stage.name().into());
    }
    let mut answers = toml::Table::new();
    for line in &report.answers {
        // Evidence noted ahead of an answer is written back blank-answered, as the answers
        // file holds it, so it reaches the report again.
        let value = match line.value.as_ref() {
            Some(v) => match to_toml(v) {
                Some(value) => value,
                None => continue,
            },
            None if !line.evidence.is_empty() => toml::Value::String(String::new()),
            None => continue,
        };
        let mut answer = toml::Table::new();
        answer.insert("answer".to_string(), value);
        answer.insert(
            "evidence".to_string(),
            toml::Value::String(line.evidence.clone()),
        );
        answers.insert(line.question.clone(), toml::Value::Table(answer));
    }
    let mut doc = toml::Table::new();
    doc.insert("assessment".to_string(), toml::Value::Table(meta));
    doc.insert("answers".to_string(), toml::Value::Table(answers));
    let text = toml::to_string(&doc).unwrap_or_default();
    let mut loaded = assessment::load_str("<answers recorded in the report>", text, fw)?.assessment;
    loaded.sha256 = report.assessment.sha256.clone();
    Ok(loaded)
}

/// A JSON answer value as TOML: whole numbers become integers, as answers files write them.
fn to_toml(v: &Json) -> Option<toml::Value> {
    Some(match v {
        Json::String(s) => toml::Value::String(s.clone()),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => toml::Value::Integer(i),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => toml::Value::Integer(f as i64),
            (None, Some(f)) => toml::Value::Float(f),
            (None, None) => return None,
        },
        Json::Bool(b) => toml::Value::Boolean(*b),
        Json::Array(items) => toml::Value::Array(items.iter().filter_map(to_toml).collect()),
        Json::Null | Json::Object(_) => return None,
    })
}

fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        // 2 and 2.0 are the same number, however the report was pretty-printed.
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn compare(
    path: &str,
    report: Option<&Json>,
    recomputed: Option<&Json>,
    out: &mut Vec<Difference>,
) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (report, recomputed) {
        (Some(Json::Object(a)), Some(Json::Object(b))) => {
            let mut keys: Vec<&String> = b.keys().collect();
            keys.extend(a.keys().filter(|k| !b.contains_key(*k)));
            for key in keys {
                compare(&join(key), a.get(key), b.get(key), out);
            }
        }
        (Some(Json::Array(a)), Some(Json::Array(b))) => match (keyed(a), keyed(b)) {
            // Items with unique ids are matched by id, so one missing item reads as one
            // difference, not as every later item shifted by one.
            (Some(ka), Some(kb)) => {
                let mut keys: Vec<&str> = kb.iter().map(|(k, _)| *k).collect();
                keys.extend(
                    ka.iter()
                        .map(|(k, _)| *k)
                        .filter(|k| !kb.iter().any(|(kb, _)| kb == k)),
                );
                fn find<'a>(items: &[(&str, &'a Json)], key: &str) -> Option<&'a Json> {
                    items.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
                }
                for key in keys {
                    compare(
                        &format!("{path}[{key}]"),
                        find(&ka, key),
                        find(&kb, key),
                        out,
                    );
                }
            }
            _ => {
                for i in 0..a.len().max(b.len()) {
                    compare(&format!("{path}[{i}]"), a.get(i), b.get(i), out);
                }
            }
        },
        (Some(a), Some(b)) if same(a, b) => {}
        (None, None) => {}
        (a, b) => out.push(Difference {
            path: path.to_string(),
            report: a.cloned(),
            recomputed: b.cloned(),
        }),
    }
}

/// The items of an array of objects by their `id`, or else their `question`, when every
/// item has one and no two share it.
fn keyed(items: &[Json]) -> Option<Vec<(&str, &Json)>> {
    ["id", "question"].into_iter().find_map(|key| {
        let keyed: Vec<(&str, &Json)> = items
            .iter()
            .map(|v| Some((v.get(key)?.as_str()?, v)))
            .collect::<Option<_>>()?;
        let mut ids: Vec<&str> = keyed.iter().map(|(k, _)| *k).collect();
        ids.sort_unstable();
        ids.dedup();
        (ids.len() == keyed.len()).then_some(keyed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_every_differing_field() {
        let report = json!({"overall": {"score": 72.5, "band": "proceed"}, "principles": [{"id": "a", "score": 1}, {"id": "b", "score": 2}]});
        let recomputed = json!({"overall": {"score": 70.1, "band": "proceed"}, "principles": [{"id": "a", "score": 1.0}, {"id": "b", "score": 3}]});
        let mut out = Vec::new();
        compare("", Some(&report), Some(&recomputed), &mut out);
        let lines: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                "overall.score: report says 72.5, recomputed 70.1",
                "principles[b].score: report says 2, recomputed 3",
            ]
        );
    }

    #[test]
    fn items_with_ids_are_matched_by_id() {
        let report =
            json!({"answers": [{"question": "a", "points": 1}, {"question": "b", "points": 2}]});
        let recomputed = json!({"answers": [{"question": "b", "points": 2}]});
        let mut out = Vec::new();
        compare("", Some(&report), Some(&recomputed), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path, "answers[a]");
        assert_eq!(out[0].recomputed, None);
    }

    /// The answers rebuilt from a report keep its lifecycle stage, which conditions can read.
    #[test]
    fn answers_rebuilt_from_a_report_keep_the_stage() {
        let fw = crate::framework::embedded();
        let answers = "[assessment]\nsystem = \"S\"\nstage = \"live\"\n";
        let a = assessment::load_str("a.toml", answers.to_string(), &fw)
            .unwrap_or_else(|e| panic!("{e}"))
            .assessment;
        let report = crate::scoring::score(&fw, &a);
        assert_eq!(report.assessment.stage, Some(crate::framework::Stage::Live));
        let rebuilt = answers_from_report(&report, &fw).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rebuilt.meta.stage, a.meta.stage);
        let json = serde_json::to_value(&report).unwrap();
        assert!(
            verify(
                &json,
                &report,
                &fw,
                &rebuilt,
                false,
                None,
                &ViewOptions::default()
            )
            .matches()
        );
    }

    #[test]
    fn extra_and_missing_fields_are_differences() {
        let mut out = Vec::new();
        compare(
            "",
            Some(&json!({"a": 1, "x": true})),
            Some(&json!({"a": 1, "b": [1]})),
            &mut out,
        );
        let lines: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                "b: report says nothing, recomputed [1]",
                "x: report says true, recomputed nothing"
            ]
        );
    }
}
