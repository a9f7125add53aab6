//! The form's HTML: every question of the role with its options and help, as a list that
//! reads and prints without the script, which turns it into the live form. maud escapes
//! every piece of framework text it interpolates. The ids and names are the page contract
//! in docs/form.md ("Page structure"), which the browser tests drive.

use maud::{Markup, html};

use crate::assessment::{MetaField, Phase};
use crate::framework::{Framework, Question, QuestionKind, Stage};

/// Who the form is for.
pub struct Audience<'a> {
    /// The role's name, as the framework gives it ("Lead officer").
    pub role_name: &'a str,
    pub role_description: &'a str,
    /// The respondent role, or none for the lead.
    pub respondent: Option<&'a str>,
}

/// The page's `<body>` content, before the scripts.
pub fn body(fw: &Framework, audience: &Audience<'_>, questions: &[&Question]) -> Markup {
    let sections = sections(fw, questions);
    let returned = match audience.respondent {
        None => html! { "Then type the answers in with " code { "coopai assess" } "." },
        Some(role) => html! {
            "Give the pages to the lead officer, who types the answers in with "
            code { "coopai assess --role " (role) } "."
        },
    };
    html! {
        header {
            p.kicker { (fw.title) " " (fw.version) }
            h1 { "Questions for " (audience.role_name) }
            @if !audience.role_description.is_empty() {
                p { (audience.role_description) }
            }
            p.notice #privacy {
                strong { "Nothing you type here is sent anywhere." }
                " Your answers stay on this computer: this browser keeps them as you go, so you can close the page and come back, and “Save answers file” puts them in a file on your computer for you to send to whoever asked you. The page makes no connection to the internet."
            }
        }
        section.paper-only #on-paper aria-labelledby="on-paper-title" {
            h2 #on-paper-title { "Answering on paper" }
            p {
                "Print this page. For each question, tick one box (or every box that applies where it says so), or write your answer in the space, and add what your answer rests on if you can. "
                (returned)
            }
            p { "Some questions are asked only when an earlier answer makes them relevant; each says when. Leave the others blank." }
        }
        div.tools #tools hidden {
            button type="button" #save-answers { "Save answers file" }
            label.file-button for="open-answers" { "Open an answers file" }
            input type="file" #open-answers accept=".toml";
            button type="button" #clear-answers { "Start again" }
        }
        div.confirm #confirm-clear hidden role="group" aria-labelledby="confirm-clear-text" tabindex="-1" {
            p #confirm-clear-text { "Clear every answer on this page and start again? Files you have saved are not changed." }
            button type="button" #confirm-clear-yes { "Yes, clear my answers" }
            button type="button" #confirm-clear-no { "No, keep them" }
        }
        div.confirm #confirm-open hidden role="group" aria-labelledby="confirm-open-text" tabindex="-1" {
            p #confirm-open-text {}
            ul #confirm-open-list {}
            button type="button" #confirm-open-yes { "Continue with the matching answers" }
            button type="button" #confirm-open-no { "Cancel" }
        }
        div #messages role="status" {}
        div.progress #progress-box hidden {
            p #progress {}
            progress #progress-bar max="1" value="0" aria-labelledby="progress" {}
        }
        main #questions {
            (details(audience))
            @for (title, summary, qs) in &sections {
                section.section {
                    h2 { (title) }
                    @if !summary.is_empty() {
                        p.summary { (summary) }
                    }
                    @for q in qs {
                        (question(q, audience.respondent))
                    }
                }
            }
        }
        footer {
            p { "Made with coopai, the co-operative values assessment tool for council AI systems. This page works offline and needs nothing installed." }
        }
    }
}

