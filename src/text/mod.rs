//! The text layer (see ARCHITECTURE.md).

pub(crate) mod edit;
pub mod links;
pub(crate) mod markdown;
pub(crate) mod marker;
pub(crate) mod source;
