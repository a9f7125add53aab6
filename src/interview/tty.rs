//! Full-screen prompts on a terminal (dialoguer): arrow keys to choose, space to tick, typed
//! answers checked as they are entered. Prompts are drawn on stderr, so stdout carries only
//! the report. Typed answers go through the same parser as the plain protocol.

use std::io;

use dialoguer::console::{Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, MultiSelect, Select};

use super::{
    Ask, Line, MetaField, Prompter, Reply, ReviewItem, answer_hint, command, parse_answer,
    parse_line,
};
use crate::assessment::Value;
use crate::framework::QuestionKind;

/// The actions offered beside the options of a choice question, and after Esc.
const ACTIONS: [(&str, Action); 4] = [
    ("? Help: why we ask", Action::Help),
    ("< Back", Action::Back),
    ("> Skip this question", Action::Skip),
    ("Save and quit", Action::Quit),
];

#[derive(Debug, Clone, Copy)]
enum Action {
    Help,
    Back,
    Skip,
    Quit,
}

impl Action {
    fn reply<T>(self) -> Reply<T> {
        match self {
            Self::Help => Reply::Help,
            Self::Back => Reply::Back,
            Self::Skip => Reply::Skip,
            Self::Quit => Reply::Quit,
        }
    }
}

/// dialoguer prompts on the terminal's stderr.
pub struct Tty {
    term: Term,
    theme: Box<dyn Theme>,
}

impl Default for Tty {
    fn default() -> Self {
        Self::new()
    }
}

impl Tty {
    pub fn new() -> Self {
        let term = Term::stderr();
        // Colour only when the terminal takes it and NO_COLOR is not set (console checks both).
        let theme: Box<dyn Theme> = if dialoguer::console::colors_enabled_stderr() {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Self { term, theme }
    }

    fn header(&self, ask: &Ask<'_>) -> io::Result<()> {
        self.term.write_line("")?;
        self.term.write_line(
            &style(ask.progress.to_string())
                .for_stderr()
                .dim()
                .to_string(),
        )?;
        self.term
            .write_line(&style(&ask.question.prompt).for_stderr().bold().to_string())?;
        if let Some(current) = ask.current {
            let answer = crate::scoring::describe(ask.question, &current.value);
            self.term.write_line(&format!("Current answer: {answer}"))?;
        }
        Ok(())
    }

    /// Esc on a prompt: what now?
    fn actions(&self) -> io::Result<Option<Action>> {
        let labels: Vec<&str> = ACTIONS
            .iter()
            .map(|(l, _)| *l)
            .chain(["Return to the question"])
            .collect();
        let choice = Select::with_theme(self.theme.as_ref())
            .with_prompt("What next?")
            .items(&labels)
            .default(0)
            .interact_on_opt(&self.term)
            .map_err(to_io)?;
        Ok(choice.and_then(|i| ACTIONS.get(i)).map(|(_, a)| *a))
    }
}

fn to_io(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

impl Prompter for Tty {
    fn meta(&mut self, field: MetaField, current: &str) -> io::Result<Reply<String>> {
        let line: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(format!(
                "{} (b back, s skip, q save and quit)",
                field.prompt()
            ))
            .with_initial_text(current)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(to_io)?;
        Ok(command(&line).unwrap_or_else(|| Reply::Value(line.trim().to_string())))
    }

    fn question(&mut self, ask: &Ask<'_>) -> io::Result<Reply<Value>> {
        let q = ask.question;
        self.header(ask)?;
        match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => loop {
                let labels: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| o.label.clone())
                    .chain(
                        ACTIONS
                            .iter()
                            .map(|(l, _)| style(*l).for_stderr().dim().to_string()),
                    )
                    .collect();
                let current = ask
                    .current
                    .and_then(|a| a.value.chosen().first())
                    .and_then(|id| q.options.iter().position(|o| &o.id == id));
                let choice = Select::with_theme(self.theme.as_ref())
                    .with_prompt("Choose one (arrow keys, Enter; Esc for a menu)")
                    .items(&labels)
                    .default(current.unwrap_or(0))
                    .interact_on_opt(&self.term)
                    .map_err(to_io)?;
                // Esc or q: the actions as a menu, which can also return to the question.
                let Some(i) = choice else {
                    match self.actions()? {
                        Some(action) => return Ok(action.reply()),
                        None => continue,
                    }
                };
                return Ok(match q.options.get(i) {
                    Some(o) => Reply::Value(Value::Choice(o.id.clone())),
                    None => ACTIONS
                        .get(i - q.options.len())
                        .map_or(Reply::Quit, |(_, a)| a.reply()),
                });
            },
            QuestionKind::Multiple => {
                loop {
                    let chosen = ask.current.map(|a| a.value.chosen()).unwrap_or_default();
                    let items: Vec<(String, bool)> = q
                        .options
                        .iter()
                        .map(|o| (o.label.clone(), chosen.contains(&o.id)))
                        .collect();
                    let picked = MultiSelect::with_theme(self.theme.as_ref())
                    .with_prompt("Choose any (Space ticks, Enter confirms, Esc for help, back, skip, quit)")
                    .items_checked(items)
                    .interact_on_opt(&self.term)
                    .map_err(to_io)?;
                    match picked {
                        Some(picked) if !picked.is_empty() => {
                            let ids = picked
                                .iter()
                                .filter_map(|&i| q.options.get(i))
                                .map(|o| o.id.clone())
                                .collect();
                            return Ok(Reply::Value(Value::Choices(ids)));
                        }
                        Some(_) => self
                            .term
                            .write_line("Tick at least one option, or press Esc to skip.")?,
                        None => match self.actions()? {
                            Some(action) => return Ok(action.reply()),
                            None => continue,
                        },
                    }
                }
            }
            QuestionKind::Scale | QuestionKind::Number | QuestionKind::Text => {
                let current = ask.current.map(|a| crate::scoring::describe(q, &a.value));
                let keep = ask.current.map(|a| a.value.clone());
                let line: String = Input::with_theme(self.theme.as_ref())
                    .with_prompt(format!(
                        "{} (? help, b back, s skip, q save and quit)",
                        answer_hint(q)
                    ))
                    .allow_empty(current.is_some())
                    .validate_with(|line: &String| -> Result<(), String> {
                        match parse_line(q, line) {
                            Ok(Line::Empty) if keep.is_none() => {
                                Err("type an answer, or s to skip".to_string())
                            }
                            Ok(_) => Ok(()),
                            Err(e) => Err(e),
                        }
                    })
                    .interact_text_on(&self.term)
                    .map_err(to_io)?;
                Ok(match parse_line(q, &line) {
                    Ok(Line::Answer(v)) => Reply::Value(v),
                    Ok(Line::Help) => Reply::Help,
                    Ok(Line::Back) => Reply::Back,
                    Ok(Line::Skip) => Reply::Skip,
                    Ok(Line::Quit) => Reply::Quit,
                    Ok(Line::Empty) => keep.map_or(Reply::Skip, Reply::Value),
                    // The validator let only good lines through; read it once more to be sure.
                    Err(_) => parse_answer(q, &line).map_or(Reply::Skip, Reply::Value),
                })
            }
        }
    }

