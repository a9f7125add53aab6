//! The team contact a transparency record publishes: an email address is expected, but not
//! required, since some teams publish a web form or a phone line instead; so a contact that
//! does not look like one gets a warning, never an error.

use serde::Deserialize;
use toml::Spanned;

use super::checks::Check;
use crate::diagnostics::Diagnostic;

/// `name@domain.tld` with no spaces: the shape, not whether the inbox exists.
pub fn is_email_shaped(contact: &str) -> bool {
    let contact = contact.trim();
    !contact.contains(char::is_whitespace)
        && contact.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split_once('.').is_some_and(|(host, tld)| {
                    !host.is_empty() && !tld.is_empty() && !tld.ends_with('.')
                })
        })
}

/// Only `[assessment] contact`, with its position, read again for the warning.
#[derive(Deserialize)]
struct Positioned {
    assessment: Option<Inner>,
}

#[derive(Deserialize)]
struct Inner {
    contact: Option<Spanned<String>>,
}

/// A warning when `contact` is given and is not shaped like an email address; `text` is the
/// answers file, read again only then, to point at the value.
pub(super) fn check(contact: &str, text: &str) -> Option<Diagnostic> {
    if contact.trim().is_empty() || is_email_shaped(contact) {
        return None;
    }
    let diag = Diagnostic::new(
        Check::ContactNotEmail,
        format!("the contact `{}` does not look like an email address", contact.trim()),
    )
    .note("a transparency record publishes a team's shared inbox, such as ai-team@council.gov.uk; keep this if the team publishes a web form or a phone line instead");
    let span = toml::from_str::<Positioned>(text)
        .ok()
        .and_then(|p| p.assessment)
        .and_then(|a| a.contact)
        .map(|c| c.span());
    Some(match span {
        Some(span) => diag.at(span, "expected an email address"),
        None => diag,
    })
}

#[cfg(test)]
mod tests {
    use super::is_email_shaped;

    #[test]
    fn email_shapes_pass_and_others_do_not() {
        for ok in ["ai-team@council.gov.uk", " repairs@example.org "] {
            assert!(is_email_shaped(ok), "{ok}");
        }
        for not in [
            "AI team",
            "0161 234 5000",
            "team@council",
            "a b@c.uk",
            "@c.uk",
            "x@.uk",
            "x@y.",
            "a@b@c.uk",
        ] {
            assert!(!is_email_shaped(not), "{not}");
        }
    }
}
