//! The interview logic, driven through the prompter trait with scripted answers: order,
//! back, skip, help, quit, end of input, conditions that change as answers change, resume
//! and review. Runs on frameworks/example-minimal.toml, read by path.

use std::collections::VecDeque;
use std::io;
use std::path::Path;

use coopai::assessment::{Answer, Assessment, MetaField, Value};
use coopai::framework::{Framework, Stage};
use coopai::interview::{
    self, Ask, Config, End, Prompter, Reply, ReviewItem, parse_line, text_reply,
};

fn framework() -> Framework {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/example-minimal.toml");
    coopai::framework::load_file(&path)
        .expect("the example framework loads")
        .framework
}

/// Answers from a script, one line per prompt, read as the plain protocol reads them; records
/// what was asked. An exhausted script is the end of input.
#[derive(Default)]
struct Script {
    lines: VecDeque<&'static str>,
    /// Question ids in the order asked, with `again` marked by a trailing `*`.
    asked: Vec<String>,
    /// Progress lines, in the order asked.
    progress: Vec<String>,
    messages: Vec<String>,
    reviews: Vec<Vec<ReviewItem>>,
}

impl Script {
    fn new(lines: &[&'static str]) -> Self {
        Self {
            lines: lines.iter().copied().collect(),
            ..Self::default()
        }
    }
}

impl Prompter for Script {
    fn meta(&mut self, _field: MetaField, _current: &str) -> io::Result<Reply<String>> {
        Ok(match self.lines.pop_front() {
            None => Reply::Quit,
            Some(line) => text_reply(line),
        })
    }

    fn question(&mut self, ask: &Ask<'_>) -> io::Result<Reply<Value>> {
        let star = if ask.again { "*" } else { "" };
        self.asked.push(format!("{}{star}", ask.question.id));
        self.progress.push(ask.progress.to_string());
        let Some(line) = self.lines.pop_front() else {
            return Ok(Reply::Quit);
        };
        Ok(match parse_line(ask.question, line) {
            Ok(Some(reply)) => reply,
            Ok(None) => Reply::Value(
                ask.current
                    .expect("an empty line keeps an answer")
                    .value
                    .clone(),
            ),
            Err(e) => panic!("script line {line:?} for {}: {e}", ask.question.id),
        })
    }

    fn evidence(&mut self, _ask: &Ask<'_>, _answer: &Value) -> io::Result<Reply<String>> {
        Ok(match self.lines.pop_front() {
            None => Reply::Quit,
            Some(line) => text_reply(line),
        })
    }

    fn review(&mut self, items: &[ReviewItem]) -> io::Result<Option<usize>> {
        self.reviews.push(items.to_vec());
        Ok(match self.lines.pop_front() {
            None | Some("q") => None,
            Some(n) => Some(n.parse::<usize>().expect("a question number") - 1),
        })
    }

