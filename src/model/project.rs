//! A project's settings resolved once: configuration, template, status aliases and which paths
//! are designs. Every entry point (preprocessor, lint, index) builds one and parses through it.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::model::config::{Config, ConfigError};
use crate::model::design::{Design, Sidecar, SidecarText};
use crate::model::status::Status;
use crate::model::template::Template;
use crate::model::warning::Warning;

/// Configuration, template and design selection, ready to parse designs.
#[derive(Debug, Clone)]
pub struct Project {
    /// The `[preprocessor.design]` settings.
    pub config: Config,
    /// The template designs are checked against.
    pub template: Template,
    /// Status aliases with lowercase keys.
    pub aliases: BTreeMap<String, Status>,
    designs: GlobSet,
    /// The literal folder each `designs` glob starts with (`design/` for `design/**`).
    folders: Vec<String>,
}

impl Project {
    /// Resolves `config`; `template_text` is the book's template file, when it has one.
    pub fn new(config: Config, template_text: Option<&str>) -> Result<Project, ConfigError> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &config.designs {
            let glob = Glob::new(pattern)
                .map_err(|e| ConfigError::config(format!("`designs` has an invalid glob `{pattern}`: {e}")))?;
            builder.add(glob);
        }
        let designs = builder.build().map_err(|e| ConfigError::config(format!("`designs` globs do not build: {e}")))?;
        let folders = config
            .designs
            .iter()
            .map(|g| {
                let literal = g.find(['*', '?', '[', '{']).map_or(g.as_str(), |i| &g[..i]);
                literal.rfind('/').map_or("", |i| &literal[..=i]).to_string()
            })
            .collect();
        let template = template_text.map_or_else(Template::builtin, Template::parse);
        let template = if template.sections.is_empty() { Template::builtin() } else { template };
        Ok(Project { aliases: config.aliases(), config, template, designs, folders })
    }

    /// Whether the chapter at `path` (relative to the book's `src`) is a design.
    ///
    /// Files whose name starts with `_` (the template) never are.
    pub fn is_design(&self, path: &Path) -> bool {
        let underscore = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('_'));
        let markdown = path.extension().is_some_and(|e| e == "md");
        // The template file is never a design, wherever it sits (`NNNN-kep-template/README.md`).
        let template = path.to_str().is_some_and(|p| p.replace('\\', "/") == self.config.template);
        markdown && !underscore && !template && self.designs.is_match(path)
    }

    /// The sub-folder of a design under its designs folder (`net/dns` for `design/net/dns/a.md`
    /// with `design/**`), empty at the top level; the folder comes from the first matching glob.
    pub fn area(&self, path: &str) -> String {
        let folder = self.designs.matches(path).first().map_or("", |&i| self.folders[i].as_str());
        let rest = path.strip_prefix(folder).unwrap_or(path);
        let area = rest.rfind('/').map_or("", |i| &rest[..i]);
        // A design that is its folder's README.md is named by that folder, not filed in it.
        if crate::model::design::is_folder_design(path) {
            return area.rfind('/').map_or("", |i| &area[..i]).to_string();
        }
        area.to_string()
    }

    /// Parses one design's text.
    pub fn parse(&self, text: &str) -> Design {
        Design::parse(text, &self.template, &self.aliases)
    }

    /// Parses one design's text with its sidecar metadata file, when it has one.
    pub fn parse_with(&self, text: &str, sidecar: Option<&SidecarText>) -> Design {
        let mut design = self.parse(text);
        design.sidecar = sidecar.map(|s| Sidecar::parse(s, &self.aliases));
        design
    }
}

/// The text of the book's template file (`template` in [preprocessor.design], relative to `src`),
/// and a warning when a template file is there but cannot be used, or a configured one is missing.
/// Without text the built-in template is used.
pub(crate) fn read_template(src: &Path, config: &Config) -> (Option<String>, Option<Warning>) {
    let warning = |line: usize, problem: String, help: &str| Warning {
        path: config.template.clone(),
        line,
        message: format!("{problem}; the built-in template is used instead"),
        help: help.to_string(),
    };
    let fix = "make `template` in [preprocessor.design] name a Markdown file (relative to the book's `src`) \
               with `## Status`, `## Summary`, ... sections, or remove the key";
    let bytes = match std::fs::read(src.join(&config.template)) {
        Ok(bytes) => bytes,
        // Books without a template of their own use the built-in one, silently.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && config.template == Config::default().template => {
            return (None, None)
        }
        Err(e) => return (None, Some(warning(1, format!("the template file cannot be read ({e})"), fix))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count();
            return (None, Some(warning(line, "the template file is not UTF-8 text".into(), fix)));
        }
    };
    if Template::parse(&text).sections.is_empty() {
        return (None, Some(warning(1, "the template file has no `##` sections".into(), fix)));
    }
    (Some(text), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection() {
        let p = Project::new(Config::default(), None).unwrap();
        assert!(p.is_design(Path::new("design/a.md")));
        assert!(p.is_design(Path::new("design/net/b.md")));
        assert!(!p.is_design(Path::new("design/_template.md")));
        assert!(!p.is_design(Path::new("intro.md")));
        assert!(!p.is_design(Path::new("design/image.png")));
    }

    #[test]
    fn areas_follow_the_designs_glob() {
        let config = Config { designs: vec!["proposals/*.md".into(), "design/**".into()], ..Config::default() };
        let p = Project::new(config, None).unwrap();
        assert_eq!(p.area("design/a.md"), "");
        assert_eq!(p.area("design/x/y/a.md"), "x/y");
        assert_eq!(p.area("proposals/a.md"), "");
        assert_eq!(p.area("other/z/a.md"), "other/z");
    }

    #[test]
    fn template_files_that_cannot_be_used_warn() {
        let src = std::env::temp_dir().join(format!("mdbook-design-template-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&src);
        std::fs::create_dir_all(src.join("design/_template.md")).unwrap();
        let default = Config::default();
        let (text, warning) = read_template(&src, &default);
        assert!(text.is_none());
        let warning = warning.expect("a folder where the template should be");
        assert_eq!(warning.path, "design/_template.md");
        assert!(warning.message.contains("cannot be read"), "{warning}");
        std::fs::remove_dir_all(src.join("design/_template.md")).unwrap();
        assert_eq!(read_template(&src, &default), (None, None));
        let named = Config { template: "t.md".into(), ..Config::default() };
        assert!(read_template(&src, &named).1.unwrap().message.contains("No such file"));
        std::fs::write(src.join("t.md"), b"# T\n\n## Status\n\nx\xff\n").unwrap();
        let warning = read_template(&src, &named).1.unwrap();
        assert_eq!((warning.line, warning.message.contains("UTF-8")), (5, true), "{warning}");
        std::fs::write(src.join("t.md"), "# Just a title\n").unwrap();
        assert!(read_template(&src, &named).1.unwrap().message.contains("no `##` sections"));
        std::fs::write(src.join("t.md"), "# T\n\n## Status\n\n## Summary\n").unwrap();
        let (text, warning) = read_template(&src, &named);
        assert!(text.is_some() && warning.is_none());
        std::fs::remove_dir_all(&src).unwrap();
    }

    #[test]
    fn bad_glob_is_a_config_error() {
        let config = Config { designs: vec!["design/[".into()], ..Config::default() };
        let e = Project::new(config, None).unwrap_err();
        assert!(e.message().contains("designs"), "{e}");
    }
}
