//! `coopai framework check|show|docs|diff|schema`.

use anyhow::Result;

use super::{Outcome, WARNING, emit, load_framework, print_diagnostics};
use crate::cli::{FrameworkArgs, FrameworkCommand};
use crate::diagnostics::{plural, short};
use crate::framework::{self, EMBEDDED_NAME, LoadError};
use crate::report::framework_docs::{self, DocsFormat};
use crate::report::framework_table::{self, ShowFormat};
use crate::report::{DiffFormat, codes, framework_diff};

pub fn run(cmd: FrameworkCommand) -> Result<Outcome> {
    match cmd {
        FrameworkCommand::Check {
            explain: Some(code),
            ..
        } => explain(&code),
        FrameworkCommand::Check {
            files,
            deny_warnings,
            explain: None,
        } => check(&files, deny_warnings),
        FrameworkCommand::Show { file, format } => {
            let fw = load_framework(&FrameworkArgs { framework: file })?;
            let text = match format {
                ShowFormat::Table => framework_table::render(&fw),
                ShowFormat::Json => serde_json::to_string_pretty(&fw)? + "\n",
            };
            emit(&Default::default(), &text)?;
            Ok(Outcome::Success)
        }
        FrameworkCommand::Docs {
            file,
            format,
            output,
        } => {
            let fw = load_framework(&FrameworkArgs { framework: file })?;
            let text = match format {
                DocsFormat::Md => framework_docs::markdown(&fw),
                DocsFormat::Html => framework_docs::html(&fw),
            };
            emit(&output, &text)?;
            Ok(Outcome::Success)
        }
        FrameworkCommand::Diff {
            old,
            new,
            format,
            output,
        } => {
            let old = load_framework(&FrameworkArgs {
                framework: Some(old),
            })?;
            let new = load_framework(&FrameworkArgs {
                framework: Some(new),
            })?;
            let d = framework::diff::diff(&old, &new);
            for w in &d.warnings {
                anstream::eprintln!("{WARNING}warning{WARNING:#}: {w}");
            }
            let text = match format {
                DiffFormat::Table => framework_diff::render_text(&d),
                DiffFormat::Md => framework_diff::render_markdown(&d),
                DiffFormat::Json => framework_diff::render_json(&d),
            };
            emit(&output, &text)?;
            Ok(Outcome::Success)
        }
        FrameworkCommand::Schema { output } => {
            let schema = serde_json::to_string_pretty(&framework::schema())? + "\n";
            emit(&output, &schema)?;
            Ok(Outcome::Success)
        }
    }
}

fn explain(code: &str) -> Result<Outcome> {
    let Some(text) = codes::explain(code) else {
        let hint = codes::nearest_code(code)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        anyhow::bail!(
            "unknown diagnostic code `{}`{hint}\nexpected one of: {}",
            short(code),
            codes::all_codes().join(", ")
        );
    };
    emit(&Default::default(), &text)?;
    Ok(Outcome::Success)
}

fn check(files: &[std::path::PathBuf], deny_warnings: bool) -> Result<Outcome> {
    let results: Vec<(String, Result<framework::Loaded, LoadError>)> = if files.is_empty() {
        let text = framework::load::EMBEDDED_TEXT.to_string();
        vec![(
            EMBEDDED_NAME.to_string(),
            framework::load_str(EMBEDDED_NAME, text),
        )]
    } else {
        files
            .iter()
            .map(|f| (f.display().to_string(), framework::load_file(f)))
            .collect()
    };
    let mut failed = Vec::new();
    for (name, result) in results {
        match result {
            Ok(loaded) => {
                print_diagnostics(&loaded.warnings);
                let fw = &loaded.framework;
                let warned = !loaded.warnings.is_empty();
                if warned && deny_warnings {
                    failed.push(format!("{} (warnings denied)", loaded.warnings.summary()));
                }
                let status = if warned {
                    format!("{WARNING}ok with warnings{WARNING:#}")
                } else {
                    "ok".to_string()
                };
                let profile = fw.profile_questions().count();
                anstream::println!(
                    "{status}: {name}: {} {}: {}, {} ({profile} in the impact profile), {}, {}, {}",
                    fw.id,
                    fw.version,
                    plural(fw.principles.len(), "principle"),
                    plural(fw.questions.len(), "question"),
                    plural(fw.red_line_count(), "red line"),
                    plural(fw.impact.levels.len(), "impact level"),
                    plural(fw.bands.len(), "band"),
                );
            }
            Err(LoadError::Invalid(diags)) => {
                print_diagnostics(&diags);
                failed.push(diags.summary());
            }
            Err(e) => failed.push(e.to_string()),
        }
    }
    match failed.len() {
        0 => Ok(Outcome::Success),
        1 => anyhow::bail!("{}", failed[0]),
        _ => anyhow::bail!(
            "{} files failed the check:\n  {}",
            failed.len(),
            failed.join("\n  ")
        ),
    }
}
