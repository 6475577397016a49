//! The subcommands: argument parsing and I/O around the library's pure functions.

pub mod index;
pub mod lint;
pub mod preprocess;
pub mod release_notes;
