//! The embedded framework's compiled form. `build.rs` loads frameworks/ccin-coop-ai.toml with
//! the same loader and validator as `coopai framework check` and stores the validated
//! framework as JSON; [`super::embedded`] reads that back. So no command parses and validates
//! 80 KB of TOML on every run (docs/performance.md), and a mistake in the embedded framework
//! fails the build.

use serde::{Deserialize, Serialize};

use super::model::{Band, Framework, ImpactProfile, Index, Principle, Question, Role, Step};
use super::moves::Moves;

/// What `build.rs` writes.
#[derive(Serialize)]
struct CompiledRef<'a> {
    framework: &'a Framework,
    /// Kept beside the framework because reports serialize `Framework` without its index.
    evaluation_order: &'a [Step],
}

/// What [`from_json`] reads: [`CompiledRef`], owned.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Compiled {
    framework: Fields,
    evaluation_order: Vec<Step>,
}

/// `Framework`'s serialized fields; its lookups are rebuilt, not stored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    id: String,
    title: String,
    version: String,
    summary: String,
    provenance: String,
    sha256: String,
    #[serde(default)]
    roles: Vec<Role>,
    principles: Vec<Principle>,
    questions: Vec<Question>,
    impact: ImpactProfile,
    bands: Vec<Band>,
    #[serde(default)]
    moves: Moves,
    #[serde(default)]
    atrs: Vec<super::atrs::Mapping>,
    #[serde(default)]
    case_study: super::model::CaseStudyQuestions,
}

#[allow(
    dead_code,
    reason = "build.rs writes the compiled form; the library only reads it back (and tests write it)"
)]
pub(crate) fn to_json(framework: &Framework) -> serde_json::Result<String> {
    serde_json::to_string(&CompiledRef {
        framework,
        evaluation_order: framework.evaluation_order(),
    })
}

pub(crate) fn from_json(json: &str) -> serde_json::Result<Framework> {
    let Compiled {
        framework: f,
        evaluation_order,
    } = serde_json::from_str(json)?;
    let index = Index::new(&f.questions, &f.principles, evaluation_order);
    Ok(Framework {
        id: f.id,
        title: f.title,
        version: f.version,
        summary: f.summary,
        provenance: f.provenance,
        sha256: f.sha256,
        roles: f.roles,
        principles: f.principles,
        questions: f.questions,
        impact: f.impact,
        bands: f.bands,
        moves: f.moves,
        atrs: f.atrs,
        case_study: f.case_study,
        index,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::framework::load::{EMBEDDED_NAME, EMBEDDED_TEXT, sha256_hex};
    use crate::framework::{embedded, load_str};

    fn load(name: &str, text: String) -> Framework {
        match load_str(name, text) {
            Ok(loaded) => loaded.framework,
            Err(e) => panic!("{e}"),
        }
    }

    /// Reading the compiled form back gives the same framework: writing it again gives the
    /// same JSON, and the lookups the JSON does not hold are rebuilt.
    fn assert_reads_back(name: &str, framework: &Framework) {
        let json = to_json(framework).unwrap();
        let back = from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same_json(name, &json, &to_json(&back).unwrap());
        for (i, q) in framework.questions.iter().enumerate() {
            assert_eq!(back.question_index(&q.id), Some(i), "{name}: {}", q.id);
            assert_eq!(back.questions[i].when, q.when, "{name}: {}", q.id);
        }
        for p in &framework.principles {
            assert_eq!(back.principle(&p.id).map(|b| &b.id), Some(&p.id), "{name}");
        }
    }

    /// Compares the JSON text, so that a number read back inexactly is caught, and fails
    /// showing where the two differ rather than 80 KB of JSON.
    fn assert_same_json(name: &str, expected: &str, actual: &str) {
        let Some(at) = expected
            .bytes()
            .zip(actual.bytes())
            .position(|(a, b)| a != b)
            .or((expected.len() != actual.len()).then(|| expected.len().min(actual.len())))
        else {
            return;
        };
        let around = |json: &str| {
            let bytes = json.as_bytes();
            String::from_utf8_lossy(&bytes[at.saturating_sub(80)..(at + 80).min(bytes.len())])
                .into_owned()
        };
        panic!(
            "{name}: the compiled forms differ at byte {at}:\nexpected ...{}...\nfound    ...{}...",
            around(expected),
            around(actual)
        );
    }

    #[test]
    fn the_embedded_framework_is_the_reference_toml_validated() {
        let fresh = load(EMBEDDED_NAME, EMBEDDED_TEXT.to_string());
        let compiled = embedded();
        assert_same_json(
            EMBEDDED_NAME,
            &to_json(&fresh).unwrap(),
            &to_json(&compiled).unwrap(),
        );
        assert_eq!(compiled.sha256, sha256_hex(EMBEDDED_TEXT.as_bytes()));
    }

    #[test]
    fn every_condition_shape_and_fractional_number_reads_back_as_itself() {
        // The reference framework uses only some condition shapes; these add the rest
        // (ranges, answered, all, impact level at most), and 1/11, which reads back wrong
        // unless serde_json parses numbers exactly (its `float_roundtrip` feature).
        let extra = r#"
[[question]]
id = "in-range"
principle = "social-partnership"
kind = "yes_no"
weight = 0.1
prompt = "In range?"
help = "Asked for a middling confidence."
when = { question = "staff-confidence", at_least = 2, at_most = 4 }
option = [{ id = "yes", label = "Yes", points = 0.09090909090909091 }, { id = "no", label = "No", points = 0 }]

[[question]]
id = "after-lessons"
principle = "social-partnership"
kind = "yes_no"
prompt = "After lessons?"
help = "Asked once lessons are written."
when = { question = "lessons", answered = true }
option = [{ id = "yes", label = "Yes", points = 1 }, { id = "no", label = "No", points = 0 }]

[[question]]
id = "combined"
principle = "co-production"
kind = "yes_no"
prompt = "Combined?"
help = "Asked on a mix of conditions."
when = { all = [
  { impact_level_at_most = 2 },
  { not = { question = "explainable", is = "no" } },
  { any = [
    { question = "residents-affected", at_least = 0.1 },
    { question = "human-review", answered = false },
  ] },
] }
option = [{ id = "yes", label = "Yes", points = 1 }, { id = "no", label = "No", points = 0 }]
"#;
        let text = format!(
            "{}{extra}",
            include_str!("../../frameworks/example-minimal.toml")
        );
        let framework = load("conditions.toml", text);
        assert_reads_back("conditions.toml", &framework);
    }

    #[test]
    fn every_valid_fixture_framework_reads_back_as_itself() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["frameworks", "tests/fixtures/frameworks"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let Ok(loaded) = crate::framework::load_file(&path) else {
                    continue; // the fixtures of lints that refuse a framework
                };
                assert_reads_back(&path.display().to_string(), &loaded.framework);
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} frameworks loaded");
    }
}
