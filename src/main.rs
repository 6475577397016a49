//! The `mdbook-design` binary: mdBook preprocessor mode (stdin to stdout) and the subcommands,
//! all in [`mdbook_design::cli`].

fn main() -> std::process::ExitCode {
    mdbook_design::cli_main()
}
