//! Checks on single numbers: finite, within bounds, a percentage, an impact level.

use toml::Spanned;

use super::{Diags, Lint, MAX_POINTS};
use crate::diagnostics::Diagnostic;

pub(super) fn finite(v: &Spanned<f64>, what: &str, d: &mut Diags) -> f64 {
    let x = *v.get_ref();
    if x.is_finite() {
        x
    } else {
        d.push(
            Diagnostic::new(
                Lint::InvalidNumber,
                format!("{what} must be a finite number, not {x}"),
            )
            .at(v.span(), "not finite"),
        );
        0.0
    }
}

/// A number as a person would write it: 2.5, or 1.7e308 rather than 309 digits.
pub(super) fn show(x: f64) -> String {
    if x.abs() < 1e15 {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

pub(super) fn non_negative(v: &Spanned<f64>, what: &str, d: &mut Diags) -> f64 {
    let x = finite(v, what, d);
    if x > MAX_POINTS {
        d.push(
            Diagnostic::new(
                Lint::InvalidNumber,
                format!("{what} must be at most {MAX_POINTS}, found {}", show(x)),
            )
            .at(v.span(), format!("expected 0 to {MAX_POINTS}"))
            .note("only the ratio between points or weights matters; small numbers such as 0 to 10 read best"),
        );
        return 0.0;
    }
    if x < 0.0 {
        d.push(
            Diagnostic::new(
                Lint::InvalidNumber,
                format!("{what} must not be negative, found {}", show(x)),
            )
            .at(v.span(), "expected 0 or more"),
        );
        return 0.0;
    }
    x
}

/// A percentage; one out of 0-100 is reported under `code`.
pub(super) fn percent(v: &Spanned<f64>, what: &str, code: Lint, d: &mut Diags) -> f64 {
    let x = finite(v, what, d);
    if !(0.0..=100.0).contains(&x) {
        d.push(
            Diagnostic::new(code, format!("{what} must lie in 0-100, found {}", show(x)))
                .at(v.span(), "expected a percentage from 0 to 100"),
        );
    }
    x.clamp(0.0, 100.0)
}

pub(super) fn impact_level(v: &Spanned<i64>, levels: u8, d: &mut Diags) -> Option<u8> {
    let x = *v.get_ref();
    match u8::try_from(x) {
        Ok(l) if (1..=levels).contains(&l) => Some(l),
        _ => {
            d.push(
                Diagnostic::new(
                    Lint::InvalidImpactLevel,
                    format!("impact level {x} does not exist"),
                )
                .at(v.span(), format!("expected 1 to {levels}")),
            );
            None
        }
    }
}
