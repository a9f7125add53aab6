//! Writing answers files: the `coopai template` to fill in by hand, and the interview's
//! autosave. Both use one writer, so a template and a saved interview have the same shape.

use std::fmt::Write as _;

use std::collections::{BTreeMap, BTreeSet};

use super::responses::Response;
use super::{Answer, Assessment, FrameworkRef, Meta, NOT_KNOWN, Phase, Value};
use crate::framework::{Framework, Question, QuestionKind, Stage};
use crate::number::num;

/// A fill-in answers file: every question, with its prompt, options and help as comments,
/// and an empty `answer` to fill in.
pub fn template(fw: &Framework) -> String {
    let blank = Assessment {
        framework: Some(FrameworkRef::of(fw)),
        ..Assessment::default()
    };
    render(fw, &blank, true)
}

/// How every answers file (and template) starts; a temporary file of a save that was cut
/// short is recognised by it.
pub const HEADER: &str = "# coopai answers: ";

/// The assessment as an answers file, answered questions only, in interview order.
pub fn to_toml(fw: &Framework, a: &Assessment) -> String {
    render(fw, a, false)
}

fn render(fw: &Framework, a: &Assessment, every_question: bool) -> String {
    let mut out = String::new();
    let title = if a.meta.system.is_empty() {
        "a new assessment"
    } else {
        a.meta.system.as_str()
    };
    let _ = writeln!(out, "{HEADER}{}", clean(title));
    out.push_str(&lead_framework_line(fw));
    if every_question {
        out.push_str(
            "# Fill in `answer` for each question (the options are listed above it) and say in\n\
             # `evidence` what the answer rests on. Leave `answer = \"\"` for questions not answered yet.\n",
        );
    }
    out.push_str("\n[assessment]\n");
    let m = &a.meta;
    for (key, value) in [
        ("council", &m.council),
        ("system", &m.system),
        ("description", &m.description),
    ] {
        let _ = writeln!(out, "{key} = {}", quote(value));
    }
    if every_question && m.stage.is_none() {
        let stages: Vec<&str> = Stage::names().collect();
        let _ = writeln!(
            out,
            "# Lifecycle stage: {}; leave \"\" if not recorded\nstage = \"\"",
            stages.join(", ")
        );
    } else if let Some(stage) = m.stage {
        let _ = writeln!(out, "stage = {}", quote(stage.name()));
    }
    for (key, value) in [("assessor", &m.assessor), ("date", &m.date)] {
        let _ = writeln!(out, "{key} = {}", quote(value));
    }
    let _ = writeln!(out, "status = {}", quote(m.status.name()));
    publishing(&mut out, m, every_question);
    if let Some(f) = &a.framework {
        out.push_str(&framework_table(f));
    }
    let sheet = Sheet {
        answers: &a.answers,
        notes: &a.notes,
        private: Some(&a.private),
        every_question,
        role: None,
    };
    questions(&mut out, fw, fw.interview_order(), &sheet);
    // Answers to questions the framework no longer has cannot be written back: the loader
    // refuses such files, or leaves out (with a warning) answers the framework says it removed.
    out
}

/// A fill-in response file for a respondent in `role`: that role's questions only, worded
/// for it, with their options and help as comments and an empty `answer` to fill in. No
/// metadata about the system: that is the lead's to record.
pub fn response_template(fw: &Framework, role: &str) -> String {
    let blank = Response {
        respondent: super::Respondent {
            role: role.to_string(),
            pseudonym: None,
        },
        ..Response::default()
    };
    render_response(fw, &blank, true)
}

/// A response as a response file, answered questions only, in interview order.
pub fn response_to_toml(fw: &Framework, r: &Response) -> String {
    render_response(fw, r, false)
}

fn render_response(fw: &Framework, r: &Response, every_question: bool) -> String {
    let role = r.respondent.role.as_str();
    let mut out = response_head(fw, role, every_question);
    let pseudonym = r.respondent.pseudonym.as_deref().unwrap_or("");
    let _ = writeln!(out, "pseudonym = {}", quote(pseudonym));
    out.push_str(&framework_table(&FrameworkRef::of(fw)));
    let sheet = Sheet {
        answers: &r.answers,
        notes: &r.notes,
        private: None,
        every_question,
        role: Some(role),
    };
    questions(&mut out, fw, fw.questions_for(role).collect(), &sheet);
    out
}

/// The second line of a lead answers file, after the system's name.
fn lead_framework_line(fw: &Framework) -> String {
    format!(
        "# Framework: {} {}. Score it with: coopai score <this file>\n",
        clean(&fw.title),
        clean(&fw.version)
    )
}

