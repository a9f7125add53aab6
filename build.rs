//! Validates the embedded reference framework when coopai is built, and stores it in the
//! compiled form that `coopai::framework::embedded` reads, so commands neither parse nor
//! validate its 80 KB of TOML on every run (docs/performance.md).
//!
//! It compiles the framework loader's own modules, so the build runs exactly the checks that
//! `coopai framework check` runs, and a mistake in frameworks/ccin-coop-ai.toml fails the
//! build with the same diagnostics.

// These modules are the library's; the build uses only the loader's path through them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::{env, fs};

#[path = "src/framework/compiled.rs"]
mod compiled;
#[path = "src/framework/condition.rs"]
mod condition;
#[path = "src/diagnostics.rs"]
mod diagnostics;
#[path = "src/framework/load.rs"]
mod load;
#[path = "src/framework/model.rs"]
mod model;
#[path = "src/framework/raw.rs"]
mod raw;
#[path = "src/source.rs"]
mod source;
#[path = "src/toml_error.rs"]
mod toml_error;
#[path = "src/framework/validate.rs"]
mod validate;

// The loader names the framework type from its parent module, as in the library.
use model::Framework;

/// The embedded framework, as `load::EMBEDDED_TEXT` includes it; named by this path in
/// diagnostics so that an editor can jump to the problem.
const SOURCE: &str = "frameworks/ccin-coop-ai.toml";

/// Everything the compiled form depends on.
const INPUTS: &[&str] = &[
    "build.rs",
    SOURCE,
    "src/diagnostics.rs",
    "src/framework/compiled.rs",
    "src/framework/condition.rs",
    "src/framework/load.rs",
    "src/framework/model.rs",
    "src/framework/raw.rs",
    "src/framework/validate.rs",
    "src/source.rs",
    "src/toml_error.rs",
];

fn main() -> ExitCode {
    for input in INPUTS {
        println!("cargo::rerun-if-changed={input}");
    }
    let loaded = match load::load_str(SOURCE, load::EMBEDDED_TEXT.to_string()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!(
                "{e}\ncoopai embeds {SOURCE} and checks it when it is built: fix the errors above, then build again"
            );
            return ExitCode::FAILURE;
        }
    };
    for line in loaded.warnings.to_string().lines() {
        println!("cargo::warning={line}");
    }
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set; build coopai with cargo");
        return ExitCode::FAILURE;
    };
    let path = PathBuf::from(out_dir).join("embedded-framework.json");
    let written = compiled::to_json(&loaded.framework)
        .map_err(|e| e.to_string())
        .and_then(|json| fs::write(&path, json).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("could not write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!(
        "cargo::rustc-env=COOPAI_EMBEDDED_FRAMEWORK={}",
        path.display()
    );
    ExitCode::SUCCESS
}
