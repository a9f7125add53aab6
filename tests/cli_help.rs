//! Every command's `--help`, snapshotted, so a change to any of them is reviewed. The test
//! walks clap's command tree, so a new command gets a snapshot (and must have a one-line
//! purpose and an example) without anyone remembering to add it here.

use clap::CommandFactory;
use coopai::cli::Cli;

mod common;
use common::command;

/// Paths of every command below the root, e.g. ["framework", "check"].
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        command_paths(sub, &path, out);
    }
}

fn all_paths() -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    command_paths(&Cli::command(), &[], &mut paths);
    paths
}

/// `coopai PATH... --help` as the binary prints it, at a fixed width and without colour.
fn help(path: &[String]) -> String {
    let out = command()
        .args(path)
        .arg("--help")
        .env("COLUMNS", "100")
        .output()
        .expect("coopai runs");
    assert!(
        out.status.success(),
        "coopai {} --help failed",
        path.join(" ")
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

#[test]
fn every_help_is_snapshotted() {
    for path in all_paths() {
        let name = if path.is_empty() {
            "coopai".to_string()
        } else {
            format!("coopai {}", path.join(" "))
        };
        insta::with_settings!({ snapshot_suffix => name.replace(' ', "_"), description => format!("{name} --help"), omit_expression => true }, {
            insta::assert_snapshot!("help", help(&path));
        });
    }
}

#[test]
fn every_command_has_a_purpose_and_an_example() {
    fn check(cmd: &clap::Command, name: &str, problems: &mut Vec<String>) {
        match cmd.get_about().map(ToString::to_string) {
            None => problems.push(format!("`{name}` has no one-line purpose (doc comment)")),
            Some(about) if about.contains('\n') || about.ends_with('.') => problems.push(format!(
                "`{name}`: the purpose should be one line without a full stop: {about:?}"
            )),
            Some(_) => {}
        }
        let after = cmd
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        if !after.contains("coopai") {
            problems.push(format!("`{name}` has no example (after_help)"));
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            check(sub, &format!("{name} {}", sub.get_name()), problems);
        }
    }
    let mut problems = Vec::new();
    check(&Cli::command(), "coopai", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = command()
            .args(["completions", shell])
            .output()
            .expect("coopai runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("coopai") && script.contains("assess") && script.contains("resume"),
            "{shell}"
        );
    }
    let out = command()
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn errors_go_to_stderr_in_one_format() {
    let out = command()
        .args(["assess", "--plain", "--resume", "no-such-file.toml"])
        .output()
        .expect("coopai runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("no-such-file.toml"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\x1b'),
        "no colour with NO_COLOR: {stderr:?}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    // `coopai framework docs | head -c 100`: the document (80 KB) is more than a pipe holds,
    // so coopai is still writing when the reader goes away.
    let mut child = command()
        .args(["framework", "docs"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("coopai runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut start = [0; 100];
    stdout.read_exact(&mut start).expect("the document starts");
    drop(stdout);
    let out = child.wait_with_output().expect("coopai finishes");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
