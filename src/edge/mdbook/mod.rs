//! The mdBook edge: the JSON wire protocol of mdBook 0.4 and 0.5, and the `Preprocessor` impl.

mod json_string;
pub(crate) mod preprocessor;
pub(crate) mod wire;
