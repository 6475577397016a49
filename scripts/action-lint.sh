#!/usr/bin/env bash
# The GitHub Action's lint step: findings as annotations (`--format github`) and as SARIF in a
# file for code scanning. It never fails itself: it records lint's exit code (0 clean, 1 a
# finding at `deny`, 2 a usage, configuration or I/O error) for the action's last step.
# Environment: INPUT_BOOK, INPUT_BASELINE, INPUT_SARIF_FILE, GITHUB_WORKSPACE, GITHUB_OUTPUT.
set -uo pipefail

cd "${GITHUB_WORKSPACE:-.}" || exit 2
args=(lint --book "${INPUT_BOOK:-.}" --color never)
if [ -n "${INPUT_BASELINE:-}" ]; then
  args+=(--baseline "$INPUT_BASELINE")
fi
sarif="${INPUT_SARIF_FILE:-mdbook-design.sarif}"
mdbook-design "${args[@]}" --format sarif >"$sarif"
mdbook-design "${args[@]}" --format github
code=$?
{
  echo "exit-code=$code"
  echo "sarif-file=$sarif"
} >>"${GITHUB_OUTPUT:?}"
