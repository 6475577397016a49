//! A project's settings resolved once: configuration, template, status aliases and which paths
//! are designs. Every entry point (preprocessor, lint, index) builds one and parses through it.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{Config, ConfigError};
use crate::design::Design;
use crate::status::Status;
use crate::template::Template;

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
                .map_err(|e| ConfigError(format!("`designs` has an invalid glob `{pattern}`: {e}")))?;
            builder.add(glob);
        }
        let designs = builder.build().map_err(|e| ConfigError(format!("`designs` globs do not build: {e}")))?;
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
        markdown && !underscore && self.designs.is_match(path)
    }

    /// The sub-folder of a design under its designs folder (`net/dns` for `design/net/dns/a.md`
    /// with `design/**`), empty at the top level; the folder comes from the first matching glob.
    pub fn area(&self, path: &str) -> String {
        let folder = self.designs.matches(path).first().map_or("", |&i| self.folders[i].as_str());
        let rest = path.strip_prefix(folder).unwrap_or(path);
        rest.rfind('/').map_or("", |i| &rest[..i]).to_string()
    }

    /// Parses one design's text.
    pub fn parse(&self, text: &str) -> Design {
        Design::parse(text, &self.template, &self.aliases)
    }
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
    fn bad_glob_is_a_config_error() {
        let config = Config { designs: vec!["design/[".into()], ..Config::default() };
        let e = Project::new(config, None).unwrap_err();
        assert!(e.0.contains("designs"), "{e}");
    }
}
