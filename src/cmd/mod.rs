//! The subcommands: argument parsing and I/O around the library's pure functions.

pub mod index;
pub mod install;
pub mod lint;
pub mod new;
pub mod preprocess;
pub mod status;
