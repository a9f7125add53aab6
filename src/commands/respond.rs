//! `coopai assess --role ROLE`: a respondent's interview, wired to the terminal and the disk
//! as the lead's is ([`super::assess`]): the same modes, autosave and locking, but only the
//! role's questions, and a response file at the end instead of a report.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::assess::{Target, is_plain, keys, open, shell_word, slug, with_prompter};
use super::{Outcome, print_diagnostics};
use crate::assessment::{
    Assessment, LoadError, Respondent, Response, applicability, load_response_file,
    response_to_toml,
};
use crate::cli::AssessArgs;
use crate::framework::Framework;
use crate::interview::{self, Config, End};

/// Where a response goes when `-o` does not say: `responses/<role>-<n>.toml`, the first `n`
/// free. A respondent rarely knows the lead's file, so the response is not put beside it;
/// the lead moves it into `<lead>.responses/`.
pub const RESPONSES: &str = "responses";

pub fn run(args: &AssessArgs, fw: &Framework, role: &str) -> Result<Outcome> {
    let again = format!("--role {role} ");
    let fresh = Response {
        respondent: Respondent {
            role: role.to_string(),
            pseudonym: None,
        },
        ..Response::default()
    };
    let (response, mut target) = open(args, |path| load(path, fw, role), fresh, &again)?;
    let plain = is_plain(args);
    let role_name = fw.role(role).map_or(role, |r| r.name.as_str());
    let intro = format!(
        "coopai assess: {} {}, the questions for {role_name}\n{}\nYour answers are saved after each one, so you can stop at any time and resume later.\n\
         Do not give your name, email address or phone number in any answer: the reports are shared, and must not identify the people who answered.",
        fw.title,
        fw.version,
        keys(plain)
    );
    let config = Config {
        date: String::new(),
        resume: args.resume.is_some(),
    };
    let auto = |n: usize| Path::new(RESPONSES).join(format!("{}-{n}.toml", slug(role)));
    let mut save = |r: &Response| target.save(&response_to_toml(fw, r), &auto);
    let (response, end) = with_prompter(plain, &intro, |prompter| {
        interview::run_response(fw, response, &config, prompter, &mut save)
    })?;
    finish(fw, args, &target, &response, end, &again)?;
    Ok(Outcome::Success)
}

/// Loads the response being resumed; it must be for the role asked for.
fn load(path: &Path, fw: &Framework, role: &str) -> Result<Response> {
    let response = match load_response_file(path, fw) {
        Ok(loaded) => {
            print_diagnostics(&loaded.warnings);
            loaded.response
        }
        Err(LoadError::Invalid(diags)) => {
            print_diagnostics(&diags);
            anyhow::bail!("could not load response {}", diags.summary())
        }
        Err(e) => return Err(e.into()),
    };
    let given = &response.respondent.role;
    anyhow::ensure!(
        given == role,
        "{}: a response for role `{given}`, not `{role}`; continue it with --role {given}",
        path.display()
    );
    Ok(response)
}

/// The end: how far the respondent got, where the response is and what becomes of it.
fn finish(
    fw: &Framework,
    args: &AssessArgs,
    target: &Target,
    r: &Response,
    end: End,
    again: &str,
) -> Result<()> {
    let mut out = anstream::stdout();
    let Some(path) = target.path() else {
        writeln!(out, "\nNothing was entered, so nothing was saved.")?;
        return Ok(());
    };
    let role = r.respondent.role.as_str();
    let answers = Assessment {
        answers: r.answers.clone(),
        ..Assessment::default()
    };
    let applies = applicability(fw, &answers);
    let asked: Vec<&str> = fw
        .questions_for(role)
        .filter(|q| fw.question_index(&q.id).is_some_and(|i| applies[i]))
        .map(|q| q.id.as_str())
        .collect();
    let answered = asked
        .iter()
        .filter(|id| r.answers.contains_key(**id))
        .count();
    let left = asked.len() - answered;
    let framework = match &args.framework.framework {
        Some(f) => format!(" --framework {}", shell_word(f)),
        None => String::new(),
    };
    let mut lines = vec![String::new()];
    lines.push(match end {
        End::Finished if left == 0 => format!("All {} questions answered.", asked.len()),
        _ => format!(
            "{answered} of {} questions answered; {left} left. Continue with:\n  coopai assess{framework} {again}--resume {}",
            asked.len(),
            shell_word(path)
        ),
    });
    lines.push(format!("Response saved to {}", path.display()));
    lines.push(lead_folder_hint(path));
    out.write_all((lines.join("\n") + "\n").as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// Where the response has to go to count, unless it is there already.
fn lead_folder_hint(path: &Path) -> String {
    let in_responses_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|f| f.to_string_lossy().ends_with(".responses"));
    if in_responses_folder {
        let lead: PathBuf = path
            .parent()
            .map(|p| p.with_extension("toml"))
            .unwrap_or_default();
        format!(
            "It counts in the assessment {} as one of its responses.",
            lead.display()
        )
    } else {
        "Give it to the lead assessor: a response counts once it is in the assessment's responses folder, NAME.responses/ beside the lead answers file NAME.toml.".to_string()
    }
}
