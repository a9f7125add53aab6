//! Responses (docs/answers-format.md#responses): one respondent's answers to their role's
//! questions, against the small framework with roles in tests/fixtures/responses/.
//!
//! - loading: each file under `good/` loads; each under `bad/` is refused with the codes
//!   listed below, and its diagnostics are snapshotted (the snapshot is the message's spec);
//! - the lead loader refuses a response, naming its role;
//! - the folder reader streams a responses folder in name order, reports what it cannot
//!   load by name and goes on, and refuses a pseudonym given twice;
//! - `coopai template --role` and `coopai assess --role --plain`, end to end.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

use common::{coopai, coopai_in, crate_root, redact_tmp, run_with_input, text, transcript};
use coopai::assessment::{
    self, LoadError, LoadedResponse, Response, Value, load_response_file, load_response_str,
    read_responses, responses_dir,
};
use coopai::diagnostics::FileDiagnostics;
use coopai::framework::Framework;

const FIXTURES: &str = "tests/fixtures/responses";
const FRAMEWORK: &str = "tests/fixtures/responses/framework.toml";

fn framework() -> Framework {
    match coopai::framework::load_file(&crate_root().join(FRAMEWORK)) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("the fixture framework loads: {e}"),
    }
}

/// Loads `FIXTURES/<file>`, named by its path from the crate root so messages are stable.
fn load(file: &str) -> Result<LoadedResponse, LoadError> {
    let name = format!("{FIXTURES}/{file}");
    let text = std::fs::read_to_string(crate_root().join(&name)).unwrap();
    load_response_str(&name, text, &framework())
}

fn loaded(file: &str) -> LoadedResponse {
    load(file).unwrap_or_else(|e| panic!("{file} does not load:\n{e}"))
}

fn codes(d: &FileDiagnostics) -> BTreeSet<&'static str> {
    d.items.iter().map(|i| i.code).collect()
}

#[test]
fn a_complete_response_loads_with_its_role_and_pseudonym() {
    let staff = loaded("good/staff.toml");
    assert!(staff.warnings.is_empty(), "{}", staff.warnings);
    let r = &staff.response;
    assert_eq!(r.respondent.role, "staff");
    assert_eq!(r.respondent.pseudonym.as_deref(), Some("r-07"));
    assert_eq!(r.name, "tests/fixtures/responses/good/staff.toml");
    assert_eq!(r.sha256.len(), 64);
    let ids: Vec<&str> = r.answers.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        ["comments", "explained", "involved", "staff-confidence"]
    );
    assert_eq!(r.answers["staff-confidence"].value, Value::Number(4.0));
    assert_eq!(
        r.answers["involved"].value,
        Value::Choices(vec!["consulted".into(), "designed".into()])
    );
}

#[test]
fn a_blank_pseudonym_is_none_and_notes_are_kept() {
    let resident = loaded("good/resident.toml").response;
    assert_eq!(resident.respondent.pseudonym, None);
    assert_eq!(resident.answers.len(), 1);
    assert_eq!(
        resident.notes["involved"],
        "I may have had a letter; I will check."
    );
    let dpo = loaded("good/dpo.toml").response;
    assert_eq!(dpo.answers["comments"].value, Value::NotKnown);
    assert_eq!(dpo.answers["retention-days"].value, Value::Number(365.5));
}

#[test]
fn answers_under_an_earlier_version_s_ids_move_with_warnings() {
    let moved = loaded("good/moved.toml");
    assert_eq!(
        codes(&moved.warnings),
        BTreeSet::from(["answer-moved", "framework-mismatch"])
    );
    assert_eq!(
        moved.response.answers["staff-confidence"].value,
        Value::Number(2.0)
    );
    insta::assert_snapshot!("good-moved", moved.warnings.to_string());
}

/// Each bad response is refused with exactly these codes, and its diagnostics snapshotted.
macro_rules! bad {
    ($($test:ident: $file:literal => [$($code:literal),*];)*) => {
        $(
            #[test]
            fn $test() {
                let file = concat!("bad/", $file);
                let diags = match load(file) {
                    Err(LoadError::Invalid(diags)) => diags,
                    Err(e) => panic!("{file}: not read: {e}"),
                    Ok(_) => panic!("{file} loads"),
                };
                let expected = BTreeSet::from([$($code),*]);
                assert_eq!(codes(&diags), expected, "{file}:\n{diags}");
                let name = concat!("bad-", $file).trim_end_matches(".toml");
                insta::assert_snapshot!(name, diags.to_string());
            }
        )*
    };
}

