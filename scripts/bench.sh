#!/usr/bin/env bash
# `make bench`: the speed figures of issue 14 measured in one run and printed in one table, each
# beside its target. Figures are printed, never asserted.
#
# - the vault benchmark (benches/vault.rs, release): the durable save alternating with plain
#   rusqlite and SQLCipher (bench/sqlcipher, same workload), the session's unlock, the households
#   index's build time and memory, list and search through the session;
# - start to an interactive unlock screen (src-tauri/examples/measure.rs under Xvfb, no display
#   needed), when the release app is built (`make measure-app` builds it; set
#   NTK_BENCH_BUILD_APP=1 to build it here, which takes several minutes the first time).
#
# NTK_BENCH_HOUSEHOLDS (default 5000), NTK_BENCH_SAVES (default 2000) and NTK_BENCH_DIR (default
# a fresh folder under target/, on the disk rather than tmpfs) as for scripts/bench-vault.sh.
# NTK_BENCH_EARLIER=<commit> (e.g. f4d8297, main just before padded records) also runs the
# vault's save at that commit (scripts/bench-earlier.sh) alternating with the others, and adds
# this/earlier rows to the table. The export benchmark is separate:
# scripts/bench-export.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
households="${NTK_BENCH_HOUSEHOLDS:-5000}"
made_dir=""
if [ -z "${NTK_BENCH_DIR:-}" ]; then
  mkdir -p target/bench-runs
  made_dir="$(mktemp -d "$PWD/target/bench-runs/run.XXXXXX")"
  export NTK_BENCH_DIR="$made_dir"
fi
log="$(mktemp)"
app_log="$(mktemp)"
started=$(date +%s)

echo "== building the SQLCipher comparison (bench/sqlcipher)"
(cd bench/sqlcipher && cargo build --release --quiet) || echo "SQLCipher program: build failed"
sqlcipher="$PWD/bench/sqlcipher/target/release/ntk-bench-sqlcipher"
[ -x "$sqlcipher" ] && export NTK_SQLCIPHER_BIN="$sqlcipher"
if [ -n "${NTK_BENCH_EARLIER:-}" ]; then
  read -r NTK_EARLIER_BIN NTK_EARLIER_REV < <(bash scripts/bench-earlier.sh "$NTK_BENCH_EARLIER" | tail -1)
  if [ -x "${NTK_EARLIER_BIN:-}" ]; then
    export NTK_EARLIER_BIN NTK_EARLIER_REV
  else
    echo "earlier vault ($NTK_BENCH_EARLIER): build failed"
    unset NTK_EARLIER_BIN NTK_EARLIER_REV
  fi
fi

echo "== vault (cargo bench -p ntk-core --bench vault), $households households, in $NTK_BENCH_DIR"
NTK_BENCH_HOUSEHOLDS="$households" cargo bench -p ntk-core --bench vault 2>&1 | tee "$log"

app="$PWD/target/release/ntk-app"
if [ "${NTK_BENCH_BUILD_APP:-0}" = 1 ]; then
  cargo build --release -p ntk-app --features custom-protocol || echo "release app: build failed"
fi
if [ -x "$app" ]; then
  echo "== start to the unlock screen (src-tauri/examples/measure.rs, Xvfb)"
  NTK_APP_BIN="$app" cargo run -q -p ntk-app --example measure 2>&1 | tee "$app_log"
fi

fig() { sed -n "s/^FIGURE $1 \([0-9.]*\)$/\1/p" "$log" | tail -1; }
startup=$(sed -n 's/.*start to interactive unlock screen: median \([0-9.]*\) s, min \([0-9.]*\) s, max \([0-9.]*\) s.*/\1 \2 \3/p' "$app_log" | tail -1)
elapsed=$(( $(date +%s) - started ))

