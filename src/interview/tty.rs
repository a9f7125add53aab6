//! Full-screen prompts on a terminal (dialoguer): arrow keys to choose, space to tick, typed
//! answers checked as they are entered. Prompts are drawn on stderr, so stdout carries only
//! the report. Typed answers go through the same parser as the plain protocol.

use std::io;

use dialoguer::console::{Term, style, truncate_str};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, MultiSelect, Select};

use super::{Ask, MetaField, Prompter, Reply, ReviewItem, answer_hint, parse_line, text_reply};
use crate::assessment::Value;
use crate::framework::{Question, QuestionKind};

/// The actions offered beside the options of a choice question, and after Esc.
const ACTIONS: [(&str, Action); 5] = [
    (
        "Not known: I asked and could not find out",
        Action::NotKnown,
    ),
    ("? Help: why we ask", Action::Help),
    ("< Back", Action::Back),
    ("> Skip this question", Action::Skip),
    ("Save and quit", Action::Quit),
];

#[derive(Debug, Clone, Copy)]
enum Action {
    NotKnown,
    Help,
    Back,
    Skip,
    Quit,
}

impl Action {
    fn reply(self) -> Reply<Value> {
        match self {
            Self::NotKnown => Reply::Value(Value::NotKnown),
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
    #[cfg(unix)]
    _ctrl_c: CtrlCIsAKey,
}

/// Ctrl-C reaches the prompts as a key for as long as they run, never as a signal. The prompts
/// read keys with the terminal in raw mode, where Ctrl-C is a key, but between two keys (while
/// coopai saves an answer and draws the next question) the terminal is back in its usual mode,
/// where it would turn Ctrl-C into SIGINT: the handler in `commands::assess` keeps that from
/// ending the process mid-draw, but the prompt then never sees the key, and the officer's
/// Ctrl-C would be lost. With the terminal's signal keys off, a Ctrl-C typed at any moment
/// waits in the input for the next prompt, which saves and quits. The terminal's settings
/// are restored when the prompts end. Unix only: Windows delivers Ctrl-C to a console
/// program differently (docs/reliability.md).
#[cfg(unix)]
struct CtrlCIsAKey(Option<rustix::termios::Termios>);

#[cfg(unix)]
impl CtrlCIsAKey {
    fn new() -> Self {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let stdin = io::stdin();
        let Ok(original) = tcgetattr(&stdin) else {
            return Self(None);
        };
        let mut keys = original.clone();
        keys.local_modes.remove(LocalModes::ISIG);
        match tcsetattr(&stdin, OptionalActions::Now, &keys) {
            Ok(()) => Self(Some(original)),
            Err(_) => Self(None),
        }
    }
}

#[cfg(unix)]
impl Drop for CtrlCIsAKey {
    fn drop(&mut self) {
        if let Some(original) = &self.0 {
            let _ = rustix::termios::tcsetattr(
                io::stdin(),
                rustix::termios::OptionalActions::Now,
                original,
            );
        }
    }
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
        Self {
            term,
            theme,
            #[cfg(unix)]
            _ctrl_c: CtrlCIsAKey::new(),
        }
    }

    /// Columns available to a prompt line: dialoguer redraws its prompts by counting lines,
    /// so a line that wraps would leave copies behind. Items are cut to fit instead.
    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    /// `text` cut to fit in a prompt line with `indent` columns before it.
    fn fit(&self, text: &str, indent: usize) -> String {
        truncate_str(text, self.width().saturating_sub(indent + 1), "…").into_owned()
    }

    /// Prints wrapped lines (they are printed once, never redrawn).
    fn lines(&self, text: &str, dim: bool) -> io::Result<()> {
        for line in textwrap::wrap(text, self.width().saturating_sub(1).clamp(20, 100)) {
            let line = if dim {
                style(line).for_stderr().dim().to_string()
            } else {
                line.into_owned()
            };
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    /// A line of free text, editable from `current`: a command (b, s, q, ?) or the trimmed
    /// text. Ctrl-C saves and quits.
    fn text_line(&self, prompt: &str, current: &str) -> io::Result<Reply<String>> {
        let Some(line) = interruptible(
            Input::<String>::with_theme(self.theme.as_ref())
                .with_prompt(prompt)
                .with_initial_text(current)
                .allow_empty(true)
                .interact_text_on(&self.term),
        )?
        else {
            return Ok(Reply::Quit);
        };
        Ok(text_reply(&line))
    }

    fn header(&self, ask: &Ask<'_>, indent: usize) -> io::Result<()> {
        let q = ask.question;
        self.term.write_line("")?;
        self.lines(&ask.progress.to_string(), true)?;
        for line in textwrap::wrap(ask.prompt, self.width().saturating_sub(1).clamp(20, 100)) {
            self.term
                .write_line(&style(line).for_stderr().bold().to_string())?;
        }
        // Options too long for the list are shown here in full.
        if q.options
            .iter()
            .any(|o| self.fit(&o.label, indent) != o.label)
        {
            for (i, o) in q.options.iter().enumerate() {
                self.lines(&format!("{}. {}", i + 1, o.label), false)?;
            }
        }
        if let Some(current) = ask.current {
            let answer = crate::scoring::describe(q, &current.value);
            self.lines(&format!("Current answer: {answer}"), false)?;
        }
        Ok(())
    }

    /// Esc on a prompt: what now?
    /// The actions `q` offers besides its options: not known only where the framework allows it.
    fn actions_for(q: &Question) -> impl Iterator<Item = &'static (&'static str, Action)> {
        ACTIONS
            .iter()
            .filter(move |(_, a)| q.not_known || !matches!(a, Action::NotKnown))
    }

    fn actions(&self, q: &Question) -> io::Result<Option<Action>> {
        let offered: Vec<&(&str, Action)> = Self::actions_for(q).collect();
        let labels: Vec<&str> = offered
            .iter()
            .map(|(l, _)| *l)
            .chain(["Return to the question"])
            .collect();
        let Some(choice) = interruptible(
            Select::with_theme(self.theme.as_ref())
                .with_prompt("What next?")
                .items(&labels)
                .default(0)
                .interact_on_opt(&self.term),
        )?
        else {
            return Ok(Some(Action::Quit));
        };
        Ok(choice.and_then(|i| offered.get(i)).map(|(_, a)| *a))
    }
}

/// A prompt's result: `None` when Ctrl-C interrupted it, which the interview takes as save and
/// quit.
fn interruptible<T>(result: dialoguer::Result<T>) -> io::Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => Ok(None),
        Err(dialoguer::Error::IO(e)) => Err(e),
    }
}