bad! {
    unknown_role: "unknown-role.toml" => ["not-a-respondent-role"];
    lead_role: "lead-role.toml" => ["not-a-respondent-role"];
    not_asked: "not-asked.toml" => ["not-asked-of-role"];
    email_pseudonym: "email-pseudonym.toml" => ["identifying-pseudonym"];
    phone_pseudonym: "phone-pseudonym.toml" => ["identifying-pseudonym"];
    lead_file: "lead-file.toml" => ["lead-as-response"];
    name_field: "name-field.toml" => ["invalid-toml"];
    no_respondent: "no-respondent.toml" => ["invalid-toml"];
    both_tables: "both-tables.toml" => ["invalid-toml"];
    answers_checked_as_a_lead_file_s: "answers.toml" => ["unknown-option", "out-of-range", "wrong-answer-type", "unknown-question"];
}

#[test]
fn every_response_check_has_a_bad_fixture() {
    use coopai::assessment::Check;
    use coopai::diagnostics::Code;
    let dir = crate_root().join(FIXTURES).join("bad");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Err(LoadError::Invalid(d)) = load(&format!("bad/{file}")) {
            found.extend(codes(&d));
        }
    }
    // Checked elsewhere: a pseudonym given twice needs a folder, a response given as a lead
    // answers file the lead loader.
    for check in [
        Check::NotARespondentRole,
        Check::NotAskedOfRole,
        Check::IdentifyingPseudonym,
        Check::LeadAsResponse,
    ] {
        assert!(
            found.contains(check.code()),
            "no bad fixture for {}",
            check.code()
        );
    }
}

#[test]
fn the_lead_loader_refuses_a_response_naming_its_role() {
    let out = coopai(&[
        "score",
        "--framework",
        FRAMEWORK,
        "tests/fixtures/responses/good/staff.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("score-a-response", transcript(&out));
}

#[test]
fn a_response_against_a_framework_without_roles_is_refused() {
    let text =
        std::fs::read_to_string(crate_root().join(FIXTURES).join("good/staff.toml")).unwrap();
    let minimal =
        coopai::framework::load_file(&crate_root().join("frameworks/example-minimal.toml"))
            .unwrap()
            .framework;
    let Err(LoadError::Invalid(d)) = load_response_str("staff.toml", text, &minimal) else {
        panic!("a response loads against a framework without roles");
    };
    assert!(codes(&d).contains("not-a-respondent-role"), "{d}");
    assert!(
        d.to_string().contains("declares no respondent roles"),
        "{d}"
    );
}

#[test]
fn responses_live_beside_the_lead_file() {
    assert_eq!(
        responses_dir(Path::new("assessments/triage.toml")),
        Path::new("assessments/triage.responses")
    );
    assert_eq!(
        responses_dir(Path::new("triage")),
        Path::new("triage.responses")
    );
    assert_eq!(
        responses_dir(Path::new("a/b.v2.toml")),
        Path::new("a/b.v2.responses")
    );
}

/// A responses folder in a temporary directory, filled from the fixtures and inline text.
struct Folder {
    tmp: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("lead.responses")).unwrap();
        Self { tmp }
    }

    fn dir(&self) -> PathBuf {
        self.tmp.path().join("lead.responses")
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) {
        std::fs::write(self.dir().join(name), contents).unwrap();
    }

    fn copy(&self, fixture: &str, name: &str) {
        std::fs::copy(
            crate_root().join(FIXTURES).join(fixture),
            self.dir().join(name),
        )
        .unwrap();
    }

    /// Reads the folder: the responses passed on, and what else was found.
    fn read(&self) -> (Vec<Response>, assessment::ResponsesRead) {
        let mut responses = Vec::new();
        let read = read_responses(&self.dir(), &framework(), |r| responses.push(r));
        (responses, read)
    }
}