/// A response file up to its `pseudonym` line.
fn response_head(fw: &Framework, role: &str, every_question: bool) -> String {
    let mut out = String::new();
    let role_name = fw.role(role).map_or(role, |r| r.name.as_str());
    let _ = writeln!(out, "{HEADER}a response (role: {})", clean(role_name));
    let _ = writeln!(
        out,
        "# Framework: {} {}. One respondent's answers to the questions for {}.",
        clean(&fw.title),
        clean(&fw.version),
        clean(role_name)
    );
    out.push_str(
        "# Do not write your name, email address or phone number anywhere in this file: the reports\n\
         # it goes into are shared, and must not identify the people who answered.\n",
    );
    if every_question {
        out.push_str(
            "# Fill in `answer` for each question (the options are listed above it) and say in\n\
             # `evidence` what the answer rests on. Leave `answer = \"\"` for questions not answered yet.\n\
             # Give the finished file to the lead assessor, who keeps it in the responses folder of\n\
             # the assessment (`NAME.responses/` beside the lead answers file `NAME.toml`).\n",
        );
    }
    let _ = writeln!(out, "\n[respondent]\nrole = {}", quote(role));
    if every_question {
        out.push_str(
            "# Optional: a code or word of your choosing, so that your response can be told apart\n\
             # from others (`r-07`, `kestrel`); never your name, email address or phone number.\n",
        );
    }
    out
}

/// What the transparency record and the register need and the questions do not ask: all
/// optional, so written only when given, or blank with a word on each in a template.
fn publishing(out: &mut String, m: &Meta, every_question: bool) {
    if every_question {
        out.push_str(
            "# Optional, for the transparency record (`coopai export atrs`), the case study and the\n\
             # register: the team that owns the system, its shared contact email, the service area\n\
             # (for example \"Adult social care\") and the region the system is used in.\n",
        );
    }
    for (key, value) in [
        ("team", &m.team),
        ("contact", &m.contact),
        ("service", &m.service),
        ("region", &m.region),
    ] {
        if every_question || !value.is_empty() {
            let _ = writeln!(out, "{key} = {}", quote(value));
        }
    }
    if every_question && m.phase.is_none() {
        let phases: Vec<&str> = Phase::names().collect();
        let _ = writeln!(
            out,
            "# Transparency record phase: {}; leave \"\" if not recorded\nphase = \"\"",
            phases.join(", ")
        );
    } else if let Some(phase) = m.phase {
        let _ = writeln!(out, "phase = {}", quote(phase.name()));
    }
}

fn framework_table(f: &FrameworkRef) -> String {
    format!(
        "\n[framework]\nid = {}\nversion = {}\nsha256 = {}\n",
        quote(&f.id),
        quote(&f.version),
        quote(&f.sha256)
    )
}

/// The answers a file holds, and how to write its questions.
struct Sheet<'a> {
    answers: &'a BTreeMap<String, Answer>,
    notes: &'a BTreeMap<String, String>,
    /// Question ids whose evidence is private.
    private: Option<&'a BTreeSet<String>>,
    /// Every question, answered or not, with its help: a template.
    every_question: bool,
    /// The respondent role the questions are worded for; none for the lead.
    role: Option<&'a str>,
}

/// The `[answers.<id>]` tables of `questions`, under a heading for each section.
fn questions(out: &mut String, fw: &Framework, questions: Vec<&Question>, sheet: &Sheet<'_>) {
    let every_question = sheet.every_question;
    let mut section = String::new();
    for q in questions {
        let answer = sheet.answers.get(&q.id);
        let note = sheet.notes.get(&q.id).filter(|_| answer.is_none());
        if answer.is_none() && note.is_none() && !every_question {
            continue;
        }
        let heading = heading(fw, q);
        if heading != section {
            out.push_str(&heading);
            section = heading;
        }
        out.push('\n');
        let prompt = sheet
            .role
            .map_or(q.prompt.as_str(), |role| q.prompt_for(role));
        describe(out, q, prompt, every_question);
        let _ = writeln!(out, "[answers.{}]", q.id);
        let value = answer.map_or_else(|| "\"\"".to_string(), |a| value(&a.value));
        let _ = writeln!(out, "answer = {value}");
        let _ = writeln!(
            out,
            "evidence = {}",
            quote(answer.map_or(note.map_or("", String::as_str), |a| a.evidence.as_str()))
        );
        if sheet.private.is_some_and(|p| p.contains(&q.id)) {
            out.push_str("private = true\n");
        }
    }
}

