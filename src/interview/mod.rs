//! The interview: `coopai assess` walks an officer through the metadata, the impact profile
//! and the applicable questions, principle by principle, saving after every answer.
//!
//! The logic here never touches a terminal: it talks to a [`Prompter`], which asks one thing
//! at a time and returns what the officer chose. [`plain::Plain`] is the line protocol (for
//! screen readers, scripts and tests), [`tty::Tty`] the full-screen prompts; tests script a
//! prompter of their own. Which questions apply is recomputed after every answer, so a
//! changed impact-profile answer adds or removes questions as the officer goes.
//!
//! A respondent in a role other than the lead's (`coopai assess --role`) goes through the same
//! interview over their role's questions only, worded for the role, with an optional
//! pseudonym in place of the assessment's metadata; the result is a response ([`run_response`]).

mod meta;
pub mod parse;
pub mod plain;
pub mod tty;

use std::collections::HashSet;
use std::fmt;
use std::io;

use crate::assessment::{Answer, Assessment, FrameworkRef, Respondent, Response, Value};
use crate::framework::{Framework, Question};

use crate::assessment::MetaField;
pub use parse::{
    answer_hint, command, parse_answer, parse_line, parse_phase, parse_stage, text_reply,
};

/// What the officer chose at a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    /// An answer (a checked value, metadata text, evidence).
    Value(T),
    /// Show the help text, then ask again.
    Help,
    /// Go back to the previous prompt.
    Back,
    /// Leave this prompt as it is and move on.
    Skip,
    /// Save and quit. End of input means the same.
    Quit,
}

/// Who is answering: the lead, whose answers are the assessment, or a respondent in another
/// role, whose answers are a response.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    Lead,
    Respondent(Respondent),
}

impl Who {
    fn fields(&self) -> &'static [MetaField] {
        match self {
            Self::Lead => &MetaField::ALL,
            Self::Respondent(_) => &MetaField::RESPONDENT,
        }
    }

    fn role(&self) -> Option<&str> {
        match self {
            Self::Lead => None,
            Self::Respondent(r) => Some(&r.role),
        }
    }

    /// Whether `q` is asked of whoever is answering: every question of the lead.
    fn asked(&self, q: &Question) -> bool {
        self.role()
            .is_none_or(|role| q.roles.iter().any(|r| r == role))
    }

    /// The question's prompt as whoever is answering is asked it.
    fn prompt<'q>(&self, q: &'q Question) -> &'q str {
        self.role().map_or(&q.prompt, |role| q.prompt_for(role))
    }
}

/// Where the officer is: "[Co-production] question 3 of 12 - 25% answered".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The principle's title, or "Impact profile".
    pub section: String,
    /// 1-based position among the applicable questions.
    pub position: usize,
    pub total: usize,
    /// Applicable questions answered so far.
    pub answered: usize,
}

impl Progress {
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.total).unwrap_or(100)
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] question {} of {} - {}% answered",
            self.section,
            self.position,
            self.total,
            self.percent()
        )
    }
}

/// One question put to the officer.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    pub question: &'a Question,
    /// The question's prompt as the person answering is asked it (a role may have its own
    /// wording).
    pub prompt: &'a str,
    pub progress: Progress,
    /// The answer already given, when revisiting.
    pub current: Option<&'a Answer>,
    /// Asked again straight after its help text: a prompter may print less the second time.
    pub again: bool,
}

/// One line of the review list offered when every applicable question is answered.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub section: String,
    pub question: String,
    pub prompt: String,
    /// The answer in words; empty when not answered.
    pub answer: String,
}

