//! The framework: its TOML format ([`raw`]), the validated model ([`model`]), conditions,
//! the two-phase loader and the embedded reference framework.

pub mod condition;
pub mod diff;
pub mod docs;
pub mod load;
pub mod model;
pub mod raw;
pub mod validate;

pub use condition::{Condition, Facts};
pub use load::{EMBEDDED_NAME, LoadError, Loaded, embedded, load_file, load_str, schema};
pub use model::*;
