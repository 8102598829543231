#!/usr/bin/env bash
# Every benchmark and measurement (release builds); prints figures, never fails on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bench-vault.sh
bash scripts/bench-export.sh
bash scripts/measure-app.sh
