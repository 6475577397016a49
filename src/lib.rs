//! mdbook-design: a design book from a folder of Markdown design proposals.
//!
//! Source text is parsed once into a [`design::Design`]; pure transforms (normalize, badge,
//! index, lint) turn it into edits that [`edit`] splices into the original text; the mdBook glue
//! and the command line sit at the edges.

pub mod book;
pub mod config;
pub mod design;
pub mod edit;
pub(crate) mod headings;
pub mod index;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod mdbook;
pub mod normalize;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod source;
pub mod status;
pub mod template;
pub mod workflow;
