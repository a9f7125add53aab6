//! `coopai export atrs`: the draft transparency record of every worked assessment, in every
//! format; the mapping against the field list; the JSON draft against the schema committed in
//! docs/atrs-record.schema.json (regenerate it with `COOPAI_UPDATE_DOCS=1 cargo test --test
//! atrs`).

use std::path::Path;

use coopai::framework::atrs::standard;
use coopai::framework::embedded;
use serde_json::Value;

mod common;
use common::{coopai, crate_root, text, worked_assessments};

const SCHEMA: &str = "docs/atrs-record.schema.json";

fn export(file: &Path, format: &str) -> String {
    let out = coopai(&["export", "atrs", file.to_str().unwrap(), "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn every_worked_assessment_drafts_a_record_in_every_format() {
    for file in worked_assessments() {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        for format in ["md", "json", "html"] {
            insta::assert_snapshot!(format!("{name}-{format}"), export(&file, format));
        }
    }
}

#[test]
fn markdown_is_the_default_and_markdown_its_long_name() {
    let file = Path::new("assessments/housing-repairs-chatbot.toml");
    let default = coopai(&["export", "atrs", file.to_str().unwrap()]);
    assert_eq!(text(&default.stdout), export(file, "md"));
    assert_eq!(export(file, "markdown"), export(file, "md"));
}

#[test]
fn every_mapped_field_is_in_the_field_list_and_every_source_question_exists() {
    let fw = embedded();
    assert!(
        fw.atrs.len() > 20,
        "the reference framework maps {} fields",
        fw.atrs.len()
    );
    let fields = standard();
    for m in &fw.atrs {
        assert!(
            fields.fields.iter().any(|f| f.reference == m.field),
            "mapped field {} is not in the field list",
            m.field
        );
        for q in &m.from {
            assert!(
                fw.question(q).is_some(),
                "{} is filled from unknown question {q}",
                m.field
            );
        }
    }
}

#[test]
fn the_supplier_fields_are_left_to_complete_and_the_assessment_is_an_impact_assessment() {
    let json: Value = serde_json::from_str(&export(
        Path::new("assessments/council-tax-fraud-risk.toml"),
        "json",
    ))
    .unwrap();
    let fields = &json["fields"];
    for technical in ["2.4.2.6", "2.4.2.7", "2.4.2.8"] {
        assert_eq!(fields[technical]["status"], "to-complete", "{technical}");
        assert_eq!(
            fields[technical]["missing"][0],
            "supplied by the supplier or developer"
        );
    }
    let impact = fields["2.5.1"]["value"].as_str().unwrap();
    assert!(
        impact.contains("Do not proceed") && impact.contains(&embedded().version),
        "{impact}"
    );
    let risks = fields["2.5.2"]["value"].as_str().unwrap();
    assert!(risks.starts_with("Red line crossed:"), "{risks}");
    assert!(risks.contains("Mitigation:"), "{risks}");
}

#[test]
fn private_evidence_is_left_out_and_said_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let source =
        std::fs::read_to_string(crate_root().join("assessments/housing-repairs-chatbot.toml"))
            .unwrap();
    let marker = "Options appraisal, December 2025";
    assert!(source.contains(marker));
    let private = source.replacen(
        "[answers.non-ai-alternatives]\n",
        "[answers.non-ai-alternatives]\nprivate = true\n",
        1,
    );
    assert_ne!(
        private, source,
        "the answers file has no non-ai-alternatives table"
    );
    let path = dir.path().join("private.toml");
    std::fs::write(&path, private).unwrap();
    let out = coopai(&["export", "atrs", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let record = text(&out.stdout);
    assert!(!record.contains(marker), "private evidence published");
    let json: Value = serde_json::from_str(&record).unwrap();
    assert_eq!(json["fields"]["2.2.5"]["status"], "partly-filled");
}

fn committed_schema() -> Value {
    let generated = serde_json::to_string_pretty(&coopai::publish::atrs::schema()).unwrap() + "\n";
    common::generated_file_is_current(SCHEMA, &generated, "atrs");
    serde_json::from_str(&generated).unwrap()
}

#[test]
fn every_json_draft_follows_the_committed_schema() {
    let schema = committed_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for file in worked_assessments() {
        let record: Value = serde_json::from_str(&export(&file, "json")).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&record)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn the_schema_refuses_a_record_with_a_field_missing_or_a_phase_not_allowed() {
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let good: Value = serde_json::from_str(&export(
        Path::new("assessments/letter-translation.toml"),
        "json",
    ))
    .unwrap();
    assert!(validator.is_valid(&good));
    let mut missing = good.clone();
    missing["fields"].as_object_mut().unwrap().remove("2.3.4");
    assert!(!validator.is_valid(&missing));
    let mut phase = good;
    phase["fields"]["0.13"]["value"] = Value::from("Beta");
    assert!(!validator.is_valid(&phase));
}

#[test]
fn an_existing_output_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record.md");
    std::fs::write(&out, "mine").unwrap();
    let file = "assessments/letter-translation.toml";
    let refused = coopai(&["export", "atrs", file, "-o", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let forced = coopai(&[
        "export",
        "atrs",
        file,
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Draft transparency record")
    );
}

const DOC: &str = "docs/atrs.md";
const OPEN: &str = "<!-- atrs fields: generated from the code, checked by tests/atrs.rs -->\n";
const CLOSE: &str = "<!-- end of generated table -->";

/// Every field of the list, with what the reference framework fills it from.
fn field_table() -> String {
    let fw = embedded();
    let mut out = String::from(
        "| reference | field | tier | required | follows | filled from (reference framework) | otherwise supplied by |\n| --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for f in &standard().fields {
        let from = fw.atrs.iter().find(|m| m.field == f.reference).map_or_else(
            || "nothing".to_string(),
            |m| {
                m.meta
                    .iter()
                    .map(|s| format!("metadata `{}`", s.name()))
                    .chain(m.from.iter().map(|q| format!("`{q}`")))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        );
        let renamed = f
            .v3_attribute
            .as_ref()
            .map_or_else(String::new, |v3| format!(" (v3.0: `{v3}`)"));
        out.push_str(&format!(
            "| {} | {} `{}`{renamed} | {} | {} | {} | {from} | {} |\n",
            f.reference,
            f.name,
            f.attribute,
            f.tier,
            if f.required { "yes" } else { "no" },
            f.follows.words(),
            f.supplied_by.words(),
        ));
    }
    out
}

#[test]
fn the_field_table_in_the_docs_is_current() {
    common::generated_section_is_current(DOC, OPEN, CLOSE, &field_table(), "atrs");
}
