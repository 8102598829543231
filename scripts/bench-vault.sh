#!/usr/bin/env bash
# Runs the vault benchmarks (criterion, release) with the same rating-save workload on SQLCipher
# (bench/sqlcipher, a separate project) alternating with the vault's saves, and prints the
# vault/SQLCipher ratio of the durable save's p50 and p99. Figures are printed, never asserted.
# `make bench` (scripts/bench.sh) runs the same and prints every figure in one table.
#
# Usage: scripts/bench-vault.sh            (5,000 households, as in BENCHMARKS.md)
#        NTK_BENCH_HOUSEHOLDS=500 scripts/bench-vault.sh   (quicker)
# Needs libssl-dev for SQLCipher.
set -euo pipefail
cd "$(dirname "$0")/.."
households="${NTK_BENCH_HOUSEHOLDS:-5000}"
export NTK_BENCH_DIR="${NTK_BENCH_DIR:-$(mktemp -d)}"
log="$(mktemp)"

(cd bench/sqlcipher && cargo build --release --quiet)
export NTK_SQLCIPHER_BIN="$PWD/bench/sqlcipher/target/release/ntk-bench-sqlcipher"

echo "== vault (cargo bench -p ntk-core --bench vault), $households households, SQLCipher alternating"
NTK_BENCH_HOUSEHOLDS="$households" cargo bench -p ntk-core --bench vault 2>&1 | tee "$log"

read -r v50 v99 < <(sed -n 's/.*VAULT_SAVE_P50_MS=\([0-9.]*\) VAULT_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1)
read -r s50 s99 < <(sed -n 's/.*SQLCIPHER_SAVE_P50_MS=\([0-9.]*\) SQLCIPHER_SAVE_P99_MS=\([0-9.]*\).*/\1 \2/p' "$log" | tail -1)
awk -v v50="$v50" -v v99="$v99" -v s50="$s50" -v s99="$s99" 'BEGIN {
  printf "== vault / SQLCipher durable save: p50 %.3f / %.3f ms = %.2fx; p99 %.3f / %.3f ms = %.2fx\n",
         v50, s50, v50 / s50, v99, s99, v99 / s99 }'
rm -f "$log"
