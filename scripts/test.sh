#!/usr/bin/env bash
# Run every test: core unit, property and integration tests, the CLI, the PDF checks, the
# interface in headless Chromium and the real app end to end under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh test
cargo test --workspace --locked
# The interface alone, in Debian's headless Chromium against the stand-in backend.
(cd tests/ui && npm ci --no-audit --no-fund && node --test)
