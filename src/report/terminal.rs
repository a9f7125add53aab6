//! The terminal report (`coopai score`, the end of `coopai assess`).

use anstyle::{AnsiColor, Style};
use comfy_table::CellAlignment;

use super::text::{
    answered_words, bar, gap_mark, gap_sections, impact_summary, outcome_words,
    recommendation_mark, red_line_words, safeguard_words, score_words,
};
use super::views::{
    lead_words, question_sections, respondents_words, responses_words, role_line, source_words,
    spread_roles, spread_words,
};
use crate::number::num;
use crate::scoring::report::Report;
use crate::scoring::views::Views;

/// How many recommendations the terminal shows; Markdown and JSON list them all.
const TOP_RECOMMENDATIONS: usize = 5;

/// Renders the report. Colour codes are written for the band; the caller's stream strips
/// them when stdout is not a terminal or NO_COLOR is set.
pub fn render(r: &Report, band_rank: BandRank) -> String {
    let bold = Style::new().bold();
    let band_style = match band_rank {
        // A provisional outcome is no band yet: it takes no band's colour.
        _ if r.overall.provisional => AnsiColor::Yellow.on_default().bold(),
        BandRank::Best => AnsiColor::Green.on_default().bold(),
        BandRank::Middle => AnsiColor::Yellow.on_default().bold(),
        BandRank::Lowest => AnsiColor::Red.on_default().bold(),
    };
    let mut out = String::new();
    let council = if r.assessment.council.is_empty() {
        String::new()
    } else {
        format!(", {}", r.assessment.council)
    };
    out.push_str(&format!("{bold}{}{bold:#}{council}\n", r.assessment.system));
    out.push_str(&format!(
        "Framework: {} {} ({})\n",
        r.framework.title, r.framework.version, r.framework.id
    ));
    if let Some(stage) = r.assessment.stage {
        out.push_str(&format!("Lifecycle stage: {}\n", stage.words()));
    }
    out.push('\n');
    out.push_str(&format!(
        "Outcome:       {band_style}{}{band_style:#}\n",
        outcome_words(r)
    ));
    out.push_str(&format!("Score:         {}\n", score_words(r)));
    if let Some(words) = safeguard_words(r) {
        out.push_str(&format!("Safeguards:    {words}\n"));
    }
    out.push_str(&format!("Impact level:  {}\n", impact_summary(r)));
    out.push_str(&format!("Answered:      {}\n", answered_words(r)));
    out.push_str(&format!("Red lines:     {}\n\n", red_line_words(r)));

    let mut table = super::text::table(vec!["Principle", "Score", "", "Answered", "Weight"], 100);
    for p in &r.principles {
        let (score, bar) = match p.score {
            Some(s) => (num(s), bar(s, 20)),
            None => ("n/a".to_string(), "no question applies".to_string()),
        };
        table.add_row(vec![
            p.title.clone(),
            score,
            bar,
            format!("{}/{}", p.answered, p.applicable),
            num(p.weight),
        ]);
    }
    for column in [1, 3, 4] {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&format!("{table}\n"));

    if !r.red_lines.is_empty() {
        out.push_str("\nRed lines crossed\n");
        for hit in &r.red_lines {
            out.push_str(&format!(
                "  x {} (question `{}`, answer `{}`)\n",
                hit.title, hit.question, hit.option
            ));
        }
    }
    if !r.recommendations.is_empty() {
        out.push_str(&format!(
            "\nTop recommendations (of {}; points the overall score would gain)\n",
            r.recommendations.len()
        ));
        for (i, rec) in r
            .recommendations
            .iter()
            .take(TOP_RECOMMENDATIONS)
            .enumerate()
        {
            out.push_str(&format!(
                "  {}. +{:<5} {}{} [{}]\n",
                i + 1,
                num(rec.gain),
                recommendation_mark(rec),
                rec.text,
                rec.question
            ));
        }
    }
    for (title, gaps) in gap_sections(r) {
        out.push_str(&format!("\n{title} ({})\n", gaps.len()));
        for u in gaps {
            out.push_str(&format!(
                "  - {}{}: {}\n",
                u.question,
                gap_mark(u),
                u.prompt
            ));
        }
    }
    if !r.not_applicable.is_empty() {
        out.push_str(&format!(
            "\nAnswered but not applicable, not scored: {}\n",
            r.not_applicable.join(", ")
        ));
    }
    if let Some(v) = &r.views {
        out.push_str(&views(v));
    }
    out
}