/// Asks the officer one thing at a time. Implementations handle their own input format;
/// the interview logic (order, applicability, navigation, saving) lives in [`run`].
pub trait Prompter {
    /// One metadata line. `current` is the value so far (empty for a new assessment).
    fn meta(&mut self, field: MetaField, current: &str) -> io::Result<Reply<String>>;
    /// One question: an answer, or help, back, skip or quit.
    fn question(&mut self, ask: &Ask<'_>) -> io::Result<Reply<Value>>;
    /// Evidence or notes for the answer just given (may be empty). Back returns to the
    /// question; Quit keeps the answer, with any evidence it already had.
    fn evidence(&mut self, ask: &Ask<'_>, answer: &Value) -> io::Result<Reply<String>>;
    /// The review list: `Some(i)` revisits `items[i]`, `None` finishes.
    fn review(&mut self, items: &[ReviewItem]) -> io::Result<Option<usize>>;
    /// A message for the officer: section headings, help text, notes.
    fn message(&mut self, text: &str) -> io::Result<()>;
}

/// Settings of one interview.
#[derive(Debug, Clone)]
pub struct Config {
    /// The date recorded in the assessment (ISO, e.g. "2026-11-23").
    pub date: String,
    /// Continuing a saved assessment: start at the first unanswered applicable question, or
    /// offer review when there is none.
    pub resume: bool,
}

/// How an interview ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The officer went through to the end (or finished the review).
    Finished,
    /// The officer saved and quit, or the input ended.
    Quit,
}

/// Where the interview is.
#[derive(Debug, Clone, PartialEq)]
enum Pos {
    Meta(usize),
    Question { id: String, again: bool },
    Review,
    Done,
}

/// Saves the answers as they stand, with who gave them.
type Save<'a> = dyn FnMut(&Assessment, &Who) -> anyhow::Result<()> + 'a;

/// Runs the interview over `assessment` until the officer finishes or quits, calling `save`
/// after every confirmed answer (evidence included) and after the metadata. Returns the
/// assessment as it stands and how the interview ended.
pub fn run(
    fw: &Framework,
    assessment: Assessment,
    config: &Config,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Assessment) -> anyhow::Result<()>,
) -> anyhow::Result<(Assessment, End)> {
    let mut save = |a: &Assessment, _: &Who| save(a);
    let (a, _, end) = interview(fw, assessment, Who::Lead, config, prompter, &mut save)?;
    Ok((a, end))
}

/// Runs the interview of a respondent in `response`'s role (a respondent role of `fw`, which
/// the caller has checked): an optional pseudonym, then the role's questions that apply, in
/// the role's wording. Calls `save` after every confirmed answer, as [`run`] does, and
/// returns the response as it stands and how the interview ended.
pub fn run_response(
    fw: &Framework,
    response: Response,
    config: &Config,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Response) -> anyhow::Result<()>,
) -> anyhow::Result<(Response, End)> {
    let Response {
        name,
        respondent,
        answers,
        notes,
        ..
    } = response;
    // The interview keeps a respondent's answers as it keeps the lead's, which is what
    // works out which questions apply; the response is made from them at each save.
    let as_response = |a: &Assessment, who: &Who| Response {
        name: name.clone(),
        sha256: String::new(),
        respondent: match who {
            Who::Respondent(r) => r.clone(),
            Who::Lead => Respondent::default(),
        },
        answers: a.answers.clone(),
        notes: a.notes.clone(),
    };
    let assessment = Assessment {
        answers,
        notes,
        ..Assessment::default()
    };
    let who = Who::Respondent(respondent);
    let mut save_response = |a: &Assessment, who: &Who| save(&as_response(a, who));
    let (a, who, end) = interview(fw, assessment, who, config, prompter, &mut save_response)?;
    Ok((as_response(&a, &who), end))
}

