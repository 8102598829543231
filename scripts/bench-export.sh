#!/usr/bin/env bash
# Benchmark of the PDF summary sheet (release build): criterion's figures for the full fixture,
# then the medians of our export and of headless Chromium printing the same content, and their
# ratio. Needs Debian's chromium for the comparison (scripts/system-packages.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p ntk-core --bench export -- "$@"
