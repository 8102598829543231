#!/usr/bin/env bash
# The Debian package as a user gets it: build it (or reuse one built from the current sources),
# check its metadata, install it with apt, start the installed app under Xvfb and find its unlock
# screen through WebDriver, then purge the package and check the user's vault is untouched.
# Needs root (or sudo) for apt. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
started=$(date +%s)

fail() {
  echo "test-package: FAIL: $*" >&2
  exit 1
}

# What this test needs besides the package's own dependencies (which apt installs with it).
need=(xvfb xauth webkit2gtk-driver desktop-file-utils appstream imagemagick curl jq)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v tauri-driver >/dev/null || fail "tauri-driver is missing (cargo install tauri-driver --version ^2 --locked)"

bash scripts/package.sh --if-missing
deb=$(ls -t "$root"/target/release/bundle/deb/*.deb | head -n 1)
echo "test-package: checking $deb"

# 1. Metadata: name, dependencies, desktop entry, icons, AppStream, no updater.
pkg=$(dpkg-deb -f "$deb" Package)
[ "$pkg" = neglect-toolkit ] || fail "package name is '$pkg'"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libwebkit2gtk-4.1-0 libgtk-3-0 fonts-dejavu-core; do
  grep -qw -- "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/tree"
desktop="$work/tree/usr/share/applications/neglect-toolkit.desktop"
[ -f "$desktop" ] || fail "no desktop entry at /usr/share/applications/neglect-toolkit.desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
grep -qx 'Exec=ntk-app' "$desktop" || fail "the desktop entry does not start ntk-app"
grep -qx 'Name=Neglect Toolkit' "$desktop" || fail "the desktop entry is not named Neglect Toolkit"
[ -x "$work/tree/usr/bin/ntk-app" ] || fail "no /usr/bin/ntk-app"
for s in 16 24 32 48 64 128 256 512; do
  icon="$work/tree/usr/share/icons/hicolor/${s}x${s}/apps/ntk-app.png"
  [ -f "$icon" ] || fail "no ${s}x${s} icon"
  [ "$(/usr/bin/identify -format '%wx%h' "$icon")" = "${s}x${s}" ] || fail "the ${s}x${s} icon has the wrong size"
done
metainfo="$work/tree/usr/share/metainfo/app.neglecttoolkit.desktop.metainfo.xml"
[ -f "$metainfo" ] || fail "no AppStream metainfo"
appstreamcli validate --no-net --pedantic "$metainfo" >/dev/null || {
  appstreamcli validate --no-net --pedantic "$metainfo"
  fail "appstreamcli rejects the metainfo"
}
if grep -q '^name = "tauri-plugin-updater"' Cargo.lock; then
  fail "an updater plugin is linked in; docs/install.md says there is none"
fi

# 2. A user with a vault in the app's data folder (created by the ntk tool, outside the package).
cargo build -q --locked --bin ntk
home="$work/home"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache"
unset WAYLAND_DISPLAY NTK_DEMO NTK_AUTOLOCK_SECONDS
vault="$XDG_DATA_HOME/app.neglecttoolkit.desktop/vault.ntk"
mkdir -p "$(dirname "$vault")"
printf 'package-test-passphrase\n' | "$root/target/debug/ntk" vault init --vault "$vault" >/dev/null
hash_vault() { find "$(dirname "$vault")" -type f -name 'vault.ntk*' -print0 | sort -z | xargs -0 sha256sum; }
before=$(hash_vault)
[ -n "$before" ] || fail "the vault was not created"

# 3. Install with apt; the installed app starts and shows its unlock screen.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
dpkg-query -W -f='${Status}' "$pkg" | grep -q "install ok installed" || fail "apt did not install $pkg"
[ -x /usr/bin/ntk-app ] || fail "the installed package has no /usr/bin/ntk-app"
# The release build (as packaged) and the installed binary carry none of the test hooks' names.
bash scripts/check-release-hooks.sh "$root/target/release/ntk-app" /usr/bin/ntk-app ||
  fail "a release binary carries a test hook"

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n 1 "$work/display")"
port=$((4500 + RANDOM % 400))
tauri-driver --port "$port" --native-port $((port + 1000)) >"$work/driver.log" 2>&1 &
driver=$!
stop() {
  kill -TERM "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  kill -TERM "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
}
wd() { curl -sS --max-time 60 -H 'Content-Type: application/json' "$@"; }
for _ in $(seq 100); do wd "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break; sleep 0.1; done
caps='{"capabilities":{"alwaysMatch":{"tauri:options":{"application":"/usr/bin/ntk-app"}}}}'
session=$(wd -X POST -d "$caps" "http://127.0.0.1:$port/session" | jq -r '.value.sessionId // empty') || true
if [ -z "$session" ]; then
  cat "$work/driver.log" >&2
  stop
  fail "the installed app did not start under WebDriver"
fi
seen=""
for _ in $(seq 150); do
  found=$(wd -X POST -d '{"using":"css selector","value":"#unlock-passphrase"}' \
    "http://127.0.0.1:$port/session/$session/element" |
    jq -r '.value | objects | to_entries | map(select(.key | startswith("element-6066"))) | .[0].value // empty' 2>/dev/null) || true
  if [ -n "$found" ]; then
    seen=yes
    break
  fi
  sleep 0.2
done
title=$(wd "http://127.0.0.1:$port/session/$session/title" | jq -r '.value') || true
mkdir -p "$root/artifacts/screenshots"
/usr/bin/import -window root "$root/artifacts/screenshots/package-unlock.png" 2>/dev/null || true
wd -X DELETE "http://127.0.0.1:$port/session/$session" >/dev/null || true
stop
[ -n "$seen" ] || fail "the installed app never showed the unlock screen (#unlock-passphrase)"
[ "$title" = "Neglect Toolkit" ] || fail "the window title is '$title'"
echo "test-package: the installed app showed its unlock screen"

# 4. Purge the package: the program goes, the user's vault stays byte for byte.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get purge -y -qq "$pkg" >/dev/null
! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || fail "$pkg is still installed"
[ ! -e /usr/bin/ntk-app ] || fail "/usr/bin/ntk-app is still there after purge"
after=$(hash_vault)
[ "$before" = "$after" ] || fail "the vault changed: before $before, after $after"
printf 'package-test-passphrase\n' | "$root/target/debug/ntk" vault verify --vault "$vault" >/dev/null ||
  fail "the vault no longer verifies after the package was removed"
echo "test-package: ok in $(($(date +%s) - started)) s (vault untouched: $(cut -c1-16 <<<"$after")...)"
