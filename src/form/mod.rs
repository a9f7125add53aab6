//! The offline form (`coopai form`): the framework's questions for one role as one
//! self-contained HTML page that a respondent opens in any browser, answers and saves as an
//! answers file coopai reads like any other. Another way to answer, beside the interview.
//!
//! The page is a printable list of the questions (rendered here, [`page`]) that the inline
//! script turns into the live form. The script is three plain JavaScript files, never built,
//! only put one after the other: `answers.js` (the answers-file writer and reader) and
//! `rules.js` (which questions apply, the pseudonym rule), its pure parts, ported from the
//! assessment module and tested against it in Node; then `page.js`, the rest. The script and the stylesheet are allowed by their sha256 in
//! the page's Content-Security-Policy, which allows nothing else: no connection, no other
//! script, no form submission.

mod data;
mod page;

use maud::{DOCTYPE, PreEscaped, html};

use crate::framework::Framework;
use crate::report::html::{csp_hash, head};

pub use data::LEAD_WITHOUT_ROLES;

const CSS: &str = include_str!("form.css");
/// The script's files, in the order the page runs them.
const SCRIPTS: [&str; 3] = [
    include_str!("answers.js"),
    include_str!("rules.js"),
    include_str!("page.js"),
];

/// The form of `role` (a respondent role the caller has checked) or, with `None`, the lead's
/// form of every question.
pub fn render(fw: &Framework, role: Option<&str>) -> String {
    let lead = fw.lead_role();
    let (role_name, role_description) = match role.and_then(|r| fw.role(r)).or(lead) {
        Some(r) => (r.name.as_str(), r.description.as_str()),
        None => ("the lead officer", ""),
    };
    let questions: Vec<_> = match role {
        Some(role) => fw.questions_for(role).collect(),
        None => fw.interview_order(),
    };
    let audience = page::Audience {
        role_name,
        role_description,
        respondent: role,
    };
    let json = data::to_json(&data::form_data(fw, role));
    let script = SCRIPTS.join("\n");
    let csp = content_security_policy(&script, CSS);
    let page = html! {
        (DOCTYPE)
        html lang="en-GB" class="no-js" {
            (head(html! { (fw.title) ": questions for " (role_name) }, &[CSS], Some(&csp), "coopai"))
            body {
                (page::body(fw, &audience, &questions))
                script type="application/json" #form-data { (PreEscaped(json)) }
                script { (PreEscaped(script)) }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// Allows the one inline script and stylesheet by hash, and nothing else.
fn content_security_policy(script: &str, style: &str) -> String {
    format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'",
        csp_hash(script),
        csp_hash(style)
    )
}

#[cfg(test)]
mod tests;