    fn evidence(&mut self, ask: &Ask<'_>, _answer: &Value) -> io::Result<Reply<String>> {
        let current = ask.current.map(|a| a.evidence.clone()).unwrap_or_default();
        let line: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(
                "Evidence or notes (may be empty; ? help, b back, s skip, q save and quit)",
            )
            .with_initial_text(current)
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(to_io)?;
        Ok(command(&line).unwrap_or_else(|| Reply::Value(line.trim().to_string())))
    }

    fn review(&mut self, items: &[ReviewItem]) -> io::Result<Option<usize>> {
        let answered = items.iter().filter(|i| !i.answer.is_empty()).count();
        self.term.write_line(&format!(
            "\nReview: {answered} of {} applicable questions answered.",
            items.len()
        ))?;
        let labels: Vec<String> = std::iter::once("Finish".to_string())
            .chain(items.iter().map(|i| {
                let answer = if i.answer.is_empty() {
                    "(not answered)"
                } else {
                    i.answer.as_str()
                };
                format!("[{}] {} = {answer}", i.section, i.prompt)
            }))
            .collect();
        let choice = Select::with_theme(self.theme.as_ref())
            .with_prompt("Choose a question to revisit, or Finish")
            .items(&labels)
            .default(0)
            .max_length(15)
            .interact_on_opt(&self.term)
            .map_err(to_io)?;
        Ok(choice.and_then(|i| i.checked_sub(1)))
    }

    fn message(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line("")?;
        let width = usize::from(self.term.size().1).clamp(40, 100);
        for line in textwrap::wrap(text, width) {
            self.term.write_line(&line)?;
        }
        Ok(())
    }
}
