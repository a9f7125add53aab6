//! One input line, read as an answer to one question. Shared by the plain line protocol, the
//! terminal prompts (for typed answers) and anything else that reads answers as text, so every
//! mode accepts exactly the same input and explains a mistake in the same words.

use super::Reply;
use crate::assessment::{NOT_KNOWN, Phase, Value};
use crate::framework::{Question, QuestionKind, Stage};
use crate::number::num;

/// Reads one line typed at a question: a command (`?`, `b`, `s`, `q`) or an answer checked
/// against the question, or `None` for an empty line (which keeps the current answer, if
/// there is one). An answer that does not fit the question gives a one-line explanation.
pub fn parse_line(q: &Question, line: &str) -> Result<Option<Reply<Value>>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    if let Some(reply) = command(line) {
        return Ok(Some(reply));
    }
    if is_not_known(line) {
        return if q.not_known {
            Ok(Some(Reply::Value(Value::NotKnown)))
        } else {
            Err("this question needs a real answer; not known is not accepted here".to_string())
        };
    }
    parse_answer(q, line).map(|value| Some(Reply::Value(value)))
}

/// `u`, or the words "not known" (any case): the officer asked and could not find out.
fn is_not_known(line: &str) -> bool {
    line.eq_ignore_ascii_case("u") || line.eq_ignore_ascii_case(NOT_KNOWN)
}

/// The commands every prompt takes, `?`, `b`, `s` and `q`, for prompts whose other lines are
/// free text (metadata, evidence).
pub fn command<T>(line: &str) -> Option<Reply<T>> {
    match line.trim() {
        "?" => Some(Reply::Help),
        "b" | "B" => Some(Reply::Back),
        "s" | "S" => Some(Reply::Skip),
        "q" | "Q" => Some(Reply::Quit),
        _ => None,
    }
}

/// Reads a line typed at a free-text prompt (metadata, evidence): a command, or the text,
/// trimmed.
pub fn text_reply(line: &str) -> Reply<String> {
    command(line).unwrap_or_else(|| Reply::Value(line.trim().to_string()))
}

/// Reads a lifecycle stage typed at its prompt: its number in [`stage_choices`] or its name,
/// with a space or a hyphen, in any case ("3", "live", "Being retired").
pub fn parse_stage(text: &str) -> Result<Stage, String> {
    let names: Vec<&str> = Stage::ALL.iter().map(|s| s.name()).collect();
    parse_choice(
        text,
        &names,
        ("a lifecycle stage", "a stage"),
        &stage_choices(),
    )
    .and_then(|name| Stage::from_name(name).ok_or_else(String::new))
}

/// Reads a transparency record phase typed at its prompt, as [`parse_stage`] reads a stage
/// ("2", "private beta", "Production").
pub fn parse_phase(text: &str) -> Result<Phase, String> {
    let names: Vec<&str> = Phase::ALL.iter().map(|p| p.name()).collect();
    let listed = choice_list(Phase::ALL.iter().map(|p| p.words()));
    parse_choice(text, &names, ("a phase", "a phase"), &listed)
        .and_then(|name| Phase::from_name(name).ok_or_else(String::new))
}

/// One of `names`, typed as its number (from 1) or its name with spaces for hyphens; `what`
/// names the field in the message, in full and short ("a lifecycle stage", "a stage").
fn parse_choice<'a>(
    text: &str,
    names: &[&'a str],
    (what, short): (&str, &str),
    listed: &str,
) -> Result<&'a str, String> {
    let text = text.trim();
    let found = match text.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| names.get(i).copied()),
        Err(_) => {
            let name = text.to_lowercase().replace(' ', "-");
            names.iter().copied().find(|n| *n == name)
        }
    };
    found.ok_or_else(|| {
        format!(
            "\"{text}\" is not {what}; enter a number from 1 to {} or {short}: {listed}",
            names.len()
        )
    })
}

/// Choices as a prompt lists them: "1) proposal, 2) pilot, 3) live".
pub fn choice_list<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .enumerate()
        .map(|(i, w)| format!("{}) {w}", i + 1))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The stages as the stage prompt lists them: "1) proposal, 2) pilot, 3) live, 4) being
/// retired".
pub fn stage_choices() -> String {
    choice_list(Stage::ALL.iter().map(|s| s.words()))
}

