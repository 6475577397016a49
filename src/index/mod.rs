//! The index of all designs: table rows, JSON, and the `{{#design-index}}` expansion.