impl Prompter for Tty {
    fn meta(&mut self, field: MetaField, current: &str) -> io::Result<Reply<String>> {
        let Some(choices) = field.choices() else {
            return self.text_line(field.label(), current);
        };
        // The choices, then leaving it as it is, then back; Esc leaves it too.
        let labels: Vec<&str> = choices
            .iter()
            .map(|(_, words)| *words)
            .chain(["Leave it as it is", "< Back"])
            .collect();
        let at = choices.iter().position(|(name, _)| *name == current);
        let Some(choice) = interruptible(
            Select::with_theme(self.theme.as_ref())
                .with_prompt(format!("{} (arrow keys, Enter)", field.label()))
                .items(&labels)
                .default(at.unwrap_or(choices.len()))
                .interact_on_opt(&self.term),
        )?
        else {
            return Ok(Reply::Quit);
        };
        Ok(match choice.map(|i| choices.get(i).ok_or(i)) {
            Some(Ok((name, _))) => Reply::Value((*name).to_string()),
            Some(Err(i)) if i > choices.len() => Reply::Back,
            _ => Reply::Skip,
        })
    }

    fn question(&mut self, ask: &Ask<'_>) -> io::Result<Reply<Value>> {
        let q = ask.question;
        // Select puts 2 columns before an item, MultiSelect 6 ("  [x] ").
        let indent = if q.kind == QuestionKind::Multiple {
            6
        } else {
            2
        };
        self.header(ask, indent)?;
        match q.kind {
            QuestionKind::Single | QuestionKind::YesNo => loop {
                let labels: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| self.fit(&o.label, indent))
                    .chain(
                        Self::actions_for(q).map(|(l, _)| style(*l).for_stderr().dim().to_string()),
                    )
                    .collect();
                let current = ask
                    .current
                    .and_then(|a| a.value.chosen().first())
                    .and_then(|id| q.options.iter().position(|o| &o.id == id));
                let Some(choice) = interruptible(
                    Select::with_theme(self.theme.as_ref())
                        .with_prompt("Choose one (arrow keys, Enter; Esc for a menu)")
                        .items(&labels)
                        .default(current.unwrap_or(0))
                        .interact_on_opt(&self.term),
                )?
                else {
                    return Ok(Reply::Quit);
                };
                // Esc or q: the actions as a menu, which can also return to the question.
                let Some(i) = choice else {
                    match self.actions(q)? {
                        Some(action) => return Ok(action.reply()),
                        None => continue,
                    }
                };
                return Ok(match q.options.get(i) {
                    Some(o) => Reply::Value(Value::Choice(o.id.clone())),
                    None => Self::actions_for(q)
                        .nth(i - q.options.len())
                        .map_or(Reply::Quit, |(_, a)| a.reply()),
                });
            },
            QuestionKind::Multiple => loop {
                let chosen = ask.current.map(|a| a.value.chosen()).unwrap_or_default();
                let items: Vec<(String, bool)> = q
                    .options
                    .iter()
                    .map(|o| (self.fit(&o.label, indent), chosen.contains(&o.id)))
                    .collect();
                let Some(picked) = interruptible(
                    MultiSelect::with_theme(self.theme.as_ref())
                        .with_prompt("Choose any (Space ticks, Enter confirms, Esc for a menu)")
                        .items_checked(items)
                        .interact_on_opt(&self.term),
                )?
                else {
                    return Ok(Reply::Quit);
                };
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
                    None => match self.actions(q)? {
                        Some(action) => return Ok(action.reply()),
                        None => continue,
                    },
                }
            },
            QuestionKind::Scale | QuestionKind::Number | QuestionKind::Text => {
                let current = ask.current.map(|a| crate::scoring::describe(q, &a.value));
                let keep = ask.current.map(|a| a.value.clone());
                self.lines(
                    &format!(
                        "{}; ? help, b back, s skip, q save and quit",
                        answer_hint(q)
                    ),
                    true,
                )?;
                let Some(line) = interruptible(
                    Input::<String>::with_theme(self.theme.as_ref())
                        .with_prompt("Answer")
                        .allow_empty(current.is_some())
                        .validate_with(|line: &String| -> Result<(), String> {
                            match parse_line(q, line) {
                                Ok(None) if keep.is_none() => {
                                    Err("type an answer, or s to skip".to_string())
                                }
                                Ok(_) => Ok(()),
                                Err(e) => Err(e),
                            }
                        })
                        .interact_text_on(&self.term),
                )?
                else {
                    return Ok(Reply::Quit);
                };
                Ok(match parse_line(q, &line) {
                    Ok(Some(reply)) => reply,
                    Ok(None) => keep.map_or(Reply::Skip, Reply::Value),
                    // The validator lets only lines that parse through.
                    Err(_) => Reply::Skip,
                })
            }
        }
    }

    fn evidence(&mut self, ask: &Ask<'_>, _answer: &Value) -> io::Result<Reply<String>> {
        let current = ask.current.map(|a| a.evidence.clone()).unwrap_or_default();
        self.lines(
            "Evidence or notes, may be empty; ? help, b back, s skip, q save and quit",
            true,
        )?;
        self.text_line("Evidence or notes", &current)
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
                self.fit(&format!("[{}] {} = {answer}", i.section, i.prompt), 2)
            }))
            .collect();
        let Some(choice) = interruptible(
            Select::with_theme(self.theme.as_ref())
                .with_prompt("Choose a question to revisit, or Finish")
                .items(&labels)
                .default(0)
                .max_length(15)
                .interact_on_opt(&self.term),
        )?
        else {
            return Ok(None);
        };
        Ok(choice.and_then(|i| i.checked_sub(1)))
    }

    fn message(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line("")?;
        self.lines(text, false)
    }
}
