//! Whether a respondent's pseudonym would identify them. Reports combine responses and are
//! shared, so a pseudonym may only tell responses apart; an email address or a phone number
//! names a person as surely as a name does. Names themselves cannot be told from pseudonyms,
//! so the docs and the template ask people not to write one.

/// What a pseudonym looks like that it must not: "an email address" or "a phone number".
pub fn identifying(pseudonym: &str) -> Option<&'static str> {
    if looks_like_email(pseudonym) {
        Some("an email address")
    } else if looks_like_phone(pseudonym) {
        Some("a phone number")
    } else {
        None
    }
}

/// Something, `@`, then something with a dot or at least a word: `jo@example.org`, and
/// `jo@example` too, which is as identifying once the domain is guessed.
fn looks_like_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(local, domain)| {
        let word = |t: &str| t.chars().any(char::is_alphanumeric);
        word(local) && word(domain)
    })
}

/// A number written as people write phone numbers: ten digits or more in one run of digits,
/// spaces, dots, dashes, brackets and a leading `+` (UK numbers have ten or eleven, with the
/// leading 0 or +44), or a pseudonym that is nothing but such a run with seven digits or more
/// (a local number). Shorter codes such as `r-07` or `2026-15` pass.
fn looks_like_phone(s: &str) -> bool {
    let phone_char = |c: char| c.is_ascii_digit() || " .-()+/".contains(c);
    let digits = |run: &str| run.chars().filter(char::is_ascii_digit).count();
    let whole = s.trim();
    if !whole.is_empty() && whole.chars().all(phone_char) && digits(whole) >= 7 {
        return true;
    }
    whole
        .split(|c: char| !phone_char(c))
        .any(|run| digits(run) >= 10)
}

#[cfg(test)]
mod tests {
    use super::identifying;

    #[test]
    fn email_addresses_and_phone_numbers_are_refused() {
        for email in [
            "jo.bloggs@testshire.gov.uk",
            "Jo@Example.org",
            " a@b ",
            "contact me: jo@home",
        ] {
            assert_eq!(identifying(email), Some("an email address"), "{email}");
        }
        for phone in [
            "07700 900123",
            "+44 7700 900123",
            "(0161) 496 0000",
            "0161-496-0000",
            "496 0000",
            "tel 07700900123",
            "resident 0044.161.496.0000",
        ] {
            assert_eq!(identifying(phone), Some("a phone number"), "{phone}");
        }
    }

    #[test]
    fn codes_and_words_pass() {
        for ok in [
            "r-07",
            "kestrel",
            "Staff 12",
            "2026-15",
            "team-a-2026-001",
            "@",
            "night shift (ward 4)",
            "123456",
            "",
        ] {
            assert_eq!(identifying(ok), None, "{ok}");
        }
    }
}
