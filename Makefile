# The commands the README and CI use; one way to do each thing.
.PHONY: run test fmt lint bench

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

bench:
	bash scripts/bench.sh
