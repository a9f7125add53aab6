//! `coopai form`: the page holds exactly the role's questions with their options, escapes every
//! framework text, allows only its own script and style by hash, and embeds data its script
//! can read. The script's pure half is tested against the Rust it ports in src/form/tests.rs.

mod common;

use common::{coopai_in, crate_root};
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

/// The form labels each metadata box in the words `coopai assess` asks it with.
#[test]
fn the_metadata_is_labelled_as_assess_asks_it() {
    use coopai::assessment::MetaField;
    let fw = embedded();
    let lead = coopai::form::render(&fw, None);
    let staff = coopai::form::render(&fw, Some("staff"));
    let ids = [
        (MetaField::Council, "council"),
        (MetaField::System, "system"),
        (MetaField::Description, "description"),
        (MetaField::Stage, "stage"),
        (MetaField::Assessor, "assessor"),
        (MetaField::Team, "team"),
        (MetaField::Contact, "contact"),
        (MetaField::Service, "service"),
        (MetaField::Region, "region"),
        (MetaField::Phase, "phase"),
    ];
    assert_eq!(
        ids.map(|(f, _)| f),
        MetaField::ALL,
        "every field assess asks"
    );
    for (field, id) in ids {
        let label = format!("<label for=\"meta-{id}\">{}</label>", field.label());
        assert!(lead.contains(&label), "{label}");
    }
    let label = format!(
        "<label for=\"meta-pseudonym\">{}</label>",
        MetaField::Pseudonym.label()
    );
    assert!(staff.contains(&label), "{label}");
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

#[test]
fn a_scale_too_wide_for_a_radio_each_is_a_number_box() {
    let path = crate_root().join("tests/fixtures/frameworks/extreme-values.toml");
    let fw = coopai::framework::load_file(&path).unwrap().framework;
    let page = coopai::form::render(&fw, None);
    assert!(page.len() < 100_000, "{} bytes", page.len());
    let wide = fw
        .questions
        .iter()
        .find(|q| q.scale.as_ref().is_some_and(|s| s.max - s.min > 1000))
        .expect("the fixture has a wide scale");
    let id = &wide.id;
    assert!(page.contains(&format!(
        "<input class=\"number\" type=\"number\" id=\"answer-{id}\" step=\"1\""
    )));
    assert!(page.contains(&format!("type=\"checkbox\" id=\"answer-{id}-not-known\"")));
    assert!(
        !page.contains(&format!("name=\"answer-{id}\"")),
        "no radios"
    );
    // A narrow scale keeps its radios.
    let page = coopai::form::render(&embedded(), None);
    assert!(page.contains("type=\"radio\" name=\"answer-staff-confidence\" value=\"5\""));
}
