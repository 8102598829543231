# The commands the README and CI use; one way to do each thing.
.PHONY: run demo test fmt lint bench measure-app

run:
	bash scripts/run.sh

demo:
	bash scripts/run.sh --demo

measure-app:
	bash scripts/measure-app.sh

test:
	bash scripts/test.sh

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings

bench:
	bash scripts/bench.sh
