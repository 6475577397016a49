//! The mdBook edge: the JSON wire protocol of mdBook 0.4 and 0.5, and the `Preprocessor` impl.

mod json_string;
pub mod preprocessor;
pub mod wire;

pub use preprocessor::DesignPreprocessor;
