//! Fuzz target `links`: see [`properties::links`] for what it asserts.
#![no_main]

#[path = "../properties.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::links(data));
