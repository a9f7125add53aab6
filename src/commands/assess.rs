//! `coopai assess`: the interview, wired to the terminal and the disk. Picks the mode (full
//! screen on a terminal, the plain line protocol otherwise or with `--plain`), the answers
//! file (never clobbering one that exists), saves after every answer and prints the report.
//! With `--role`, a respondent's interview instead ([`super::respond`]).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use super::{Outcome, load_assessment, load_framework};
use crate::assessment::write::HEADER;
use crate::assessment::{Assessment, to_toml};
use crate::cli::AssessArgs;
use crate::framework::Framework;
use crate::interview::{self, Config, End, Prompter, plain::Plain, tty::Tty};
use crate::lock::{Lock, LockError};
use crate::output::{WriteError, folder_of, remove_stale_temporary_files, write_atomic};
use crate::report::ReportFormat;

/// Set to an ISO date (2026-11-23) to record that date instead of today's: for tests and
/// reproducible runs.
pub const DATE_VAR: &str = "COOPAI_DATE";

pub fn run(args: &AssessArgs) -> Result<Outcome> {
    let fw = load_framework(&args.framework)?;
    if let Some(role) = super::template::respondent(&fw, args.role.as_deref())? {
        return super::respond::run(args, &fw, role);
    }
    let date = match std::env::var(DATE_VAR) {
        Ok(d) if is_iso_date(&d) => d,
        Ok(d) => anyhow::bail!("{DATE_VAR}={d:?} is not a date like 2026-11-23"),
        Err(_) => today(),
    };

    let (assessment, mut target) = open(
        args,
        |path| load_assessment(path, &fw),
        Assessment::default(),
        "",
    )?;
    let plain = is_plain(args);
    let config = Config {
        date,
        resume: args.resume.is_some(),
    };
    let mut save = |a: &Assessment| {
        let auto = |n: usize| {
            let slug = slug(&a.meta.system);
            Path::new("assessments").join(match n {
                1 => format!("{slug}.toml"),
                _ => format!("{slug}-{n}.toml"),
            })
        };
        target.save(&to_toml(&fw, a), &auto)
    };
    let intro = |plain: bool| {
        format!(
            "coopai assess: {} {}\n{}\nYour answers are saved after each one, so you can stop at any time and resume later.",
            fw.title,
            fw.version,
            keys(plain)
        )
    };
    let (assessment, end) = with_prompter(plain, &intro(plain), |prompter| {
        interview::run(&fw, assessment, &config, prompter, &mut save)
    })?;
    finish(&fw, args, &target, &assessment, end, plain)?;
    Ok(Outcome::Success)
}

/// What a session starts from, and where it saves: `fresh` into a new file (`-o`, or one
/// named at the first save), or the file `--resume` names, loaded with `load`; that file is
/// locked before it is read, unless the answers go to another file. `again` is what
/// `coopai assess` needs besides `--resume` to continue a file (`--role staff `).
pub(super) fn open<T>(
    args: &AssessArgs,
    load: impl Fn(&Path) -> Result<T>,
    fresh: T,
    again: &str,
) -> Result<(T, Target)> {
    let (start, target) = match &args.resume {
        Some(path) => match &args.output {
            Some(out) if out != path => (load(path)?, Target::New(out.clone())),
            _ => {
                // A file that is not there is reported as such, and nothing is created.
                if !path.is_file() {
                    load(path)?;
                }
                // Locked before it is read, so no other session saves into it meanwhile.
                let lock = Lock::acquire(path)?;
                remove_leftovers(path);
                let start = load(path)?;
                (
                    start,
                    Target::Existing {
                        path: path.clone(),
                        _lock: lock,
                    },
                )
            }
        },
        None => (fresh, args.output.clone().map_or(Target::Auto, Target::New)),
    };
    if let Target::New(path) = &target {
        anyhow::ensure!(
            !path.exists(),
            "{}: already exists; continue it with `coopai assess {again}--resume {0}`, or choose another name",
            path.display()
        );
    }
    Ok((start, target))
}

/// The plain line protocol when asked for, or when either end is not a terminal.
pub(super) fn is_plain(args: &AssessArgs) -> bool {
    args.plain || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal()
}

/// How to answer, for the first lines of an interview.
pub(super) fn keys(plain: bool) -> &'static str {
    if plain {
        "Answer each prompt with one line. At any prompt: ? help, b back, s skip, q save and quit."
    } else {
        "Arrow keys choose, Enter confirms, Esc opens a menu. Where you type: ? help, b back, s skip, q save and quit."
    }
}

