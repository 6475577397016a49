//! Lint rules over the design model, their fixes and output formats.
