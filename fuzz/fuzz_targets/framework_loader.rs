//! Arbitrary bytes as a framework file. See fuzz/harness.rs and docs/reliability.md.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::framework_loader(data));
