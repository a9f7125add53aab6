//! Arbitrary bytes as an answers file. See fuzz/harness.rs and docs/reliability.md.
#![no_main]

use std::sync::LazyLock;

use coopai::framework::Framework;

#[path = "../harness.rs"]
mod harness;

static FRAMEWORKS: LazyLock<Vec<Framework>> = LazyLock::new(harness::answer_frameworks);

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::answers_loader(&FRAMEWORKS, data));
