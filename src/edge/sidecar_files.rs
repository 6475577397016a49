//! The file-reading edge for sidecar metadata (`metadata-file`): reads the file beside each
//! chapter from disk, so that a change to it is picked up on every build although mdBook does
//! not know it.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::model::config::Config;
use crate::model::design::SidecarText;
use crate::session::BookInput;

/// The sidecar beside every chapter of `book` (listed or unlisted) and beside the template file,
/// by their paths; empty unless `metadata-file` is configured.
pub(crate) fn read_beside(src: &Path, config: &Config, book: &BookInput) -> HashMap<String, SidecarText> {
    let Some(name) = config.metadata_file.as_deref().filter(|n| !n.trim().is_empty()) else {
        return HashMap::new();
    };
    // The template's own sidecar lists the keys every sidecar must have.
    let template = std::iter::once(config.template.as_str());
    let paths: Vec<&str> =
        book.chapters.iter().chain(&book.unlisted).filter_map(|c| c.path.as_deref()).chain(template).collect();
    // One read per folder: the chapters of a flat designs folder share one (usually missing) file.
    let mut folders: Vec<&str> = paths.iter().map(|p| folder_of(p)).collect();
    folders.sort_unstable();
    folders.dedup();
    let found: HashMap<&str, SidecarText> = folders
        .par_iter()
        .filter_map(|folder| read_one(src, name, &format!("{folder}{name}")).map(|s| (*folder, s)))
        .collect();
    if found.is_empty() {
        return HashMap::new();
    }
    paths.iter().filter_map(|path| found.get(folder_of(path)).map(|s| (path.to_string(), s.clone()))).collect()
}

/// The sidecar named `name` beside each design file, by the design's path: `files` pairs the path
/// the run names a design by with its place on disk. One read per folder on disk.
pub(crate) fn read_beside_files(name: &str, files: &[(&str, &Path)]) -> HashMap<String, SidecarText> {
    let mut folders: Vec<&Path> = files.iter().map(|(_, disk)| disk.parent().unwrap_or(Path::new("."))).collect();
    folders.sort_unstable();
    folders.dedup();
    let found: HashMap<&Path, SidecarText> = folders
        .par_iter()
        .filter_map(|folder| read_beside_file(&folder.join(name), name, name).map(|s| (*folder, s)))
        .collect();
    files
        .iter()
        .filter_map(|(path, disk)| {
            let sidecar = found.get(disk.parent().unwrap_or(Path::new(".")))?;
            Some((path.to_string(), SidecarText { path: format!("{}{name}", folder_of(path)), ..sidecar.clone() }))
        })
        .collect()
}

/// The folder part of a chapter path, with its trailing `/` (empty at the root).
fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// The sidecar named `name` in the folder of the chapter at `path` (relative to `src`).
pub(crate) fn read_one(src: &Path, name: &str, path: &str) -> Option<SidecarText> {
    read_beside_file(&src.join(path), name, path)
}

/// The sidecar named `name` beside the design file `disk`, named after the design's `path` as
/// the run shows it (`a/README.md` gives `a/kep.yaml`).
pub(crate) fn read_beside_file(disk: &Path, name: &str, path: &str) -> Option<SidecarText> {
    let relative = format!("{}{name}", folder_of(path));
    let file = disk.parent().unwrap_or(Path::new(".")).join(name);
    match std::fs::read(file) {
        Ok(bytes) => Some(match String::from_utf8(bytes) {
            Ok(text) => SidecarText { path: relative, text, read_error: None },
            Err(_) => {
                SidecarText { path: relative, text: String::new(), read_error: Some("it is not UTF-8 text".into()) }
            }
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(SidecarText { path: relative, text: String::new(), read_error: Some(e.to_string()) }),
    }
}
