//! The framework: its TOML format ([`raw`]), the validated model ([`model`]), conditions,
//! the two-phase loader and the embedded reference framework.

pub mod atrs;
mod compiled;
pub mod condition;
pub mod diff;
pub mod load;
pub mod model;
pub mod moves;
pub mod raw;
mod rules;
pub mod stage;
pub mod validate;

pub use condition::{Condition, Facts, Given, Possible, Tri};
pub use load::{EMBEDDED_NAME, LoadError, Loaded, load_file, load_str, schema};
pub use model::*;
pub use moves::{Move, Moves, Removal};
pub use stage::Stage;

/// The embedded reference framework, validated when coopai was built (build.rs). Failing to
/// read it back is a bug in this build, not a user error.
pub fn embedded() -> Framework {
    match compiled::from_json(include_str!(env!("COOPAI_EMBEDDED_FRAMEWORK"))) {
        Ok(framework) => framework,
        Err(e) => panic!("the embedded framework's compiled form does not read back: {e}"),
    }
}

/// A framework of tests/fixtures/frameworks/, for unit tests; one that fails to load fails the
/// test with its diagnostics.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> Framework {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frameworks")
        .join(name);
    match load_file(&path) {
        Ok(loaded) => loaded.framework,
        Err(e) => panic!("{e}"),
    }
}
