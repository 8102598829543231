#!/usr/bin/env bash
# Measure the desktop app as a user meets it and print the figures (never fails on them):
# start to an interactive unlock screen under Xvfb; RSS and PSS of every process of the app
# (WebKit's web and network processes included) at the unlock screen and after opening a
# household, with WebKitGTK's defaults (before) and the app's tuning (after), beside the floor
# (Debian's MiniBrowser on a blank page); and the release binary's size. See BENCHMARKS.md ("App").
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo build --release -p ntk-app --features custom-protocol || { echo "release build failed"; exit 0; }
bin="$PWD/target/release/ntk-app"
size=$(stat -c %s "$bin")
echo "release binary: $(awk "BEGIN{printf \"%.1f\", $size/1048576}") MB ($size bytes; target <= 20 MB)"
NTK_APP_BIN="$bin" cargo run -q -p ntk-app --example measure || echo "start-up and memory: not measured"
