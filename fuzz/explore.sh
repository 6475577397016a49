#!/usr/bin/env bash
# Usage: fuzz/explore.sh [--seeds-only] SECONDS [TARGET...]
# The exploring runs: each TARGET (default: every target) for SECONDS with a random libFuzzer
# seed, one after another, on fuzz/corpus/<target>/ (filled by fuzz/seed.sh: the hand-made seeds
# and, unless --seeds-only, the design corpus). Every new input found is kept in fuzz/corpus;
# a crash stops that target and leaves its input in fuzz/artifacts/<target>/ (fuzz/README.md
# says what to do with it). Exits non-zero when any target crashed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seed_args=()
if [ "${1:-}" = "--seeds-only" ]; then
  seed_args=(--seeds-only)
  shift
fi
seconds="${1:?usage: fuzz/explore.sh [--seeds-only] SECONDS [TARGET...]}"
shift
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR
cargo fuzz build
"$here/seed.sh" "${seed_args[@]}" "$here/corpus"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
failed=()
for target in "${targets[@]}"; do
  echo "fuzz/explore.sh: $target for ${seconds}s" >&2
  if ! cargo fuzz run "$target" "$here/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/explore.sh: crashed: ${failed[*]} (inputs in fuzz/artifacts/<target>/)" >&2
  exit 1
fi
echo "fuzz/explore.sh: ${targets[*]}: ${seconds}s each, no crash" >&2