/// Reads an answer (not a command) for `q`: option numbers or ids for choice questions
/// (comma-separated for multiple choice), a whole number for a scale, a number, or text.
pub fn parse_answer(q: &Question, text: &str) -> Result<Value, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty answer; type an answer, or s to skip".to_string());
    }
    match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => {
            if text.contains(',') {
                return Err(format!("choose one option only, {}", option_hint(q)));
            }
            option(q, text).map(Value::Choice)
        }
        QuestionKind::Multiple => {
            let mut chosen = Vec::new();
            for token in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                chosen.push(option(q, token)?);
            }
            // Framework order, without repeats, as answers files keep them.
            let chosen: Vec<String> = q
                .options
                .iter()
                .filter(|o| chosen.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            if chosen.is_empty() {
                return Err(format!("choose at least one option, {}", option_hint(q)));
            }
            Ok(Value::Choices(chosen))
        }
        QuestionKind::Scale => {
            let Some(s) = &q.scale else {
                return Err("this question has no scale".to_string());
            };
            let range = format!("a whole number from {} to {}", s.min, s.max);
            match text.parse::<i64>() {
                Ok(n) if (s.min..=s.max).contains(&n) => Ok(Value::Number(n as f64)),
                Ok(n) => Err(format!("{n} is outside the scale; enter {range}")),
                Err(_) => Err(format!("\"{text}\" is not a whole number; enter {range}")),
            }
        }
        QuestionKind::Number => {
            let spec = q.number.as_ref();
            let (lo, hi) = (spec.and_then(|s| s.min), spec.and_then(|s| s.max));
            let range = match (lo, hi) {
                (Some(lo), Some(hi)) => format!("a number from {} to {}", num(lo), num(hi)),
                (Some(lo), None) => format!("a number of at least {}", num(lo)),
                (None, Some(hi)) => format!("a number of at most {}", num(hi)),
                (None, None) => "a number".to_string(),
            };
            // Thousands separators are welcome: "2,500" is 2500.
            let digits: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
            match digits.parse::<f64>() {
                Ok(n) if !n.is_finite() => {
                    Err(format!("\"{text}\" is not a number; enter {range}"))
                }
                // Answers files hold whole numbers as TOML integers: keep well inside their range.
                Ok(n) if n.abs() >= 1e15 => Err(format!(
                    "\"{text}\" is too large; enter {range}, below 10^15"
                )),
                Ok(n) if lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi) => {
                    Err(format!("{} is out of range; enter {range}", num(n)))
                }
                Ok(n) => Ok(Value::Number(n)),
                Err(_) => Err(format!("\"{text}\" is not a number; enter {range}")),
            }
        }
        QuestionKind::Text => Ok(Value::Text(text.to_string())),
    }
}

/// An option by its number in the list (from 1) or its id (any case).
fn option(q: &Question, token: &str) -> Result<String, String> {
    if let Ok(n) = token.parse::<usize>() {
        return match n.checked_sub(1).and_then(|i| q.options.get(i)) {
            Some(o) => Ok(o.id.clone()),
            None => Err(format!("{n} is not an option number, {}", option_hint(q))),
        };
    }
    q.options
        .iter()
        .find(|o| o.id.eq_ignore_ascii_case(token))
        .map(|o| o.id.clone())
        .ok_or_else(|| format!("\"{token}\" is not an option, {}", option_hint(q)))
}

fn option_hint(q: &Question) -> String {
    let ids: Vec<&str> = q.option_ids();
    format!(
        "enter a number from 1 to {} or an option id ({})",
        q.options.len(),
        ids.join(", ")
    )
}

