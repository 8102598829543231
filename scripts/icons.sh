#!/usr/bin/env bash
# Render the app icon (src-tauri/icons/icon.svg) at the sizes the packages use: PNGs for the
# Linux icon theme (hicolor) and the window, and a multi-size ICO for the Windows installers.
# The rendered files are committed; run this again only after changing the SVG.
# Needs librsvg2-bin (rsvg-convert) and imagemagick from Debian.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/icons"
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" icon.svg -o "${s}x${s}.png"
done
# The window icon is the first PNG listed in tauri.conf.json (128x128).
# ImageMagick's own `convert` (another one may come first on PATH).
/usr/bin/convert 16x16.png 24x24.png 32x32.png 48x48.png 64x64.png 256x256.png icon.ico
