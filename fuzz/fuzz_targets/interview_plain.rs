//! Arbitrary lines typed into the plain interview. See fuzz/harness_interview.rs and
//! docs/reliability.md.
#![no_main]

use std::sync::LazyLock;

use coopai::framework::Framework;

#[path = "../harness_interview.rs"]
mod harness_interview;

static FRAMEWORK: LazyLock<Framework> = LazyLock::new(coopai::framework::embedded);

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness_interview::interview_plain(&FRAMEWORK, data));
