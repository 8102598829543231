# The commands the README and CI use; one way to do each thing.
.PHONY: run demo test fmt lint bench measure-app package

run:
	bash scripts/run.sh

demo:
	bash scripts/run.sh --demo

measure-app:
	bash scripts/measure-app.sh

# The Debian package (target/release/bundle/deb/); see docs/install.md.
package:
	bash scripts/package.sh

test:
	bash scripts/test.sh

# The JavaScript tools (Biome, pinned in tests/ui/package.json) come from `npm ci` in tests/ui.
BIOME = tests/ui/node_modules/.bin/biome

$(BIOME): tests/ui/package.json tests/ui/package-lock.json
	cd tests/ui && npm ci --no-audit --no-fund
	touch $(BIOME)

fmt: $(BIOME)
	cargo fmt --all
	$(BIOME) format --write

lint: $(BIOME)
	$(BIOME) ci --error-on-warnings
	cargo clippy --workspace --all-targets -- -D warnings

# NTK_BENCH_EARLIER=<commit> make bench also measures the save at that commit in the same run
# (f4d8297: main just before padded records); see BENCHMARKS.md.
bench:
	bash scripts/bench.sh