/// The questions under their section titles, with the principle's summary.
fn sections<'a>(
    fw: &'a Framework,
    questions: &[&'a Question],
) -> Vec<(&'a str, &'a str, Vec<&'a Question>)> {
    let mut out: Vec<(&str, &str, Vec<&Question>)> = Vec::new();
    for q in questions {
        let title = fw.section_title(q);
        match out.last_mut() {
            Some((last, _, qs)) if *last == title => qs.push(q),
            _ => {
                let summary = q
                    .principle
                    .as_deref()
                    .and_then(|p| fw.principle(p))
                    .map_or("", |p| p.summary.as_str());
                out.push((title, summary, vec![q]));
            }
        }
    }
    out
}

/// The respondent's details: the assessment's metadata for the lead, an optional pseudonym
/// for anyone else.
fn details(audience: &Audience<'_>) -> Markup {
    if audience.respondent.is_some() {
        return html! {
            fieldset.details #details {
                legend { "About you" }
                div.field {
                    label for="meta-pseudonym" { (MetaField::Pseudonym.label()) }
                    p.hint #meta-pseudonym-hint { "Such as r-07 or kestrel. The reports are shared." }
                    input type="text" #meta-pseudonym autocomplete="off" aria-describedby="meta-pseudonym-hint";
                    p.error #meta-pseudonym-error hidden {}
                }
            }
        };
    }
    let stages: Vec<&str> = Stage::names().collect();
    let phases: Vec<&str> = Phase::names().collect();
    html! {
        fieldset.details #details {
            legend { "About the assessment" }
            (text_field("meta-council", MetaField::Council.label(), ""))
            (text_field("meta-system", MetaField::System.label(), ""))
            div.field {
                label for="meta-description" { (MetaField::Description.label()) }
                textarea #meta-description rows="3" {}
            }
            (select_field("meta-stage", MetaField::Stage.label(), &stages, true))
            (text_field("meta-assessor", MetaField::Assessor.label(), ""))
            (text_field("meta-date", "Date of the assessment", "As YYYY-MM-DD, for example 2026-11-23."))
            (select_field("meta-status", "Status", &["draft", "in-review", "final"], false))
            (text_field("meta-team", MetaField::Team.label(), ""))
            (text_field("meta-contact", MetaField::Contact.label(), ""))
            (text_field("meta-service", MetaField::Service.label(), ""))
            (text_field("meta-region", MetaField::Region.label(), ""))
            (select_field("meta-phase", MetaField::Phase.label(), &phases, true))
        }
    }
}

fn text_field(id: &str, label: &str, hint: &str) -> Markup {
    let hint_id = format!("{id}-hint");
    html! {
        div.field {
            label for=(id) { (label) }
            @if hint.is_empty() {
                input type="text" id=(id);
            } @else {
                p.hint id=(hint_id) { (hint) }
                input type="text" id=(id) aria-describedby=(hint_id);
            }
        }
    }
}

/// A choice of names; with `blank`, "Not recorded" first (written `""`).
fn select_field(id: &str, label: &str, names: &[&str], blank: bool) -> Markup {
    html! {
        div.field {
            label for=(id) { (label) }
            select id=(id) {
                @if blank {
                    option value="" { "Not recorded" }
                }
                @for name in names {
                    option value=(name) { (name.replace('-', " ")) }
                }
            }
        }
    }
}