fn file_names(responses: &[Response]) -> Vec<String> {
    responses
        .iter()
        .map(|r| {
            Path::new(&r.name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn a_folder_is_read_in_name_order_and_a_bad_file_does_not_stop_the_others() {
    let f = Folder::new();
    // Written out of order: the folder's order, not the writing's, is the one that counts.
    f.copy("good/dpo.toml", "08-dpo.toml");
    f.copy("good/moved.toml", "10-moved.toml");
    f.copy("good/staff.toml", "01-staff.toml");
    f.copy("good/resident.toml", "02-resident.toml");
    f.write("03-broken.toml", "[respondent\nrole = \"staff\"\n");
    f.write(
        "04-latin1.toml",
        b"[respondent]\nrole = \"staff\"\npseudonym = \"caf\xe9\"\n",
    );
    f.write(
        "06-repeat.toml",
        "[respondent]\nrole = \"resident\"\npseudonym = \" R-07 \"\n",
    );
    f.copy("bad/lead-file.toml", "07-lead.toml");
    f.write("notes.txt", "not a response");
    std::fs::create_dir(f.dir().join("old")).unwrap();
    f.copy("good/staff.toml", "old/01-staff.toml");

    let (responses, read) = f.read();
    assert_eq!(
        file_names(&responses),
        [
            "01-staff.toml",
            "02-resident.toml",
            "08-dpo.toml",
            "10-moved.toml"
        ]
    );
    assert_eq!((read.loaded, read.refused, read.warned), (4, 4, 1));
    assert!(read.has_errors());
    let shown = redact_tmp(&read.to_string(), f.tmp.path());
    for name in ["03-broken", "04-latin1", "06-repeat", "07-lead", "10-moved"] {
        assert!(shown.contains(name), "{name} is not named:\n{shown}");
    }
    insta::assert_snapshot!("folder", shown);
    assert_eq!(
        redact_tmp(&read.summary(), f.tmp.path()),
        "[TMP]/lead.responses: 4 responses, 4 files refused, 1 with warnings"
    );
}

#[test]
fn a_pseudonym_given_twice_keeps_the_first_file_and_names_both() {
    let f = Folder::new();
    let response =
        |pseudonym: &str| format!("[respondent]\nrole = \"staff\"\npseudonym = \"{pseudonym}\"\n");
    f.write("a.toml", response("kestrel"));
    f.write("b.toml", response("Kestrel"));
    f.write("c.toml", response("heron"));
    f.write("d.toml", response("KESTREL "));
    f.write("e.toml", "[respondent]\nrole = \"staff\"\n");
    f.write("f.toml", "[respondent]\nrole = \"staff\"\n");
    let (responses, read) = f.read();
    // No pseudonym is no pseudonym twice.
    assert_eq!(
        file_names(&responses),
        ["a.toml", "c.toml", "e.toml", "f.toml"]
    );
    assert_eq!(read.refused, 2);
    let shown = redact_tmp(&read.to_string(), f.tmp.path());
    assert!(shown.contains("error[duplicate-pseudonym]"), "{shown}");
    assert!(
        shown.contains("[TMP]/lead.responses/b.toml:3:13"),
        "{shown}"
    );
    assert!(
        shown.contains("the same pseudonym as [TMP]/lead.responses/a.toml"),
        "{shown}"
    );
    insta::assert_snapshot!("duplicate-pseudonym", shown);
}

#[test]
fn a_pseudonym_is_found_again_many_files_later() {
    // More files than are read at once, so the first of a pair is read well before the other.
    let f = Folder::new();
    for i in 0..600 {
        let pseudonym = match i {
            3 | 301 | 599 => "heron".to_string(),
            7 | 8 => "wren".to_string(),
            _ => format!("p-{i}"),
        };
        f.write(
            &format!("{i:04}.toml"),
            format!("[respondent]\nrole = \"dpo\"\npseudonym = \"{pseudonym}\"\n"),
        );
    }
    let (responses, read) = f.read();
    assert_eq!(responses.len(), 597);
    assert_eq!(read.refused, 3);
    let shown = redact_tmp(&read.to_string(), f.tmp.path());
    for (later, first) in [("0008", "0007"), ("0301", "0003"), ("0599", "0003")] {
        let expected = format!(
            "[TMP]/lead.responses/{later}.toml is left out; [TMP]/lead.responses/{first}.toml is kept"
        );
        assert!(shown.contains(&expected), "{expected}:\n{shown}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_opened_is_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let f = Folder::new();
    f.copy("good/staff.toml", "a.toml");
    f.copy("good/dpo.toml", "b.toml");
    let locked = f.dir().join("b.toml");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        return; // running as root: permissions do not stop reading
    }
    let (responses, read) = f.read();
    assert_eq!(file_names(&responses), ["a.toml"]);
    assert_eq!(read.refused, 1);
    let shown = read.to_string();
    assert!(
        shown.contains("b.toml: cannot read: Permission denied"),
        "{shown}"
    );
}

#[test]
fn no_folder_is_no_responses_and_a_file_in_its_place_is_an_error() {
    let f = Folder::new();
    let fw = framework();
    let missing = f.tmp.path().join("other.responses");
    let read = read_responses(&missing, &fw, |_| panic!("a response from nowhere"));
    assert_eq!((read.loaded, read.refused), (0, 0));
    assert!(read.to_string().is_empty());
    let file = f.tmp.path().join("file.responses");
    std::fs::write(&file, "").unwrap();
    let read = read_responses(&file, &fw, |_| panic!("a response from a file"));
    assert_eq!(read.refused, 1);
    assert!(
        read.to_string()
            .contains("is a file, where the folder of responses should be"),
        "{read}"
    );
}

#[test]
fn only_the_first_diagnostics_are_kept_and_the_rest_counted() {
    let f = Folder::new();
    let extra = 7;
    for i in 0..assessment::KEPT + extra {
        f.write(
            &format!("bad-{i:03}.toml"),
            "[respondent]\nrole = \"nobody\"\n",
        );
        f.write(
            &format!("old-{i:03}.toml"),
            "[respondent]\nrole = \"staff\"\n[framework]\nid = \"responses-example\"\nversion = \"0.9.0\"\n",
        );
    }
    let (responses, read) = f.read();
    assert_eq!(responses.len(), assessment::KEPT + extra);
    assert_eq!(read.errors.len(), assessment::KEPT);
    assert_eq!(read.warnings.len(), assessment::KEPT);
    assert_eq!(read.refused, assessment::KEPT + extra);
    assert_eq!(read.warned, assessment::KEPT + extra);
    let shown = read.to_string();
    assert!(
        shown.contains(&format!("error: {extra} more files in ")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("warning: {extra} more files in ")),
        "{shown}"
    );
}

#[test]
fn template_role_lists_only_the_role_s_questions_in_its_wording() {
    let out = coopai(&["template", "--framework", FRAMEWORK, "--role", "resident"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let template = text(&out.stdout);
    insta::assert_snapshot!("template-resident", template);
    assert!(!template.contains("[assessment]"));
    assert!(template.contains("Has the council explained to you how the system affects you?"));
    // Blank, it loads as a response with nothing answered.
    let back = load_response_str("template.toml", template, &framework())
        .unwrap_or_else(|e| panic!("the template does not load back:\n{e}"));
    assert!(back.warnings.is_empty(), "{}", back.warnings);
    assert_eq!(back.response.respondent.role, "resident");
    assert!(back.response.answers.is_empty());
    // Every respondent role's template loads back, asking the role's questions.
    let fw = framework();
    for role in assessment::respondent_role_ids(&fw) {
        let template = assessment::response_template(&fw, role);
        let asked = fw.questions_for(role).count();
        assert_eq!(template.matches("[answers.").count(), asked, "{role}");
        assert!(load_response_str("t.toml", template, &fw).is_ok(), "{role}");
    }
}

#[test]
fn template_for_the_lead_role_is_the_ordinary_template() {
    let lead = coopai(&["template", "--framework", FRAMEWORK, "--role", "officer"]);
    let plain = coopai(&["template", "--framework", FRAMEWORK]);
    assert_eq!(lead.status.code(), Some(0));
    assert_eq!(text(&lead.stdout), text(&plain.stdout));
}

#[test]
fn template_for_an_unknown_role_exits_2_naming_the_roles() {
    let out = coopai(&["template", "--framework", FRAMEWORK, "--role", "tenant"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!("template-unknown-role", text(&out.stderr));
    let out = coopai(&[
        "template",
        "--framework",
        "frameworks/example-minimal.toml",
        "--role",
        "staff",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("declares no respondent roles"),
        "{}",
        text(&out.stderr)
    );
}

/// A temporary folder holding a copy of the fixture framework, to run `coopai assess` in.
fn assess_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(crate_root().join(FRAMEWORK), tmp.path().join("roles.toml")).unwrap();
    tmp
}

fn assess(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    let mut command = common::command();
    command
        .current_dir(dir)
        .args(["assess", "--framework", "roles.toml", "--plain"])
        .args(args);
    run_with_input(command, input)
}

/// A staff member's session: an email address refused as pseudonym, then one, then the
/// staff questions in their wording (one skipped), and q to save and quit.
const STAFF_SCRIPT: &str = "\
jo.bloggs@testshire.gov.uk
kestrel
yes
I explain its suggestions at the counter
5

s
The rota changed without notice
-
q
";

#[test]
fn assess_role_asks_the_role_s_questions_and_saves_a_response() {
    let dir = assess_dir();
    let out = assess(dir.path(), &["--role", "staff"], STAFF_SCRIPT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = transcript(&out);
    assert!(
        !shown.contains("Council proposing"),
        "the lead's metadata is asked"
    );
    assert!(
        shown.contains("Not accepted: that looks like an email address"),
        "{shown}"
    );
    insta::assert_snapshot!("assess-staff-transcript", shown);
    let path = dir.path().join("responses/staff-1.toml");
    let saved = std::fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("assess-staff-response", saved);
    let r = load_response_file(&path, &framework())
        .unwrap_or_else(|e| panic!("the saved response does not load:\n{e}"))
        .response;
    assert_eq!(r.respondent.role, "staff");
    assert_eq!(r.respondent.pseudonym.as_deref(), Some("kestrel"));
    let ids: Vec<&str> = r.answers.keys().map(String::as_str).collect();
    assert_eq!(ids, ["comments", "explained", "staff-confidence"]);

    // A second respondent never overwrites the first.
    let out = assess(dir.path(), &["--role", "staff"], "\nno\n\nq\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("responses/staff-2.toml").is_file());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn assess_role_resumes_a_response_of_its_role_only() {
    let dir = assess_dir();
    let out = assess(dir.path(), &["--role", "staff"], STAFF_SCRIPT);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The skipped question is the one a resumed session asks first.
    let out = assess(
        dir.path(),
        &["--role", "staff", "--resume", "responses/staff-1.toml"],
        "designed\n\nq\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("How were staff and residents involved"),
        "{shown}"
    );
    assert!(shown.contains("All 4 questions answered."), "{shown}");
    let r = load_response_file(&dir.path().join("responses/staff-1.toml"), &framework())
        .unwrap()
        .response;
    assert_eq!(r.answers.len(), 4);
    assert_eq!(r.respondent.pseudonym.as_deref(), Some("kestrel"));

    let out = assess(
        dir.path(),
        &["--role", "resident", "--resume", "responses/staff-1.toml"],
        "q\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("a response for role `staff`, not `resident`; continue it with --role staff"),
        "{}",
        text(&out.stderr)
    );
    // The lead's own interview refuses a response, and says how to go on with it.
    let out = assess(dir.path(), &["--resume", "responses/staff-1.toml"], "q\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("error[response-as-lead]"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn assess_role_never_overwrites_and_refuses_an_unknown_role() {
    let dir = assess_dir();
    std::fs::write(dir.path().join("mine.toml"), "kept").unwrap();
    let out = assess(dir.path(), &["--role", "dpo", "-o", "mine.toml"], "q\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("mine.toml: already exists; continue it with `coopai assess --role dpo --resume mine.toml`"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.toml")).unwrap(),
        "kept"
    );
    let out = coopai_in(
        dir.path(),
        &[
            "assess",
            "--framework",
            "roles.toml",
            "--plain",
            "--role",
            "tenant",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown role `tenant`: framework `responses-example` has roles officer (lead), staff, resident, dpo"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_mistyped_role_is_refused_with_the_role_it_looks_like() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(crate_root().join(FRAMEWORK), dir.path().join("roles.toml")).unwrap();
    for command in ["template", "form", "assess"] {
        let out = coopai_in(
            dir.path(),
            &[
                command,
                "--framework",
                "roles.toml",
                "--role",
                "resdent",
                "-o",
                "out",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            text(&out.stderr).contains("unknown role `resdent`: framework `responses-example` has roles officer (lead), staff, resident, dpo; did you mean `resident`?"),
            "{command}: {}",
            text(&out.stderr)
        );
        assert!(!dir.path().join("out").exists(), "{command} wrote nothing");
    }
}

#[test]
fn assess_role_into_a_responses_folder_says_it_counts_there() {
    let dir = assess_dir();
    let out = assess(
        dir.path(),
        &["--role", "resident", "-o", "triage.responses/r-1.toml"],
        "\nno\n\nq\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("It counts in the assessment triage.toml as one of its responses."),
        "{shown}"
    );
    let mut seen = Vec::new();
    let read = read_responses(
        &responses_dir(&dir.path().join("triage.toml")),
        &framework(),
        |r| seen.push(r),
    );
    assert_eq!((read.loaded, read.refused), (1, 0), "{read}");
    assert_eq!(
        seen[0].answers["explained"].value,
        Value::Choice("no".into())
    );
}

#[test]
fn the_complete_response_in_the_answers_docs_loads_cleanly() {
    let doc = std::fs::read_to_string(crate_root().join("docs/answers-format.md")).unwrap();
    let start = doc.find("### A complete response").expect("the section");
    let block = doc[start..]
        .split("```toml\n")
        .nth(1)
        .expect("a TOML block");
    let example = &block[..block.find("```").expect("the block's end")];
    let loaded = load_response_str("example.toml", example.to_string(), &framework())
        .unwrap_or_else(|e| panic!("the docs' response does not load:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{}", loaded.warnings);
    assert_eq!(loaded.response.answers.len(), 2);
}
