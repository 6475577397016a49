//! `cargo xtask book --serve`: the built book over HTTP on 127.0.0.1 only, rebuilt (lint, then
//! build) whenever a file of the book changes.

use std::path::{Component, Path};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use notify::{RecursiveMode, Watcher};

/// Serves `html` (the build of the book in `dir`) on `127.0.0.1:port` and rebuilds on change.
pub fn run(dir: &Path, html: &Path, port: u16) -> Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}; pass --port with a free port"))?;
    eprintln!(
        "xtask: serving http://127.0.0.1:{port}/ (Ctrl-C stops); rebuilding on every change under {}",
        dir.display()
    );
    let root = html.to_path_buf();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(&root, request.url());
            let _ = request.respond(response);
        }
    });
    watch(dir)
}

/// Rebuilds the book whenever something in its `book.toml`, `src` or `theme` changes (changes
/// within 300 ms are one rebuild). The output folder is not watched, so a build never triggers
/// another.
fn watch(dir: &Path) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .context("cannot watch the book for changes")?;
    let src = mdbook_design::BookDir::load(dir)?.src;
    for (path, mode) in [
        (dir.join("book.toml"), RecursiveMode::NonRecursive),
        (src, RecursiveMode::Recursive),
        (dir.join("theme"), RecursiveMode::Recursive),
    ] {
        if path.exists() {
            watcher.watch(&path, mode).with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    loop {
        rx.recv().context("the file watcher stopped")?;
        // Let a burst of saves settle into one rebuild.
        while rx.recv_timeout(Duration::from_millis(300)).is_ok() {}
        eprintln!("xtask: change under {}; rebuilding", dir.display());
        if let Err(e) = crate::book::lint(dir).and_then(|()| crate::book::build(dir).map(|_| ())) {
            eprintln!("xtask: rebuild failed (still serving the last build): {e:#}");
        }
    }
}

/// The file under `root` that `url` names (`/` and folders give their `index.html`), or 404.
fn respond(root: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let relative = Path::new(path.trim_start_matches('/'));
    // Only plain names: no `..`, no absolute parts, so nothing outside the book is served.
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return tiny_http::Response::from_string("not found").with_status_code(404);
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let mut response = tiny_http::Response::from_data(bytes);
            if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type(&file)) {
                response.add_header(header);
            }
            response
        }
        Err(_) => tiny_http::Response::from_string("not found").with_status_code(404),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b)))
            {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_book() {
        assert_eq!(percent_decode("/a%20b.html%zz%4"), "/a b.html%zz%4");
        let root = std::env::temp_dir();
        assert_eq!(respond(&root, "/../etc/passwd").status_code().0, 404);
        assert_eq!(respond(&root, "/%2e%2e/etc/passwd").status_code().0, 404);
    }
}
