#!/usr/bin/env bash
# Run every test: core unit, property and integration tests, the CLI, the PDF checks, the
# interface in headless Chromium and the real app end to end under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh test
# The end-to-end test drives the real app through tauri-driver (which starts Debian's
# WebKitWebDriver); it fails, rather than skips, when the driver is missing.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
mkdir -p artifacts/screenshots
cargo test --workspace --locked
# The interface: its JavaScript linted and format-checked (Biome, from the lock file), then run
# alone in Debian's headless Chromium against the stand-in backend.
(cd tests/ui && npm ci --no-audit --no-fund)
tests/ui/node_modules/.bin/biome ci --error-on-warnings
(cd tests/ui && node --test)
# The Debian package: built with the Tauri bundler (or reused when up to date), installed with
# apt, started under Xvfb to its unlock screen, purged, and the user's vault checked untouched.
bash scripts/test-package.sh
