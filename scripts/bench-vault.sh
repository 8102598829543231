#!/usr/bin/env bash
# Runs the vault benchmarks (criterion, release) with the same rating-save workload on SQLCipher
# (bench/sqlcipher, a separate project) alternating with the vault's saves, and prints the
# vault/SQLCipher ratio of the durable save's p50 and p99. Figures are printed, never asserted.
# `make bench` (scripts/bench.sh) runs the same and prints every figure in one table.
#
# Usage: scripts/bench-vault.sh            (5,000 households, as in BENCHMARKS.md)
#        NTK_BENCH_HOUSEHOLDS=500 scripts/bench-vault.sh   (quicker)
#        NTK_BENCH_EARLIER=f4d8297 scripts/bench-vault.sh  (also the vault's save at that commit,
#            alternating in the same run, and this/earlier; f4d8297 is main just before padded
#            records; scripts/bench-earlier.sh builds it)
# NTK_BENCH_SAVES sets the measured saves per store (default 2000).
# Needs libssl-dev for SQLCipher.
set -euo pipefail
cd "$(dirname "$0")/.."
households="${NTK_BENCH_HOUSEHOLDS:-5000}"
export NTK_BENCH_DIR="${NTK_BENCH_DIR:-$(mktemp -d)}"
log="$(mktemp)"

(cd bench/sqlcipher && cargo build --release --quiet)
export NTK_SQLCIPHER_BIN="$PWD/bench/sqlcipher/target/release/ntk-bench-sqlcipher"
if [ -n "${NTK_BENCH_EARLIER:-}" ]; then
  read -r NTK_EARLIER_BIN NTK_EARLIER_REV < <(bash scripts/bench-earlier.sh "$NTK_BENCH_EARLIER" | tail -1)
  [ -x "${NTK_EARLIER_BIN:-}" ] || { echo "the earlier vault ($NTK_BENCH_EARLIER) did not build" >&2; exit 1; }
  export NTK_EARLIER_BIN NTK_EARLIER_REV
fi

echo "== vault (cargo bench -p ntk-core --bench vault), $households households, SQLCipher alternating"
NTK_BENCH_HOUSEHOLDS="$households" cargo bench -p ntk-core --bench vault 2>&1 | tee "$log"

read -r v50 v99 < <(sed -n 's/.*VAULT_SAVE_P50_MS=\([0-9.]*\) VAULT_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1)
read -r s50 s99 < <(sed -n 's/.*SQLCIPHER_SAVE_P50_MS=\([0-9.]*\) SQLCIPHER_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1)
awk -v v50="$v50" -v v99="$v99" -v s50="$s50" -v s99="$s99" 'BEGIN {
  printf "== vault / SQLCipher durable save: p50 %.3f / %.3f ms = %.2fx; p99 %.3f / %.3f ms = %.2fx\n",
         v50, s50, v50 / s50, v99, s99, v99 / s99 }'
if [ -n "${NTK_EARLIER_BIN:-}" ]; then
  read -r e50 e99 < <(sed -n 's/.*EARLIER_SAVE_P50_MS=\([0-9.]*\) EARLIER_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1)
  read -r t50 t99 < <(sed -n 's/.*THIS_SAVE_P50_MS=\([0-9.]*\) THIS_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1) || true
  # "this" is the same program as the earlier one, on this core; without it, the benchmark's vault.
  awk -v t50="${t50:-$v50}" -v t99="${t99:-$v99}" -v e50="$e50" -v e99="$e99" -v rev="$NTK_EARLIER_REV" 'BEGIN {
    printf "== this / earlier (%s) durable save: earlier p50/p99 %.3f / %.3f ms, this p50/p99 %.3f / %.3f ms; p50 %.2fx, p99 %.2fx (target: at most 1.10x)\n",
           rev, e50, e99, t50, t99, t50 / e50, t99 / e99 }'
fi
rm -f "$log"