fn interview(
    fw: &Framework,
    mut assessment: Assessment,
    who: Who,
    config: &Config,
    prompter: &mut dyn Prompter,
    save: &mut Save<'_>,
) -> anyhow::Result<(Assessment, Who, End)> {
    assessment.framework = Some(FrameworkRef::of(fw));
    assessment.meta.date = config.date.clone();
    let mut s = State {
        fw,
        a: assessment,
        who,
        reviewing: false,
        resuming: config.resume,
        skipped: HashSet::new(),
        section: None,
        dirty: false,
    };
    // A lead resuming has named the system; a respondent has nothing they must give first.
    let started = s.who != Who::Lead || !s.a.meta.system.is_empty();
    let mut pos = if config.resume && started {
        s.first_unanswered()
            .map_or(Pos::Review, |id| Pos::Question { id, again: false })
    } else {
        Pos::Meta(0)
    };
    loop {
        pos = match pos {
            Pos::Done => {
                if s.dirty {
                    save(&s.a, &s.who)?;
                }
                return Ok((s.a, s.who, End::Finished));
            }
            Pos::Meta(i) => {
                let field = s.who.fields()[i];
                let reply = match prompter.meta(field, field.get(&s.a, &s.who))? {
                    // Skipping a metadata prompt keeps its value, as an empty line does.
                    Reply::Skip => Reply::Value(String::new()),
                    reply => reply,
                };
                match reply {
                    Reply::Value(text) => {
                        let text = text.trim().to_string();
                        if field == MetaField::System
                            && text.is_empty()
                            && s.a.meta.system.is_empty()
                        {
                            prompter.message("A system name is needed: it names the answers file and the report.")?;
                            Pos::Meta(i)
                        } else if text.is_empty() {
                            s.after_meta(i, save)?
                        } else if let Err(why) = field.set(&mut s.a, &mut s.who, text) {
                            prompter.message(&format!("Not accepted: {why}."))?;
                            Pos::Meta(i)
                        } else {
                            if field == MetaField::Contact
                                && !crate::assessment::is_email_shaped(&s.a.meta.contact)
                            {
                                // A warning, not a refusal: some teams publish a form or a
                                // phone line instead (the loader warns too: contact-not-email).
                                prompter.message("Kept, but that does not look like an email address: a transparency record publishes a team's shared inbox.")?;
                            }
                            s.dirty = true;
                            s.after_meta(i, save)?
                        }
                    }
                    Reply::Back if i > 0 => Pos::Meta(i - 1),
                    Reply::Back | Reply::Help | Reply::Skip => {
                        prompter.message(
                            "Answer each prompt on one line; an empty line keeps what is there. At any prompt: \
                             b goes back, s skips, q saves and quits.",
                        )?;
                        Pos::Meta(i)
                    }
                    Reply::Quit => return s.quit(save),
                }
            }
            Pos::Question { id, again } => {
                let applicable = s.applicable();
                let Some(k) = applicable.iter().position(|q| q.id == id) else {
                    // A changed answer switched this question off: carry on from where it was.
                    pos = s.next_after(&id);
                    continue;
                };
                let q = applicable[k];
                let section = s.fw.section_title(q).to_string();
                if !again && s.section.as_deref() != Some(section.as_str()) {
                    prompter.message(&s.section_intro(q))?;
                    s.section = Some(section.clone());
                }
                let answered = applicable
                    .iter()
                    .filter(|q| s.a.answers.contains_key(&q.id))
                    .count();
                let current = s.a.answers.get(&q.id);
                let ask = Ask {
                    question: q,
                    prompt: s.who.prompt(q),
                    progress: Progress {
                        section,
                        position: k + 1,
                        total: applicable.len(),
                        answered,
                    },
                    current,
                    again,
                };
                match prompter.question(&ask)? {
                    Reply::Help => {
                        prompter.message(&help_text(q))?;
                        Pos::Question { id, again: true }
                    }
                    Reply::Back if s.reviewing => Pos::Review,
                    Reply::Back => match k.checked_sub(1) {
                        Some(prev) => Pos::Question {
                            id: applicable[prev].id.clone(),
                            again: false,
                        },
                        None => Pos::Meta(s.who.fields().len() - 1),
                    },
                    Reply::Skip => {
                        s.skipped.insert(id.clone());
                        s.next_after(&id)
                    }
                    Reply::Quit => return s.quit(save),
                    Reply::Value(value) => {
                        let kept = || current.map(|a| a.evidence.clone()).unwrap_or_default();
                        let evidence = loop {
                            match prompter.evidence(&ask, &value)? {
                                Reply::Help => prompter.message(EVIDENCE_HELP)?,
                                Reply::Back => break None,
                                Reply::Quit => {
                                    let evidence = kept();
                                    s.answer(&id, value, evidence, save)?;
                                    return s.quit(save);
                                }
                                Reply::Value(evidence) => break Some(evidence.trim().to_string()),
                                Reply::Skip => break Some(kept()),
                            }
                        };
                        match evidence {
                            None => Pos::Question { id, again: false },
                            Some(evidence) => {
                                s.answer(&id, value, evidence, save)?;
                                s.next_after(&id)
                            }
                        }
                    }
                }
            }
            Pos::Review => {
                s.reviewing = true;
                s.skipped.clear();
                let applicable = s.applicable();
                let items: Vec<ReviewItem> = applicable
                    .iter()
                    .map(|q| ReviewItem {
                        section: s.fw.section_title(q).to_string(),
                        question: q.id.clone(),
                        prompt: s.who.prompt(q).to_string(),
                        answer: s
                            .a
                            .answers
                            .get(&q.id)
                            .map(|a| crate::scoring::describe(q, &a.value))
                            .unwrap_or_default(),
                    })
                    .collect();
                match prompter.review(&items)? {
                    Some(i) if i < items.len() => Pos::Question {
                        id: items[i].question.clone(),
                        again: false,
                    },
                    Some(_) => Pos::Review,
                    None => Pos::Done,
                }
            }
        };
    }
}

/// What `?` at the evidence prompt shows.
pub const EVIDENCE_HELP: &str = "Evidence is what the answer rests on: documents, decisions, who was asked. \
                                 It may be left empty.";

