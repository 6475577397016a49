//! The mdBook edge: the JSON wire protocol of mdBook 0.4 and 0.5, and the `Preprocessor` impl.

pub mod preprocessor;
pub mod wire;

pub use preprocessor::DesignPreprocessor;
