//! `[[atrs]]`: each entry names a field of the transparency record's field list, once, and
//! questions the framework has.

use std::collections::HashMap;

use super::super::atrs::{Mapping, standard};
use super::super::raw::RawAtrs;
use super::lints::Lint;
use super::{Diags, known_questions};
use crate::diagnostics::Diagnostic;

pub(super) fn mappings(raw: &[RawAtrs], question_ids: &[&str], d: &mut Diags) -> Vec<Mapping> {
    let fields = standard();
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for entry in raw {
        let name = entry.field.get_ref();
        known_questions(
            &entry.from,
            question_ids,
            &format!("`[[atrs]]` field `{name}` is filled from"),
            d,
        );
        let Some(field) = fields.field(name) else {
            let renamed = fields
                .fields
                .iter()
                .find(|f| f.v3_attribute.as_deref() == Some(name.as_str()));
            let diag = Diagnostic::new(
                Lint::UnknownAtrsField,
                format!("unknown ATRS field `{name}`"),
            )
            .at(entry.field.span(), "not a field of the transparency record");
            d.push(match renamed {
                Some(f) => diag.note(format!(
                    "v4.0 renamed the v3.0 field `{name}` to `{}` ({})",
                    f.attribute, f.reference
                )),
                None => diag.suggest(name, fields.names()).note(
                    "name a field by reference number (\"2.3.4\") or attribute (\"human_decisions_and_review\"); docs/atrs.md lists them",
                ),
            });
            continue;
        };
        if let Some(first) = seen.insert(field.reference.as_str(), entry.field.span()) {
            d.push(
                Diagnostic::new(
                    Lint::DuplicateAtrsField,
                    format!(
                        "ATRS field {} `{}` is mapped twice",
                        field.reference, field.attribute
                    ),
                )
                .at(entry.field.span(), "mapped again here")
                .also(first, "first mapped here")
                .note("list every source of a field in one [[atrs]] table"),
            );
        }
        out.push(Mapping {
            field: field.reference.clone(),
            meta: entry.meta.clone(),
            from: entry.from.iter().map(|q| q.get_ref().clone()).collect(),
            label: entry.label.clone(),
        });
    }
    out
}
