//! `coopai rescore`: the terminal and disk side of [`crate::rescore`]. Rows are written as
//! each chunk of files is scored (CSV and JSON), so a run over a huge folder holds only one
//! chunk; the table and Markdown formats gather their rows first.

use std::io::{BufWriter, IsTerminal, Write};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{ERROR, Outcome, load_framework_file};
use crate::cli::RescoreArgs;
use crate::output::{AtomicFile, WriteError};
use crate::rescore::{
    CHUNK, CSV_HEADER, Frameworks, RescoreFormat, Row, Summary, collect_paths, csv_record,
};

/// Runs longer than this many files show a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 200;

pub fn run(args: &RescoreArgs) -> Result<Outcome> {
    let fws = Frameworks::new(
        load_framework_file(&args.framework)?,
        args.baseline
            .as_deref()
            .map(load_framework_file)
            .transpose()?,
        crate::framework::embedded(),
    );
    let (files, folder_errors) = collect_paths(&args.paths);
    for (path, e) in &folder_errors {
        anstream::eprintln!("error: {}: {e}", path.display());
    }
    anyhow::ensure!(
        !files.is_empty() || !folder_errors.is_empty(),
        "no answers files found in {}; rescore reads the *.toml files of each folder",
        args.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let mut sink = Sink::open(&args.output)?;
    let mut out = Output::start(args.format, &fws, &mut sink)?;
    let progress = if files.len() > PROGRESS_FROM && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut summary = Summary::default();
    for (path, e) in folder_errors {
        let row = Row::failed(path.display().to_string(), String::new(), e);
        summary.add(&row);
        out.row(&row, &mut sink)?;
    }
    for chunk in files.chunks(CHUNK) {
        let rows: Vec<(Row, Option<String>)> = chunk
            .par_iter()
            .map(|path| {
                let row = fws.row(path);
                progress.inc(1);
                row
            })
            .collect();
        for (row, shown) in rows {
            if let Some(error) = &row.error {
                progress.suspend(|| {
                    if let Some(shown) = shown {
                        anstream::eprint!("{shown}");
                    }
                    anstream::eprintln!("{ERROR}skipped{ERROR:#} {}: {error}", row.file);
                });
            }
            summary.add(&row);
            out.row(&row, &mut sink)?;
        }
    }
    progress.finish_and_clear();
    out.finish(&fws, &summary, &mut sink)?;
    sink.finish(args.output.force)?;
    if matches!(args.format, RescoreFormat::Csv | RescoreFormat::Json)
        || args.output.output.is_some()
    {
        anstream::eprintln!("{}.", summary.sentence());
    }
    anyhow::ensure!(
        summary.scored > 0,
        "no file could be scored ({} failed)",
        summary.failed
    );
    Ok(Outcome::Success)
}

/// Where rows go: standard output, or a file written atomically to `-o` at the end.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File(BufWriter<AtomicFile>),
}

impl Sink {
    fn open(output: &crate::cli::OutputArgs) -> Result<Self> {
        let Some(path) = &output.output else {
            return Ok(Self::Stdout(BufWriter::new(std::io::stdout())));
        };
        if path.exists() && !output.force {
            // Fail before the work, not after it.
            return Err(WriteError::Exists(path.clone()).into());
        }
        Ok(Self::File(BufWriter::new(AtomicFile::create(path)?)))
    }

    fn finish(self, force: bool) -> Result<()> {
        match self {
            Self::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            Self::File(w) => {
                let file = match w.into_inner() {
                    Ok(file) => file,
                    Err(e) => {
                        let (error, w) = e.into_parts();
                        return Err(w.get_ref().error(error).into());
                    }
                };
                let path = file.path().to_path_buf();
                file.commit(force)?;
                anstream::eprintln!("wrote {}", path.display());
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::Stdout(w) => w.write(buf),
            Self::File(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Stdout(w) => w.flush(),
            Self::File(w) => w.flush(),
        }
    }
}

/// One output format, fed row by row.
enum Output {
    Csv,
    Json {
        first: bool,
    },
    /// Table and Markdown need every row before they can be laid out.
    Gathered(RescoreFormat, Vec<Row>),
}

impl Output {
    fn start(format: RescoreFormat, fws: &Frameworks, w: &mut Sink) -> Result<Self> {
        Ok(match format {
            RescoreFormat::Csv => {
                write_csv(w, &CSV_HEADER.map(String::from))?;
                Self::Csv
            }
            RescoreFormat::Json => {
                let fw = &fws.new;
                let head =
                    serde_json::json!({ "id": fw.id, "version": fw.version, "sha256": fw.sha256 });
                write!(w, "{{\n  \"framework\": {head},\n  \"files\": [")?;
                Self::Json { first: true }
            }
            other => Self::Gathered(other, Vec::new()),
        })
    }

    fn row(&mut self, row: &Row, w: &mut Sink) -> Result<()> {
        match self {
            Self::Csv => write_csv(w, &csv_record(row)),
            Self::Json { first } => {
                let sep = if *first { "" } else { "," };
                *first = false;
                write!(w, "{sep}\n    {}", serde_json::to_string(row)?).map_err(Into::into)
            }
            Self::Gathered(_, rows) => {
                rows.push(row.clone());
                Ok(())
            }
        }
    }

    fn finish(self, fws: &Frameworks, summary: &Summary, w: &mut Sink) -> Result<()> {
        match self {
            Self::Csv => Ok(()),
            Self::Json { first } => {
                let close = if first { "]" } else { "\n  ]" };
                let summary = serde_json::to_string_pretty(summary)?.replace('\n', "\n  ");
                write!(w, "{close},\n  \"summary\": {summary}\n}}\n").map_err(Into::into)
            }
            Self::Gathered(format, rows) => {
                let text = match format {
                    RescoreFormat::Md => crate::rescore::render_markdown(&fws.new, &rows, summary),
                    _ => crate::rescore::render_table(&fws.new, &rows, summary),
                };
                w.write_all(text.as_bytes()).map_err(Into::into)
            }
        }
    }
}

/// One CSV record; the sink buffers, so the writer's own buffer is kept small.
fn write_csv(w: &mut Sink, record: &[String]) -> Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(w);
    csv.write_record(record)?;
    csv.flush()?;
    Ok(())
}
