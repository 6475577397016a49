#!/usr/bin/env bash
# The GitHub Action's summary step, on pull requests: appends `mdbook-design pr-summary` (status
# changes, designs added, lint totals against the base branch) to the job summary. The base is
# origin/$GITHUB_BASE_REF, fetched when the checkout does not have it.
# Environment: INPUT_BOOK, GITHUB_BASE_REF, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY.
set -euo pipefail

if [ -z "${GITHUB_BASE_REF:-}" ]; then
  echo "mdbook-design: not a pull request (GITHUB_BASE_REF is empty), so no job summary"
  exit 0
fi
cd "${GITHUB_WORKSPACE:-.}"
base="origin/$GITHUB_BASE_REF"
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  git fetch --quiet --no-tags origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/$base"
fi
mdbook-design pr-summary --book "${INPUT_BOOK:-.}" --base "$base" >>"${GITHUB_STEP_SUMMARY:?}"