    fn message(&mut self, text: &str) -> io::Result<()> {
        self.messages.push(text.to_string());
        Ok(())
    }
}

struct Run {
    assessment: Assessment,
    end: End,
    script: Script,
    /// The assessment at every save, in order.
    saves: Vec<Assessment>,
}

fn run_with(fw: &Framework, start: Assessment, resume: bool, lines: &[&'static str]) -> Run {
    let mut script = Script::new(lines);
    let mut saves = Vec::new();
    let config = Config {
        date: "2026-11-23".into(),
        resume,
    };
    let mut save = |a: &Assessment| {
        saves.push(a.clone());
        Ok(())
    };
    let (assessment, end) =
        interview::run(fw, start, &config, &mut script, &mut save).expect("the interview runs");
    assert!(
        script.lines.is_empty(),
        "script left over: {:?}",
        script.lines
    );
    Run {
        assessment,
        end,
        script,
        saves,
    }
}

fn run(lines: &[&'static str]) -> Run {
    run_with(&framework(), Assessment::default(), false, lines)
}

const META: [&str; 10] = [
    "Testshire Council",
    "Repairs chatbot",
    "Answers repair queries",
    "3", // the lifecycle stage, by its number: live
    "A. Officer",
    "Digital Services",
    "digital@testshire.gov.uk",
    "Housing repairs",
    "South West",
    "private beta", // the transparency record's phase, by its words
];

fn script(answers: &[&'static str]) -> Vec<&'static str> {
    META.iter()
        .copied()
        .chain(answers.iter().copied())
        .collect()
}

fn answer(a: &Assessment, id: &str) -> Option<(Value, String)> {
    a.answers
        .get(id)
        .map(|Answer { value, evidence }| (value.clone(), evidence.clone()))
}

fn choice(id: &str) -> Value {
    Value::Choice(id.into())
}

#[test]
fn asks_metadata_then_profile_then_principles_and_saves_after_every_answer() {
    let r = run(&script(&[
        "none",
        "", // decides-about-people: human-review and the audit stay off
        "20",
        "Service plan", // residents-affected
        "1,2",
        "Panel minutes", // residents-involved
        "yes",
        "", // explainable
        "4",
        "Staff survey", // staff-confidence
        "Start small",
        "", // lessons
    ]));
    assert_eq!(r.end, End::Finished);
    assert_eq!(
        r.script.asked,
        [
            "decides-about-people",
            "residents-affected",
            "residents-involved",
            "explainable",
            "staff-confidence",
            "lessons"
        ]
    );
    assert_eq!(
        r.script.progress,
        [
            // Before the risk questions are answered the level is precautionary (the highest
            // they allow), which asks the level-3 audit question too: 7, not 6.
            "[Impact profile] question 1 of 7 - 0% answered",
            "[Impact profile] question 2 of 6 - 16% answered",
            "[Co-production] question 3 of 6 - 33% answered",
            "[Co-production] question 4 of 6 - 50% answered",
            "[Social partnership] question 5 of 6 - 66% answered",
            "[Social partnership] question 6 of 6 - 83% answered",
        ]
    );
    let m = &r.assessment.meta;
    assert_eq!(
        (
            m.council.as_str(),
            m.system.as_str(),
            m.description.as_str(),
            m.assessor.as_str(),
            m.date.as_str()
        ),
        (
            "Testshire Council",
            "Repairs chatbot",
            "Answers repair queries",
            "A. Officer",
            "2026-11-23"
        )
    );
    assert_eq!(m.stage, Some(Stage::Live));
    assert_eq!(
        (
            m.team.as_str(),
            m.contact.as_str(),
            m.service.as_str(),
            m.region.as_str()
        ),
        (
            "Digital Services",
            "digital@testshire.gov.uk",
            "Housing repairs",
            "South West"
        )
    );
    assert_eq!(m.phase, Some(coopai::assessment::Phase::PrivateBeta));
    let fw_ref = r.assessment.framework.as_ref().expect("framework recorded");
    assert_eq!(
        (fw_ref.id.as_str(), fw_ref.version.as_str()),
        ("example-minimal", "1.0.0")
    );
    assert_eq!(
        answer(&r.assessment, "residents-involved"),
        Some((
            Value::Choices(vec!["consulted".into(), "panel".into()]),
            "Panel minutes".into()
        ))
    );
    assert_eq!(
        answer(&r.assessment, "staff-confidence"),
        Some((Value::Number(4.0), "Staff survey".into()))
    );
    assert_eq!(
        answer(&r.assessment, "lessons"),
        Some((Value::Text("Start small".into()), String::new()))
    );
    // One save for the metadata, then one per answer, each holding every answer so far.
    assert_eq!(r.saves.len(), 7);
    for (i, saved) in r.saves.iter().enumerate() {
        assert_eq!(saved.answers.len(), i, "save {i}");
    }
    assert_eq!(r.saves.last(), Some(&r.assessment));
    // Each section is announced once.
    let intros: Vec<&str> = r
        .script
        .messages
        .iter()
        .map(|m| m.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(intros, ["Impact profile", "Principle", "Principle"]);
}

#[test]
fn a_changed_profile_answer_adds_and_removes_questions() {
    let r = run(&script(&[
        "none",
        "",
        "20",
        "",  // level 1: neither human-review nor the audit applies
        "b", // at residents-involved: back to residents-affected
        "b", // back to decides-about-people
        "decides",
        "Supplier spec", // now the system decides: human-review applies, level 3 brings the audit
        "",
        "", // residents-affected: keep 20, keep no evidence
        "panel",
        "",
        "no",
        "",
        "always",
        "Case review log",
        "2",
        "",
        "no",
        "",
        "s",
    ]));
    assert_eq!(
        r.script.asked,
        [
            "decides-about-people",
            "residents-affected",
            "residents-involved",
            "residents-affected",
            "decides-about-people",
            "residents-affected",
            "residents-involved",
            "explainable",
            "human-review",
            "staff-confidence",
            "independent-audit",
            "lessons",
        ]
    );
    // Going back shows progress as it stands; answering `decides` switches on two more
    // questions, so the count grows from 6 to 8.
    assert_eq!(
        r.script.progress,
        [
            // Before the risk questions are answered the level is precautionary (the highest
            // they allow), which asks the level-3 audit question too: 7, not 6.
            "[Impact profile] question 1 of 7 - 0% answered",
            "[Impact profile] question 2 of 6 - 16% answered",
            "[Co-production] question 3 of 6 - 33% answered",
            "[Impact profile] question 2 of 6 - 33% answered",
            "[Impact profile] question 1 of 6 - 33% answered",
            "[Impact profile] question 2 of 8 - 25% answered",
            "[Co-production] question 3 of 8 - 25% answered",
            "[Co-production] question 4 of 8 - 37% answered",
            "[Social partnership] question 5 of 8 - 50% answered",
            "[Social partnership] question 6 of 8 - 62% answered",
            "[Social partnership] question 7 of 8 - 75% answered",
            "[Social partnership] question 8 of 8 - 87% answered",
        ]
    );
    assert_eq!(
        answer(&r.assessment, "human-review"),
        Some((choice("always"), "Case review log".into()))
    );
    assert_eq!(
        answer(&r.assessment, "residents-affected"),
        Some((Value::Number(20.0), String::new()))
    );
    assert_eq!(answer(&r.assessment, "lessons"), None, "skipped");

    // And back again: choosing `none` switches human-review off, and the interview moves on.
    let fw = framework();
    let r2 = run_with(
        &fw,
        r.assessment.clone(),
        false,
        &[
            "", "", "", "", "", "", "", "", "", "", // metadata kept
            "none", "", // decides-about-people
            "", "", // residents-affected kept
            "", "", "", "", // residents-involved, explainable kept
            "q",
        ],
    );
    assert_eq!(
        r2.script.asked,
        [
            "decides-about-people",
            "residents-affected",
            "residents-involved",
            "explainable",
            "staff-confidence"
        ]
    );
    assert_eq!(r2.end, End::Quit);
    let report = coopai::scoring::score(&fw, &r2.assessment);
    assert_eq!(
        report.not_applicable,
        ["human-review", "independent-audit"],
        "kept, but not scored"
    );
}

#[test]
fn the_lifecycle_stage_is_a_choice_that_refuses_other_words_and_can_be_skipped() {
    let r = run(&[
        "Testshire",
        "Chatbot",
        "",
        "retired", // not a stage: explained, and asked again
        "b",       // back to the description
        "Answers repair queries",
        "Being retired",
        "A. Officer",
        "q",
    ]);
    assert_eq!(r.assessment.meta.stage, Some(Stage::BeingRetired));
    assert_eq!(r.assessment.meta.description, "Answers repair queries");
    assert!(
        r.script.messages.iter().any(|m| m.starts_with(
            "Not accepted: \"retired\" is not a lifecycle stage; enter a number from 1 to 4"
        )),
        "{:?}",
        r.script.messages
    );
    // Resumed at the metadata, an empty line keeps the stage recorded.
    let again = run_with(
        &framework(),
        r.assessment,
        false,
        &["", "", "", "", "", "", "", "", "", "", "q"],
    );
    assert_eq!(again.assessment.meta.stage, Some(Stage::BeingRetired));
}

#[test]
fn back_from_the_first_question_returns_to_the_metadata() {
    let r = run(&[
        "Council",
        "b", // back from the system name to the council
        "Testshire",
        "Chatbot",
        "",
        "",   // no lifecycle stage
        "Me", // an empty description stays empty
        "",
        "",
        "",
        "",
        "",           // team, contact, service, region and phase left empty
        "b",          // back from the first question to the phase
        "production", // recorded
        "q",
    ]);
    assert_eq!(r.end, End::Quit);
    assert_eq!(r.assessment.meta.council, "Testshire");
    assert_eq!(r.assessment.meta.description, "");
    assert_eq!(
        r.assessment.meta.phase,
        Some(coopai::assessment::Phase::Production)
    );
    assert_eq!(
        r.script.asked,
        ["decides-about-people", "decides-about-people"]
    );
    assert_eq!(
        r.saves.last().and_then(|a| a.meta.phase),
        Some(coopai::assessment::Phase::Production)
    );
}

#[test]
fn a_system_name_is_required() {
    let r = run(&["Testshire", "", "Chatbot", "", "", "q"]);
    assert_eq!(r.assessment.meta.system, "Chatbot");
    assert!(
        r.script.messages[0].starts_with("A system name is needed"),
        "{:?}",
        r.script.messages
    );
}

#[test]
fn help_shows_the_help_text_and_asks_again() {
    let r = run(&script(&["?", "none", "", "q"]));
    assert_eq!(
        r.script.asked,
        [
            "decides-about-people",
            "decides-about-people*",
            "residents-affected"
        ]
    );
    let help = r
        .script
        .messages
        .iter()
        .find(|m| m.starts_with("Why we ask:"))
        .expect("help shown");
    assert!(help.contains("Systems that decide about people"), "{help}");
}

#[test]
fn evidence_prompts_take_help_skip_and_back() {
    let fw = framework();
    let r = run(&script(&["informs", "?", "Board paper", "1500", "q"]));
    assert!(
        r.script
            .messages
            .iter()
            .any(|m| m.starts_with("Evidence is what the answer rests on"))
    );
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("informs"), "Board paper".into()))
    );
    // Revisiting: `s` at the evidence prompt keeps the evidence the answer had.
    let r = run_with(
        &fw,
        r.assessment,
        false,
        &["", "", "", "", "", "", "", "", "", "", "decides", "s", "q"],
    );
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("decides"), "Board paper".into()))
    );
}

