//! Validates the embedded reference framework when coopai is built, and stores it in the
//! compiled form that `coopai::framework::embedded` reads, so commands neither parse nor
//! validate its 80 KB of TOML on every run (docs/performance.md).
//!
//! It compiles the framework loader's own modules, so the build runs exactly the checks that
//! `coopai framework check` runs, and a mistake in frameworks/ccin-coop-ai.toml fails the
//! build with the same diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;
use std::{env, fs};

/// Compiles each of the library's modules the loader needs, and lists their files so that
/// cargo builds the compiled form again when one changes.
macro_rules! library_modules {
    ($($module:ident = $path:literal,)*) => {
        $(
            // The build uses only the loader's path through the library's modules.
            #[allow(dead_code)]
            #[path = $path]
            mod $module;
        )*
        const MODULE_FILES: &[&str] = &[$($path),*];
    };
}

library_modules! {
    atrs = "src/framework/atrs.rs",
    compiled = "src/framework/compiled.rs",
    condition = "src/framework/condition.rs",
    diagnostics = "src/diagnostics/mod.rs",
    load = "src/framework/load.rs",
    model = "src/framework/model.rs",
    moves = "src/framework/moves.rs",
    raw = "src/framework/raw.rs",
    rules = "src/framework/rules.rs",
    source = "src/source.rs",
    stage = "src/framework/stage.rs",
    toml_error = "src/toml_error.rs",
    validate = "src/framework/validate/mod.rs",
}

// The loader names the framework type from its parent module, as in the library.
use model::Framework;

fn main() -> ExitCode {
    for input in ["build.rs", load::EMBEDDED_PATH].iter().chain(MODULE_FILES) {
        // A module in a folder (`validate/mod.rs`) has its submodules beside it.
        let input = input.strip_suffix("/mod.rs").unwrap_or(input);
        println!("cargo::rerun-if-changed={input}");
    }
    // Named by its path, not as embedded, so that an editor can jump to a problem.
    let loaded = match load::load_str(load::EMBEDDED_PATH, load::EMBEDDED_TEXT.to_string()) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!(
                "{e}\ncoopai embeds {} and checks it when it is built: fix the errors above, then build again",
                load::EMBEDDED_PATH
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