/// How to answer the question, in one line: "Choose one: type its number or id".
pub fn answer_hint(q: &Question) -> String {
    let how = match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => {
            "Choose one: type its number or id".to_string()
        }
        QuestionKind::Multiple => {
            "Choose one or more: type numbers or ids, comma-separated".to_string()
        }
        QuestionKind::Scale => q.scale.as_ref().map_or_else(String::new, |s| {
            format!("Type a whole number from {}", s.range_words())
        }),
        QuestionKind::Number => {
            let spec = q.number.as_ref();
            let unit = spec
                .and_then(|n| n.unit.as_deref())
                .map(|u| format!(" of {u}"))
                .unwrap_or_default();
            let bounds = match (spec.and_then(|s| s.min), spec.and_then(|s| s.max)) {
                (Some(lo), Some(hi)) => format!(", {} to {}", num(lo), num(hi)),
                (Some(lo), None) => format!(", at least {}", num(lo)),
                (None, Some(hi)) => format!(", at most {}", num(hi)),
                (None, None) => String::new(),
            };
            format!("Type a number{unit}{bounds}")
        }
        QuestionKind::Text => "Type your answer on one line".to_string(),
    };
    let not_known = if q.not_known {
        ", or u if not known"
    } else {
        ""
    };
    let optional = if q.required { "" } else { " (optional)" };
    format!("{how}{not_known}{optional}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::load_str;

    fn fw() -> crate::framework::Framework {
        let text = include_str!("../../frameworks/example-minimal.toml").to_string();
        match load_str("example-minimal.toml", text) {
            Ok(l) => l.framework,
            Err(e) => panic!("{e}"),
        }
    }

    fn q(fw: &crate::framework::Framework, kind: QuestionKind) -> &Question {
        fw.questions.iter().find(|q| q.kind == kind).unwrap()
    }

    #[test]
    fn commands_and_empty_lines() {
        let fw = fw();
        let single = q(&fw, QuestionKind::Single);
        assert_eq!(parse_line(single, " ? "), Ok(Some(Reply::Help)));
        assert_eq!(parse_line(single, "b"), Ok(Some(Reply::Back)));
        assert_eq!(parse_line(single, "S"), Ok(Some(Reply::Skip)));
        assert_eq!(parse_line(single, "q"), Ok(Some(Reply::Quit)));
        assert_eq!(parse_line(single, "   "), Ok(None));
    }

    #[test]
    fn choices_by_number_or_id() {
        let fw = fw();
        let single = q(&fw, QuestionKind::Single);
        let first = single.options[0].id.clone();
        assert_eq!(parse_answer(single, "1"), Ok(Value::Choice(first.clone())));
        assert_eq!(
            parse_answer(single, &first.to_uppercase()),
            Ok(Value::Choice(first))
        );
        let err = parse_answer(single, "9").unwrap_err();
        assert!(
            err.starts_with("9 is not an option number, enter a number from 1 to"),
            "{err}"
        );
        assert!(
            parse_answer(single, "1,2")
                .unwrap_err()
                .starts_with("choose one option only")
        );
        assert!(parse_answer(single, "0").is_err());

        let multiple = q(&fw, QuestionKind::Multiple);
        let ids: Vec<String> = multiple.options.iter().map(|o| o.id.clone()).collect();
        let answer = parse_answer(multiple, &format!("{}, 1 ,1,", ids[1])).unwrap();
        assert_eq!(
            answer,
            Value::Choices(vec![ids[0].clone(), ids[1].clone()]),
            "framework order, no repeats"
        );
        assert!(
            parse_answer(multiple, ",")
                .unwrap_err()
                .starts_with("choose at least one")
        );
        assert!(
            parse_answer(multiple, "1, nope")
                .unwrap_err()
                .starts_with("\"nope\" is not an option")
        );
    }

    #[test]
    fn stages_by_number_or_name() {
        assert_eq!(parse_stage("3"), Ok(Stage::Live));
        assert_eq!(parse_stage(" Being retired "), Ok(Stage::BeingRetired));
        assert_eq!(parse_stage("being-retired"), Ok(Stage::BeingRetired));
        let err = parse_stage("5").unwrap_err();
        assert_eq!(
            err,
            "\"5\" is not a lifecycle stage; enter a number from 1 to 4 or a stage: 1) proposal, 2) pilot, 3) live, 4) being retired"
        );
        assert!(parse_stage("retired").is_err());
    }

    #[test]
    fn phases_by_number_or_name() {
        assert_eq!(parse_phase("2"), Ok(Phase::PrivateBeta));
        assert_eq!(parse_phase(" Public beta "), Ok(Phase::PublicBeta));
        assert_eq!(parse_phase("pre-deployment"), Ok(Phase::PreDeployment));
        assert_eq!(
            parse_phase("beta").unwrap_err(),
            "\"beta\" is not a phase; enter a number from 1 to 5 or a phase: 1) Pre-deployment, 2) Private beta, 3) Public beta, 4) Production, 5) Retired"
        );
    }

    #[test]
    fn scales_numbers_and_text() {
        let fw = fw();
        let scale = q(&fw, QuestionKind::Scale);
        let s = scale.scale.as_ref().unwrap();
        assert_eq!(
            parse_answer(scale, &s.max.to_string()),
            Ok(Value::Number(s.max as f64))
        );
        assert!(
            parse_answer(scale, &(s.max + 1).to_string())
                .unwrap_err()
                .contains("outside the scale")
        );
        assert!(
            parse_answer(scale, "2.5")
                .unwrap_err()
                .contains("not a whole number")
        );

        let number = q(&fw, QuestionKind::Number);
        assert_eq!(parse_answer(number, "2,500"), Ok(Value::Number(2500.0)));
        assert_eq!(parse_answer(number, "12.5"), Ok(Value::Number(12.5)));
        assert!(
            parse_answer(number, "lots")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(parse_answer(number, "inf").is_err());
        assert!(parse_answer(number, "NaN").is_err());
        assert!(
            parse_answer(number, "1e300")
                .unwrap_err()
                .contains("too large")
        );

        let text = q(&fw, QuestionKind::Text);
        assert_eq!(
            parse_answer(text, "  Start small. "),
            Ok(Value::Text("Start small.".into()))
        );
        assert!(parse_answer(text, "").is_err());
    }
}
