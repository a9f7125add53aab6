//! coopai: assess whether a proposed AI system lives up to co-operative values.
//!
//! The flow: a framework TOML is loaded and validated into a [`framework::Framework`]; an
//! answers TOML into an assessment; scoring turns both into a report, rendered in several
//! formats. The binary is a thin layer over [`commands::main`].

pub mod assessment;
pub mod calibrate;
pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod form;
pub mod framework;
pub mod interview;
pub mod listing;
pub mod lock;
pub mod markdown_escape;
pub mod number;
pub mod output;
pub mod report;
pub mod rescore;
pub mod scoring;
pub mod source;
pub mod toml_error;
pub mod verify;
