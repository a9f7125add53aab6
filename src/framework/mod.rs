//! The framework: its TOML format ([`raw`]), the validated model ([`model`]), conditions,
//! the two-phase loader and the embedded reference framework.

mod compiled;
pub mod condition;
pub mod diff;
pub mod load;
pub mod model;
pub mod moves;
pub mod raw;
pub mod validate;

pub use condition::{Condition, Facts, Given, Possible, Tri};
pub use load::{EMBEDDED_NAME, LoadError, Loaded, load_file, load_str, schema};
pub use model::*;
pub use moves::{Move, Moves, Removal};

/// The embedded reference framework, validated when coopai was built (build.rs). Failing to
/// read it back is a bug in this build, not a user error.
pub fn embedded() -> Framework {
    match compiled::from_json(include_str!(env!("COOPAI_EMBEDDED_FRAMEWORK"))) {
        Ok(framework) => framework,
        Err(e) => panic!("the embedded framework's compiled form does not read back: {e}"),
    }
}
