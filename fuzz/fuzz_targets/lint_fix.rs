//! Fuzz target `lint_fix`: see [`properties::lint_fix`] for what it asserts.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::lint_fix(data));