/// Runs `interview` with the plain line protocol or the full-screen prompts, after `intro`.
pub(super) fn with_prompter<T>(
    plain: bool,
    intro: &str,
    interview: impl FnOnce(&mut dyn Prompter) -> Result<T>,
) -> Result<T> {
    if plain {
        let stdin = std::io::stdin().lock();
        let stdout = std::io::stdout().lock();
        let mut prompter = Plain::new(stdin, stdout);
        prompter.message(intro)?;
        interview(&mut prompter)
    } else {
        // With a handler in place, Ctrl-C at a prompt reaches the prompt as an interruption,
        // which saves and quits like `q` (and the cursor the prompt hid is shown again),
        // instead of ending the process mid-draw. On Unix the terminal sends Ctrl-C as a key
        // while the prompts run (interview::tty); the handler still covers a SIGINT sent
        // from elsewhere, and Windows.
        let _ = ctrlc::set_handler(|| {});
        let mut prompter = Tty::new();
        prompter.message(intro)?;
        let result = interview(&mut prompter);
        // A prompt cut short can leave the cursor hidden.
        let _ = dialoguer::console::Term::stderr().show_cursor();
        result
    }
}

/// The end: the report, where the answers are and what to do next.
fn finish(
    fw: &Framework,
    args: &AssessArgs,
    target: &Target,
    a: &Assessment,
    end: End,
    plain: bool,
) -> Result<()> {
    let mut out = anstream::stdout();
    let Some(path) = target.path() else {
        writeln!(out, "\nNothing was entered, so nothing was saved.")?;
        return Ok(());
    };
    let report = crate::scoring::score(fw, a);
    let mut text = crate::report::render(fw, std::slice::from_ref(&report), ReportFormat::Table);
    if plain {
        text = anstream::adapter::strip_str(&text).to_string();
    }
    let framework = match &args.framework.framework {
        Some(f) => format!(" --framework {}", shell_word(f)),
        None => String::new(),
    };
    let file = shell_word(path);
    let stem = path
        .file_stem()
        .map_or("report".into(), |s| s.to_string_lossy().into_owned());
    let report_file = |ext: &str| shell_word(Path::new(&format!("{stem}-report.{ext}")));
    let mut lines = vec![String::new(), text];
    let left = report.overall.applicable - report.overall.answered;
    lines.push(match end {
        End::Finished if left == 0 => format!("All {} applicable questions answered.", report.overall.applicable),
        _ => format!(
            "{} of {} applicable questions answered; {left} left. Continue with:\n  coopai assess{framework} --resume {file}",
            report.overall.answered, report.overall.applicable
        ),
    });
    lines.push(format!("Answers saved to {}", path.display()));
    lines.push(format!(
        "Markdown report:  coopai score{framework} {file} --format md -o {}",
        report_file("md")
    ));
    lines.push(format!(
        "HTML report:      coopai score{framework} {file} --format html -o {}",
        report_file("html")
    ));
    out.write_all((lines.join("\n") + "\n").as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// A path as a shell word: quoted when it holds anything but safe characters. On Windows, in
/// double quotes, which both PowerShell and cmd take (a Windows file name cannot hold one).
pub(super) fn shell_word(path: &Path) -> String {
    let s = path.display().to_string();
    let safe = |c: char| {
        c.is_ascii_alphanumeric() || "-_./".contains(c) || (cfg!(windows) && "\\:".contains(c))
    };
    if !s.is_empty() && s.chars().all(safe) {
        s
    } else if cfg!(windows) {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Removes the temporary files that saves into `answers` cut short by a crash left beside it
/// (answers files by their first line, and over five minutes old), and says so.
fn remove_leftovers(answers: &Path) {
    let ours = |start: &[u8]| start.is_empty() || start.starts_with(HEADER.as_bytes());
    let removed = remove_stale_temporary_files(folder_of(answers), Duration::from_secs(300), ours);
    for file in removed {
        anstream::eprintln!(
            "removed {}: the temporary file of a save that was cut short",
            file.display()
        );
    }
}

/// Where the answers go.
pub(super) enum Target {
    /// A file named at the first save, numbered if the name is taken: for the lead
    /// `assessments/<slug-of-system-name>.toml`.
    Auto,
    /// A file to create (`-o`); it must not exist yet.
    New(PathBuf),
    /// A file that is this session's own: created by it, or being resumed, and locked for
    /// the session. Only this one exists on disk.
    Existing { path: PathBuf, _lock: Lock },
}

impl Target {
    pub(super) fn path(&self) -> Option<&Path> {
        match self {
            Self::Existing { path, .. } => Some(path),
            Self::Auto | Self::New(_) => None,
        }
    }

    /// Writes `text` atomically. The first save creates the file without clobbering
    /// anything (for [`Target::Auto`], the first of `auto(1)`, `auto(2)`... that is free);
    /// later saves replace the session's own file.
    pub(super) fn save(&mut self, text: &str, auto: &dyn Fn(usize) -> PathBuf) -> Result<()> {
        match self {
            Self::Existing { path, .. } => write_atomic(path, text.as_bytes(), true)?,
            Self::New(path) => {
                let lock = create(path, text)?;
                *self = Self::Existing {
                    path: path.clone(),
                    _lock: lock,
                };
            }
            Self::Auto => {
                let mut n = 1;
                loop {
                    let path = auto(n);
                    match create(&path, text) {
                        Ok(lock) => {
                            *self = Self::Existing { path, _lock: lock };
                            break;
                        }
                        Err(e) if is_taken(&e) && n < 10_000 => n += 1,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        Ok(())
    }
}

/// Creates the session's file (and its folder), locked before it exists, so no other session
/// can resume it between the two.
fn create(path: &Path, text: &str) -> Result<Lock> {
    std::fs::create_dir_all(folder_of(path))
        .with_context(|| format!("{}: cannot create the folder", path.display()))?;
    let lock = Lock::acquire(path)?;
    write_atomic(path, text.as_bytes(), false)?;
    Ok(lock)
}

/// Whether creating a file failed because another file or session has the name.
fn is_taken(e: &anyhow::Error) -> bool {
    matches!(e.downcast_ref(), Some(WriteError::Exists(_)))
        || matches!(e.downcast_ref(), Some(LockError::Held { .. }))
}

/// A file name from a system name: lower case ASCII letters and digits joined by hyphens,
/// at most 60 characters; "assessment" when nothing is left. Such a name has no dot, space or
/// character Windows refuses, and is far shorter than its limits; a name Windows keeps for a
/// device (`con`, `nul`, `com1`...), which it would not create as a file, gets `-assessment`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(60).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "assessment".to_string()
    } else if is_windows_device(&out) {
        format!("{out}-assessment")
    } else {
        out
    }
}

/// Names Windows keeps for devices, in any case and whatever extension follows: `con.toml`
/// opens the console, not a file. COM0 and LPT0 are included, as newer Windows reserves them.
fn is_windows_device(stem: &str) -> bool {
    let stem = stem.to_ascii_lowercase();
    match stem.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            stem.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.ends_with(|c: char| c.is_ascii_digit())
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Today's date (UTC) as an ISO date.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's method).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_name_files() {
        assert_eq!(
            slug("Housing Repairs Chatbot (v2)"),
            "housing-repairs-chatbot-v2"
        );
        assert_eq!(slug("  --Éclair!! "), "clair");
        assert_eq!(slug("!!!"), "assessment");
        assert_eq!(slug(&"x".repeat(100)).len(), 60);
    }

    /// Every name Windows keeps for a device, in any case, with or without what Windows would
    /// take for an extension, or the trailing dots and spaces it ignores.
    #[test]
    fn slugs_avoid_windows_device_names() {
        for device in [
            "con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "com0",
        ] {
            let upper = device.to_uppercase();
            let capital = format!("{}{}", &upper[..1], &device[1..]);
            for name in [device, &upper, &capital] {
                assert_eq!(slug(name), format!("{device}-assessment"), "{name:?}");
                assert_eq!(slug(&format!("{name}.")), format!("{device}-assessment"));
                assert_eq!(slug(&format!("{name} ")), format!("{device}-assessment"));
                assert_eq!(
                    slug(&format!(" {name} .. ")),
                    format!("{device}-assessment")
                );
            }
        }
        // With a suffix, as "CON.txt" or "Nul - pilot", the name is no longer the device's.
        assert_eq!(slug("CON.txt"), "con-txt");
        assert_eq!(slug("Nul - pilot"), "nul-pilot");
        assert_eq!(slug("COM10"), "com10");
        assert_eq!(slug("LPT"), "lpt");
        assert_eq!(slug("Console"), "console");
    }

    #[test]
    fn slugs_never_end_in_a_dot_or_space_nor_grow_past_windows_limits() {
        assert_eq!(slug("Repairs bot."), "repairs-bot");
        assert_eq!(slug("Repairs bot "), "repairs-bot");
        assert_eq!(slug("Repairs bot. . ."), "repairs-bot");
        // Windows allows 255 characters a name and, without long paths, 260 a path: the
        // longest slug with its number and extension leaves room for a deep OneDrive folder.
        let long = slug(&"Gwasanaeth cwsmeriaid ".repeat(30));
        assert_eq!(long.len(), 60, "{long}");
        assert!(!long.ends_with('-'));
        assert!(format!("{long}-10000.toml").len() < 80);
        let long_name = "z".repeat(300);
        for name in ["Con", "a.b", "x ", "y.", &long_name, "<>:\"/\\|?*"] {
            let s = slug(name);
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name:?} gave {s:?}"
            );
        }
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert!(is_iso_date("2026-11-23"));
        assert!(!is_iso_date("23/11/2026"));
        assert!(!is_iso_date("2026-1-023"));
    }

    #[test]
    fn shell_words() {
        assert_eq!(
            shell_word(Path::new("assessments/a-b.toml")),
            "assessments/a-b.toml"
        );
        let quoted = shell_word(Path::new("OneDrive - Testshire/Asesiad ŵyn's.toml"));
        if cfg!(windows) {
            assert_eq!(quoted, r#""OneDrive - Testshire/Asesiad ŵyn's.toml""#);
            assert_eq!(
                shell_word(Path::new(r"C:\Users\a.officer\x.toml")),
                r"C:\Users\a.officer\x.toml"
            );
        } else {
            assert_eq!(quoted, r"'OneDrive - Testshire/Asesiad ŵyn'\''s.toml'");
        }
    }
}
