//! The vocabulary of what a run reports about a chapter without stopping.

/// A warning about one chapter, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// The chapter's path relative to the book's `src`.
    pub path: String,
    /// The 1-based line it is about.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}\n  = help: {}", self.path, self.line, self.message, self.help)
    }
}