#[test]
fn skipping_a_metadata_prompt_keeps_its_value_but_the_system_name_is_required() {
    let r = run(&["s", "s", "Chatbot", "s", "s", "q"]);
    assert_eq!(r.assessment.meta.council, "");
    assert_eq!(r.assessment.meta.system, "Chatbot");
    assert_eq!(
        r.script
            .messages
            .iter()
            .filter(|m| m.starts_with("A system name is needed"))
            .count(),
        1
    );
}

#[test]
fn skip_leaves_the_question_unanswered_and_moves_on() {
    let r = run(&script(&["s", "s", "1", "", "q"]));
    assert_eq!(
        r.script.asked,
        [
            "decides-about-people",
            "residents-affected",
            "residents-involved",
            "explainable"
        ]
    );
    assert_eq!(
        r.assessment.answers.keys().collect::<Vec<_>>(),
        ["residents-involved"]
    );
}

#[test]
fn back_at_the_evidence_prompt_returns_to_the_question_without_saving() {
    let r = run(&script(&["informs", "b", "decides", "Spec", "q"]));
    assert_eq!(
        r.script.asked,
        [
            "decides-about-people",
            "decides-about-people",
            "residents-affected"
        ]
    );
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("decides"), "Spec".into()))
    );
    assert!(
        r.saves
            .iter()
            .all(|a| answer(a, "decides-about-people") != Some((choice("informs"), String::new()))),
        "an answer is saved only once its evidence is given"
    );
}

