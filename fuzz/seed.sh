#!/usr/bin/env bash
# Usage: fuzz/seed.sh [--seeds-only] [DIR]
# Fills the fuzz corpus: DIR/<target>/ for every target (DIR defaults to fuzz/corpus) gets the
# committed hand-made seeds (fuzz/seeds/common/ and fuzz/seeds/<target>/), the replay set
# (fuzz/replay/<target>/) and, unless
# --seeds-only, the design corpus that ships beside the checkout (../shared/corpus, or
# $DESIGN_CORPUS), each file cut to the 64 KiB the targets accept. Without the design corpus a
# developer gets the seeds only; under CI=true a missing design corpus is an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seeds_only=false
if [ "${1:-}" = "--seeds-only" ]; then
  seeds_only=true
  shift
fi
out="${1:-$here/corpus}"
corpus="${DESIGN_CORPUS:-$here/../../shared/corpus}"
max_bytes=65536
targets=(parse preprocess lint_fix links)

have_corpus=false
if $seeds_only; then
  :
elif [ -d "$corpus" ]; then
  have_corpus=true
elif [ "${CI:-}" = "true" ]; then
  echo "fuzz/seed.sh: the design corpus is missing at $corpus (set DESIGN_CORPUS or put shared/corpus beside the checkout)" >&2
  exit 2
fi

for target in "${targets[@]}"; do
  dir="$out/$target"
  mkdir -p "$dir"
  for seed in "$here/seeds/common/"* "$here/seeds/$target/"*; do
    [ -f "$seed" ] || continue
    cp "$seed" "$dir/seed-$(basename "$seed")"
  done
  # The replay set: inputs exploring from the seeds alone found, minimized (fuzz/README.md).
  if [ -d "$here/replay/$target" ]; then
    cp "$here/replay/$target/"* "$dir/"
  fi
  if $have_corpus; then
    # Flattened names: `openshift-enhancements/network/x.md` -> `corpus-openshift-enhancements--network--x.md`.
    (cd "$corpus" && find . -type f -name '*.md' -print0) | while IFS= read -r -d '' file; do
      name="${file#./}"
      head -c "$max_bytes" "$corpus/$name" >"$dir/corpus-${name//\//--}"
    done
  fi
done

count() { find "$out/$1" -type f | wc -l; }
if $have_corpus; then
  what="seeds and design corpus"
elif $seeds_only; then
  what="seeds only"
else
  what="seeds only: no design corpus at $corpus"
fi
echo "fuzz/seed.sh: $(count parse) inputs per target in $out ($what)"
