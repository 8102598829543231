#!/usr/bin/env bash
# Install the Debian packages the app and its tests need. Usage: system-packages.sh run|test
set -euo pipefail
run_pkgs=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev fonts-dejavu-core)
test_pkgs=(xvfb xauth webkit2gtk-driver poppler-utils qpdf chromium chromium-driver xdotool imagemagick locales age)
pkgs=("${run_pkgs[@]}")
[ "${1:-run}" = test ] && pkgs+=("${test_pkgs[@]}")
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
