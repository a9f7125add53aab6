//! The plain line protocol: every prompt is whole lines of text, every answer one input line.
//! A screen reader reads it as it comes; a script pipes its answers in. No colour, no cursor
//! movement. The protocol is documented in docs/interview.md; keep the two in step.

use std::io::{self, BufRead, Write};

use super::parse::choice_list;
use super::{Ask, MetaField, Prompter, Reply, ReviewItem, answer_hint, parse_line, text_reply};
use crate::assessment::Value;
use crate::framework::QuestionKind;

/// The commands, as every question prompt lists them.
const COMMANDS: &str = "? help, b back, s skip, q save and quit";

/// The line protocol over any input and output, so tests can pipe bytes through it.
pub struct Plain<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    pub fn new(input: R, out: W) -> Self {
        Self { input, out }
    }

    /// One input line without its line ending (LF or CRLF); `None` at end of input.
    fn read_line(&mut self) -> io::Result<Option<String>> {
        self.out.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        // A stray byte that is not UTF-8 is shown as U+FFFD rather than ending the interview.
        let line = String::from_utf8_lossy(&bytes);
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    fn print_question(&mut self, ask: &Ask<'_>) -> io::Result<()> {
        let q = ask.question;
        writeln!(self.out)?;
        writeln!(self.out, "{}", ask.progress)?;
        writeln!(self.out, "{}", ask.prompt)?;
        for (i, o) in q.options.iter().enumerate() {
            writeln!(self.out, "  {}) {} [{}]", i + 1, o.label, o.id)?;
        }
        if let Some(current) = ask.current {
            writeln!(
                self.out,
                "Current answer: {} (empty line keeps it)",
                describe(ask, &current.value)
            )?;
        }
        writeln!(self.out, "{}; {COMMANDS}:", answer_hint(q))
    }
}

/// An answer in words, with option numbers for choice questions: "2) Informs [informs]".
fn describe(ask: &Ask<'_>, value: &Value) -> String {
    let q = ask.question;
    match q.kind {
        _ if value.is_not_known() => crate::scoring::describe(q, value),
        QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple => value
            .chosen()
            .iter()
            .map(|id| match q.options.iter().position(|o| &o.id == id) {
                Some(i) => format!("{}) {} [{id}]", i + 1, q.options[i].label),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => crate::scoring::describe(q, value),
    }
}

impl<R: BufRead, W: Write> Prompter for Plain<R, W> {
    fn meta(&mut self, field: MetaField, current: &str) -> io::Result<Reply<String>> {
        let choices = field.choices();
        let prompt = match &choices {
            Some(choices) => format!(
                "{}, one of {}",
                field.label(),
                choice_list(choices.iter().map(|(_, words)| *words))
            ),
            None => field.label().to_string(),
        };
        match (current.is_empty(), choices.is_some()) {
            (true, true) => writeln!(self.out, "{prompt} [empty line skips]:")?,
            (true, false) => writeln!(self.out, "{prompt}:")?,
            (false, _) => writeln!(self.out, "{prompt} [empty line keeps \"{current}\"]:")?,
        }
        Ok(match self.read_line()? {
            None => Reply::Quit,
            Some(line) => text_reply(&line),
        })
    }

    fn question(&mut self, ask: &Ask<'_>) -> io::Result<Reply<Value>> {
        if ask.again {
            writeln!(self.out, "{}", ask.prompt)?;
            writeln!(self.out, "{}; {COMMANDS}:", answer_hint(ask.question))?;
        } else {
            self.print_question(ask)?;
        }
        loop {
            let Some(line) = self.read_line()? else {
                return Ok(Reply::Quit);
            };
            let explanation = match parse_line(ask.question, &line) {
                Ok(Some(reply)) => return Ok(reply),
                Ok(None) => match ask.current {
                    Some(current) => return Ok(Reply::Value(current.value.clone())),
                    None => "an empty line; type an answer, or s to skip".to_string(),
                },
                Err(explanation) => explanation,
            };
            writeln!(self.out, "Not accepted: {explanation}.")?;
            writeln!(self.out, "{}", ask.prompt)?;
            writeln!(self.out, "{}; {COMMANDS}:", answer_hint(ask.question))?;
        }
    }

    fn evidence(&mut self, ask: &Ask<'_>, _answer: &Value) -> io::Result<Reply<String>> {
        match ask.current.filter(|c| !c.evidence.is_empty()) {
            Some(c) => writeln!(
                self.out,
                "Evidence or notes [empty line keeps \"{}\"; - clears it; ? help, b back, s skip, q save and quit]:",
                c.evidence
            )?,
            None => writeln!(
                self.out,
                "Evidence or notes [empty line for none; ? help, b back, s skip, q save and quit]:"
            )?,
        }
        Ok(match self.read_line()? {
            None => Reply::Quit,
            Some(line) => match line.trim() {
                "" => Reply::Value(ask.current.map(|c| c.evidence.clone()).unwrap_or_default()),
                "-" => Reply::Value(String::new()),
                text => text_reply(text),
            },
        })
    }

    fn review(&mut self, items: &[ReviewItem]) -> io::Result<Option<usize>> {
        let answered = items.iter().filter(|i| !i.answer.is_empty()).count();
        writeln!(self.out)?;
        writeln!(
            self.out,
            "Review: {answered} of {} applicable questions answered.",
            items.len()
        )?;
        for (n, item) in items.iter().enumerate() {
            let answer = if item.answer.is_empty() {
                "(not answered)"
            } else {
                item.answer.as_str()
            };
            writeln!(
                self.out,
                "  {}) [{}] {} = {answer}",
                n + 1,
                item.section,
                item.prompt
            )?;
        }
        loop {
            writeln!(
                self.out,
                "Type a question number to revisit it, or q to finish:"
            )?;
            let Some(line) = self.read_line()? else {
                return Ok(None);
            };
            match line.trim() {
                "q" | "Q" | "" => return Ok(None),
                text => match text.parse::<usize>() {
                    Ok(n) if (1..=items.len()).contains(&n) => return Ok(Some(n - 1)),
                    _ => writeln!(
                        self.out,
                        "Not accepted: \"{text}\" is not a question number; type 1 to {}, or q.",
                        items.len()
                    )?,
                },
            }
        }
    }

    fn message(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_with_lf_or_crlf_and_bad_bytes_do_not_stop_the_interview() {
        let input: &[u8] = b"Testshire\r\nBad \xff byte\nlast line without an ending";
        let mut plain = Plain::new(input, Vec::new());
        let mut next = || plain.meta(MetaField::Council, "").unwrap();
        assert_eq!(next(), Reply::Value("Testshire".into()));
        assert_eq!(next(), Reply::Value("Bad \u{fffd} byte".into()));
        assert_eq!(next(), Reply::Value("last line without an ending".into()));
        assert_eq!(next(), Reply::Quit);
    }
}