/// One question as a fieldset: its prompt as the legend, the options, the help, and a box
/// for evidence.
fn question(q: &Question, respondent: Option<&str>) -> Markup {
    let prompt = respondent.map_or(q.prompt.as_str(), |role| q.prompt_for(role));
    let answer = format!("answer-{}", q.id);
    let not_known = format!("{answer}-not-known");
    let wide = wide_scale(q);
    let radios = match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => true,
        QuestionKind::Scale => wide.is_none(),
        _ => false,
    };
    html! {
        fieldset.question id=(format!("q-{}", q.id)) data-question=(q.id) {
            legend { (prompt) }
            p.how { (how(q)) }
            @match q.kind {
                QuestionKind::Single | QuestionKind::YesNo | QuestionKind::Multiple => {
                    div.options {
                        @for o in &q.options {
                            (choice(q, &answer, &o.id, &o.label))
                        }
                        @if radios && q.not_known {
                            (choice(q, &answer, "not known", "Not known"))
                        }
                    }
                }
                QuestionKind::Scale if wide.is_some() => {
                    @if let Some(s) = wide {
                        label.answer-label for=(answer) { "Your answer: a whole number from " (s.min) " to " (s.max) }
                        input.number type="number" id=(answer) step="1" inputmode="numeric" min=(s.min) max=(s.max);
                    }
                }
                QuestionKind::Scale => {
                    div.options.scale {
                        @if let Some(s) = &q.scale {
                            @for n in s.min..=s.max {
                                @let label = scale_label(s, n);
                                (choice(q, &answer, &n.to_string(), &label))
                            }
                        }
                        @if q.not_known {
                            (choice(q, &answer, "not known", "Not known"))
                        }
                    }
                }
                QuestionKind::Number => {
                    @let spec = q.number.as_ref();
                    label.answer-label for=(answer) { "Your answer" @if let Some(unit) = spec.and_then(|n| n.unit.as_deref()) { " (" (unit) ")" } }
                    input.number type="number" id=(answer) step="any" inputmode="decimal"
                        min=[spec.and_then(|n| n.min)] max=[spec.and_then(|n| n.max)];
                }
                QuestionKind::Text => {
                    label.answer-label for=(answer) { "Your answer" }
                    textarea id=(answer) rows="3" {}
                }
            }
            @if !radios && q.not_known {
                div.not-known {
                    input type="checkbox" id=(not_known);
                    label for=(not_known) { "Not known" }
                }
            }
            @if let Some(when) = &q.when {
                p.when.paper-only { "Asked only when " (when) "." }
            }
            @if !q.help.is_empty() {
                p.help { strong { "Why we ask: " } (q.help) }
            }
            div.evidence {
                label for=(format!("evidence-{}", q.id)) { "Evidence (optional): what your answer rests on" }
                textarea id=(format!("evidence-{}", q.id)) rows="2" {}
            }
        }
    }
}

/// Scales with more values than this are answered in a number box: a radio for each of a
/// million values would make a page no one could use or download.
pub const MOST_SCALE_RADIOS: i64 = 50;

/// The question's scale, when it is too wide for a radio each.
fn wide_scale(q: &Question) -> Option<&crate::framework::Scale> {
    q.scale
        .as_ref()
        .filter(|s| s.max.saturating_sub(s.min) >= MOST_SCALE_RADIOS)
}

/// A radio (or, for multiple choice, a checkbox) and its label.
fn choice(q: &Question, name: &str, value: &str, label: &str) -> Markup {
    let id = if value == "not known" {
        format!("{name}-not-known")
    } else {
        format!("{name}-{value}")
    };
    let kind = if q.kind == QuestionKind::Multiple {
        "checkbox"
    } else {
        "radio"
    };
    html! {
        div {
            input type=(kind) name=(name) value=(value) id=(id);
            label for=(id) { (label) }
        }
    }
}

fn scale_label(s: &crate::framework::Scale, n: i64) -> String {
    let end = if n == s.min {
        s.min_label.as_deref()
    } else if n == s.max {
        s.max_label.as_deref()
    } else {
        None
    };
    end.map_or(n.to_string(), |label| format!("{n}: {label}"))
}

/// How to answer, in words.
fn how(q: &Question) -> String {
    let how = match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => "Choose one.".to_string(),
        QuestionKind::Multiple => "Choose all that apply.".to_string(),
        QuestionKind::Scale => q.scale.as_ref().map_or_else(String::new, |s| {
            format!("Choose a number from {}.", s.range_words())
        }),
        QuestionKind::Number => "Give a number.".to_string(),
        QuestionKind::Text => "Answer in your own words.".to_string(),
    };
    if q.required {
        how
    } else {
        format!("{how} Optional.")
    }
}
