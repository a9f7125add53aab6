//! `coopai form`: the page holds exactly the role's questions with their options, escapes every
//! framework text, allows only its own script and style by hash, and embeds data its script
//! can read. When node is installed, the script's pure half (src/form/logic.js) is run against
//! the Rust it ports: the same answers files byte for byte, the same questions applying.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{coopai_in, crate_root};
use coopai::assessment::{Assessment, Response, Value, applicability, response_to_toml, to_toml};
use coopai::framework::{Framework, embedded};
use sha2::{Digest, Sha256};

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close}"));
    &text[start..start + end]
}

fn base64(bytes: &[u8]) -> String {
    // Test-side encoder, written independently of the generator's.
    let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while bits.len() % 6 != 0 {
        bits.push('0');
    }
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| table[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char)
        .collect();
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// The page's embedded form data.
fn form_json(page: &str) -> serde_json::Value {
    let json = between(
        page,
        "<script id=\"form-data\" type=\"application/json\">",
        "</script>",
    );
    serde_json::from_str(json).expect("the embedded data is JSON")
}

fn framework(text: &str) -> Framework {
    match coopai::framework::load_str("test.toml", text.to_string()) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}

fn minimal() -> String {
    std::fs::read_to_string(crate_root().join("frameworks/example-minimal.toml")).unwrap()
}

#[test]
fn the_csp_allows_exactly_the_inline_script_and_style() {
    let page = coopai::form::render(&embedded(), None);
    let csp = between(
        &page,
        "http-equiv=\"Content-Security-Policy\" content=\"",
        "\"",
    );
    let style = between(&page, "<style>", "</style>");
    let script = between(&page, "</script><script>", "</script>");
    assert!(script.contains("answersFile"), "not the form's script");
    assert_eq!(
        csp,
        format!(
            "default-src 'none'; script-src {}; style-src {}; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'",
            csp_hash(script),
            csp_hash(style)
        )
    );
    assert_eq!(
        page.matches("<script").count(),
        2,
        "one data block, one script"
    );
    assert_eq!(page.matches("<style").count(), 1);
    assert_eq!(
        page.matches("</script").count(),
        2,
        "nothing closes a script early"
    );
    assert_eq!(page.matches("</style").count(), 1);
    assert!(
        !page.contains("<!--"),
        "no comment can open inside a script"
    );
    assert!(
        !page.contains(" style="),
        "a style attribute would be blocked"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no outside address"
    );
}

#[test]
fn framework_text_appears_only_escaped() {
    let hostile = "</script><img src=x onerror=alert(1)> <b>bold</b> & \"quoted\"";
    let text = minimal()
        .replace(
            "prompt = \"What part does the system play in decisions about individual residents?\"",
            &format!("prompt = {}", toml_string(hostile)),
        )
        .replace(
            "label = \"It makes the decision\"",
            &format!("label = {}", toml_string(hostile)),
        )
        .replace(
            "title = \"Co-production\"",
            &format!("title = {}", toml_string(hostile)),
        );
    let fw = framework(&text);
    let page = coopai::form::render(&fw, None);
    assert!(!page.contains("<img"), "markup from the framework");
    assert!(!page.contains("<b>"), "markup from the framework");
    let escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;";
    assert!(page.matches(escaped).count() >= 3, "shown as text");
    // The script element's content, and the data's, cannot be closed early.
    assert_eq!(page.matches("</script>").count(), 2);
    let data = form_json(&page);
    let comments = data["layout"]["questions"][0]["comments"].as_str().unwrap();
    assert!(
        comments.contains("</script><img"),
        "the data keeps the text itself"
    );
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Question ids of the page's fieldsets, in page order.
fn fieldsets(page: &str) -> Vec<String> {
    page.split("<fieldset class=\"question\" id=\"q-")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn each_form_lists_exactly_its_roles_questions_with_every_option() {
    let fw = embedded();
    let mut roles: Vec<Option<&str>> = vec![None];
    roles.extend(fw.roles.iter().skip(1).map(|r| Some(r.id.as_str())));
    for role in roles {
        let page = coopai::form::render(&fw, role);
        let lead = fw.lead_role().unwrap().id.as_str();
        let expected: Vec<String> = fw
            .questions_for(role.unwrap_or(lead))
            .map(|q| q.id.clone())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(fieldsets(&page), expected, "{role:?}");
        let data = form_json(&page);
        let named: Vec<&str> = data["layout"]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap())
            .collect();
        assert_eq!(named, expected, "{role:?}: the data names the questions");
        assert_eq!(data["role"], role.unwrap_or(lead));
        assert_eq!(
            data["storage_key"],
            format!("coopai-form:{}:{}", fw.sha256, role.unwrap_or(lead))
        );
        for q in fw.questions_for(role.unwrap_or(lead)) {
            let prompt = role.map_or(q.prompt.as_str(), |r| q.prompt_for(r));
            assert!(
                page.contains(&format!("<legend>{}</legend>", html_text(prompt))),
                "{}: prompt in the role's wording",
                q.id
            );
            for o in &q.options {
                let id = format!("answer-{}-{}", q.id, o.id);
                assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
                assert!(
                    page.contains(&format!(
                        "<label for=\"{id}\">{}</label>",
                        html_text(&o.label)
                    )),
                    "{id}: label"
                );
            }
            assert!(page.contains(&format!("id=\"evidence-{}\"", q.id)));
            if !q.help.is_empty() {
                assert!(page.contains(&html_text(&q.help)), "{}: help", q.id);
            }
        }
        assert!(page.contains("Answering on paper"));
        assert!(page.contains("Nothing you type here is sent anywhere."));
    }
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn the_lead_form_asks_for_the_metadata_and_a_respondents_for_a_pseudonym() {
    let fw = embedded();
    let lead = coopai::form::render(&fw, None);
    for field in [
        "council",
        "system",
        "description",
        "stage",
        "assessor",
        "date",
        "status",
        "team",
        "contact",
        "service",
        "region",
        "phase",
    ] {
        assert!(lead.contains(&format!("id=\"meta-{field}\"")), "{field}");
        assert!(
            lead.contains(&format!("for=\"meta-{field}\"")),
            "{field} labelled"
        );
    }
    assert!(!lead.contains("id=\"meta-pseudonym\""));
    let staff = coopai::form::render(&fw, Some("staff"));
    assert!(staff.contains("id=\"meta-pseudonym\""));
    assert!(!staff.contains("id=\"meta-council\""));
}

#[test]
fn the_command_writes_the_page_and_refuses_an_unknown_role() {
    let dir = tempfile::tempdir().unwrap();
    let out = coopai_in(dir.path(), &["form", "--role", "resident", "-o", "f.html"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown role `resident`"), "{stderr}");
    assert!(stderr.contains("residents"), "{stderr}");
    let out = coopai_in(dir.path(), &["form", "--role", "residents", "-o", "f.html"]);
    assert!(out.status.success(), "{out:?}");
    let page = std::fs::read_to_string(dir.path().join("f.html")).unwrap();
    assert_eq!(page, coopai::form::render(&embedded(), Some("residents")));
    let again = coopai_in(dir.path(), &["form", "-o", "f.html"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file needs --force"
    );
    let forced = coopai_in(dir.path(), &["form", "-o", "f.html", "--force"]);
    assert!(forced.status.success());
    let lead = std::fs::read_to_string(dir.path().join("f.html")).unwrap();
    assert_eq!(
        lead,
        coopai::form::render(&embedded(), None),
        "deterministic"
    );
}

// ---- The script's pure half against the Rust it ports (needs node) ----

fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

/// Runs `script` in node with `input` on stdin, with `logic` the form's logic.js.
fn run_node(script: &str, input: &serde_json::Value) -> serde_json::Value {
    let logic = crate_root().join("src/form/logic.js");
    let program = format!(
        "const logic = require({});\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n{script}",
        serde_json::to_string(&logic).unwrap()
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
    let lead_data = form_json(&coopai::form::render(&fw, None));
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    let mut assessments: Vec<Assessment> = answers_files(&crate_root().join("assessments"))
        .iter()
        .map(|p| coopai::assessment::load_file(p, &fw).unwrap().assessment)
        .collect();
    assessments.push(awkward_assessment(&fw));
    for a in &assessments {
        cases.push(serde_json::json!({ "data": lead_data, "state": js_state(a, None) }));
        expected.push(to_toml(&fw, a));
    }
    let responses = crate_root().join("assessments/adult-social-care-triage.responses");
    let mut responses: Vec<Response> = answers_files(&responses)
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            coopai::assessment::load_response_str("r.toml", text, &fw)
                .unwrap()
                .response
        })
        .collect();
    let mut odd = responses[0].clone();
    odd.respondent.pseudonym = Some("kestrel \"k\" \\ 🐦".into());
    responses.push(odd);
    for r in &responses {
        let role = r.respondent.role.as_str();
        let data = form_json(&coopai::form::render(&fw, Some(role)));
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
    let back = coopai::assessment::load_str("form.toml", text.clone(), &fw)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .assessment;
    assert_eq!(back.meta, awkward.meta);
    assert_eq!(back.answers, awkward.answers);
    assert_eq!(back.notes, awkward.notes);
    assert_eq!(back.private, awkward.private);
    // A form-made file edited by hand gets the loader's usual diagnostics.
    let edited = text.replacen("answer = \"trained\"", "answer = \"trainde\"", 1);
    assert_ne!(edited, text);
    let error = match coopai::assessment::load_str("form.toml", edited, &fw) {
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
        framework: Some(coopai::assessment::FrameworkRef::of(fw)),
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
    a.meta.stage = Some(coopai::framework::Stage::Pilot);
    a.meta.phase = Some(coopai::assessment::Phase::PublicBeta);
    let mut texts = awkward.iter().cycle();
    let mut i = 0;
    for q in fw.interview_order() {
        i += 1;
        let value = match q.kind {
            coopai::framework::QuestionKind::Text => Value::Text((*texts.next().unwrap()).into()),
            coopai::framework::QuestionKind::Number => Value::Number(2.5),
            coopai::framework::QuestionKind::Scale => {
                Value::Number(q.scale.as_ref().unwrap().min as f64)
            }
            coopai::framework::QuestionKind::Multiple => {
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
            coopai::assessment::Answer {
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
  return logic.applicability(fw, new Map(c.answers), c.stage);
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
    use coopai::framework::QuestionKind;
    let mut a = Assessment::default();
    a.meta.stage = [None]
        .into_iter()
        .chain(coopai::framework::Stage::ALL.map(Some))
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
            coopai::assessment::Answer {
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
        for path in answers_files(&crate_root().join(dir)) {
            if let Ok(loaded) = coopai::framework::load_file(&path) {
                frameworks.push(loaded.framework);
            }
        }
    }
    let data: Vec<serde_json::Value> = frameworks
        .iter()
        .map(|fw| form_json(&coopai::form::render(fw, None)))
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (f, fw) in frameworks.iter().enumerate() {
        for _ in 0..40 {
            let a = random_assessment(fw, &mut rng);
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
            expected.push(applicability(fw, &a));
        }
    }
    assert!(frameworks.len() > 10, "the fixtures were found");
    let got = run_node(
        APPLIES,
        &serde_json::json!({ "data": data, "cases": cases }),
    );
    let mut differing = 0;
    for (i, want) in expected.iter().enumerate() {
        let got: Vec<bool> = serde_json::from_value(got[i].clone()).unwrap();
        if &got != want {
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
        .arg(crate_root().join("browser-tests/form-unit.mjs"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("passed"), "{stdout}");
}
