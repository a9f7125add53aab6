//! Checks on the rules of `[impact]` that are not levels or mitigation: `rounding` and
//! `bounds` need levels to cut, and `safeguards_first_from` must name a level.

use toml::Spanned;

use super::super::model::{Bounds, Rounding};
use super::super::raw::RawImpact;
use super::values::impact_level;
use super::{Diags, Lint};
use crate::diagnostics::Diagnostic;

/// The rules as validated: rounding, bounds and the level safeguards rank first from.
pub(super) fn rules(
    raw: Option<&RawImpact>,
    levels: u8,
    d: &mut Diags,
) -> (Rounding, Bounds, Option<u8>) {
    let Some(raw) = raw else {
        return (Rounding::default(), Bounds::default(), None);
    };
    let has_levels = !raw.level.is_empty();
    let rounding = rule("rounding", raw.rounding.as_ref(), has_levels, d);
    let bounds = rule("bounds", raw.bounds.as_ref(), has_levels, d);
    let safeguards_first_from = raw
        .safeguards_first_from
        .as_ref()
        .and_then(|l| impact_level(l, levels, d));
    (rounding, bounds, safeguards_first_from)
}

/// A rule's value, or its default when not written; one written without levels to apply it
/// to would be ignored, which is reported.
fn rule<T: Copy + Default>(
    field: &str,
    value: Option<&Spanned<T>>,
    has_levels: bool,
    d: &mut Diags,
) -> T {
    let Some(value) = value else {
        return T::default();
    };
    if !has_levels {
        d.push(
            Diagnostic::new(
                Lint::MisplacedField,
                format!("`{field}` has no impact levels to apply to"),
            )
            .at(value.span(), "ignored without [[impact.level]]")
            .note("add [[impact.level]] tables, or remove the field"),
        );
    }
    *value.get_ref()
}
