//! mdbook-design: a design book from a folder of Markdown design proposals.
//!
//! Source text is parsed once into a [`design::Design`]; pure transforms (normalize, badge,
//! index, lint) turn it into byte-range edits spliced into the original text; the mdBook glue
//! ([`mdbook`]), git reading and the command line ([`cli`]) sit at the edges.
//!
//! The API other projects use: [`workflow`] (lint a book, build it, new design, set a status,
//! install), [`mdbook::preprocessor::DesignPreprocessor`] for `mdbook-driver`, the book pass
//! ([`pipeline`]) and the model it reads ([`project`], [`design`], [`status`], [`template`],
//! [`config`]), the linter ([`lint`]) and the index ([`index`]).
#![warn(missing_docs, unreachable_pub)]

pub mod book;
pub mod cli;
pub mod config;
pub(crate) mod data;
pub mod design;
pub(crate) mod design_diff;
pub(crate) mod edit;
pub(crate) mod headings;
pub(crate) mod history;
pub mod index;
pub mod links;
pub mod lint;
pub(crate) mod markdown;
pub mod mdbook;
pub(crate) mod normalize;
pub mod pipeline;
pub mod project;
pub(crate) mod release_notes;
pub mod render;
pub(crate) mod sidecar_files;
pub(crate) mod source;
pub mod status;
pub mod template;
pub mod workflow;
