//! Everything rendered for people to read.

pub mod framework_table;
pub mod text;
