//! The mdBook edge: the JSON wire protocol of mdBook 0.4 and 0.5, the `Preprocessor` impl, and
//! what a build prints.

mod json_string;
pub(crate) mod output;
pub(crate) mod preprocessor;
pub(crate) mod wire;
