#!/usr/bin/env bash
# Checks that release builds carry none of the test hooks: builds `ntk` and the app in release
# (without the `test-hooks` feature, as every release build is) and looks for the hooks' names
# in the binaries' bytes. Exit 1 naming any that is found.
#
# The names: `ntk`'s cheap key derivation and every `NTK_*` variable the app's
# src-tauri/src/test_hooks.rs reads (a hook added there is checked without editing this list).
#
# Usage: scripts/check-release-hooks.sh [binary...]
#   default: builds and checks target/release/ntk and target/release/ntk-app (the app's release
#   build takes several minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
hooks=(NTK_TEST_CHEAP_KDF NTK_EXPORT_DIR NTK_IMPORT_FILE NTK_AUTOLOCK_SECONDS)
while read -r name; do
  [[ " ${hooks[*]} " == *" $name "* ]] || hooks+=("$name")
done < <(grep -o 'NTK_[A-Z0-9_]*' src-tauri/src/test_hooks.rs | sort -u)
if [ "$#" -eq 0 ]; then
  cargo build --release --locked -p ntk-core --bin ntk
  cargo build --release --locked -p ntk-app --features custom-protocol
  set -- target/release/ntk target/release/ntk-app
fi
status=0
for bin in "$@"; do
  for hook in "${hooks[@]}"; do
    [ -f "$bin" ] || { echo "FAIL: $bin does not exist"; status=1; continue 2; }
    # grep reads the binary itself: `strings | grep -q` under pipefail reports a found name as
    # "absent" (grep stops early and strings dies of SIGPIPE).
    if grep -aqF -- "$hook" "$bin"; then
      echo "FAIL: $bin contains the test hook $hook"
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "ok: none of ${hooks[*]} in $*"
exit "$status"