/// The help text for a question: why it is asked, references, and when it applies.
pub fn help_text(q: &Question) -> String {
    let mut out = String::new();
    if q.help.is_empty() {
        out.push_str("No help text for this question.");
    } else {
        out.push_str(&format!("Why we ask: {}", q.help));
    }
    if !q.references.is_empty() {
        out.push_str(&format!("\nReferences: {}", q.references.join("; ")));
    }
    if let Some(when) = &q.when {
        out.push_str(&format!("\nAsked because {when}."));
    }
    out
}

struct State<'f> {
    fw: &'f Framework,
    a: Assessment,
    who: Who,
    reviewing: bool,
    /// Continuing a saved assessment: move on to unanswered questions only.
    resuming: bool,
    /// Questions skipped since the last review list, so the interview does not come straight
    /// back to them.
    skipped: HashSet<String>,
    /// The section of the question asked last, to announce a new one.
    section: Option<String>,
    /// Changes not yet saved.
    dirty: bool,
}

impl<'f> State<'f> {
    /// The applicable questions asked of whoever is answering, in interview order, for the
    /// answers as they stand now.
    fn applicable(&self) -> Vec<&'f Question> {
        let applies = crate::assessment::applicability(self.fw, &self.a);
        self.fw
            .interview_order()
            .into_iter()
            .filter(|q| self.who.asked(q))
            .filter(|q| self.fw.question_index(&q.id).is_some_and(|i| applies[i]))
            .collect()
    }

    fn first_unanswered(&self) -> Option<String> {
        self.applicable()
            .into_iter()
            .find(|q| !self.a.answers.contains_key(&q.id) && !self.skipped.contains(&q.id))
            .map(|q| q.id.clone())
    }

    /// The position after question `id`: the next applicable question in interview order
    /// (the next unanswered one when resuming). While reviewing: the first unanswered one (a
    /// changed answer can switch questions on), or else the review list.
    fn next_after(&self, id: &str) -> Pos {
        if self.reviewing {
            return self
                .first_unanswered()
                .map_or(Pos::Review, |id| Pos::Question { id, again: false });
        }
        let order = self.fw.interview_order();
        let at = order.iter().position(|q| q.id == id).unwrap_or(0);
        let applicable: HashSet<&str> = self
            .applicable()
            .into_iter()
            .map(|q| q.id.as_str())
            .collect();
        let next = order.iter().skip(at + 1).find(|q| {
            applicable.contains(q.id.as_str())
                && !(self.resuming && self.a.answers.contains_key(&q.id))
        });
        match next {
            Some(q) => Pos::Question {
                id: q.id.clone(),
                again: false,
            },
            None => Pos::Done,
        }
    }

    fn after_meta(&mut self, i: usize, save: &mut Save<'_>) -> anyhow::Result<Pos> {
        if i + 1 < self.who.fields().len() {
            return Ok(Pos::Meta(i + 1));
        }
        if self.dirty {
            save(&self.a, &self.who)?;
            self.dirty = false;
        }
        let first = if self.reviewing || self.resuming {
            self.first_unanswered()
        } else {
            self.applicable().first().map(|q| q.id.clone())
        };
        Ok(match first {
            Some(id) => Pos::Question { id, again: false },
            None if self.reviewing || self.resuming => Pos::Review,
            None => Pos::Done,
        })
    }

    fn answer(
        &mut self,
        id: &str,
        value: Value,
        evidence: String,
        save: &mut Save<'_>,
    ) -> anyhow::Result<()> {
        // A note written ahead of the answer becomes its evidence unless new evidence is given.
        let note = self.a.notes.remove(id).unwrap_or_default();
        let evidence = if evidence.is_empty() { note } else { evidence };
        self.a
            .answers
            .insert(id.to_string(), Answer { value, evidence });
        self.skipped.remove(id);
        save(&self.a, &self.who)?;
        self.dirty = false;
        Ok(())
    }

    fn quit(mut self, save: &mut Save<'_>) -> anyhow::Result<(Assessment, Who, End)> {
        if self.dirty {
            save(&self.a, &self.who)?;
            self.dirty = false;
        }
        Ok((self.a, self.who, End::Quit))
    }

    fn section_intro(&self, q: &Question) -> String {
        match q.principle.as_deref().and_then(|p| self.fw.principle(p)) {
            None => "Impact profile: how much the system could affect residents. These answers set the impact \
                     level, which decides the score the system needs and can switch on further questions."
                .to_string(),
            Some(p) => format!("Principle: {}. {}", p.title, p.summary),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_words() {
        let p = Progress {
            section: "Co-production".into(),
            position: 3,
            total: 12,
            answered: 3,
        };
        assert_eq!(
            p.to_string(),
            "[Co-production] question 3 of 12 - 25% answered"
        );
        let none = Progress { total: 0, ..p };
        assert_eq!(none.percent(), 100);
    }
}
