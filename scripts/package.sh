#!/usr/bin/env bash
# Build the Debian package with the Tauri bundler: target/release/bundle/deb/*.deb.
# The bundler (tauri-cli 2) is installed once from the Rust registry into .tools/ (git-ignored);
# after that the package builds without the network. Usage: package.sh [--if-missing]
#   --if-missing: reuse a .deb already built from the current sources (the package test).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/system-packages.sh run

deb_dir=target/release/bundle/deb
if [ "${1:-}" = --if-missing ] && ls "$deb_dir"/*.deb >/dev/null 2>&1; then
  newest=$(ls -t "$deb_dir"/*.deb | head -n 1)
  # Rebuild when any source, interface file or bundle setting is newer than the package.
  newer=$(git ls-files -z -- src src-tauri ui Cargo.toml Cargo.lock 2>/dev/null \
    | xargs -0 -r sh -c 'find "$@" -newer "$0" -print' "$newest" | head -n 1 || true)
  if git rev-parse --git-dir >/dev/null 2>&1 && [ -z "$newer" ]; then
    echo "package: $newest is up to date"
    exit 0
  fi
fi

if ! cargo-tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  echo "Installing tauri-cli 2 into .tools/"
  cargo install tauri-cli --version '^2' --locked --root .tools
fi
rm -f "$deb_dir"/*.deb
# The same features as `cargo build --release -p ntk-app --features custom-protocol`.
(cd src-tauri && cargo tauri build --ci --bundles deb --features custom-protocol)
deb=$(ls "$deb_dir"/*.deb)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
