#!/usr/bin/env bash
# The GitHub Action's install step: puts `mdbook-design` on PATH. A prebuilt binary from the
# release archives of the action's repository when one exists for this runner and version
# (checked against its .sha256 file), else `cargo install --locked` (the requested version from
# crates.io, or with no version the action's own source).
# Environment: INPUT_VERSION, ACTION_REF, ACTION_REPOSITORY, ACTION_PATH, RUNNER_OS, RUNNER_ARCH,
# RUNNER_TEMP, GITHUB_SERVER_URL, GITHUB_PATH.
set -euo pipefail

version="${INPUT_VERSION:-}"
if [ -z "$version" ] && [[ "${ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  version="$ACTION_REF"
fi
version="${version#v}"
root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mdbook-design"
mkdir -p "$root/bin"

target=""
case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
esac

installed=""
if [ -n "$version" ] && [ -n "$target" ] && [ -n "${ACTION_REPOSITORY:-}" ]; then
  ext=tar.gz
  if [ "$target" = x86_64-pc-windows-msvc ]; then ext=zip; fi
  name="mdbook-design-v${version}-${target}"
  url="${GITHUB_SERVER_URL:-https://github.com}/${ACTION_REPOSITORY}/releases/download/v${version}/${name}.${ext}"
  download="$root/download"
  mkdir -p "$download"
  if curl -fsSL --retry 3 -o "$download/$name.$ext" "$url" &&
    curl -fsSL --retry 3 -o "$download/$name.$ext.sha256" "$url.sha256"; then
    if command -v sha256sum >/dev/null 2>&1; then
      (cd "$download" && sha256sum -c --quiet "$name.$ext.sha256")
    else
      (cd "$download" && shasum -a 256 -c --quiet "$name.$ext.sha256")
    fi
    if [ "$ext" = zip ]; then
      unzip -q -o "$download/$name.$ext" -d "$download"
    else
      tar -xzf "$download/$name.$ext" -C "$download"
    fi
    cp "$download/$name"/mdbook-design* "$root/bin/"
    installed=yes
    echo "mdbook-design: installed the prebuilt $name"
  else
    echo "mdbook-design: no prebuilt binary at $url; building it with cargo install"
  fi
fi
if [ -z "$installed" ]; then
  if [ -n "$version" ]; then
    cargo install --locked --quiet --root "$root" mdbook-design --version "$version"
  else
    cargo install --locked --quiet --root "$root" --path "${ACTION_PATH:?}"
  fi
fi
echo "$root/bin" >>"${GITHUB_PATH:?}"
"$root/bin/mdbook-design" --version
