//! Fuzz target `parse`: see [`properties::parse`] for what it asserts.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::parse(data));
