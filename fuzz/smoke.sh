#!/usr/bin/env bash
# CI's fuzz step: builds every cargo-fuzz target (instrumented, with AddressSanitizer) and runs
# each once over every committed input: the hand-made seeds and every crash fuzzing has found
# (fuzz/seeds/common/, fuzz/seeds/<target>/) and the replay set (fuzz/replay/<target>/, what
# exploring from the seeds found, minimized). It replays, it does not explore: the result
# depends only on the change under test, never on which mutations a run happened to try.
# Exploring is fuzz/explore.sh's job (fuzz/README.md). Fails on any crash, timeout or failed
# property.
# Installs cargo-fuzz when it is missing. Works on the stable toolchain: RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz pass its nightly-only flags (see fuzz/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz/smoke.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
# The fuzz crate keeps its own target dir (fuzz/target): instrumented builds are not shared.
unset CARGO_TARGET_DIR

cargo fuzz build
corpus="$here/target/smoke-corpus"
rm -rf "$corpus"
"$here/seed.sh" --seeds-only "$corpus"
failed=()
for target in $(cargo fuzz list); do
  inputs=$(find "$corpus/$target" -type f | wc -l)
  echo "fuzz/smoke.sh: $target over its $inputs committed inputs" >&2
  # -runs=0: execute the corpus once, then stop.
  if ! cargo fuzz run "$target" "$corpus/$target" -- \
    -runs=0 -timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/smoke.sh: crashed: ${failed[*]} (inputs in fuzz/artifacts/<target>/; see fuzz/README.md)" >&2
  exit 1
fi
echo "fuzz/smoke.sh: every target ran every committed input without a crash" >&2
