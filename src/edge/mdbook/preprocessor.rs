//! The `mdbook_preprocessor::Preprocessor` implementation, for building books from Rust code
//! (`mdbook-driver`) with the same code path as the command-line preprocessor.

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use super::wire;

/// The design preprocessor, named `design` as in `[preprocessor.design]`.
#[derive(Debug, Default, Clone, Copy)]
pub struct DesignPreprocessor;

impl Preprocessor for DesignPreprocessor {
    fn name(&self) -> &str {
        "design"
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        let ctx_value = serde_json::to_value(ctx)?;
        let mut book_value = serde_json::to_value(&book)?;
        let report = wire::process(&ctx_value, &mut book_value).map_err(|e| anyhow::anyhow!(e.to_string()))?;
        // In process, the builds of one `serve` share this process's id.
        let text = wire::finish(&ctx_value, &report, Some(std::process::id())).map_err(|e| anyhow::anyhow!("{e}"))?;
        eprint!("{text}");
        Ok(serde_json::from_value(book_value)?)
    }

    fn supports_renderer(&self, _renderer: &str) -> Result<bool> {
        Ok(true)
    }
}