#[test]
fn quit_and_end_of_input_keep_every_confirmed_answer() {
    // `q` at a question.
    let r = run(&script(&["informs", "Board paper", "q"]));
    assert_eq!(r.end, End::Quit);
    assert_eq!(r.assessment.answers.len(), 1);
    assert_eq!(r.saves.last(), Some(&r.assessment));
    // `q` at the evidence prompt keeps the answer without evidence.
    let r = run(&script(&["informs", "q"]));
    assert_eq!(r.end, End::Quit);
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("informs"), String::new()))
    );
    assert_eq!(r.saves.last(), Some(&r.assessment));
    // The input ends mid-interview.
    let r = run(&script(&["informs", "Board paper", "1500"]));
    assert_eq!(r.end, End::Quit);
    assert_eq!(
        answer(&r.assessment, "residents-affected"),
        Some((Value::Number(1500.0), String::new()))
    );
    assert_eq!(r.saves.last(), Some(&r.assessment));
    // Nothing typed at all: nothing to save.
    let r = run(&[]);
    assert_eq!(r.end, End::Quit);
    assert!(r.saves.is_empty());
}

fn partly_answered(fw: &Framework) -> Assessment {
    let r = run_with(
        fw,
        Assessment::default(),
        false,
        &script(&["informs", "Board paper", "2000", "", "s", "yes", "", "q"]),
    );
    r.assessment
}

#[test]
fn resume_continues_at_the_first_unanswered_applicable_question() {
    let fw = framework();
    let start = partly_answered(&fw);
    let r = run_with(&fw, start, true, &["panel", "", "q"]);
    // residents-involved was skipped: it is the first unanswered; then human-review (explainable is answered).
    assert_eq!(r.script.asked, ["residents-involved", "human-review"]);
    assert_eq!(
        r.script.progress[0],
        "[Co-production] question 3 of 8 - 37% answered"
    );
    assert_eq!(
        answer(&r.assessment, "explainable"),
        Some((choice("yes"), String::new()))
    );
    assert_eq!(
        answer(&r.assessment, "residents-involved"),
        Some((Value::Choices(vec!["panel".into()]), String::new()))
    );
}

