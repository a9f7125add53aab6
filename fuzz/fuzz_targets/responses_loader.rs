//! Arbitrary bytes as a response file. See fuzz/harness.rs and docs/reliability.md.
#![no_main]

use std::sync::LazyLock;

use coopai::framework::Framework;

#[path = "../harness.rs"]
mod harness;

static FRAMEWORKS: LazyLock<Vec<Framework>> = LazyLock::new(harness::response_frameworks);

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::responses_loader(&FRAMEWORKS, data));
