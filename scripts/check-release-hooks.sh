#!/usr/bin/env bash
# Checks that a release build carries none of the test hooks: builds `ntk` in release (without
# the `test-hooks` feature, as every release build is) and looks for the hooks' names in the
# binary's bytes. Exit 1 naming any that is found.
#
# Usage: scripts/check-release-hooks.sh [binary...]   (default: builds and checks target/release/ntk)
set -euo pipefail
cd "$(dirname "$0")/.."
hooks=(NTK_TEST_CHEAP_KDF)
if [ "$#" -eq 0 ]; then
  cargo build --release --locked -p ntk-core --bin ntk
  set -- target/release/ntk
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
[ "$status" -eq 0 ] && echo "ok: no test hook names in $*"
exit "$status"
