//! Markdown escaping: the one list of characters that would start markup or HTML, and the
//! ways text from a framework or an answers file is made safe in a Markdown report or
//! document. A leaf helper, so the framework docs, the diff renderers and rescore escape
//! exactly as the reports do.

/// Text for running Markdown in a report: characters that would start markup or HTML are
/// escaped; line breaks are kept.
pub fn inline(s: &str) -> String {
    escape_markup(s.trim())
}

/// Text for a report's table cell: pipes escaped, line breaks kept as `<br>`.
pub fn cell(s: &str) -> String {
    inline(s).replace('|', "\\|").replace('\n', "<br>")
}

/// Text for a generated document (framework docs, diffs), where every text stays on one line:
/// escaped for running text and table cells alike, pipes escaped, line breaks as spaces.
pub fn md(s: &str) -> String {
    one_line(s.trim())
}

/// Generated text whose `backticked` parts (ids and values from conditions) stay code spans;
/// the rest is escaped as [`md`] does, so it is safe in running text and table cells.
pub fn md_code(s: &str) -> String {
    s.trim()
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{}`", part.replace('|', "\\|"))
            } else {
                one_line(part)
            }
        })
        .collect()
}

fn one_line(s: &str) -> String {
    escape_markup(s).replace('|', "\\|").replace('\n', " ")
}

/// Escapes every character that would start Markdown markup or HTML, and drops carriage
/// returns.
fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_text_is_escaped_and_keeps_condition_ids() {
        assert_eq!(md("a <b> | *c*"), "a \\<b\\> \\| \\*c\\*");
        assert_eq!(md_code("when `q_1` is <x>"), "when `q_1` is \\<x\\>");
    }
}
