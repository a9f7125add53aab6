//! The JSON Schema of a draft record, written from the field list, so the schema committed in
//! docs/atrs-record.schema.json and the records cannot drift apart (tests/atrs.rs).

use serde_json::{Map, Value, json};

use crate::framework::atrs::{Field, standard};

/// The schema of `coopai export atrs --format json`.
pub fn schema() -> Value {
    let s = standard();
    let properties: Map<String, Value> = s
        .fields
        .iter()
        .map(|f| (f.reference.clone(), field(f)))
        .collect();
    let references: Vec<&str> = s.fields.iter().map(|f| f.reference.as_str()).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("coopai draft {} record (v{})", s.standard, s.version),
        "description": "Written by `coopai export atrs --format json`: every field of the record, keyed by reference number, each marked filled, partly filled or to complete. docs/atrs.md describes it.",
        "type": "object",
        "additionalProperties": false,
        "required": ["standard", "standard_version", "draft", "system", "council", "framework", "fields"],
        "properties": {
            "standard": { "const": s.standard },
            "standard_version": { "const": s.version },
            "draft": { "const": true },
            "system": { "type": "string" },
            "council": { "type": "string" },
            "framework": { "type": "string", "description": "The framework scored against: id and version." },
            "fields": {
                "type": "object",
                "additionalProperties": false,
                "required": references,
                "properties": properties,
            }
        }
    })
}

fn field(f: &Field) -> Value {
    let value = if f.values.is_empty() {
        json!({ "type": "string" })
    } else {
        let mut allowed = f.values.clone();
        allowed.push(String::new());
        json!({ "enum": allowed, "description": "One of the allowed values, or empty while to complete." })
    };
    json!({
        "type": "object",
        "description": format!("{} {}", f.reference, f.name),
        "additionalProperties": false,
        "required": ["attribute", "name", "tier", "section", "required", "follows", "status", "value", "missing"],
        "properties": {
            "attribute": { "const": f.attribute },
            "name": { "const": f.name },
            "tier": { "const": f.tier },
            "section": { "const": f.section },
            "required": { "const": f.required },
            "follows": { "const": f.follows },
            "status": { "enum": ["filled", "partly-filled", "to-complete"] },
            "value": value,
            "missing": { "type": "array", "items": { "type": "string" } },
        }
    })
}