/// The heading written above the first question of each section.
fn heading(fw: &Framework, q: &Question) -> String {
    let title = fw.section_title(q);
    let heading = match q.principle {
        None => title.to_string(),
        Some(_) => format!("Principle: {title}"),
    };
    let rule = "=".repeat(78);
    format!("\n# {rule}\n# {}\n# {rule}\n", clean(&heading))
}

/// The pieces of a saved answers file (not a template) that depend only on the framework
/// and who answers, for a writer outside Rust (the offline form's script) that fills in the
/// rest and must write exactly what this writer writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Layout {
    /// For the lead: the line after the title line. For a respondent: everything before
    /// the `pseudonym` line.
    pub head: String,
    /// The `[framework]` table, after the metadata.
    pub framework_table: String,
    /// The section headings, each written before the first answered question of its section.
    pub headings: Vec<String>,
    /// The questions asked, in the order they are written.
    pub questions: Vec<QuestionLayout>,
}

/// What is written before a question's `[answers.<id>]` table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuestionLayout {
    pub id: String,
    /// Its section's heading, by index in [`Layout::headings`].
    pub heading: usize,
    /// The prompt, how to answer, the options and the condition, as comment lines.
    pub comments: String,
}

/// The layout of the lead's answers file (`role` none) or of a response in `role`.
pub fn layout(fw: &Framework, role: Option<&str>) -> Layout {
    let (head, questions) = match role {
        None => (lead_framework_line(fw), fw.interview_order()),
        Some(role) => (
            response_head(fw, role, false),
            fw.questions_for(role).collect(),
        ),
    };
    let mut headings: Vec<String> = Vec::new();
    let questions = questions
        .into_iter()
        .map(|q| {
            let text = heading(fw, q);
            if headings.last() != Some(&text) {
                headings.push(text);
            }
            let mut comments = String::new();
            let prompt = role.map_or(q.prompt.as_str(), |role| q.prompt_for(role));
            describe(&mut comments, q, prompt, false);
            QuestionLayout {
                id: q.id.clone(),
                heading: headings.len() - 1,
                comments,
            }
        })
        .collect();
    Layout {
        head,
        framework_table: framework_table(&FrameworkRef::of(fw)),
        headings,
        questions,
    }
}

fn describe(out: &mut String, q: &Question, prompt: &str, with_help: bool) {
    // `first` starts the first line and `rest` the lines it wraps onto.
    let comment = |out: &mut String, text: &str, first: &str, rest: &str| {
        let options = textwrap::Options::new(92)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            let _ = writeln!(out, "# {}", clean(&line));
        }
    };
    comment(out, prompt, "", "");
    let how = match q.kind {
        QuestionKind::Single => "one option id".to_string(),
        QuestionKind::YesNo => "\"yes\" or \"no\"".to_string(),
        QuestionKind::Multiple => "a list of option ids, e.g. [\"a\", \"b\"]".to_string(),
        QuestionKind::Scale => q.scale.as_ref().map_or_else(String::new, |s| {
            format!("a whole number from {}", s.range_words())
        }),
        QuestionKind::Number => {
            let unit = q
                .number
                .as_ref()
                .and_then(|n| n.unit.as_deref())
                .unwrap_or("");
            format!(
                "a number{}",
                if unit.is_empty() {
                    String::new()
                } else {
                    format!(" ({unit})")
                }
            )
        }
        QuestionKind::Text => "text".to_string(),
    };
    let optional = if q.required { "" } else { "; optional" };
    let _ = writeln!(out, "# Answer: {}{optional}", clean(&how));
    for o in &q.options {
        let plural = if o.points == 1.0 { "" } else { "s" };
        let points = if q.principle.is_some() {
            format!(" ({} point{plural})", num(o.points))
        } else {
            String::new()
        };
        // A wrapped label lines up under its first line, past the id, so it never reads as
        // an option id.
        let id = format!("  {:<10} ", o.id);
        let label_column = " ".repeat(id.chars().count());
        comment(out, &format!("{}{points}", o.label), &id, &label_column);
    }
    if let Some(when) = &q.when {
        comment(out, &format!("Asked only when {when}."), "", "");
    }
    if with_help && !q.help.is_empty() {
        comment(out, &format!("Why we ask: {}", q.help), "", "");
    }
}

/// Text for a `#` comment: TOML comments end at a line break and may not hold control
/// characters, so a carriage return, line break or other control character in a framework's
/// text or a system name becomes a space rather than a file that does not load.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn value(v: &Value) -> String {
    match v {
        Value::Choice(c) => quote(c),
        Value::Choices(cs) => format!(
            "[{}]",
            cs.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
        ),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        // TOML's own float syntax: Rust's `{}` writes 1e20 as a 21-digit integer, which TOML
        // cannot read back.
        Value::Number(n) => toml::Value::Float(*n).to_string(),
        Value::Text(t) => quote(t),
        Value::NotKnown => quote(NOT_KNOWN),
    }
}