#[test]
fn resuming_a_complete_assessment_offers_review() {
    let fw = framework();
    let start = partly_answered(&fw);
    let done = run_with(
        &fw,
        start,
        true,
        &[
            "panel",
            "",
            "always",
            "",
            "5",
            "",
            "yes",
            "",
            "Talk to staff early",
            "",
        ],
    );
    assert_eq!(done.end, End::Finished);
    assert!(
        done.script.reviews.is_empty(),
        "a first pass does not review"
    );

    let r = run_with(
        &fw,
        done.assessment.clone(),
        true,
        &[
            "1", // revisit decides-about-people
            "none",
            "Rescoped", // human-review and the audit no longer apply; nothing new to answer
            "q",
        ],
    );
    assert_eq!(r.end, End::Finished);
    assert_eq!(r.script.asked, ["decides-about-people"]);
    assert_eq!(r.script.reviews.len(), 2);
    assert_eq!(r.script.reviews[0].len(), 8);
    assert_eq!(
        r.script.reviews[0][0].answer,
        "It informs a decision that a person makes"
    );
    assert_eq!(
        r.script.reviews[1].len(),
        6,
        "the list follows the changed answer"
    );
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("none"), "Rescoped".into()))
    );

    // A change that switches on questions never answered goes straight to them, then back
    // to the list.
    let low = run_with(
        &fw,
        Assessment::default(),
        false,
        &script(&[
            "none",
            "",
            "2000",
            "",
            "panel",
            "",
            "yes",
            "",
            "5",
            "",
            "Talk to staff early",
            "",
        ]),
    );
    assert_eq!(low.end, End::Finished);
    let r = run_with(
        &fw,
        low.assessment,
        true,
        &["1", "informs", "", "always", "", "yes", "", "q"],
    );
    assert_eq!(
        r.script.asked,
        ["decides-about-people", "human-review", "independent-audit"]
    );
    assert_eq!(r.script.reviews.len(), 2);
    assert_eq!(r.script.reviews[1].len(), 8);
}

mod any_line {
    use super::*;
    use proptest::prelude::*;

    fn frameworks() -> [Framework; 2] {
        [framework(), coopai::framework::embedded()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever is typed, the parser answers (never panics), and every answer it accepts
        /// is saved and loaded back unchanged.
        #[test]
        fn accepted_answers_round_trip_through_the_answers_file(
            line in prop_oneof![
                any::<String>(),
                "[0-9 ,._eE+-]{0,24}",
                "[a-z0-9, -]{0,24}",
                any::<f64>().prop_map(|n| n.to_string()),
            ],
        ) {
            for fw in frameworks() {
                for q in &fw.questions {
                    let Ok(Some(Reply::Value(value))) = parse_line(q, &line) else { continue };
                    let mut a = Assessment::default();
                    a.meta.system = "Round trip".into();
                    a.answers.insert(q.id.clone(), Answer { value: value.clone(), evidence: line.clone() });
                    let text = coopai::assessment::to_toml(&fw, &a);
                    let loaded = coopai::assessment::load_str("round-trip.toml", text.clone(), &fw);
                    let loaded = match loaded {
                        Ok(l) => l.assessment,
                        Err(e) => panic!("{} answered {line:?} wrote a file that does not load:\n{e}\n{text}", q.id),
                    };
                    prop_assert_eq!(&loaded.answers[&q.id].value, &value);
                    prop_assert_eq!(&loaded.answers[&q.id].evidence, &line);
                }
            }
        }
    }
}

#[test]
fn a_note_written_before_the_answer_becomes_its_evidence_when_none_is_given() {
    let fw = framework();
    let mut start = Assessment::default();
    start.meta.system = "Repairs chatbot".into();
    start.notes.insert(
        "decides-about-people".into(),
        "Confirmed with the service lead.".into(),
    );
    start.notes.insert(
        "residents-affected".into(),
        "Waiting for the annual figures.".into(),
    );
    let r = run_with(
        &fw,
        start,
        true,
        &["none", "", "1200", "Annual report 2025", "q"],
    );
    assert_eq!(
        answer(&r.assessment, "decides-about-people"),
        Some((choice("none"), "Confirmed with the service lead.".into()))
    );
    assert_eq!(
        answer(&r.assessment, "residents-affected"),
        Some((Value::Number(1200.0), "Annual report 2025".into()))
    );
    assert!(r.assessment.notes.is_empty(), "{:?}", r.assessment.notes);
}
