//! The feature layer (see ARCHITECTURE.md).

pub(crate) mod anchors;
pub(crate) mod data;
pub(crate) mod design_diff;
pub(crate) mod headings;
pub(crate) mod history;
pub(crate) mod index;
pub(crate) mod lint;
pub(crate) mod normalize;
pub(crate) mod release_notes;
pub(crate) mod render;