/// A TOML basic string with every character escaped as the format requires.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_read_back_unchanged() {
        let tricky = [
            "a \"b\" \\ c",
            "line\none\u{7}",
            "it's",
            "'''",
            "\"\"\"",
            "tab\there",
            "<script>&",
            "café ✓",
            "",
        ];
        for s in tricky {
            let parsed: toml::Value = toml::from_str(&format!("x = {}", quote(s))).unwrap();
            assert_eq!(parsed["x"].as_str(), Some(s));
        }
    }

    #[test]
    fn publishing_metadata_and_private_evidence_read_back() {
        let fw = crate::framework::embedded();
        let mut a = Assessment::default();
        a.meta.system = "Triage assistant".into();
        a.meta.team = "Adult social care transformation".into();
        a.meta.contact = "asc-ai@example.gov.uk".into();
        a.meta.service = "Adult social care".into();
        a.meta.region = "North East".into();
        a.meta.phase = Some(Phase::PrivateBeta);
        a.answers.insert(
            "system-type".into(),
            Answer {
                value: Value::Choice("trained".into()),
                evidence: "Supplier's confidential model card".into(),
            },
        );
        a.notes
            .insert("problem-origin".into(), "Ask the union".into());
        a.private = ["system-type".into(), "problem-origin".into()].into();
        let text = to_toml(&fw, &a);
        assert_eq!(text.matches("private = true").count(), 2, "{text}");
        let back = crate::assessment::load_str("saved.toml", text.clone(), &fw)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
            .assessment;
        assert_eq!(back.meta, a.meta);
        assert_eq!(back.private, a.private);
        assert_eq!(back.notes, a.notes);
    }

    #[test]
    fn a_template_offers_the_publishing_fields_and_loads_blank() {
        let fw = crate::framework::embedded();
        let text = template(&fw);
        for key in [
            "team = \"\"",
            "contact = \"\"",
            "service = \"\"",
            "region = \"\"",
            "phase = \"\"",
        ] {
            assert!(text.contains(key), "{key} missing");
        }
        let back = crate::assessment::load_str("t.toml", text, &fw)
            .unwrap()
            .assessment;
        assert_eq!(back.meta.phase, None);
        assert!(back.private.is_empty());
    }

    #[test]
    fn control_characters_never_break_a_comment_line() {
        let fw = crate::framework::embedded();
        let mut a = Assessment::default();
        a.meta.system = "Repairs\r\nassistant\u{7}\n[answers.x]".into();
        let text = to_toml(&fw, &a);
        assert!(text.starts_with("# coopai answers: Repairs  assistant  [answers.x]\n"));
        if let Err(e) = crate::assessment::load_str("saved.toml", text.clone(), &fw) {
            panic!("{e}\n{text}");
        }
    }

    #[test]
    fn wrapped_option_labels_never_read_as_option_ids() {
        let fw = crate::framework::embedded();
        let ids: Vec<&str> = fw
            .questions
            .iter()
            .flat_map(|q| q.options.iter().map(|o| o.id.as_str()))
            .collect();
        let text = template(&fw);
        let mut wrapped = 0;
        for line in text.lines() {
            let Some(rest) = line.strip_prefix("#   ") else {
                continue;
            };
            if rest.starts_with(' ') {
                wrapped += 1;
                assert!(rest.starts_with(&" ".repeat(11)), "not past the id: {line}");
            } else {
                let id = rest.split(' ').next().unwrap_or_default();
                assert!(ids.contains(&id), "reads as an option id: {line}");
            }
        }
        assert!(wrapped > 0, "no option label wraps, so nothing was checked");
    }

    #[test]
    fn numbers_keep_their_kind() {
        assert_eq!(value(&Value::Number(3.0)), "3");
        assert_eq!(value(&Value::Number(2.5)), "2.5");
        for n in [
            1e15,
            1e20,
            -1e20,
            1.5e300,
            2.5e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            let parsed: toml::Value = toml::from_str(&format!("x = {}", value(&Value::Number(n))))
                .unwrap_or_else(|e| panic!("{n} is not written as TOML: {e}"));
            assert_eq!(parsed["x"].as_float(), Some(n), "{n} changes on saving");
        }
        assert_eq!(
            value(&Value::Choices(vec!["a".into(), "b".into()])),
            r#"["a", "b"]"#
        );
    }
}
