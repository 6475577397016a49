//! The model layer (see ARCHITECTURE.md).

pub(crate) mod config;
pub(crate) mod design;
pub(crate) mod directive;
pub(crate) mod error;
pub(crate) mod project;
pub(crate) mod status;
pub(crate) mod template;
pub(crate) mod warning;
