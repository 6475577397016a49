//! Fuzz target `preprocess`: see [`properties::preprocess`] for what it asserts.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::preprocess(data));
