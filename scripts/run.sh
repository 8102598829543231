#!/usr/bin/env bash
# Build and start the desktop app, installing the system packages it needs.
# NTK_DEMO=1 starts it with a fresh vault holding the demo household (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh run
exec cargo run --release -p ntk-app --features custom-protocol -- "$@"
