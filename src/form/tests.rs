//! The script's pure half (answers.js and rules.js) run in node against the Rust it ports: the same answers
//! files byte for byte, and the same evaluation of which questions apply (with what could
//! apply and the impact level, which the public API does not show). Skipped, with a word,
//! when node is not installed; scripts/check-browser.sh needs node and runs the pages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::assessment::{Assessment, Response, Value, evaluate, response_to_toml, to_toml};
use crate::framework::{Framework, Tri, embedded};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The page's data as its script reads it.
fn form_data(fw: &Framework, role: Option<&str>) -> serde_json::Value {
    serde_json::to_value(super::data::form_data(fw, role)).unwrap()
}

fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

/// Runs `script` in node with `input` on stdin, with `logic` the script's pure functions,
/// loaded as the page runs them: answers.js and rules.js one after the other.
fn run_node(script: &str, input: &serde_json::Value) -> serde_json::Value {
    let pure = [super::SCRIPTS[0], super::SCRIPTS[1]].join("\n");
    let program = format!(
        "const module = {{ exports: {{}} }};\nnew Function('module', {})(module);\nconst logic = module.exports;\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n{script}",
        serde_json::to_string(&pure).unwrap()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.to_string().as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A value as the form keeps it.
fn js_value(v: &Value) -> serde_json::Value {
    match v {
        Value::NotKnown => serde_json::json!({ "notKnown": true }),
        v => serde_json::to_value(v).unwrap(),
    }
}

/// The form's state for answers, notes, metadata and private evidence.
fn js_state(a: &Assessment, pseudonym: Option<&str>) -> serde_json::Value {
    let mut evidence: Vec<(String, String)> = a
        .answers
        .iter()
        .filter(|(_, x)| !x.evidence.is_empty())
        .map(|(id, x)| (id.clone(), x.evidence.clone()))
        .collect();
    evidence.extend(a.notes.iter().map(|(id, n)| (id.clone(), n.clone())));
    serde_json::json!({
        "meta": a.meta,
        "pseudonym": pseudonym.unwrap_or(""),
        "answers": a.answers.iter().map(|(id, x)| (id.clone(), js_value(&x.value))).collect::<Vec<_>>(),
        "evidence": evidence,
        "private": a.private,
    })
}

const WRITE: &str = "
const out = input.cases.map((c) => logic.answersFile(c.data, {
  meta: c.state.meta,
  pseudonym: c.state.pseudonym,
  answers: new Map(c.state.answers),
  evidence: new Map(c.state.evidence),
  private: new Set(c.state.private),
}));
console.log(JSON.stringify(out));";

fn answers_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_script_writes_the_files_coopai_writes_byte_for_byte() {
    if node().is_none() {
        eprintln!("node not installed: the script's writer is checked by scripts/check-browser.sh");
        return;
    }
    let fw = embedded();
    let lead_data = form_data(&fw, None);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    let mut assessments: Vec<Assessment> = answers_files(&root().join("assessments"))
        .iter()
        .map(|p| crate::assessment::load_file(p, &fw).unwrap().assessment)
        .collect();
    assessments.push(awkward_assessment(&fw));
    for a in &assessments {
        cases.push(serde_json::json!({ "data": lead_data, "state": js_state(a, None) }));
        expected.push(to_toml(&fw, a));
    }
    let responses = root().join("assessments/adult-social-care-triage.responses");
    let mut responses: Vec<Response> = answers_files(&responses)
        .iter()
        .map(|p| {
            crate::assessment::load_response_file(p, &fw)
                .unwrap()
                .response
        })
        .collect();
    let mut odd = responses[0].clone();
    odd.respondent.pseudonym = Some("kestrel \"k\" \\ 🐦".into());
    responses.push(odd);
    for r in &responses {
        let role = r.respondent.role.as_str();
        let data = form_data(&fw, Some(role));
        let as_assessment = Assessment {
            answers: r.answers.clone(),
            notes: r.notes.clone(),
            ..Assessment::default()
        };
        let state = js_state(&as_assessment, r.respondent.pseudonym.as_deref());
        cases.push(serde_json::json!({ "data": data, "state": state }));
        expected.push(response_to_toml(&fw, r));
    }
    let written = run_node(WRITE, &serde_json::json!({ "cases": cases }));
    for (i, want) in expected.iter().enumerate() {
        let got = written[i].as_str().unwrap();
        if let Some((g, w)) = got.lines().zip(want.lines()).find(|(g, w)| g != w) {
            panic!("case {i}: the script wrote\n{g:?}\nwhere coopai writes\n{w:?}");
        }
        assert_eq!(got, want, "case {i}");
    }
    // And what the script writes loads back as what was typed.
    let awkward = assessments.last().unwrap();
    let text = written[assessments.len() - 1].as_str().unwrap().to_string();
    let back = crate::assessment::load_str("form.toml", text.clone(), &fw)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .assessment;
    assert_eq!(back.meta, awkward.meta);
    assert_eq!(back.answers, awkward.answers);
    assert_eq!(back.notes, awkward.notes);
    assert_eq!(back.private, awkward.private);
    // A form-made file edited by hand gets the loader's usual diagnostics.
    let edited = text.replacen("answer = \"trained\"", "answer = \"trainde\"", 1);
    assert_ne!(edited, text);
    let error = match crate::assessment::load_str("form.toml", edited, &fw) {
        Ok(_) => panic!("an unknown option is refused"),
        Err(e) => e.to_string(),
    };
    assert!(error.contains("unknown option `trainde`"), "{error}");
    assert!(
        error.contains("form.toml:"),
        "names the file and line: {error}"
    );
}

/// Every text field holding characters that are hard to write as TOML.
fn awkward_assessment(fw: &Framework) -> Assessment {
    let awkward = [
        "quotes \" and ' and \"\"\" and '''",
        "back\\slash \\n not a line break",
        "two\nlines\r\nand a tab\t",
        "bell\u{7} escape\u{1b} delete\u{7f}",
        "emoji 😀 👩🏽‍💻 and accents café",
        "</script><b>not markup</b>",
        "next line\u{85}and line separator\u{2028}",
        "ends in quotes\"\"",
    ];
    let mut a = Assessment {
        framework: Some(crate::assessment::FrameworkRef::of(fw)),
        ..Assessment::default()
    };
    a.meta.system = awkward[4].into();
    a.meta.council = awkward[0].into();
    a.meta.description = awkward[2].into();
    a.meta.assessor = awkward[1].into();
    a.meta.date = "2026-11-26".into();
    a.meta.team = awkward[3].into();
    a.meta.contact = "team@example.gov.uk".into();
    a.meta.region = awkward[6].into();
    a.meta.stage = Some(crate::framework::Stage::Pilot);
    a.meta.phase = Some(crate::assessment::Phase::PublicBeta);
    let mut texts = awkward.iter().cycle();
    let mut i = 0;
    for q in fw.interview_order() {
        i += 1;
        let value = match q.kind {
            crate::framework::QuestionKind::Text => Value::Text((*texts.next().unwrap()).into()),
            crate::framework::QuestionKind::Number => Value::Number(2.5),
            crate::framework::QuestionKind::Scale => {
                Value::Number(q.scale.as_ref().unwrap().min as f64)
            }
            crate::framework::QuestionKind::Multiple => {
                Value::Choices(q.options.iter().take(2).map(|o| o.id.clone()).collect())
            }
            _ if i % 7 == 0 && q.not_known => Value::NotKnown,
            _ => Value::Choice(q.options[0].id.clone()),
        };
        if i % 5 == 0 {
            a.notes
                .insert(q.id.clone(), (*texts.next().unwrap()).into());
            continue;
        }
        let evidence = if i % 2 == 0 {
            *texts.next().unwrap()
        } else {
            ""
        };
        a.answers.insert(
            q.id.clone(),
            crate::assessment::Answer {
                value,
                evidence: evidence.into(),
            },
        );
        if i % 3 == 0 {
            a.private.insert(q.id.clone());
        }
    }
    if let Some(q) = fw.question("system-type") {
        a.answers.get_mut(&q.id).unwrap().value = Value::Choice("trained".into());
    }
    a
}

const APPLIES: &str = "
const out = input.cases.map((c) => {
  const d = input.data[c.framework];
  const fw = { questions: d.questions, order: d.order, impact: d.impact, index: {} };
  d.questions.forEach((q, i) => { fw.index[q.id] = i; });
  return logic.evaluate(fw, new Map(c.answers), c.stage);
});
console.log(JSON.stringify(out));";

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn random_assessment(fw: &Framework, rng: &mut Rng) -> Assessment {
    use crate::framework::QuestionKind;
    let mut a = Assessment::default();
    a.meta.stage = [None]
        .into_iter()
        .chain(crate::framework::Stage::ALL.map(Some))
        .nth(rng.next(5))
        .flatten();
    for q in &fw.questions {
        let roll = rng.next(10);
        if roll < 4 {
            continue;
        }
        let value = if roll == 4 && q.not_known {
            Value::NotKnown
        } else {
            match q.kind {
                QuestionKind::Single | QuestionKind::YesNo if !q.options.is_empty() => {
                    Value::Choice(q.options[rng.next(q.options.len())].id.clone())
                }
                QuestionKind::Multiple if !q.options.is_empty() => {
                    let mut chosen: Vec<String> = q
                        .options
                        .iter()
                        .filter(|_| rng.next(2) == 0)
                        .map(|o| o.id.clone())
                        .collect();
                    if chosen.is_empty() {
                        chosen.push(q.options[0].id.clone());
                    }
                    Value::Choices(chosen)
                }
                QuestionKind::Scale => {
                    let s = q.scale.as_ref().unwrap();
                    let span = usize::try_from(s.max - s.min).unwrap() + 1;
                    Value::Number((s.min + rng.next(span) as i64) as f64)
                }
                QuestionKind::Number => {
                    let spec = q.number.as_ref().unwrap();
                    let at = spec.ranges.get(rng.next(spec.ranges.len().max(1)));
                    let base = at.map_or(spec.min.unwrap_or(0.0), |r| r.at_least);
                    Value::Number(base + [0.0, 0.5, 1.0][rng.next(3)])
                }
                _ => Value::Text("words".into()),
            }
        };
        a.answers.insert(
            q.id.clone(),
            crate::assessment::Answer {
                value,
                evidence: String::new(),
            },
        );
    }
    a
}

#[test]
fn the_script_applies_conditions_as_coopai_does() {
    if node().is_none() {
        eprintln!("node not installed: condition parity is checked by scripts/check-browser.sh");
        return;
    }
    let mut frameworks = vec![embedded()];
    for dir in ["frameworks", "tests/fixtures/frameworks"] {
        for path in answers_files(&root().join(dir)) {
            if let Ok(loaded) = crate::framework::load_file(&path) {
                frameworks.push(loaded.framework);
            }
        }
    }
    let mut data: Vec<serde_json::Value> =
        frameworks.iter().map(|fw| form_data(fw, None)).collect();
    // A respondent's form sees only the respondent's answers and no stage, as
    // `coopai assess --role` does: questions of other roles read as unanswered.
    let reference = &frameworks[0];
    let roles: Vec<&str> = reference
        .roles
        .iter()
        .skip(1)
        .map(|r| r.id.as_str())
        .collect();
    let mut forms: Vec<(&Framework, Option<&str>, usize)> = frameworks
        .iter()
        .enumerate()
        .map(|(i, fw)| (fw, None, i))
        .collect();
    for role in &roles {
        data.push(form_data(reference, Some(role)));
        forms.push((reference, Some(role), data.len() - 1));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (fw, role, f) in forms {
        for _ in 0..40 {
            let mut a = random_assessment(fw, &mut rng);
            if let Some(role) = role {
                let asked: Vec<&str> = fw.questions_for(role).map(|q| q.id.as_str()).collect();
                a.answers.retain(|id, _| asked.contains(&id.as_str()));
                a.meta.stage = None;
            }
            let answers: Vec<_> = a
                .answers
                .iter()
                .map(|(id, x)| (id.clone(), js_value(&x.value)))
                .collect();
            cases.push(serde_json::json!({
                "framework": f,
                "answers": answers,
                "stage": a.meta.stage.map(|s| s.name()),
            }));
            let e = evaluate(fw, &a);
            let possible: Vec<u8> = e
                .possible
                .iter()
                .map(|t| match t {
                    Tri::No => 0,
                    Tri::Maybe => 1,
                    Tri::Yes => 2,
                })
                .collect();
            expected.push(serde_json::json!({
                "applies": e.applies,
                "possible": possible,
                "level": e.impact.level,
                "lowest": e.lowest_level,
            }));
        }
    }
    assert!(frameworks.len() > 10, "the fixtures were found");
    let got = run_node(
        APPLIES,
        &serde_json::json!({ "data": data, "cases": cases }),
    );
    let mut differing = 0;
    for (i, want) in expected.iter().enumerate() {
        let got = &got[i];
        if got != want {
            differing += 1;
            eprintln!("case {i}: {}\nrust {want:?}\njs   {got:?}", cases[i]);
        }
    }
    assert_eq!(differing, 0, "of {} answer sets", expected.len());
}

#[test]
fn the_scripts_own_unit_tests_pass() {
    if node().is_none() {
        eprintln!(
            "node not installed: browser-tests/form-unit.mjs runs in scripts/check-browser.sh"
        );
        return;
    }
    let out = Command::new("node")
        .arg(root().join("browser-tests/form-unit.mjs"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("passed"), "{stdout}");
}
