//! The edge layer (see ARCHITECTURE.md).

pub(crate) mod book;
pub(crate) mod cache_file;
pub(crate) mod cli;
pub(crate) mod lsp;
pub(crate) mod mdbook;
pub(crate) mod sidecar_files;
pub(crate) mod workflow;
