#!/usr/bin/env bash
# Build and start the desktop app, installing the system packages it needs.
# `scripts/run.sh --demo` (or NTK_DEMO=1) starts it on a separate demo vault holding a clearly
# fictional household; its passphrase is shown on the unlock screen (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh run
exec cargo run --release -p ntk-app --features custom-protocol -- "$@"