awk -v n="$households" \
    -v list="$(fig list_ms)" -v search="$(fig search_ms)" -v wide="$(fig search_wide_ms)" \
    -v build="$(fig index_build_ms)" -v bytes="$(fig index_bytes)" -v ih="$(fig index_households)" \
    -v v50="$(fig save_p50_ms)" -v v99="$(fig save_p99_ms)" \
    -v s50="$(fig sqlcipher_save_p50_ms)" -v s99="$(fig sqlcipher_save_p99_ms)" \
    -v p50="$(fig plain_save_p50_ms)" -v p99="$(fig plain_save_p99_ms)" \
    -v unlock="$(fig unlock_ms)" -v startup="$startup" -v app="$app" -v elapsed="$elapsed" \
    -v saves="$(sed -n 's/^VAULT save_rating durable: .*(\([0-9]*\) saves)$/\1/p' "$log" | tail -1)" \
    -v e50="$(fig earlier_save_p50_ms)" -v e99="$(fig earlier_save_p99_ms)" \
    -v t50="$(fig this_save_p50_ms)" -v t99="$(fig this_save_p99_ms)" \
    -v paired="$(fig this_earlier_paired)" \
    -v earlier="${NTK_BENCH_EARLIER:-}" -v erev="${NTK_EARLIER_REV:-}" '
function ms(x) { return x == "" ? "not measured" : sprintf("%.2f ms", x) }
function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "not measured" : sprintf("%.2fx (%.3f / %.3f ms)", a / b, a, b) }
BEGIN {
  printf "\n== figures (one run, %d households, %d s)\n\n", n, elapsed
  printf "| figure | target | measured |\n| --- | --- | --- |\n"
  printf "| list all households, session, after unlock (median of 51) | <= 20 ms | %s |\n", ms(list)
  printf "| search \"child 4999\", session (median of 51) | <= 20 ms | %s |\n", ms(search)
  printf "| search \"ng7 3\", session (median of 51) | <= 20 ms | %s |\n", ms(wide)
  printf "| households index build (median of 11) | reported | %s |\n", ms(build)
  printf "| households index memory | reported | %s |\n", (bytes == "" ? "not measured" : sprintf("%d bytes for %d households (%.0f per household, %.1f MiB)", bytes, ih, bytes / (ih ? ih : 1), bytes / 1048576))
  printf "| durable save p50, vault / SQLCipher (each in its own process, alternating, %s each) | <= 1.0x | %s |\n", (saves == "" ? "?" : saves), ratio(t50, s50)
  printf "| durable save p99, vault / SQLCipher (same run) | <= 1.0x | %s |\n", ratio(t99, s99)
  printf "| durable save p50 / p99, vault inside the benchmark process / SQLCipher (same run, for reference) | - | %s / %s |\n", ratio(v50, s50), ratio(v99, s99)
  printf "| durable save p50 / p99, plain rusqlite (same run, for reference) | - | %s / %s |\n", ms(p50), ms(p99)
  if (earlier != "") {
    e = (erev == "" ? earlier : erev)
    printf "| durable save p50, this / earlier (%s; each served the same way, same run) | <= 1.10x | %s |\n", e, ratio(t50, e50)
    printf "| durable save p99, this / earlier (%s; same run) | <= 1.10x | %s |\n", e, ratio(t99, e99)
    printf "| durable save, this / earlier (%s), median of the per-round ratios | <= 1.10x | %s |\n", e, (paired == "" ? "not measured" : sprintf("%.2fx", paired))
    printf "| durable save p50 / p99, vault in the benchmark / earlier (%s) | for reference | %s / %s |\n", e, ratio(v50, e50), ratio(v99, e99)
  }
  printf "| unlock: session on the full vault (Argon2id Standard, quick check, index build; median of 5) | 0.3-1.0 s | %s |\n", (unlock == "" ? "not measured" : sprintf("%.2f s", unlock / 1000))
  if (startup != "") { split(startup, s, " "); st = sprintf("median %.2f s (min %.2f, max %.2f; 5 starts under Xvfb)", s[1], s[2], s[3]) }
  else st = "not measured: " app " is not built (make measure-app, or NTK_BENCH_BUILD_APP=1)"
  printf "| start to an interactive unlock screen | <= 1.0 s median | %s |\n", st
}'
rm -f "$log" "$app_log"
[ -n "$made_dir" ] && rm -rf "$made_dir"
exit 0
