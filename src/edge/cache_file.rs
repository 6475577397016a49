//! Where a build keeps its rebuild cache (`session::cache`): one file per book in the user's
//! cache folder, outside the book, so neither the sources nor the output that `mdbook serve`
//! watches change. It is read whole and written whole (a temporary file renamed over the old
//! one), so a build never reads half a cache, even with two builds of one book at once. A cache
//! that cannot be read or written costs a cold build, never a wrong one, so failures are not
//! reported: the build is right either way.

use std::path::{Path, PathBuf};

use crate::session::cache::Hasher;

/// The environment variable that moves the cache folder (tests, CI caches, read-only homes).
pub(crate) const CACHE_DIR_VAR: &str = "MDBOOK_DESIGN_CACHE_DIR";

/// The rebuild cache file of one book.
#[derive(Debug)]
pub(crate) struct CacheFile {
    path: PathBuf,
}

impl CacheFile {
    /// The cache file of the book at `root`, in `MDBOOK_DESIGN_CACHE_DIR` when it is set, else in
    /// `mdbook-design/` under the user's cache folder (`XDG_CACHE_HOME`, else `~/.cache`; on
    /// Windows `%LOCALAPPDATA%`); `None` when there is no such folder.
    pub(crate) fn for_book(root: &Path) -> Option<CacheFile> {
        let dir = match std::env::var_os(CACHE_DIR_VAR).filter(|d| !d.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => user_cache_dir()?.join("mdbook-design"),
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let key = Hasher::new().bytes(root.as_os_str().as_encoded_bytes()).finish();
        Some(CacheFile { path: dir.join(format!("book-{key:032x}.bin")) })
    }

    /// The file's bytes, when it can be read.
    pub(crate) fn read(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.path).ok()
    }

    /// Replaces the file with `bytes`: written beside it under a name of this process, then
    /// renamed over it.
    pub(crate) fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

/// The user's cache folder.
fn user_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return var("LOCALAPPDATA");
    }
    var("XDG_CACHE_HOME").filter(|p| p.is_absolute()).or_else(|| var("HOME").map(|home| home.join(".cache")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole() {
        let dir = std::env::temp_dir().join(format!("mdbook-design-cache-file-test-{}", std::process::id()));
        let file = CacheFile { path: dir.join("sub").join("book.bin") };
        assert_eq!(file.read(), None);
        file.write(b"first").unwrap();
        file.write(b"second").unwrap();
        assert_eq!(file.read().as_deref(), Some(&b"second"[..]));
        let left: Vec<_> = std::fs::read_dir(dir.join("sub")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("book.bin")], "no temporary file is left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