/// What other respondents said: who responded, each question asked of them (flagged first,
/// with why), the answers taken from a role, and the principle scores by role.
fn views(v: &Views) -> String {
    let mut out = format!("\nViews of {}\n", respondents_words(v));
    out.push_str(&format!("  {}\n", responses_words(v)));
    let lead = v.lead_name();
    for (title, questions) in question_sections(v) {
        out.push_str(&format!("\n{title} ({})\n", questions.len()));
        for q in questions {
            out.push_str(&format!("  {}: {}\n", q.question, q.prompt));
            for reason in &q.reasons {
                out.push_str(&format!("    ! {reason}\n"));
            }
            out.push_str(&format!("    {lead} (the lead): {}\n", lead_words(q)));
            for role in &q.roles {
                out.push_str(&format!("    {}\n", role_line(q, role)));
                for comment in &role.comments {
                    out.push_str(&format!("      \"{}\"\n", plain(comment)));
                }
            }
        }
    }
    if !v.answer_from.is_empty() {
        out.push_str("\nAnswers taken from a role\n");
        for s in &v.answer_from {
            out.push_str(&format!("  {}: {}\n", s.question, source_words(s)));
        }
    }
    let roles = spread_roles(v);
    if !roles.is_empty() {
        out.push_str("\nPrinciple scores by role: median (lowest to highest), respondents\n");
        let mut header = vec!["Principle".to_string(), "Score".to_string()];
        header.extend(roles.iter().map(|(_, name)| name.clone()));
        let mut table = super::text::table(header, 100);
        for p in &v.principles {
            let mut row = vec![p.title.clone(), p.score.map_or("n/a".to_string(), num)];
            row.extend(roles.iter().map(|(id, _)| {
                p.roles
                    .iter()
                    .find(|s| &s.role == id)
                    .map_or("not asked".to_string(), spread_words)
            }));
            table.add_row(row);
        }
        if let Some(c) = table.column_mut(1) {
            c.set_cell_alignment(CellAlignment::Right);
        }
        out.push_str(&format!("{table}\n"));
    }
    out
}

/// Text a respondent wrote, on one line, with control characters (escape sequences that could
/// restyle the terminal) as spaces.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Where the report's band stands, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandRank {
    Best,
    Middle,
    Lowest,
}

impl BandRank {
    pub fn of(fw: &crate::framework::Framework, band: &str) -> Self {
        let position = fw.bands.iter().position(|b| b.id == band).unwrap_or(0);
        if position + 1 == fw.bands.len() {
            Self::Lowest
        } else if position == 0 {
            Self::Best
        } else {
            Self::Middle
        }
    }
}

/// The answers and their evidence, by principle (the impact profile first), for
/// `coopai score --answers`: every question answered, or with evidence noted ahead of its
/// answer, in interview order. Long text wraps under its label.
pub fn answers(r: &Report) -> String {
    // `first` starts the text and `rest` every line after, paragraphs included, so the text
    // stays in its column; control characters from the answers file (escape sequences that
    // could restyle the terminal) become spaces.
    let wrap = |out: &mut String, text: &str, first: &str, rest: &str| {
        for (i, paragraph) in text.lines().enumerate() {
            let paragraph: String = paragraph
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let options = textwrap::Options::new(100)
                .initial_indent(if i == 0 { first } else { rest })
                .subsequent_indent(rest)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            for line in textwrap::wrap(&paragraph, options) {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
    };
    let hang = " ".repeat("    Evidence: ".len());
    let mut out = String::from("\nAnswers and evidence\n");
    let mut section = None;
    for line in r
        .answers
        .iter()
        .filter(|a| !a.answer.is_empty() || !a.evidence.is_empty())
    {
        if section != Some(&line.principle) {
            let title = r.principle_title(line.principle.as_deref());
            out.push_str(&format!("\n{title}\n"));
            section = Some(&line.principle);
        }
        wrap(
            &mut out,
            &format!("{} [{}]", line.prompt, line.question),
            "  ",
            "  ",
        );
        let answer = match (line.answer.as_str(), line.applies) {
            ("", _) => "not answered yet".to_string(),
            (answer, true) => answer.to_string(),
            (answer, false) => format!("{answer}\n(does not apply: kept, not scored)"),
        };
        wrap(&mut out, &answer, "    Answer:   ", &hang);
        let evidence = if line.evidence.is_empty() {
            "none given"
        } else {
            line.evidence.as_str()
        };
        wrap(&mut out, evidence, "    Evidence: ", &hang);
    }
    out
}
