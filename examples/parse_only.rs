//! The parse-only baseline for the rescore benchmark: list a folder's `*.toml` files (sorted,
//! as `coopai rescore` does), read each and deserialize it with the toml crate into a generic
//! table, and do nothing else. One thread, unless `--threads N` asks for more (rayon).
//!
//! Usage: parse_only DIR [--threads N]

use std::path::PathBuf;

use rayon::prelude::*;

fn parse(path: &PathBuf) -> usize {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str::<toml::Table>(&text).map_or(0, |t| t.len()),
        Err(_) => 0,
    }
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: parse_only DIR [--threads N]");
        return std::process::ExitCode::from(2);
    };
    let threads = match args.iter().position(|a| a == "--threads") {
        Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(1),
        None => 1,
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    files.sort();
    let keys: usize = if threads > 1 {
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(|| files.par_iter().map(parse).sum()),
            Err(_) => files.iter().map(parse).sum(),
        }
    } else {
        files.iter().map(parse).sum()
    };
    println!("{} files, {keys} top-level keys", files.len());
    std::process::ExitCode::SUCCESS
}
